import { RetryAfterError } from "inngest";
import type { Db } from "@/db/client";
import type { AttentiveClient } from "../../vendors/attentive/client";
import { VendorError } from "../../vendors/http";
import { recordVendorCalls } from "../integration/record-vendor-call";
import { findRecipient } from "../campaign/reads";
import {
  claimAction,
  failCutOffSends,
  findPendingActionIds,
  releaseAction,
  setActionOutcome,
  type ActionOutcome,
} from "./queries";
import { findRunnableProgram, type RunnableProgram } from "./reads";
import { actionLabels, type SkipReason } from "./schema";
import { renderText } from "./text";
import { loyaltyClients } from "./vendor-clients";

// Actions one step texts; a run takes batches until none is pending.
export const SMS_PER_BATCH = 50;
// A claim this old belongs to a send that was cut off (a step runs for minutes at most).
const CUT_OFF_AFTER_MS = 15 * 60_000;

type Claimed = NonNullable<Awaited<ReturnType<typeof claimAction>>>;

const skip = (reasonCode: SkipReason, reason: string, toNumber: string | null = null): ActionOutcome => ({
  status: "skipped",
  reasonCode,
  reason,
  toNumber,
});

/** A vendor that limited the rate took nothing: the claim goes back and the step waits as told. */
async function waitIfRateLimited(db: Db, id: string, error: unknown) {
  if (!(error instanceof VendorError) || error.kind !== "rate_limited") return;
  await releaseAction(db, id);
  throw new RetryAfterError(error.message, error.retryAfterMs ?? 30_000);
}

/**
 * What becomes of one claimed action: skipped with the reason when the program does not text it,
 * the contact may not be texted (our consent, read now) or Attentive says they are not eligible;
 * otherwise the merged text goes through Attentive's messages API.
 */
async function textAction(
  db: Db,
  workspaceId: string,
  program: RunnableProgram,
  attentive: AttentiveClient,
  action: Claimed,
): Promise<ActionOutcome> {
  const label = actionLabels[action.type];
  const rule = program.rules[action.type];
  if (!rule?.enabled) return skip("action_off", `Texts for ${label} are switched off`);
  const contact = action.contactId ? await findRecipient(db, workspaceId, "sms", action.contactId) : null;
  if (!contact) return skip("contact_gone", "The contact no longer exists");
  const to = contact.mobileNumber;
  if (!to) return skip("no_mobile", "The contact has no mobile number");
  if (contact.consent === "opt_out") return skip("opted_out", "The contact opted out of SMS", to);
  if (contact.consent !== "opt_in") return skip("no_opt_in", "No SMS opt-in is recorded for the contact", to);
  const text = renderText(rule.body, { ...action.details, first_name: contact.firstName });
  if (!text.ok) return skip("missing_value", `{{${text.field}}} has no value for this action`, to);

  let eligible: boolean;
  try {
    // Loyalty texts are transactional and any active text subscription may receive them.
    eligible = (await attentive.getEligibility({ phone: to })).some((s) => s.channel === "TEXT" && s.isEligible);
  } catch (error) {
    await waitIfRateLimited(db, action.id, error);
    // Nothing was sent: the claim goes back, and the failed step is retried later.
    await releaseAction(db, action.id);
    throw error;
  }
  if (!eligible)
    return skip("not_eligible", "Attentive has no text subscription for this number that may be messaged", to);

  try {
    await attentive.sendMessage({ to, body: text.text });
    return { status: "sent", toNumber: to, body: text.text };
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    await waitIfRateLimited(db, action.id, error);
    const unknown = error.kind === "timeout" || error.kind === "unavailable";
    return {
      status: "failed",
      toNumber: to,
      body: text.text,
      reasonCode: error.vendorCode ?? error.kind,
      reason: unknown
        ? `${error.message} The text may or may not have been sent, so it was not sent again.`
        : error.message,
    };
  }
}

/**
 * Texts a batch of the workspace's pending loyalty actions, oldest first. Each action is claimed
 * before anything is sent and settled after, so a retried step or run never texts it twice;
 * Attentive takes no idempotency key, so a send that failed in a way that may have reached it is
 * recorded as failed, never repeated.
 */
export async function sendLoyaltySms(db: Db, workspaceId: string, now = new Date()) {
  const tally = { sent: 0, failed: 0, skipped: 0, more: false };
  const program = await findRunnableProgram(db, workspaceId);
  if (!program) return tally;
  tally.failed += await failCutOffSends(db, workspaceId, new Date(now.getTime() - CUT_OFF_AFTER_MS));
  const { attentive } = loyaltyClients(program.integration);
  const ids = await findPendingActionIds(db, workspaceId, SMS_PER_BATCH);
  // The batch's texts, for the Attentive integration's health: recorded once, even when a step fails.
  const calls = {
    integrationId: program.integration.id,
    operation: "loyalty_text",
    succeeded: 0,
    failed: 0,
    lastFailure: null as string | null,
  };
  try {
    for (const id of ids) {
      const action = await claimAction(db, id);
      if (!action) continue;
      const outcome = await textAction(db, workspaceId, program, attentive, action);
      await setActionOutcome(db, id, outcome);
      tally[outcome.status]++;
      if (outcome.status === "sent") calls.succeeded++;
      if (outcome.status === "failed") {
        calls.failed++;
        calls.lastFailure = outcome.reason ?? null;
      }
    }
  } finally {
    await recordVendorCalls(db, [calls]);
  }
  return { ...tally, more: ids.length === SMS_PER_BATCH };
}
