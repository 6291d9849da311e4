import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { env } from "../../env";
import { inngest } from "../../jobs/client";
import { parseSettings, splitSettings } from "../integration/settings";
import { RESPONSYS_SANDBOX_CREDENTIALS, responsysFake } from "../../sandbox/responsys";
import { startSandbox, type Sandbox } from "../../sandbox/server";
import { callerFor, createWorkspace } from "../../testing/fixtures";

// Creating Responsys jobs through tRPC: every rule of a job, refused with the field to
// fix; admins only; each admin change audited; pause, resume and delete.

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [responsysFake()] });
  env.SANDBOX_URL = sandbox.url;
});
afterAll(() => sandbox.close());
beforeEach(() => {
  vi.restoreAllMocks();
  vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
});

async function setUp() {
  const { db, workspace, admin, marketer } = await createWorkspace();
  const adminApi = await callerFor(admin);
  const connected = await adminApi.integration.connect({
    vendor: "responsys",
    label: "Responsys",
    sandbox: true,
    settings: { method: "interact", ...RESPONSYS_SANDBOX_CREDENTIALS.interact, endpoint: "login2.responsys.net" },
  });
  const segment = await adminApi.segment.create({
    name: "Everyone",
    definition: { kind: "group", combinator: "and", children: [] },
  });
  const valid = {
    kind: "export_audience" as const,
    integrationId: connected.id ?? "",
    label: "Everyone to Responsys",
    segmentId: segment.id,
    listName: "CONTACTS",
    idMappings: [{ field: "email", identifier: "EMAIL_ADDRESS_" as const, hash: false }],
    matchColumn1: "EMAIL_ADDRESS_" as const,
    onExit: "flag" as const,
    exitFlagField: "LYTICS_EXITED",
  };
  return { db, workspace, admin, adminApi, api: await callerFor(marketer), valid, segmentId: segment.id };
}

