import { expect, test } from "../fixtures/test";
import { ADMIN, MARKETER, signIn, signOut } from "../fixtures/users";

// Runs through the real Inngest dev server (playwright.config.ts starts it).
test("an admin's cleanup request runs the purge-sessions function, which deletes ended sessions", async ({
  page,
  browser,
}) => {
  const other = await browser.newContext();
  const marketer = await other.newPage();
  await signIn(marketer, MARKETER);
  await signOut(marketer);
  await other.close();

  await signIn(page, ADMIN);
  await page.goto("/settings");
  await expect(page.getByTestId("ended-sessions")).not.toHaveText("0");
  await page.getByRole("button", { name: "Clean up now" }).click();
  // The function runs in the Inngest dev server, which calls back into /api/inngest.
  await expect(page.getByTestId("ended-sessions")).toHaveText("0", { timeout: 30_000 });
});
