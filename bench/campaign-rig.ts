/**
 * A WhatsApp campaign to `recipients` contacts, set up end to end on the real parts for the
 * campaign benchmarks: the production build (`npx next build` first), a real Inngest engine,
 * the vendor sandbox and PostgreSQL (DATABASE_URL names the server). The campaign is created
 * through the same use cases the tRPC procedures call; the caller launches it and watches.
 *
 * The engine is `start` (`inngest start` on Redis and PostgreSQL, through
 * scripts/start-production.mjs, as production runs) or `dev` (the dev server). Every call the
 * engine makes to the portal goes through a proxy that counts it by function: one step
 * execution (or a run's start) each.
 *
 * Uses the databases switchboard_bench_send and switchboard_bench_inngest on that server
 * (dropped and recreated), Redis index 14 (flushed; REDIS_URL, default redis://127.0.0.1:6379)
 * and ports 3310-3311 (app, step-counting proxy), 4210/4224 (sandbox), 8398 (Inngest),
 * 8399/18392/18393 (its Connect ports, unused).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer, request as httpRequest, Agent } from "node:http";
import { benchServerUrl, recreateDatabase, signalAll, start, timedLog, waitFor } from "./support";

export const SANDBOX = "http://127.0.0.1:4210";
const APP_PORT = 3310;
const PROXY_PORT = 3311;
const APP = `http://127.0.0.1:${APP_PORT}`;
const INNGEST = "http://127.0.0.1:8398";

export const log = timedLog();

export type RigOptions = {
  script: string;
  engine: "dev" | "start";
  recipients: number;
  pace: number;
  /** Extra environment for the portal (e.g. INTERRUPTED_AFTER_MINUTES). */
  portalEnv?: Record<string, string>;
  /** Runs once the sandbox is up, before the engine and the portal start. */
  beforeEngine?: () => Promise<void>;
};

