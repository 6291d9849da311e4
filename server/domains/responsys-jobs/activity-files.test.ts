import { describe, expect, it } from "vitest";
import { applyActivity } from "./activity-aggregates";
import { activityFileInfo, detectAccountIds, parseActivityFile, splitLine } from "./activity-files";
import { columnName, identifierRecord, segmentColumn, sha256 } from "./member-records";

describe("activity files", () => {
  it("reads the account id and event from the file name", () => {
    expect(activityFileInfo("6607_OPEN_20261120_060000.txt")).toEqual({
      accountId: "6607",
      channel: "email",
      type: "opened",
    });
    expect(activityFileInfo("6607_SMS_OPT_OUT_20261120_060000.txt.pgp")).toEqual({
      accountId: "6607",
      channel: "sms",
      type: "opted_out",
    });
    expect(activityFileInfo("readme.txt")).toBeNull();
    expect(
      detectAccountIds([
        "7001_CLICK_20261120_060000.txt",
        "6607_OPEN_20261120_060000.txt",
        "6607_SENT_20261121_060000.txt",
        "notes.csv",
      ]),
    ).toEqual(["6607", "7001"]);
  });

  it("reads JSON files as one array or one object per line, column names in any case", () => {
    const event = { riid: 1, Email_Address: "Ana@Example.com", EVENT_CAPTURED_DT: "20-NOV-2026 05:41:07" };
    const lines = parseActivityFile("6607_OPEN_20261120_060000.jsonl", `${JSON.stringify(event)}\n[1]\n{broken\n`, ",");
    expect(lines.rows).toEqual([
      expect.objectContaining({
        riid: "1",
        email: "ana@example.com",
        payload: expect.objectContaining({ RIID: "1" }) as unknown,
      }),
    ]);
    expect(lines.errors).toEqual([
      { line: 2, reason: "Not a JSON object of column names and values" },
      { line: 3, reason: "Not a JSON object" },
    ]);
    const array = parseActivityFile("6607_OPEN_20261120_060000.json", JSON.stringify([event]), ",");
    // The same event from either layout is the same event.
    expect(array.rows.map((r) => r.externalEventId)).toEqual(lines.rows.map((r) => r.externalEventId));
    expect(parseActivityFile("6607_OPEN_20261120_060000.json", "[{", ",").errors[0]?.reason).toMatch(
      /^The file is not a JSON array/,
    );
  });

  it("splits on a custom delimiter with quoted values", () => {
    expect(splitLine('a|"b|c"|"say ""hi"""', "|")).toEqual(["a", "b|c", 'say "hi"']);
    expect(splitLine('a,"open', ",")).toBeNull();
  });

  it("keeps the good lines and reports each bad one with its line number", () => {
    const text = [
      "RIID,EMAIL_ADDRESS,EVENT_CAPTURED_DT",
      "1,ana@example.com,20-NOV-2026 05:41:07",
      "2,bruno@example.com",
      "3,not-an-email,20-NOV-2026 05:41:07",
      ",,20-NOV-2026 05:41:07",
      "4,cem@example.com,20-NOV-2026 06:00:00",
      "",
    ].join("\r\n");
    const { rows, errors, lines } = parseActivityFile("6607_SENT_20261120_060000.txt", text, ",");
    expect(lines).toBe(5);
    expect(rows.map((r) => r.email)).toEqual(["ana@example.com", "cem@example.com"]);
    expect(errors).toEqual([
      { line: 3, reason: "2 values for 3 columns" },
      { line: 4, reason: 'EMAIL_ADDRESS "not-an-email" is not an email address' },
      { line: 5, reason: "No EMAIL_ADDRESS, MOBILE_NUMBER or RIID to match a contact" },
    ]);
    // The same line always has the same id, so reading it again is a duplicate.
    expect(parseActivityFile("6607_SENT_20261120_060000.txt", text, ",").rows[0]?.externalEventId).toBe(
      rows[0]?.externalEventId,
    );
  });

  it("aggregates counts, first and last times, channels and sets", () => {
    const at = (iso: string) => new Date(iso);
    const doc = applyActivity({}, [
      {
        channel: "email",
        eventType: "opened",
        occurredAt: at("2026-11-20T10:00:00Z"),
        payload: { OFFER_NAME: "Sale" },
      },
      {
        channel: "email",
        eventType: "opened",
        occurredAt: at("2026-11-19T08:00:00Z"),
        payload: { OFFER_NAME: "Sale" },
      },
      { channel: "sms", eventType: "delivered", occurredAt: at("2026-11-21T09:30:00Z"), payload: {} },
    ]);
    expect(doc).toMatchObject({
      email_open_ct: 2,
      email_first_open_ts: "2026-11-19T08:00:00.000Z",
      email_last_open_ts: "2026-11-20T10:00:00.000Z",
      sms_open_ct: 1,
      last_active_ts: "2026-11-21T09:30:00.000Z",
      channels: ["email", "sms"],
      rs_offers: ["Sale"],
      last_channel_activities: { email: "2026-11-20T10:00:00.000Z", sms: "2026-11-21T09:30:00.000Z" },
      month_of_year: { "11": 3 },
    });
  });
});

describe("member records", () => {
  const contact = {
    id: "c1",
    email: " Ana@Example.com ",
    mobileNumber: "+4917612345678",
    firstName: "Ana",
    lastName: null,
    city: null,
    state: null,
    postalCode: null,
    country: "DE",
    mobileCountry: null,
    timeZone: null,
    attributes: { plan_tier: "gold" },
  };

  it("maps identifiers, hashing with SHA-256 where asked", () => {
    expect(
      identifierRecord(contact, [
        { field: "email", identifier: "EMAIL_ADDRESS_", hash: false },
        { field: "email", identifier: "EMAIL_SHA256_HASH_", hash: true },
        { field: "mobileNumber", identifier: "MOBILE_NUMBER_", hash: false },
        { field: "attributes.plan_tier", identifier: "CUSTOMER_ID_", hash: false },
      ]),
    ).toEqual({
      EMAIL_ADDRESS_: "Ana@Example.com",
      EMAIL_SHA256_HASH_: sha256("ana@example.com"),
      MOBILE_NUMBER_: "4917612345678",
      CUSTOMER_ID_: "gold",
    });
    expect(sha256("ana@example.com")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("names Responsys columns", () => {
    expect(columnName("firstName")).toBe("FIRST_NAME");
    expect(columnName("attributes.plan-tier")).toBe("PLAN_TIER");
    expect(segmentColumn("VIP customers (DE)")).toBe("VIP_CUSTOMERS_DE");
    expect(segmentColumn("2026 buyers")).toBe("S_2026_BUYERS");
  });
});
