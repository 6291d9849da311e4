import { createHmac, randomBytes } from "node:crypto";
import { env } from "../env";
import { localSecret } from "../lib/data-dir";
import { sameSecret } from "../http/secret";

/**
 * The device cookie (OWASP's "device cookies" defence against account lock-out): after a
 * successful sign-in the browser keeps `<account>.<device id>.<HMAC>`, signed with a key derived
 * from AUTH_SECRET. Sign-in attempts that present a valid one for the account they try are
 * throttled in a bucket of their own, so failures from anywhere else, however many and from
 * whatever (forged) address, never delay the account's owner on a browser they have used before.
 */
export const DEVICE_COOKIE = "switchboard-device";
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 3600;

const key = () =>
  createHmac("sha256", env.AUTH_SECRET ?? localSecret("auth-secret"))
    .update("switchboard device cookie")
    .digest();
const sign = (payload: string) => createHmac("sha256", key()).update(payload).digest("base64url");

/** A new signed device cookie value for this account (email, lower-cased). */
export function issueDeviceCookie(email: string): string {
  const payload = `${Buffer.from(email).toString("base64url")}.${randomBytes(16).toString("base64url")}`;
  return `${payload}.${sign(payload)}`;
}

/** The device id of a valid cookie issued for `email`, else null (absent, forged, another account's). */
export function deviceIdFrom(cookieHeader: string | null, email: string): string | null {
  const value = cookieHeader
    ?.split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${DEVICE_COOKIE}=`))
    ?.slice(DEVICE_COOKIE.length + 1);
  const [account, device, signature, ...rest] = value?.split(".") ?? [];
  if (!account || !device || !signature || rest.length > 0) return null;
  if (!sameSecret(signature, sign(`${account}.${device}`))) return null;
  return Buffer.from(account, "base64url").toString() === email ? device : null;
}
