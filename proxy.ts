import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, isCrossSiteMutation } from "./server/http/page-security";

// Every response gets its Content-Security-Policy here, per request: scripts need a fresh
// nonce each time, and the Responsys pages' framing policy belongs to the running server's
// environment (the sandbox URL, RESPONSYS_FRAME_ANCESTORS), not the build machine's.
export function proxy(request: NextRequest) {
  if (isCrossSiteMutation(request, request.nextUrl.origin))
    return NextResponse.json({ error: "Cross-site requests cannot change anything here" }, { status: 403 });
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = contentSecurityPolicy(nonce, request.nextUrl.pathname);
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

// Not static files, and not the machine endpoints (vendor callbacks, the Responsys app's
// calls, the Inngest engine): they answer JSON to servers, authenticated by their own tokens,
// and are the portal's hot path.
export const config = {
  matcher: ["/((?!_next/static|_next/image|icon.svg|api/webhooks/|api/responsys-app/|api/inngest).*)"],
};
