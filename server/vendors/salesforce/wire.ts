import { z } from "zod";

// Salesforce REST bodies the adapter reads (docs: OAuth 2.0 token endpoint, REST API
// Developer Guide). Objects are not strict: Salesforce adds fields between API versions.

/** POST /services/oauth2/token success, for the password and client credentials grants. */
export const tokenResponse = z.object({
  access_token: z.string().min(1),
  instance_url: z.url(),
  id: z.string().optional(),
  token_type: z.string().optional(),
  issued_at: z.string().optional(),
});
export type TokenResponse = z.infer<typeof tokenResponse>;

/** Token endpoint failure (HTTP 400), e.g. invalid_grant / "authentication failure". */
export const oauthError = z.object({ error: z.string(), error_description: z.string().optional() });

const apiError = z.object({ message: z.string(), errorCode: z.string(), fields: z.array(z.string()).optional() });
/** REST API failure: always a JSON array, one entry per problem. */
export const apiErrors = z.tuple([apiError], apiError);

/** GET /query and GET <nextRecordsUrl>, with the caller's schema for the selected fields. */
export const queryPage = <T>(record: z.ZodType<T>) =>
  z.object({
    totalSize: z.number().int(),
    done: z.boolean(),
    // Present only while done is false, e.g. /services/data/v62.0/query/01gD...-2000.
    nextRecordsUrl: z.string().optional(),
    records: z.array(record),
  });

export const userRecord = z.object({ Id: z.string(), Username: z.string(), Email: z.string(), IsActive: z.boolean() });
export type SalesforceUser = z.infer<typeof userRecord>;

/** GET /sobjects/{type}/describe, only what the adapter reads. */
export const describeResponse = z.object({
  name: z.string(),
  fields: z.array(z.object({ name: z.string(), createable: z.boolean() })),
});

/** POST /sobjects/{type}: 201 with the new record's id. */
export const createResponse = z.object({ id: z.string(), success: z.literal(true), errors: z.array(z.unknown()) });

/** GET /search?q=FIND ... RETURNING Contact(...): SOSL answers with searchRecords. */
export const searchResponse = <T>(record: z.ZodType<T>) => z.object({ searchRecords: z.array(record) });

export const contactRecord = z.object({
  Id: z.string(),
  Name: z.string().nullable().optional(),
  Phone: z.string().nullable().optional(),
  MobilePhone: z.string().nullable().optional(),
});
export type SalesforceContact = z.infer<typeof contactRecord>;

export const caseRecord = z.object({ Id: z.string(), CaseNumber: z.string() });
export const caseCommentRecord = z.object({ Id: z.string(), CommentBody: z.string().nullable() });
export const contentVersionRecord = z.object({
  Id: z.string(),
  Title: z.string().nullable(),
  Description: z.string().nullable(),
  ContentDocumentId: z.string().nullable(),
});
