import { z } from "zod";

// Responsys jobs (audience exports and activity imports): inputs shared by the tRPC router and the
// job forms.

/** Responsys list merge keys (§3.1 of docs/vendors/responsys.md), the identifiers a contact field can map to. */
export const responsysIdentifiers = [
  "RIID_",
  "CUSTOMER_ID_",
  "EMAIL_ADDRESS_",
  "MOBILE_NUMBER_",
  "EMAIL_MD5_HASH_",
  "EMAIL_SHA256_HASH_",
] as const;
export type ResponsysIdentifier = (typeof responsysIdentifiers)[number];
/** Matching on a hash can only update: Responsys refuses to insert on them. */
export const hashIdentifiers: readonly ResponsysIdentifier[] = ["EMAIL_MD5_HASH_", "EMAIL_SHA256_HASH_"];

/** Contact columns a job can export; custom attributes are named attributes.<key>. */
export const exportColumns = [
  "email",
  "mobileNumber",
  "firstName",
  "lastName",
  "city",
  "state",
  "postalCode",
  "country",
  "mobileCountry",
  "timeZone",
] as const;
export type ExportColumn = (typeof exportColumns)[number];
const attributeField = /^attributes\.[A-Za-z0-9_-]{1,64}$/;
export const contactField = z
  .string()
  .trim()
  .refine(
    (v) => (exportColumns as readonly string[]).includes(v) || attributeField.test(v),
    "Choose a contact field from the list, or attributes.<key> for a custom attribute",
  );

/** An export job sends up to 29 additional fields and up to 29 segment memberships. */
export const MAX_ADDITIONAL_FIELDS = 29;
export const MAX_SEGMENT_MEMBERSHIPS = 29;
export const BATCH_SIZE = 200;
export const DEFAULT_BATCH_TIMEOUT_SECONDS = 600;

