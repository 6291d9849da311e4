import { and, asc, count, desc, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { createWorkspace } from "../../testing/fixtures";
import { createCallerFactory, router } from "../../trpc/init";
import { contactRouter } from "../../trpc/routers/contact";
import { recordConsent } from "./record-consent";
import { contactSorts, sortDirections } from "./schema";

// Built from the contact router alone, so these tests do not depend on root.ts mounting it.
const createCaller = createCallerFactory(router({ contact: contactRouter }));
const callerFor = async (user: SessionUser | null) => createCaller({ db: await getDb(), user });

type Db = Awaited<ReturnType<typeof getDb>>;

async function audit(db: Db, workspaceId: string) {
  return db
    .select({
      action: schema.auditLog.action,
      actorUserId: schema.auditLog.actorUserId,
      targetId: schema.auditLog.targetId,
      details: schema.auditLog.details,
    })
    .from(schema.auditLog)
    .where(eq(schema.auditLog.workspaceId, workspaceId))
    .orderBy(asc(schema.auditLog.at));
}

async function counts(db: Db, workspaceId: string) {
  const ids = db
    .select({ id: schema.contacts.id })
    .from(schema.contacts)
    .where(eq(schema.contacts.workspaceId, workspaceId));
  const [contacts] = await db
    .select({ n: count() })
    .from(schema.contacts)
    .where(eq(schema.contacts.workspaceId, workspaceId));
  const [events] = await db
    .select({ n: count() })
    .from(schema.consentEvents)
    .where(inArray(schema.consentEvents.contactId, ids));
  const [states] = await db
    .select({ n: count() })
    .from(schema.consentStates)
    .where(eq(schema.consentStates.workspaceId, workspaceId));
  return { contacts: contacts?.n, events: events?.n, states: states?.n, audit: (await audit(db, workspaceId)).length };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("contacts (tRPC contact router)", () => {
  it("creates a record as Responsys's New Record form does: E.164 number, consent events from the form, an audit row without personal data", async () => {
    const { db, workspace, marketer } = await createWorkspace();
    const api = await callerFor(marketer);
    const { id } = await api.contact.create({
      mobileNumber: "07911 123456",
      mobileCountry: "gb",
      email: " Ann.Lee@Example.com ",
      firstName: "Ann",
      lastName: "",
      city: "Leeds",
      permissions: { whatsapp: "opt_in", sms: "opt_out", email: "" },
      attributes: [
        { key: "OPTIN", value: "YES" },
        { key: "", value: "" },
      ],
    });
    const contact = await api.contact.get({ id });
    expect(contact).toMatchObject({
      mobileNumber: "+447911123456",
      mobileCountry: "GB",
      email: "ann.lee@example.com",
      firstName: "Ann",
      lastName: null,
      city: "Leeds",
      attributes: { OPTIN: "YES" },
      consent: {
        whatsapp: { state: "opt_in", source: "form" },
        sms: { state: "opt_out", source: "form" },
        email: null,
      },
      historyTruncated: false,
    });
    expect(contact.history).toHaveLength(2);
    expect(contact.history.every((e) => e.source === "form" && e.actorName === marketer.name)).toBe(true);
    const events = await db.select().from(schema.consentEvents).where(eq(schema.consentEvents.contactId, id));
    expect(events.map((e) => e.actorUserId)).toEqual([marketer.userId, marketer.userId]);

    // Responsys's sample record: an E.164 number with no mobile country.
    const seeded = await api.contact.create({
      mobileNumber: "+918604475381",
      mobileCountry: "",
      firstName: "Vaishali",
      permissions: { sms: "opt_in" },
      attributes: [{ key: "OPTIN", value: "YES" }],
    });
    expect(await api.contact.get({ id: seeded.id })).toMatchObject({
      mobileNumber: "+918604475381",
      mobileCountry: null,
      email: null,
      consent: { sms: { state: "opt_in" } },
    });

    const rows = await audit(db, workspace.id);
    expect(rows.map((r) => [r.action, r.actorUserId, r.targetId])).toEqual([
      ["contact.create", marketer.userId, id],
      ["contact.create", marketer.userId, seeded.id],
    ]);
    expect(JSON.parse(rows[0]?.details ?? "{}")).toEqual({
      fields: ["mobileNumber", "mobileCountry", "email", "firstName", "city"],
      attributes: ["OPTIN"],
      consent: { whatsapp: "opt_in", sms: "opt_out" },
    });
    expect(rows[0]?.details).not.toContain("7911");
    expect(rows[0]?.details).not.toContain("ann.lee");
  });

  it("refuses a duplicate mobile number or email in the workspace, naming the field, and writes nothing", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = await callerFor(admin);
    await api.contact.create({
      mobileNumber: "+447911123456",
      email: "taken@example.com",
      permissions: { whatsapp: "opt_in" },
    });
    const before = await counts(db, workspace.id);

    // The same number written nationally is still the same number.
    await expect(
      api.contact.create({ mobileNumber: "07911 123456", mobileCountry: "GB", permissions: { whatsapp: "opt_out" } }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "A contact with the mobile number +447911123456 already exists",
      cause: { field: "mobileNumber" },
    });
    await expect(
      api.contact.create({ mobileNumber: "+447400123456", email: "TAKEN@example.com" }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      message: "A contact with the email taken@example.com already exists",
      cause: { field: "email" },
    });
    expect(await counts(db, workspace.id)).toEqual(before);

    const other = await api.contact.create({ mobileNumber: "+447400123456", email: "other@example.com" });
    await expect(
      api.contact.update({ id: other.id, data: { mobileNumber: "+44 7911 123456", permissions: { sms: "opt_in" } } }),
    ).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { field: "mobileNumber" },
    });
    await expect(api.contact.update({ id: other.id, data: { email: "Taken@Example.com" } })).rejects.toMatchObject({
      code: "CONFLICT",
      cause: { field: "email" },
    });
    expect(await api.contact.get({ id: other.id })).toMatchObject({
      mobileNumber: "+447400123456",
      email: "other@example.com",
      history: [],
    });
    expect((await audit(db, workspace.id)).map((r) => r.action)).toEqual(["contact.create", "contact.create"]);
  });

  it("gives the same answer when concurrent creates race for one number (the unique index decides)", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = await callerFor(admin);
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        api.contact.create({ mobileNumber: "+447912345678", firstName: `Racer ${i}` }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r) => r.status === "rejected")) {
      expect(r.reason).toMatchObject({
        code: "CONFLICT",
        message: "A contact with the mobile number +447912345678 already exists",
        cause: { field: "mobileNumber" },
      });
    }
    expect(await counts(db, workspace.id)).toMatchObject({ contacts: 1, audit: 1 });
  });

  it("refuses an invalid mobile number, naming the field, and writes nothing", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = await callerFor(admin);
    const issueOf = async (promise: Promise<unknown>) => {
      const error = (await promise.then(
        () => null,
        (e: unknown) => e,
      )) as { code?: string; cause?: { issues?: { path: unknown[]; message: string }[] } } | null;
      expect(error?.code).toBe("BAD_REQUEST");
      return error?.cause?.issues?.[0];
    };
    expect(await issueOf(api.contact.create({ mobileNumber: "12345", mobileCountry: "DE", firstName: "X" }))).toEqual({
      path: ["mobileNumber"],
      message: expect.stringContaining("not a valid number for DE") as unknown,
      code: "custom",
    });
    expect(await issueOf(api.contact.create({ mobileNumber: "07911 123456" }))).toMatchObject({
      path: ["mobileNumber"],
      message: expect.stringContaining("country code") as unknown,
    });
    expect(await issueOf(api.contact.create({ firstName: "Nobody" }))).toMatchObject({
      path: ["mobileNumber"],
      message: "Enter a mobile number or an email address",
    });
    expect(await issueOf(api.contact.create({ mobileNumber: "+447911123456", mobileCountry: "Narnia" }))).toMatchObject(
      { path: ["mobileCountry"] },
    );
    expect(await issueOf(api.contact.create({ email: "not-an-email" }))).toMatchObject({ path: ["email"] });
    expect(
      await issueOf(api.contact.create({ email: "a@example.com", attributes: [{ key: "EMAIL", value: "x" }] })),
    ).toMatchObject({
      path: ["attributes", 0, "key"],
      message: "EMAIL is a standard field: use the field above",
    });

    const { id } = await api.contact.create({ mobileNumber: "+447911123456", mobileCountry: "GB" });
    // A national number is read in the stored mobile country.
    await expect(api.contact.update({ id, data: { mobileNumber: "12345" } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("not a valid number for GB") as unknown,
      cause: { field: "mobileNumber" },
    });
    await expect(api.contact.update({ id, data: { mobileNumber: null } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "Keep a mobile number or an email address",
    });
    expect(await counts(db, workspace.id)).toEqual({ contacts: 1, events: 0, states: 0, audit: 1 });
  });

  it("updates fields; a permission change appends an admin event to the ledger and moves modifiedAt", async () => {
    const { db, workspace, admin, marketer } = await createWorkspace();
    const { id } = await (
      await callerFor(marketer)
    ).contact.create({
      mobileNumber: "07911 123456",
      mobileCountry: "GB",
      firstName: "Ann",
      permissions: { whatsapp: "opt_in" },
    });
    const created = await (await callerFor(admin)).contact.get({ id });
    await pause(5);
    const api = await callerFor(admin);

    const result = await api.contact.update({
      id,
      data: { firstName: "Anna", lastName: "Lee", permissions: { whatsapp: "opt_out", sms: "opt_in", email: "" } },
    });
    expect(result.changed.sort()).toEqual(["firstName", "lastName"]);
    const updated = await api.contact.get({ id });
    expect(updated).toMatchObject({
      firstName: "Anna",
      lastName: "Lee",
      consent: {
        whatsapp: { state: "opt_out", source: "admin" },
        sms: { state: "opt_in", source: "admin" },
        email: null,
      },
    });
    expect(updated.modifiedAt.getTime()).toBeGreaterThan(created.modifiedAt.getTime());
    expect(updated.createdAt).toEqual(created.createdAt);
    // Newest first; the form's opt-in is still in the ledger under the admin's change.
    expect(updated.history.map((e) => [e.channel, e.state, e.source, e.actorName])).toEqual(
      expect.arrayContaining([
        ["whatsapp", "opt_out", "admin", admin.name],
        ["sms", "opt_in", "admin", admin.name],
      ]),
    );
    expect(updated.history.at(-1)).toMatchObject({
      channel: "whatsapp",
      state: "opt_in",
      source: "form",
      actorName: marketer.name,
    });
    expect(updated.history).toHaveLength(3);

    // The same values again change nothing and write nothing.
    const again = await api.contact.update({
      id,
      data: { firstName: "Anna", permissions: { whatsapp: "opt_out" }, attributes: [] },
    });
    expect(again.changed).toEqual([]);
    expect((await api.contact.get({ id })).modifiedAt).toEqual(updated.modifiedAt);

    // A national number is read in the stored mobile country; "" clears a field.
    await api.contact.update({
      id,
      data: { mobileNumber: "07400 123456", city: "York", attributes: [{ key: "tier", value: "gold" }] },
    });
    await api.contact.update({ id, data: { city: "" } });
    expect(await api.contact.get({ id })).toMatchObject({
      mobileNumber: "+447400123456",
      city: null,
      attributes: { tier: "gold" },
    });

    const rows = await audit(db, workspace.id);
    expect(rows.map((r) => [r.action, r.actorUserId])).toEqual([
      ["contact.create", marketer.userId],
      ["contact.update", admin.userId],
      ["contact.update", admin.userId],
      ["contact.update", admin.userId],
    ]);
    expect(JSON.parse(rows[1]?.details ?? "{}")).toMatchObject({ consent: { whatsapp: "opt_out", sms: "opt_in" } });
    expect(JSON.parse(rows[2]?.details ?? "{}")).toEqual({
      // The zone came from the old number (07911 is a Guernsey number): it follows the new one.
      changed: ["city", "mobileNumber", "attributes", "timeZone"],
      consent: {},
    });
  });

  it("keeps a stored number that predates validation when other fields change", async () => {
    const { db, workspace, admin } = await createWorkspace();
    // Ofcom's drama range, used by the demo seed: not a valid number to libphonenumber.
    const [legacy] = await db
      .insert(schema.contacts)
      .values({ workspaceId: workspace.id, mobileNumber: "+447700900001", mobileCountry: "GB" })
      .returning();
    const api = await callerFor(admin);
    await api.contact.update({ id: legacy?.id ?? "", data: { mobileNumber: "+447700900001", firstName: "Drama" } });
    expect(await api.contact.get({ id: legacy?.id ?? "" })).toMatchObject({
      mobileNumber: "+447700900001",
      firstName: "Drama",
    });
  });

  it("derives the current consent from the newest event, whatever order events are recorded in", async () => {
    const { db, admin, workspace } = await createWorkspace();
    const api = await callerFor(admin);
    const { id } = await api.contact.create({ mobileNumber: "+447911123456" });
    const t1 = new Date("2025-01-01T10:00:00.000Z");
    const t2 = new Date("2025-02-01T10:00:00.000Z");
    const t3 = new Date("2025-03-01T10:00:00.000Z");
    const record = (
      channel: "whatsapp" | "sms",
      state: "opt_in" | "opt_out",
      source: "import" | "keyword" | "vendor_unsubscribe",
      at: Date,
    ) =>
      db.transaction((tx) =>
        recordConsent(tx, {
          workspaceId: workspace.id,
          channel,
          address: "+447911123456",
          contactId: id,
          state,
          source,
          actorUserId: null,
          evidence: "test",
          at,
        }),
      );

    // A late import of old history must not undo a newer opt-out.
    expect((await record("whatsapp", "opt_out", "vendor_unsubscribe", t2)).current).toBe(true);
    expect((await record("whatsapp", "opt_in", "import", t1)).current).toBe(false);
    expect((await api.contact.get({ id })).consent.whatsapp).toEqual({
      state: "opt_out",
      source: "vendor_unsubscribe",
      at: t2,
    });
    // A tie goes to the opt-out, in either order.
    expect((await record("whatsapp", "opt_in", "import", t2)).current).toBe(false);
    await record("sms", "opt_in", "import", t2);
    expect((await record("sms", "opt_out", "keyword", t2)).current).toBe(true);
    // A newer event moves it on.
    expect((await record("whatsapp", "opt_in", "import", t3)).current).toBe(true);

    const contact = await api.contact.get({ id });
    expect(contact.consent).toEqual({
      whatsapp: { state: "opt_in", source: "import", at: t3 },
      sms: { state: "opt_out", source: "keyword", at: t2 },
      email: null,
    });
    expect(contact.history.map((e) => e.at.getTime())).toEqual([t3, t2, t2, t2, t2, t1].map((t) => t.getTime()));

    // The derived table agrees with the ledger read from scratch.
    const ledger = await db.select().from(schema.consentEvents).where(eq(schema.consentEvents.contactId, id));
    for (const channel of ["whatsapp", "sms"] as const) {
      const newest = ledger
        .filter((e) => e.channel === channel)
        .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.state === "opt_out" ? -1 : 1))[0];
      expect(contact.consent[channel]?.state).toBe(newest?.state);
    }
  });

  it("pages ~250 contacts in every sort and direction with a keyset cursor: no repeats, no gaps, the database's order", async () => {
    const { db, workspace, marketer } = await createWorkspace();
    const other = await createWorkspace();
    const lasts = ["Adams", "Baker", "Clark", null, "Baker"];
    const firsts = ["Ann", null, "Bob", "Cy", "Dee", "Ann"];
    const base = Date.parse("2025-01-01T00:00:00.000Z");
    // Few distinct times and names, and missing names, so ties and NULLs fall across page edges.
    await db.insert(schema.contacts).values(
      Array.from({ length: 250 }, (_, i) => ({
        workspaceId: workspace.id,
        mobileNumber: `+4915110${String(i).padStart(6, "0")}`,
        email: `c${i}@example.com`,
        lastName: lasts[i % lasts.length],
        firstName: firsts[(i * 7) % firsts.length],
        createdAt: new Date(base + (i % 20) * 60_000),
        modifiedAt: new Date(base + ((i * 13) % 31) * 1_000),
      })),
    );
    await db
      .insert(schema.contacts)
      .values({ workspaceId: other.workspace.id, mobileNumber: "+4915110000000", lastName: "Adams" });
    const api = await callerFor(marketer);
    const c = schema.contacts;
    const keys = { created: [c.createdAt], modified: [c.modifiedAt], name: [c.lastName, c.firstName] };

    for (const sort of contactSorts) {
      for (const direction of sortDirections) {
        const dir = direction === "asc" ? asc : desc;
        const expected = await db
          .select({ id: c.id })
          .from(c)
          .where(eq(c.workspaceId, workspace.id))
          .orderBy(...keys[sort].map((k) => dir(k)), dir(c.id));
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const page: Awaited<ReturnType<typeof api.contact.list>> = await api.contact.list({
            sort,
            order: direction,
            limit: 23,
            cursor,
          });
          seen.push(...page.items.map((r) => r.id));
          // The exact total, not "23+": on the first page only, as later pages would count again.
          expect(page.total).toBe(cursor ? null : 250);
          cursor = page.nextCursor;
          pages++;
        } while (cursor && pages < 50);
        expect(seen, `${sort} ${direction}`).toEqual(expected.map((r) => r.id));
        expect(new Set(seen).size).toBe(250);
        expect(pages).toBe(11);
      }
    }

    const first = await api.contact.list({ sort: "name", order: "asc", limit: 10 });
    await expect(
      api.contact.list({ sort: "created", order: "asc", limit: 10, cursor: first.nextCursor }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { field: "cursor" } });
    await expect(api.contact.list({ limit: 10, cursor: "not-a-cursor" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("lists the newest first by default, with each contact's consent per channel", async () => {
    const { admin } = await createWorkspace();
    const api = await callerFor(admin);
    const older = await api.contact.create({ email: "older@example.com", permissions: { email: "opt_in" } });
    await pause(5);
    const newer = await api.contact.create({
      mobileNumber: "+447911123456",
      permissions: { whatsapp: "opt_out", sms: "opt_in" },
    });
    const page = await api.contact.list({});
    expect(page.items.map((r) => r.id)).toEqual([newer.id, older.id]);
    expect(page.items[0]?.consent).toMatchObject({
      whatsapp: { state: "opt_out" },
      sms: { state: "opt_in" },
      email: null,
    });
    expect(page.items[1]?.consent).toMatchObject({
      whatsapp: null,
      sms: null,
      email: { state: "opt_in", source: "form" },
    });
    expect(page.nextCursor).toBeNull();
  });

  it("searches by the start of a name, an email address or a mobile number", async () => {
    const { marketer } = await createWorkspace();
    const api = await callerFor(marketer);
    const ann = await api.contact.create({
      mobileNumber: "+447911123456",
      email: "ann.lee@example.com",
      firstName: "Ann",
      lastName: "Lee",
    });
    const annabel = await api.contact.create({
      mobileNumber: "+4915112345678",
      email: "belle@example.com",
      firstName: "Annabel",
      lastName: "Smith",
    });
    const bob = await api.contact.create({ email: "bob@annex.io", firstName: "Bob", lastName: "Annex" });
    const joanna = await api.contact.create({ email: "jo@example.com", firstName: "Joanna", lastName: "Zed_%" });
    const found = async (search: string) =>
      (await api.contact.list({ search, limit: 50 })).items.map((r) => r.id).sort();

    expect(await found("ann")).toEqual([ann.id, annabel.id, bob.id].sort());
    expect((await api.contact.list({ search: "ann", limit: 1 })).total).toBe(3);
    expect(await found("  ANN ")).toEqual([ann.id, annabel.id, bob.id].sort());
    expect(await found("ann lee")).toEqual([ann.id]);
    expect(await found("lee ann")).toEqual([ann.id]);
    expect(await found("+44 7911")).toEqual([ann.id]);
    expect(await found("447911")).toEqual([ann.id]);
    expect(await found("+49 (151) 123")).toEqual([annabel.id]);
    expect(await found("+1")).toEqual([]);
    expect(await found("ann.lee@")).toEqual([ann.id]);
    expect(await found("BOB@ANNEX")).toEqual([bob.id]);
    expect(await found("belle")).toEqual([annabel.id]);
    expect(await found("oann")).toEqual([]);
    // LIKE wildcards are text, not patterns.
    expect(await found("%")).toEqual([]);
    expect(await found("_")).toEqual([]);
    expect(await found("zed_%")).toEqual([joanna.id]);

    // Search and paging together.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof api.contact.list>> = await api.contact.list({
        search: "ann",
        sort: "name",
        order: "asc",
        limit: 1,
        cursor,
      });
      seen.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([bob.id, ann.id, annabel.id]);
  });

  it("keeps workspaces apart", async () => {
    const one = await createWorkspace();
    const two = await createWorkspace();
    const apiOne = await callerFor(one.admin);
    const apiTwo = await callerFor(two.marketer);
    const mine = await apiOne.contact.create({ mobileNumber: "+447911123456", email: "same@example.com" });
    // The same person may be a contact of two workspaces.
    const theirs = await apiTwo.contact.create({ mobileNumber: "+447911123456", email: "same@example.com" });
    expect((await apiOne.contact.list({})).items.map((r) => r.id)).toEqual([mine.id]);
    expect((await apiOne.contact.list({ search: "+44" })).items.map((r) => r.id)).toEqual([mine.id]);
    await expect(apiOne.contact.get({ id: theirs.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      apiOne.contact.update({ id: theirs.id, data: { firstName: "Mine now", permissions: { whatsapp: "opt_out" } } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await apiTwo.contact.get({ id: theirs.id })).toMatchObject({ firstName: null, history: [] });
    const db = await getDb();
    expect(
      await db
        .select()
        .from(schema.auditLog)
        .where(and(eq(schema.auditLog.workspaceId, one.workspace.id), eq(schema.auditLog.action, "contact.update"))),
    ).toEqual([]);
  });

  it("refuses anonymous callers on every contact procedure", async () => {
    const { admin } = await createWorkspace();
    const { id } = await (await callerFor(admin)).contact.create({ email: "someone@example.com" });
    const anonymous = await callerFor(null);
    await expect(anonymous.contact.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.contact.get({ id })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.contact.create({ email: "x@example.com" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.contact.update({ id, data: { firstName: "X" } })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
