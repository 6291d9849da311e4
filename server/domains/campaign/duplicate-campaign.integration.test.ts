import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { schema } from "@/db/client";
import { callerFor, campaignDraft, createWorkspace } from "../../testing/fixtures";

// campaign.duplicate through the tRPC caller, against a real database: a launched campaign
// no longer changes, so its copy is how a marketer changes it.

describe("campaign.duplicate", () => {
  it("copies what a launched campaign was built from into a new draft, and audits it", async () => {
    const { db, workspace, marketer } = await createWorkspace();
    const api = await callerFor(marketer);
    const draft = campaignDraft({
      name: "Spring sale",
      channel: "sms",
      smsBody: "Hello {{firstName}}",
      trigger: "scheduled",
      schedule: { frequency: "weekly", date: "2026-03-02", time: "10:30" },
      statusField: "last_message_status",
      statusTimeoutMinutes: 90,
    });
    const { id } = await api.campaign.create(draft);
    await db
      .update(schema.campaigns)
      .set({ status: "completed", launchedAt: new Date() })
      .where(eq(schema.campaigns.id, id));

    const copy = await api.campaign.duplicate({ id });

    expect(copy.id).not.toBe(id);
    expect(copy.name).toBe("Spring sale (copy)");
    const { campaign } = await api.campaign.get({ id: copy.id });
    expect(campaign).toMatchObject({
      ...draft,
      name: "Spring sale (copy)",
      status: "draft",
      launchedAt: null,
    });
    const original = await api.campaign.get({ id });
    expect(original.campaign).toMatchObject({ name: "Spring sale", status: "completed" });
    const audit = await db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, workspace.id), eq(schema.auditLog.action, "campaign.duplicate")));
    expect(audit).toEqual([expect.objectContaining({ actorUserId: marketer.userId, targetId: copy.id })]);
    expect(JSON.parse(audit[0]?.details ?? "{}")).toEqual({ from: id, name: copy.name });
    // The copy is a draft like any other: it can be edited.
    await expect(api.campaign.update({ id: copy.id, data: { ...draft, name: "Summer sale" } })).resolves.toEqual({
      id: copy.id,
    });
  });

  it("keeps a long name within the limit, and finds no other workspace's campaign", async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    const apiA = await callerFor(a.marketer);
    const { id } = await apiA.campaign.create(campaignDraft({ name: "x".repeat(120) }));
    const copy = await apiA.campaign.duplicate({ id });
    expect(copy.name).toHaveLength(120);
    expect(copy.name.endsWith(" (copy)")).toBe(true);

    const apiB = await callerFor(b.admin);
    await expect(apiB.campaign.duplicate({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(callerFor(null).then((api) => api.campaign.duplicate({ id }))).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
  });
});
