import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { inngest } from "../../jobs/client";
import { callerFor, createWorkspace } from "../../testing/fixtures";
import { recordConsent } from "./record-consent";

// Issue 16 item 3: an opt-out becomes an opt-in only deliberately. contact.update never does it
// (a stale form's "opted in" included); contact.resubscribe does, for admins, with a source and
// evidence in the ledger and an audit row. Through the tRPC caller against a real database.

afterEach(() => vi.restoreAllMocks());

/** A contact opted in to WhatsApp and SMS whose SMS then opted out by keyword (STOP), as receive-inbound-message records it. */
async function optedOutContact() {
  vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
  const ws = await createWorkspace();
  const admin = await callerFor(ws.admin);
  const { id } = await (
    await callerFor(ws.marketer)
  ).contact.create({
    mobileNumber: "+447911123456",
    firstName: "Ann",
    permissions: { whatsapp: "opt_in", sms: "opt_in" },
  });
  await ws.db.transaction((tx) =>
    recordConsent(tx, {
      workspaceId: ws.workspace.id,
      address: "+447911123456",
      contactId: id,
      channel: "sms",
      state: "opt_out",
      source: "keyword",
      actorUserId: null,
      evidence: "STOP",
    }),
  );
  const audit = () =>
    ws.db
      .select({
        action: schema.auditLog.action,
        actorUserId: schema.auditLog.actorUserId,
        details: schema.auditLog.details,
      })
      .from(schema.auditLog)
      .where(eq(schema.auditLog.workspaceId, ws.workspace.id))
      .orderBy(asc(schema.auditLog.at));
  return { ...ws, workspaceId: ws.workspace.id, id, adminApi: admin, marketerApi: await callerFor(ws.marketer), audit };
}

describe("contact.update and an opt-out", () => {
  it("refuses to turn an opt-out back into an opt-in, naming the permission and the way to re-subscribe, and changes nothing", async () => {
    const { id, adminApi, audit } = await optedOutContact();
    const before = await adminApi.contact.get({ id });
    // What a form opened before the STOP would send: its stale "opted in" with a new name.
    const error = await adminApi.contact
      .update({ id, data: { firstName: "Annie", permissions: { whatsapp: "opt_in", sms: "opt_in" } } })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toMatchObject({
      code: "BAD_REQUEST",
      message:
        "SMS is opted out, and editing the contact does not opt it back in. To re-subscribe this number, an admin uses Re-subscribe on the contact page with how the customer gave consent.",
      cause: { field: "permissions.sms" },
    });
    const after = await adminApi.contact.get({ id });
    expect(after).toMatchObject({ firstName: "Ann", consent: { sms: { state: "opt_out", source: "keyword" } } });
    expect(after.history).toHaveLength(before.history.length);
    expect((await audit()).map((r) => r.action)).toEqual(["contact.create"]);
  });

  it("saving a name leaves the opt-out in place, and opting out from the form still works", async () => {
    const { id, marketerApi } = await optedOutContact();
    await marketerApi.contact.update({ id, data: { firstName: "Annie" } });
    await marketerApi.contact.update({ id, data: { permissions: { whatsapp: "opt_out", sms: "opt_out" } } });
    expect(await marketerApi.contact.get({ id })).toMatchObject({
      firstName: "Annie",
      consent: {
        whatsapp: { state: "opt_out", source: "admin" },
        // Already opted out: the same state again records nothing.
        sms: { state: "opt_out", source: "keyword" },
      },
    });
  });
});

