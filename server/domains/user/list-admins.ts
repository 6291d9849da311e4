import type { Db } from "@/db/client";
import { findActiveAdmins } from "./queries";

/** Whom a marketer asks for an admin change (a Responsys authorization, a job): names and emails only. */
export function listAdmins(db: Db, workspaceId: string) {
  return findActiveAdmins(db, workspaceId);
}
