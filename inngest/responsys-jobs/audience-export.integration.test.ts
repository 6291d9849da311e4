import { setTimeout as delay } from "node:timers/promises";
import { and, eq, isNull } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { env } from "@/server/env";
import { activityImportRequested, audienceFlushRequested, audienceReconcileRequested } from "@/server/jobs/events";
import {
  RESPONSYS_SANDBOX_CREDENTIALS,
  responsysFake,
  startResponsysSftp,
  type ResponsysSftp,
} from "@/server/sandbox/responsys";
import { startSandbox, type Sandbox } from "@/server/sandbox/server";
import { callerFor, connectResponsysSftpSandbox, createWorkspace } from "@/server/testing/fixtures";
import { captureEvents, runFunction, type SentEvent } from "@/server/testing/inngest";
import flushAudience from "./flush-audience";
import importActivity from "./import-activity";
import reconcileAudience from "./reconcile-audience";
import scheduleExportJobs from "./schedule-export-jobs";

// Responsys jobs against the Responsys sandbox (Interact API and SFTP): contacts entering a segment
// are queued and sent in batches of 200, a partial batch after the job's timeout; a vendor
// 5xx in the middle of a batch is retried with the same rows and nothing sent twice; an
// activity file with a bad line imports the good lines and reports the bad one. The Inngest
// functions run in @inngest/test; events they send are captured and run as Inngest would.

let sandbox: Sandbox;
let sftp: ResponsysSftp;
const responsys = responsysFake();
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [responsys] });
  sftp = await startResponsysSftp({ port: 0 });
  env.SANDBOX_URL = sandbox.url;
});
afterAll(async () => {
  await sandbox.close();
  await sftp.close();
});
afterEach(() => {
  vi.restoreAllMocks();
  sandbox.faults.clear();
});

type Sent = SentEvent;

const sendSteps = ["send-reconciles", "send-flushes", "send-flush", "send-continue", "send-imports"];

async function run(
  fn: Parameters<typeof runFunction>[0],
  event: Sent,
  extraSteps: { id: string; handler: () => unknown }[] = [],
) {
  const { result, error, sent } = await runFunction(fn, event, sendSteps, extraSteps);
  return { result: result as Record<string, unknown>, error, sent };
}
const timer = { name: "inngest/scheduled.timer", data: {} };

/** A workspace with the Responsys sandbox connected, `count` contacts outside a "Germany" segment. */
async function setUp(count: number, prefix: string) {
  const { db, workspace, admin, marketer } = await createWorkspace();
  const adminApi = await callerFor(admin);
  const { interact } = RESPONSYS_SANDBOX_CREDENTIALS;
  const connected = await adminApi.integration.connect({
    vendor: "responsys",
    label: "Responsys",
    sandbox: true,
    settings: { method: "interact", ...interact, endpoint: "login2.responsys.net" },
  });
  await db.insert(schema.contacts).values(
    Array.from({ length: count }, (_, i) => ({
      workspaceId: workspace.id,
      email: `${prefix}${String(i).padStart(3, "0")}@example.com`,
      firstName: `Member ${i}`,
    })),
  );
  const segment = await adminApi.segment.create({
    name: "Germany",
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "field", field: "country", operator: "eq", value: "DE" }],
    },
  });
  const enterAll = () =>
    db.update(schema.contacts).set({ country: "DE" }).where(eq(schema.contacts.workspaceId, workspace.id));
  return {
    db,
    workspace,
    adminApi,
    api: await callerFor(marketer),
    integrationId: connected.id ?? "",
    segmentId: segment.id,
    enterAll,
  };
}

const listBatches = (prefix: string) =>
  responsys
    .received()
    .filter(
      (r) => r.kind === "list" && r.target === "CONTACTS" && r.records.some((rec) => String(rec[0]).startsWith(prefix)),
    )
    .map((r) => r.records.map((rec) => String(rec[0])));

async function jobRow(db: Awaited<ReturnType<typeof setUp>>["db"], id: string) {
  const [row] = await db.select().from(schema.audienceJobs).where(eq(schema.audienceJobs.id, id));
  return row;
}

