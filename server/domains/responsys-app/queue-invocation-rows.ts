import { NonRetriableError } from "inngest";
import type { Db } from "@/db/client";
import { VendorError } from "../../vendors/http";
import { insertMessages } from "../campaign/insert-messages";
import { loadCampaign } from "../campaign/queue-recipients";
import { findContactIdsByMobile, type CampaignRow } from "../campaign/reads";
import { YES } from "../campaign/recipient";
import { normalisePhone } from "../contact/phone";
import { recordResponsysRiids } from "../contact/record-responsys-riids";
import { renderBody } from "../template/render";
import { findInvocation, findOccurrenceNumbers, findQueuedRowMessages, type InvocationRow } from "./invocation-queries";
import { clientFor, occurrenceOf } from "./invocation";
import { CORRELATION_ID, MOBILE_NUMBER, RIID } from "./record-definition";

/** Rows checked and queued per call (one Inngest step), pulled in pages of at most maxPullPageSize. */
const ROWS_PER_CALL = 1_000;

type Verdict = { toNumber: string } & (
  { ok: true; parameters: string[]; body: string } | { ok: false; reason: string; detail: string }
);

/** Rows [offset, offset + ROWS_PER_CALL): inline, or pulled from the export endpoint page by page. */
async function readRows(invocation: InvocationRow, offset: number): Promise<{ rows: string[][]; next: number | null }> {
  if (invocation.inlineRows) {
    const end = offset + ROWS_PER_CALL;
    return { rows: invocation.inlineRows.slice(offset, end), next: end < invocation.inlineRows.length ? end : null };
  }
  const endpoint = invocation.exportEndpoint;
  if (!endpoint)
    throw new Error(`responsys invocation ${invocation.id} has neither inline rows nor an export endpoint`);
  const client = clientFor(invocation);
  const limit = invocation.maxPullPageSize;
  const rows: string[][] = [];
  let at = offset;
  for (;;) {
    const page = await client.exportRows(endpoint, at, limit).catch((error: unknown) => {
      // A refusal (a 4xx, bad credentials) stays a refusal however often the pull is retried:
      // the invocation fails now, with the reason, and an admin retries it from its page.
      if (error instanceof VendorError && (error.kind === "rejected" || error.kind === "auth"))
        throw new NonRetriableError(error.message, { cause: error });
      throw error;
    });
    rows.push(...page.rows);
    at += page.rows.length;
    // A short page is the last; so is reaching the size the export states.
    if (page.rows.length < limit || (page.size !== null && at >= page.size)) return { rows, next: null };
    if (rows.length >= ROWS_PER_CALL) return { rows, next: at };
  }
}

/** The same checks a campaign makes of a contact, made of one row's values. */
function checkRow(campaign: CampaignRow, templateBody: string, value: (name: string) => string): Verdict {
  const raw = value(MOBILE_NUMBER);
  // Digits alone are country code + number, as Responsys's MOBILE_NUMBER_ holds them [assumed].
  const phone = normalisePhone(/^\d+$/.test(raw) ? `+${raw}` : raw);
  if (!phone.ok)
    return {
      toNumber: raw,
      ok: false,
      reason: "invalid_number",
      detail: raw ? `${MOBILE_NUMBER} “${raw}”: ${phone.message}` : `${MOBILE_NUMBER} is empty`,
    };
  const toNumber = phone.e164;
  // Without an opt-in field the Program's own filter is trusted; our opt-out record is still
  // checked when the message is sent.
  if (campaign.optInField) {
    const optIn = value(campaign.optInField);
    if (!YES.has(optIn.toUpperCase()))
      return {
        toNumber,
        ok: false,
        reason: "no_opt_in",
        detail: `${campaign.optInField} is ${optIn ? `“${optIn}”` : "empty"}, not YES`,
      };
  }
  const parameters: string[] = [];
  for (const [i, mapping] of campaign.placeholderMappings.entries()) {
    const filled = mapping.kind === "fixed" ? mapping.value.trim() : value(mapping.field);
    if (!filled)
      return {
        toNumber,
        ok: false,
        reason: "missing_value",
        detail: `{{${i + 1}}} needs ${mapping.kind === "field" ? mapping.field : "a value"}, which is empty`,
      };
    parameters.push(filled);
  }
  return { toNumber, ok: true, parameters, body: renderBody(templateBody, parameters) };
}

