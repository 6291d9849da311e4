import type { Metadata } from "next";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { TemplatesBrowser } from "./_components/templates-browser";
import { listInput, templatesPaging, viewFromParams } from "./_components/templates-query";

export const metadata: Metadata = { title: "Templates" };

export default async function TemplatesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Both roles: marketers pick templates for campaigns and may refresh them from Mitto.
  const user = await requirePageRole();
  const view = viewFromParams(await searchParams);
  const queryClient = getQueryClient();
  void queryClient.prefetchInfiniteQuery(trpc.template.list.infiniteQueryOptions(listInput(view), templatesPaging));
  void queryClient.prefetchQuery(trpc.template.filters.queryOptions());
  return (
    <>
      <PageHeader
        title="Templates"
        description="Approved WhatsApp templates (HSMs) from your Mitto and Wavy integrations. Mitto templates sync every four hours and on demand; Wavy has no template API, so admins add its HSM codes by hand or from a CSV. Templates that disappear, are retired or stop being approved are marked, never removed."
      />
      <HydrateClient>
        <TemplatesBrowser initial={view} isAdmin={user.role === "admin"} />
      </HydrateClient>
    </>
  );
}
