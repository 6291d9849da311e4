"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ExternalLink, RotateCw } from "lucide-react";
import { toast } from "sonner";
import { When } from "@/app/_components/format";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/provider";
import { syncLabels } from "./labels";

type Sync = {
  status: keyof typeof syncLabels;
  caseNumber: string | null;
  caseUrl: string | null;
  lastError: string | null;
  attempts: { at: string; ok: boolean; error?: string }[];
};

/** The Salesforce case of a closed conversation: pending, created (number and link) or failed (why, and Retry). */
export function SyncStatus({
  conversationId,
  sync,
  closed,
}: {
  conversationId: string;
  sync: Sync | null;
  closed: boolean;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retry = useMutation(
    trpc.conversation.retrySync.mutationOptions({
      onSuccess: () => {
        toast.success("Sending the case to Salesforce again");
        void queryClient.invalidateQueries({ queryKey: trpc.conversation.pathKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const retryButton = (
    <Button variant="secondary" disabled={retry.isPending} onClick={() => retry.mutate({ conversationId })}>
      <RotateCw aria-hidden className="size-4" /> {retry.isPending ? "Retrying…" : "Retry"}
    </Button>
  );

  return (
    <section aria-labelledby="case-heading" className="rounded-lg border border-line bg-white p-5">
      <h2 id="case-heading" className="text-sm font-semibold">
        Salesforce case
      </h2>
      {!sync ? (
        <p className="mt-2 text-sm text-muted">
          {closed
            ? "No case: Salesforce case sync was off when this conversation closed."
            : "A case is opened in Salesforce when the conversation is closed."}
        </p>
      ) : sync.status === "synced" ? (
        <div className="mt-2 space-y-1 text-sm">
          <p>
            <Badge tone="success">{syncLabels.synced}</Badge>
          </p>
          <p>
            Case number <strong data-testid="case-number">{sync.caseNumber}</strong>
          </p>
          {sync.caseUrl ? (
            <a
              href={sync.caseUrl}
              target="_blank"
              rel="noreferrer"
              className="inline-flex items-center gap-1 font-medium text-brand-600 hover:underline"
            >
              Open in Salesforce <ExternalLink aria-hidden className="size-3.5" />
            </a>
          ) : null}
        </div>
      ) : sync.status === "failed" ? (
        <div className="mt-2 space-y-2 text-sm">
          <p>
            <Badge tone="danger">{syncLabels.failed}</Badge>
          </p>
          <p role="alert" className="text-danger">
            {sync.lastError ?? "Salesforce did not accept the case."}
          </p>
          <p className="text-muted">
            Fix the cause, then Retry: the sync continues where it stopped, without a second case or duplicate comments.
          </p>
          {retryButton}
        </div>
      ) : (
        <div className="mt-2 space-y-2 text-sm">
          <p>
            <Badge tone="brand">{syncLabels[sync.status]}</Badge>
          </p>
          <p className="text-muted">
            The case is on its way to Salesforce: its number shows here once Salesforce has it.
          </p>
          {/* A pending sync whose event was lost, or a run that died, would wait forever: Retry sends it again (the server refuses while a run is live). */}
          {retryButton}
        </div>
      )}
      {sync && sync.attempts.length > 0 ? (
        <p className="mt-3 text-xs text-muted">
          {sync.attempts.length} attempt{sync.attempts.length === 1 ? "" : "s"}, the last{" "}
          <When value={new Date(sync.attempts.at(-1)?.at ?? 0)} />
        </p>
      ) : null}
    </section>
  );
}
