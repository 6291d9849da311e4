"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import {
  Form,
  FormControl,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
  setServerError,
} from "@/app/_components/ui/form";
import { Input } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import { BLANK_CAMPAIGN_DRAFT, campaignDraft } from "@/server/domains/campaign/schema";
import { channelLabels } from "./labels";

const startForm = campaignDraft.pick({ name: true, channel: true });
type Values = z.input<typeof startForm>;

/** Step one: a name and a channel make a draft; the builder on the campaign's page does the rest. */
export function NewCampaign() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const form = useForm<Values>({ resolver: zodResolver(startForm), defaultValues: { name: "", channel: "whatsapp" } });
  const create = useMutation(
    trpc.campaign.create.mutationOptions({
      onSuccess: (row) => {
        toast.success("Draft created");
        void queryClient.invalidateQueries({ queryKey: trpc.campaign.list.pathKey() });
        router.push(`/campaigns/${row.id}`);
      },
      onError: (error) => setServerError(form.setError, error, ["name"]),
    }),
  );
  const submit = form.handleSubmit((values) => create.mutate({ ...BLANK_CAMPAIGN_DRAFT, ...values }));

  return (
    <Form {...form}>
      <form
        onSubmit={(e) => void submit(e)}
        noValidate
        className="max-w-xl space-y-5 rounded-lg border border-line bg-white p-5"
      >
        <FormField
          control={form.control}
          name="name"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Campaign name</FormLabel>
              <FormControl>
                <Input autoComplete="off" {...field} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">Channel</legend>
          <div className="flex gap-4">
            {(["whatsapp", "sms"] as const).map((channel) => (
              <label key={channel} className="flex items-center gap-2 text-sm">
                <input type="radio" value={channel} {...form.register("channel")} />
                {channelLabels[channel]}
              </label>
            ))}
          </div>
        </fieldset>
        <FormMessage>{form.formState.errors.root?.message}</FormMessage>
        <div className="flex gap-2">
          <Button type="submit" disabled={!hydrated || create.isPending}>
            {create.isPending ? "Creating…" : "Create draft"}
          </Button>
          <Button variant="secondary" onClick={() => router.push("/campaigns")} disabled={create.isPending}>
            Cancel
          </Button>
        </div>
      </form>
    </Form>
  );
}
