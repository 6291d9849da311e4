import { z } from "zod";
import { pageInput } from "../../lib/page-input";
import { activityFields } from "../responsys-jobs/activity-fields";

// Mirrors db/schema (channel enum, message_status enum); kept here so the builder needs no db code.
export const segmentChannels = ["whatsapp", "sms", "email"] as const;
export type SegmentChannel = (typeof segmentChannels)[number];

/** The contact columns the builder offers, with the kind of value each holds. */
export const contactFieldTypes = {
  firstName: "text",
  lastName: "text",
  email: "text",
  mobileNumber: "text",
  mobileCountry: "text",
  city: "text",
  state: "text",
  postalCode: "text",
  country: "text",
  createdAt: "date",
  modifiedAt: "date",
} as const;
export type ContactField = keyof typeof contactFieldTypes;
export const contactFields = Object.keys(contactFieldTypes) as ContactField[];

export const textOperators = ["eq", "neq", "contains", "starts_with", "is_empty", "is_not_empty", "in"] as const;
export type TextOperator = (typeof textOperators)[number];
export const dateOperators = ["before", "after", "within_last_days"] as const;
export type DateOperator = (typeof dateOperators)[number];
export const fieldOperators = [...textOperators, ...dateOperators] as const;
export type FieldOperator = (typeof fieldOperators)[number];

// Responsys activity aggregates in contacts.activity (from activity import jobs): counts (*_ct)
// compare as numbers, first/last timestamps (*_ts, ISO text) as dates. Other aggregates are lists
// and maps.
export const activityCountKeys = activityFields.filter((k) => k.endsWith("_ct"));
export const activityTimestampKeys = activityFields.filter((k) => k.endsWith("_ts"));
export const countOperators = ["at_least", "at_most", "eq"] as const;
export type CountOperator = (typeof countOperators)[number];
export const activityOperators = [...countOperators, ...dateOperators] as const;
export type ActivityOperator = (typeof activityOperators)[number];
export const activityKeyType = (key: string): "count" | "date" | undefined =>
  activityCountKeys.includes(key) ? "count" : activityTimestampKeys.includes(key) ? "date" : undefined;

export const consentStateFilters = ["opt_in", "opt_out", "none"] as const;
// "Reached": delivered also counts messages since read, sent also those delivered or read.
export const messageStatusFilters = ["sent", "delivered", "read", "failed"] as const;
export type MessageStatusFilter = (typeof messageStatusFilters)[number];
export const messageOperators = ["has", "has_not"] as const;

export const combinators = ["and", "or"] as const;

// The root group is depth 1: three levels of groups inside it are plenty for a builder that
// people read, and bound the size of the SQL a definition can make.
export const MAX_DEPTH = 4;
export const MAX_CONDITIONS = 50;
export const MAX_LIST_VALUES = 500;
const MAX_DAYS = 3650;
// Counts are compared as int4 in SQL; no contact gets near this many events.
const MAX_COUNT = 1_000_000_000;

export type FieldCondition = {
  kind: "field";
  field: ContactField;
  operator: FieldOperator;
  value?: string;
  values?: string[];
  days?: number;
};
export type AttributeCondition = {
  kind: "attribute";
  key: string;
  operator: TextOperator;
  value?: string;
  values?: string[];
};
export type ConsentCondition = {
  kind: "consent";
  channel: SegmentChannel;
  state: (typeof consentStateFilters)[number];
};
export type MessageCondition = {
  kind: "message";
  operator: (typeof messageOperators)[number];
  channel: SegmentChannel;
  status: MessageStatusFilter;
  withinDays: number;
  campaignId?: string | null;
};
/** Counts take a whole number as value; timestamps a YYYY-MM-DD value, or days for within_last_days. */
export type ActivityCondition = {
  kind: "activity";
  key: string;
  operator: ActivityOperator;
  value?: string | number;
  days?: number;
};
export type Condition = FieldCondition | AttributeCondition | ConsentCondition | MessageCondition | ActivityCondition;
export type Group = { kind: "group"; combinator: (typeof combinators)[number]; children: SegmentNode[] };
export type SegmentNode = Group | Condition;

const needsValue = new Set<string>(["eq", "neq", "contains", "starts_with"]);
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

const value = z.string().trim().max(200, "A value has at most 200 characters").optional();
const values = z
  .array(z.string().trim().min(1, "Remove the empty entry").max(200, "A value has at most 200 characters"))
  .optional();
const days = z
  .number()
  .int("Use a whole number of days")
  .min(1, "At least 1 day")
  .max(MAX_DAYS, `At most ${MAX_DAYS} days`);

