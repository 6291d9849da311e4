/** Thrown by a body stream that went past its limit: nothing beyond it was read. */
export class BodyTooLarge extends Error {
  constructor(readonly maxBytes: number) {
    super(`The request body is larger than ${maxBytes} bytes`);
    this.name = "BodyTooLarge";
  }
}

/**
 * The body as a stream that errors with `error()` once more than `maxBytes` have come in, so a
 * large or endless (chunked) body is refused after `maxBytes`, never buffered whole. A declared
 * Content-Length over the limit is refused before reading anything.
 */
export function limitedBody(req: Request, maxBytes: number, error: () => Error = () => new BodyTooLarge(maxBytes)) {
  const declared = Number(req.headers.get("content-length") ?? 0);
  let size = 0;
  return req.body?.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      start(controller) {
        if (declared > maxBytes) controller.error(error());
      },
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) controller.error(error());
        else controller.enqueue(chunk);
      },
    }),
  );
}

/** The raw body, or null when it is larger than `maxBytes` (as declared, or as read so far). */
export async function readBodyWithin(req: Request, maxBytes: number): Promise<string | null> {
  const body = limitedBody(req, maxBytes);
  try {
    return body ? await new Response(body).text() : "";
  } catch (error) {
    if (error instanceof BodyTooLarge) return null;
    throw error;
  }
}
