import { generateKeyPairSync } from "node:crypto";

/**
 * A fresh SSH private key (ECDSA P-256, PEM) for the sandbox's SFTP server, made by
 * node:crypto. ssh2's own generateKeyPairSync("ed25519") writes about one key in 200 that
 * ssh2 itself then cannot parse (leading zero bytes of the public key are dropped), which
 * failed sandbox starts at random; node's SEC1 PEM output is read by ssh2's PEM parser.
 */
export function generateSshKey(): string {
  return generateKeyPairSync("ec", {
    namedCurve: "P-256",
    privateKeyEncoding: { type: "sec1", format: "pem" },
    publicKeyEncoding: { type: "spki", format: "pem" },
  }).privateKey;
}
