import { expect, test } from "../fixtures/test";
import { createDemoWhatsAppDraft } from "../fixtures/demo-campaign";
import { trpcMutation, trpcQuery } from "../fixtures/trpc";
import { ADMIN, signIn } from "../fixtures/users";

// The dashboard leads with what is happening: a campaign launched now shows there with its
// progress and pace, moving on its own, and the week's chart counts its sends; each figure
// opens the list it counts.

test.use({ viewport: { width: 1440, height: 900 } });

type Options = { integrations: { label: string; senders: { id: string; name: string }[] }[] };

test("the dashboard shows a launched campaign's progress and the last 7 days' sends", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, ADMIN);
  const name = `Dashboard launch ${Date.now()}`;
  const id = await createDemoWhatsAppDraft(page.request, name);
  const options = await trpcQuery<Options>(page.request, "campaign.options");
  const sender = options.integrations
    .find((i) => i.label === "Mitto WhatsApp (sandbox)")
    ?.senders.find((s) => s.name === "Switchboard Demo WhatsApp");
  expect(sender, "the demo's German WhatsApp number").toBeTruthy();
  const pace = (messagesPerSecond: number) =>
    trpcMutation(page.request, "integration.setSenderPace", { id: sender?.id, data: { messagesPerSecond } });
  // Five messages a second: the campaign is still sending while the dashboard is looked at (its
  // few hundred recipients take over a minute), and each delivery run's batch of 50 lands in seconds.
  await pace(5);
  try {
    await trpcMutation(page.request, "campaign.launch", { id });
    await page.goto("/dashboard");

    const sending = page.getByRole("region", { name: "Sending now" });
    const campaign = sending.getByRole("listitem", { name });
    await expect(campaign).toBeVisible({ timeout: 30_000 });
    const progress = campaign.getByRole("progressbar", { name: `${name} progress` });
    await expect(campaign).toContainText("of the sender's 5 msg/s");
    await expect(campaign).toContainText(/finishes in/);
    const processed = async () => Number(await progress.getAttribute("aria-valuenow"));
    // No reload: the card asks again every 10 seconds.
    const first = await processed();
    await expect.poll(processed, { timeout: 45_000 }).toBeGreaterThan(first);

    // The week's sends: a chart (drawn, with its summary in words) and the same figures as a table.
    const sends = page.getByRole("region", { name: "Sends and delivery" });
    await expect(sends.getByRole("img", { name: /messages sent in the last 7 days/ })).toBeVisible();
    await expect(sends.locator(".recharts-bar-rectangle").first()).toBeVisible();
    await sends.getByText("Show as table").click();
    const table = sends.getByRole("table", {
      name: "Messages sent per day, with the shares delivered, read and failed",
    });
    await expect(table.getByRole("row")).toHaveCount(8);
    const sentToday = table.getByRole("row").last().getByRole("cell").first();
    await expect.poll(async () => Number((await sentToday.textContent())?.replace(/\D/g, ""))).toBeGreaterThan(0);
    await test.info().attach("dashboard at 1440×900", {
      body: await page.screenshot({ fullPage: true }),
      contentType: "image/png",
    });

    // Each figure opens the list it counts.
    await sending.getByRole("link", { name: "View campaigns sending" }).click();
    await expect(page).toHaveURL(/\/campaigns\?status=sending$/);
    await expect(page.getByRole("status").filter({ hasText: "Showing sending campaigns" })).toBeVisible();
    await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
    await page.goto("/dashboard");
    await page.getByRole("link", { name: /opted in to WhatsApp/ }).click();
    await expect(page).toHaveURL(/\/contacts\?channel=whatsapp&consent=opt_in$/);
    await expect(page.getByRole("status").filter({ hasText: "Showing contacts opted in to WhatsApp" })).toBeVisible();
  } finally {
    await trpcMutation(page.request, "campaign.cancel", { id });
    // The demo seeds Mitto's numbers at WhatsApp's default tier.
    await pace(80);
  }
});
