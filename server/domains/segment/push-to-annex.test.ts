import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, schema } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { env } from "../../env";
import { DomainError } from "../../lib/errors";
import { ATTENTIVE_SANDBOX_CREDENTIALS } from "../../sandbox/attentive";
import { annexFake, type AnnexFake } from "../../sandbox/annex";
import { startSandbox, type Sandbox } from "../../sandbox/server";
import { createWorkspace } from "../../testing/fixtures";
import { createCallerFactory, router } from "../../trpc/init";
import { annexRouter } from "../../trpc/routers/annex";
import { parseSettings, splitSettings } from "../integration/settings";
import { attentiveCsvChunks, exportAttentiveCsv } from "./export-attentive-csv";
import { pushSegmentToAnnex } from "./push-to-annex";

// Pushing a segment to Annex Cloud (through the annex router, as the form does) against the Annex
// Cloud fake over HTTP, and the Attentive CSV export, on a real database.

const createCaller = createCallerFactory(router({ annex: annexRouter }));

let sandbox: Sandbox;
let annex: AnnexFake;
beforeAll(async () => {
  annex = annexFake();
  sandbox = await startSandbox({ port: 0, vendors: [annex] });
  env.SANDBOX_URL = sandbox.url;
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.faults.clear();
  annex.strictHmac = true;
});

type ContactValues = {
  email?: string | null;
  mobileNumber?: string | null;
  firstName?: string | null;
  lastName?: string | null;
};

/** A workspace with a sandbox Attentive integration (carrying the sandbox Annex site) and a static segment of these contacts. */
async function setup(contacts: ContactValues[]) {
  const ws = await createWorkspace();
  const settings = parseSettings("attentive", ATTENTIVE_SANDBOX_CREDENTIALS);
  const [integration] = await ws.db
    .insert(schema.integrations)
    .values({
      workspaceId: ws.workspace.id,
      vendor: "attentive",
      label: "Attentive SMS",
      sandbox: true,
      status: "active",
      ...splitSettings("attentive", settings),
    })
    .returning({ id: schema.integrations.id });
  const [segment] = await ws.db
    .insert(schema.segments)
    .values({ workspaceId: ws.workspace.id, name: "Gold members", kind: "static" })
    .returning({ id: schema.segments.id });
  if (!integration || !segment) throw new Error("setup failed");
  if (contacts.length > 0) {
    const rows = await ws.db
      .insert(schema.contacts)
      .values(contacts.map((c) => ({ workspaceId: ws.workspace.id, ...c })))
      .returning({ id: schema.contacts.id });
    await ws.db.insert(schema.segmentMembers).values(rows.map((r) => ({ segmentId: segment.id, contactId: r.id })));
  }
  const api = (user: SessionUser) => createCaller({ db: ws.db, user });
  return { ...ws, integrationId: integration.id, segmentId: segment.id, api };
}

const unique = () => randomBytes(3).toString("hex");
const form = {
  name: "Gold members",
  type: "Current Data",
  fromDate: "2024-01-01",
  toDate: "2024-03-31",
  status: "ACTIVE",
  externalId: "123",
  externalName: "Gold via API",
} as const;

async function auditOf(workspaceId: string, action: string) {
  const db = await getDb();
  return db
    .select({ details: schema.auditLog.details, targetId: schema.auditLog.targetId })
    .from(schema.auditLog)
    .where(and(eq(schema.auditLog.workspaceId, workspaceId), eq(schema.auditLog.action, action)));
}

