import { createJob } from "../../domains/audience/create-job";
import { deleteJob } from "../../domains/audience/delete-job";
import { detectAccounts } from "../../domains/audience/detect-accounts";
import { getContactActivity } from "../../domains/audience/get-contact-activity";
import { getJob } from "../../domains/audience/get-job";
import { getJobOptions } from "../../domains/audience/get-job-options";
import { listJobs } from "../../domains/audience/list-jobs";
import {
  contactActivityInput,
  createJobInput,
  detectAccountsInput,
  jobIdInput,
  listJobsInput,
} from "../../domains/audience/schema";
import { setJobPaused } from "../../domains/audience/set-job-status";
import { adminProcedure, protectedProcedure, router } from "../init";

// Responsys audience exports and activity imports. Both roles watch the jobs;
// admins create, pause, resume and delete them (each change in the audit log).
export const audienceRouter = router({
  list: protectedProcedure
    .input(listJobsInput)
    .query(({ ctx, input }) => listJobs(ctx.db, ctx.user.workspaceId, input)),
  get: protectedProcedure.input(jobIdInput).query(({ ctx, input }) => getJob(ctx.db, ctx.user.workspaceId, input.id)),
  // For the contact screen: the Responsys activity aggregates and latest events of one contact.
  contactActivity: protectedProcedure
    .input(contactActivityInput)
    .query(({ ctx, input }) => getContactActivity(ctx.db, ctx.user.workspaceId, input.contactId)),
  options: protectedProcedure.query(({ ctx }) => getJobOptions(ctx.db, ctx.user.workspaceId)),
  detectAccounts: adminProcedure
    .input(detectAccountsInput)
    .mutation(({ ctx, input }) => detectAccounts(ctx.db, ctx.user.workspaceId, input)),
  create: adminProcedure.input(createJobInput).mutation(({ ctx, input }) => createJob(ctx.db, ctx.user, input)),
  pause: adminProcedure.input(jobIdInput).mutation(({ ctx, input }) => setJobPaused(ctx.db, ctx.user, input.id, true)),
  resume: adminProcedure
    .input(jobIdInput)
    .mutation(({ ctx, input }) => setJobPaused(ctx.db, ctx.user, input.id, false)),
  delete: adminProcedure.input(jobIdInput).mutation(({ ctx, input }) => deleteJob(ctx.db, ctx.user, input.id)),
});
