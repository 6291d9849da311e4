"use client";

import { Copy } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { defaultPaceOf } from "@/server/vendors/profiles";
import { SenderPaceForm } from "./sender-pace-form";

type Facts = {
  vendor: string;
  senders: {
    id: string;
    name: string;
    phoneNumber: string | null;
    active: boolean;
    messagesPerSecond: number | null;
  }[];
  webhooks: { kind: string; label: string; url: string }[];
  app: { endpoints: { path: string; url: string }[]; installUrl: string | null } | null;
};

/** URLs an admin copies into another product, each with its copy button. */
function UrlList({
  title,
  note,
  urls,
}: {
  title: string;
  note: string;
  urls: { key: string; label: string; url: string }[];
}) {
  return (
    <div>
      <h3 className="text-sm font-semibold">{title}</h3>
      <p className="text-xs text-muted">{note}</p>
      <ul className="mt-2 space-y-2">
        {urls.map((u) => (
          <li key={u.key} className="text-sm">
            <span className="font-medium">{u.label}</span>
            <div className="mt-1 flex items-center gap-2">
              <code
                className="min-w-0 flex-1 truncate rounded bg-surface px-2 py-1.5 font-mono text-xs"
                data-testid={u.key}
              >
                {u.url}
              </code>
              <Button
                variant="secondary"
                aria-label={`Copy the ${u.label.toLowerCase()} URL`}
                onClick={() =>
                  void navigator.clipboard.writeText(u.url).then(
                    () => toast.success("Copied"),
                    () => toast.error("Copy failed: select the URL and copy it"),
                  )
                }
              >
                <Copy aria-hidden className="size-4" />
              </Button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What an integration brought with it: its senders, and the URLs to give the vendor. */
export function IntegrationFacts({ integration }: { integration: Facts }) {
  const { app } = integration;
  return (
    <div className="mt-5 space-y-5">
      {integration.senders.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold">WhatsApp business accounts</h3>
          <p className="text-xs text-muted">
            Each number sends at its pace, shared by every campaign through it: WhatsApp allows 80 messages a second, up
            to 1,000 once Meta raises the number&apos;s tier.
          </p>
          <ul className="mt-2 divide-y divide-line rounded-md border border-line text-sm">
            {integration.senders.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2">
                <span>
                  {s.name}
                  <span className="block text-muted">
                    {s.phoneNumber ?? ""}
                    {s.active ? "" : " · no longer reported"}
                  </span>
                </span>
                <SenderPaceForm sender={s} defaultPace={defaultPaceOf(integration.vendor)} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {integration.webhooks.length > 0 ? (
        <UrlList
          title="Webhook URLs to give the vendor"
          note="Each carries this integration’s secret token; treat them like passwords."
          urls={integration.webhooks.map((w) => ({ key: `webhook-${w.kind}`, label: w.label, url: w.url }))}
        />
      ) : null}
      {app ? (
        <>
          <UrlList
            title="Endpoint URLs to register in AMS"
            note="Enter each in Oracle’s App Management for this app. Every call to them must carry a token signed with the app’s token secret."
            urls={app.endpoints.map((e) => ({
              key: `app-endpoint-${e.path.slice(1).replace("/", "-")}`,
              label: e.path,
              url: e.url,
            }))}
          />
          <div>
            <h3 className="text-sm font-semibold">Install link</h3>
            {app.installUrl ? (
              <p className="mt-1 text-sm">
                <a href={app.installUrl} className="text-brand-600 hover:underline" data-testid="app-install-link">
                  {app.installUrl}
                </a>
                <span className="block text-xs text-muted">
                  The sandbox’s App Management: a Responsys user installs the app from here, then configures it.
                </span>
              </p>
            ) : (
              <p className="mt-1 text-sm text-muted">
                AMS gives the install link once the app is registered there (or listed in Oracle’s marketplace).
              </p>
            )}
          </div>
        </>
      ) : null}
    </div>
  );
}
