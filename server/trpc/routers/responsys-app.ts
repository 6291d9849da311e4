import { configureApp } from "../../domains/responsys-app/configure-app";
import { configureService } from "../../domains/responsys-app/configure-service";
import { getAppConfiguration } from "../../domains/responsys-app/get-app-configuration";
import { getServiceConfiguration } from "../../domains/responsys-app/get-service-configuration";
import { getInvocation } from "../../domains/responsys-app/get-invocation";
import { listInvocations } from "../../domains/responsys-app/list-invocations";
import { retryInvocation } from "../../domains/responsys-app/retry-invocation";
import {
  configureAppInput,
  configureServiceInput,
  invocationIdInput,
  listInvocationsInput,
  pageSessionInput,
} from "../../domains/responsys-app/schema";
import { adminProcedure, publicProcedure, router } from "../init";

// The CX app's configuration pages, shown by Responsys in a frame to people who have no
// Switchboard login: each call is authorised by the page's signed session, checked in the use case.
export const responsysAppRouter = router({
  configuration: publicProcedure
    .input(pageSessionInput)
    .query(({ ctx, input }) => getAppConfiguration(ctx.db, input.session)),
  configure: publicProcedure.input(configureAppInput).mutation(({ ctx, input }) => configureApp(ctx.db, input)),
  serviceConfiguration: publicProcedure
    .input(pageSessionInput)
    .query(({ ctx, input }) => getServiceConfiguration(ctx.db, input.session)),
  configureService: publicProcedure
    .input(configureServiceInput)
    .mutation(({ ctx, input }) => configureService(ctx.db, input)),
  // The portal's invocations pages, for admins: every invoke, its outcome, and a retry.
  invocations: adminProcedure
    .input(listInvocationsInput)
    .query(({ ctx, input }) => listInvocations(ctx.db, ctx.user.workspaceId, input)),
  invocation: adminProcedure
    .input(invocationIdInput)
    .query(({ ctx, input }) => getInvocation(ctx.db, ctx.user.workspaceId, input.id)),
  retryInvocation: adminProcedure
    .input(invocationIdInput)
    .mutation(({ ctx, input }) => retryInvocation(ctx.db, ctx.user, input.id)),
});
