import type { Db } from "@/db/client";
import { countAwaitingReports } from "../campaign/reads";
import { messagingProfileOf } from "../../vendors/profiles";
import { findHealthFigures } from "./queries";
import type { IntegrationRow } from "./reads";

const HOUR_MS = 3_600_000;
/** The success rate covers this many hours. */
export const HEALTH_WINDOW_HOURS = 24;
/** An integration whose sent messages wait this long for reports, with no callback meanwhile, has silent webhooks. */
export const SILENT_WEBHOOK_HOURS = 2;

export type IntegrationHealth = {
  calls: number;
  failed: number;
  /** Share of successful calls and callbacks in the window; null without any. */
  successRate: number | null;
  lastSuccessAt: Date | null;
  lastCallbackAt: Date | null;
  lastFailureAt: Date | null;
  lastFailure: string | null;
  /** Sent messages awaiting a delivery report while no callback came: the vendor's callbacks may not reach us. */
  silentWebhooks: { awaitingReports: number; hours: number } | null;
};

/**
 * Each integration's health from every vendor call and callback recorded (sends, syncs, pushes,
 * webhooks received): the success rate over the window, the last success and failure, and
 * whether its webhooks have gone silent while messages wait for reports.
 */
export async function healthOf(db: Db, rows: Pick<IntegrationRow, "id" | "vendor">[], now = new Date()) {
  const ids = rows.map((r) => r.id);
  const silentSince = new Date(now.getTime() - SILENT_WEBHOOK_HOURS * HOUR_MS);
  const expectsCallbacks = rows.filter((r) => (messagingProfileOf(r.vendor)?.webhooks.length ?? 0) > 0);
  const [figures, awaiting] = await Promise.all([
    findHealthFigures(db, ids, new Date(now.getTime() - HEALTH_WINDOW_HOURS * HOUR_MS)),
    countAwaitingReports(
      db,
      expectsCallbacks.map((r) => r.id),
      silentSince,
    ),
  ]);
  const awaitingBy = new Map(awaiting.map((a) => [a.integrationId, a.awaiting]));
  const health = new Map<string, IntegrationHealth>();
  for (const id of ids) {
    const f = figures.find((x) => x.integrationId === id);
    const calls = (f?.succeeded ?? 0) + (f?.failed ?? 0);
    const awaitingReports = awaitingBy.get(id) ?? 0;
    const lastCallbackAt = f?.lastCallbackAt ?? null;
    health.set(id, {
      calls,
      failed: f?.failed ?? 0,
      successRate: calls > 0 ? (f?.succeeded ?? 0) / calls : null,
      lastSuccessAt: f?.lastSuccessAt ?? null,
      lastCallbackAt,
      lastFailureAt: f?.lastFailureAt ?? null,
      lastFailure: f?.lastFailure ?? null,
      silentWebhooks:
        awaitingReports > 0 && (!lastCallbackAt || lastCallbackAt < silentSince)
          ? { awaitingReports, hours: SILENT_WEBHOOK_HOURS }
          : null,
    });
  }
  return health;
}
