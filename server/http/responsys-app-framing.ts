import { env } from "../env";
import { RESPONSYS_DOMAINS } from "../vendors/responsys/hosts";

/**
 * The Content-Security-Policy of the CX app's configuration pages: only Responsys (and the
 * origins an operator adds) may frame them; every other page of the portal may not be framed
 * at all (next.config.ts). The sandbox's App Management simulator may frame them too: test
 * mode is part of every deployment, and the simulator runs on SANDBOX_URL.
 */
export function appPageFramePolicy(): string {
  const extra = env.RESPONSYS_FRAME_ANCESTORS?.split(/[\s,]+/).filter(Boolean) ?? [];
  return `frame-ancestors ${[...RESPONSYS_DOMAINS.map((domain) => `https://*.${domain}`), ...extra, new URL(env.SANDBOX_URL).origin].join(" ")}`;
}
