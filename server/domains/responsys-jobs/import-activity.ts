import type { Db } from "@/db/client";
import { VendorError } from "../../vendors/http";
import type { ClientOptions } from "../../vendors/types";
import { findIntegration } from "../integration/reads";
import { applyActivity, type ActivityEvent } from "./activity-aggregates";
import { activityFileInfo, parseActivityFile, type ActivityRow } from "./activity-files";
import {
  findContactActivity,
  findContactIdsByEmail,
  findContactIdsByMobile,
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
};
export type ImportActivityResult = { skipped: true; reason: string } | { skipped: false; files: ImportedFile[] };

/** Files read per run; the rest wait for the next one. */
const MAX_FILES_PER_RUN = 20;

/**
 * Reads the import job's new activity files from the Responsys SFTP folder: files
 * of its account ids not read before, split on the job's delimiter. Good lines become events,
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
      files.push(await ingestFile(db, job, name, text, config.delimiter));
    }
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
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

async function ingestFile(
  db: Db,
  job: { id: string; workspaceId: string },
  name: string,
  text: string,
  delimiter: string,
): Promise<ImportedFile> {
  const { rows, errors, lines } = parseActivityFile(name, text, delimiter);
  return db.transaction(async (tx) => {
    const byEmail = await findContactIdsByEmail(tx, job.workspaceId, [
      ...new Set(rows.map((r) => r.email).filter((e): e is string => Boolean(e))),
    ]);
    const byMobile = await findContactIdsByMobile(tx, job.workspaceId, [
      ...new Set(
        rows
          .map((r) => r.mobileNumber)
          .filter((m): m is string => Boolean(m))
          .map(plus),
      ),
    ]);
    const contactOf = (r: ActivityRow) =>
      (r.email ? byEmail.get(r.email) : undefined) ??
      (r.mobileNumber ? byMobile.get(plus(r.mobileNumber)) : undefined) ??
      null;
    const inserted = await insertActivityEvents(
      tx,
      rows.map((r) => ({
        jobId: job.id,
        contactId: contactOf(r),
        externalEventId: r.externalEventId,
        eventType: r.eventType,
        channel: r.channel,
        payload: r.payload,
        occurredAt: r.occurredAt,
      })),
    );
    const perContact = new Map<string, ActivityEvent[]>();
    for (const e of inserted) {
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
    const result = { name, lines, imported: inserted.length, duplicates: rows.length - inserted.length, errors };
    await recordImport(tx, {
      jobId: job.id,
      source: name,
      accountId,
      lines,
      imported: result.imported,
      duplicates: result.duplicates,
      errors,
    });
    return result;
  });
}

/** Responsys mobile numbers have no "+"; contacts hold E.164. */
const plus = (n: string) => (n.startsWith("+") ? n : `+${n}`);
