"use client";

import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { When } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
} from "@/app/_components/ui/dialog";
import { useTRPC } from "@/app/_trpc/provider";

/**
 * The external agent desk's bearer token: rotated here, shown once in a dialog, never again.
 * The page shows only when it was set.
 */
export function DeskTokenPanel() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { data: settings } = useSuspenseQuery(trpc.workspace.settings.queryOptions());
  const [issued, setIssued] = useState<string | null>(null);
  const rotate = useMutation(
    trpc.workspace.rotateDeskToken.mutationOptions({
      onSuccess: (result) => {
        setIssued(result.token);
        void queryClient.invalidateQueries({ queryKey: trpc.workspace.settings.queryKey() });
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  const { url, setAt } = settings.desk;
  const copy = (token: string) =>
    void navigator.clipboard.writeText(token).then(
      () => toast.success("Token copied"),
      () => toast.error("Copy failed: select the token and copy it"),
    );

  return (
    <section
      id="desk-token"
      aria-labelledby="desk-token-heading"
      className="rounded-lg border border-line bg-white p-5"
    >
      <h2 id="desk-token-heading" className="text-lg font-semibold">
        External desk token
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-muted">
        An agent desk outside this portal closes a conversation (and so opens its Salesforce case) with this call. Only
        a hash of the token is kept, so it is shown once, when you rotate it.
      </p>
      <pre className="mt-3 overflow-x-auto rounded-md bg-surface px-3 py-2 font-mono text-xs text-ink">
        {`POST ${url}\nAuthorization: Bearer <token>`}
      </pre>
      <p className="mt-4 text-sm" data-testid="desk-token-state">
        {setAt ? (
          <>
            Token set <When value={setAt} />.
          </>
        ) : (
          <>
            Not rotated yet: the token shown on the Conversations page before tokens could be rotated still works, until
            the first rotation.
          </>
        )}
      </p>
      <ConfirmButton
        className="mt-3"
        title="Rotate the desk token?"
        description="The desk's current token stops working at once: paste the new one into the desk's settings right after. The new token is shown once."
        confirmLabel="Rotate token"
        onConfirm={() => rotate.mutate()}
        disabled={rotate.isPending}
      >
        {rotate.isPending ? "Rotating…" : "Rotate token"}
      </ConfirmButton>

      <Dialog open={issued !== null} onOpenChange={(open) => (open ? null : setIssued(null))}>
        <DialogContent>
          <DialogTitle>New desk token</DialogTitle>
          <DialogDescription>
            Copy it into the desk&apos;s settings now: it is not stored here and will not be shown again.
          </DialogDescription>
          <div className="mt-4 flex items-center gap-2">
            <code
              className="min-w-0 flex-1 rounded bg-surface px-2 py-1.5 font-mono text-xs break-all"
              data-testid="desk-token"
            >
              {issued}
            </code>
            <Button variant="secondary" aria-label="Copy the token" onClick={() => issued && copy(issued)}>
              <Copy aria-hidden className="size-4" />
            </Button>
          </div>
          <DialogFooter>
            <DialogClose>Done</DialogClose>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </section>
  );
}
