import { expect, test } from "../fixtures/test";
import { ADMIN, signIn } from "../fixtures/users";

// The Responsys jobs area used to live at /activity: bookmarks to it and its pages redirect for good.

test("the old /activity addresses redirect permanently to /responsys-jobs", async ({ request }) => {
  for (const [from, to] of [
    ["/activity", "/responsys-jobs"],
    ["/activity/new", "/responsys-jobs/new"],
  ] as const) {
    const res = await request.get(from, { maxRedirects: 0 });
    expect(res.status()).toBe(308);
    expect(res.headers()["location"]).toBe(to);
  }
});

test("the sidebar and an old bookmark both open the Responsys jobs page", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Responsys jobs" }).click();
  await expect(page).toHaveURL(/\/responsys-jobs$/);
  await expect(page.getByRole("heading", { name: "Responsys jobs", exact: true })).toBeVisible();
  await page.goto("/activity");
  await expect(page).toHaveURL(/\/responsys-jobs$/);
  await expect(page.getByRole("heading", { name: "Responsys jobs", exact: true })).toBeVisible();
});
