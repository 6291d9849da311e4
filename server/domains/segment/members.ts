import type { SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { compileDefinition } from "./compile";
import { findContactsPage, findSegment, staticMembership, type SegmentMemberRow } from "./queries";
import { segmentDefinition } from "./schema";

/**
 * Who belongs to a saved segment, as a condition over contacts: the compiled definition of a
 * dynamic segment, the uploaded list of a static one. A definition saved before the current
 * schema (or edited by hand) is refused rather than guessed at.
 */
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function segmentWhere(segment: {
  id: string;
  kind: "dynamic" | "static";
  definition: unknown;
}): SQL | undefined {
  if (segment.kind === "static") return staticMembership(segment.id);
  const parsed = segmentDefinition.safeParse(segment.definition);
  if (!parsed.success)
    throw new DomainError(
      "BAD_REQUEST",
      "This segment's conditions are no longer valid: open it, fix them and save",
      "definition",
    );
  return compileDefinition(parsed.data);
}

export async function findSegmentOrThrow(db: Db, workspaceId: string, id: string) {
  const segment = await findSegment(db, workspaceId, id);
  if (!segment) throw new DomainError("NOT_FOUND", "No such segment in this workspace");
  return segment;
}

/**
 * One page of a saved segment's members, dynamic or static, keyset-paged by contact id: pass
 * the last id of a page as `after` for the next. Evaluated now, so a dynamic segment's pages
 * follow contacts as they change. Used by exports and vendor pushes that walk a whole segment.
 */
export async function listSegmentMembers(
  db: Db,
  workspaceId: string,
  segmentId: string,
  page: { after?: string | null; limit: number },
): Promise<
  { id: string; email: string | null; mobileNumber: string | null; firstName: string | null; lastName: string | null }[]
> {
  if (page.after && !uuid.test(page.after))
    throw new DomainError("BAD_REQUEST", "This list position is not valid; start again from the first page", "after");
  const segment = await findSegmentOrThrow(db, workspaceId, segmentId);
  const rows = await findContactsPage(
    db,
    workspaceId,
    segmentWhere(segment),
    page.after ?? null,
    Math.max(1, Math.min(page.limit, 10_000)),
  );
  return rows.map(({ id, email, mobileNumber, firstName, lastName }): SegmentMemberRow => ({
    id,
    email,
    mobileNumber,
    firstName,
    lastName,
  }));
}
