import { createHash } from "node:crypto";
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { Db } from "@/db/client";
import { findThread } from "../conversation/reads";
import { storedSettings } from "../integration/settings";
import { VendorError } from "../../vendors/http";
import { recordVendorCall } from "../integration/record-vendor-call";
import { clientOf } from "../../vendors/registry";
import {
  type SalesforceClient,
  type SalesforceSession,
  type SalesforceSessionStore,
} from "../../vendors/salesforce/client";
import { MAX_BASE64_UPLOAD } from "../../vendors/salesforce/records";
import type { ClientOptions } from "../../vendors/types";
import { appendAttempt, findConversationForCase, findSyncIntegration, recordSyncedItem, updateSync } from "./queries";
import { queueCaseSync } from "./queue-case-sync";
import { findCaseIntegrationId, findCaseSync, type CaseSyncRow } from "./reads";

export type SyncCaseResult =
  | { status: "skipped"; reason: string }
  | { status: "synced"; caseNumber: string; caseUrl: string; comments: number; files: number; alreadySynced: boolean };

type Thread = Awaited<ReturnType<typeof findThread>>;
type Message = Thread[number];
type Conversation = NonNullable<Awaited<ReturnType<typeof findConversationForCase>>>;

// CaseComment.CommentBody holds at most 4,000 bytes (not characters): longer messages are split.
const COMMENT_BYTES = 4_000;
// Raw bytes whose base64 fits Salesforce's 37.5 MB JSON upload limit.
const MAX_FILE_BYTES = Math.floor((MAX_BASE64_UPLOAD / 4) * 3);

// Tokens per integration and credentials, in this process's memory: a token is a bearer
// secret and is never written to the database. Keyed on the credentials as well, so a
// reconfigured integration (another org, another user) never reuses the old org's token.
const sessions = new Map<string, SalesforceSession>();
function sessionStore(key: string): SalesforceSessionStore {
  return {
    get: () => sessions.get(key) ?? null,
    set: (session) => (session ? sessions.set(key, session) : sessions.delete(key)),
  };
}

/** Splits text into pieces of at most maxBytes of UTF-8, never inside a character. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const char of text) {
    const bytes = Buffer.byteLength(char, "utf8");
    if (size + bytes > maxBytes) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += bytes;
  }
  if (current || parts.length === 0) parts.push(current);
  return parts;
}

/** The number as written (E.164), as digits only, and as the national number: formats an org may have stored. */
function phoneVariants(e164: string): string[] {
  const parsed = parsePhoneNumberFromString(e164);
  return [e164, e164.replace(/\D/g, ""), parsed?.nationalNumber ?? ""].filter(Boolean);
}

const fileNameOf = (a: { url: string; fileName?: string }, index: number) =>
  a.fileName ?? (decodeURIComponent(new URL(a.url).pathname.split("/").pop() ?? "") || `attachment-${index + 1}`);
