"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/provider";
import { pollWhile, PROGRESS_POLL_MS } from "@/app/_trpc/live";

export function SessionsPanel() {
  const trpc = useTRPC();
  const [requested, setRequested] = useState(false);
  // After a cleanup request, poll until the worker has removed the ended sessions.
  const overview = useQuery({
    ...trpc.session.overview.queryOptions(),
    refetchInterval: (query) => pollWhile(requested && (query.state.data?.ended ?? 0) > 0, PROGRESS_POLL_MS),
  });
  const ended = overview.data?.ended ?? 0;
  const waiting = requested && ended > 0;
  const purge = useMutation(
    trpc.session.requestPurge.mutationOptions({
      onSuccess: () => (setRequested(true), toast.success("Cleanup requested")),
      onError: (e) => toast.error(e.message),
    }),
  );
  return (
    <section aria-labelledby="sessions-heading" className="rounded-lg border border-line bg-white p-5">
      <h2 id="sessions-heading" className="text-lg font-semibold">
        Sessions
      </h2>
      <p className="mt-1 text-sm text-muted">
        Signed-out, disabled and expired sessions stop working at once; a background job deletes them every hour.
      </p>
      <p className="mt-4 text-sm" aria-live="polite">
        <span data-testid="live-sessions">{overview.data?.live ?? "…"}</span> active ·{" "}
        <span data-testid="ended-sessions">{overview.data ? ended : "…"}</span> ended, awaiting cleanup
        {waiting ? " · cleaning up…" : null}
      </p>
      <Button
        variant="secondary"
        className="mt-3"
        disabled={purge.isPending || waiting || ended === 0}
        onClick={() => purge.mutate()}
      >
        Clean up now
      </Button>
    </section>
  );
}
