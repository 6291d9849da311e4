import type { Db } from "@/db/client";
import { parseMittoWebhook } from "../../vendors/mitto/webhook";
import { VendorError } from "../../vendors/http";
import type { ClientOf } from "../../vendors/registry";
import { recordVendorCall } from "../integration/record-vendor-call";
import { recordItems } from "../../webhooks/receive";
import { clientFor } from "../integration/client-for";
import { takeOverdueReports } from "./delivery-queries";
import { REPORT_OVERDUE_MINUTES } from "./schema";

const PER_RUN = 200;

/**
 * Mitto documents a message lookup as the fallback for delivery reports that do not come: a
 * message sent more than REPORT_OVERDUE_MINUTES ago with no report is looked up (again each
 * interval while it stays so), and what Mitto says goes through the same path as its callback,
 * under the callback's own key, so a report that arrives after all counts once. A lookup that
 * fails is left for the next interval. The other vendors have no lookup.
 */
export async function lookUpOverdueReports(db: Db, now = new Date()) {
  const before = new Date(now.getTime() - REPORT_OVERDUE_MINUTES * 60_000);
  const overdue = await takeOverdueReports(db, "mitto", { now, sentBefore: before, lookedUpBefore: before }, PER_RUN);
  const clients = new Map<string, ClientOf<"mitto">>();
  let recorded = 0;
  for (const { integration, vendorMessageId } of overdue) {
    if (!clients.has(integration.id)) clients.set(integration.id, clientFor("mitto", integration));
    try {
      const found = await clients.get(integration.id)!.getMessage(vendorMessageId ?? "");
      const items = parseMittoWebhook(
        "dlr",
        { messageId: found.messageId, status: found.deliveryStatus, description: found.description },
        now,
      );
      recorded += (await recordItems(db, integration, "dlr", items, "status_lookup"))?.accepted ?? 0;
    } catch (error) {
      if (!(error instanceof VendorError)) throw error;
      console.warn(`Mitto lookup of message ${vendorMessageId} failed: ${error.message}`);
      await recordVendorCall(db, integration.id, "status_lookup", false, error.message);
    }
  }
  return { lookedUp: overdue.length, recorded };
}