const stamp = (at: Date) => `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;

/**
 * The comment bodies of one message. With audit fields the author and time are the comment's
 * own (CreatedById, CreatedDate); without them every comment is the API user's, posted now, so
 * the author and the message time go into the text. Attachments are named (files mode) or
 * linked (links mode) at the end.
 */
function commentBodies(message: Message, auditFields: boolean, filesMode: boolean): string[] {
  const who = message.direction === "inbound" ? "Customer" : (message.authorName ?? "Agent");
  const head = auditFields ? `[${who}]` : `[${who} · ${stamp(message.sentAt)}]`;
  const lines = [message.body?.trim() ? `${head} ${message.body}` : `${head} (no text)`];
  message.attachments.forEach((a, i) => {
    lines.push(
      filesMode ? `Attachment: ${fileNameOf(a, i)} (file on this case)` : `Attachment: ${fileNameOf(a, i)} ${a.url}`,
    );
  });
  return splitUtf8(lines.join("\n"), COMMENT_BYTES);
}

async function download(url: string, name: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new Error(
      `The attachment ${name} could not be downloaded from ${url} (${(error as Error).message}): check that the link still works, or turn off Add Attachments to send links instead`,
    );
  }
  if (!response.ok)
    throw new Error(
      `The attachment ${name} could not be downloaded from ${url} (HTTP ${response.status}): the link may have expired; turn off Add Attachments to send links instead`,
    );
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_FILE_BYTES)
    throw new Error(
      `The attachment ${name} is larger than the 28 MB Salesforce accepts in one upload: turn off Add Attachments to send a link instead`,
    );
  return bytes.toString("base64");
}

/** Keeps each find-by-email to one call per run: a thread has few distinct agents. */
function userIds(client: SalesforceClient) {
  const byEmail = new Map<string, Promise<string | null>>();
  return (email: string | null | undefined) => {
    if (!email) return Promise.resolve(null);
    const key = email.toLowerCase();
    let found = byEmail.get(key);
    if (!found) {
      found = client.findUserByEmail(email).then((u) => (u?.IsActive ? u.Id : null));
      byEmail.set(key, found);
    }
    return found;
  };
}

/**
 * Salesforce ids of items an interrupted run created but could not record: comments matched by
 * their exact body (as many times as they occur) and files by the key in their Description.
 */
async function orphans(client: SalesforceClient, caseId: string, sync: CaseSyncRow) {
  const known = new Set(Object.values(sync.syncedComments));
  const comments = new Map<string, string[]>();
  for (const c of await client.listCaseComments(caseId)) {
    if (known.has(c.Id) || c.CommentBody === null) continue;
    comments.set(c.CommentBody, [...(comments.get(c.CommentBody) ?? []), c.Id]);
  }
  const files = new Map<string, string>();
  for (const f of await client.listRecordFiles(caseId))
    if (f.Description && !known.has(f.Id)) files.set(f.Description, f.Id);
  return {
    comment: (body: string) => comments.get(body)?.shift() ?? null,
    file: (key: string) => files.get(key) ?? null,
  };
}

async function contactFor(client: SalesforceClient, conversation: Conversation): Promise<string> {
  const number = conversation.mobileNumber;
  if (!number)
    throw new Error(
      "The customer has no mobile number, so no Salesforce contact can be found or created: add the number to the contact and Retry",
    );
  const [found] = await client.findContactsByPhone(phoneVariants(number));
  if (found) return found.Id;
  const first = conversation.firstName?.trim();
  const last = conversation.lastName?.trim();
  // LastName is the only required field: the customer's name when known, else the number.
  const name = last
    ? { FirstName: first || undefined, LastName: last }
    : first
      ? { LastName: first }
      : { LastName: number };
  return client.create("Contact", { ...name, MobilePhone: number, Phone: number });
}

/** Where the run stopped, kept in memory alongside the row as it moves on. */
type Progress = { contactId: string | null; caseId: string | null; synced: Record<string, string> };

async function run(
  db: Db,
  sync: CaseSyncRow,
  conversation: Conversation,
  client: SalesforceClient,
  settings: { setAuditFields: boolean; addAttachments: boolean; customerCommentUsername: string },
) {
  const progress: Progress = {
    contactId: sync.salesforceContactId,
    caseId: sync.salesforceCaseId,
    synced: { ...sync.syncedComments },
  };
  const userId = userIds(client);

  if (!progress.contactId) {
    progress.contactId = await contactFor(client, conversation);
    await updateSync(db, sync.id, { salesforceContactId: progress.contactId });
  }

  const ownerId = await userId(conversation.agentEmail);
  const subject = `${conversation.mobileNumber ?? ""} [${conversation.id}]`;
  let createdNow = false;
  if (!progress.caseId) {
    // A run that created the case but stopped before recording it left it in Salesforce: the
    // subject carries the conversation id, so it is found instead of made twice.
    const existing = await client.findCaseBySubject(subject);
    const description = [
      `WhatsApp conversation ${conversation.id}`,
      conversation.closedBy ? `closed by ${conversation.closedBy}` : null,
      conversation.closeProfile ? `outcome: ${conversation.closeProfile}` : null,
    ].filter(Boolean);
    createdNow = !existing;
    progress.caseId =
      existing?.Id ??
      (await client.create("Case", {
        Subject: subject,
        Description: description.join(", "),
        ContactId: progress.contactId,
        Status: "New",
        ...(ownerId ? { OwnerId: ownerId } : {}),
      }));
    const caseNumber = await client.getCaseNumber(progress.caseId);
    const { instanceUrl } = await client.session();
    await updateSync(db, sync.id, {
      salesforceCaseId: progress.caseId,
      caseNumber,
      caseUrl: `${instanceUrl}/lightning/r/Case/${progress.caseId}/view`,
    });
  }
  const caseId = progress.caseId;

  const thread = await findThread(db, conversation.id);
  const filesMode = settings.addAttachments;
  const planned = thread.map((message) => ({
    message,
    bodies: commentBodies(message, settings.setAuditFields, filesMode),
  }));
  const keysOf = (message: Message, bodies: string[]) => [
    ...bodies.map((_, i) => (i === 0 ? message.id : `${message.id}#${i + 1}`)),
    ...(filesMode ? message.attachments.map((_, i) => `${message.id}/file/${i + 1}`) : []),
  ];
  const missing = planned.some(({ message, bodies }) => keysOf(message, bodies).some((k) => !progress.synced[k]));
  if (!missing) return progress;

  // A case this run created has nothing on it yet; any other (resumed, or found by subject
  // after a run died without a trace) may hold comments and files nobody recorded.
  const adopt = createdNow ? null : await orphans(client, caseId, sync);
  let customerUserId: string | null = null;
  if (settings.setAuditFields) {
    const customer = await client.findUserByUsername(settings.customerCommentUsername);
    if (!customer?.IsActive) {
      throw new Error(
        `The Salesforce user ${settings.customerCommentUsername}, who posts customer comments, does not exist or is inactive: create or activate it, or correct the username in the integration`,
      );
    }
    customerUserId = customer.Id;
  }

  const record = async (key: string, id: string) => {
    progress.synced[key] = id;
    await recordSyncedItem(db, sync.id, key, id);
  };
  for (const { message, bodies } of planned) {
    if (filesMode) {
      for (const [i, attachment] of message.attachments.entries()) {
        const key = `${message.id}/file/${i + 1}`;
        if (progress.synced[key]) continue;
        const adopted = adopt?.file(key);
        if (adopted) {
          await record(key, adopted);
          continue;
        }
        const name = fileNameOf(attachment, i);
        const base64 = await download(attachment.url, name);
        // The key in Description lets a resumed run recognise the file it already uploaded.
        await record(
          key,
          await client.uploadFile({
            title: name,
            fileName: name,
            base64,
            linkedTo: caseId,
            fields: { Description: key },
          }),
        );
      }
    }
    const authorId =
      message.direction === "inbound" ? customerUserId : ((await userId(message.authorEmail)) ?? ownerId);
    for (const [i, body] of bodies.entries()) {
      const key = i === 0 ? message.id : `${message.id}#${i + 1}`;
      if (progress.synced[key]) continue;
      const adopted = adopt?.comment(body);
      if (adopted) {
        await record(key, adopted);
        continue;
      }
      const audit = settings.setAuditFields
        ? { CreatedDate: message.sentAt.toISOString(), ...(authorId ? { CreatedById: authorId } : {}) }
        : {};
      await record(
        key,
        await client.create("CaseComment", { ParentId: caseId, CommentBody: body, IsPublished: false, ...audit }),
      );
    }
  }
  return progress;
}

