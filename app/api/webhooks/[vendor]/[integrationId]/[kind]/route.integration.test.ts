import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/webhooks/[vendor]/[integrationId]/[kind]/route";
import { getDb, schema } from "@/db/client";
import recordVendorConsentFunction from "@/inngest/contacts/record-vendor-consent";
import receiveInboundFunction from "@/inngest/conversations/receive-inbound-message";
import { env } from "@/server/env";
import { inngest } from "@/server/jobs/client";
import { inboundMessageReceived, messageStatusesReceived, vendorConsentReceived } from "@/server/jobs/events";
import {
  attentiveFake,
  ATTENTIVE_SANDBOX_CREDENTIALS,
  ATTENTIVE_SANDBOX_WEBHOOK_SIGNING_KEY,
} from "@/server/sandbox/attentive";
import { mittoFake, MITTO_SANDBOX_CREDENTIALS } from "@/server/sandbox/mitto";
import { startSandbox, type Sandbox } from "@/server/sandbox/server";
import { wavyFake, WAVY_SANDBOX_CREDENTIALS } from "@/server/sandbox/wavy";
import { callerFor, createWorkspace } from "@/server/testing/fixtures";
import { captureEvents, runFunction, type SentEvent } from "@/server/testing/inngest";
import { findCurrentConsent } from "@/server/domains/contact/queries";

// The whole inbound path over HTTP: the sandbox vendor posts its callback to the portal's
// webhook route (served here by a plain HTTP server), the route records it and hands it to
// Inngest (captured), and the Inngest function applies it to the database.

let sandbox: Sandbox;
let portal: Server;
const mitto = mittoFake();
const wavy = wavyFake();
const attentive = attentiveFake();

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [mitto, wavy, attentive] });
  env.SANDBOX_URL = sandbox.url;
  portal = createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const url = new URL(req.url ?? "/", env.APP_URL);
      const [, , , vendor = "", integrationId = "", kind = ""] = url.pathname.split("/");
      const answer = await POST(
        new Request(url, {
          method: "POST",
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        }),
        {
          params: Promise.resolve({ vendor, integrationId, kind }),
        },
      );
      res.writeHead(answer.status, { "content-type": "application/json" }).end(await answer.text());
    })();
  });
  await new Promise<void>((resolve) => portal.listen(0, "127.0.0.1", resolve));
  env.APP_URL = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => portal.close(resolve));
});
afterEach(() => {
  vi.restoreAllMocks();
  sandbox.faults.clear();
});

/** The inbound events the webhook hands to Inngest (New record's contact.activated left out). */
const captureInbound = () => captureEvents((e) => e.name === inboundMessageReceived.name);

const settings = {
  mitto: {
    acceptTerms: true,
    username: MITTO_SANDBOX_CREDENTIALS.username,
    authMethod: "apiKey",
    apiKey: MITTO_SANDBOX_CREDENTIALS.apiKey,
  },
  wavy: {
    username: WAVY_SANDBOX_CREDENTIALS.username,
    password: WAVY_SANDBOX_CREDENTIALS.password,
    smsRegExp: ".",
    smsFromNamespace: "demo",
    dids: [...WAVY_SANDBOX_CREDENTIALS.dids],
  },
};

/** A workspace with a test-mode integration (connected through tRPC, which registers its webhooks with the sandbox) and one contact. */
async function setUp(vendor: "mitto" | "wavy", mobileNumber: string) {
  const { db, workspace, admin } = await createWorkspace();
  const api = await callerFor(admin);
  const connected = await api.integration.connect({ vendor, label: vendor, sandbox: true, settings: settings[vendor] });
  const integrationId = connected.id ?? "";
  const contact = await api.contact.create({ mobileNumber, firstName: "Ana", permissions: { whatsapp: "opt_in" } });
  const [row] = await db
    .select({ token: schema.integrations.webhookToken })
    .from(schema.integrations)
    .where(eq(schema.integrations.id, integrationId));
  return { db, workspace, integrationId, contactId: contact.id, token: row?.token ?? "" };
}

