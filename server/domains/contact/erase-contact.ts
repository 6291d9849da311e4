import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { addressHash } from "../../lib/crypto";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { eraseRecipient } from "../campaign/erase-recipient";
import { eraseCorrespondent } from "../conversation/erase-correspondent";
import { eraseMember } from "../loyalty/erase-member";
import { eraseInvocationRows } from "../responsys-app/erase-invocation-rows";
import { eraseActivity } from "../responsys-jobs/erase-activity";
import { blankReceiptsMentioning } from "../../webhooks/queries";
import { deleteAddressConsent, deleteContactRow, findContactForUpdate, insertErasedOptOuts } from "./queries";
import { eraseConfirmationWord, type eraseContactInput } from "./schema";

/**
 * Erases a contact, in one transaction: the contact row goes (its segment, export-job and queue
 * entries with it), and with it every copy of its personal data and what it wrote: messages to it
 * and to its number keep their status (funnels still add up) but lose number, text and contact;
 * its conversations go; its inbound messages, loyalty texts, vendor callbacks and the Responsys
 * Program rows that brought its number in are blanked; its
 * Responsys activity and its addresses' consent ledger go. Each opt-out of its number or email is
 * kept as a keyed hash (erased_opt_outs), so a send to the number, or a new contact with it, is
 * still refused; the audit row names the contact id and counts, never the data erased.
 *
 * Consent recorded through this contact for a number it no longer has stays with that number
 * (provenance cleared): it is that number's consent, perhaps someone else's now.
 */
export async function eraseContact(db: Db, actor: SessionUser, input: z.infer<typeof eraseContactInput>) {
  return db.transaction(async (tx) => {
    const contact = await findContactForUpdate(tx, actor.workspaceId, input.id);
    if (!contact) throw new DomainError("NOT_FOUND", "No such contact in this workspace");
    const typed = input.confirmation.replace(/[\s().-]/g, "");
    if (typed !== eraseConfirmationWord && (!contact.mobileNumber || typed !== contact.mobileNumber))
      throw new DomainError(
        "BAD_REQUEST",
        `Type the contact's mobile number as shown, or ${eraseConfirmationWord}, to erase it`,
        "confirmation",
      );

    const target = { workspaceId: actor.workspaceId, contactId: contact.id, mobileNumber: contact.mobileNumber };
    const states = await deleteAddressConsent(tx, actor.workspaceId, contact.mobileNumber, contact.email);
    const optOuts = states.filter((s) => s.state === "opt_out");
    await insertErasedOptOuts(
      tx,
      optOuts.map((s) => ({
        workspaceId: actor.workspaceId,
        channel: s.channel,
        addressHash: addressHash(actor.workspaceId, s.channel, s.address),
        source: s.source,
        optedOutAt: s.at,
      })),
    );
    const messages = await eraseRecipient(tx, target);
    const { inbound, conversations } = await eraseCorrespondent(tx, target);
    const loyaltyTexts = await eraseMember(tx, target);
    const activityEvents = await eraseActivity(tx, target);
    const invocationRows = await eraseInvocationRows(tx, target);
    const receipts = await blankReceiptsMentioning(
      tx,
      actor.workspaceId,
      [contact.mobileNumber?.replace(/\D/g, ""), contact.email].filter((v): v is string => !!v),
    );
    await deleteContactRow(tx, actor.workspaceId, contact.id);

    const erased = { messages, inbound, conversations, loyaltyTexts, activityEvents, invocationRows, receipts };
    // Counts and channels only: what was erased must not live on in the audit log.
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "contact.erase",
      targetType: "contact",
      targetId: contact.id,
      details: {
        note: "Personal data and message bodies erased; opt-outs kept as keyed hashes",
        optOutsKept: optOuts.map((s) => s.channel).sort(),
        erased,
      },
    });
    return { id: contact.id, optOutsKept: optOuts.map((s) => s.channel).sort(), erased };
  });
}
