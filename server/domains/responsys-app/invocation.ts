import type { PlaceholderMapping } from "@/db/schema";
import { decryptSecret } from "../../lib/crypto";
import { createResponsysAppClient } from "../../vendors/responsys-app/client";
import type { InvocationRow } from "./invocation-queries";

// What every step of an invocation shares: how its messages are keyed, which row fields its
// campaign reads, and the client that talks back to Responsys with the install secret.

/** The invocation's messages are one occurrence of the service's campaign. */
export const occurrenceOf = (uuid: string) => `invoke:${uuid}`;

/** The list fields a service's campaign reads from each row besides the two standard columns. */
export function rowFieldsOf(campaign: {
  optInField: string | null;
  placeholderMappings: PlaceholderMapping[];
}): string[] {
  return [
    ...(campaign.optInField ? [campaign.optInField] : []),
    ...campaign.placeholderMappings.flatMap((p) => (p.kind === "field" ? [p.field] : [])),
  ];
}

export function clientFor(invocation: InvocationRow) {
  const { appId, installId, instanceId, tenantId } = invocation;
  return createResponsysAppClient({ appId, installId, instanceId, tenantId, secret: decryptSecret(invocation.secret) });
}
