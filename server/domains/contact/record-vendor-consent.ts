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
 * subscribers text STOP to Attentive, not to us). Matched by phone, else email; recorded in the
 * consent ledger with the vendor event as evidence, at the vendor's time, once per receipt.
 * Someone who is not a contact is left alone.
 */
export async function recordVendorConsent(db: Db, { receiptId, workspaceId, change }: Received) {
  return db.transaction(async (tx) => {
    if (!(await claimReceipt(tx, receiptId))) return { recorded: false as const, reason: "already processed" };
    const phone = change.phone ? normalisePhone(change.phone) : null;
    const contact =
      (phone?.ok ? await findContactWith(tx, workspaceId, "mobileNumber", phone.e164) : undefined) ??
      (change.email ? await findContactWith(tx, workspaceId, "email", change.email.trim().toLowerCase()) : undefined);
    if (!contact) return { recorded: false as const, reason: "no such contact" };
    await recordConsent(tx, {
      contactId: contact.id,
      channel: change.channel,
      state: change.state,
      source: change.state === "opt_out" ? "vendor_unsubscribe" : "api",
      actorUserId: null,
      evidence: `Attentive ${change.vendorEvent}`,
      at: new Date(change.occurredAt),
    });
    return { recorded: true as const, contactId: contact.id };
  });
}
