import { randomBytes } from "node:crypto";
import bcrypt from "bcryptjs";

// bcryptjs is pure JS: no native build step, which npm 11 would not run without approval.
const COST = 11;

export const hashPassword = (plain: string) => bcrypt.hash(plain, COST);

let dummy: Promise<string> | undefined;

/** Compares against a throwaway hash when there is no user, so timing does not reveal accounts. */
export async function verifyPassword(plain: string, hash: string | null | undefined): Promise<boolean> {
  const against = hash ?? (await (dummy ??= hashPassword(randomBytes(16).toString("hex"))));
  return (await bcrypt.compare(plain, against)) && !!hash;
}

export const ONE_TIME_PASSWORD_HOURS = 72;

/** A one-time password for an invite: shown once to the admin, stored only as its hash. */
export async function issueOneTimePassword() {
  const temporaryPassword = randomBytes(12).toString("base64url");
  return {
    temporaryPassword,
    passwordHash: await hashPassword(temporaryPassword),
    oneTimePasswordExpiresAt: new Date(Date.now() + ONE_TIME_PASSWORD_HOURS * 3_600_000),
  };
}
