import { randomBytes } from "node:crypto";
import { expect, test } from "../fixtures/test";
import { MARKETER, signIn } from "../fixtures/users";

// The real path: the marketer switches the loyalty program on, a contact opted in to SMS is
// subscribed in the Attentive sandbox by the Inngest dev server, the contact earns points in the
// Annex Cloud sandbox, and "Run now" pulls the action and texts it through Attentive.
const SANDBOX = "http://127.0.0.1:4110";
const ATTENTIVE_API_KEY = "sandbox-api-key";

test("a loyalty action of an opted-in contact is texted once and shows as sent", async ({ page, request }) => {
  const tag = randomBytes(3).toString("hex");
  const email = `lara.${tag}@example.com`;
  // A UK mobile number (Attentive texts US, Canadian and UK numbers only) no other spec uses:
  // every +44 74 number of that length is a valid mobile number.
  const mobile = `+4474${String(parseInt(tag, 16) % 100_000_000).padStart(8, "0")}`;
  await signIn(page, MARKETER);

  await page.goto("/loyalty");
  await expect(page.getByRole("button", { name: "Save program" })).toBeEnabled();
  await page.getByLabel("Text loyalty actions").check();
  await page.getByLabel("Points earned", { exact: true }).check();
  await page.getByLabel("Text for Points earned").fill("Hi {{first_name}}, you earned {{points}} points");
  await page.getByRole("button", { name: "Save program" }).click();
  await expect(page.getByText("Loyalty program saved: new actions are texted from now on")).toBeVisible();

  await page.goto("/contacts/new");
  await expect(page.getByRole("button", { name: "Save record" })).toBeEnabled();
  await page.getByLabel("Mobile number").fill(mobile);
  await page.getByRole("textbox", { name: "Email", exact: true }).fill(email);
  await page.getByLabel("First name").fill("Lara");
  await page.getByLabel("Mobile permission status (SMS)").selectOption("opt_in");
  await page.getByRole("button", { name: "Save record" }).click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);

  // The opt-in reaches Attentive in the background.
  await expect(async () => {
    const lookup = await request.get(`${SANDBOX}/attentive/v1/subscriptions?phone=${encodeURIComponent(mobile)}`, {
      headers: { authorization: `Bearer ${ATTENTIVE_API_KEY}` },
    });
    expect(lookup.status()).toBe(200);
  }).toPass({ timeout: 30_000 });

  const earned = await request.post(`${SANDBOX}/_control/annex/activity`, {
    data: { email, activity: "Points Earned", points: 250, balance: 900 },
  });
  expect(earned.status()).toBe(201);

  await page.goto("/loyalty");
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByText("Run started")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "Lara" });
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("Sent", { timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await expect(row).toContainText("Hi Lara, you earned 250 points");
  await expect(row).toContainText("Points earned: 250 (balance 900)");
});
