import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { mittoFake } from "@/server/sandbox/mitto";
import { connectMittoSandbox, createWorkspace, useSandbox } from "@/server/testing/fixtures";
import { captureEvents, statusReportsIn } from "@/server/testing/inngest";
import type { WebhookItem } from "../vendors/types";
import { recordItems } from "./receive";

useSandbox([mittoFake()]);
afterEach(() => vi.restoreAllMocks());

const delivered = (vendorMessageId: string): WebhookItem => ({
  key: `status:${vendorMessageId}:delivered`,
  type: "status",
  update: {
    vendorMessageId,
    status: "delivered",
    vendorStatus: "Delivered",
    errorCode: null,
    errorMessage: null,
    occurredAt: new Date().toISOString(),
  },
});

async function mittoIntegration() {
  const { db, admin } = await createWorkspace();
  const { integrationId } = await connectMittoSandbox(admin);
  return { db, target: { id: integrationId, workspaceId: admin.workspaceId, vendor: "mitto" } };
}

describe("recording vendor callbacks", () => {
  it("counts a key once per integration: another account of the same vendor may send the same id", async () => {
    captureEvents();
    const first = await mittoIntegration();
    const second = await mittoIntegration();
    const item = delivered(`01SAMEID${Date.now()}`);
    expect(await recordItems(first.db, first.target, "dlr", [item])).toEqual({ accepted: 1, duplicates: 0 });
    expect(await recordItems(second.db, second.target, "dlr", [item])).toEqual({ accepted: 1, duplicates: 0 });
    expect(await recordItems(first.db, first.target, "dlr", [item])).toEqual({ accepted: 0, duplicates: 1 });
  });

  it("records a batch larger than one statement's parameters, every item once", async () => {
    const events = captureEvents();
    const { db, target } = await mittoIntegration();
    const items = Array.from({ length: 14_000 }, (_, i) => delivered(`01BIG${i}`));
    expect(await recordItems(db, target, "dlr", items)).toEqual({ accepted: 14_000, duplicates: 0 });
    expect(statusReportsIn(events)).toHaveLength(14_000);
    const stored = await db
      .select({ id: schema.webhookReceipts.id })
      .from(schema.webhookReceipts)
      .where(eq(schema.webhookReceipts.integrationId, target.id));
    expect(stored).toHaveLength(14_000);
  });
});
