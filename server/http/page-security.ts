import { env } from "../env";
import { appPageFramePolicy } from "./responsys-app-framing";

const isAppPage = (pathname: string) => pathname === "/responsys-app" || pathname.startsWith("/responsys-app/");

/**
 * The Content-Security-Policy of one response. Scripts run only with this request's nonce
 * (Next.js puts it on its own scripts when it finds it in the request's policy) and what they
 * load ('strict-dynamic'). Styles allow inline attributes: Radix positions popovers with them,
 * and a style cannot run code. Only the Responsys CX app's configuration pages may be framed,
 * by Responsys; development adds 'unsafe-eval', which React's dev tooling needs.
 */
export function contentSecurityPolicy(nonce: string, pathname: string): string {
  const dev = process.env.NODE_ENV !== "production";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    isAppPage(pathname) ? appPageFramePolicy() : "frame-ancestors 'none'",
  ].join("; ");
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A state-changing request a browser sent from another site with the user's cookies (CSRF).
 * Browsers send Origin with every POST; Sec-Fetch-Site covers the rest. Requests from servers
 * (vendor callbacks, the Inngest engine) send neither and carry no session cookie: they are
 * authenticated by their own tokens and signatures.
 */
export function isCrossSiteMutation(req: Request, ownOrigin: string): boolean {
  if (SAFE_METHODS.has(req.method) || !req.headers.get("cookie")) return false;
  const origin = req.headers.get("origin");
  if (origin) return origin !== ownOrigin && origin !== new URL(env.APP_URL).origin;
  return req.headers.get("sec-fetch-site") === "cross-site";
}