/** Plain words for the sync history: the adapter's own explanation, or ours. */
function explain(error: unknown): string {
  if (error instanceof VendorError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * The Salesforce case for a closed conversation. Finds the customer's contact by
 * number (or creates it), opens one case owned by the agent's Salesforce user, and posts one
 * comment per message in order, then marks the sync done. Every step is recorded on the
 * case_syncs row as it completes, so running it again never makes a second case or comment and a
 * failed run resumes where it stopped. Throws after recording a failure, so the job retries.
 */
export async function syncCase(
  db: Db,
  conversationId: string,
  options: { client?: ClientOptions } = {},
): Promise<SyncCaseResult> {
  const conversation = await findConversationForCase(db, conversationId);
  if (!conversation) return { status: "skipped", reason: "no such conversation" };
  if (conversation.state !== "closed") return { status: "skipped", reason: "the conversation is open" };

  let sync = await findCaseSync(db, conversationId);
  if (!sync) {
    const integrationId = await findCaseIntegrationId(db, conversation.workspaceId);
    if (!integrationId) return { status: "skipped", reason: "no enabled Salesforce integration" };
    await queueCaseSync(db, conversationId, integrationId);
    sync = await findCaseSync(db, conversationId);
    if (!sync) throw new Error("case sync row vanished");
  }
  if (sync.status === "synced" && sync.caseNumber && sync.caseUrl) {
    return {
      status: "synced",
      caseNumber: sync.caseNumber,
      caseUrl: sync.caseUrl,
      comments: 0,
      files: 0,
      alreadySynced: true,
    };
  }

  await updateSync(db, sync.id, { status: "running" });
  try {
    const integration = await findSyncIntegration(db, sync.integrationId);
    if (!integration || integration.uninstalledAt)
      throw new Error("The Salesforce integration was uninstalled: connect Salesforce again, then Retry");
    const settings = storedSettings("salesforce", integration.config, integration.secrets);
    if (!settings.enabled || integration.status === "disabled")
      throw new Error("The Salesforce integration is disabled: enable it in Integrations, then Retry");
    // A login is kept per integration and credentials: changed settings log in afresh.
    const key = createHash("sha256")
      .update(
        [
          integration.id,
          String(integration.sandbox),
          settings.loginUrl,
          settings.flow,
          settings.consumerKey,
          settings.username ?? "",
        ].join("\n"),
      )
      .digest("hex");
    const client = clientOf("salesforce", settings, integration.sandbox, {
      ...options.client,
      sessions: sessionStore(key),
    });

    const before = Object.keys(sync.syncedComments).length;
    const progress = await run(db, sync, conversation, client, settings);
    const after = await findCaseSync(db, conversationId);
    const items = Object.keys(progress.synced);
    await appendAttempt(db, sync.id, { at: new Date().toISOString(), ok: true }, { status: "synced", lastError: null });
    await recordVendorCall(db, sync.integrationId, "case_sync", true, null);
    return {
      status: "synced",
      caseNumber: after?.caseNumber ?? "",
      caseUrl: after?.caseUrl ?? "",
      comments: items.filter((k) => !k.includes("/file/")).length,
      files: items.filter((k) => k.includes("/file/")).length,
      alreadySynced: before === items.length && Boolean(sync.salesforceCaseId),
    };
  } catch (error) {
    const message = explain(error);
    await appendAttempt(
      db,
      sync.id,
      { at: new Date().toISOString(), ok: false, error: message },
      { status: "failed", lastError: message },
    );
    await recordVendorCall(db, sync.integrationId, "case_sync", false, message);
    throw error;
  }
}

/**
 * Whether trying again later may succeed by itself: Salesforce busy, slow or over its rate.
 * Refusals (credentials, permissions, bad data) and configuration problems need a person, so
 * the job stops and the sync history shows what to fix; Retry runs it again once fixed.
 */
export function isTransient(error: unknown): boolean {
  return error instanceof VendorError && ["unavailable", "timeout", "rate_limited"].includes(error.kind);
}
