import { NextResponse } from "next/server";
import { appPageFramePolicy } from "./server/http/responsys-app-framing";

// Responsys shows the CX app's configuration pages in a frame. Their framing policy is set
// here, per request, rather than in next.config.ts: a production build bakes next.config's
// headers in, and the allowed origins (the sandbox URL, RESPONSYS_FRAME_ANCESTORS) belong to
// the running server's environment, not the build machine's.
export function proxy() {
  const response = NextResponse.next();
  response.headers.set("Content-Security-Policy", appPageFramePolicy());
  return response;
}

export const config = { matcher: ["/responsys-app/:path*"] };
