import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { OPTIONS, POST } from "@/app/api/responsys-app/[integrationId]/[...path]/route";
import { schema, type Db } from "@/db/client";
import { readAppSession } from "@/server/domains/responsys-app/app-session";
import type { SessionUser } from "@/server/auth/sessions";
import { APP_CAMPAIGN_REFUSAL } from "@/server/domains/campaign/schema";
import { MITTO_LABEL } from "@/server/domains/responsys-app/configure-app";
import { env } from "@/server/env";
import { signHs256 } from "@/server/lib/jwt";
import { mittoFake, MITTO_SANDBOX_CREDENTIALS } from "@/server/sandbox/mitto";
import { AMS_DEMO_LIST_FIELDS, AMS_SANDBOX_APP, responsysAmsFake } from "@/server/sandbox/responsys-ams";
import { startSandbox, type Sandbox } from "@/server/sandbox/server";
import { callerFor, createWorkspace } from "@/server/testing/fixtures";
import { captureEvents } from "@/server/testing/inngest";

// The app's endpoints as Responsys App Management calls them: the sandbox simulator signs its
// own tokens and posts to the route handler (served here by a plain HTTP server), and the
// tests also post hand-made calls to the route handler for what the simulator never sends
// (form posts, wrong audiences, other algorithms). Effects are read from the database.

let sandbox: Sandbox;
let portal: Server;
/** The configuration pages' procedures, as the framed pages call them: nobody is signed in. */
let pages: Awaited<ReturnType<typeof callerFor>>["responsysApp"];

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [mittoFake(), responsysAmsFake()] });
  env.SANDBOX_URL = sandbox.url;
  portal = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? "/", env.APP_URL);
      const [, , , integrationId = "", ...path] = url.pathname.split("/");
      const request = new Request(url, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
      });
      const answer =
        req.method === "OPTIONS"
          ? OPTIONS()
          : await POST(request, { params: Promise.resolve({ integrationId, path }) });
      res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(await answer.text());
    })();
  });
  await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
  env.APP_URL = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
  pages = (await callerFor(null)).responsysApp;
});
afterEach(() => vi.restoreAllMocks());
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => portal.close(resolve));
});

type App = { db: Db; workspaceId: string; integrationId: string; appId: string; admin: SessionUser };

/** A workspace whose admin connected a test-mode app integration (which registers it with the simulator). */
async function connectApp(): Promise<App> {
  const { db, workspace, admin } = await createWorkspace();
  const appId = `app-${randomUUID()}`;
  const connected = await (
    await callerFor(admin)
  ).integration.connect({
    vendor: "responsys_app",
    label: "Responsys app",
    sandbox: true,
    settings: { ...AMS_SANDBOX_APP, appId },
  });
  expect(connected.ok).toBe(true);
  return { db, workspaceId: workspace.id, integrationId: connected.id ?? "", appId, admin };
}

