import { channels, type Channel, type ConsentSource, type ConsentState } from "./schema";

export type CurrentConsent = Record<Channel, { state: ConsentState; source: ConsentSource; at: Date } | null>;

/** Current consent rows as one entry per channel; null where nothing was ever recorded. */
export function consentByChannel(
  rows: { channel: Channel; state: ConsentState; source: ConsentSource; at: Date }[],
): CurrentConsent {
  const byChannel = Object.fromEntries(channels.map((ch) => [ch, null])) as CurrentConsent;
  for (const { channel, state, source, at } of rows) byChannel[channel] = { state, source, at };
  return byChannel;
}
