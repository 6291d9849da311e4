/** The raw body, or null when it is larger than `maxBytes` (as declared, or as read). */
export async function readBodyWithin(req: Request, maxBytes: number): Promise<string | null> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) return null;
  const raw = await req.text();
  return Buffer.byteLength(raw) > maxBytes ? null : raw;
}
