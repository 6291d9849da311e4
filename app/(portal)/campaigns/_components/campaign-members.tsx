"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { Select } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import type { CampaignData } from "./campaign-builder";
import { useHydrated } from "@/app/_components/use-hydrated";

/**
 * The campaign's member agents (seed 002's Members tab): replies to the campaign are assigned to
 * them in turn. Saved at once, whatever the campaign's status, since who answers changes while
 * it runs.
 */
export function CampaignMembers({ data }: { data: CampaignData }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = data.campaign.id;
  const [userId, setUserId] = useState("");
  const hydrated = useHydrated();
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.campaign.get.queryKey({ id }) });
  const onError = (error: { message: string }) => toast.error(error.message);
  const add = useMutation(
    trpc.campaign.addMember.mutationOptions({
      onSuccess: async () => {
        setUserId("");
        await refresh();
        toast.success("Member added");
      },
      onError,
    }),
  );
  const remove = useMutation(trpc.campaign.removeMember.mutationOptions({ onSuccess: refresh, onError }));
  const memberIds = new Set(data.members.map((m) => m.userId));
  const candidates = data.agents.filter((a) => !memberIds.has(a.userId));

  return (
    <section aria-labelledby="members-heading" className="space-y-4 rounded-lg border border-line bg-white p-5">
      <div>
        <h2 id="members-heading" className="text-base font-semibold">
          Members
        </h2>
        <p className="text-sm text-muted">Replies to this campaign are assigned to its members in turn.</p>
      </div>
      {data.members.length === 0 ? (
        <p className="text-sm text-muted">No members yet: replies stay unassigned until an agent answers.</p>
      ) : (
        <ul aria-label="Members" className="divide-y divide-line text-sm">
          {data.members.map((m) => (
            <li key={m.userId} className="flex items-center justify-between gap-3 py-2">
              <span>
                {m.name} <span className="text-muted">{m.email}</span>
                {m.disabled ? <span className="text-muted"> (disabled: gets no replies)</span> : null}
              </span>
              <Button
                variant="secondary"
                onClick={() => remove.mutate({ id, userId: m.userId })}
                disabled={remove.isPending}
                aria-label={`Remove ${m.name}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="flex flex-wrap items-end gap-2">
        <label className="max-w-full min-w-0 space-y-1 text-sm">
          <span className="block font-medium">Agent</span>
          <Select
            value={userId}
            onChange={(e) => setUserId(e.target.value)}
            disabled={!hydrated || candidates.length === 0}
          >
            <option value="">{candidates.length === 0 ? "Every user is a member" : "Choose an agent"}</option>
            {candidates.map((a) => (
              <option key={a.userId} value={a.userId}>
                {a.name} ({a.email})
              </option>
            ))}
          </Select>
        </label>
        <Button onClick={() => add.mutate({ id, userId })} disabled={!userId || add.isPending}>
          <UserPlus aria-hidden className="size-4" /> {add.isPending ? "Adding…" : "Add member"}
        </Button>
      </div>
    </section>
  );
}
