import { getDb } from "@/db/client";
import { MAX_WEBHOOK_BYTES, receiveWebhook } from "../webhooks/receive";
import { readBodyWithin } from "./body";
import { uncompressed } from "./uncompressed";

/** The HTTP side of a vendor callback: the size limit on the raw body, the token from the URL. */
export async function handleWebhookRequest(
  req: Request,
  params: { vendor: string; integrationId: string; kind: string },
): Promise<Response> {
  const raw = await readBodyWithin(req, MAX_WEBHOOK_BYTES);
  if (raw === null)
    return uncompressed(
      Response.json({ error: `Callbacks larger than ${MAX_WEBHOOK_BYTES} bytes are refused.` }, { status: 413 }),
    );
  const token = new URL(req.url).searchParams.get("token");
  const signature = req.headers.get("x-attentive-hmac-sha256");
  const { status, body } = await receiveWebhook(await getDb(), { ...params, token, signature, raw });
  return uncompressed(Response.json(body, { status }));
}
