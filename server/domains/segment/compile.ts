import { and, eq, gte, ilike, inArray, isNull, like, lt, not, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { schema } from "@/db/client";
import {
  activityKeyType,
  type ActivityCondition,
  type AttributeCondition,
  type ConsentCondition,
  type ContactField,
  type FieldCondition,
  type MessageCondition,
  type MessageStatusFilter,
  type SegmentDefinition,
  type SegmentNode,
} from "./schema";
import { consentColumnOf } from "../contact/reads";

const c = schema.contacts;
const m = schema.messages;

const columns: Record<ContactField, PgColumn> = {
  firstName: c.firstName,
  lastName: c.lastName,
  email: c.email,
  mobileNumber: c.mobileNumber,
  mobileCountry: c.mobileCountry,
  city: c.city,
  state: c.state,
  postalCode: c.postalCode,
  country: c.country,
  createdAt: c.createdAt,
  modifiedAt: c.modifiedAt,
};

// Stored values are normalised (emails lower case, country codes upper case), so comparing a
// value normalised the same way keeps plain equality, and with it the btree indexes.
const normalise: Partial<Record<ContactField, (v: string) => string>> = {
  email: (v) => v.toLowerCase(),
  country: (v) => v.toUpperCase(),
  mobileCountry: (v) => v.toUpperCase(),
  mobileNumber: (v) => v.replace(/[\s().-]/g, ""),
};
// Columns whose prefix match needs no lower(): stored in one case, with text_pattern_ops indexes.
const caseFixed = new Set<ContactField>(["email", "mobileNumber", "mobileCountry", "country"]);

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);

// The statuses that show a message reached a status: a read message was also delivered and sent.
const reached: Record<MessageStatusFilter, ("sent" | "delivered" | "read" | "failed")[]> = {
  sent: ["sent", "delivered", "read"],
  delivered: ["delivered", "read"],
  read: ["read"],
  failed: ["failed"],
};

const daysAgo = (days: number) => sql`now() - make_interval(days => ${days}::int)`;
const startOfDay = (day: string) => new Date(`${day}T00:00:00.000Z`);

function fieldCondition(node: FieldCondition): SQL | undefined {
  const column = columns[node.field];
  const fix = normalise[node.field] ?? ((v: string) => v);
  const value = fix(node.value ?? "");
  switch (node.operator) {
    case "eq":
      return eq(column, value);
    case "neq":
      // "Is not X" includes contacts with no value at all, as people read it.
      return sql`${column} is distinct from ${value}`;
    case "in":
      return inArray(column, (node.values ?? []).map(fix));
    case "contains":
      return ilike(column, `%${escapeLike(value)}%`);
    case "starts_with":
      // lower(first_name) / lower(last_name) match the prefix indexes of contact search.
      return caseFixed.has(node.field)
        ? like(column, `${escapeLike(value)}%`)
        : like(sql`lower(${column})`, `${escapeLike(value.toLowerCase())}%`);
    case "is_empty":
      return or(isNull(column), eq(column, ""));
    case "is_not_empty":
      return sql`${column} <> ''`;
    case "before":
      return lt(column, startOfDay(value));
    case "after":
      // After a day: from the start of the next one (UTC).
      return gte(column, new Date(startOfDay(value).getTime() + 86_400_000));
    case "within_last_days":
      return gte(column, daysAgo(node.days ?? 0));
  }
}

/** "3" may be stored as the string "3" or the number 3 (and "true" as true): any of them match. */
function jsonValues(value: string): (string | number | boolean)[] {
  const candidates: (string | number | boolean)[] = [value];
  if (/^-?\d+(\.\d+)?$/.test(value) && Number.isFinite(Number(value))) candidates.push(Number(value));
  if (value === "true" || value === "false") candidates.push(value === "true");
  return candidates;
}

// attributes @> '{"KEY": value}' is what the GIN jsonb_path_ops index on attributes answers.
const attributeIs = (key: string, value: string) =>
  or(...jsonValues(value).map((v) => sql`${c.attributes} @> ${JSON.stringify({ [key]: v })}::jsonb`)) as SQL;

