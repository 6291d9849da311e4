import { afterAll, beforeAll, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "./server";
import { wavyFake, WAVY_SANDBOX_CREDENTIALS, type WavyFake } from "./wavy";

// The Wavy fake sends only the HSMs Wavy approved: the demo ones, and those a test approves
// through the control API, as an admin's hand-kept codes need.

let sandbox: Sandbox;
let wavy: WavyFake;
beforeAll(async () => {
  wavy = wavyFake();
  sandbox = await startSandbox({ port: 0, vendors: [wavy] });
});
afterAll(() => sandbox.close());

const sendHsm = (elementName: string) =>
  fetch(`${sandbox.url}/wavy/v1/whatsapp/send`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      username: WAVY_SANDBOX_CREDENTIALS.username,
      authenticationtoken: WAVY_SANDBOX_CREDENTIALS.password,
    },
    body: JSON.stringify({
      destinations: [{ destination: "5511999990001", correlationId: elementName }],
      message: {
        hsm: { namespace: "demo_wavy_ns", elementName, languageCode: "es_AR", parameters: ["Ana"] },
      },
    }),
  });

it("sends an HSM approved through PUT /_control/wavy/templates, and refuses it in the status before", async () => {
  expect((await sendHsm("welcome_back")).status).toBe(200);
  const approve = await fetch(`${sandbox.url}/_control/wavy/templates`, {
    method: "PUT",
    body: JSON.stringify({ elementName: "welcome_back", languageCode: "es_AR", body: "Hola {{1}}" }),
  });
  expect(approve.status).toBe(200);
  expect((await sendHsm("welcome_back")).status).toBe(200);
  expect(wavy.messages.map((m) => [m.status, m.text])).toEqual([
    ["INVALID_MESSAGE_TEXT", null],
    ["SENT_SUCCESS", "Hola Ana"],
  ]);
  const bad = await fetch(`${sandbox.url}/_control/wavy/templates`, { method: "PUT", body: "{}" });
  expect(bad.status).toBe(400);
});
