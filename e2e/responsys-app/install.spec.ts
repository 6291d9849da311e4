import type { Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { ADMIN, signIn } from "../fixtures/users";

// The Responsys CX app's installation and service configuration, as a Responsys user goes through them:
// in the sandbox's App Management simulator (another origin than the portal), which frames the
// app's configuration pages. The demo workspace's Responsys CX app integration is the
// simulator's fixed demo app, registered with it at portal start.

const SANDBOX = "http://127.0.0.1:4110";
const APP_ID = "switchboard-whatsapp";
const appFrame = (page: Page) => page.frameLocator('iframe[name="ams-app-frame"]');
const amsStatus = (page: Page) => page.locator("#ams-status");
/** The service the second test configures; the opt-out test invokes it. */
let instanceUuid = "";

test.describe.configure({ mode: "serial" });

test("install from the App Management simulator, configure the Mitto account inside its frame, proceed to App management", async ({
  page,
}) => {
  // The admin finds the endpoint URLs and the install link on the integration's page.
  await signIn(page, ADMIN);
  await page.goto("/integrations");
  await page.getByRole("link", { name: "Responsys CX app (sandbox)" }).click();
  await expect(page.getByTestId("app-endpoint-service-invoke")).toContainText("/api/responsys-app/");
  await expect(page.getByTestId("app-endpoint-install")).toHaveText(/\/install$/);
  const install = page.getByTestId("app-install-link");
  await expect(install).toHaveAttribute("href", `${SANDBOX}/ams/install?app=${APP_ID}`);
  await install.click();

  await expect(page).toHaveURL(new RegExp(`^${SANDBOX}/ams/install`));
  await page.getByLabel("Responsys location").selectOption("Interact 9");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert")).toHaveText("Accept the terms and conditions to continue");
  await page.getByLabel("I accept the terms and conditions").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Product APIs" })).toBeVisible();
  await page.getByRole("button", { name: "Install" }).click();

  // The simulator's App configuration page frames the app's page (posted form, 303 to it).
  await expect(page.getByRole("heading", { name: "App configuration" }).first()).toBeVisible();
  const frame = appFrame(page);
  await expect(frame.getByRole("link", { name: /have a Mitto account\? Sign up/ })).toBeVisible();
  await frame.getByLabel("Mitto email or username").fill("demo@switchboard.test");
  await frame.getByLabel("Password").fill("not-the-password");
  // Mitto's send API takes no template namespace, so the form no longer asks for one.
  await expect(frame.getByLabel("Namespace")).toHaveCount(0);
  await frame.getByRole("button", { name: "Save" }).click();
  await expect(frame.getByRole("alert").filter({ hasText: "Mitto refused" })).toContainText(
    "Invalid email or password",
  );

  await frame.getByLabel("Password").fill("sandbox-password");
  await frame.getByRole("button", { name: "Save" }).click();
  await expect(frame.getByRole("status")).toHaveText("App configured successfully");
  // The page told the simulator ("save"), which confirmed with the app's save-configuration.
  await expect(amsStatus(page)).toHaveText("App configured successfully");
  await frame.getByRole("button", { name: "Proceed" }).click();

  await expect(page).toHaveURL(`${SANDBOX}/ams/apps`);
  const row = page.getByRole("row", { name: new RegExp(APP_ID) });
  await expect(row).toContainText("Interact 9");
  await expect(row).toContainText("Configured");
  await expect(row.getByRole("button", { name: "Reconfigure" })).toBeVisible();
  await expect(row.getByRole("button", { name: "Uninstall" })).toBeVisible();
});

test("configure a Program's service inside the simulator's frame; the simulator gets the record definition", async ({
  page,
  request,
}) => {
  await page.goto(`${SANDBOX}/ams/services/new?app=${APP_ID}`);
  await expect(page).toHaveURL(/\/ams\/services\/[^/]+\/configure$/);
  instanceUuid = /\/ams\/services\/([^/]+)\/configure$/.exec(page.url())?.[1] ?? "";
  const frame = appFrame(page);

  // Saving with nothing chosen names every missing piece.
  await frame.getByRole("button", { name: "Save" }).click();
  const problems = frame.getByRole("alert").filter({ hasText: "Choose the business account" }).first();
  await expect(problems).toContainText("Choose the business account to send from");
  await expect(problems).toContainText("Choose the opt-in field of the profile list");
  await expect(problems).toContainText("Choose the WhatsApp template");

  await frame.getByLabel("Business account").selectOption({ label: "Switchboard Demo WhatsApp (+493098765432)" });
  await frame.getByLabel("Opt-in field").selectOption("OPTIN");
  await frame.getByLabel("WhatsApp template").selectOption({ label: "appointment_reminder (en_US)" });
  await expect(frame.getByLabel("Text of appointment_reminder")).toContainText(
    "this is a reminder of your appointment on",
  );
  await frame.getByLabel("Placeholder {{1}}").selectOption("FIRST_NAME");
  await frame.getByLabel("Placeholder {{2}}").selectOption("CITY");
  await frame.getByLabel("Placeholder {{3}}").selectOption("COUNTRY_");
  await expect(frame.getByLabel("Text of appointment_reminder")).toContainText(
    "Hi {{FIRST_NAME}}, this is a reminder of your appointment on {{CITY}} at {{COUNTRY_}}",
  );
  await frame.getByLabel("Last message status").selectOption("LAST_MESSAGE_STATUS");
  await frame.getByLabel("Hours").fill("0");
  await frame.getByLabel("Minutes").fill("11");
  await expect(frame.getByText("0h 11m")).toBeVisible();
  await frame.getByRole("button", { name: "Save" }).click();

  await expect(frame.getByRole("status").filter({ hasText: "Configuration saved" })).toBeVisible();
  await expect(frame.getByTestId("input-parameters")).toHaveText(
    "appcloud_row_correlation_id, MOBILE_NUMBER_, RIID_, OPTIN, FIRST_NAME, CITY, COUNTRY_",
  );
  await expect(frame.getByTestId("output-parameters")).toHaveText(
    "appcloud_row_correlation_id, appcloud_row_status, appcloud_row_errormessage, LAST_MESSAGE_STATUS",
  );
  await expect(amsStatus(page)).toHaveText("App configured successfully");
  const stored = (await (await request.get(`${SANDBOX}/_control/ams/services/${instanceUuid}`)).json()) as {
    status: string;
    recordDefinition: { inputParameters: { name: string }[]; outputParameters: { name: string; width: number }[] };
  };
  expect(stored.status).toBe("CONFIGURED");
  expect(stored.recordDefinition.outputParameters.map((p) => [p.name, p.width])).toEqual([
    ["appcloud_row_correlation_id", 40],
    ["appcloud_row_status", 255],
    ["appcloud_row_errormessage", 5120],
    ["LAST_MESSAGE_STATUS", 255],
  ]);

  // The portal lists the service's campaign as a Responsys app campaign, active and not editable.
  await signIn(page, ADMIN);
  await page.goto("/campaigns");
  const campaign = page.getByRole("row", { name: /Responsys: Sandbox program/ }).first();
  await expect(campaign).toContainText("Responsys app");
  await campaign.getByRole("link").first().click();
  await expect(page.getByRole("status", { name: "Campaign status" })).toHaveText("Active");
  await expect(
    page.getByText("Nothing sent yet: contacts arrive when a Responsys program reaches its Apps step."),
  ).toBeVisible();
});

test("a number that is no contact texts STOP: the opt-out is written to the Program's profile list", async ({
  page,
  request,
}) => {
  // The Program invokes the service with one row; it becomes a message of the service's campaign.
  const number = "4915177700001";
  const invoked = await request.post(`${SANDBOX}/_control/ams/invoke`, {
    data: { appId: APP_ID, instanceUuid, inline: true, rows: [["stop-row-1", number, "YES", "Ana", "Berlin", "DE"]] },
  });
  expect(invoked.status()).toBe(200);
  const profile = async () => {
    const list = (await (await request.get(`${SANDBOX}/_control/ams/lists/CONTACTS`)).json()) as {
      members: Record<string, string | null>[];
    };
    return list.members.find((m) => m.MOBILE_NUMBER_ === number);
  };
  expect(await profile()).toMatchObject({ OPTIN: "YES" });
  await signIn(page, ADMIN);
  await page.goto("/campaigns");
  await page
    .getByRole("row", { name: /Responsys: Sandbox program/ })
    .first()
    .getByRole("link")
    .first()
    .click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByText(`+${number}`, { exact: true })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });

  // The recipient, who is no contact of the workspace, replies STOP (the sandbox's Mitto inbound).
  const stop = await request.post(`${SANDBOX}/_control/inbound`, {
    data: { vendor: "mitto", from: `+${number}`, text: "STOP" },
  });
  expect(stop.status()).toBe(201);
  await expect.poll(async () => (await profile())?.OPTIN, { timeout: 30_000 }).toBe("NO");

  // The contact the reply made for the number shows the opt-out and the write-back under its history.
  await page.goto("/contacts");
  await page.getByPlaceholder("Name, email or number (+44…)").fill(`+${number}`);
  await page
    .getByRole("row")
    .filter({ hasText: `+${number}` })
    .getByRole("link")
    .first()
    .click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  const writeBack = page.getByRole("region", { name: "Write-backs" }).getByRole("row").nth(1);
  await expect(writeBack).toContainText("Responsys profile list");
  await expect(writeBack).toContainText("Done");
  await expect(writeBack).toContainText("OPTIN set to NO on CONTACTS");
});

