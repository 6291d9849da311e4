import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { DomainError } from "../../lib/errors";
import { messagingProfileOf } from "../../vendors/profiles";
import { findIntegrationForSync, type TemplateValues } from "./queries";
import { placeholderCount } from "./render";
import type { HsmCodeFields } from "./schema";

// Shared by the use cases that keep HSM codes by hand (create, update, retire, import).

/** The actor's integration whose templates admins keep by hand (Wavy), or why not. */
export async function findHandKeptIntegration(db: Db, actor: SessionUser, integrationId: string) {
  const row = await findIntegrationForSync(db, integrationId);
  if (!row || row.uninstalledAt || row.workspaceId !== actor.workspaceId)
    throw new DomainError("NOT_FOUND", "No such integration in this workspace", "integrationId");
  if (!messagingProfileOf(row.vendor)?.templatesByHand)
    throw new DomainError(
      "BAD_REQUEST",
      `${row.label} reads its templates from the vendor: sync them instead of adding them by hand`,
      "integrationId",
    );
  return row;
}

/** What is stored for an HSM code: one body component, positional, its count read from the body. */
export function hsmValues(fields: Omit<HsmCodeFields, "name" | "language">): TemplateValues {
  return {
    senderId: null,
    category: fields.category,
    status: fields.status,
    parameterFormat: "POSITIONAL",
    components: [{ type: "BODY", text: fields.body }],
    body: fields.body,
    placeholderCount: placeholderCount(fields.body),
    sampleValues: [],
  };
}

/** Whether an edit changes what a campaign would send or may send (not just a save of the same). */
export const hsmChanged = (
  stored: { category: string; status: string; body: string },
  next: { category: string; status: string; body: string },
) => stored.category !== next.category || stored.status !== next.status || stored.body !== next.body;
