import { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { normalisePhone } from "../contact/phone";
import { findContactsByIdentity, insertSegment, insertSegmentMembers, setSegmentCount } from "./queries";
import { MAX_UPLOAD_LINES, type CreateStaticSegmentInput } from "./schema";

// Lines listed back per problem; the totals count them all.
export const REPORT_LIMIT = 500;
const BATCH = 1000;
const email = z.email();
// A single-column CSV export often starts with its column name.
const header = /^(email|email_address|mobile|mobile_number|phone|phone_number|number)$/i;

type Problem = { line: number; value: string; reason: string };

/** Each non-empty line as an email (lower case) or an E.164 number, or the reason it is neither. */
function parseLines(list: string, defaultCountry: string | null) {
  const entries: { line: number; value: string; key: string; kind: "email" | "mobile" }[] = [];
  const invalid: Problem[] = [];
  list.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const value = raw
      .trim()
      .replace(/^["']|["',;]+$/g, "")
      .trim();
    if (!value || (i === 0 && header.test(value))) return;
    if (value.includes("@")) {
      const lower = value.toLowerCase();
      if (email.safeParse(lower).success) entries.push({ line: i + 1, value, key: lower, kind: "email" });
      else invalid.push({ line: i + 1, value, reason: "Not a valid email address" });
      return;
    }
    const phone = normalisePhone(value, defaultCountry);
    if (phone.ok) entries.push({ line: i + 1, value, key: phone.e164, kind: "mobile" });
    else invalid.push({ line: i + 1, value, reason: phone.message });
  });
  return { entries, invalid };
}

/**
 * A static segment from an uploaded list: one mobile number or email address per line, matched
 * to the workspace's contacts. Lines that are not a number or an address, and those that match
 * no contact, are reported with their line numbers; the segment holds the contacts that matched.
 */
export async function createStaticSegment(db: Db, actor: SessionUser, input: CreateStaticSegmentInput) {
  const { entries, invalid } = parseLines(input.list, input.defaultCountry);
  if (entries.length + invalid.length > MAX_UPLOAD_LINES)
    throw new DomainError(
      "BAD_REQUEST",
      `A list has at most ${MAX_UPLOAD_LINES.toLocaleString("en")} lines: split it into several segments`,
      "list",
    );
  if (entries.length === 0) {
    const first = invalid[0];
    throw new DomainError(
      "BAD_REQUEST",
      first
        ? `No line is a mobile number or an email address (line ${first.line}: ${first.reason})`
        : "Paste or upload at least one mobile number or email address",
      "list",
    );
  }

  return db.transaction(async (tx) => {
    const byKey = new Map<string, string>();
    for (let i = 0; i < entries.length; i += BATCH) {
      const batch = entries.slice(i, i + BATCH);
      const emails = batch.filter((e) => e.kind === "email").map((e) => e.key);
      const numbers = batch.filter((e) => e.kind === "mobile").map((e) => e.key);
      for (const row of await findContactsByIdentity(tx, actor.workspaceId, emails, numbers)) {
        if (row.email) byKey.set(row.email, row.id);
        if (row.mobileNumber) byKey.set(row.mobileNumber, row.id);
      }
    }
    const members = new Set<string>();
    const unmatched: Problem[] = [];
    let duplicates = 0;
    for (const entry of entries) {
      const id = byKey.get(entry.key);
      if (!id)
        unmatched.push({
          line: entry.line,
          value: entry.value,
          reason: entry.kind === "email" ? "No contact has this email address" : "No contact has this mobile number",
        });
      else if (members.has(id)) duplicates += 1;
      else members.add(id);
    }

    const { id } = await insertSegment(tx, {
      workspaceId: actor.workspaceId,
      name: input.name,
      description: input.description ?? null,
      kind: "static",
      definition: null,
      createdBy: actor.userId,
    });
    const ids = [...members];
    for (let i = 0; i < ids.length; i += BATCH) await insertSegmentMembers(tx, id, ids.slice(i, i + BATCH));
    await setSegmentCount(tx, id, ids.length);
    // Counts only: the uploaded numbers and addresses are personal data.
    const summary = {
      lines: entries.length + invalid.length,
      matched: ids.length,
      duplicates,
      unmatched: unmatched.length,
      invalid: invalid.length,
    };
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "segment.create",
      targetType: "segment",
      targetId: id,
      details: { name: input.name, kind: "static", ...summary },
    });
    return {
      id,
      ...summary,
      unmatchedLines: unmatched.slice(0, REPORT_LIMIT),
      invalidLines: invalid.slice(0, REPORT_LIMIT),
    };
  });
}
