import Link from "next/link";
import { notFound } from "next/navigation";
import { PageHeader } from "@/app/_components/page-header";
import { titleFrom } from "@/app/_components/page-title";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { timeZones } from "@/server/lib/time-zones";
import { contactIdInput } from "@/server/domains/contact/schema";
import { ContactActivity } from "../_components/contact-activity";
import { contactName } from "../_components/labels";
import { ContactRecord, ContactTitle } from "../_components/contact-record";
import { buttonClasses } from "@/app/_components/ui/button-classes";

export const generateMetadata = ({ params }: { params: Promise<{ id: string }> }) =>
  titleFrom("Contact", async () => {
    const { id } = contactIdInput.parse(await params);
    return contactName(await getQueryClient().fetchQuery(trpc.contact.get.queryOptions({ id })));
  });

export default async function ContactPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageRole();
  const parsed = contactIdInput.safeParse(await params);
  if (!parsed.success) notFound();
  const { id } = parsed.data;
  const queryClient = getQueryClient();
  void queryClient.prefetchQuery(trpc.contact.get.queryOptions({ id }));
  void queryClient.prefetchQuery(trpc.responsysJobs.contactActivity.queryOptions({ contactId: id }));
  return (
    <HydrateClient>
      <PageHeader
        title={<ContactTitle id={id} />}
        description="One record of the profile list, its current consent per channel, every opt-in and opt-out it was derived from, and its Responsys activity."
        actions={
          <Link href="/contacts" className={buttonClasses("secondary")}>
            Back to contacts
          </Link>
        }
      />
      <div className="max-w-4xl space-y-6">
        <ContactRecord id={id} isAdmin={user.role === "admin"} timeZones={timeZones()} />
        <ContactActivity contactId={id} />
      </div>
    </HydrateClient>
  );
}
