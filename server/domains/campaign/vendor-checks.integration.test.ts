import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { attentiveFake, ATTENTIVE_SANDBOX_CREDENTIALS } from "@/server/sandbox/attentive";
import { wavyFake, WAVY_SANDBOX_CREDENTIALS } from "@/server/sandbox/wavy";
import { callerFor, campaignDraft, createWorkspace, useSandbox } from "@/server/testing/fixtures";
import { captureEvents } from "@/server/testing/inngest";
import { deliverMessages } from "./deliver-messages";
import { queueRecipients } from "./queue-recipients";

// The vendors' own checks of a destination before a campaign sends to it, through the real path
// (tRPC caller -> database -> delivery run -> sandbox over HTTP): Wavy's SMS RegExp and
// Attentive's eligibility lookup. A refused number is skipped with the reason, never sent.

const wavy = wavyFake();
const attentive = attentiveFake();
useSandbox([wavy, attentive]);
afterEach(() => vi.restoreAllMocks());

/** A workspace with two opted-in contacts on `channel`, and an integration connected by its admin. */
async function workspaceWith(
  channel: "whatsapp" | "sms",
  numbers: string[],
  connect: (admin: Awaited<ReturnType<typeof callerFor>>) => Promise<{ ok: boolean; id: string | null }>,
) {
  captureEvents();
  const ws = await createWorkspace();
  const admin = await callerFor(ws.admin);
  const api = await callerFor(ws.marketer);
  const connected = await connect(admin);
  if (!connected.ok || !connected.id) throw new Error("the integration did not connect");
  for (const [i, mobileNumber] of numbers.entries())
    await api.contact.create({ mobileNumber, firstName: `Person ${i + 1}`, permissions: { [channel]: "opt_in" } });
  const segment = await api.segment.create({
    name: "Everyone",
    definition: {
      kind: "group",
      combinator: "and",
      children: [{ kind: "field", field: "firstName", operator: "starts_with", value: "Person" }],
    },
  });
  return { ...ws, admin, api, integrationId: connected.id, segmentId: segment.id };
}

/** Launches the campaign, queues its audience and runs one delivery over it: each number's outcome. */
async function sendNow(ws: Awaited<ReturnType<typeof workspaceWith>>, id: string) {
  await ws.api.campaign.launch({ id });
  const { queued } = await queueRecipients(ws.db, {
    campaignId: id,
    occurrence: "now",
    contactId: null,
    after: null,
    zones: null,
  });
  const tally = await deliverMessages(ws.db, id, queued);
  const rows = await ws.db
    .select({
      to: schema.messages.toNumber,
      status: schema.messages.status,
      errorCode: schema.messages.errorCode,
      errorMessage: schema.messages.errorMessage,
    })
    .from(schema.messages)
    .where(eq(schema.messages.campaignId, id));
  return { tally, byNumber: Object.fromEntries(rows.map((r) => [r.to, r])) };
}

describe("vendor checks before sending", () => {
  it("skips a number that does not match the Wavy integration's SMS RegExp, naming it, and sends the rest", async () => {
    const BR = "+5511987654321";
    const DE = "+4915112345678";
    const ws = await workspaceWith("whatsapp", [BR, DE], (admin) =>
      admin.integration.connect({
        vendor: "wavy",
        label: "Wavy BR only",
        sandbox: true,
        // Brazilian numbers only, written with or without the +.
        settings: { ...WAVY_SANDBOX_CREDENTIALS, smsRegExp: "^55" },
      }),
    );
    // The HSM code the Wavy sandbox approves, added by hand as an admin would.
    const { id: templateId } = await ws.admin.template.create({
      integrationId: ws.integrationId,
      name: "chatclub_open_session_v2",
      language: "pt_BR",
      category: "UTILITY",
      body: "{{1}} reports: {{2}}",
      status: "APPROVED",
    });
    const [sender] = (await ws.admin.integration.get({ id: ws.integrationId })).senders;
    const { id } = await ws.api.campaign.create(
      campaignDraft({
        name: "Wavy regexp",
        integrationId: ws.integrationId,
        senderId: sender!.id,
        templateId,
        segmentId: ws.segmentId,
        placeholderMappings: [
          { kind: "fixed", value: "Integra" },
          { kind: "field", field: "first_name" },
        ],
      }),
    );
    const { tally, byNumber } = await sendNow(ws, id);
    expect(tally).toEqual({ sent: 1, failed: 0, skipped: 1 });
    expect(byNumber[BR]?.status).toBe("sent");
    expect(byNumber[DE]).toMatchObject({
      status: "skipped",
      errorCode: "number_not_allowed",
      errorMessage: "The number does not match the integration's SMS RegExp (^55)",
    });
    expect(wavy.messages.filter((m) => m.destination === DE.slice(1))).toEqual([]);
    expect(wavy.messages.filter((m) => m.destination === BR.slice(1)).map((m) => m.text)).toEqual([
      "Integra reports: Person 1",
    ]);
  });

  it("skips an Attentive number that is not eligible for texts, and shows sent ones as accepted, with no overdue reports", async () => {
    const SUBSCRIBED = "+17705550123"; // subscribed to texts in the Attentive sandbox
    const UNKNOWN = "+17705550177"; // Attentive knows no subscription for it (404)
    const ws = await workspaceWith("sms", [SUBSCRIBED, UNKNOWN], (admin) =>
      admin.integration.connect({
        vendor: "attentive",
        label: "Attentive",
        sandbox: true,
        settings: ATTENTIVE_SANDBOX_CREDENTIALS,
      }),
    );
    const { id } = await ws.api.campaign.create(
      campaignDraft({
        name: "Attentive eligibility",
        channel: "sms",
        integrationId: ws.integrationId,
        smsBody: "Hi {{first_name}}, your points are waiting.",
        segmentId: ws.segmentId,
      }),
    );
    const { tally, byNumber } = await sendNow(ws, id);
    expect(tally).toEqual({ sent: 1, failed: 0, skipped: 1 });
    expect(byNumber[SUBSCRIBED]?.status).toBe("sent");
    expect(byNumber[UNKNOWN]).toMatchObject({
      status: "skipped",
      errorCode: "not_eligible",
      errorMessage: "Attentive has no text subscription for this number",
    });
    expect(attentive.sent.map((s) => s.to)).not.toContain(UNKNOWN);

    // Attentive only accepts a text: the campaign says so and waits for no report.
    const later = new Date(Date.now() + 60 * 60_000);
    vi.useFakeTimers({ now: later, toFake: ["Date"] });
    const detail = await ws.api.campaign.get({ id });
    vi.useRealTimers();
    expect(detail.reportsDelivery).toBe(false);
    expect(detail.funnel).toMatchObject({ sent: 1, skipped: 1, overdueReports: 0 });
  });
});
