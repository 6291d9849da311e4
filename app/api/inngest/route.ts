import { serve } from "inngest/next";
import { functions } from "@/inngest/functions";
import { env } from "@/server/env";
import { uncompressed } from "@/server/http/uncompressed";
import { inngest } from "@/server/jobs/client";

// The one import of inngest/ from app/: serving the function list. The engine's step calls
// are answered uncompressed (server/http/uncompressed.ts). The engine is told to call APP_URL,
// never an address read from a request's Host header, which a caller could set.
const handlers = serve({ client: inngest, functions, serveOrigin: env.APP_URL });
export const { GET, PUT } = handlers;
export const POST = async (...args: Parameters<typeof handlers.POST>) => uncompressed(await handlers.POST(...args));
