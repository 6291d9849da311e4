import type { Db } from "@/db/client";
import { VendorError } from "../../vendors/http";
import type { MemberRecord, ResponsysInteractClient } from "../../vendors/responsys/client";
import type { ExtensionMatchColumn } from "../../vendors/responsys/wire";
import type { ClientOptions } from "../../vendors/types";
import { recordResponsysRiids } from "../contact/record-responsys-riids";
import { findIntegration } from "../integration/reads";
import { recordVendorCall } from "../integration/record-vendor-call";
import { segmentWhere } from "../segment/members";
import { columnName, fieldValue, identifierRecord, segmentColumn, type ExportContact } from "./member-records";
import { findJob, findSegmentNames, setJobStatus, updateJobConfig, type JobRow } from "./queries";
import {
  claimEntries,
  dropBatch,
  findBatchEntries,
  findMembersAmong,
  findPending,
  markBatchSent,
  recordBatchAttempt,
  recordBatchError,
  releaseBatch,
} from "./queue-queries";
import { STALE_CLAIM_MS } from "./reconcile-audience";
import { interactClientFor } from "./responsys-clients";
import {
  BATCH_SIZE,
  hashIdentifiers,
  SEGMENTS_TABLE,
  type ExportAudienceConfig,
  type ExportToCampaignConfig,
} from "./schema";

export type FlushResult =
  | { claimed: 0; reason: "deleted" | "paused" | "not_due" | "empty" }
  | { claimed: number; sent: number; failed: number; refused: string | null; remaining: number; due: boolean };

type Entry = Awaited<ReturnType<typeof findBatchEntries>>[number];
type Outcome = {
  entryId: string;
  contactId: string;
  change: "enter" | "exit";
  error: string | null;
  riid: string | null;
};

// Exit flags in the list field the job names [assumed convention: Responsys's own Y/N flags].
const EXITED = "Y";
const NOT_AGAIN = "Not sent again: Responsys may have triggered the campaign email for this batch before the failure";
const MEMBER = "N";

/** Vendor failures worth retrying with the same batch: the vendor may answer next time. */
const transient = (error: VendorError) =>
  error.kind === "unavailable" || error.kind === "timeout" || error.kind === "rate_limited";

function isDue(pending: number, oldest: Date | null, timeoutSeconds: number, now: Date) {
  return pending >= BATCH_SIZE || (oldest !== null && oldest.getTime() <= now.getTime() - timeoutSeconds * 1000);
}

/**
 * Sends one batch of a job's queue to Responsys (every 200 members or 10 minutes,
 * whichever comes first). A new batch id claims up to 200 waiting entries, but only when 200
 * wait or the oldest has waited the job's timeout; the same batch id again (a retried step)
 * resends the entries it already claimed and claims nothing new. Responsys list merges are
 * upserts, so resending a batch whose first send landed before a crash changes nothing; the
 * entries are marked sent once, by the batch that holds them, so nothing is counted twice.
 * Transient vendor failures throw, for the caller to retry the same batch; a refusal fails
 * the job with Responsys's message and puts the entries back for a resume.
 */
export async function flushAudienceBatch(
  db: Db,
  jobId: string,
  batchId: string,
  options: { now?: Date; clientOptions?: ClientOptions } = {},
): Promise<FlushResult> {
  const now = options.now ?? new Date();
  const staleBefore = new Date(now.getTime() - STALE_CLAIM_MS);
  const job = await findJob(db, jobId);
  if (!job) return { claimed: 0, reason: "deleted" };
  if (job.status !== "active") return { claimed: 0, reason: "paused" };

  let entries = await findBatchEntries(db, batchId);
  if (entries.length === 0) {
    const { pending, oldest } = await findPending(db, job.id, staleBefore);
    if (pending === 0) return { claimed: 0, reason: "empty" };
    if (!isDue(pending, oldest, job.batchTimeoutSeconds, now)) return { claimed: 0, reason: "not_due" };
    const claimed = await db.transaction((tx) => claimEntries(tx, job.id, batchId, now, staleBefore, BATCH_SIZE));
    if (claimed.length === 0) return { claimed: 0, reason: "empty" };
    entries = await findBatchEntries(db, batchId);
  }
  const attempts = await recordBatchAttempt(db, job.id, batchId, entries.length);

  let outcomes: Outcome[];
  // A campaign trigger sends email: a batch tried before may have been sent, so it is not sent again.
  if (job.kind === "export_to_campaign" && attempts > 1) outcomes = entries.map((e) => outcome(e, NOT_AGAIN));
  else {
    try {
      const integration = await findIntegration(db, job.workspaceId, job.integrationId);
      if (!integration || integration.uninstalledAt)
        throw new VendorError(
          "responsys",
          "auth",
          "The job's Responsys authorization was uninstalled: create the job again with another one",
        );
      const client = interactClientFor(integration, options.clientOptions);
      outcomes =
        job.kind === "export_to_campaign"
          ? await sendToCampaign(client, job, entries)
          : await sendToList(db, client, job, entries);
      await recordVendorCall(db, job.integrationId, "responsys_flush", true, null);
    } catch (error) {
      if (!(error instanceof VendorError)) throw error;
      await recordBatchError(db, job.id, batchId, error.message);
      await recordVendorCall(db, job.integrationId, "responsys_flush", false, error.message);
      if (job.kind === "export_to_campaign" && error.kind === "rate_limited") {
        // Nothing was triggered: the entries wait again and the retry starts a clean batch.
        await db.transaction((tx) => dropBatch(tx, batchId));
        throw error;
      }
      if (job.kind === "export_to_campaign" && transient(error))
        outcomes = entries.map((e) => outcome(e, `${NOT_AGAIN} (${error.message})`));
      else if (transient(error)) throw error;
      else {
        await db.transaction(async (tx) => {
          await releaseBatch(tx, batchId);
          await setJobStatus(tx, job.id, "failed", error.message);
        });
        const { pending } = await findPending(db, job.id, staleBefore);
        return { claimed: entries.length, sent: 0, failed: 0, refused: error.message, remaining: pending, due: false };
      }
    }
  }

  const { sent, failed } = await db.transaction(async (tx) => {
    // The RIIDs Responsys answered (a campaign's recipient id is the RIID too) go on the contacts.
    await recordResponsysRiids(
      tx,
      job.workspaceId,
      outcomes.filter((o) => !o.error).map((o) => ({ contactId: o.contactId, riid: o.riid })),
    );
    return markBatchSent(tx, job.id, batchId, now, outcomes);
  });
  const { pending, oldest } = await findPending(db, job.id, staleBefore);
  return {
    claimed: entries.length,
    sent,
    failed,
    refused: null,
    remaining: pending,
    due: isDue(pending, oldest, job.batchTimeoutSeconds, now),
  };
}

