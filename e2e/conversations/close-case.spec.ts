import { expect, test } from "../fixtures/test";
import { MARKETER, signIn } from "../fixtures/users";

// The whole case sync path: a customer writes in through the sandbox's Mitto (posted to the demo
// integration's webhook, registered with the sandbox at server start), the Inngest dev server
// opens the conversation; the agent closes it with an outcome in the portal, the sync-case
// function opens the case in the sandbox's Salesforce (the demo's enabled integration), and
// the case number appears on the conversation.
const SANDBOX = "http://127.0.0.1:4110";

test("an agent closes a conversation with an outcome and sees its Salesforce case number appear", async ({
  page,
  request,
}) => {
  // A number of its own per run (Irish mobiles: 85 and seven digits), so reruns never collide.
  const digits = String(2_000_000 + Math.floor(Math.random() * 7_000_000));
  const mobile = `+35385${digits}`;
  const name = `Orla${digits}`;

  await signIn(page, MARKETER);
  await page.goto("/contacts/new");
  await expect(page.getByRole("button", { name: "Save record" })).toBeEnabled();
  await page.getByLabel("Mobile number").fill(mobile);
  await page.getByLabel("First name").fill(name);
  await page.getByLabel("WhatsApp permission").selectOption("opt_in");
  await page.getByRole("button", { name: "Save record" }).click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);

  const sent = await request.post(`${SANDBOX}/_control/inbound`, {
    data: { vendor: "mitto", from: mobile, text: "Hi, where is my order?" },
  });
  expect(sent.status()).toBe(201);

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Conversations" }).click();
  await expect(page).toHaveURL(/\/conversations$/);
  const link = page.getByRole("link", { name });
  await expect(async () => {
    await page.reload();
    await expect(link).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await link.click();

  await expect(page).toHaveURL(/\/conversations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("list", { name: "Messages" })).toContainText("Hi, where is my order?");
  await expect(page.getByText(/you can reply freely until/)).toBeVisible();
  await page.getByLabel("Outcome (profile)").fill("Resolved");
  await page.getByRole("button", { name: "Close", exact: true }).click();
  await expect(page.getByText("Closed: Resolved").first()).toBeVisible();

  // The thread keeps asking while its case is on its way: the number appears without a reload.
  await expect(page.getByTestId("case-number")).toHaveText(/^\d{8}$/, { timeout: 45_000 });
  await expect(page.getByRole("link", { name: "Open in Salesforce" })).toHaveAttribute(
    "href",
    /\/lightning\/r\/Case\/500\w+\/view$/,
  );

  // The sync history lists it too.
  await page.goto("/conversations/syncs");
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("Case created");
});
