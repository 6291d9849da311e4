import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { campaignMessagesQueued, dialerListUploaded } from "@/server/jobs/events";
import { mittoFake } from "@/server/sandbox/mitto";
import { callerFor, campaignDraft, connectMittoSandbox, createWorkspace, useSandbox } from "@/server/testing/fixtures";
import { captureEvents, runFunction, type SentEvent } from "@/server/testing/inngest";
import { receiveInboundMessage } from "@/server/domains/conversation/receive-inbound-message";
import deliverMessages from "./deliver-messages";
import handOverQueued from "./hand-over-queued";

// The WhatsApp dialer: a marketer uploads a uContact CSV (number,hsm:code:data1:data2) to a
// launched dialer campaign. Every line is checked before anything is queued; a good list is
// sent line by line through the Mitto sandbox, each line with its own template and values.

const mitto = mittoFake();
useSandbox([mitto]);
afterEach(() => vi.restoreAllMocks());

async function launchedDialerCampaign() {
  const { db, admin, marketer } = await createWorkspace();
  const api = await callerFor(marketer);
  const { integrationId, senderId } = await connectMittoSandbox(admin);
  const { id } = await api.campaign.create(
    campaignDraft({ name: "Appointment dialer", integrationId, senderId, trigger: "dialer", schedule: null }),
  );
  const messages = () => db.select().from(schema.messages).where(eq(schema.messages.campaignId, id));
  return { db, api, id, messages, integrationId };
}

