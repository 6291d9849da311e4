import { env } from "../env";

/**
 * The client's address as far as this deployment can know it, and whether it can be trusted.
 *
 * Each of the TRUSTED_PROXY_HOPS proxies in front of the portal appends the address it was
 * called from to X-Forwarded-For, so the client is the entry that many from the end; anything
 * before it was written by the client and is ignored.
 *
 * With no proxy (0 hops) nothing can be trusted: Next.js sets X-Forwarded-For to the socket's
 * address only when the request carries none (`??=` in node_modules/next/dist/server/base-server.js),
 * so a client that sends its own value replaces the real address, and the two cannot be told
 * apart. The last entry is still used as a label, but the throttle (throttle.ts) then gives all
 * of an account's attempts one shared allowance, so a fresh forged address gains nothing.
 */
export function clientAddress(headers: Headers, hops = env.TRUSTED_PROXY_HOPS): { ip: string; trusted: boolean } {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  if (hops === 0) return { ip: entries.at(-1) ?? "unknown", trusted: false };
  // Fewer entries than proxies: the request did not come through all of them.
  const ip = entries.at(-hops);
  return ip ? { ip, trusted: true } : { ip: entries[0] ?? "unknown", trusted: false };
}
