import { connectIntegration } from "../../domains/integration/connect-integration";
import { getIntegration } from "../../domains/integration/get-integration";
import { listIntegrations } from "../../domains/integration/list-integrations";
import { reconfigureIntegration } from "../../domains/integration/reconfigure-integration";
import { retestIntegration } from "../../domains/integration/retest-integration";
import {
  connectIntegrationInput,
  integrationIdInput,
  listIntegrationsInput,
  reconfigureIntegrationInput,
  setIntegrationEnabledInput,
  setSenderPaceInput,
  vendorInput,
} from "../../domains/integration/schema";
import { getSandboxSettings } from "../../domains/integration/sandbox-settings";
import { setIntegrationEnabled } from "../../domains/integration/set-integration-enabled";
import { setSenderPace } from "../../domains/integration/set-sender-pace";
import { uninstallIntegration } from "../../domains/integration/uninstall-integration";
import { adminProcedure, router } from "../init";

// Admins only: integrations hold vendor credentials.
export const integrationRouter = router({
  list: adminProcedure
    .input(listIntegrationsInput)
    .query(({ ctx, input }) => listIntegrations(ctx.db, ctx.user.workspaceId, input.includeUninstalled)),
  get: adminProcedure
    .input(integrationIdInput)
    .query(({ ctx, input }) => getIntegration(ctx.db, ctx.user.workspaceId, input.id)),
  // What the wizard fills in when test mode is ticked: the sandbox's own account.
  sandboxSettings: adminProcedure.input(vendorInput).query(({ input }) => getSandboxSettings(input.vendor)),
  connect: adminProcedure
    .input(connectIntegrationInput)
    .mutation(({ ctx, input }) => connectIntegration(ctx.db, ctx.user, input)),
  reconfigure: adminProcedure
    .input(reconfigureIntegrationInput)
    .mutation(({ ctx, input }) => reconfigureIntegration(ctx.db, ctx.user, input)),
  test: adminProcedure
    .input(integrationIdInput)
    .mutation(({ ctx, input }) => retestIntegration(ctx.db, ctx.user, input.id)),
  setEnabled: adminProcedure
    .input(setIntegrationEnabledInput)
    .mutation(({ ctx, input }) => setIntegrationEnabled(ctx.db, ctx.user, input)),
  setSenderPace: adminProcedure
    .input(setSenderPaceInput)
    .mutation(({ ctx, input }) => setSenderPace(ctx.db, ctx.user, input)),
  uninstall: adminProcedure
    .input(integrationIdInput)
    .mutation(({ ctx, input }) => uninstallIntegration(ctx.db, ctx.user, input.id)),
});
