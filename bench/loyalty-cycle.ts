/**
 * One cycle of a loyalty program of MEMBERS members (default 100,000), on the real parts: the
 * vendor sandbox (its own process), the Inngest dev server, PostgreSQL (DATABASE_URL names the
 * server) and the send-loyalty-sms function served from this process as the portal serves it
 * (no production build needed):
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres npm run bench:loyalty
 *
 * The members are seeded in the database (opted in to SMS) and in the Annex Cloud sandbox: one
 * in five known only by an Annex Cloud id (no email), one in 200 with a new loyalty action. One
 * run is started as the 5-minute schedule starts it, and timed until it completes: every member's
 * activity read and every new action handled (these members are not subscribed in Attentive, so
 * their texts are skipped after Attentive's eligibility lookup).
 *
 * Annex Cloud offers no bulk read (docs/vendors/annex-lytics.md), so the cycle is one activity read
 * per member; next to its members a second, the sandbox's own ceiling for those reads is measured
 * in the same run, before the rest loads the machine: CEILING_READS (default 20,000) reads of
 * members outside the program, 64 at a time over keep-alive connections of a plain HTTP client.
 * Exits non-zero when a member was not reached or read twice.
 *
 * Uses the database switchboard_bench_loyalty on that server (dropped and recreated) and ports
 * 3330 (functions), 4230/4234 (sandbox), 8498 (Inngest) and 8499/18492/18493 (its Connect
 * ports, unused).
 */
import { execFileSync } from "node:child_process";
import { createServer, request as httpRequest, Agent } from "node:http";
import { performance } from "node:perf_hooks";
import { benchServerUrl, recreateDatabase, signalAll, start, timedLog, waitFor } from "./support";

const MEMBERS = Number(process.env.MEMBERS ?? 100_000);
const CEILING_READS = Number(process.env.CEILING_READS ?? 20_000);
const SANDBOX = "http://127.0.0.1:4230";
const INNGEST = "http://127.0.0.1:8498";
const FUNCTIONS_PORT = 3330;
const log = timedLog();

const dbUrl = await recreateDatabase(benchServerUrl("bench:loyalty"), "switchboard_bench_loyalty");
// Read by the portal's modules when first imported, so set before importing them.
Object.assign(process.env, {
  DATABASE_URL: dbUrl,
  SANDBOX_URL: SANDBOX,
  SEED_DEMO: "false",
  ALLOW_SANDBOX_INTEGRATIONS: "true",
  INNGEST_DEV: "1",
  INNGEST_BASE_URL: INNGEST,
});

