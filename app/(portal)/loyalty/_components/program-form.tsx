"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Select } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import type { getProgram } from "@/server/domains/loyalty/get-program";
import { actionLabels, loyaltyActionTypes, mergeFields, saveProgramInput } from "@/server/domains/loyalty/schema";

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

const describedBy = (id: string, error: unknown) =>
  [`${id}-hint`, error ? `${id}-error` : ""].filter(Boolean).join(" ");

function Form({ loaded }: { loaded: Loaded }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(saveProgramInput),
    defaultValues: defaultsFor(loaded),
  });
  const { errors } = form.formState;

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
      onError: (error: { message: string; data?: { field?: string } | null }) => {
        const field = error.data?.field;
        const known = field === "integrationId" || field === "enabled";
        form.setError(known ? field : "root", { message: error.message }, { shouldFocus: known });
      },
    }),
  );

  if (loaded.integrations.length === 0) {
    return (
      <p className="rounded-lg border border-line bg-white p-5 text-sm text-muted">
        Loyalty texts go through an Attentive integration, which also holds the Annex Cloud site id and loyalty token.
        None is connected yet: an admin connects one under{" "}
        <Link href="/integrations" className="font-medium text-brand-600 hover:underline">
          Integrations
        </Link>
        .
      </p>
    );
  }

  return (
    <form
      onSubmit={(e) => void form.handleSubmit((values) => save.mutate(values))(e)}
      noValidate
      className="max-w-4xl space-y-5"
    >
      <fieldset className="grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2">
        <legend className="float-left mb-1 w-full text-base font-semibold sm:col-span-2">Program</legend>
        <Field
          id="loyalty-integration"
          label="Attentive integration"
          hint="Texts go through it; Annex Cloud is read with the site it holds."
          error={errors.integrationId?.message}
        >
          <Select
            id="loyalty-integration"
            className="w-full"
            aria-invalid={!!errors.integrationId}
            aria-describedby={describedBy("loyalty-integration", errors.integrationId)}
            {...form.register("integrationId")}
          >
            {loaded.integrations.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label}
                {i.sandbox ? " (sandbox)" : ""}
                {i.status === "active" ? "" : ` — ${i.status}`}
              </option>
            ))}
          </Select>
        </Field>
        <div className="space-y-1.5 sm:pt-7">
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              className="size-4"
              aria-describedby={describedBy("loyalty-enabled", errors.enabled)}
              {...form.register("enabled")}
            />{" "}
            Text loyalty actions
          </label>
          <p id="loyalty-enabled-hint" className="text-xs text-muted">
            Only actions from the moment this is switched on are texted, never a member&apos;s history.
          </p>
          {errors.enabled ? (
            <p id="loyalty-enabled-error" role="alert" className="text-sm text-danger">
              {errors.enabled.message}
            </p>
          ) : null}
        </div>
      </fieldset>

      <fieldset className="space-y-5 rounded-lg border border-line bg-white p-5">
        <legend className="float-left mb-1 w-full text-base font-semibold">Texts per action</legend>
        {loyaltyActionTypes.map((type) => {
          const id = `loyalty-${type}`;
          const error = errors.rules?.[type]?.body?.message;
          return (
            <div key={type} className="space-y-2">
              <label className="flex items-center gap-2 text-sm font-medium">
                <input type="checkbox" className="size-4" {...form.register(`rules.${type}.enabled`)} />{" "}
                {actionLabels[type]}
              </label>
              <Field
                id={id}
                label={`Text for ${actionLabels[type]}`}
                hint={`Merge fields: ${mergeFields[type].map((f) => `{{${f}}}`).join(", ")}. Attentive adds your brand name in front.`}
                error={error}
              >
                <textarea
                  id={id}
                  rows={2}
                  className="block w-full rounded-md border border-line bg-white px-3 py-2 text-sm aria-invalid:border-danger"
                  aria-invalid={!!error}
                  aria-describedby={describedBy(id, error)}
                  {...form.register(`rules.${type}.body`)}
                />
              </Field>
            </div>
          );
        })}
      </fieldset>

      {errors.root ? (
        <p role="alert" className="text-sm text-danger">
          {errors.root.message}
        </p>
      ) : null}
      <Button type="submit" disabled={!hydrated || save.isPending}>
        {save.isPending ? "Saving…" : "Save program"}
      </Button>
    </form>
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
  return <Form key={program.data.program?.updatedAt.toISOString() ?? "new"} loaded={program.data} />;
}
