import { expect, test } from "@playwright/test";
import { trpcMutation, trpcQuery } from "../fixtures/trpc";
import { MARKETER, signIn } from "../fixtures/users";

// A launched campaign no longer changes: Duplicate is how a marketer changes it.

type Options = {
  integrations: { id: string; label: string; senders: { id: string; name: string }[] }[];
  templates: { id: string; integrationId: string; name: string }[];
  segments: { id: string; name: string }[];
};

test("a marketer duplicates a launched campaign into a draft with the same setup", async ({ page }) => {
  await signIn(page, MARKETER);
  const options = await trpcQuery<Options>(page.request, "campaign.options");
  const integration = options.integrations.find((i) => i.label === "Mitto WhatsApp (sandbox)");
  const sender = integration?.senders.find((s) => s.name === "Switchboard Demo WhatsApp");
  const template = options.templates.find((t) => t.integrationId === integration?.id && t.name === "mcp_account");
  const segment = options.segments.find((s) => s.name === "WhatsApp opted-in, Germany");
  expect([integration, sender, template, segment].every(Boolean), "the demo workspace's Mitto setup").toBe(true);

  // Launched for a day a year ahead: scheduled, so nothing is sent while the spec looks at it.
  const name = `Autumn offer ${Date.now()}`;
  const nextYear = `${new Date().getUTCFullYear() + 1}-06-01`;
  const { id } = await trpcMutation<{ id: string }>(page.request, "campaign.create", {
    name,
    channel: "whatsapp",
    integrationId: integration?.id,
    senderId: sender?.id,
    optInField: null,
    templateId: template?.id,
    placeholderMappings: [{ kind: "field", field: "first_name" }],
    smsBody: null,
    trigger: "scheduled",
    segmentId: segment?.id,
    schedule: { frequency: "once", date: nextYear, time: "09:00" },
    statusField: null,
    statusTimeoutMinutes: 0,
  });
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
  await expect(page.getByRole("heading", { name, level: 2, exact: true })).toBeVisible();
  await expect(page.getByRole("status", { name: "Campaign status" })).toHaveText("Cancelled");
});
