import { createJob } from "../../domains/responsys-jobs/create-job";
import { deleteJob } from "../../domains/responsys-jobs/delete-job";
import { detectAccounts } from "../../domains/responsys-jobs/detect-accounts";
import { getContactActivity } from "../../domains/responsys-jobs/get-contact-activity";
import { getJob } from "../../domains/responsys-jobs/get-job";
import { getJobOptions } from "../../domains/responsys-jobs/get-job-options";
import { listJobs } from "../../domains/responsys-jobs/list-jobs";
import { lookUpNames } from "../../domains/responsys-jobs/look-up-names";
import {
  contactActivityInput,
  createJobInput,
  detectAccountsInput,
  jobIdInput,
  listJobsInput,
  lookUpNamesInput,
} from "../../domains/responsys-jobs/schema";
import { setJobPaused } from "../../domains/responsys-jobs/set-job-status";
import { adminProcedure, protectedProcedure, router } from "../init";

// Responsys audience exports and activity imports. Both roles watch the jobs;
// admins create, pause, resume and delete them (each change in the audit log).
export const responsysJobsRouter = router({
  list: protectedProcedure
    .input(listJobsInput)
    .query(({ ctx, input }) => listJobs(ctx.db, ctx.user.workspaceId, input)),
  get: protectedProcedure.input(jobIdInput).query(({ ctx, input }) => getJob(ctx.db, ctx.user.workspaceId, input.id)),
  // For the contact screen: the Responsys activity aggregates and latest events of one contact.
  contactActivity: protectedProcedure
    .input(contactActivityInput)
    .query(({ ctx, input }) => getContactActivity(ctx.db, ctx.user.workspaceId, input.contactId)),
  options: protectedProcedure.query(({ ctx }) => getJobOptions(ctx.db, ctx.user.workspaceId)),
  // The Responsys lists, tables and campaigns the job form offers (asked of Responsys each time).
  lookUpNames: adminProcedure
    .input(lookUpNamesInput)
    .query(({ ctx, input }) => lookUpNames(ctx.db, ctx.user.workspaceId, input)),
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
