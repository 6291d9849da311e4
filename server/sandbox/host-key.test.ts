import ssh2 from "ssh2";
import { describe, expect, it } from "vitest";
import { generateSshKey } from "./host-key";

describe("the sandbox's SFTP host key", () => {
  // ssh2's own ed25519 generator fails about 1 key in 200: thousands of tries would catch it.
  it("parses every time, over a few thousand keys", () => {
    const failures: string[] = [];
    for (let i = 0; i < 3_000; i++) {
      const key = ssh2.utils.parseKey(generateSshKey());
      if (key instanceof Error) failures.push(key.message);
      else if (key.type !== "ecdsa-sha2-nistp256" || !key.isPrivateKey()) failures.push(`unexpected key ${key.type}`);
    }
    expect(failures).toEqual([]);
  });

  it("is a new key each time", () => {
    expect(generateSshKey()).not.toBe(generateSshKey());
  });
});
