import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { buttonClasses } from "@/app/_components/ui/button-classes";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { invocationIdInput } from "@/server/domains/responsys-app/schema";
import { InvocationDetail } from "../_components/invocation-detail";

export const metadata: Metadata = { title: "Responsys invocation" };

export default async function InvocationPage({ params }: { params: Promise<{ id: string }> }) {
  await requirePageRole("admin");
  const parsed = invocationIdInput.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  // Awaited, so another workspace's invocation is a 404.
  try {
    await getQueryClient().fetchQuery(trpc.responsysApp.invocation.queryOptions({ id }));
  } catch {
    notFound();
  }
  return (
    <>
      <PageHeader
        title="Responsys invocation"
        description="What became of an invoke's rows, and the reason for anything that failed."
        actions={
          <Link href="/responsys-invocations" className={buttonClasses("secondary")}>
            Back to invocations
          </Link>
        }
      />
      <HydrateClient>
        <InvocationDetail id={id} />
      </HydrateClient>
    </>
  );
}
