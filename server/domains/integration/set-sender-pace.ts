import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findWorkspaceSender, setSenderPaceRow } from "./queries";
import type { setSenderPaceInput } from "./schema";

/**
 * The pace a sender (a WhatsApp number) sends at, in messages a second: every campaign through
 * it shares it, from the next delivery chunk on. Null goes back to the vendor's default.
 */
export async function setSenderPace(db: Db, actor: SessionUser, input: z.infer<typeof setSenderPaceInput>) {
  return db.transaction(async (tx) => {
    const sender = await findWorkspaceSender(tx, actor.workspaceId, input.id);
    if (!sender) throw new DomainError("NOT_FOUND", "No such sender in this workspace");
    const to = input.data.messagesPerSecond;
    await setSenderPaceRow(tx, sender.id, to);
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "integration.sender_pace",
      targetType: "integration",
      targetId: sender.integrationId,
      details: { senderId: sender.id, from: sender.messagesPerSecond, to },
    });
    return { id: sender.id, messagesPerSecond: to };
  });
}
