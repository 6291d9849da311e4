import { expect, test } from "../fixtures/test";
import { ADMIN, MARKETER, signIn, signOut } from "../fixtures/users";

test("an admin signs in and sees the dashboard of the demo workspace", async ({ page }) => {
  await signIn(page, ADMIN);
  await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Workspace" }).getByRole("link", { name: "3,000 contacts" }),
  ).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Integrations" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toBeVisible();
});

test("a wrong password shows an error and signs nobody in", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText("Wrong email or password.");
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login$/);
});

test("a malformed email is named next to the field", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByLabel("Password").fill("x");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Enter a valid email address")).toBeVisible();
});

test("a marketer is refused the admin pages and the admin procedures", async ({ page }) => {
  await signIn(page, MARKETER);
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Campaigns" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  for (const path of ["/settings", "/integrations"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: "You don’t have access to this page" })).toBeVisible();
  }
  const res = await page.request.get(
    "/api/trpc/user.list?input=" + encodeURIComponent(JSON.stringify({ json: { limit: 5 } })),
  );
  expect(res.status()).toBe(403);
});

test("without a session, pages send you to sign in and the API answers 401", async ({ page, request }) => {
  await page.goto("/campaigns");
  await expect(page).toHaveURL(/\/login$/);
  const res = await request.get("/api/trpc/workspace.summary");
  expect(res.status()).toBe(401);
});

test("signing out revokes the session on the server, so its cookie no longer works", async ({ page, browser }) => {
  await signIn(page, MARKETER);
  const cookies = await page.context().cookies();
  await signOut(page);
  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const again = await replay.newPage();
  await again.goto("/dashboard");
  await expect(again).toHaveURL(/\/login$/);
  await replay.close();
});

test("repeated failures delay further attempts with a clear message", async ({ page }) => {
  await page.goto("/login");
  const email = "throttled-visitor@example.com";
  // Five failures are free, then each attempt waits 1 s, 2 s, 4 s… after the last failure: one
  // that comes later than that (a slow machine) is let through, so try a few more times.
  const alert = page.locator("form").getByRole("alert");
  for (let i = 0; i < 9; i++) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(`guess-${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(alert).toHaveText(/Wrong email or password|Too many attempts/);
    if ((await alert.textContent())?.startsWith("Too many")) break;
    // The form resets after each attempt; type the next one only once it has.
    await expect(page.getByLabel("Password")).toHaveValue("");
  }
  await expect(alert).toHaveText(/^Too many attempts: try again in \d+ seconds?\.$/);
});