// Responsys object and field names: a letter first, then letters, digits and underscores.
const responsysName = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}`)
    .max(50, `A Responsys ${what} has at most 50 characters`)
    .regex(
      /^[A-Za-z][A-Za-z0-9_]*$/,
      `A Responsys ${what} starts with a letter and holds only letters, digits and underscores`,
    );

const label = z.string().trim().min(1, "Give the job a label").max(120, "A label has at most 120 characters");
const description = z
  .string()
  .trim()
  .max(500, "A description has at most 500 characters")
  .nullish()
  .transform((v) => v || null);

export const idMapping = z.object({
  field: contactField,
  identifier: z.enum(responsysIdentifiers, "Choose a Responsys identifier from the list"),
  // SHA-256 of the trimmed, lower-cased value, in hex.
  hash: z.boolean().default(false),
});
export type IdMapping = z.infer<typeof idMapping>;

const additionalFields = z
  .array(contactField)
  .max(MAX_ADDITIONAL_FIELDS, `Choose at most ${MAX_ADDITIONAL_FIELDS} additional fields`)
  .default([]);
const batchTimeoutSeconds = z
  .number()
  .int()
  .min(1, "The batch timeout is at least 1 second")
  .max(DEFAULT_BATCH_TIMEOUT_SECONDS, "A partial batch waits at most 10 minutes")
  .default(DEFAULT_BATCH_TIMEOUT_SECONDS);

const common = {
  integrationId: z.uuid("Choose the Responsys authorization"),
  label,
  description,
};

export const exportAudienceInput = z
  .object({
    kind: z.literal("export_audience"),
    ...common,
    segmentId: z.uuid("Choose the source segment"),
    listName: responsysName("list name"),
    idMappings: z
      .array(idMapping)
      .min(1, "Map at least one contact field to a Responsys identifier")
      .max(responsysIdentifiers.length),
    matchColumn1: z.enum(responsysIdentifiers, "Choose match column 1"),
    matchColumn2: z
      .enum(responsysIdentifiers)
      .nullish()
      .transform((v) => v ?? null),
    additionalFields,
    // None: the job creates LyticsUser_Fields<job id> on the list.
    fieldsTable: responsysName("fields table name")
      .nullish()
      .transform((v) => v ?? null),
    segmentMemberships: z
      .array(z.uuid("Choose segments from the list"))
      .max(MAX_SEGMENT_MEMBERSHIPS, `Choose at most ${MAX_SEGMENT_MEMBERSHIPS} segments to export memberships of`)
      .default([]),
    onExit: z.enum(["flag", "remove"]).default("flag"),
    exitFlagField: responsysName("exit flag field")
      .nullish()
      .transform((v) => v ?? null),
    defaultPermission: z.enum(["OPTIN", "OPTOUT"]).default("OPTOUT"),
    backfill: z.boolean().default(false),
    batchTimeoutSeconds,
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.idMappings.forEach((m, i) => {
      if (seen.has(m.identifier))
        ctx.addIssue({
          code: "custom",
          path: ["idMappings", i, "identifier"],
          message: `${m.identifier} is mapped twice: map each Responsys identifier once`,
        });
      seen.add(m.identifier);
      if (m.identifier === "EMAIL_SHA256_HASH_" && !m.hash)
        ctx.addIssue({
          code: "custom",
          path: ["idMappings", i, "hash"],
          message: "EMAIL_SHA256_HASH_ holds SHA-256 hashes: turn hashing on for it",
        });
      if (m.identifier === "EMAIL_MD5_HASH_" && m.hash)
        ctx.addIssue({
          code: "custom",
          path: ["idMappings", i, "hash"],
          message: "EMAIL_MD5_HASH_ holds MD5 hashes: map a field that already holds them, without SHA-256 hashing",
        });
    });
    if (!seen.has(v.matchColumn1))
      ctx.addIssue({
        code: "custom",
        path: ["matchColumn1"],
        message: `Match column 1 (${v.matchColumn1}) must be one of the mapped identifiers`,
      });
    if (v.matchColumn2 && !seen.has(v.matchColumn2))
      ctx.addIssue({
        code: "custom",
        path: ["matchColumn2"],
        message: `Match column 2 (${v.matchColumn2}) must be one of the mapped identifiers`,
      });
    if (v.matchColumn2 && v.matchColumn2 === v.matchColumn1)
      ctx.addIssue({
        code: "custom",
        path: ["matchColumn2"],
        message: "Match column 2 must differ from match column 1",
      });
    if (new Set(v.additionalFields).size !== v.additionalFields.length)
      ctx.addIssue({ code: "custom", path: ["additionalFields"], message: "Each additional field may be chosen once" });
    if (new Set(v.segmentMemberships).size !== v.segmentMemberships.length)
      ctx.addIssue({ code: "custom", path: ["segmentMemberships"], message: "Each segment may be chosen once" });
    if (v.onExit === "flag" && !v.exitFlagField)
      ctx.addIssue({
        code: "custom",
        path: ["exitFlagField"],
        message: "Name the list field that flags members who left the segment",
      });
  });

export const exportToCampaignInput = z
  .object({
    kind: z.literal("export_to_campaign"),
    ...common,
    segmentId: z.uuid("Choose the segment to export"),
    emailField: contactField,
    campaignName: responsysName("campaign name"),
    additionalFields,
    backfill: z.boolean().default(false),
    defaultPermission: z.enum(["OPTIN", "OPTOUT"]).default("OPTOUT"),
    batchTimeoutSeconds,
  })
  .superRefine((v, ctx) => {
    if (new Set(v.additionalFields).size !== v.additionalFields.length)
      ctx.addIssue({ code: "custom", path: ["additionalFields"], message: "Each additional field may be chosen once" });
  });

// Relative to the SFTP login's home unless it starts with /; empty: the authorization's folder.
const sftpFolder = z
  .string()
  .trim()
  .max(300)
  .nullish()
  .transform((v) => v || null);

export const importActivityInput = z.object({
  kind: z.literal("import_activity"),
  ...common,
  folder: sftpFolder,
  accountIds: z
    .array(
      z
        .string()
        .trim()
        .regex(/^\d{1,20}$/, "Account ids are numbers"),
    )
    .min(1, "Choose at least one account id found in the folder"),
  delimiter: z
    .string()
    .default(",")
    .transform((v) => (v === "" ? "," : v === "\\t" ? "\t" : v))
    .refine(
      (v) => v.length === 1 && !/[\r\n"]/.test(v),
      "The delimiter is one character (not a quote or a line break), e.g. , or |",
    ),
  // Rows of users no contact matches make contacts (never opted in) only when this is on.
  createContacts: z.boolean().default(false),
});

export const createJobInput = z.discriminatedUnion(
  "kind",
  [exportAudienceInput, exportToCampaignInput, importActivityInput],
  { error: "Choose the job type" },
);
export type CreateJobInput = z.input<typeof createJobInput>;

export type ExportAudienceConfig = Omit<
  z.output<typeof exportAudienceInput>,
  "kind" | "integrationId" | "label" | "description" | "segmentId" | "backfill" | "batchTimeoutSeconds"
> & {
  /** The fields table the job writes (the chosen one, or LyticsUser_Fields<id> it creates). */
  fieldsTableName: string;
  fieldsTableCreated?: boolean;
  segmentsTableCreated?: boolean;
};
export type ExportToCampaignConfig = Omit<
  z.output<typeof exportToCampaignInput>,
  "kind" | "integrationId" | "label" | "description" | "segmentId" | "backfill" | "batchTimeoutSeconds"
>;
export type ImportActivityConfig = Omit<
  z.output<typeof importActivityInput>,
  "kind" | "integrationId" | "label" | "description"
>;

/** The extension table an export job writes segment memberships to. */
export const SEGMENTS_TABLE = "Lytics_Segments";

export const jobIdInput = z.object({ id: z.uuid("This is not a job id") });
export const importIdInput = z.object({ id: z.uuid("This is not an import id") });
export const listJobsInput = z
  .object({ kind: z.enum(["export_audience", "export_to_campaign", "import_activity"]).nullish() })
  .default({});
export const detectAccountsInput = z.object({
  integrationId: z.uuid("Choose the Responsys SFTP authorization"),
  folder: sftpFolder,
});

export const lookUpNamesInput = z.object({
  integrationId: z.uuid("Choose the Responsys authorization"),
  listName: z.string().trim().max(50).nullish(),
});

export const contactActivityInput = z.object({ contactId: z.uuid("This is not a contact id") });
