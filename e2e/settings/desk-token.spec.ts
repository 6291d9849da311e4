import { expect, test } from "../fixtures/test";
import { ADMIN, signIn } from "../fixtures/users";

test("an admin rotates the desk token, sees it once in a dialog, and afterwards only when it was set", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  await page.goto("/settings");
  const panel = page.getByRole("region", { name: "External desk token" });
  await expect(panel.getByTestId("desk-token-state")).toContainText("Not rotated yet");

  await panel.getByRole("button", { name: "Rotate token" }).click();
  await page
    .getByRole("alertdialog", { name: "Rotate the desk token?" })
    .getByRole("button", { name: "Rotate token" })
    .click();
  const dialog = page.getByRole("dialog", { name: "New desk token" });
  const token = (await dialog.getByTestId("desk-token").textContent()) ?? "";
  expect(token).toMatch(/^sbdesk_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  await expect(panel.getByTestId("desk-token-state")).toContainText("Token set");

  // Shown once: not on the settings page or the Conversations page after.
  await page.reload();
  await expect(page.getByRole("region", { name: "External desk token" }).getByTestId("desk-token-state")).toContainText(
    "Token set",
  );
  expect(await page.content()).not.toContain(token);
  await page.goto("/conversations");
  await page.getByText("External agent desk: close conversations by webhook").click();
  await expect(page.getByText("This workspace's token was set")).toBeVisible();
  expect(await page.content()).not.toContain(token);
});
