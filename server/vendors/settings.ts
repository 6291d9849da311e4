import type { z } from "zod";
import { attentiveSecretFields, attentiveSettings } from "./attentive/settings";
import { mittoSecretFields, mittoSettings } from "./mitto/settings";
import { responsysSecretFields, responsysSettings } from "./responsys/settings";
import { responsysAppSecretFields, responsysAppSettings } from "./responsys-app/settings";
import { salesforceSecretFields, salesforceSettings } from "./salesforce/settings";
import { wavySecretFields, wavySettings } from "./wavy/settings";

// What the setup wizard collects for each vendor, from the vendor's own folder. Shared by the
// wizard forms, the use cases and the adapters. Secret fields are encrypted at rest, never
// sent back to the browser, and replace-only on edit. Pure zod, so forms can import it.

export const vendors = ["mitto", "responsys", "wavy", "attentive", "salesforce", "responsys_app"] as const;
export type Vendor = (typeof vendors)[number];

export const settingsSchemas = {
  mitto: mittoSettings,
  responsys: responsysSettings,
  wavy: wavySettings,
  attentive: attentiveSettings,
  salesforce: salesforceSettings,
  responsys_app: responsysAppSettings,
} as const;

export type SettingsOf<V extends Vendor> = z.output<(typeof settingsSchemas)[V]>;

export const secretFields: { [V in Vendor]: string[] } = {
  mitto: mittoSecretFields,
  responsys: responsysSecretFields,
  wavy: wavySecretFields,
  attentive: attentiveSecretFields,
  salesforce: salesforceSecretFields,
  responsys_app: responsysAppSecretFields,
};
