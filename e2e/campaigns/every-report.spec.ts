import { expect, test } from "../fixtures/test";
import { createDemoWhatsAppDraft } from "../fixtures/demo-campaign";
import { trpcMutation, trpcQuery } from "../fixtures/trpc";
import { MARKETER, signIn } from "../fixtures/users";

// Campaigns one after another to the demo's German WhatsApp segment (446 contacts): every
// message of every campaign gets all its delivery reports (Sent, Delivered, Read) from the
// sandbox through the webhook, and the page shows them. Reports once stopped for good part
// way through later campaigns while the page said "Completed".

type Funnel = { queued: number; sent: number; delivered: number; read: number; failed: number; pending: number };

const ROUNDS = 3;

test("every delivery report of several campaigns in a row arrives and shows", async ({ page }) => {
  test.setTimeout(ROUNDS * 150_000);
  await signIn(page, MARKETER);
  for (let round = 1; round <= ROUNDS; round++) {
    const id = await createDemoWhatsAppDraft(page.request, `Every report ${round} ${Date.now()}`);
    await trpcMutation(page.request, "campaign.launch", { id });
    const funnel = () => trpcQuery<{ funnel: Funnel }>(page.request, "campaign.get", { id }).then((c) => c.funnel);
    await expect
      .poll(
        async () => {
          const f = await funnel();
          return f.queued > 0 && f.pending === 0 && f.read + f.failed === f.queued;
        },
        { message: `campaign ${round}: every message read`, timeout: 120_000, intervals: [1_000] },
      )
      .toBe(true);
    const { queued, read, failed } = await funnel();
    expect(failed).toBe(0);
    expect(read).toBeGreaterThan(400);

    await page.goto(`/campaigns/${id}`);
    const rows = page.getByRole("table", { name: /^Delivery funnel/ });
    for (const step of ["Queued", "Sent", "Delivered", "Read"]) {
      await expect(
        rows
          .getByRole("row", { name: new RegExp(`^${step}`) })
          .getByRole("cell")
          .first(),
      ).toHaveText(queued.toLocaleString("en-US"));
    }
    await expect(page.getByRole("status", { name: "Campaign status" })).toHaveText("Completed");
  }
});
