import { configureApp } from "../../domains/responsys-app/configure-app";
import { configureService } from "../../domains/responsys-app/configure-service";
import { getAppConfiguration } from "../../domains/responsys-app/get-app-configuration";
import { getServiceConfiguration } from "../../domains/responsys-app/get-service-configuration";
import { configureAppInput, configureServiceInput, pageSessionInput } from "../../domains/responsys-app/schema";
import { publicProcedure, router } from "../init";

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
});
