import { randomBytes } from "node:crypto";
import { getDb, schema } from "@/db/client";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import { BLANK_CAMPAIGN_DRAFT, type CampaignDraft } from "../domains/campaign/schema";
import { env } from "../env";
import { hashPassword } from "../auth/password";
import type { Role, SessionUser } from "../auth/sessions";
import { MITTO_SANDBOX_CREDENTIALS, MITTO_SANDBOX_WHATSAPP_ACCOUNTS } from "../sandbox/mitto";
import { RESPONSYS_SANDBOX_CREDENTIALS } from "../sandbox/responsys";
import { startSandbox, type Sandbox, type VendorFake } from "../sandbox/server";
import { createCaller } from "../trpc/root";

/** A workspace with one user per role, for tests that go through the tRPC caller. */
export async function createWorkspace(password = "correct horse battery") {
  const db = await getDb();
  const slug = `ws-${randomBytes(4).toString("hex")}`;
  const [workspace] = await db.insert(schema.workspaces).values({ name: slug, slug }).returning();
  if (!workspace) throw new Error("no workspace");
  const passwordHash = await hashPassword(password);
  const user = async (role: Role): Promise<SessionUser> => {
    const email = `${role}-${slug}@example.com`;
    const [row] = await db
      .insert(schema.users)
      .values({ workspaceId: workspace.id, email, name: `${role} ${slug}`, role, passwordHash })
      .returning();
    if (!row) throw new Error("no user");
    return {
      sessionId: "test",
      userId: row.id,
      workspaceId: workspace.id,
      email,
      name: row.name,
      role,
      mustChangePassword: false,
    };
  };
  return { db, workspace, admin: await user("admin"), marketer: await user("marketer") };
}

export async function callerFor(user: SessionUser | null) {
  return createCaller({ db: await getDb(), user });
}

/** The Mitto sandbox account as the Mitto wizard stores it. */
export const MITTO_SANDBOX_SETTINGS = {
  acceptTerms: true,
  username: MITTO_SANDBOX_CREDENTIALS.username,
  authMethod: "apiKey",
  apiKey: MITTO_SANDBOX_CREDENTIALS.apiKey,
};

/**
 * Connects the Mitto sandbox in the admin's workspace (the sandbox must be running) and syncs
 * its templates: the integration, its mcp_account template ("Dear {{1}}, …") and its German
 * business account.
 */
export async function connectMittoSandbox(admin: SessionUser) {
  const db = await getDb();
  const api = await callerFor(admin);
  const connected = await api.integration.connect({
    vendor: "mitto",
    label: "Mitto",
    sandbox: true,
    settings: MITTO_SANDBOX_SETTINGS,
  });
  if (!connected.ok || !connected.id) throw new Error(`Mitto did not connect: ${JSON.stringify(connected.checks)}`);
  const integrationId = connected.id;
  await api.template.sync({ integrationId });
  const [template] = await db
    .select({ id: schema.templates.id })
    .from(schema.templates)
    .where(and(eq(schema.templates.integrationId, integrationId), eq(schema.templates.name, "mcp_account")));
  const [sender] = await db
    .select({ id: schema.senders.id })
    .from(schema.senders)
    .where(
      and(
        eq(schema.senders.integrationId, integrationId),
        eq(schema.senders.externalId, MITTO_SANDBOX_WHATSAPP_ACCOUNTS[0]?.id ?? ""),
      ),
    );
  if (!template || !sender) throw new Error("the Mitto sandbox has no mcp_account template or German business account");
  return { integrationId, templateId: template.id, senderId: sender.id };
}

/** The Responsys SFTP sandbox at `sftp`, connected in test mode by the admin (its folder: `folder`, else the root); returns the integration's id. */
export async function connectResponsysSftpSandbox(
  admin: SessionUser,
  sftp: { host: string; port: number },
  folder?: string,
) {
  const { sftp: login } = RESPONSYS_SANDBOX_CREDENTIALS;
  const connected = await (
    await callerFor(admin)
  ).integration.connect({
    vendor: "responsys",
    label: "Responsys SFTP",
    sandbox: true,
    settings: {
      method: "sftp",
      host: sftp.host,
      port: sftp.port,
      username: login.username,
      privateKey: login.privateKey,
      ...(folder ? { folder } : {}),
    },
  });
  if (!connected.ok || !connected.id)
    throw new Error(`Responsys SFTP did not connect: ${JSON.stringify(connected.checks)}`);
  return connected.id;
}

/**
 * The vendor sandbox with these fakes for the whole test file, the portal's test-mode
 * integrations pointed at it; `current` is set once the file's tests run.
 */
export function useSandbox(vendors: VendorFake[]) {
  const sandbox = {} as { current: Sandbox };
  beforeAll(async () => {
    sandbox.current = await startSandbox({ port: 0, vendors });
    env.SANDBOX_URL = sandbox.current.url;
  });
  afterAll(() => sandbox.current.close());
  return sandbox;
}

/** A blank WhatsApp campaign draft, sent once at launch without a status write-back; `over` fills it in. */
export const campaignDraft = (over: Partial<CampaignDraft> = {}): CampaignDraft => ({
  name: "Test campaign",
  channel: "whatsapp",
  ...BLANK_CAMPAIGN_DRAFT,
  statusField: null,
  statusTimeoutMinutes: 0,
  ...over,
});
