import { expect, test } from "../fixtures/test";
import { ADMIN, signIn } from "../fixtures/users";

// An admin sets the pace of a WhatsApp number: a value out of range is refused with the reason,
// a good one is saved and shown; emptying it goes back to WhatsApp's default of 80.
test("an admin sets a WhatsApp number's pace", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/integrations");
  await page.getByRole("link", { name: "Mitto WhatsApp (sandbox)" }).click();
  const pace = page.getByLabel("Pace of Switchboard Demo Brasil, messages a second");
  const row = page.getByRole("listitem").filter({ has: pace });
  // The demo workspace sets its numbers at WhatsApp's default tier.
  await expect(pace).toHaveValue("80");

  await pace.fill("5000");
  await row.getByRole("button", { name: "Save pace" }).click();
  await expect(row.getByRole("alert")).toHaveText("The pace is 1 to 1,000 messages a second");

  await pace.fill("250");
  await row.getByRole("button", { name: "Save pace" }).click();
  await expect(page.getByText("Switchboard Demo Brasil now sends 250 messages a second")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Pace of Switchboard Demo Brasil, messages a second")).toHaveValue("250");

  await page.getByLabel("Pace of Switchboard Demo Brasil, messages a second").fill("");
  await row.getByRole("button", { name: "Save pace" }).click();
  await expect(page.getByText("Switchboard Demo Brasil now sends 80 messages a second")).toBeVisible();
  await expect(row).toContainText("msg/s (default 80)");
});
