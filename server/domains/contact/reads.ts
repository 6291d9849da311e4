import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import type { Channel } from "./schema";

// The contact domain's public reads: the consent of numbers, and how other domains join a contact to it.

const c = schema.contacts;

/** The address consent on a channel belongs to: the contact's number, or its email for email. */
export function addressOf(contact: { mobileNumber: string | null; email: string | null }, channel: Channel) {
  return channel === "email" ? contact.email : contact.mobileNumber;
}

/**
 * Joins a contact to the consent of its address: on one channel (a state per contact), or on
 * every channel when none is given. `on` is the consent_states or consent_events table.
 */
export function consentOfContact(
  channel?: Channel,
  on: typeof schema.consentStates | typeof schema.consentEvents = schema.consentStates,
): SQL {
  const sameWorkspace = eq(on.workspaceId, c.workspaceId);
  if (channel)
    return and(
      sameWorkspace,
      eq(on.channel, channel),
      eq(on.address, channel === "email" ? c.email : c.mobileNumber),
    ) as SQL;
  return and(
    sameWorkspace,
    sql`((${on.channel} = 'email' and ${on.address} = ${c.email}) or (${on.channel} <> 'email' and ${on.address} = ${c.mobileNumber}))`,
  ) as SQL;
}

/** The current consent of one address on a channel; null when none was ever recorded. */
export async function findConsentState(db: Db | Tx, workspaceId: string, channel: Channel, address: string) {
  const cs = schema.consentStates;
  const [row] = await db
    .select({ state: cs.state })
    .from(cs)
    .where(and(eq(cs.workspaceId, workspaceId), eq(cs.channel, channel), eq(cs.address, address)));
  return row?.state ?? null;
}

/** Those of these addresses that opted out of the channel, whether or not they are contacts'. */
export async function findOptedOut(
  db: Db | Tx,
  workspaceId: string,
  channel: Channel,
  addresses: string[],
): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const cs = schema.consentStates;
  const rows = await db
    .select({ address: cs.address })
    .from(cs)
    .where(
      and(
        eq(cs.workspaceId, workspaceId),
        eq(cs.channel, channel),
        eq(cs.state, "opt_out"),
        inArray(cs.address, addresses),
      ),
    );
  return new Set(rows.map((r) => r.address));
}