/** The value a text operator needs: one non-empty value, a list, or none. */
function checkTextValue(c: { operator: string; value?: string; values?: string[] }, ctx: z.RefinementCtx) {
  if (needsValue.has(c.operator) && !c.value)
    ctx.addIssue({ code: "custom", path: ["value"], message: "Enter a value" });
  if (c.operator === "in" && !c.values?.length)
    ctx.addIssue({ code: "custom", path: ["values"], message: "Enter at least one value" });
  if (c.operator === "in" && (c.values?.length ?? 0) > MAX_LIST_VALUES)
    ctx.addIssue({ code: "custom", path: ["values"], message: `A list has at most ${MAX_LIST_VALUES} values` });
}

/** The value a date operator needs: a day as YYYY-MM-DD, or a number of days. */
function checkDateValue(c: { operator: string; value?: unknown; days?: number }, ctx: z.RefinementCtx) {
  if (c.operator === "within_last_days") {
    if (c.days === undefined) ctx.addIssue({ code: "custom", path: ["days"], message: "Enter a number of days" });
  } else if (typeof c.value !== "string" || !isoDay.test(c.value) || Number.isNaN(Date.parse(`${c.value}T00:00:00Z`))) {
    ctx.addIssue({ code: "custom", path: ["value"], message: "Enter a date as YYYY-MM-DD" });
  }
}

const fieldCondition = z
  .object({
    kind: z.literal("field"),
    field: z.enum(contactFields as [ContactField, ...ContactField[]], "Choose a contact field from the list"),
    operator: z.enum(fieldOperators, "Choose an operator from the list"),
    value,
    values,
    days: days.optional(),
  })
  .superRefine((c, ctx) => {
    const type = contactFieldTypes[c.field];
    if (type === "text") {
      if (!(textOperators as readonly string[]).includes(c.operator))
        ctx.addIssue({
          code: "custom",
          path: ["operator"],
          message: `${c.field} is text: use one of ${textOperators.join(", ")}`,
        });
      else checkTextValue(c, ctx);
      return;
    }
    if (!(dateOperators as readonly string[]).includes(c.operator)) {
      ctx.addIssue({
        code: "custom",
        path: ["operator"],
        message: `${c.field} is a date: use one of ${dateOperators.join(", ")}`,
      });
      return;
    }
    checkDateValue(c, ctx);
  });

const attributeCondition = z
  .object({
    kind: z.literal("attribute"),
    key: z
      .string()
      .trim()
      .min(1, "Enter the attribute name")
      .max(64, "An attribute name has at most 64 characters")
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/, "Use letters, digits and _, starting with a letter"),
    operator: z.enum(textOperators, "Choose an operator from the list"),
    value,
    values,
  })
  .superRefine(checkTextValue);

const consentCondition = z.object({
  kind: z.literal("consent"),
  channel: z.enum(segmentChannels, "Choose WhatsApp, SMS or email"),
  state: z.enum(consentStateFilters, "Choose opted in, opted out or not recorded"),
});

const messageCondition = z.object({
  kind: z.literal("message"),
  operator: z.enum(messageOperators, "Choose has or has not"),
  channel: z.enum(segmentChannels, "Choose WhatsApp, SMS or email"),
  status: z.enum(messageStatusFilters, "Choose sent, delivered, read or failed"),
  withinDays: days,
  campaignId: z.uuid("This is not a campaign id").nullish(),
});

const activityCondition = z
  .object({
    kind: z.literal("activity"),
    key: z.enum(
      [...activityCountKeys, ...activityTimestampKeys] as [string, ...string[]],
      "Choose a Responsys activity from the list",
    ),
    operator: z.enum(activityOperators, "Choose an operator from the list"),
    value: z.union([z.string().trim().max(200, "A value has at most 200 characters"), z.number()]).optional(),
    days: days.optional(),
  })
  .superRefine((c, ctx) => {
    if (activityKeyType(c.key) === "count") {
      if (!(countOperators as readonly string[]).includes(c.operator)) {
        ctx.addIssue({
          code: "custom",
          path: ["operator"],
          message: `${c.key} is a count: use one of ${countOperators.join(", ")}`,
        });
        return;
      }
      const n = c.value;
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n > MAX_COUNT)
        ctx.addIssue({ code: "custom", path: ["value"], message: "Enter a whole number, 0 or more" });
      return;
    }
    if (!(dateOperators as readonly string[]).includes(c.operator)) {
      ctx.addIssue({
        code: "custom",
        path: ["operator"],
        message: `${c.key} is a date: use one of ${dateOperators.join(", ")}`,
      });
      return;
    }
    checkDateValue(c, ctx);
  });

