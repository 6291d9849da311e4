import { createHmac, timingSafeEqual } from "node:crypto";

// HS256 JSON Web Tokens (RFC 7519) for the Responsys CX app contract (§4 of
// docs/vendors/responsys.md): AMS signs its calls to us with the app's token secret, and we sign
// ours back with the install secret. node:crypto only: the contract needs one algorithm, not a JOSE
// library.

export type Claims = Record<string, unknown> & { jti: string; exp: number };

export type JwtFailure = "bad_format" | "bad_alg" | "bad_signature" | "wrong_audience" | "expired" | "no_jti";

export class JwtError extends Error {
  constructor(
    public readonly reason: JwtFailure,
    message: string,
  ) {
    super(message);
    this.name = "JwtError";
  }
}

// Clocks of AMS and ours differ a little; more than this and the token is stale.
const LEEWAY_SECONDS = 30;
const MAX_DATE_SECONDS = 8.64e12;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const signature = (signingInput: string, secret: string) => createHmac("sha256", secret).update(signingInput).digest();

export function signHs256(claims: Record<string, unknown>, secret: string): string {
  const signingInput = `${encode({ alg: "HS256", typ: "JWT" })}.${encode(claims)}`;
  return `${signingInput}.${signature(signingInput, secret).toString("base64url")}`;
}

function decodeObject(part: string): Record<string, unknown> | null {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * The claims of a token signed with `secret` for `audience`, or a JwtError saying why not. The
 * signature is checked before any claim is trusted, and compared in constant time.
 */
export function verifyHs256(token: string, secret: string, opts: { audience: string; now?: Date }): Claims {
  const parts = token.split(".");
  const [head = "", body = "", sig = ""] = parts;
  const header = parts.length === 3 ? decodeObject(head) : null;
  const claims = header ? decodeObject(body) : null;
  if (!header || !claims || !/^[A-Za-z0-9_-]+$/.test(sig))
    throw new JwtError("bad_format", "The token is not a JWT (header.payload.signature, base64url JSON)");
  if (header.alg !== "HS256")
    throw new JwtError("bad_alg", `The token's algorithm must be HS256, not ${JSON.stringify(header.alg ?? null)}`);
  const expected = signature(`${head}.${body}`, secret);
  const given = Buffer.from(sig, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new JwtError("bad_signature", "The token's signature does not match the secret");
  const audiences: unknown[] = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(opts.audience))
    throw new JwtError("wrong_audience", "The token is meant for another audience (aud)");
  if (typeof claims.exp !== "number") throw new JwtError("bad_format", "The token has no expiry (exp)");
  // Seconds since 1970 that a Date can hold: a replayed token's id is kept until then.
  if (!Number.isInteger(claims.exp) || Math.abs(claims.exp) > MAX_DATE_SECONDS)
    throw new JwtError("bad_format", "The token's expiry (exp) is not a time in seconds");
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  if (claims.exp + LEEWAY_SECONDS < now) throw new JwtError("expired", "The token has expired");
  if (typeof claims.jti !== "string" || claims.jti === "")
    throw new JwtError("no_jti", "The token has no id (jti), so a replay could not be recognised");
  return claims as Claims;
}
