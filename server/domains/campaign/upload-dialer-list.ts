import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { inngest } from "../../jobs/client";
import { dialerListUploaded } from "../../jobs/events";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { CsvError, CsvParser } from "../contact/csv";
import { normalisePhone } from "../contact/phone";
import { placeholdersOf } from "../template/render";
import { insertMessages } from "./insert-messages";
import { deleteOccurrenceMessages, findCampaign, findSendableTemplates } from "./queries";
import { findContactIdsByMobile } from "./reads";

// A dialer list is read whole before anything is queued (all lines or none), so it is bounded.
export const MAX_DIALER_LINES = 50_000;
const MAX_ERRORS_SHOWN = 20;
const INSERT_BATCH = 1_000;

type Line = { line: number; toNumber: string; templateId: string; parameters: string[] };

/**
 * A uContact dialer upload: one line per recipient, `number,hsm:<hsm_code>:<data1>:<data2>…`,
 * an optional header line. Every line is checked first — a valid international number (digits
 * alone are read as country code + number, as dialers write them), the `hsm:` prefix, an
 * approved template of the campaign's integration with that code, one value per placeholder,
 * no number twice — and any bad line refuses the whole upload with its line number, so a list is
 * never half sent. The good upload becomes one queued message per line under its own occurrence,
 * delivered by hand-over-queued.
 */
export async function uploadDialerList(db: Db, actor: SessionUser, input: { id: string; csv: string }) {
  const campaign = await findCampaign(db, actor.workspaceId, input.id);
  if (!campaign) throw new DomainError("NOT_FOUND", "No such campaign in this workspace");
  if (campaign.trigger !== "dialer")
    throw new DomainError("BAD_REQUEST", "Only a dialer campaign takes uploaded lists");
  if (campaign.status !== "active")
    throw new DomainError("CONFLICT", `Launch the campaign before uploading a list (it is ${campaign.status})`);
  if (!campaign.integrationId || campaign.channel !== "whatsapp")
    throw new DomainError("BAD_REQUEST", "The campaign has no WhatsApp integration");

  const templates = await findSendableTemplates(db, campaign.integrationId);
  const { lines, errors } = parseDialerList(input.csv, templates);
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_ERRORS_SHOWN).join("; ");
    const more = errors.length > MAX_ERRORS_SHOWN ? `; and ${errors.length - MAX_ERRORS_SHOWN} more` : "";
    throw new DomainError(
      "BAD_REQUEST",
      `The list was not sent. Fix ${errors.length === 1 ? "this line" : `these ${errors.length} lines`}: ${shown}${more}`,
      "csv",
    );
  }
  if (lines.length === 0) throw new DomainError("BAD_REQUEST", "The file holds no lines to send", "csv");

  const uploadId = randomUUID();
  const occurrence = `dialer:${uploadId}`;
  const contactIds = await findContactIdsByMobile(
    db,
    actor.workspaceId,
    lines.map((l) => l.toNumber),
  );
  await db.transaction(async (tx) => {
    for (let i = 0; i < lines.length; i += INSERT_BATCH) {
      await insertMessages(
        tx,
        lines.slice(i, i + INSERT_BATCH).map((l) => ({
          workspaceId: actor.workspaceId,
          campaignId: campaign.id,
          contactId: contactIds.get(l.toNumber) ?? null,
          integrationId: campaign.integrationId!,
          channel: campaign.channel,
          toNumber: l.toNumber,
          occurrence,
          externalRef: `line:${l.line}`,
          templateId: l.templateId,
          parameters: l.parameters,
        })),
      );
    }
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "campaign.dialer_upload",
      targetType: "campaign",
      targetId: campaign.id,
      details: { uploadId, lines: lines.length },
    });
  });
  try {
    await inngest.send(dialerListUploaded.create({ campaignId: campaign.id, occurrence }));
  } catch (error) {
    // Nothing would ever send these lines: take them back so the upload can simply be retried.
    await deleteOccurrenceMessages(db, campaign.id, occurrence);
    throw new DomainError(
      "BAD_REQUEST",
      `Background jobs are unreachable, so the list was not sent: ${(error as Error).message}`,
    );
  }
  return { uploadId, lines: lines.length };
}

type SendableTemplate = { id: string; name: string; language: string; body: string };

export function parseDialerList(csv: string, templates: SendableTemplate[]) {
  const byCode = new Map<string, SendableTemplate[]>();
  for (const t of templates) byCode.set(t.name, [...(byCode.get(t.name) ?? []), t]);
  const lines: Line[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  const parser = new CsvParser();
  let records;
  try {
    records = [...parser.push(Buffer.from(csv, "utf8")), ...parser.end()];
  } catch (error) {
    if (error instanceof CsvError) return { lines, errors: [`line ${error.line}: ${error.message}`] };
    throw error;
  }
  if (records.length > MAX_DIALER_LINES + 1)
    return {
      lines,
      errors: [
        `the file has ${records.length} lines; upload at most ${MAX_DIALER_LINES.toLocaleString("en")} at a time`,
      ],
    };
  records.forEach((record, index) => {
    const [rawNumber = "", message = "", ...extra] = record.fields.map((f) => f.trim());
    // A header line names its columns instead of holding a number.
    if (index === 0 && !/\d/.test(rawNumber)) return;
    const fail = (why: string) => errors.push(`line ${record.line}: ${why}`);
    if (record.problem) return fail(record.problem);
    if (extra.some((f) => f !== "")) return fail("expected two columns, the number and hsm:<hsm_code>:<data1>:<data2>");
    const phone = normalisePhone(/^\d+$/.test(rawNumber) ? `+${rawNumber}` : rawNumber);
    if (!phone.ok) return fail(`${rawNumber || "the number is empty"}: ${phone.message}`);
    const [prefix, code = "", ...values] = message.split(":");
    if (prefix?.toLowerCase() !== "hsm" || !code)
      return fail(`the message must read hsm:<hsm_code>:<data1>:<data2>, not "${message}"`);
    const candidates = byCode.get(code) ?? [];
    if (candidates.length === 0) return fail(`no approved template is called ${code}`);
    if (candidates.length > 1)
      return fail(
        `${code} exists in ${candidates.map((t) => t.language).join(" and ")}; keep one approved language for dialer lists`,
      );
    const template = candidates[0]!;
    const expected = placeholdersOf(template.body).length;
    if (values.length !== expected || values.some((v) => v.trim() === ""))
      return fail(
        `${code} needs ${expected} value${expected === 1 ? "" : "s"} after the code, got ${values.filter((v) => v.trim() !== "").length}`,
      );
    const earlier = seen.get(phone.e164);
    if (earlier) return fail(`${phone.e164} is already on line ${earlier}`);
    seen.set(phone.e164, record.line);
    lines.push({
      line: record.line,
      toNumber: phone.e164,
      templateId: template.id,
      parameters: values.map((v) => v.trim()),
    });
  });
  return { lines, errors };
}
