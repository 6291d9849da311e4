import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { findCampaignsUsingTemplate, findTemplateWithIntegration } from "./queries";
import { placeholderFields } from "./placeholder-fields";
import { placeholdersOf, renderParts } from "./render";

/** One template with its parts, a preview from its sample values, and the campaigns using it. */
export async function getTemplate(db: Db, workspaceId: string, id: string) {
  const row = await findTemplateWithIntegration(db, workspaceId, id);
  if (!row) throw new DomainError("NOT_FOUND", "No such template in this workspace");
  const campaigns = await findCampaignsUsingTemplate(db, workspaceId, id);
  const header = row.components.find((c) => c.type === "HEADER") ?? null;
  const footer = row.components.find((c) => c.type === "FOOTER") ?? null;
  const buttons = row.components.find((c) => c.type === "BUTTONS")?.buttons ?? [];
  return {
    ...row,
    placeholders: placeholdersOf(row.body),
    // The contact field each placeholder shows in a preview for a contact; null keeps the sample.
    placeholderFields: placeholderFields(row.body, row.sampleValues),
    header: header ? { format: header.format ?? "TEXT", text: header.text ?? null } : null,
    footer: footer?.text ?? null,
    buttons,
    preview: renderParts(row.body, row.sampleValues),
    campaigns,
  };
}
