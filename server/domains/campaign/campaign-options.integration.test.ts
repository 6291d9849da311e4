import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { env } from "../../env";
import { inngest } from "../../jobs/client";
import { mittoFake } from "../../sandbox/mitto";
import { startSandbox, type Sandbox } from "../../sandbox/server";
import { callerFor, campaignDraft, connectMittoSandbox, createWorkspace } from "../../testing/fixtures";
import { exportCampaignMessages } from "./export-messages";

// campaign.options (the builder's dropdowns, for both roles) and the recipients CSV export,
// against a real database and the Mitto sandbox over HTTP.

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [mittoFake()] });
  env.SANDBOX_URL = sandbox.url;
  // Creating contacts emits "contact activated"; no Inngest server listens here.
  vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
});
afterAll(() => {
  vi.restoreAllMocks();
  return sandbox.close();
});

async function setUp() {
  const ws = await createWorkspace();
  const api = await callerFor(ws.marketer);
  const { integrationId } = await connectMittoSandbox(ws.admin);
  return { ...ws, api, mittoId: integrationId };
}

describe("campaign.options", () => {
  it("lists active messaging integrations with their active senders, approved templates, segments and attribute keys, without secrets", async () => {
    const { db, workspace, api, mittoId } = await setUp();
    // Not offered: a disabled Wavy, and a Salesforce integration (it sends no messages).
    await db.insert(schema.integrations).values([
      { workspaceId: workspace.id, vendor: "wavy", label: "Old Wavy", status: "disabled" },
      { workspaceId: workspace.id, vendor: "salesforce", label: "Cases", status: "active" },
      { workspaceId: workspace.id, vendor: "attentive", label: "Attentive SMS", status: "active" },
    ]);
    const [sender] = await db
      .select()
      .from(schema.senders)
      .where(eq(schema.senders.integrationId, mittoId))
      .orderBy(schema.senders.name);
    await db
      .update(schema.senders)
      .set({ active: false })
      .where(and(eq(schema.senders.integrationId, mittoId), eq(schema.senders.id, sender?.id ?? "")));
    await api.contact.create({
      mobileNumber: "+4915110000001",
      firstName: "Ana",
      attributes: [
        { key: "OPTIN", value: "YES" },
        { key: "tier", value: "gold" },
      ],
    });
    await api.contact.create({
      mobileNumber: "+4915110000002",
      firstName: "Ben",
      attributes: [{ key: "OPTIN", value: "NO" }],
    });
    const segment = await api.segment.create({
      name: "Germany",
      definition: {
        kind: "group",
        combinator: "and",
        children: [{ kind: "field", field: "country", operator: "eq", value: "DE" }],
      },
    });

    const options = await api.campaign.options();

    expect(options.integrations.map((i) => `${i.label}/${i.vendor}/${i.channel}`)).toEqual([
      "Attentive SMS/attentive/sms",
      "Mitto/mitto/whatsapp",
    ]);
    const mitto = options.integrations.find((i) => i.id === mittoId);
    expect(mitto?.senders.length).toBeGreaterThan(0);
    expect(mitto?.senders.map((s) => s.id)).not.toContain(sender?.id);
    expect(options.templates.map((t) => t.name).sort()).toEqual(["appointment_reminder", "mcp_account"]);
    expect(options.templates.find((t) => t.name === "mcp_account")).toMatchObject({
      integrationId: mittoId,
      language: "en",
      placeholderCount: 1,
    });
    expect(options.segments).toEqual([{ id: segment.id, name: "Germany", lastCount: expect.anything() as unknown }]);
    expect(options.attributeKeys).toEqual(["OPTIN", "tier"]);
    const json = JSON.stringify(options);
    expect(json).not.toMatch(/secret|password|apiKey|config/i);
  });

  it("shows nothing of another workspace", async () => {
    await setUp();
    const other = await createWorkspace();
    const options = await (await callerFor(other.marketer)).campaign.options();
    expect(options).toEqual({ integrations: [], templates: [], segments: [], attributeKeys: [], timeZone: "UTC" });
  });
});

describe("recipients CSV export", () => {
  it("streams every message with quoting and a formula guard, and refuses another workspace's campaign", async () => {
    const { db, workspace, api, marketer, mittoId } = await setUp();
    const ana = await api.contact.create({
      mobileNumber: "+4915110000001",
      firstName: '=HYPERLINK("x")',
      lastName: "Smith, Jr.",
    });
    const campaign = await api.campaign.create(
      campaignDraft({ name: "Export", integrationId: mittoId, schedule: null }),
    );
    await db.insert(schema.messages).values([
      {
        workspaceId: workspace.id,
        campaignId: campaign.id,
        contactId: ana.id,
        integrationId: mittoId,
        channel: "whatsapp",
        toNumber: "+4915110000001",
        occurrence: "now:1",
        status: "failed",
        errorCode: "131026",
        errorMessage: "Message undeliverable",
      },
      {
        workspaceId: workspace.id,
        campaignId: campaign.id,
        contactId: null,
        integrationId: mittoId,
        channel: "whatsapp",
        toNumber: "+4915110000009",
        occurrence: "test:1",
        status: "sent",
        vendorMessageId: "abc",
      },
    ]);

    let csv = "";
    for await (const chunk of await exportCampaignMessages(db, marketer, campaign.id)) csv += chunk;
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "contact_id,first_name,last_name,number,status,status_at,error_code,error_message,vendor_message_id,occurrence",
    );
    expect(lines).toHaveLength(3);
    expect(csv).toContain(`${ana.id},"'=HYPERLINK(""x"")","Smith, Jr.",+4915110000001,failed,`);
    expect(csv).toContain(",131026,Message undeliverable,,now:1");
    expect(csv).toMatch(/,\+4915110000009,sent,[^,]+,,,abc,test:1/);

    const other = await createWorkspace();
    await expect(exportCampaignMessages(db, other.marketer, campaign.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
