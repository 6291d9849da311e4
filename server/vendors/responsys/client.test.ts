import { createServer } from "node:net";
import { createMessage, encrypt, readKey, readPrivateKey } from "openpgp";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateSshKey } from "../../sandbox/host-key";
import {
  RESPONSYS_SANDBOX_CREDENTIALS,
  responsysFake,
  startResponsysSftp,
  type ResponsysFake,
  type ResponsysSftp,
} from "../../sandbox/responsys";
import { startSandbox, type Sandbox } from "../../sandbox/server";
import { VendorError } from "../http";
import { createResponsysClient, type MergeOptions } from "./client";

const retry = { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 };
const { interact, sftp: sftpLogin, pgp } = RESPONSYS_SANDBOX_CREDENTIALS;

let fake: ResponsysFake;
let sandbox: Sandbox;
let sftpServer: ResponsysSftp;
beforeAll(async () => {
  fake = responsysFake();
  sandbox = await startSandbox({ port: 0, vendors: [fake] });
  sftpServer = await startResponsysSftp({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
  await sftpServer.close();
});
beforeEach(() => sandbox.faults.clear());

function interactClient(password: string = interact.password) {
  const settings = {
    method: "interact",
    username: interact.username,
    password,
    endpoint: "login2.responsys.net",
    baseUrl: `${sandbox.url}/responsys`,
  } as const;
  return createResponsysClient(settings, { retry, timeoutMs: 300 });
}

// SFTP is not behind the HTTP fault injection; the default 10 s login timeout keeps a busy machine from failing the handshake.
function sftpSettings(overrides: { folder?: string; privateKey?: string; username?: string; port?: number } = {}) {
  return {
    method: "sftp",
    host: sftpServer.host,
    port: sftpServer.port,
    username: sftpLogin.username,
    privateKey: sftpLogin.privateKey,
    ...overrides,
  } as const;
}
const sftpClient = (overrides: Parameters<typeof sftpSettings>[0] = {}) =>
  createResponsysClient({ ...sftpSettings(overrides), baseUrl: "sftp://unused" });
const pgpClient = (overrides: { pgpPrivateKey?: string; pgpPassphrase?: string } = {}) =>
  createResponsysClient({
    ...sftpSettings({ folder: "/upload" }),
    method: "sftp_pgp",
    pgpPrivateKey: pgp.privateKey,
    pgpPassphrase: pgp.passphrase,
    ...overrides,
    baseUrl: "sftp://unused",
  });

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.fail("expected a VendorError"),
    (error: unknown) => error as VendorError,
  );
const byEmail: MergeOptions = { matchColumn1: "EMAIL_ADDRESS_", defaultPermissionStatus: "OPTOUT" };

describe("Responsys Interact", () => {
  it("logs in and learns the REST endpoint", async () => {
    const result = await interactClient().testConnection();
    expect(result).toEqual({
      ok: true,
      checks: [
        {
          name: "Log in to Responsys",
          ok: true,
          message: `Logged in as demo_api_user; API calls go to ${sandbox.url}/responsys.`,
        },
      ],
      learned: { endPoint: `${sandbox.url}/responsys` },
    });
  });

  it("reports a wrong password in Responsys's words, without throwing", async () => {
    const result = await interactClient("wrong").testConnection();
    expect(result.ok).toBe(false);
    expect(result.learned).toBeUndefined();
    expect(result.checks).toEqual([
      {
        name: "Log in to Responsys",
        ok: false,
        message:
          "Responsys refused the username or password at login2.responsys.net (Invalid user name or password, AUTHENTICATION_FAILED). Check both, and that login2.responsys.net is your account's login host.",
      },
    ]);
  });

  it("returns the token and endpoint from login", async () => {
    const session = await interactClient().login();
    expect(session.authToken).toMatch(/^\S{20,}$/);
    expect(session.endPoint).toBe(`${sandbox.url}/responsys`);
  });

  it("merges members with one result per record, in order", async () => {
    const results = await interactClient().mergeListMembers(
      "CONTACTS",
      [
        { EMAIL_ADDRESS_: "ana@example.com", FIRST_NAME: "Ana Maria" },
        { EMAIL_ADDRESS_: "new.member@example.com", FIRST_NAME: "Nova" },
        { EMAIL_ADDRESS_: "", FIRST_NAME: "Nobody" },
        { EMAIL_ADDRESS_: "not-an-email", FIRST_NAME: "Typo" },
      ],
      byEmail,
    );
    expect(results[0]).toEqual({ ok: true, riid: "4094326" });
    expect(results[1]).toEqual({ ok: true, riid: expect.stringMatching(/^\d+$/) as string });
    expect(results[2]).toEqual({
      ok: false,
      error: "MERGEFAILED: Record 2 = INVALID_PARAMETER: EMAIL_ADDRESS_ is empty",
    });
    expect(results[3]).toMatchObject({ ok: false, error: expect.stringContaining("Invalid email address") as string });
    // The same member merged again keeps its RIID.
    const again = await interactClient().mergeListMembers(
      "CONTACTS",
      [{ EMAIL_ADDRESS_: "new.member@example.com", FIRST_NAME: "Nova" }],
      byEmail,
    );
    expect(again).toEqual([results[1]]);
  });

  it("refuses more than 200 records before calling Responsys", async () => {
    const records = Array.from({ length: 201 }, (_, i) => ({ EMAIL_ADDRESS_: `member${i}@example.com` }));
    const error = await rejection(interactClient().mergeListMembers("CONTACTS", records, byEmail));
    expect(error).toMatchObject({
      kind: "rejected",
      message: "Responsys merges at most 200 records per call; 201 were given. Send them in batches of 200.",
    });
  });

  it("refuses records whose fields differ", async () => {
    const error = await rejection(
      interactClient().mergeListMembers(
        "CONTACTS",
        [{ EMAIL_ADDRESS_: "a@example.com", FIRST_NAME: "A" }, { EMAIL_ADDRESS_: "b@example.com" }],
        byEmail,
      ),
    );
    expect(error).toMatchObject({
      kind: "rejected",
      message: expect.stringContaining("Record 1 has different fields") as string,
    });
  });

  it("passes on Responsys's refusal of the merge rule", async () => {
    const error = await rejection(
      interactClient().mergeListMembers("CONTACTS", [{ EMAIL_SHA256_HASH_: "ab12" }], {
        matchColumn1: "EMAIL_SHA256_HASH_",
        defaultPermissionStatus: "OPTIN",
      }),
    );
    expect(error).toMatchObject({ kind: "rejected", status: 400, vendorCode: "INVALID_PARAMETER" });
    expect(error.message).toContain("insertOnNoMatch must be false");
  });

  it("explains an unknown list", async () => {
    const error = await rejection(
      interactClient().mergeListMembers("NO_SUCH_LIST", [{ EMAIL_ADDRESS_: "a@example.com" }], byEmail),
    );
    expect(error).toMatchObject({ kind: "rejected", status: 404, vendorCode: "LIST_NOT_FOUND" });
    expect(error.message).toBe(
      "Responsys found nothing while merging 1 member(s) into list NO_SUCH_LIST (List NO_SUCH_LIST not found, LIST_NOT_FOUND). Check the name in Responsys.",
    );
  });

  it("logs in again once when the token is no longer valid", async () => {
    const client = interactClient();
    const first = await client.login();
    fake.revokeTokens();
    const results = await client.mergeListMembers("CONTACTS", [{ EMAIL_ADDRESS_: "ana@example.com" }], byEmail);
    expect(results).toEqual([{ ok: true, riid: "4094326" }]);
    expect((await client.login()).authToken).not.toBe(first.authToken);
  });
});

describe("Responsys Interact under injected faults", () => {
  it("retries a 5xx, then succeeds", async () => {
    sandbox.faults.add({ vendor: "responsys", kind: "error5xx", status: 502, times: 1 });
    expect((await interactClient().testConnection()).ok).toBe(true);
  });

  it("retries a 429 after Retry-After, then succeeds", async () => {
    sandbox.faults.add({
      vendor: "responsys",
      kind: "rateLimit",
      retryAfterSeconds: 0,
      times: 1,
      pathPrefix: "/rest/api/v1.3/lists",
    });
    const results = await interactClient().mergeListMembers(
      "CONTACTS",
      [{ EMAIL_ADDRESS_: "ana@example.com" }],
      byEmail,
    );
    expect(results).toEqual([{ ok: true, riid: "4094326" }]);
  });

  it("retries a dropped connection", async () => {
    sandbox.faults.add({ vendor: "responsys", kind: "drop", times: 1 });
    expect((await interactClient().login()).endPoint).toBe(`${sandbox.url}/responsys`);
  });

  it("ends in a timeout error when every answer is too slow", async () => {
    sandbox.faults.add({ vendor: "responsys", kind: "slow", delayMs: 2_000, times: 3 });
    const error = await rejection(interactClient().login());
    expect(error).toBeInstanceOf(VendorError);
    expect(error.kind).toBe("timeout");
  });

  it("ends in an unavailable error when every attempt gets a 5xx, and testConnection says so", async () => {
    sandbox.faults.add({ vendor: "responsys", kind: "error5xx", status: 503, times: 3 });
    const error = await rejection(interactClient().login());
    expect(error).toMatchObject({
      kind: "unavailable",
      status: 503,
      message: "Responsys had a server error (HTTP 503) while logging in. Try again in a few minutes.",
    });
    sandbox.faults.add({ vendor: "responsys", kind: "error5xx", status: 503, times: 3 });
    const result = await interactClient().testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks[0]?.message).toMatch(/server error \(HTTP 503\)/);
  });
});

