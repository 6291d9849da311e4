import { z } from "zod";
import { required } from "../fields";

// Switchboard itself as a Responsys CX app (§4 of docs/vendors/responsys.md): the ids and HS256
// secret AMS issues when the app is registered there. AMS documents no format for them [assumed],
// so only blanks, whitespace and secrets too short to be a signing key are refused.
const amsValue = (label: string) => required(label).regex(/^\S+$/, `The ${label} cannot contain spaces`);
export const responsysAppSettings = z.object({
  appId: amsValue("AMS app id"),
  tokenKey: amsValue("AMS token key"),
  tokenSecret: amsValue("AMS token secret").min(16, "The AMS token secret is at least 16 characters"),
});

export const responsysAppSecretFields = ["tokenSecret"];
