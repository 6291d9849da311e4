/**
 * Segment counts over 1,000,000 contacts, next to hand-written SQL for the same questions.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:segments
 *
 * Drops and recreates the database switchboard_bench on that server, migrates it with the
 * project's migrations (db/client.ts), fills one workspace with 1,000,000 contacts (and a
 * second, smaller one that must never be counted) with generate_series, then times each
 * definition through count-segment's compiled SQL and the plain SQL baseline in this same
 * process (the baseline through a plain postgres.js client): median of RUNS runs after a warm-up.
 * The last line is `segments-bench contacts=<n> worst_ms=<x> worst_ratio=<r>`: the slowest
 * builder median and the largest builder/baseline ratio. Exits non-zero if any two counts differ.
 * Env: CONTACTS (default 1000000), RUNS (default 7).
 */
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { benchServerUrl, recreateDatabase, timedLog } from "./support";
import { closeDb, getDb } from "@/db/client";
import { countDefinition } from "@/server/domains/segment/count-segment";
import { segmentDefinition, type SegmentDefinition } from "@/server/domains/segment/schema";

const CONTACTS = Number(process.env.CONTACTS ?? 1_000_000);
const OTHER_CONTACTS = 50_000;
const RUNS = Number(process.env.RUNS ?? 7);
const BENCH_DB = "switchboard_bench";

const serverUrl = benchServerUrl("bench:segments");

const log = timedLog();

/**
 * Contacts spread over 8 countries, three loyalty tiers and 16 first names, created over the
 * last 1,000 days. A multiplicative hash of the row number makes the spread look random while
 * staying the same on every run.
 */
type Sql = postgres.Sql;

async function fill(pg: Sql, workspaceId: string, n: number, prefix: string) {
  // Current consent for 70% of the numbers on WhatsApp (mostly opted in) and 40% on SMS, kept
  // by number as the ledger does, and recorded before the contacts: the trigger copies it onto
  // each contact row as it is inserted, as for contacts imported after their numbers' consent.
  await pg.unsafe(
    `
    insert into consent_states (workspace_id, channel, address, state, source, at)
    select '${workspaceId}', 'whatsapp', '+${prefix}' || lpad(i::text, 9, '0'), case when abs(hashtext(i::text)) % 10 < 8 then 'opt_in' else 'opt_out' end, 'import', now()
    from generate_series(1, ${n}) i where abs(hashtext(i::text)) % 100 < 70`,
  );
  await pg.unsafe(
    `
    insert into consent_states (workspace_id, channel, address, state, source, at)
    select '${workspaceId}', 'sms', '+${prefix}' || lpad(i::text, 9, '0'), case when abs(hashtext(i::text || 's')) % 10 < 6 then 'opt_in' else 'opt_out' end, 'import', now()
    from generate_series(1, ${n}) i where abs(hashtext(i::text || 's')) % 100 < 40`,
  );
  await pg.unsafe(
    `
    insert into contacts (workspace_id, mobile_number, mobile_country, country, email, first_name, last_name, city, attributes, created_at, modified_at)
    select '${workspaceId}', '+${prefix}' || lpad(i::text, 9, '0'), c, c, 'person' || i || '@${prefix}.example.com',
      (array['Maria','Jonas','Amelia','Kenji','Fatima','Liam','Sofia','Mateo','Emma','Noah','Aisha','Lena','Diego','Marco','Ana','Ben'])[1 + (h % 16)],
      (array['Sharma','Costa','Silva','Garcia','Becker','Brown','Tanaka','Khan'])[1 + ((h / 16) % 8)],
      (array['Berlin','London','Madrid','Lisbon','Paris','Rome','Vienna','Dublin'])[1 + ((h / 128) % 8)],
      jsonb_build_object('tier', (array['bronze','bronze','bronze','silver','silver','gold'])[1 + ((h / 1024) % 6)], 'OPTIN', case when h % 4 = 0 then 'NO' else 'YES' end, 'points', (h / 7) % 1000),
      now() - ((h % 1000) || ' days')::interval, now() - ((h % 100) || ' days')::interval
    from (select i, (i::bigint * 2654435761) % 4294967296 as h, (array['DE','GB','ES','BR','FR','IT','PT','AT'])[1 + ((i::bigint * 40503) % 65536) % 8] as c
          from generate_series(1, ${n}) i) s`,
  );
}

