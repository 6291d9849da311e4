import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { SALESFORCE_SANDBOX_CREDENTIALS, salesforceFake } from "../../sandbox/salesforce";
import { startSandbox, type Sandbox } from "../../sandbox/server";
import { VendorError } from "../http";
import { createSalesforceClient, type SalesforceSettings } from "./client";

// A batch of 2 rows makes every query over the three seeded users page through nextRecordsUrl.
const fake = salesforceFake({ batchSize: 2 });
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, vendors: [fake] });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.faults.clear());
afterEach(() => {
  fake.setAuditFieldsPermission(true);
  fake.allowPasswordFlow(true);
});

const CUSTOMER = "customer@demo.switchboard.test";
const AGENT = "agent@demo.switchboard.test";
const REFUSED_LOGIN =
  "Salesforce refused the login: check the username, password and security token, and that the username-password flow is allowed in this org";

const client = (overrides: Partial<SalesforceSettings> = {}) =>
  createSalesforceClient(
    {
      baseUrl: `${sandbox.url}/salesforce`,
      loginUrl: "https://test.salesforce.com",
      flow: "password",
      ...SALESFORCE_SANDBOX_CREDENTIALS,
      apiVersion: "62.0",
      setAuditFields: true,
      addAttachments: true,
      customerCommentUsername: CUSTOMER,
      enabled: true,
      ...overrides,
    },
    { retry: { attempts: 3, baseDelayMs: 5, maxDelayMs: 50 }, timeoutMs: 300 },
  );

async function failure(promise: Promise<unknown>): Promise<VendorError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VendorError);
  return error as VendorError;
}

describe("salesforce testConnection", () => {
  it("logs in, finds the customer-comment user and confirms audit fields can be set", async () => {
    const result = await client().testConnection();
    expect(result.checks.map(({ name, ok }) => ({ name, ok }))).toEqual([
      { name: "Log in (password)", ok: true },
      { name: `Customer-comment user ${CUSTOMER} exists`, ok: true },
      { name: "Audit fields can be set", ok: true },
    ]);
    expect(result.ok).toBe(true);
    expect(result.learned).toEqual({
      instanceUrl: `${sandbox.url}/salesforce`,
      customerCommentUserId: expect.stringMatching(/^005/) as string,
    });
  });

  it("logs in with client credentials, with no username or password", async () => {
    const result = await client({
      flow: "client_credentials",
      username: undefined,
      password: undefined,
      securityToken: undefined,
    }).testConnection();
    expect(result.ok).toBe(true);
    expect(result.checks[0]).toMatchObject({ name: "Log in (client_credentials)", ok: true });
  });

  it("explains a refused login without throwing, including when the org blocks the password flow", async () => {
    // The password alone, without the security token appended, is refused too.
    for (const settings of [{ password: "wrong" }, { securityToken: "" }]) {
      expect(await client(settings).testConnection()).toEqual({
        ok: false,
        checks: [{ name: "Log in (password)", ok: false, message: REFUSED_LOGIN }],
      });
    }
    fake.allowPasswordFlow(false);
    expect((await client().testConnection()).checks).toEqual([
      { name: "Log in (password)", ok: false, message: REFUSED_LOGIN },
    ]);
  });

  it("tells a wrong consumer key from a wrong consumer secret", async () => {
    expect((await client({ consumerKey: "other" }).testConnection()).checks[0]?.message).toMatch(
      /does not recognise the consumer key/,
    );
    expect((await client({ consumerSecret: "other" }).testConnection()).checks[0]?.message).toMatch(
      /refused the consumer secret/,
    );
  });

  it("fails the user check when the customer-comment user does not exist", async () => {
    const result = await client({ customerCommentUsername: "nobody@demo.switchboard.test" }).testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks[1]).toEqual({
      name: "Customer-comment user nobody@demo.switchboard.test exists",
      ok: false,
      message: expect.stringMatching(
        /^No Salesforce user has the username nobody@demo\.switchboard\.test: create/,
      ) as string,
    });
  });

  it("fails the audit check without the permission, and skips it when audit fields are off", async () => {
    fake.setAuditFieldsPermission(false);
    const result = await client().testConnection();
    expect(result.ok).toBe(false);
    expect(result.checks[2]).toMatchObject({
      name: "Audit fields can be set",
      ok: false,
      message: expect.stringMatching(/Set Audit Fields upon Record Creation/) as string,
    });
    const without = await client({ setAuditFields: false }).testConnection();
    expect(without.ok).toBe(true);
    expect(without.checks).toHaveLength(2);
  });

  it("reports an unreachable Salesforce as a failed check", async () => {
    sandbox.faults.add({ vendor: "salesforce", kind: "error5xx", times: 3 });
    const result = await client().testConnection();
    expect(result).toMatchObject({ ok: false, checks: [{ name: "Log in (password)", ok: false }] });
  });
});