export async function startCampaignRig(options: RigOptions) {
  const { engine, recipients, pace } = options;
  const stepCalls = new Map<string, number>();
  const toApp = new Agent({ keepAlive: true, maxSockets: 256 });
  const proxy = createServer((req, res) => {
    const fn = new URL(req.url ?? "/", APP).searchParams.get("fnId");
    if (req.method === "POST" && fn) stepCalls.set(fn, (stepCalls.get(fn) ?? 0) + 1);
    const upstream = httpRequest(
      `${APP}${req.url ?? "/"}`,
      { method: req.method, headers: req.headers, agent: toApp },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.headersSent || res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(PROXY_PORT, "127.0.0.1", resolve));

  const serverUrl = benchServerUrl(options.script);
  const dbUrl = await recreateDatabase(serverUrl, "switchboard_bench_send");
  const keys = {
    INNGEST_SIGNING_KEY: randomBytes(32).toString("hex"),
    INNGEST_EVENT_KEY: randomBytes(16).toString("hex"),
  };
  // The portal's modules read these when first imported (this process sets the campaign up
  // through the same use cases and Inngest client), so they are set before importing them.
  const portalEnv: Record<string, string | undefined> = {
    DATABASE_URL: dbUrl,
    APP_URL: APP,
    SANDBOX_URL: SANDBOX,
    SEED_DEMO: "false",
    // `next start` runs in production, which needs its secrets set and test mode allowed.
    ALLOW_SANDBOX_INTEGRATIONS: "true",
    AUTH_SECRET: randomBytes(32).toString("base64"),
    SECRETS_KEYS: `bench:${randomBytes(32).toString("base64")}`,
    ERASURE_HASH_KEY: randomBytes(32).toString("base64"),
    INNGEST_BASE_URL: INNGEST,
    // The engine calls the portal through the counting proxy.
    INNGEST_SERVE_ORIGIN: `http://127.0.0.1:${PROXY_PORT}`,
    ...(engine === "dev" ? { INNGEST_DEV: "1" } : { INNGEST_DEV: undefined, ...keys }),
    ...options.portalEnv,
  };
  for (const [name, value] of Object.entries(portalEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }

  start("sandbox", "npx", ["tsx", "server/sandbox/main.ts"], { SANDBOX_PORT: "4210", SANDBOX_SFTP_PORT: "4224" });
  await waitFor(`${SANDBOX}/health`, "the sandbox");
  await options.beforeEngine?.();

  const inngestBin = execFileSync("bash", ["scripts/inngest-server.sh"], { stdio: ["ignore", "pipe", "inherit"] })
    .toString()
    .trim();
  let production: ReturnType<typeof start> | null = null;
  const startProduction = async () => {
    production = start(
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
    await production.up;
  };
  const redis = new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  redis.pathname = "/14";
  let inngestDb = "";
  if (engine === "dev") {
    const connectPorts = [
      "--connect-gateway-port",
      "8399",
      "--connect-gateway-grpc-port",
      "18392",
      "--connect-executor-grpc-port",
      "18393",
    ];
    await start(
      "inngest",
      inngestBin,
      ["dev", "--no-discovery", "--port", "8398", ...connectPorts, "-u", `http://127.0.0.1:${PROXY_PORT}/api/inngest`],
      {},
    ).up;
    await start(
      "app",
      "npx",
      ["next", "start", "-H", "127.0.0.1", "-p", String(APP_PORT), "--keepAliveTimeout", "65000"],
      {
        NEXT_TELEMETRY_DISABLED: "1",
      },
    ).up;
    await Promise.all([waitFor(INNGEST, "the Inngest dev server"), waitFor(`${APP}/login`, "the portal")]);
    // Events that reach the dev server before it has synced the app's functions start nothing.
    for (let i = 0; !(await (await fetch(`${INNGEST}/dev`)).text()).includes('"send-campaign"'); i++) {
      if (i > 120) throw new Error("the Inngest dev server never synced the portal's functions");
      await new Promise((r) => setTimeout(r, 500));
    }
  } else {
    execFileSync("redis-cli", ["-u", redis.href, "flushdb"], { stdio: "ignore" });
    inngestDb = await recreateDatabase(serverUrl, "switchboard_bench_inngest");
    await startProduction();
  }
  log(`sandbox, Inngest (${engine}) and portal are up, functions synced`);

  const { getDb, closeDb, schema } = await import("@/db/client");
  const { connectIntegration } = await import("@/server/domains/integration/connect-integration");
  const { setSenderPace } = await import("@/server/domains/integration/set-sender-pace");
  const { syncTemplates } = await import("@/server/domains/template/sync-templates");
  const { createSegment } = await import("@/server/domains/segment/create-segment");
  const { createCampaign } = await import("@/server/domains/campaign/save-campaign");
  const { launchCampaign } = await import("@/server/domains/campaign/launch-campaign");
  const { MITTO_SANDBOX_CREDENTIALS, MITTO_SANDBOX_WHATSAPP_ACCOUNTS } = await import("@/server/sandbox/mitto");
  const { and, eq, sql } = await import("drizzle-orm");

  const db = await getDb();
  const [workspace] = await db
    .insert(schema.workspaces)
    .values({ name: "Bench", slug: `bench-${Date.now()}` })
    .returning();
  if (!workspace) throw new Error("no workspace");
  const [user] = await db
    .insert(schema.users)
    .values({ workspaceId: workspace.id, email: "bench@example.com", name: "Bench", role: "admin", passwordHash: "-" })
    .returning();
  if (!user) throw new Error("no user");
  // The admin who sets it all up, as the use cases' actor.
  const actor = {
    sessionId: "bench",
    userId: user.id,
    workspaceId: workspace.id,
    email: user.email,
    name: user.name,
    role: "admin" as const,
    mustChangePassword: false,
  };
  const account = MITTO_SANDBOX_WHATSAPP_ACCOUNTS[0]!;
  const settings = {
    responsysPod: "interact2",
    acceptTerms: true,
    username: MITTO_SANDBOX_CREDENTIALS.username,
    authMethod: "apiKey" as const,
    apiKey: MITTO_SANDBOX_CREDENTIALS.apiKey,
    namespace: "demo_ns",
  };
  const integrationId =
    (await connectIntegration(db, actor, { vendor: "mitto", label: "Mitto", sandbox: true, settings })).id ?? "";
  await syncTemplates(db, actor, integrationId);
  const [template] = await db
    .select({ id: schema.templates.id })
    .from(schema.templates)
    .where(and(eq(schema.templates.integrationId, integrationId), eq(schema.templates.name, "mcp_account")));
  const [sender] = await db
    .select({ id: schema.senders.id })
    .from(schema.senders)
    .where(and(eq(schema.senders.integrationId, integrationId), eq(schema.senders.externalId, account.id)));
  if (!template || !sender) throw new Error("the sandbox has no mcp_account template or German number");
  await setSenderPace(db, actor, { id: sender.id, data: { messagesPerSecond: pace } });

  await db.execute(sql`
    insert into contacts (workspace_id, mobile_number, country, first_name)
    select ${workspace.id}, '+4915' || lpad(i::text, 9, '0'), 'DE', 'Person ' || i from generate_series(1, ${recipients}) i`);
  await db.execute(sql`
    insert into consent_states (workspace_id, channel, address, state, source, at)
    select workspace_id, 'whatsapp', mobile_number, 'opt_in', 'import', now() from contacts where workspace_id = ${workspace.id}`);
  log(`${recipients} opted-in contacts created; sender pace ${pace} msg/s`);

  const segment = await createSegment(db, actor, {
    name: "Everyone",
    description: null,
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "field", field: "country", operator: "eq", value: "DE" }],
    },
  });
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
    serviceLevelMinutes: null,
  });

  return {
    db,
    schema,
    campaignId,
    stepCalls,
    launch: () => launchCampaign(db, actor, campaignId),
    /** The campaign's messages by status. */
    async statuses() {
      const m = schema.messages;
      const rows = await db
        .select({ status: m.status, n: sql<number>`count(*)`.mapWith(Number) })
        .from(m)
        .where(eq(m.campaignId, campaignId))
        .groupBy(m.status);
      return Object.fromEntries(rows.map((r) => [r.status, r.n])) as Record<string, number>;
    },
    /** SIGKILL to the portal and the engine (`start` only), as a machine that dies takes them. */
    killProduction() {
      const pid = production?.child.pid;
      if (!pid) throw new Error("only the `start` engine runs as one production process group");
      process.kill(-pid, "SIGKILL");
    },
    /** Starts them again on the same stores, as after a reboot; resolves once they are synced. */
    restartProduction: startProduction,
    async stop() {
      await closeDb();
      proxy.close();
      signalAll("SIGTERM");
    },
  };
}
