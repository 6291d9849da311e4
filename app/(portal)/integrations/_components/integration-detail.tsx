"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { When } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { buttonClasses } from "@/app/_components/ui/button-classes";
import { useTRPC } from "@/app/_trpc/provider";
import { LIVE_POLL_MS } from "@/app/_trpc/live";
import { catalog } from "./catalog";
import { CheckList } from "./check-list";
import { HealthFacts } from "./health";
import { IntegrationFacts } from "./integration-facts";
import { StatusBadge } from "./status-badge";

export function IntegrationDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  // Health moves with every vendor call and webhook.
  const integration = useQuery({ ...trpc.integration.get.queryOptions({ id }), refetchInterval: LIVE_POLL_MS });
  const [checks, setChecks] = useState<{ name: string; ok: boolean; message: string }[] | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: trpc.integration.pathKey() });
  const fail = (e: { message: string }) => toast.error(e.message);
  const test = useMutation(
    trpc.integration.test.mutationOptions({ onSuccess: (r) => (setChecks(r.checks), refresh()), onError: fail }),
  );
  const setEnabled = useMutation(trpc.integration.setEnabled.mutationOptions({ onSuccess: refresh, onError: fail }));
  const uninstall = useMutation(trpc.integration.uninstall.mutationOptions({ onSuccess: refresh, onError: fail }));
  if (integration.isError)
    return (
      <p role="alert" className="text-sm text-danger">
        {integration.error.message}
      </p>
    );
  const data = integration.data;
  if (!data) return <p className="text-sm text-muted">Loading…</p>;
  const gone = data.status === "uninstalled";

  return (
    <div className="max-w-3xl space-y-6">
      <section className="rounded-lg border border-line bg-white p-6">
        <div className="flex flex-wrap items-center gap-3">
          {/* The page's heading names the integration. */}
          <h2 className="text-xl font-semibold">Overview</h2>
          <StatusBadge status={data.status} />
          {data.sandbox ? <span className="text-xs text-muted">test mode (sandbox)</span> : null}
        </div>
        <p className="mt-1 text-sm text-muted">
          {catalog[data.vendor].name}
          {data.description ? ` · ${data.description}` : ""}
        </p>
        {gone ? (
          <p className="mt-4 rounded-md bg-surface px-3 py-2 text-sm">
            Uninstalled {data.uninstalledAt ? <When value={data.uninstalledAt} /> : null}. Its credentials were deleted;
            its messages, senders and history are kept.
          </p>
        ) : null}
        <dl className="mt-4 grid gap-2 text-sm sm:grid-cols-[10rem_1fr]">
          <dt className="text-muted">Last test</dt>
          <dd>
            {data.lastTestAt ? (
              <>
                <When value={data.lastTestAt} /> · {data.lastTestOk ? "passed" : "failed"}
              </>
            ) : (
              "Never"
            )}
          </dd>
          <dt className="text-muted">Result</dt>
          <dd>{data.lastTestMessage ?? "—"}</dd>
          <HealthFacts integration={data} />
          <dt className="text-muted">Stored secrets</dt>
          <dd>
            {Object.entries(data.secretsSet)
              .filter(([, set]) => set)
              .map(([k]) => k)
              .join(", ") || "none"}{" "}
            (never shown)
          </dd>
        </dl>
        {checks ? <CheckList checks={checks} /> : null}
        {gone ? null : (
          <div className="mt-6 flex flex-wrap gap-2">
            <Button onClick={() => test.mutate({ id })} disabled={test.isPending}>
              {test.isPending ? "Testing…" : "Test connection"}
            </Button>
            <Link href={`/integrations/${id}/reconfigure`} className={buttonClasses("secondary")}>
              Reconfigure
            </Link>
            <Button
              variant="secondary"
              onClick={() => setEnabled.mutate({ id, data: { enabled: data.status === "disabled" } })}
              disabled={setEnabled.isPending}
            >
              {data.status === "disabled" ? "Enable" : "Disable"}
            </Button>
            <ConfirmButton
              variant="ghost"
              className="text-danger"
              disabled={uninstall.isPending}
              title={`Uninstall ${data.label}?`}
              description="Switchboard stops using it and deletes its credentials. Messages, senders and history stay, so reports keep working."
              confirmLabel="Uninstall"
              cancelLabel="Keep it"
              onConfirm={() => uninstall.mutate({ id })}
            >
              Uninstall
            </ConfirmButton>
          </div>
        )}
      </section>
      <IntegrationFacts integration={data} />
    </div>
  );
}

/** The page's heading: the integration's label, as last saved. */
export function IntegrationTitle({ id }: { id: string }) {
  const trpc = useTRPC();
  return useQuery(trpc.integration.get.queryOptions({ id })).data?.label ?? "Integration";
}
