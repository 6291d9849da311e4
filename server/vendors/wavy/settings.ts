import { z } from "zod";
import { e164, required } from "../fields";

export const wavySettings = z.object({
  username: required("Wavy username"),
  password: required("Wavy password (authentication token)"),
  smsRegExp: z
    .string()
    .min(1, "Enter the SMS RegExp; “.” accepts every number")
    .refine((v) => {
      try {
        new RegExp(v);
        return true;
      } catch {
        return false;
      }
    }, "This is not a valid regular expression"),
  smsFromNamespace: required("SMSFrom namespace"),
  dids: z.array(e164).min(1, "Add at least one approved number (DID)"),
});

export const wavySecretFields = ["password"];