const outcome = (e: Entry, error: string | null, riid: string | null = null): Outcome => ({
  entryId: e.id,
  contactId: e.contactId,
  change: e.change,
  error,
  riid,
});
const contactOf = (e: Entry) => e.contact as ExportContact;

/** Profile list export: enters merged, exits flagged in the same merge or deleted by RIID. */
async function sendToList(db: Db, client: ResponsysInteractClient, job: JobRow, entries: Entry[]): Promise<Outcome[]> {
  const config = job.config as ExportAudienceConfig;
  const keys = [config.matchColumn1, ...(config.matchColumn2 ? [config.matchColumn2] : [])];
  const results = new Map<string, Outcome>();
  const toMerge: { entry: Entry; record: MemberRecord }[] = [];
  const toRemove: { entry: Entry; record: MemberRecord }[] = [];
  for (const entry of entries) {
    const record = identifierRecord(contactOf(entry), config.idMappings);
    const empty = keys.find((k) => !record[k]);
    if (empty) {
      const field = config.idMappings.find((m) => m.identifier === empty)?.field ?? empty;
      results.set(entry.id, outcome(entry, `Not sent: the contact has no ${field} for match column ${empty}`));
      continue;
    }
    if (entry.change === "exit" && config.onExit === "remove") toRemove.push({ entry, record });
    else
      toMerge.push({
        entry,
        record:
          config.onExit === "flag" && config.exitFlagField
            ? { ...record, [config.exitFlagField]: entry.change === "exit" ? EXITED : MEMBER }
            : record,
      });
  }

  const merge = {
    matchColumn1: config.matchColumn1,
    ...(config.matchColumn2 ? { matchColumn2: config.matchColumn2 } : {}),
    defaultPermissionStatus: config.defaultPermission,
  };
  const updateOnly = keys.some((k) => hashIdentifiers.includes(k));
  if (toMerge.length > 0) {
    const merged = await client.mergeListMembers(
      config.listName,
      toMerge.map((m) => m.record),
      { ...merge, insertOnNoMatch: !updateOnly },
    );
    toMerge.forEach((m, i) => {
      const r = merged[i];
      results.set(
        m.entry.id,
        r?.ok
          ? outcome(m.entry, null, r.riid)
          : outcome(m.entry, r?.error ?? "Responsys returned no result for this record"),
      );
    });
  }

  if (toRemove.length > 0) {
    // Members this job never merged have no RIID here: a merge that neither inserts nor
    // updates looks it up (Responsys answers the RIID of a match, MERGEFAILED otherwise).
    const unknown = toRemove.filter((r) => !r.entry.riid);
    const looked =
      unknown.length > 0
        ? await client.mergeListMembers(
            config.listName,
            unknown.map((u) => u.record),
            { ...merge, insertOnNoMatch: false, updateOnMatch: "NO_UPDATE" },
          )
        : [];
    const riids = new Map(unknown.map((u, i) => [u.entry.id, looked[i]?.ok ? looked[i].riid : null]));
    for (const { entry } of toRemove) {
      const riid = entry.riid ?? riids.get(entry.id) ?? null;
      // Not in the list: already removed, which is what the exit asks.
      if (riid) await client.deleteListMember(config.listName, riid);
      results.set(entry.id, outcome(entry, null));
    }
  }

  const merged = toMerge.filter((m) => m.entry.change === "enter" && !results.get(m.entry.id)?.error);
  await writeExtensionTables(db, client, job, config, merged);
  return entries.map((e) => results.get(e.id) ?? outcome(e, "Not sent"));
}