function attributeCondition(node: AttributeCondition): SQL | undefined {
  const text = sql`(${c.attributes} ->> ${node.key}::text)`;
  const value = node.value ?? "";
  switch (node.operator) {
    case "eq":
      return attributeIs(node.key, value);
    case "neq":
      return not(attributeIs(node.key, value));
    case "in":
      return or(...(node.values ?? []).map((v) => attributeIs(node.key, v)));
    case "contains":
      return ilike(text, `%${escapeLike(value)}%`);
    case "starts_with":
      return ilike(text, `${escapeLike(value)}%`);
    case "is_empty":
      return sql`coalesce(${text}, '') = ''`;
    case "is_not_empty":
      return sql`${text} <> ''`;
  }
}

// The contact row's copy of its address's consent, with an index per channel: nothing recorded is null.
function consentCondition(node: ConsentCondition): SQL {
  const column = consentColumnOf(node.channel);
  return node.state === "none" ? isNull(column) : eq(column, node.state);
}

// EXISTS over the contact's messages: messages_history_idx (contact_id, channel, status, status_at),
// which holds no test sends (the literal "not is_test" lets the planner use that partial index).
function messageCondition(node: MessageCondition): SQL {
  const statuses = reached[node.status];
  const match = sql`exists (select 1 from ${m} where ${m.contactId} = ${c.id} and ${m.channel} = ${node.channel} and ${inArray(m.status, statuses)} and ${m.statusAt} >= ${daysAgo(node.withinDays)} and not ${m.isTest}${
    node.campaignId ? sql` and ${m.campaignId} = ${node.campaignId}` : sql``
  })`;
  return node.operator === "has" ? match : not(match);
}

// Responsys aggregates in contacts.activity. The key is on the allow-list, and still a bound
// parameter. A missing count is 0; a missing timestamp matches no date comparison. Dates go in as
// ISO text with an explicit cast: postgres.js does not serialise a Date inside raw sql.
// The schema pairs counts with count operators and timestamps with date operators; a pair it
// would refuse matches no one here rather than being left out (which would match everyone).
function activityCondition(node: ActivityCondition): SQL {
  const raw = sql`(${c.activity} ->> ${node.key}::text)`;
  if (activityKeyType(node.key) === "count") {
    const count = sql`coalesce(${raw}::int, 0)`;
    const value = typeof node.value === "number" ? node.value : 0;
    switch (node.operator) {
      case "at_least":
        return sql`${count} >= ${value}::int`;
      case "at_most":
        return sql`${count} <= ${value}::int`;
      case "eq":
        return sql`${count} = ${value}::int`;
      default:
        return sql`false`;
    }
  }
  const at = sql`${raw}::timestamptz`;
  const day = typeof node.value === "string" ? node.value : "";
  if (node.operator !== "within_last_days" && Number.isNaN(startOfDay(day).getTime())) return sql`false`;
  switch (node.operator) {
    case "before":
      return sql`${at} < ${startOfDay(day).toISOString()}::timestamptz`;
    case "after":
      // After a day: from the start of the next one (UTC), as for contact fields.
      return sql`${at} >= ${new Date(startOfDay(day).getTime() + 86_400_000).toISOString()}::timestamptz`;
    case "within_last_days":
      return sql`${at} >= ${daysAgo(node.days ?? 0)}`;
    default:
      return sql`false`;
  }
}

function compileNode(node: SegmentNode): SQL | undefined {
  switch (node.kind) {
    case "group": {
      // An empty group says nothing, so it is left out rather than matching all or none.
      const parts = node.children.map(compileNode).filter((p): p is SQL => p !== undefined);
      if (parts.length === 0) return undefined;
      return node.combinator === "and" ? and(...parts) : or(...parts);
    }
    case "field":
      return fieldCondition(node);
    case "attribute":
      return attributeCondition(node);
    case "consent":
      return consentCondition(node);
    case "message":
      return messageCondition(node);
    case "activity":
      return activityCondition(node);
  }
}

/**
 * A validated definition as a `where` over contacts, every value a bound parameter. Workspace
 * scoping is not part of it: callers add it (see segmentWhere), so no definition can reach
 * another workspace's contacts. Undefined means no condition: every contact of the workspace.
 */
export function compileDefinition(definition: SegmentDefinition): SQL | undefined {
  return compileNode(definition);
}