describe("salesforce operations", () => {
  it("logs in with either flow and types a refusal as auth", async () => {
    expect(await client().login()).toEqual({
      accessToken: expect.stringMatching(/^00D\w+!/) as string,
      instanceUrl: `${sandbox.url}/salesforce`,
    });
    expect((await client({ flow: "client_credentials" }).login()).instanceUrl).toBe(`${sandbox.url}/salesforce`);
    const error = await failure(client({ password: "wrong" }).login());
    expect(error).toMatchObject({ kind: "auth", status: 400, vendorCode: "invalid_grant", message: REFUSED_LOGIN });
  });

  it("queries every page through nextRecordsUrl", async () => {
    const users = await client().query(
      "SELECT Id, Username FROM User",
      z.object({ Id: z.string(), Username: z.string() }),
    );
    expect(users.map((u) => u.Username)).toEqual(
      expect.arrayContaining([SALESFORCE_SANDBOX_CREDENTIALS.username, CUSTOMER, AGENT]),
    );
    expect(users.length).toBeGreaterThan(2);
  });

  it("passes Salesforce's refusal of a query on as a rejected error", async () => {
    const error = await failure(client().query("SELECT Id, Shoe FROM User", z.object({ Id: z.string() })));
    expect(error).toMatchObject({
      kind: "rejected",
      status: 400,
      vendorCode: "INVALID_FIELD",
      message: expect.stringMatching(/No such column 'Shoe'/) as string,
    });
  });

  it("finds users by username and by email, and returns null for nobody", async () => {
    const sf = client();
    expect(await sf.findUserByUsername(CUSTOMER)).toEqual({
      Id: expect.stringMatching(/^005/) as string,
      Username: CUSTOMER,
      Email: CUSTOMER,
      IsActive: true,
    });
    // SOQL compares text without regard to case.
    expect(await sf.findUserByEmail("Agent@Demo.Switchboard.test")).toMatchObject({ Username: AGENT, IsActive: true });
    expect(await sf.findUserByUsername("nobody@demo.switchboard.test")).toBeNull();
    // A quote in the value is escaped, not a broken query.
    expect(await sf.findUserByEmail("o'brien@demo.switchboard.test")).toBeNull();
  });

  it("tells whether audit fields can be set", async () => {
    expect(await client().canSetAuditFields()).toBe(true);
    fake.setAuditFieldsPermission(false);
    expect(await client().canSetAuditFields()).toBe(false);
  });

  it("creates a contact, a case with a case number and a comment keeping its author and time", async () => {
    const sf = client();
    const [customer, agent] = await Promise.all([sf.findUserByUsername(CUSTOMER), sf.findUserByEmail(AGENT)]);
    const contactId = await sf.create("Contact", { LastName: "Maria C", Phone: "+393331234567" });
    const caseId = await sf.create("Case", {
      Subject: "+393331234567 [1793]",
      ContactId: contactId,
      OwnerId: agent?.Id,
      Origin: "WhatsApp",
      Status: "New",
      Priority: "Medium",
    });
    const sentAt = "2024-05-02T10:15:00.000Z";
    const commentId = await sf.create("CaseComment", {
      ParentId: caseId,
      CommentBody: "[Customer] Hi, my order is late",
      IsPublished: false,
      CreatedDate: sentAt,
      CreatedById: customer?.Id,
    });
    expect([contactId, caseId, commentId]).toEqual([
      expect.stringMatching(/^003/),
      expect.stringMatching(/^500/),
      expect.stringMatching(/^00a/),
    ]);

    const [created] = await sf.query(
      `SELECT CaseNumber, OwnerId, ContactId FROM Case WHERE Id = '${caseId}'`,
      z.object({ CaseNumber: z.string(), OwnerId: z.string(), ContactId: z.string() }),
    );
    expect(created).toEqual({
      CaseNumber: expect.stringMatching(/^\d{8}$/) as string,
      OwnerId: agent?.Id,
      ContactId: contactId,
    });
    const [comment] = await sf.query(
      `SELECT CreatedDate, CreatedById FROM CaseComment WHERE ParentId = '${caseId}'`,
      z.object({ CreatedDate: z.string(), CreatedById: z.string() }),
    );
    expect(comment).toEqual({ CreatedDate: sentAt, CreatedById: customer?.Id });
  });

  it("passes on Salesforce's reasons for refusing a record", async () => {
    const sf = client();
    expect(await failure(sf.create("Contact", { Phone: "+393331234567" }))).toMatchObject({
      kind: "rejected",
      vendorCode: "REQUIRED_FIELD_MISSING",
      message: "Salesforce refused the request: Required fields are missing: [LastName] (REQUIRED_FIELD_MISSING)",
    });
    const caseId = await sf.create("Case", { Subject: "audit" });
    expect(await failure(sf.create("CaseComment", { ParentId: caseId, CommentBody: "x".repeat(4_001) }))).toMatchObject(
      { vendorCode: "STRING_TOO_LONG" },
    );
    fake.setAuditFieldsPermission(false);
    expect(
      await failure(
        sf.create("CaseComment", { ParentId: caseId, CommentBody: "hi", CreatedDate: "2024-05-02T10:15:00.000Z" }),
      ),
    ).toMatchObject({
      kind: "rejected",
      vendorCode: "INVALID_FIELD_FOR_INSERT_UPDATE",
    });
  });

  it("logs in again once when the token has expired", async () => {
    const sf = client();
    const first = await sf.login();
    fake.expireTokens();
    expect(await sf.findUserByUsername(AGENT)).toMatchObject({ Username: AGENT });
    // The old token is refused; the client went on with a new one.
    const stale = await fetch(`${first.instanceUrl}/services/data/v62.0/sobjects/Case/describe`, {
      headers: { authorization: `Bearer ${first.accessToken}` },
    });
    expect(stale.status).toBe(401);
    expect(await stale.json()).toEqual([{ message: "Session expired or invalid", errorCode: "INVALID_SESSION_ID" }]);
  });
});

