import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { schema } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { env } from "../../env";
import { mittoFake, MITTO_SANDBOX_CREDENTIALS, type MittoFake } from "../../sandbox/mitto";
import { startSandbox, type Sandbox } from "../../sandbox/server";
import { createWorkspace } from "../../testing/fixtures";
import { createCallerFactory, router } from "../../trpc/init";
import { integrationRouter } from "../../trpc/routers/integration";
import { templateRouter } from "../../trpc/routers/template";
import { getDb } from "@/db/client";

// The template use cases through a tRPC caller holding the template router (and the integration
// router, to connect Mitto as an admin would), against the Mitto fake over HTTP.

const createCaller = createCallerFactory(router({ template: templateRouter, integration: integrationRouter }));
const callerFor = async (user: SessionUser) => createCaller({ db: await getDb(), user });

let sandbox: Sandbox;
let mitto: MittoFake;
beforeAll(async () => {
  mitto = mittoFake();
  sandbox = await startSandbox({ port: 0, vendors: [mitto] });
  env.SANDBOX_URL = sandbox.url;
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.faults.clear();
  // Back to the seeded templates: tests below change them.
  mitto.resetTemplates();
});

const mittoSettings = {
  acceptTerms: true,
  username: MITTO_SANDBOX_CREDENTIALS.username,
  authMethod: "apiKey",
  apiKey: MITTO_SANDBOX_CREDENTIALS.apiKey,
};

async function workspaceWithMitto() {
  const ws = await createWorkspace();
  const admin = await callerFor(ws.admin);
  const connected = await admin.integration.connect({
    vendor: "mitto",
    label: "Mitto",
    sandbox: true,
    settings: mittoSettings,
  });
  if (!connected.ok || !connected.id) throw new Error(`Mitto did not connect: ${JSON.stringify(connected.checks)}`);
  return { ...ws, integrationId: connected.id, admin: ws.admin, api: admin };
}

const storedTemplates = async (integrationId: string) => {
  const db = await getDb();
  return db
    .select()
    .from(schema.templates)
    .where(eq(schema.templates.integrationId, integrationId))
    .orderBy(schema.templates.name);
};

