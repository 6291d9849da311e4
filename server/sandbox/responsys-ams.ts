import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { amsProfiles, RIID } from "./responsys-ams-profiles";
import { parseBody, sendJson, type VendorFake } from "./server";

// Fake Oracle Responsys App Management (AMS, "CX Apps"), after §4 of docs/vendors/responsys.md
// and the app/simulator contract of issue 6 (where that contract is [assumed], the fake is
// lenient and says so): it installs a registered app through its own HTML
// pages, frames the app's configuration pages, invokes the app's service with signed JWTs
// (rows inline or paged through an export endpoint) and records what the app pulls, pushes
// back and reports as complete. Mounted as the "ams" fake: pages and the endpoints it hands
// the app live under /ams/..., the control API under /_control/ams/..., and the usual request
// faults (vendor "ams", e.g. pathPrefix "/import") apply to them.
//
// JWT signing and checking are written here with node:crypto, not shared with the app's own
// JWT code, so one mistake cannot hide on both sides.

/** The fixed demo app the demo workspace's Responsys app integration uses. */
export const AMS_SANDBOX_APP = {
  appId: "switchboard-whatsapp",
  tokenKey: "sandbox-app-token-key",
  tokenSecret: "sandbox-app-token-secret-0123456789abcdef",
} as const;

/** The demo profile list's fields, after Responsys's "New Record" form; sent as listFields [assumed]. */
export const AMS_DEMO_LIST_FIELDS = [
  "MOBILE_NUMBER_",
  "FIRST_NAME",
  "OPTIN",
  "CITY",
  "COUNTRY_",
  "EMAIL_ADDRESS_",
  "LAST_MESSAGE_STATUS",
];

const TENANT_ID = "6607";
const PRODUCT_UUID = "5c3f1e0a-8d2b-4f6e-9a71-0b4d2c6e8f13";
const SERVICE_ID = "whatsapp-message";
const LOCATIONS = ["Interact 2", "Interact 5", "Interact 8", "Interact 9"];
const PRODUCT_APIS = [
  "Profile list data: read the records a Program hands to the app",
  "Program data import: write the app's results back",
  "Invocation completion notification",
];
const TOKEN_TTL_SECONDS = 60;
const CLOCK_LEEWAY_SECONDS = 30;
const APP_TIMEOUT_MS = 10_000;
// The exact sizes Responsys uses are not documented [assumed].
const DEFAULT_PAGE_SIZE = 200;

// ---------------------------------------------------------------------------------------
// HS256 JWTs

type Claims = Record<string, unknown>;

