import type { Db, Tx } from "@/db/client";
import { VendorError } from "../../vendors/http";
import type { ClientOptions } from "../../vendors/types";
import { contactFromActivity } from "../contact/contact-from-activity";
import { normalisePhone } from "../contact/phone";
import { recordResponsysRiids } from "../contact/record-responsys-riids";
import { findIntegration } from "../integration/reads";
import { recordVendorCall } from "../integration/record-vendor-call";
import { applyActivity, type ActivityEvent } from "./activity-aggregates";
import { activityFileInfo, parseActivityFile, type ActivityRow } from "./activity-files";
import {
  findContactActivity,
  findContactIdsByEmail,
  findContactIdsByMobile,
  findContactIdsByRiid,
  findImportedSources,
  insertActivityEvents,
  recordImport,
  setContactActivity,
} from "./activity-queries";
import { findJob, setJobStatus } from "./queries";
import { recordBatchError } from "./queue-queries";
import { sftpClientFor } from "./responsys-clients";
import type { ImportActivityConfig } from "./schema";

export type ImportedFile = {
  name: string;
  lines: number;
  imported: number;
  duplicates: number;
  errors: { line: number; reason: string }[];
  /** How the imported rows found their contact, or did not. */
  attachedByRiid: number;
  attachedByEmail: number;
  attachedByMobile: number;
  created: number;
  unmatched: number;
};
export type ImportActivityResult = { skipped: true; reason: string } | { skipped: false; files: ImportedFile[] };

/** Files read per run; the rest wait for the next one. */
const MAX_FILES_PER_RUN = 20;

/**
 * Reads the import job's new activity files from the Responsys SFTP folder: files
 * of its account ids not read before, split on the job's delimiter (or read as JSON). Good lines become events,
 * each ingested once (the same line read again is a duplicate), and are added to the matching
 * contact's aggregates; bad lines are reported with their line number and reason. A file is
 * recorded with its events in one transaction, so a crash mid-file reads it again whole.
 */
export async function importActivity(
  db: Db,
  jobId: string,
  options: { clientOptions?: ClientOptions } = {},
): Promise<ImportActivityResult> {
  const job = await findJob(db, jobId);
  if (!job) return { skipped: true, reason: "deleted" };
  if (job.status !== "active") return { skipped: true, reason: job.status };
  if (job.kind !== "import_activity") return { skipped: true, reason: "not an import" };
  const config = job.config as ImportActivityConfig;
  const integration = await findIntegration(db, job.workspaceId, job.integrationId);
  if (!integration || integration.uninstalledAt) return { skipped: true, reason: "authorization uninstalled" };

  const files: ImportedFile[] = [];
  try {
    const client = sftpClientFor(integration, config.folder, options.clientOptions);
    const names = (await client.listFolder()).filter((n) => {
      const info = activityFileInfo(n);
      return info !== null && config.accountIds.includes(info.accountId);
    });
    const done = await findImportedSources(db, job.id, names);
    for (const name of names.filter((n) => !done.has(n)).slice(0, MAX_FILES_PER_RUN)) {
      const text = await client.readFile(name);
      files.push(await ingestFile(db, job, name, text, config));
    }
    await recordVendorCall(db, integration.id, "responsys_import", true, null);
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    await recordVendorCall(db, integration.id, "responsys_import", false, error.message);
    // Transient failures are retried by the caller; anything else stops the job with the reason.
    if (error.kind === "unavailable" || error.kind === "timeout") throw error;
    await db.transaction((tx) => setJobStatus(tx, job.id, "failed", error.message));
    return { skipped: true, reason: error.message };
  }
  const bad = files.find((f) => f.errors.length > 0);
  if (bad)
    await recordBatchError(db, job.id, null, `${bad.name}: line ${bad.errors[0]?.line}: ${bad.errors[0]?.reason}`);
  return { skipped: false, files };
}

type AttachedBy = "riid" | "email" | "mobile" | "created";
/** Unmatched rows kept per file for the download; the count covers them all. */
const MAX_UNMATCHED_KEPT = 10_000;

/**
 * The contact of each row: by RIID, then email, then mobile number; with `createContacts`, a
 * row of nobody with an email or a number makes a contact (contactFromActivity: never opted in).
 * A row holding only an unknown RIID stays unmatched: a contact without an address is one
 * nobody can reach or find. Rows matched by email or number teach their contact its RIID.
 */
