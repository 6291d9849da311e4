import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "../../env";
import { localSecret } from "../../lib/data-dir";

/**
 * What authorises the app's configuration pages. Responsys shows them in a cross-origin frame
 * where no cookie of ours is reliable and no one signs in, so the configure endpoint (which AMS
 * authenticated with its JWT) hands the page a short-lived signed session in its URL.
 *
 * Signed with HMAC-SHA256 under a key derived from AUTH_SECRET (or the local secret Auth.js
 * falls back to) with its own purpose label, as the desk token is, so it can never be
 * mistaken for any other token of ours. Not a JWT: nothing outside Switchboard reads it.
 */
export const appSession = z.object({
  kind: z.enum(["app", "service"]),
  appIntegrationId: z.uuid(),
  // The installation (kind app) or the service instance (kind service) being configured.
  ref: z.string().min(1),
  exp: z.number().int(),
});
export type AppSession = z.infer<typeof appSession>;

const TTL_MS = 30 * 60_000;

function key(): Buffer {
  const root = env.AUTH_SECRET ?? localSecret("auth-secret");
  return createHmac("sha256", root).update("switchboard/responsys-app-session/v1").digest();
}
const mac = (body: string) => createHmac("sha256", key()).update(body).digest();

export function signAppSession(session: Omit<AppSession, "exp">, now = new Date()): string {
  const body = Buffer.from(JSON.stringify({ ...session, exp: now.getTime() + TTL_MS })).toString("base64url");
  return `${body}.${mac(body).toString("base64url")}`;
}

/** The session, or null when it is forged, altered or expired. */
export function readAppSession(token: string, now = new Date()): AppSession | null {
  const [body = "", signature = "", ...rest] = token.split(".");
  if (rest.length > 0) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = appSession.safeParse(json);
  return parsed.success && parsed.data.exp > now.getTime() ? parsed.data : null;
}
