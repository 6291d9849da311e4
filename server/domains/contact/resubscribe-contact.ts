import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findContactForUpdate, findCurrentConsent } from "./queries";
import { consentTarget, recordConsent } from "./record-consent";
import { channelNames, resubscribeSourceLabels, type resubscribeInput } from "./schema";

/**
 * Opts a channel that opted out back in, deliberately: an admin names how the customer gave
 * consent again and the evidence, both kept in the consent ledger with the admin as the actor,
 * and the change is audited. It is the only portal path from opt-out to opt-in (contact.update
 * refuses it), since it overrides the customer's STOP; like any opt-in it also makes the
 * Attentive subscription follow (recordConsent).
 */
export async function resubscribeContact(db: Db, actor: SessionUser, input: z.infer<typeof resubscribeInput>) {
  return db.transaction(async (tx) => {
    const contact = await findContactForUpdate(tx, actor.workspaceId, input.id);
    if (!contact) throw new DomainError("NOT_FOUND", "No such contact in this workspace");
    const current = (await findCurrentConsent(tx, [contact.id])).find((c) => c.channel === input.channel);
    const channel = channelNames[input.channel];
    if (current?.state !== "opt_out")
      throw new DomainError(
        "BAD_REQUEST",
        current
          ? `${channel} is already opted in: there is nothing to re-subscribe`
          : `${channel} has no opt-out to undo: set its permission with Edit`,
        "channel",
      );

    const recorded = await recordConsent(tx, {
      ...consentTarget({ ...contact, workspaceId: actor.workspaceId }, input.channel, "channel"),
      state: "opt_in",
      source: "admin",
      actorUserId: actor.userId,
      evidence: `Re-subscribed. ${resubscribeSourceLabels[input.source]}: ${input.reason}`,
    });
    // An opt-out stamped later than now (a vendor's clock ahead of ours) still wins by time.
    if (!recorded.current)
      throw new DomainError(
        "CONFLICT",
        `${channel} has an opt-out recorded for a later time; nothing was changed. Try again once that time has passed.`,
        "channel",
      );
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "contact.resubscribe",
      targetType: "contact",
      targetId: contact.id,
      // The evidence text is in the ledger row this names.
      details: { channel: input.channel, source: input.source, consentEventId: recorded.eventId },
    });
    return { id: contact.id, channel: input.channel, at: recorded.at };
  });
}
