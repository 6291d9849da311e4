import { z } from "zod";
import { MAX_STATUS_TIMEOUT_MINUTES } from "../campaign/schema";

// Switchboard as a Responsys CX app (§4 of docs/vendors/responsys.md and the issue 6 contract): the
// bodies AMS posts to the app's endpoints, and the two configuration forms shown in AMS's frames.
// Pure: the forms use them too. AMS documents few of these bodies, so they are loose objects: an
// unknown extra key is ignored, a missing key we need is named.

export const appEndpointPaths = [
  "/install",
  "/uninstall",
  "/configure",
  "/save-configuration",
  "/status",
  "/service/create",
  "/service/configure",
  "/service/save-configuration",
  "/service/copy",
  "/service/delete",
  "/service/invoke",
] as const;
export type AppEndpointPath = (typeof appEndpointPaths)[number];

// Messages follow the field's name: the edge answers "installId: required".
const id = z.string({ error: "required" }).trim().min(1, "required").max(200, "at most 200 characters");
const optionalText = z.string().trim().max(500).nullish();
const payload = z.record(z.string(), z.unknown()).nullish();

// The install body is [assumed] (contract): only installId is needed.
export const installBody = z.looseObject({
  installId: id,
  tenantId: optionalText,
  location: optionalText,
  productName: optionalText,
  productUrl: optionalText,
});
export const installIdBody = z.looseObject({ installId: id });
export const saveConfigurationBody = z.looseObject({ installId: id, payload });

export const serviceCreateBody = z.looseObject({ instanceUuid: id, installId: id, programName: optionalText });
export const serviceCopyBody = z.looseObject({ instanceUuid: id, sourceInstanceUuid: id, programName: optionalText });
export const serviceIdBody = z.looseObject({ instanceUuid: id });
export const serviceSaveConfigurationBody = z.looseObject({ instanceUuid: id, payload });
// listFields (the profile list's field names) is [assumed]: without it the page offers the
// "New Record" fields (seedListFields).
export const serviceConfigureBody = z.looseObject({
  uuid: id,
  listFields: z.array(z.string().trim().min(1, "listFields holds field names").max(100)).max(500).nullish(),
});
/** Only what the edge needs to find the service; receiveInvocation validates the rest. */
export const invokeTarget = z.looseObject({ instanceContext: z.looseObject({ instanceId: id }) });

/** The fields of Responsys's "New Record" form: the profile list fields when AMS does not send its own. */
export const seedListFields = [
  "EMAIL_SHA256_HASH",
  "MOBILE_NUMBER",
  "MOBILE_COUNTRY",
  "MOBILE_PERMISSION_STATUS",
  "MOBILE_DELIVERABILITY_STATUS",
  "MOBILE_PERMISSION_REASON",
  "POSTAL_STREET_1",
  "POSTAL_STREET_2",
  "CITY",
  "STATE",
  "POSTAL_CODE",
  "COUNTRY",
  "POSTAL_PERMISSION_STATUS",
  "POSTAL_DELIVERABILITY_STATUS",
  "POSTAL_PERMISSION_REASON",
  "CREATED_DATE",
  "MODIFIED_DATE",
  "FIRST_NAME",
  "COUNTRY_CODE",
  "OPTIN",
];

// The app configuration page: the Mitto account the app sends through.
export const configureAppInput = z.object({
  session: z.string().min(1),
  username: z.string().trim().min(1, "Enter your Mitto email or username"),
  // Blank keeps the stored password when the installation already has a Mitto account.
  password: z.string(),
});

const listField = z.string().trim().max(100);

// The service configuration page. Every piece may be missing here: configureService
// names each one still missing, all at once.
export const configureServiceInput = z.object({
  session: z.string().min(1),
  senderId: z.string(),
  optInField: listField,
  templateId: z.string(),
  placeholderFields: z.array(listField).max(20),
  statusField: listField,
  statusTimeoutMinutes: z
    .number({ error: "Set the timeout for receiving message statuses" })
    .int("The timeout is whole minutes")
    .min(0, "The timeout is 0 to 24 hours")
    .max(MAX_STATUS_TIMEOUT_MINUTES, "The timeout is 0 to 24 hours"),
});

/** What the configuration pages are loaded with: the session AMS's configure call handed them. */
export const pageSessionInput = z.object({
  session: z.string().min(1, "The page has no session: open it again from Responsys"),
});

// The admin's invocations page (not AMS's): a workspace's invocations, one, and a retry.
export const listInvocationsInput = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
  status: z.enum(["received", "queued", "reporting", "completed", "failed"]).nullish(),
});
export const invocationIdInput = z.object({ id: z.uuid("This is not an invocation id") });