/** A WhatsApp message for 40% of contacts and an SMS for 20%, statuses and dates spread over 60 days. */
async function fillMessages(pg: Sql, workspaceId: string, integrationId: string) {
  const statuses = "(array['sent','delivered','delivered','read','read','failed','queued'])";
  for (const [channel, share, salt] of [
    ["whatsapp", 40, "w"],
    ["sms", 20, "m"],
  ] as const) {
    await pg.unsafe(
      `
      insert into messages (workspace_id, contact_id, integration_id, channel, to_number, occurrence, status, status_at)
      select '${workspaceId}', id, '${integrationId}', '${channel}', coalesce(mobile_number, ''), 'bench-${channel}',
        (${statuses})[1 + abs(hashtext(id::text || '${salt}1')) % 7]::message_status, now() - ((abs(hashtext(id::text || '${salt}2')) % 60) || ' days')::interval
      from contacts where workspace_id = '${workspaceId}' and abs(hashtext(id::text || '${salt}')) % 100 < ${share}`,
    );
  }
}

type Case = { label: string; definition: SegmentDefinition; baseline: (ws: string) => string };

const where = (ws: string, condition: string) =>
  `select count(*)::int as n from contacts c where c.workspace_id = '${ws}'${condition ? ` and ${condition}` : ""}`;
// Each contact row carries its channels' consent (kept in step with consent_states by triggers).
const consent = (channel: string, state: string) => `c.${channel}_consent = '${state}'`;

const cases: Case[] = [
  {
    label: "everyone",
    definition: { kind: "group", combinator: "and", children: [] },
    baseline: (ws) => where(ws, ""),
  },
  {
    label: "country = DE",
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "field", field: "country", operator: "eq", value: "DE" }],
    },
    baseline: (ws) => where(ws, "c.country = 'DE'"),
  },
  {
    label: "WhatsApp opted in",
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "consent", channel: "whatsapp", state: "opt_in" }],
    },
    baseline: (ws) => where(ws, consent("whatsapp", "opt_in")),
  },
  {
    label: "WhatsApp opted in AND country = DE",
    definition: {
      kind: "group",
      combinator: "and",
      children: [
        { kind: "consent", channel: "whatsapp", state: "opt_in" },
        { kind: "field", field: "country", operator: "eq", value: "DE" },
      ],
    },
    baseline: (ws) => where(ws, `c.country = 'DE' and ${consent("whatsapp", "opt_in")}`),
  },
  {
    label: "SMS consent not recorded",
    definition: { kind: "group", combinator: "and", children: [{ kind: "consent", channel: "sms", state: "none" }] },
    baseline: (ws) => where(ws, "c.sms_consent is null"),
  },
  {
    label: "attribute tier = gold",
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "attribute", key: "tier", operator: "eq", value: "gold" }],
    },
    baseline: (ws) => where(ws, "c.attributes ->> 'tier' = 'gold'"),
  },
  {
    label: "delivered a WhatsApp message in the last 7 days",
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "message", operator: "has", channel: "whatsapp", status: "delivered", withinDays: 7 }],
    },
    baseline: (ws) =>
      where(
        ws,
        "exists (select 1 from messages m where m.contact_id = c.id and m.channel = 'whatsapp' and m.status in ('delivered', 'read') and m.status_at >= now() - interval '7 days' and not m.is_test)",
      ),
  },
  {
    label: "first name starts with 'ma'",
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "field", field: "firstName", operator: "starts_with", value: "Ma" }],
    },
    baseline: (ws) => where(ws, "lower(c.first_name) like 'ma%'"),
  },
  {
    label: "created in the last 30 days",
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "field", field: "createdAt", operator: "within_last_days", days: 30 }],
    },
    baseline: (ws) => where(ws, "c.created_at >= now() - interval '30 days'"),
  },
  {
    label: "email contains '4242'",
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "field", field: "email", operator: "contains", value: "4242" }],
    },
    baseline: (ws) => where(ws, "c.email ilike '%4242%'"),
  },
  {
    label: "nested: WA in AND (country in DE,AT OR gold) AND NOT SMS failed 30d",
    definition: {
      kind: "group",
      combinator: "and",
      children: [
        { kind: "consent", channel: "whatsapp", state: "opt_in" },
        {
          kind: "group",
          combinator: "or",
          children: [
            { kind: "field", field: "country", operator: "in", values: ["DE", "AT"] },
            { kind: "attribute", key: "tier", operator: "eq", value: "gold" },
          ],
        },
        { kind: "message", operator: "has_not", channel: "sms", status: "failed", withinDays: 30 },
      ],
    },
    baseline: (ws) =>
      where(
        ws,
        `${consent("whatsapp", "opt_in")} and (c.country in ('DE', 'AT') or c.attributes ->> 'tier' = 'gold')
         and not exists (select 1 from messages m where m.contact_id = c.id and m.channel = 'sms' and m.status = 'failed' and m.status_at >= now() - interval '30 days' and not m.is_test)`,
      ),
  },
];

