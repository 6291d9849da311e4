/**
 * Marks an answer to a machine (a vendor's callback, the Inngest engine's call) as not to be
 * compressed. Next.js gzips every streamed response whatever its size, and these are small
 * and many: at a few hundred callbacks a second the gzip streams alone took about a tenth of
 * the portal's CPU. `no-transform` is what Next.js's compression honours to leave one alone.
 */
export function uncompressed(response: Response): Response {
  response.headers.set("cache-control", "no-store, no-transform");
  return response;
}
