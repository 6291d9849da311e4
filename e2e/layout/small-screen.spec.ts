import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { createDemoWhatsAppDraft } from "../fixtures/demo-campaign";
import { MARKETER, signIn } from "../fixtures/users";

// A phone's width: the sidebar gives way to a menu, and pages fit the screen (wide tables scroll
// inside their cards, never the page sideways).

test.use({ viewport: { width: 390, height: 844 } });

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

test("at 390 px a marketer opens a campaign from the menu", async ({ page }) => {
  await signIn(page, MARKETER);
  const name = `Small screen ${Date.now()}`;
  await createDemoWhatsAppDraft(page.request, name);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();

  await page.getByRole("button", { name: "Open menu" }).click();
  const menu = page.getByRole("dialog", { name: "Switchboard" });
  await menu.getByRole("link", { name: "Campaigns" }).click();
  await expect(menu).toBeHidden();
  await expect(page).toHaveURL(/\/campaigns$/);
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);

  await page.getByRole("link", { name, exact: true }).click();
  await expect(page.getByRole("form", { name: "Campaign configuration" }).getByLabel("Campaign name")).toHaveValue(
    name,
  );
  expect(await pageWidth(page)).toBeLessThanOrEqual(390);
});
