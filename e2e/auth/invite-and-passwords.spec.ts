import { type Browser, type Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { ADMIN, signIn, signOut } from "../fixtures/users";

/** Invites someone from Settings as the demo admin; returns the one-time password shown. */
async function invite(page: Page, name: string, email: string): Promise<string> {
  await signIn(page, ADMIN);
  await page.goto("/settings");
  await expect(page.getByRole("button", { name: "Invite", exact: true })).toBeEnabled();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const status = page.getByRole("status").filter({ hasText: "one-time password" });
  await expect(status).toContainText("within 72 hours");
  return (await status.locator("code").textContent()) ?? "";
}

async function fillNewPassword(page: Page, password: string) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Repeat the new password").fill(password);
}

/** The invitee's first sign-in: made to choose a password before anything else. */
async function firstSignIn(browser: Browser, email: string, oneTimePassword: string, chosen: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, { email, password: oneTimePassword }, /\/choose-password$/);
  await page.goto("/campaigns");
  await expect(page).toHaveURL(/\/choose-password$/);
  await expect(page.getByRole("heading", { name: "Choose your password" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save and continue" })).toBeEnabled();
  await fillNewPassword(page, "short");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page.getByText("Use at least 12 characters")).toBeVisible();
  await fillNewPassword(page, chosen);
  await page.getByRole("button", { name: "Save and continue" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  return { context, page };
}

test("an invitee signs in with the one-time password, must choose their own, then signs in with it", async ({
  page,
  browser,
}) => {
  const oneTimePassword = await invite(page, "Pat Invitee", "pat@example.com");
  await expect(page.getByRole("row", { name: /pat@example.com/ })).toContainText("Invited");
  const pat = await firstSignIn(browser, "pat@example.com", oneTimePassword, "pats own pass phrase");
  await signOut(pat.page);
  await pat.page.goto("/login");
  await pat.page.getByLabel("Email").fill("pat@example.com");
  await pat.page.getByLabel("Password").fill(oneTimePassword);
  await pat.page.getByRole("button", { name: "Sign in" }).click();
  await expect(pat.page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await signIn(pat.page, { email: "pat@example.com", password: "pats own pass phrase" });
  await pat.context.close();
  await page.reload();
  await expect(page.getByRole("row", { name: /pat@example.com/ })).toContainText("Active");
});

test("a user changes their password from the account page, which signs out their other sessions", async ({
  page,
  browser,
}) => {
  const oneTimePassword = await invite(page, "Quinn Changer", "quinn@example.com");
  const quinn = await firstSignIn(browser, "quinn@example.com", oneTimePassword, "a first long phrase");
  // The same person on a second browser.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, { email: "quinn@example.com", password: "a first long phrase" });

  await quinn.page.getByRole("link", { name: "Your account" }).click();
  await expect(quinn.page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(quinn.page.getByRole("button", { name: "Change password" })).toBeEnabled();
  await quinn.page.getByLabel("Current password").fill("not my password");
  await fillNewPassword(quinn.page, "a second long phrase");
  await quinn.page.getByRole("button", { name: "Change password" }).click();
  await expect(quinn.page.getByText("That is not your current password")).toBeVisible();
  await quinn.page.getByLabel("Current password").fill("a first long phrase");
  await quinn.page.getByRole("button", { name: "Change password" }).click();
  await expect(quinn.page.getByText("Password changed. You were signed out everywhere else.")).toBeVisible();

  await otherPage.reload();
  await expect(otherPage).toHaveURL(/\/login/);
  await signIn(otherPage, { email: "quinn@example.com", password: "a second long phrase" });
  await other.close();
  // This session carries on.
  await quinn.page.goto("/dashboard");
  await expect(quinn.page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await quinn.context.close();
});
