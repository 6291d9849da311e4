import { getDb } from "@/db/client";
import { uncompressed } from "../http/uncompressed";
import { MAX_WEBHOOK_BYTES, receiveWebhook } from "./receive";

/** The raw body, or null when it is larger than `maxBytes` (as declared, or as read). */
export async function readBodyWithin(req: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return null;
  const raw = await req.text();
  return Buffer.byteLength(raw) > maxBytes ? null : raw;
}

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
