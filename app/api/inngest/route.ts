import { serve } from "inngest/next";
import { functions } from "@/inngest/functions";
import { uncompressed } from "@/server/http/uncompressed";
import { inngest } from "@/server/jobs/client";

// The one import of inngest/ from app/: serving the function list. The engine's step calls
// are answered uncompressed (server/http/uncompressed.ts).
const handlers = serve({ client: inngest, functions });
export const { GET, PUT } = handlers;
export const POST = async (...args: Parameters<typeof handlers.POST>) => uncompressed(await handlers.POST(...args));
