import { describe, expect, it } from "vitest";
import { readAppSession, signAppSession } from "./app-session";

const session = {
  kind: "service" as const,
  appIntegrationId: "6f1c2a9e-0b7d-4c53-9a55-0d6c2f1e8a11",
  ref: "instance-1",
};

describe("configuration page sessions", () => {
  it("last 30 minutes", () => {
    const at = new Date("2026-03-01T12:00:00Z");
    const token = signAppSession(session, at);
    expect(readAppSession(token, new Date(at.getTime() + 29 * 60_000))).toMatchObject(session);
    expect(readAppSession(token, new Date(at.getTime() + 30 * 60_000))).toBeNull();
  });

  it("are refused when altered", () => {
    const [body = "", mac = ""] = signAppSession(session).split(".");
    const other = Buffer.from(JSON.stringify({ ...session, ref: "instance-2", exp: Date.now() + 60_000 })).toString(
      "base64url",
    );
    expect(readAppSession(`${other}.${mac}`)).toBeNull();
    expect(readAppSession(`${body}.${mac}x`)).toBeNull();
    expect(readAppSession(`${body}.${mac}.${mac}`)).toBeNull();
  });
});
