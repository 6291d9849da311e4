import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { createWorkspace } from "../../testing/fixtures";
import { createCallerFactory, router } from "../../trpc/init";
import { segmentRouter } from "../../trpc/routers/segment";
import { listSegmentMembers } from "./members";
import type { Condition, SegmentDefinition, SegmentNode } from "./schema";

// Built from the segment router alone, so these tests do not depend on root.ts mounting it.
const createCaller = createCallerFactory(router({ segment: segmentRouter }));
const callerFor = async (user: SessionUser | null) => createCaller({ db: await getDb(), user });

type Db = Awaited<ReturnType<typeof getDb>>;
type Workspace = Awaited<ReturnType<typeof createWorkspace>>;

const day = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * day);
const all = (...children: SegmentNode[]): SegmentDefinition => ({ kind: "group", combinator: "and", children });
const any = (...children: SegmentNode[]): SegmentDefinition => ({ kind: "group", combinator: "or", children });

async function integration(db: Db, workspaceId: string) {
  const [row] = await db
    .insert(schema.integrations)
    .values({ workspaceId, vendor: "mitto", label: "Mitto", status: "active" })
    .returning({ id: schema.integrations.id });
  if (!row) throw new Error("no integration");
  return row.id;
}

/**
 * Four contacts known by last name, with consent and message history:
 * Lee (GB, gold, WhatsApp in, SMS out, WhatsApp delivered 2 days ago in the campaign),
 * Brown (DE, silver, WhatsApp out, WhatsApp read yesterday, SMS failed 3 days ago),
 * Costa (ES, gold, no email, WhatsApp in, WhatsApp delivered 20 days ago), Dunn (nothing much).
 * Responsys activity: Lee opened 5 emails (first 2026-01-05, last 3 days ago), Brown opened 1
 * (2026-02-10) and was sent 2 SMS, Costa was sent 4 SMS (last 40 days ago), Dunn has none.
 */
async function seed(ws: Workspace) {
  const { db, workspace } = ws;
  const insert = (values: typeof schema.contacts.$inferInsert) =>
    db
      .insert(schema.contacts)
      .values(values)
      .returning({ id: schema.contacts.id })
      .then((r) => r[0]?.id as string);
  const workspaceId = workspace.id;
  const lee = await insert({
    workspaceId,
    firstName: "Ann",
    lastName: "Lee",
    email: "ann@example.com",
    mobileNumber: "+447911123456",
    mobileCountry: "GB",
    country: "GB",
    city: "Leeds",
    postalCode: "LS1",
    attributes: { tier: "gold", points: 12, vip: true },
    createdAt: new Date("2026-01-10T12:00:00Z"),
  });
  const brown = await insert({
    workspaceId,
    firstName: "Bob",
    lastName: "Brown",
    email: "bob@shop.example.org",
    mobileNumber: "+4915110000002",
    mobileCountry: "DE",
    country: "DE",
    city: "Berlin",
    attributes: { tier: "silver" },
    createdAt: new Date("2026-03-01T08:00:00Z"),
  });
  const costa = await insert({
    workspaceId,
    firstName: "Carla",
    lastName: "Costa",
    email: null,
    mobileNumber: "+34612100003",
    mobileCountry: "ES",
    country: "ES",
    city: "",
    attributes: { tier: "gold", note: "50%_off" },
    createdAt: new Date("2025-12-31T23:00:00Z"),
  });
  const dunn = await insert({
    workspaceId,
    firstName: null,
    lastName: "Dunn",
    email: "dee@example.com",
    createdAt: ago(2),
  });

  const activity = (id: string, doc: Record<string, unknown>) =>
    db.update(schema.contacts).set({ activity: doc }).where(eq(schema.contacts.id, id));
  await activity(lee, {
    email_sent_ct: 10,
    email_open_ct: 5,
    email_first_open_ts: "2026-01-05T10:00:00.000Z",
    email_last_open_ts: ago(3).toISOString(),
    last_active_ts: ago(3).toISOString(),
    channels: ["email"],
  });
  await activity(brown, {
    email_open_ct: 1,
    email_first_open_ts: "2026-02-10T12:00:00.000Z",
    email_last_open_ts: "2026-02-10T12:00:00.000Z",
    sms_sent_ct: 2,
    last_active_ts: "2026-02-10T12:00:00.000Z",
  });
  await activity(costa, {
    sms_sent_ct: 4,
    sms_first_sent_ts: ago(90).toISOString(),
    sms_last_sent_ts: ago(40).toISOString(),
    last_active_ts: ago(40).toISOString(),
    channels: ["sms"],
  });

  const at = new Date();
  // Consent is kept by number: Lee's, Brown's and Costa's.
  await db.insert(schema.consentStates).values([
    { workspaceId, address: "+447911123456", channel: "whatsapp", state: "opt_in", source: "form", at },
    { workspaceId, address: "+447911123456", channel: "sms", state: "opt_out", source: "form", at },
    { workspaceId, address: "+4915110000002", channel: "whatsapp", state: "opt_out", source: "form", at },
    { workspaceId, address: "+34612100003", channel: "whatsapp", state: "opt_in", source: "import", at },
  ]);
  const integrationId = await integration(db, workspaceId);
  const [campaign] = await db
    .insert(schema.campaigns)
    .values({ workspaceId, name: "Spring", channel: "whatsapp", trigger: "scheduled" })
    .returning({ id: schema.campaigns.id });
  const message = (
    contactId: string,
    channel: "whatsapp" | "sms",
    status: "delivered" | "read" | "failed",
    daysAgo: number,
    campaignId: string | null = null,
  ) => ({
    workspaceId,
    integrationId,
    contactId,
    campaignId,
    channel,
    status,
    statusAt: ago(daysAgo),
    toNumber: "+447911123456",
    occurrence: `${contactId}-${channel}-${daysAgo}`,
  });
  await db
    .insert(schema.messages)
    .values([
      message(lee, "whatsapp", "delivered", 2, campaign?.id),
      message(brown, "whatsapp", "read", 1),
      message(brown, "sms", "failed", 3),
      message(costa, "whatsapp", "delivered", 20),
    ]);
  return { lee, brown, costa, dunn, campaignId: campaign?.id as string };
}

