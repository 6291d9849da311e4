import { answerAppProbe, handleResponsysAppRequest } from "@/server/http/responsys-app";

// Thin edge: Responsys App Management calls the app (JWT-signed); server/responsys-app answers.
export async function POST(req: Request, { params }: { params: Promise<{ integrationId: string; path: string[] }> }) {
  return handleResponsysAppRequest(req, await params);
}

export function OPTIONS() {
  return answerAppProbe();
}
