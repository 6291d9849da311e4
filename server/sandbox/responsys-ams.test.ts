import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { AMS_DEMO_LIST_FIELDS, responsysAmsFake } from "./responsys-ams";
import { startSandbox, type Sandbox } from "./server";

// The AMS simulator calling a stand-in app over HTTP. The stand-in checks every JWT by hand
// (HS256 with node:crypto, written here again) the way the real app must, and the test plays
// the app's side of the invoke (pulls, pushes, completion) with tokens it signs itself.

type Claims = Record<string, unknown>;

const sign = (claims: Claims, secret: string, alg = "HS256") => {
  const input = `${Buffer.from(JSON.stringify({ alg, typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`;
  return `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
};

/** The token's claims if it is HS256-signed with the secret, else null. */
function verify(token: string, secret: string): Claims | null {
  const [header = "", payload = "", signature = ""] = token.split(".");
  const expected = createHmac("sha256", secret).update(`${header}.${payload}`).digest();
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if ((JSON.parse(Buffer.from(header, "base64url").toString()) as { alg: string }).alg !== "HS256") return null;
  return JSON.parse(Buffer.from(payload, "base64url").toString()) as Claims;
}

const APP = { appId: "test-app", tokenKey: "test-token-key", tokenSecret: "test-token-secret-0123456789" };
const param = (name: string, width = 255) => ({
  name,
  dataType: "Text",
  width,
  unique: false,
  required: false,
  readOnly: false,
  minimumValue: null,
  maximumValue: null,
  possibleValues: null,
  format: null,
  resources: null,
});
const RECORD_DEFINITION = {
  inputParameters: [
    param("appcloud_row_correlation_id", 40),
    param("MOBILE_NUMBER_"),
    param("OPTIN"),
    param("FIRST_NAME"),
  ],
  outputParameters: [
    param("appcloud_row_correlation_id", 40),
    param("appcloud_row_status"),
    param("appcloud_row_errormessage", 5120),
    param("LAST_MESSAGE_STATUS"),
  ],
};

/** One call the stand-in app received: its body, the token's claims (if signed right) and why it refused, if it did. */
type AppCall = { path: string; body: Record<string, unknown>; claims: Claims | null; refusal: string | null };

/** The stand-in app: checks the AMS token as the contract says, answers each endpoint in its documented shape. */
function startApp() {
  const calls: AppCall[] = [];
  const seenJtis = new Set<string>();
  const refusalOf = (token: string) => {
    const claims = verify(token, APP.tokenSecret);
    if (!claims) return { claims, refusal: "bad signature" };
    if (claims.aud !== APP.tokenKey) return { claims, refusal: "wrong aud" };
    if (typeof claims.exp !== "number" || claims.exp < Date.now() / 1000 - 30) return { claims, refusal: "expired" };
    if (typeof claims.jti !== "string" || seenJtis.has(claims.jti)) return { claims, refusal: "jti replayed" };
    seenJtis.add(claims.jti);
    return { claims, refusal: null };
  };
  const answer = (path: string, body: Record<string, unknown>): [number, unknown] => {
    if (path === "/install") return [200, { status: "INSTALLED" }];
    if (path === "/uninstall") return [200, { status: "UNINSTALLED" }];
    if (path === "/status") return [200, { status: "INSTALLED" }];
    if (path === "/save-configuration" || path === "/service/save-configuration") {
      if ((body.payload as { fail?: boolean }).fail) return [422, { error: "Mitto rejected the credentials" }];
      return [
        200,
        {
          configurationStatus: "CONFIGURED",
          payload: {},
          httpStatusCode: "200",
          ...(path.startsWith("/service") ? { recordDefinition: RECORD_DEFINITION } : {}),
        },
      ];
    }
    if (path === "/service/create") return [200, { status: "CREATED" }];
    if (path === "/service/invoke") return [202, { status: "ACCEPTED", uuid: body.uuid }];
    return [200, "<p>configuration form</p>"];
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      const path = (req.url ?? "").replace(/^\/app/, "");
      // Configure pages are posted by the browser as a form (jwt, body); the rest is JSON + Bearer.
      const form = req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded")
        ? new URLSearchParams(raw)
        : null;
      const token = form ? (form.get("jwt") ?? "") : (req.headers.authorization ?? "").replace(/^Bearer /, "");
      const body = JSON.parse(form ? (form.get("body") ?? "{}") : raw) as Record<string, unknown>;
      const { claims, refusal } = refusalOf(token);
      calls.push({ path, body, claims, refusal });
      const [status, reply] = refusal ? [401, { error: refusal }] : answer(path, body);
      res.writeHead(status, { "content-type": typeof reply === "string" ? "text/html" : "application/json" });
      res.end(typeof reply === "string" ? reply : JSON.stringify(reply));
    });
  });
  return {
    calls,
    /** The calls received on one path since the test began, oldest first. */
    on: (path: string) => calls.filter((c) => c.path === path),
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/app`)),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const app = startApp();
let sandbox: Sandbox;
let appBaseUrl: string;

