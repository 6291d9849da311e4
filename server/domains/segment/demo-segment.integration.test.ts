import { and, count, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, schema } from "@/db/client";
import { ensureDemoWorkspace } from "../../demo/seed";
import { countSegment } from "./count-segment";
import { getSegment } from "./get-segment";

describe("the demo workspace's segment", () => {
  it("is a valid definition whose count matches the same question asked in plain SQL", async () => {
    const db = await getDb();
    await ensureDemoWorkspace(db);
    const [segment] = await db
      .select({ id: schema.segments.id, workspaceId: schema.segments.workspaceId })
      .from(schema.segments);
    if (!segment) throw new Error("the demo seed made no segment");
    expect(await getSegment(db, segment.workspaceId, segment.id)).toMatchObject({
      kind: "dynamic",
      definitionValid: true,
    });

    const optedIn = db
      .select({ address: schema.consentStates.address })
      .from(schema.consentStates)
      .where(
        and(
          eq(schema.consentStates.workspaceId, segment.workspaceId),
          eq(schema.consentStates.channel, "whatsapp"),
          eq(schema.consentStates.state, "opt_in"),
        ),
      );
    const [expected] = await db
      .select({ n: count() })
      .from(schema.contacts)
      .where(
        and(
          eq(schema.contacts.workspaceId, segment.workspaceId),
          eq(schema.contacts.country, "DE"),
          inArray(schema.contacts.mobileNumber, optedIn),
        ),
      );
    const { count: counted } = await countSegment(db, segment.workspaceId, { id: segment.id });
    expect(counted).toBe(expected?.n);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThan(750);
    expect((await getSegment(db, segment.workspaceId, segment.id)).lastCount).toBe(counted);
    // Seeding 3,000 contacts and hashing two passwords takes a while on a busy machine.
  }, 90_000);
});
