import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { inngest } from "../../jobs/client";
import { mittoFake } from "../../sandbox/mitto";
import { callerFor, connectMittoSandbox, createWorkspace, useSandbox } from "../../testing/fixtures";
import { receiveInboundMessage } from "../conversation/receive-inbound-message";
import { findConsentState } from "./reads";
import { recordConsent } from "./record-consent";

// Consent belongs to the number: a STOP from a number nobody imported is honoured, and
// follows it into a contact made later, through the real inbound path and the tRPC caller.

const mitto = mittoFake();
useSandbox([mitto]);
afterEach(() => vi.restoreAllMocks());

async function setUp() {
  vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
  const ws = await createWorkspace();
  const { integrationId, templateId } = await connectMittoSandbox(ws.admin);
  const texts = (from: string, text: string) =>
    receiveInboundMessage(ws.db, {
      receiptId: randomUUID(),
      integrationId,
      message: {
        vendorMessageId: randomUUID(),
        from,
        to: null,
        text,
        attachments: [],
        receivedAt: new Date().toISOString(),
      },
    });
  const ledger = (address: string) =>
    ws.db
      .select()
      .from(schema.consentEvents)
      .where(and(eq(schema.consentEvents.workspaceId, ws.workspace.id), eq(schema.consentEvents.address, address)));
  return {
    ...ws,
    integrationId,
    templateId,
    texts,
    ledger,
    admin: await callerFor(ws.admin),
    marketer: await callerFor(ws.marketer),
  };
}

