import type { Db } from "@/db/client";
import { VendorError } from "../../vendors/http";
import type { ResponsysInteractClient } from "../../vendors/responsys/client";
import { findResponsysIntegration, interactClientFor } from "./responsys-clients";

/** One listing: the names Responsys gave, or why not (denied: the user lacks the permission, a 403). */
export type NameLookup = { ok: true; names: string[] } | { ok: false; error: string; denied: boolean };

async function attempt(list: () => Promise<string[]>): Promise<NameLookup> {
  try {
    return { ok: true, names: (await list()).sort((a, b) => a.localeCompare(b)) };
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    return { ok: false, error: error.message, denied: error.status === 403 };
  }
}

/**
 * What the export job forms offer: the profile lists, the chosen list's extension tables and the
 * campaigns the authorization's user can see in Responsys. Each listing stands alone, so a user
 * allowed to list profile lists but not campaigns still gets the lists.
 */
export async function lookUpNames(
  db: Db,
  workspaceId: string,
  input: { integrationId: string; listName?: string | null },
): Promise<{ lists: NameLookup; tables: NameLookup | null; campaigns: NameLookup }> {
  const { integration } = await findResponsysIntegration(db, workspaceId, input.integrationId, "interact");
  const client = interactClientFor(integration);
  // Logged in once, so the listings share the token (Responsys throttles logins).
  const login = await attempt(async () => (await client.login(), []));
  if (!login.ok) return { lists: login, tables: input.listName ? login : null, campaigns: login };
  const listName = input.listName;
  const [lists, tables, campaigns] = await Promise.all([
    attempt(() => client.listProfileLists()),
    listName ? attempt(() => client.listExtensionTables(listName)) : null,
    attempt(() => client.listCampaigns()),
  ]);
  return { lists, tables, campaigns };
}

/** A name checked against a listing: undefined when found (or when the user may not list them), else why not. */
export function missingName(lookup: NameLookup, what: string, name: string): string | undefined {
  // Without the permission to list, the name cannot be checked here: the first batch will say.
  if (!lookup.ok) return lookup.denied ? undefined : `Could not check the ${what} in Responsys: ${lookup.error}`;
  if (lookup.names.includes(name)) return undefined;
  const near = lookup.names.find((n) => n.toLowerCase() === name.toLowerCase());
  if (near) return `No ${what} ${name} in Responsys: did you mean ${near}?`;
  const some = lookup.names.slice(0, 10).join(", ");
  return `No ${what} ${name} in Responsys${some ? ` (it has ${some}${lookup.names.length > 10 ? ", …" : ""})` : ""}: choose one from the list`;
}

/** The names an export job writes to, looked up in Responsys before it is saved. */
export async function checkJobNames(
  client: ResponsysInteractClient,
  job:
    | { kind: "export_audience"; listName: string; fieldsTable: string | null }
    | { kind: "export_to_campaign"; campaignName: string },
): Promise<{ field: string; message: string } | null> {
  if (job.kind === "export_to_campaign") {
    const message = missingName(await attempt(() => client.listCampaigns()), "campaign", job.campaignName);
    return message ? { field: "campaignName", message } : null;
  }
  const list = missingName(await attempt(() => client.listProfileLists()), "profile list", job.listName);
  if (list) return { field: "listName", message: list };
  if (!job.fieldsTable) return null;
  const tables = await attempt(() => client.listExtensionTables(job.listName));
  const table = missingName(tables, "extension table", job.fieldsTable);
  return table ? { field: "fieldsTable", message: table } : null;
}
