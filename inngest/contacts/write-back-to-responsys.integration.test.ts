import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { receiveInboundMessage } from "@/server/domains/conversation/receive-inbound-message";
import { env } from "@/server/env";
import {
  campaignMessagesQueued,
  responsysInvocationReceived,
  responsysOptOutWriteBackRequested,
} from "@/server/jobs/events";
import { mittoFake } from "@/server/sandbox/mitto";
import { responsysAmsFake } from "@/server/sandbox/responsys-ams";
import { AMS_PROFILE_LIST } from "@/server/sandbox/responsys-ams-profiles";
import { startSandbox, type Sandbox } from "@/server/sandbox/server";
import { captureEvents, runFunction, type SentEvent } from "@/server/testing/inngest";
import { control, invoke, setUp, startPortal, type Setup } from "@/server/testing/responsys-app";
import deliverMessages from "../campaigns/deliver-messages";
import runInvocation from "../responsys-app/run-invocation";
import writeBackToResponsys from "./write-back-to-responsys";

// An opt-out travels back to the Responsys profile list the number came from: a Program invokes
// the app's service through the sandbox's App Management simulator, the row is queued as a
// message (run-invocation), the number texts STOP through the Mitto sandbox integration, and
// write-back-to-responsys merges the opt-in field's new value into the simulator's profile list.

