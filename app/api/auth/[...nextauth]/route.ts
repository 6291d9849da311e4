import type { NextRequest } from "next/server";
import { handlers } from "@/server/auth/config";

export const { POST } = handlers;

/**
 * Auth.js's GET routes; the session's JSON (GET /api/auth/session, which the browser may read)
 * leaves out the server-side session id: the cookie points to the session, nothing else needs to.
 */
export async function GET(request: NextRequest) {
  const response = await handlers.GET(request);
  if (!request.nextUrl.pathname.endsWith("/session") || !response.ok) return response;
  const session = (await response.json()) as { user?: Record<string, unknown> } | null;
  if (session?.user) delete session.user.sessionId;
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  return Response.json(session, { status: response.status, headers });
}
