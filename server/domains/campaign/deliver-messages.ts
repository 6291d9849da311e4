import { RetryAfterError } from "inngest";
import type { Db } from "@/db/client";
import { VendorError } from "../../vendors/http";
import { findDeliveryState } from "./finish-campaign";
import { pacer, paceOf, RUNS_PER_SENDER } from "./pace";
import {
  claimMessages,
  findTemplateForSend,
  releaseMessageClaims,
  setMessageOutcomes,
  type MessageOutcome,
} from "./delivery-queries";
import { loadCampaign, rulesOf } from "./queue-recipients";
import { eligibility, type Eligibility } from "./recipient";
import { findOptedOut } from "../contact/reads";
import { findRecipientsById } from "./recipient-queries";
import { senderFor } from "./vendor-sender";
import { recordVendorCalls } from "../integration/record-vendor-call";

// Messages claimed, checked and written back together: one claim, one consent read and one
// outcome write for each, and the campaign's status looked at again between them, so a pause
// or cancel stops a run within about a second.
const BATCH = 50;
const STATUS_EVERY_MS = 1_000;
// A message the vendor still refused for its rate after the adapter's own retries waits its
// Retry-After inside the run and goes again, this many times at most and for waits this short;
// beyond that the run gives the batch back and Inngest retries it after the Retry-After.
const RATE_LIMITED_REQUEUES = 3;
const IN_RUN_WAIT_MS = 30_000;

type Claimed = Awaited<ReturnType<typeof claimMessages>>[number];
type DeliveryState = NonNullable<Awaited<ReturnType<typeof findDeliveryState>>>;
export type DeliveryTally = { sent: number; failed: number; skipped: number; paused?: boolean };

const skippedCancelled = (id: string): MessageOutcome => ({
  id,
  status: "skipped",
  errorCode: "cancelled",
  errorMessage: "The campaign was cancelled before this message was sent",
});
const skippedUnavailable = (id: string): MessageOutcome => ({
  id,
  status: "skipped",
  errorCode: "integration_unavailable",
  errorMessage: "The integration was disabled or uninstalled before this message was sent",
});

/**
 * Sends a chunk of queued messages of one campaign at its sender's pace (this run's share of
 * it), a few vendor calls at a time. Consent is checked again right before sending (someone may
 * have texted STOP since the message was queued). A message queued from a line (dialer upload,
 * Responsys row) brought its own opt-in and values, checked when it was queued; at send time
 * only an opt-out recorded here for its number stops it. A paused campaign stops the run
 * (what is left stays queued for the resume); a cancelled one, or an integration disabled or
 * uninstalled since the launch, skips what is left. A vendor that limits the rate did not take
 * the message, so it goes again after the vendor's Retry-After (in this run while the wait is
 * short, else the batch is released and the chunk retried after it); any
 * other vendor failure is final for that message and recorded with the vendor's reason (a send
 * is never repeated once it may have reached the vendor: none of them takes an idempotency key).
 */
