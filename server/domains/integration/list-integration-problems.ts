import type { Db } from "@/db/client";
import { listIntegrations } from "./list-integrations";
import { problemsOf } from "./problems";

/** The installed integrations that need attention (problems.ts), with what is wrong with each. */
export async function listIntegrationProblems(db: Db, workspaceId: string) {
  const integrations = await listIntegrations(db, workspaceId, false);
  return integrations
    .map((i) => ({ id: i.id, label: i.label, vendor: i.vendor, problems: problemsOf(i) }))
    .filter((i) => i.problems.length > 0);
}
