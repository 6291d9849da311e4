import { expect, test } from "@playwright/test";
import { trpcMutation, trpcQuery } from "../fixtures/trpc";
import { MARKETER, signIn } from "../fixtures/users";

// Campaigns one after another to the demo's German WhatsApp segment (446 contacts): every
// message of every campaign gets all its delivery reports (Sent, Delivered, Read) from the
// sandbox through the webhook, and the page shows them. Reports once stopped for good part
// way through later campaigns while the page said "Completed".

type Options = {
  integrations: { id: string; label: string; senders: { id: string; name: string }[] }[];
  templates: { id: string; integrationId: string; name: string }[];
  segments: { id: string; name: string }[];
};
type Funnel = { queued: number; sent: number; delivered: number; read: number; failed: number; pending: number };

const ROUNDS = 3;

test("every delivery report of several campaigns in a row arrives and shows", async ({ page }) => {
  test.setTimeout(ROUNDS * 150_000);
  await signIn(page, MARKETER);
  const options = await trpcQuery<Options>(page.request, "campaign.options");
  const integration = options.integrations.find((i) => i.label === "Mitto WhatsApp (sandbox)");
  const sender = integration?.senders.find((s) => s.name === "Switchboard Demo WhatsApp");
  const template = options.templates.find((t) => t.integrationId === integration?.id && t.name === "mcp_account");
  const segment = options.segments.find((s) => s.name === "WhatsApp opted-in, Germany");
  expect(
    [integration, sender, template, segment].every(Boolean),
    "the demo workspace's Mitto sandbox, sender, template and segment",
  ).toBe(true);

  for (let round = 1; round <= ROUNDS; round++) {
    const { id } = await trpcMutation<{ id: string }>(page.request, "campaign.create", {
      name: `Every report ${round} ${Date.now()}`,
      channel: "whatsapp",
      integrationId: integration?.id,
      senderId: sender?.id,
      optInField: null,
      templateId: template?.id,
      placeholderMappings: [{ kind: "field", field: "first_name" }],
      smsBody: null,
      trigger: "scheduled",
      segmentId: segment?.id,
      schedule: { frequency: "once", date: null, time: "09:00" },
      statusField: null,
      statusTimeoutMinutes: 0,
    });
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
