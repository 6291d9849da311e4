import { RetryAfterError } from "inngest";
import type { Db } from "@/db/client";
import { forEachConcurrently } from "../../lib/concurrency";
import { VendorError } from "../../vendors/http";
import { recordAnnexIds } from "../contact/record-annex-ids";
import { findMembersPage, insertActions, setPullCursor } from "./queries";
import { findRunnableProgram } from "./reads";
import { actionTypeOf } from "./text";
import { loyaltyClients } from "./vendor-clients";

// Members whose activity one step reads: one Annex Cloud call each (its notes offer no bulk
// read), so a page is a few seconds of calls and 100,000 members a hundred steps.
export const MEMBERS_PER_PAGE = 1000;
// Annex Cloud calls in flight at once. Its rate limits are not documented [assumed]: 32 keeps
// a page to a few seconds without flooding one site.
const ANNEX_CONCURRENCY = 32;

type Member = Awaited<ReturnType<typeof findMembersPage>>[number];

/**
 * Reads one page of the program's members' activity from Annex Cloud, the only way its notes
 * document to learn of loyalty actions (GET /users/{id}/activity; no webhook), and stores each
 * new action the program texts, pending, once per Annex Cloud activity id. A member is read by
 * their Annex Cloud id when it is known, else by email; the id Annex Cloud answers with is kept
 * on the contact. Actions from before texting was switched on are left out. Returns where the
 * next page starts, null after the last member; the program keeps that position for the next run.
 */
export async function pullLoyaltyActions(db: Db, workspaceId: string, after: string | null) {
  const program = await findRunnableProgram(db, workspaceId);
  if (!program) return { next: null, members: 0, stored: 0, unreadable: 0, refused: 0 };
  const { annex, annexSiteId } = loyaltyClients(program.integration);
  // Annex Cloud dates are to the second: an action in the second texting was switched on counts.
  const since = Math.floor(program.enabledAt.getTime() / 1000) * 1000;
  const members = await findMembersPage(db, workspaceId, after, MEMBERS_PER_PAGE);
  const rows: Parameters<typeof insertActions>[1] = [];
  const learnt: { contactId: string; annexId: string }[] = [];
  let unreadable = 0;
  let refused = 0;

  async function read(member: Member) {
    let found;
    try {
      // findMembersPage returns only members with one or the other.
      found = await annex.getActivity(member.annexId ?? member.email ?? "");
    } catch (error) {
      if (!(error instanceof VendorError)) throw error;
      if (error.kind === "rate_limited") throw new RetryAfterError(error.message, error.retryAfterMs ?? 30_000);
      // One member Annex Cloud refuses (an email it will not take) must not stop the others;
      // credentials, outages and timeouts fail the step, which Inngest retries.
      if (error.kind !== "rejected") throw error;
      refused++;
      return;
    }
    if (found.annexId && found.annexId !== member.annexId)
      learnt.push({ contactId: member.id, annexId: found.annexId });
    unreadable += found.unreadable;
    for (const activity of found.activities) {
      const type = actionTypeOf(activity.activity);
      if (!type || activity.occurredAt.getTime() < since) continue;
      const details = {
        points: activity.points,
        balance: activity.balance,
        reward: activity.rewardName,
        tier: activity.tier,
      };
      rows.push({
        workspaceId,
        annexSiteId,
        externalId: activity.activityId,
        contactId: member.id,
        type,
        details: Object.fromEntries(Object.entries(details).filter((e): e is [string, string] => e[1] !== null)),
        occurredAt: activity.occurredAt,
      });
    }
  }

  await forEachConcurrently(members, ANNEX_CONCURRENCY, read);
  await recordAnnexIds(db, workspaceId, learnt);
  const stored = await insertActions(db, rows);
  const next = members.length === MEMBERS_PER_PAGE ? (members.at(-1)?.id ?? null) : null;
  await setPullCursor(db, workspaceId, next);
  return { next, members: members.length, stored, unreadable, refused };
}