const post = async (path: string, body: unknown) => {
  const answer = await fetch(`${SANDBOX}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!answer.ok) throw new Error(`the sandbox answered ${answer.status} to ${path}: ${await answer.text()}`);
};

/** Member i as the database and Annex Cloud know them: one in five without an email, by Annex Cloud id. */
const annexMember = (i: number) => (i % 5 === 0 ? { id: `bench-${i}` } : { email: `member${i}@bench.example` });
const acts = (i: number) => i % 200 === 7;

start("sandbox", "npx", ["tsx", "server/sandbox/main.ts"], { SANDBOX_PORT: "4230", SANDBOX_SFTP_PORT: "4234" });
await waitFor(`${SANDBOX}/health`, "the sandbox");
const ceilingMembers = Array.from({ length: CEILING_READS }, (_, i) => `ceiling-${i}`);
for (let from = 0; from < MEMBERS; from += 10_000) {
  const members = Array.from({ length: Math.min(10_000, MEMBERS - from) }, (_, k) => annexMember(from + k));
  await post("/_control/annex/members", { members });
}
for (let from = 0; from < CEILING_READS; from += 10_000)
  await post("/_control/annex/members", { members: ceilingMembers.slice(from, from + 10_000).map((id) => ({ id })) });
const actors = Array.from({ length: MEMBERS }, (_, i) => i).filter(acts);
for (const i of actors) {
  const m = annexMember(i);
  await post("/_control/annex/activity", { ...m, activity: "Points Earned", points: 50, balance: 500 });
}
log(`sandbox: ${MEMBERS} program members (${actors.length} with a new action) and ${CEILING_READS} others`);

// The sandbox's ceiling for the reads a cycle makes, with the same credentials.
const { loyaltyApiToken } = await import("@/server/vendors/annex/client");
const { ATTENTIVE_SANDBOX_CREDENTIALS } = await import("@/server/sandbox/attentive");
const site = {
  siteId: ATTENTIVE_SANDBOX_CREDENTIALS.annexSiteId,
  sharedSecret: ATTENTIVE_SANDBOX_CREDENTIALS.loyaltyToken,
};
const readAgent = new Agent({ keepAlive: true, maxSockets: 64 });
const read = (id: string) =>
  new Promise<void>((resolve, reject) => {
    const headers = {
      "x-annexcloud-site": site.siteId,
      authorization: `Bearer ${loyaltyApiToken({ ...site, clientName: "Attentive" }, id)}`,
    };
    const req = httpRequest(`${SANDBOX}/annex/users/${id}/activity`, { agent: readAgent, headers }, (res) => {
      res.resume();
      res.on("end", () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`the sandbox answered ${res.statusCode}`)),
      );
    });
    req.on("error", reject);
    req.end();
  });
const ceilingStart = performance.now();
let nextRead = 0;
await Promise.all(
  Array.from({ length: 64 }, async () => {
    while (nextRead < CEILING_READS) await read(ceilingMembers[nextRead++] ?? "");
  }),
);
const ceiling = CEILING_READS / ((performance.now() - ceilingStart) / 1000);
readAgent.destroy();
log(`sandbox ceiling: ${ceiling.toFixed(0)} activity reads/s over ${CEILING_READS} reads`);

// The engine, and the function served as /api/inngest serves it.
const { serve } = await import("inngest/node");
const { inngest } = await import("@/server/jobs/client");
const sendLoyaltySms = (await import("@/inngest/loyalty/send-loyalty-sms")).default;
const functions = createServer(serve({ client: inngest, functions: [sendLoyaltySms] }));
await new Promise<void>((resolve) => functions.listen(FUNCTIONS_PORT, "127.0.0.1", resolve));
const inngestBin = execFileSync("bash", ["scripts/inngest-server.sh"], { stdio: ["ignore", "pipe", "inherit"] })
  .toString()
  .trim();
const connectPorts = ["--connect-gateway-port", "8499", "--connect-gateway-grpc-port", "18492"];
start(
  "inngest",
  inngestBin,
  [
    "dev",
    "--no-discovery",
    "--port",
    "8498",
    ...connectPorts,
    "--connect-executor-grpc-port",
    "18493",
    "-u",
    `http://127.0.0.1:${FUNCTIONS_PORT}/api/inngest`,
  ],
  {},
);
await waitFor(INNGEST, "the Inngest dev server");
for (let i = 0; !(await (await fetch(`${INNGEST}/dev`)).text()).includes('"send-loyalty-sms"'); i++) {
  if (i > 120) throw new Error("the Inngest dev server never synced the function");
  await new Promise((r) => setTimeout(r, 500));
}

// The workspace: its Attentive integration (with the sandbox Annex Cloud site), a program switched
// on an hour ago, and the members opted in to SMS.
const { getDb, closeDb, schema } = await import("@/db/client");
const { parseSettings, splitSettings } = await import("@/server/domains/integration/settings");
const { loyaltySmsRunRequested } = await import("@/server/jobs/events");
const { sql } = await import("drizzle-orm");
const db = await getDb();
const [workspace] = await db
  .insert(schema.workspaces)
  .values({ name: "Bench", slug: `bench-${Date.now()}` })
  .returning();
if (!workspace) throw new Error("no workspace");
const [integration] = await db
  .insert(schema.integrations)
  .values({
    workspaceId: workspace.id,
    vendor: "attentive",
    label: "Attentive",
    sandbox: true,
    status: "active",
    ...splitSettings("attentive", parseSettings("attentive", ATTENTIVE_SANDBOX_CREDENTIALS)),
  })
  .returning({ id: schema.integrations.id });
