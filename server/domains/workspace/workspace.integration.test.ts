import { randomUUID } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema, type Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/sessions";
import { handleDeskClose } from "@/server/http/desk-close";
import { callerFor, createWorkspace } from "@/server/testing/fixtures";
import { recordConsent } from "../contact/record-consent";
import { receiveInboundMessage } from "../conversation/receive-inbound-message";
import { derivedDeskToken } from "./desk-token";

// The settings page's workspace procedures through the tRPC caller, against a real database:
// validation with the field named, admins only, audited; then what the settings change does
// (inbound keywords, the desk's close webhook).

const auditOf = async (db: Db, workspaceId: string) =>
  db
    .select({ action: schema.auditLog.action, details: schema.auditLog.details })
    .from(schema.auditLog)
    .where(eq(schema.auditLog.workspaceId, workspaceId))
    .orderBy(schema.auditLog.at);

/** The zod issues of a refused call, as [path, message] pairs. */
async function refusal(call: Promise<unknown>) {
  const error = (await call.then(
    () => null,
    (e: unknown) => e,
  )) as { code?: string; cause?: { issues?: { path: (string | number)[]; message: string }[] } } | null;
  expect(error?.code).toBe("BAD_REQUEST");
  return (error?.cause?.issues ?? []).map((i) => [i.path.join("."), i.message]);
}

const kw = (language: string, kind: "opt_out" | "opt_in", keyword: string) => ({ language, kind, keyword });

