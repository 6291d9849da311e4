import { and, eq, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { schema } from "@/db/client";
import { compileDefinition } from "./compile";
import { segmentDefinition, type SegmentDefinition } from "./schema";

const dialect = new PgDialect();
const render = (definition: SegmentDefinition) => {
  const where = compileDefinition(segmentDefinition.parse(definition));
  return dialect.sqlToQuery(
    sql`select count(*) from ${schema.contacts} where ${and(eq(schema.contacts.workspaceId, "00000000-0000-0000-0000-000000000000"), where)}`,
  );
};

describe("compileDefinition", () => {
  it("binds every value as a parameter, never as SQL text", () => {
    const hostile = "x'); drop table contacts; --";
    const { sql: text, params } = render({
      kind: "group",
      combinator: "or",
      children: [
        { kind: "field", field: "city", operator: "eq", value: hostile },
        { kind: "field", field: "lastName", operator: "contains", value: hostile },
        { kind: "field", field: "country", operator: "in", values: [hostile, "DE"] },
        { kind: "attribute", key: "tier", operator: "eq", value: hostile },
        { kind: "attribute", key: "tier", operator: "starts_with", value: hostile },
        { kind: "consent", channel: "whatsapp", state: "opt_in" },
        { kind: "message", operator: "has", channel: "sms", status: "delivered", withinDays: 7 },
      ],
    });
    expect(text).not.toContain("drop table");
    expect(text).not.toContain("tier");
    expect(text).not.toContain("opt_in");
    expect(params).toContain(hostile);
    expect(params).toContain(`%${hostile}%`);
    expect(params).toContain(JSON.stringify({ tier: hostile }));
    expect(params).toContain("opt_in");
  });

  it("reads consent from the contact row, message history with EXISTS, and nothing for an empty group", () => {
    const { sql: text } = render({
      kind: "group",
      combinator: "and",
      children: [
        { kind: "group", combinator: "or", children: [] },
        { kind: "consent", channel: "sms", state: "none" },
        { kind: "message", operator: "has_not", channel: "whatsapp", status: "read", withinDays: 30 },
      ],
    });
    expect(text).toContain('"contacts"."sms_consent" is null');
    expect(text).toMatch(/not exists \(select 1 from "messages"/);
    expect(render({ kind: "group", combinator: "and", children: [] }).sql).toBe(
      'select count(*) from "contacts" where "contacts"."workspace_id" = $1',
    );
  });

  it("compiles activity conditions over contacts.activity, the key a bound parameter", () => {
    const { sql: text, params } = render({
      kind: "group",
      combinator: "and",
      children: [
        { kind: "activity", key: "email_open_ct", operator: "at_least", value: 3 },
        { kind: "activity", key: "sms_sent_ct", operator: "eq", value: 0 },
        { kind: "activity", key: "email_last_click_ts", operator: "before", value: "2026-02-01" },
        { kind: "activity", key: "last_active_ts", operator: "after", value: "2026-02-01" },
        { kind: "activity", key: "sms_first_opt_in_ts", operator: "within_last_days", days: 30 },
      ],
    });
    expect(text).not.toMatch(/email_open_ct|sms_sent_ct|email_last_click_ts|last_active_ts|sms_first_opt_in_ts/);
    expect(text).toMatch(/coalesce\(\("contacts"\."activity" ->> \$\d+::text\)::int, 0\) >= \$\d+::int/);
    expect(text).toMatch(/\("contacts"\."activity" ->> \$\d+::text\)::timestamptz < \$\d+::timestamptz/);
    expect(text).toMatch(/::timestamptz >= now\(\) - make_interval\(days => \$\d+::int\)/);
    expect(params).toEqual(
      expect.arrayContaining([
        "email_open_ct",
        3,
        "sms_sent_ct",
        0,
        "email_last_click_ts",
        "2026-02-01T00:00:00.000Z",
        "last_active_ts",
        "2026-02-02T00:00:00.000Z",
        "sms_first_opt_in_ts",
        30,
      ]),
    );
  });

  it("refuses activity keys off the list and operators that do not fit the key", () => {
    const issues = (condition: unknown) =>
      segmentDefinition
        .safeParse({ kind: "group", combinator: "and", children: [condition] })
        .error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(
      issues({ kind: "activity", key: "email_open_ct'; drop table contacts; --", operator: "eq", value: 1 }),
    ).toEqual([["children.0.key", "Choose a Responsys activity from the list"]]);
    expect(issues({ kind: "activity", key: "channels", operator: "eq", value: 1 })).toEqual([
      ["children.0.key", "Choose a Responsys activity from the list"],
    ]);
    expect(issues({ kind: "activity", key: "email_open_ct", operator: "before", value: "2026-01-01" })).toEqual([
      ["children.0.operator", "email_open_ct is a count: use one of at_least, at_most, eq"],
    ]);
    expect(issues({ kind: "activity", key: "email_open_ct", operator: "at_least", value: -1 })).toEqual([
      ["children.0.value", "Enter a whole number, 0 or more"],
    ]);
    expect(issues({ kind: "activity", key: "email_open_ct", operator: "at_least", value: 1.5 })).toEqual([
      ["children.0.value", "Enter a whole number, 0 or more"],
    ]);
    expect(issues({ kind: "activity", key: "email_open_ct", operator: "at_least" })).toEqual([
      ["children.0.value", "Enter a whole number, 0 or more"],
    ]);
    expect(issues({ kind: "activity", key: "last_active_ts", operator: "at_least", value: 1 })).toEqual([
      ["children.0.operator", "last_active_ts is a date: use one of before, after, within_last_days"],
    ]);
    expect(issues({ kind: "activity", key: "last_active_ts", operator: "before", value: 20260101 })).toEqual([
      ["children.0.value", "Enter a date as YYYY-MM-DD"],
    ]);
    expect(issues({ kind: "activity", key: "last_active_ts", operator: "within_last_days" })).toEqual([
      ["children.0.days", "Enter a number of days"],
    ]);
  });
});
