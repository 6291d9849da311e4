import { expect, test } from "../fixtures/test";
import { MARKETER, signIn } from "../fixtures/users";

// The demo seed's Mitto sandbox integration, its German business account, the mcp_account
// template (Mitto's sample: "Dear {{1}}, your Mitto Dashboard account was successfully created…") and
// the segment "WhatsApp opted-in, Germany" (446 contacts). The sandbox reports deliveries to the
// portal's webhook and the real Inngest dev server runs the sends, so the funnel fills in live.
const INTEGRATION = "Mitto WhatsApp (sandbox) · Mitto";
const BUSINESS_ACCOUNT = "Switchboard Demo WhatsApp (+493098765432)";
const TEMPLATE = "mcp_account (en)";
const SEGMENT = "WhatsApp opted-in, Germany";

test("a marketer builds a WhatsApp campaign, launches it to a segment and watches it deliver", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, MARKETER);
  await page.getByRole("link", { name: "Campaigns" }).first().click();
  await expect(page).toHaveURL(/\/campaigns$/);
  await page.getByRole("link", { name: "New campaign" }).click();
  await expect(page).toHaveURL(/\/campaigns\/new$/);

  const name = `Account created ${Date.now()}`;
  await page.getByLabel("Campaign name").fill(name);
  await expect(page.getByRole("radio", { name: "WhatsApp" })).toBeChecked();
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);

  // A blank draft: the launch check lists what is missing, and Launch waits for it.
  const form = page.getByRole("form", { name: "Campaign configuration" });
  const issues = page.getByRole("list", { name: "Launch issues" });
  const launch = page.getByRole("button", { name: "Launch", exact: true });
  await expect(issues).toContainText("Choose the integration to send through");
  await expect(launch).toBeDisabled();

  // Message settings.
  await form.getByLabel("Integration", { exact: true }).selectOption({ label: INTEGRATION });
  await form.getByRole("combobox", { name: "Business account" }).selectOption({ label: BUSINESS_ACCOUNT });
  await expect(form.getByRole("combobox", { name: "Opt-in field" })).toHaveValue("");

  // Template: its text appears, then one dropdown per placeholder.
  await form.getByLabel("Template", { exact: true }).selectOption({ label: TEMPLATE });
  const preview = form.getByRole("figure", { name: "Preview of mcp_account" });
  await expect(preview).toContainText("[missing {{1}}]");
  await expect(form.getByLabel(/^Placeholder \{\{\d+\}\}$/)).toHaveCount(1);
  await form.getByLabel("Placeholder {{1}}", { exact: true }).selectOption({ label: "First name" });
  await expect(preview).toContainText(
    "Dear First name, your Mitto Dashboard account was successfully created. Please check your email inbox.",
  );
  await expect(preview).not.toContainText("[missing");

  // Audience and timing: once, no date, so it sends at launch.
  await expect(form.getByRole("radio", { name: "On a schedule, to a segment" })).toBeChecked();
  const segment = form.getByLabel("Segment", { exact: true });
  const segmentValue = await segment.locator("option", { hasText: SEGMENT }).getAttribute("value");
  expect(segmentValue).toBeTruthy();
  await segment.selectOption(segmentValue ?? "");
  await expect(form.getByLabel("Frequency", { exact: true })).toHaveValue("once");
  await expect(form.getByLabel("Date", { exact: true })).toHaveValue("");

  // Output parameters, as Mitto's Responsys app shows them: the timeout reads "0h 11m".
  await expect(form.getByRole("combobox", { name: "Last message status" })).toHaveValue("last_message_status");
  const timeout = form.getByLabel("Timeout for receiving message statuses");
  await timeout.fill("11");
  await expect(timeout).toHaveAttribute("aria-valuetext", "0h 11m");
  await expect(form.getByText("0h 11m", { exact: true })).toBeVisible();

  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(page.getByText("Draft saved")).toBeVisible();
  await expect(form.getByText("All changes saved")).toBeVisible();
  await expect(form.getByRole("alert")).toHaveCount(0);
  await expect(issues).toHaveCount(0);
  await expect(page.getByText("Ready to launch")).toBeVisible();

  // Before launching: a dry run says who would receive it.
  await page.getByRole("button", { name: "Preview recipients" }).click();
  const sample = page.getByRole("table", { name: /^Sample of \d+ contacts/ });
  await expect(sample).toBeVisible();
  await expect(sample.getByRole("cell", { name: "Would send" }).first()).toBeVisible();

  await expect(launch).toBeEnabled();
  await launch.click();

  // The same page now follows the send.
  await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
  const progress = page.getByRole("progressbar");
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuetext", /\(100%\)$/, { timeout: 120_000 });
  await expect(page.getByRole("status", { name: "Campaign status" })).toHaveText("Completed", { timeout: 30_000 });

  // Delivery receipts arrive from the sandbox through the webhook: the funnel fills in.
  const funnel = page.getByRole("table", { name: /^Delivery funnel/ });
  const deliveredCount = funnel
    .getByRole("row", { name: /^Delivered/ })
    .getByRole("cell")
    .first();
  await expect
    .poll(async () => Number((await deliveredCount.textContent())?.replace(/\D/g, "") || "0"), {
      timeout: 60_000,
      intervals: [1_000, 2_000, 5_000],
    })
    .toBeGreaterThan(0);

  // Every recipient is listed with their status, and the CSV is offered.
  const recipients = page.getByRole("table", { name: "Recipients of this campaign, newest first" });
  await expect(recipients.getByRole("row")).not.toHaveCount(1);
  await expect(page.getByRole("link", { name: "Export CSV" })).toHaveAttribute(
    "href",
    /\/api\/campaigns\/[0-9a-f-]{36}\/messages$/,
  );
});
