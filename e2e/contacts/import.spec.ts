import { expect, test } from "../fixtures/test";
import { MARKETER, signIn } from "../fixtures/users";

// Runs through the real Inngest dev server (playwright.config.ts starts it): the import itself
// is the import-contacts function, called back into /api/inngest.
test("a marketer imports a CSV with good and bad rows and sees the exact errors", async ({ page }) => {
  // Numbers of this run only, so a second run against the same database imports fresh rows.
  const n = String(Date.now() % 1_000_000).padStart(6, "0");
  const mobile = (i: number) => `+447912${String((Number(n) + i * 7919) % 1_000_000).padStart(6, "0")}`;
  const csv = [
    "Phone,Email,First name,WhatsApp",
    `${mobile(1)},import-${n}-1@example.com,Imported ${n},opt_in`, // line 2
    `12345,import-${n}-2@example.com,Bad phone,`, // line 3: no country code
    `"${mobile(3)}",import-${n}-3@example.com,"Lee, Cy",opt_out`, // line 4
    ",,Nobody,", // line 5: neither mobile nor email
    `${mobile(5)},,Eve,yes`, // line 6
  ].join("\r\n");

  await signIn(page, MARKETER);
  await page.goto("/contacts");
  await page.getByRole("link", { name: "Import CSV" }).click();
  await expect(page).toHaveURL(/\/contacts\/import$/);

  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "contacts.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Upload and preview" }).click();
  await expect(page.getByRole("heading", { name: "Preview of contacts.csv" })).toBeVisible();
  await expect(page.getByRole("row", { name: /^2 / })).toContainText(mobile(1));

  // The header names suggest most of the mapping; set every column as a person would check it.
  await page.getByLabel("Phone", { exact: true }).selectOption("mobileNumber");
  await page.getByLabel("Email", { exact: true }).selectOption("email");
  await page.getByLabel("First name", { exact: true }).selectOption("firstName");
  await page.getByLabel("WhatsApp", { exact: true }).selectOption("permissions.whatsapp");
  await page.getByLabel("Insert only").check();
  await page.getByRole("button", { name: "Start import" }).click();

  await expect(page).toHaveURL(/\/contacts\/import\?id=[0-9a-f-]{36}$/);
  await expect(page.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("aria-valuenow", "100", {
    timeout: 30_000,
  });
  await expect(page.getByText("Import finished")).toBeVisible();
  await expect(page.getByTestId("import-inserted")).toHaveText("3");
  await expect(page.getByTestId("import-failed")).toHaveText("2");
  await expect(page.getByTestId("import-skipped")).toHaveText("0");

  const rows = page.getByRole("table", { name: "Rows not imported, by line" }).getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1).getByRole("cell")).toHaveText([
    "3",
    "Phone",
    "Start with + and the country code (e.g. +44 7911 123456), or choose the mobile country",
  ]);
  await expect(rows.nth(2).getByRole("cell")).toHaveText(["5", "Phone", "Enter a mobile number or an email address"]);

  // The imported contacts are in the list, with the consent from the file.
  await page.goto("/contacts");
  await page.getByLabel("Search contacts").fill(mobile(1));
  await expect(page.getByRole("row", { name: new RegExp(`Imported ${n}`) })).toContainText(mobile(1));
});
