import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schema } from "@/db/client";
import { env } from "@/server/env";
import { audienceFlushRequested, audienceReconcileRequested } from "@/server/jobs/events";
import { RESPONSYS_SANDBOX_CREDENTIALS, responsysFake } from "@/server/sandbox/responsys";
import { startSandbox, type Sandbox } from "@/server/sandbox/server";
import { callerFor, createWorkspace } from "@/server/testing/fixtures";
import { captureEvents, runFunction } from "@/server/testing/inngest";
import flushAudience from "./flush-audience";
import reconcileAudience from "./reconcile-audience";

// Segment memberships of an audience export, written to the Lytics_Segments extension table of
// the Responsys sandbox: one Y/N column per chosen segment, the table created when missing, each
// member's row merged by the job's match column, at most 29 memberships.

let sandbox: Sandbox;
const responsys = responsysFake();
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [responsys] });
  env.SANDBOX_URL = sandbox.url;
});
afterAll(() => sandbox.close());

const sendSteps = ["send-reconciles", "send-flushes", "send-flush", "send-continue"];
const field = (name: string, value: string) => ({
  kind: "group" as const,
  combinator: "and" as const,
  children: [{ kind: "field" as const, field: name, operator: "eq" as const, value }],
});

async function setUp() {
  captureEvents();
  const { db, workspace, admin } = await createWorkspace();
  const api = await callerFor(admin);
  const connected = await api.integration.connect({
    vendor: "responsys",
    label: "Responsys",
    sandbox: true,
    settings: { method: "interact", ...RESPONSYS_SANDBOX_CREDENTIALS.interact, endpoint: "login2.responsys.net" },
  });
  const integrationId = connected.id ?? "";
  const job = (segmentId: string, segmentMemberships: string[]) => ({
    kind: "export_audience" as const,
    integrationId,
    label: "Germany to Responsys",
    segmentId,
    listName: "CONTACTS",
    idMappings: [{ field: "email", identifier: "EMAIL_ADDRESS_" as const, hash: false }],
    matchColumn1: "EMAIL_ADDRESS_" as const,
    onExit: "flag" as const,
    exitFlagField: "LYTICS_EXITED",
    segmentMemberships,
    backfill: true,
    batchTimeoutSeconds: 1,
  });
  /** Reconciles, then sends what waits at once (the oldest entry made older than the timeout). */
  const sync = async (jobId: string) => {
    await runFunction(reconcileAudience, { name: audienceReconcileRequested.name, data: { jobId } }, sendSteps);
    await db
      .update(schema.audienceQueue)
      .set({ enqueuedAt: new Date(Date.now() - 60_000) })
      .where(and(eq(schema.audienceQueue.jobId, jobId), isNull(schema.audienceQueue.sentAt)));
    const { error } = await runFunction(
      flushAudience,
      { name: audienceFlushRequested.name, data: { jobId } },
      sendSteps,
    );
    expect(error).toBeUndefined();
  };
  const tables = async () => (await api.responsysJobs.lookUpNames({ integrationId, listName: "CONTACTS" })).tables;
  return { db, workspace, api, job, sync, tables };
}

const segmentRow = (email: string) =>
  responsys.members("CONTACTS/Lytics_Segments").filter((r) => r.EMAIL_ADDRESS_ === email);

