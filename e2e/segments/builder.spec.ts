import { expect, test } from "../fixtures/test";
import { MARKETER, signIn } from "../fixtures/users";

// The demo seed deals its 3,000 contacts round-robin over DE, GB, ES and BR: 750 live in Germany,
// 446 of them opted in to WhatsApp (its fixed pseudo-random consent). Other specs may add contacts
// elsewhere (New record adds a GB one), so the total is read, not assumed.
const GERMANY = "750 contacts";
const GERMANY_WHATSAPP = "446 contacts";

test("a marketer builds a segment, watches the count change, and saves it with its count", async ({ page }) => {
  await signIn(page, MARKETER);
  await page.getByRole("link", { name: "Segments" }).first().click();
  await expect(page).toHaveURL(/\/segments$/);
  await page.getByRole("link", { name: "New segment" }).click();
  await expect(page).toHaveURL(/\/segments\/new$/);

  // No conditions yet: every contact of the workspace matches.
  const count = page.getByRole("status", { name: "Matching contacts" });
  await expect(count).toHaveText(/^3,\d{3} contacts$/);
  const total = Number((await count.textContent())?.replace(/\D/g, ""));
  expect(total).toBeGreaterThanOrEqual(3000);

  await page.getByRole("button", { name: "Add condition", exact: true }).click();
  await expect(page.getByLabel("Condition 1 field", { exact: true })).toHaveValue("country");
  await expect(page.getByLabel("Condition 1 operator", { exact: true })).toHaveValue("eq");
  await page.getByLabel("Condition 1 value", { exact: true }).selectOption("DE");
  await expect(count).toHaveText(GERMANY);
  await expect(page.getByRole("table", { name: "Member preview" }).getByRole("row")).not.toHaveCount(1);

  // A second condition narrows it further; removing it brings the count back.
  await page.getByRole("button", { name: "Add condition", exact: true }).click();
  await page.getByLabel("Condition 2 type", { exact: true }).selectOption("consent");
  await expect(page.getByLabel("Condition 2 consent state", { exact: true })).toHaveValue("opt_in");
  await expect(count).toHaveText(GERMANY_WHATSAPP);
  await page.getByRole("button", { name: "Remove condition 2" }).click();
  await expect(count).toHaveText(GERMANY);

  const name = `Germany ${Date.now()}`;
  await page.getByLabel("Segment name").fill(name);
  await page.getByRole("button", { name: "Save segment" }).click();
  await expect(page).toHaveURL(/\/segments$/);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Dynamic");
  await expect(row).toContainText("750");
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(new RegExp(`^${name}`));
});