let sandbox: Sandbox;
let portal: Server;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [mittoFake(), responsysAmsFake()] });
  env.SANDBOX_URL = sandbox.url;
  portal = await startPortal();
  env.APP_URL = `http://127.0.0.1:${(portal.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => portal.close(resolve));
  await sandbox.close();
});
afterEach(() => {
  vi.restoreAllMocks();
  sandbox.faults.clear();
});

type Member = Record<string, string | null>;
const profileOf = async (digits: string) =>
  (await control<{ members: Member[] }>("GET", `/lists/${AMS_PROFILE_LIST}`)).members.find(
    (m) => m.MOBILE_NUMBER_ === digits,
  );

/** A number brought in by an invoked Program row, queued as a message of the service's campaign. */
async function invokedRow(s: Setup, sent: SentEvent[], digits: string) {
  const answer = await invoke(s, [[`row-${digits}`, digits, "YES", "Nia"]], { inline: true });
  const received = sent.filter((e) => e.name === responsysInvocationReceived.name).at(-1)!;
  const { error } = await runFunction(runInvocation, received, ["report", "deliver-page-0"]);
  if (error) throw error;
  const [message] = await s.db
    .select({ integrationId: schema.messages.integrationId })
    .from(schema.messages)
    .where(and(eq(schema.messages.campaignId, s.campaignId), eq(schema.messages.externalRef, `row-${digits}`)));
  return { uuid: answer.uuid, integrationId: message!.integrationId };
}

/** The number replies STOP on the WhatsApp integration it was messaged from. */
const textsStop = (s: Setup, integrationId: string, digits: string) =>
  receiveInboundMessage(s.db, {
    receiptId: randomUUID(),
    integrationId,
    message: {
      vendorMessageId: randomUUID(),
      from: `+${digits}`,
      to: null,
      text: "STOP",
      attachments: [],
      receivedAt: new Date().toISOString(),
    },
  });

const writeBackRequest = (sent: SentEvent[]) =>
  sent.filter((e) => e.name === responsysOptOutWriteBackRequested.name).at(-1)!;
const invocationRow = async (s: Setup, uuid: string) =>
  (await s.db.select().from(schema.responsysAppInvocations).where(eq(schema.responsysAppInvocations.uuid, uuid)))[0];
const writeBackRow = async (s: Setup, id: string) =>
  (await s.db.select().from(schema.consentWriteBacks).where(eq(schema.consentWriteBacks.id, id)))[0];

describe("an opt-out of a number that came from Responsys", () => {
  it("is written to the profile list's opt-in field, and shown with the contact made from the reply", async () => {
    const sent = captureEvents();
    const s = await setUp(60);
    const digits = "4915166600001";
    const { integrationId } = await invokedRow(s, sent, digits);
    expect(await profileOf(digits)).toMatchObject({ OPTIN: "YES", FIRST_NAME: "Nia" });

    const stopped = await textsStop(s, integrationId, digits);
    expect(stopped).toMatchObject({ contactId: expect.any(String) as unknown, optedOut: true });
    const request = writeBackRequest(sent);
    expect(await writeBackRow(s, request.data.writeBackId as string)).toMatchObject({
      target: "responsys",
      status: "pending",
      attempts: 0,
    });
    const { result, error } = await runFunction(writeBackToResponsys, request, []);
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ outcome: expect.stringMatching(/^OPTIN set to NO on CONTACTS/) as unknown });
    expect(await profileOf(digits)).toMatchObject({ OPTIN: "NO", FIRST_NAME: "Nia" });

    // The number's page (the contact its reply made) lists the write-back under its consent history.
    const contact = await s.api.contact.get({ id: stopped.contactId ?? "" });
    expect(contact.writeBacks).toEqual([
      expect.objectContaining({
        target: "responsys",
        channel: "whatsapp",
        status: "done",
        attempts: 1,
        lastError: null,
      }),
    ]);
  });

  it("stays pending with the error while Responsys answers 5xx, and a retry writes it", async () => {
    const sent = captureEvents();
    const s = await setUp(60);
    const digits = "4915166600002";
    const { integrationId } = await invokedRow(s, sent, digits);
    await textsStop(s, integrationId, digits);
    const request = writeBackRequest(sent);

    sandbox.faults.add({ vendor: "ams", pathPrefix: "/lists", kind: "error5xx", status: 503, times: 10 });
    const failed = await runFunction(writeBackToResponsys, request, []);
    expect(failed.error?.message).toMatch(/profile list merge failed: Responsys answered HTTP 503/);
    expect(await writeBackRow(s, request.data.writeBackId as string)).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: expect.stringMatching(/503/) as unknown,
    });
    expect(await profileOf(digits)).toMatchObject({ OPTIN: "YES" });

    sandbox.faults.clear();
    expect((await runFunction(writeBackToResponsys, request, [])).error).toBeUndefined();
    expect(await writeBackRow(s, request.data.writeBackId as string)).toMatchObject({
      status: "done",
      attempts: 2,
      lastError: null,
    });
    expect(await profileOf(digits)).toMatchObject({ OPTIN: "NO" });
  }, 60_000);

  it("owes Responsys nothing for a number that never came from it", async () => {
    const sent = captureEvents();
    const s = await setUp(60);
    const { integrationId } = await invokedRow(s, sent, "4915166600003");
    await textsStop(s, integrationId, "4915166600004");
    expect(sent.filter((e) => e.name === responsysOptOutWriteBackRequested.name)).toEqual([]);
  });
});

describe("an erased contact's number in a later Responsys invocation", () => {
  it("is skipped as opted out: the opt-out outlives the erasure as a hash", async () => {
    const sent = captureEvents();
    const s = await setUp(60);
    const digits = "4915166600009";
    const first = await invokedRow(s, sent, digits);
    await textsStop(s, first.integrationId, digits);
    // The STOP made the number a contact (created from the reply), which the admin erases.
    const [contact] = (await s.api.contact.list({ search: `+${digits}` })).items;
    const id = contact?.id ?? "";
    expect(await s.adminApi.contact.erase({ id, confirmation: `+${digits}` })).toMatchObject({
      optOutsKept: ["whatsapp"],
    });
    // The Program row that brought the number in keeps its place, without its values.
    expect((await invocationRow(s, first.uuid))?.inlineRows).toEqual([["", "", "", "", ""]]);

    // The Program invokes the service again with the same number.
    await invoke(s, [[`row-${digits}`, digits, "YES", "Nia"]], { inline: true });
    const received = sent.filter((e) => e.name === responsysInvocationReceived.name).at(-1)!;
    const queued = await runFunction(runInvocation, received, ["report", "deliver-page-0"]);
    const chunk = queued.sent.find((e) => e.name === campaignMessagesQueued.name)!;
    expect((await runFunction(deliverMessages, chunk, [])).result).toEqual({ sent: 0, failed: 0, skipped: 1 });
    const messages = await s.db.select().from(schema.messages).where(eq(schema.messages.campaignId, s.campaignId));
    // The first row's message, queued before the erasure, was stripped and never sent; the new one is skipped.
    expect(messages.map((m) => [m.toNumber, m.status, m.errorCode])).toHaveLength(2);
    expect(messages.map((m) => [m.toNumber, m.status, m.errorCode])).toEqual(
      expect.arrayContaining([
        ["", "skipped", "erased"],
        [`+${digits}`, "skipped", "opted_out"],
      ]),
    );
  }, 60_000);
});
