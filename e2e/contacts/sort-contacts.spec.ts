import { expect, test } from "../fixtures/test";
import { MARKETER, signIn } from "../fixtures/users";

test("the contacts list sorts on the server from its column headers, and the address keeps the sort", async ({
  page,
}) => {
  await signIn(page, MARKETER);
  await page.goto("/contacts");
  const table = page.getByRole("table", { name: /^Contacts, sorted by/ });
  const name = table.getByRole("columnheader", { name: "Name" });
  const created = table.getByRole("columnheader", { name: "Created" });
  await expect(created).toHaveAttribute("aria-sort", "descending");
  await expect(name).toHaveAttribute("aria-sort", "none");

  // A click before the page is interactive is lost: click until the sort shows.
  await expect(async () => {
    if ((await name.getAttribute("aria-sort")) !== "ascending") await name.getByRole("button").click();
    await expect(name).toHaveAttribute("aria-sort", "ascending", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page).toHaveURL(/\?sort=name&dir=asc$/);
  await expect(
    page.getByRole("table", { name: "Contacts, sorted by last name, then first name, ascending" }),
  ).toBeVisible();
  await expect(created).toHaveAttribute("aria-sort", "none");

  // Dates start newest first.
  await created.getByRole("button").click();
  await expect(created).toHaveAttribute("aria-sort", "descending");
  await expect(page).toHaveURL(/\/contacts$/);
});
