import { InngestTestEngine, mockCtx } from "@inngest/test";
import { and, asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb, schema } from "@/db/client";
import type { SessionUser } from "@/server/auth/sessions";
import { uploadImport } from "@/server/domains/contact/upload-import";
import { inngest } from "@/server/jobs/client";
import { createCallerFactory, router } from "@/server/trpc/init";
import { contactRouter } from "@/server/trpc/routers/contact";
import { createWorkspace } from "@/server/testing/fixtures";
import importContacts from "./import-contacts";

const createCaller = createCallerFactory(router({ contact: contactRouter }));
afterEach(() => vi.restoreAllMocks());

type Mapping = Record<string, string>;
type Sent = { name: string; data: { importId: string } };

/** Upload, confirm the mapping through tRPC (capturing the event it sends), then run the function. */
async function importCsv(
  user: SessionUser,
  csv: string,
  options: { mode: "insert" | "upsert"; mapping?: Mapping; failStep?: string; defaultMobileCountry?: string },
) {
  const db = await getDb();
  const preview = await uploadImport(db, user, { fileName: "list.csv", body: new Response(csv).body, size: null });
  // No Inngest server in unit tests: capture the event instead of sending it.
  const send = vi.spyOn(inngest, "send").mockResolvedValue({ ids: ["test"] });
  await createCaller({ db, user }).contact.importStart({
    id: preview.id,
    mapping: options.mapping ?? preview.suggestedMapping,
    mode: options.mode,
    defaultMobileCountry: options.defaultMobileCountry,
  });
  const event = send.mock.calls[0]?.[0] as Sent;
  expect(event).toMatchObject({ name: "switchboard/contacts.import-requested", data: { importId: preview.id } });
  // step.sendEvent would need an Inngest server too: its steps are answered here, and their
  // payloads read from the mocked step tools below.
  const activations = Array.from({ length: 5 }, (_, i) => ({
    id: `activate-${i * 1000}`,
    handler: () => ({ ids: [] }),
  }));
  const engine = new InngestTestEngine({
    function: importContacts,
    // A step that failed after all its retries: Inngest throws its error into the function.
    // (@inngest/test halts at a step error instead, so the rejection is made here.)
    transformCtx: (raw) => {
      const ctx = mockCtx(raw);
      const run = ctx.step.run.bind(ctx.step);
      ctx.step.run = ((id: string, fn: () => unknown) =>
        id === options.failStep ? Promise.reject(new Error("connection lost")) : run(id, fn)) as typeof ctx.step.run;
      return ctx;
    },
  });
  const run = await engine.execute({ events: [{ name: event.name, data: event.data }], steps: activations });
  const sent = (run.ctx.step.sendEvent.mock.calls as unknown as [string, { name: string; data: unknown }[]][]).filter(
    ([id]) => id.startsWith("activate-"),
  );
  const job = await createCaller({ db, user }).contact.importGet({ id: preview.id, errorLimit: 200 });
  return { preview, run, job, activated: sent.flatMap(([, events]) => events) };
}

const csv = [
  "mobile,email,first name,whatsapp,sms",
  "+447911123456,ann@example.com,Ann,opt_in,", // 2: inserted
  "12345,bob@example.com,Bob,,", // 3: bad phone
  "+447911123457,,Cy,,opt_out", // 4: inserted
  ",,Dee,,", // 5: neither phone nor email
  "+447911123458,existing@example.com,Eve,,", // 6: an existing contact's email
  "+447911123456,,Ann again,,", // 7: same number as line 2
  '"+44 7911 123459","fay@example.com","Fay, ""F""",yes,', // 8: inserted
].join("\r\n");

async function contactsOf(workspaceId: string) {
  const db = await getDb();
  return db
    .select({
      id: schema.contacts.id,
      mobileNumber: schema.contacts.mobileNumber,
      email: schema.contacts.email,
      firstName: schema.contacts.firstName,
    })
    .from(schema.contacts)
    .where(eq(schema.contacts.workspaceId, workspaceId))
    .orderBy(asc(schema.contacts.mobileNumber));
}

