import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { inngest } from "../../jobs/client";
import { contactActivated } from "../../jobs/events";
import { writeAudit } from "../../lib/audit";
import { numberTimeZone } from "./derive-time-zone";
import { assertNoDuplicate, duplicateFromUniqueViolation } from "./duplicates";
import { DomainError } from "../../lib/errors";
import { consentAddresses, restoreErasedOptOuts } from "./erased-opt-outs";
import { findCurrentConsent, insertContact } from "./queries";
import { consentTarget, recordConsent } from "./record-consent";
import type { createContactInput } from "./create-contact-input";
import { channelNames, channels, type Channel, type ConsentState } from "./schema";

/**
 * "New record" (as on a Responsys profile list): one contact, with the consent the form states
 * recorded as ledger events from the person filling it in.
 */
export async function createContact(db: Db, actor: SessionUser, input: z.infer<typeof createContactInput>) {
  const { attributes, permissions, ...fields } = input;
  let created: { id: string };
  try {
    created = await db.transaction(async (tx) => {
      await assertNoDuplicate(tx, actor.workspaceId, fields);
      const contact = await insertContact(tx, {
        ...fields,
        // Stored when derived, so the scheduler's per-zone queries see it (contacts_time_zone_idx).
        timeZone: fields.timeZone ?? numberTimeZone(fields.mobileNumber),
        workspaceId: actor.workspaceId,
        attributes: Object.fromEntries((attributes ?? []).map((a) => [a.key, a.value])),
      });
      // The number or email may have opted out before it was a contact (a STOP from it, or an
      // erased contact's opt-out, kept as a hash): a new record does not opt it back in.
      await restoreErasedOptOuts(tx, actor.workspaceId, consentAddresses([fields.mobileNumber], [fields.email]));
      const current = new Map((await findCurrentConsent(tx, [contact.id])).map((row) => [row.channel, row.state]));
      const consent: Partial<Record<Channel, ConsentState>> = {};
      for (const channel of channels) {
        const state = permissions?.[channel];
        if (!state || current.get(channel) === state) continue;
        if (state === "opt_in" && current.get(channel) === "opt_out")
          throw new DomainError(
            "BAD_REQUEST",
            `This ${channel === "email" ? "email address" : "number"} opted out of ${channelNames[channel]} before it was a contact, and a new record does not opt it back in. Save it without the opt-in; an admin can then use Re-subscribe with how the customer gave consent.`,
            `permissions.${channel}`,
          );
        await recordConsent(tx, {
          ...consentTarget(
            {
              id: contact.id,
              workspaceId: actor.workspaceId,
              mobileNumber: fields.mobileNumber ?? null,
              email: fields.email ?? null,
            },
            channel,
          ),
          state,
          source: "form",
          actorUserId: actor.userId,
          evidence: "New record",
        });
        consent[channel] = state;
      }
      // Field names only: contact details are personal data and stay out of the audit log.
      await writeAudit(tx, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: "contact.create",
        targetType: "contact",
        targetId: contact.id,
        details: {
          fields: Object.keys(fields).filter((k) => fields[k as keyof typeof fields] != null),
          attributes: (attributes ?? []).map((a) => a.key),
          consent,
        },
      });
      return { id: contact.id };
    });
  } catch (error) {
    throw duplicateFromUniqueViolation(error, fields) ?? error;
  }
  // After the commit, so a campaign never hears of a contact that was rolled back. The contact
  // is created either way: refusing the save because the event bus is down would lose the
  // person's work for a side effect, so a failed send is logged for follow-up instead.
  try {
    await inngest.send(
      contactActivated.create(
        { workspaceId: actor.workspaceId, contactId: created.id, source: "form" },
        { id: `contact-activated-${created.id}` },
      ),
    );
  } catch (error) {
    console.error(`contact ${created.id} was created, but its contact activated event could not be sent:`, error);
  }
  return created;
}
