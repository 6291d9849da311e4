import { describe, expect, it } from "vitest";
import { createWorkspace } from "../testing/fixtures";
import { handleTrpcRequest, MAX_TRPC_BATCH, MAX_TRPC_BYTES } from "./trpc";

const { db, marketer } = await createWorkspace();
const signedIn = (req: Request) => handleTrpcRequest(req, () => Promise.resolve({ db, user: marketer }));

const url = (paths: string[]) => `http://127.0.0.1/api/trpc/${paths.join(",")}?batch=1`;
const errorOf = async (response: Response) =>
  (await response.json()) as
    { error: { message: string; data: { code: string } } }[] | { error: { message: string; data: { code: string } } };

describe("/api/trpc limits", () => {
  it("refuses a batch of more calls than the browser ever sends", async () => {
    const paths = Array.from({ length: MAX_TRPC_BATCH + 1 }, () => "contact.list");
    const response = await signedIn(new Request(url(paths)));
    expect(response.status).toBe(400);
    expect(JSON.stringify(await errorOf(response))).toMatch(/batch/i);
  });

  it("cuts off a chunked body that never ends, without buffering it", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode(" ".repeat(256 * 1024)));
      },
    });
    const response = await signedIn(
      new Request(url(["contact.create"]), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: endless,
        duplex: "half",
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(JSON.stringify(await errorOf(response))).toContain(`larger than ${MAX_TRPC_BYTES} bytes`);
    expect(pulled * 256 * 1024).toBeLessThan(MAX_TRPC_BYTES * 2);
  });

  it("refuses a declared length over the limit", async () => {
    const response = await signedIn(
      new Request(url(["contact.create"]), {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(MAX_TRPC_BYTES + 1) },
        body: "{}",
      }),
    );
    expect(response.status).toBe(413);
  });

  it("answers an unexpected failure with a reference, never its internal message", async () => {
    const response = await handleTrpcRequest(new Request(url(["contact.list"])), () =>
      Promise.reject(new Error("connect ECONNREFUSED 10.0.0.7:5432 as user switchboard_prod")),
    );
    expect(response.status).toBe(500);
    const body = JSON.stringify(await errorOf(response));
    expect(body).not.toContain("ECONNREFUSED");
    expect(body).toMatch(/Something went wrong on our side\. Reference: [0-9a-f-]{36}/);
  });
});
