import { expect, test } from "../fixtures/test";
import { connectWavySandbox } from "../fixtures/wavy";
import { ADMIN, signIn } from "../fixtures/users";

// Issue 17's first done-when, its HSM part: a Wavy integration connected in the test (not the
// demo seed's), three HSM codes imported from a CSV, then seen in the template browser.
test("an admin imports three HSM codes from a CSV to a new Wavy integration and sees them in the template browser", async ({
  page,
}) => {
  await signIn(page, ADMIN);
  const label = `Wavy HSM ${Date.now()}`;
  const integrationId = await connectWavySandbox(page.request, label);

  await page.goto(`/templates?integration=${integrationId}`);
  await expect(page.getByText("No templates match these filters")).toBeVisible();
  const codes = page.getByRole("group", { name: `HSM codes of ${label}` });
  const upload = async (csv: string) => {
    await codes.getByRole("button", { name: "Import CSV" }).click();
    const dialog = page.getByRole("dialog", { name: `Import HSM codes to ${label}` });
    await dialog
      .getByLabel("HSM codes CSV")
      .setInputFiles({ name: "hsm.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await dialog.getByRole("button", { name: "Import" }).click();
    return dialog;
  };

  // A bad line stops the whole file and says where and why.
  const refused = await upload("code,language,category,body\nfine_code,en,UTILITY,Hi {{1}}\nBad Code,en,UTILITY,Hi\n");
  await expect(refused.getByRole("alert")).toContainText(
    "line 3, code: An HSM code is lower-case letters, digits and underscores",
  );
  await refused.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByText("No templates match these filters")).toBeVisible();

  await upload(
    [
      "code,language,category,body,status",
      "chatclub_open_session_v2,pt_BR,UTILITY,{{1}} reports: {{2}},APPROVED",
      'appointment_reminder,en_US,UTILITY,"Hi {{1}}, your appointment is on {{2}} at {{3}}.",APPROVED',
      "welcome_back,es_AR,MARKETING,Hola de nuevo,APPROVED",
    ].join("\n"),
  );
  await expect(page.getByText(`${label}: 3 added, 0 updated, 0 unchanged`)).toBeVisible();
  const row = (name: string) => page.getByRole("row", { name: new RegExp(`^${name} ${label}`) });
  await expect(row("chatclub_open_session_v2")).toContainText("pt_BR");
  await expect(row("appointment_reminder")).toContainText("3");
  await expect(row("welcome_back")).toContainText("Marketing");

  // The same preview as a synced template: no sample values, so each placeholder is marked.
  await row("appointment_reminder").getByRole("link", { name: "appointment_reminder" }).click();
  await expect(page.getByText(/3 placeholders/)).toBeVisible();
  await expect(page.getByText("[missing {{2}}]")).toBeVisible();
  await expect(page.getByRole("button", { name: "Edit" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Retire" })).toBeVisible();
});