describe("a dialer campaign", () => {
  it("cannot take a list before it is launched", async () => {
    captureEvents();
    const { api, id } = await launchedDialerCampaign();
    await expect(api.campaign.uploadList({ id, csv: "4915110000001,hsm:mcp_account:Ana\n" })).rejects.toThrow(
      /Launch the campaign before uploading a list \(it is draft\)/,
    );
  });

  it("refuses a list with bad lines, naming each line, and queues nothing", async () => {
    const sent = captureEvents();
    const { api, id, messages } = await launchedDialerCampaign();
    expect(await api.campaign.launch({ id })).toMatchObject({ status: "active" });
    const csv = [
      "number,message",
      "4915110000001,hsm:mcp_account:Ana",
      "12,hsm:mcp_account:Ben",
      "4915110000003,mcp_account:Cem",
      "4915110000004,hsm:no_such_code:Dia",
      "4915110000005,hsm:appointment_reminder:Eva:tomorrow",
      "+49 151 10000001,hsm:mcp_account:Ana again",
    ].join("\n");
    const error = await api.campaign.uploadList({ id, csv }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toMatch(/^The list was not sent\. Fix these 5 lines:/);
    expect(message).toContain("line 3: 12: This is not a valid mobile number");
    expect(message).toContain('line 4: the message must read hsm:<hsm_code>:<data1>:<data2>, not "mcp_account:Cem"');
    expect(message).toContain("line 5: no approved template is called no_such_code");
    expect(message).toContain("line 6: appointment_reminder needs 3 values after the code, got 2");
    expect(message).toContain("line 7: +4915110000001 is already on line 2");
    expect(await messages()).toHaveLength(0);
    expect(sent.filter((e) => e.name === dialerListUploaded.name)).toHaveLength(0);
  });

  it("sends each line once with its own template and values", async () => {
    const sent = captureEvents();
    const { api, id, messages } = await launchedDialerCampaign();
    await api.campaign.launch({ id });
    const before = mitto.messages.length;
    const csv = "4915110000001,hsm:mcp_account:Ana\r\n+4915110000002,hsm:appointment_reminder:Ben:Monday:10:00\r\n";
    // Colons split the values, so a time cannot hold one: this line has 4 values for 3 placeholders.
    await expect(api.campaign.uploadList({ id, csv })).rejects.toThrow(
      /line 2: appointment_reminder needs 3 values after the code, got 4/,
    );

    const good = "4915110000001,hsm:mcp_account:Ana\r\n+4915110000002,hsm:appointment_reminder:Ben:Monday:10 AM\r\n";
    expect(await api.campaign.uploadList({ id, csv: good })).toMatchObject({ lines: 2 });
    const [uploaded] = sent.filter((e) => e.name === dialerListUploaded.name);

    const handed: SentEvent[] = [];
    const first = await runFunction(handOverQueued, uploaded!, ["deliver-page-0"]);
    expect(first.result).toEqual({ handed: 2 });
    handed.push(...first.sent);
    const chunks = handed.filter((e) => e.name === campaignMessagesQueued.name);
    expect(chunks).toHaveLength(1);
    const delivered = await runFunction(deliverMessages, chunks[0]!, []);
    expect(delivered.result).toEqual({ sent: 2, failed: 0, skipped: 0 });
    // A redelivered chunk and a re-run of the upload send nothing twice.
    expect((await runFunction(deliverMessages, chunks[0]!, [])).result).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect((await runFunction(handOverQueued, uploaded!, ["deliver-page-0"])).result).toEqual({ handed: 0 });

    const texts = mitto.messages.slice(before).map((m) => m.text);
    expect(texts.sort()).toEqual([
      "Dear Ana, your Mitto Dashboard account was successfully created. Please check your email inbox.",
      "Hi Ben, this is a reminder of your appointment on Monday at 10 AM. Reply STOP to opt out.",
    ]);
    const rows = await messages();
    expect(rows.map((r) => [r.toNumber, r.externalRef, r.status]).sort()).toEqual([
      ["+4915110000001", "line:1", "sent"],
      ["+4915110000002", "line:2", "sent"],
    ]);
  });

  it("does not send to a number that opted out since the upload", async () => {
    const sent = captureEvents();
    const { api, id, messages } = await launchedDialerCampaign();
    await api.campaign.launch({ id });
    await api.contact.create({ mobileNumber: "+4915110000009", country: "DE", permissions: { whatsapp: "opt_out" } });
    await api.campaign.uploadList({ id, csv: "4915110000009,hsm:mcp_account:Ida\n" });
    const [uploaded] = sent.filter((e) => e.name === dialerListUploaded.name);
    const { sent: chunks } = await runFunction(handOverQueued, uploaded!, ["deliver-page-0"]);
    expect((await runFunction(deliverMessages, chunks[0]!, [])).result).toEqual({ sent: 0, failed: 0, skipped: 1 });
    const [row] = await messages();
    expect(row).toMatchObject({ status: "skipped", errorCode: "opted_out" });
    expect(row?.contactId).not.toBeNull();
  });

  it("does not send to a number that texted STOP without ever being a contact", async () => {
    const sent = captureEvents();
    const { db, api, id, messages, integrationId } = await launchedDialerCampaign();
    await api.campaign.launch({ id });
    await receiveInboundMessage(db, {
      receiptId: randomUUID(),
      integrationId,
      message: {
        vendorMessageId: randomUUID(),
        from: "+4915110000010",
        to: null,
        text: "STOP",
        attachments: [],
        receivedAt: new Date().toISOString(),
      },
    });
    await api.campaign.uploadList({ id, csv: "4915110000010,hsm:mcp_account:Jo\n4915110000011,hsm:mcp_account:Kai\n" });
    const [uploaded] = sent.filter((e) => e.name === dialerListUploaded.name);
    const { sent: chunks } = await runFunction(handOverQueued, uploaded!, ["deliver-page-0"]);
    expect((await runFunction(deliverMessages, chunks[0]!, [])).result).toEqual({ sent: 1, failed: 0, skipped: 1 });
    const rows = await messages();
    const stopped = rows.find((r) => r.toNumber === "+4915110000010");
    expect(stopped).toMatchObject({ status: "skipped", errorCode: "opted_out" });
    // The STOP made the number a contact (so an agent sees the reply), opted out, never in.
    const [contact] = await db
      .select({ createdFrom: schema.contacts.createdFrom, whatsapp: schema.contacts.whatsappConsent })
      .from(schema.contacts)
      .where(eq(schema.contacts.id, stopped?.contactId ?? ""));
    expect(contact).toEqual({ createdFrom: "reply", whatsapp: "opt_out" });
    expect(rows.find((r) => r.toNumber === "+4915110000011")).toMatchObject({ status: "sent" });
  });
});
