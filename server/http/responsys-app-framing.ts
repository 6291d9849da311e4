import { env } from "../env";

// Where Responsys serves its UI: Interact 2 and 5 (responsys.net), 8 and 9 (rsys8/rsys9.net),
// and accounts on Oracle Cloud Infrastructure (oraclecloud.com).
const RESPONSYS_ORIGINS = [
  "https://*.responsys.net",
  "https://*.rsys8.net",
  "https://*.rsys9.net",
  "https://*.oraclecloud.com",
];

/**
 * The Content-Security-Policy of the CX app's configuration pages: only Responsys (and the
 * origins an operator adds) may frame them; every other page of the portal may not be framed
 * at all (next.config.ts). The sandbox's App Management simulator may frame them too: test
 * mode is part of every deployment, and the simulator runs on SANDBOX_URL.
 */
export function appPageFramePolicy(): string {
  const extra = env.RESPONSYS_FRAME_ANCESTORS?.split(/[\s,]+/).filter(Boolean) ?? [];
  return `frame-ancestors ${[...RESPONSYS_ORIGINS, ...extra, new URL(env.SANDBOX_URL).origin].join(" ")}`;
}
