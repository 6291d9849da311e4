import { expect, test } from "../fixtures/test";
import { MARKETER, signIn } from "../fixtures/users";

// The real path: the sandbox's Mitto posts the inbound message to the portal's webhook (the
// demo integration's URL, registered with the sandbox at server start), the route records it
// and hands it to the Inngest dev server, whose function opts the contact out.
const SANDBOX = "http://127.0.0.1:4110";

test("a contact who texts STOP on WhatsApp shows as opted out, with the keyword as the source", async ({
  page,
  request,
}) => {
  await signIn(page, MARKETER);
  await page.goto("/contacts/new");
  await expect(page.getByRole("button", { name: "Save record" })).toBeEnabled();
  await page.getByLabel("Mobile number").fill("+353 85 123 4567");
  await page.getByLabel("First name").fill("Aoife");
  await page.getByLabel("WhatsApp permission").selectOption("opt_in");
  await page.getByRole("button", { name: "Save record" }).click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  // "Consent now": one item per channel with its state and source.
  const whatsapp = page.getByRole("main").getByRole("listitem").filter({ hasText: "WhatsApp" });
  await expect(whatsapp).toContainText("Opted in");

  const sent = await request.post(`${SANDBOX}/_control/inbound`, {
    data: { vendor: "mitto", from: "+353851234567", text: "Stop " },
  });
  expect(sent.status()).toBe(201);

  await expect(async () => {
    await page.reload();
    await expect(whatsapp).toContainText("Opted out", { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(whatsapp).toContainText("Keyword");
  const latest = page.getByRole("region", { name: "Consent history" }).getByRole("row").nth(1);
  await expect(latest).toContainText("Opted out");
  await expect(latest).toContainText("Keyword");
  await expect(latest).toContainText("The contact");
});
