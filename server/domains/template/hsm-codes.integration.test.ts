import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@/db/client";
import { wavyFake, WAVY_SANDBOX_CREDENTIALS } from "../../sandbox/wavy";
import { callerFor, campaignDraft, createWorkspace, useSandbox } from "../../testing/fixtures";

// HSM codes kept by hand for a Wavy integration connected in the test (not the demo seed),
// through the tRPC caller against the Wavy fake.

useSandbox([wavyFake()]);

async function setUp() {
  const ws = await createWorkspace();
  const api = await callerFor(ws.admin);
  const connected = await api.integration.connect({
    vendor: "wavy",
    label: "Wavy BR",
    sandbox: true,
    settings: { ...WAVY_SANDBOX_CREDENTIALS, dids: ["+5511987650000"] },
  });
  if (!connected.ok || !connected.id) throw new Error(JSON.stringify(connected.checks));
  return { ...ws, api, integrationId: connected.id };
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );

const GOOD_CSV = [
  "code,language,category,body,status",
  "chatclub_open_session_v2,pt_BR,utility,{{1}} reports: {{2}},approved",
  'appointment_reminder,en_US,UTILITY,"Hi {{1}}, your appointment is on {{2}} at {{3}}.",APPROVED',
  "welcome_back,es_AR,MARKETING,Hola de nuevo,",
].join("\n");

