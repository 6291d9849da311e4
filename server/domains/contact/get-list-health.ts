import { count, eq } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import { consentOfContact } from "./reads";
import { channels } from "./schema";

const cs = schema.consentStates;

/**
 * A profile list's "List Health", as Responsys shows it: opt-in, opt-out and total per channel,
 * from the current consent of each contact's number and email. Contacts with nothing recorded for a channel count as not
 * recorded.
 */
export async function getListHealth(db: Db, workspaceId: string) {
  const [totals, states] = await Promise.all([
    db.select({ n: count() }).from(schema.contacts).where(eq(schema.contacts.workspaceId, workspaceId)),
    db
      .select({ channel: cs.channel, state: cs.state, n: count() })
      .from(schema.contacts)
      .innerJoin(cs, consentOfContact())
      .where(eq(schema.contacts.workspaceId, workspaceId))
      .groupBy(cs.channel, cs.state),
  ]);
  const total = totals[0]?.n ?? 0;
  const counted = (channel: string, state: string) =>
    states.find((s) => s.channel === channel && s.state === state)?.n ?? 0;
  return {
    total,
    channels: channels.map((channel) => {
      const optIn = counted(channel, "opt_in");
      const optOut = counted(channel, "opt_out");
      return { channel, optIn, optOut, notRecorded: total - optIn - optOut };
    }),
  };
}
