import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { loyaltySmsRunRequested } from "../../jobs/events";
import { ATTENTIVE_SANDBOX_CREDENTIALS } from "../../sandbox/attentive";
import { callerFor, createWorkspace } from "../../testing/fixtures";
import { captureEvents } from "../../testing/inngest";
import { parseSettings, splitSettings } from "../integration/settings";
import type { SaveProgramInput } from "./schema";

// The loyalty program screen's procedures on a real database: validation that names the field,
// saving, "Run now", and the keyset-paged list of actions.

afterEach(() => vi.restoreAllMocks());

async function setUp() {
  const ws = await createWorkspace();
  const integration = async (vendor: "attentive" | "mitto", status: "active" | "disabled" = "active") => {
    const settings =
      vendor === "attentive"
        ? splitSettings("attentive", parseSettings("attentive", ATTENTIVE_SANDBOX_CREDENTIALS))
        : { config: {}, secrets: null };
    const [row] = await ws.db
      .insert(schema.integrations)
      .values({ workspaceId: ws.workspace.id, vendor, label: `${vendor} one`, sandbox: true, status, ...settings })
      .returning({ id: schema.integrations.id });
    return row?.id ?? "";
  };
  return { ...ws, api: await callerFor(ws.marketer), attentiveId: await integration("attentive"), integration };
}

const program = (integrationId: string, over: Partial<SaveProgramInput> = {}): SaveProgramInput => ({
  integrationId,
  enabled: true,
  rules: {
    points_earned: { enabled: true, body: "You earned {{points}} points, {{first_name}}." },
    reward_redeemed: { enabled: false, body: "" },
    tier_change: { enabled: false, body: "" },
  },
  ...over,
});

/** The rejection of a call, for its code, message and the field it names. */
const refusal = (call: Promise<unknown>) =>
  call.then(
    () => expect.fail("expected a refusal"),
    (e: unknown) =>
      e as {
        code: string;
        message: string;
        cause?: { issues?: { path: (string | number)[]; message: string }[]; field?: string };
      },
  );

