"use client";

import { useQuery, useSuspenseQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useFormat, When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { FormControl, FormDescription, FormItem, FormLabel } from "@/app/_components/ui/form";
import { Input } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import { TemplateBody } from "@/app/_components/template-body";
import { renderParts } from "@/server/domains/template/render";
import { messagingProfileOf } from "@/server/vendors/profiles";
import { HsmCodeDialog, RetireHsmButton } from "./hsm-code-dialogs";
import { enumLabel, statusTone, templateMarking } from "./labels";
import { useDebouncedValue } from "@/app/_components/use-debounced-value";
import { useHydrated } from "@/app/_components/use-hydrated";

type PreviewContact = {
  id: string;
  firstName: string | null;
  lastName: string | null;
  mobileNumber: string | null;
  email: string | null;
};

function ContactPicker({
  chosen,
  onChoose,
}: {
  chosen: PreviewContact | null;
  onChoose: (c: PreviewContact | null) => void;
}) {
  const trpc = useTRPC();
  const [text, setText] = useState("");
  const hydrated = useHydrated();
  const search = useDebouncedValue(text.trim(), 300);
  const found = useQuery({
    ...trpc.contact.list.queryOptions({ search, limit: 8, sort: "name", order: "asc" }),
    enabled: search.length > 0,
  });
  const name = (c: PreviewContact) =>
    [c.firstName, c.lastName].filter(Boolean).join(" ") || c.mobileNumber || c.email || "No name";
  return (
    <div className="space-y-2">
      {/* A search, not a form: the field is wired like one, without react-hook-form. */}
      <FormItem>
        <FormLabel>Preview for a contact</FormLabel>
        <FormControl>
          <Input
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            disabled={!hydrated}
            placeholder="Name or number"
            autoComplete="off"
          />
        </FormControl>
        <FormDescription>
          {
            "Search by name or mobile number (+44…). Placeholders that ask for a contact's name, number or email (a greeting's {{1}}, a {{first_name}}, a sample that is an email address) show the contact's; the rest keep the template's sample values. A preview only: a campaign maps each placeholder itself."
          }
        </FormDescription>
      </FormItem>
      {chosen ? (
        <p className="flex items-center gap-2 text-sm">
          Previewing for <strong>{name(chosen)}</strong>
          <Button variant="ghost" onClick={() => onChoose(null)}>
            Back to sample values
          </Button>
        </p>
      ) : null}
      {search && found.isSuccess ? (
        found.data.items.length === 0 ? (
          <p className="text-sm text-muted">No contact matches “{search}”.</p>
        ) : (
          <ul className="divide-y divide-line rounded-md border border-line bg-white text-sm">
            {found.data.items.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="w-full px-3 py-2 text-left hover:bg-surface"
                  onClick={() => onChoose(c)}
                >
                  {name(c)} <span className="font-mono text-xs text-muted">{c.mobileNumber ?? ""}</span>
                </button>
              </li>
            ))}
          </ul>
        )
      ) : null}
      {found.isError ? (
        <p role="alert" className="text-sm text-danger">
          Contacts could not be searched: {found.error.message}
        </p>
      ) : null}
    </div>
  );
}

