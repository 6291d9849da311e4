// The demo's contacts: the same names, numbers and mixed WhatsApp consent in every fresh workspace.
import { schema, type Tx } from "@/db/client";

export const DEMO_CONTACT_COUNT = 3000;

const FIRST = [
  "Vaishali",
  "Maria",
  "João",
  "Lucía",
  "Jonas",
  "Amelia",
  "Kenji",
  "Fatima",
  "Liam",
  "Sofia",
  "Mateo",
  "Emma",
  "Noah",
  "Aisha",
  "Lena",
  "Diego",
];
const LAST = [
  "Sharma",
  "Costa",
  "Silva",
  "García",
  "Becker",
  "Brown",
  "Tanaka",
  "Khan",
  "Murphy",
  "Rossi",
  "López",
  "Müller",
  "Smith",
  "Hassan",
  "Novak",
  "Torres",
];
// Mobile ranges that libphonenumber accepts as valid in each country.
export const COUNTRIES = [
  { country: "DE", tz: "Europe/Berlin", number: (i: number) => `+49151${String(10_000_000 + i).slice(-8)}` },
  { country: "GB", tz: "Europe/London", number: (i: number) => `+447400${String(100_000 + i).slice(-6)}` },
  { country: "ES", tz: "Europe/Madrid", number: (i: number) => `+34612${String(100_000 + i).slice(-6)}` },
  { country: "BR", tz: "America/Sao_Paulo", number: (i: number) => `+551198${String(1_000_000 + i).slice(-7)}` },
];

/** Deterministic pseudo-random numbers, so every fresh demo workspace looks the same. */
function prng(seed: number) {
  let s = seed;
  return () => (s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

export async function seedContacts(tx: Tx, workspaceId: string) {
  const random = prng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const BATCH = 500;
  const seededAt = Date.now();
  for (let start = 0; start < DEMO_CONTACT_COUNT; start += BATCH) {
    const values = Array.from({ length: Math.min(BATCH, DEMO_CONTACT_COUNT - start) }, (_, k) => {
      const i = start + k;
      const place = COUNTRIES[i % COUNTRIES.length] as (typeof COUNTRIES)[number];
      const firstName = pick(FIRST);
      const lastName = pick(LAST);
      const optIn = random() < 0.75;
      return {
        workspaceId,
        // Numbered per country, so the UK range (1,000 numbers) is never exhausted.
        mobileNumber: place.number(Math.floor(i / COUNTRIES.length)),
        mobileCountry: place.country,
        country: place.country,
        timeZone: place.tz,
        email: `${firstName}.${lastName}.${i}@example.com`
          .toLowerCase()
          .normalize("NFD")
          .replace(/[\u0300-\u036f]/g, ""),
        firstName,
        lastName,
        attributes: { OPTIN: optIn ? "YES" : "NO", loyalty_tier: pick(["bronze", "silver", "gold"]) },
        // One a minute, oldest first, so sorting by creation date means something in the demo.
        createdAt: new Date(seededAt - (DEMO_CONTACT_COUNT - i) * 60_000),
        modifiedAt: new Date(seededAt - (DEMO_CONTACT_COUNT - i) * 60_000),
      };
    });
    const inserted = await tx.insert(schema.contacts).values(values).returning({
      id: schema.contacts.id,
      workspaceId: schema.contacts.workspaceId,
      mobileNumber: schema.contacts.mobileNumber,
      attributes: schema.contacts.attributes,
    });
    const consent = inserted.flatMap((c) => {
      const roll = random();
      if (roll < 0.15 || !c.mobileNumber) return [];
      const state = c.attributes.OPTIN === "YES" && roll > 0.25 ? ("opt_in" as const) : ("opt_out" as const);
      return [
        {
          workspaceId: c.workspaceId,
          channel: "whatsapp" as const,
          address: c.mobileNumber,
          contactId: c.id,
          state,
          source: "import" as const,
          evidence: "demo seed",
        },
      ];
    });
    if (consent.length > 0) {
      await tx.insert(schema.consentEvents).values(consent);
      const now = new Date();
      await tx.insert(schema.consentStates).values(
        consent.map(({ workspaceId, channel, address, state, source }) => ({
          workspaceId,
          channel,
          address,
          state,
          source,
          at: now,
        })),
      );
    }
  }
}
