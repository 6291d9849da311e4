import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { VendorError } from "../../vendors/http";
import { recordVendorCall } from "../integration/record-vendor-call";
import { normalisePhone } from "../contact/phone";
import { channelNames } from "../contact/schema";
import { checkLaunch } from "./check-launch";
import { setMessageOutcomes } from "./delivery-queries";
import { insertMessages } from "./insert-messages";
import { findCampaign, findCampaignParts } from "./queries";
import { rulesOf } from "./queue-recipients";
import { eligibility } from "./recipient";
import { findRecipientByMobile } from "./recipient-queries";
import type { testSendInput } from "./schema";
import { senderFor } from "./vendor-sender";

// Only what the message itself needs; audience and schedule do not matter for one test.
const TEST_FIELDS = new Set(["integrationId", "senderId", "templateId", "placeholderMappings", "smsBody"]);

/**
 * One message to one number before launch, through the real vendor path. It goes only to a
 * contact whose current consent for the campaign's channel is opt-in (the ledger's state, not
 * the campaign's opt-in attribute): a test is still a message to a person, and an opted-out
 * number must not get one. Placeholders are filled from that contact. The message is recorded
 * (occurrence "test:…", is_test) so its delivery shows in the recipients table, and is left out
 * of the funnel, the export and every write-back.
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

  // Consent is read last, right before the message is recorded and sent.
  const channel = channelNames[campaign.channel];
  const contact = await findRecipientByMobile(db, actor.workspaceId, campaign.channel, phone.e164);
  if (!contact)
    throw new DomainError(
      "BAD_REQUEST",
      `No contact has the number ${phone.e164}: a test goes only to a contact opted in to ${channel}. Add it as a contact with its ${channel} opt-in first.`,
      "mobileNumber",
    );
  if (contact.consent !== "opt_in")
    throw new DomainError(
      "BAD_REQUEST",
      contact.consent === "opt_out"
        ? `${phone.e164} opted out of ${channel}: a test goes only to a number opted in to ${channel}.`
        : `${phone.e164} has no ${channel} opt-in recorded: a test goes only to a number opted in to ${channel}.`,
      "mobileNumber",
    );
  // The ledger's opt-in was checked above; the campaign's opt-in attribute is for its audience.
  const verdict = eligibility({ ...rulesOf(campaign, parts), optInField: null }, contact);
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
        contactId: contact.id,
        integrationId: parts.integration!.id,
        channel: campaign.channel,
        toNumber: phone.e164,
        occurrence,
        templateId: campaign.templateId,
        parameters: verdict.parameters,
        body: verdict.body,
        attempts: 1,
        isTest: true,
      },
    ]),
  );
  if (!row) throw new Error("test message not recorded");
  try {
    const result = await senderFor(parts)({
      id: row.id,
      toNumber: phone.e164,
      template: parts.template,
      parameters: verdict.parameters,
      body: verdict.body,
    });
    if (result.refused) {
      const { reason, detail } = result.refused;
      await setMessageOutcomes(db, [{ id: row.id, status: "skipped", errorCode: reason, errorMessage: detail }]);
      throw new DomainError("BAD_REQUEST", `The test message was not sent: ${detail}`, "mobileNumber");
    }
    await setMessageOutcomes(db, [{ id: row.id, status: "sent", vendorMessageId: result.vendorMessageId }]);
    await recordVendorCall(db, parts.integration!.id, "test_send", true, null);
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    await recordVendorCall(db, parts.integration!.id, "test_send", false, error.message);
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
