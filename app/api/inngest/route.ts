import { serve } from "inngest/next";
import { functions } from "@/inngest/functions";
import { inngest } from "@/server/jobs/client";

// The one import of inngest/ from app/: serving the function list.
export const { GET, POST, PUT } = serve({ client: inngest, functions });
