"use client";

import { Copy } from "lucide-react";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";

type Facts = {
  senders: { id: string; name: string; phoneNumber: string | null; active: boolean }[];
  webhooks: { kind: string; label: string; url: string }[];
};

/** What an integration brought with it: its senders, and the webhook URLs to give the vendor. */
export function IntegrationFacts({ integration }: { integration: Facts }) {
  return (
    <div className="mt-5 space-y-5">
      {integration.senders.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold">WhatsApp business accounts</h3>
          <ul className="mt-2 divide-y divide-line rounded-md border border-line text-sm">
            {integration.senders.map((s) => (
              <li key={s.id} className="flex justify-between px-3 py-2">
                <span>{s.name}</span>
                <span className="text-muted">{s.phoneNumber ?? ""}{s.active ? "" : " · no longer reported"}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {integration.webhooks.length > 0 ? (
        <div>
          <h3 className="text-sm font-semibold">Webhook URLs to give the vendor</h3>
          <p className="text-xs text-muted">Each carries this integration’s secret token; treat them like passwords.</p>
          <ul className="mt-2 space-y-2">
            {integration.webhooks.map((w) => (
              <li key={w.kind} className="text-sm">
                <span className="font-medium">{w.label}</span>
                <div className="mt-1 flex items-center gap-2">
                  <code className="min-w-0 flex-1 truncate rounded bg-surface px-2 py-1.5 font-mono text-xs" data-testid={`webhook-${w.kind}`}>
                    {w.url}
                  </code>
                  <Button
                    variant="secondary"
                    aria-label={`Copy the ${w.label.toLowerCase()} URL`}
                    onClick={() => void navigator.clipboard.writeText(w.url).then(() => toast.success("Copied"), () => toast.error("Copy failed: select the URL and copy it"))}
                  >
                    <Copy aria-hidden className="size-4" />
                  </Button>
                </div>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