describe("Responsys SFTP", () => {
  it("connects and lists the configured folder", async () => {
    const result = await sftpClient({ folder: "/upload" }).testConnection();
    expect(result).toEqual({
      ok: true,
      checks: [
        { name: `Connect to 127.0.0.1:${sftpServer.port}`, ok: true, message: "Logged in as demo_sftp." },
        { name: "List folder /upload", ok: true, message: "Found 1 item(s): 6607_OPEN_20261120_060000.txt." },
      ],
    });
  });

  it("lists the home folder when no folder is configured", async () => {
    const client = sftpClient();
    expect(await client.listFolder()).toEqual(["upload"]);
    expect((await client.testConnection()).checks[1]).toMatchObject({ name: "List folder home", ok: true });
  });

  it("lists a folder relative to home", async () => {
    expect(await sftpClient({ folder: "upload" }).listFolder()).toEqual(["6607_OPEN_20261120_060000.txt"]);
  });

  it("reports a key the server does not know as an auth failure", async () => {
    const otherKey = generateSshKey();
    const result = await sftpClient({ privateKey: otherKey }).testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks).toEqual([
      {
        name: `Connect to 127.0.0.1:${sftpServer.port}`,
        ok: false,
        message:
          "The SFTP server at 127.0.0.1:" +
          sftpServer.port +
          " refused user demo_sftp with this private key. Check the username, and that the key's public half is registered for that user in Responsys.",
      },
    ]);
    const error = await rejection(sftpClient({ username: "someone_else" }).listFolder());
    expect(error.kind).toBe("auth");
  });

  it("reports a missing folder as rejected", async () => {
    const error = await rejection(sftpClient({ folder: "/archive" }).listFolder());
    expect(error).toMatchObject({
      kind: "rejected",
      message: expect.stringContaining("The folder /archive does not exist") as string,
    });
    const result = await sftpClient({ folder: "/archive" }).testConnection();
    expect(result.checks.map((c) => [c.name, c.ok])).toEqual([
      [`Connect to 127.0.0.1:${sftpServer.port}`, true],
      ["List folder /archive", false],
    ]);
  });

  it("reports a closed port as unavailable", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const error = await rejection(sftpClient({ port }).listFolder());
    expect(error).toMatchObject({
      kind: "unavailable",
      message: `127.0.0.1:${port} refused the connection. Check the host and port (Responsys SFTP usually listens on 22).`,
    });
  });

  it("reports an unreadable private key in plain words", async () => {
    const mangled = "-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----";
    const error = await rejection(sftpClient({ privateKey: mangled }).listFolder());
    expect(error).toMatchObject({
      kind: "rejected",
      message: expect.stringContaining("The SFTP private key could not be read") as string,
    });
  });
});

