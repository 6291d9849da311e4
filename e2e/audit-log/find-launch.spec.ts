import { expect, test } from "../fixtures/test";
import { createDemoWhatsAppDraft } from "../fixtures/demo-campaign";
import { trpcMutation } from "../fixtures/trpc";
import { ADMIN, signIn } from "../fixtures/users";

// Issue 19 item 6: an admin finds who launched a campaign, and when, in the audit log. The
// campaign is set up and launched through the API (the campaign specs walk through those screens).

test("an admin finds a campaign launch in the audit log and opens the campaign from it", async ({ page }) => {
  await signIn(page, ADMIN);
  // Launched for a day a year ahead: scheduled, so nothing is sent while the spec looks at it.
  const name = `Audited launch ${Date.now()}`;
  const nextYear = `${new Date().getUTCFullYear() + 1}-06-01`;
  const id = await createDemoWhatsAppDraft(page.request, name, { frequency: "once", date: nextYear, time: "09:00" });
  await trpcMutation(page.request, "campaign.launch", { id });

  await page.getByRole("navigation").getByRole("link", { name: "Audit log" }).click();
  await expect(page).toHaveURL(/\/audit-log$/);
  await page.getByLabel("What").selectOption({ label: "Launched a campaign" });
  await page.getByLabel("Object id").fill(id);
  const table = page.getByRole("table", { name: "Audit log entries, newest first" });
  const row = table.getByRole("row").filter({ hasText: id });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Launched a campaign");
  await expect(row).toContainText(ADMIN.email);

  // The export carries the same filter.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const { readFile } = await import("node:fs/promises");
  const lines = (await readFile(file, "utf8")).trimEnd().split("\r\n");
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`Launched a campaign,campaign.launch,Campaign,${id}`);

  await row.getByRole("link", { name: "Campaign" }).click();
  await expect(page).toHaveURL(new RegExp(`/campaigns/${id}$`));
  await expect(page.getByRole("heading", { name, level: 1, exact: true })).toBeVisible();
  await trpcMutation(page.request, "campaign.cancel", { id });
});
