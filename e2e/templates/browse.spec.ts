import { expect, test } from "../fixtures/test";
import { MARKETER, signIn } from "../fixtures/users";

test("a marketer syncs templates from the Mitto sandbox and opens one to see its rendered preview", async ({
  page,
}) => {
  await signIn(page, MARKETER);
  await page.goto("/templates");
  await page.getByRole("button", { name: "Sync from Mitto (Mitto WhatsApp (sandbox))" }).click();
  // The demo holds three of the sandbox account's four templates; the fourth is new, unless the
  // four-hourly sync (at :23 past 00, 04, 08… UTC) ran while the suite did and brought it already.
  await expect(page.getByText(/^Mitto WhatsApp \(sandbox\): (1 new template|4 unchanged)/)).toBeVisible();
  // Other specs may connect more Mitto accounts (the Responsys app's): look at the sandbox one's rows.
  const row = (name: string) => page.getByRole("row", { name: new RegExp(`^${name} Mitto WhatsApp \\(sandbox\\)`) });
  await expect(row("win_back")).toContainText("Rejected");

  await row("appointment_reminder").getByRole("link", { name: "appointment_reminder" }).click();
  await expect(page.getByRole("heading", { name: "appointment_reminder", level: 1 })).toBeVisible();
  await expect(page).toHaveTitle(/^appointment_reminder/);
  await expect(
    page.getByText("Hi Maria, this is a reminder of your appointment on tomorrow at 12:00 PM."),
  ).toBeVisible();
  await expect(page.getByText(/3 placeholders/)).toBeVisible();

  await page.getByLabel("Preview for a contact").fill("Vaishali");
  await page
    .getByRole("button", { name: /Vaishali/ })
    .first()
    .click();
  // The greeting takes the contact's first name; the date and time keep their sample values.
  await expect(
    page.getByText("Hi Vaishali, this is a reminder of your appointment on tomorrow at 12:00 PM."),
  ).toBeVisible();
});
