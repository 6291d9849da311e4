import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { findCaseSync } from "../case-sync/reads";
import { caseSyncView } from "../case-sync/view";
import { findConversationDetail, findReplyTemplates } from "./queries";
import { findThread } from "./reads";
import { windowState } from "./window";

/** A conversation with its thread, its window and service-level state, and its case sync. */
export async function getConversation(db: Db, workspaceId: string, id: string) {
  const conversation = await findConversationDetail(db, workspaceId, id);
  if (!conversation) throw new DomainError("NOT_FOUND", "No such conversation in this workspace");
  const [messages, sync, templates] = await Promise.all([
    findThread(db, id),
    findCaseSync(db, id),
    findReplyTemplates(db, conversation.integrationId),
  ]);
  return {
    ...conversation,
    ...windowState(conversation, new Date()),
    messages,
    templates,
    caseSync: sync ? caseSyncView(sync) : null,
  };
}