describe("Responsys SFTP with PGP", () => {
  it("checks the SFTP login, the folder and the PGP key", async () => {
    const result = await pgpClient().testConnection();
    expect(result.ok).toBe(true);
    expect(result.checks.map((c) => c.name)).toEqual([
      `Connect to 127.0.0.1:${sftpServer.port}`,
      "List folder /upload",
      "PGP key and passphrase",
    ]);
    expect(result.checks[2]?.message).toMatch(
      /^Key [0-9A-F]{40} \(Switchboard Sandbox <pgp@sandbox.switchboard.test>\) opens with the passphrase\.$/,
    );
  });

  it("describes the PGP key", async () => {
    expect(await pgpClient().checkPgpKey()).toEqual({
      fingerprint: expect.stringMatching(/^[0-9A-F]{40}$/) as string,
      userIds: ["Switchboard Sandbox <pgp@sandbox.switchboard.test>"],
      passphraseProtected: true,
    });
  });

  it("reports a wrong passphrase", async () => {
    const result = await pgpClient({ pgpPassphrase: "not-it" }).testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks.map((c) => c.ok)).toEqual([true, true, false]);
    expect(result.checks[2]?.message).toMatch(
      /^The passphrase does not unlock the PGP key [0-9A-F]{40}\. Check the passphrase/,
    );
  });

  it("reports a malformed PGP key", async () => {
    const error = await rejection(
      pgpClient({
        pgpPrivateKey: "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nxYYE\n-----END PGP PRIVATE KEY BLOCK-----",
      }).checkPgpKey(),
    );
    expect(error).toMatchObject({
      kind: "rejected",
      message: expect.stringContaining("The PGP private key could not be read") as string,
    });
  });
});