const group = z.object({
  kind: z.literal("group"),
  combinator: z.enum(combinators, "Combine with and or or"),
  get children(): z.ZodArray<z.ZodType<SegmentNode>> {
    return z.array(node);
  },
});

const node: z.ZodType<SegmentNode> = z.discriminatedUnion(
  "kind",
  [group, fieldCondition, attributeCondition, consentCondition, messageCondition, activityCondition],
  {
    error: "Each entry is a group or a field, attribute, consent, message or activity condition",
  },
);

/** Where a node sits, as people read it: children[0].children[2]. */
export const pathText = (path: (string | number)[]) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("") || "the root group";

/**
 * A dynamic segment's definition: a root group of nested AND/OR groups and conditions. Depth
 * and size are bounded here, with the path of the node that crosses the bound, so the compiled
 * SQL stays small enough to plan quickly.
 */
export const segmentDefinition = group.superRefine((root, ctx) => {
  let conditions = 0;
  let reported = false;
  const walk = (g: Group, depth: number, path: (string | number)[]) => {
    if (depth > MAX_DEPTH) {
      ctx.addIssue({
        code: "custom",
        path,
        message: `Groups nest at most ${MAX_DEPTH} deep: move the group at ${pathText(path)} up a level`,
      });
      return;
    }
    g.children.forEach((child, i) => {
      const at = [...path, "children", i];
      if (child.kind === "group") return walk(child, depth + 1, at);
      conditions += 1;
      if (conditions > MAX_CONDITIONS && !reported) {
        reported = true;
        ctx.addIssue({
          code: "custom",
          path: at,
          message: `A segment has at most ${MAX_CONDITIONS} conditions: remove some from ${pathText(at)} on`,
        });
      }
    });
  };
  walk(root, 1, []);
});
export type SegmentDefinition = Group;

export const emptyDefinition = (): SegmentDefinition => ({ kind: "group", combinator: "and", children: [] });

const name = z.string().trim().min(1, "Name the segment").max(120, "A name has at most 120 characters");
const description = z
  .string()
  .trim()
  .max(500, "A description has at most 500 characters")
  .nullish()
  .transform((v) => (v === undefined ? undefined : v || null));

export const segmentIdInput = z.object({ id: z.uuid("This is not a segment id") });
export const listSegmentsInput = pageInput;

export const createSegmentInput = z.object({ name, description, definition: segmentDefinition });
export const updateSegmentInput = z.object({
  id: z.uuid("This is not a segment id"),
  data: z.object({ name: name.optional(), description, definition: segmentDefinition.optional() }),
});

// The definition being edited, or the id of a saved segment. One object rather than a union,
// so a bad definition's issues keep their own paths instead of hiding inside a union error.
const definitionOrId = z
  .object({ definition: segmentDefinition.optional(), id: z.uuid("This is not a segment id").optional() })
  .refine((v) => (v.definition === undefined) !== (v.id === undefined), {
    message: "Send either a definition or a segment id",
    path: ["definition"],
  });

/** A live count of the definition being edited, or a recount of a saved segment. */
export const countSegmentInput = definitionOrId;

export const PREVIEW_LIMIT = 50;
export const previewSegmentInput = definitionOrId.safeExtend({
  cursor: z.uuid("This list position is not valid; reload the preview").nullish(),
  limit: z.number().int().min(1).max(PREVIEW_LIMIT).default(20),
});

export const MAX_UPLOAD_LINES = 50_000;
export const createStaticSegmentInput = z.object({
  name,
  description,
  // One mobile number (E.164, or national with defaultCountry) or email address per line.
  list: z
    .string()
    .max(2_000_000, "The list is too long: upload at most 2 MB")
    .refine((v) => v.trim().length > 0, "Paste or upload at least one mobile number or email address"),
  defaultCountry: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/, "Choose the country from the list")
    .nullish()
    .transform((v) => v || null),
});

export type CreateSegmentInput = z.infer<typeof createSegmentInput>;
export type UpdateSegmentInput = z.infer<typeof updateSegmentInput>;
export type CountSegmentInput = z.infer<typeof countSegmentInput>;
export type PreviewSegmentInput = z.infer<typeof previewSegmentInput>;
export type CreateStaticSegmentInput = z.infer<typeof createStaticSegmentInput>;

/** Conditions in a definition, groups not counted: for audit rows and the builder's limit. */
export function countConditions(node: SegmentNode): number {
  return node.kind === "group" ? node.children.reduce((n, child) => n + countConditions(child), 0) : 1;
}