describe("continuous audience export", () => {
  it("sends 450 entering contacts as batches of 200, 200 and, after the timeout, 50", async () => {
    const sent = captureEvents();
    const s = await setUp(450, "enter");
    const { id } = await s.adminApi.responsysJobs.create({
      kind: "export_audience",
      integrationId: s.integrationId,
      label: "Germany to Responsys",
      segmentId: s.segmentId,
      listName: "CONTACTS",
      idMappings: [{ field: "email", identifier: "EMAIL_ADDRESS_", hash: false }],
      matchColumn1: "EMAIL_ADDRESS_",
      onExit: "flag",
      exitFlagField: "LYTICS_EXITED",
      // Short for the test (the default is 10 minutes), long enough for a loaded machine to check "not yet".
      batchTimeoutSeconds: 4,
    });
    expect(sent.filter((e) => e.name === audienceReconcileRequested.name)).toEqual([
      expect.objectContaining({ data: { jobId: id } }),
    ]);

    // The first reconcile records the (empty) segment; nothing to send.
    const first = await run(reconcileAudience, { name: audienceReconcileRequested.name, data: { jobId: id } });
    expect(first.result).toMatchObject({ skipped: false, entered: 0, queued: 0 });

    // 450 contacts enter the segment; the next reconcile queues them and asks for a flush.
    await s.enterAll();
    const second = await run(reconcileAudience, { name: audienceReconcileRequested.name, data: { jobId: id } });
    expect(second.result).toMatchObject({ entered: 450, queued: 450, pending: 450, full: true });
    expect(second.sent).toEqual([expect.objectContaining({ name: audienceFlushRequested.name, data: { jobId: id } })]);
    // Reconciling again queues nothing twice.
    expect(
      (await run(reconcileAudience, { name: audienceReconcileRequested.name, data: { jobId: id } })).result,
    ).toMatchObject({ entered: 0, exited: 0, queued: 0, pending: 450 });

    const flushed = await run(flushAudience, second.sent[0]!);
    expect(flushed.error).toBeUndefined();
    expect(flushed.result).toMatchObject({
      batches: [
        { size: 200, sent: 200, failed: 0 },
        { size: 200, sent: 200, failed: 0 },
      ],
    });
    expect(listBatches("enter").map((b) => b.length)).toEqual([200, 200]);

    // 50 wait: not yet due, so the timeout check sends nothing...
    const early = await run(scheduleExportJobs, timer);
    expect(early.sent.filter((e) => e.name === audienceFlushRequested.name)).toEqual([]);
    // ...until the oldest has waited the job's timeout (4 s here).
    await delay(4_100);
    const due = await run(scheduleExportJobs, timer);
    const dueFlush = due.sent.filter((e) => e.name === audienceFlushRequested.name && e.data.jobId === id);
    expect(dueFlush).toHaveLength(1);
    expect((await run(flushAudience, dueFlush[0]!)).result).toMatchObject({ batches: [{ size: 50, sent: 50 }] });

    const batches = listBatches("enter");
    expect(batches.map((b) => b.length)).toEqual([200, 200, 50]);
    const emails = batches.flat();
    expect(new Set(emails).size).toBe(450);
    expect(await jobRow(s.db, id)).toMatchObject({
      totalSent: 450,
      totalFailed: 0,
      lastBatchSize: 50,
      lastError: null,
    });
    const job = await s.api.responsysJobs.get({ id });
    expect(job.queueDepth).toBe(0);
    expect(job.batches.map((b) => b.size)).toEqual([50, 200, 200]);

    // One leaves: the exit is flagged in the list, in the next partial batch.
    await s.db
      .update(schema.contacts)
      .set({ country: "FR" })
      .where(and(eq(schema.contacts.workspaceId, s.workspace.id), eq(schema.contacts.email, "enter007@example.com")));
    expect(
      (await run(reconcileAudience, { name: audienceReconcileRequested.name, data: { jobId: id } })).result,
    ).toMatchObject({ entered: 0, exited: 1, queued: 1 });
    await s.db
      .update(schema.audienceQueue)
      .set({ enqueuedAt: new Date(Date.now() - 60_000) })
      .where(and(eq(schema.audienceQueue.jobId, id), isNull(schema.audienceQueue.sentAt)));
    const exitFlush = (await run(scheduleExportJobs, timer)).sent.filter(
      (e) => e.name === audienceFlushRequested.name && e.data.jobId === id,
    );
    await run(flushAudience, exitFlush[0]!);
    const member = responsys.members("CONTACTS").find((m) => m.EMAIL_ADDRESS_ === "enter007@example.com");
    expect(member).toMatchObject({ LYTICS_EXITED: "Y" });
    expect(responsys.members("CONTACTS").find((m) => m.EMAIL_ADDRESS_ === "enter008@example.com")).toMatchObject({
      LYTICS_EXITED: "N",
    });
  });

  it("retries a batch after a vendor 5xx mid-batch with the same rows, and sends nothing twice", async () => {
    captureEvents();
    const s = await setUp(250, "retry");
    await s.enterAll();
    const { id } = await s.adminApi.responsysJobs.create({
      kind: "export_audience",
      integrationId: s.integrationId,
      label: "With fields",
      segmentId: s.segmentId,
      listName: "CONTACTS",
      idMappings: [
        { field: "email", identifier: "EMAIL_ADDRESS_", hash: false },
        { field: "email", identifier: "EMAIL_SHA256_HASH_", hash: true },
      ],
      matchColumn1: "EMAIL_ADDRESS_",
      additionalFields: ["firstName"],
      onExit: "remove",
      backfill: true,
    });
    const reconciled = await run(reconcileAudience, { name: audienceReconcileRequested.name, data: { jobId: id } });
    expect(reconciled.result).toMatchObject({ entered: 250, queued: 250, full: true });

    // The list merge lands, then the fields-table merge answers 503 on every attempt.
    sandbox.faults.add({
      vendor: "responsys",
      kind: "error5xx",
      status: 503,
      times: 4,
      pathPrefix: "/rest/api/v1.3/lists/CONTACTS/listExtensions/",
    });
    const failed = await run(flushAudience, reconciled.sent[0]!);
    expect(String(failed.error?.message)).toMatch(/server error \(HTTP 503\)/);
    const [batch] = await s.db.select().from(schema.audienceBatches).where(eq(schema.audienceBatches.jobId, id));
    expect(batch).toMatchObject({
      size: 200,
      attempts: 1,
      sentAt: null,
      error: expect.stringMatching(/HTTP 503/) as string,
    });
    expect((await jobRow(s.db, id))?.lastError).toMatch(/HTTP 503/);

    // Inngest retries the step with its memoized batch id: the same 200 rows go again.
    const retried = await run(flushAudience, reconciled.sent[0]!, [{ id: "batch-id-0", handler: () => batch!.id }]);
    expect(retried.error).toBeUndefined();
    expect(retried.result).toMatchObject({ batches: [{ size: 200, sent: 200 }] });
    const [firstTry, secondTry] = listBatches("retry");
    expect(secondTry).toEqual(firstTry);

    // The 50 left are due after 10 minutes; run that flush as the timeout check would.
    await s.db
      .update(schema.audienceQueue)
      .set({ enqueuedAt: new Date(Date.now() - 11 * 60_000) })
      .where(and(eq(schema.audienceQueue.jobId, id), isNull(schema.audienceQueue.sentAt)));
    expect((await run(flushAudience, { name: audienceFlushRequested.name, data: { jobId: id } })).result).toMatchObject(
      { batches: [{ size: 50, sent: 50 }] },
    );

    // Each contact once in the list and once in the fields table; counted once.
    const inList = responsys.members("CONTACTS").filter((m) => m.EMAIL_ADDRESS_?.startsWith("retry"));
    expect(inList).toHaveLength(250);
    expect(inList[0]?.EMAIL_SHA256_HASH_).toMatch(/^[0-9a-f]{64}$/);
    const table = (await jobRow(s.db, id))?.config.fieldsTableName as string;
    const fields = responsys.members(`CONTACTS/${table}`);
    expect(fields).toHaveLength(250);
    expect(fields.find((f) => f.EMAIL_ADDRESS_ === "retry003@example.com")).toMatchObject({ FIRST_NAME: "Member 3" });
    expect(await jobRow(s.db, id)).toMatchObject({ totalSent: 250, lastError: null });
    const queue = await s.db.select().from(schema.audienceQueue).where(eq(schema.audienceQueue.jobId, id));
    expect(queue.filter((r) => r.sentAt)).toHaveLength(250);
    expect(
      (await s.db.select().from(schema.audienceBatches).where(eq(schema.audienceBatches.id, batch!.id)))[0],
    ).toMatchObject({ attempts: 2, size: 200 });

    // An exit with "remove" deletes the member by the RIID its merge returned.
    await s.db
      .update(schema.contacts)
      .set({ country: null })
      .where(and(eq(schema.contacts.workspaceId, s.workspace.id), eq(schema.contacts.email, "retry010@example.com")));
    await run(reconcileAudience, { name: audienceReconcileRequested.name, data: { jobId: id } });
    await s.db
      .update(schema.audienceQueue)
      .set({ enqueuedAt: new Date(Date.now() - 11 * 60_000) })
      .where(and(eq(schema.audienceQueue.jobId, id), isNull(schema.audienceQueue.sentAt)));
    expect((await run(flushAudience, { name: audienceFlushRequested.name, data: { jobId: id } })).result).toMatchObject(
      { batches: [{ size: 1, sent: 1 }] },
    );
    expect(responsys.members("CONTACTS").some((m) => m.EMAIL_ADDRESS_ === "retry010@example.com")).toBe(false);
  });

  it("takes different rows in concurrent flushes", async () => {
    captureEvents();
    const s = await setUp(400, "conc");
    await s.enterAll();
    const { id } = await s.adminApi.responsysJobs.create({
      kind: "export_audience",
      integrationId: s.integrationId,
      label: "Concurrent",
      segmentId: s.segmentId,
      listName: "CONTACTS",
      idMappings: [{ field: "email", identifier: "EMAIL_ADDRESS_" }],
      matchColumn1: "EMAIL_ADDRESS_",
      onExit: "flag",
      exitFlagField: "LYTICS_EXITED",
      backfill: true,
    });
    await run(reconcileAudience, { name: audienceReconcileRequested.name, data: { jobId: id } });
    const { flushAudienceBatch } = await import("@/server/domains/responsys-jobs/flush-audience");
    const results = await Promise.all([
      flushAudienceBatch(s.db, id, crypto.randomUUID()),
      flushAudienceBatch(s.db, id, crypto.randomUUID()),
    ]);
    expect(results.map((r) => r.claimed)).toEqual([200, 200]);
    const emails = listBatches("conc").flat();
    expect(emails).toHaveLength(400);
    expect(new Set(emails).size).toBe(400);
  });
});