describe("salesforce faults", () => {
  const onApi = { vendor: "salesforce", pathPrefix: "/services/data" };

  it("retries a 5xx, then succeeds", async () => {
    sandbox.faults.add({ ...onApi, kind: "error5xx", status: 503, times: 2 });
    expect(await client().findUserByUsername(AGENT)).toMatchObject({ Username: AGENT });
  });

  it("retries a 429, then succeeds", async () => {
    sandbox.faults.add({ ...onApi, kind: "rateLimit", retryAfterSeconds: 0 });
    expect(await client().canSetAuditFields()).toBe(true);
  });

  it("retries a dropped connection to the token endpoint", async () => {
    sandbox.faults.add({ vendor: "salesforce", pathPrefix: "/services/oauth2/token", kind: "drop" });
    expect((await client().testConnection()).ok).toBe(true);
  });

  it("ends a slow answer in a timeout error", async () => {
    sandbox.faults.add({ ...onApi, kind: "slow", delayMs: 2_000, times: 3 });
    expect(await failure(client().findUserByUsername(AGENT))).toMatchObject({ kind: "timeout" });
  });

  it("gives up as unavailable when every attempt is a 5xx", async () => {
    sandbox.faults.add({ ...onApi, kind: "error5xx", status: 503, times: 3 });
    expect(await failure(client().create("Contact", { LastName: "Never" }))).toMatchObject({
      kind: "unavailable",
      status: 503,
    });
  });
});
