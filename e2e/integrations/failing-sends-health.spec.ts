import { expect, test } from "../fixtures/test";
import { createDemoWhatsAppDraft } from "../fixtures/demo-campaign";
import { trpcMutation } from "../fixtures/trpc";
import { ADMIN, signIn } from "../fixtures/users";

// Issue 19 item 6: an integration's health counts its sends, not only its connection tests, so
// an integration whose sends fail shows it. The Mitto sandbox is made to fail a send (its fault
// control); the send is a campaign's test send, made on screen.

const SANDBOX = "http://127.0.0.1:4110";

test("an integration whose sends fail shows the failure in its health", async ({ page, request }) => {
  await signIn(page, ADMIN);
  const tag = String(Date.now()).slice(-6);
  const number = `+49151${tag}07`;
  await trpcMutation(page.request, "contact.create", {
    mobileNumber: number,
    firstName: "Fay",
    permissions: { whatsapp: "opt_in" },
  });
  const id = await createDemoWhatsAppDraft(page.request, `Failing sends ${tag}`);
  const fault = await request.post(`${SANDBOX}/_control/faults`, {
    // Every send while it lasts: the new contact's opt-in also sends the demo's welcome campaign.
    data: { vendor: "mitto", kind: "error5xx", status: 500, pathPrefix: "/api/v1.1/Messages/send", times: 100 },
  });
  expect(fault.status()).toBe(201);

  try {
    await page.goto(`/campaigns/${id}`);
    const testForm = page.getByRole("form", { name: "Send a test" });
    await testForm.getByLabel("Mobile number").fill(number);
    await testForm.getByRole("button", { name: "Send test" }).click();
    await expect(testForm.getByRole("alert")).toContainText("The test message was not sent");
  } finally {
    await request.delete(`${SANDBOX}/_control/faults?vendor=mitto`);
  }

  await page.goto("/integrations");
  const row = page.getByRole("row").filter({ hasText: "Mitto WhatsApp (sandbox)" });
  await expect(row).toContainText("500");
  await expect(row.getByRole("cell").filter({ hasText: "% ok of" })).toBeVisible();

  await row.getByRole("link", { name: "Mitto WhatsApp (sandbox)" }).click();
  const facts = page.locator("dl").first();
  await expect(facts.getByText(/\d+ failed/)).toBeVisible();
  await expect(facts.getByText("Last error").locator("xpath=following-sibling::dd[1]")).toContainText("500");
});
