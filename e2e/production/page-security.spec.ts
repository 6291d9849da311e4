import { expect, test } from "../fixtures/test";
import { APP } from "../../playwright.config";
import { ADMIN, signIn } from "../fixtures/users";

// The production build's headers on the pages people use, and the scripts those pages run
// under them: a page whose scripts were blocked by its own policy would not sign in or navigate.
test("every page carries a nonce-based script policy its own scripts satisfy, refuses framing, and asks for https", async ({
  page,
}) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  await signIn(page, ADMIN);
  for (const path of ["/login", "/dashboard", "/campaigns", "/contacts", "/segments", "/integrations"]) {
    const response = await page.goto(path);
    const policy = response?.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce, `${path}: ${policy}`).toBeTruthy();
    expect(policy).toContain("'strict-dynamic'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response?.headers()["strict-transport-security"]).toContain("max-age=");
    // Every script the server rendered carries this response's nonce.
    const html = (await response?.text()) ?? "";
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(script, path).toContain(`nonce="${nonce}"`);
  }
  // The scripts ran: client navigation works under the policy.
  await page.getByRole("link", { name: "Campaigns" }).first().click();
  await expect(page).toHaveURL(/\/campaigns$/);
  expect(violations).toEqual([]);

  // A second request gets another nonce.
  const again = await page.request.get("/dashboard");
  expect(again.headers()["content-security-policy"]).not.toEqual(
    (await page.request.get("/dashboard")).headers()["content-security-policy"],
  );
});

test("a change sent from another site with the user's cookies is refused and changes nothing", async ({ page }) => {
  await signIn(page, ADMIN);
  const email = `csrf-${Date.now()}@example.com`;
  const create = (origin: string) =>
    page.request.post("/api/trpc/contact.create", {
      headers: { origin },
      data: { json: { email, firstName: "Mallory" } },
    });
  const refused = await create("https://evil.example");
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain("Cross-site requests cannot change anything here");
  const listed = async () =>
    JSON.stringify(
      await (
        await page.request.get(
          `/api/trpc/contact.list?input=${encodeURIComponent(JSON.stringify({ json: { search: email } }))}`,
        )
      ).json(),
    );
  expect(await listed()).not.toContain(email);

  // The same call from the portal's own origin goes through.
  expect((await create(APP)).status()).toBe(200);
  expect(await listed()).toContain(email);
});

test("the session the browser can read names the user, never the server-side session id", async ({ page }) => {
  await signIn(page, ADMIN);
  const session = (await (await page.request.get("/api/auth/session")).json()) as { user: Record<string, unknown> };
  expect(session.user).toMatchObject({ email: ADMIN.email, role: "admin" });
  expect(session.user).not.toHaveProperty("sessionId");
  // The portal itself still knows the session: signing out ends it.
  await page.goto("/dashboard");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
});
