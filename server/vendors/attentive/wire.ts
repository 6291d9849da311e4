import { z } from "zod";

// Bodies of Attentive's REST API (/v1, Bearer API key of a custom app) and of its legacy
// Transactional Messages API (/1/messages, Bearer legacy token). See docs/vendors/attentive.md.

export const subscription = z.object({
  type: z.enum(["MARKETING", "TRANSACTIONAL", "CHECKOUT_ABANDONED"]),
  channel: z.enum(["TEXT", "EMAIL"]),
});
export type Subscription = z.infer<typeof subscription>;

/** Phone in E.164 (required by the subscription endpoints), email optional. */
export const user = z.object({ phone: z.string().optional(), email: z.string().optional() });
export type WireUser = z.infer<typeof user>;

/** Newer endpoints' error body; older subscription endpoints may answer with an empty body [assumed]. */
export const errorBody = z.object({
  error: z.object({ id: z.union([z.number(), z.string()]).optional(), message: z.string() }),
});

export const meResponse = z.object({
  applicationName: z.string(),
  attentiveDomainName: z.string().optional(),
  companyName: z.string(),
  contactEmail: z.string().optional(),
  companyId: z.string(),
});

export const subscribeRequest = z.object({ user, signUpSourceId: z.string() });
export type SubscribeRequest = z.infer<typeof subscribeRequest>;

// Statuses are kept as plain strings: the spec lists NEWLY_CREATED / PREVIOUSLY_CREATED (and
// NEWLY_UNSUBSCRIBED / PREVIOUSLY_UNSUBSCRIBED), but a value it does not list must not turn an
// accepted (asynchronous) subscription into an error after the fact.
export const subscribeResponse = z.object({
  user: user.optional(),
  subscriptionResponses: z.array(z.object({ subscription, subscriptionCreationStatus: z.string() })),
});

export const eligibilityResponse = z.object({
  subscriptionEligibilities: z.array(z.object({ subscription, eligibility: z.object({ isEligible: z.boolean() }) })),
});

export const unsubscribeRequest = z.object({ user, subscriptions: z.array(subscription).optional() });
export type UnsubscribeRequest = z.infer<typeof unsubscribeRequest>;

export const unsubscribeResponse = z.object({
  user: user.optional(),
  subscriptionResponses: z.array(z.object({ subscription, subscriptionUnsubscribeStatus: z.string() })),
});

// `type` is case-sensitive and TRANSACTIONAL is the only value [doc].
export const legacyMessageRequest = z.object({ to: z.string(), body: z.string(), type: z.literal("TRANSACTIONAL") });
export type LegacyMessageRequest = z.infer<typeof legacyMessageRequest>;

// The answer is not documented: Annex Cloud's guide shows an echo of the message, with `to`
// normalised [assumed].
export const legacyMessageResponse = z
  .looseObject({ to: z.string().optional(), body: z.string().optional() })
  .nullable();
