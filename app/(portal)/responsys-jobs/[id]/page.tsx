import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { jobIdInput } from "@/server/domains/responsys-jobs/schema";
import { JobDetail } from "../_components/job-detail";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const metadata: Metadata = { title: "Responsys job" };

export default async function JobPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole();
  const parsed = jobIdInput.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  // Awaited, so a job of another workspace (or a deleted one) is a 404.
  try {
    await getQueryClient().fetchQuery(trpc.responsysJobs.get.queryOptions({ id }));
  } catch {
    notFound();
  }
  return (
    <>
      <PageHeader
        title="Responsys job"
        description="Status, queue and batches as they go, with Responsys's own words for anything that failed."
        actions={
          <Link href="/responsys-jobs" className={buttonClasses("secondary")}>
            Back to jobs
          </Link>
        }
      />
      <HydrateClient>
        <JobDetail id={id} isAdmin={user.role === "admin"} />
      </HydrateClient>
    </>
  );
}
