import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { schema, type Db } from "@/db/client";
import { applyMessageStatuses } from "@/server/domains/campaign/apply-message-status";
import { receiveInvocation } from "@/server/domains/responsys-app/receive-invocation";
import { env } from "@/server/env";
import { inngest } from "@/server/jobs/client";
import { campaignMessagesQueued, responsysInvocationQueued, responsysInvocationReceived } from "@/server/jobs/events";
import { mittoFake } from "@/server/sandbox/mitto";
import { responsysAmsFake } from "@/server/sandbox/responsys-ams";
import { AMS_PROFILE_LIST } from "@/server/sandbox/responsys-ams-profiles";
import { startSandbox, type Sandbox } from "@/server/sandbox/server";
import { captureEvents, runFunction, statusReportsIn, type SentEvent } from "@/server/testing/inngest";
import { control, invoke, setUp, startPortal, type InvokeAnswer, type Recorded } from "@/server/testing/responsys-app";
import deliverMessages from "../campaigns/deliver-messages";
import { markInvocationFailed } from "@/server/domains/responsys-app/invocation-progress";
import reportInvocation, { pollDelayMs } from "./report-invocation";
import runInvocation from "./run-invocation";

// Responsys invokes the app's WhatsApp service through the sandbox's App Management simulator
// (signed JWTs, rows inline or pulled page by page); the rows go through the campaigns pipeline
// (run-invocation, deliver-messages against the Mitto sandbox, whose DLR callbacks reach the
// webhook receiver), and report-invocation pushes the results back to the simulator's import
// endpoint and signals completion. A small HTTP server stands in for the portal's route
// handlers (server/testing/responsys-app). Events the functions send are captured and each function is run with them, as
// Inngest would.

let sandbox: Sandbox;
let portal: Server;
const mitto = mittoFake();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [mitto, responsysAmsFake()] });
  env.SANDBOX_URL = sandbox.url;
  portal = await startPortal();
  env.APP_URL = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => portal.close(resolve));
  await sandbox.close();
});
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  sandbox.faults.clear();
});

const named = (sent: SentEvent[], name: string) => sent.filter((e) => e.name === name);

/** Runs the function on the event; what its step.sendEvent steps would have sent is added to `sent`. */
async function run(
  fn: Parameters<typeof runFunction>[0],
  event: SentEvent,
  sent: SentEvent[],
  extraSteps: Parameters<typeof runFunction>[3] = [],
) {
  const sendSteps = ["report", ...Array.from({ length: 20 }, (_, i) => `deliver-page-${i}`)];
  const { result, error, sent: more } = await runFunction(fn, event, sendSteps, extraSteps);
  sent.push(...more);
  if (error) throw error;
  return result;
}

/** Runs every captured delivery chunk, then applies the DLRs the Mitto sandbox sent to the portal. */
async function deliverAll(db: Db, sent: SentEvent[]) {
  for (const chunk of named(sent, campaignMessagesQueued.name)) await run(deliverMessages, chunk, []);
  await sandbox.callbacks.idle();
  await applyMessageStatuses(db, statusReportsIn(sent));
}

const invocationRow = async (db: Db, uuid: string) =>
  (await db.select().from(schema.responsysAppInvocations).where(eq(schema.responsysAppInvocations.uuid, uuid)))[0];

