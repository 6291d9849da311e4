// Sending a campaign's queued messages: claiming them, recording what the vendor said, settling
// interrupted sends, and finding the reports that are overdue.
import { and, eq, gt, inArray, isNull, sql, type SQL } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { rowsOf } from "../../lib/raw-rows";

const m = schema.messages;

/** The template a message names (a dialer line picks its own), as the vendor call needs it. */
export async function findTemplateForSend(db: Db | Tx, integrationId: string, id: string) {
  const t = schema.templates;
  const [row] = await db
    .select({ name: t.name, language: t.language })
    .from(t)
    .where(and(eq(t.integrationId, integrationId), eq(t.id, id)));
  return row ?? null;
}

/**
 * Claims queued messages for sending: the first attempt only. A send that crashed after the
 * claim is never repeated, because none of these vendors takes an idempotency key and a
 * second attempt could deliver twice; it is reported as failed with an unknown outcome.
 */
export async function claimMessages(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .update(m)
    .set({ attempts: sql`${m.attempts} + 1`, claimedAt: new Date() })
    .where(and(inArray(m.id, ids), eq(m.status, "queued"), eq(m.attempts, 0), isNull(m.vendorMessageId)))
    .returning({
      id: m.id,
      contactId: m.contactId,
      toNumber: m.toNumber,
      externalRef: m.externalRef,
      templateId: m.templateId,
      parameters: m.parameters,
      body: m.body,
    });
}

export type MessageOutcome = {
  id: string;
  status: "sent" | "failed" | "skipped";
  vendorMessageId?: string | null;
  errorCode?: string | null;
  errorMessage?: string | null;
};

/**
 * What became of claimed messages, in two statements whatever their number: the messages
 * (still queued, so nothing a report already moved is overwritten) and their history.
 */
export async function setMessageOutcomes(db: Db, outcomes: MessageOutcome[]) {
  if (outcomes.length === 0) return;
  const at = new Date();
  const values = sql.join(
    outcomes.map(
      (o) =>
        sql`(${o.id}::uuid, ${o.status}::message_status, ${o.vendorMessageId ?? null}::text, ${o.errorCode ?? null}::text, ${o.errorMessage ?? null}::text)`,
    ),
    sql`, `,
  );
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      update ${m} set status = v.status, vendor_message_id = v.vendor_message_id, error_code = v.error_code, error_message = v.error_message,
        status_at = ${at.toISOString()}::timestamptz, sent_at = case when v.status <> 'skipped' then ${at.toISOString()}::timestamptz end
      from (values ${values}) as v(id, status, vendor_message_id, error_code, error_message)
      where ${m.id} = v.id and ${m.status} = 'queued'`);
    await tx.insert(schema.messageStatusEvents).values(
      outcomes.map((o) => ({
        messageId: o.id,
        status: o.status,
        errorCode: o.errorCode ?? null,
        errorMessage: o.errorMessage ?? null,
        occurredAt: at,
      })),
    );
  });
}

/**
 * Up to `limit` messages of `vendor`'s integrations the vendor took before `sentBefore` with no
 * report since, not looked up since `lookedUpBefore`: marked looked up at `now`, returned with
 * their integration, so each is asked about once per interval whoever else is looking.
 */
export async function takeOverdueReports(
  db: Db,
  vendor: string,
  at: { now: Date; sentBefore: Date; lookedUpBefore: Date },
  limit: number,
) {
  const { now, sentBefore, lookedUpBefore } = at;
  const i = schema.integrations;
  const due = await rowsOf<{ id: string }>(
    db,
    sql`
      update ${m} set report_looked_up_at = ${now.toISOString()}::timestamptz where ${m.id} in (
        select ${m.id} from ${m} join ${i} on ${i.id} = ${m.integrationId}
        where ${m.status} = 'sent' and ${m.vendorMessageId} is not null and ${i.vendor} = ${vendor}
          and ${m.statusAt} < ${sentBefore.toISOString()}::timestamptz
          and (${m.reportLookedUpAt} is null or ${m.reportLookedUpAt} < ${lookedUpBefore.toISOString()}::timestamptz)
        order by ${m.statusAt} limit ${limit} for update of ${m} skip locked)
      returning ${m.id} as "id"`,
  );
  if (due.length === 0) return [];
  return db
    .select({
      vendorMessageId: m.vendorMessageId,
      integration: {
        id: i.id,
        workspaceId: i.workspaceId,
        vendor: i.vendor,
        config: i.config,
        secrets: i.secrets,
        sandbox: i.sandbox,
      },
    })
    .from(m)
    .innerJoin(i, eq(i.id, m.integrationId))
    .where(
      inArray(
        m.id,
        due.map((d) => d.id),
      ),
    );
}

/** Undoes claims whose sends the vendor refused before taking them (rate limited), so a retry may send. */
export async function releaseMessageClaims(db: Db, ids: string[]) {
  if (ids.length === 0) return;
  await db
    .update(m)
    .set({ attempts: sql`${m.attempts} - 1`, claimedAt: null })
    .where(and(inArray(m.id, ids), eq(m.status, "queued"), gt(m.attempts, 0)));
}

/**
 * Claims older than `claimedBefore` that never got an outcome: their run was interrupted
 * (a crash, a timeout, a cancel) somewhere between the claim and recording what the vendor
 * said. They become failed with the outcome unknown, never queued again: the vendor may have
 * taken them, and none of these vendors dedupes a repeated send. Returns their campaigns.
 */
export async function settleInterruptedClaims(db: Db, claimedBefore: Date, errorMessage: string) {
  return failQueuedMessages(db, and(gt(m.attempts, 0), sql`${m.claimedAt} < ${claimedBefore.toISOString()}`), {
    errorCode: "outcome_unknown",
    errorMessage,
    sentAt: sql`${m.claimedAt}`,
  });
}

/** Messages among `ids` that no run has handed to the vendor fail as not sent, with the reason. */
export async function failUnclaimedMessages(db: Db, ids: string[], errorMessage: string) {
  if (ids.length === 0) return [];
  return failQueuedMessages(db, and(inArray(m.id, ids), eq(m.attempts, 0)), {
    errorCode: "not_sent",
    errorMessage,
    sentAt: null,
  });
}

/** Still-queued messages matching `where` become failed, with their history, in one transaction; returns their campaigns. */
async function failQueuedMessages(
  db: Db,
  where: SQL | undefined,
  outcome: { errorCode: string; errorMessage: string; sentAt: SQL | null },
) {
  const { errorCode, errorMessage, sentAt } = outcome;
  return db.transaction(async (tx) => {
    const at = new Date();
    const failed = await tx
      .update(m)
      .set({ status: "failed", errorCode, errorMessage, statusAt: at, sentAt })
      .where(and(eq(m.status, "queued"), where))
      .returning({ id: m.id, campaignId: m.campaignId });
    if (failed.length > 0) {
      await tx
        .insert(schema.messageStatusEvents)
        .values(
          failed.map((f) => ({ messageId: f.id, status: "failed" as const, errorCode, errorMessage, occurredAt: at })),
        );
    }
    return [...new Set(failed.flatMap((f) => (f.campaignId ? [f.campaignId] : [])))];
  });
}
