import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import deliverMessages from "../campaigns/deliver-messages";
import handOverQueued from "../campaigns/hand-over-queued";
import { dialerListUploaded } from "@/server/jobs/events";
import { mittoFake } from "@/server/sandbox/mitto";
import { callerFor, campaignDraft, connectMittoSandbox, createWorkspace, useSandbox } from "@/server/testing/fixtures";
import { captureEvents, runFunction } from "@/server/testing/inngest";
import { receiveInboundMessage } from "@/server/domains/conversation/receive-inbound-message";
import { rowsOf } from "@/server/lib/raw-rows";
import { findConsentState } from "@/server/domains/contact/reads";

// contact.erase through the tRPC caller and the real inbound and dialer paths: the person's data
// leaves every table, their opt-out stays as a keyed hash and is honoured by sends, new records
// and a START, and the erasure is audited without the data.

const mitto = mittoFake();
useSandbox([mitto]);
afterEach(() => vi.restoreAllMocks());

const NUMBER = "+4915130000001";
const DIGITS = NUMBER.slice(1);

async function setUp() {
  const sent = captureEvents();
  const ws = await createWorkspace();
  const { integrationId, senderId } = await connectMittoSandbox(ws.admin);
  const admin = await callerFor(ws.admin);
  const texts = (text: string) =>
    receiveInboundMessage(ws.db, {
      receiptId: randomUUID(),
      integrationId,
      message: {
        vendorMessageId: randomUUID(),
        from: NUMBER,
        to: null,
        text,
        attachments: [{ url: "https://example.com/photo.jpg" }],
        receivedAt: new Date().toISOString(),
      },
    });
  const { id: campaignId } = await admin.campaign.create(
    campaignDraft({ name: "Reminders", integrationId, senderId, trigger: "dialer", schedule: null }),
  );
  await admin.campaign.launch({ id: campaignId });
  // Uploads a dialer list of one line to NUMBER and delivers it; returns the outcome.
  const dialNumber = async () => {
    await admin.campaign.uploadList({ id: campaignId, csv: `${DIGITS},hsm:mcp_account:Zoe\n` });
    const uploaded = sent.filter((e) => e.name === dialerListUploaded.name).at(-1);
    const { sent: chunks } = await runFunction(handOverQueued, uploaded!, ["deliver-page-0"]);
    return (await runFunction(deliverMessages, chunks[0]!, [])).result;
  };
  const erased = () =>
    ws.db.select().from(schema.erasedOptOuts).where(eq(schema.erasedOptOuts.workspaceId, ws.workspace.id));
  return { ...ws, adminUser: ws.admin, integrationId, admin, texts, dialNumber, erased, campaignId };
}

/** Tables with a row whose text holds any of these values (every public table, audit log included). */
async function tablesMentioning(db: Awaited<ReturnType<typeof setUp>>["db"], values: string[]) {
  const tables = await rowsOf<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const patterns = values.map((v) => sql`t::text ilike ${`%${v}%`}`);
  const found: string[] = [];
  for (const { name } of tables) {
    const hit = await rowsOf(
      db,
      sql`select 1 from ${sql.identifier(name)} t where ${sql.join(patterns, sql` or `)} limit 1`,
    );
    if (hit.length > 0) found.push(name);
  }
  return found;
}