export function TemplateDetail({ id, isAdmin }: { id: string; isAdmin: boolean }) {
  const trpc = useTRPC();
  const format = useFormat();
  const { data: t } = useSuspenseQuery(trpc.template.get.queryOptions({ id }));
  const [contact, setContact] = useState<PreviewContact | null>(null);
  // With a contact, its fields fill the placeholders that ask for them; the rest keep their sample values.
  const values = contact
    ? t.placeholderFields.map((field, i) => (field ? contact[field] : null) ?? t.sampleValues[i] ?? "")
    : t.sampleValues;
  const parts = contact ? renderParts(t.body, values) : t.preview;
  const marking = templateMarking(t, format.when);
  const byHand = messagingProfileOf(t.vendor)?.templatesByHand ?? false;

  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <section className="space-y-4 rounded-lg border border-line bg-white p-6">
        <div className="flex flex-wrap items-center gap-3">
          <h2 className="font-mono text-lg font-semibold">{t.name}</h2>
          <Badge tone={statusTone(t.status)}>{enumLabel(t.status)}</Badge>
          {marking ? (
            <span role="status" className="text-sm text-danger" suppressHydrationWarning>
              {marking}
            </span>
          ) : null}
          {isAdmin && byHand && !t.retiredAt ? (
            <div className="ml-auto flex gap-2">
              <HsmCodeDialog
                integration={{ id: t.integrationId, label: t.integrationLabel }}
                template={{
                  id: t.id,
                  name: t.name,
                  language: t.language,
                  category: t.category,
                  body: t.body,
                  status: t.status,
                }}
              />
              <RetireHsmButton template={t} />
            </div>
          ) : null}
        </div>
        {t.header ? (
          <div>
            <h3 className="text-xs font-medium text-muted uppercase">Header ({t.header.format.toLowerCase()})</h3>
            <p className="font-semibold">{t.header.text ?? `A ${t.header.format.toLowerCase()} chosen when sending`}</p>
          </div>
        ) : null}
        <div className="space-y-2">
          <h3 className="text-xs font-medium text-muted uppercase">
            Body · {t.placeholderCount} {t.placeholderCount === 1 ? "placeholder" : "placeholders"}
          </h3>
          <TemplateBody parts={parts} />
          <p className="text-xs text-muted">
            {contact
              ? "Filled from the chosen contact where a placeholder asks for one of its fields, else with the sample values."
              : t.sampleValues.length > 0
                ? "Filled with the template's sample values."
                : "The vendor sent no sample values: placeholders without a value are marked in red. Choose a contact to see real values."}
          </p>
        </div>
        {t.footer ? (
          <div>
            <h3 className="text-xs font-medium text-muted uppercase">Footer</h3>
            <p className="text-sm text-muted">{t.footer}</p>
          </div>
        ) : null}
        <div>
          <h3 className="text-xs font-medium text-muted uppercase">Buttons</h3>
          {t.buttons.length === 0 ? (
            <p className="text-sm text-muted">None</p>
          ) : (
            <ul className="mt-1 flex flex-wrap gap-2">
              {t.buttons.map((b, i) => (
                <li key={i} className="rounded-md border border-line px-3 py-1.5 text-sm">
                  {b.text} <span className="text-xs text-muted">({enumLabel(b.type)})</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <ContactPicker chosen={contact} onChoose={setContact} />
      </section>

      <aside className="space-y-6">
        <section className="rounded-lg border border-line bg-white p-6">
          <h2 className="font-semibold">Details</h2>
          <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm" suppressHydrationWarning>
            <dt className="text-muted">Integration</dt>
            <dd>{t.integrationLabel}</dd>
            <dt className="text-muted">Sender</dt>
            <dd>{t.senderName ? `${t.senderName}${t.senderPhoneNumber ? ` (${t.senderPhoneNumber})` : ""}` : "—"}</dd>
            <dt className="text-muted">Language</dt>
            <dd className="font-mono text-xs">{t.language}</dd>
            <dt className="text-muted">Category</dt>
            <dd>{enumLabel(t.category)}</dd>
            <dt className="text-muted">Format</dt>
            <dd>{enumLabel(t.parameterFormat)}</dd>
            <dt className="text-muted">Last synced</dt>
            <dd>
              <When value={t.syncedAt} />
            </dd>
            <dt className="text-muted">Status changed</dt>
            <dd>{t.statusChangedAt ? <When value={t.statusChangedAt} /> : "Not since first synced"}</dd>
            <dt className="text-muted">Missing since</dt>
            <dd>{t.missingSince ? <When value={t.missingSince} /> : "—"}</dd>
          </dl>
          {byHand ? (
            <p className="mt-3 text-xs text-muted">
              {messagingProfileOf(t.vendor)?.label} offers no API to list templates: admins keep this HSM code by hand
              {t.editedAt ? "; last edited " : "."}
              {t.editedAt ? <When value={t.editedAt} /> : null}
            </p>
          ) : null}
        </section>
        <section className="rounded-lg border border-line bg-white p-6">
          <h2 className="font-semibold">Used by campaigns</h2>
          {t.campaigns.length === 0 ? (
            <p className="mt-2 text-sm text-muted">No campaign uses this template yet.</p>
          ) : (
            <ul className="mt-2 space-y-1 text-sm">
              {t.campaigns.map((c) => (
                <li key={c.id} className="flex items-center justify-between gap-2">
                  <Link href={`/campaigns/${c.id}`} className="font-medium text-brand-600 hover:underline">
                    {c.name}
                  </Link>
                  <Badge>{enumLabel(c.status)}</Badge>
                </li>
              ))}
            </ul>
          )}
        </section>
      </aside>
    </div>
  );
}

/** The page's heading: the template's name. */
export function TemplateTitle({ id }: { id: string }) {
  const trpc = useTRPC();
  return useQuery(trpc.template.get.queryOptions({ id })).data?.name ?? "Template";
}
