import type { Db } from "@/db/client";
import type { ResultRow } from "../../vendors/responsys-app/wire";
import { findCampaignById } from "../campaign/reads";
import { findDueResults, findInvocation, findReportProgress, markResultsPushed } from "./invocation-queries";
import { clientFor, occurrenceOf } from "./invocation";
import { CORRELATION_ID, ROW_ERROR, ROW_STATUS } from "./record-definition";

/** Import calls per call of reportInvocation (one Inngest step); the caller goes on at once when more are due. */
export const BATCHES_PER_CALL = 10;

// appcloud_row_status per message status. A row still queued when its timeout passed was not
// sent yet (a paused campaign, a slow vendor): a warning rather than a failure, since it may still go.
const OUTCOME = {
  sent: "success",
  delivered: "success",
  read: "success",
  failed: "failure",
  skipped: "failure",
  queued: "warning",
} as const;
const NO_REASON = {
  failed: "The message failed",
  skipped: "The message was not sent",
  queued: "Not sent yet when the status timeout passed",
} as const;
const ERROR_WIDTH = 5120;

type Result = {
  externalRef: string | null;
  status: keyof typeof OUTCOME;
  errorCode: string | null;
  errorMessage: string | null;
};

/** One result row in the order of the output parameters; the campaign's status field gets the last status, upper-cased. */
export function resultRow(outputNames: string[], statusField: string | null, message: Result): ResultRow {
  const outcome = OUTCOME[message.status];
  const error =
    message.status === "sent" || message.status === "delivered" || message.status === "read"
      ? null
      : (message.errorMessage ?? message.errorCode ?? NO_REASON[message.status]).slice(0, ERROR_WIDTH);
  return outputNames.map((name) => {
    if (name === CORRELATION_ID) return message.externalRef;
    if (name === ROW_STATUS) return outcome;
    if (name === ROW_ERROR) return error;
    return name === statusField ? message.status.toUpperCase() : null;
  });
}

/**
 * Pushes the results that are due (final status, or status timeout passed since the message
 * was created) to Responsys's import endpoint, at most maxPushBatchSize rows a call. Each batch
 * is marked pushed only after Responsys took it, so a crash or retry in between pushes it
 * again rather than losing it: the import is an upsert by correlation id, a repeat is harmless.
 * Says how many rows remain and when the last of them times out.
 */
export async function reportInvocation(db: Db, invocationId: string, now = new Date()) {
  const invocation = await findInvocation(db, invocationId);
  const campaign = await findCampaignById(db, invocation.campaignId);
  if (!campaign)
    throw new Error(`campaign ${invocation.campaignId} of responsys invocation ${invocationId} does not exist`);
  const occurrence = occurrenceOf(invocation.uuid);
  const names = invocation.outputParameters.map((p) => p.name);
  const due = {
    campaignId: campaign.id,
    occurrence,
    timeoutMinutes: campaign.statusTimeoutMinutes,
    now,
    limit: invocation.maxPushBatchSize,
  };
  const client = clientFor(invocation);
  let pushed = 0;
  let full = 0;
  for (; full < BATCHES_PER_CALL; full++) {
    const batch = await findDueResults(db, due);
    if (batch.length === 0) break;
    await client.importRows(invocation.importEndpoint, {
      fieldDefinitions: invocation.outputParameters,
      dataSet: {
        id: invocation.dataSetId,
        rows: batch.map((m) => resultRow(names, campaign.statusField, m)),
        size: null,
      },
      release: false,
    });
    await markResultsPushed(
      db,
      invocationId,
      batch.map((m) => m.id),
      now,
    );
    pushed += batch.length;
    if (batch.length < invocation.maxPushBatchSize) break;
  }
  const progress = await findReportProgress(db, campaign.id, occurrence, campaign.statusTimeoutMinutes);
  return {
    pushed,
    more: full === BATCHES_PER_CALL && progress.remaining > 0,
    remaining: progress.remaining,
    now: now.toISOString(),
    deadline: (progress.deadline ?? now).toISOString(),
  };
}
