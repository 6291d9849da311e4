import { expect, test } from "../fixtures/test";
import { MARKETER, signIn } from "../fixtures/users";

// The demo's two open Mitto conversations: one whose customer wrote minutes ago (inside the
// 24-hour window) and one who wrote 31 hours ago. Before the agent types, the reply box says what
// WhatsApp allows and why; the agent answers the first with free text and the second with an
// approved template, and sees each in its thread, delivered by the sandbox, and in the list.
test("an agent answers one demo conversation inside its window with free text and one outside it with a template", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, MARKETER);
  const thread = page.getByRole("list", { name: "Messages" });
  const rule = page.getByTestId("reply-rule");
  const open = async (lastMessage: string) => {
    await page.goto("/conversations");
    await page.getByRole("row").filter({ hasText: lastMessage }).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/conversations\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: /^Conversation with \S/, level: 1 })).toBeVisible();
  };

  await open("Here's the tracking page");
  await expect(rule).toHaveText(
    /^The customer wrote .+ ago: you can reply freely until .+, or send an approved template\.$/,
  );
  await page.getByLabel("Message", { exact: true }).fill("Sorry about that: a driver is on the way.");
  await page.getByRole("button", { name: "Send reply" }).click();
  await expect(thread).toContainText("Sorry about that: a driver is on the way.");
  await expect(thread.getByTestId("reply-status").last()).toHaveText(/Delivered|Read/, { timeout: 45_000 });

  await open("Of course, Friday at 10:00 is booked for you.");
  await expect(rule).toHaveText(
    /^More than 24 h since the customer wrote \(.+ ago\): WhatsApp allows only an approved template\./,
  );
  // Only the template picker is offered: no free text to type.
  await expect(page.getByLabel("Message", { exact: true })).toHaveCount(0);
  const templates = page.getByLabel("Template", { exact: true });
  await templates.selectOption(
    (await templates.locator("option", { hasText: "mcp_account" }).getAttribute("value")) ?? "",
  );
  await page.getByLabel("Value for {{1}}").fill("Lucía");
  await page.getByRole("button", { name: "Send template" }).click();
  await expect(thread).toContainText("Dear Lucía, your Mitto Dashboard account was successfully created.");
  await expect(thread.getByTestId("reply-status").last()).toHaveText(/Delivered|Read/, { timeout: 45_000 });

  await page.goto("/conversations");
  await expect(page.getByRole("row").filter({ hasText: "You: Sorry about that" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "You: Dear Lucía" })).toBeVisible();
});