describe("number-level consent", () => {
  it("records a STOP from a number that is no contact, whose contact made from the reply stays opted out", async () => {
    const s = await setUp();
    // The reply makes the number a contact (so an agent sees it), marked as made from a reply.
    const stopped = await s.texts("+49 151 20000001", "Stop");
    expect(stopped).toMatchObject({ optedOut: true });
    const id = stopped.contactId ?? "";
    expect(await s.ledger("+4915120000001")).toEqual([
      expect.objectContaining({ channel: "whatsapp", state: "opt_out", source: "keyword", contactId: id }),
    ]);

    // A new record of the number is a duplicate, so cannot opt it back in as a side effect...
    await expect(
      s.marketer.contact.create({ mobileNumber: "+4915120000001", permissions: { whatsapp: "opt_in" } }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    // ...and the one made from the reply, filled in later, shows the number's opt-out and its history.
    await s.marketer.contact.update({ id, data: { firstName: "Ida" } });
    const contact = await s.marketer.contact.get({ id });
    expect(contact.consent.whatsapp).toMatchObject({ state: "opt_out", source: "keyword" });
    expect(contact.history).toEqual([
      expect.objectContaining({ state: "opt_out", evidence: "Replied “STOP” via mitto" }),
    ]);
    // Its START gives consent back to the number, for the contact too.
    expect(await s.texts("+4915120000001", "START")).toMatchObject({ contactId: id, optedIn: true });
    expect((await s.marketer.contact.get({ id })).consent.whatsapp).toMatchObject({ state: "opt_in" });
  });

  it("keeps a number's consent with the number, not with a contact that moves off it", async () => {
    const s = await setUp();
    const { id } = await s.admin.contact.create({
      mobileNumber: "+4915120000002",
      permissions: { whatsapp: "opt_in" },
    });
    await s.texts("+4915120000002", "STOP");
    await s.admin.contact.update({ id, data: { mobileNumber: "+4915120000003" } });
    // The contact's new number has no consent recorded; the old one stays opted out.
    expect((await s.admin.contact.get({ id })).consent.whatsapp).toBeNull();
    const { id: other } = await s.admin.contact.create({ mobileNumber: "+4915120000002" });
    expect((await s.admin.contact.get({ id: other })).consent.whatsapp).toMatchObject({ state: "opt_out" });
  });

  it("refuses an agent's reply to a number that opted out, and sends it again once the customer opts back in", async () => {
    const s = await setUp();
    const { id } = await s.marketer.contact.create({
      mobileNumber: "+4915120000004",
      permissions: { whatsapp: "opt_in" },
    });
    await s.texts("+4915120000004", "Is my order on its way?");
    const [conversation] = await s.db
      .select({ id: schema.conversations.id })
      .from(schema.conversations)
      .where(eq(schema.conversations.contactId, id));
    await s.texts("+4915120000004", "stop");
    // Mitto takes templates only (the template's one placeholder is the first name).
    const reply = {
      id: conversation?.id ?? "",
      kind: "template" as const,
      templateId: s.templateId,
      parameters: ["Ida"],
    };
    const sendsBefore = mitto.messages.length;
    await expect(s.marketer.conversation.reply(reply)).rejects.toMatchObject({
      message: expect.stringMatching(/^\+4915120000004 opted out of WhatsApp: nothing is sent/) as unknown,
    });
    expect(mitto.messages.length).toBe(sendsBefore);

    await s.texts("+4915120000004", "start");
    await s.marketer.conversation.reply(reply);
    expect(mitto.messages.length).toBe(sendsBefore + 1);
  });

  it("keeps each number's current state equal to its newest ledger event under concurrent opt-ins and opt-outs", async () => {
    const s = await setUp();
    const base = Date.UTC(2026, 0, 1);
    // 60 events over 3 numbers, recorded at once, their times shuffled and some tied.
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        s.db.transaction((tx) =>
          recordConsent(tx, {
            workspaceId: s.workspace.id,
            channel: "sms",
            address: `+44791112300${i % 3}`,
            contactId: null,
            state: (i * 7) % 5 < 2 ? "opt_out" : "opt_in",
            source: "api",
            actorUserId: null,
            at: new Date(base + ((i * 7919) % 20) * 1_000),
          }),
        ),
      ),
    );
    for (const address of ["+447911123000", "+447911123001", "+447911123002"]) {
      const [newest] = (await s.ledger(address)).sort(
        (a, b) => b.at.getTime() - a.at.getTime() || (a.state === "opt_out" ? -1 : 1),
      );
      expect(await findConsentState(s.db, s.workspace.id, "sms", address)).toBe(newest?.state);
    }
  });

  it("keeps each contact's copy of its number's consent equal to the number's state while both change at once", async () => {
    const s = await setUp();
    const number = (i: number) => `+4479111240${String(i).padStart(2, "0")}`;
    const consent = (i: number, n: number) =>
      s.db.transaction((tx) =>
        recordConsent(tx, {
          workspaceId: s.workspace.id,
          channel: "whatsapp",
          address: number(n),
          contactId: null,
          state: i % 3 === 0 ? "opt_in" : "opt_out",
          source: "api",
          actorUserId: null,
          at: new Date(Date.UTC(2026, 0, 1) + i * 1_000),
        }),
      );
    // Contacts created on numbers 0-4 while those numbers' consent changes...
    const created = await Promise.all([
      ...Array.from({ length: 5 }, (_, n) =>
        s.db
          .insert(schema.contacts)
          .values({ workspaceId: s.workspace.id, mobileNumber: number(n) })
          .returning({ id: schema.contacts.id }),
      ),
      ...Array.from({ length: 20 }, (_, i) => consent(i, i % 5)),
    ]);
    // ...then moved to numbers 5-9 while theirs changes.
    const ids = created.slice(0, 5).map((rows) => (rows as { id: string }[])[0]?.id ?? "");
    await Promise.all([
      ...ids.map((id, n) =>
        s.db
          .update(schema.contacts)
          .set({ mobileNumber: number(n + 5) })
          .where(eq(schema.contacts.id, id)),
      ),
      ...Array.from({ length: 20 }, (_, i) => consent(20 + i, 5 + (i % 5))),
    ]);
    const contacts = await s.db
      .select({ mobileNumber: schema.contacts.mobileNumber, copy: schema.contacts.whatsappConsent })
      .from(schema.contacts)
      .where(eq(schema.contacts.workspaceId, s.workspace.id));
    expect(contacts).toHaveLength(5);
    for (const contact of contacts) {
      const state = await findConsentState(s.db, s.workspace.id, "whatsapp", contact.mobileNumber ?? "");
      expect(state).not.toBeNull();
      expect(contact.copy).toBe(state);
    }
  });
});
