import { and, eq, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { schema } from "@/db/client";
import { compileDefinition } from "./compile";
import { segmentDefinition, type SegmentDefinition } from "./schema";

const dialect = new PgDialect();
const render = (definition: SegmentDefinition) => {
  const where = compileDefinition(segmentDefinition.parse(definition));
  return dialect.sqlToQuery(sql`select count(*) from ${schema.contacts} where ${and(eq(schema.contacts.workspaceId, "00000000-0000-0000-0000-000000000000"), where)}`);
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
    expect(text).not.toContain("whatsapp");
    expect(params).toContain(hostile);
    expect(params).toContain(`%${hostile}%`);
    expect(params).toContain(JSON.stringify({ tier: hostile }));
    expect(params).toContain("whatsapp");
  });

  it("uses EXISTS subqueries for consent and message history, and nothing for an empty group", () => {
    const { sql: text } = render({
      kind: "group",
      combinator: "and",
      children: [
        { kind: "group", combinator: "or", children: [] },
        { kind: "consent", channel: "sms", state: "none" },
        { kind: "message", operator: "has_not", channel: "whatsapp", status: "read", withinDays: 30 },
      ],
    });
    expect(text).toMatch(/not exists \(select 1 from "contact_consent"/);
    expect(text).toMatch(/not exists \(select 1 from "messages"/);
    expect(render({ kind: "group", combinator: "and", children: [] }).sql).toBe('select count(*) from "contacts" where "contacts"."workspace_id" = $1');
  });
});