describe("export to campaign", () => {
  it("triggers the campaign once for each member (back fill), and never again after an unknown outcome", async () => {
    captureEvents();
    const s = await setUp(3, "camp");
    await s.enterAll();
    const { id } = await s.adminApi.responsysJobs.create({
      kind: "export_to_campaign",
      integrationId: s.integrationId,
      label: "Welcome",
      segmentId: s.segmentId,
      emailField: "email",
      campaignName: "Welcome_Email",
      additionalFields: ["firstName"],
      backfill: true,
    });
    expect(
      (await run(reconcileAudience, { name: audienceReconcileRequested.name, data: { jobId: id } })).result,
    ).toMatchObject({ entered: 3, queued: 3, full: false });
    await s.db
      .update(schema.audienceQueue)
      .set({ enqueuedAt: new Date(Date.now() - 11 * 60_000) })
      .where(eq(schema.audienceQueue.jobId, id));
    expect((await run(flushAudience, { name: audienceFlushRequested.name, data: { jobId: id } })).result).toMatchObject(
      { batches: [{ size: 3, sent: 3, failed: 0 }] },
    );
    const triggers = responsys
      .received()
      .filter((r) => r.kind === "campaign" && r.records.some((rec) => String(rec[0]).startsWith("camp")));
    expect(triggers.map((t) => t.records.length)).toEqual([3]);

    // Two more join; the trigger answers 502: the email may have gone, so they are not sent again.
    const more = await s.db
      .insert(schema.contacts)
      .values([
        { workspaceId: s.workspace.id, email: "camp-late1@example.com", country: "DE" },
        { workspaceId: s.workspace.id, email: "camp-late2@example.com", country: "DE" },
      ])
      .returning({ id: schema.contacts.id });
    expect(
      (await run(reconcileAudience, { name: audienceReconcileRequested.name, data: { jobId: id } })).result,
    ).toMatchObject({ entered: 2, queued: 2 });
    await s.db
      .update(schema.audienceQueue)
      .set({ enqueuedAt: new Date(Date.now() - 11 * 60_000) })
      .where(and(eq(schema.audienceQueue.jobId, id), isNull(schema.audienceQueue.sentAt)));
    sandbox.faults.add({
      vendor: "responsys",
      kind: "error5xx",
      status: 502,
      times: 1,
      pathPrefix: "/rest/api/v1.3/campaigns",
    });
    expect((await run(flushAudience, { name: audienceFlushRequested.name, data: { jobId: id } })).result).toMatchObject(
      { batches: [{ size: 2, sent: 0, failed: 2 }] },
    );
    const rows = await s.db
      .select()
      .from(schema.audienceQueue)
      .where(and(eq(schema.audienceQueue.jobId, id), eq(schema.audienceQueue.contactId, more[0]!.id)));
    expect(rows[0]?.error).toMatch(/^Not sent again/);
    expect(await jobRow(s.db, id)).toMatchObject({ totalSent: 3, totalFailed: 2 });
  });
});

