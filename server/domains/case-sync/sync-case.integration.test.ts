import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { schema, type Db } from "@/db/client";
import type { SessionUser } from "@/server/auth/sessions";
import { env } from "@/server/env";
import { inngest } from "@/server/jobs/client";
import { sandboxSettings } from "@/server/domains/integration/sandbox-settings";
import { SALESFORCE_SANDBOX_CREDENTIALS, salesforceFake } from "@/server/sandbox/salesforce";
import { startSandbox, type Sandbox } from "@/server/sandbox/server";
import { callerFor, createWorkspace } from "@/server/testing/fixtures";
import { closeConversation } from "../conversation/close-conversation";
import { findCaseSync } from "./reads";
import { isTransient, splitUtf8, syncCase } from "./sync-case";

// The case sync against the Salesforce sandbox over HTTP: the adapter, the fake org and the
// database are real; only Inngest's send is captured.

const fake = salesforceFake();
let sandbox: Sandbox;
let files: Server;
let filesUrl = "";
let flaky = false;
let db: Db;
let admin: SessionUser;
let agent: SessionUser;
let workspaceId = "";
let integrationId = "";
let salesforceId = "";
const AGENT_EMAIL = "agent@demo.switchboard.test";
const CUSTOMER_USERNAME = "customer@demo.switchboard.test";
const fast = { client: { retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 2_000 } };

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [fake] });
  env.SANDBOX_URL = sandbox.url;
  // Where the customers' attachments live (a vendor's media URL in real life).
  files = createServer((req, res) => {
    if (req.url?.startsWith("/missing")) return res.writeHead(404).end();
    if (req.url?.startsWith("/flaky") && flaky) return res.writeHead(503).end();
    res.writeHead(200, { "content-type": "image/jpeg" }).end(Buffer.from(`bytes of ${req.url ?? ""}`));
  });
  await new Promise<void>((resolve) => files.listen(0, "127.0.0.1", resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;

  const created = await createWorkspace();
  db = created.db;
  admin = created.admin;
  workspaceId = created.workspace.id;
  const [row] = await db
    .insert(schema.users)
    .values({ workspaceId, email: AGENT_EMAIL, name: "Agent Demo", role: "marketer" })
    .returning();
  agent = {
    sessionId: "test",
    userId: row?.id ?? "",
    workspaceId,
    email: AGENT_EMAIL,
    name: "Agent Demo",
    role: "marketer",
    mustChangePassword: false,
  };
  vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] });
  const api = await callerFor(admin);
  // The WhatsApp integration the conversations came through: only its row matters here.
  const [mitto] = await db
    .insert(schema.integrations)
    .values({ workspaceId, vendor: "mitto", label: "Mitto", sandbox: true, status: "active" })
    .returning({ id: schema.integrations.id });
  integrationId = mitto?.id ?? "";
  const salesforce = await api.integration.connect({
    vendor: "salesforce",
    label: "Salesforce",
    sandbox: true,
    settings: { ...sandboxSettings.salesforce, customerCommentUsername: CUSTOMER_USERNAME },
  });
  salesforceId = salesforce.id ?? "";
});
afterAll(async () => {
  vi.restoreAllMocks();
  await sandbox.close();
  await new Promise((resolve) => files.close(resolve));
});
afterEach(async () => {
  sandbox.faults.clear();
  fake.setAuditFieldsPermission(true);
  await setFlags({ setAuditFields: true, addAttachments: true });
});

async function setFlags(flags: { setAuditFields?: boolean; addAttachments?: boolean }) {
  await db
    .update(schema.integrations)
    .set({ config: sql`${schema.integrations.config} || ${JSON.stringify(flags)}::jsonb` })
    .where(eq(schema.integrations.id, salesforceId));
}

let numberSeq = 0;
type Msg = {
  direction: "inbound" | "outbound";
  body: string | null;
  at: string;
  attachments?: { url: string; fileName?: string }[];
};

/** A contact and a closed-ready conversation with these messages; returns the ids. */
async function conversationWith(contact: { firstName?: string; lastName?: string }, messages: Msg[]) {
  numberSeq += 1;
  const mobileNumber = `+3933312345${String(numberSeq).padStart(2, "0")}`;
  const [c] = await db
    .insert(schema.contacts)
    .values({ workspaceId, mobileNumber, mobileCountry: "IT", ...contact })
    .returning({ id: schema.contacts.id });
  const [conversation] = await db
    .insert(schema.conversations)
    .values({
      workspaceId,
      contactId: c?.id ?? "",
      integrationId,
      channel: "whatsapp",
      agentUserId: agent.userId,
      agentEmail: AGENT_EMAIL,
    })
    .returning({ id: schema.conversations.id });
  const id = conversation?.id ?? "";
  for (const m of messages) {
    await db.insert(schema.conversationMessages).values({
      conversationId: id,
      direction: m.direction,
      body: m.body,
      attachments: m.attachments ?? [],
      sentAt: new Date(m.at),
      authorUserId: m.direction === "outbound" ? agent.userId : null,
    });
  }
  return { id, mobileNumber };
}