describe("segment memberships", () => {
  it("writes a Y/N column per segment to Lytics_Segments, created when missing, each member's row merged by the match column", async () => {
    const { db, workspace, api, job, sync, tables } = await setUp();
    await db.insert(schema.contacts).values([
      { workspaceId: workspace.id, email: "memb-ana@example.com", country: "DE", city: "Berlin", lastName: "Smith" },
      { workspaceId: workspace.id, email: "memb-bea@example.com", country: "DE", city: "Munich", lastName: "Smith" },
      { workspaceId: workspace.id, email: "memb-cai@example.com", country: "DE", city: "Hamburg", lastName: "Chen" },
    ]);
    const segment = (name: string, definition: ReturnType<typeof field>) => api.segment.create({ name, definition });
    const germany = await segment("Germany", field("country", "DE"));
    const berlin = await segment("Berlin", field("city", "Berlin"));
    const smiths = await segment("The Smiths", field("lastName", "Smith"));
    expect(await tables()).toEqual({ ok: true, names: ["Customer_Fields"] });

    const { id } = await api.responsysJobs.create(job(germany.id, [berlin.id, smiths.id, germany.id]));
    await sync(id);

    expect(await tables()).toEqual({ ok: true, names: ["Customer_Fields", "Lytics_Segments"] });
    const sent = responsys.received().filter((r) => r.kind === "extension" && r.target === "CONTACTS/Lytics_Segments");
    expect(sent.map((r) => r.fieldNames)).toEqual([["EMAIL_ADDRESS_", "BERLIN", "THE_SMITHS", "GERMANY"]]);
    const riidOf = (email: string) => responsys.members("CONTACTS").find((m) => m.EMAIL_ADDRESS_ === email)?.RIID_;
    expect(segmentRow("memb-ana@example.com")).toEqual([
      {
        EMAIL_ADDRESS_: "memb-ana@example.com",
        BERLIN: "Y",
        THE_SMITHS: "Y",
        GERMANY: "Y",
        RIID_: riidOf("memb-ana@example.com"),
      },
    ]);
    expect(segmentRow("memb-bea@example.com")).toEqual([
      expect.objectContaining({ BERLIN: "N", THE_SMITHS: "Y", GERMANY: "Y" }),
    ]);
    expect(segmentRow("memb-cai@example.com")).toEqual([
      expect.objectContaining({ BERLIN: "N", THE_SMITHS: "N", GERMANY: "Y" }),
    ]);
    expect((await api.responsysJobs.get({ id })).job.config).toMatchObject({ segmentsTableCreated: true });
    // Each contact keeps the RIID Responsys answered, for activity rows that carry only that.
    const stored = await db
      .select({ email: schema.contacts.email, riid: schema.contacts.responsysRiid })
      .from(schema.contacts)
      .where(eq(schema.contacts.workspaceId, workspace.id));
    expect(stored.every((c) => c.riid !== null && c.riid === riidOf(c.email ?? ""))).toBe(true);

    // Cai leaves Germany (flagged in the list), moves to Berlin, marries a Smith and comes back:
    // the same row is updated, and the table is not created again.
    const cai = and(eq(schema.contacts.workspaceId, workspace.id), eq(schema.contacts.email, "memb-cai@example.com"));
    await db.update(schema.contacts).set({ country: "FR" }).where(cai);
    await sync(id);
    await db.update(schema.contacts).set({ country: "DE", city: "Berlin", lastName: "Smith" }).where(cai);
    await sync(id);
    expect(segmentRow("memb-cai@example.com")).toEqual([
      expect.objectContaining({ BERLIN: "Y", THE_SMITHS: "Y", GERMANY: "Y", RIID_: riidOf("memb-cai@example.com") }),
    ]);
    expect(responsys.members("CONTACTS/Lytics_Segments")).toHaveLength(3);
    const secondSend = responsys
      .received()
      .filter((r) => r.kind === "extension" && r.target === "CONTACTS/Lytics_Segments");
    expect(secondSend.map((r) => r.records.map((rec) => String(rec[0])).sort())).toEqual([
      ["memb-ana@example.com", "memb-bea@example.com", "memb-cai@example.com"],
      ["memb-cai@example.com"],
    ]);
  }, 90_000);

  it("exports 29 memberships as 29 columns and refuses a 30th", async () => {
    const { db, workspace, api, job, sync } = await setUp();
    await db.insert(schema.contacts).values({ workspaceId: workspace.id, email: "memb-29@example.com", country: "DE" });
    const segments = await db
      .insert(schema.segments)
      .values(
        Array.from({ length: 30 }, (_, i) => ({
          workspaceId: workspace.id,
          name: `Tier ${String(i).padStart(2, "0")}`,
          kind: "dynamic" as const,
          // Even tiers hold everyone, odd ones no one.
          definition: i % 2 === 0 ? { kind: "group", combinator: "and", children: [] } : field("country", "XX"),
        })),
      )
      .returning({ id: schema.segments.id });
    const ids = segments.map((s) => s.id);
    const source = await api.segment.create({ name: "Germany", definition: field("country", "DE") });

    await expect(api.responsysJobs.create(job(source.id, ids))).rejects.toThrow(
      /Choose at most 29 segments to export memberships of/,
    );
    const { id } = await api.responsysJobs.create(job(source.id, ids.slice(0, 29)));
    await sync(id);

    const [row] = segmentRow("memb-29@example.com");
    const columns = Array.from({ length: 29 }, (_, i) => `TIER_${String(i).padStart(2, "0")}`);
    expect(Object.keys(row ?? {}).filter((k) => k.startsWith("TIER_"))).toEqual(columns);
    expect(columns.map((c) => row?.[c])).toEqual(columns.map((_, i) => (i % 2 === 0 ? "Y" : "N")));
  });
});