const consentOf = async (contactId: string, channel: "whatsapp" | "sms" = "whatsapp") =>
  (await findCurrentConsent(await getDb(), [contactId])).find((c) => c.channel === channel);

async function runInbound(event: SentEvent) {
  return (await runFunction(receiveInboundFunction, event, [])).result;
}

describe("inbound webhooks", () => {
  it("a Mitto customer texting “ stop! ” is opted out of WhatsApp with the keyword as the source, once", async () => {
    const sent = captureInbound();
    const { db, integrationId, contactId } = await setUp("mitto", "+4917612345678");
    sandbox.faults.add({ kind: "duplicateCallback", vendor: "mitto", times: 1 });
    mitto.receiveInbound("+4917612345678", " stop! ");
    await sandbox.callbacks.idle();

    // Delivered twice, recorded and handed off once.
    const deliveries = sandbox.callbacks.log().filter((d) => d.kind === "inbound");
    expect(deliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(sent).toHaveLength(1);
    expect(
      await db.select().from(schema.webhookReceipts).where(eq(schema.webhookReceipts.integrationId, integrationId)),
    ).toHaveLength(1);

    expect(await consentOf(contactId)).toMatchObject({ state: "opt_in" });
    expect(await runInbound(sent[0]!)).toMatchObject({ duplicate: false, contactId, optedOut: true });
    expect(await consentOf(contactId)).toMatchObject({ state: "opt_out", source: "keyword" });
    const [event] = await db
      .select()
      .from(schema.consentEvents)
      .where(and(eq(schema.consentEvents.contactId, contactId), eq(schema.consentEvents.source, "keyword")));
    expect(event?.evidence).toBe("Replied “STOP” via mitto");

    // The conversation is open with a 24-hour window from the message.
    const [conversation] = await db
      .select()
      .from(schema.conversations)
      .where(eq(schema.conversations.contactId, contactId));
    const [inbound] = await db
      .select()
      .from(schema.inboundMessages)
      .where(eq(schema.inboundMessages.contactId, contactId));
    expect(inbound).toMatchObject({ body: " stop! ", isOptOut: true, fromNumber: "+4917612345678" });
    expect(conversation?.sessionExpiresAt?.getTime()).toBe((inbound?.receivedAt.getTime() ?? 0) + 24 * 3_600_000);
    const [receipt] = await db
      .select()
      .from(schema.webhookReceipts)
      .where(eq(schema.webhookReceipts.integrationId, integrationId));
    expect(receipt?.processedAt).not.toBeNull();

    // A retried run changes nothing.
    expect(await runInbound(sent[0]!)).toMatchObject({ duplicate: true });
    expect(
      await db
        .select()
        .from(schema.conversationMessages)
        .where(eq(schema.conversationMessages.conversationId, conversation?.id ?? "")),
    ).toHaveLength(1);
  });

  it("an ordinary Wavy message extends the window and leaves consent alone; a workspace keyword (BAJA) opts out", async () => {
    const sent = captureInbound();
    const { db, workspace, contactId } = await setUp("wavy", "+5511999990002");
    await db
      .update(schema.workspaces)
      .set({ consentKeywords: [{ language: "es", kind: "opt_out", keyword: "BAJA" }] })
      .where(eq(schema.workspaces.id, workspace.id));
    wavy.receiveInbound("5511999990002", "Can I move it to 3pm?");
    await sandbox.callbacks.idle();
    expect(await runInbound(sent[0]!)).toMatchObject({ optedOut: false, contactId });
    expect(await consentOf(contactId)).toMatchObject({ state: "opt_in" });

    wavy.receiveInbound("5511999990002", "Baja.");
    await sandbox.callbacks.idle();
    expect(await runInbound(sent[1]!)).toMatchObject({ optedOut: true });
    expect(await consentOf(contactId)).toMatchObject({ state: "opt_out", source: "keyword" });
    // One conversation for both messages.
    expect(
      await db.select().from(schema.conversations).where(eq(schema.conversations.contactId, contactId)),
    ).toHaveLength(1);
  });

  it("refuses a wrong token, an unknown integration, a malformed body and an oversized one, recording nothing", async () => {
    const sent = captureInbound();
    const { db, integrationId, token } = await setUp("mitto", "+4917612345679");
    const post = (path: string, body: string) =>
      fetch(`${env.APP_URL}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const inbound = JSON.stringify({ messageId: "m-1", from: "+4917612345679", text: "hi" });

    expect((await post(`/api/webhooks/mitto/${integrationId}/inbound?token=wrong`, inbound)).status).toBe(401);
    expect((await post(`/api/webhooks/mitto/${integrationId}/inbound`, inbound)).status).toBe(401);
    expect((await post(`/api/webhooks/wavy/${integrationId}/message?token=${token}`, inbound)).status).toBe(404);
    expect((await post(`/api/webhooks/mitto/not-a-uuid/inbound?token=${token}`, inbound)).status).toBe(404);
    const bad = await post(
      `/api/webhooks/mitto/${integrationId}/inbound?token=${token}`,
      JSON.stringify({ messageId: "m-2" }),
    );
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toContain("from");
    expect(
      (await post(`/api/webhooks/mitto/${integrationId}/inbound?token=${token}`, "x".repeat(300 * 1024))).status,
    ).toBe(413);
    // A chunked body with no declared length that never ends is cut off at the limit, not buffered.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new TextEncoder().encode("x".repeat(64 * 1024)));
      },
    });
    const chunked = await POST(
      new Request(`${env.APP_URL}/api/webhooks/mitto/${integrationId}/inbound?token=${token}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: endless,
        duplex: "half",
      } as RequestInit),
      { params: Promise.resolve({ vendor: "mitto", integrationId, kind: "inbound" }) },
    );
    expect(chunked.status).toBe(413);
    expect(pulled).toBeLessThan(64);

    expect(sent).toHaveLength(0);
    expect(
      await db.select().from(schema.webhookReceipts).where(eq(schema.webhookReceipts.integrationId, integrationId)),
    ).toHaveLength(0);
  });

  it("callbacks arriving at once are recorded together, an item posted twice at once counting once", async () => {
    const sent = captureInbound();
    const { db, integrationId, token } = await setUp("mitto", "+4917612345671");
    const post = (messageId: string) =>
      fetch(`${env.APP_URL}/api/webhooks/mitto/${integrationId}/inbound?token=${token}`, {
        method: "POST",
        body: JSON.stringify({ messageId, from: "+4917612345671", text: `hello ${messageId}` }),
      }).then(async (res) => ({
        status: res.status,
        ...((await res.json()) as { accepted: number; duplicates: number }),
      }));
    const answers = await Promise.all([post("m-10"), post("m-10"), post("m-11")]);

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.accepted + a.duplicates)).toEqual([1, 1, 1]);
    expect(answers.filter((a) => a.accepted === 1)).toHaveLength(2);
    expect(
      sent.map((e) => (e.data as { message: { vendorMessageId: string } }).message.vendorMessageId).sort(),
    ).toEqual(["m-10", "m-11"]);
    expect(
      await db.select().from(schema.webhookReceipts).where(eq(schema.webhookReceipts.integrationId, integrationId)),
    ).toHaveLength(2);
  });

  it("delivery reports arriving at once reach the engine as one event, and the answers are left uncompressed", async () => {
    const sent = captureEvents((e) => e.name === messageStatusesReceived.name);
    const { integrationId, token } = await setUp("mitto", "+4917612345672");
    const dlr = (messageId: string, status: string) =>
      POST(
        new Request(`${env.APP_URL}/api/webhooks/mitto/${integrationId}/dlr?token=${token}`, {
          method: "POST",
          body: JSON.stringify({ messageId, status, errorcode: "0" }),
        }),
        { params: Promise.resolve({ vendor: "mitto", integrationId, kind: "dlr" }) },
      );
    const answers = await Promise.all([dlr("m-20", "Sent"), dlr("m-20", "Delivered"), dlr("m-21", "Read")]);

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    // Next.js gzips a streamed answer unless told not to; vendors' answers are tiny and many.
    expect(answers.map((a) => a.headers.get("cache-control"))).toEqual(Array(3).fill("no-store, no-transform"));
    expect(sent).toHaveLength(1);
    const reports = (sent[0]?.data as { reports: { update: { vendorMessageId: string; status: string } }[] }).reports;
    expect(reports.map((r) => `${r.update.vendorMessageId} ${r.update.status}`).sort()).toEqual([
      "m-20 delivered",
      "m-20 sent",
      "m-21 read",
    ]);
  });

  it("when Inngest cannot take the event, answers 503 and keeps no receipt, so the vendor's retry is processed", async () => {
    const { db, integrationId, token } = await setUp("mitto", "+4917612345670");
    vi.spyOn(inngest, "send").mockRejectedValueOnce(new Error("connection refused"));
    const body = JSON.stringify({ messageId: "m-3", from: "+4917612345670", text: "hello" });
    const url = `${env.APP_URL}/api/webhooks/mitto/${integrationId}/inbound?token=${token}`;
    expect((await fetch(url, { method: "POST", body })).status).toBe(503);
    expect(
      await db.select().from(schema.webhookReceipts).where(eq(schema.webhookReceipts.integrationId, integrationId)),
    ).toHaveLength(0);

    const sent = captureInbound();
    expect((await fetch(url, { method: "POST", body })).status).toBe(200);
    expect(sent).toHaveLength(1);
  });

  it("Attentive's signed unsubscribe event opts the contact out of SMS as a vendor unsubscribe; a bad signature is refused", async () => {
    const sent = captureEvents((e) => e.name === vendorConsentReceived.name);
    const { db, admin } = await createWorkspace();
    const api = await callerFor(admin);
    const { annexSiteId, loyaltyToken, apiKey, legacyToken, signUpSourceId } = ATTENTIVE_SANDBOX_CREDENTIALS;
    const settings = {
      annexSiteId,
      loyaltyToken,
      apiKey,
      legacyToken,
      signUpSourceId,
      webhookSigningKey: ATTENTIVE_SANDBOX_WEBHOOK_SIGNING_KEY,
    };
    const integrationId =
      (await api.integration.connect({ vendor: "attentive", label: "Attentive", sandbox: true, settings })).id ?? "";
    const contact = await api.contact.create({
      mobileNumber: "+17705550123",
      firstName: "Maya",
      permissions: { sms: "opt_in" },
    });
    const [row] = await db
      .select({ token: schema.integrations.webhookToken })
      .from(schema.integrations)
      .where(eq(schema.integrations.id, integrationId));

    // The subscriber leaves through Attentive; Attentive reports it on the registered webhook.
    const res = await fetch(`${sandbox.url}/attentive/v1/subscriptions/unsubscribe`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ user: { phone: "+17705550123" } }),
    });
    expect(res.ok).toBe(true);
    await sandbox.callbacks.idle();
    expect(sent).toHaveLength(1);
    expect((await runFunction(recordVendorConsentFunction, sent[0]!, [])).result).toMatchObject({
      recorded: true,
      contactId: contact.id,
    });
    expect(await consentOf(contact.id, "sms")).toMatchObject({ state: "opt_out", source: "vendor_unsubscribe" });
    // A retried run records nothing twice.
    expect((await runFunction(recordVendorConsentFunction, sent[0]!, [])).result).toMatchObject({ recorded: false });

    const forged = await fetch(
      `${env.APP_URL}/api/webhooks/attentive/${integrationId}/events?token=${row?.token ?? ""}`,
      {
        method: "POST",
        headers: { "content-type": "application/json", "x-attentive-hmac-sha256": "00".repeat(32) },
        body: JSON.stringify({ type: "sms.subscribed", timestamp: Date.now(), subscriber: { phone: "+17705550123" } }),
      },
    );
    expect(forged.status).toBe(401);
    expect(sent).toHaveLength(1);
  });
});
