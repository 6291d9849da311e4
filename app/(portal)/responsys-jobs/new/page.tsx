import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { sandboxAllowed } from "@/server/env";
import { JobForm } from "../_components/job-form";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const metadata: Metadata = { title: "New Responsys job" };

export default async function NewJobPage() {
  // Creating jobs is an admin change.
  await requirePageRole("admin");
  void getQueryClient().prefetchQuery(trpc.responsysJobs.options.queryOptions());
  return (
    <>
      <PageHeader
        title="New Responsys job"
        description="Export a segment to a profile list or a campaign in batches of 200 (or every 10 minutes for fewer), or import email and SMS activity from the Responsys SFTP folder."
        actions={
          <Link href="/responsys-jobs" className={buttonClasses("secondary")}>
            Back to jobs
          </Link>
        }
      />
      <HydrateClient>
        <JobForm sandboxAllowed={sandboxAllowed()} />
      </HydrateClient>
    </>
  );
}
