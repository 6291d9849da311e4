import type { CaseSyncRow } from "./reads";

/** What the screens show of a sync: never the internal progress map, only its size. */
export function caseSyncView(
  sync: Pick<
    CaseSyncRow,
    "status" | "caseNumber" | "caseUrl" | "lastError" | "attempts" | "syncedComments" | "updatedAt"
  >,
) {
  return {
    status: sync.status,
    caseNumber: sync.caseNumber,
    caseUrl: sync.caseUrl,
    lastError: sync.lastError,
    attempts: sync.attempts,
    itemsSynced: Object.keys(sync.syncedComments).length,
    updatedAt: sync.updatedAt,
  };
}