async function audit(db: Db, workspaceId: string) {
  const rows = await db
    .select({
      action: schema.auditLog.action,
      actorUserId: schema.auditLog.actorUserId,
      targetId: schema.auditLog.targetId,
      details: schema.auditLog.details,
    })
    .from(schema.auditLog)
    .where(eq(schema.auditLog.workspaceId, workspaceId))
    .orderBy(asc(schema.auditLog.at));
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}

describe("segments (tRPC segment router)", () => {
  let one: Workspace;
  let two: Workspace;
  let ids: Awaited<ReturnType<typeof seed>>;
  let api: Awaited<ReturnType<typeof callerFor>>;

  /** Last names of the members, sorted, after checking the count agrees with the preview. */
  async function who(definition: SegmentDefinition) {
    const [{ count }, preview] = await Promise.all([
      api.segment.count({ definition }),
      api.segment.preview({ definition, limit: 50 }),
    ]);
    const names = preview.items.map((c) => c.lastName).sort();
    expect(count).toBe(names.length);
    return names;
  }

  beforeAll(async () => {
    one = await createWorkspace();
    two = await createWorkspace();
    ids = await seed(one);
    await seed(two);
    api = await callerFor(one.marketer);
  });

  const field = (f: string, operator: string, extra: Record<string, unknown> = {}) =>
    ({ kind: "field", field: f, operator, ...extra }) as Condition;
  const attribute = (key: string, operator: string, extra: Record<string, unknown> = {}) =>
    ({ kind: "attribute", key, operator, ...extra }) as Condition;
  const activity = (key: string, operator: string, extra: Record<string, unknown> = {}) =>
    ({ kind: "activity", key, operator, ...extra }) as Condition;

  it.each([
    ["country eq (value normalised)", field("country", "eq", { value: "gb" }), ["Lee"]],
    ["country neq (empty included)", field("country", "neq", { value: "GB" }), ["Brown", "Costa", "Dunn"]],
    ["country in", field("country", "in", { values: ["DE", "es"] }), ["Brown", "Costa"]],
    ["first name contains, any case", field("firstName", "contains", { value: "AR" }), ["Costa"]],
    ["contains treats % and _ literally", field("firstName", "contains", { value: "%" }), []],
    // On PostgreSQL these are answered from the pg_trgm indexes once the table is large enough.
    ["email contains, any case", field("email", "contains", { value: "@EXAMPLE." }), ["Dunn", "Lee"]],
    ["email contains, shorter than a trigram", field("email", "contains", { value: "b" }), ["Brown"]],
    ["last name contains, any case", field("lastName", "contains", { value: "rOW" }), ["Brown"]],
    ["last name starts_with", field("lastName", "starts_with", { value: "co" }), ["Costa"]],
    ["email starts_with, any case", field("email", "starts_with", { value: "ANN@" }), ["Lee"]],
    ["mobile eq, spaces ignored", field("mobileNumber", "eq", { value: "+44 7911 123456" }), ["Lee"]],
    ["mobile starts_with", field("mobileNumber", "starts_with", { value: "+49" }), ["Brown"]],
    ["email is_empty", field("email", "is_empty"), ["Costa"]],
    ["city is_empty (null or blank)", field("city", "is_empty"), ["Costa", "Dunn"]],
    ["city is_not_empty", field("city", "is_not_empty"), ["Brown", "Lee"]],
    ["postal code eq", field("postalCode", "eq", { value: "LS1" }), ["Lee"]],
    ["created before a day", field("createdAt", "before", { value: "2026-01-01" }), ["Costa"]],
    [
      "created after a day (from the next day on)",
      field("createdAt", "after", { value: "2026-01-10" }),
      ["Brown", "Dunn"],
    ],
    ["created within the last days", field("createdAt", "within_last_days", { days: 7 }), ["Dunn"]],
    [
      "modified within the last days",
      field("modifiedAt", "within_last_days", { days: 1 }),
      ["Brown", "Costa", "Dunn", "Lee"],
    ],
    ["attribute eq", attribute("tier", "eq", { value: "gold" }), ["Costa", "Lee"]],
    ["attribute eq matches a stored number", attribute("points", "eq", { value: "12" }), ["Lee"]],
    ["attribute eq matches a stored boolean", attribute("vip", "eq", { value: "true" }), ["Lee"]],
    ["attribute neq (missing included)", attribute("tier", "neq", { value: "gold" }), ["Brown", "Dunn"]],
    ["attribute in", attribute("tier", "in", { values: ["silver", "bronze"] }), ["Brown"]],
    ["attribute contains, any case", attribute("tier", "contains", { value: "OL" }), ["Costa", "Lee"]],
    ["attribute contains with % and _", attribute("note", "contains", { value: "%_" }), ["Costa"]],
    ["attribute starts_with", attribute("tier", "starts_with", { value: "si" }), ["Brown"]],
    ["attribute is_empty", attribute("tier", "is_empty"), ["Dunn"]],
    ["attribute is_not_empty", attribute("tier", "is_not_empty"), ["Brown", "Costa", "Lee"]],
    ["WhatsApp opted in", { kind: "consent", channel: "whatsapp", state: "opt_in" }, ["Costa", "Lee"]],
    ["WhatsApp opted out", { kind: "consent", channel: "whatsapp", state: "opt_out" }, ["Brown"]],
    ["WhatsApp not recorded", { kind: "consent", channel: "whatsapp", state: "none" }, ["Dunn"]],
    ["SMS opted out", { kind: "consent", channel: "sms", state: "opt_out" }, ["Lee"]],
    ["SMS not recorded", { kind: "consent", channel: "sms", state: "none" }, ["Brown", "Costa", "Dunn"]],
    [
      "delivered a WhatsApp message in the last 7 days (read counts)",
      { kind: "message", operator: "has", channel: "whatsapp", status: "delivered", withinDays: 7 },
      ["Brown", "Lee"],
    ],
    [
      "read a WhatsApp message in the last 7 days",
      { kind: "message", operator: "has", channel: "whatsapp", status: "read", withinDays: 7 },
      ["Brown"],
    ],
    [
      "delivered a WhatsApp message in the last 30 days",
      { kind: "message", operator: "has", channel: "whatsapp", status: "delivered", withinDays: 30 },
      ["Brown", "Costa", "Lee"],
    ],
    [
      "no WhatsApp message delivered in the last 7 days",
      { kind: "message", operator: "has_not", channel: "whatsapp", status: "delivered", withinDays: 7 },
      ["Costa", "Dunn"],
    ],
    [
      "an SMS failed in the last 7 days",
      { kind: "message", operator: "has", channel: "sms", status: "failed", withinDays: 7 },
      ["Brown"],
    ],
    [
      "an SMS sent in the last 7 days (a failure is not sent)",
      { kind: "message", operator: "has", channel: "sms", status: "sent", withinDays: 7 },
      [],
    ],
    ["email opens at least 1", activity("email_open_ct", "at_least", { value: 1 }), ["Brown", "Lee"]],
    [
      "email opens at least 0 (a missing count is 0)",
      activity("email_open_ct", "at_least", { value: 0 }),
      ["Brown", "Costa", "Dunn", "Lee"],
    ],
    [
      "email opens at most 1 (missing included)",
      activity("email_open_ct", "at_most", { value: 1 }),
      ["Brown", "Costa", "Dunn"],
    ],
    ["email opens exactly 0 (missing included)", activity("email_open_ct", "eq", { value: 0 }), ["Costa", "Dunn"]],
    ["email opens exactly 5", activity("email_open_ct", "eq", { value: 5 }), ["Lee"]],
    ["SMS sent at least 3", activity("sms_sent_ct", "at_least", { value: 3 }), ["Costa"]],
    ["a count nobody has, at least 1", activity("email_complaint_ct", "at_least", { value: 1 }), []],
    ["last email open before a day", activity("email_last_open_ts", "before", { value: "2026-02-11" }), ["Brown"]],
    [
      "first email open after a day (from the next day on)",
      activity("email_first_open_ts", "after", { value: "2026-01-05" }),
      ["Brown"],
    ],
    [
      "first email open after the day before",
      activity("email_first_open_ts", "after", { value: "2026-01-04" }),
      ["Brown", "Lee"],
    ],
    ["last email open within the last days", activity("email_last_open_ts", "within_last_days", { days: 7 }), ["Lee"]],
    ["last SMS sent within the last 30 days", activity("sms_last_sent_ts", "within_last_days", { days: 30 }), []],
    [
      "last SMS sent within the last 60 days",
      activity("sms_last_sent_ts", "within_last_days", { days: 60 }),
      ["Costa"],
    ],
    [
      "last active before a far day (a missing timestamp never matches)",
      activity("last_active_ts", "before", { value: "2100-01-01" }),
      ["Brown", "Costa", "Lee"],
    ],
    ["last active after a far day", activity("last_active_ts", "after", { value: "2100-01-01" }), []],
  ] as [string, Condition, string[]][])("%s", async (_, condition, expected) => {
    expect(await who(all(condition))).toEqual(expected);
  });

  it("a message condition can name one campaign", async () => {
    const condition: Condition = {
      kind: "message",
      operator: "has",
      channel: "whatsapp",
      status: "sent",
      withinDays: 30,
      campaignId: ids.campaignId,
    };
    expect(await who(all(condition))).toEqual(["Lee"]);
  });

  it("combines nested AND/OR groups, and leaves empty groups out", async () => {
    const optedIn: Condition = { kind: "consent", channel: "whatsapp", state: "opt_in" };
    expect(
      await who(all(optedIn, any(field("country", "eq", { value: "DE" }), field("city", "eq", { value: "Leeds" })))),
    ).toEqual(["Lee"]);
    expect(
      await who(
        any(
          all(field("country", "eq", { value: "DE" }), { kind: "consent", channel: "whatsapp", state: "opt_out" }),
          all(attribute("tier", "eq", { value: "gold" }), field("createdAt", "before", { value: "2026-01-01" })),
        ),
      ),
    ).toEqual(["Brown", "Costa"]);
    expect(await who(all(any(), field("country", "eq", { value: "ES" })))).toEqual(["Costa"]);
    expect(await who(any(any(), all()))).toEqual(["Brown", "Costa", "Dunn", "Lee"]);
    expect(await who(all(all(all(all(optedIn)))))).toEqual(["Costa", "Lee"]);
  });

  it("never counts another workspace's contacts, and needs a session", async () => {
    expect((await api.segment.count({ definition: all() })).count).toBe(4);
    const other = await callerFor(two.admin);
    expect((await other.segment.count({ definition: all(field("country", "eq", { value: "GB" })) })).count).toBe(1);
    expect(await who(all(field("email", "eq", { value: "ann@example.com" })))).toEqual(["Lee"]);
    await expect((await callerFor(null)).segment.count({ definition: all() })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });

  it("refuses bad definitions, naming the path of the bad node", async () => {
    const issues = async (definition: unknown) => {
      const error = (await api.segment.count({ definition: definition as SegmentDefinition }).then(
        () => null,
        (e: unknown) => e,
      )) as { code?: string; cause?: { issues?: { path: (string | number)[]; message: string }[] } } | null;
      expect(error?.code).toBe("BAD_REQUEST");
      return error?.cause?.issues ?? [];
    };
    const deep = all(all(all(all(all(field("country", "eq", { value: "GB" }))))));
    expect(await issues(deep)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: ["definition", "children", 0, "children", 0, "children", 0, "children", 0],
          message: expect.stringContaining(
            "at most 4 deep: move the group at children[0].children[0].children[0].children[0]",
          ) as unknown,
        }),
      ]),
    );
    const many = all(...Array.from({ length: 51 }, () => field("country", "eq", { value: "GB" })));
    expect(await issues(many)).toEqual([
      expect.objectContaining({
        path: ["definition", "children", 50],
        message: expect.stringContaining("at most 50 conditions") as unknown,
      }),
    ]);
    expect(await issues(all(any(field("createdAt", "eq", { value: "2026-01-01" }))))).toEqual([
      expect.objectContaining({
        path: ["definition", "children", 0, "children", 0, "operator"],
        message: "createdAt is a date: use one of before, after, within_last_days",
      }),
    ]);
    expect(await issues(all(field("country", "eq")))).toEqual([
      expect.objectContaining({ path: ["definition", "children", 0, "value"], message: "Enter a value" }),
    ]);
    expect(await issues(all(field("country", "in", { values: [] })))).toEqual([
      expect.objectContaining({ path: ["definition", "children", 0, "values"], message: "Enter at least one value" }),
    ]);
    expect(await issues(all(field("createdAt", "before", { value: "1 Jan" })))).toEqual([
      expect.objectContaining({ path: ["definition", "children", 0, "value"], message: "Enter a date as YYYY-MM-DD" }),
    ]);
    expect(await issues(all(field("createdAt", "within_last_days", { days: 0 })))).toEqual([
      expect.objectContaining({ path: ["definition", "children", 0, "days"] }),
    ]);
    expect(await issues(all(field("passwordHash", "eq", { value: "x" })))).toEqual([
      expect.objectContaining({ path: ["definition", "children", 0, "field"] }),
    ]);
    expect(await issues(all(attribute("1bad key", "eq", { value: "x" })))).toEqual([
      expect.objectContaining({ path: ["definition", "children", 0, "key"] }),
    ]);
    expect(
      await issues(
        all({
          kind: "message",
          operator: "has",
          channel: "fax",
          status: "delivered",
          withinDays: 7,
        } as unknown as Condition),
      ),
    ).toEqual([expect.objectContaining({ path: ["definition", "children", 0, "channel"] })]);
    expect(await issues(all(activity("channels", "eq", { value: 1 })))).toEqual([
      expect.objectContaining({
        path: ["definition", "children", 0, "key"],
        message: "Choose a Responsys activity from the list",
      }),
    ]);
    expect(await issues(all(any(activity("email_open_ct", "at_least", { value: "2026-01-01" }))))).toEqual([
      expect.objectContaining({
        path: ["definition", "children", 0, "children", 0, "value"],
        message: "Enter a whole number, 0 or more",
      }),
    ]);
    expect(await issues(all(activity("sms_last_sent_ts", "at_most", { value: 3 })))).toEqual([
      expect.objectContaining({
        path: ["definition", "children", 0, "operator"],
        message: "sms_last_sent_ts is a date: use one of before, after, within_last_days",
      }),
    ]);
    expect(await issues(all(activity("sms_last_sent_ts", "within_last_days")))).toEqual([
      expect.objectContaining({ path: ["definition", "children", 0, "days"] }),
    ]);
    expect(await issues(all({ kind: "script" } as unknown as Condition))).toEqual([
      expect.objectContaining({ path: ["definition", "children", 0, "kind"] }),
    ]);
  });

  it("saves a segment with its count, recounts it, and audits every change", async () => {
    const ws = await createWorkspace();
    await seed(ws);
    const marketer = await callerFor(ws.marketer);
    const admin = await callerFor(ws.admin);
    const gold = all(attribute("tier", "eq", { value: "gold" }));
    const { id, count } = await marketer.segment.create({ name: " Gold tier ", definition: gold });
    expect(count).toBe(2);
    expect(await marketer.segment.get({ id })).toMatchObject({
      name: "Gold tier",
      kind: "dynamic",
      lastCount: 2,
      definition: gold,
      definitionValid: true,
      description: null,
    });

    // A renamed and redefined segment is recounted; saving again unchanged writes no audit row.
    const updated = await admin.segment.update({
      id,
      data: {
        name: "Gold, opted in",
        definition: all(attribute("tier", "eq", { value: "gold" }), {
          kind: "consent",
          channel: "sms",
          state: "opt_out",
        }),
      },
    });
    expect(updated).toMatchObject({ changed: ["name", "definition"], count: 1 });
    expect(await admin.segment.update({ id, data: { name: "Gold, opted in" } })).toMatchObject({
      changed: [],
      count: 1,
    });

    // A contact joining shows in a recount, which is kept as the last count.
    await ws.db
      .insert(schema.contacts)
      .values({
        workspaceId: ws.workspace.id,
        lastName: "New",
        mobileNumber: "+4915110009999",
        attributes: { tier: "gold" },
      })
      .returning();
    await ws.db.insert(schema.consentStates).values({
      workspaceId: ws.workspace.id,
      address: "+4915110009999",
      channel: "sms",
      state: "opt_out",
      source: "admin",
      at: new Date(),
    });
    const before = (await marketer.segment.get({ id })).lastCountedAt;
    const recount = await marketer.segment.count({ id });
    expect(recount.count).toBe(2);
    const after = await marketer.segment.get({ id });
    expect(after.lastCount).toBe(2);
    expect(after.lastCountedAt?.getTime()).toBeGreaterThanOrEqual(before?.getTime() ?? 0);

    const list = await marketer.segment.list({ limit: 10 });
    expect(list.items.map((s) => [s.name, s.kind, s.lastCount])).toEqual([["Gold, opted in", "dynamic", 2]]);

    await marketer.segment.delete({ id });
    await expect(marketer.segment.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await audit(ws.db, ws.workspace.id)).map((r) => [r.action, r.actorUserId, r.targetId, r.details])).toEqual([
      ["segment.create", ws.marketer.userId, id, { name: "Gold tier", kind: "dynamic", conditions: 1, count: 2 }],
      [
        "segment.update",
        ws.admin.userId,
        id,
        { changed: ["name", "definition"], name: "Gold, opted in", conditions: 2, count: 1 },
      ],
      ["segment.delete", ws.marketer.userId, id, { name: "Gold, opted in", kind: "dynamic" }],
    ]);
  });

  it("keeps segments to their workspace and refuses to delete one a campaign sends to", async () => {
    const { id } = await api.segment.create({
      name: "Germany",
      definition: all(field("country", "eq", { value: "DE" })),
    });
    const other = await callerFor(two.marketer);
    await expect(other.segment.get({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.segment.count({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.segment.update({ id, data: { name: "Mine" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(other.segment.delete({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listSegmentMembers(two.db, two.workspace.id, id, { limit: 10 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await other.segment.list({ limit: 50 })).items.map((s) => s.id)).not.toContain(id);

    await one.db.insert(schema.campaigns).values({
      workspaceId: one.workspace.id,
      name: "Oktoberfest",
      channel: "whatsapp",
      trigger: "scheduled",
      segmentId: id,
    });
    await expect(api.segment.delete({ id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("campaign “Oktoberfest”") as unknown,
    });
    expect((await api.segment.get({ id })).name).toBe("Germany");
  });

  it("pages members of dynamic segments by contact id, in the preview and for pushes", async () => {
    const { id } = await api.segment.create({ name: "Everyone", definition: all() });
    const everyone = [ids.lee, ids.brown, ids.costa, ids.dunn].sort();
    const first = await api.segment.preview({ id, limit: 3 });
    expect(first.items.map((c) => c.id)).toEqual(everyone.slice(0, 3));
    const second = await api.segment.preview({ id, limit: 3, cursor: first.nextCursor });
    expect(second).toEqual({ items: [expect.objectContaining({ id: everyone[3] })], nextCursor: null });

    const page1 = await listSegmentMembers(one.db, one.workspace.id, id, { limit: 2 });
    const page2 = await listSegmentMembers(one.db, one.workspace.id, id, { after: page1[1]?.id, limit: 2 });
    const page3 = await listSegmentMembers(one.db, one.workspace.id, id, { after: page2[1]?.id, limit: 2 });
    expect([...page1, ...page2].map((c) => c.id)).toEqual(everyone);
    expect(page3).toEqual([]);
    expect(Object.keys(page1[0] ?? {}).sort()).toEqual(["email", "firstName", "id", "lastName", "mobileNumber"]);
    await expect(listSegmentMembers(one.db, one.workspace.id, id, { after: "nope", limit: 2 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("makes a static segment from an uploaded list, reporting unmatched and invalid lines by number", async () => {
    const list = [
      "email", // 1: a column name, skipped
      "ann@example.com", // 2: Lee
      "+49 151 10000002", // 3: Brown
      "not-an-email@", // 4: invalid
      "", // 5: blank
      "07911 123457", // 6: invalid without a default country
      "nobody@example.com", // 7: unmatched
      "ANN@example.com", // 8: Lee again
      "+447911123456", // 9: Lee again
      "+44 7400 100009", // 10: unmatched
      "bob@shop.example.org.invalid", // 11: unmatched
    ].join("\r\n");
    const result = await api.segment.createStatic({ name: "Uploaded", list });
    expect(result).toMatchObject({ lines: 9, matched: 2, duplicates: 2, unmatched: 3, invalid: 2 });
    expect(result.unmatchedLines.map((l) => [l.line, l.value])).toEqual([
      [7, "nobody@example.com"],
      [10, "+44 7400 100009"],
      [11, "bob@shop.example.org.invalid"],
    ]);
    expect(result.invalidLines.map((l) => l.line)).toEqual([4, 6]);
    expect(result.invalidLines[1]?.reason).toContain("country code");

    expect(await api.segment.get({ id: result.id })).toMatchObject({
      kind: "static",
      lastCount: 2,
      definition: null,
      definitionValid: true,
    });
    expect((await api.segment.count({ id: result.id })).count).toBe(2);
    const members = await listSegmentMembers(one.db, one.workspace.id, result.id, { limit: 10 });
    expect(members.map((m) => m.id)).toEqual([ids.lee, ids.brown].sort());
    expect((await api.segment.preview({ id: result.id, limit: 10 })).items.map((c) => c.lastName).sort()).toEqual([
      "Brown",
      "Lee",
    ]);
    await expect(api.segment.update({ id: result.id, data: { definition: all() } })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { field: "definition" },
    });

    // With a default country, a national number is read there; the other workspace's contacts never match.
    const gb = await api.segment.createStatic({ name: "GB", list: "07911 123456\n", defaultCountry: "gb" });
    expect(gb).toMatchObject({ matched: 1, invalid: 0 });
    const theirs = await (
      await callerFor(two.admin)
    ).segment.createStatic({ name: "Theirs", list: "ann@example.com\nbob@shop.example.org" });
    const theirMembers = await listSegmentMembers(two.db, two.workspace.id, theirs.id, { limit: 10 });
    expect(theirMembers).toHaveLength(2);
    expect(theirMembers.map((m) => m.id)).not.toContain(ids.lee);

    await expect(api.segment.createStatic({ name: "Nothing", list: "hello\nworld" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("line 1") as unknown,
    });
    const rows = (await audit(one.db, one.workspace.id)).filter((r) => r.targetId === result.id);
    expect(rows.map((r) => r.details)).toEqual([
      { name: "Uploaded", kind: "static", lines: 9, matched: 2, duplicates: 2, unmatched: 3, invalid: 2 },
    ]);
    expect(JSON.stringify(rows)).not.toContain("ann@");
  });

  it("refuses a saved definition the schema no longer accepts, instead of guessing", async () => {
    const [row] = await one.db
      .insert(schema.segments)
      .values({
        workspaceId: one.workspace.id,
        name: "Old shape",
        kind: "dynamic",
        definition: { op: "and", conditions: [] },
      })
      .returning({ id: schema.segments.id });
    const id = row?.id as string;
    expect(await api.segment.get({ id })).toMatchObject({ definition: null, definitionValid: false });
    await expect(api.segment.count({ id })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("no longer valid") as unknown,
    });
  });
});
