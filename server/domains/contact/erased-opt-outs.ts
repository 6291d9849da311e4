import type { Tx } from "@/db/client";
import { addressHash } from "../../lib/crypto";
import { insertConsentEvent, takeErasedOptOuts, upsertCurrentConsent } from "./queries";
import type { Channel } from "./schema";

/** The (channel, address) pairs consent is kept under for these numbers (WhatsApp, SMS) and emails. */
export function consentAddresses(numbers: (string | null | undefined)[], emails: (string | null | undefined)[]) {
  const pairs: { channel: Channel; address: string }[] = [];
  for (const number of new Set(numbers)) {
    if (number) pairs.push({ channel: "whatsapp", address: number }, { channel: "sms", address: number });
  }
  for (const email of new Set(emails)) if (email) pairs.push({ channel: "email", address: email });
  return pairs;
}

/**
 * When an erased contact's address is seen again with a reason to store it (a new contact or an
 * import has it, or consent is recorded for it), its kept opt-out goes back into the ledger, at
 * its own time and source: the ledger is the one truth again, the contact's consent copy and
 * segment counts see the opt-out, and a newer event (a START) wins over it as over any older
 * one. No write-back: the opt-out was written back when it was first recorded.
 */
export async function restoreErasedOptOuts(
  tx: Tx,
  workspaceId: string,
  pairs: { channel: Channel; address: string }[],
) {
  const keyed = pairs.map((p) => ({ ...p, addressHash: addressHash(workspaceId, p.channel, p.address) }));
  for (const kept of await takeErasedOptOuts(tx, workspaceId, keyed)) {
    const { channel, address } = keyed.find((k) => k.channel === kept.channel && k.addressHash === kept.addressHash)!;
    await insertConsentEvent(tx, {
      workspaceId,
      channel,
      address,
      contactId: null,
      state: "opt_out",
      source: kept.source,
      actorUserId: null,
      evidence: "Opt-out kept when a contact with this address was erased",
      at: kept.optedOutAt,
    });
    await upsertCurrentConsent(tx, {
      workspaceId,
      channel,
      address,
      state: "opt_out",
      source: kept.source,
      at: kept.optedOutAt,
    });
  }
}
