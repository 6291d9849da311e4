import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "@/db/client";
import { storedSettings } from "../domains/integration/settings";
import { decryptSecret } from "../lib/crypto";
import { DEMO_CONTACT_COUNT } from "./contacts";
import { ensureDemoWorkspace } from "./seed";
import { DEMO_USERS } from "./users";

describe("demo workspace seed", () => {
  it("creates a usable workspace once, and changes nothing when run again", async () => {
    const db = await getDb();
    expect(await ensureDemoWorkspace(db)).toEqual({ created: true });
    expect(await ensureDemoWorkspace(db)).toEqual({ created: false });

    const users = await db.select({ email: schema.users.email, role: schema.users.role }).from(schema.users);
    expect(users).toEqual(
      expect.arrayContaining([
        { email: DEMO_USERS.admin.email, role: "admin" },
        { email: DEMO_USERS.marketer.email, role: "marketer" },
      ]),
    );
    const [contacts] = await db.select({ n: count() }).from(schema.contacts);
    expect(contacts?.n).toBe(DEMO_CONTACT_COUNT);
    const consent = await db
      .select({ state: schema.consentStates.state, n: count() })
      .from(schema.consentStates)
      .groupBy(schema.consentStates.state);
    expect(consent.map((c) => c.state).sort()).toEqual(["opt_in", "opt_out"]);

    const integrations = await db.select().from(schema.integrations);
    expect(integrations.map((i) => i.vendor).sort()).toEqual([
      "attentive",
      "mitto",
      "responsys",
      "responsys_app",
      "salesforce",
      "wavy",
    ]);
    for (const integration of integrations) {
      expect(integration.sandbox).toBe(true);
      expect(integration.secrets).not.toContain("sandbox");
      expect(JSON.parse(decryptSecret(integration.secrets ?? ""))).toBeTypeOf("object");
      // Stored as the wizard would store it, so it can be re-tested and reconfigured.
      expect(() => storedSettings(integration.vendor, integration.config, integration.secrets)).not.toThrow();
    }
    const [campaign] = await db.select().from(schema.campaigns);
    expect(campaign).toMatchObject({ status: "draft", channel: "whatsapp" });
    const [template] = await db
      .select()
      .from(schema.templates)
      .where(eq(schema.templates.id, campaign?.templateId ?? ""));
    expect(template?.placeholderCount).toBe(campaign?.placeholderMappings.length);

    // Every demo conversation can be answered: its customer is opted in to WhatsApp.
    const customers = await db
      .select({ state: schema.consentStates.state })
      .from(schema.conversations)
      .innerJoin(schema.contacts, eq(schema.contacts.id, schema.conversations.contactId))
      .leftJoin(schema.consentStates, eq(schema.consentStates.address, schema.contacts.mobileNumber));
    expect(customers.map((c) => c.state)).toEqual(["opt_in", "opt_in", "opt_in"]);
  });
});
