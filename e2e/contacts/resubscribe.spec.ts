import { expect, test } from "../fixtures/test";
import { trpcMutation, trpcQuery } from "../fixtures/trpc";
import { ADMIN, MARKETER, signIn, signOut } from "../fixtures/users";

// Issue 16 item 3: an opt-out survives an edit made in a form opened before the STOP arrived,
// and only an admin re-subscribes the number, with how the customer consented and the evidence.
// The STOP takes the real path: the sandbox's Mitto posts it to the portal's webhook and the
// Inngest dev server's function records it.
const SANDBOX = "http://127.0.0.1:4110";

type Contact = { id: string; consent: { whatsapp: { state: string } | null } };

test("editing a contact's name leaves its opt-out in place, and only an admin re-subscribes it, with evidence", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await signIn(page, MARKETER);
  const mobile = `+35385${String(Date.now()).slice(-7)}`;
  const { id } = await trpcMutation<Contact>(page.request, "contact.create", {
    mobileNumber: mobile,
    firstName: "Róisín",
    permissions: { whatsapp: "opt_in" },
  });

  // The form is opened while WhatsApp is still opted in...
  await page.goto(`/contacts/${id}`);
  await page.getByRole("button", { name: "Edit" }).click();
  await expect(page.getByLabel("WhatsApp permission")).toHaveValue("opt_in");
  // ...then the customer texts STOP.
  const stop = await request.post(`${SANDBOX}/_control/inbound`, {
    data: { vendor: "mitto", from: mobile, text: "STOP" },
  });
  expect(stop.status()).toBe(201);
  await expect
    .poll(async () => (await trpcQuery<Contact>(page.request, "contact.get", { id })).consent.whatsapp?.state, {
      timeout: 30_000,
    })
    .toBe("opt_out");

  // Saved from the stale form: a new name and an SMS opt-in; WhatsApp stays opted out.
  await page.getByLabel("First name").fill("Róisín Beag");
  await page.getByLabel("Mobile permission status (SMS)").selectOption("opt_in");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByText("Contact saved")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Róisín Beag", level: 1 })).toBeVisible();
  const channel = (name: string) =>
    page
      .getByRole("main")
      .getByRole("listitem")
      .filter({ has: page.getByText(name, { exact: true }) });
  await expect(channel("WhatsApp")).toContainText("Opted out");
  await expect(channel("WhatsApp")).toContainText("Keyword");
  await expect(channel("SMS")).toContainText("Opted in");
  // A marketer cannot undo the STOP.
  await expect(channel("WhatsApp")).toContainText("Only an admin can re-subscribe it");
  await expect(page.getByRole("button", { name: /^Re-subscribe/ })).toHaveCount(0);

  await signOut(page);
  await signIn(page, ADMIN);
  await page.goto(`/contacts/${id}`);
  await channel("WhatsApp").getByRole("button", { name: "Re-subscribe WhatsApp" }).click();
  const dialog = page.getByRole("dialog", { name: "Re-subscribe WhatsApp" });
  const confirm = dialog.getByRole("button", { name: "Re-subscribe WhatsApp" });
  await confirm.click();
  await expect(dialog.getByText("Choose how the customer gave their consent")).toBeVisible();
  await expect(dialog.getByText("Say what shows the customer's consent")).toBeVisible();
  await dialog
    .getByLabel("How the customer gave consent")
    .selectOption({ label: "The customer texted START (or ALTA, or another opt-in word)" });
  await dialog.getByLabel("Evidence").fill("Texted START to the store line, ticket 4521");
  await confirm.click();
  await expect(page.getByText("WhatsApp re-subscribed")).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(channel("WhatsApp")).toContainText("Opted in");
  await expect(channel("WhatsApp")).toContainText("Admin");
  const latest = page.getByRole("region", { name: "Consent history" }).getByRole("row").nth(1);
  await expect(latest).toContainText("Opted in");
  await expect(latest).toContainText("Admin");
  await expect(latest).toContainText("Texted START to the store line, ticket 4521");
});