describe("responsysJobs.create", () => {
  it("refuses each broken job rule with a message naming what to fix", async () => {
    const { adminApi, valid } = await setUp();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ idMappings: [] }, /Map at least one contact field to a Responsys identifier/],
      [{ matchColumn1: "CUSTOMER_ID_" }, /Match column 1 \(CUSTOMER_ID_\) must be one of the mapped identifiers/],
      [{ matchColumn2: "MOBILE_NUMBER_" }, /Match column 2 \(MOBILE_NUMBER_\) must be one of the mapped identifiers/],
      [{ additionalFields: Array.from({ length: 30 }, (_, i) => `attributes.f${i}`) }, /at most 29 additional fields/],
      [{ segmentMemberships: Array.from({ length: 30 }, () => crypto.randomUUID()) }, /at most 29 segments/],
      [
        {
          idMappings: [{ field: "email", identifier: "EMAIL_SHA256_HASH_", hash: false }],
          matchColumn1: "EMAIL_SHA256_HASH_",
        },
        /turn hashing on/,
      ],
      [
        {
          idMappings: [
            { field: "email", identifier: "EMAIL_ADDRESS_" },
            { field: "mobileNumber", identifier: "EMAIL_ADDRESS_" },
          ],
        },
        /mapped twice/,
      ],
      [{ listName: "" }, /Enter the list name/],
      [{ fieldsTable: "1 bad name" }, /starts with a letter/],
      [{ idMappings: [{ field: "shoeSize", identifier: "EMAIL_ADDRESS_" }] }, /Choose a contact field/],
      [{ exitFlagField: null }, /Name the list field that flags members/],
      [{ segmentId: crypto.randomUUID() }, /Choose the source segment from the list/],
      [{ segmentMemberships: [crypto.randomUUID()] }, /Choose the membership segments from the list/],
    ];
    for (const [change, message] of cases)
      await expect(adminApi.responsysJobs.create({ ...valid, ...change })).rejects.toThrow(message);
  });

  it("looks up the lists, tables and campaigns in Responsys, says when the user may not, and refuses names not found", async () => {
    const { adminApi, api, valid } = await setUp();
    const found = await adminApi.responsysJobs.lookUpNames({
      integrationId: valid.integrationId,
      listName: "CONTACTS",
    });
    expect(found).toEqual({
      lists: { ok: true, names: ["CONTACTS", "LOYALTY_MEMBERS"] },
      tables: { ok: true, names: ["Customer_Fields"] },
      campaigns: { ok: true, names: ["Weekly_Newsletter", "Welcome_Email"] },
    });
    await expect(api.responsysJobs.lookUpNames({ integrationId: valid.integrationId })).rejects.toThrow(/admin/i);

    sandbox.faults.add({ vendor: "responsys", pathPrefix: "/rest/api/v1.3/campaigns", kind: "error4xx", status: 403 });
    const denied = await adminApi.responsysJobs.lookUpNames({ integrationId: valid.integrationId });
    expect(denied.lists.ok).toBe(true);
    expect(denied.tables).toBeNull();
    expect(denied.campaigns).toEqual({
      ok: false,
      denied: true,
      error: expect.stringMatching(/denied this user permission \(HTTP 403\) while listing campaigns/) as string,
    });

    const refused = (input: Record<string, unknown>, field: string, message: RegExp) =>
      expect(adminApi.responsysJobs.create({ ...valid, ...input })).rejects.toMatchObject({
        message: expect.stringMatching(message) as string,
        cause: { field },
      });
    await refused(
      { listName: "CONTACT" },
      "listName",
      /No profile list CONTACT in Responsys \(it has CONTACTS, LOYALTY_MEMBERS\)/,
    );
    await refused({ listName: "contacts" }, "listName", /did you mean CONTACTS\?/);
    await refused({ fieldsTable: "Customer_Feilds" }, "fieldsTable", /No extension table Customer_Feilds in Responsys/);
    await refused(
      { kind: "export_to_campaign", emailField: "email", campaignName: "Welcome" },
      "campaignName",
      /No campaign Welcome in Responsys/,
    );
    const { id } = await adminApi.responsysJobs.create({ ...valid, fieldsTable: "Customer_Fields" });
    expect((await adminApi.responsysJobs.get({ id })).job.config).toMatchObject({ fieldsTableName: "Customer_Fields" });
  });

  it("offers the Responsys authorizations, segments, contact fields with attribute keys, and identifiers", async () => {
    const { db, workspace, adminApi } = await setUp();
    await db
      .insert(schema.contacts)
      .values({ workspaceId: workspace.id, email: "attr@example.com", attributes: { plan_tier: "gold" } });
    const options = await adminApi.responsysJobs.options();
    expect(options.integrations).toEqual([expect.objectContaining({ label: "Responsys", method: "interact" })]);
    expect(options.segments.map((s) => s.name)).toEqual(["Everyone"]);
    expect(options.fields).toEqual(expect.arrayContaining(["email", "firstName", "attributes.plan_tier"]));
    expect(options.identifiers).toContain("EMAIL_SHA256_HASH_");
  });

  it("accepts 29 fields and 29 memberships, a second mapped match column and hashed identifiers, and audits the creation", async () => {
    const { db, workspace, admin, adminApi, valid } = await setUp();
    const memberships = await db
      .insert(schema.segments)
      .values(
        Array.from({ length: 29 }, (_, i) => ({
          workspaceId: workspace.id,
          name: `Segment ${i}`,
          kind: "dynamic" as const,
          definition: { kind: "group", combinator: "and", children: [] },
        })),
      )
      .returning({ id: schema.segments.id });
    const { id } = await adminApi.responsysJobs.create({
      ...valid,
      idMappings: [
        { field: "email", identifier: "EMAIL_ADDRESS_", hash: false },
        { field: "mobileNumber", identifier: "MOBILE_NUMBER_", hash: false },
        { field: "email", identifier: "EMAIL_SHA256_HASH_", hash: true },
      ],
      matchColumn2: "MOBILE_NUMBER_",
      additionalFields: Array.from({ length: 29 }, (_, i) => `attributes.f${i}`),
      segmentMemberships: memberships.map((m) => m.id),
      backfill: true,
    });
    const job = await adminApi.responsysJobs.get({ id });
    expect(job.job).toMatchObject({
      kind: "export_audience",
      status: "active",
      backfill: true,
      batchTimeoutSeconds: 600,
    });
    expect(job.job.config).toMatchObject({
      matchColumn2: "MOBILE_NUMBER_",
      fieldsTable: null,
      fieldsTableName: expect.stringMatching(/^LyticsUser_Fields[0-9a-f]{12}$/) as string,
    });
    const [audit] = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, workspace.id), eq(schema.auditLog.action, "audience_job.create")));
    expect(audit).toMatchObject({ actorUserId: admin.userId, targetId: id });
  });

  it("wants an Interact authorization for exports and lets marketers only look", async () => {
    const { db, workspace, adminApi, api, valid } = await setUp();
    await expect(api.responsysJobs.create(valid)).rejects.toThrow(/admin/i);
    // Stored as the wizard would save it; connecting would need the SFTP sandbox running.
    const settings = {
      method: "sftp",
      host: "127.0.0.1",
      port: 22,
      username: "demo_sftp",
      privateKey: RESPONSYS_SANDBOX_CREDENTIALS.sftp.privateKey,
    };
    const [sftp] = await db
      .insert(schema.integrations)
      .values({
        workspaceId: workspace.id,
        vendor: "responsys",
        label: "SFTP",
        sandbox: true,
        status: "active",
        ...splitSettings("responsys", parseSettings("responsys", settings)),
        webhookToken: "t",
      })
      .returning({ id: schema.integrations.id });
    await expect(adminApi.responsysJobs.create({ ...valid, integrationId: sftp?.id ?? "" })).rejects.toThrow(
      /is an SFTP authorization: exports use Responsys Interact/,
    );
    const { id } = await adminApi.responsysJobs.create(valid);
    expect((await api.responsysJobs.list({})).map((j) => j.id)).toEqual([id]);
    await expect(api.responsysJobs.pause({ id })).rejects.toThrow(/admin/i);
    await expect(api.responsysJobs.delete({ id })).rejects.toThrow(/admin/i);
  });

  it("validates campaign exports: an email field, a campaign name, at most 29 fields", async () => {
    const { adminApi, valid } = await setUp();
    const campaign = {
      kind: "export_to_campaign" as const,
      integrationId: valid.integrationId,
      label: "Welcome",
      segmentId: valid.segmentId,
      emailField: "email",
      campaignName: "Welcome_Email",
      backfill: true,
    };
    await expect(adminApi.responsysJobs.create({ ...campaign, campaignName: "" })).rejects.toThrow(
      /Enter the campaign name/,
    );
    await expect(
      adminApi.responsysJobs.create({
        ...campaign,
        additionalFields: Array.from({ length: 30 }, (_, i) => `attributes.f${i}`),
      }),
    ).rejects.toThrow(/at most 29/);
    const { id } = await adminApi.responsysJobs.create(campaign);
    expect((await adminApi.responsysJobs.get({ id })).job.config).toMatchObject({
      emailField: "email",
      campaignName: "Welcome_Email",
    });
  });
});

describe("pause, resume and delete", () => {
  it("changes the status, audits each change, and hides a deleted job", async () => {
    const { db, workspace, adminApi, valid } = await setUp();
    const { id } = await adminApi.responsysJobs.create(valid);
    expect(await adminApi.responsysJobs.pause({ id })).toEqual({ id, status: "paused" });
    expect(await adminApi.responsysJobs.resume({ id })).toEqual({ id, status: "active" });
    expect(await adminApi.responsysJobs.delete({ id })).toEqual({ id });
    await expect(adminApi.responsysJobs.get({ id })).rejects.toThrow(/No such job/);
    expect(await adminApi.responsysJobs.list({})).toEqual([]);
    // The deleted job no longer holds its segment.
    await expect(adminApi.segment.delete({ id: valid.segmentId })).resolves.toBeDefined();
    const actions = await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, workspace.id), eq(schema.auditLog.targetId, id)));
    expect(actions.map((a) => a.action).sort()).toEqual([
      "audience_job.create",
      "audience_job.delete",
      "audience_job.pause",
      "audience_job.resume",
    ]);
  });
});
