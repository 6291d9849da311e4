import { listCaseSyncs } from "../../domains/case-sync/list-case-syncs";
import { retryCaseSync } from "../../domains/case-sync/retry-case-sync";
import { closeConversation } from "../../domains/conversation/close-conversation";
import { getConversation } from "../../domains/conversation/get-conversation";
import { listConversations } from "../../domains/conversation/list-conversations";
import { reply } from "../../domains/conversation/reply";
import {
  closeConversationInput,
  conversationIdInput,
  listConversationsInput,
  replyInput,
  retrySyncInput,
  syncHistoryInput,
} from "../../domains/conversation/schema";
import { getWorkspaceSettings } from "../../domains/workspace/get-settings";
import { adminProcedure, protectedProcedure, router } from "../init";

// Both roles handle conversations: agents are the workspace's users, whatever their role.
export const conversationRouter = router({
  list: protectedProcedure
    .input(listConversationsInput)
    .query(({ ctx, input }) => listConversations(ctx.db, ctx.user, input)),
  get: protectedProcedure
    .input(conversationIdInput)
    .query(({ ctx, input }) => getConversation(ctx.db, ctx.user.workspaceId, input.id)),
  reply: protectedProcedure.input(replyInput).mutation(({ ctx, input }) => reply(ctx.db, ctx.user, input)),
  close: protectedProcedure
    .input(closeConversationInput)
    .mutation(({ ctx, input }) => closeConversation(ctx.db, { kind: "user", user: ctx.user }, input)),
  retrySync: protectedProcedure
    .input(retrySyncInput)
    .mutation(({ ctx, input }) => retryCaseSync(ctx.db, ctx.user, input.conversationId)),
  syncHistory: protectedProcedure
    .input(syncHistoryInput)
    .query(({ ctx, input }) => listCaseSyncs(ctx.db, ctx.user.workspaceId, input)),
  // The external desk's close webhook: its address and when its token was set (the token itself
  // is shown once, when an admin rotates it on the settings page).
  deskWebhook: adminProcedure.query(async ({ ctx }) => (await getWorkspaceSettings(ctx.db, ctx.user.workspaceId)).desk),
});