function signJwt(claims: Claims, secret: string): string {
  const signingInput = `${Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  return `${signingInput}.${createHmac("sha256", secret).update(signingInput).digest("base64url")}`;
}

function verifyJwt(token: string, secret: string): { claims: Claims } | { error: string } {
  const [header = "", payload = "", signature = "", ...extra] = token.split(".");
  if (!signature || extra.length > 0) return { error: "not a JWT (expected header.payload.signature)" };
  const decode = (part: string): unknown => {
    try {
      return JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    } catch {
      return null;
    }
  };
  const alg = (decode(header) as { alg?: unknown } | null)?.alg;
  if (alg !== "HS256") return { error: `alg must be HS256, got ${JSON.stringify(alg)}` };
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { error: "signature does not match the install secret" };
  const claims = decode(payload);
  if (!claims || typeof claims !== "object" || Array.isArray(claims)) return { error: "payload is not a JSON object" };
  return { claims: claims as Claims };
}

// ---------------------------------------------------------------------------------------
// State

type App = { appId: string; tokenKey: string; tokenSecret: string; appBaseUrl: string };
type Install = {
  installId: string;
  appId: string;
  tenantId: string;
  location: string | null;
  secret: string;
  status: "INSTALLED" | "CONFIGURED" | "UNINSTALLED";
};
type Parameter = { name: string } & Record<string, unknown>;
type RecordDefinition = { inputParameters: Parameter[]; outputParameters: Parameter[] };
type Service = {
  instanceUuid: string;
  appId: string;
  installId: string;
  status: "CREATED" | "CONFIGURED";
  recordDefinition: RecordDefinition | null;
};
type Row = (string | null)[];
type Refusal = { path: string; status: number; reason: string };
type Invocation = {
  uuid: string;
  app: App;
  install: Install;
  instanceUuid: string;
  dataSetId: string;
  rows: Row[];
  inline: boolean;
  recordDefinition: RecordDefinition;
  maxPullPageSize: number;
  maxPushBatchSize: number;
  /** The invoke body as sent to the app, for resends. */
  body: unknown;
  /** The jti of the first invoke token, for replay tests. */
  jti: string;
  pulls: { offset: number; limit: number }[];
  imports: { rows: Row[]; at: string }[];
  completions: { body: unknown; at: string }[];
  refused: Refusal[];
};
/** What the app answered to one call; status null when it could not be reached. */
type AppAnswer = { status: number | null; body: unknown; jti: string; error?: string };
type TokenOptions = { expired?: boolean; forged?: boolean; jti?: string };

const parameterSchema = z.looseObject({ name: z.string().min(1) });
const recordDefinitionSchema = z.object({
  inputParameters: z.array(parameterSchema).min(1),
  outputParameters: z.array(parameterSchema).min(1),
});
const rowsSchema = z.array(z.array(z.string().nullable()));
const jwtOptionsSchema = z
  .object({
    expired: z.boolean().optional(),
    forged: z.boolean().optional(),
    replayJtiOf: z.string().min(1).optional(),
  })
  .optional();
const pageSize = z.number().int().min(1).max(10_000).default(DEFAULT_PAGE_SIZE);

const APP_PATHS = [
  "/install",
  "/uninstall",
  "/configure",
  "/save-configuration",
  "/status",
  "/service/create",
  "/service/configure",
  "/service/save-configuration",
  "/service/copy",
  "/service/delete",
  "/service/invoke",
] as const;

const appSchema = z.object({
  appId: z.string().min(1),
  tokenKey: z.string().min(1),
  tokenSecret: z.string().min(1),
  appBaseUrl: z.url({ protocol: /^https?$/ }),
});
const invokeSchema = z.object({
  appId: z.string().min(1),
  instanceUuid: z.string().min(1),
  rows: rowsSchema,
  inline: z.boolean(),
  maxPullPageSize: pageSize,
  maxPushBatchSize: pageSize,
  // Used when the simulator holds no saved configuration for the service.
  recordDefinition: recordDefinitionSchema.optional(),
  jwt: jwtOptionsSchema,
});
const lifecycleSchema = z.object({
  appId: z.string().min(1),
  path: z.enum(APP_PATHS),
  body: z.record(z.string(), z.unknown()).default({}),
  jwt: jwtOptionsSchema,
});
const resendSchema = z.object({ jwt: jwtOptionsSchema });
const importSchema = z.object({
  fieldDefinitions: z.array(parameterSchema),
  dataSet: z.object({ id: z.string(), rows: rowsSchema, size: z.number().nullish() }),
  release: z.boolean().optional(),
});

// ---------------------------------------------------------------------------------------
// HTML

const escapeHtml = (value: unknown) => String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;color:#1f2937;background:#f3f4f6}
header{background:#312d2a;color:#fff;padding:.75rem 1.5rem;font-weight:600}
main{max-width:64rem;margin:1.5rem auto;padding:1.5rem;background:#fff;border-radius:.5rem;box-shadow:0 1px 3px #0002}
label{display:block;margin:.75rem 0 .25rem}button{margin-top:1rem;padding:.5rem 1rem;border:0;border-radius:.375rem;background:#c74634;color:#fff;cursor:pointer}
table{width:100%;border-collapse:collapse}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #e5e7eb}td form{display:inline}
iframe{width:100%;height:44rem;border:1px solid #d1d5db;border-radius:.375rem}.error{color:#b91c1c}[role=status]{min-height:1.5rem;font-weight:600}`;

function sendPage(res: ServerResponse, status: number, title: string, main: string, script = ""): void {
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · Responsys App Management (sandbox)</title><style>${STYLE}</style></head>
<body><header>Oracle Responsys · App Management (sandbox)</header><main><h1>${escapeHtml(title)}</h1>${main}</main>${script ? `<script>${script}</script>` : ""}</body></html>`);
}

const redirect = (res: ServerResponse, location: string) => {
  res.writeHead(303, { location });
  res.end();
};

const hidden = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");

/** What the app answered, for a page: its error message or, failing that, its status. */
function describeAnswer(answer: AppAnswer): string {
  if (answer.error) return answer.error;
  const body = answer.body as { error?: unknown; message?: unknown } | null;
  const message =
    typeof body?.error === "string" ? body.error : typeof body?.message === "string" ? body.message : null;
  return `The app answered HTTP ${answer.status}${message ? `: ${message}` : ""}`;
}

// The frame page's script: posts the frame's notifyProduct messages to the simulator, which
// calls the app's save-configuration with a fresh JWT (the browser never holds a secret).
const FRAME_SCRIPT = `const cfg = JSON.parse(document.getElementById("ams-data").textContent);
const status = document.getElementById("ams-status");
window.addEventListener("message", async (event) => {
  const data = event.data;
  if (!data || data.amsAction !== "notifyProduct") return;
  if (event.origin !== cfg.appOrigin) return console.warn("AMS sandbox: ignored a message from " + event.origin + ", expected " + cfg.appOrigin);
  if (data.notifyProduct === "close") return void (window.location.href = cfg.closeUrl);
  if (data.notifyProduct !== "save") return;
  if (data.status === "refused") return void (status.textContent = "The app did not approve the configuration");
  status.textContent = "Saving the configuration…";
  try {
    const res = await fetch(cfg.saveUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ payload: data.payload ?? {} }) });
    const answer = await res.json();
    status.textContent = answer.configured ? "App configured successfully" : "Configuration failed: " + answer.error;
  } catch (error) {
    status.textContent = "Configuration failed: " + error;
  }
});
document.getElementById("ams-frame-form").submit();`;

// ---------------------------------------------------------------------------------------
// The fake

export function responsysAmsFake(): VendorFake {
  const apps = new Map<string, App>();
  const installs = new Map<string, Install>();
  const services = new Map<string, Service>();
  const invocations = new Map<string, Invocation>();
  /** Every jti the simulator signed, so a replay can name a token a lifecycle call used. */
  const signedJtis = new Set<string>();
  const profiles = amsProfiles();
  let baseUrl = () => "";

  /** The app's latest installation, whatever its status. */
  const currentInstall = (appId: string) => [...installs.values()].filter((i) => i.appId === appId).at(-1);

  function addInstall(appId: string, installId: string, location: string | null): Install {
    // Delete first so the new one is the latest in insertion order.
    installs.delete(installId);
    const install: Install = {
      installId,
      appId,
      tenantId: TENANT_ID,
      location,
      secret: randomBytes(24).toString("base64url"),
      status: "INSTALLED",
    };
    installs.set(installId, install);
    return install;
  }

  // The claims of §4 of docs/vendors/responsys.md; the meaning of csourceRequest and
  // cdestinationId is not documented, so they carry a request id and the app id [assumed].
  function amsToken(app: App, url: string, sub: string, options: TokenOptions) {
    const now = Math.floor(Date.now() / 1000);
    const iat = options.expired ? now - 10 * TOKEN_TTL_SECONDS : now;
    const jti = options.jti ?? randomUUID();
    signedJtis.add(jti);
    const claims = {
      iss: "AMS",
      sub,
      aud: app.tokenKey,
      iat,
      exp: iat + TOKEN_TTL_SECONDS,
      jti,
      "o.a.p.ctenantId": TENANT_ID,
      "o.a.p.cproductUUID": PRODUCT_UUID,
      "o.a.p.cproductName": "Responsys",
      "o.a.p.csourceRequest": randomUUID(),
      "o.a.p.cdestinationId": app.appId,
      "o.a.p.cdestinationUrl": url,
    };
    return { token: signJwt(claims, options.forged ? randomBytes(32).toString("hex") : app.tokenSecret), jti };
  }

  /** sub of an AMS token: the installation the call is about, else the product. */
  function subjectOf(body: Record<string, unknown>): string {
    const installId = body.installId ?? (body.instanceContext as { installId?: unknown } | undefined)?.installId;
    if (typeof installId === "string") return installId;
    const instanceUuid = body.instanceUuid ?? body.uuid;
    return (typeof instanceUuid === "string" && services.get(instanceUuid)?.installId) || PRODUCT_UUID;
  }

  /** Mirrors what a successful lifecycle call changed, so pages, control calls and invokes agree. */
  function applyEffect(app: App, path: string, body: Record<string, unknown>, answer: unknown) {
    const text = (v: unknown) => (typeof v === "string" && v ? v : undefined);
    const installId = text(body.installId);
    const instanceUuid = text(body.instanceUuid);
    const install = installs.get(installId ?? "");
    const service = services.get(instanceUuid ?? "");
    const configured = (answer as { configurationStatus?: unknown } | null)?.configurationStatus === "CONFIGURED";
    if (path === "/install" && installId) addInstall(app.appId, installId, text(body.location) ?? null);
    if (path === "/uninstall" && install) install.status = "UNINSTALLED";
    if (path === "/save-configuration" && install && configured) install.status = "CONFIGURED";
    if (path === "/service/create" && instanceUuid && installId)
      services.set(instanceUuid, {
        instanceUuid,
        appId: app.appId,
        installId,
        status: "CREATED",
        recordDefinition: null,
      });
    if (path === "/service/delete" && instanceUuid) services.delete(instanceUuid);
    const source = services.get(text(body.sourceInstanceUuid) ?? "");
    if (path === "/service/copy" && instanceUuid && source) services.set(instanceUuid, { ...source, instanceUuid });
    if (path === "/service/save-configuration" && service && configured) {
      const definition = recordDefinitionSchema.safeParse((answer as { recordDefinition?: unknown }).recordDefinition);
      if (definition.success) Object.assign(service, { status: "CONFIGURED", recordDefinition: definition.data });
    }
  }

  /** POSTs one lifecycle or invoke call to the app with an AMS token; never throws. */
  async function callApp(
    app: App,
    path: string,
    body: Record<string, unknown>,
    options: TokenOptions = {},
  ): Promise<AppAnswer> {
    const url = `${app.appBaseUrl}${path}`;
    const { token, jti } = amsToken(app, url, subjectOf(body), options);
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(APP_TIMEOUT_MS),
      });
      const text = await res.text();
      let answer: unknown = text;
      try {
        answer = JSON.parse(text);
      } catch {
        // Not JSON: kept as text.
      }
      if (res.ok) applyEffect(app, path, body, answer);
      return { status: res.status, body: answer, jti };
    } catch (error) {
      return { status: null, body: null, jti, error: `The app at ${url} did not answer: ${String(error)}` };
    }
  }

  /** The token options a control call asked for, or null after answering 400 for an unknown replay. */
  function tokenOptions(res: ServerResponse, jwt: z.infer<typeof jwtOptionsSchema>): TokenOptions | null {
    if (!jwt?.replayJtiOf) return jwt ?? {};
    const jti =
      invocations.get(jwt.replayJtiOf)?.jti ?? (signedJtis.has(jwt.replayJtiOf) ? jwt.replayJtiOf : undefined);
    if (jti) return { ...jwt, jti };
    sendJson(res, 400, { error: `jwt.replayJtiOf: no earlier invocation or token "${jwt.replayJtiOf}"` });
    return null;
  }

  // -------------------------------------------------------------------------------------
  // Control API

  function registerApp(res: ServerResponse, body: string) {
    const input = parseBody(res, appSchema, body);
    if (!input) return;
    const app = { ...input, appBaseUrl: input.appBaseUrl.replace(/\/+$/, "") };
    apps.set(app.appId, app);
    sendJson(res, 200, { app: { appId: app.appId, tokenKey: app.tokenKey, appBaseUrl: app.appBaseUrl } });
  }

  const unknownApp = (res: ServerResponse, appId: string) =>
    sendJson(res, 404, { error: `appId: no app "${appId}" is registered (PUT /_control/ams/apps)` });

  async function invoke(res: ServerResponse, body: string) {
    const input = parseBody(res, invokeSchema, body);
    if (!input) return;
    const app = apps.get(input.appId);
    if (!app) return unknownApp(res, input.appId);
    const service = services.get(input.instanceUuid);
    if (service && service.appId !== app.appId)
      return sendJson(res, 400, {
        error: `instanceUuid: service ${input.instanceUuid} belongs to app ${service.appId}`,
      });
    const installId = service?.installId ?? currentInstall(app.appId)?.installId;
    if (!installId)
      return sendJson(res, 409, {
        error: `app ${app.appId} is not installed: install it first (GET /ams/install?app=${app.appId} or lifecycle /install)`,
      });
    const recordDefinition = service?.recordDefinition ?? input.recordDefinition;
    if (!recordDefinition) {
      return sendJson(res, 400, {
        error: `recordDefinition: service ${input.instanceUuid} has no saved configuration (save it from /ams/services/${input.instanceUuid}/configure or lifecycle /service/save-configuration) and none was passed`,
      });
    }
    const names = recordDefinition.inputParameters.map((p) => p.name);
    // Responsys fills its own RIID_ in: a control row may leave that column out.
    const riidAt = names.indexOf(RIID);
    const given = input.rows.map((row) =>
      riidAt >= 0 && row.length === names.length - 1 ? [...row.slice(0, riidAt), "", ...row.slice(riidAt)] : row,
    );
    const badRow = given.findIndex((row) => row.length !== names.length);
    if (badRow >= 0) {
      return sendJson(res, 400, {
        error: `rows[${badRow}] has ${input.rows[badRow]?.length} values; the record definition has ${names.length} input parameters (${names.join(", ")})`,
      });
    }
    const options = tokenOptions(res, input.jwt);
    if (!options) return;
    // A service created through the lifecycle API for an install the simulator never saw
    // still gets an install secret, so such tests need not replay the install flow.
    const install = installs.get(installId) ?? addInstall(app.appId, installId, null);
    const rows = profiles.rememberRows(names, given);
    const uuid = randomUUID();
    const dataSetId = `ds-${randomUUID()}`;
    const endpoint = (kind: string, method: string) => ({ url: `${baseUrl()}/ams/${kind}/${uuid}`, method });
    const invokeBody = {
      uuid,
      instanceContext: {
        appId: app.appId,
        installId,
        instanceId: input.instanceUuid,
        serviceId: SERVICE_ID,
        tenantId: install.tenantId,
        productId: PRODUCT_UUID,
        secret: install.secret,
        recordDefinition,
      },
      dataSet: { id: dataSetId, rows: input.inline ? rows : null, size: rows.length },
      productExportEndpoint: input.inline ? null : endpoint("export", "GET"),
      productImportEndpoint: endpoint("import", "POST"),
      onCompletionCallbackEndpoint: endpoint("complete", "PATCH"),
      maxPullPageSize: input.maxPullPageSize,
      maxPushBatchSize: input.maxPushBatchSize,
    };
    const invocation: Invocation = {
      uuid,
      app,
      install,
      instanceUuid: input.instanceUuid,
      dataSetId,
      rows,
      inline: input.inline,
      recordDefinition,
      maxPullPageSize: input.maxPullPageSize,
      maxPushBatchSize: input.maxPushBatchSize,
      body: invokeBody,
      // Chosen here so the invocation is complete before the app can call back.
      jti: options.jti ?? randomUUID(),
      pulls: [],
      imports: [],
      completions: [],
      refused: [],
    };
    // Stored before the call: the app may start pulling before it answers.
    invocations.set(uuid, invocation);
    const answer = await callApp(app, "/service/invoke", invokeBody, { ...options, jti: invocation.jti });
    sendJson(res, 200, {
      uuid,
      appStatus: answer.status,
      appBody: answer.body,
      ...(answer.error ? { error: answer.error } : {}),
    });
  }

  /** Sends an invocation's body again under the same uuid, as Responsys may retry an invoke. */
  async function resend(res: ServerResponse, invocation: Invocation, body: string) {
    const input = parseBody(res, resendSchema, body || "{}");
    if (!input) return;
    const options = tokenOptions(res, input.jwt);
    if (!options) return;
    const answer = await callApp(
      invocation.app,
      "/service/invoke",
      invocation.body as Record<string, unknown>,
      options,
    );
    sendJson(res, 200, {
      uuid: invocation.uuid,
      appStatus: answer.status,
      appBody: answer.body,
      ...(answer.error ? { error: answer.error } : {}),
    });
  }

  async function lifecycle(res: ServerResponse, body: string) {
    const input = parseBody(res, lifecycleSchema, body);
    if (!input) return;
    const app = apps.get(input.appId);
    if (!app) return unknownApp(res, input.appId);
    const options = tokenOptions(res, input.jwt);
    if (!options) return;
    sendJson(res, 200, await callApp(app, input.path, input.body, options));
  }

  const invocationView = ({ uuid, instanceUuid, rows, inline, pulls, imports, completions, refused }: Invocation) => ({
    uuid,
    instanceUuid,
    size: rows.length,
    inline,
    pulls,
    imports,
    completions,
    refused,
  });

  async function control(req: IncomingMessage, res: ServerResponse, path: string, body: string) {
    const [, first = "", id = "", action = ""] = path.split("/").map(decodeURIComponent);
    const route = `${req.method} /${first}${id ? "/:id" : ""}${action ? `/${action}` : ""}`;
    const invocation = invocations.get(id);
    switch (route) {
      case "PUT /apps":
        return registerApp(res, body);
      case "POST /invoke":
        return invoke(res, body);
      case "POST /lifecycle":
        return lifecycle(res, body);
      case "GET /invocations/:id":
        return invocation
          ? sendJson(res, 200, invocationView(invocation))
          : sendJson(res, 404, { error: `no invocation ${id}` });
      case "POST /invocations/:id/resend":
        return invocation ? resend(res, invocation, body) : sendJson(res, 404, { error: `no invocation ${id}` });
      case "GET /lists/:id":
        return sendJson(res, 200, { members: profiles.members(id), merges: profiles.merges() });
      case "GET /services/:id": {
        const service = services.get(id);
        if (!service) return sendJson(res, 404, { error: `no service instance ${id}` });
        return sendJson(res, 200, {
          instanceUuid: service.instanceUuid,
          appId: service.appId,
          installId: service.installId,
          status: service.status,
          recordDefinition: service.recordDefinition,
        });
      }
      default:
        return sendJson(res, 404, { error: `unknown AMS control path ${req.method} ${path}` });
    }
  }

  // -------------------------------------------------------------------------------------
  // Endpoints the app calls back (export, import, completion), signed with the install secret

  /** Why the app's token is refused for this invocation, or null when it is acceptable. */
  function tokenProblem(req: IncomingMessage, invocation: Invocation): string | null {
    const header = req.headers.authorization ?? "";
    if (!header.startsWith("Bearer ")) return "Authorization must be Bearer <JWT>";
    const verified = verifyJwt(header.slice("Bearer ".length), invocation.install.secret);
    if ("error" in verified) return verified.error;
    const { claims } = verified;
    const now = Math.floor(Date.now() / 1000);
    if (claims.iss !== invocation.app.appId) return `iss must be the app id ${invocation.app.appId}`;
    if (claims.sub !== invocation.install.installId)
      return `sub must be the install id ${invocation.install.installId}`;
    // aud may be one value or a list, as JWTs allow.
    const audiences: unknown[] = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(invocation.instanceUuid)) return `aud must be the instance id ${invocation.instanceUuid}`;
    if (claims["o.a.p.ctenantId"] !== invocation.install.tenantId)
      return `o.a.p.ctenantId must be the tenant id ${invocation.install.tenantId}`;
    if (typeof claims.iat !== "number") return "iat is missing";
    if (typeof claims.exp !== "number" || claims.exp < now - CLOCK_LEEWAY_SECONDS) return "the token has expired";
    // jti is in our contract but not in what we read of Oracle's docs: not checked [assumed].
    return null;
  }

  /** The install whose secret signed this token (sub names it), or why none did; for calls outside an invocation. */
  function installOfToken(req: IncomingMessage): Install | string {
    const header = req.headers.authorization ?? "";
    if (!header.startsWith("Bearer ")) return "Authorization must be Bearer <JWT>";
    const token = header.slice("Bearer ".length);
    let sub: unknown;
    try {
      sub = (JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Claims).sub;
    } catch {
      return "not a JWT (expected header.payload.signature)";
    }
    const install = typeof sub === "string" ? installs.get(sub) : undefined;
    if (!install) return "sub must be the id of an install of the app";
    const verified = verifyJwt(token, install.secret);
    if ("error" in verified) return verified.error;
    if (verified.claims.iss !== install.appId) return `iss must be the app id ${install.appId}`;
    const exp = verified.claims.exp;
    if (typeof exp !== "number" || exp < Math.floor(Date.now() / 1000) - CLOCK_LEEWAY_SECONDS)
      return "the token has expired";
    return install;
  }

  function refuse(res: ServerResponse, invocation: Invocation, path: string, status: number, reason: string) {
    invocation.refused.push({ path, status, reason });
    sendJson(res, status, { error: reason });
  }

  function exportPage(req: IncomingMessage, res: ServerResponse, invocation: Invocation, url: URL) {
    if (invocation.inline)
      return sendJson(res, 404, { error: "this invocation sent its rows inline; it has no export endpoint" });
    const problem = tokenProblem(req, invocation);
    if (problem) return refuse(res, invocation, "/export", 401, problem);
    const integer = (name: string) =>
      /^\d+$/.test(url.searchParams.get(name) ?? "") ? Number(url.searchParams.get(name)) : null;
    const offset = integer("offset");
    const limit = integer("limit");
    if (offset === null || limit === null || limit < 1)
      return refuse(res, invocation, "/export", 400, "offset (0 or more) and limit (1 or more) are required integers");
    if (limit > invocation.maxPullPageSize)
      return refuse(
        res,
        invocation,
        "/export",
        400,
        `limit ${limit} exceeds maxPullPageSize ${invocation.maxPullPageSize}`,
      );
    invocation.pulls.push({ offset, limit });
    sendJson(res, 200, {
      dataSet: {
        id: invocation.dataSetId,
        rows: invocation.rows.slice(offset, offset + limit),
        size: invocation.rows.length,
      },
    });
  }

  function importRows(req: IncomingMessage, res: ServerResponse, invocation: Invocation, body: string) {
    const problem = tokenProblem(req, invocation);
    if (problem) return refuse(res, invocation, "/import", 401, problem);
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return refuse(res, invocation, "/import", 400, "body is not JSON");
    }
    const parsed = importSchema.safeParse(json);
    if (!parsed.success) return refuse(res, invocation, "/import", 400, z.prettifyError(parsed.error));
    const { fieldDefinitions, dataSet } = parsed.data;
    const expected = invocation.recordDefinition.outputParameters.map((p) => p.name);
    const names = fieldDefinitions.map((p) => p.name);
    if (names.join("\n") !== expected.join("\n"))
      return refuse(
        res,
        invocation,
        "/import",
        400,
        `fieldDefinitions must be the output parameters ${expected.join(", ")}; got ${names.join(", ")}`,
      );
    if (dataSet.id !== invocation.dataSetId)
      return refuse(
        res,
        invocation,
        "/import",
        400,
        `dataSet.id must be the invoke's data set ${invocation.dataSetId}`,
      );
    if (dataSet.rows.length > invocation.maxPushBatchSize)
      return refuse(
        res,
        invocation,
        "/import",
        400,
        `${dataSet.rows.length} rows exceed maxPushBatchSize ${invocation.maxPushBatchSize}`,
      );
    const badRow = dataSet.rows.findIndex((row) => row.length !== expected.length);
    if (badRow >= 0)
      return refuse(
        res,
        invocation,
        "/import",
        400,
        `dataSet.rows[${badRow}] has ${dataSet.rows[badRow]?.length} values for ${expected.length} fields`,
      );
    invocation.imports.push({ rows: dataSet.rows, at: new Date().toISOString() });
    sendJson(res, 200, { status: "OK" });
  }

  function complete(req: IncomingMessage, res: ServerResponse, invocation: Invocation, body: string) {
    const problem = tokenProblem(req, invocation);
    if (problem) return refuse(res, invocation, "/complete", 401, problem);
    let json: unknown = body;
    try {
      json = JSON.parse(body);
    } catch {
      // The body seen is { status: "COMPLETED" } [obs]; anything else is kept as text.
    }
    invocation.completions.push({ body: json, at: new Date().toISOString() });
    sendJson(res, 200, { status: "OK" });
  }

  // -------------------------------------------------------------------------------------
  // Pages

  function errorPage(
    res: ServerResponse,
    status: number,
    title: string,
    message: string,
    link?: { href: string; text: string },
  ) {
    sendPage(
      res,
      status,
      title,
      `<p class="error" role="alert">${escapeHtml(message)}</p>${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : ""}`,
    );
  }

  function installPage(res: ServerResponse, app: App, url: URL) {
    const step = url.searchParams.get("step");
    const location = url.searchParams.get("location") ?? "";
    const form = (fields: Record<string, string>, content: string, method = "get") =>
      `<form method="${method}" action="/ams/install">${hidden({ app: app.appId, ...fields })}${content}</form>`;
    const locationForm = (error = "") =>
      sendPage(
        res,
        error ? 400 : 200,
        `Install ${app.appId}`,
        `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}<p>Select the Responsys location of your instance for the app to be installed in.</p>` +
          form(
            { step: "terms" },
            `<label for="location">Responsys location</label><select id="location" name="location">${LOCATIONS.map((l) => `<option${l === location ? " selected" : ""}>${escapeHtml(l)}</option>`).join("")}</select><div><button type="submit">Continue</button></div>`,
          ),
      );
    if (!step) return locationForm();
    if (!LOCATIONS.includes(location))
      return locationForm(`Choose a Responsys location (one of ${LOCATIONS.join(", ")})`);
    const termsForm = (error = "") =>
      sendPage(
        res,
        error ? 400 : 200,
        "Terms and conditions",
        `${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ""}<p>By installing ${escapeHtml(app.appId)} you allow it to receive the Program data handed to it and to write its results back to your account.</p>` +
          form(
            { step: "apis", location },
            `<input type="checkbox" id="accept" name="accept" value="yes"> <label for="accept" style="display:inline">I accept the terms and conditions</label><div><button type="submit">Continue</button></div>`,
          ),
      );
    if (step === "terms") return termsForm();
    if (url.searchParams.get("accept") !== "yes") return termsForm("Accept the terms and conditions to continue");
    sendPage(
      res,
      200,
      "Product APIs",
      `<p>${escapeHtml(app.appId)} will be allowed to use these product APIs in ${escapeHtml(location)}:</p><ul>${PRODUCT_APIS.map((a) => `<li>${escapeHtml(a)}</li>`).join("")}</ul>` +
        form({ location }, `<button type="submit">Install</button>`, "post"),
    );
  }

  async function install(res: ServerResponse, app: App, form: URLSearchParams) {
    const location = form.get("location") ?? "";
    if (!LOCATIONS.includes(location))
      return errorPage(res, 400, "Installation failed", `location: choose one of ${LOCATIONS.join(", ")}`, {
        href: `/ams/install?app=${encodeURIComponent(app.appId)}`,
        text: "Start again",
      });
    // The body of the install call is [assumed] (contract); the app stays lenient about it.
    const answer = await callApp(app, "/install", {
      installId: randomUUID(),
      tenantId: TENANT_ID,
      productName: "Responsys",
      location,
      productUrl: `${baseUrl()}/ams`,
    });
    if (answer.status === null || answer.status >= 300)
      return errorPage(res, 502, "Installation failed", describeAnswer(answer), {
        href: `/ams/install?app=${encodeURIComponent(app.appId)}`,
        text: "Try again",
      });
    redirect(res, `/ams/configure?app=${encodeURIComponent(app.appId)}`);
  }

  /** A page framing one of the app's configure endpoints through an auto-submitted form POST. */
  function framePage(
    res: ServerResponse,
    options: { title: string; intro: string; app: App; path: string; body: Record<string, unknown>; saveUrl: string },
  ) {
    const { app, path } = options;
    const { token } = amsToken(app, `${app.appBaseUrl}${path}`, subjectOf(options.body), {});
    const data = JSON.stringify({
      appOrigin: new URL(app.appBaseUrl).origin,
      saveUrl: options.saveUrl,
      closeUrl: "/ams/apps",
    }).replace(/</g, "\\u003c");
    sendPage(
      res,
      200,
      options.title,
      `<p>${escapeHtml(options.intro)}</p><p role="status" id="ams-status"></p>
<iframe name="ams-app-frame" title="App configuration"></iframe>
<form id="ams-frame-form" method="post" target="ams-app-frame" action="${escapeHtml(`${app.appBaseUrl}${path}`)}" hidden>${hidden({ jwt: token, body: JSON.stringify(options.body) })}</form>
<script type="application/json" id="ams-data">${data}</script>`,
      FRAME_SCRIPT,
    );
  }

  /** The installation pages act on: the app's latest, unless it was uninstalled. */
  function activeInstall(res: ServerResponse, app: App): Install | null {
    const install = currentInstall(app.appId);
    if (install && install.status !== "UNINSTALLED") return install;
    errorPage(res, 409, "App not installed", `${app.appId} is not installed.`, {
      href: `/ams/install?app=${encodeURIComponent(app.appId)}`,
      text: `Install ${app.appId}`,
    });
    return null;
  }

  /** The answer the frame page's script turns into "App configured successfully" or the error. */
  function sendSaveAnswer(res: ServerResponse, answer: AppAnswer) {
    const configured =
      answer.status !== null &&
      answer.status < 300 &&
      (answer.body as { configurationStatus?: unknown } | null)?.configurationStatus === "CONFIGURED";
    sendJson(res, 200, {
      configured,
      ...(configured ? {} : { error: describeAnswer(answer) }),
      appStatus: answer.status,
      appBody: answer.body,
    });
  }

  function payloadOf(res: ServerResponse, body: string): Record<string, unknown> | null {
    const input = parseBody(res, z.object({ payload: z.record(z.string(), z.unknown()).default({}) }), body);
    return input?.payload ?? null;
  }

  function appsPage(res: ServerResponse) {
    const rows = [...apps.values()].map((app) => {
      const install = currentInstall(app.appId);
      const appParam = hidden({ app: app.appId });
      const installLink = `<a href="/ams/install?app=${encodeURIComponent(app.appId)}">Install</a>`;
      const actions =
        install && install.status !== "UNINSTALLED"
          ? `<form method="get" action="/ams/configure">${appParam}<button type="submit">Reconfigure</button></form> <form method="post" action="/ams/apps/uninstall">${appParam}<button type="submit">Uninstall</button></form>`
          : installLink;
      const status = install
        ? { INSTALLED: "Installed", CONFIGURED: "Configured", UNINSTALLED: "Uninstalled" }[install.status]
        : "Not installed";
      return `<tr><td>${escapeHtml(app.appId)}</td><td>${escapeHtml(install?.location ?? "")}</td><td>${status}</td><td>${actions}</td></tr>`;
    });
    sendPage(
      res,
      200,
      "App management",
      rows.length
        ? `<table><thead><tr><th>App</th><th>Location</th><th>Status</th><th>Actions</th></tr></thead><tbody>${rows.join("")}</tbody></table>`
        : "<p>No apps are registered with the simulator yet: connect a Responsys app integration in test mode.</p>",
    );
  }

  async function uninstall(res: ServerResponse, app: App) {
    const install = activeInstall(res, app);
    if (!install) return;
    const answer = await callApp(app, "/uninstall", { installId: install.installId });
    if (answer.status === null || answer.status >= 300)
      return errorPage(res, 502, "Uninstall failed", describeAnswer(answer), {
        href: "/ams/apps",
        text: "Back to App management",
      });
    redirect(res, "/ams/apps");
  }

  async function newService(res: ServerResponse, app: App) {
    const install = activeInstall(res, app);
    if (!install) return;
    const instanceUuid = randomUUID();
    const answer = await callApp(app, "/service/create", {
      instanceUuid,
      installId: install.installId,
      programName: "Sandbox program",
    });
    if (answer.status === null || answer.status >= 300)
      return errorPage(res, 502, "Service not created", describeAnswer(answer));
    redirect(res, `/ams/services/${instanceUuid}/configure`);
  }

  async function pages(req: IncomingMessage, res: ServerResponse, url: URL, body: string) {
    const service = /^\/services\/([^/]+)\/(configure|save)$/.exec(url.pathname);
    if (service) {
      const instance = services.get(decodeURIComponent(service[1] ?? ""));
      const app = apps.get(instance?.appId ?? "");
      if (!instance || !app)
        return errorPage(
          res,
          404,
          "Service not found",
          `No service instance ${service[1]}: create one with /ams/services/new?app=<appId>`,
        );
      if (service[2] === "configure" && req.method === "GET") {
        return framePage(res, {
          title: "Service configuration",
          intro: `Configure ${app.appId} for this Program's Apps step.`,
          app,
          path: "/service/configure",
          body: {
            uuid: instance.instanceUuid,
            status: instance.status,
            locale: "en-US",
            listFields: AMS_DEMO_LIST_FIELDS,
          },
          saveUrl: `/ams/services/${instance.instanceUuid}/save`,
        });
      }
      if (service[2] !== "save" || req.method !== "POST")
        return errorPage(res, 405, "Method not allowed", `${req.method} is not allowed here`);
      const payload = payloadOf(res, body);
      if (payload)
        sendSaveAnswer(
          res,
          await callApp(app, "/service/save-configuration", { instanceUuid: instance.instanceUuid, payload }),
        );
      return;
    }
    // Every other page names its app in ?app= or in its form's fields.
    const isForm = (req.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded");
    const form = new URLSearchParams(isForm ? body : "");
    const appId = url.searchParams.get("app") ?? form.get("app") ?? "";
    const app = apps.get(appId);
    const route = `${req.method} ${url.pathname}`;
    if (route === "GET /apps") return appsPage(res);
    if (!app)
      return errorPage(res, 404, "App not found", `No app "${appId}" is registered with the simulator.`, {
        href: "/ams/apps",
        text: "App management",
      });
    switch (route) {
      case "GET /install":
        return installPage(res, app, url);
      case "POST /install":
        return install(res, app, form);
      case "GET /configure": {
        const install = activeInstall(res, app);
        if (!install) return;
        return framePage(res, {
          title: "App configuration",
          intro: `Configure ${app.appId}.`,
          app,
          path: "/configure",
          body: { installId: install.installId, locale: "en-US" },
          saveUrl: `/ams/configure/save?app=${encodeURIComponent(app.appId)}`,
        });
      }
      case "POST /configure/save": {
        const install = currentInstall(app.appId);
        if (!install) return sendJson(res, 409, { configured: false, error: `${app.appId} is not installed` });
        const payload = payloadOf(res, body);
        if (payload)
          sendSaveAnswer(res, await callApp(app, "/save-configuration", { installId: install.installId, payload }));
        return;
      }
      case "POST /apps/uninstall":
        return uninstall(res, app);
      case "GET /services/new":
        return newService(res, app);
      default:
        return errorPage(res, 404, "Not found", `No page ${route} in the App Management sandbox`);
    }
  }

  return {
    name: "ams",
    connect: (_callbacks, sandbox) => {
      baseUrl = sandbox.url;
    },
    control,
    handle: async (req, res, path, body) => {
      const url = new URL(path, "http://sandbox.local");
      const list = /^\/lists\/([^/]+)\/members$/.exec(url.pathname);
      if (list && req.method === "POST") {
        const install = installOfToken(req);
        if (typeof install === "string") return sendJson(res, 401, { errorCode: "TOKEN_INVALID", detail: install });
        return profiles.merge(res, decodeURIComponent(list[1] ?? ""), install.installId, body);
      }
      const endpoint = /^\/(export|import|complete)\/([^/]+)$/.exec(url.pathname);
      if (!endpoint) return pages(req, res, url, body);
      const invocation = invocations.get(decodeURIComponent(endpoint[2] ?? ""));
      if (!invocation) return sendJson(res, 404, { error: `no invocation ${endpoint[2]}` });
      const expected = { export: "GET", import: "POST", complete: "PATCH" }[
        endpoint[1] as "export" | "import" | "complete"
      ];
      // The invoke body names each endpoint's method; another one is a mistake in the app.
      if (req.method !== expected)
        return refuse(
          res,
          invocation,
          `/${endpoint[1]}`,
          405,
          `use ${expected}, the method the invoke body gives for this endpoint`,
        );
      if (endpoint[1] === "export") return exportPage(req, res, invocation, url);
      if (endpoint[1] === "import") return importRows(req, res, invocation, body);
      return complete(req, res, invocation, body);
    },
  };
}
