import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { activityFields } from "./activity-fields";
import { findContactActivityView } from "./activity-queries";

const RECENT_EVENTS = 20;

/**
 * A contact's Responsys activity for the contact screen: the aggregates present, in the
 * order of activityFields, and the latest events.
 */
export async function getContactActivity(db: Db, workspaceId: string, contactId: string) {
  const view = await findContactActivityView(db, workspaceId, contactId, RECENT_EVENTS);
  if (!view) throw new DomainError("NOT_FOUND", "No such contact in this workspace");
  const aggregates = activityFields
    .filter((f) => view.activity[f] !== undefined)
    .map((field) => ({ field, value: view.activity[field] }));
  return { aggregates, events: view.events };
}
