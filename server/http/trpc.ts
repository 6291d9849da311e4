import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { createContext, type Context } from "../trpc/init";
import { appRouter } from "../trpc/root";
import { limitedBody } from "./body";

// The largest input is a dialer list (5 MB of CSV text, campaign schema), with JSON's escaping.
export const MAX_TRPC_BYTES = 8 * 1024 * 1024;
// The browser's batch link sends at most this many calls at once (app/_trpc/provider.tsx).
export const MAX_TRPC_BATCH = 10;

/**
 * /api/trpc: bodies cut off past the limit before they are buffered, batches capped. The
 * context is the signed-in request's unless a caller (a test) brings its own.
 */
export function handleTrpcRequest(req: Request, context: () => Promise<Context> = createContext) {
  const tooLarge = () =>
    new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: `Requests larger than ${MAX_TRPC_BYTES} bytes are refused` });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(req, { body: limitedBody(req, MAX_TRPC_BYTES, tooLarge), duplex: "half" } as RequestInit),
    router: appRouter,
    createContext: context,
    maxBatchSize: MAX_TRPC_BATCH,
  });
}
