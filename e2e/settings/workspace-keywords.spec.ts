import { expect, test } from "../fixtures/test";
import { trpcMutation, trpcQuery } from "../fixtures/trpc";
import { ADMIN, signIn } from "../fixtures/users";

// Issue 16: a workspace keyword BAJA set on the settings page opts out a number that replies
// "baja". The reply takes the real path: the sandbox's Mitto posts it to the portal's webhook
// and the Inngest dev server's function records the opt-out.
const SANDBOX = "http://127.0.0.1:4110";

type Contact = { id: string; consent: { whatsapp: { state: string; source: string } | null } };

test("an admin adds the keyword BAJA on the settings page, and a contact who replies “baja” is opted out", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await signIn(page, ADMIN);
  await page.goto("/settings");
  const keywords = page.getByRole("region", { name: "Consent keywords" });
  const tester = keywords.getByLabel("Would this reply opt out?");
  const verdict = keywords.getByRole("status");
  await tester.fill("baja");
  await expect(verdict).toContainText("Neither");
  await tester.fill("Stop!");
  await expect(verdict).toContainText("Opts out");
  await expect(verdict).toContainText("STOP, a standard keyword");

  const rows = keywords.getByRole("textbox", { name: /^Keyword \d+$/ });
  const before = await rows.count();
  await keywords.getByRole("button", { name: "Add keyword" }).click();
  const n = before + 1;
  await expect(keywords.getByLabel(`Language of keyword ${n}`, { exact: true })).toBeFocused();
  await keywords.getByLabel(`Language of keyword ${n}`, { exact: true }).fill("es");
  await keywords.getByLabel(`Effect of keyword ${n}`, { exact: true }).selectOption({ label: "Opts out" });
  await keywords.getByLabel(`Keyword ${n}`, { exact: true }).fill("BAJA");
  // The tester runs on the list as edited, before it is saved.
  await tester.fill(" Baja. ");
  await expect(verdict).toContainText("Opts out");
  await expect(verdict).toContainText("BAJA, this workspace's keyword (Spanish)");

  // A second BAJA, whatever its case and accents, is refused next to its row.
  await keywords.getByRole("button", { name: "Add keyword" }).click();
  await keywords.getByLabel(`Language of keyword ${n + 1}`, { exact: true }).fill("es");
  await keywords.getByLabel(`Effect of keyword ${n + 1}`, { exact: true }).selectOption({ label: "Opts in" });
  await keywords.getByLabel(`Keyword ${n + 1}`, { exact: true }).fill("bája");
  await keywords.getByRole("button", { name: "Save keywords" }).click();
  await expect(keywords.getByText(`Row ${n + 1}: BAJA is an opt-out keyword in row ${n}`)).toBeVisible();
  await keywords.getByRole("button", { name: `Remove keyword ${n + 1}` }).click();

  await keywords.getByRole("button", { name: "Save keywords" }).click();
  await expect(page.getByText("Keywords saved")).toBeVisible();
  await page.reload();
  await expect(
    page.getByRole("region", { name: "Consent keywords" }).getByLabel(`Keyword ${n}`, { exact: true }),
  ).toHaveValue("BAJA");

  const mobile = `+34611${String(Date.now()).slice(-6)}`;
  const { id } = await trpcMutation<Contact>(page.request, "contact.create", {
    mobileNumber: mobile,
    firstName: "Lucía",
    permissions: { whatsapp: "opt_in" },
  });
  const reply = await request.post(`${SANDBOX}/_control/inbound`, {
    data: { vendor: "mitto", from: mobile, text: "baja" },
  });
  expect(reply.status()).toBe(201);
  await expect
    .poll(async () => (await trpcQuery<Contact>(page.request, "contact.get", { id })).consent.whatsapp, {
      timeout: 30_000,
    })
    .toMatchObject({ state: "opt_out", source: "keyword" });

  await page.goto(`/contacts/${id}`);
  const latest = page.getByRole("region", { name: "Consent history" }).getByRole("row").nth(1);
  await expect(latest).toContainText("Opted out");
  await expect(latest).toContainText("Keyword");
  await expect(latest).toContainText("Replied “BAJA” via mitto");
});
