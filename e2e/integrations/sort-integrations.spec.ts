import { expect, test } from "../fixtures/test";
import { ADMIN, signIn } from "../fixtures/users";

test("the integrations list, whole on screen, sorts there from a column header and back", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/integrations");
  const header = page.getByRole("columnheader", { name: "Integration" });
  await expect(header).toHaveAttribute("aria-sort", "none");
  const labels = () => page.getByRole("row").locator("td:first-child a").allTextContents();
  // The list's query may finish after the page is shown: wait for its rows (they come at once).
  await expect.poll(async () => (await labels()).length).toBeGreaterThan(1);
  const listed = await labels();

  // A click before the page is interactive is lost: click until the sort shows.
  await expect(async () => {
    if ((await header.getAttribute("aria-sort")) !== "ascending") await header.getByRole("button").click();
    await expect(header).toHaveAttribute("aria-sort", "ascending", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  const ascending = await labels();
  expect(ascending.map((l) => l.toLowerCase())).toEqual(
    ascending.map((l) => l.toLowerCase()).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  );

  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "descending");
  expect(await labels()).toEqual([...ascending].reverse());

  // A third click gives back the server's order.
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "none");
  expect(await labels()).toEqual(listed);
});
