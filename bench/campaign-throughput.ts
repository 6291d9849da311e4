/**
 * A WhatsApp campaign to RECIPIENTS contacts, end to end on the real parts: the production
 * build (`npx next build` first), a real Inngest engine, the vendor sandbox and PostgreSQL.
 *
 *   npx next build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:campaign
 *
 * Env: ENGINE `start` (default: `inngest start` on Redis and PostgreSQL, through
 * scripts/start-production.mjs, as production runs) or `dev` (the dev server); PACE, the
 * sender's pace in messages a second (default 80, WhatsApp's default tier); RECIPIENTS
 * (default 100000); CEILING_SENDS (default 20000), the sends that measure the sandbox's own
 * ceiling first; REDIS_URL for `start` (default redis://127.0.0.1:6379, index 14 is flushed).
 *
 * Prints, side by side: msg/s from launch until every message was sent and until every
 * delivery report was applied; the sandbox's ceiling measured in the same run; the pace;
 * the ratio of the last 10 %'s send rate to the first 10 %'s; the Inngest step executions of
 * sending (send-campaign and deliver-messages) per 1,000 recipients, counted by a proxy
 * between the engine and the portal; duplicates (sends the sandbox took twice) and lost
 * (recipients it never got). Exits non-zero when a message is duplicated, lost or left stuck.
 * Uses the databases switchboard_bench_send and switchboard_bench_inngest on that server
 * (dropped and recreated) and ports 3310-3311 (app, step-counting proxy), 4210/4224
 * (sandbox), 8398 (Inngest), 8399/18392/18393 (its Connect ports, unused).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, Agent } from "node:http";
import { performance } from "node:perf_hooks";
import { benchServerUrl, recreateDatabase, timedLog } from "./support";

const ENGINE = process.env.ENGINE ?? "start";
if (ENGINE !== "dev" && ENGINE !== "start") throw new Error("ENGINE is dev or start");
const PACE = Number(process.env.PACE ?? 80);
const RECIPIENTS = Number(process.env.RECIPIENTS ?? 100_000);
const CEILING_SENDS = Number(process.env.CEILING_SENDS ?? 20_000);
const APP_PORT = 3310;
const PROXY_PORT = 3311;
const APP = `http://127.0.0.1:${APP_PORT}`;
const SANDBOX = "http://127.0.0.1:4210";
const INNGEST = "http://127.0.0.1:8398";

const serverUrl = benchServerUrl("bench:campaign");
const log = timedLog();
const children: ChildProcess[] = [];
// Each child leads its own process group, so npx's own children (next-server) stop with it.
const stopAll = () => children.forEach((c) => c.pid && process.kill(-c.pid, "SIGTERM"));
process.on("exit", stopAll);

function start(name: string, command: string, args: string[], env: Record<string, string | undefined>, ready?: RegExp) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
  children.push(child);
  return new Promise<void>((resolve, reject) => {
    if (!ready) resolve();
    child.on("exit", (code) => reject(new Error(`${name} exited with ${code}`)));
    for (const stream of [child.stdout, child.stderr]) {
      stream?.on("data", (chunk: Buffer) => {
        const text = chunk.toString();
        if (ready?.test(text)) resolve();
        if (/error/i.test(text) && !/level":"(INFO|WARN)/.test(text)) process.stderr.write(`[${name}] ${text}`);
      });
    }
  });
}

async function waitFor(url: string, what: string) {
  for (let i = 0; i < 240; i++) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${what} did not come up at ${url}`);
}

// Every call the engine makes to the portal is one step execution (or a run's start); the
// proxy forwards it and counts it by the function it runs (the fnId query parameter).
const stepCalls = new Map<string, number>();
const toApp = new Agent({ keepAlive: true, maxSockets: 256 });
const proxy = createServer((req, res) => {
  const fn = new URL(req.url ?? "/", APP).searchParams.get("fnId");
  if (req.method === "POST" && fn) stepCalls.set(fn, (stepCalls.get(fn) ?? 0) + 1);
  const upstream = httpRequest(`${APP}${req.url ?? "/"}`, { method: req.method, headers: req.headers, agent: toApp }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on("error", () => res.headersSent || res.writeHead(502).end());
  req.pipe(upstream);
});
await new Promise<void>((resolve) => proxy.listen(PROXY_PORT, "127.0.0.1", resolve));

const dbUrl = await recreateDatabase(serverUrl, "switchboard_bench_send");
const keys = { INNGEST_SIGNING_KEY: randomBytes(32).toString("hex"), INNGEST_EVENT_KEY: randomBytes(16).toString("hex") };
// The portal's modules read these when first imported (this process launches the campaign
// through the same use cases and Inngest client), so they are set before importing them.
const portalEnv: Record<string, string | undefined> = {
  DATABASE_URL: dbUrl,
  APP_URL: APP,
  SANDBOX_URL: SANDBOX,
  SEED_DEMO: "false",
  INNGEST_BASE_URL: INNGEST,
  // The engine calls the portal through the counting proxy.
  INNGEST_SERVE_ORIGIN: `http://127.0.0.1:${PROXY_PORT}`,
  ...(ENGINE === "dev" ? { INNGEST_DEV: "1" } : { INNGEST_DEV: undefined, ...keys }),
};
for (const [name, value] of Object.entries(portalEnv)) {
  if (value === undefined) delete process.env[name];
  else process.env[name] = value;
}

const sandboxUp = start("sandbox", "npx", ["tsx", "server/sandbox/main.ts"], { SANDBOX_PORT: "4210", SANDBOX_SFTP_PORT: "4224" });
await Promise.all([sandboxUp, waitFor(`${SANDBOX}/health`, "the sandbox")]);

const { MITTO_SANDBOX_CREDENTIALS, MITTO_SANDBOX_WHATSAPP_ACCOUNTS } = await import("@/server/sandbox/mitto");
const account = MITTO_SANDBOX_WHATSAPP_ACCOUNTS[0]!;
const settings = { responsysPod: "interact2", acceptTerms: true, username: MITTO_SANDBOX_CREDENTIALS.username, authMethod: "apiKey" as const, apiKey: MITTO_SANDBOX_CREDENTIALS.apiKey, namespace: "demo_ns" };

// The sandbox's own ceiling, before anything else loads the machine and before any callback
// URL is registered (its reports then go nowhere): Mitto's send body, 64 at a time over
// keep-alive connections of a plain HTTP client, so what is measured is the sandbox's endpoint,
// not a client (the portal's adapter, on fetch, manages about a third of it here).
const sendAgent = new Agent({ keepAlive: true, maxSockets: 64 });
const sandboxSend = (i: number) =>
  new Promise<void>((resolve, reject) => {
    const body = JSON.stringify({
      trafficAccountId: account.id,
      destination: `+4916${String(i).padStart(9, "0")}`,
      whatsapp: { type: "template", template: { name: "mcp_account", language: { code: "en" }, components: [{ type: "body", parameters: [{ type: "text", text: "Bench" }] }] } },
    });
    const headers = { "content-type": "application/json", "x-mitto-api-key": MITTO_SANDBOX_CREDENTIALS.apiKey };
    const req = httpRequest(`${SANDBOX}/mitto/api/v1.1/Messages/send`, { method: "POST", agent: sendAgent, headers }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`the sandbox answered ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end(body);
  });
const ceilingStart = performance.now();
let nextSend = 0;
await Promise.all(
  Array.from({ length: 64 }, async () => {
    while (nextSend < CEILING_SENDS) await sandboxSend(nextSend++);
  }),
);
const ceiling = CEILING_SENDS / ((performance.now() - ceilingStart) / 1000);
sendAgent.destroy();
const sentBefore = ((await (await fetch(`${SANDBOX}/_control/sent?vendor=mitto`)).json()) as { total: number }).total;
log(`sandbox ceiling: ${ceiling.toFixed(0)} msg/s over ${CEILING_SENDS} sends`);

const inngestBin = execFileSync("bash", ["scripts/inngest-server.sh"], { stdio: ["ignore", "pipe", "inherit"] }).toString().trim();
if (ENGINE === "dev") {
  const connectPorts = ["--connect-gateway-port", "8399", "--connect-gateway-grpc-port", "18392", "--connect-executor-grpc-port", "18393"];
  await start("inngest", inngestBin, ["dev", "--no-discovery", "--port", "8398", ...connectPorts, "-u", `http://127.0.0.1:${PROXY_PORT}/api/inngest`], {});
  await start("app", "npx", ["next", "start", "-H", "127.0.0.1", "-p", String(APP_PORT)], { NEXT_TELEMETRY_DISABLED: "1" });
  await Promise.all([waitFor(INNGEST, "the Inngest dev server"), waitFor(`${APP}/login`, "the portal")]);
  // Events that reach the dev server before it has synced the app's functions start nothing.
  for (let i = 0; !(await (await fetch(`${INNGEST}/dev`)).text()).includes('"send-campaign"'); i++) {
    if (i > 120) throw new Error("the Inngest dev server never synced the portal's functions");
    await new Promise((r) => setTimeout(r, 500));
  }
} else {
  const redis = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  redis.pathname = "/14";
  execFileSync("redis-cli", ["-u", redis.href, "flushdb"], { stdio: "ignore" });
  const inngestDb = await recreateDatabase(serverUrl, "switchboard_bench_inngest");
  await start(
    "production",
    "node",
    ["scripts/start-production.mjs"],
    {
      ...portalEnv,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(APP_PORT),
      INNGEST_PORT: "8398",
      INNGEST_BIN: inngestBin,
      INNGEST_REDIS_URI: redis.href,
      INNGEST_POSTGRES_URI: inngestDb,
      INNGEST_CONNECT_GATEWAY_PORT: "8399",
      INNGEST_CONNECT_GATEWAY_GRPC_PORT: "18392",
      INNGEST_CONNECT_EXECUTOR_GRPC_PORT: "18393",
      LOG_LEVEL: "warn",
      DO_NOT_TRACK: "1",
    },
    /Switchboard is ready/,
  );
}
log(`sandbox, Inngest (${ENGINE}) and portal are up, functions synced`);

const { getDb, closeDb, schema } = await import("@/db/client");
const { connectIntegration } = await import("@/server/domains/integration/connect-integration");
const { setSenderPace } = await import("@/server/domains/integration/set-sender-pace");
const { syncTemplates } = await import("@/server/domains/template/sync-templates");
const { createSegment } = await import("@/server/domains/segment/create-segment");
const { createCampaign } = await import("@/server/domains/campaign/save-campaign");
const { launchCampaign } = await import("@/server/domains/campaign/launch-campaign");
const { rowsOf } = await import("@/server/lib/raw-rows");
const { and, eq, sql } = await import("drizzle-orm");

const db = await getDb();
// The use cases the tRPC procedures call, with the admin who set it all up as the actor.
const [workspace] = await db.insert(schema.workspaces).values({ name: "Bench", slug: `bench-${Date.now()}` }).returning();
if (!workspace) throw new Error("no workspace");
const [user] = await db.insert(schema.users).values({ workspaceId: workspace.id, email: "bench@example.com", name: "Bench", role: "admin", passwordHash: "-" }).returning();
if (!user) throw new Error("no user");
const actor = { sessionId: "bench", userId: user.id, workspaceId: workspace.id, email: user.email, name: user.name, role: "admin" as const };
const integrationId = (await connectIntegration(db, actor, { vendor: "mitto", label: "Mitto", sandbox: true, settings })).id ?? "";
await syncTemplates(db, actor, integrationId);
const [template] = await db.select({ id: schema.templates.id }).from(schema.templates).where(and(eq(schema.templates.integrationId, integrationId), eq(schema.templates.name, "mcp_account")));
const [sender] = await db.select({ id: schema.senders.id }).from(schema.senders).where(and(eq(schema.senders.integrationId, integrationId), eq(schema.senders.externalId, account.id)));
if (!template || !sender) throw new Error("the sandbox has no mcp_account template or German number");
await setSenderPace(db, actor, { id: sender.id, data: { messagesPerSecond: PACE } });

await db.execute(sql`
  insert into contacts (workspace_id, mobile_number, country, first_name)
  select ${workspace.id}, '+4915' || lpad(i::text, 9, '0'), 'DE', 'Person ' || i from generate_series(1, ${RECIPIENTS}) i`);
await db.execute(sql`
  insert into contact_consent (contact_id, channel, state, source, at)
  select id, 'whatsapp', 'opt_in', 'import', now() from contacts where workspace_id = ${workspace.id}`);
log(`${RECIPIENTS} opted-in contacts created; sender pace ${PACE} msg/s`);

const segment = await createSegment(db, actor, { name: "Everyone", description: null, definition: { kind: "group", combinator: "and", children: [{ kind: "field", field: "country", operator: "eq", value: "DE" }] } });
const { id: campaignId } = await createCampaign(db, actor, {
  name: "Bench",
  channel: "whatsapp",
  integrationId,
  senderId: sender.id,
  optInField: null,
  templateId: template.id,
  placeholderMappings: [{ kind: "field", field: "first_name" }],
  smsBody: null,
  trigger: "scheduled",
  segmentId: segment.id,
  schedule: { frequency: "once", date: null, time: "00:00" },
  statusField: null,
  statusTimeoutMinutes: 0,
});

stepCalls.clear();
const launchedAt = performance.now();
const launchedAtClock = Date.now();
await launchCampaign(db, actor, campaignId);
log("launched");
const m = schema.messages;
let sentAt = 0;
let trackedAt = 0;
let sendingSteps = 0;
for (let lastLog = 0; ; ) {
  const [row] = await db
    .select({
      processed: sql<number>`count(*) filter (where ${m.status} <> 'queued')`.mapWith(Number),
      final: sql<number>`count(*) filter (where ${m.status} in ('read', 'failed', 'skipped'))`.mapWith(Number),
    })
    .from(m)
    .where(eq(m.campaignId, campaignId));
  const now = performance.now();
  if (!sentAt && row?.processed === RECIPIENTS) {
    sentAt = now;
    sendingSteps = (stepCalls.get("switchboard-send-campaign") ?? 0) + (stepCalls.get("switchboard-deliver-messages") ?? 0);
  }
  if (row?.final === RECIPIENTS) {
    trackedAt = now;
    break;
  }
  if (now - lastLog > 10_000) {
    log(`${row?.processed ?? 0} sent, ${row?.final ?? 0} with their final delivery report`);
    lastLog = now;
  }
  if (now - launchedAt > 3 * 3_600_000) throw new Error("gave up after 3 hours");
  await new Promise((r) => setTimeout(r, 1_000));
}

// The send rate over the first and the last tenth of the recipients, from when each was sent.
const [deciles] = await rowsOf<{ p10: string; p90: string; last: string }>(db, sql`
  select percentile_disc(0.1) within group (order by ${m.sentAt}) as p10, percentile_disc(0.9) within group (order by ${m.sentAt}) as p90, max(${m.sentAt}) as last
  from ${m} where ${m.campaignId} = ${campaignId}`);
const at = (value: string | undefined) => new Date(value ?? 0).getTime();
const firstTenth = (0.1 * RECIPIENTS) / ((at(deciles?.p10) - launchedAtClock) / 1000);
const lastTenth = (0.1 * RECIPIENTS) / ((at(deciles?.last) - at(deciles?.p90)) / 1000);
const [stuck] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(m).where(and(eq(m.campaignId, campaignId), eq(m.status, "queued")));
const summary = (await (await fetch(`${SANDBOX}/_control/sent?vendor=mitto`)).json()) as { total: number; recipients: number };
const callbacks = ((await (await fetch(`${SANDBOX}/_control/callbacks`)).json()) as { stats: { gaveUp: number } }).stats;

const sentPerSecond = RECIPIENTS / ((sentAt - launchedAt) / 1000);
const dlrPerSecond = RECIPIENTS / ((trackedAt - launchedAt) / 1000);
const stepsPer1000 = (sendingSteps / RECIPIENTS) * 1000;
const stability = lastTenth / firstTenth;
// The ceiling's sends went to numbers of their own, one each: the rest are the campaign's.
const campaignSends = summary.total - sentBefore;
const campaignRecipients = summary.recipients - sentBefore;
const duplicates = campaignSends - campaignRecipients;
const lost = RECIPIENTS - campaignRecipients;
const dlrSteps = stepCalls.get("switchboard-apply-message-status") ?? 0;
const f = (n: number) => n.toFixed(1);
console.log("");
console.log(`engine                                      inngest ${ENGINE}`);
console.log(`recipients                                  ${RECIPIENTS}`);
console.log(`launch -> all sent                          ${f(sentPerSecond)} msg/s (${f((sentAt - launchedAt) / 1000)} s)`);
console.log(`launch -> all delivery reports applied      ${f(dlrPerSecond)} msg/s (${f((trackedAt - launchedAt) / 1000)} s)`);
console.log(`sandbox send ceiling (same run)             ${f(ceiling)} msg/s (${CEILING_SENDS} sends, 64 at a time, keep-alive)`);
console.log(`sender pace (configured)                    ${PACE} msg/s`);
console.log(`first 10 % / last 10 % send rate            ${f(firstTenth)} / ${f(lastTenth)} msg/s (stability ${stability.toFixed(2)})`);
console.log(`step executions per 1,000, sending          ${f(stepsPer1000)} (send-campaign and deliver-messages)`);
console.log(`step executions per 1,000, delivery reports ${f((dlrSteps / RECIPIENTS) * 1000)} (apply-message-status)`);
console.log(`callbacks the sandbox gave up on            ${callbacks.gaveUp}`);
console.log(`duplicates / lost / left queued             ${duplicates} / ${lost} / ${stuck?.n ?? 0}`);
console.log(
  `campaign-bench engine=${ENGINE} recipients=${RECIPIENTS} pace=${PACE} sent_per_s=${f(sentPerSecond)} dlr_per_s=${f(dlrPerSecond)} ceiling_per_s=${ceiling.toFixed(0)} steps_per_1000=${f(stepsPer1000)} stability=${stability.toFixed(2)} duplicates=${duplicates} lost=${lost}`,
);
await closeDb();
proxy.close();
stopAll();
process.exit(duplicates === 0 && lost === 0 && (stuck?.n ?? 0) === 0 ? 0 : 1);
