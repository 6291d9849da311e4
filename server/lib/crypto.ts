import "server-only";
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { env } from "../env";
import { localSecret } from "./data-dir";

type Key = { id: string; key: Buffer };

function loadKeys(): Key[] {
  const spec = env.SECRETS_KEYS ?? `dev:${localSecret("secrets-key")}`;
  return spec.split(",").map((pair) => {
    const [id, b64] = pair.split(":") as [string, string];
    const key = Buffer.from(b64, "base64");
    if (key.length !== 32) throw new Error(`SECRETS_KEYS: key "${id}" is not 32 bytes`);
    return { id, key };
  });
}

let keys: Key[] | undefined;
const getKeys = () => (keys ??= loadKeys());

/** AES-256-GCM envelope: v1:<keyId>:<iv>:<tag>:<ciphertext>, all base64url. */
export function encryptSecret(plain: string): string {
  const [current] = getKeys() as [Key];
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [
    "v1",
    current.id,
    iv.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
    data.toString("base64url"),
  ].join(":");
}

export function decryptSecret(envelope: string): string {
  const [version, keyId, iv, tag, data] = envelope.split(":");
  if (version !== "v1" || !keyId || !iv || !tag || data === undefined) throw new Error("Malformed secret envelope");
  const key = getKeys().find((k) => k.id === keyId);
  if (!key) throw new Error(`Secret was encrypted with key "${keyId}", which is not in SECRETS_KEYS`);
  const decipher = createDecipheriv("aes-256-gcm", key.key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}

/** True when the envelope was not made with the current key, so a rotation job can re-encrypt it. */
export function needsReencryption(envelope: string): boolean {
  return envelope.split(":")[1] !== getKeys()[0]?.id;
}

let erasureKey: Buffer | undefined;

/**
 * The keyed hash an erased contact's opt-out is kept under: HMAC-SHA256 of workspace, channel
 * and address (E.164 number, or email) with ERASURE_HASH_KEY, hex. A key of its own rather than
 * one of SECRETS_KEYS: those rotate, and a hash cannot be re-made without the address it
 * replaced, so a rotation would silently forget every kept opt-out. Keyed, because numbers are
 * few enough that a plain hash of one is found by trying them all.
 */
export function addressHash(workspaceId: string, channel: string, address: string): string {
  erasureKey ??= Buffer.from(env.ERASURE_HASH_KEY ?? localSecret("erasure-hash-key"), "base64");
  return createHmac("sha256", erasureKey).update(`${workspaceId}|${channel}|${address}`).digest("hex");
}