describe("templates (tRPC template router)", () => {
  it("syncs Mitto's templates once per name and language, and a second sync changes nothing", async () => {
    const { db, workspace, api, integrationId } = await workspaceWithMitto();
    expect(await api.template.sync({ integrationId })).toEqual({
      added: 4,
      updated: 0,
      missing: 0,
      unchanged: 0,
      skipped: 0,
    });
    const rows = await storedTemplates(integrationId);
    expect(rows.map((r) => `${r.name}/${r.language}/${r.status}`)).toEqual([
      "appointment_reminder/en_US/APPROVED",
      "mcp_account/en/APPROVED",
      "summer_sale/en/PENDING",
      "win_back/en/REJECTED",
    ]);
    const reminder = rows[0];
    expect(reminder).toMatchObject({
      category: "UTILITY",
      placeholderCount: 3,
      missingSince: null,
      statusChangedAt: null,
      sampleValues: ["Maria", "tomorrow", "12:00 PM"],
    });
    expect(reminder?.body).toMatch(/^Hi \{\{1\}\}, this is a reminder/);
    expect(reminder?.components.map((c) => c.type)).toEqual(["HEADER", "BODY", "FOOTER"]);
    expect(reminder?.senderId).toBeTruthy();

    expect(await api.template.sync({ integrationId })).toEqual({
      added: 0,
      updated: 0,
      missing: 0,
      unchanged: 4,
      skipped: 0,
    });
    expect(await storedTemplates(integrationId)).toHaveLength(4);
    const audit = await db
      .select({
        action: schema.auditLog.action,
        actorKind: schema.auditLog.actorKind,
        details: schema.auditLog.details,
      })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, workspace.id), eq(schema.auditLog.action, "template.sync")));
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actorKind: "user" });
    expect(JSON.parse(audit[0]?.details ?? "{}")).toMatchObject({ added: 4 });
  });

  it("marks a template Mitto no longer reports as missing, keeps it, and unmarks it when it returns", async () => {
    const { api, integrationId } = await workspaceWithMitto();
    await api.template.sync({ integrationId });
    mitto.changeTemplate("win_back", "en", null);
    expect(await api.template.sync({ integrationId })).toMatchObject({ missing: 1, unchanged: 3 });
    const gone = (await storedTemplates(integrationId)).find((r) => r.name === "win_back");
    expect(gone).toMatchObject({ status: "REJECTED" });
    expect(gone?.missingSince).toBeInstanceOf(Date);
    // Still missing: not counted again, and still listed.
    expect(await api.template.sync({ integrationId })).toMatchObject({ missing: 0, unchanged: 3 });
    expect((await api.template.list({ search: "win" })).items[0]?.missingSince).toBeInstanceOf(Date);

    mitto.resetTemplates();
    expect(await api.template.sync({ integrationId })).toMatchObject({ updated: 1, unchanged: 3 });
    expect((await storedTemplates(integrationId)).find((r) => r.name === "win_back")?.missingSince).toBeNull();
  });

  it("records a status change with when it happened", async () => {
    const { api, integrationId } = await workspaceWithMitto();
    await api.template.sync({ integrationId });
    mitto.changeTemplate("summer_sale", "en", { status: "APPROVED" });
    expect(await api.template.sync({ integrationId })).toMatchObject({ updated: 1, unchanged: 3 });
    const sale = (await storedTemplates(integrationId)).find((r) => r.name === "summer_sale");
    expect(sale).toMatchObject({ status: "APPROVED" });
    expect(sale?.statusChangedAt).toBeInstanceOf(Date);
  });

  it("writes nothing when Mitto keeps failing, and says so", async () => {
    const { db, workspace, api, integrationId } = await workspaceWithMitto();
    sandbox.faults.add({ vendor: "mitto", kind: "error5xx", times: 1000, pathPrefix: "/api/v1/trafficAccounts/" });
    await expect(api.template.sync({ integrationId })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/Mitto had a server error.*Nothing was changed/) as unknown,
    });
    expect(await storedTemplates(integrationId)).toEqual([]);
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, workspace.id), eq(schema.auditLog.action, "template.sync")));
    expect(audit).toEqual([]);
  });

  it("filters by integration, status, language, category and name prefix, and pages by keyset", async () => {
    const { api, integrationId } = await workspaceWithMitto();
    await api.template.sync({ integrationId });
    const names = async (input: Parameters<typeof api.template.list>[0]) =>
      (await api.template.list(input)).items.map((t) => t.name);
    expect(await names({ status: "APPROVED" })).toEqual(["appointment_reminder", "mcp_account"]);
    expect(await names({ language: "en_US" })).toEqual(["appointment_reminder"]);
    expect(await names({ category: "MARKETING" })).toEqual(["summer_sale", "win_back"]);
    expect(await names({ search: "SUM" })).toEqual(["summer_sale"]);
    expect(await names({ integrationId, status: "REJECTED" })).toEqual(["win_back"]);
    expect(await names({ search: "%" })).toEqual([]);

    const first = await api.template.list({ limit: 3 });
    expect(first.items.map((t) => t.name)).toEqual(["appointment_reminder", "mcp_account", "summer_sale"]);
    expect(first.items[0]).toMatchObject({ integrationLabel: "Mitto", vendor: "mitto" });
    const second = await api.template.list({ limit: 3, cursor: first.nextCursor });
    expect(second.items.map((t) => t.name)).toEqual(["win_back"]);
    expect(second.nextCursor).toBeNull();
    await expect(api.template.list({ cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "BAD_REQUEST" });

    const filters = await api.template.filters();
    expect(filters.languages).toEqual(["en", "en_US"]);
    expect(filters.integrations).toEqual([
      expect.objectContaining({ id: integrationId, vendor: "mitto", syncable: true }),
    ]);
  });

  it("shows one template with its parts, a preview from sample values and the campaigns using it", async () => {
    const { db, workspace, api, integrationId } = await workspaceWithMitto();
    await api.template.sync({ integrationId });
    const reminder = (await storedTemplates(integrationId)).find((r) => r.name === "appointment_reminder");
    const id = reminder?.id ?? "";
    await db.insert(schema.campaigns).values({
      workspaceId: workspace.id,
      name: "Reminders",
      channel: "whatsapp",
      trigger: "scheduled",
      templateId: id,
    });
    const detail = await api.template.get({ id });
    expect(detail).toMatchObject({
      name: "appointment_reminder",
      placeholderCount: 3,
      placeholders: ["1", "2", "3"],
      header: { format: "TEXT", text: "Appointment reminder" },
      footer: "Switchboard demo",
      buttons: [],
    });
    // The preview is filled from the example values Mitto keeps with the template.
    expect(detail.preview.filter((p) => p.kind === "missing")).toEqual([]);
    expect(detail.preview.map((p) => p.text).join("")).toMatch(
      /^Hi Maria, this is a reminder of your appointment on tomorrow at 12:00 PM\./,
    );
    expect(detail.campaigns.map((c) => c.name)).toEqual(["Reminders"]);
    // A preview for a contact greets them by first name; the date and time keep their samples.
    expect(detail.placeholderFields).toEqual(["firstName", null, null]);
  });

  it("fills a preview's placeholders from the contact fields that fit them: by name, greeting or sample value", async () => {
    const { db, api, integrationId } = await workspaceWithMitto();
    const body = "{{store}} order {{1}} for {{first_name}}: we call {{3}} or write to {{4}}, {{Surname}}.";
    const [row] = await db
      .insert(schema.templates)
      .values({
        integrationId,
        externalId: "preview-fields",
        name: "order_update",
        language: "en",
        category: "UTILITY",
        status: "APPROVED",
        components: [{ type: "BODY", text: body }],
        body,
        placeholderCount: 6,
        sampleValues: ["Acme", "A-1042", "Ann", "+44 7911 123456", "ann@example.com", "Lee"],
      })
      .returning({ id: schema.templates.id });
    const detail = await api.template.get({ id: row?.id ?? "" });
    expect(detail.placeholders).toEqual(["store", "1", "first_name", "3", "4", "Surname"]);
    expect(detail.placeholderFields).toEqual([null, null, "firstName", "mobileNumber", "email", "lastName"]);
  });

  it("keeps workspaces apart", async () => {
    const { api, integrationId } = await workspaceWithMitto();
    await api.template.sync({ integrationId });
    const [anyTemplate] = await storedTemplates(integrationId);
    const other = await createWorkspace();
    const outsider = await callerFor(other.marketer);
    expect((await outsider.template.list({})).items).toEqual([]);
    await expect(outsider.template.get({ id: anyTemplate?.id ?? "" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.template.sync({ integrationId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await outsider.template.filters()).integrations).toEqual([]);
  });

  it("lets a marketer browse and sync", async () => {
    const { marketer, integrationId } = await workspaceWithMitto();
    const api = await callerFor(marketer);
    expect(await api.template.sync({ integrationId })).toMatchObject({ added: 4 });
    expect((await api.template.list({})).items).toHaveLength(4);
  });
});
