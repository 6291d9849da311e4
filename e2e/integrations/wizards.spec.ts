import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { ADMIN, MARKETER, signIn } from "../fixtures/users";

// Every wizard completed in the browser against the vendor sandbox (test mode), with credentials
// each fake accepts: for the vendors that send callbacks, a sandbox account of the test's own
// (README, vendor sandbox), so these integrations do not take over the demo integrations' callbacks.

// A connection test retries a vendor that answers slowly or not at all, as with a real vendor (up to
// four tries of 10 s each), so its result may take that long on a busy machine.
const CONNECTION_TEST_MS = 45_000;

async function openWizard(page: Page, vendor: string, label: string) {
  test.setTimeout(120_000);
  await signIn(page, ADMIN);
  await page.goto(`/integrations/new/${vendor}`);
  await expect(page.getByRole("button", { name: /Continue|Test connection and save/ })).toBeEnabled();
  await page.getByLabel("Label", { exact: true }).fill(label);
  await page.getByLabel(/Test mode/).check();
}

const fill = (page: Page, label: string, value: string) => page.getByLabel(label, { exact: true }).fill(value);
const next = (page: Page, name = "Continue") => page.getByRole("button", { name, exact: true }).click();

async function testAndProceed(page: Page, label: string) {
  await page.getByRole("button", { name: "Test connection and save" }).click();
  await expect(page.getByRole("heading", { name: "Connected" })).toBeVisible({ timeout: CONNECTION_TEST_MS });
  await expect(page.getByRole("list", { name: "Connection checks" }).getByLabel("failed")).toHaveCount(0);
  return async () => {
    await page.getByRole("button", { name: "Proceed" }).click();
    await expect(page.getByRole("heading", { name: label })).toBeVisible();
    await expect(page.getByText("Active", { exact: true })).toBeVisible();
  };
}

test("Mitto WhatsApp: the Responsys CX app link, terms, Mitto account, test, business accounts", async ({ page }) => {
  await openWizard(page, "mitto", "Mitto e2e");
  // Responsys location and permissions are asked by Responsys when it installs the CX app.
  await expect(page.getByRole("link", { name: "Connect the Responsys CX app" })).toHaveAttribute(
    "href",
    "/integrations/new/responsys_app",
  );
  await expect(page.getByLabel("Responsys location")).toHaveCount(0);
  await next(page);
  await next(page);
  await expect(page.getByText("Accept the terms and conditions to continue")).toBeVisible();
  await page.getByLabel("I accept the terms and conditions").check();
  await next(page);
  await expect(page.getByRole("link", { name: /No Mitto account yet/ })).toBeVisible();
  await fill(page, "Mitto email or username", "demo+wizard@switchboard.test");
  await fill(page, "Password", "sandbox-password");
  await expect(page.getByLabel("Namespace", { exact: true })).toHaveCount(0);
  await next(page);
  const proceed = await testAndProceed(page, "Mitto e2e");
  await expect(page.getByRole("heading", { name: "WhatsApp business accounts" })).toBeVisible();
  await proceed();
});

test("Wavy WhatsApp: provider settings, test, and the two webhook URLs with copy buttons", async ({ page }) => {
  await openWizard(page, "wavy", "Wavy e2e");
  await fill(page, "Username", "demo-wizard");
  await fill(page, "Password", "sandbox-password");
  await fill(page, "SMS RegExp", "([");
  await fill(page, "SMSFrom namespace", "demo_wavy_ns");
  await fill(page, "Approved numbers (DIDs), one per line", "+5511987650000");
  await next(page);
  await expect(page.getByText("This is not a valid regular expression")).toBeVisible();
  await fill(page, "SMS RegExp", ".");
  await next(page);
  const proceed = await testAndProceed(page, "Wavy e2e");
  await expect(page.getByTestId("webhook-message")).toContainText("/api/webhooks/wavy/");
  await expect(page.getByTestId("webhook-status")).toContainText("?token=");
  await expect(page.getByRole("button", { name: "Copy the new messages URL" })).toBeVisible();
  await proceed();
  expect(await page.content()).not.toContain("sandbox-password");

  // Reconfigure: the stored token is never shown, and left blank it is kept.
  await page.getByRole("link", { name: "Reconfigure" }).click();
  await expect(page.getByRole("button", { name: "Continue" })).toBeEnabled();
  await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
  await expect(page.getByLabel("Password", { exact: true })).toHaveAttribute(
    "placeholder",
    "Stored — leave blank to keep it",
  );
  expect(await page.content()).not.toContain("sandbox-password");
  await fill(page, "Label", "Wavy e2e renamed");
  await next(page);
  await page.getByRole("button", { name: "Test and save changes" }).click();
  await expect(page.getByRole("heading", { name: "Changes saved" })).toBeVisible({ timeout: CONNECTION_TEST_MS });
  await page.getByRole("button", { name: "Proceed" }).click();
  await expect(page.getByRole("heading", { name: "Wavy e2e renamed" })).toBeVisible();
});