async function control(path: string, body?: unknown) {
  const res = await fetch(`${sandbox.url}/_control/ams${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { status: number; body: Record<string, unknown>; jti: string };
}

/** The simulator signs a call to one of the app's endpoints (optionally a bad token) and reports the app's answer. */
const lifecycle = (
  app: App,
  path: string,
  body: Record<string, unknown>,
  jwt?: { expired?: boolean; forged?: boolean; replayJtiOf?: string },
) => control("/lifecycle", { appId: app.appId, path, body, jwt });

/** A token as AMS signs it, with any claim replaced. */
function token(overrides: Record<string, unknown> = {}, secret: string = AMS_SANDBOX_APP.tokenSecret) {
  const iat = Math.floor(Date.now() / 1000);
  return signHs256(
    {
      iss: "AMS",
      sub: "install",
      aud: AMS_SANDBOX_APP.tokenKey,
      iat,
      exp: iat + 60,
      jti: randomUUID(),
      "o.a.p.ctenantId": "6607",
      "o.a.p.cproductName": "Responsys",
      ...overrides,
    },
    secret,
  );
}

/** A call posted straight to the route handler: JSON with a bearer token, or the framed form post. */
async function call(app: App, path: string, body: unknown, options: { jwt?: string | null; form?: boolean } = {}) {
  const jwt = options.jwt === undefined ? token() : options.jwt;
  const init = options.form
    ? {
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ ...(jwt ? { jwt } : {}), body: JSON.stringify(body) }).toString(),
      }
    : {
        headers: { "content-type": "application/json", ...(jwt ? { authorization: `Bearer ${jwt}` } : {}) },
        body: JSON.stringify(body),
      };
  return POST(
    new Request(`${env.APP_URL}/api/responsys-app/${app.integrationId}${path}`, { method: "POST", ...init }),
    {
      params: Promise.resolve({ integrationId: app.integrationId, path: path.slice(1).split("/") }),
    },
  );
}

const installOf = async (app: App, installId: string) =>
  (
    await app.db
      .select()
      .from(schema.responsysAppInstalls)
      .where(
        and(
          eq(schema.responsysAppInstalls.appIntegrationId, app.integrationId),
          eq(schema.responsysAppInstalls.installId, installId),
        ),
      )
  )[0];
const serviceOf = async (app: App, instanceUuid: string) =>
  (
    await app.db
      .select()
      .from(schema.responsysAppServices)
      .where(
        and(
          eq(schema.responsysAppServices.appIntegrationId, app.integrationId),
          eq(schema.responsysAppServices.instanceUuid, instanceUuid),
        ),
      )
  )[0];
const auditsOf = async (app: App) =>
  (await app.db.select().from(schema.auditLog).where(eq(schema.auditLog.workspaceId, app.workspaceId))).filter((a) =>
    a.action.startsWith("responsys_app."),
  );

/** Rows any app call could write, to prove a refused one wrote none. */
async function footprint(app: App) {
  const n = async (
    table:
      | typeof schema.responsysAppInstalls
      | typeof schema.responsysAppServices
      | typeof schema.usedTokenIds
      | typeof schema.campaigns,
  ) => (await app.db.select({ n: count() }).from(table))[0]?.n;
  return {
    installs: await n(schema.responsysAppInstalls),
    services: await n(schema.responsysAppServices),
    tokenIds: await n(schema.usedTokenIds),
    campaigns: await n(schema.campaigns),
    audits: (await auditsOf(app)).length,
  };
}

const sessionFrom = (res: Response) => new URL(res.headers.get("location") ?? "").searchParams.get("session") ?? "";

/** Installed through the simulator and configured on the app page with the sandbox's Mitto account. */
async function installAndConfigure(app: App) {
  const installId = randomUUID();
  expect(
    (
      await lifecycle(app, "/install", {
        installId,
        tenantId: "6607",
        productName: "Responsys",
        location: "Interact 8",
        productUrl: "https://example.test",
      })
    ).body,
  ).toEqual({ status: "INSTALLED" });
  const opened = await call(app, "/configure", { installId, locale: "en-US" }, { form: true });
  expect(
    await pages.configure({
      session: sessionFrom(opened),
      username: MITTO_SANDBOX_CREDENTIALS.username,
      password: MITTO_SANDBOX_CREDENTIALS.password,
    }),
  ).toEqual({ ok: true });
  return installId;
}

describe("Responsys CX app lifecycle endpoints", () => {
  it("connects the app: values are checked, and its page lists the endpoints to register and the install link, never the secret", async () => {
    const { admin } = await createWorkspace();
    const api = await callerFor(admin);
    await expect(
      api.integration.connect({
        vendor: "responsys_app",
        label: "App",
        sandbox: true,
        settings: { ...AMS_SANDBOX_APP, tokenSecret: "short" },
      }),
    ).rejects.toThrow("The AMS token secret is at least 16 characters");
    await expect(
      api.integration.connect({
        vendor: "responsys_app",
        label: "App",
        sandbox: true,
        settings: { ...AMS_SANDBOX_APP, appId: "two words" },
      }),
    ).rejects.toThrow("The AMS app id cannot contain spaces");
    const connected = await api.integration.connect({
      vendor: "responsys_app",
      label: "App",
      sandbox: true,
      settings: { ...AMS_SANDBOX_APP, appId: "app-view" },
    });
    const view = await api.integration.get({ id: connected.id ?? "" });
    const base = `${env.APP_URL}/api/responsys-app/${connected.id}`;
    expect(view.app?.endpoints.map((e) => e.url)).toEqual([
      `${base}/install`,
      `${base}/uninstall`,
      `${base}/configure`,
      `${base}/save-configuration`,
      `${base}/status`,
      `${base}/service/create`,
      `${base}/service/configure`,
      `${base}/service/save-configuration`,
      `${base}/service/copy`,
      `${base}/service/delete`,
      `${base}/service/invoke`,
    ]);
    expect(view.app?.installUrl).toBe(`${sandbox.url}/ams/install?app=app-view`);
    expect(view.secretsSet).toEqual({ tokenSecret: true });
    expect(JSON.stringify(view)).not.toContain(AMS_SANDBOX_APP.tokenSecret);
    // Registered with the simulator on connect: its install page knows the app.
    expect((await fetch(`${sandbox.url}/ams/install?app=app-view`)).status).toBe(200);
    // A new token secret reaches the simulator too: its calls are signed with it and accepted.
    await api.integration.reconfigure({
      id: view.id,
      data: {
        label: "App",
        settings: {
          appId: "app-view",
          tokenKey: AMS_SANDBOX_APP.tokenKey,
          tokenSecret: "a-new-token-secret-of-some-length",
        },
      },
    });
    expect(
      (await control("/lifecycle", { appId: "app-view", path: "/install", body: { installId: "after-reconfigure" } }))
        .status,
    ).toBe(200);
  });

  it("installs, reports status, opens the configuration page, configures Mitto, confirms the save, and uninstalls keeping the Mitto account", async () => {
    const app = await connectApp();
    const installId = randomUUID();
    const installed = await lifecycle(app, "/install", {
      installId,
      tenantId: "6607",
      productName: "Responsys",
      location: "Interact 9",
      productUrl: "https://example.test",
    });
    expect(installed).toMatchObject({ status: 200, body: { status: "INSTALLED" } });
    expect(await installOf(app, installId)).toMatchObject({
      workspaceId: app.workspaceId,
      tenantId: "6607",
      location: "Interact 9",
      status: "installed",
      mittoIntegrationId: null,
    });
    expect((await lifecycle(app, "/status", { installId })).body).toEqual({ status: "INSTALLED" });
    expect((await lifecycle(app, "/save-configuration", { installId, payload: {} })).status).toBe(409);

    // The frame's form post answers 303 to the page, with a session for this installation.
    const opened = await call(app, "/configure", { installId, locale: "en-US" }, { form: true });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toMatch(new RegExp(`^${env.APP_URL}/responsys-app/configure\\?session=`));
    expect(readAppSession(sessionFrom(opened))).toMatchObject({
      kind: "app",
      appIntegrationId: app.integrationId,
      ref: installId,
    });

    // The page's Save: Mitto's refusal is shown and changes nothing; the right account is stored.
    const session = sessionFrom(opened);
    // Only this session opens this page: not an altered one, nor a service's.
    const [body = "", mac = ""] = session.split(".");
    const altered = `${Buffer.from(JSON.stringify({ ...readAppSession(session), ref: "another-install" })).toString("base64url")}.${mac}`;
    for (const bad of [altered, `${body}.${mac.slice(1)}`, "", "x"])
      await expect(pages.configuration({ session: bad })).rejects.toThrow(
        /expired or its link is not valid|no session/,
      );
    expect(await pages.configuration({ session })).toEqual({
      installId,
      location: "Interact 9",
      configured: false,
      account: null,
    });
    const refused = await pages.configure({
      session,
      username: MITTO_SANDBOX_CREDENTIALS.username,
      password: "wrong",
    });
    expect(refused).toEqual({ ok: false, error: expect.stringContaining("Invalid email or password") as string });
    expect(await installOf(app, installId)).toMatchObject({ status: "installed", mittoIntegrationId: null });
    expect(
      await pages.configure({
        session,
        username: MITTO_SANDBOX_CREDENTIALS.username,
        password: MITTO_SANDBOX_CREDENTIALS.password,
      }),
    ).toEqual({ ok: true });
    const install = await installOf(app, installId);
    expect(install?.status).toBe("configured");
    const [mitto] = await app.db
      .select()
      .from(schema.integrations)
      .where(eq(schema.integrations.id, install?.mittoIntegrationId ?? ""));
    expect(mitto).toMatchObject({
      workspaceId: app.workspaceId,
      vendor: "mitto",
      label: MITTO_LABEL,
      sandbox: true,
      status: "active",
      config: expect.objectContaining({ username: MITTO_SANDBOX_CREDENTIALS.username }) as unknown,
    });
    // Mitto's API takes no template namespace, and nothing reads a Responsys location from it.
    expect(Object.keys(mitto?.config ?? {})).not.toContain("namespace");
    expect(mitto?.secrets).not.toContain(MITTO_SANDBOX_CREDENTIALS.password);
    // Its templates were synced, so the service page can offer them.
    expect(
      (
        await app.db
          .select()
          .from(schema.templates)
          .where(eq(schema.templates.integrationId, mitto?.id ?? ""))
      ).map((t) => t.name),
    ).toContain("mcp_account");

    // Reconfiguring keeps the same Mitto integration; a blank password keeps the stored one.
    expect(
      await pages.configure({
        session,
        username: MITTO_SANDBOX_CREDENTIALS.username,
        password: "",
      }),
    ).toEqual({ ok: true });
    const mittos = await app.db
      .select()
      .from(schema.integrations)
      .where(and(eq(schema.integrations.workspaceId, app.workspaceId), eq(schema.integrations.vendor, "mitto")));
    expect(mittos.map((m) => m.id)).toEqual([mitto?.id]);

    expect((await lifecycle(app, "/save-configuration", { installId, payload: {} })).body).toEqual({
      configurationStatus: "CONFIGURED",
      payload: {},
      httpStatusCode: "200",
    });
    expect((await lifecycle(app, "/status", { installId })).body).toEqual({ status: "CONFIGURED" });

    expect((await lifecycle(app, "/uninstall", { installId })).body).toEqual({ status: "UNINSTALLED" });
    expect((await lifecycle(app, "/status", { installId })).body).toEqual({ status: "UNINSTALLED" });
    const [kept] = await app.db
      .select()
      .from(schema.integrations)
      .where(eq(schema.integrations.id, mitto?.id ?? ""));
    expect(kept).toMatchObject({ status: "active", uninstalledAt: null });
    expect((await call(app, "/configure", { installId }, { form: true })).status).toBe(409);

    const audits = await auditsOf(app);
    expect(audits.map((a) => a.action).sort()).toEqual([
      "responsys_app.configure",
      "responsys_app.configure",
      "responsys_app.install",
      "responsys_app.uninstall",
    ]);
    expect(
      audits.every(
        (a) =>
          a.actorUserId === null &&
          a.actorKind === "vendor" &&
          (JSON.parse(a.details) as { installId: string }).installId === installId,
      ),
    ).toBe(true);
  });

  it("creates, configures, saves, copies and deletes a service, returning the record definition", async () => {
    const app = await connectApp();
    const installId = await installAndConfigure(app);
    const instanceUuid = randomUUID();
    expect((await lifecycle(app, "/service/create", { instanceUuid, installId, programName: "Welcome" })).body).toEqual(
      { status: "CREATED" },
    );
    expect(await serviceOf(app, instanceUuid)).toMatchObject({
      workspaceId: app.workspaceId,
      installId,
      programName: "Welcome",
      status: "created",
      campaignId: null,
    });
    expect((await lifecycle(app, "/service/save-configuration", { instanceUuid, payload: {} })).status).toBe(409);

    const opened = await call(
      app,
      "/service/configure",
      { uuid: instanceUuid, status: "CREATED", locale: "en-US", listFields: AMS_DEMO_LIST_FIELDS },
      { form: true },
    );
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toMatch(new RegExp(`^${env.APP_URL}/responsys-app/service\\?session=`));
    const session = sessionFrom(opened);
    await expect(pages.configuration({ session })).rejects.toThrow("expired or its link is not valid");
    const page = await pages.serviceConfiguration({ session });
    expect(page.listFields).toEqual(AMS_DEMO_LIST_FIELDS);
    expect(page.senders.map((s) => s.name)).toContain("Switchboard Demo WhatsApp");
    const template = page.templates.find((t) => t.name === "appointment_reminder");
    const sender = page.senders[0];
    if (!template || !sender) throw new Error("the sandbox account has no appointment_reminder template or sender");

    // Every missing or unknown piece is named at once, and nothing changes.
    const before = await footprint(app);
    const incomplete = await pages.configureService({
      session,
      senderId: "",
      optInField: "",
      templateId: template.id,
      placeholderFields: ["FIRST_NAME", "", "NOT_A_FIELD"],
      statusField: "NOPE",
      statusTimeoutMinutes: 30,
    });
    expect(incomplete).toEqual({
      ok: false,
      issues: [
        { field: "senderId", message: "Choose the business account to send from" },
        { field: "optInField", message: "Choose the opt-in field of the profile list" },
        { field: "placeholderFields.1", message: "Choose the list field for {{2}}" },
        { field: "placeholderFields.2", message: "NOT_A_FIELD is not a field of the profile list" },
        { field: "statusField", message: "NOPE is not a field of the profile list" },
      ],
    });
    expect(
      (
        await pages.configureService({
          session,
          senderId: sender.id,
          optInField: "OPTIN",
          templateId: "",
          placeholderFields: [],
          statusField: "",
          statusTimeoutMinutes: 0,
        })
      ).ok,
    ).toBe(false);
    expect(await footprint(app)).toEqual(before);

    const saved = await pages.configureService({
      session,
      senderId: sender.id,
      optInField: "OPTIN",
      templateId: template.id,
      placeholderFields: ["FIRST_NAME", "CITY", "FIRST_NAME"],
      statusField: "LAST_MESSAGE_STATUS",
      statusTimeoutMinutes: 71,
    });
    expect(saved.ok).toBe(true);
    const service = await serviceOf(app, instanceUuid);
    const [campaign] = await app.db
      .select()
      .from(schema.campaigns)
      .where(eq(schema.campaigns.id, service?.campaignId ?? ""));
    const install = await installOf(app, installId);
    expect(campaign).toMatchObject({
      workspaceId: app.workspaceId,
      name: "Responsys: Welcome",
      trigger: "responsys_app",
      channel: "whatsapp",
      status: "active",
      integrationId: install?.mittoIntegrationId,
      senderId: sender.id,
      templateId: template.id,
      optInField: "OPTIN",
      placeholderMappings: [
        { kind: "field", field: "FIRST_NAME" },
        { kind: "field", field: "CITY" },
        { kind: "field", field: "FIRST_NAME" },
      ],
      statusField: "LAST_MESSAGE_STATUS",
      statusTimeoutMinutes: 71,
    });
    const param = (name: string, width: number, required: boolean) => ({
      name,
      dataType: "Text",
      width,
      unique: false,
      required,
      readOnly: false,
      minimumValue: null,
      maximumValue: null,
      possibleValues: null,
      format: null,
      resources: null,
    });
    const recordDefinition = {
      inputParameters: [
        param("appcloud_row_correlation_id", 40, true),
        param("MOBILE_NUMBER_", 255, true),
        param("RIID_", 255, false),
        param("OPTIN", 255, false),
        param("FIRST_NAME", 255, false),
        param("CITY", 255, false),
      ],
      outputParameters: [
        param("appcloud_row_correlation_id", 40, true),
        param("appcloud_row_status", 255, true),
        param("appcloud_row_errormessage", 5120, false),
        param("LAST_MESSAGE_STATUS", 255, false),
      ],
    };
    expect(service).toMatchObject({ status: "configured", recordDefinition });
    expect(saved).toEqual({ ok: true, recordDefinition });

    // The portal shows the campaign but does not launch or edit it; pausing and resuming work.
    const portalApi = await callerFor(app.admin);
    const id = campaign?.id ?? "";
    await expect(portalApi.campaign.launch({ id })).rejects.toThrow(APP_CAMPAIGN_REFUSAL);
    const draft = {
      name: "x",
      channel: "whatsapp" as const,
      integrationId: null,
      senderId: null,
      optInField: null,
      templateId: null,
      placeholderMappings: [],
      smsBody: null,
      trigger: "scheduled" as const,
      segmentId: null,
      schedule: null,
      statusField: null,
      statusTimeoutMinutes: 0,
    };
    await expect(portalApi.campaign.update({ id, data: draft })).rejects.toThrow(APP_CAMPAIGN_REFUSAL);
    captureEvents();
    await portalApi.campaign.pause({ id });
    expect(await portalApi.campaign.resume({ id })).toEqual({ id, status: "active" });

    // AMS's save-configuration gets the record definition, and the simulator keeps it.
    const confirmed = await lifecycle(app, "/service/save-configuration", { instanceUuid, payload: { instanceUuid } });
    expect(confirmed.body).toEqual({
      configurationStatus: "CONFIGURED",
      httpStatusCode: "200",
      payload: {},
      recordDefinition,
    });
    expect(await control(`/services/${instanceUuid}`)).toMatchObject({ status: "CONFIGURED", recordDefinition });

    // Saving again updates the same campaign; the page shows what was saved.
    expect(
      (
        await pages.configureService({
          session,
          senderId: sender.id,
          optInField: "OPTIN",
          templateId: template.id,
          placeholderFields: ["FIRST_NAME", "CITY", "COUNTRY_"],
          statusField: "",
          statusTimeoutMinutes: 0,
        })
      ).ok,
    ).toBe(true);
    expect((await serviceOf(app, instanceUuid))?.campaignId).toBe(campaign?.id);
    expect((await pages.serviceConfiguration({ session })).saved).toEqual({
      senderId: sender.id,
      optInField: "OPTIN",
      templateId: template.id,
      placeholderFields: ["FIRST_NAME", "CITY", "COUNTRY_"],
      statusField: "",
      statusTimeoutMinutes: 0,
    });

    // A copy has the configuration and a campaign of its own.
    const copyUuid = randomUUID();
    expect(
      (await lifecycle(app, "/service/copy", { instanceUuid: copyUuid, sourceInstanceUuid: instanceUuid })).body,
    ).toEqual({ status: "CONFIGURED" });
    const copy = await serviceOf(app, copyUuid);
    expect(copy).toMatchObject({
      installId,
      programName: "Welcome",
      status: "configured",
      listFields: AMS_DEMO_LIST_FIELDS,
      recordDefinition: (await serviceOf(app, instanceUuid))?.recordDefinition,
    });
    expect(copy?.campaignId).not.toBe(campaign?.id);
    const [copied] = await app.db
      .select()
      .from(schema.campaigns)
      .where(eq(schema.campaigns.id, copy?.campaignId ?? ""));
    expect(copied).toMatchObject({
      trigger: "responsys_app",
      status: "active",
      templateId: template.id,
      placeholderMappings: [
        { kind: "field", field: "FIRST_NAME" },
        { kind: "field", field: "CITY" },
        { kind: "field", field: "COUNTRY_" },
      ],
    });

    expect((await lifecycle(app, "/service/delete", { instanceUuid })).body).toEqual({ status: "DELETED" });
    expect((await serviceOf(app, instanceUuid))?.status).toBe("deleted");
    expect(
      (
        await app.db
          .select()
          .from(schema.campaigns)
          .where(eq(schema.campaigns.id, campaign?.id ?? ""))
      )[0]?.status,
    ).toBe("completed");
    expect((await lifecycle(app, "/service/save-configuration", { instanceUuid, payload: {} })).status).toBe(404);
    await expect(pages.serviceConfiguration({ session })).rejects.toThrow(`No service instance ${instanceUuid}`);

    const audits = (await auditsOf(app)).filter((a) => a.targetType === "responsys_app_service");
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        "responsys_app.service_create",
        "responsys_app.service_configure",
        "responsys_app.service_copy",
        "responsys_app.service_delete",
      ]),
    );
    expect(audits.every((a) => a.actorUserId === null && "instanceUuid" in (JSON.parse(a.details) as object))).toBe(
      true,
    );
  });

  it("dispatches invokes to configured services only", async () => {
    const app = await connectApp();
    const installId = randomUUID();
    await lifecycle(app, "/install", { installId });
    const instanceUuid = randomUUID();
    await lifecycle(app, "/service/create", { instanceUuid, installId });
    const invoke = (instanceId: string) =>
      call(app, "/service/invoke", {
        uuid: randomUUID(),
        instanceContext: { instanceId, installId },
        dataSet: { id: "ds", rows: [], size: 0 },
      });
    const unknown = await invoke(randomUUID());
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ field: "instanceContext.instanceId" });
    expect((await invoke(instanceUuid)).status).toBe(409);
    const nameless = await call(app, "/service/invoke", { uuid: randomUUID(), instanceContext: {} });
    expect(nameless.status).toBe(400);
    expect(await nameless.json()).toMatchObject({ field: "instanceContext.instanceId" });
  });
});

describe("Responsys CX app refusals", () => {
  it("refuses forged, expired, replayed, wrong-audience, unsigned and id-less tokens, writing nothing", async () => {
    const app = await connectApp();
    const installId = randomUUID();
    const first = await lifecycle(app, "/install", { installId });
    expect(first.status).toBe(200);
    const before = await footprint(app);
    const refusals = [
      await lifecycle(app, "/service/create", { instanceUuid: randomUUID(), installId }, { forged: true }),
      await lifecycle(app, "/service/create", { instanceUuid: randomUUID(), installId }, { expired: true }),
      await lifecycle(app, "/service/create", { instanceUuid: randomUUID(), installId }, { replayJtiOf: first.jti }),
    ];
    expect(refusals.map((r) => [r.status, r.body.reason])).toEqual([
      [401, "bad_signature"],
      [401, "expired"],
      [401, "replayed"],
    ]);
    const body = { instanceUuid: randomUUID(), installId };
    const direct = [
      await call(app, "/service/create", body, { jwt: token({ aud: "another-app" }) }),
      await call(app, "/service/create", body, { jwt: token({ jti: undefined }) }),
      await call(app, "/service/create", body, {
        jwt: `${Buffer.from('{"alg":"none"}').toString("base64url")}.${token().split(".")[1]}.AA`,
      }),
      await call(app, "/service/create", body, { jwt: null }),
      await call(app, "/service/create", body, { jwt: token({}, "not-the-token-secret") }),
    ];
    expect(
      await Promise.all(direct.map(async (r) => [r.status, ((await r.json()) as { reason: string }).reason])),
    ).toEqual([
      [401, "wrong_audience"],
      [401, "no_jti"],
      [401, "bad_alg"],
      [401, "no_token"],
      [401, "bad_signature"],
    ]);
    expect(await footprint(app)).toEqual(before);
    expect((await call(app, "/service/create", body)).status).toBe(200);
  });

  it("answers a bad body 400 naming the field, and changes nothing", async () => {
    const app = await connectApp();
    const before = await footprint(app);
    const missing = await call(app, "/install", { tenantId: "6607" });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: "installId: required", field: "installId" });
    const copy = await call(app, "/service/copy", { instanceUuid: "x" });
    expect(await copy.json()).toMatchObject({ field: "sourceInstanceUuid" });
    expect((await call(app, "/configure", ["not", "an", "object"], { form: true })).status).toBe(400);
    const form = await POST(
      new Request(`${env.APP_URL}/api/responsys-app/${app.integrationId}/configure`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: `jwt=${token()}&body=%7B`,
      }),
      {
        params: Promise.resolve({ integrationId: app.integrationId, path: ["configure"] }),
      },
    );
    expect(await form.json()).toEqual({ error: "body: the form field is not JSON" });
    expect(await footprint(app)).toEqual(before);
  });

  it("answers probes, unknown paths, other integrations, disabled apps and oversized bodies without acting", async () => {
    const app = await connectApp();
    expect(
      (await fetch(`${env.APP_URL}/api/responsys-app/${app.integrationId}/service/invoke`, { method: "OPTIONS" }))
        .status,
    ).toBe(204);
    expect((await call(app, "/nope", {})).status).toBe(404);
    expect((await call({ ...app, integrationId: randomUUID() }, "/install", { installId: "i" })).status).toBe(404);
    const { admin } = await createWorkspace();
    const mitto = await (
      await callerFor(admin)
    ).integration.connect({
      vendor: "mitto",
      label: "Mitto",
      sandbox: true,
      settings: {
        acceptTerms: true,
        username: MITTO_SANDBOX_CREDENTIALS.username,
        authMethod: "apiKey",
        apiKey: MITTO_SANDBOX_CREDENTIALS.apiKey,
      },
    });
    expect((await call({ ...app, integrationId: mitto.id ?? "" }, "/install", { installId: "i" })).status).toBe(404);
    const before = await footprint(app);
    const large = await call(app, "/install", { installId: "i", padding: "x".repeat(5 * 1024 * 1024) });
    expect(large.status).toBe(413);
    await app.db
      .update(schema.integrations)
      .set({ status: "disabled" })
      .where(eq(schema.integrations.id, app.integrationId));
    expect((await call(app, "/install", { installId: "i" })).status).toBe(403);
    expect(await footprint(app)).toEqual(before);
  });

  it("forgets token ids once they expire", async () => {
    const app = await connectApp();
    const old = "expired-jti";
    await app.db.insert(schema.usedTokenIds).values({ jti: old, expiresAt: new Date(Date.now() - 1000) });
    expect((await call(app, "/install", { installId: "i" })).status).toBe(200);
    expect(await app.db.select().from(schema.usedTokenIds).where(eq(schema.usedTokenIds.jti, old))).toEqual([]);
  });
});
