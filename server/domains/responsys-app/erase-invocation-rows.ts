import type { Tx } from "@/db/client";
import { blankInvocationRowsMentioning } from "./erasure-queries";

/**
 * The Responsys app side of erasing a contact (contact.erase): the Program rows that brought its
 * number in, kept inline with their invocations, lose their values (the number, the name…).
 * Responsys holds them as digits (MOBILE_NUMBER_), so the number is matched without its "+".
 */
export function eraseInvocationRows(tx: Tx, target: { workspaceId: string; mobileNumber: string | null }) {
  if (!target.mobileNumber) return Promise.resolve(0);
  return blankInvocationRowsMentioning(tx, target.workspaceId, target.mobileNumber.replace(/\D/g, ""));
}