describe("loyalty program settings", () => {
  it("refuses a text with an unknown merge field, a stray brace, or nothing to send, naming the field, and saves nothing", async () => {
    const s = await setUp();
    const rules = program(s.attentiveId).rules;
    const cases: [SaveProgramInput, (string | number)[], string][] = [
      [
        program(s.attentiveId, { rules: { ...rules, points_earned: { enabled: true, body: "Now {{tier}}!" } } }),
        ["rules", "points_earned", "body"],
        "{{tier}} is not a merge field of Points earned: use {{first_name}}, {{points}}, {{balance}}",
      ],
      [
        program(s.attentiveId, { rules: { ...rules, tier_change: { enabled: true, body: "Hi {first_name}" } } }),
        ["rules", "tier_change", "body"],
        "Attentive drops texts containing { or }: use braces only around merge fields, such as {{points}}",
      ],
      [
        program(s.attentiveId, { rules: { ...rules, reward_redeemed: { enabled: true, body: "  " } } }),
        ["rules", "reward_redeemed", "body"],
        "Write the text for Reward redeemed, or switch it off",
      ],
      [
        program(s.attentiveId, { rules: { ...rules, points_earned: { enabled: false, body: "x" } } }),
        ["enabled"],
        "Switch on at least one action type, or turn the program off",
      ],
    ];
    for (const [input, path, message] of cases) {
      const error = await refusal(s.api.loyalty.save(input));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.cause?.issues).toEqual([expect.objectContaining({ path, message })]);
    }
    expect((await s.api.loyalty.program()).program).toBeNull();
  });

  it("refuses an integration that is not Attentive, or not active when texting is on", async () => {
    const s = await setUp();
    const mitto = await s.integration("mitto");
    expect(await refusal(s.api.loyalty.save(program(mitto)))).toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringContaining("mitto one is not an Attentive integration") as string,
      cause: { field: "integrationId" },
    });
    const disabled = await s.integration("attentive", "disabled");
    expect(await refusal(s.api.loyalty.save(program(disabled)))).toMatchObject({
      message: expect.stringContaining("is disabled") as string,
      cause: { field: "integrationId" },
    });
    // Saved switched off, it may point at a disabled integration for now.
    await s.api.loyalty.save(program(disabled, { enabled: false }));
    const other = await createWorkspace();
    const foreign = await refusal((await callerFor(other.marketer)).loyalty.save(program(s.attentiveId)));
    expect(foreign).toMatchObject({ code: "NOT_FOUND", cause: { field: "integrationId" } });
  });

  it("saves the program, keeps when texting was switched on across saves, and audits it without the texts", async () => {
    const s = await setUp();
    const saved = await s.api.loyalty.save(program(s.attentiveId));
    expect(saved).toMatchObject({
      integrationId: s.attentiveId,
      enabled: true,
      rules: { points_earned: { enabled: true, body: "You earned {{points}} points, {{first_name}}." } },
    });
    const again = await s.api.loyalty.save(
      program(s.attentiveId, {
        rules: { ...program(s.attentiveId).rules, tier_change: { enabled: true, body: "Welcome to {{tier}}" } },
      }),
    );
    expect(again?.enabledAt).toEqual(saved?.enabledAt);
    const off = await s.api.loyalty.save(program(s.attentiveId, { enabled: false }));
    const on = await s.api.loyalty.save(program(s.attentiveId));
    expect(off?.enabled).toBe(false);
    expect(on?.enabledAt?.getTime()).toBeGreaterThan(saved?.enabledAt?.getTime() ?? Infinity);

    const view = await s.api.loyalty.program();
    expect(view.integrations).toEqual([{ id: s.attentiveId, label: "attentive one", sandbox: true, status: "active" }]);
    const audits = await s.db
      .select({ details: schema.auditLog.details })
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.workspaceId, s.workspace.id), eq(schema.auditLog.action, "loyalty.save_program")));
    expect(audits).toHaveLength(4);
    expect(JSON.parse(audits[0]?.details ?? "{}")).toEqual({
      integrationId: s.attentiveId,
      enabled: true,
      actionsOn: ["points_earned"],
    });
  });

  it("runs now by sending the run event, only while texting is on", async () => {
    const s = await setUp();
    const sent = captureEvents();
    await expect(s.api.loyalty.runNow()).rejects.toMatchObject({ code: "BAD_REQUEST", cause: { field: "enabled" } });
    await s.api.loyalty.save(program(s.attentiveId));
    expect(await s.api.loyalty.runNow()).toEqual({ requested: true });
    expect(sent).toEqual([
      expect.objectContaining({ name: loyaltySmsRunRequested.name, data: { workspaceId: s.workspace.id } }),
    ]);
  });
});

describe("loyalty actions list", () => {
  it("pages newest first with a cursor, only the workspace's own", async () => {
    const s = await setUp();
    const other = await setUp();
    const [contact] = await s.db
      .insert(schema.contacts)
      .values({ workspaceId: s.workspace.id, firstName: "Ana", email: "ana@example.com" })
      .returning({ id: schema.contacts.id });
    const base = Date.parse("2026-03-01T10:00:00Z");
    const action = (workspaceId: string, n: number) => ({
      workspaceId,
      annexSiteId: "123456",
      externalId: String(n),
      contactId: workspaceId === s.workspace.id ? contact?.id : null,
      type: "points_earned" as const,
      details: { points: String(n) },
      occurredAt: new Date(base + n * 60_000),
    });
    await s.db.insert(schema.loyaltyActions).values([1, 2, 3, 4, 5].map((n) => action(s.workspace.id, n)));
    await s.db.insert(schema.loyaltyActions).values(action(other.workspace.id, 9));

    const first = await s.api.loyalty.actions({ limit: 2 });
    expect(first.items.map((a) => a.details.points)).toEqual(["5", "4"]);
    expect(first.items[0]).toMatchObject({ status: "pending", firstName: "Ana", email: "ana@example.com" });
    const second = await s.api.loyalty.actions({ limit: 2, cursor: first.nextCursor });
    const third = await s.api.loyalty.actions({ limit: 2, cursor: second.nextCursor });
    expect([...second.items, ...third.items].map((a) => a.details.points)).toEqual(["3", "2", "1"]);
    expect(third.nextCursor).toBeNull();
    await expect(s.api.loyalty.actions({ limit: 2, cursor: "nonsense" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { field: "cursor" },
    });
  });
});
