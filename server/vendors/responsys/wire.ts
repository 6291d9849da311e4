import { z } from "zod";

// Oracle Responsys REST bodies (§1–3 of docs/vendors/responsys.md).

/** POST /rest/api/v1.3/auth/token: later calls go to endPoint with the raw token. */
export const tokenResponse = z.object({
  authToken: z.string().min(1),
  issuedAt: z.number(),
  endPoint: z.url(),
});

/** Every request-level error; type and errorDetails are reserved, so nothing relies on them. */
export const errorBody = z.object({
  title: z.string().nullish(),
  errorCode: z.string(),
  detail: z.string().nullish(),
});

/** List merge keys carry a trailing underscore (PET merges do not). */
export const matchColumns = [
  "RIID_",
  "CUSTOMER_ID_",
  "EMAIL_ADDRESS_",
  "MOBILE_NUMBER_",
  "EMAIL_MD5_HASH_",
  "EMAIL_SHA256_HASH_",
] as const;
export type MatchColumn = (typeof matchColumns)[number];

const recordData = z.object({
  fieldNames: z.array(z.string()),
  // Positional rows in fieldNames order.
  records: z.array(z.array(z.string().nullable())),
  mapTemplateName: z.string().nullish(),
});

/** POST /rest/api/v1.3/lists/{listName}/members, at most 200 records. */
export const mergeListMembersRequest = z.object({
  recordData,
  mergeRule: z.object({
    insertOnNoMatch: z.boolean(),
    updateOnMatch: z.enum(["REPLACE_ALL", "NO_UPDATE"]),
    matchColumnName1: z.enum(matchColumns),
    matchColumnName2: z.enum(matchColumns).nullable(),
    matchOperator: z.enum(["NONE", "AND"]),
    optinValue: z.string(),
    optoutValue: z.string(),
    htmlValue: z.string(),
    textValue: z.string(),
    rejectRecordIfChannelEmpty: z.string().nullable(),
    defaultPermissionStatus: z.enum(["OPTIN", "OPTOUT"]),
  }),
});
export type MergeListMembersRequest = z.infer<typeof mergeListMembersRequest>;

/** HTTP 200 even when rows fail: one row per input record, its RIID or "MERGEFAILED: …". */
export const mergeListMembersResponse = z.object({ recordData });

/** PET merge keys: the list keys without their trailing underscore (RIID_ is refused there). */
export const extensionMatchColumns = [
  "RIID",
  "CUSTOMER_ID",
  "EMAIL_ADDRESS",
  "MOBILE_NUMBER",
  "EMAIL_MD5_HASH",
  "EMAIL_SHA256_HASH",
] as const;
export type ExtensionMatchColumn = (typeof extensionMatchColumns)[number];

/** POST /rest/api/v1.3/lists/{listName}/listExtensions/{petName}/members, at most 200 records. */
export const mergeExtensionMembersRequest = z.object({
  recordData,
  insertOnNoMatch: z.boolean(),
  updateOnMatch: z.enum(["REPLACE_ALL", "NO_UPDATE"]),
  matchColumnName1: z.enum(extensionMatchColumns),
  matchColumnName2: z.enum(extensionMatchColumns).nullable(),
});
export type MergeExtensionMembersRequest = z.infer<typeof mergeExtensionMembersRequest>;

/** POST /rest/api/v1.3/lists/{listName}/listExtensions: creates a profile extension table [assumed shape after Oracle's reference]. */
export const createExtensionRequest = z.object({
  profileExtension: z.object({ objectName: z.string(), folderName: z.string() }),
  fields: z.array(z.object({ fieldName: z.string(), fieldType: z.literal("STR500") })),
});
export type CreateExtensionRequest = z.infer<typeof createExtensionRequest>;
export const createExtensionResponse = z
  .object({ profileExtension: z.object({ objectName: z.string() }).loose() })
  .loose();

/**
 * POST /rest/api/v1.3/campaigns/{campaignName}/email: merges the recipients into the
 * campaign's list and triggers the email, at most 200; one result per recipient.
 */
export const mergeTriggerEmailRequest = z.object({
  recordData,
  mergeRule: mergeListMembersRequest.shape.mergeRule,
  triggerData: z.array(z.object({ optionalData: z.array(z.object({ name: z.string(), value: z.string() })) })),
});
export type MergeTriggerEmailRequest = z.infer<typeof mergeTriggerEmailRequest>;
export const mergeTriggerEmailResponse = z.array(
  z.object({
    recipientId: z.union([z.number(), z.string()]).nullish(),
    success: z.boolean(),
    errorMessage: z.string().nullish(),
  }),
);

const listedObject = z
  .object({
    name: z.string().nullish(),
    objectName: z.string().nullish(),
    profileExtension: z.object({ objectName: z.string() }).loose().nullish(),
  })
  .loose();

/**
 * GET /lists, /lists/{listName}/listExtensions and /campaigns [assumed: docs/vendors/responsys.md
 * names none of them]. Read leniently: the objects as an array or under the body's first array
 * property, each named by name, objectName or profileExtension.objectName.
 */
export const objectListing = z
  .union([z.array(z.unknown()), z.record(z.string(), z.unknown())])
  .transform((body): unknown[] =>
    Array.isArray(body) ? body : (Object.values(body).find((v): v is unknown[] => Array.isArray(v)) ?? []),
  )
  .pipe(z.array(listedObject))
  .transform((items) =>
    items.flatMap((i) => {
      const name = i.name ?? i.objectName ?? i.profileExtension?.objectName;
      return name ? [name] : [];
    }),
  );
