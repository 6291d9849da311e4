import { expect, test } from "../fixtures/test";
import { ADMIN, signIn } from "../fixtures/users";

test("an admin invites a user who signs in with the one-time password, then disables them mid-session", async ({
  page,
  browser,
}) => {
  await signIn(page, ADMIN);
  await page.goto("/settings");
  // The invite button is enabled once the form is live; typing earlier would be reset.
  await expect(page.getByRole("button", { name: "Invite", exact: true })).toBeEnabled();
  await page.getByLabel("Name").fill("Nina New");
  await page.getByLabel("Email").fill("nina@example.com");
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  const status = page.getByRole("status").filter({ hasText: "one-time password" });
  await expect(status).toBeVisible();
  const password = (await status.locator("code").textContent()) ?? "";
  await expect(page.getByRole("cell", { name: "nina@example.com" })).toBeVisible();

  const nina = await browser.newContext();
  const ninaPage = await nina.newPage();
  await signIn(ninaPage, { email: "nina@example.com", password }, /\/choose-password$/);

  await page
    .getByRole("row", { name: /nina@example.com/ })
    .getByRole("button", { name: "Disable" })
    .click();
  await expect(page.getByRole("row", { name: /nina@example.com/ })).toContainText("Disabled");

  await ninaPage.reload();
  await expect(ninaPage).toHaveURL(/\/login$/);
  await nina.close();
});

test("inviting an existing email says so next to the form and adds nobody", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/settings");
  await expect(page.getByRole("button", { name: "Invite", exact: true })).toBeEnabled();
  // The users' query may finish after the page is shown: count the rows once they are there.
  await expect(page.getByRole("row").filter({ hasText: ADMIN.email })).toBeVisible();
  const rowsBefore = await page.getByRole("row").count();
  await page.getByLabel("Name").fill("Dup");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByRole("button", { name: "Invite", exact: true }).click();
  await expect(page.getByText(`A user with the email ${ADMIN.email} already exists`)).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(rowsBefore);
});
