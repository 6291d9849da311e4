"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { useFormat, When } from "@/app/_components/format";
import { Button } from "@/app/_components/ui/button";
import { useTRPC } from "@/app/_trpc/provider";
import { MemberPreview } from "./live-count";

type StaticSegment = {
  id: string;
  name: string;
  description: string | null;
  lastCount: number | null;
  lastCountedAt: Date | null;
};

/** A static segment: its uploaded members, a recount (members deleted since drop out) and delete. */
export function StaticSegmentDetail({ segment }: { segment: StaticSegment }) {
  const trpc = useTRPC();
  const format = useFormat();
  const router = useRouter();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.segment.pathKey() });
  const recount = useMutation({
    mutationFn: () => queryClient.fetchQuery({ ...trpc.segment.count.queryOptions({ id: segment.id }), staleTime: 0 }),
    onSuccess: (r) => {
      toast.success(`${format.count(r.count)} members`);
      void refresh();
    },
    onError: (error) => toast.error(error.message),
  });
  const remove = useMutation(
    trpc.segment.delete.mutationOptions({
      onSuccess: () => {
        toast.success("Segment deleted");
        void refresh();
        router.push("/segments");
      },
      onError: (error) => toast.error(error.message),
    }),
  );
  return (
    <div className="space-y-5">
      <section aria-labelledby="static-heading" className="rounded-lg border border-line bg-white p-5">
        <h2 id="static-heading" className="text-lg font-semibold">
          {segment.name}
        </h2>
        {segment.description ? <p className="mt-1 text-sm text-muted">{segment.description}</p> : null}
        <dl className="mt-4 grid gap-2 text-sm sm:grid-cols-2">
          <div>
            <dt className="text-muted">Members</dt>
            <dd className="text-2xl font-semibold tabular-nums">
              {segment.lastCount === null ? "—" : format.count(segment.lastCount)}
            </dd>
          </div>
          <div>
            <dt className="text-muted">Last counted</dt>
            <dd>{segment.lastCountedAt ? <When value={segment.lastCountedAt} /> : "Never"}</dd>
          </div>
        </dl>
        <p className="mt-3 text-sm text-muted">
          A static segment holds the contacts its uploaded list matched. Upload a new list to change who is in it.
        </p>
        <div className="mt-4 flex flex-wrap gap-2">
          <Button variant="secondary" disabled={recount.isPending} onClick={() => recount.mutate()}>
            {recount.isPending ? "Counting…" : "Recount"}
          </Button>
          <ConfirmButton
            disabled={remove.isPending}
            title={`Delete the segment “${segment.name}”?`}
            description="This cannot be undone. A segment a campaign or a Responsys job sends to is kept: choose another segment there first."
            confirmLabel="Delete segment"
            onConfirm={() => remove.mutate({ id: segment.id })}
          >
            Delete segment
          </ConfirmButton>
        </div>
      </section>
      <MemberPreview input={{ id: segment.id }} />
    </div>
  );
}
