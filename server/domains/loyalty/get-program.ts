import type { Db } from "@/db/client";
import { listAnnexTargets } from "../segment/push-to-annex";
import { findProgram } from "./queries";

/** The workspace's loyalty program (null until first saved) and the Attentive integrations it may use, by label only. */
export async function getProgram(db: Db, workspaceId: string) {
  const [program, integrations] = await Promise.all([findProgram(db, workspaceId), listAnnexTargets(db, workspaceId)]);
  return { program, integrations };
}