describe("HSM codes kept by hand (template router)", () => {
  it("derives the placeholder count from the body, never from input, and shows the same preview as a synced template", async () => {
    const { api, integrationId, db, workspace } = await setUp();
    const { id } = await api.template.create({
      integrationId,
      name: "order_ready",
      language: "en_US",
      category: "UTILITY",
      body: "Hi {{1}}, order {{2}} is ready. {{1}}, bring {{3}}.",
      status: "APPROVED",
    });
    const template = await api.template.get({ id });
    expect(template).toMatchObject({ placeholderCount: 3, placeholders: ["1", "2", "3"], vendor: "wavy" });
    expect(template.preview.filter((p) => p.kind === "missing").map((p) => p.key)).toEqual(["1", "2", "1", "3"]);
    const listed = await api.template.list({ integrationId, search: "", limit: 50 });
    expect(listed.items.map((t) => [t.name, t.placeholderCount])).toEqual([["order_ready", 3]]);

    // A gap or a named placeholder is refused on the body field.
    for (const body of ["Hi {{1}}, see {{3}}", "Hi {{name}}"])
      expect(
        await errorOf(
          api.template.create({
            integrationId,
            name: "bad",
            language: "en",
            category: "UTILITY",
            body,
            status: "APPROVED",
          }),
        ),
      ).toMatchObject({ code: "BAD_REQUEST" });

    // The count follows an edit of the body, and the edit is audited.
    await api.template.update({
      id,
      data: { category: "UTILITY", body: "Hi {{1}}, order {{2}} is ready.", status: "APPROVED" },
    });
    expect((await api.template.get({ id })).placeholderCount).toBe(2);
    const audit = await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, workspace.id), eq(schema.auditLog.targetId, id)));
    expect(audit.map((a) => a.action)).toEqual(["template.create", "template.update"]);
  });

  it("is for admins of the integration's workspace only", async () => {
    const { marketer, api, integrationId } = await setUp();
    const asMarketer = await callerFor(marketer);
    expect(await errorOf(asMarketer.template.importCsv({ integrationId, csv: GOOD_CSV }))).toMatchObject({
      code: "FORBIDDEN",
    });
    // Another workspace's admin cannot reach this integration.
    const other = await setUp();
    expect(await errorOf(other.api.template.importCsv({ integrationId, csv: GOOD_CSV }))).toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await api.template.list({ integrationId, search: "", limit: 50 })).items).toEqual([]);
  });

  it("imports three HSM codes from a CSV; a bad file names each line, column and reason and changes nothing", async () => {
    const { api, integrationId, db, workspace } = await setUp();
    const bad = [
      "code,language,category,body,status",
      "good_one,en,UTILITY,Fine {{1}},APPROVED",
      "Bad Code,en,UTILITY,Hello,APPROVED",
      "gap_code,pt_BR,PROMO,Hi {{2}},APPROVED",
      "good_one,en,UTILITY,Again,APPROVED",
    ].join("\n");
    const refused = await errorOf(api.template.importCsv({ integrationId, csv: bad }));
    expect(refused?.code).toBe("BAD_REQUEST");
    expect(refused?.message).toContain("Nothing was imported");
    expect(refused?.message).toContain("line 3, code: An HSM code is lower-case letters, digits and underscores");
    expect(refused?.message).toContain("line 4, category: Choose Marketing, Utility or Authentication");
    expect(refused?.message).toContain("line 4, body: Placeholders run {{1}}, {{2}}… without gaps: {{1}} is missing");
    expect(refused?.message).toContain("line 5, code: good_one (en) is already on line 2");
    expect(refused?.message).toContain("Fix these 4 problems");
    expect(refused?.message).not.toContain("line 2,");
    expect((await api.template.list({ integrationId, search: "", limit: 50 })).items).toEqual([]);

    expect(await api.template.importCsv({ integrationId, csv: GOOD_CSV })).toEqual({
      added: 3,
      updated: 0,
      unchanged: 0,
    });
    const listed = await api.template.list({ integrationId, search: "", limit: 50 });
    expect(listed.items.map((t) => [t.name, t.language, t.category, t.status, t.placeholderCount])).toEqual([
      ["appointment_reminder", "en_US", "UTILITY", "APPROVED", 3],
      ["chatclub_open_session_v2", "pt_BR", "UTILITY", "APPROVED", 2],
      ["welcome_back", "es_AR", "MARKETING", "APPROVED", 0],
    ]);
    // The same file again changes nothing.
    expect(await api.template.importCsv({ integrationId, csv: GOOD_CSV })).toEqual({
      added: 0,
      updated: 0,
      unchanged: 3,
    });
    const audit = await db
      .select({ action: schema.auditLog.action })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, workspace.id), eq(schema.auditLog.action, "template.import")));
    expect(audit).toHaveLength(2);

    // Sync still refuses Wavy, pointing at adding codes by hand.
    expect(await errorOf(api.template.sync({ integrationId }))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("adds its HSM codes by hand") as unknown,
    });
  });

  it("flags a draft campaign whose HSM code is edited or retired; a retired code is no longer offered to campaigns", async () => {
    const { api, integrationId } = await setUp();
    await api.template.importCsv({ integrationId, csv: GOOD_CSV });
    const [sender] = (await api.integration.get({ id: integrationId })).senders;
    const templates = (await api.template.list({ integrationId, search: "", limit: 50 })).items;
    const chatclub = templates.find((t) => t.name === "chatclub_open_session_v2")!;
    const draft = campaignDraft({
      name: "Chat club",
      integrationId,
      senderId: sender!.id,
      templateId: chatclub.id,
      segmentId: null,
      trigger: "contact_activated",
      placeholderMappings: [
        { kind: "fixed", value: "Integra" },
        { kind: "fixed", value: "Operation performed" },
      ],
    });
    const campaign = await api.campaign.create(draft);
    const templateIssues = async () =>
      (await api.campaign.get({ id: campaign.id })).launchIssues.filter((i) => i.field === "templateId");
    expect(await templateIssues()).toEqual([]);

    // Saving the same values is no edit: nothing is flagged.
    await api.template.update({
      id: chatclub.id,
      data: { category: "UTILITY", body: "{{1}} reports: {{2}}", status: "APPROVED" },
    });
    expect(await templateIssues()).toEqual([]);

    await api.template.update({
      id: chatclub.id,
      data: { category: "UTILITY", body: "{{1}} says: {{2}}", status: "APPROVED" },
    });
    expect(await templateIssues()).toEqual([
      {
        field: "templateId",
        message:
          "chatclub_open_session_v2 was edited after this campaign was last saved; check its placeholders and preview, then save again",
      },
    ]);
    // Saved again after looking: no longer flagged.
    await api.campaign.update({ id: campaign.id, data: draft });
    expect(await templateIssues()).toEqual([]);

    await api.template.retire({ id: chatclub.id });
    expect(await templateIssues()).toEqual([
      { field: "templateId", message: "chatclub_open_session_v2 was retired by an admin; choose another template" },
    ]);
    expect((await api.template.get({ id: chatclub.id })).retiredAt).toBeInstanceOf(Date);
    // Still listed in the browser (marked), no longer offered to campaigns.
    const options = await api.campaign.options();
    expect(options.templates.map((t) => t.name)).not.toContain("chatclub_open_session_v2");
    expect(options.templates.map((t) => t.name)).toContain("appointment_reminder");
  });
});
