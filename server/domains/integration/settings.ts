import "server-only";
import { decryptSecret, encryptSecret } from "../../lib/crypto";
import { DomainError } from "../../lib/errors";
import { connectionFor } from "../../vendors/registry";
import type { ConnectionResult } from "../../vendors/types";
import { secretFields, settingsSchemas, type SettingsOf, type Vendor } from "../../vendors/settings";

type Plain = Record<string, unknown>;

/** Splits wizard settings into what may be shown again (config) and what is encrypted (secrets). */
export function splitSettings(vendor: Vendor, settings: Plain): { config: Plain; secrets: string } {
  const config: Plain = {};
  const secrets: Plain = {};
  for (const [key, value] of Object.entries(settings)) {
    if (value === undefined) continue;
    (secretFields[vendor].includes(key) ? secrets : config)[key] = value;
  }
  return { config, secrets: encryptSecret(JSON.stringify(secrets)) };
}

/** The stored settings, secrets decrypted: for adapters only, never for a response. */
export function storedSettings<V extends Vendor>(vendor: V, config: Plain, secrets: string | null): SettingsOf<V> {
  const merged = { ...config, ...(secrets ? (JSON.parse(decryptSecret(secrets)) as Plain) : {}) };
  return settingsSchemas[vendor].parse(merged) as SettingsOf<V>;
}

/**
 * Secrets are replace-only: a secret field left blank on reconfigure keeps the stored value.
 * Non-secret fields are taken as given.
 */
export function withStoredSecrets(vendor: Vendor, input: Plain, secrets: string | null): Plain {
  const stored = secrets ? (JSON.parse(decryptSecret(secrets)) as Plain) : {};
  const merged = { ...input };
  for (const key of secretFields[vendor]) {
    const given = merged[key];
    if ((given === undefined || given === "") && stored[key] !== undefined) merged[key] = stored[key];
  }
  return merged;
}

/** Which secret fields are stored, so a form can say "stored, leave blank to keep". */
export function secretsSet(vendor: Vendor, secrets: string | null): Record<string, boolean> {
  const stored = secrets ? (JSON.parse(decryptSecret(secrets)) as Plain) : {};
  return Object.fromEntries(
    secretFields[vendor].map((key) => [key, typeof stored[key] === "string" && stored[key] !== ""]),
  );
}

/** Validates wizard settings against the vendor's schema; the first problem names its field. */
export function parseSettings<V extends Vendor>(vendor: V, raw: Plain): SettingsOf<V> {
  const result = settingsSchemas[vendor].safeParse(raw);
  if (result.success) return result.data as SettingsOf<V>;
  const issue = result.error.issues[0];
  throw new DomainError("BAD_REQUEST", issue?.message ?? "Invalid settings", issue?.path.join("."));
}

/** Runs the vendor's connection test; an unexpected failure becomes a failed check, never a crash. */
export async function runConnectionTest<V extends Vendor>(
  vendor: V,
  settings: SettingsOf<V>,
  sandbox: boolean,
): Promise<ConnectionResult> {
  try {
    return await connectionFor(vendor, settings, sandbox).testConnection();
  } catch (error) {
    return { ok: false, checks: [{ name: "Connect", ok: false, message: (error as Error).message }] };
  }
}

export function summarise(result: ConnectionResult): string {
  const failed = result.checks.filter((c) => !c.ok);
  return failed.length === 0
    ? `All ${result.checks.length} checks passed`
    : failed.map((c) => `${c.name}: ${c.message}`).join("; ");
}
