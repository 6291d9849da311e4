import { z } from "zod";
import { required } from "../fields";

export const attentiveSettings = z.object({
  annexSiteId: z.string().trim().regex(/^\d+$/, "The Annex Cloud site id is a number"),
  loyaltyToken: required("Annex Cloud loyalty token"),
  apiKey: required("Attentive API key"),
  legacyToken: required("Attentive legacy messages token"),
  signUpSourceId: z.string().trim().regex(/^\d+$/, "The sign-up source id is a number (Subscribers tab in Attentive)"),
  // Attentive signs its webhook events with this key (shown when the webhook is created there);
  // without it, subscription events are refused.
  webhookSigningKey: z.string().trim().optional(),
});

export const attentiveSecretFields = ["loyaltyToken", "apiKey", "legacyToken", "webhookSigningKey"];

/** Annex Cloud's access token for Attentive is base64 of the JSON array [loyalty token, site id]. */
export function annexAccessToken(loyaltyToken: string, siteId: string): string {
  const bytes = new TextEncoder().encode(JSON.stringify([loyaltyToken, siteId]));
  return btoa(String.fromCharCode(...bytes));
}
