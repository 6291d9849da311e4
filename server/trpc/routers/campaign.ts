import { changeCampaignState, launchCampaign } from "../../domains/campaign/launch-campaign";
import { dryRunCampaign } from "../../domains/campaign/dry-run-campaign";
import { duplicateCampaign } from "../../domains/campaign/duplicate-campaign";
import { getCampaign } from "../../domains/campaign/get-campaign";
import { getCampaignOptions } from "../../domains/campaign/get-campaign-options";
import { listCampaigns } from "../../domains/campaign/list-campaigns";
import { listMessages } from "../../domains/campaign/list-messages";
import { createCampaign, updateCampaign } from "../../domains/campaign/save-campaign";
import { changeCampaignMember } from "../../domains/campaign/change-campaign-member";
import { campaignResponseTimes } from "../../domains/conversation/campaign-response-times";
import {
  campaignIdInput,
  campaignMemberInput,
  createCampaignInput,
  dialerUploadInput,
  listCampaignsInput,
  messagesInput,
  testSendInput,
  updateCampaignInput,
} from "../../domains/campaign/schema";
import { testSend } from "../../domains/campaign/test-send";
import { uploadDialerList } from "../../domains/campaign/upload-dialer-list";
import { adminProcedure, protectedProcedure, router } from "../init";

// Both roles: running campaigns is the marketer's job; admins oversee them.
export const campaignRouter = router({
  list: protectedProcedure
    .input(listCampaignsInput)
    .query(({ ctx, input }) => listCampaigns(ctx.db, ctx.user.workspaceId, input)),
  // The builder's dropdowns: integration.list is admin-only, this shows no settings or secrets.
  options: protectedProcedure.query(({ ctx }) => getCampaignOptions(ctx.db, ctx.user.workspaceId)),
  get: protectedProcedure
    .input(campaignIdInput)
    .query(({ ctx, input }) => getCampaign(ctx.db, ctx.user.workspaceId, input.id)),
  messages: protectedProcedure
    .input(messagesInput)
    .query(({ ctx, input }) => listMessages(ctx.db, ctx.user.workspaceId, input)),
  create: protectedProcedure
    .input(createCampaignInput)
    .mutation(({ ctx, input }) => createCampaign(ctx.db, ctx.user, input)),
  update: protectedProcedure
    .input(updateCampaignInput)
    .mutation(({ ctx, input }) => updateCampaign(ctx.db, ctx.user, input)),
  duplicate: protectedProcedure
    .input(campaignIdInput)
    .mutation(({ ctx, input }) => duplicateCampaign(ctx.db, ctx.user, input.id)),
  dryRun: protectedProcedure
    .input(campaignIdInput)
    .query(({ ctx, input }) => dryRunCampaign(ctx.db, ctx.user, input.id)),
  testSend: protectedProcedure.input(testSendInput).mutation(({ ctx, input }) => testSend(ctx.db, ctx.user, input)),
  launch: protectedProcedure
    .input(campaignIdInput)
    .mutation(({ ctx, input }) => launchCampaign(ctx.db, ctx.user, input.id)),
  uploadList: protectedProcedure
    .input(dialerUploadInput)
    .mutation(({ ctx, input }) => uploadDialerList(ctx.db, ctx.user, input)),
  pause: protectedProcedure
    .input(campaignIdInput)
    .mutation(({ ctx, input }) => changeCampaignState(ctx.db, ctx.user, input.id, "pause")),
  resume: protectedProcedure
    .input(campaignIdInput)
    .mutation(({ ctx, input }) => changeCampaignState(ctx.db, ctx.user, input.id, "resume")),
  addMember: protectedProcedure
    .input(campaignMemberInput)
    .mutation(({ ctx, input }) => changeCampaignMember(ctx.db, ctx.user, input, "add")),
  removeMember: protectedProcedure
    .input(campaignMemberInput)
    .mutation(({ ctx, input }) => changeCampaignMember(ctx.db, ctx.user, input, "remove")),
  // How fast agents answer the campaign's replies: for admins, who oversee the desk.
  responseTimes: adminProcedure
    .input(campaignIdInput)
    .query(({ ctx, input }) => campaignResponseTimes(ctx.db, ctx.user.workspaceId, input.id)),
  cancel: protectedProcedure
    .input(campaignIdInput)
    .mutation(({ ctx, input }) => changeCampaignState(ctx.db, ctx.user, input.id, "cancel")),
});
