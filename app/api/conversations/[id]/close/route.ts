import { handleDeskClose } from "@/server/http/desk-close";

// Thin edge: an external agent desk closes a conversation (bearer token, see desk-token.ts).
export async function POST(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleDeskClose(req, (await params).id);
}
