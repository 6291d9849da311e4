// What the Responsys clients share: error text tidied into a clause, and the connection test's checks.
import { VendorError } from "../http";
import type { ConnectionCheck, ConnectionResult } from "../types";

export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
export const sentence = (text: string) => text.trim().replace(/[.\s]+$/, "");

/** A failed check in the vendor error's own words; anything but a VendorError is a bug and propagates. */
export function failedCheck(name: string, error: unknown): ConnectionCheck {
  if (!(error instanceof VendorError)) throw error;
  return { name, ok: false, message: error.message };
}

export async function check(name: string, run: () => Promise<string>): Promise<ConnectionCheck> {
  try {
    return { name, ok: true, message: await run() };
  } catch (error) {
    return failedCheck(name, error);
  }
}

export const result = (checks: ConnectionCheck[], learned?: Record<string, string>): ConnectionResult => ({
  ok: checks.every((c) => c.ok),
  checks,
  ...(learned ? { learned } : {}),
});
