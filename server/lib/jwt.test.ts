import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { JwtError, signHs256, verifyHs256, type JwtFailure } from "./jwt";

const SECRET = "sandbox-app-token-secret-0123456789abcdef";
const NOW = new Date("2026-03-01T12:00:00Z");
const now = Math.floor(NOW.getTime() / 1000);
const claims = (extra: Record<string, unknown> = {}) => ({
  iss: "AMS",
  sub: "install-1",
  aud: "token-key",
  iat: now,
  exp: now + 60,
  jti: "jti-1",
  ...extra,
});
const b64 = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
/** A token with any header, signed with HMAC-SHA256 regardless of what the header claims. */
const handMade = (header: unknown, payload: unknown, secret = SECRET) => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
};

function refusal(token: string, audience = "token-key", at = NOW): JwtFailure {
  try {
    verifyHs256(token, SECRET, { audience, now: at });
  } catch (error) {
    if (error instanceof JwtError) return error.reason;
    throw error;
  }
  throw new Error("the token was accepted");
}

describe("HS256 JWT", () => {
  it("signs exactly as the JWT reference example does", () => {
    // jwt.io's example token, published with its secret.
    expect(signHs256({ sub: "1234567890", name: "John Doe", iat: 1516239022 }, "your-256-bit-secret")).toBe(
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
    );
  });

  it("returns the claims of a valid token, whether aud is one value or a list", () => {
    expect(
      verifyHs256(signHs256(claims({ "o.a.p.ctenantId": "6607" }), SECRET), SECRET, {
        audience: "token-key",
        now: NOW,
      }),
    ).toEqual(claims({ "o.a.p.ctenantId": "6607" }));
    expect(
      verifyHs256(signHs256(claims({ aud: ["other", "token-key"] }), SECRET), SECRET, {
        audience: "token-key",
        now: NOW,
      }).jti,
    ).toBe("jti-1");
  });

  it("refuses what is not a JWT", () => {
    expect(refusal("abc.def")).toBe("bad_format");
    expect(refusal(`${b64("not json")}.${b64(claims())}.c2ln`)).toBe("bad_format");
    expect(refusal(`${b64({ alg: "HS256" })}.${b64([1, 2])}.c2ln`)).toBe("bad_format");
    expect(refusal(`${signHs256(claims(), SECRET)}.extra`)).toBe("bad_format");
    expect(refusal(handMade({ alg: "HS256" }, claims({ exp: "tomorrow" })))).toBe("bad_format");
  });

  it("refuses any algorithm but HS256, including none", () => {
    expect(refusal(`${b64({ alg: "none" })}.${b64(claims())}.`)).toBe("bad_format");
    expect(refusal(`${b64({ alg: "none" })}.${b64(claims())}.AA`)).toBe("bad_alg");
    expect(refusal(handMade({ alg: "HS512", typ: "JWT" }, claims()))).toBe("bad_alg");
  });

  it("refuses a token signed with another secret or changed after signing", () => {
    expect(refusal(signHs256(claims(), "another-secret-of-some-length"))).toBe("bad_signature");
    const [head, , sig] = signHs256(claims(), SECRET).split(".");
    expect(refusal(`${head}.${b64(claims({ sub: "someone-else" }))}.${sig}`)).toBe("bad_signature");
    expect(refusal(`${head}.${b64(claims())}.${sig?.slice(0, -4)}`)).toBe("bad_signature");
  });

  it("refuses a token for another audience", () => {
    expect(refusal(signHs256(claims(), SECRET), "another-key")).toBe("wrong_audience");
    expect(refusal(signHs256(claims({ aud: undefined }), SECRET))).toBe("wrong_audience");
  });

  it("accepts an expiry up to 30 seconds past, not more", () => {
    const token = signHs256(claims({ exp: now }), SECRET);
    expect(verifyHs256(token, SECRET, { audience: "token-key", now: new Date(NOW.getTime() + 30_000) }).exp).toBe(now);
    expect(refusal(token, "token-key", new Date(NOW.getTime() + 31_000))).toBe("expired");
  });

  it("refuses an expiry that is no time in seconds (1e300, a fraction), where its id could not be kept until then", () => {
    expect(refusal(signHs256(claims({ exp: 1e300 }), SECRET))).toBe("bad_format");
    expect(refusal(signHs256(claims({ exp: now + 0.5 }), SECRET))).toBe("bad_format");
  });

  it("refuses a token without a jti", () => {
    expect(refusal(signHs256(claims({ jti: undefined }), SECRET))).toBe("no_jti");
    expect(refusal(signHs256(claims({ jti: "" }), SECRET))).toBe("no_jti");
  });
});
