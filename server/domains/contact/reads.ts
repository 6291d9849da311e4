import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { addressHash } from "../../lib/crypto";
import type { Channel } from "./schema";

// The contact domain's public reads: the consent of numbers, and how other domains join a contact to it.

const c = schema.contacts;

/** The address consent on a channel belongs to: the contact's number, or its email for email. */
export function addressOf(contact: { mobileNumber: string | null; email: string | null }, channel: Channel) {
  return channel === "email" ? contact.email : contact.mobileNumber;
}

/**
 * A contact's current consent on one channel: the contact row's copy of its address's state,
 * which database triggers keep equal to consent_states in the same transaction as every change
 * to either side (migration 0016); null when nothing was recorded. Read it instead of joining.
 */
export function consentColumnOf(channel: Channel) {
  return { whatsapp: c.whatsappConsent, sms: c.smsConsent, email: c.emailConsent }[channel];
}

/**
 * Joins a contact to every entry of its addresses (its number, its email) in `on`, the
 * consent_states or consent_events table: for the source and time of each state, and the ledger.
 */
export function consentOfContact(
  on: typeof schema.consentStates | typeof schema.consentEvents = schema.consentStates,
): SQL {
  return and(
    eq(on.workspaceId, c.workspaceId),
    sql`((${on.channel} = 'email' and ${on.address} = ${c.email}) or (${on.channel} <> 'email' and ${on.address} = ${c.mobileNumber}))`,
  ) as SQL;
}

/**
 * The current consent of one address on a channel; null when none was ever recorded. An erased
 * contact's opt-out, kept only as a hash of the address (erased_opt_outs), counts as opt_out:
 * an address is in one table or the other, never both (server/domains/contact/erased-opt-outs.ts).
 */
export async function findConsentState(db: Db | Tx, workspaceId: string, channel: Channel, address: string) {
  const cs = schema.consentStates;
  const eo = schema.erasedOptOuts;
  const [row] = await db
    .select({ state: cs.state })
    .from(cs)
    .where(and(eq(cs.workspaceId, workspaceId), eq(cs.channel, channel), eq(cs.address, address)))
    .unionAll(
      db
        .select({ state: sql<"opt_out">`'opt_out'`.as("state") })
        .from(eo)
        .where(
          and(
            eq(eo.workspaceId, workspaceId),
            eq(eo.channel, channel),
            eq(eo.addressHash, addressHash(workspaceId, channel, address)),
          ),
        ),
    );
  return row?.state ?? null;
}

/**
 * Those of these addresses that opted out of the channel, whether or not they are contacts',
 * erased contacts' kept opt-outs included: one statement, both lookups by index.
 */
export async function findOptedOut(
  db: Db | Tx,
  workspaceId: string,
  channel: Channel,
  addresses: string[],
): Promise<Set<string>> {
  if (addresses.length === 0) return new Set();
  const cs = schema.consentStates;
  const eo = schema.erasedOptOuts;
  const byHash = new Map(addresses.map((a) => [addressHash(workspaceId, channel, a), a]));
  const rows = await db
    .select({ key: cs.address })
    .from(cs)
    .where(
      and(
        eq(cs.workspaceId, workspaceId),
        eq(cs.channel, channel),
        eq(cs.state, "opt_out"),
        inArray(cs.address, addresses),
      ),
    )
    .unionAll(
      db
        .select({ key: eo.addressHash })
        .from(eo)
        .where(
          and(eq(eo.workspaceId, workspaceId), eq(eo.channel, channel), inArray(eo.addressHash, [...byHash.keys()])),
        ),
    );
  // A hash is 64 hex digits, never an address (an E.164 number starts with "+", an email has "@").
  return new Set(rows.map((r) => byHash.get(r.key) ?? r.key));
}

/** The email of the contact with this mobile number; null when the number is nobody's or the contact has none. */
export async function findEmailOfNumber(db: Db | Tx, workspaceId: string, mobileNumber: string) {
  const [row] = await db
    .select({ email: c.email })
    .from(c)
    .where(and(eq(c.workspaceId, workspaceId), eq(c.mobileNumber, mobileNumber)));
  return row?.email ?? null;
}
