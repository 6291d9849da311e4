import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { numberTimeZone } from "./derive-time-zone";
import { assertNoDuplicate, duplicateFromUniqueViolation } from "./duplicates";
import { normalisePhone } from "./phone";
import { consentAddresses, restoreErasedOptOuts } from "./erased-opt-outs";
import { findContactForUpdate, findCurrentConsent, updateContactRow } from "./queries";
import { consentTarget, recordConsent } from "./record-consent";
import { channelNames, channels, type Channel, type ConsentState, type updateContactInput } from "./schema";

const plainFields = [
  "mobileCountry",
  "email",
  "firstName",
  "lastName",
  "postalStreet1",
  "postalStreet2",
  "city",
  "state",
  "postalCode",
  "country",
  "timeZone",
  "annexId",
] as const;
type Attributes = Record<string, string | number | boolean | null>;

// The form shows every value as text, so "3" for a stored 3 is no change.
const sameAttributes = (a: Attributes, b: Attributes) =>
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(a).every(([k, v]) => k in b && String(b[k] ?? "") === String(v ?? ""));

/**
 * Changes the fields present in `data`; a permission that differs from the current state is
 * appended to the consent ledger as an admin change. An opt-out is never turned back into an
 * opt-in here: that overrides the customer's STOP, so it is refused, with the way to do it
 * deliberately (contact.resubscribe, with a source and evidence). Nothing is written, not even
 * the audit row, when nothing differs.
 */
export async function updateContact(db: Db, actor: SessionUser, input: z.infer<typeof updateContactInput>) {
  const { data } = input;
  let identity: { mobileNumber?: string | null; email?: string | null } = {};
  try {
    return await db.transaction(async (tx) => {
      const contact = await findContactForUpdate(tx, actor.workspaceId, input.id);
      if (!contact) throw new DomainError("NOT_FOUND", "No such contact in this workspace");

      const changes: Partial<Record<(typeof plainFields)[number] | "mobileNumber", string | null>> & {
        attributes?: Attributes;
      } = {};
      for (const field of plainFields) {
        const value = data[field];
        if (value !== undefined && value !== contact[field]) changes[field] = value;
      }
      // An unchanged number is kept as stored, even one that would not pass today's validation.
      if (data.mobileNumber !== undefined && data.mobileNumber !== contact.mobileNumber) {
        if (data.mobileNumber === null) changes.mobileNumber = null;
        else {
          const phone = normalisePhone(
            data.mobileNumber,
            data.mobileCountry !== undefined ? data.mobileCountry : contact.mobileCountry,
          );
          if (!phone.ok) throw new DomainError("BAD_REQUEST", phone.message, "mobileNumber");
          if (phone.e164 !== contact.mobileNumber) changes.mobileNumber = phone.e164;
        }
      }
      if (data.attributes !== undefined) {
        const attributes = Object.fromEntries(data.attributes.map((a) => [a.key, a.value]));
        if (!sameAttributes(attributes, contact.attributes)) changes.attributes = attributes;
      }

      const mobileNumber = changes.mobileNumber !== undefined ? changes.mobileNumber : contact.mobileNumber;
      // A zone left empty is the number's country's, when that country has one (derive-time-zone);
      // one that came from the old number follows the number when it changes.
      const followsNumber =
        data.timeZone === undefined &&
        changes.mobileNumber !== undefined &&
        contact.timeZone === numberTimeZone(contact.mobileNumber);
      if (data.timeZone === null || followsNumber) {
        const zone = numberTimeZone(mobileNumber);
        if (zone !== contact.timeZone) changes.timeZone = zone;
        else delete changes.timeZone;
      }
      const email = changes.email !== undefined ? changes.email : contact.email;
      if (!mobileNumber && !email)
        throw new DomainError("BAD_REQUEST", "Keep a mobile number or an email address", "mobileNumber");
      identity = { mobileNumber: changes.mobileNumber, email: changes.email };
      await assertNoDuplicate(tx, actor.workspaceId, identity, contact.id);
      // A new number or email may be an erased contact's that had opted out: it keeps the opt-out.
      await restoreErasedOptOuts(tx, actor.workspaceId, consentAddresses([changes.mobileNumber], [changes.email]));

      const current = new Map((await findCurrentConsent(tx, [contact.id])).map((row) => [row.channel, row.state]));
      const consent: Partial<Record<Channel, ConsentState>> = {};
      for (const channel of channels) {
        const state = data.permissions?.[channel];
        if (!state || current.get(channel) === state) continue;
        if (state === "opt_in" && current.get(channel) === "opt_out")
          throw new DomainError(
            "BAD_REQUEST",
            `${channelNames[channel]} is opted out, and editing the contact does not opt it back in. To re-subscribe this number, an admin uses Re-subscribe on the contact page with how the customer gave consent.`,
            `permissions.${channel}`,
          );
        await recordConsent(tx, {
          ...consentTarget({ ...contact, workspaceId: actor.workspaceId, mobileNumber, email }, channel),
          state,
          source: "admin",
          actorUserId: actor.userId,
          evidence: "Contact record edited",
        });
        consent[channel] = state;
      }

      const changed = Object.keys(changes);
      if (changed.length === 0 && Object.keys(consent).length === 0)
        return { id: contact.id, modifiedAt: contact.modifiedAt, changed };
      const row = await updateContactRow(tx, contact.id, changes);
      await writeAudit(tx, {
        workspaceId: actor.workspaceId,
        actorUserId: actor.userId,
        action: "contact.update",
        targetType: "contact",
        targetId: contact.id,
        details: { changed, consent },
      });
      return { id: contact.id, modifiedAt: row.modifiedAt, changed };
    });
  } catch (error) {
    throw duplicateFromUniqueViolation(error, identity) ?? error;
  }
}
