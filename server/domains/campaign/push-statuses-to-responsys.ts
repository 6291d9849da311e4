import { RetryAfterError } from "inngest";
import type { Db } from "@/db/client";
import { VendorError } from "../../vendors/http";
import type { MemberRecord, ResponsysInteractClient } from "../../vendors/responsys/client";
import type { ClientOptions } from "../../vendors/types";
import { interactClientFor } from "../responsys-jobs/responsys-clients";
import { recordIntegrationError, recordVendorCall } from "../integration/record-vendor-call";
import { findResponsysIntegrations, findStatusContacts } from "./queries";
import { LAST_MESSAGE_STATUS } from "./schema";

// Responsys merges at most 200 records per call (§2 of docs/vendors/responsys.md).
const MERGE_BATCH = 200;
const OPERATION = "responsys.merge_statuses";

type MatchColumn = "MOBILE_NUMBER_" | "EMAIL_ADDRESS_";
type Integration = Awaited<ReturnType<typeof findResponsysIntegrations>>[number];

/**
 * Issue 4 item 5: the statuses write-back-statuses has just written to contacts also go to the
 * profile list named by each connected Responsys Interact integration of their workspace,
 * matched by MOBILE_NUMBER_ (EMAIL_ADDRESS_ for a contact without a mobile), in a column named
 * LAST_MESSAGE_STATUS or after the custom attribute. Members are only updated, never created.
 * The values are read from the contacts now, so a retry sends what they hold; a merge is an
 * upsert, so a retried batch changes nothing twice. A 5xx, 429 or timeout throws for the
 * caller's step to retry; a refusal, and rows Responsys answers MERGEFAILED for, are logged and
 * shown as the integration's last error and in its call health, and the rest goes on.
 */
export async function pushStatusesToResponsys(
  db: Db,
  written: { contactId: string; field: string }[],
  clientOptions?: ClientOptions,
) {
  const contacts = new Map(
    (await findStatusContacts(db, [...new Set(written.map((w) => w.contactId))])).map((c) => [c.id, c]),
  );
  const integrations = await findResponsysIntegrations(db, [
    ...new Set([...contacts.values()].map((c) => c.workspaceId)),
  ]);
  const tally = { merged: 0, failed: 0 };
  for (const integration of integrations) {
    const listName = typeof integration.config.profileList === "string" ? integration.config.profileList.trim() : "";
    if (integration.config.method !== "interact" || !listName) continue;
    // One call carries one match column and one status column: every record needs the same fields.
    const groups = new Map<string, { matchColumn: MatchColumn; records: MemberRecord[] }>();
    for (const { contactId, field } of written) {
      const contact = contacts.get(contactId);
      if (contact?.workspaceId !== integration.workspaceId) continue;
      const key = field === LAST_MESSAGE_STATUS ? null : field.slice("attr:".length);
      const value = key === null ? contact.lastMessageStatus : contact.attributes[key];
      // Responsys wants mobile numbers as digits with the country code, no "+".
      const match: [MatchColumn, string] | null = contact.mobileNumber
        ? ["MOBILE_NUMBER_", contact.mobileNumber.replace(/^\+/, "")]
        : contact.email
          ? ["EMAIL_ADDRESS_", contact.email]
          : null;
      if (value === null || value === undefined || !match) continue;
      const column = key ?? "LAST_MESSAGE_STATUS";
      const group = groups.get(`${match[0]} ${column}`) ?? { matchColumn: match[0], records: [] };
      group.records.push({ [match[0]]: match[1], [column]: String(value) });
      groups.set(`${match[0]} ${column}`, group);
    }
    if (groups.size === 0) continue;
    const client = interactClientFor(integration, clientOptions);
    for (const { matchColumn, records } of groups.values()) {
      for (let i = 0; i < records.length; i += MERGE_BATCH) {
        const { merged, failed } = await mergeBatch(
          db,
          client,
          integration,
          listName,
          matchColumn,
          records.slice(i, i + MERGE_BATCH),
        );
        tally.merged += merged;
        tally.failed += failed;
      }
    }
  }
  return tally;
}

async function mergeBatch(
  db: Db,
  client: ResponsysInteractClient,
  integration: Integration,
  listName: string,
  matchColumn: MatchColumn,
  records: MemberRecord[],
) {
  const record = (ok: boolean, message: string | null) =>
    db.transaction(async (tx) => {
      await recordVendorCall(tx, integration.id, OPERATION, ok, message);
      if (message) await recordIntegrationError(tx, integration.id, message);
    });
  try {
    // No member is created (insertOnNoMatch false), so the permission for new members never applies.
    const results = await client.mergeListMembers(listName, records, {
      matchColumn1: matchColumn,
      insertOnNoMatch: false,
      updateOnMatch: "REPLACE_ALL",
      defaultPermissionStatus: "OPTOUT",
    });
    const failures = results.flatMap((r) => (r.ok ? [] : [r.error]));
    const message =
      failures.length > 0
        ? `Message statuses: ${failures.length} of ${records.length} contacts were not updated in ${listName} (${failures[0]})`
        : null;
    if (message) console.warn(`Responsys integration ${integration.id}: ${message}`);
    await record(failures.length === 0, message);
    return { merged: records.length - failures.length, failed: failures.length };
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    await record(false, `Message statuses were not written to ${listName}: ${error.message}`);
    if (error.kind === "rate_limited") throw new RetryAfterError(error.message, error.retryAfterMs ?? 60_000);
    if (error.kind === "unavailable" || error.kind === "timeout") throw error;
    console.warn(
      `Responsys integration ${integration.id}: message statuses not written to ${listName}: ${error.message}`,
    );
    return { merged: 0, failed: records.length };
  }
}
