import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb, schema } from "@/db/client";
import { env } from "@/server/env";
import { integrationRouter } from "@/server/trpc/routers/integration";
import { createCallerFactory, router } from "@/server/trpc/init";
import { mittoFake } from "@/server/sandbox/mitto";
import { startSandbox, type Sandbox } from "@/server/sandbox/server";
import { createWorkspace, MITTO_SANDBOX_SETTINGS } from "@/server/testing/fixtures";
import syncTemplates from "./sync-templates";

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [mittoFake()] });
  env.SANDBOX_URL = sandbox.url;
});
afterAll(() => sandbox.close());

const createCaller = createCallerFactory(router({ integration: integrationRouter }));

async function connectMitto() {
  const { db, workspace, admin } = await createWorkspace();
  const api = createCaller({ db: await getDb(), user: admin });
  const connected = await api.integration.connect({
    vendor: "mitto",
    label: "Mitto",
    sandbox: true,
    settings: MITTO_SANDBOX_SETTINGS,
  });
  return { db, workspace, integrationId: connected.id ?? "" };
}

const templateNames = async (integrationId: string) =>
  (
    await (
      await getDb()
    )
      .select({ name: schema.templates.name })
      .from(schema.templates)
      .where(eq(schema.templates.integrationId, integrationId))
  )
    .map((t) => t.name)
    .sort();

describe("sync-templates function", () => {
  it("syncs the one integration named by the event, audited as the system", async () => {
    const { db, workspace, integrationId } = await connectMitto();
    const engine = new InngestTestEngine({ function: syncTemplates });
    const { result } = await engine.execute({
      events: [{ name: "switchboard/templates.sync-requested", data: { integrationId } }],
    });
    expect(result).toEqual({
      results: { [integrationId]: { added: 4, updated: 0, missing: 0, unchanged: 0, skipped: 0 } },
    });
    expect(await templateNames(integrationId)).toEqual([
      "appointment_reminder",
      "mcp_account",
      "summer_sale",
      "win_back",
    ]);
    const [audit] = await db.select().from(schema.auditLog).where(eq(schema.auditLog.action, "template.sync"));
    expect(audit).toMatchObject({ workspaceId: workspace.id, actorKind: "system", actorUserId: null });
  });

  it("on the cron, syncs every active Mitto integration, one step each", async () => {
    const first = await connectMitto();
    const second = await connectMitto();
    const engine = new InngestTestEngine({ function: syncTemplates });
    const { result } = await engine.execute({
      events: [{ name: "inngest/scheduled.timer", data: { cron: "23 */4 * * *" } }],
    });
    const results = (result as { results: Record<string, unknown> }).results;
    expect(results[first.integrationId]).toMatchObject({ added: 4 });
    expect(results[second.integrationId]).toMatchObject({ added: 4 });
    expect(await templateNames(second.integrationId)).toHaveLength(4);
  });
});
