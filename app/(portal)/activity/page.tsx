import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { JobsTable } from "./_components/jobs-table";

export const metadata: Metadata = { title: "Responsys jobs" };

export default async function ActivityPage() {
  // Both roles watch the jobs; only admins create or change them.
  const user = await requirePageRole();
  void getQueryClient().prefetchQuery(trpc.audience.list.queryOptions({}));
  return (
    <>
      <PageHeader
        title="Responsys jobs"
        description="Segments exported continuously to a profile list or a campaign, and email and SMS activity imported from the Responsys SFTP folder."
        actions={
          user.role === "admin" ? (
            <Link
              href="/activity/new"
              className="inline-flex items-center gap-2 rounded-md bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              <Plus aria-hidden className="size-4" /> New job
            </Link>
          ) : null
        }
      />
      <HydrateClient>
        <JobsTable isAdmin={user.role === "admin"} />
      </HydrateClient>
    </>
  );
}
