import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { env } from "@/server/env";
import { mittoFake } from "@/server/sandbox/mitto";
import { RESPONSYS_SANDBOX_CREDENTIALS, responsysFake } from "@/server/sandbox/responsys";
import { startSandbox, type Sandbox } from "@/server/sandbox/server";
import { callerFor, createWorkspace, MITTO_SANDBOX_SETTINGS } from "@/server/testing/fixtures";
import { captureEvents, runFunction } from "@/server/testing/inngest";
import writeBackStatuses from "./write-back-statuses";

// Issue 4 item 5: after a campaign's status timeout, the last status goes to the contact field
// and, when the workspace has Responsys connected with a profile list, to that list through the
// merge API (sandbox). The function runs in @inngest/test on a cron tick, as Inngest runs it.

let sandbox: Sandbox;
const responsys = responsysFake();
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [responsys, mittoFake()] });
  env.SANDBOX_URL = sandbox.url;
});
afterAll(() => sandbox.close());
afterEach(() => {
  vi.restoreAllMocks();
  sandbox.faults.clear();
});

const tick = { name: "inngest/scheduled.timer", data: {} };
const member = (key: "MOBILE_NUMBER_" | "EMAIL_ADDRESS_", value: string) =>
  responsys.members("CONTACTS").find((m) => m[key] === value);

/**
 * A workspace with messages past their status timeout: to Ana (in the sandbox's CONTACTS list
 * by mobile), Bruno (no mobile, in the list by email) and Cem (not in the list), `statuses` in
 * that order, for a campaign writing LAST_MESSAGE_STATUS; and one for Ana from a campaign
 * writing the custom attribute WA_STATUS.
 */
async function setUp(
  responsysSettings: Record<string, unknown> | null,
  statuses: ["read" | "delivered" | "failed", "read" | "delivered" | "failed", "read" | "delivered" | "failed"],
) {
  captureEvents();
  const { db, workspace, admin, marketer } = await createWorkspace();
  const adminApi = await callerFor(admin);
  const api = await callerFor(marketer);
  const integrationId =
    (
      await adminApi.integration.connect({
        vendor: "mitto",
        label: "Mitto",
        sandbox: true,
        settings: MITTO_SANDBOX_SETTINGS,
      })
    ).id ?? "";
  const responsysId = responsysSettings
    ? ((
        await adminApi.integration.connect({
          vendor: "responsys",
          label: "Responsys",
          sandbox: true,
          settings: {
            method: "interact",
            ...RESPONSYS_SANDBOX_CREDENTIALS.interact,
            endpoint: "login2.responsys.net",
            ...responsysSettings,
          },
        })
      ).id ?? "")
    : null;
  const contacts = await db
    .insert(schema.contacts)
    .values([
      { workspaceId: workspace.id, mobileNumber: "+4917612345678", firstName: "Ana" },
      { workspaceId: workspace.id, email: "bruno@example.com", firstName: "Bruno" },
      { workspaceId: workspace.id, mobileNumber: "+4915199999999", firstName: "Cem" },
    ])
    .returning({ id: schema.contacts.id, mobileNumber: schema.contacts.mobileNumber });
  const campaign = (statusField: string) =>
    api.campaign.create({
      name: statusField,
      channel: "whatsapp",
      integrationId,
      senderId: null,
      optInField: null,
      templateId: null,
      placeholderMappings: [],
      smsBody: null,
      trigger: "scheduled",
      segmentId: null,
      schedule: null,
      statusField,
      statusTimeoutMinutes: 1,
    });
  const lastStatus = await campaign("last_message_status");
  const attribute = await campaign("attr:WA_STATUS");
  const createdAt = new Date(Date.now() - 10 * 60_000);
  const message = (campaignId: string, contact: (typeof contacts)[number], status: (typeof statuses)[number]) => ({
    workspaceId: workspace.id,
    campaignId,
    contactId: contact.id,
    integrationId,
    channel: "whatsapp" as const,
    toNumber: contact.mobileNumber ?? "",
    occurrence: "now:test",
    status,
    createdAt,
  });
  await db
    .insert(schema.messages)
    .values([
      ...contacts.map((c, i) => message(lastStatus.id, c, statuses[i]!)),
      message(attribute.id, contacts[0]!, "delivered"),
    ]);
  const calls = () =>
    responsysId
      ? db
          .select()
          .from(schema.vendorCallStats)
          .where(
            and(
              eq(schema.vendorCallStats.integrationId, responsysId),
              eq(schema.vendorCallStats.operation, "responsys.merge_statuses"),
            ),
          )
      : Promise.resolve([]);
  const integration = async () =>
    (
      await db
        .select({ lastError: schema.integrations.lastError })
        .from(schema.integrations)
        .where(eq(schema.integrations.id, responsysId ?? ""))
    )[0];
  return { db, contacts, calls, integration };
}

