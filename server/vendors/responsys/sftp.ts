// SFTP (file import and export): listing the configured folder and reading its files.
import SftpClient from "ssh2-sftp-client";
import { VendorError } from "../http";
import type { ClientOptions, ConnectionResult } from "../types";
import { check, failedCheck, messageOf, result, sentence } from "./checks";
import type { ResponsysSftpClient, SettingsFor } from "./client";

const ignore = () => undefined;

/** Plain English for a failure to connect or log in to the SFTP server. */
function connectError(settings: SettingsFor<"sftp" | "sftp_pgp">, error: unknown, timeoutMs: number): VendorError {
  const where = `${settings.host}:${settings.port}`;
  const text = messageOf(error);
  const code = (error as { code?: unknown }).code;
  if (/authentication methods failed/i.test(text)) {
    return new VendorError(
      "responsys",
      "auth",
      `The SFTP server at ${where} refused user ${settings.username} with this private key. Check the username, and that the key's public half is registered for that user in Responsys.`,
    );
  }
  if (/cannot parse privatekey/i.test(text)) {
    return new VendorError(
      "responsys",
      "rejected",
      `The SFTP private key could not be read (${sentence(text.replace(/^.*cannot parse privatekey:\s*/i, ""))}). Paste the whole key without a passphrase, BEGIN and END lines included.`,
    );
  }
  if (/timed out/i.test(text))
    return new VendorError(
      "responsys",
      "timeout",
      `${where} did not complete the SFTP login within ${timeoutMs / 1000}s. Check the host and port, and that the server accepts connections from here.`,
    );
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return new VendorError(
      "responsys",
      "unavailable",
      `The SFTP host ${settings.host} could not be found. Check the host name.`,
    );
  if (code === "ECONNREFUSED")
    return new VendorError(
      "responsys",
      "unavailable",
      `${where} refused the connection. Check the host and port (Responsys SFTP usually listens on 22).`,
    );
  return new VendorError(
    "responsys",
    "unavailable",
    `Could not connect to the SFTP server at ${where} (${sentence(text)}). Check the host and port, then try again.`,
  );
}

/** Plain English for a failed folder listing; SFTP status codes 2 and 3 are no such file and permission denied. */
function listError(folder: string, error: unknown): VendorError {
  const code = (error as { code?: unknown }).code;
  if (code === 2)
    return new VendorError(
      "responsys",
      "rejected",
      `The folder ${folder} does not exist on the SFTP server. Check the folder path (it is relative to the login's home folder unless it starts with /).`,
    );
  if (code === 3)
    return new VendorError(
      "responsys",
      "rejected",
      `The SFTP user may not read the folder ${folder}. Choose a folder the user can read, or ask Responsys support for access.`,
    );
  if (typeof code === "number")
    return new VendorError(
      "responsys",
      "rejected",
      `The SFTP server could not list ${folder} (${sentence(messageOf(error))}). Check that it is a folder.`,
    );
  return new VendorError(
    "responsys",
    "unavailable",
    `The SFTP connection failed while listing ${folder} (${sentence(messageOf(error))}). Try again.`,
  );
}

export function sftpClient(
  settings: SettingsFor<"sftp" | "sftp_pgp">,
  options: ClientOptions,
): ResponsysSftpClient & { readBytes(name: string): Promise<Buffer> } {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const folder = settings.folder || ".";
  const folderName = settings.folder || "home";

  async function connect(): Promise<SftpClient> {
    // Errors arrive through the promises; the library's default global listeners only log.
    const sftp = new SftpClient("responsys", { error: ignore, end: ignore, close: ignore });
    try {
      // The settings hold no host-key fingerprint, so the server's host key is accepted as presented.
      await sftp.connect({
        host: settings.host,
        port: settings.port,
        username: settings.username,
        privateKey: settings.privateKey,
        readyTimeout: timeoutMs,
      });
      return sftp;
    } catch (error) {
      await sftp.end().catch(ignore);
      throw connectError(settings, error, timeoutMs);
    }
  }

  async function list(sftp: SftpClient): Promise<string[]> {
    try {
      return (await sftp.list(folder)).map((entry) => entry.name).sort();
    } catch (error) {
      throw listError(folderName, error);
    }
  }

  async function listFolder(): Promise<string[]> {
    const sftp = await connect();
    try {
      return await list(sftp);
    } finally {
      await sftp.end().catch(ignore);
    }
  }

  async function testConnection(): Promise<ConnectionResult> {
    const connectName = `Connect to ${settings.host}:${settings.port}`;
    let sftp: SftpClient;
    try {
      sftp = await connect();
    } catch (error) {
      return result([failedCheck(connectName, error)]);
    }
    const listed = await check(`List folder ${folderName}`, async () => {
      const names = await list(sftp);
      return names.length === 0
        ? "The folder is empty."
        : `Found ${names.length} item(s): ${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}.`;
    });
    await sftp.end().catch(ignore);
    return result([{ name: connectName, ok: true, message: `Logged in as ${settings.username}.` }, listed]);
  }

  async function readFile(name: string): Promise<string> {
    return (await readBytes(name)).toString("utf8");
  }

  async function readBytes(name: string): Promise<Buffer> {
    if (!name || name.includes("/") || name === "." || name === "..")
      throw new VendorError("responsys", "rejected", `${name} is not a file name in the folder ${folderName}.`);
    const sftp = await connect();
    try {
      const data = await sftp.get(`${folder.replace(/\/+$/, "")}/${name}`);
      return Buffer.isBuffer(data) ? data : Buffer.from(typeof data === "string" ? data : "");
    } catch (error) {
      if ((error as { code?: unknown }).code === 2)
        throw new VendorError("responsys", "rejected", `The file ${name} is no longer in the folder ${folderName}.`);
      throw listError(folderName, error);
    } finally {
      await sftp.end().catch(ignore);
    }
  }

  return { testConnection, listFolder, readFile, readBytes };
}
