import type { Db } from "@/db/client";
import { findJobs } from "./queries";
import type { listJobsInput } from "./schema";
import type { z } from "zod";

export function listJobs(db: Db, workspaceId: string, input: z.output<typeof listJobsInput>) {
  return findJobs(db, workspaceId, input.kind ?? null);
}