describe("writing the last message status back", () => {
  it("merges it into the Responsys profile list by mobile, else email, and records the rows Responsys refuses", async () => {
    const s = await setUp({ profileList: "CONTACTS" }, ["read", "delivered", "failed"]);
    const { result, error } = await runFunction(writeBackStatuses, tick, []);
    expect(error).toBeUndefined();
    expect(result).toEqual({ written: 4 });

    expect(member("MOBILE_NUMBER_", "4917612345678")).toMatchObject({
      FIRST_NAME: "Ana",
      LAST_MESSAGE_STATUS: "read",
      WA_STATUS: "delivered",
    });
    expect(member("EMAIL_ADDRESS_", "bruno@example.com")).toMatchObject({
      FIRST_NAME: "Bruno",
      LAST_MESSAGE_STATUS: "delivered",
    });
    // Cem is not in the list: nobody was added, and the refusal is on the integration.
    expect(member("MOBILE_NUMBER_", "4915199999999")).toBeUndefined();
    const calls = await s.calls();
    // Counted per hour: the run may straddle an hour's end.
    const sum = (k: "succeeded" | "failed") => calls.reduce((n, c) => n + c[k], 0);
    expect({ succeeded: sum("succeeded"), failed: sum("failed") }).toEqual({ succeeded: 2, failed: 1 });
    expect(calls.find((c) => c.lastFailure)?.lastFailure).toMatch(
      /^Message statuses: 1 of 2 contacts were not updated/,
    );
    expect((await s.integration())?.lastError).toMatch(
      /^Message statuses: 1 of 2 contacts were not updated in CONTACTS \(MERGEFAILED: Record \d = RECORD_NOT_FOUND/,
    );
    // The contact fields are written as before.
    const [ana] = await s.db.select().from(schema.contacts).where(eq(schema.contacts.id, s.contacts[0]!.id));
    expect(ana).toMatchObject({ lastMessageStatus: "read", attributes: { WA_STATUS: "delivered" } });
  });

  it("retries the merge after a Responsys 5xx, with every row written", async () => {
    const s = await setUp({ profileList: "CONTACTS" }, ["delivered", "read", "read"]);
    sandbox.faults.add({
      vendor: "responsys",
      kind: "error5xx",
      status: 503,
      times: 4,
      pathPrefix: "/rest/api/v1.3/lists/CONTACTS/members",
    });
    const failed = await runFunction(writeBackStatuses, tick, []);
    expect(String(failed.error?.message)).toMatch(/server error \(HTTP 503\)/);
    // Written here already, not yet in Responsys.
    const [ana] = await s.db.select().from(schema.contacts).where(eq(schema.contacts.id, s.contacts[0]!.id));
    expect(ana?.lastMessageStatus).toBe("delivered");
    expect(member("MOBILE_NUMBER_", "4917612345678")?.LAST_MESSAGE_STATUS).toBe("read");
    expect((await s.integration())?.lastError).toMatch(/HTTP 503/);

    // Inngest retries the failed step with the batch's memoized result.
    const batch = {
      written: 4,
      more: false,
      changed: [
        ...s.contacts.map((c) => ({ contactId: c.id, field: "last_message_status" })),
        { contactId: s.contacts[0]!.id, field: "attr:WA_STATUS" },
      ],
    };
    const retried = await runFunction(writeBackStatuses, tick, [], [{ id: "batch-0", handler: () => batch }]);
    expect(retried.error).toBeUndefined();
    expect(member("MOBILE_NUMBER_", "4917612345678")?.LAST_MESSAGE_STATUS).toBe("delivered");
    expect(member("EMAIL_ADDRESS_", "bruno@example.com")?.LAST_MESSAGE_STATUS).toBe("read");
  });

  it("calls nothing without a Responsys integration, or with one that names no profile list", async () => {
    const before = responsys.received().length;
    const none = await setUp(null, ["read", "read", "read"]);
    const noList = await setUp({}, ["failed", "failed", "failed"]);
    const { result, error } = await runFunction(writeBackStatuses, tick, []);
    expect(error).toBeUndefined();
    expect(result).toEqual({ written: 8 });
    expect(responsys.received()).toHaveLength(before);
    expect(await noList.calls()).toHaveLength(0);
    const [cem] = await none.db.select().from(schema.contacts).where(eq(schema.contacts.id, none.contacts[2]!.id));
    expect(cem?.lastMessageStatus).toBe("read");
  });
});
