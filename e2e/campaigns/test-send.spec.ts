import { expect, test } from "../fixtures/test";
import { createDemoWhatsAppDraft } from "../fixtures/demo-campaign";
import { trpcMutation, trpcQuery } from "../fixtures/trpc";
import { MARKETER, signIn } from "../fixtures/users";

// Issue 16 item 4: a test send reaches only a contact opted in to the campaign's channel, and is
// marked as a test that counts in no funnel. The draft and the contacts are set up through the
// API (the campaign and contact specs walk through those screens); the test is sent on screen.

type Contact = { id: string };
type Messages = { items: { toNumber: string; isTest: boolean }[] };
type Funnel = { funnel: { queued: number; sent: number } };

test("a marketer cannot test-send to an opted-out number; an opted-in contact gets the test, marked as one", async ({
  page,
}) => {
  await signIn(page, MARKETER);
  // Numbers of their own per run: +49 151 and eight digits.
  const tag = String(Date.now()).slice(-6);
  const optedIn = `+49151${tag}01`;
  const optedOut = `+49151${tag}02`;
  await trpcMutation<Contact>(page.request, "contact.create", {
    mobileNumber: optedIn,
    firstName: "Tess",
    permissions: { whatsapp: "opt_in" },
  });
  // Opted in once, then opted out (as a STOP does).
  const out = await trpcMutation<Contact>(page.request, "contact.create", {
    mobileNumber: optedOut,
    firstName: "Otto",
    permissions: { whatsapp: "opt_in" },
  });
  await trpcMutation(page.request, "contact.update", { id: out.id, data: { permissions: { whatsapp: "opt_out" } } });
  const id = await createDemoWhatsAppDraft(page.request, `Test send ${tag}`);

  await page.goto(`/campaigns/${id}`);
  const testForm = page.getByRole("form", { name: "Send a test" });
  const number = testForm.getByLabel("Mobile number");
  const send = testForm.getByRole("button", { name: "Send test" });
  await number.fill(optedOut);
  await expect(send).toBeEnabled();
  await send.click();
  const refusal = `${optedOut} opted out of WhatsApp: a test goes only to a number opted in to WhatsApp.`;
  await expect(testForm.getByRole("alert")).toHaveText(refusal);
  await expect(number).toHaveAttribute("aria-invalid", "true");

  await number.fill(optedIn);
  await send.click();
  await expect(page.getByText("Test message sent")).toBeVisible();
  await expect(
    page.getByText("Dear Tess, your Mitto Dashboard account was successfully created").first(),
  ).toBeVisible();

  // Recorded, marked as a test, and not in the funnel.
  const messages = await trpcQuery<Messages>(page.request, "campaign.messages", { id, limit: 20 });
  expect(messages.items).toEqual([expect.objectContaining({ toNumber: optedIn, isTest: true })]);
  const { funnel } = await trpcQuery<Funnel>(page.request, "campaign.get", { id });
  expect(funnel).toMatchObject({ queued: 0, sent: 0 });
});
