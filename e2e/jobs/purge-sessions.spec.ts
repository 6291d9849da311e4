import { expect, test } from "@playwright/test";
import { ADMIN, MARKETER, signIn, signOut } from "../fixtures/users";

// Runs through the real Inngest dev server. scripts/test.sh provides it when it can and says
// loudly when it cannot (see README "Inngest dev server"); without it this spec cannot run.
test.skip(!process.env.E2E_INNGEST_BIN, "the Inngest dev server binary could not be provided on this machine");

test("an admin's cleanup request runs the purge-sessions function, which deletes ended sessions", async ({ page, browser }) => {
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
