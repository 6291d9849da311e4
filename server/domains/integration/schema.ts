import { z } from "zod";
import { vendors } from "../../vendors/settings";

// Procedure inputs. Settings are checked against the vendor's schema inside the use case,
// after stored secrets are merged in on reconfigure.
const label = z.string().trim().min(1, "Enter a label").max(120);
const description = z.string().trim().max(500).optional();
const settingsInput = z.record(z.string(), z.unknown());

export const connectIntegrationInput = z.object({
  vendor: z.enum(vendors),
  label,
  description,
  sandbox: z.boolean(),
  settings: settingsInput,
});
export const vendorInput = z.object({ vendor: z.enum(vendors) });
export const reconfigureIntegrationInput = z.object({
  id: z.uuid(),
  data: z.object({ label, description, settings: settingsInput }),
});
export const integrationIdInput = z.object({ id: z.uuid() });
export const setIntegrationEnabledInput = z.object({ id: z.uuid(), data: z.object({ enabled: z.boolean() }) });
// WhatsApp's messaging tiers run from 80 to 1,000 messages a second per number; empty means
// the vendor's default above.
export const senderPace = z
  .number({ error: "Enter a whole number of messages a second" })
  .int("Enter a whole number of messages a second")
  .min(1, "The pace is 1 to 1,000 messages a second")
  .max(1_000, "The pace is 1 to 1,000 messages a second")
  .nullable();
export const setSenderPaceInput = z.object({ id: z.uuid(), data: z.object({ messagesPerSecond: senderPace }) });
/** The pace form: empty is the vendor's default. */
export const senderPaceForm = z.object({
  messagesPerSecond: z
    .string()
    .trim()
    .transform((v) => (v === "" ? null : Number(v)))
    .pipe(senderPace),
});
export const listIntegrationsInput = z.object({ includeUninstalled: z.boolean().default(false) });
