import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { schema } from "@/db/client";
import { env } from "../../env";
import { startSandbox, type Sandbox } from "../../sandbox/server";
import { RESPONSYS_SANDBOX_CREDENTIALS } from "../../sandbox/responsys";
import { wavyFake, WAVY_SANDBOX_CREDENTIALS } from "../../sandbox/wavy";
import { callerFor, createWorkspace } from "../../testing/fixtures";

// The integration use cases through the tRPC caller, against the Wavy fake over HTTP. The
// vendor-specific behaviour of every adapter is covered next to each adapter.

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [wavyFake()] });
  env.SANDBOX_URL = sandbox.url;
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.faults.clear());

const PASSWORD = WAVY_SANDBOX_CREDENTIALS.password;
const wavySettings = (password = PASSWORD) => ({
  username: WAVY_SANDBOX_CREDENTIALS.username,
  password,
  smsRegExp: ".",
  smsFromNamespace: "demo_wavy_ns",
  dids: ["+5511987650000"],
});
const connectWavy = (api: Awaited<ReturnType<typeof callerFor>>, password?: string) =>
  api.integration.connect({ vendor: "wavy", label: "Wavy BR", sandbox: true, settings: wavySettings(password) });

describe("integrations (tRPC integration router)", () => {
  it("connects a vendor after a passing test, stores secrets encrypted and never returns them", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = await callerFor(admin);
    const logged: unknown[] = [];
    for (const level of ["log", "info", "warn", "error"] as const)
      vi.spyOn(console, level).mockImplementation((...args) => void logged.push(args));

    const result = await connectWavy(api);
    expect(result.ok).toBe(true);
    const id = result.id ?? "";
    const [row] = await db.select().from(schema.integrations).where(eq(schema.integrations.id, id));
    expect(row).toMatchObject({ status: "active", vendor: "wavy", lastTestOk: true });
    expect(row?.secrets).not.toContain(PASSWORD);
    expect(JSON.stringify(row?.config)).not.toContain(PASSWORD);

    const detail = await api.integration.get({ id });
    const list = await api.integration.list({ includeUninstalled: false });
    for (const response of [detail, list]) expect(JSON.stringify(response)).not.toContain(PASSWORD);
    expect(detail.secretsSet).toEqual({ password: true });
    expect(detail.senders.map((s) => s.externalId)).toEqual(["+5511987650000"]);
    expect(detail.webhooks.map((w) => w.kind)).toEqual(["message", "status"]);
    expect(detail.webhooks[0]?.url).toMatch(new RegExp(`/api/webhooks/wavy/${id}/message\\?token=[\\w-]{20,}$`));

    const audit = await db.select().from(schema.auditLog).where(eq(schema.auditLog.workspaceId, workspace.id));
    expect(audit.map((a) => a.action)).toEqual(["integration.create"]);
    expect(audit[0]?.details).not.toContain(PASSWORD);
    expect(JSON.stringify(logged)).not.toContain(PASSWORD);
    vi.restoreAllMocks();
  });

  it("shows the vendor's refusal of wrong credentials and saves nothing", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = await callerFor(admin);
    const result = await connectWavy(api, "wrong-token");
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => !c.ok)?.message).toMatch(/authentication|user|token/i);
    expect(
      await db.select().from(schema.integrations).where(eq(schema.integrations.workspaceId, workspace.id)),
    ).toEqual([]);
    expect(await db.select().from(schema.auditLog).where(eq(schema.auditLog.workspaceId, workspace.id))).toEqual([]);
  });

  it("refuses invalid settings naming the field", async () => {
    const { admin } = await createWorkspace();
    const api = await callerFor(admin);
    await expect(
      api.integration.connect({
        vendor: "wavy",
        label: "Bad",
        sandbox: true,
        settings: { ...wavySettings(), smsRegExp: "([" },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: "This is not a valid regular expression" });
    await expect(
      api.integration.connect({
        vendor: "wavy",
        label: "Bad",
        sandbox: true,
        settings: { ...wavySettings(), dids: ["11 98765"] },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/international format/) as unknown });
  });

  it("keeps a stored secret when reconfigured with it blank, and changes nothing when the vendor refuses", async () => {
    const { db, admin } = await createWorkspace();
    const api = await callerFor(admin);
    const id = (await connectWavy(api)).id ?? "";
    const kept = await api.integration.reconfigure({
      id,
      data: { label: "Wavy renamed", settings: { ...wavySettings(""), smsFromNamespace: "demo_wavy_ns" } },
    });
    expect(kept.ok).toBe(true);
    const before = (await db.select().from(schema.integrations).where(eq(schema.integrations.id, id)))[0];
    expect(before?.label).toBe("Wavy renamed");

    const refused = await api.integration.reconfigure({
      id,
      data: { label: "Should not stick", settings: wavySettings("wrong-token") },
    });
    expect(refused.ok).toBe(false);
    const after = (await db.select().from(schema.integrations).where(eq(schema.integrations.id, id)))[0];
    expect(after).toMatchObject({ label: "Wavy renamed", secrets: before?.secrets, status: "active" });
  });

  it("disables, enables and uninstalls, keeping the record and its history", async () => {
    const { db, workspace, admin } = await createWorkspace();
    const api = await callerFor(admin);
    const id = (await connectWavy(api)).id ?? "";
    expect((await api.integration.setEnabled({ id, data: { enabled: false } })).status).toBe("disabled");
    expect((await api.integration.setEnabled({ id, data: { enabled: true } })).status).toBe("active");
    await api.integration.uninstall({ id });
    const [row] = await db.select().from(schema.integrations).where(eq(schema.integrations.id, id));
    expect(row).toMatchObject({ status: "disabled", secrets: null });
    expect(row?.uninstalledAt).toBeInstanceOf(Date);
    expect(await api.integration.list({ includeUninstalled: false })).toEqual([]);
    expect((await api.integration.list({ includeUninstalled: true })).map((i) => i.status)).toEqual(["uninstalled"]);
    await expect(
      api.integration.reconfigure({ id, data: { label: "x", settings: wavySettings() } }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const actions = (
      await db
        .select({ action: schema.auditLog.action })
        .from(schema.auditLog)
        .where(eq(schema.auditLog.workspaceId, workspace.id))
    ).map((a) => a.action);
    expect(actions).toEqual([
      "integration.create",
      "integration.disable",
      "integration.enable",
      "integration.uninstall",
    ]);
  });

  it("marks an integration in error when a later test fails, and counts it in the health figure", async () => {
    const { admin } = await createWorkspace();
    const api = await callerFor(admin);
    const id = (await connectWavy(api)).id ?? "";
    sandbox.faults.add({ vendor: "wavy", kind: "error5xx", times: 50 });
    const retest = await api.integration.test({ id });
    expect(retest.ok).toBe(false);
    const [listed] = await api.integration.list({ includeUninstalled: false });
    expect(listed).toMatchObject({
      status: "error",
      lastTestOk: false,
      health: { calls: 2, failed: 1, successRate: 0.5 },
    });
    expect(listed?.lastError).toBeTruthy();
  });

  it("is for admins only", async () => {
    const { admin, marketer } = await createWorkspace();
    const id = (await connectWavy(await callerFor(admin))).id ?? "";
    const api = await callerFor(marketer);
    await expect(api.integration.list({ includeUninstalled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.integration.get({ id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(connectWavy(api)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      api.integration.reconfigure({ id, data: { label: "x", settings: wavySettings() } }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.integration.test({ id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(api.integration.setEnabled({ id, data: { enabled: false } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(api.integration.uninstall({ id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("test mode in production", () => {
  it("fails the connection test of a test-mode integration where the server does not allow one, saying why, and saves nothing", async () => {
    const { db, admin, workspace } = await createWorkspace();
    const api = await callerFor(admin);
    const saved = { NODE_ENV: env.NODE_ENV, ALLOW_SANDBOX_INTEGRATIONS: env.ALLOW_SANDBOX_INTEGRATIONS };
    Object.assign(env, { NODE_ENV: "production", ALLOW_SANDBOX_INTEGRATIONS: undefined });
    try {
      await expect(
        api.integration.connect({
          vendor: "wavy",
          label: "Wavy",
          sandbox: true,
          settings: { ...WAVY_SANDBOX_CREDENTIALS, dids: [...WAVY_SANDBOX_CREDENTIALS.dids] },
        }),
      ).resolves.toEqual({
        ok: false,
        id: null,
        checks: [
          {
            name: "Connect",
            ok: false,
            message:
              "Test mode is off on this server: integrations cannot call the vendor sandbox (set ALLOW_SANDBOX_INTEGRATIONS=true to allow it)",
          },
        ],
      });
    } finally {
      Object.assign(env, saved);
    }
    expect(
      await db.select().from(schema.integrations).where(eq(schema.integrations.workspaceId, workspace.id)),
    ).toEqual([]);
  });
});

describe("the sandbox's account for test mode", () => {
  it("gives an admin what the wizard fills in, and connects with it; never where test mode is off", async () => {
    const { admin, marketer } = await createWorkspace();
    const api = await callerFor(admin);
    const settings = await api.integration.sandboxSettings({ vendor: "wavy" });
    expect(settings).toMatchObject({
      ...WAVY_SANDBOX_CREDENTIALS,
      username: expect.stringMatching(/^demo-[0-9a-f]{8}$/) as unknown,
    });
    await expect(
      api.integration.connect({ vendor: "wavy", label: "Wavy test", sandbox: true, settings }),
    ).resolves.toMatchObject({
      ok: true,
    });
    // The admin accepts a vendor's terms themselves.
    expect(await api.integration.sandboxSettings({ vendor: "mitto" })).not.toHaveProperty("acceptTerms");
    await expect((await callerFor(marketer)).integration.sandboxSettings({ vendor: "wavy" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const saved = { NODE_ENV: env.NODE_ENV, ALLOW_SANDBOX_INTEGRATIONS: env.ALLOW_SANDBOX_INTEGRATIONS };
    Object.assign(env, { NODE_ENV: "production", ALLOW_SANDBOX_INTEGRATIONS: undefined });
    try {
      await expect(api.integration.sandboxSettings({ vendor: "wavy" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    } finally {
      Object.assign(env, saved);
    }
  });

  it("gives each new test-mode integration an account of its own, and registers its webhooks for that account", async () => {
    const { admin } = await createWorkspace();
    const api = await callerFor(admin);
    const connect = async (label: string, settings: Record<string, unknown>) => {
      const { ok, id } = await api.integration.connect({ vendor: "wavy", label, sandbox: true, settings });
      expect(ok).toBe(true);
      return api.integration.get({ id: id ?? "" });
    };
    const first = await connect("Wavy one", await api.integration.sandboxSettings({ vendor: "wavy" }));
    const second = await connect("Wavy two", await api.integration.sandboxSettings({ vendor: "wavy" }));
    // The demo account, as the demo seed's integration and a test typing the demo credentials use it.
    const demo = await connect("Wavy demo", wavySettings());
    const accounts = [first, second, demo].map((i) => i.config.username);
    expect(accounts).toEqual([expect.stringMatching(/^demo-/), expect.stringMatching(/^demo-/), "demo"]);
    expect(new Set(accounts).size).toBe(3);
    const registered = (account: unknown) =>
      sandbox.callbacks
        .registrations()
        .filter((r) => r.vendor === "wavy" && r.account === account)
        .map(({ kind, url }) => ({ kind, url }));
    for (const integration of [first, second, demo])
      expect(registered(integration.config.username)).toEqual(
        integration.webhooks.map(({ kind, url }) => ({ kind, url })),
      );
  });
});

describe("outbound addresses", () => {
  it("refuses a live integration aimed at this machine or its private network, and a non-Salesforce login URL, saving nothing", async () => {
    const { db, admin, workspace } = await createWorkspace();
    const api = await callerFor(admin);
    const sftp = (host: string) =>
      api.integration.connect({
        vendor: "responsys",
        label: "Responsys SFTP",
        sandbox: false,
        settings: {
          method: "sftp",
          host,
          port: 22,
          username: "u",
          privateKey: RESPONSYS_SANDBOX_CREDENTIALS.sftp.privateKey,
        },
      });
    for (const host of ["127.0.0.1", "10.0.0.7", "169.254.169.254", "[::1]", "localhost"])
      await expect(sftp(host)).resolves.toMatchObject({
        ok: false,
        checks: [{ ok: false, message: expect.stringMatching(/is a loopback or private address/) as unknown }],
      });
    await expect(
      api.integration.connect({
        vendor: "salesforce",
        label: "Salesforce",
        sandbox: false,
        settings: {
          loginUrl: "http://169.254.169.254/latest",
          flow: "client_credentials",
          consumerKey: "k",
          consumerSecret: "s",
          apiVersion: "62.0",
          setAuditFields: false,
          addAttachments: false,
          customerCommentUsername: "c",
          enabled: true,
        },
      }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/https Salesforce login URL/) as unknown,
    });
    expect(
      await db.select().from(schema.integrations).where(eq(schema.integrations.workspaceId, workspace.id)),
    ).toEqual([]);
  });
});
