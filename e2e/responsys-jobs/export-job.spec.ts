import { expect, test } from "../fixtures/test";
import { ADMIN, signIn } from "../fixtures/users";

// A Responsys audience export job, its profile list and fields table picked from the sandbox
// account's listings (a name Responsys lacks is refused at save): the demo workspace's Responsys Interact sandbox integration and
// its segment "WhatsApp opted-in, Germany" (446 contacts, each with an email). With back fill, the
// current members are queued at once and go out in batches of 200; the 46 left wait for the
// 10-minute timeout, which this spec does not wait for. The sandbox records every merge it receives
// (GET /responsys/_sandbox/received).
const SANDBOX = "http://127.0.0.1:4110";
const SEGMENT = "WhatsApp opted-in, Germany";

type Received = { kind: string; target: string; fieldNames: string[]; records: (string | null)[][] };

test("an admin creates an export job with mappings and sees its batches arrive in the sandbox", async ({
  page,
  request,
}) => {
  // The batches go through the Inngest dev server: allow for its scheduling.
  test.setTimeout(90_000);
  const before = (
    (await (await request.get(`${SANDBOX}/responsys/_sandbox/received`)).json()) as { received: Received[] }
  ).received.length;

  await signIn(page, ADMIN);
  await page.goto("/responsys-jobs");
  await page.getByRole("link", { name: "New job" }).click();
  await expect(page).toHaveURL(/\/responsys-jobs\/new$/);

  const label = `Germany to Responsys ${Date.now()}`;
  await page.getByLabel("Job type").selectOption({ label: "Export audience" });
  await page.getByLabel("Label").fill(label);
  // A new authorization made from the form is chosen for the job, and the label typed stays.
  await page.getByRole("button", { name: "New authorization" }).click();
  const dialog = page.getByRole("dialog", { name: "New Responsys Interact authorization" });
  await dialog.getByLabel("Label").fill("Responsys from the job form");
  await dialog.getByLabel("Username").fill("demo_api_user");
  await dialog.getByLabel("Password").fill("sandbox-password");
  await dialog.getByLabel(/Endpoint URI/).fill("login2.responsys.net");
  await dialog.getByLabel(/Test mode/).check();
  await dialog.getByRole("button", { name: "Connect" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel("Authorization").locator("option:checked")).toHaveText("Responsys from the job form");
  await expect(page.getByLabel("Label")).toHaveValue(label);
  await page.getByLabel("Source segment").selectOption({ label: SEGMENT });
  // The list and the fields table are picked from what the sandbox account lists.
  await page.getByLabel("Profile list", { exact: true }).selectOption({ label: "CONTACTS" });
  await page.getByLabel("Fields table (optional)", { exact: true }).selectOption({ label: "Customer_Fields" });

  // A job rule, shown next to its field: match column 2 must be mapped.
  await page.getByLabel("Match column 2 (optional)").selectOption("MOBILE_NUMBER_");
  await page.getByRole("button", { name: "Complete" }).click();
  await expect(page.getByText("Match column 2 (MOBILE_NUMBER_) must be one of the mapped identifiers")).toBeVisible();

  // Map the mobile number too, and send a SHA-256 of the email.
  await page.getByRole("button", { name: "Add a mapping" }).click();
  await page.getByLabel("Mapping 2: contact field").selectOption("mobileNumber");
  await page.getByLabel("Mapping 2: Responsys identifier").selectOption("MOBILE_NUMBER_");
  await page.getByRole("button", { name: "Add a mapping" }).click();
  await page.getByLabel("Mapping 3: contact field").selectOption("email");
  await page.getByLabel("Mapping 3: Responsys identifier").selectOption("EMAIL_SHA256_HASH_");
  await page.getByLabel("Hash (SHA-256)").nth(2).check();
  await page.getByLabel(/Additional fields/).selectOption(["firstName", "country"]);
  await page.getByLabel(/Back fill/).check();

  // Another list has no Customer_Fields table: the choice is flagged, and refused at save.
  await page.getByLabel("Profile list", { exact: true }).selectOption({ label: "LOYALTY_MEMBERS" });
  await expect(page.getByLabel("Fields table (optional)", { exact: true })).toContainText(
    "Customer_Fields (not found in Responsys)",
  );
  await page.getByRole("button", { name: "Complete" }).click();
  await expect(page.getByText(/No extension table Customer_Fields in Responsys/)).toBeVisible();
  await expect(page).toHaveURL(/\/responsys-jobs\/new$/);

  await page.getByLabel("Profile list", { exact: true }).selectOption({ label: "CONTACTS" });
  await page.getByRole("button", { name: "Complete" }).click();

  await expect(page).toHaveURL(/\/responsys-jobs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: label })).toBeVisible();
  await expect(page.getByText("Active", { exact: true })).toBeVisible();

  // Two full batches go out at once; the page follows them.
  await expect(page.getByRole("table", { name: "Recent batches, newest first" }).getByRole("row")).toHaveCount(3, {
    timeout: 30_000,
  });
  // Sent counts a batch once all its merges (list and fields table) are done.
  await expect(page.getByText("400", { exact: true }).first()).toBeVisible({ timeout: 30_000 });

  const received = (
    (await (await request.get(`${SANDBOX}/responsys/_sandbox/received`)).json()) as { received: Received[] }
  ).received.slice(before);
  const lists = received.filter((r) => r.kind === "list" && r.target === "CONTACTS");
  expect(lists.map((r) => r.records.length)).toEqual([200, 200]);
  expect(lists[0]?.fieldNames).toEqual(["EMAIL_ADDRESS_", "MOBILE_NUMBER_", "EMAIL_SHA256_HASH_", "LYTICS_EXITED"]);
  expect(String(lists[0]?.records[0]?.[2])).toMatch(/^[0-9a-f]{64}$/);
  const emails = lists.flatMap((r) => r.records.map((rec) => rec[0]));
  expect(new Set(emails).size).toBe(400);
  // The additional fields went to the table picked.
  expect(
    received.some(
      (r) => r.kind === "extension" && r.target === "CONTACTS/Customer_Fields" && r.fieldNames.includes("FIRST_NAME"),
    ),
  ).toBe(true);

  // The job is listed with its queue and totals.
  await page.getByRole("link", { name: "Back to jobs" }).click();
  const row = page.getByRole("row", { name: new RegExp(label) });
  await expect(row).toContainText("Export audience");
  await expect(row).toContainText("46");
});
