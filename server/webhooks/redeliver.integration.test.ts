import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { messageStatusesReceived } from "@/server/jobs/events";
import { mittoFake } from "@/server/sandbox/mitto";
import { connectMittoSandbox, createWorkspace, useSandbox } from "@/server/testing/fixtures";
import { captureEvents, statusReportsIn } from "@/server/testing/inngest";
import { claimReceipts } from "./queries";
import { receiveWebhook } from "./receive";
import { redeliverStaleReceipts } from "./redeliver";

// A callback recorded whose hand-off was lost (the portal or the engine died in between) is
// handed over again after ten minutes, then less and less often, until it is processed.

useSandbox([mittoFake()]);
afterEach(() => vi.restoreAllMocks());
const minutes = (n: number) => new Date(Date.now() + n * 60_000);

describe("redelivering vendor callbacks", () => {
  it("hands a recorded but unprocessed callback over again, the same event, until it is processed", async () => {
    const { db, admin } = await createWorkspace();
    const { integrationId } = await connectMittoSandbox(admin);
    const [integration] = await db
      .select({ token: schema.integrations.webhookToken })
      .from(schema.integrations)
      .where(eq(schema.integrations.id, integrationId));
    const events = captureEvents((e) => e.name === messageStatusesReceived.name);
    const raw = JSON.stringify({ messageId: `01REDELIVER${Date.now()}`, status: "Delivered", errorcode: "0" });
    expect(
      (
        await receiveWebhook(db, {
          vendor: "mitto",
          integrationId,
          kind: "dlr",
          token: integration?.token ?? null,
          signature: null,
          raw,
        })
      ).status,
    ).toBe(200);
    expect(events).toHaveLength(1);

    // Still within its first ten minutes: left alone. Other tests' receipts may be redelivered
    // alongside, so only this one's events are counted.
    const receiptIdOf = (e: (typeof events)[number] | undefined) => statusReportsIn(e ? [e] : [])[0]?.receiptId;
    const ours = () => events.filter((e) => statusReportsIn([e]).some((r) => r.receiptId === receiptIdOf(events[0])));
    await redeliverStaleReceipts(db, minutes(5));
    expect(ours()).toHaveLength(1);
    await redeliverStaleReceipts(db, minutes(11));
    expect(ours()).toHaveLength(2);
    expect(statusReportsIn(ours().slice(1, 2))).toEqual(statusReportsIn(events.slice(0, 1)));
    // The next hand-over waits twice as long.
    await redeliverStaleReceipts(db, minutes(15));
    expect(ours()).toHaveLength(2);
    await redeliverStaleReceipts(db, minutes(21));
    expect(ours()).toHaveLength(3);

    await db.transaction((tx) => claimReceipts(tx, [String(receiptIdOf(events[0]))]));
    await redeliverStaleReceipts(db, minutes(60));
    expect(ours()).toHaveLength(3);
  });
});
