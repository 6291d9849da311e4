import type { AuditFilter } from "@/server/domains/audit/schema";

// Shared by the server prefetch and the client query, which must ask for the same thing.
export const auditPageSize = 50;
export const noAuditFilter: AuditFilter = {};
export const auditPaging = { getNextPageParam: (page: { nextCursor: string | null }) => page.nextCursor };
