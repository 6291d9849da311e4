import { expect, test } from "../fixtures/test";
import { MARKETER, signIn } from "../fixtures/users";

// Live screens: a customer writes to the demo's Mitto number through the sandbox (posted to the
// portal's webhook, handled by the Inngest dev server) while the agent has the Conversations list
// open; the conversation appears without a reload, and the customer's next message appears in its
// open thread the same way.
const SANDBOX = "http://127.0.0.1:4110";

test("a new inbound message appears in the open Conversations list and thread without a reload", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  // A German mobile number of its own per run, never a contact.
  const mobile = `+491517${String(Date.now()).slice(-7)}`;
  const inbound = async (text: string) => {
    const sent = await request.post(`${SANDBOX}/_control/inbound`, { data: { vendor: "mitto", from: mobile, text } });
    expect(sent.status()).toBe(201);
  };

  await signIn(page, MARKETER);
  await page.goto("/conversations");
  // Loaded: the demo's conversations are listed.
  await expect(page.getByRole("row").nth(1)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: mobile });
  await expect(row).toHaveCount(0);
  // Any reload would lose this marker: the page must update in place.
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

  await inbound("Is the shop open on Sunday?");
  await expect(row).toContainText("Is the shop open on Sunday?", { timeout: 30_000 });

  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/conversations\/[0-9a-f-]{36}$/);
  const thread = page.getByRole("list", { name: "Messages" });
  await expect(thread).toContainText("Is the shop open on Sunday?");
  await inbound("And on public holidays?");
  await expect(thread).toContainText("And on public holidays?", { timeout: 30_000 });
  // Client-side navigation kept the same document all along.
  expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
});