const thread: Msg[] = [
  { direction: "inbound", body: "Hi, my order is late", at: "2026-05-02T10:15:00.000Z" },
  { direction: "outbound", body: "Sorry! Let me check.", at: "2026-05-02T10:16:30.000Z" },
  { direction: "inbound", body: "Thanks", at: "2026-05-02T10:20:00.000Z" },
];

async function closeAndSync(id: string) {
  await closeConversation(db, { kind: "user", user: agent }, { id, profile: "Resolved" });
  return syncCase(db, id, fast);
}

const userId = (username: string) => fake.records("User").find((u) => u.Username === username)?.Id;
const casesFor = (id: string) => fake.records("Case").filter((c) => String(c.Subject).endsWith(`[${id}]`));
const commentsOf = (caseId: unknown) => fake.records("CaseComment").filter((c) => c.ParentId === caseId);

describe("syncCase", () => {
  it("finds an existing contact by number whatever its formatting, and opens one case with one comment per message as its author at its time", async () => {
    const { id, mobileNumber } = await conversationWith({ firstName: "Maria", lastName: "C" }, thread);
    const existing = fake.addContact({
      LastName: "Maria Costa",
      Phone: `${mobileNumber.slice(0, 3)} ${mobileNumber.slice(3, 6)} ${mobileNumber.slice(6)}`,
    });
    const contactsBefore = fake.records("Contact").length;

    const result = await closeAndSync(id);
    expect(result).toMatchObject({
      status: "synced",
      caseNumber: expect.stringMatching(/^\d{8}$/) as string,
      comments: 3,
      files: 0,
      alreadySynced: false,
    });
    expect(fake.records("Contact")).toHaveLength(contactsBefore);

    const [created] = casesFor(id);
    expect(created).toMatchObject({
      Subject: `${mobileNumber} [${id}]`,
      ContactId: existing,
      OwnerId: userId(AGENT_EMAIL),
      Status: "New",
    });
    expect(String(created?.Description)).toContain("outcome: Resolved");
    expect(commentsOf(created?.Id).map((c) => [c.CommentBody, c.CreatedDate, c.CreatedById])).toEqual([
      ["[Customer] Hi, my order is late", "2026-05-02T10:15:00.000Z", userId(CUSTOMER_USERNAME)],
      ["[Agent Demo] Sorry! Let me check.", "2026-05-02T10:16:30.000Z", userId(AGENT_EMAIL)],
      ["[Customer] Thanks", "2026-05-02T10:20:00.000Z", userId(CUSTOMER_USERNAME)],
    ]);

    const sync = await findCaseSync(db, id);
    expect(sync).toMatchObject({
      status: "synced",
      salesforceContactId: existing,
      salesforceCaseId: created?.Id,
      caseNumber: created?.CaseNumber,
      lastError: null,
    });
    expect(sync?.caseUrl).toBe(`${sandbox.url}/salesforce/lightning/r/Case/${String(created?.Id)}/view`);
    expect((await fetch(sync?.caseUrl ?? "")).status).toBe(200);
    expect(Object.keys(sync?.syncedComments ?? {})).toHaveLength(3);
  });

  it("creates a contact named after the customer when the number is unknown", async () => {
    const { id, mobileNumber } = await conversationWith(
      { firstName: "Giulia", lastName: "Bianchi" },
      thread.slice(0, 1),
    );
    await closeAndSync(id);
    const contactId = casesFor(id)[0]?.ContactId;
    expect(fake.records("Contact").find((c) => c.Id === contactId)).toMatchObject({
      FirstName: "Giulia",
      LastName: "Bianchi",
      Name: "Giulia Bianchi",
      MobilePhone: mobileNumber,
    });
  });

  it("creates a contact named after the number when the customer has no name", async () => {
    const { id, mobileNumber } = await conversationWith({}, thread.slice(0, 1));
    await closeAndSync(id);
    const contactId = casesFor(id)[0]?.ContactId;
    expect(fake.records("Contact").find((c) => c.Id === contactId)).toMatchObject({
      LastName: mobileNumber,
      Phone: mobileNumber,
    });
  });

  it("with audit fields off, posts as the API user now, with the author and message time in the text", async () => {
    await setFlags({ setAuditFields: false });
    // Without the permission a CreatedDate would be refused: the sync must not send one.
    fake.setAuditFieldsPermission(false);
    const { id } = await conversationWith({ firstName: "Ana" }, thread.slice(0, 2));
    await closeAndSync(id);
    const comments = commentsOf(casesFor(id)[0]?.Id);
    expect(comments.map((c) => c.CommentBody)).toEqual([
      "[Customer · 2026-05-02 10:15 UTC] Hi, my order is late",
      "[Agent Demo · 2026-05-02 10:16 UTC] Sorry! Let me check.",
    ]);
    const apiUser = userId(SALESFORCE_SANDBOX_CREDENTIALS.username);
    expect(comments.every((c) => c.CreatedById === apiUser && c.CreatedDate !== "2026-05-02T10:15:00.000Z")).toBe(true);
  });

  it("with audit fields on but not granted in Salesforce, fails in plain words and keeps the case for the retry", async () => {
    fake.setAuditFieldsPermission(false);
    const { id } = await conversationWith({ firstName: "Ana" }, thread.slice(0, 1));
    await expect(closeAndSync(id)).rejects.toThrow(/Set Audit Fields upon Record Creation/);
    const sync = await findCaseSync(db, id);
    expect(sync).toMatchObject({
      status: "failed",
      lastError: expect.stringMatching(
        /^Salesforce would not let the API user set CreatedDate, CreatedById: enable/,
      ) as string,
    });
    expect(sync?.attempts).toEqual([{ at: expect.any(String) as string, ok: false, error: sync?.lastError }]);

    fake.setAuditFieldsPermission(true);
    expect(await syncCase(db, id, fast)).toMatchObject({ status: "synced", comments: 1 });
    expect(casesFor(id)).toHaveLength(1);
    expect((await findCaseSync(db, id))?.attempts.map((a) => a.ok)).toEqual([false, true]);
  });

  it("uploads attachments as files linked to the case when Add Attachments is on", async () => {
    const { id } = await conversationWith({ firstName: "Ana" }, [
      {
        direction: "inbound",
        body: "Here is the receipt",
        at: "2026-05-02T10:15:00.000Z",
        attachments: [
          { url: `${filesUrl}/media/receipt.jpg`, fileName: "receipt.jpg" },
          { url: `${filesUrl}/media/photo.jpg` },
        ],
      },
    ]);
    expect(await closeAndSync(id)).toMatchObject({ comments: 1, files: 2 });
    const caseId = casesFor(id)[0]?.Id;
    const versions = fake.records("ContentVersion").filter((v) => v.FirstPublishLocationId === caseId);
    expect(versions.map((v) => [v.Title, Buffer.from(String(v.VersionData), "base64").toString()])).toEqual([
      ["receipt.jpg", "bytes of /media/receipt.jpg"],
      ["photo.jpg", "bytes of /media/photo.jpg"],
    ]);
    const links = fake.records("ContentDocumentLink").filter((l) => l.LinkedEntityId === caseId);
    expect(links.map((l) => l.ContentDocumentId).sort()).toEqual(versions.map((v) => v.ContentDocumentId).sort());
    expect(commentsOf(caseId)[0]?.CommentBody).toBe(
      "[Customer] Here is the receipt\nAttachment: receipt.jpg (file on this case)\nAttachment: photo.jpg (file on this case)",
    );
  });

  it("adds attachments as links when Add Attachments is off, uploading nothing", async () => {
    await setFlags({ addAttachments: false });
    const url = `${filesUrl}/missing/receipt.jpg`;
    const { id } = await conversationWith({ firstName: "Ana" }, [
      {
        direction: "inbound",
        body: null,
        at: "2026-05-02T10:15:00.000Z",
        attachments: [{ url, fileName: "receipt.jpg" }],
      },
    ]);
    expect(await closeAndSync(id)).toMatchObject({ comments: 1, files: 0 });
    const caseId = casesFor(id)[0]?.Id;
    expect(fake.records("ContentVersion").filter((v) => v.FirstPublishLocationId === caseId)).toEqual([]);
    expect(commentsOf(caseId)[0]?.CommentBody).toBe(`[Customer] (no text)\nAttachment: receipt.jpg ${url}`);
  });

  it("logs in again when the token expires mid-run, and reuses a cached token on the next run", async () => {
    const { id } = await conversationWith({ firstName: "Ana" }, thread);
    const before = fake.logins();
    fake.expireTokensAfter(4);
    expect(await closeAndSync(id)).toMatchObject({ status: "synced", comments: 3 });
    expect(fake.logins()).toBe(before + 1);
    expect(commentsOf(casesFor(id)[0]?.Id)).toHaveLength(3);

    const next = await conversationWith({ firstName: "Bo" }, thread.slice(0, 1));
    await closeAndSync(next.id);
    expect(fake.logins()).toBe(before + 1);
  });

  it("resumes where a failed run stopped, never making a second case or comment", async () => {
    const { id } = await conversationWith({ firstName: "Ana" }, [
      thread[0] as Msg,
      {
        direction: "inbound",
        body: "The label",
        at: "2026-05-02T10:17:00.000Z",
        attachments: [{ url: `${filesUrl}/flaky/label.jpg`, fileName: "label.jpg" }],
      },
      thread[2] as Msg,
    ]);
    // The second message's attachment cannot be downloaded: the run stops after the first comment.
    flaky = true;
    await expect(closeAndSync(id)).rejects.toThrow(/label\.jpg could not be downloaded/);
    const failed = await findCaseSync(db, id);
    expect(failed).toMatchObject({
      status: "failed",
      lastError: expect.stringMatching(/^The attachment label\.jpg could not be downloaded .* \(HTTP 503\)/) as string,
    });
    expect(Object.keys(failed?.syncedComments ?? {})).toHaveLength(1);
    expect(commentsOf(failed?.salesforceCaseId)).toHaveLength(1);

    flaky = false;
    expect(await syncCase(db, id, fast)).toMatchObject({ status: "synced", comments: 3, files: 1 });
    expect(casesFor(id)).toHaveLength(1);
    expect(commentsOf(failed?.salesforceCaseId).map((c) => c.CommentBody)).toEqual([
      "[Customer] Hi, my order is late",
      "[Customer] The label\nAttachment: label.jpg (file on this case)",
      "[Customer] Thanks",
    ]);
  });

  it("stops as transient when Salesforce is down, and the next run completes", async () => {
    const { id } = await conversationWith({ firstName: "Ana" }, thread.slice(0, 1));
    sandbox.faults.add({
      vendor: "salesforce",
      pathPrefix: "/services/data/v62.0/sobjects/CaseComment",
      kind: "error5xx",
      status: 503,
      times: 2,
    });
    const error = await closeAndSync(id).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isTransient(error)).toBe(true);
    expect((await findCaseSync(db, id))?.status).toBe("failed");
    expect(await syncCase(db, id, fast)).toMatchObject({ status: "synced", comments: 1 });
    expect(casesFor(id)).toHaveLength(1);
  });

  it("adopts a case and a comment a crashed run created but never recorded", async () => {
    const { id, mobileNumber } = await conversationWith({ firstName: "Ana" }, thread.slice(0, 2));
    await closeAndSync(id);
    const sync = await findCaseSync(db, id);
    // As if the process had died right after Salesforce answered: nothing after the contact
    // recorded, not even the failed attempt.
    await db
      .update(schema.caseSyncs)
      .set({
        status: "running",
        salesforceCaseId: null,
        caseNumber: null,
        caseUrl: null,
        syncedComments: {},
        attempts: [],
      })
      .where(eq(schema.caseSyncs.conversationId, id));
    expect(await syncCase(db, id, fast)).toMatchObject({ status: "synced", comments: 2 });
    expect(casesFor(id)).toHaveLength(1);
    expect(casesFor(id)[0]?.Subject).toBe(`${mobileNumber} [${id}]`);
    expect(commentsOf(sync?.salesforceCaseId)).toHaveLength(2);
    expect((await findCaseSync(db, id))?.syncedComments).toEqual(sync?.syncedComments);
  });

  it("treats duplicate close events as one: the second close is a no-op and a second run changes nothing", async () => {
    const { id } = await conversationWith({ firstName: "Ana" }, thread);
    expect(await closeConversation(db, { kind: "user", user: agent }, { id })).toMatchObject({
      closed: true,
      caseSync: "pending",
    });
    expect(await closeConversation(db, { kind: "user", user: agent }, { id, profile: "Other" })).toMatchObject({
      closed: false,
    });

    // Two deliveries of the close event, each its own run (inngest/case-sync/sync-case.test.ts runs the function itself).
    expect(await syncCase(db, id, fast)).toMatchObject({ status: "synced", alreadySynced: false, comments: 3 });
    expect(await syncCase(db, id, fast)).toMatchObject({ status: "synced", alreadySynced: true });
    expect(casesFor(id)).toHaveLength(1);
    expect(commentsOf(casesFor(id)[0]?.Id)).toHaveLength(3);
  });

  it("skips a workspace without an enabled Salesforce integration", async () => {
    const { id } = await conversationWith({ firstName: "Ana" }, thread.slice(0, 1));
    await setFlags({ enabled: false } as never);
    expect(await closeConversation(db, { kind: "user", user: agent }, { id })).toMatchObject({
      closed: true,
      caseSync: "none",
    });
    expect(await syncCase(db, id, fast)).toEqual({ status: "skipped", reason: "no enabled Salesforce integration" });
    await setFlags({ enabled: true } as never);
  });
});

describe("splitUtf8", () => {
  it("splits by bytes without breaking a character", () => {
    expect(splitUtf8("aé€", 3)).toEqual(["aé", "€"]);
    expect(splitUtf8("", 10)).toEqual([""]);
  });
});
