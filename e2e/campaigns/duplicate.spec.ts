import { expect, test } from "../fixtures/test";
import { createDemoWhatsAppDraft } from "../fixtures/demo-campaign";
import { trpcMutation } from "../fixtures/trpc";
import { MARKETER, signIn } from "../fixtures/users";

// A launched campaign no longer changes: Duplicate is how a marketer changes it.

test("a marketer duplicates a launched campaign into a draft with the same setup", async ({ page }) => {
  await signIn(page, MARKETER);
  // Launched for a day a year ahead: scheduled, so nothing is sent while the spec looks at it.
  const name = `Autumn offer ${Date.now()}`;
  const nextYear = `${new Date().getUTCFullYear() + 1}-06-01`;
  const id = await createDemoWhatsAppDraft(page.request, name, { frequency: "once", date: nextYear, time: "09:00" });
  await trpcMutation(page.request, "campaign.launch", { id });

  await page.goto(`/campaigns/${id}`);
  await expect(page.getByRole("status", { name: "Campaign status" })).toHaveText("Scheduled");
  await page.getByRole("button", { name: "Duplicate" }).click();

  await expect(page.getByText(`Saved “${name} (copy)” as a draft`)).toBeVisible();
  await expect(page).not.toHaveURL(new RegExp(`/campaigns/${id}$`));
  const form = page.getByRole("form", { name: "Campaign configuration" });
  await expect(form.getByLabel("Campaign name")).toHaveValue(`${name} (copy)`);
  await expect(page.getByText("Ready to launch")).toBeVisible();

  // The original is untouched, and goes no further than this spec.
  await trpcMutation(page.request, "campaign.cancel", { id });
  await page.goto(`/campaigns/${id}`);
  await expect(page.getByRole("heading", { name, level: 1, exact: true })).toBeVisible();
  await expect(page.getByRole("status", { name: "Campaign status" })).toHaveText("Cancelled");
});
