import { createServer, type Server } from "node:http";
import { randomBytes, randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { expect } from "vitest";
import { schema } from "@/db/client";
import { configureApp } from "../domains/responsys-app/configure-app";
import { configureService } from "../domains/responsys-app/configure-service";
import { openAppConfiguration } from "../domains/responsys-app/open-app-configuration";
import { openServiceConfiguration } from "../domains/responsys-app/open-service-configuration";
import { findAppIntegration, findService } from "../domains/responsys-app/queries";
import { env } from "../env";
import { handleResponsysAppRequest } from "../http/responsys-app";
import { handleWebhookRequest } from "../http/webhook";
import { MITTO_SANDBOX_CREDENTIALS } from "../sandbox/mitto";
import { AMS_DEMO_LIST_FIELDS } from "../sandbox/responsys-ams";
import { callerFor, createWorkspace } from "./fixtures";

// A Responsys CX app workspace for tests that go through the sandbox's App Management
// simulator (its control API at env.SANDBOX_URL) and a small HTTP server standing in for the
// portal's route handlers the vendors call back.

/** The portal's HTTP edges the vendors call: Mitto's DLR webhooks and the app's AMS endpoints. */
export function startPortal() {
  const server = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? "/", env.APP_URL);
      const request = new Request(url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
      });
      const webhook = /^\/api\/webhooks\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(url.pathname);
      const app = /^\/api\/responsys-app\/([^/]+)(\/.*)$/.exec(url.pathname);
      let response = Response.json({ error: "not found" }, { status: 404 });
      if (webhook)
        response = await handleWebhookRequest(request, {
          vendor: webhook[1]!,
          integrationId: webhook[2]!,
          kind: webhook[3]!,
        });
      if (app)
        response = await handleResponsysAppRequest(request, {
          integrationId: app[1]!,
          path: app[2]!.split("/").filter(Boolean),
        });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  return new Promise<Server>((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${env.SANDBOX_URL}/_control/ams${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export type InvokeAnswer = { uuid: string; appStatus: number; appBody: unknown };
export type Recorded = {
  pulls: { offset: number; limit: number }[];
  imports: { rows: (string | null)[][] }[];
  completions: { body: unknown }[];
  refused: unknown[];
};

const lifecycle = (appId: string, path: string, body: object) =>
  control<{ status: number; body: unknown }>("POST", "/lifecycle", { appId, path, body }).then((answer) => {
    if (answer.status !== 200) throw new Error(`${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  });

/**
 * A workspace with a sandbox Responsys app registered with the simulator, installed with the
 * Mitto sandbox account (templates synced), and one service configured: business account,
 * opt-in field OPTIN, template mcp_account with {{1}} = FIRST_NAME, last status into
 * LAST_MESSAGE_STATUS.
 */
export async function setUp(statusTimeoutMinutes: number) {
  const { db, admin, marketer } = await createWorkspace();
  const adminApi = await callerFor(admin);
  const api = await callerFor(marketer);
  // Each test its own app, so the simulator's registration points at this workspace's integration.
  const appId = `switchboard-${randomBytes(4).toString("hex")}`;
  const appIntegrationId =
    (
      await adminApi.integration.connect({
        vendor: "responsys_app",
        label: "Responsys app",
        sandbox: true,
        settings: { appId, tokenKey: `key-${appId}`, tokenSecret: randomBytes(24).toString("hex") },
      })
    ).id ?? "";
  const app = (await findAppIntegration(db, appIntegrationId))!;
  const sessionOf = (url: string) => new URL(url).searchParams.get("session") ?? "";

  // Installed from Responsys, the Mitto account entered on the app's configuration page.
  const installId = `install-${appId}`;
  await lifecycle(appId, "/install", { installId, tenantId: "6607", productName: "Responsys", location: "Interact 9" });
  const appSession = sessionOf(await openAppConfiguration(db, app, { installId }));
  expect(
    await configureApp(db, {
      session: appSession,
      username: MITTO_SANDBOX_CREDENTIALS.username,
      password: MITTO_SANDBOX_CREDENTIALS.password,
    }),
  ).toEqual({ ok: true });
  const [install] = await db
    .select()
    .from(schema.responsysAppInstalls)
    .where(eq(schema.responsysAppInstalls.appIntegrationId, appIntegrationId));
  const mittoId = install!.mittoIntegrationId!;
  const [template] = await db
    .select()
    .from(schema.templates)
    .where(and(eq(schema.templates.integrationId, mittoId), eq(schema.templates.name, "mcp_account")));
  const [sender] = await db
    .select()
    .from(schema.senders)
    .where(
      and(
        eq(schema.senders.integrationId, mittoId),
        eq(schema.senders.externalId, "6f1c2a9e-0b7d-4c53-9a55-0d6c2f1e8a11"),
      ),
    );

  // A Program's Apps step creates the service; the marketer configures it in the frame.
  const instanceUuid = randomUUID();
  await lifecycle(appId, "/service/create", { instanceUuid, installId, programName: "Welcome" });
  const serviceSession = sessionOf(
    await openServiceConfiguration(db, app, { uuid: instanceUuid, listFields: AMS_DEMO_LIST_FIELDS }),
  );
  const configured = await configureService(db, {
    session: serviceSession,
    senderId: sender!.id,
    optInField: "OPTIN",
    templateId: template!.id,
    placeholderFields: ["FIRST_NAME"],
    statusField: "LAST_MESSAGE_STATUS",
    statusTimeoutMinutes,
  });
  expect(configured.ok).toBe(true);
  await lifecycle(appId, "/service/save-configuration", { instanceUuid, payload: {} });
  const service = (await findService(db, appIntegrationId, instanceUuid))!;
  return {
    db,
    api,
    adminApi,
    appId,
    instanceUuid,
    // The app is connected in test mode: its invokes name the sandbox's endpoints.
    service: { ...service, sandbox: true },
    campaignId: service.campaignId!,
    recordDefinition: service.recordDefinition!,
  };
}

export type Setup = Awaited<ReturnType<typeof setUp>>;

export function invoke(
  s: Setup,
  rows: string[][],
  options: { inline: boolean; maxPullPageSize?: number; maxPushBatchSize?: number },
) {
  return control<InvokeAnswer>("POST", "/invoke", { appId: s.appId, instanceUuid: s.instanceUuid, rows, ...options });
}