describe("Responsys extension tables, campaigns and deletes", () => {
  it("creates a table, merges rows joined on a list key, and refuses a list-style match column", async () => {
    const client = interactClient();
    await client.mergeListMembers("CONTACTS", [{ EMAIL_ADDRESS_: "pet.member@example.com" }], byEmail);
    await client.createExtensionTable("CONTACTS", "Test_Fields", ["FIRST_NAME"], "Lytics");
    const rows = await client.mergeExtensionMembers(
      "CONTACTS",
      "Test_Fields",
      [
        { EMAIL_ADDRESS_: "pet.member@example.com", FIRST_NAME: "Pet" },
        { EMAIL_ADDRESS_: "nobody@example.com", FIRST_NAME: "No" },
      ],
      { matchColumn1: "EMAIL_ADDRESS" },
    );
    expect(rows[0]).toMatchObject({ ok: true });
    expect(rows[1]).toMatchObject({ ok: false, error: expect.stringContaining("RECORD_NOT_FOUND") as string });
    expect(fake.members("CONTACTS/Test_Fields")).toEqual([expect.objectContaining({ FIRST_NAME: "Pet" })]);
    const again = await rejection(client.createExtensionTable("CONTACTS", "Test_Fields", ["FIRST_NAME"], "Lytics"));
    expect(again).toMatchObject({ kind: "rejected", vendorCode: "OBJECT_ALREADY_EXISTS" });
  });

  it("triggers a campaign email per recipient, with personalisation data", async () => {
    const results = await interactClient().mergeTriggerEmail(
      "Welcome_Email",
      [{ EMAIL_ADDRESS_: "welcome@example.com" }, { EMAIL_ADDRESS_: "bad" }],
      byEmail,
      [{ FIRST_NAME: "Wel" }],
    );
    expect(results[0]).toEqual({ ok: true, recipientId: expect.stringMatching(/^\d+$/) as string });
    expect(results[1]).toMatchObject({ ok: false, error: expect.stringContaining("Invalid email address") as string });
    expect(fake.received().at(-1)).toMatchObject({ kind: "campaign", target: "Welcome_Email" });
  });

  it("does not retry a campaign trigger after a 5xx: the email may have gone", async () => {
    sandbox.faults.add({
      vendor: "responsys",
      kind: "error5xx",
      status: 502,
      times: 1,
      pathPrefix: "/rest/api/v1.3/campaigns",
    });
    const error = await rejection(
      interactClient().mergeTriggerEmail("Welcome_Email", [{ EMAIL_ADDRESS_: "once@example.com" }], byEmail),
    );
    expect(error).toMatchObject({ kind: "unavailable", status: 502 });
  });

  it("deletes a member by RIID, and a second delete finds it already gone", async () => {
    const client = interactClient();
    const [merged] = await client.mergeListMembers("CONTACTS", [{ EMAIL_ADDRESS_: "leaver@example.com" }], byEmail);
    if (!merged?.ok) throw new Error("not merged");
    await client.deleteListMember("CONTACTS", merged.riid);
    await client.deleteListMember("CONTACTS", merged.riid);
    expect(fake.members("CONTACTS").some((m) => m.EMAIL_ADDRESS_ === "leaver@example.com")).toBe(false);
  });
});

describe("Responsys SFTP files", () => {
  it("reads a file, and decrypts a PGP one with the key", async () => {
    const publicKey = await readKey({
      armoredKey: (await readPrivateKey({ armoredKey: pgp.privateKey })).toPublic().armor(),
    });
    const message = await createMessage({
      binary: new TextEncoder().encode("RIID,EVENT_CAPTURED_DT\n1,20-NOV-2026 05:41:07\n"),
    });
    // openpgp types its stream-capable result in a way the lint cannot see through.
    const encrypted = (await encrypt({
      message,
      encryptionKeys: publicKey,
      format: "binary",
    })) as unknown as Uint8Array;
    sftpServer.putFile("/pgp/6607_OPEN_20261122_060000.txt.pgp", Buffer.from(encrypted));
    sftpServer.putFile("/pgp/plain.txt", "hello");
    const client = createResponsysClient({
      ...sftpSettings({ folder: "/pgp" }),
      method: "sftp_pgp",
      pgpPrivateKey: pgp.privateKey,
      pgpPassphrase: pgp.passphrase,
      baseUrl: "sftp://unused",
    });
    expect(await client.readFile("6607_OPEN_20261122_060000.txt.pgp")).toBe(
      "RIID,EVENT_CAPTURED_DT\n1,20-NOV-2026 05:41:07\n",
    );
    expect(await client.readFile("plain.txt")).toBe("hello");
    expect(await sftpClient({ folder: "/pgp" }).readFile("plain.txt")).toBe("hello");
    await expect(sftpClient({ folder: "/pgp" }).readFile("missing.txt")).rejects.toThrow(/no longer in the folder/);
  });
});
