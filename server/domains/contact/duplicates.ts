import type { Tx } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { findContactWith } from "./queries";

// Shared by create and update: a mobile number or an email identifies one contact per workspace.
type Identity = { mobileNumber?: string | null; email?: string | null };

const labels = { mobileNumber: "mobile number", email: "email" } as const;
const indexes = { contacts_mobile_key: "mobileNumber", contacts_email_key: "email" } as const;

function duplicate(field: keyof typeof labels, value: string) {
  return new DomainError("CONFLICT", `A contact with the ${labels[field]} ${value} already exists`, field);
}

export async function assertNoDuplicate(
  tx: Tx,
  workspaceId: string,
  values: Identity,
  exceptId?: string,
): Promise<void> {
  for (const field of ["mobileNumber", "email"] as const) {
    const value = values[field];
    if (value && (await findContactWith(tx, workspaceId, field, value, exceptId))) throw duplicate(field, value);
  }
}

/**
 * The same answer when a concurrent request inserted the same number or email between the check
 * above and our write, and the unique index refused it. Drivers differ: postgres.js names the
 * index in constraint_name, PGlite in constraint; drizzle wraps either in `cause`.
 */
export function duplicateFromUniqueViolation(error: unknown, values: Identity): DomainError | null {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name, constraint } = e as { code?: string; constraint_name?: string; constraint?: string };
    if (code !== "23505") continue;
    const field = indexes[(constraint_name ?? constraint ?? "") as keyof typeof indexes];
    const value = field ? values[field] : null;
    return field && value ? duplicate(field, value) : null;
  }
  return null;
}
