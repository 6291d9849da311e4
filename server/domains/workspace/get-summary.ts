import { and, count, eq, isNull } from "drizzle-orm";
import { schema, type Db } from "@/db/client";
import { consentColumnOf } from "../contact/reads";

/** Headline figures for the dashboard, all counted live. */
export async function getWorkspaceSummary(db: Db, workspaceId: string) {
  const [contacts, optedIn, integrations, campaigns] = await Promise.all([
    db.select({ n: count() }).from(schema.contacts).where(eq(schema.contacts.workspaceId, workspaceId)),
    db
      .select({ n: count() })
      .from(schema.contacts)
      .where(and(eq(schema.contacts.workspaceId, workspaceId), eq(consentColumnOf("whatsapp"), "opt_in"))),
    db
      .select({ n: count() })
      .from(schema.integrations)
      .where(
        and(
          eq(schema.integrations.workspaceId, workspaceId),
          eq(schema.integrations.status, "active"),
          isNull(schema.integrations.uninstalledAt),
        ),
      ),
    db.select({ n: count() }).from(schema.campaigns).where(eq(schema.campaigns.workspaceId, workspaceId)),
  ]);
  return {
    contacts: contacts[0]?.n ?? 0,
    whatsappOptedIn: optedIn[0]?.n ?? 0,
    activeIntegrations: integrations[0]?.n ?? 0,
    campaigns: campaigns[0]?.n ?? 0,
  };
}