async function attachRows(tx: Tx, workspaceId: string, rows: ActivityRow[], createContacts: boolean) {
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];
  const byRiid = await findContactIdsByRiid(tx, workspaceId, distinct(rows.map((r) => r.riid)));
  const byEmail = await findContactIdsByEmail(tx, workspaceId, distinct(rows.map((r) => r.email)));
  const byMobile = await findContactIdsByMobile(
    tx,
    workspaceId,
    distinct(rows.map((r) => r.mobileNumber && plus(r.mobileNumber))),
  );
  const attached = new Map<string, { contactId: string; by: AttachedBy } | null>();
  const learned: { contactId: string; riid: string | null }[] = [];
  for (const r of rows) {
    const mobile = r.mobileNumber ? plus(r.mobileNumber) : null;
    const found: [AttachedBy, string | undefined][] = [
      ["riid", r.riid ? byRiid.get(r.riid) : undefined],
      ["email", r.email ? byEmail.get(r.email) : undefined],
      ["mobile", mobile ? byMobile.get(mobile) : undefined],
    ];
    const [by, contactId] = found.find(([, id]) => id) ?? [];
    if (by && contactId) {
      attached.set(r.externalEventId, { contactId, by });
      if (by !== "riid") learned.push({ contactId, riid: r.riid });
      continue;
    }
    const phone = mobile ? normalisePhone(mobile) : null;
    const number = phone?.ok ? phone.e164 : null;
    const createdId =
      createContacts && (r.email || number)
        ? await contactFromActivity(tx, workspaceId, { email: r.email, mobileNumber: number, riid: r.riid })
        : null;
    attached.set(r.externalEventId, createdId ? { contactId: createdId, by: "created" } : null);
    // Later rows of the same user find the new contact.
    if (createdId) {
      if (r.riid) byRiid.set(r.riid, createdId);
      if (r.email) byEmail.set(r.email, createdId);
      if (number) byMobile.set(number, createdId);
    }
  }
  await recordResponsysRiids(tx, workspaceId, learned);
  return attached;
}

async function ingestFile(
  db: Db,
  job: { id: string; workspaceId: string },
  name: string,
  text: string,
  config: ImportActivityConfig,
): Promise<ImportedFile> {
  const { rows, errors, lines } = parseActivityFile(name, text, config.delimiter);
  return db.transaction(async (tx) => {
    const attached = await attachRows(tx, job.workspaceId, rows, config.createContacts ?? false);
    const inserted = await insertActivityEvents(
      tx,
      rows.map((r) => ({
        jobId: job.id,
        contactId: attached.get(r.externalEventId)?.contactId ?? null,
        externalEventId: r.externalEventId,
        eventType: r.eventType,
        channel: r.channel,
        payload: r.payload,
        occurredAt: r.occurredAt,
      })),
    );
    const perContact = new Map<string, ActivityEvent[]>();
    const counts = { riid: 0, email: 0, mobile: 0, created: 0, unmatched: 0 };
    const unmatchedRows: [string, string][][] = [];
    // As read, in the file's column order (the stored payload is jsonb, which sorts its keys).
    const payloads = new Map(rows.map((r) => [r.externalEventId, r.payload]));
    for (const e of inserted) {
      const by = attached.get(e.externalEventId)?.by;
      counts[by ?? "unmatched"] += 1;
      if (!by && unmatchedRows.length < MAX_UNMATCHED_KEPT)
        unmatchedRows.push(Object.entries(payloads.get(e.externalEventId) ?? {}));
      if (!e.contactId) continue;
      perContact.set(e.contactId, [
        ...(perContact.get(e.contactId) ?? []),
        {
          channel: e.channel as ActivityEvent["channel"],
          eventType: e.eventType as ActivityEvent["eventType"],
          occurredAt: e.occurredAt,
          payload: e.payload,
        },
      ]);
    }
    for (const contact of await findContactActivity(tx, [...perContact.keys()])) {
      await setContactActivity(tx, contact.id, applyActivity(contact.activity, perContact.get(contact.id) ?? []));
    }
    const accountId = activityFileInfo(name)?.accountId ?? null;
    const result = {
      name,
      lines,
      imported: inserted.length,
      duplicates: rows.length - inserted.length,
      errors,
      attachedByRiid: counts.riid,
      attachedByEmail: counts.email,
      attachedByMobile: counts.mobile,
      created: counts.created,
      unmatched: counts.unmatched,
    };
    await recordImport(tx, { jobId: job.id, source: name, accountId, ...result, unmatchedRows });
    return result;
  });
}

/** Responsys mobile numbers have no "+"; contacts hold E.164. */
const plus = (n: string) => (n.startsWith("+") ? n : `+${n}`);
