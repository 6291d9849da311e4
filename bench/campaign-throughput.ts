/**
 * A WhatsApp campaign to RECIPIENTS contacts, end to end on the real parts (bench/campaign-rig.ts):
 *
 *   npx next build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:campaign
 *
 * Env: ENGINE `start` (default: `inngest start` on Redis and PostgreSQL, as production runs)
 * or `dev` (the dev server); PACE, the sender's pace in messages a second (default 80,
 * WhatsApp's default tier); RECIPIENTS (default 100000); CEILING_SENDS (default 20000), the
 * sends that measure the sandbox's own ceiling first.
 *
 * Prints, side by side: msg/s from launch until every message was sent and until every
 * delivery report was applied; the sandbox's ceiling measured in the same run; the pace;
 * the ratio of the last 10 %'s send rate to the first 10 %'s; the Inngest step executions of
 * sending (send-campaign and deliver-messages) per 1,000 recipients; duplicates (sends the
 * sandbox took twice) and lost (recipients it never got). Exits non-zero when a message is
 * duplicated, lost or left stuck.
 */
import { request as httpRequest, Agent } from "node:http";
import { performance } from "node:perf_hooks";
import { log, SANDBOX, startCampaignRig } from "./campaign-rig";

const ENGINE = process.env.ENGINE ?? "start";
if (ENGINE !== "dev" && ENGINE !== "start") throw new Error("ENGINE is dev or start");
const PACE = Number(process.env.PACE ?? 80);
const RECIPIENTS = Number(process.env.RECIPIENTS ?? 100_000);
const CEILING_SENDS = Number(process.env.CEILING_SENDS ?? 20_000);

// The sandbox's own ceiling, before anything else loads the machine and before any callback
// URL is registered (its reports then go nowhere): Mitto's send body, 64 at a time over
// keep-alive connections of a plain HTTP client, so what is measured is the sandbox's endpoint,
// not a client (the portal's adapter, on fetch, manages about a third of it here).
let ceiling = 0;
let sentBefore = 0;
async function measureCeiling() {
  const { MITTO_SANDBOX_CREDENTIALS, MITTO_SANDBOX_WHATSAPP_ACCOUNTS } = await import("@/server/sandbox/mitto");
  const account = MITTO_SANDBOX_WHATSAPP_ACCOUNTS[0]!;
  const sendAgent = new Agent({ keepAlive: true, maxSockets: 64 });
  const sandboxSend = (i: number) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify({
        trafficAccountId: account.id,
        destination: `+4916${String(i).padStart(9, "0")}`,
        whatsapp: {
          type: "template",
          template: {
            name: "mcp_account",
            language: { code: "en" },
            components: [{ type: "body", parameters: [{ type: "text", text: "Bench" }] }],
          },
        },
      });
      const headers = { "content-type": "application/json", "x-mitto-api-key": MITTO_SANDBOX_CREDENTIALS.apiKey };
      const req = httpRequest(
        `${SANDBOX}/mitto/api/v1.1/Messages/send`,
        { method: "POST", agent: sendAgent, headers },
        (res) => {
          res.resume();
          res.on("end", () =>
            res.statusCode === 200 ? resolve() : reject(new Error(`the sandbox answered ${res.statusCode}`)),
          );
        },
      );
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
  ceiling = CEILING_SENDS / ((performance.now() - ceilingStart) / 1000);
  sendAgent.destroy();
  sentBefore = ((await (await fetch(`${SANDBOX}/_control/sent?vendor=mitto`)).json()) as { total: number }).total;
  log(`sandbox ceiling: ${ceiling.toFixed(0)} msg/s over ${CEILING_SENDS} sends`);
}

const rig = await startCampaignRig({
  script: "bench:campaign",
  engine: ENGINE,
  recipients: RECIPIENTS,
  pace: PACE,
  beforeEngine: measureCeiling,
});
const { db, schema, campaignId, stepCalls } = rig;
const { rowsOf } = await import("@/server/lib/raw-rows");
const { and, eq, sql } = await import("drizzle-orm");

stepCalls.clear();
const launchedAt = performance.now();
const launchedAtClock = Date.now();
await rig.launch();
log("launched");
const m = schema.messages;
let sentAt = 0;
let trackedAt = 0;
let sendingSteps = 0;
for (let lastLog = 0; ;) {
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
    sendingSteps =
      (stepCalls.get("switchboard-send-campaign") ?? 0) + (stepCalls.get("switchboard-deliver-messages") ?? 0);
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
const [deciles] = await rowsOf<{ p10: string; p90: string; last: string }>(
  db,
  sql`
  select percentile_disc(0.1) within group (order by ${m.sentAt}) as p10, percentile_disc(0.9) within group (order by ${m.sentAt}) as p90, max(${m.sentAt}) as last
  from ${m} where ${m.campaignId} = ${campaignId}`,
);
const at = (value: string | undefined) => new Date(value ?? 0).getTime();
const firstTenth = (0.1 * RECIPIENTS) / ((at(deciles?.p10) - launchedAtClock) / 1000);
const lastTenth = (0.1 * RECIPIENTS) / ((at(deciles?.last) - at(deciles?.p90)) / 1000);
const [stuck] = await db
  .select({ n: sql<number>`count(*)`.mapWith(Number) })
  .from(m)
  .where(and(eq(m.campaignId, campaignId), eq(m.status, "queued")));
const summary = (await (await fetch(`${SANDBOX}/_control/sent?vendor=mitto`)).json()) as {
  total: number;
  recipients: number;
};
const callbacks = ((await (await fetch(`${SANDBOX}/_control/callbacks`)).json()) as { stats: { gaveUp: number } })
  .stats;

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
console.log(
  `launch -> all sent                          ${f(sentPerSecond)} msg/s (${f((sentAt - launchedAt) / 1000)} s)`,
);
console.log(
  `launch -> all delivery reports applied      ${f(dlrPerSecond)} msg/s (${f((trackedAt - launchedAt) / 1000)} s)`,
);
console.log(
  `sandbox send ceiling (same run)             ${f(ceiling)} msg/s (${CEILING_SENDS} sends, 64 at a time, keep-alive)`,
);
console.log(`sender pace (configured)                    ${PACE} msg/s`);
console.log(
  `first 10 % / last 10 % send rate            ${f(firstTenth)} / ${f(lastTenth)} msg/s (stability ${stability.toFixed(2)})`,
);
console.log(`step executions per 1,000, sending          ${f(stepsPer1000)} (send-campaign and deliver-messages)`);
console.log(`step executions per 1,000, delivery reports ${f((dlrSteps / RECIPIENTS) * 1000)} (apply-message-status)`);
console.log(`callbacks the sandbox gave up on            ${callbacks.gaveUp}`);
console.log(`duplicates / lost / left queued             ${duplicates} / ${lost} / ${stuck?.n ?? 0}`);
console.log(
  `campaign-bench engine=${ENGINE} recipients=${RECIPIENTS} pace=${PACE} sent_per_s=${f(sentPerSecond)} dlr_per_s=${f(dlrPerSecond)} ceiling_per_s=${ceiling.toFixed(0)} steps_per_1000=${f(stepsPer1000)} stability=${stability.toFixed(2)} duplicates=${duplicates} lost=${lost}`,
);
await rig.stop();
process.exit(duplicates === 0 && lost === 0 && (stuck?.n ?? 0) === 0 ? 0 : 1);
