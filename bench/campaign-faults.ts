/**
 * A WhatsApp campaign to RECIPIENTS contacts through a misbehaving vendor, or through a machine
 * that dies mid-send, end to end on the real parts (bench/campaign-rig.ts, `inngest start`):
 *
 *   npx next build && DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:faults
 *   ... RUN=crash npm run bench:faults
 *
 * RUN=faults (default): the sandbox answers 5 % of sends 5xx, 30 % 429 with Retry-After: 1,
 * stalls 2 % for 2 s, sends 30 % of delivery reports twice and 20 % late (after the message's
 * later reports). RUN=crash: no faults, but the portal and the Inngest engine are killed with
 * SIGKILL once CRASH_AT (default 0.3) of the messages went out, and started again on the same
 * Redis and PostgreSQL; messages the dead run had claimed are settled as unknown after
 * INTERRUPTED_AFTER_MINUTES (2 here). Env: RECIPIENTS (default 10000), PACE (default 200).
 *
 * Prints and checks: no send the sandbox took twice; every message in a final state (read,
 * failed or skipped) with counts that add up; no message status ever moved backwards (a
 * trigger in the benchmark's database records any); no vendor call before a Retry-After had
 * passed (counted by the sandbox); every message the sandbox took is read or unknown here.
 * Exits non-zero when any check fails.
 */
import { log, SANDBOX, startCampaignRig } from "./campaign-rig";

const RUN = process.env.RUN ?? "faults";
if (RUN !== "faults" && RUN !== "crash") throw new Error("RUN is faults or crash");
const RECIPIENTS = Number(process.env.RECIPIENTS ?? 10_000);
const PACE = Number(process.env.PACE ?? 200);
const CRASH_AT = Number(process.env.CRASH_AT ?? 0.3);
const SEND_PATH = "/api/v1.1/Messages/send";

const rig = await startCampaignRig({
  script: "bench:faults",
  engine: "start",
  recipients: RECIPIENTS,
  pace: PACE,
  portalEnv: RUN === "crash" ? { INTERRUPTED_AFTER_MINUTES: "2" } : {},
});
const { db, campaignId } = rig;
const { sql } = await import("drizzle-orm");
const { rowsOf } = await import("@/server/lib/raw-rows");

// Every backward move of a message's status, as the portal orders them (apply-message-status).
await db.execute(
  sql`create table bench_status_regressions (message_id uuid, from_status text, to_status text, at timestamptz default now())`,
);
await db.execute(sql`
  create function bench_rank(s message_status) returns int language sql immutable as $$
    select array_position(array['queued', 'sent', 'failed', 'delivered', 'read', 'skipped']::message_status[], s) $$`);
await db.execute(sql`
  create function bench_record_regression() returns trigger language plpgsql as $$
  begin
    if bench_rank(new.status) < bench_rank(old.status) then
      insert into bench_status_regressions (message_id, from_status, to_status) values (new.id, old.status, new.status);
    end if;
    return new;
  end $$`);
await db.execute(
  sql`create trigger bench_status_regressions after update of status on messages for each row execute function bench_record_regression()`,
);

const addFault = async (fault: Record<string, unknown>) => {
  const res = await fetch(`${SANDBOX}/_control/faults`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ vendor: "mitto", times: 1_000_000, ...fault }),
  });
  if (res.status !== 201) throw new Error(`the sandbox refused a fault: ${await res.text()}`);
};
if (RUN === "faults") {
  await addFault({ kind: "error5xx", pathPrefix: SEND_PATH, probability: 0.05 });
  await addFault({ kind: "rateLimit", pathPrefix: SEND_PATH, probability: 0.3, retryAfterSeconds: 1 });
  await addFault({ kind: "slow", pathPrefix: SEND_PATH, probability: 0.02, delayMs: 2_000 });
  await addFault({ kind: "duplicateCallback", pathPrefix: "/dlr", probability: 0.3 });
  await addFault({ kind: "delayCallback", pathPrefix: "/dlr", probability: 0.2, delayMs: 500 });
  log("faults on: 5xx 5 %, 429 30 %, 2 s stalls 2 %, duplicate reports 30 %, late reports 20 %");
}

