import type { z } from "zod";
import type { Db } from "@/db/client";
import { lastDays } from "../../lib/days";
import { countDailySends } from "../campaign/count-daily-sends";
import { listSendingCampaigns } from "../campaign/list-sending-campaigns";
import { countDailyOptOuts } from "../contact/count-daily-opt-outs";
import { countWaiting } from "../conversation/reads";
import { getWorkspaceSettings } from "../workspace/get-settings";
import type { dashboardInput } from "./schema";

/**
 * What a marketer or agent opens the portal for: the campaigns sending now, the period's sends
 * with their delivered, read and failed shares and its opt-outs, per day in the workspace's time
 * zone, and the conversations waiting for an answer. Every figure is aggregated in the database.
 */
export async function getDashboard(
  db: Db,
  workspaceId: string,
  input: z.infer<typeof dashboardInput>,
  now = new Date(),
) {
  const { defaultTimeZone: timeZone } = await getWorkspaceSettings(db, workspaceId);
  const days = lastDays(input.days, timeZone, now);
  const [sending, sends, optOuts, conversations] = await Promise.all([
    listSendingCampaigns(db, workspaceId, now),
    countDailySends(db, workspaceId, timeZone, days),
    countDailyOptOuts(db, workspaceId, timeZone, days),
    countWaiting(db, workspaceId),
  ]);
  return { timeZone, sending, sends, optOuts, conversations };
}
