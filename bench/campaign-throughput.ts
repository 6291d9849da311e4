/**
 * A WhatsApp campaign to RECIPIENTS contacts, end to end on the real parts: the production
 * build (`npx next build` first), the real Inngest dev server, the vendor sandbox and
 * PostgreSQL. Prints messages per second from launch until every message was sent, and until
 * every delivery report was applied, next to the ceiling of the sandbox's send endpoint
 * measured in the same run (the real Mitto adapter, 16 sends at a time), plus the duplicate
 * and lost message counts, which must both be 0 (exits non-zero otherwise).
 *
 *   npx next build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:campaign
 *
 * Env: RECIPIENTS (default 100000; the sends are throttled to Meta's default 80 messages a
 * second per integration, so 100,000 take about 21 minutes), BASELINE_SENDS (default 2000).
 * Uses the database switchboard_bench_send on that server (dropped and recreated) and ports
 * 3310 (app), 4210/4224 (sandbox) and 8398 (Inngest).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { performance } from "node:perf_hooks";
import { benchServerUrl, recreateDatabase, timedLog } from "./support";

const RECIPIENTS = Number(process.env.RECIPIENTS ?? 100_000);
const BASELINE_SENDS = Number(process.env.BASELINE_SENDS ?? 2_000);
const BENCH_DB = "switchboard_bench_send";
const APP = "http://127.0.0.1:3310";
const SANDBOX = "http://127.0.0.1:4210";
const INNGEST = "http://127.0.0.1:8398";

const serverUrl = benchServerUrl("bench:campaign");

const log = timedLog();
const children: ChildProcess[] = [];
// Each child leads its own process group, so npx's own children (next-server) stop with it.
const stopAll = () => children.forEach((c) => c.pid && process.kill(-c.pid, "SIGTERM"));
process.on("exit", stopAll);

function start(name: string, command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"], detached: true });
  child.stderr?.on("data", (chunk: Buffer) => {
    const text = chunk.toString();
    if (/error/i.test(text) && !/level":"(INFO|WARN)/.test(text)) process.stderr.write(`[${name}] ${text}`);
  });
  children.push(child);
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

const dbUrl = await recreateDatabase(serverUrl, BENCH_DB);
// The portal's modules read these when first imported, so they are set before importing them.
Object.assign(process.env, { DATABASE_URL: dbUrl, APP_URL: APP, SANDBOX_URL: SANDBOX, INNGEST_DEV: "1", INNGEST_BASE_URL: INNGEST, SEED_DEMO: "false" });

const inngestBin = execFileSync("bash", ["scripts/inngest-server.sh"], { stdio: ["ignore", "pipe", "inherit"] }).toString().trim();
start("sandbox", "npx", ["tsx", "server/sandbox/main.ts"], { SANDBOX_PORT: "4210", SANDBOX_SFTP_PORT: "4224" });
start("inngest", inngestBin, ["dev", "--no-discovery", "--port", "8398", "-u", `${APP}/api/inngest`], {});
start("app", "npx", ["next", "start", "-H", "127.0.0.1", "-p", "3310"], { NEXT_TELEMETRY_DISABLED: "1" });
await Promise.all([waitFor(`${SANDBOX}/health`, "the sandbox"), waitFor(INNGEST, "the Inngest dev server"), waitFor(`${APP}/login`, "the portal")]);
// Events that reach the dev server before it has synced the app's functions start nothing.
for (let i = 0; !(await (await fetch(`${INNGEST}/dev`)).text()).includes('"send-campaign"'); i++) {
  if (i > 120) throw new Error("the Inngest dev server never synced the portal's functions");
  await new Promise((r) => setTimeout(r, 500));
}
log("sandbox, Inngest dev server and portal are up, functions synced");

const { getDb, closeDb, schema } = await import("@/db/client");
const { connectIntegration } = await import("@/server/domains/integration/connect-integration");
const { syncTemplates } = await import("@/server/domains/template/sync-templates");
const { createSegment } = await import("@/server/domains/segment/create-segment");
const { createCampaign } = await import("@/server/domains/campaign/save-campaign");
const { launchCampaign } = await import("@/server/domains/campaign/launch-campaign");
const { MITTO_SANDBOX_CREDENTIALS, MITTO_SANDBOX_WHATSAPP_ACCOUNTS } = await import("@/server/sandbox/mitto");
const { createMittoClient } = await import("@/server/vendors/mitto/client");
const { mittoSettings } = await import("@/server/domains/integration/schema");
const { and, eq, sql } = await import("drizzle-orm");

const db = await getDb();
// The use cases the tRPC procedures call, with the admin who set it all up as the actor.
const [workspace] = await db.insert(schema.workspaces).values({ name: "Bench", slug: `bench-${Date.now()}` }).returning();
if (!workspace) throw new Error("no workspace");
const [user] = await db.insert(schema.users).values({ workspaceId: workspace.id, email: "bench@example.com", name: "Bench", role: "admin", passwordHash: "-" }).returning();
if (!user) throw new Error("no user");
const actor = { sessionId: "bench", userId: user.id, workspaceId: workspace.id, email: user.email, name: user.name, role: "admin" as const };
const settings = { responsysPod: "interact2", acceptTerms: true, username: MITTO_SANDBOX_CREDENTIALS.username, authMethod: "apiKey" as const, apiKey: MITTO_SANDBOX_CREDENTIALS.apiKey, namespace: "demo_ns" };
const integrationId = (await connectIntegration(db, actor, { vendor: "mitto", label: "Mitto", sandbox: true, settings })).id ?? "";
await syncTemplates(db, actor, integrationId);
const [template] = await db.select({ id: schema.templates.id }).from(schema.templates).where(and(eq(schema.templates.integrationId, integrationId), eq(schema.templates.name, "mcp_account")));
const account = MITTO_SANDBOX_WHATSAPP_ACCOUNTS[0]!;
const [sender] = await db.select({ id: schema.senders.id }).from(schema.senders).where(and(eq(schema.senders.integrationId, integrationId), eq(schema.senders.externalId, account.id)));

await db.execute(sql`
  insert into contacts (workspace_id, mobile_number, country, first_name)
  select ${workspace.id}, '+4915' || lpad(i::text, 9, '0'), 'DE', 'Person ' || i from generate_series(1, ${RECIPIENTS}) i`);
await db.execute(sql`
  insert into contact_consent (contact_id, channel, state, source, at)
  select id, 'whatsapp', 'opt_in', 'import', now() from contacts where workspace_id = ${workspace.id}`);
log(`${RECIPIENTS} opted-in contacts created`);

const segment = await createSegment(db, actor, { name: "Everyone", description: null, definition: { kind: "group", combinator: "and", children: [{ kind: "field", field: "country", operator: "eq", value: "DE" }] } });
const { id: campaignId } = await createCampaign(db, actor, {
  name: "Bench",
  channel: "whatsapp",
  integrationId,
  senderId: sender?.id ?? null,
  optInField: null,
  templateId: template?.id ?? null,
  placeholderMappings: [{ kind: "field", field: "first_name" }],
  smsBody: null,
  trigger: "scheduled",
  segmentId: segment.id,
  schedule: { frequency: "once", date: null, time: "00:00" },
  statusField: null,
  statusTimeoutMinutes: 0,
});

const launchedAt = performance.now();
await launchCampaign(db, actor, campaignId);
log("launched");
let sentAt = 0;
let trackedAt = 0;
for (let lastLog = 0; ; ) {
  const [row] = await db
    .select({
      processed: sql<number>`count(*) filter (where ${schema.messages.status} <> 'queued')`.mapWith(Number),
      read: sql<number>`count(*) filter (where ${schema.messages.status} in ('read', 'failed', 'skipped'))`.mapWith(Number),
    })
    .from(schema.messages)
    .where(eq(schema.messages.campaignId, campaignId));
  const now = performance.now();
  if (!sentAt && row?.processed === RECIPIENTS) sentAt = now;
  if (row?.read === RECIPIENTS) {
    trackedAt = now;
    break;
  }
  if (now - lastLog > 10_000) {
    log(`${row?.processed ?? 0} sent, ${row?.read ?? 0} with their final delivery report`);
    lastLog = now;
  }
  if (now - launchedAt > 3 * 3_600_000) throw new Error("gave up after 3 hours");
  await new Promise((r) => setTimeout(r, 1_000));
}

const summary = (await (await fetch(`${SANDBOX}/_control/sent?vendor=mitto`)).json()) as { total: number; recipients: number };

// The sandbox's own ceiling: the same adapter calling its send endpoint directly, 16 at a time.
const client = createMittoClient({ ...mittoSettings.parse(settings), baseUrl: `${SANDBOX}/mitto` });
const baselineStart = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 16 }, async () => {
    while (next < BASELINE_SENDS) {
      const i = next++;
      await client.sendTemplate({ trafficAccountId: account.id, to: `+4916${String(i).padStart(9, "0")}`, templateName: "mcp_account", language: "en", parameters: ["Bench"] });
    }
  }),
);
const baselineSeconds = (performance.now() - baselineStart) / 1000;

const rate = (n: number, ms: number) => (n / (ms / 1000)).toFixed(1);
const duplicates = summary.total - summary.recipients;
const lost = RECIPIENTS - summary.recipients;
console.log("");
console.log(`recipients                               ${RECIPIENTS}`);
console.log(`end to end, launch -> all sent           ${rate(RECIPIENTS, sentAt - launchedAt)} msg/s (${((sentAt - launchedAt) / 1000).toFixed(1)} s)`);
console.log(`end to end, launch -> all DLRs applied   ${rate(RECIPIENTS, trackedAt - launchedAt)} msg/s (${((trackedAt - launchedAt) / 1000).toFixed(1)} s)`);
console.log(`sandbox send ceiling (same run)          ${rate(BASELINE_SENDS, baselineSeconds * 1000)} msg/s (${BASELINE_SENDS} direct sends)`);
console.log(`configured throttle                      80 msg/s per integration (4 runs of 20 a second)`);
console.log(`duplicates                               ${duplicates}`);
console.log(`lost                                     ${lost}`);
await closeDb();
stopAll();
process.exit(duplicates === 0 && lost === 0 ? 0 : 1);
