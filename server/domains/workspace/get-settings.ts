import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { deskCloseUrl } from "./desk-token";
import { findWorkspaceSettings } from "./queries";

/** The workspace settings an admin edits: time zone, consent keywords, and the desk token's state (never the token). */
export async function getWorkspaceSettings(db: Db, workspaceId: string) {
  const row = await findWorkspaceSettings(db, workspaceId);
  if (!row) throw new DomainError("NOT_FOUND", "No such workspace");
  return {
    name: row.name,
    defaultTimeZone: row.defaultTimeZone,
    keywords: row.keywords,
    // setAt null: never rotated, so the token derived before rotation existed is still the one.
    desk: { url: deskCloseUrl(), setAt: row.deskTokenSetAt },
  };
}