describe("activity import", () => {
  it("imports the good lines of a file with a bad one, reports the bad line, and ingests each event once", async () => {
    captureEvents();
    const { db, workspace, admin } = await createWorkspace();
    const adminApi = await callerFor(admin);
    const integrationId = await connectResponsysSftpSandbox(admin, sftp, "/upload");
    await db.insert(schema.contacts).values([
      { workspaceId: workspace.id, email: "ana@example.com", firstName: "Ana" },
      { workspaceId: workspace.id, email: "bruno@example.com", firstName: "Bruno" },
    ]);
    sftp.putFile(
      "/upload/6607_CLICK_20261121_060000.txt",
      [
        "EVENT_TYPE_ID|ACCOUNT_ID|LIST_ID|RIID|EMAIL_ADDRESS|EVENT_CAPTURED_DT|CAMPAIGN_ID|OFFER_NAME|OFFER_URL",
        "6|6607|1201|4094326|ana@example.com|21-NOV-2026 08:10:00|310|Spring sale|https://shop.example.com/sale?utm=1",
        "6|6607|1201|4094326|ana@example.com|yesterday|310|Spring sale|https://shop.example.com/sale",
        "6|6607|1201|4094327|bruno@example.com|21-NOV-2026 09:00:00|310|Shoes|https://shop.example.com/shoes",
        "",
      ].join("\n"),
    );
    sftp.putFile(
      "/upload/7001_OPEN_20261121_060000.txt",
      "EVENT_TYPE_ID|ACCOUNT_ID|EMAIL_ADDRESS|EVENT_CAPTURED_DT\n4|7001|ana@example.com|21-NOV-2026 08:00:00\n",
    );

    const detected = await adminApi.responsysJobs.detectAccounts({ integrationId, folder: null });
    expect(detected.accountIds).toEqual(["6607", "7001"]);
    await expect(
      adminApi.responsysJobs.create({
        kind: "import_activity",
        integrationId,
        label: "Activity",
        accountIds: ["9999"],
        delimiter: "|",
      }),
    ).rejects.toThrow(/Account id 9999 has no activity file in the folder \(found: /);
    const { id } = await adminApi.responsysJobs.create({
      kind: "import_activity",
      integrationId,
      label: "Activity",
      accountIds: ["6607"],
      delimiter: "|",
    });

    // The sample OPEN file is comma-separated: with "|" its header is one column and it is reported whole.
    const { result } = await run(importActivity, { name: activityImportRequested.name, data: { jobId: id } });
    const files = (
      result as { files: { name: string; imported: number; errors: { line: number; reason: string }[] }[] }
    ).files;
    const click = files.find((f) => f.name === "6607_CLICK_20261121_060000.txt");
    expect(click).toMatchObject({
      imported: 2,
      errors: [{ line: 3, reason: 'EVENT_CAPTURED_DT "yesterday" is not a date like 20-NOV-2026 05:41:07' }],
    });
    expect(files.find((f) => f.name.startsWith("6607_OPEN"))?.errors[0]?.reason).toMatch(/delimiter/);
    expect(files.some((f) => f.name.startsWith("7001"))).toBe(false);

    const [ana] = await db
      .select({ id: schema.contacts.id, activity: schema.contacts.activity })
      .from(schema.contacts)
      .where(and(eq(schema.contacts.workspaceId, workspace.id), eq(schema.contacts.email, "ana@example.com")));
    expect(ana?.activity).toMatchObject({
      email_click_ct: 1,
      email_first_click_ts: "2026-11-21T08:10:00.000Z",
      email_last_click_ts: "2026-11-21T08:10:00.000Z",
      last_active_ts: "2026-11-21T08:10:00.000Z",
      channels: ["email"],
      rs_offers: ["Spring sale"],
      rs_campaign_id: "310",
      rs_user_id: "4094326",
      email_domain: "example.com",
      hourly: { "8": 1 },
    });

    // Read again: the files are known, nothing is ingested twice.
    const again = await run(importActivity, { name: activityImportRequested.name, data: { jobId: id } });
    expect(again.result).toEqual({ skipped: false, files: [] });
    const events = await db.select().from(schema.activityEvents).where(eq(schema.activityEvents.jobId, id));
    expect(events).toHaveLength(2);
    const job = await adminApi.responsysJobs.get({ id });
    expect(job.imports.find((i) => i.source.startsWith("6607_CLICK"))).toMatchObject({
      lines: 3,
      imported: 2,
      errors: [{ line: 3 }],
    });
    expect(job.job.lastError).toMatch(/line/);
    const view = await adminApi.responsysJobs.contactActivity({ contactId: ana!.id });
    expect(view.aggregates.find((a) => a.field === "email_click_ct")).toEqual({ field: "email_click_ct", value: 1 });
    expect(view.events).toEqual([
      expect.objectContaining({ eventType: "clicked", channel: "email", campaignId: "310" }),
    ]);
  });
});
