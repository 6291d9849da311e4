import { describe, expect, it } from "vitest";
import { callerFor, createWorkspace } from "../../testing/fixtures";

describe("list health (contact.health)", () => {
  it("counts opt-in, opt-out and not recorded per channel from the current consent state", async () => {
    const { marketer } = await createWorkspace();
    const api = await callerFor(marketer);
    const a = await api.contact.create({
      mobileNumber: "+447911123456",
      permissions: { whatsapp: "opt_in", sms: "opt_in" },
    });
    await api.contact.create({ mobileNumber: "+447911123457", permissions: { whatsapp: "opt_out" } });
    await api.contact.create({ email: "no-consent@example.com" });
    // A later opt-out replaces the earlier opt-in: the health follows the current state.
    await api.contact.update({ id: a.id, data: { permissions: { whatsapp: "opt_out" } } });

    const health = await api.contact.health();
    expect(health.total).toBe(3);
    expect(health.channels).toEqual([
      { channel: "whatsapp", optIn: 0, optOut: 2, notRecorded: 1 },
      { channel: "sms", optIn: 1, optOut: 0, notRecorded: 2 },
      { channel: "email", optIn: 0, optOut: 0, notRecorded: 3 },
    ]);
  });

  it("counts only the caller's workspace and needs a session", async () => {
    const one = await createWorkspace();
    const two = await createWorkspace();
    await (
      await callerFor(two.admin)
    ).contact.create({ mobileNumber: "+447911123458", permissions: { sms: "opt_in" } });
    expect((await (await callerFor(one.admin)).contact.health()).total).toBe(0);
    await expect((await callerFor(null)).contact.health()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