test("an invocation whose rows Responsys refuses to hand over fails visibly, and an admin retries it from its page", async ({
  page,
  request,
}) => {
  // The Program invokes with rows to pull from its export endpoint, which refuses the first pull.
  const fault = await request.post(`${SANDBOX}/_control/faults`, {
    data: { vendor: "ams", pathPrefix: "/export", kind: "error4xx", status: 403, times: 1 },
  });
  expect(fault.status()).toBe(201);
  const invoked = await request.post(`${SANDBOX}/_control/ams/invoke`, {
    data: {
      appId: APP_ID,
      instanceUuid,
      inline: false,
      rows: [["retry-row-1", "4915177700002", "YES", "Bo", "Köln", "DE"]],
    },
  });
  expect(invoked.status()).toBe(200);

  await signIn(page, ADMIN);
  await page.goto("/responsys-invocations");
  const failed = page.getByRole("row").filter({ hasText: "Failed" }).first();
  await expect(async () => {
    await page.reload();
    await expect(failed).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 45_000 });
  await expect(failed).toContainText("403");
  await failed.getByRole("link").first().click();
  await expect(page).toHaveURL(/\/responsys-invocations\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("status", { name: "Invocation status" })).toHaveText("Failed");

  // The export answers again: the retry pulls the row, sends it and reports the results back.
  await page.getByRole("button", { name: "Retry" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Retry" }).click();
  await expect(page.getByRole("status", { name: "Invocation status" })).toHaveText("Completed", { timeout: 60_000 });
});

test("reconfigure shows the stored account, and uninstall lists the app as uninstalled", async ({ page }) => {
  await page.goto(`${SANDBOX}/ams/apps`);
  const row = page.getByRole("row", { name: new RegExp(APP_ID) });
  await row.getByRole("button", { name: "Reconfigure" }).click();
  const frame = appFrame(page);
  await expect(frame.getByLabel("Mitto email or username")).toHaveValue("demo@switchboard.test");
  await expect(frame.getByLabel("Password")).toHaveAttribute("placeholder", "Stored — leave blank to keep it");
  await page.goto(`${SANDBOX}/ams/apps`);
  await page
    .getByRole("row", { name: new RegExp(APP_ID) })
    .getByRole("button", { name: "Uninstall" })
    .click();
  await expect(page.getByRole("row", { name: new RegExp(APP_ID) })).toContainText("Uninstalled");
});
