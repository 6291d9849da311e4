import { Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { AskAnAdmin } from "./_components/ask-an-admin";
import { JobsTable } from "./_components/jobs-table";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const metadata: Metadata = { title: "Responsys jobs" };

export default async function ActivityPage() {
  // Both roles watch the jobs; only admins create or change them.
  const user = await requirePageRole();
  const isAdmin = user.role === "admin";
  void getQueryClient().prefetchQuery(trpc.responsysJobs.list.queryOptions({}));
  if (!isAdmin) void getQueryClient().prefetchQuery(trpc.user.admins.queryOptions());
  return (
    <>
      <PageHeader
        title="Responsys jobs"
        description="Segments exported continuously to a profile list or a campaign, and email and SMS activity imported from the Responsys SFTP folder."
        actions={
          isAdmin ? (
            <Link href="/responsys-jobs/new" className={buttonClasses()}>
              <Plus aria-hidden className="size-4" /> New job
            </Link>
          ) : null
        }
      />
      <HydrateClient>
        <div className="space-y-4">
          {isAdmin ? null : <AskAnAdmin />}
          <JobsTable isAdmin={isAdmin} />
        </div>
      </HydrateClient>
    </>
  );
}
