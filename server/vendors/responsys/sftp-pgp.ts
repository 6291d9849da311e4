// SFTP with PGP: the files Responsys encrypts to our key, and the check that the key and passphrase open them.
import { decrypt, decryptKey, readMessage, readPrivateKey, type PrivateKey } from "openpgp";
import { VendorError } from "../http";
import type { ClientOptions, ConnectionResult } from "../types";
import { check, messageOf, result, sentence } from "./checks";
import type { PgpKeyInfo, ResponsysSftpPgpClient, SettingsFor } from "./client";
import { sftpClient } from "./sftp";

const PGP_CHECK = "PGP key and passphrase";

export function sftpPgpClient(settings: SettingsFor<"sftp_pgp">, options: ClientOptions): ResponsysSftpPgpClient {
  const sftp = sftpClient(settings, options);

  /** Responsys encrypts files to this key: it must parse, hold an encryption subkey, and open with the passphrase. */
  async function checkPgpKey(): Promise<PgpKeyInfo> {
    let key: PrivateKey;
    try {
      key = await readPrivateKey({ armoredKey: settings.pgpPrivateKey });
    } catch (error) {
      throw new VendorError(
        "responsys",
        "rejected",
        `The PGP private key could not be read (${sentence(messageOf(error))}). Paste the whole armored private key, BEGIN and END lines included.`,
      );
    }
    const info = { fingerprint: key.getFingerprint().toUpperCase(), userIds: key.getUserIDs() };
    if ((await key.getDecryptionKeys().catch(() => [])).length === 0) {
      throw new VendorError(
        "responsys",
        "rejected",
        `The PGP key ${info.fingerprint} has no usable encryption subkey, so files encrypted for it cannot be opened. Use the key pair whose public key Responsys encrypts to.`,
      );
    }
    if (key.isDecrypted()) return { ...info, passphraseProtected: false };
    try {
      await decryptKey({ privateKey: key, passphrase: settings.pgpPassphrase });
    } catch {
      throw new VendorError(
        "responsys",
        "auth",
        `The passphrase does not unlock the PGP key ${info.fingerprint}. Check the passphrase (it is case-sensitive).`,
      );
    }
    return { ...info, passphraseProtected: true };
  }

  async function testConnection(): Promise<ConnectionResult> {
    const { checks } = await sftp.testConnection();
    const pgp = await check(PGP_CHECK, async () => {
      const info = await checkPgpKey();
      const owner = info.userIds[0] ? ` (${info.userIds[0]})` : "";
      return info.passphraseProtected
        ? `Key ${info.fingerprint}${owner} opens with the passphrase.`
        : `Key ${info.fingerprint}${owner} is usable; it has no passphrase, so the one given is not needed.`;
    });
    return result([...checks, pgp]);
  }

  /** Responsys Connect encrypts exports to our key when the PGP method is chosen; other files are read as they are. */
  async function readFile(name: string): Promise<string> {
    const bytes = await sftp.readBytes(name);
    if (!/\.(pgp|gpg|asc)$/i.test(name)) return bytes.toString("utf8");
    await checkPgpKey();
    const privateKey = await readPrivateKey({ armoredKey: settings.pgpPrivateKey });
    const key = privateKey.isDecrypted()
      ? privateKey
      : await decryptKey({ privateKey, passphrase: settings.pgpPassphrase });
    try {
      const text = bytes.toString("utf8");
      const decrypted = text.startsWith("-----BEGIN PGP MESSAGE-----")
        ? await decrypt({ message: await readMessage({ armoredMessage: text }), decryptionKeys: key, format: "binary" })
        : await decrypt({
            message: await readMessage({ binaryMessage: new Uint8Array(bytes) }),
            decryptionKeys: key,
            format: "binary",
          });
      return Buffer.from(decrypted.data).toString("utf8");
    } catch (error) {
      throw new VendorError(
        "responsys",
        "rejected",
        `The file ${name} could not be decrypted with the PGP key (${sentence(messageOf(error))}). Check that Responsys encrypts to this key.`,
      );
    }
  }

  return { testConnection, listFolder: () => sftp.listFolder(), readFile, checkPgpKey };
}
