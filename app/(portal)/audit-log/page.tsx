import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { AuditLog } from "./_components/audit-log";
import { auditPageSize, auditPaging, noAuditFilter } from "./_components/audit-query";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditLogPage() {
  await requirePageRole("admin");
  void getQueryClient().prefetchInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions({ filter: noAuditFilter, limit: auditPageSize }, auditPaging),
  );
  void getQueryClient().prefetchQuery(trpc.audit.filters.queryOptions());
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed what in this workspace, and when: people, background jobs and vendors (the Responsys app). Filter it, then export what you see as CSV."
      />
      <HydrateClient>
        <AuditLog />
      </HydrateClient>
    </>
  );
}
