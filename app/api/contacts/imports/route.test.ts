import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/server/auth/sessions";
import { createWorkspace } from "@/server/testing/fixtures";

// The session comes from the Auth.js cookie, which needs a Next.js request scope; the user it
// would resolve to is a real one from the fixtures.
const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/server/auth/config", () => ({ getSessionUser: () => Promise.resolve(session.user) }));
const { POST } = await import("./route");

const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "text/csv" }) =>
  POST(
    new Request("http://localhost/api/contacts/imports?name=list.csv", {
      method: "POST",
      body,
      headers,
      duplex: "half",
    } as RequestInit),
  );

describe("POST /api/contacts/imports", () => {
  it("needs a session", async () => {
    session.user = null;
    const res = await post("Email\na@example.com\n");
    expect(res.status).toBe(401);
  });

  it("stores a streamed CSV for a marketer and answers with the preview", async () => {
    const { marketer } = await createWorkspace();
    session.user = marketer;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode("Mobile,Email\n+4479111"));
        controller.enqueue(new TextEncoder().encode("23456,a@example.com\n"));
        controller.close();
      },
    });
    const res = await post(body);
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({
      id: expect.any(String) as unknown,
      fileName: "list.csv",
      columns: ["Mobile", "Email"],
      rows: [{ line: 2, fields: ["+447911123456", "a@example.com"] }],
      suggestedMapping: { Mobile: "mobileNumber", Email: "email" },
    });
  });

  it("answers a file it cannot use with the reason, and multipart with 415", async () => {
    const { admin } = await createWorkspace();
    session.user = admin;
    const empty = await post("");
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({
      error: "The file is empty: the first row must name the columns",
      field: "file",
    });
    const multipart = await post("x", { "content-type": "multipart/form-data; boundary=x" });
    expect(multipart.status).toBe(415);
  });
});
