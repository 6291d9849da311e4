import { and, eq } from "drizzle-orm";
import { schema, type Tx } from "@/db/client";
import { DEMO_USERS } from "./users";

/**
 * A few conversations on the Mitto number, so the Conversations screen has something to show:
 * one waiting for the marketer inside its 24-hour window (with an attachment), one answered
 * whose window has closed, and one closed with an outcome. Written directly like the rest of
 * the seed; the case sync starts only when someone closes one in the portal.
 */
export async function seedConversations(tx: Tx, workspaceId: string, mittoId: string) {
  const [marketer] = await tx
    .select({ id: schema.users.id, email: schema.users.email })
    .from(schema.users)
    .where(eq(schema.users.email, DEMO_USERS.marketer.email));
  // The oldest contacts opted in to WhatsApp: an agent's reply to an opted-out number is refused,
  // and every demo conversation should be one an agent can answer.
  const ct = schema.contacts;
  const cs = schema.consentStates;
  const contacts = await tx
    .select({ id: ct.id })
    .from(ct)
    .innerJoin(cs, and(eq(cs.workspaceId, ct.workspaceId), eq(cs.channel, "whatsapp"), eq(cs.address, ct.mobileNumber)))
    .where(and(eq(ct.workspaceId, workspaceId), eq(cs.state, "opt_in")))
    .orderBy(ct.createdAt)
    .limit(3);
  const contactId = (i: number) => contacts[i]?.id;
  const now = Date.now();
  const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000);
  const demo = [
    {
      contact: contactId(0),
      state: "open" as const,
      agent: marketer,
      messages: [
        { direction: "inbound" as const, body: "Hi! My parcel says delivered but it isn't here.", minutesAgo: 14 },
        {
          direction: "inbound" as const,
          body: "Here's the tracking page",
          minutesAgo: 12,
          attachments: [
            { url: "https://example.com/demo/tracking.png", mimeType: "image/png", fileName: "tracking.png" },
          ],
        },
      ],
    },
    {
      contact: contactId(1),
      state: "open" as const,
      agent: marketer,
      messages: [
        { direction: "inbound" as const, body: "Can I change my appointment to Friday?", minutesAgo: 31 * 60 },
        { direction: "outbound" as const, body: "Of course, Friday at 10:00 is booked for you.", minutesAgo: 30 * 60 },
      ],
    },
    {
      contact: contactId(2),
      state: "closed" as const,
      agent: marketer,
      messages: [
        { direction: "inbound" as const, body: "Do you ship to the Canary Islands?", minutesAgo: 3 * 60 },
        { direction: "outbound" as const, body: "We do, in 3 to 5 working days.", minutesAgo: 2 * 60 + 50 },
      ],
    },
  ];
  for (const d of demo) {
    if (!d.contact) continue;
    const first = d.messages[0]?.minutesAgo ?? 0;
    const last = d.messages.at(-1);
    const lastInbound = d.messages.filter((m) => m.direction === "inbound").at(-1)?.minutesAgo ?? first;
    const waiting = last?.direction === "inbound" && d.state === "open";
    const [conversation] = await tx
      .insert(schema.conversations)
      .values({
        workspaceId,
        contactId: d.contact,
        integrationId: mittoId,
        channel: "whatsapp",
        agentUserId: d.agent?.id,
        agentEmail: d.agent?.email,
        state: d.state,
        sessionExpiresAt: new Date(at(lastInbound).getTime() + 24 * 3_600_000),
        awaitingReplySince: waiting ? at(d.messages.find((m) => m.direction === "inbound")?.minutesAgo ?? first) : null,
        closeProfile: d.state === "closed" ? "Resolved" : null,
        closedAt: d.state === "closed" ? at(2 * 60 + 45) : null,
        closedBy: d.state === "closed" ? d.agent?.email : null,
        createdAt: at(first),
        lastMessageAt: at(last?.minutesAgo ?? first),
      })
      .returning({ id: schema.conversations.id });
    if (!conversation) continue;
    await tx.insert(schema.conversationMessages).values(
      d.messages.map((m) => ({
        conversationId: conversation.id,
        direction: m.direction,
        authorUserId: m.direction === "outbound" ? d.agent?.id : null,
        body: m.body,
        attachments: "attachments" in m ? m.attachments : [],
        sentAt: at(m.minutesAgo),
      })),
    );
  }
}
