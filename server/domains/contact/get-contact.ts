import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { listWriteBacks } from "../write-back/reads";
import { findConsentHistory, findContact, findCurrentConsent } from "./queries";
import { consentByChannel } from "./view";

// The newest events; a contact with a longer history says so instead of loading it all.
export const CONSENT_HISTORY_LIMIT = 100;

/** One contact with its current consent per channel, the ledger it is derived from and its write-backs. */
export async function getContact(db: Db, workspaceId: string, id: string) {
  const contact = await findContact(db, workspaceId, id);
  if (!contact) throw new DomainError("NOT_FOUND", "No such contact in this workspace");
  const [current, history] = await Promise.all([
    findCurrentConsent(db, [id]),
    findConsentHistory(db, id, CONSENT_HISTORY_LIMIT + 1),
  ]);
  const shown = history.slice(0, CONSENT_HISTORY_LIMIT);
  return {
    ...contact,
    consent: consentByChannel(current),
    history: shown,
    // What those changes owed other systems (the Responsys profile list, Attentive) and how it went.
    writeBacks: await listWriteBacks(
      db,
      shown.map((e) => e.id),
    ),
    historyTruncated: history.length > CONSENT_HISTORY_LIMIT,
  };
}
