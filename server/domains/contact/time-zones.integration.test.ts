import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb, schema } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { inngest } from "../../jobs/client";
import { createWorkspace } from "../../testing/fixtures";
import { createCallerFactory, router } from "../../trpc/init";
import { contactRouter } from "../../trpc/routers/contact";

const createCaller = createCallerFactory(router({ contact: contactRouter }));
const callerFor = async (user: SessionUser) => createCaller({ db: await getDb(), user });
// No Inngest server here: contact.create's "contact activated" event is not what is tested.
beforeEach(() => vi.spyOn(inngest, "send").mockResolvedValue({ ids: [] }));
afterEach(() => vi.restoreAllMocks());
const storedZone = async (id: string) =>
  (
    await (
      await getDb()
    )
      .select({ timeZone: schema.contacts.timeZone })
      .from(schema.contacts)
      .where(eq(schema.contacts.id, id))
  )[0]?.timeZone;

describe("a contact's time zone through contact.create and contact.update", () => {
  it("stores a given zone, and refuses one the server does not know, naming the field", async () => {
    const { marketer } = await createWorkspace();
    const api = await callerFor(marketer);
    const { id } = await api.contact.create({ mobileNumber: "+12025550143", timeZone: "America/Chicago" });
    expect(await storedZone(id)).toBe("America/Chicago");
    expect(await api.contact.get({ id })).toMatchObject({ timeZone: "America/Chicago" });

    // The refusal names the field: the zod issue's path, which the API's error shape turns into fieldErrors.timeZone.
    const wrong = {
      code: "BAD_REQUEST",
      cause: {
        issues: [
          { path: ["timeZone"], message: "Choose a time zone from the list: an IANA name such as Europe/Madrid" },
        ],
      },
    };
    await expect(
      api.contact.create({ mobileNumber: "+12025550144", timeZone: "Mars/Olympus_Mons" }),
    ).rejects.toMatchObject(wrong);
    // Spelled exactly as the list spells it.
    await expect(api.contact.update({ id, data: { timeZone: "america/chicago" } })).rejects.toMatchObject({
      cause: { issues: [{ path: ["data", "timeZone"] }] },
    });
    expect(await storedZone(id)).toBe("America/Chicago");
  });

  it("derives the zone of a one-zone country's number when none is given; other numbers keep none (the workspace default)", async () => {
    const { marketer } = await createWorkspace();
    const api = await callerFor(marketer);
    const german = await api.contact.create({ mobileNumber: "+4915112345678" });
    expect(await storedZone(german.id)).toBe("Europe/Berlin");
    const american = await api.contact.create({ mobileNumber: "+12025550143" });
    expect(await storedZone(american.id)).toBeNull();
    const byEmail = await api.contact.create({ email: "no-number@example.com" });
    expect(await storedZone(byEmail.id)).toBeNull();

    // A derived zone follows the number to another country; emptying the field derives it again.
    await api.contact.update({ id: german.id, data: { mobileNumber: "+33612345678" } });
    expect(await storedZone(german.id)).toBe("Europe/Paris");
    await api.contact.update({ id: german.id, data: { timeZone: "Asia/Tokyo" } });
    await api.contact.update({ id: german.id, data: { firstName: "Jo" } });
    expect(await storedZone(german.id)).toBe("Asia/Tokyo");
    // A zone someone chose stays when the number changes.
    await api.contact.update({ id: german.id, data: { mobileNumber: "+4915112345679" } });
    expect(await storedZone(german.id)).toBe("Asia/Tokyo");
    await api.contact.update({ id: german.id, data: { timeZone: "" } });
    expect(await storedZone(german.id)).toBe("Europe/Berlin");
    await api.contact.update({ id: american.id, data: { timeZone: null } });
    expect(await storedZone(american.id)).toBeNull();
  });
});