describe("import-contacts function", () => {
  it("imports the good rows, reports each bad one by line, field and reason, and records consent from the file", async () => {
    const { db, workspace, marketer } = await createWorkspace();
    const api = createCaller({ db, user: marketer });
    const existing = await api.contact.create({ email: "existing@example.com", firstName: "Old" });

    const { preview, run, job, activated } = await importCsv(marketer, csv, { mode: "insert" });
    expect(preview).toMatchObject({
      columns: ["mobile", "email", "first name", "whatsapp", "sms"],
      suggestedMapping: {
        mobile: "mobileNumber",
        email: "email",
        "first name": "firstName",
        whatsapp: "permissions.whatsapp",
        sms: "permissions.sms",
      },
    });
    expect(preview.rows[0]).toEqual({ line: 2, fields: ["+447911123456", "ann@example.com", "Ann", "opt_in", ""] });
    expect(run.result).toMatchObject({ status: "done" });
    expect(job).toMatchObject({
      status: "done",
      counts: { total: 7, processed: 7, inserted: 3, updated: 0, skipped: 2, failed: 2 },
    });
    expect(job.finishedAt).toBeInstanceOf(Date);
    expect(job.errors).toEqual([
      {
        line: 3,
        field: "mobile",
        reason: "Start with + and the country code (e.g. +44 7911 123456), or choose the mobile country",
      },
      { line: 5, field: "mobile", reason: "Enter a mobile number or an email address" },
      { line: 6, field: "email", reason: "A contact with this email already exists; insert only leaves it unchanged" },
      { line: 7, field: "mobile", reason: "Duplicate of line 2: the same mobile number" },
    ]);

    const contacts = await contactsOf(workspace.id);
    expect(contacts.map((c) => [c.mobileNumber, c.email, c.firstName])).toEqual([
      ["+447911123456", "ann@example.com", "Ann"],
      ["+447911123457", null, "Cy"],
      ["+447911123459", "fay@example.com", 'Fay, "F"'],
      [null, "existing@example.com", "Old"],
    ]);
    const inserted = contacts.filter((c) => c.id !== existing.id).map((c) => c.id);
    expect(activated).toEqual(
      expect.arrayContaining(
        inserted.map(
          (contactId) =>
            expect.objectContaining({
              name: "switchboard/contact.activated",
              data: { workspaceId: workspace.id, contactId, source: "import" },
            }) as unknown,
        ),
      ),
    );
    expect(activated).toHaveLength(3);

    const ledger = await db
      .select({
        mobileNumber: schema.contacts.mobileNumber,
        channel: schema.consentEvents.channel,
        state: schema.consentEvents.state,
        source: schema.consentEvents.source,
        evidence: schema.consentEvents.evidence,
        actor: schema.consentEvents.actorUserId,
      })
      .from(schema.consentEvents)
      .innerJoin(schema.contacts, eq(schema.contacts.id, schema.consentEvents.contactId))
      .where(eq(schema.contacts.workspaceId, workspace.id))
      .orderBy(asc(schema.contacts.mobileNumber));
    expect(ledger).toEqual([
      {
        mobileNumber: "+447911123456",
        channel: "whatsapp",
        state: "opt_in",
        source: "import",
        evidence: preview.id,
        actor: marketer.userId,
      },
      {
        mobileNumber: "+447911123457",
        channel: "sms",
        state: "opt_out",
        source: "import",
        evidence: preview.id,
        actor: marketer.userId,
      },
      {
        mobileNumber: "+447911123459",
        channel: "whatsapp",
        state: "opt_in",
        source: "import",
        evidence: preview.id,
        actor: marketer.userId,
      },
    ]);
    const [current] = await db
      .select()
      .from(schema.consentStates)
      .where(
        and(
          eq(schema.consentStates.workspaceId, workspace.id),
          eq(schema.consentStates.channel, "sms"),
          eq(schema.consentStates.state, "opt_out"),
        ),
      );
    expect(current).toMatchObject({ source: "import" });
  });

  it("reads numbers without a country code in the file-wide default country, unless the row names its own", async () => {
    const { workspace, marketer } = await createWorkspace();
    const file = [
      "mobile,mobile country,first name",
      "07911 123456,,Ann", // 2: the default, GB
      "+4915112345678,,Bea", // 3: has its country code
      "0151 23456789,DE,Cy", // 4: its own country
      "12345,,Dee", // 5: not a GB number
    ].join("\n");

    const { job } = await importCsv(marketer, file, { mode: "insert", defaultMobileCountry: "gb" });
    expect(job).toMatchObject({ status: "done", counts: { inserted: 3, failed: 1 } });
    expect(job.errors).toEqual([
      {
        line: 5,
        field: "mobile",
        reason: "This is not a valid number for GB; check the digits, or start with + and the country code",
      },
    ]);
    const db = await getDb();
    const rows = await db
      .select({
        name: schema.contacts.firstName,
        number: schema.contacts.mobileNumber,
        country: schema.contacts.mobileCountry,
      })
      .from(schema.contacts)
      .where(eq(schema.contacts.workspaceId, workspace.id))
      .orderBy(asc(schema.contacts.firstName));
    expect(rows).toEqual([
      { name: "Ann", number: "+447911123456", country: "GB" },
      { name: "Bea", number: "+4915112345678", country: null },
      { name: "Cy", number: "+4915123456789", country: "DE" },
    ]);

    const other = await uploadImport(db, marketer, {
      fileName: "x.csv",
      body: new Response("mobile\n0791").body,
      size: null,
    });
    await expect(
      createCaller({ db, user: marketer }).contact.importStart({
        id: other.id,
        mapping: { mobile: "mobileNumber" },
        mode: "insert",
        defaultMobileCountry: "XX",
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("Choose the default mobile country") as unknown,
    });
  });

  it("in insert-or-update mode updates the existing contact and the earlier row, and sends no activation for updates", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = createCaller({ db, user: admin });
    const existing = await api.contact.create({
      email: "existing@example.com",
      firstName: "Old",
      city: "York",
      permissions: { email: "opt_in" },
    });

    const { job, activated } = await importCsv(admin, csv, { mode: "upsert" });
    expect(job.counts).toEqual({ total: 7, processed: 7, inserted: 3, updated: 2, skipped: 0, failed: 2 });
    expect(job.errors.map((e) => e.line)).toEqual([3, 5]);
    // Empty cells leave stored values alone; filled ones replace them.
    expect(await api.contact.get({ id: existing.id })).toMatchObject({
      mobileNumber: "+447911123458",
      firstName: "Eve",
      city: "York",
      consent: { email: { state: "opt_in", source: "form" } },
    });
    const ann = (await contactsOf(workspace.id)).find((c) => c.mobileNumber === "+447911123456");
    expect(ann).toMatchObject({ email: "ann@example.com", firstName: "Ann again" });
    expect(activated.map((e) => (e.data as { contactId: string }).contactId)).not.toContain(existing.id);
    expect(activated).toHaveLength(3);
  });

  it("keeps an Annex Cloud id column on new and updated contacts, suggested from its header", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = createCaller({ db, user: admin });
    const existing = await api.contact.create({ mobileNumber: "+447911123450", firstName: "Gus" });
    const file = ["mobile,first name,Annex Cloud ID", "+447911123450,Gus,AX-1", "+447911123451,Hal,AX-2"].join("\n");

    const { preview, job } = await importCsv(admin, file, { mode: "upsert" });
    expect(preview.suggestedMapping).toMatchObject({ "Annex Cloud ID": "annexId" });
    expect(job).toMatchObject({ status: "done", counts: { inserted: 1, updated: 1, failed: 0 } });
    const rows = await db
      .select({ name: schema.contacts.firstName, annexId: schema.contacts.annexId })
      .from(schema.contacts)
      .where(eq(schema.contacts.workspaceId, workspace.id))
      .orderBy(asc(schema.contacts.firstName));
    expect(rows).toEqual([
      { name: "Gus", annexId: "AX-1" },
      { name: "Hal", annexId: "AX-2" },
    ]);
    expect(await api.contact.get({ id: existing.id })).toMatchObject({ annexId: "AX-1" });
  });

  it("never opts an opted-out number back in: the opt-in is left out with its line and reason, the rest of the row imported", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = createCaller({ db, user: admin });
    const ann = await api.contact.create({
      mobileNumber: "+447911123456",
      firstName: "Ann",
      permissions: { sms: "opt_in" },
    });
    await api.contact.update({ id: ann.id, data: { permissions: { sms: "opt_out" } } });
    const file = [
      "Phone,First name,SMS",
      "+447911123456,Ann B,opt_in", // 2: Ann opted out
      "+447911123457,Bo,opt_out", // 3: a new contact opting out...
      "+447911123457,Bo again,yes", // 4: ...and opting in further down the same file
      "+447911123458,Cy,opt_in", // 5: a new contact opting in
    ].join("\n");
    const mapping = { Phone: "mobileNumber", "First name": "firstName", SMS: "permissions.sms" };
    const { preview, job } = await importCsv(admin, file, { mode: "upsert", mapping });

    expect(job.counts).toEqual({
      total: 4,
      processed: 4,
      inserted: 2,
      updated: 2,
      skipped: 0,
      failed: 0,
      optOutsKept: 2,
    });
    const reason =
      "Kept opted out: SMS opted out, and an import does not opt it back in (the rest of the row was imported). An admin can re-subscribe it on the contact page, with how the customer gave consent.";
    expect(job.errors).toEqual([
      { line: 2, field: "SMS", reason },
      { line: 4, field: "SMS", reason },
    ]);
    expect(await api.contact.get({ id: ann.id })).toMatchObject({
      firstName: "Ann B",
      consent: { sms: { state: "opt_out", source: "admin" } },
    });
    const current = await db
      .select({ mobileNumber: schema.consentStates.address, state: schema.consentStates.state })
      .from(schema.consentStates)
      .where(eq(schema.consentStates.workspaceId, workspace.id))
      .orderBy(asc(schema.consentStates.address));
    expect(current).toEqual([
      { mobileNumber: "+447911123456", state: "opt_out" },
      { mobileNumber: "+447911123457", state: "opt_out" },
      { mobileNumber: "+447911123458", state: "opt_in" },
    ]);
    const imported = await db
      .select({ state: schema.consentEvents.state })
      .from(schema.consentEvents)
      .where(eq(schema.consentEvents.evidence, preview.id));
    expect(imported.map((e) => e.state).sort()).toEqual(["opt_in", "opt_out"]);
  });

  it("refuses a row whose email belongs to another contact than its mobile number, and writes nothing for it", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = createCaller({ db, user: admin });
    await api.contact.create({ mobileNumber: "+447911123456" });
    await api.contact.create({ email: "other@example.com" });
    const { job } = await importCsv(admin, "Phone,Email\n+447911123456,other@example.com\n", { mode: "upsert" });
    expect(job.counts).toMatchObject({ processed: 1, updated: 0, failed: 1 });
    expect(job.errors).toEqual([
      { line: 2, field: "Email", reason: "This email belongs to another contact than the one with this mobile number" },
    ]);
    expect((await contactsOf(workspace.id)).map((c) => [c.mobileNumber, c.email])).toEqual([
      ["+447911123456", null],
      [null, "other@example.com"],
    ]);
  });

  it("when a chunk fails for good, stops as failed with counts that say exactly what was applied", async () => {
    const { workspace, marketer } = await createWorkspace();
    const rows = Array.from({ length: 1003 }, (_, i) => `person${i}@example.com,P${i}`);
    const { run, job } = await importCsv(marketer, ["Email,First name", ...rows].join("\n"), {
      mode: "insert",
      // The second chunk (rows from line 1002) fails after its retries.
      failStep: "rows-1000",
    });
    expect((run as { error?: unknown }).error).toBeTruthy();
    expect(job).toMatchObject({
      status: "failed",
      counts: { total: 1003, processed: 1000, inserted: 1000, updated: 0, skipped: 0, failed: 0 },
    });
    expect(job.errors).toEqual([
      {
        line: 1002,
        field: "import",
        reason: expect.stringMatching(
          /^The import stopped at line 1002: .*connection lost.*Rows before that line were imported as counted; later rows were not\.$/,
        ) as unknown,
      },
    ]);
    expect(await contactsOf(workspace.id)).toHaveLength(1000);
  });
});
