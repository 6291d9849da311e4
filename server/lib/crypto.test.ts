import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";

async function loadWithKeys(keys: string) {
  vi.resetModules();
  vi.stubEnv("SECRETS_KEYS", keys);
  return import("./crypto");
}

const key = () => randomBytes(32).toString("base64");

describe("vendor secret encryption", () => {
  it("round-trips a secret and never stores it in clear", async () => {
    const { encryptSecret, decryptSecret } = await loadWithKeys(`k1:${key()}`);
    const envelope = encryptSecret('{"password":"hunter2"}');
    expect(envelope).toMatch(/^v1:k1:/);
    expect(envelope).not.toContain("hunter2");
    expect(decryptSecret(envelope)).toBe('{"password":"hunter2"}');
  });

  it("uses a fresh IV each time, so equal secrets do not look equal", async () => {
    const { encryptSecret } = await loadWithKeys(`k1:${key()}`);
    expect(encryptSecret("same")).not.toBe(encryptSecret("same"));
  });

  it("refuses a tampered ciphertext", async () => {
    const { encryptSecret, decryptSecret } = await loadWithKeys(`k1:${key()}`);
    const parts = encryptSecret("secret").split(":");
    const data = Buffer.from(parts[4] ?? "", "base64url");
    data[0] = (data[0] ?? 0) ^ 1;
    parts[4] = data.toString("base64url");
    expect(() => decryptSecret(parts.join(":"))).toThrow();
  });

  it("decrypts with an older key after rotation and says the envelope needs re-encryption", async () => {
    const oldKey = key();
    const before = await loadWithKeys(`old:${oldKey}`);
    const envelope = before.encryptSecret("rotate me");
    const after = await loadWithKeys(`new:${key()},old:${oldKey}`);
    expect(after.decryptSecret(envelope)).toBe("rotate me");
    expect(after.needsReencryption(envelope)).toBe(true);
    expect(after.needsReencryption(after.encryptSecret("x"))).toBe(false);
  });

  it("names the missing key when an envelope's key is gone", async () => {
    const before = await loadWithKeys(`gone:${key()}`);
    const envelope = before.encryptSecret("x");
    const after = await loadWithKeys(`other:${key()}`);
    expect(() => after.decryptSecret(envelope)).toThrow(/key "gone"/);
  });
});
