import type { Db, Tx } from "@/db/client";
import { setVendorIds } from "./queries";

/**
 * Keeps the RIID Responsys gave for a contact (a list merge answer, an activity row), so later activity rows carrying only an RIID attach to it. The latest wins:
 * Responsys gives a recipient one RIID per profile list, and the job's list is the one in use.
 */
export async function recordResponsysRiids(
  runner: Db | Tx,
  workspaceId: string,
  pairs: { contactId: string; riid: string | null }[],
) {
  const known = new Map<string, string>();
  for (const p of pairs) if (p.riid) known.set(p.contactId, p.riid);
  await setVendorIds(
    runner,
    workspaceId,
    "responsysRiid",
    [...known].map(([contactId, id]) => ({ contactId, id })),
  );
}
