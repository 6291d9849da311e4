import { z } from "zod";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { findTemplateIntegrations, findTemplateLanguages, findTemplatesPage } from "./queries";
import type { ListTemplatesInput } from "./schema";
import { messagingProfileOf } from "../../vendors/profiles";

// The keyset cursor: the last row's (name, language, id), the list's order.
const cursorSchema = z.object({ name: z.string(), language: z.string(), id: z.uuid() });

function decodeCursor(raw: string) {
  try {
    return cursorSchema.parse(JSON.parse(Buffer.from(raw, "base64url").toString("utf8")));
  } catch {
    throw new DomainError("BAD_REQUEST", "This list position is not valid; reload the list", "cursor");
  }
}

/** One page of a workspace's templates, filtered, by name then language. */
export async function listTemplates(db: Db, workspaceId: string, input: ListTemplatesInput) {
  const { limit, cursor, ...filters } = input;
  const rows = await findTemplatesPage(db, workspaceId, filters, cursor ? decodeCursor(cursor) : null, limit);
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > limit && last
        ? Buffer.from(JSON.stringify({ name: last.name, language: last.language, id: last.id })).toString("base64url")
        : null,
  };
}

/** What the filters offer: the workspace's WhatsApp integrations and the languages in use. */
export async function listTemplateFilters(db: Db, workspaceId: string) {
  const [integrations, languages] = await Promise.all([
    findTemplateIntegrations(db, workspaceId),
    findTemplateLanguages(db, workspaceId),
  ]);
  return {
    integrations: integrations.map((i) => ({
      ...i,
      syncable: messagingProfileOf(i.vendor)?.syncsTemplates ?? false,
      byHand: messagingProfileOf(i.vendor)?.templatesByHand ?? false,
    })),
    languages,
  };
}
