import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { VendorError } from "../../vendors/http";
import { normalisePhone } from "../contact/phone";
import { checkLaunch } from "./check-launch";
import { setMessageOutcomes } from "./delivery-queries";
import { insertMessages } from "./insert-messages";
import { findCampaign, findCampaignParts } from "./queries";
import { rulesOf } from "./queue-recipients";
import { eligibility, type Recipient } from "./recipient";
import { findRecipientByMobile } from "./recipient-queries";
import type { testSendInput } from "./schema";
import { senderFor } from "./vendor-sender";

// Only what the message itself needs; audience and schedule do not matter for one test.
const TEST_FIELDS = new Set(["integrationId", "senderId", "templateId", "placeholderMappings", "smsBody"]);

/**
 * One message to one number before launch, through the real vendor path. Placeholders are
 * filled from the contact with that number when there is one, else from the template's sample
 * values. Consent is not asked: the person testing sends to their own phone. The message is
 * recorded (occurrence "test:…") so its delivery shows like any other.
 */
export async function testSend(db: Db, actor: SessionUser, input: z.infer<typeof testSendInput>) {
  const campaign = await findCampaign(db, actor.workspaceId, input.id);
  if (!campaign) throw new DomainError("NOT_FOUND", "No such campaign in this workspace");
  if (campaign.channel === "email") throw new DomainError("BAD_REQUEST", "Email campaigns are not sent by Switchboard");
  const phone = normalisePhone(input.mobileNumber);
  if (!phone.ok) throw new DomainError("BAD_REQUEST", phone.message, "mobileNumber");
  const parts = await findCampaignParts(db, actor.workspaceId, campaign);
  const issues = checkLaunch(campaign, parts).filter((i) => TEST_FIELDS.has(i.field));
  if (issues.length > 0)
    throw new DomainError(
      "BAD_REQUEST",
      `Before a test send: ${issues.map((i) => i.message).join("; ")}`,
      issues[0]?.field,
    );

  const contact = await findRecipientByMobile(db, actor.workspaceId, campaign.channel, phone.e164);
  const samples = parts.template?.sampleValues ?? [];
  const standIn: Recipient = {
    id: "",
    mobileNumber: phone.e164,
    firstName: null,
    lastName: null,
    email: null,
    city: null,
    state: null,
    postalCode: null,
    country: null,
    attributes: {},
    consent: "opt_in",
  };
  const rules = { ...rulesOf(campaign, parts), optInField: null };
  const mappings = contact
    ? campaign.placeholderMappings
    : campaign.placeholderMappings.map((mapping, i) =>
        mapping.kind === "field" ? { kind: "fixed" as const, value: samples[i] || `[${mapping.field}]` } : mapping,
      );
  const verdict = eligibility(
    { ...rules, placeholderMappings: mappings },
    { ...(contact ?? standIn), consent: "opt_in" },
  );
  if (!verdict.ok)
    throw new DomainError(
      "BAD_REQUEST",
      `The test message cannot be filled in: ${verdict.detail}`,
      "placeholderMappings",
    );

  const occurrence = `test:${new Date().toISOString()}`;
  const [row] = await db.transaction((tx) =>
    insertMessages(tx, [
      {
        workspaceId: actor.workspaceId,
        campaignId: campaign.id,
        contactId: contact?.id ?? null,
        integrationId: parts.integration!.id,
        channel: campaign.channel,
        toNumber: phone.e164,
        occurrence,
        templateId: campaign.templateId,
        parameters: verdict.parameters,
        body: verdict.body,
        attempts: 1,
      },
    ]),
  );
  if (!row) throw new Error("test message not recorded");
  try {
    const { vendorMessageId } = await senderFor(parts)({
      id: row.id,
      toNumber: phone.e164,
      template: parts.template,
      parameters: verdict.parameters,
      body: verdict.body,
    });
    await setMessageOutcomes(db, [{ id: row.id, status: "sent", vendorMessageId }]);
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    await setMessageOutcomes(db, [
      { id: row.id, status: "failed", errorCode: error.vendorCode ?? error.kind, errorMessage: error.message },
    ]);
    throw new DomainError("BAD_REQUEST", `The test message was not sent: ${error.message}`, "mobileNumber");
  } finally {
    await db.transaction((tx) =>
      writeAudit(tx, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: "campaign.test_send",
        targetType: "campaign",
        targetId: campaign.id,
        details: { messageId: row.id },
      }),
    );
  }
  return { messageId: row.id, body: verdict.body };
}