describe("workspace settings (tRPC workspace router)", () => {
  it("are for admins only", async () => {
    const { marketer } = await createWorkspace();
    const api = await callerFor(marketer);
    const forbidden = { code: "FORBIDDEN" };
    await expect(api.workspace.settings()).rejects.toMatchObject(forbidden);
    await expect(api.workspace.updateKeywords({ keywords: [] })).rejects.toMatchObject(forbidden);
    await expect(api.workspace.setTimeZone({ defaultTimeZone: "Europe/Madrid" })).rejects.toMatchObject(forbidden);
    await expect(api.workspace.rotateDeskToken()).rejects.toMatchObject(forbidden);
  });

  it("saves keywords per language, canonical and audited, and saving the same list changes nothing", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = await callerFor(admin);
    expect((await api.workspace.settings()).keywords).toEqual([]);

    const saved = await api.workspace.updateKeywords({
      keywords: [kw(" es ", "opt_out", " BAJA "), kw("es", "opt_out", "parar"), kw("pt-br", "opt_in", "Volta")],
    });
    expect(saved).toMatchObject({ changed: true });
    const keywords = [kw("es", "opt_out", "BAJA"), kw("es", "opt_out", "parar"), kw("pt-BR", "opt_in", "Volta")];
    expect((await api.workspace.settings()).keywords).toEqual(keywords);
    expect(await api.workspace.updateKeywords({ keywords })).toMatchObject({ changed: false });

    await api.workspace.updateKeywords({ keywords: [kw("es", "opt_out", "BAJA"), kw("fr", "opt_out", "ANNULER")] });
    const audit = await auditOf(db, workspace.id);
    expect(audit.map((a) => a.action)).toEqual(["workspace.update_keywords", "workspace.update_keywords"]);
    expect(JSON.parse(audit[1]?.details ?? "")).toEqual({
      added: ["ANNULER (fr, opt_out)"],
      removed: ["parar (es, opt_out)", "Volta (pt-BR, opt_in)"],
    });
  });

  it("refuses a bad keyword list naming the row and field, and writes nothing", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = await callerFor(admin);
    const issues = await refusal(
      api.workspace.updateKeywords({
        keywords: [
          kw("es", "opt_out", "BAJA"),
          kw("es", "opt_out", "¡baja!"),
          kw("es", "opt_in", "Bája"),
          kw("en", "opt_out", "stop"),
          kw("en", "opt_in", "Stop"),
          kw("es", "opt_out", " !! "),
          kw("spanish", "opt_out", "PARAR"),
          kw("es", "opt_out", ""),
        ],
      }),
    );
    // Each row's own errors, and the rules across rows: each error on the row's field, naming the row.
    expect(issues).toEqual([
      ["keywords.5.keyword", "A keyword needs a letter or digit; edge punctuation is ignored"],
      ["keywords.6.language", "Enter a BCP 47 language code such as es, fr or pt-BR"],
      ["keywords.7.keyword", "Enter the keyword"],
      ["keywords.1.keyword", "Row 2: BAJA is already in row 1"],
      ["keywords.2.keyword", "Row 3: BAJA is an opt-out keyword in row 1; a keyword cannot both opt in and opt out"],
      ["keywords.3.keyword", "Row 4: STOP is a standard opt-out keyword, always on"],
      ["keywords.4.keyword", "Row 5: STOP is a standard opt-out keyword; it cannot also opt in"],
    ]);
    const [row] = await db
      .select({ keywords: schema.workspaces.consentKeywords })
      .from(schema.workspaces)
      .where(eq(schema.workspaces.id, workspace.id));
    expect(row?.keywords).toEqual([]);
    expect(await auditOf(db, workspace.id)).toEqual([]);
  });

  it("sets the default time zone to an IANA zone only, audited", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = await callerFor(admin);
    expect((await api.workspace.settings()).defaultTimeZone).toBe("UTC");
    for (const zone of ["Mars/Olympus_Mons", "europe/madrid", "CET+1", ""]) {
      expect((await refusal(api.workspace.setTimeZone({ defaultTimeZone: zone })))[0]?.[0], zone).toBe(
        "defaultTimeZone",
      );
    }
    await api.workspace.setTimeZone({ defaultTimeZone: "America/Sao_Paulo" });
    await api.workspace.setTimeZone({ defaultTimeZone: "America/Sao_Paulo" });
    await api.workspace.setTimeZone({ defaultTimeZone: "UTC" });
    expect((await api.workspace.settings()).defaultTimeZone).toBe("UTC");
    const audit = await auditOf(db, workspace.id);
    expect(audit.map((a) => [a.action, JSON.parse(a.details) as unknown])).toEqual([
      ["workspace.set_time_zone", { from: "UTC", to: "America/Sao_Paulo" }],
      ["workspace.set_time_zone", { from: "America/Sao_Paulo", to: "UTC" }],
    ]);
  });

  it("rotates the desk token: shown once, only its hash stored, the derived and previous tokens refused after", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = await callerFor(admin);
    const id = await openConversation(db, admin, "+34600000001");
    const close = (token: string) =>
      handleDeskClose(
        new Request(`http://portal/api/conversations/${id}/close`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}` },
        }),
        id,
      );
    expect((await api.workspace.settings()).desk).toMatchObject({ setAt: null });
    // Never rotated: the token derived from AUTH_SECRET is the workspace's, so configured desks keep working.
    expect((await close(derivedDeskToken(workspace.id))).status).toBe(200);

    const first = await api.workspace.rotateDeskToken();
    expect(first.token).toMatch(/^sbdesk_[A-Za-z0-9_-]{43}$/);
    const settings = await api.workspace.settings();
    expect(settings.desk.setAt).toEqual(first.setAt);
    expect(JSON.stringify(settings)).not.toContain(first.token);
    const [stored] = await db.select().from(schema.workspaces).where(eq(schema.workspaces.id, workspace.id));
    expect(stored?.deskTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain(first.token.slice(7));

    expect((await close(derivedDeskToken(workspace.id))).status).toBe(404);
    expect((await close(first.token)).status).toBe(200);
    const second = await api.workspace.rotateDeskToken();
    expect(second.token).not.toBe(first.token);
    expect((await close(first.token)).status).toBe(404);
    expect((await close(second.token)).status).toBe(200);

    const audit = (await auditOf(db, workspace.id)).filter((a) => a.action.startsWith("workspace."));
    expect(audit.map((a) => [a.action, JSON.parse(a.details) as unknown])).toEqual([
      ["workspace.rotate_desk_token", { replaced: "derived token" }],
      ["workspace.rotate_desk_token", { replaced: "rotated token" }],
    ]);
    expect(JSON.stringify(audit)).not.toContain(first.token);
  });
});

describe("workspace keywords on inbound messages", () => {
  it("opt out with a workspace keyword, and opt back in with START or a workspace opt-in keyword, only after an opt-out", async () => {
    const { db, admin } = await createWorkspace();
    const api = await callerFor(admin);
    await api.workspace.updateKeywords({ keywords: [kw("es", "opt_out", "BAJA"), kw("es", "opt_in", "ALTA")] });
    const integrationId = await wavyIntegration(db, admin);
    const contactId = await contactWith(db, admin, "+34600000002", "opt_in");
    const reply = (from: string, text: string) =>
      receiveInboundMessage(db, {
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

    // An opt-in keyword from a contact who never opted out changes nothing.
    expect(await reply("+34600000002", "alta")).toMatchObject({ optedOut: false, optedIn: false });
    expect(await reply("+34600000002", " Baja. ")).toMatchObject({ optedOut: true, optedIn: false });
    expect(await latestConsent(db, contactId)).toMatchObject({
      state: "opt_out",
      source: "keyword",
      evidence: "Replied “BAJA” via wavy",
    });
    expect(await reply("+34600000002", "¡Alta!")).toMatchObject({ optedOut: false, optedIn: true });
    expect(await latestConsent(db, contactId)).toMatchObject({
      state: "opt_in",
      source: "keyword",
      evidence: "Replied “ALTA” via wavy",
    });
    await reply("+34600000002", "STOP");
    expect(await reply("+34600000002", "unstop")).toMatchObject({ optedIn: true });
    expect(await latestConsent(db, contactId)).toMatchObject({
      state: "opt_in",
      evidence: "Replied “UNSTOP” via wavy",
    });
    const [current] = await db
      .select()
      .from(schema.consentStates)
      .where(
        and(
          eq(schema.consentStates.workspaceId, admin.workspaceId),
          eq(schema.consentStates.channel, "whatsapp"),
          eq(schema.consentStates.address, "+34600000002"),
        ),
      );
    expect(current).toMatchObject({ state: "opt_in", source: "keyword" });

    // A contact with no consent recorded is not subscribed by START: it re-subscribes, never subscribes.
    const unknown = await contactWith(db, admin, "+34600000003", null);
    expect(await reply("+34600000003", "START")).toMatchObject({ optedIn: false });
    expect(await latestConsent(db, unknown)).toBeUndefined();
    const inbound = await db
      .select({ body: schema.inboundMessages.body, isOptOut: schema.inboundMessages.isOptOut })
      .from(schema.inboundMessages)
      .where(eq(schema.inboundMessages.integrationId, integrationId))
      .orderBy(schema.inboundMessages.receivedAt);
    expect(inbound.filter((m) => m.isOptOut).map((m) => m.body)).toEqual([" Baja. ", "STOP"]);
  });
});

async function wavyIntegration(db: Db, user: SessionUser) {
  const [row] = await db
    .insert(schema.integrations)
    .values({ workspaceId: user.workspaceId, vendor: "wavy", label: "Wavy", status: "active" })
    .returning({ id: schema.integrations.id });
  return row?.id ?? "";
}

async function contactWith(db: Db, user: SessionUser, mobileNumber: string, state: "opt_in" | "opt_out" | null) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(schema.contacts)
      .values({ workspaceId: user.workspaceId, mobileNumber })
      .returning({ id: schema.contacts.id });
    const contactId = row?.id ?? "";
    if (state)
      await recordConsent(tx, {
        workspaceId: user.workspaceId,
        channel: "whatsapp",
        address: mobileNumber,
        contactId,
        state,
        source: "form",
        actorUserId: user.userId,
      });
    return contactId;
  });
}

async function openConversation(db: Db, user: SessionUser, mobileNumber: string) {
  const integrationId = await wavyIntegration(db, user);
  const contactId = await contactWith(db, user, mobileNumber, null);
  const [row] = await db
    .insert(schema.conversations)
    .values({ workspaceId: user.workspaceId, contactId, integrationId, channel: "whatsapp" })
    .returning({ id: schema.conversations.id });
  return row?.id ?? "";
}

async function latestConsent(db: Db, contactId: string) {
  const [row] = await db
    .select()
    .from(schema.consentEvents)
    .where(eq(schema.consentEvents.contactId, contactId))
    .orderBy(desc(schema.consentEvents.at), desc(schema.consentEvents.id));
  return row;
}
