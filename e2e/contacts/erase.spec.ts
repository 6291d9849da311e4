import { expect, test } from "../fixtures/test";
import { trpcMutation, trpcQuery } from "../fixtures/trpc";
import { ADMIN, MARKETER, signIn, signOut } from "../fixtures/users";

// Issue 16 item 7: an admin erases a contact from its page, after typing its number; the
// record is gone from the list, and the number's opt-out is kept (a new record with it starts
// opted out). The STOP takes the real path: the sandbox's Mitto posts it to the portal's webhook.
const SANDBOX = "http://127.0.0.1:4110";

type Contact = { id: string; consent: { whatsapp: { state: string } | null } };

test("an admin erases a contact from its page; it is gone, and its number's opt-out stays", async ({
  page,
  request,
}) => {
  test.setTimeout(90_000);
  await signIn(page, MARKETER);
  const mobile = `+35386${String(Date.now()).slice(-7)}`;
  const { id } = await trpcMutation<Contact>(page.request, "contact.create", {
    mobileNumber: mobile,
    firstName: "Eithne",
    lastName: "Erasable",
    permissions: { whatsapp: "opt_in" },
  });
  const stop = await request.post(`${SANDBOX}/_control/inbound`, {
    data: { vendor: "mitto", from: mobile, text: "STOP" },
  });
  expect(stop.status()).toBe(201);
  await expect
    .poll(async () => (await trpcQuery<Contact>(page.request, "contact.get", { id })).consent.whatsapp?.state, {
      timeout: 30_000,
    })
    .toBe("opt_out");
  // Marketers see no Erase.
  await page.goto(`/contacts/${id}`);
  await expect(page.getByRole("heading", { name: "Eithne Erasable", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Erase contact" })).toHaveCount(0);

  await signOut(page);
  await signIn(page, ADMIN);
  await page.goto(`/contacts/${id}`);
  await page.getByRole("button", { name: "Erase contact" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("cannot be undone");
  await expect(dialog).toContainText("opt-out is kept as a keyed hash");
  const confirm = dialog.getByRole("button", { name: "Erase contact" });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill("+353 86 0000000");
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(/to confirm/).fill(mobile);
  await confirm.click();

  await expect(page.getByText("Contact erased")).toBeVisible();
  await expect(page).toHaveURL(/\/contacts$/);
  await page.getByLabel("Search contacts").fill(mobile);
  await expect(page.getByText(`0 contacts matching “${mobile}”`)).toBeVisible();
  await page.goto(`/contacts/${id}`);
  await expect(page.getByText("This contact does not exist in this workspace.")).toBeVisible();

  // A new record with the number starts opted out.
  const again = await trpcMutation<Contact>(page.request, "contact.create", { mobileNumber: mobile });
  expect((await trpcQuery<Contact>(page.request, "contact.get", { id: again.id })).consent.whatsapp?.state).toBe(
    "opt_out",
  );
});