/**
 * One slice of an invocation's rows turned into messages of the service's campaign: each row
 * keyed by its correlation id, queued with its template values, or skipped with the reason (so
 * the reason is reported back like any other result). A row without a correlation id cannot be
 * reported and is left out. A number on two rows is messaged once (the later row is skipped):
 * nobody should get the same template twice from one invoke, and a contact holds one message
 * per occurrence. A retried call inserts nothing twice and returns the same queued ids, which
 * deliver-messages claims once each.
 */
export async function queueInvocationRows(db: Db, invocationId: string, offset: number) {
  const invocation = await findInvocation(db, invocationId);
  const { campaign, parts } = await loadCampaign(db, invocation.campaignId);
  const integration = parts.integration;
  if (!integration || campaign.channel !== "whatsapp")
    throw new Error(`campaign ${campaign.id} of responsys invocation ${invocationId} has no WhatsApp integration`);
  const { rows, next } = await readRows(invocation, offset);
  const occurrence = occurrenceOf(invocation.uuid);
  const column = new Map(invocation.inputParameters.map((name, i) => [name, i]));

  const checked = rows.flatMap((row) => {
    const value = (name: string) => row[column.get(name) ?? -1]?.trim() ?? "";
    const ref = value(CORRELATION_ID);
    return ref ? [{ ref, riid: value(RIID), verdict: checkRow(campaign, parts.template?.body ?? "", value) }] : [];
  });
  const numbers = [...new Set(checked.flatMap(({ verdict }) => (verdict.ok ? [verdict.toNumber] : [])))];
  const contactIds = await findContactIdsByMobile(db, campaign.workspaceId, numbers);
  const holders = await findOccurrenceNumbers(db, campaign.id, occurrence, numbers);

  const messages = checked.map(({ ref, verdict }) => {
    const { toNumber } = verdict;
    const base = {
      workspaceId: campaign.workspaceId,
      campaignId: campaign.id,
      integrationId: integration.id,
      channel: campaign.channel,
      toNumber,
      occurrence,
      externalRef: ref,
      templateId: campaign.templateId,
    };
    if (!verdict.ok)
      return { ...base, status: "skipped" as const, errorCode: verdict.reason, errorMessage: verdict.detail };
    const holder = holders.get(toNumber) ?? ref;
    holders.set(toNumber, holder);
    if (holder !== ref)
      return {
        ...base,
        status: "skipped" as const,
        errorCode: "duplicate_number",
        errorMessage: `The same number is on row ${holder} of this invoke, which gets the message`,
      };
    return {
      ...base,
      contactId: contactIds.get(toNumber) ?? null,
      status: "queued" as const,
      parameters: verdict.parameters,
      body: verdict.body,
    };
  });
  // The RIID Responsys gave each row's contact, kept so activity rows by RIID reach it.
  const riids = checked.flatMap(({ riid, verdict }) => {
    const contactId = verdict.ok ? contactIds.get(verdict.toNumber) : undefined;
    return contactId && riid ? [{ contactId, riid }] : [];
  });
  await db.transaction(async (tx) => {
    await insertMessages(tx, messages);
    await recordResponsysRiids(tx, campaign.workspaceId, riids);
  });
  const messageIds = await findQueuedRowMessages(
    db,
    campaign.id,
    occurrence,
    checked.map((r) => r.ref),
  );
  return {
    campaignId: campaign.id,
    integrationId: integration.id,
    senderId: campaign.senderId,
    messageIds,
    rows: rows.length,
    unreportable: rows.length - checked.length,
    next,
  };
}
