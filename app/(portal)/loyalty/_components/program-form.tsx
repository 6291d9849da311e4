"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import { Fieldset } from "@/app/_components/ui/fieldset";
import {
  Form,
  FormControl,
  FormDescription,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
  setServerError,
} from "@/app/_components/ui/form";
import { Select } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import type { getProgram } from "@/server/domains/loyalty/get-program";
import { actionLabels, loyaltyActionTypes, mergeFields, saveProgramInput } from "@/server/domains/loyalty/schema";
import { integrationOption } from "@/app/_components/integration-option";

type Values = z.input<typeof saveProgramInput>;
type Output = z.output<typeof saveProgramInput>;
type Loaded = Awaited<ReturnType<typeof getProgram>>;

function defaultsFor({ program, integrations }: Loaded): Values {
  const rule = (type: (typeof loyaltyActionTypes)[number]) => program?.rules[type] ?? { enabled: false, body: "" };
  return {
    integrationId: program?.integrationId ?? integrations[0]?.id ?? "",
    enabled: program?.enabled ?? false,
    rules: {
      points_earned: rule("points_earned"),
      reward_redeemed: rule("reward_redeemed"),
      tier_change: rule("tier_change"),
    },
  };
}

function ProgramEditor({ loaded }: { loaded: Loaded }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(saveProgramInput),
    defaultValues: defaultsFor(loaded),
  });

  const save = useMutation(
    trpc.loyalty.save.mutationOptions({
      onSuccess: (saved) => {
        toast.success(
          saved?.enabled
            ? "Loyalty program saved: new actions are texted from now on"
            : "Loyalty program saved; texting is off",
        );
        void queryClient.invalidateQueries({ queryKey: trpc.loyalty.program.queryKey() });
      },
      onError: (error) => setServerError(form.setError, error, ["integrationId", "enabled"]),
    }),
  );

  if (loaded.integrations.length === 0) {
    return (
      <p className="rounded-lg border border-line bg-white p-5 text-sm text-muted">
        Loyalty texts go through an Attentive integration, which also holds the Annex Cloud site id and loyalty token.
        None is connected yet: an admin connects one under{" "}
        <Link href="/integrations" className="font-medium text-brand-600 underline">
          Integrations
        </Link>
        .
      </p>
    );
  }

  return (
    <Form {...form}>
      <form
        onSubmit={(e) => void form.handleSubmit((values) => save.mutate(values))(e)}
        noValidate
        className="max-w-4xl space-y-5"
      >
        <Fieldset legend="Program" className="grid gap-4 sm:grid-cols-2">
          <FormField
            control={form.control}
            name="integrationId"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Attentive integration</FormLabel>
                <FormControl>
                  <Select className="w-full" {...field}>
                    {loaded.integrations.map((i) => (
                      <option key={i.id} value={i.id}>
                        {integrationOption(i)}
                      </option>
                    ))}
                  </Select>
                </FormControl>
                <FormDescription>Texts go through it; Annex Cloud is read with the site it holds.</FormDescription>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="enabled"
            render={({ field: { value, ...field } }) => (
              <FormItem className="sm:pt-7">
                <FormLabel className="flex items-center gap-2">
                  <FormControl>
                    <input type="checkbox" className="size-4" checked={value} {...field} />
                  </FormControl>{" "}
                  Text loyalty actions
                </FormLabel>
                <FormDescription>
                  Only actions from the moment this is switched on are texted, never a member&apos;s history.
                </FormDescription>
                <FormMessage />
              </FormItem>
            )}
          />
        </Fieldset>

        <Fieldset legend="Texts per action" className="space-y-5">
          {loyaltyActionTypes.map((type) => (
            <div key={type} className="space-y-2">
              <label className="flex items-center gap-2 text-sm font-medium">
                <input type="checkbox" className="size-4" {...form.register(`rules.${type}.enabled`)} />{" "}
                {actionLabels[type]}
              </label>
              <FormField
                control={form.control}
                name={`rules.${type}.body`}
                render={({ field }) => (
                  <FormItem>
                    <FormLabel>{`Text for ${actionLabels[type]}`}</FormLabel>
                    <FormControl>
                      <textarea
                        rows={2}
                        className="block w-full rounded-md border border-line bg-white px-3 py-2 text-sm aria-invalid:border-danger"
                        {...field}
                      />
                    </FormControl>
                    <FormDescription>
                      {`Merge fields: ${mergeFields[type].map((f) => `{{${f}}}`).join(", ")}. Attentive adds your brand name in front.`}
                    </FormDescription>
                    <FormMessage />
                  </FormItem>
                )}
              />
            </div>
          ))}
        </Fieldset>

        <FormMessage>{form.formState.errors.root?.message}</FormMessage>
        <Button type="submit" disabled={!hydrated || save.isPending}>
          {save.isPending ? "Saving…" : "Save program"}
        </Button>
      </form>
    </Form>
  );
}

/** The workspace's loyalty program: integration, on/off, and the text of each action type. */
export function ProgramForm() {
  const trpc = useTRPC();
  const program = useQuery(trpc.loyalty.program.queryOptions());
  if (program.isError) {
    return (
      <p role="alert" className="text-sm text-danger">
        The loyalty program could not be loaded: {program.error.message}
      </p>
    );
  }
  if (!program.data) return <p className="text-sm text-muted">Loading the loyalty program…</p>;
  // Keyed by the saved version, so the form starts from what was saved.
  return <ProgramEditor key={program.data.program?.updatedAt.toISOString() ?? "new"} loaded={program.data} />;
}
