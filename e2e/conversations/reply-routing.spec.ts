import { expect, test } from "../fixtures/test";
import { myConversationWith } from "../fixtures/conversations";
import { MARKETER, signIn } from "../fixtures/users";

// Seed 002's flow on the demo's Mitto sandbox integration: a dialer campaign with a service
// level and the marketer as its member (added in the builder's Members section) texts a number
// that is no contact; the number replies through the sandbox; the conversation lands in the
// marketer's list with its first-response due time; the marketer answers and sees the reply's
// delivery status arrive from the sandbox's reports (Inngest dev server, real webhooks).
const SANDBOX = "http://127.0.0.1:4110";
const INTEGRATION = "Mitto WhatsApp (sandbox) · Mitto";
const BUSINESS_ACCOUNT = "Switchboard Demo WhatsApp (+493098765432)";

test("a reply to a campaign reaches its member with a due time, and the agent's answer shows its delivery status", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  // A German mobile number of its own per run, never a contact.
  const mobile = `+491517${String(Date.now()).slice(-7)}`;

  await signIn(page, MARKETER);
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill(`Appointments ${Date.now()}`);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  const form = page.getByRole("form", { name: "Campaign configuration" });
  await form.getByLabel("Integration", { exact: true }).selectOption({ label: INTEGRATION });
  await form.getByRole("combobox", { name: "Business account" }).selectOption({ label: BUSINESS_ACCOUNT });
  await form.getByRole("radio", { name: "From uploaded dialer lists (uContact CSV)" }).check();
  await form.getByLabel("Service level").fill("15");

  // The Members section adds an agent at once, draft or not.
  const members = page.getByRole("region", { name: "Members" });
  await expect(members).toContainText("No members yet");
  const agent = members.getByRole("combobox", { name: "Agent" });
  const marketerOption = agent.locator("option", { hasText: MARKETER.email });
  await agent.selectOption((await marketerOption.getAttribute("value")) ?? "");
  await members.getByRole("button", { name: "Add member" }).click();
  await expect(members.getByRole("list", { name: "Members" })).toContainText(MARKETER.email);

  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form.getByText("All changes saved")).toBeVisible();
  await page.getByRole("button", { name: "Launch", exact: true }).click();
  await expect(page.getByRole("status", { name: "Campaign status" })).toHaveText("Active");
  await expect(page.getByText("First response within 0h 15m")).toBeVisible();

  await page.getByLabel("Dialer CSV").setInputFiles({
    name: "dialer.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${mobile.slice(1)},hsm:mcp_account:Ana\n`),
  });
  await page.getByRole("button", { name: "Send list" }).click();
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "1 of 1 messages processed (100%)", {
    timeout: 60_000,
  });

  const inbound = await request.post(`${SANDBOX}/_control/inbound`, {
    data: { vendor: "mitto", from: mobile, text: "Can I move my appointment?" },
  });
  expect(inbound.status()).toBe(201);

  // Nobody had this number: the reply opened a conversation anyway, assigned to the member.
  const row = await myConversationWith(page, mobile);
  await expect(row).toContainText(/Reply due in 1[45] minutes/);
  await row.getByRole("link").first().click();

  await expect(page).toHaveURL(/\/conversations\/[0-9a-f-]{36}$/);
  await expect(page.getByText(/First response due/)).toBeVisible();
  // Inside the window Mitto sends free text, as a WhatsApp session message.
  await page.getByLabel("Message", { exact: true }).fill("Of course: to when?");
  await page.getByRole("button", { name: "Send reply" }).click();
  const thread = page.getByRole("list", { name: "Messages" });
  await expect(thread).toContainText("Of course: to when?");
  await expect(thread.getByTestId("reply-status").last()).toHaveText(/Sent|Delivered|Read/);

  await page.getByRole("button", { name: "Send a template instead" }).click();
  const templates = page.getByLabel("Template", { exact: true });
  await templates.selectOption(
    (await templates.locator("option", { hasText: "mcp_account" }).getAttribute("value")) ?? "",
  );
  await page.getByLabel("Value for {{1}}").fill("Ana");
  await page.getByRole("button", { name: "Send template" }).click();
  await expect(thread).toContainText("Dear Ana");
  // The sandbox reports the reply delivered and read; the thread refetches on its own.
  await expect(thread.getByTestId("reply-status").last()).toHaveText(/Delivered|Read/, { timeout: 45_000 });
});