const json = (method: string, body: unknown, headers: Record<string, string> = {}) => ({
  method,
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields).toString(),
  redirect: "manual" as const,
});
const control = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${sandbox.url}/_control/ams${path}`, body === undefined ? { method } : json(method, body));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: string } };
};
const lifecycle = (path: string, body: Record<string, unknown>, jwt?: Record<string, unknown>) =>
  control("POST", "/lifecycle", { appId: APP.appId, path, body, jwt });
const page = async (path: string) => {
  const res = await fetch(`${sandbox.url}${path}`);
  return { status: res.status, html: await res.text() };
};
const unescape = (html: string) => html.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
/** The hidden form a configure page auto-submits into its frame: where it posts, and its jwt and body. */
function frameForm(html: string) {
  const action = /<form id="ams-frame-form" method="post" target="ams-app-frame" action="([^"]+)"/.exec(html)?.[1];
  const field = (name: string) => unescape(new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "");
  return {
    action: unescape(action ?? ""),
    claims: verify(field("jwt"), APP.tokenSecret),
    body: JSON.parse(field("body")) as unknown,
  };
}

type InvokeBody = {
  uuid: string;
  instanceContext: { appId: string; installId: string; instanceId: string; tenantId: string; secret: string };
  dataSet: { id: string; rows: string[][] | null; size: number };
  productExportEndpoint: { url: string; method: string } | null;
  productImportEndpoint: { url: string; method: string };
  onCompletionCallbackEndpoint: { url: string; method: string };
};
type Invoked = { uuid: string; appStatus: number; appBody: unknown; sent: InvokeBody; call: AppCall };

/** Invokes the service through the control API; returns the answer and what the app received. */
async function invoke(options: Record<string, unknown>): Promise<Invoked> {
  const before = app.on("/service/invoke").length;
  const { status, body } = await control("POST", "/invoke", {
    appId: APP.appId,
    instanceUuid: "svc-1",
    inline: true,
    ...options,
  });
  expect(status).toBe(200);
  const call = app.on("/service/invoke")[before]!;
  return { ...(body as { uuid: string; appStatus: number; appBody: unknown }), sent: call.body as InvokeBody, call };
}

/** A token as the app signs its calls back to Responsys (install secret, contract claims). */
function appToken(
  context: InvokeBody["instanceContext"],
  overrides: Claims = {},
  secret = context.secret,
  alg = "HS256",
) {
  const now = Math.floor(Date.now() / 1000);
  return sign(
    {
      iss: context.appId,
      sub: context.installId,
      aud: context.instanceId,
      iat: now,
      exp: now + 60,
      jti: randomUUID(),
      "o.a.p.ctenantId": context.tenantId,
      ...overrides,
    },
    secret,
    alg,
  );
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const invocation = async (uuid: string) =>
  (await control("GET", `/invocations/${uuid}`)).body as {
    pulls: unknown[];
    imports: { rows: unknown[] }[];
    completions: { body: unknown }[];
    refused: { path: string; status: number; reason: string }[];
  };
const rows = (n: number) =>
  Array.from({ length: n }, (_, i) => [`c${i}`, `491761234${String(i).padStart(4, "0")}`, "YES", `Name ${i}`]);

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [responsysAmsFake()] });
  appBaseUrl = await app.listen();
  expect((await control("PUT", "/apps", { ...APP, appBaseUrl })).status).toBe(200);
  // A configured service, through the lifecycle API, for the invoke tests.
  expect(
    (
      await lifecycle("/install", {
        installId: "install-1",
        tenantId: "6607",
        productName: "Responsys",
        location: "Interact 9",
      })
    ).body.status,
  ).toBe(200);
  expect(
    (await lifecycle("/service/create", { instanceUuid: "svc-1", installId: "install-1", programName: "Welcome" })).body
      .status,
  ).toBe(200);
  expect((await lifecycle("/service/save-configuration", { instanceUuid: "svc-1", payload: {} })).body.status).toBe(
    200,
  );
});
afterAll(() => Promise.all([sandbox.close(), app.close()]));
beforeEach(() => fetch(`${sandbox.url}/_control/faults`, { method: "DELETE" }));

describe("AMS simulator: invoke", () => {
  it("invokes inline with a valid app JWT and the contract body", async () => {
    const sent = rows(2);
    const { uuid, appStatus, appBody, sent: body, call } = await invoke({ rows: sent });
    expect(appStatus).toBe(202);
    expect(appBody).toEqual({ status: "ACCEPTED", uuid });
    expect(call.refusal).toBeNull();
    expect(call.claims).toMatchObject({
      iss: "AMS",
      sub: "install-1",
      aud: APP.tokenKey,
      "o.a.p.ctenantId": "6607",
      "o.a.p.cproductName": "Responsys",
      "o.a.p.cdestinationUrl": `${appBaseUrl}/service/invoke`,
    });
    expect((call.claims!.exp as number) - (call.claims!.iat as number)).toBe(60);
    expect(body).toMatchObject({
      uuid,
      instanceContext: {
        appId: APP.appId,
        installId: "install-1",
        instanceId: "svc-1",
        tenantId: "6607",
        recordDefinition: RECORD_DEFINITION,
      },
      dataSet: { rows: sent, size: 2 },
      productExportEndpoint: null,
      productImportEndpoint: { url: `${sandbox.url}/ams/import/${uuid}`, method: "POST" },
      onCompletionCallbackEndpoint: { url: `${sandbox.url}/ams/complete/${uuid}`, method: "PATCH" },
      maxPullPageSize: 200,
      maxPushBatchSize: 200,
    });
    expect(body.instanceContext.secret).toMatch(/^\S{20,}$/);
  });

  it("invokes without rows and serves them page by page, refusing a page larger than maxPullPageSize", async () => {
    const sent = rows(5);
    const { uuid, sent: body } = await invoke({ rows: sent, inline: false, maxPullPageSize: 2 });
    expect(body.dataSet).toMatchObject({ rows: null, size: 5 });
    expect(body.productExportEndpoint).toEqual({ url: `${sandbox.url}/ams/export/${uuid}`, method: "GET" });
    const pull = (query: string) =>
      fetch(`${body.productExportEndpoint!.url}?${query}`, { headers: bearer(appToken(body.instanceContext)) });
    expect(await (await pull("offset=0&limit=2")).json()).toEqual({
      dataSet: { id: body.dataSet.id, rows: sent.slice(0, 2), size: 5 },
    });
    expect(await (await pull("offset=4&limit=2")).json()).toEqual({
      dataSet: { id: body.dataSet.id, rows: sent.slice(4), size: 5 },
    });
    const tooBig = await pull("offset=0&limit=3");
    expect(tooBig.status).toBe(400);
    expect(((await tooBig.json()) as { error: string }).error).toMatch(/maxPullPageSize 2/);
    const recorded = await invocation(uuid);
    expect(recorded.pulls).toEqual([
      { offset: 0, limit: 2 },
      { offset: 4, limit: 2 },
    ]);
    expect(recorded.refused).toMatchObject([{ path: "/export", status: 400 }]);
  });

  it("sends the expired, forged and replayed tokens it is asked for", async () => {
    const first = await invoke({ rows: rows(1) });
    const expired = await invoke({ rows: rows(1), jwt: { expired: true } });
    expect(expired.call).toMatchObject({ refusal: "expired" });
    expect(expired.call.claims!.exp as number).toBeLessThan(Date.now() / 1000 - 30);
    expect(expired.appStatus).toBe(401);
    const forged = await invoke({ rows: rows(1), jwt: { forged: true } });
    expect(forged.call).toMatchObject({ claims: null, refusal: "bad signature" });
    expect(forged.appStatus).toBe(401);
    const replayed = await invoke({ rows: rows(1), jwt: { replayJtiOf: first.uuid } });
    expect(replayed.call.claims!.jti).toBe(first.call.claims!.jti);
    expect(replayed.call.refusal).toBe("jti replayed");
    expect(replayed.appStatus).toBe(401);
    const unknown = await control("POST", "/invoke", {
      appId: APP.appId,
      instanceUuid: "svc-1",
      rows: [],
      inline: true,
      jwt: { replayJtiOf: "nope" },
    });
    expect(unknown).toMatchObject({ status: 400, body: { error: expect.stringMatching(/replayJtiOf/) as unknown } });
  });

  it("resends an invocation under the same uuid with a fresh token", async () => {
    const first = await invoke({ rows: rows(1) });
    const { status, body } = await control("POST", `/invocations/${first.uuid}/resend`, {});
    expect(status).toBe(200);
    expect(body).toMatchObject({ uuid: first.uuid, appStatus: 202 });
    const again = app.on("/service/invoke").at(-1)!;
    expect(again.body).toEqual(first.sent);
    expect(again.claims!.jti).not.toBe(first.call.claims!.jti);
  });

  it("records pushes up to maxPushBatchSize signed with the install secret and the completion; refuses the rest", async () => {
    const { uuid, sent } = await invoke({ rows: rows(3), maxPushBatchSize: 2 });
    const context = sent.instanceContext;
    const push = (resultRows: unknown[][], token = appToken(context)) =>
      fetch(
        sent.productImportEndpoint.url,
        json(
          "POST",
          {
            fieldDefinitions: RECORD_DEFINITION.outputParameters,
            dataSet: { id: sent.dataSet.id, rows: resultRows, size: null },
            release: false,
          },
          bearer(token),
        ),
      );
    const result = (id: string) => [id, "success", null, "DELIVERED"];
    const ok = await push([result("c0"), result("c1")]);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: "OK" });
    expect((await push([result("c0"), result("c1"), result("c2")])).status).toBe(400);
    expect((await push([result("c2")], appToken(context, {}, APP.tokenSecret))).status).toBe(401);
    expect((await push([result("c2")], appToken(context, { aud: "another-instance" }))).status).toBe(401);
    expect((await push([result("c2")], appToken(context, {}, context.secret, "HS512"))).status).toBe(401);
    expect((await push([result("c2")], appToken(context, { exp: Math.floor(Date.now() / 1000) - 31 }))).status).toBe(
      401,
    );
    expect((await push([["c2", "success"]])).status).toBe(400);
    expect((await push([result("c2")])).status).toBe(200);
    const completion = await fetch(
      sent.onCompletionCallbackEndpoint.url,
      json("PATCH", { status: "COMPLETED" }, bearer(appToken(context))),
    );
    expect(completion.status).toBe(200);
    expect(
      (
        await fetch(
          sent.onCompletionCallbackEndpoint.url,
          json("POST", { status: "COMPLETED" }, bearer(appToken(context))),
        )
      ).status,
    ).toBe(405);

    const recorded = await invocation(uuid);
    expect(recorded.imports.map((i) => i.rows)).toEqual([[result("c0"), result("c1")], [result("c2")]]);
    expect(recorded.completions).toMatchObject([{ body: { status: "COMPLETED" } }]);
    expect(recorded.refused).toMatchObject([
      { path: "/import", status: 400, reason: expect.stringMatching(/3 rows exceed maxPushBatchSize 2/) as unknown },
      { path: "/import", status: 401, reason: expect.stringMatching(/signature/) as unknown },
      { path: "/import", status: 401, reason: expect.stringMatching(/aud must be the instance id svc-1/) as unknown },
      { path: "/import", status: 401, reason: expect.stringMatching(/alg must be HS256/) as unknown },
      { path: "/import", status: 401, reason: "the token has expired" },
      { path: "/import", status: 400, reason: expect.stringMatching(/rows\[0\] has 2 values for 4 fields/) as unknown },
      { path: "/complete", status: 405 },
    ]);
  });

  it("injects rate limits and server errors on the export and import endpoints", async () => {
    const { sent } = await invoke({ rows: rows(2), inline: false });
    const token = () => bearer(appToken(sent.instanceContext));
    await fetch(
      `${sandbox.url}/_control/faults`,
      json("POST", { vendor: "ams", kind: "rateLimit", pathPrefix: "/import", retryAfterSeconds: 3 }),
    );
    await fetch(
      `${sandbox.url}/_control/faults`,
      json("POST", { vendor: "ams", kind: "error5xx", pathPrefix: "/export", status: 503 }),
    );
    const pushBody = {
      fieldDefinitions: RECORD_DEFINITION.outputParameters,
      dataSet: { id: sent.dataSet.id, rows: [], size: null },
      release: false,
    };
    const limited = await fetch(sent.productImportEndpoint.url, json("POST", pushBody, token()));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("3");
    expect((await fetch(`${sent.productExportEndpoint!.url}?offset=0&limit=2`, { headers: token() })).status).toBe(503);
    expect((await fetch(`${sent.productExportEndpoint!.url}?offset=0&limit=2`, { headers: token() })).status).toBe(200);
    expect((await invocation(sent.uuid)).imports).toEqual([]);
  });

  it("refuses bad invoke requests with the reason, sending nothing to the app", async () => {
    const before = app.calls.length;
    expect(
      await control("POST", "/invoke", { appId: "nobody", instanceUuid: "svc-1", rows: [], inline: true }),
    ).toMatchObject({ status: 404, body: { error: expect.stringMatching(/appId: no app "nobody"/) as unknown } });
    expect(
      await control("POST", "/invoke", {
        appId: APP.appId,
        instanceUuid: "svc-1",
        rows: [...rows(1), ["c1", "49176"]],
        inline: true,
      }),
    ).toMatchObject({
      status: 400,
      body: {
        error: expect.stringMatching(/rows\[1\] has 2 values; the record definition has 4 input parameters/) as unknown,
      },
    });
    expect(
      await control("POST", "/invoke", { appId: APP.appId, instanceUuid: "never-configured", rows: [], inline: true }),
    ).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^recordDefinition:/) as unknown } });
    expect(
      await control("POST", "/invoke", { appId: APP.appId, instanceUuid: "svc-1", rows: [], inline: "yes" }),
    ).toMatchObject({ status: 400, body: { error: expect.stringMatching(/inline/) as unknown } });
    expect(app.calls.length).toBe(before);
  });

  it("calls a lifecycle endpoint with a signed token and answers with the app's answer", async () => {
    expect((await lifecycle("/status", { installId: "install-1" })).body).toMatchObject({
      status: 200,
      body: { status: "INSTALLED" },
    });
    expect(app.on("/status").at(-1)).toMatchObject({
      body: { installId: "install-1" },
      claims: { sub: "install-1" },
      refusal: null,
    });
    expect((await lifecycle("/status", { installId: "install-1" }, { forged: true })).body).toMatchObject({
      status: 401,
      body: { error: "bad signature" },
    });
    expect((await lifecycle("/nowhere", {})).status).toBe(400);
  });
});

describe("AMS simulator: pages", () => {
  it("walks the install flow: location, terms, product APIs, Install calls the app, then frames its configuration", async () => {
    const location = await page(`/ams/install?app=${APP.appId}`);
    expect(location.html).toContain(
      '<label for="location">Responsys location</label><select id="location" name="location">',
    );
    expect(location.html).toContain("<option>Interact 9</option>");
    const terms = await page(`/ams/install?app=${APP.appId}&step=terms&location=Interact+9`);
    expect(terms.html).toMatch(
      /<input type="checkbox" id="accept" name="accept" value="yes"> <label for="accept"[^>]*>I accept the terms and conditions<\/label>/,
    );
    const notAccepted = await page(`/ams/install?app=${APP.appId}&step=apis&location=Interact+9`);
    expect(notAccepted.status).toBe(400);
    expect(notAccepted.html).toContain("Accept the terms and conditions to continue");
    const apis = await page(`/ams/install?app=${APP.appId}&step=apis&location=Interact+9&accept=yes`);
    expect(apis.html).toMatch(
      /<form method="post" action="\/ams\/install">.*<button type="submit">Install<\/button><\/form>/,
    );

    const installed = await fetch(`${sandbox.url}/ams/install`, form({ app: APP.appId, location: "Interact 9" }));
    expect(installed.status).toBe(303);
    expect(installed.headers.get("location")).toBe(`/ams/configure?app=${APP.appId}`);
    const call = app.on("/install").at(-1)!;
    expect(call.refusal).toBeNull();
    expect(call.body).toEqual({
      installId: expect.any(String) as unknown,
      tenantId: "6607",
      productName: "Responsys",
      location: "Interact 9",
      productUrl: `${sandbox.url}/ams`,
    });
    const installId = call.body.installId as string;
    expect(call.claims).toMatchObject({ sub: installId, aud: APP.tokenKey });

    const configure = await page(`/ams/configure?app=${APP.appId}`);
    expect(configure.html).toContain('<iframe name="ams-app-frame" title="App configuration">');
    expect(frameForm(configure.html)).toMatchObject({
      action: `${appBaseUrl}/configure`,
      claims: { iss: "AMS", sub: installId, aud: APP.tokenKey },
      body: { installId, locale: "en-US" },
    });

    const saved = await fetch(
      `${sandbox.url}/ams/configure/save?app=${APP.appId}`,
      json("POST", { payload: { step: "mitto" } }),
    );
    expect(await saved.json()).toMatchObject({ configured: true });
    expect(app.on("/save-configuration").at(-1)).toMatchObject({
      body: { installId, payload: { step: "mitto" } },
      refusal: null,
    });
    const failed = await fetch(
      `${sandbox.url}/ams/configure/save?app=${APP.appId}`,
      json("POST", { payload: { fail: true } }),
    );
    expect(await failed.json()).toMatchObject({
      configured: false,
      error: "The app answered HTTP 422: Mitto rejected the credentials",
    });

    const management = await page("/ams/apps");
    expect(management.html).toMatch(
      /<td>test-app<\/td><td>Interact 9<\/td><td>Configured<\/td><td>.*Reconfigure<\/button>.*Uninstall<\/button>/,
    );
    const uninstalled = await fetch(`${sandbox.url}/ams/apps/uninstall`, form({ app: APP.appId }));
    expect(uninstalled.headers.get("location")).toBe("/ams/apps");
    expect(app.on("/uninstall").at(-1)).toMatchObject({ body: { installId }, refusal: null });
    expect((await page("/ams/apps")).html).toMatch(
      /<td>test-app<\/td><td>Interact 9<\/td><td>Uninstalled<\/td><td><a href="\/ams\/install\?app=test-app">Install<\/a>/,
    );
    expect((await page(`/ams/configure?app=${APP.appId}`)).status).toBe(409);
  });

  it("creates a service instance, frames its configuration with the list fields and stores the saved record definition", async () => {
    await lifecycle("/install", { installId: "install-2", location: "Interact 5" });
    const created = await fetch(`${sandbox.url}/ams/services/new?app=${APP.appId}`, { redirect: "manual" });
    expect(created.status).toBe(303);
    const call = app.on("/service/create").at(-1)!;
    expect(call.body).toMatchObject({ installId: "install-2", programName: expect.any(String) as unknown });
    const instanceUuid = call.body.instanceUuid as string;
    expect(created.headers.get("location")).toBe(`/ams/services/${instanceUuid}/configure`);

    const configure = await page(`/ams/services/${instanceUuid}/configure`);
    expect(frameForm(configure.html)).toMatchObject({
      action: `${appBaseUrl}/service/configure`,
      claims: { sub: "install-2", aud: APP.tokenKey },
      body: { uuid: instanceUuid, status: "CREATED", locale: "en-US", listFields: AMS_DEMO_LIST_FIELDS },
    });
    expect((await control("GET", `/services/${instanceUuid}`)).body).toMatchObject({
      status: "CREATED",
      recordDefinition: null,
    });

    const saved = await fetch(
      `${sandbox.url}/ams/services/${instanceUuid}/save`,
      json("POST", { payload: { instanceUuid } }),
    );
    expect(await saved.json()).toMatchObject({ configured: true });
    expect(app.on("/service/save-configuration").at(-1)).toMatchObject({
      body: { instanceUuid, payload: { instanceUuid } },
      refusal: null,
    });
    expect((await control("GET", `/services/${instanceUuid}`)).body).toEqual({
      instanceUuid,
      appId: APP.appId,
      installId: "install-2",
      status: "CONFIGURED",
      recordDefinition: RECORD_DEFINITION,
    });
  });

  it("escapes what it interpolates into HTML", async () => {
    await control("PUT", "/apps", { ...APP, appId: '<img src=x onerror="alert(1)">', appBaseUrl });
    const { html } = await page("/ams/apps");
    expect(html).not.toContain("<img");
    expect(html).toContain("&#60;img src=x onerror=&#34;alert(1)&#34;&#62;");
  });
});
