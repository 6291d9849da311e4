import { expect, test } from "../fixtures/test";
import { myConversationWith } from "../fixtures/conversations";
import { trpcMutation } from "../fixtures/trpc";
import { ADMIN, MARKETER, signIn, signOut } from "../fixtures/users";
import { connectWavySandbox } from "../fixtures/wavy";

// Issue 17's done-when on a Wavy integration connected in the test, not the demo seed's: an
// admin imports three HSM codes from a CSV; a marketer's uContact dialer list uses two of them
// and the sandbox reports their statuses; one number replies and the conversation lands with
// the campaign's member, due time shown; the agent answers and sees the answer delivered.
const SANDBOX = "http://127.0.0.1:4110";

test("a Wavy account from scratch: HSM codes imported, a dialer list sent, a reply answered by the campaign's member", async ({
  page,
  request,
}) => {
  test.setTimeout(180_000);
  const run = String(Date.now()).slice(-8);
  const label = `uContact Wavy ${run}`;
  // Brazilian mobiles of this run, as a dialer writes them (country code and number, no +).
  const [first, second] = [`55119${run}`, `55119${String((Number(run) + 1) % 1e8).padStart(8, "0")}`];

  await signIn(page, ADMIN);
  const integrationId = await connectWavySandbox(page.request, label);
  const codes = [
    ["appointment_reminder", "en_US", "UTILITY", "Hi {{1}}, your appointment is on {{2}}."],
    ["welcome_back", "es_AR", "MARKETING", "Hola {{1}}, te extrañamos"],
    ["survey_invite", "pt_BR", "MARKETING", "Olá {{1}}, responda a pesquisa"],
  ];
  const csv = ["code,language,category,body", ...codes.map((c) => c.map((v) => `"${v}"`).join(","))].join("\n");
  expect(await trpcMutation(page.request, "template.importCsv", { integrationId, csv })).toMatchObject({
    added: 3,
  });
  // Wavy's team approves the codes on its side (no API does); the sandbox is told so.
  for (const [elementName, languageCode, , body] of codes.slice(0, 2))
    expect(
      (await request.put(`${SANDBOX}/_control/wavy/templates`, { data: { elementName, languageCode, body } })).ok(),
    ).toBe(true);
  await signOut(page);

  await signIn(page, MARKETER);
  await page.goto("/campaigns/new");
  await page.getByLabel("Campaign name").fill(`Dialer ${run}`);
  await page.getByRole("button", { name: "Create draft" }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  const form = page.getByRole("form", { name: "Campaign configuration" });
  await form.getByLabel("Integration", { exact: true }).selectOption({ label: `${label} · Wavy` });
  await form.getByRole("combobox", { name: "Business account" }).selectOption({ index: 1 });
  await form.getByRole("radio", { name: "From uploaded dialer lists (uContact CSV)" }).check();
  await form.getByLabel("Service level").fill("15");
  const members = page.getByRole("region", { name: "Members" });
  const agent = members.getByRole("combobox", { name: "Agent" });
  await agent.selectOption((await agent.locator("option", { hasText: MARKETER.email }).getAttribute("value")) ?? "");
  await members.getByRole("button", { name: "Add member" }).click();
  await expect(members.getByRole("list", { name: "Members" })).toContainText(MARKETER.email);
  await form.getByRole("button", { name: "Save draft" }).click();
  await expect(form.getByText("All changes saved")).toBeVisible();
  await page.getByRole("button", { name: "Launch", exact: true }).click();
  await expect(page.getByRole("status", { name: "Campaign status" })).toHaveText("Active");

  await page.getByLabel("Dialer CSV").setInputFiles({
    name: "dialer.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`${first},hsm:appointment_reminder:Ana:Monday\n${second},hsm:welcome_back:Bruno\n`),
  });
  await page.getByRole("button", { name: "Send list" }).click();
  await expect(page.getByRole("progressbar")).toHaveAttribute("aria-valuetext", "2 of 2 messages processed (100%)", {
    timeout: 60_000,
  });
  // Both went out through the Wavy sandbox, and its reports arrived through the webhook.
  const recipients = page.getByRole("table", { name: /Recipients/ });
  for (const number of [first, second])
    await expect(recipients.getByRole("row").filter({ hasText: number.slice(-8) })).toContainText(/Delivered|Read/, {
      timeout: 45_000,
    });

  const inbound = await request.post(`${SANDBOX}/_control/inbound`, {
    data: { vendor: "wavy", from: first, text: "Posso mudar o horário?" },
  });
  expect(inbound.status()).toBe(201);
  const row = await myConversationWith(page, first.slice(-8));
  await expect(row).toContainText(/Reply due in 1[45] minutes/);
  await row.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/conversations\/[0-9a-f-]{36}$/);

  // Inside the 24-hour window Wavy takes free text.
  await page.getByLabel("Message", { exact: true }).fill("Claro: para quando?");
  await page.getByRole("button", { name: "Send reply" }).click();
  const thread = page.getByRole("list", { name: "Messages" });
  await expect(thread).toContainText("Claro: para quando?");
  await expect(thread.getByTestId("reply-status").last()).toHaveText(/Delivered|Read/, { timeout: 45_000 });
});
