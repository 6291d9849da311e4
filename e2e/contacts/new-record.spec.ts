import { expect, test } from "../fixtures/test";
import { MARKETER, signIn } from "../fixtures/users";

test("the contacts page shows the list health of the demo workspace", async ({ page }) => {
  await signIn(page, MARKETER);
  await page.goto("/contacts");
  const health = page.getByRole("region", { name: "List health" });
  const whatsapp = health.getByRole("row", { name: /^WhatsApp/ });
  // The demo's 3,000 contacts, plus any that earlier specs added.
  await expect(whatsapp.getByRole("cell").last()).toHaveText(/^3,\d{3} \(100%\)$/);
  await expect(whatsapp.getByRole("cell").first()).toHaveText(/^[1-9][\d,]* \(\d+(\.\d)?%\)$/);
});

test("a marketer adds a New record: a bad number is named, the saved one is E.164 with its consent, and search finds it", async ({
  page,
}) => {
  await signIn(page, MARKETER);
  await page.goto("/contacts/new");
  await expect(page.getByRole("button", { name: "Save record" })).toBeEnabled();
  await page.getByLabel("Mobile number").fill("12");
  await page.getByLabel("First name").fill("Vaishali");
  await page.getByLabel("WhatsApp permission").selectOption("opt_in");
  await page.getByRole("button", { name: "Save record" }).click();
  await expect(
    page.locator("#" + (await page.getByLabel("Mobile number").getAttribute("id")) + "-error"),
  ).toBeVisible();

  await page.getByLabel("Mobile number").fill("+44 7911 123456");
  await page.getByRole("button", { name: "Save record" }).click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  await expect(page.getByText("+447911123456").first()).toBeVisible();
  await expect(page.getByText("Vaishali").first()).toBeVisible();

  await page.goto("/contacts");
  await page.getByLabel("Search contacts").fill("+4479111");
  await expect(page.getByText("1 contact matching “+4479111”")).toBeVisible();
  await expect(page.getByRole("row", { name: /Vaishali/ })).toContainText("+447911123456");
});

test("a New record with a German number and no time zone gets Europe/Berlin; an edit sets another zone from the list and an Annex Cloud id", async ({
  page,
}) => {
  await signIn(page, MARKETER);
  await page.goto("/contacts/new");
  await expect(page.getByRole("button", { name: "Save record" })).toBeEnabled();
  await page.getByLabel("Mobile number").fill("+49 176 99887766");
  await page.getByLabel("First name").fill("Zeynep");
  await expect(page.getByLabel("Time zone")).toHaveValue("");
  await page.getByRole("button", { name: "Save record" }).click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Zeynep", level: 1 })).toBeVisible();
  const record = page.getByRole("region", { name: "Profile" });
  await expect(record.getByRole("definition").filter({ hasText: "Europe/Berlin" })).toBeVisible();

  await page.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  await page.getByLabel("Time zone").selectOption("America/New_York");
  await page.getByLabel("Annex Cloud id").fill("AX-40017");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("button", { name: "Edit" })).toBeVisible();
  await expect(record.getByRole("definition").filter({ hasText: "America/New_York" })).toBeVisible();
  await expect(record.getByRole("definition").filter({ hasText: "AX-40017" })).toBeVisible();
});