async function time(run: () => Promise<number>): Promise<{ count: number; ms: number }> {
  let count = await run();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const start = performance.now();
    count = await run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { count, ms: samples[Math.floor(samples.length / 2)] ?? 0 };
}

async function main() {
  const url = await recreateDatabase(serverUrl, BENCH_DB);
  process.env.DATABASE_URL = url;
  const db = await getDb();
  const pg = postgres(url, { max: 1, onnotice: () => {} });
  log(`created and migrated ${BENCH_DB}`);
  const [ws, other] = (
    await pg<
      { id: string }[]
    >`insert into workspaces (name, slug) values ('Bench', 'bench'), ('Other', 'other') returning id`
  ).map((r) => r.id) as [string, string];
  const [integration] = await pg<
    { id: string }[]
  >`insert into integrations (workspace_id, vendor, label) values (${ws}, 'mitto', 'Bench') returning id`;

  await fill(pg, ws, CONTACTS, "49");
  await fill(pg, other, OTHER_CONTACTS, "44");
  log(
    `inserted ${CONTACTS.toLocaleString("en")} contacts (+${OTHER_CONTACTS.toLocaleString("en")} in another workspace) with consent`,
  );
  await fillMessages(pg, ws, integration?.id as string);
  await pg`vacuum analyze`;
  const [{ n: messages } = { n: 0 }] = await pg<{ n: number }[]>`select count(*)::int as n from messages`;
  log(`inserted ${messages.toLocaleString("en")} messages; vacuum analyze done`);

  const rows: { label: string; count: number; builder: number; baseline: number; same: boolean }[] = [];
  for (const c of cases) {
    const definition = segmentDefinition.parse(c.definition);
    const builder = await time(() => countDefinition(db, ws, definition));
    const query = c.baseline(ws);
    const baseline = await time(async () => (await pg.unsafe<{ n: number }[]>(query))[0]?.n ?? -1);
    rows.push({
      label: c.label,
      count: builder.count,
      builder: builder.ms,
      baseline: baseline.ms,
      same: builder.count === baseline.count,
    });
    if (builder.count !== baseline.count)
      console.error(`MISMATCH ${c.label}: builder ${builder.count}, baseline ${baseline.count}`);
  }

  const ratio = (r: (typeof rows)[number]) => r.builder / Math.max(r.baseline, 0.001);
  const width = Math.max(...rows.map((r) => r.label.length), 10);
  console.log(
    `\nSegment count over ${CONTACTS.toLocaleString("en")} contacts, median of ${RUNS} runs (PostgreSQL, same process)\n`,
  );
  console.log(
    `${"definition".padEnd(width)}  ${"count".padStart(9)}  ${"builder ms".padStart(10)}  ${"baseline ms".padStart(11)}  ${"ratio".padStart(5)}  match`,
  );
  for (const r of rows) {
    console.log(
      `${r.label.padEnd(width)}  ${r.count.toLocaleString("en").padStart(9)}  ${r.builder.toFixed(1).padStart(10)}  ${r.baseline.toFixed(1).padStart(11)}  ${ratio(r).toFixed(2).padStart(5)}  ${r.same ? "yes" : "NO"}`,
    );
  }
  // The slowest builder median and the builder's widest margin over its baseline, for scripts.
  const worstMs = Math.max(...rows.map((r) => r.builder));
  const worstRatio = Math.max(...rows.map(ratio));
  console.log(
    `segments-bench contacts=${CONTACTS} worst_ms=${worstMs.toFixed(1)} worst_ratio=${worstRatio.toFixed(2)}`,
  );
  await pg.end();
  await closeDb();
  if (rows.some((r) => !r.same)) process.exit(1);
}

main().catch(async (error: unknown) => {
  console.error(error);
  await closeDb();
  process.exit(1);
});
