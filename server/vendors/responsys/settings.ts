import { z } from "zod";
import { privateKey, required } from "../fields";

// Responsys login hosts: the "location" chosen when installing a Responsys app, and the
// Responsys login's "Endpoint URI" field (e.g. login2.responsys.net).
export const responsysPods = {
  interact2: "login2.responsys.net",
  interact5: "login5.responsys.net",
  interact8: "login.rsys8.net",
  interact9: "login.rsys9.net",
} as const;
const responsysHost = z
  .string()
  .trim()
  .toLowerCase()
  .transform((v) => v.replace(/^https?:\/\//, "").replace(/\/+$/, ""))
  .refine(
    (v) =>
      /^(login[25]\.responsys\.net|login\.rsys[89]\.net|[a-z0-9-]+-api\.responsys\.ocs\.oraclecloud\.com)$/.test(v),
    {
      message:
        "Use a Responsys login host such as login2.responsys.net, login.rsys8.net or AccountToken-api.responsys.ocs.oraclecloud.com",
    },
  );

const sftpFields = {
  host: required("SFTP host"),
  port: z.coerce.number().int().min(1, "Port must be 1–65535").max(65_535, "Port must be 1–65535").default(22),
  username: required("SFTP username"),
  privateKey: privateKey("SFTP private key"),
  folder: z.string().trim().optional(),
};

export const responsysSettings = z.discriminatedUnion("method", [
  z.object({
    method: z.literal("interact"),
    username: required("Responsys username"),
    password: required("password"),
    endpoint: responsysHost,
    // Campaigns merge each contact's last message status into this profile list (issue 4); empty: they do not.
    profileList: z.string().trim().max(100).optional(),
  }),
  z.object({ method: z.literal("sftp"), ...sftpFields }),
  z.object({
    method: z.literal("sftp_pgp"),
    ...sftpFields,
    pgpPrivateKey: z
      .string()
      .trim()
      .refine(
        (v) =>
          v.startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----") && v.endsWith("-----END PGP PRIVATE KEY BLOCK-----"),
        {
          message: "The PGP private key must be an armored key (-----BEGIN PGP PRIVATE KEY BLOCK-----)",
        },
      ),
    pgpPassphrase: required("PGP private key passphrase"),
  }),
]);

/** Encrypted at rest, never sent back to the browser, replace-only on edit. */
export const responsysSecretFields = ["password", "privateKey", "pgpPrivateKey", "pgpPassphrase"];
