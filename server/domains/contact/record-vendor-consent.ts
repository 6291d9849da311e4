import type { z } from "zod";
import type { Db } from "@/db/client";
import type { vendorConsentReceived } from "../../jobs/events";
import { normalisePhone } from "./phone";
import { claimReceipt } from "../../webhooks/queries";
import { findContactWith } from "./queries";
import { recordConsent } from "./record-consent";

type Received = z.output<(typeof vendorConsentReceived)["schema"]>;

/**
 * A vendor's report that a subscriber opted in or out (Attentive's subscription events: its
 * subscribers text STOP to Attentive, not to us). Recorded in the consent ledger for the
 * subscriber's address on that channel (the phone for SMS, the email for email) with the vendor
 * event as evidence, at the vendor's time, once per receipt, whether or not a contact has that
 * address (the contact with it, if any, is named as provenance).
 */
export async function recordVendorConsent(db: Db, { receiptId, workspaceId, change }: Received) {
  return db.transaction(async (tx) => {
    if (!(await claimReceipt(tx, receiptId))) return { recorded: false as const, reason: "already processed" };
    const phone = change.phone ? normalisePhone(change.phone) : null;
    const email = change.email?.trim().toLowerCase() || null;
    const contact =
      (phone?.ok ? await findContactWith(tx, workspaceId, "mobileNumber", phone.e164) : undefined) ??
      (email ? await findContactWith(tx, workspaceId, "email", email) : undefined);
    // The event's own address first; else the matched contact's (an SMS event that named only an email).
    const address =
      change.channel === "email"
        ? (email ?? contact?.email ?? null)
        : ((phone?.ok ? phone.e164 : null) ?? contact?.mobileNumber ?? null);
    if (!address) return { recorded: false as const, reason: `no ${change.channel === "email" ? "email" : "phone"}` };
    await recordConsent(tx, {
      workspaceId,
      channel: change.channel,
      address,
      contactId: contact?.id ?? null,
      state: change.state,
      source: change.state === "opt_out" ? "vendor_unsubscribe" : "api",
      actorUserId: null,
      evidence: `Attentive ${change.vendorEvent}`,
      at: new Date(change.occurredAt),
    });
    return { recorded: true as const, contactId: contact?.id ?? null };
  });
}