describe("contact.resubscribe", () => {
  it("is for admins only, and says so", async () => {
    const { id, marketerApi } = await optedOutContact();
    await expect(
      marketerApi.contact.resubscribe({ id, channel: "sms", source: "keyword", reason: "Texted START on 3 March" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN", message: "Only admins can do this" });
    expect((await marketerApi.contact.get({ id })).consent.sms).toMatchObject({ state: "opt_out" });
  });

  it("needs how the customer gave consent and the evidence", async () => {
    const { id, adminApi } = await optedOutContact();
    const issues = async (input: Record<string, unknown>) => {
      const error = (await adminApi.contact.resubscribe({ id, channel: "sms", ...input } as never).then(
        () => null,
        (e: unknown) => e,
      )) as { code?: string; cause?: { issues?: { path: string[]; message: string }[] } } | null;
      expect(error?.code).toBe("BAD_REQUEST");
      return error?.cause?.issues?.map((i) => [i.path.join("."), i.message]);
    };
    expect(await issues({ reason: "  ok  " })).toEqual([
      ["source", "Choose how the customer gave their consent"],
      ["reason", "Say what shows the customer's consent: when and how they gave it (at least 10 characters)"],
    ]);
    expect(await issues({ source: "they_said", reason: "x".repeat(501) })).toEqual([
      ["source", "Choose how the customer gave their consent"],
      ["reason", "Keep the evidence to at most 500 characters"],
    ]);
  });

  it("opts the channel back in with the source, the evidence and the admin in the ledger, and audits it", async () => {
    const { id, admin, adminApi, audit } = await optedOutContact();
    const result = await adminApi.contact.resubscribe({
      id,
      channel: "sms",
      source: "keyword",
      reason: "  Texted ALTA on 3 March, ticket 4521 ",
    });
    expect(result).toMatchObject({ id, channel: "sms" });
    const contact = await adminApi.contact.get({ id });
    expect(contact.consent.sms).toMatchObject({ state: "opt_in", source: "admin" });
    expect(contact.history[0]).toMatchObject({
      channel: "sms",
      state: "opt_in",
      source: "admin",
      actorName: admin.name,
      evidence:
        "Re-subscribed. The customer texted START (or ALTA, or another opt-in word): Texted ALTA on 3 March, ticket 4521",
    });
    const rows = await audit();
    expect(rows.map((r) => [r.action, r.actorUserId])).toEqual([
      ["contact.create", expect.any(String)],
      ["contact.resubscribe", admin.userId],
    ]);
    expect(JSON.parse(rows[1]?.details ?? "{}")).toEqual({
      channel: "sms",
      source: "keyword",
      consentEventId: expect.any(String) as unknown,
    });
  });

  it("refuses a channel that did not opt out, and a contact of another workspace", async () => {
    const { id, adminApi } = await optedOutContact();
    const input = { id, source: "signed_form", reason: "Signed form at the Lyon store" } as const;
    await expect(adminApi.contact.resubscribe({ ...input, channel: "whatsapp" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "WhatsApp is already opted in: there is nothing to re-subscribe",
      cause: { field: "channel" },
    });
    await expect(adminApi.contact.resubscribe({ ...input, channel: "email" })).rejects.toMatchObject({
      message: "Email has no opt-out to undo: set its permission with Edit",
    });
    const other = await createWorkspace();
    await expect(
      (await callerFor(other.admin)).contact.resubscribe({ ...input, channel: "sms" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("changes nothing when the opt-out is stamped later than now (a vendor's clock ahead)", async () => {
    const { db, id, adminApi, audit, workspaceId } = await optedOutContact();
    await db.transaction((tx) =>
      recordConsent(tx, {
        workspaceId,
        address: "+447911123456",
        contactId: id,
        channel: "whatsapp",
        state: "opt_out",
        source: "vendor_unsubscribe",
        actorUserId: null,
        at: new Date(Date.now() + 60 * 60_000),
      }),
    );
    await expect(
      adminApi.contact.resubscribe({ id, channel: "whatsapp", source: "verbal", reason: "Called the store today" }),
    ).rejects.toMatchObject({ code: "CONFLICT", cause: { field: "channel" } });
    expect((await adminApi.contact.get({ id })).consent.whatsapp).toMatchObject({ state: "opt_out" });
    expect((await audit()).map((r) => r.action)).toEqual(["contact.create"]);
  });
});