/** A list merge key as a PET match column: the same name without its trailing underscore. */
const petColumn = (k: string) => k.replace(/_$/, "") as ExtensionMatchColumn;

/** Creates the job's table once; one already there (made by hand, or by an earlier try) will do. */
async function ensureTable(
  db: Db,
  client: ResponsysInteractClient,
  job: JobRow,
  listName: string,
  table: string,
  columns: string[],
  flag: "fieldsTableCreated" | "segmentsTableCreated",
) {
  const config = job.config as ExportAudienceConfig;
  if (config[flag]) return;
  try {
    await client.createExtensionTable(listName, table, columns, "Lytics");
  } catch (error) {
    if (!(error instanceof VendorError && error.vendorCode === "OBJECT_ALREADY_EXISTS")) throw error;
  }
  const updated = { ...config, [flag]: true };
  await updateJobConfig(db, job.id, updated);
  job.config = updated;
}

/** Additional fields to the fields table, segment memberships to Lytics_Segments. */
async function writeExtensionTables(
  db: Db,
  client: ResponsysInteractClient,
  job: JobRow,
  config: ExportAudienceConfig,
  merged: { entry: Entry; record: MemberRecord }[],
) {
  if (merged.length === 0) return;
  const key = config.matchColumn1;
  const match = { matchColumn1: petColumn(key), insertOnNoMatch: !hashIdentifiers.includes(key) };
  if (config.additionalFields.length > 0) {
    const columns = config.additionalFields.map(columnName);
    // A table the admin chose already exists; only the job's own is created.
    if (!config.fieldsTable)
      await ensureTable(db, client, job, config.listName, config.fieldsTableName, columns, "fieldsTableCreated");
    const rows = merged.map(({ entry, record }) => ({
      [key]: record[key] ?? "",
      ...Object.fromEntries(config.additionalFields.map((f, i) => [columns[i] ?? f, fieldValue(contactOf(entry), f)])),
    }));
    await client.mergeExtensionMembers(config.listName, config.fieldsTableName, rows, match);
  }
  if (config.segmentMemberships.length > 0) {
    // In the order the job lists them, so the table's columns read as the admin chose them.
    const order = config.segmentMemberships;
    const segments = (await findSegmentNames(db, job.workspaceId, order)).sort(
      (a, b) => order.indexOf(a.id) - order.indexOf(b.id),
    );
    const ids = merged.map((m) => m.entry.contactId);
    const columns = segments.map((s) => segmentColumn(s.name));
    const memberships = await Promise.all(
      segments.map((s) => findMembersAmong(db, job.workspaceId, segmentWhere(s), ids)),
    );
    await ensureTable(db, client, job, config.listName, SEGMENTS_TABLE, columns, "segmentsTableCreated");
    const rows = merged.map(({ entry, record }) => ({
      [key]: record[key] ?? "",
      ...Object.fromEntries(columns.map((col, i) => [col, memberships[i]?.has(entry.contactId) ? "Y" : "N"])),
    }));
    await client.mergeExtensionMembers(config.listName, SEGMENTS_TABLE, rows, match);
  }
}

/** Campaign export: each entering member is merged into the campaign's list and sent its email. */
async function sendToCampaign(client: ResponsysInteractClient, job: JobRow, entries: Entry[]): Promise<Outcome[]> {
  const config = job.config as ExportToCampaignConfig;
  const results = new Map<string, Outcome>();
  const send: { entry: Entry; email: string }[] = [];
  for (const entry of entries) {
    // Exits are not queued for campaign exports; one left from an earlier setting is dropped.
    if (entry.change === "exit") results.set(entry.id, outcome(entry, null));
    else {
      const email = fieldValue(contactOf(entry), config.emailField).trim();
      if (email) send.push({ entry, email });
      else results.set(entry.id, outcome(entry, `Not sent: the contact has no ${config.emailField}`));
    }
  }
  if (send.length > 0) {
    const optional = send.map(({ entry }) =>
      Object.fromEntries(config.additionalFields.map((f) => [columnName(f), fieldValue(contactOf(entry), f)])),
    );
    const triggered = await client.mergeTriggerEmail(
      config.campaignName,
      send.map((s) => ({ EMAIL_ADDRESS_: s.email })),
      { matchColumn1: "EMAIL_ADDRESS_", defaultPermissionStatus: config.defaultPermission },
      optional,
    );
    send.forEach((s, i) => {
      const r = triggered[i];
      results.set(
        s.entry.id,
        r?.ok
          ? outcome(s.entry, null, r.recipientId)
          : outcome(s.entry, r?.error ?? "Responsys returned no result for this recipient"),
      );
    });
  }
  return entries.map((e) => results.get(e.id) ?? outcome(e, "Not sent"));
}
