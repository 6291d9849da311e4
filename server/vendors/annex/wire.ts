import { z } from "zod";

// Bodies of the Annex Cloud Loyalty API v3 (https://s15.socialannex.net/api/3.0). See
// §A of docs/vendors/annex-lytics.md (the segment push is §A.2).

/** The JWT claims Annex Cloud reads (§A.1); the token is built per request because `hmac` binds it to the body. */
export type AccessTokenClaims = { sub: string; exp: number; site_id: string; hmac: string };

// Every field is a string in Annex Cloud's parameter table, dates included (yyyy-mm-dd).
export const segmentRequest = z.object({
  name: z.string(),
  type: z.enum(["Current Data", "Past Data"]),
  fromDate: z.string().optional(),
  toDate: z.string().optional(),
  // Emails separated by commas, no spaces (as in Annex Cloud's sample).
  member: z.string(),
  status: z.enum(["ACTIVE", "INACTIVE"]),
  externalId: z.string(),
  externalName: z.string(),
});
export type SegmentRequest = z.infer<typeof segmentRequest>;

/** Any body carrying `errorCode` is a failure, whatever the HTTP status ([obs] in client code). */
export const errorBody = z.object({
  errorCode: z.union([z.string(), z.number()]).transform(String),
  errorMessage: z.string().optional(),
});

// The echo of Annex Cloud's sample request; dates come back as yyyy-MM-dd'T'HH:mm:ssZ. Only
// segmentId is relied on: the other fields are shown as Annex Cloud returns them, so they stay
// lenient.
export const segmentResponse = z.looseObject({
  segmentId: z.union([z.number(), z.string()]).transform(String),
  segmentName: z.string().optional(),
  segmentType: z.string().optional(),
  segmentFromDate: z.string().nullish(),
  segmentToDate: z.string().nullish(),
  member: z.string().nullish(),
  status: z.string().optional(),
  externalId: z.union([z.string(), z.number()]).transform(String).nullish(),
  externalName: z.string().nullish(),
});

/** What a 2xx may hold: the segment, or an error body (checked first, since it is the stricter match). */
export const segmentAnswer = z.union([errorBody, segmentResponse]);

// A member's activity, GET /users/{email}/activity ([obs] in client code: `activityDetail[]`).
// The items' fields are not documented [assumed]: an id, the action's name, when it happened, and
// the values a text may quote. Each item is read on its own, so one odd item does not hide the rest.
export const activityItem = z.looseObject({
  activityId: z.union([z.string().min(1), z.number()]).transform(String),
  activity: z.string(),
  createdAt: z.string().refine((v) => !Number.isNaN(Date.parse(v)), "is not a date"),
  points: z.union([z.number(), z.string()]).transform(String).nullish(),
  balance: z.union([z.number(), z.string()]).transform(String).nullish(),
  rewardName: z.string().nullish(),
  tier: z.string().nullish(),
});

// `id`: the member's Annex Cloud id [assumed]; an odd one is ignored rather than failing the read.
export const activityResponse = z.looseObject({
  id: z
    .union([z.string().trim().min(1), z.number()])
    .transform(String)
    .nullish()
    .catch(null),
  activityDetail: z.array(z.unknown()).nullish(),
});

/** What a 2xx may hold: the activity, or an error body (checked first, since it is the stricter match). */
export const activityAnswer = z.union([errorBody, activityResponse]);
