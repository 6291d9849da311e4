import { Plus, Upload } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/app/_components/page-header";
import { getQueryClient, HydrateClient, trpc } from "@/app/_trpc/server";
import { requirePageRole } from "@/server/auth/guard";
import { ContactsTable } from "./_components/contacts-table";
import { ListHealth } from "./_components/list-health";
import { contactsPaging, listInput, viewFromParams } from "./_components/contacts-query";
import { buttonClasses } from "@/app/_components/ui/button-classes";
import { FilterNote } from "@/app/_components/filter-note";
import { channelNames } from "@/server/domains/contact/schema";

export const metadata: Metadata = { title: "Contacts" };

export default async function ContactsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  // Both roles work with contacts.
  await requirePageRole();
  const view = viewFromParams(await searchParams);
  void getQueryClient().prefetchInfiniteQuery(trpc.contact.list.infiniteQueryOptions(listInput(view), contactsPaging));
  const health = await getQueryClient().fetchQuery(trpc.contact.health.queryOptions());
  return (
    <>
      <PageHeader
        title="Contacts"
        description="Your profile list: mobile number, consent per channel, standard fields and custom attributes."
        actions={
          <div className="flex gap-2">
            <Link href="/contacts/import" className={buttonClasses("secondary")}>
              <Upload aria-hidden className="size-4" /> Import CSV
            </Link>
            <Link href="/contacts/new" className={buttonClasses()}>
              <Plus aria-hidden className="size-4" /> New record
            </Link>
          </div>
        }
      />
      <ListHealth health={health} />
      {view.consent ? (
        <FilterNote
          label={`contacts opted ${view.consent.state === "opt_in" ? "in to" : "out of"} ${channelNames[view.consent.channel]}`}
          clearHref="/contacts"
        />
      ) : null}
      <HydrateClient>
        <ContactsTable initial={view} />
      </HydrateClient>
    </>
  );
}
