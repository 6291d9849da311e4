import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { MARKETER, signIn } from "../fixtures/users";

// The demo seed's Mitto sandbox integration and its mcp_account template ("Dear {{1}}, …").
// Sends run in the real Inngest dev server; the sandbox reports deliveries to the webhook.
const INTEGRATION = "Mitto WhatsApp (sandbox) · Mitto";
const BUSINESS_ACCOUNT = "Switchboard Demo WhatsApp (+493098765432)";

async function newDraft(page: Page, name: string) {
  await signIn(page, MARKETER);
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill(name);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  const form = page.getByRole("form", { name: "Campaign configuration" });
  await form.getByLabel("Integration", { exact: true }).selectOption({ label: INTEGRATION });
  await form.getByRole("combobox", { name: "Business account" }).selectOption({ label: BUSINESS_ACCOUNT });
  return form;
}

async function saveAndLaunch(page: Page) {
  const form = page.getByRole("form", { name: "Campaign configuration" });
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form.getByText("All changes saved")).toBeVisible();
  await expect(page.getByText("Ready to launch")).toBeVisible();
  await page.getByRole("button", { name: "Launch", exact: true }).click();
  await expect(page.getByRole("status", { name: "Campaign status" })).toHaveText("Active");
}

// German mobile numbers (+49 151 and eight digits) no other spec uses, different on every run.
const uniqueNumber = (prefix: string) => `+49151${prefix}${String(Date.now()).slice(-7)}`;

test("a dialer list with a bad line is refused with its line number; a good one is sent", async ({ page }) => {
  test.setTimeout(120_000);
  const form = await newDraft(page, `Dialer ${Date.now()}`);
  await form.getByRole("radio", { name: "From uploaded dialer lists (uContact CSV)" }).check();
  await expect(form.getByText("Each line of a dialer list names its template and values")).toBeVisible();
  await expect(form.getByLabel("Template", { exact: true })).toHaveCount(0);
  await saveAndLaunch(page);

  const file = page.getByLabel("Dialer CSV");
  const first = uniqueNumber("1").slice(1);
  const second = uniqueNumber("2").slice(1);
  await file.setInputFiles({
    name: "dialer.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${first},hsm:mcp_account:Ana\n${second},hsm:mcp_account\n`),
  });
  await page.getByRole("button", { name: "Send list" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The list was not sent" })).toContainText(
    "Fix this line: line 2: mcp_account needs 1 value after the code, got 0",
  );
  await expect(page.getByText("Nothing sent yet: upload a dialer list below.")).toBeVisible();

  await file.setInputFiles({
    name: "dialer.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${first},hsm:mcp_account:Ana\n${second},hsm:mcp_account:Ben\n`),
  });
  await page.getByRole("button", { name: "Send list" }).click();
  await expect(page.getByText("Dialer list queued: 2 messages")).toBeVisible();
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "2 of 2 messages processed (100%)", {
    timeout: 60_000,
  });
  const recipients = page.getByRole("table", { name: "Recipients of this campaign, newest first" });
  await expect(recipients).toContainText(`+${first}`);
  await expect(recipients).toContainText(`+${second}`);
});

test("a contact created in the UI receives the contact-activated campaign and shows its last message status", async ({
  page,
}) => {
  test.setTimeout(240_000);
  const form = await newDraft(page, `Welcome ${Date.now()}`);
  await form.getByRole("radio", { name: "When a contact is created or imported" }).check();
  await form.getByLabel("Template", { exact: true }).selectOption({ label: "mcp_account (en)" });
  await form.getByLabel("Placeholder {{1}}", { exact: true }).selectOption({ label: "First name" });
  await expect(form.getByRole("combobox", { name: "Last message status" })).toHaveValue("last_message_status");
  await form.getByLabel("Timeout for receiving message statuses").fill("1");
  await saveAndLaunch(page);

  // Event-triggered send: a New record with opt-in enters the campaign.
  await page.goto("/contacts/new");
  await page.getByLabel("Mobile number").fill(uniqueNumber("3"));
  await page.getByLabel("First name").fill("Vaishali");
  await page.getByLabel("WhatsApp permission").selectOption("opt_in");
  await page.getByRole("button", { name: "Save record" }).click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);

  // After the one-minute status timeout, the last status is written to the contact (the Mitto
  // sandbox reports Sent, Delivered, then Read).
  const status = page.locator("dt", { hasText: "Last message status" }).locator("xpath=following-sibling::dd[1]");
  await expect
    .poll(
      async () => {
        await page.reload();
        return (await status.textContent())?.trim() ?? "";
      },
      { timeout: 200_000, intervals: [5_000] },
    )
    .toMatch(/^(DELIVERED|READ) · /);
});