describe("a Responsys app invoke", () => {
  it("of 1,000 pulled rows sends the eligible ones and pushes 1,000 results back in batches of at most 200, then completes once", async () => {
    const sent = captureEvents();
    const s = await setUp(60);
    const known = await s.api.contact.create({ mobileNumber: "+4915100000000", firstName: "Ana", country: "DE" });
    const sendsBefore = mitto.messages.length;
    // Every 50 rows: one without opt-in, one with a bad number, one without a first name.
    const rows = Array.from({ length: 1_000 }, (_, i) => {
      const kind = i % 50;
      const number = kind === 2 ? "12345" : `491510${String(i).padStart(7, "0")}`;
      return [`row-${i}`, number, kind === 1 ? "NO" : "YES", kind === 3 ? "" : `Name${i}`];
    });
    const answer = await invoke(s, rows, { inline: false, maxPullPageSize: 200, maxPushBatchSize: 200 });
    expect(answer).toMatchObject({ appStatus: 202, appBody: { status: "ACCEPTED", uuid: answer.uuid } });

    const [received] = named(sent, responsysInvocationReceived.name);
    expect(await run(runInvocation, received!, sent)).toEqual({ rows: 1_000, queued: 940, unreportable: 0 });
    const afterQueue = await control<Recorded>("GET", `/invocations/${answer.uuid}`);
    expect(afterQueue.pulls).toEqual([0, 200, 400, 600, 800].map((offset) => ({ offset, limit: 200 })));
    const [contactMessage] = await s.db
      .select({ contactId: schema.messages.contactId })
      .from(schema.messages)
      .where(and(eq(schema.messages.campaignId, s.campaignId), eq(schema.messages.externalRef, "row-0")));
    expect(contactMessage?.contactId).toBe(known.id);
    // The row's RIID, which the Program's list filled in, is kept on its contact.
    const { members } = await control<{ members: Record<string, string | null>[] }>(
      "GET",
      `/lists/${AMS_PROFILE_LIST}`,
    );
    const riid = members.find((m) => m.MOBILE_NUMBER_ === "4915100000000")?.RIID_;
    expect(riid).toMatch(/^\d+$/);
    const [stored] = await s.db
      .select({ riid: schema.contacts.responsysRiid })
      .from(schema.contacts)
      .where(eq(schema.contacts.id, known.id));
    expect(stored?.riid).toBe(riid);

    // The first look finds only the rows skipped when queued; before the second, the messages
    // are sent (Mitto answers 503 to five sends) and their DLRs arrive.
    sandbox.faults.add({ vendor: "mitto", pathPrefix: "/api/v1", kind: "error5xx", status: 503, times: 5 });
    const [queued] = named(sent, responsysInvocationQueued.name);
    expect(
      await run(reportInvocation, queued!, sent, [{ id: "wait-0", handler: () => deliverAll(s.db, sent) }]),
    ).toEqual({ pushed: 1_000 });

    const recorded = await control<Recorded>("GET", `/invocations/${answer.uuid}`);
    expect(recorded.refused).toEqual([]);
    expect(recorded.imports.map((i) => i.rows.length)).toEqual([60, 200, 200, 200, 200, 140]);
    const results = recorded.imports.flatMap((i) => i.rows);
    const byRef = new Map(results.map((r) => [r[0], r]));
    expect(byRef.size).toBe(1_000);
    expect(byRef.get("row-1")).toEqual(["row-1", "failure", "OPTIN is “NO”, not YES", "SKIPPED"]);
    expect(byRef.get("row-2")?.slice(0, 2)).toEqual(["row-2", "failure"]);
    expect(byRef.get("row-2")?.[2]).toMatch(/^MOBILE_NUMBER_ “12345”: /);
    expect(byRef.get("row-3")).toEqual(["row-3", "failure", "{{1}} needs FIRST_NAME, which is empty", "SKIPPED"]);
    const failed = results.filter((r) => r[3] === "FAILED");
    expect(failed).toHaveLength(5);
    for (const row of failed) expect(row.slice(1, 3)).toEqual(["failure", expect.stringMatching(/not sent again/)]);
    expect(results.filter((r) => r[1] === "success" && r[2] === null && r[3] === "READ")).toHaveLength(935);
    expect(recorded.completions.map((c) => c.body)).toEqual([{ status: "COMPLETED" }]);
    expect(mitto.messages.length - sendsBefore).toBe(935);
    expect(await invocationRow(s.db, answer.uuid)).toMatchObject({ status: "completed", rowsPushed: 1_000 });
  }, 180_000);

  it("inline: a repeated uuid changes nothing, a failed import loses no row, and rows without a final status are pushed once the timeout passes", async () => {
    const sent = captureEvents();
    const s = await setUp(11);
    const rows = [
      ["a", "4915111111111", "YES", "Ana"],
      ["b", "+49 1511 2222222", "Y", "Ben"],
      ["", "4915133333333", "YES", "Nobody"],
      ["d", "4915111111111", "YES", "Ana again"],
      ["e", "4915155555555", "", "Eve"],
    ];
    const answer = await invoke(s, rows, { inline: true });
    expect(answer).toMatchObject({ appStatus: 202, appBody: { status: "ACCEPTED", uuid: answer.uuid } });
    const again = await control<InvokeAnswer>("POST", `/invocations/${answer.uuid}/resend`, {});
    expect(again).toMatchObject({ appStatus: 202, appBody: { status: "ACCEPTED", uuid: answer.uuid } });
    const received = named(sent, responsysInvocationReceived.name);
    expect(received).toHaveLength(1);
    expect(
      await s.db
        .select()
        .from(schema.responsysAppInvocations)
        .where(eq(schema.responsysAppInvocations.uuid, answer.uuid)),
    ).toHaveLength(1);

    expect(await run(runInvocation, received[0]!, sent)).toEqual({ rows: 5, queued: 2, unreportable: 1 });
    // Run again from the start (as after a lost step result), it queues and sends nothing new.
    const retry: SentEvent[] = [];
    expect(await run(runInvocation, received[0]!, retry)).toEqual({ rows: 5, queued: 2, unreportable: 1 });
    for (const chunk of named(sent, campaignMessagesQueued.name)) await run(deliverMessages, chunk, []);
    for (const chunk of named(retry, campaignMessagesQueued.name))
      expect(await run(deliverMessages, chunk, [])).toEqual({ sent: 0, failed: 0, skipped: 0 });
    await sandbox.callbacks.idle();
    // Only a's delivery reports arrive; b stays sent.
    const messages = await s.db.select().from(schema.messages).where(eq(schema.messages.campaignId, s.campaignId));
    const vendorIdOf = (ref: string) => messages.find((m) => m.externalRef === ref)?.vendorMessageId;
    await applyMessageStatuses(
      s.db,
      statusReportsIn(sent).filter((r) => r.update.vendorMessageId === vendorIdOf("a")),
    );

    // Responsys's import fails on every attempt: the run fails and no row counts as pushed...
    const [queued] = named(sent, responsysInvocationQueued.name);
    sandbox.faults.add({ vendor: "ams", pathPrefix: "/import", kind: "error5xx", status: 503, times: 4 });
    await expect(run(reportInvocation, queued!, [])).rejects.toThrow(
      /results import failed: Responsys answered HTTP 503/,
    );
    const marked = await s.db
      .select({ at: schema.messages.statusWrittenAt })
      .from(schema.messages)
      .where(eq(schema.messages.campaignId, s.campaignId));
    expect(marked.map((m) => m.at)).toEqual([null, null, null, null]);

    // ...so the retry pushes them all. Time passes only in the sleeps: each poll moves the
    // clock on by its wait, the deadline sleep by the whole timeout.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date());
    const sleeps = Array.from({ length: 60 }, (_, round) => [
      { id: `wait-${round}`, handler: () => vi.setSystemTime(Date.now() + pollDelayMs(round)) },
      { id: `deadline-${round}`, handler: () => vi.setSystemTime(Date.now() + 11 * 60_000) },
    ]).flat();
    expect(await run(reportInvocation, queued!, sent, sleeps)).toEqual({ pushed: 4 });

    const recorded = await control<Recorded>("GET", `/invocations/${answer.uuid}`);
    expect(recorded.pulls).toEqual([]);
    const [first, last, ...more] = recorded.imports;
    expect(more).toEqual([]);
    expect(new Map(first!.rows.map((r) => [r[0], r]))).toEqual(
      new Map([
        ["a", ["a", "success", null, "READ"]],
        ["d", ["d", "failure", "The same number is on row a of this invoke, which gets the message", "SKIPPED"]],
        ["e", ["e", "failure", "OPTIN is empty, not YES", "SKIPPED"]],
      ]),
    );
    expect(last!.rows).toEqual([["b", "success", null, "SENT"]]);
    expect(recorded.completions).toHaveLength(1);
    expect(await invocationRow(s.db, answer.uuid)).toMatchObject({ status: "completed", rowsPushed: 4 });
  });

  it("refuses a bad invoke body naming the field, and a hand-off failure with 503, storing nothing", async () => {
    captureEvents();
    const s = await setUp(60);
    const { service } = s;
    const body = {
      uuid: "inv-1",
      instanceContext: {
        appId: s.appId,
        installId: s.service.installId,
        instanceId: s.instanceUuid,
        serviceId: "x",
        tenantId: "6607",
        productId: "p",
        secret: "install-secret",
        recordDefinition: s.recordDefinition,
      },
      dataSet: { id: "ds-1", rows: [["c1", "4915111111111", "YES", "Ana"]], size: 1 },
      productExportEndpoint: null,
      productImportEndpoint: { url: `${sandbox.url}/ams/import/x`, method: "POST" },
      onCompletionCallbackEndpoint: { url: `${sandbox.url}/ams/complete/x`, method: "PATCH" },
      maxPullPageSize: 200,
      maxPushBatchSize: 200,
    };
    const bad = await receiveInvocation(s.db, service, {
      ...body,
      productImportEndpoint: { url: "not a url", method: "POST" },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/productImportEndpoint\.url/);
    // Endpoints elsewhere than the sandbox (a test-mode app) or Responsys (a live one) are never called.
    const metadata = await receiveInvocation(s.db, service, {
      ...body,
      onCompletionCallbackEndpoint: { url: "http://169.254.169.254/latest/meta-data", method: "PATCH" },
    });
    expect(metadata).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/onCompletionCallbackEndpoint\.url must be the sandbox's/) as unknown },
    });
    const live = await receiveInvocation(s.db, { ...service, sandbox: false }, body);
    expect(live).toMatchObject({
      status: 400,
      body: {
        error: expect.stringMatching(/productImportEndpoint\.url must be an https URL on a Responsys host/) as unknown,
      },
    });
    const lacking = await receiveInvocation(s.db, service, {
      ...body,
      instanceContext: {
        ...body.instanceContext,
        recordDefinition: { ...s.recordDefinition, inputParameters: s.recordDefinition.inputParameters.slice(0, 2) },
      },
    });
    expect(lacking).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/inputParameters lacks OPTIN, FIRST_NAME/) as unknown },
    });
    vi.spyOn(inngest, "send").mockRejectedValueOnce(new Error("connection refused"));
    expect(await receiveInvocation(s.db, service, body)).toMatchObject({ status: 503 });
    expect(
      await s.db
        .select()
        .from(schema.responsysAppInvocations)
        .where(eq(schema.responsysAppInvocations.serviceId, service.id)),
    ).toEqual([]);
    // Once Inngest is back, the same invoke is taken, its install secret stored encrypted.
    expect(await receiveInvocation(s.db, service, body)).toEqual({
      status: 202,
      body: { status: "ACCEPTED", uuid: "inv-1" },
    });
    const [stored] = await s.db
      .select()
      .from(schema.responsysAppInvocations)
      .where(eq(schema.responsysAppInvocations.serviceId, service.id));
    expect(stored?.secret).toMatch(/^v1:/);
    expect(stored?.secret).not.toContain("install-secret");
  });

  it("that failed is listed for admins with its reason, and retried from where it failed, once, audited", async () => {
    const sent = captureEvents();
    const s = await setUp(0);
    const rows = [
      ["r1", "4915161111111", "YES", "Rita"],
      ["r2", "4915162222222", "YES", "Rolf"],
      ["r3", "4915163333333", "NO", "Ruth"],
    ];
    const answer = await invoke(s, rows, { inline: false, maxPullPageSize: 200, maxPushBatchSize: 200 });
    const [received] = named(sent, responsysInvocationReceived.name);
    expect(received?.data).toMatchObject({ attempt: 1 });
    // Responsys's export endpoint fails every pull: the run fails for good, and the function's
    // onFailure (which the test engine does not run) records why.
    sandbox.faults.add({ vendor: "ams", pathPrefix: "/export", kind: "error5xx", status: 503, times: 20 });
    const failure = await runFunction(runInvocation, received!, ["report"]);
    expect(failure.error?.message).toMatch(/503/);
    // A refusal (403) is no better on a retry: the run fails at once, not retried.
    sandbox.faults.clear();
    sandbox.faults.add({ vendor: "ams", pathPrefix: "/export", kind: "error4xx", status: 403 });
    const refused = await runFunction(runInvocation, received!, ["report"]);
    expect(refused.error).toMatchObject({
      name: "NonRetriableError",
      message: expect.stringMatching(/403/) as unknown,
    });
    const { id } = (await invocationRow(s.db, answer.uuid))!;
    await markInvocationFailed(s.db, id, failure.error!.message);
    sandbox.faults.clear();

    await expect(s.api.responsysApp.invocations({ limit: 10 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const listed = await s.adminApi.responsysApp.invocations({ limit: 10, status: "failed" });
    expect(listed.items).toEqual([
      expect.objectContaining({
        id,
        uuid: answer.uuid,
        status: "failed",
        size: 3,
      }),
    ]);
    expect(listed.items[0]?.lastError).toMatch(/503/);
    const page = await s.adminApi.responsysApp.invocation({ id });
    expect(page).toMatchObject({ status: "failed", attempt: 1, rows: { received: 3, messages: 0, pushed: 0 } });
    expect(page.failedAt).toBeInstanceOf(Date);

    // Retried: back to "received" (no row was queued), handed to run-invocation as attempt 2.
    expect(await s.adminApi.responsysApp.retryInvocation({ id })).toEqual({ attempt: 2, status: "received" });
    await expect(s.adminApi.responsysApp.retryInvocation({ id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "Only a failed invocation can be retried; this one is received",
    });
    const retried = named(sent, responsysInvocationReceived.name).filter((e) => e.data.attempt === 2);
    expect(retried.map((e) => e.data)).toEqual([{ invocationId: id, attempt: 2 }]);
    const [audit] = await s.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.action, "responsys_app.invocation_retry"), eq(schema.auditLog.targetId, id)));
    expect(JSON.parse(audit!.details)).toMatchObject({ attempt: 2, from: "received" });

    expect(await run(runInvocation, retried[0]!, sent)).toEqual({ rows: 3, queued: 2, unreportable: 0 });
    const queued = named(sent, responsysInvocationQueued.name);
    expect(queued.map((e) => e.data)).toEqual([{ invocationId: id, attempt: 2 }]);
    await deliverAll(s.db, sent);
    expect(await run(reportInvocation, queued[0]!, sent)).toEqual({ pushed: 3 });
    expect(await s.adminApi.responsysApp.invocation({ id })).toMatchObject({
      status: "completed",
      lastError: null,
      rows: { received: 3, messages: 3, sent: 2, skipped: 1, pushed: 3 },
      failures: [{ status: "skipped", reason: "OPTIN is “NO”, not YES", n: 1 }],
    });
  });
});