const launchedAt = performance.now();
await rig.launch();
log("launched");
let crashed = false;
let statuses: Record<string, number> = {};
const count = (...names: string[]) => names.reduce((n, name) => n + (statuses[name] ?? 0), 0);
for (let lastLog = 0; ;) {
  statuses = await rig.statuses();
  const now = performance.now();
  if (count("read", "failed", "skipped") === RECIPIENTS) break;
  if (RUN === "crash" && !crashed && count("sent", "delivered", "read", "failed") >= CRASH_AT * RECIPIENTS) {
    rig.killProduction();
    crashed = true;
    log(`killed the portal and the engine with SIGKILL at ${JSON.stringify(statuses)}`);
    await rig.restartProduction();
    log("portal and engine started again");
  }
  if (now - lastLog > 10_000) {
    log(JSON.stringify(statuses));
    lastLog = now;
  }
  if (now - launchedAt > 30 * 60_000) {
    log("gave up waiting after 30 minutes");
    break;
  }
  await new Promise((r) => setTimeout(r, 1_000));
}
const seconds = (performance.now() - launchedAt) / 1000;

const m = rig.schema.messages;
const [regressions] = await rowsOf<{ n: number }>(db, sql`select count(*)::int as n from bench_status_regressions`);
const byError = await rowsOf<{ status: string; error_code: string | null; n: number }>(
  db,
  sql`select ${m.status} as status, ${m.errorCode} as error_code, count(*)::int as n from ${m} where ${m.campaignId} = ${campaignId} group by 1, 2 order by 1, 2`,
);
const [campaign] = await rowsOf<{ status: string }>(db, sql`select status from campaigns where id = ${campaignId}`);
const sent = (await (await fetch(`${SANDBOX}/_control/sent?vendor=mitto`)).json()) as {
  total: number;
  recipients: number;
};
const { earlyRetries } = (await (await fetch(`${SANDBOX}/_control/faults`)).json()) as { earlyRetries: number };
const callbacks = (
  (await (await fetch(`${SANDBOX}/_control/callbacks`)).json()) as {
    stats: { emitted: number; delivered: number; gaveUp: number };
  }
).stats;

const unknown = byError.filter((r) => r.error_code === "outcome_unknown").reduce((n, r) => n + r.n, 0);
const duplicates = sent.total - sent.recipients;
const notFinal = RECIPIENTS - count("read", "failed", "skipped");
// What the sandbox took is here as read, or as unknown when the run died before recording it.
const unaccounted = sent.recipients - count("read") - unknown;
const checks = {
  "no send taken twice by the sandbox": duplicates === 0,
  "every message in a final state": notFinal === 0,
  "the campaign finished": campaign?.status === "completed",
  "no status moved backwards": (regressions?.n ?? 0) === 0,
  "no call before its Retry-After": earlyRetries === 0,
  "every message the sandbox took is read or unknown": unaccounted <= 0 && count("read") <= sent.recipients,
};

console.log("");
console.log(
  `run                                ${RUN}, inngest start, ${RECIPIENTS} recipients at ${PACE} msg/s, ${seconds.toFixed(0)} s`,
);
console.log(
  `messages by status and error      ${byError.map((r) => `${r.status}${r.error_code ? `/${r.error_code}` : ""} ${r.n}`).join(", ")}`,
);
console.log(`sandbox took                       ${sent.total} sends for ${sent.recipients} recipients`);
console.log(
  `delivery reports                   ${callbacks.emitted} emitted, ${callbacks.delivered} delivered, ${callbacks.gaveUp} given up`,
);
console.log(`status regressions                 ${regressions?.n ?? 0}`);
console.log(`calls before their Retry-After     ${earlyRetries}`);
for (const [check, ok] of Object.entries(checks)) console.log(`${ok ? "ok  " : "FAIL"} ${check}`);
const passed = Object.values(checks).every(Boolean);
console.log(
  `campaign-faults run=${RUN} recipients=${RECIPIENTS} pace=${PACE} seconds=${seconds.toFixed(0)} read=${count("read")} failed=${count("failed")} unknown=${unknown} duplicates=${duplicates} not_final=${notFinal} regressions=${regressions?.n ?? 0} early_retries=${earlyRetries} passed=${passed}`,
);
await rig.stop();
process.exit(passed ? 0 : 1);
