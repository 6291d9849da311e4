import type { wavySettings } from "./settings";
import { z } from "zod";
import { VendorError, vendorFetch } from "../http";
import type { ClientOptions, ConnectionCheck, ConnectionResult, DiscoveredSender, VendorConnection } from "../types";
import { errorBody, sendResponse, type WavySendRequest } from "./wire";

export type WavyClientSettings = z.output<typeof wavySettings> & { baseUrl: string };

/** A recipient and our id for the message, which Wavy echoes in its callbacks. */
export type WavyDestination = { destination: string; correlationId: string };
export type WavySentMessage = WavyDestination & { id: string };

export type WavyHsm = {
  destinations: WavyDestination[];
  elementName: string;
  languageCode: string;
  parameters: string[];
};

export interface WavyClient extends VendorConnection {
  /** Sends an approved template (HSM) of the settings' namespace; one Wavy id per destination. */
  sendHsm(input: WavyHsm): Promise<WavySentMessage[]>;
  /** Sends a free-form message; Wavy only delivers it inside the recipient's 24 h window. */
  sendText(input: WavyDestination & { text: string }): Promise<string>;
}

const SIGN_IN = "Sign in to Wavy";
const NUMBERS = "Approved numbers";
const plausibleNumber = /^\+[1-9]\d{6,14}$/;

function describeError(status: number, body: unknown): { code: string | null; message: string } {
  const parsed = errorBody.safeParse(body);
  const said = parsed.success
    ? (parsed.data.errormessage ?? parsed.data.message ?? parsed.data.error)
    : typeof body === "string"
      ? body.slice(0, 200)
      : null;
  const code = parsed.success && parsed.data.errorcode != null ? String(parsed.data.errorcode) : null;
  const quoted = said ? ` (Wavy says: "${said}")` : "";
  if (status === 401)
    return {
      code,
      message: `Wavy did not accept the username and authentication token${quoted}. Check the Username and the Password (authentication token) Wavy gave you.`,
    };
  if (status === 403)
    return {
      code,
      message: `Wavy refused this account${quoted}. Ask Wavy support to enable WhatsApp sending for this user.`,
    };
  if (status === 420 || status === 429)
    return {
      code,
      message: `Wavy is limiting how fast messages are sent${quoted}. Send smaller batches or try again in a minute.`,
    };
  if (status >= 500)
    return {
      code,
      message: `Wavy had a server error, HTTP ${status}${quoted}. Try again in a few minutes; if it persists, contact Wavy support.`,
    };
  if (status === 400)
    return {
      code,
      message: `Wavy rejected the message${quoted}. Check the destination numbers, the template name and its parameters.`,
    };
  return {
    code,
    message: `Wavy answered HTTP ${status}${quoted}. Check that the integration points at Wavy's messaging API.`,
  };
}

function numbersCheck(dids: string[]): ConnectionCheck {
  const bad = dids.filter((did) => !plausibleNumber.test(did));
  if (dids.length === 0)
    return { name: NUMBERS, ok: false, message: "Add the number Wavy approved for WhatsApp, e.g. +5511987650000." };
  if (bad.length > 0)
    return {
      name: NUMBERS,
      ok: false,
      message: `Not a phone number in international format: ${bad.join(", ")}. Enter the numbers Wavy approved, e.g. +5511987650000.`,
    };
  const count = dids.length === 1 ? "1 approved number" : `${dids.length} approved numbers`;
  return { name: NUMBERS, ok: true, message: `Messages will be sent from ${count}: ${dids.join(", ")}.` };
}

// Wavy publishes no throughput figure, so messagesPerSecond stays unknown.
const toSender = (did: string): DiscoveredSender => ({
  externalId: did,
  name: `WhatsApp ${did}`,
  phoneNumber: did,
  messagesPerSecond: null,
});

export function createWavyClient(settings: WavyClientSettings, options: ClientOptions = {}): WavyClient {
  // Every message type goes through the one send endpoint. Wavy has no idempotency key, so
  // sends are not retried once they may have reached Wavy (see vendorFetch's idempotent).
  const send = <T>(body: WavySendRequest, schema: z.ZodType<T>, idempotent = false) =>
    vendorFetch({
      vendor: "wavy",
      url: `${settings.baseUrl}/v1/whatsapp/send`,
      method: "POST",
      headers: { UserName: settings.username, AuthenticationToken: settings.password },
      body,
      schema,
      timeoutMs: options.timeoutMs,
      retry: options.retry,
      idempotent,
      describeError,
    });

  async function sendTo(
    destinations: WavyDestination[],
    message: WavySendRequest["message"],
  ): Promise<WavySentMessage[]> {
    // Wavy tolerates "+", spaces and parentheses; its own examples use digits only.
    const sent = await send(
      {
        destinations: destinations.map((d) => ({
          destination: d.destination.replace(/\D/g, ""),
          correlationId: d.correlationId,
        })),
        message,
      },
      sendResponse,
    );
    return destinations.map((d, i) => {
      // [assumed] Ids come back in request order; the echoed correlationId is preferred when present.
      const match = sent.find((s) => s.correlationId === d.correlationId) ?? sent[i];
      if (!match)
        throw new VendorError(
          "wavy",
          "unexpected_response",
          `Wavy returned ${sent.length} message ids for ${destinations.length} numbers. Check Wavy's reports before sending again.`,
        );
      return { ...d, id: match.id };
    });
  }

  async function signInCheck(): Promise<ConnectionCheck> {
    // [assumed] Wavy has no credential check. A send to nobody is refused with 401 for bad
    // credentials and with 400 (validation) for good ones; a 200 would also mean signed in,
    // and sends nothing.
    try {
      // No destinations, so nothing can be sent: safe to retry.
      await send({ destinations: [], message: { messageText: "Switchboard connection test" } }, z.unknown(), true);
    } catch (error) {
      if (!(error instanceof VendorError)) throw error;
      if (error.status !== 400) return { name: SIGN_IN, ok: false, message: error.message };
    }
    return {
      name: SIGN_IN,
      ok: true,
      message: `Wavy accepted the username ${settings.username} and its authentication token.`,
    };
  }

  return {
    async testConnection(): Promise<ConnectionResult> {
      const checks = [await signInCheck(), numbersCheck(settings.dids)];
      const ok = checks.every((c) => c.ok);
      return ok ? { ok, checks, senders: settings.dids.map(toSender) } : { ok, checks };
    },

    sendHsm: ({ destinations, elementName, languageCode, parameters }) =>
      // The legacy `hsm` object, as uContact sends it; the namespace is the provider's "SMSFrom".
      sendTo(destinations, {
        hsm: {
          namespace: settings.smsFromNamespace,
          elementName,
          languageCode,
          languagePolicy: "DETERMINISTIC",
          parameters,
        },
      }),

    async sendText({ text, ...destination }) {
      const [sent] = await sendTo([destination], { messageText: text });
      return sent!.id;
    },
  };
}