await db.insert(schema.loyaltyPrograms).values({
  workspaceId: workspace.id,
  integrationId: integration?.id ?? "",
  enabled: true,
  enabledAt: new Date(Date.now() - 3_600_000),
  rules: { points_earned: { enabled: true, body: "You earned {{points}} points. Balance: {{balance}}." } },
});
await db.execute(sql`
  insert into contacts (workspace_id, mobile_number, email, annex_id)
  select ${workspace.id}, '+4479' || lpad(i::text, 8, '0'),
    case when i % 5 <> 0 then 'member' || i || '@bench.example' end, case when i % 5 = 0 then 'bench-' || i end
  from generate_series(0, ${MEMBERS - 1}) i`);
await db.execute(sql`
  insert into consent_states (workspace_id, channel, address, state, source, at)
  select workspace_id, 'sms', mobile_number, 'opt_in', 'import', now() from contacts where workspace_id = ${workspace.id}`);
log(`database: ${MEMBERS} members opted in to SMS; Inngest dev server synced`);

// One cycle, as the schedule starts it, until every member was read and every new action handled
// (the dev server's run list is cached for seconds, so the run's end is read from what it did).
type Reads = { members: number; reads: number; readMoreThanOnce: number };
const sandboxReads = async () => (await (await fetch(`${SANDBOX}/_control/annex/reads`)).json()) as Reads;
const la = schema.loyaltyActions;
const handledActions = async () => {
  const [row] = await db
    .select({ n: sql<number>`count(*) filter (where ${la.status} not in ('pending', 'sending'))`.mapWith(Number) })
    .from(la);
  return row?.n ?? 0;
};
const started = performance.now();
const { ids } = await inngest.send(loyaltySmsRunRequested.create({ workspaceId: workspace.id }));
let reads: Reads;
for (let lastLog = 0; ;) {
  reads = await sandboxReads();
  const handled = await handledActions();
  if (reads.reads - CEILING_READS >= MEMBERS && handled === actors.length) break;
  const now = performance.now();
  if (now - lastLog > 10_000) {
    const runs = (await (await fetch(`${INNGEST}/v1/events/${ids[0]}/runs`)).json()) as { data?: { status: string }[] };
    const status = runs.data?.[0]?.status ?? "not started";
    if (status === "Failed" || status === "Cancelled") throw new Error(`the run ended ${status}`);
    log(`run ${status}: ${reads.reads - CEILING_READS} members read, ${handled} of ${actors.length} actions handled`);
    lastLog = now;
  }
  if (now - started > 3_600_000) throw new Error("gave up after an hour");
  await new Promise((r) => setTimeout(r, 500));
}
const seconds = (performance.now() - started) / 1000;
const [learnt] = await db
  .select({ n: sql<number>`count(*) filter (where ${schema.contacts.annexId} is not null)`.mapWith(Number) })
  .from(schema.contacts);

const perSecond = MEMBERS / seconds;
// The ceiling's reads went to members of their own, one read each.
const programReads = reads.reads - CEILING_READS;
const twice = reads.readMoreThanOnce;
const [outcomes] = await db
  .select({
    stored: sql<number>`count(*)`.mapWith(Number),
    sent: sql<number>`count(*) filter (where ${la.status} = 'sent')`.mapWith(Number),
  })
  .from(la);
const f = (n: number) => n.toFixed(1);
console.log("");
console.log(`members                              ${MEMBERS}`);
console.log(`cycle                                ${f(seconds)} s, ${f(perSecond)} members/s`);
console.log(
  `sandbox ceiling (same run)           ${f(ceiling)} reads/s (${CEILING_READS} reads, 64 at a time, keep-alive)`,
);
console.log(`cycle / ceiling                      ${((perSecond / ceiling) * 100).toFixed(0)} %`);
console.log(`Annex Cloud reads / members read twice ${programReads} / ${twice}`);
console.log(`members with an Annex Cloud id after ${learnt?.n ?? 0}`);
console.log(
  `actions stored / sent                ${outcomes?.stored ?? 0} / ${outcomes?.sent ?? 0} (none subscribed in Attentive)`,
);
console.log(
  `loyalty-bench members=${MEMBERS} seconds=${f(seconds)} members_per_s=${f(perSecond)} ceiling_per_s=${ceiling.toFixed(0)}`,
);
functions.close();
await closeDb();
signalAll("SIGTERM");
process.exit(programReads === MEMBERS && twice === 0 && outcomes?.stored === actors.length ? 0 : 1);
