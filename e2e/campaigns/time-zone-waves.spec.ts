import { expect, test } from "../fixtures/test";
import { createDemoWhatsAppDraft } from "../fixtures/demo-campaign";
import { MARKETER, signIn } from "../fixtures/users";

// The builder says in which zone each group of recipients is sent: Preview recipients lists the
// waves of a scheduled send. The demo's German contacts are in Europe/Berlin.
test("the builder's preview of a scheduled campaign lists its waves: zone, local and UTC time, recipients", async ({
  page,
}) => {
  await signIn(page, MARKETER);
  const id = await createDemoWhatsAppDraft(page.request, `Local morning ${Date.now()}`);
  await page.goto(`/campaigns/${id}`);
  const form = page.getByRole("form", { name: "Campaign configuration" });
  // A winter date a year ahead: 09:00 in Berlin is 08:00 UTC.
  const date = `${new Date().getUTCFullYear() + 1}-01-15`;
  await form.getByLabel("Date", { exact: true }).fill(date);
  await expect(form.getByText("Unsaved changes")).toBeVisible();
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form.getByText("All changes saved")).toBeVisible();

  await page.getByRole("button", { name: "Preview recipients" }).click();
  const waves = page.getByRole("table", { name: /^Waves/ });
  await expect(waves).toBeVisible();
  const berlin = waves.getByRole("row", { name: /Europe\/Berlin/ });
  await expect(berlin).toContainText(`${date} 09:00`);
  await expect(berlin).toContainText(`${date} 08:00 UTC`);
  await expect(berlin.getByRole("cell").last()).toHaveText(/^[1-9]\d*$/);
});