test("uninstalling keeps the integration's history and says so", async ({ page }) => {
  await openWizard(page, "wavy", "Wavy to uninstall");
  await fill(page, "Username", "demo-uninstall");
  await fill(page, "Password", "sandbox-password");
  await fill(page, "SMSFrom namespace", "demo_wavy_ns");
  await fill(page, "Approved numbers (DIDs), one per line", "+5511987650000");
  await next(page);
  const proceed = await testAndProceed(page, "Wavy to uninstall");
  await proceed();
  await page.getByRole("button", { name: "Uninstall" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Uninstall" }).click();
  await expect(
    page.getByText(/Its credentials were deleted; its messages, senders and history are kept/),
  ).toBeVisible();
  await page.goto("/integrations");
  await expect(page.getByRole("link", { name: "Wavy to uninstall" })).toHaveCount(0);
  await page.getByLabel("Show uninstalled").check();
  await expect(page.getByRole("row", { name: /Wavy to uninstall/ })).toContainText("Uninstalled");
});

test("Attentive SMS with Annex Cloud: computed access token, keys, eligibility test", async ({ page }) => {
  await openWizard(page, "attentive", "Attentive e2e");
  await fill(page, "Site ID", "123456");
  await fill(page, "Loyalty token", "sandbox-loyalty");
  // base64 of ["sandbox-loyalty","123456"]
  await expect(page.getByText("WyJzYW5kYm94LWxveWFsdHkiLCIxMjM0NTYiXQ==")).toBeVisible();
  await next(page);
  await fill(page, "Attentive API key", "sandbox-api-key+wizard");
  await fill(page, "Legacy messages token", "sandbox-legacy-token+wizard");
  await fill(page, "Sign-up source ID", "132109");
  await next(page);
  const proceed = await testAndProceed(page, "Attentive e2e");
  await expect(page.getByText(/Eligibility/)).toBeVisible();
  await proceed();
});

test("Salesforce case sync: connected app, API user, options, named checks", async ({ page }) => {
  await openWizard(page, "salesforce", "Salesforce e2e");
  await fill(page, "Consumer key", "sandbox-key");
  await fill(page, "Consumer secret", "sandbox-secret");
  await next(page);
  await fill(page, "Username of the API user", "api@demo.switchboard.test");
  await fill(page, "Password of the API user", "sandbox-password");
  await fill(page, "Security token of the API user", "sandbox-token");
  await next(page);
  await fill(page, "Username of the Salesforce user for customer comments", "customer@demo.switchboard.test");
  await next(page);
  const proceed = await testAndProceed(page, "Salesforce e2e");
  await expect(page.getByText(/Customer-comment user/)).toBeVisible();
  await expect(page.getByText(/Audit fields can be set/)).toBeVisible();
  await proceed();
});

test("Oracle Responsys (Interact): label, method, credentials with a validated endpoint", async ({ page }) => {
  await openWizard(page, "responsys", "Responsys e2e");
  await next(page);
  await fill(page, "Username", "demo_api_user");
  await fill(page, "Password", "sandbox-password");
  await fill(page, "Endpoint URI", "example.com");
  await next(page);
  await expect(page.getByText(/Use a Responsys login host/)).toBeVisible();
  await fill(page, "Endpoint URI", "login2.responsys.net");
  await next(page);
  const proceed = await testAndProceed(page, "Responsys e2e");
  await proceed();
});

test("wrong credentials show the vendor's refusal in plain words and save nothing", async ({ page }) => {
  await openWizard(page, "wavy", "Wavy wrong");
  await fill(page, "Username", "demo");
  await fill(page, "Password", "not-the-token");
  await fill(page, "SMSFrom namespace", "demo_wavy_ns");
  await fill(page, "Approved numbers (DIDs), one per line", "+5511987650000");
  await next(page);
  await page.getByRole("button", { name: "Test connection and save" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "The connection test failed, so nothing was saved." });
  await expect(alert).toBeVisible({ timeout: CONNECTION_TEST_MS });
  await expect(alert.getByLabel("failed").first()).toBeVisible();
  await page.goto("/integrations");
  await expect(page.getByRole("link", { name: "Wavy e2e renamed" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Wavy wrong" })).toHaveCount(0);
});

test("a marketer cannot open the integrations area", async ({ page }) => {
  await signIn(page, MARKETER);
  for (const path of ["/integrations", "/integrations/new/wavy"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  }
  const res = await page.request.get(
    "/api/trpc/integration.list?input=" + encodeURIComponent(JSON.stringify({ json: { includeUninstalled: false } })),
  );
  expect(res.status()).toBe(403);
});
