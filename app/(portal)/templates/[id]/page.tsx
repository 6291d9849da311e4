import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { titleFrom } from "@/app/_components/page-title";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { templateIdInput } from "@/server/domains/template/schema";
import { TemplateDetail, TemplateTitle } from "../_components/template-detail";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const generateMetadata = ({ params }: { params: Promise<{ id: string }> }) =>
  titleFrom("Template", async () => {
    const { id } = templateIdInput.parse(await params);
    return (await getQueryClient().fetchQuery(trpc.template.get.queryOptions({ id }))).name;
  });

export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole();
  const parsed = templateIdInput.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  void getQueryClient().prefetchQuery(trpc.template.get.queryOptions({ id }));
  return (
    <>
      <PageHeader
        title={<TemplateTitle id={id} />}
        description="One WhatsApp template: its body with the placeholders filled in, its header, footer and buttons, its status history and the campaigns that use it."
        actions={
          <Link href="/templates" className={buttonClasses("secondary")}>
            Back to templates
          </Link>
        }
      />
      <HydrateClient>
        <TemplateDetail id={id} isAdmin={user.role === "admin"} />
      </HydrateClient>
    </>
  );
}
