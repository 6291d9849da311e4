"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Pencil } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/provider";
import { channels } from "@/server/domains/contact/schema";
import { ConsentHistory } from "./consent-history";
import { WriteBacks } from "./write-backs";
import { ContactForm, type ContactDetail } from "./contact-form";
import { EraseDialog } from "./erase-dialog";
import { ResubscribeDialog } from "./resubscribe-dialog";
import { countryName } from "@/app/_components/countries";
import { channelLabels, contactName, sourceLabels, stateLabels } from "./labels";

const country = (code: string | null) => (code ? `${countryName(code)} (${code})` : null);

function Facts({ rows }: { rows: [label: string, column: string, value: React.ReactNode][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-[12rem_1fr]">
      {rows.map(([label, column, value]) => (
        <div key={column} className="contents">
          <dt className="text-muted">
            {label} <span className="sr-only">({column})</span>
          </dt>
          <dd className="break-words">{value ?? <span className="text-muted">—</span>}</dd>
        </div>
      ))}
    </dl>
  );
}

function CurrentConsent({
  contactId,
  consent,
  isAdmin,
}: {
  contactId: string;
  consent: ContactDetail["consent"];
  isAdmin: boolean;
}) {
  return (
    <ul className="grid gap-3 sm:grid-cols-3">
      {channels.map((channel) => {
        const current = consent[channel];
        return (
          <li key={channel} className="rounded-md border border-line p-3">
            <p className="text-sm font-medium">{channelLabels[channel]}</p>
            <p className="mt-1">
              {current ? (
                <Badge tone={current.state === "opt_in" ? "success" : "danger"}>{stateLabels[current.state]}</Badge>
              ) : (
                <Badge>Not recorded</Badge>
              )}
            </p>
            {current ? (
              <p className="mt-1 text-xs text-muted">
                {sourceLabels[current.source]} · <When value={current.at} />
              </p>
            ) : null}
            {/* Editing never undoes an opt-out; re-subscribing overrides the customer's STOP, so it is an admin's call. */}
            {current?.state !== "opt_out" ? null : isAdmin ? (
              <ResubscribeDialog contactId={contactId} channel={channel} />
            ) : (
              <p className="mt-2 text-xs text-muted">
                Only an admin can re-subscribe it, with the customer&apos;s consent.
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function View({ contact, isAdmin }: { contact: ContactDetail; isAdmin: boolean }) {
  const attributes = Object.entries(contact.attributes);
  const address = [
    contact.postalStreet1,
    contact.postalStreet2,
    [contact.postalCode, contact.city].filter(Boolean).join(" "),
    contact.state,
    country(contact.country),
  ].filter(Boolean);
  return (
    <div className="space-y-5">
      <Facts
        rows={[
          [
            "Mobile number",
            "MOBILE_NUMBER",
            contact.mobileNumber ? <span className="font-mono">{contact.mobileNumber}</span> : null,
          ],
          ["Mobile country", "MOBILE_COUNTRY", country(contact.mobileCountry)],
          [
            "Time zone",
            "TIME_ZONE",
            contact.timeZone ?? <span className="text-muted">The workspace&apos;s default time zone</span>,
          ],
          ["Email", "EMAIL", contact.email],
          ["First name", "FIRST_NAME", contact.firstName],
          ["Last name", "LAST_NAME", contact.lastName],
          [
            "Postal address",
            "POSTAL_STREET_1",
            address.length
              ? address.map((line) => (
                  <span key={line} className="block">
                    {line}
                  </span>
                ))
              : null,
          ],
          [
            "Last message status",
            "LAST_MESSAGE_STATUS",
            contact.lastMessageStatus ? (
              <span>
                {contact.lastMessageStatus.toUpperCase()}
                {contact.lastMessageStatusAt ? (
                  <span className="text-muted">
                    {" "}
                    · <When value={contact.lastMessageStatusAt} />
                  </span>
                ) : null}
              </span>
            ) : null,
          ],
          ["Annex Cloud id", "ANNEX_ID", contact.annexId],
          ["Created", "CREATED_DATE", <When key="c" value={contact.createdAt} />],
          ["Modified", "MODIFIED_DATE", <When key="m" value={contact.modifiedAt} />],
        ]}
      />
      <div>
        <h3 className="mb-2 text-sm font-semibold">Consent now</h3>
        <CurrentConsent contactId={contact.id} consent={contact.consent} isAdmin={isAdmin} />
      </div>
      <div>
        <h3 className="mb-2 text-sm font-semibold">Custom attributes</h3>
        {attributes.length === 0 ? (
          <p className="text-sm text-muted">None. Add them with Edit.</p>
        ) : (
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[12rem_1fr]">
            {attributes.map(([key, value]) => (
              <div key={key} className="contents">
                <dt className="font-mono text-muted">{key}</dt>
                <dd className="break-words">
                  {value === null || value === "" ? <span className="text-muted">—</span> : String(value)}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </div>
    </div>
  );
}

export function ContactRecord({ id, isAdmin, timeZones }: { id: string; isAdmin: boolean; timeZones: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // A missing contact stays missing: say so at once instead of retrying.
  const contact = useQuery({
    ...trpc.contact.get.queryOptions({ id }),
    retry: (failures, error) => error.data?.code !== "NOT_FOUND" && failures < 3,
  });
  const [editing, setEditing] = useState(false);
  // A click before hydration would do nothing: the button waits for it.

  // Back to the record, with focus where the person left it.
  const stopEditing = () => {
    setEditing(false);
    requestAnimationFrame(() => document.getElementById("contact-edit")?.focus());
  };
  const onSaved = (_id: string, changed: boolean) => {
    if (changed) {
      toast.success("Contact saved");
      void queryClient.invalidateQueries({ queryKey: trpc.contact.pathKey() });
    }
    stopEditing();
  };

  if (contact.isError) {
    return (
      <div role="alert" className="rounded-lg border border-line bg-white p-5 text-sm">
        <p className="font-medium">
          {contact.error.data?.code === "NOT_FOUND"
            ? "This contact does not exist in this workspace."
            : `The contact could not be loaded: ${contact.error.message}`}
        </p>
        <p className="mt-2">
          <Link href="/contacts" className="text-brand-600 hover:underline">
            Find it in the contact list
          </Link>
        </p>
      </div>
    );
  }
  const data = contact.data;
  if (!data) return <p className="text-sm text-muted">Loading the contact…</p>;

  return (
    <div className="max-w-4xl space-y-6">
      <section
        aria-labelledby="contact-heading"
        className={editing ? "" : "rounded-lg border border-line bg-white p-5"}
      >
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          {/* The page's heading names the contact. */}
          <h2 id="contact-heading" className="text-xl font-semibold">
            {editing ? "Edit profile" : "Profile"}
          </h2>
          {editing ? null : (
            <div className="flex flex-wrap gap-2">
              <Button id="contact-edit" variant="secondary" onClick={() => setEditing(true)}>
                <Pencil aria-hidden className="size-4" /> Edit
              </Button>
              {isAdmin ? <EraseDialog contactId={data.id} mobileNumber={data.mobileNumber} /> : null}
            </div>
          )}
        </div>
        {editing ? (
          <ContactForm contact={data} timeZones={timeZones} onSaved={onSaved} onCancel={stopEditing} />
        ) : (
          <View contact={data} isAdmin={isAdmin} />
        )}
      </section>
      <ConsentHistory history={data.history} truncated={data.historyTruncated} />
      <WriteBacks writeBacks={data.writeBacks} />
    </div>
  );
}

/** The page's heading: the contact's name, as last saved. */
export function ContactTitle({ id }: { id: string }) {
  const trpc = useTRPC();
  const contact = useQuery(trpc.contact.get.queryOptions({ id })).data;
  return contact ? contactName(contact) : "Contact";
}