describe("push a segment to Annex Cloud", () => {
  it("creates the segment with its members' emails and shows Annex Cloud's segment id", async () => {
    const tag = unique();
    const { api, marketer, workspace, segmentId, integrationId } = await setup([
      { email: `ana.${tag}@example.com`, firstName: "Ana" },
      { email: `ben.${tag}@example.com`, mobileNumber: `+4915112${tag.length}0000` },
    ]);
    const result = await api(marketer).annex.pushSegment({ segmentId, integrationId, ...form });
    expect(result).toEqual({
      ok: true,
      segment: {
        segmentId: expect.stringMatching(/^\d+$/) as string,
        name: "Gold members",
        type: "Current Data",
        fromDate: "2024-01-01T00:00:00+0000",
        toDate: "2024-03-31T23:59:00+0000",
        status: "ACTIVE",
        externalId: "123",
        externalName: "Gold via API",
      },
      sent: 2,
      skippedWithoutEmail: 0,
      skippedUnusableEmail: 0,
    });
    const pushed = annex.segments.at(-1);
    expect(pushed?.members.sort()).toEqual([`ana.${tag}@example.com`, `ben.${tag}@example.com`]);

    const [audit] = await auditOf(workspace.id, "segment.push_annex");
    expect(audit?.targetId).toBe(segmentId);
    expect(JSON.parse(audit?.details ?? "{}")).toMatchObject({
      ok: true,
      annexSegmentId: result.ok ? result.segment.segmentId : null,
      sent: 2,
    });
    // No personal data in the audit log.
    expect(audit?.details).not.toContain("@");
  });

  it("skips and counts members without an email", async () => {
    const tag = unique();
    const { api, admin, segmentId, integrationId } = await setup([
      { email: `only.${tag}@example.com` },
      { mobileNumber: "+447400100001", firstName: "No", lastName: "Email" },
      { mobileNumber: "+447400100002", email: "  " },
    ]);
    const result = await api(admin).annex.pushSegment({ segmentId, integrationId, ...form, type: "Past Data" });
    expect(result).toMatchObject({ ok: true, sent: 1, skippedWithoutEmail: 2 });
    expect(annex.segments.at(-1)?.members).toEqual([`only.${tag}@example.com`]);
  });

  it("refuses a segment whose members have no email, without calling Annex Cloud", async () => {
    const { marketer, db, segmentId, integrationId } = await setup([{ mobileNumber: "+447400100003" }]);
    const before = annex.segments.length;
    await expect(pushSegmentToAnnex(db, marketer, { segmentId, integrationId, ...form })).rejects.toThrow(
      /No member of this segment has an email address/,
    );
    expect(annex.segments.length).toBe(before);
  });

  it("returns Annex Cloud's error code and message, and records the failure", async () => {
    const { api, marketer, workspace, segmentId, integrationId, db } = await setup([
      { email: `x.${unique()}@example.com` },
    ]);
    annex.failNextSegment({ errorCode: "AC1001", errorMessage: "Oops! Something went wrong." });
    const result = await api(marketer).annex.pushSegment({ segmentId, integrationId, ...form });
    expect(result).toEqual({
      ok: false,
      errorCode: "AC1001",
      errorMessage: "Annex Cloud answered AC1001 (HTTP 400): Oops! Something went wrong.",
      sent: 1,
      skippedWithoutEmail: 0,
      skippedUnusableEmail: 0,
    });
    const [audit] = await auditOf(workspace.id, "segment.push_annex");
    expect(JSON.parse(audit?.details ?? "{}")).toMatchObject({ ok: false, errorCode: "AC1001" });
    const calls = await db
      .select()
      .from(schema.vendorCallStats)
      .where(eq(schema.vendorCallStats.integrationId, integrationId));
    expect(calls).toMatchObject([{ operation: "annex.create_segment", succeeded: 0, failed: 1 }]);
    expect(calls[0]?.lastFailure).toContain("AC1001");
  });

  it("shows a refusal of the site's credentials as Annex Cloud's code and message", async () => {
    const { marketer, db, segmentId, integrationId } = await setup([{ email: `y.${unique()}@example.com` }]);
    const [row] = await db
      .select({ config: schema.integrations.config })
      .from(schema.integrations)
      .where(eq(schema.integrations.id, integrationId));
    await db
      .update(schema.integrations)
      .set({ config: { ...row?.config, annexSiteId: "999" } })
      .where(eq(schema.integrations.id, integrationId));
    const result = await pushSegmentToAnnex(db, marketer, { segmentId, integrationId, ...form });
    expect(result).toMatchObject({
      ok: false,
      errorCode: "AC1003",
      errorMessage: expect.stringContaining("Unknown site id 999") as string,
    });
  });

  it.each([
    ["an end date before the start date", { toDate: "2023-12-31" }, "toDate", /on or after the start date/],
    ["a date that is not yyyy-mm-dd", { fromDate: "01/02/2024" }, "fromDate", /yyyy-mm-dd/],
    ["a date that does not exist", { toDate: "2024-02-30" }, "toDate", /not a real date/],
    [
      "Past Data without dates",
      { type: "Past Data", fromDate: "", toDate: "" },
      "fromDate",
      /Past Data segments need a date range/,
    ],
    ["an unknown status", { status: "PAUSED" }, "status", /ACTIVE or INACTIVE/],
  ])("refuses %s, naming the field, and calls nothing", async (_label, change, field, message) => {
    const { marketer, db, segmentId, integrationId } = await setup([{ email: `z.${unique()}@example.com` }]);
    const before = annex.segments.length;
    const error = await pushSegmentToAnnex(db, marketer, { segmentId, integrationId, ...form, ...change }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", field, message: expect.stringMatching(message) as string });
    expect(annex.segments.length).toBe(before);
  });

  it("names the field through the router too", async () => {
    const { api, marketer, segmentId, integrationId } = await setup([]);
    await expect(
      api(marketer).annex.pushSegment({ segmentId, integrationId, ...form, toDate: "2023-01-01" }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("accepts Current Data without dates and sends none", async () => {
    const { api, marketer, segmentId, integrationId } = await setup([{ email: `c.${unique()}@example.com` }]);
    const result = await api(marketer).annex.pushSegment({
      segmentId,
      integrationId,
      ...form,
      fromDate: "",
      toDate: "",
    });
    expect(result).toMatchObject({ ok: true, segment: { fromDate: null, toDate: null } });
    expect(annex.segments.at(-1)).toMatchObject({ fromDate: null, toDate: null });
  });

  it("refuses a disabled integration, and sends an email that differs only in case once", async () => {
    const tag = unique();
    const { marketer, db, segmentId, integrationId } = await setup([
      { email: `Case.${tag}@example.com` },
      { email: `case.${tag}@example.com` },
    ]);
    await db.update(schema.integrations).set({ status: "disabled" }).where(eq(schema.integrations.id, integrationId));
    await expect(pushSegmentToAnnex(db, marketer, { segmentId, integrationId, ...form })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      field: "integrationId",
      message: expect.stringContaining("disabled") as string,
    });
    await db.update(schema.integrations).set({ status: "active" }).where(eq(schema.integrations.id, integrationId));
    expect(await pushSegmentToAnnex(db, marketer, { segmentId, integrationId, ...form })).toMatchObject({
      ok: true,
      sent: 1,
    });
    expect(annex.segments.at(-1)?.members).toHaveLength(1);
  });

  it("only pushes through an Attentive integration of the same workspace", async () => {
    const mine = await setup([{ email: `m.${unique()}@example.com` }]);
    const other = await setup([]);
    await expect(
      pushSegmentToAnnex(mine.db, mine.marketer, {
        segmentId: mine.segmentId,
        integrationId: other.integrationId,
        ...form,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", field: "integrationId" });
    await expect(
      pushSegmentToAnnex(mine.db, mine.marketer, {
        segmentId: other.segmentId,
        integrationId: mine.integrationId,
        ...form,
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await mine.api(mine.marketer).annex.targets()).toEqual([
      { id: mine.integrationId, label: "Attentive SMS", sandbox: true, status: "active" },
    ]);
  });
});

describe("export a segment as a CSV for Attentive", () => {
  const collect = async (chunks: AsyncIterable<string>) => {
    let csv = "";
    for await (const chunk of chunks) csv += chunk;
    return csv;
  };

  it("writes phone (E.164), email and names, quoted where needed, page by page", async () => {
    const tag = unique();
    const { db, workspace, marketer, segmentId } = await setup([
      { mobileNumber: "+447400200001", email: `plain.${tag}@example.com`, firstName: "Ana", lastName: "Silva" },
      { mobileNumber: "+447400200002", email: null, firstName: "Smith, Jr.", lastName: 'O"Brien' },
      { mobileNumber: null, email: `multi.${tag}@example.com`, firstName: "Line\nBreak", lastName: '=HYPERLINK("x")' },
      { mobileNumber: "07400 200004", email: `local.${tag}@example.com`, firstName: "-Dash", lastName: null },
      { mobileNumber: null, email: null, firstName: "Nobody", lastName: "Reachable" },
    ]);
    const header = "phone,email,firstName,lastName\r\n";
    const rows = [
      `+447400200001,plain.${tag}@example.com,Ana,Silva\r\n`,
      `+447400200002,,"Smith, Jr.","O""Brien"\r\n`,
      `,multi.${tag}@example.com,"Line\nBreak","'=HYPERLINK(""x"")"\r\n`,
      // Not E.164: the phone is left out rather than sent in a form Attentive may misread.
      `,local.${tag}@example.com,'-Dash,\r\n`,
    ];
    // A page size of 2 makes three pages; the header comes once.
    const csv = await collect(attentiveCsvChunks(db, workspace.id, segmentId, 2));
    expect(csv.startsWith(header)).toBe(true);
    for (const row of rows) expect(csv).toContain(row);
    expect(csv.length).toBe(header.length + rows.reduce((n, r) => n + r.length, 0));
    expect(csv).not.toContain("Nobody");

    const exported = await collect(await exportAttentiveCsv(db, marketer, segmentId));
    expect(exported).toBe(csv);
    const [audit] = await auditOf(workspace.id, "segment.export_attentive_csv");
    expect(audit?.targetId).toBe(segmentId);
  });

  it("answers only the header for an empty segment, and NOT_FOUND for another workspace's segment", async () => {
    const { db, marketer, segmentId, workspace } = await setup([]);
    expect(await collect(attentiveCsvChunks(db, workspace.id, segmentId))).toBe("phone,email,firstName,lastName\r\n");
    const other = await setup([]);
    await expect(exportAttentiveCsv(db, marketer, other.segmentId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await auditOf(workspace.id, "segment.export_attentive_csv")).toEqual([]);
  });
});
