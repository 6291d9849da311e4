import { z } from "zod";
import type { Db } from "@/db/client";
import type { RecordDefinition } from "@/db/schema";
import { inngest } from "../../jobs/client";
import { responsysInvocationReceived } from "../../jobs/events";
import { encryptSecret } from "../../lib/crypto";
import { env } from "../../env";
import { isResponsysUrl } from "../../vendors/responsys/hosts";
import { invokeBody } from "../../vendors/responsys-app/wire";
import { findCampaignById } from "../campaign/reads";
import { deleteInvocation, insertInvocation } from "./invocation-queries";
import { rowFieldsOf } from "./invocation";
import { CORRELATION_ID, MOBILE_NUMBER } from "./record-definition";

export type InvokedService = {
  id: string;
  workspaceId: string;
  campaignId: string | null;
  recordDefinition: RecordDefinition | null;
  appIntegrationId: string;
  /** A test-mode app: its endpoints are the sandbox's. */
  sandbox: boolean;
};

const answer = (status: number, body: unknown) => ({ status, body });

/**
 * Responsys invoked the service (§4 of docs/vendors/responsys.md): the body is checked, stored once
 * per (service, invoke uuid) with the install secret encrypted, and handed to run-invocation; the
 * answer goes back at once, the rows are worked through in the background. A repeated uuid is
 * accepted again and changes nothing. When the hand-off fails the stored invoke is removed and
 * Responsys is told to retry, so an invoke is never accepted yet left unprocessed.
 */
export async function receiveInvocation(
  db: Db,
  service: InvokedService,
  body: unknown,
): Promise<{ status: number; body: unknown }> {
  const parsed = invokeBody.safeParse(body);
  if (!parsed.success) return answer(400, { error: `Invalid invoke body: ${z.prettifyError(parsed.error)}` });
  const invoke = parsed.data;
  // Switchboard calls these endpoints back with the rows' data: only Responsys's own hosts (the
  // sandbox's, for a test-mode app), never a URL a forged or mistaken invoke points elsewhere.
  const endpoints = {
    productExportEndpoint: invoke.productExportEndpoint,
    productImportEndpoint: invoke.productImportEndpoint,
    onCompletionCallbackEndpoint: invoke.onCompletionCallbackEndpoint,
  };
  for (const [name, endpoint] of Object.entries(endpoints)) {
    if (!endpoint) continue;
    const allowed = service.sandbox
      ? new URL(endpoint.url).origin === new URL(env.SANDBOX_URL).origin
      : isResponsysUrl(endpoint.url);
    if (!allowed)
      return answer(400, {
        error: `Invalid invoke body: ${name}.url must be ${service.sandbox ? "the sandbox's" : "an https URL on a Responsys host"}, not ${endpoint.url}`,
      });
  }
  const campaign = service.campaignId ? await findCampaignById(db, service.campaignId) : null;
  if (!campaign)
    return answer(409, {
      error: "The service is not configured yet: open its configuration in the Program's Apps step and save it.",
    });

  const { inputParameters, outputParameters } = invoke.instanceContext.recordDefinition;
  const inputs = inputParameters.map((p) => p.name);
  const missing = [CORRELATION_ID, MOBILE_NUMBER, ...rowFieldsOf(campaign)].filter((name) => !inputs.includes(name));
  if (missing.length > 0) {
    return answer(400, {
      error: `Invalid invoke body: instanceContext.recordDefinition.inputParameters lacks ${[...new Set(missing)].join(", ")}, which the service's configuration reads`,
    });
  }
  if (!outputParameters.some((p) => p.name === CORRELATION_ID)) {
    return answer(400, {
      error: `Invalid invoke body: instanceContext.recordDefinition.outputParameters lacks ${CORRELATION_ID}, so results could not be reported`,
    });
  }

  const { instanceContext: context, dataSet } = invoke;
  const stored = await insertInvocation(db, {
    workspaceId: service.workspaceId,
    serviceId: service.id,
    campaignId: campaign.id,
    uuid: invoke.uuid,
    appId: context.appId,
    installId: context.installId,
    instanceId: context.instanceId,
    tenantId: context.tenantId,
    secret: encryptSecret(context.secret),
    inputParameters: inputs,
    outputParameters,
    dataSetId: dataSet.id,
    size: dataSet.rows?.length ?? dataSet.size ?? 0,
    inlineRows: dataSet.rows ?? null,
    exportEndpoint: dataSet.rows ? null : (invoke.productExportEndpoint ?? null),
    importEndpoint: invoke.productImportEndpoint,
    completionEndpoint: invoke.onCompletionCallbackEndpoint ?? null,
    maxPullPageSize: invoke.maxPullPageSize,
    maxPushBatchSize: invoke.maxPushBatchSize,
  });
  if (stored) {
    try {
      await inngest.send(responsysInvocationReceived.create({ invocationId: stored.id, attempt: 1 }));
    } catch (error) {
      await deleteInvocation(db, stored.id);
      console.error("responsys invoke hand-off failed", error);
      return answer(503, { error: "Temporarily unable to accept the invoke; retry later." });
    }
  }
  return answer(202, { status: "ACCEPTED", uuid: invoke.uuid });
}
