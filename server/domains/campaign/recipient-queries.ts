// Whom a campaign reaches: contacts with their consent for the channel, and whom it already messaged.
import { and, asc, eq, gt, inArray, sql, type SQL } from "drizzle-orm";
import { schema, type Db, type Tx } from "@/db/client";
import { consentColumnOf } from "../contact/reads";
import type { Recipient } from "./recipient";

const m = schema.messages;
const contactsT = schema.contacts;
// A contact as a campaign sees it, with its consent on the channel (the contact row's copy).
const recipientColumns = (channel: "whatsapp" | "sms") => ({
  id: contactsT.id,
  mobileNumber: contactsT.mobileNumber,
  firstName: contactsT.firstName,
  lastName: contactsT.lastName,
  email: contactsT.email,
  city: contactsT.city,
  state: contactsT.state,
  postalCode: contactsT.postalCode,
  country: contactsT.country,
  timeZone: contactsT.timeZone,
  attributes: contactsT.attributes,
  consent: consentColumnOf(channel),
});

/** One page of an audience (a segment's condition) in contact-id order, with each contact's consent for the channel. */
export async function findRecipientsPage(
  db: Db | Tx,
  workspaceId: string,
  channel: "whatsapp" | "sms",
  where: SQL | undefined,
  after: string | null,
  limit: number,
): Promise<Recipient[]> {
  return db
    .select(recipientColumns(channel))
    .from(contactsT)
    .where(and(eq(contactsT.workspaceId, workspaceId), where, after ? gt(contactsT.id, after) : undefined))
    .orderBy(asc(contactsT.id))
    .limit(limit);
}

export async function findRecipientByMobile(
  db: Db | Tx,
  workspaceId: string,
  channel: "whatsapp" | "sms",
  mobileNumber: string,
): Promise<Recipient | null> {
  const [row] = await findRecipientsPage(db, workspaceId, channel, eq(contactsT.mobileNumber, mobileNumber), null, 1);
  return row ?? null;
}

/** These contacts with their consent for the channel, by id; a deleted one is missing. */
export async function findRecipientsById(
  db: Db | Tx,
  workspaceId: string,
  channel: "whatsapp" | "sms",
  contactIds: string[],
): Promise<Map<string, Recipient>> {
  if (contactIds.length === 0) return new Map();
  const rows = await findRecipientsPage(
    db,
    workspaceId,
    channel,
    inArray(contactsT.id, contactIds),
    null,
    contactIds.length,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Contacts of this page that this campaign already sent to (in one occurrence, or in any when null); a test send is not a send. */
export async function findMessagedContacts(
  db: Db | Tx,
  campaignId: string,
  occurrence: string | null,
  contactIds: string[],
) {
  if (contactIds.length === 0) return new Set<string>();
  const rows = await db
    .select({ contactId: m.contactId })
    .from(m)
    .where(
      and(
        eq(m.campaignId, campaignId),
        occurrence ? eq(m.occurrence, occurrence) : undefined,
        inArray(m.contactId, contactIds),
        inArray(m.status, ["sent", "delivered", "read"]),
        sql`not ${m.isTest}`,
      ),
    );
  return new Set(rows.map((r) => r.contactId));
}
