import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";

describe("/api/inngest outside dev mode", () => {
  it("refuses an unsigned call to run a function", async () => {
    vi.stubEnv("INNGEST_DEV", "");
    vi.stubEnv("INNGEST_SIGNING_KEY", "signkey-prod-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    vi.resetModules();
    const { POST } = await import("./route");
    const res = await POST(
      new NextRequest("http://localhost/api/inngest?fnId=switchboard-purge-sessions&stepId=step", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          event: { name: "switchboard/sessions.purge-requested", data: { requestedBy: null } },
          events: [],
          steps: {},
          ctx: {},
        }),
      }),
      undefined,
    );
    expect(res.status).toBe(401);
  });
});
