import { handleWebhookRequest } from "@/server/http/webhook";

// Thin edge: the raw request goes to server/webhooks, which answers fast.
export async function POST(
  req: Request,
  { params }: { params: Promise<{ vendor: string; integrationId: string; kind: string }> },
) {
  return handleWebhookRequest(req, await params);
}
