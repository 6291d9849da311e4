import { z } from "zod";

// Bodies of the Responsys CX Apps (AMS) invoke contract: §4 of docs/vendors/responsys.md and the
// issue 6 contract. Where a shape is [assumed] the schema is lenient.

const text = z.string().trim().min(1);
// Ids are strings in every example; a number is taken as its digits [assumed].
const id = z.union([text, z.number()]).transform(String);

/** A record definition parameter: only the name is relied on, the rest is echoed back as sent. */
export const recordParameter = z.looseObject({ name: text });

const method = <const M extends readonly string[]>(methods: M) =>
  z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(methods));

const endpoint = <const M extends readonly string[]>(methods: M) =>
  z.object({ url: z.url({ protocol: /^https?$/ }), method: method(methods) });

/**
 * One row: positional values in inputParameters order. Rows are documented as strings; an
 * empty field may come as null and a number as a number [assumed], read as text ("" for null).
 */
const row = z.array(
  z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((v) => (v === null ? "" : String(v))),
);

// The default page and batch sizes are not documented [assumed]: 200, as in the example. A
// larger maximum is taken as 1,000: pulling or pushing fewer rows a call is always allowed, and
// it keeps each call (and each query over its rows) bounded.
const pageSize = z
  .number()
  .int()
  .min(1)
  .default(200)
  .transform((n) => Math.min(n, 1_000));

/** POST {app}/service/invoke. */
export const invokeBody = z
  .object({
    uuid: text.max(200),
    instanceContext: z.object({
      appId: text,
      installId: text,
      instanceId: text,
      tenantId: id,
      secret: text,
      recordDefinition: z.object({
        inputParameters: z.array(recordParameter).min(1),
        outputParameters: z.array(recordParameter).min(1),
      }),
    }),
    dataSet: z.object({ id, rows: z.array(row).nullish(), size: z.number().int().min(0).nullish() }),
    productExportEndpoint: endpoint(["GET"]).nullish(),
    productImportEndpoint: endpoint(["POST", "PUT", "PATCH"]),
    onCompletionCallbackEndpoint: endpoint(["POST", "PUT", "PATCH"]).nullish(),
    maxPullPageSize: pageSize,
    maxPushBatchSize: pageSize,
  })
  .superRefine((body, ctx) => {
    if (!body.dataSet.rows && !body.productExportEndpoint)
      ctx.addIssue({
        code: "custom",
        path: ["dataSet", "rows"],
        message: "Either inline rows or a productExportEndpoint is required",
      });
  });
export type InvokeBody = z.output<typeof invokeBody>;

/** GET {productExportEndpoint}?offset&limit: a page of rows; `size` is the data set's total. */
export const exportPage = z.object({
  dataSet: z.object({ rows: z.array(row).nullish(), size: z.number().int().nullish() }),
});

/** One result row: correlation id, success|warning|failure, error message, then further output columns. */
export type ResultRow = (string | null)[];

/** POST|PUT {productImportEndpoint}. */
export type ImportBody = {
  fieldDefinitions: unknown[];
  dataSet: { id: string; rows: ResultRow[]; size: null };
  // true only when this is the one and only import call; we always finish with the completion callback.
  release: false;
};

/** The import and completion answers are not relied on beyond their 2xx status [assumed]. */
export const anyAnswer = z.unknown();

// REST API errors (§2) explain themselves in `detail`.
export const errorBody = z.looseObject({
  error: z.string().optional(),
  message: z.string().optional(),
  detail: z.string().optional(),
});

/** A list merge's answer (§3.1): one record per input record, its RIID or a "MERGEFAILED: …" text. */
export const mergeAnswer = z.object({
  recordData: z.object({ records: z.array(z.array(z.union([z.string(), z.number()]).transform(String).nullable())) }),
});