export async function deliverMessages(db: Db, campaignId: string, messageIds: string[]): Promise<DeliveryTally> {
  const { campaign, parts } = await loadCampaign(db, campaignId);
  const rules = rulesOf(campaign, parts);
  const usable =
    parts.integration !== null && parts.integration.status !== "disabled" && !parts.integration.uninstalledAt;
  const send = usable ? senderFor(parts) : null;
  const perSecond = paceOf(parts) / RUNS_PER_SENDER;
  const slot = pacer(perSecond);
  const inFlight = Math.min(100, Math.max(4, Math.ceil(perSecond / 4)));
  const tally: DeliveryTally = { sent: 0, failed: 0, skipped: 0 };
  const templates = new Map<string, Promise<{ name: string; language: string } | null>>();
  const templateOf = (templateId: string | null) => {
    if (!templateId || !parts.integration) return Promise.resolve(null);
    if (!templates.has(templateId))
      templates.set(templateId, findTemplateForSend(db, parts.integration.id, templateId));
    return templates.get(templateId) ?? Promise.resolve(null);
  };
  // Held in an object: the workers' lookups update it while the loop reads it.
  const now: { state: DeliveryState } = { state: { status: campaign.status, integrationUsable: usable } };
  let checkedAt = performance.now();
  let checking: Promise<void> | null = null;
  /** The campaign's status and its integration's, looked up again once a second at most (one lookup for all callers). */
  const currentState = async () => {
    if (performance.now() - checkedAt >= STATUS_EVERY_MS) {
      checking ??= findDeliveryState(db, campaignId).then((found) => {
        now.state = found ?? { status: "cancelled", integrationUsable: false };
        checkedAt = performance.now();
        checking = null;
      });
      await checking;
    }
    return now.state;
  };
  const stopping = ({ status, integrationUsable }: DeliveryState) =>
    status === "paused" || status === "cancelled" || !integrationUsable;

  for (let start = 0; start < messageIds.length; start += BATCH) {
    if ((await currentState()).status === "paused") return { ...tally, paused: true };
    const claimed = await claimMessages(db, messageIds.slice(start, start + BATCH));
    if (now.state.status === "cancelled" || !now.state.integrationUsable || !send) {
      const outcomes = claimed.map((c) =>
        now.state.status === "cancelled" ? skippedCancelled(c.id) : skippedUnavailable(c.id),
      );
      await setMessageOutcomes(db, outcomes);
      tally.skipped += outcomes.length;
      continue;
    }
    const verdicts = await sendTimeVerdicts(claimed);
    const outcomes: MessageOutcome[] = [];
    const sendable: Claimed[] = [];
    for (const message of claimed) {
      const verdict = verdicts.get(message.id);
      if (verdict?.ok) sendable.push(message);
      else
        outcomes.push({
          id: message.id,
          status: "skipped",
          errorCode: verdict?.reason ?? "invalid_number",
          errorMessage: verdict?.detail ?? "The contact no longer exists",
        });
    }
    tally.skipped += outcomes.length;

    let limited: VendorError | null = null;
    const unsent: string[] = [];
    // The batch's vendor calls, for the integration's health: counted here, recorded once.
    const calls = { succeeded: 0, failed: 0, lastFailure: null as string | null };
    // Rate-limited messages come back to the end of the queue with the time they may go again;
    // the worker that put one back is still looping, so it is never left behind (a worker that
    // found the queue empty must not move past the end, where that message lands).
    const queue = sendable.map((message) => ({ message, notBefore: 0 }));
    const requeues = new Map<string, number>();
    let next = 0;
    const take = () => (next < queue.length ? queue[next++] : undefined);
    const worker = async () => {
      for (let item = take(); item; item = take()) {
        const { message, notBefore } = item;
        const wait = notBefore - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        await slot();
        // Once a message is given back for a long Retry-After, the rest of the batch waits for
        // the chunk's retry with it. A pause or cancel leaves the rest unsent.
        if (limited || stopping(await currentState())) {
          unsent.push(message.id);
          continue;
        }
        try {
          const result = await send({
            id: message.id,
            toNumber: message.toNumber,
            template: await templateOf(message.templateId),
            parameters: message.parameters,
            body: message.body,
          });
          if (result.refused) {
            const { reason, detail } = result.refused;
            outcomes.push({ id: message.id, status: "skipped", errorCode: reason, errorMessage: detail });
            tally.skipped++;
            continue;
          }
          outcomes.push({ id: message.id, status: "sent", vendorMessageId: result.vendorMessageId });
          tally.sent++;
          calls.succeeded++;
        } catch (error) {
          if (!(error instanceof VendorError)) throw error;
          calls.failed++;
          calls.lastFailure = error.message;
          if (error.kind === "rate_limited") {
            const retryAfter = error.retryAfterMs ?? IN_RUN_WAIT_MS;
            const times = requeues.get(message.id) ?? 0;
            if (retryAfter <= IN_RUN_WAIT_MS && times < RATE_LIMITED_REQUEUES) {
              requeues.set(message.id, times + 1);
              queue.push({ message, notBefore: performance.now() + retryAfter });
              continue;
            }
            limited = error;
            unsent.push(message.id);
            continue;
          }
          const unknown = error.kind === "timeout" || error.kind === "unavailable";
          outcomes.push({
            id: message.id,
            status: "failed",
            errorCode: error.vendorCode ?? error.kind,
            errorMessage: unknown
              ? `${error.message} The vendor may or may not have sent it, so it was not sent again.`
              : error.message,
          });
          tally.failed++;
        }
      }
    };
    const workers = await Promise.allSettled(Array.from({ length: Math.min(inFlight, queue.length) }, worker));
    // What the vendor took is recorded before anything else happens, so its reports find it.
    await setMessageOutcomes(db, outcomes);
    if (parts.integration)
      await recordVendorCalls(db, [{ integrationId: parts.integration.id, operation: "send", ...calls }]);
    const crashed = workers.find((w) => w.status === "rejected");
    if (crashed) throw crashed.reason;
    if (limited) {
      const rateLimited: VendorError = limited;
      await releaseMessageClaims(db, unsent);
      throw new RetryAfterError(rateLimited.message, rateLimited.retryAfterMs ?? 30_000);
    }
    const state = await currentState();
    if (state.status === "cancelled" || !state.integrationUsable) {
      await setMessageOutcomes(db, unsent.map(state.status === "cancelled" ? skippedCancelled : skippedUnavailable));
      tally.skipped += unsent.length;
    } else if (unsent.length > 0) {
      await releaseMessageClaims(db, unsent);
      return { ...tally, paused: true };
    }
  }
  return tally;

  /**
   * Each claimed message's verdict now, from one read of its contacts and one of its numbers'
   * consent: a number that opted out is skipped whether or not it is a contact's.
   */
  async function sendTimeVerdicts(messages: Claimed[]): Promise<Map<string, Eligibility>> {
    const { channel, workspaceId } = campaign;
    if (channel === "email") return new Map();
    const fromContacts = messages.filter((m) => m.externalRef === null && m.contactId !== null);
    const [optedOut, byId] = await Promise.all([
      findOptedOut(
        db,
        workspaceId,
        channel,
        messages.map((m) => m.toNumber),
      ),
      findRecipientsById(
        db,
        workspaceId,
        channel,
        fromContacts.map((m) => m.contactId ?? ""),
      ),
    ]);
    const verdicts = new Map<string, Eligibility>();
    for (const m of messages.filter((m) => m.externalRef !== null))
      verdicts.set(
        m.id,
        optedOut.has(m.toNumber)
          ? { ok: false, reason: "opted_out", detail: "The number opted out of this channel" }
          : { ok: true, parameters: m.parameters, body: m.body ?? "" },
      );
    for (const m of fromContacts) {
      const contact = byId.get(m.contactId ?? "");
      if (contact)
        verdicts.set(m.id, eligibility(rules, optedOut.has(m.toNumber) ? { ...contact, consent: "opt_out" } : contact));
    }
    return verdicts;
  }
}
