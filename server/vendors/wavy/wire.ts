import { z } from "zod";

// Bodies of Wavy's one send endpoint, POST /v1/whatsapp/send (docs/vendors/wavy-sinch.md).

const destination = z.object({
  destination: z.string(),
  // Ours, echoed in Wavy's status and inbound callbacks.
  correlationId: z.string().optional(),
});

// The legacy `hsm` object: what uContact's dialer line `hsm:<elementName>:<p1>:<p2>` maps to.
// `parameters` fills {{1}}, {{2}}… of the template body, in order.
const hsmMessage = z.object({
  namespace: z.string(),
  elementName: z.string(),
  languageCode: z.string(),
  languagePolicy: z.literal("DETERMINISTIC"),
  parameters: z.array(z.string()),
});

export const sendRequest = z.object({
  destinations: z.array(destination),
  // A session (free-form) message is only delivered inside the 24 h customer-service window.
  message: z.union([z.object({ hsm: hsmMessage }), z.object({ messageText: z.string() })]),
});
export type WavySendRequest = z.infer<typeof sendRequest>;

// Wavy's documentation is inconsistent about key case (`Id` vs `id`) and names the list both
// `destinations` and `destination`, so keys are compared in lower case.
function lowerKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(lowerKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key.toLowerCase(), lowerKeys(v)]));
}

const sentDestination = z.object({
  id: z.string().min(1),
  correlationid: z.string().nullish(),
});

/** 200: one generated id per destination. */
export const sendResponse = z
  .preprocess(
    lowerKeys,
    z.object({
      id: z.string().nullish(),
      destinations: z.array(sentDestination).optional(),
      destination: z.array(sentDestination).optional(),
    }),
  )
  .transform((body) => {
    // [assumed] A reply without a list still carries the one destination's id at the top.
    const list = body.destinations ?? body.destination ?? (body.id ? [{ id: body.id, correlationid: null }] : []);
    return list.map((d) => ({ id: d.id, correlationId: d.correlationid ?? null }));
  });
export type WavySendResponse = z.infer<typeof sendResponse>;

/** Error bodies, e.g. 401 `{ errorCode: 401, errorMessage: "Authentication Error: …" }`. */
export const errorBody = z.preprocess(
  lowerKeys,
  z.object({
    errorcode: z.union([z.number(), z.string()]).nullish(),
    errormessage: z.string().nullish(),
    // [assumed] Gateways in front of Wavy may answer with a generic `message` or `error`.
    message: z.string().nullish(),
    error: z.string().nullish(),
  }),
);