describe("erasing a contact", () => {
  it("removes its personal data and message bodies everywhere, keeps its opt-out as a hash, and audits it without the data", async () => {
    const s = await setUp();
    const { id } = await s.admin.contact.create({
      mobileNumber: NUMBER,
      email: "zoe.erasable@example.com",
      firstName: "Zoeerasable",
      lastName: "Quuxington",
      city: "Hamburg",
      permissions: { whatsapp: "opt_in", email: "opt_in" },
    });
    expect(await s.dialNumber()).toEqual({ sent: 1, failed: 0, skipped: 0 });
    await s.texts("Where is my parcel, Quuxington here");
    await s.texts("STOP");
    // A vendor callback as recorded, processed, naming the number.
    await s.db.insert(schema.webhookReceipts).values({
      integrationId: s.integrationId,
      source: "mitto",
      kind: "inbound",
      idempotencyKey: randomUUID(),
      body: JSON.stringify({ from: DIGITS, text: "Where is my parcel" }),
      processedAt: new Date(),
    });
    // Before: the contact, its consent ledger and states, the message, the inbound messages, the
    // conversation and the callback all hold some of it.
    expect(await tablesMentioning(s.db, [DIGITS, "Quuxington", "zoe.erasable"])).toEqual(
      expect.arrayContaining([
        "contacts",
        "consent_events",
        "consent_states",
        "messages",
        "inbound_messages",
        "conversation_messages",
        "webhook_receipts",
      ]),
    );

    await expect(s.admin.contact.erase({ id, confirmation: "+49 151 30000002" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const result = await s.admin.contact.erase({ id, confirmation: "+49 151 30000001" });
    expect(result).toMatchObject({ id, optOutsKept: ["whatsapp"] });

    expect(await tablesMentioning(s.db, [DIGITS, "Quuxington", "zoe.erasable", "parcel"])).toEqual([]);
    await expect(s.admin.contact.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // The campaign keeps its count: the message stays, sent, without number, text or contact.
    const messages = await s.db.select().from(schema.messages).where(eq(schema.messages.campaignId, s.campaignId));
    expect(messages).toEqual([
      expect.objectContaining({ status: "sent", toNumber: "", body: null, parameters: [], contactId: null }),
    ]);
    const inbound = await s.db
      .select()
      .from(schema.inboundMessages)
      .where(eq(schema.inboundMessages.integrationId, s.integrationId));
    expect(inbound).toHaveLength(2);
    for (const row of inbound)
      expect(row).toMatchObject({ body: null, attachments: [], fromNumber: "", contactId: null });
    expect(await s.erased()).toEqual([expect.objectContaining({ channel: "whatsapp", source: "keyword" })]);
    expect(await findConsentState(s.db, s.workspace.id, "whatsapp", NUMBER)).toBe("opt_out");
    const [audit] = await s.db
      .select()
      .from(schema.auditLog)
      .where(eq(schema.auditLog.action, "contact.erase"))
      .then((rows) => rows.filter((r) => r.workspaceId === s.workspace.id));
    expect(audit).toMatchObject({ actorUserId: s.adminUser.userId, targetType: "contact", targetId: id });
    expect(JSON.parse(audit!.details)).toMatchObject({
      optOutsKept: ["whatsapp"],
      erased: { messages: 1, inbound: 2 },
    });
  });

  it("keeps honouring the opt-out: a dialer line is skipped, a new contact starts opted out, and a START opts the number back in", async () => {
    const s = await setUp();
    const { id } = await s.admin.contact.create({ mobileNumber: NUMBER, firstName: "Zoe" });
    await s.texts("STOP");
    await s.admin.contact.erase({ id, confirmation: "ERASE" });

    // A send to the number: skipped as opted out, found by its hash.
    expect(await s.dialNumber()).toEqual({ sent: 0, failed: 0, skipped: 1 });
    const [line] = await s.db.select().from(schema.messages).where(eq(schema.messages.campaignId, s.campaignId));
    expect(line).toMatchObject({ status: "skipped", errorCode: "opted_out", contactId: null });

    // A new record with the number starts opted out, and cannot opt it in as a side effect.
    await expect(
      s.admin.contact.create({ mobileNumber: NUMBER, permissions: { whatsapp: "opt_in" } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const { id: again } = await s.admin.contact.create({ mobileNumber: NUMBER, firstName: "Zoe" });
    expect((await s.admin.contact.get({ id: again })).consent.whatsapp).toMatchObject({
      state: "opt_out",
      source: "keyword",
    });
    // The ledger is its source again: the hash is gone.
    expect(await s.erased()).toEqual([]);

    // Erased once more, then a START from the number (a contact no longer) opts it back in; the
    // reply opens a conversation with a new contact made from it.
    await s.admin.contact.erase({ id: again, confirmation: NUMBER });
    expect(await s.erased()).toHaveLength(1);
    expect(await s.texts("START")).toMatchObject({ contactId: expect.any(String) as unknown, optedIn: true });
    expect(await s.erased()).toEqual([]);
    expect(await findConsentState(s.db, s.workspace.id, "whatsapp", NUMBER)).toBe("opt_in");
  });

  it("is for admins only", async () => {
    const s = await setUp();
    const { id } = await s.admin.contact.create({ mobileNumber: NUMBER });
    const marketer = await callerFor(s.marketer);
    await expect(marketer.contact.erase({ id, confirmation: "ERASE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await s.admin.contact.get({ id })).toMatchObject({ mobileNumber: NUMBER });
  });
});
