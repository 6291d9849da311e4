"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { Check, ExternalLink } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
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
import { Input, Select } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import { annexAccessToken } from "@/server/vendors/attentive/settings";
import { secretFields, settingsSchemas, type Vendor } from "@/server/vendors/settings";
import { catalog, type Field, type Step } from "./catalog";
import { CheckList } from "./check-list";
import { IntegrationFacts } from "./integration-facts";

type Values = Record<string, unknown>;
type Existing = {
  id: string;
  label: string;
  description: string | null;
  config: Values;
  secretsSet: Record<string, boolean>;
};
type Outcome = { ok: boolean; checks: { name: string; ok: boolean; message: string }[]; id: string | null };

const ENVELOPE = ["label", "description", "sandbox"];
const text = (value: unknown) => (typeof value === "string" ? value : "");
// A control shows a stored number (a port) as its text.
const asText = (value: unknown) => (typeof value === "number" ? String(value) : text(value));

function visibleFields(step: Step, values: Values): Field[] {
  return step.fields.filter((f) => !f.when || f.when(values));
}

/**
 * `sandboxAllowed`: whether this server offers test mode (off in production unless allowed); an
 * existing integration still shows its locked choice.
 */
export function Wizard({
  vendor,
  existing,
  sandboxAllowed,
}: {
  vendor: Vendor;
  existing?: Existing;
  sandboxAllowed: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const entry = catalog[vendor];
  const steps: Step[] = [...entry.steps, { title: "Test connection", fields: [] }];
  const lines = new Set(entry.steps.flatMap((s) => s.fields.filter((f) => f.kind === "lines").map((f) => f.name)));
  const initial: Values = existing
    ? {
        ...entry.defaults,
        ...Object.fromEntries(
          Object.entries(existing.config).map(([k, v]) => [k, Array.isArray(v) ? v.join("\n") : v]),
        ),
        label: existing.label,
        description: existing.description ?? "",
      }
    : entry.defaults;
  const form = useForm<Values>({ defaultValues: initial });
  const values = form.watch();
  const [stepIndex, setStepIndex] = useState(0);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const step = steps[stepIndex] as Step;
  const isLast = stepIndex === steps.length - 1;

  /** The wizard's values as the server wants them: hidden fields dropped, lists split. */
  function normalise(all: Values) {
    const shown = new Set(entry.steps.flatMap((s) => visibleFields(s, all).map((f) => f.name)));
    const settings: Values = {};
    for (const [key, value] of Object.entries(all)) {
      if (ENVELOPE.includes(key) || !shown.has(key)) continue;
      settings[key] = lines.has(key)
        ? text(value)
            .split(/\r?\n/)
            .map((l) => l.trim())
            .filter(Boolean)
        : value;
    }
    return {
      label: text(all.label).trim(),
      description: text(all.description).trim() || undefined,
      sandbox: all.sandbox === true,
      settings,
    };
  }

  const storedSecretLeftBlank = (name: string, all: Values) =>
    !!existing?.secretsSet[name] &&
    secretFields[vendor].includes(name) &&
    (all[name] === undefined || all[name] === "");

  /** Validates the fields of the given steps; on failure shows the errors and opens the first step with one. */
  function validate(upTo: number): boolean {
    const all = form.getValues();
    const { label, settings } = normalise(all);
    const issues: { field: string; message: string }[] = label ? [] : [{ field: "label", message: "Enter a label" }];
    const parsed = settingsSchemas[vendor].safeParse(settings);
    if (!parsed.success)
      issues.push(...parsed.error.issues.map((i) => ({ field: String(i.path[0]), message: i.message })));
    const stepOf = (field: string) => steps.findIndex((s) => visibleFields(s, all).some((f) => f.name === field));
    const relevant = issues.filter(
      (i) => stepOf(i.field) !== -1 && stepOf(i.field) <= upTo && !storedSecretLeftBlank(i.field, all),
    );
    form.clearErrors();
    for (const i of relevant) form.setError(i.field, { message: i.message });
    if (relevant.length > 0) setStepIndex(Math.min(...relevant.map((i) => stepOf(i.field))));
    return relevant.length === 0;
  }

  const onDone = (result: Outcome) => setOutcome(result);
  const stepWith = (name: string) => steps.findIndex((s) => s.fields.some((f) => f.name === name));
  const onError = (error: Parameters<typeof setServerError>[1]) => {
    const field = setServerError(form.setError, error, (name) => (stepWith(name) >= 0 ? name : undefined));
    if (field !== "root") setStepIndex(stepWith(field));
  };
  const connect = useMutation(trpc.integration.connect.mutationOptions({ onSuccess: onDone, onError }));
  const reconfigure = useMutation(
    trpc.integration.reconfigure.mutationOptions({
      onSuccess: (r) => onDone({ ...r, id: existing?.id ?? null }),
      onError,
    }),
  );
  const pending = connect.isPending || reconfigure.isPending;
  // Test mode on a new integration: a sandbox account of its own fills the fields still empty
  // (what the admin typed stays). Each answer is a new account, so one is kept for the wizard's
  // life (a refetch could mix two accounts' keys) and forgotten with it (the next new
  // integration gets another).
  const fillsSandboxAccount = !existing && values.sandbox === true;
  const sandboxAccount = useQuery({
    ...trpc.integration.sandboxSettings.queryOptions({ vendor }),
    enabled: fillsSandboxAccount,
    staleTime: Infinity,
    gcTime: 0,
  });
  // A disabled query still hands out what it cached: never into a reconfigure, whose blank secrets mean "keep".
  const sandboxFill = fillsSandboxAccount ? sandboxAccount.data : undefined;
  useEffect(() => {
    if (!sandboxFill) return;
    for (const [name, value] of Object.entries(sandboxFill))
      if (form.getValues(name) === undefined || form.getValues(name) === "")
        form.setValue(name, Array.isArray(value) ? value.join("\n") : value, { shouldDirty: true });
  }, [sandboxFill, form]);
  const saved = useQuery({
    ...trpc.integration.get.queryOptions({ id: outcome?.id ?? "" }),
    enabled: !!outcome?.ok && !!outcome.id,
  });

  function submit() {
    if (!validate(steps.length - 1)) return;
    setOutcome(null);
    const { label, description, sandbox, settings } = normalise(form.getValues());
    if (existing) reconfigure.mutate({ id: existing.id, data: { label, description, settings } });
    else connect.mutate({ vendor, label, description, sandbox, settings });
  }

  if (outcome?.ok) {
    return (
      <section aria-labelledby="success-heading" className="max-w-2xl rounded-lg border border-line bg-white p-6">
        <h2 id="success-heading" className="flex items-center gap-2 text-lg font-semibold text-success">
          <Check aria-hidden className="size-5" /> {existing ? "Changes saved" : "Connected"}
        </h2>
        <p className="mt-1 text-sm text-muted">
          {entry.name} passed every check{existing ? " and uses the new settings now." : " and is active."}
        </p>
        <CheckList checks={outcome.checks} />
        {saved.data ? <IntegrationFacts integration={saved.data} /> : null}
        <Button
          className="mt-6"
          onClick={() => router.push(outcome.id ? `/integrations/${outcome.id}` : "/integrations")}
        >
          Proceed
        </Button>
      </section>
    );
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[14rem_1fr]">
      <ol aria-label="Setup steps" className="space-y-1">
        {steps.map((s, i) => (
          <li
            key={s.title}
            aria-current={i === stepIndex ? "step" : undefined}
            className={cn(
              "flex items-center gap-3 rounded-md px-3 py-2 text-sm",
              i === stepIndex ? "bg-brand-50 font-semibold text-brand-700" : "text-muted",
            )}
          >
            <span
              className={cn(
                "flex size-6 items-center justify-center rounded-full border text-xs",
                i < stepIndex ? "border-success bg-success text-white" : "border-line bg-white",
              )}
            >
              {i < stepIndex ? <Check aria-hidden className="size-3.5" /> : i + 1}
            </span>
            {s.title}
          </li>
        ))}
      </ol>
      <Form {...form}>
        <form
          noValidate
          className="max-w-2xl space-y-5 rounded-lg border border-line bg-white p-6"
          onSubmit={(e) => {
            e.preventDefault();
            if (isLast) return submit();
            if (validate(stepIndex)) setStepIndex(stepIndex + 1);
          }}
        >
          <h2 className="text-lg font-semibold">
            Step {stepIndex + 1} of {steps.length}: {step.title}
          </h2>
          {step.intro?.map((p) => (
            <p key={p} className="text-sm text-muted">
              {p}
            </p>
          ))}
          {step.bullets ? (
            <ul className="list-disc space-y-1 pl-5 text-sm">
              {step.bullets.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          ) : null}
          {visibleFields(step, values)
            .filter((field) => field.name !== "sandbox" || sandboxAllowed || !!existing)
            .map((field) => (
              <WizardField
                key={field.name}
                field={field}
                form={form}
                stored={!!existing?.secretsSet[field.name]}
                lockSandbox={!!existing && field.name === "sandbox"}
              />
            ))}
          {!existing && values.sandbox === true && step.fields.some((f) => f.name === "sandbox") ? (
            <p role="note" className="rounded-md bg-surface px-3 py-2 text-sm">
              {sandboxAccount.isSuccess
                ? `Filled in with the sandbox's own account: these are the sandbox's test credentials (listed in the README), not a ${entry.name} account. Test mode calls the sandbox only.`
                : sandboxAccount.isError
                  ? `The sandbox's account could not be filled in: ${sandboxAccount.error.message}`
                  : "Filling in the sandbox's account…"}
            </p>
          ) : null}
          {step.showAnnexToken && values.loyaltyToken && values.annexSiteId ? (
            <p className="rounded-md bg-surface px-3 py-2 text-sm">
              Access token (base64 of [loyalty token, site id]):{" "}
              <code className="font-mono break-all">
                {annexAccessToken(text(values.loyaltyToken), text(values.annexSiteId))}
              </code>
            </p>
          ) : null}
          {step.link ? (
            <a
              href={step.link.href}
              target="_blank"
              rel="noreferrer"
              className="inline-flex items-center gap-1 text-sm font-medium text-brand-600 hover:underline"
            >
              {step.link.label} <ExternalLink aria-hidden className="size-3.5" />
            </a>
          ) : null}
          {isLast ? (
            <p className="text-sm text-muted">
              Switchboard now calls {values.sandbox ? "the sandbox (test mode)" : entry.name} with these settings.
              Nothing is saved unless every check passes.
            </p>
          ) : null}
          {outcome && !outcome.ok ? (
            <div role="alert" className="rounded-md border border-danger/30 bg-danger/5 p-4">
              <p className="text-sm font-semibold text-danger">The connection test failed, so nothing was saved.</p>
              <CheckList checks={outcome.checks} />
            </div>
          ) : null}
          <FormMessage>{form.formState.errors.root?.message}</FormMessage>
          <div className="flex items-center justify-between border-t border-line pt-5">
            {stepIndex > 0 ? (
              <Button variant="secondary" onClick={() => setStepIndex(stepIndex - 1)}>
                Back
              </Button>
            ) : (
              <Link href="/integrations" className="text-sm text-muted hover:underline">
                Cancel
              </Link>
            )}
            <Button type="submit" disabled={!hydrated || pending}>
              {isLast
                ? pending
                  ? "Testing…"
                  : existing
                    ? "Test and save changes"
                    : "Test connection and save"
                : (step.next ?? "Continue")}
            </Button>
          </div>
        </form>
      </Form>
    </div>
  );
}

function WizardField({
  field,
  form,
  stored,
  lockSandbox,
}: {
  field: Field;
  form: ReturnType<typeof useForm<Values>>;
  stored: boolean;
  lockSandbox: boolean;
}) {
  const help = field.help ? <FormDescription>{field.help}</FormDescription> : null;
  return (
    <FormField
      control={form.control}
      name={field.name}
      render={({ field: { value, ...input } }) =>
        field.kind === "checkbox" ? (
          <FormItem className="space-y-1">
            <FormLabel className="flex items-start gap-2 font-normal">
              <FormControl>
                <input
                  type="checkbox"
                  className="mt-0.5 size-4"
                  {...input}
                  checked={value === true}
                  disabled={lockSandbox}
                />
              </FormControl>
              <span>{field.label}</span>
            </FormLabel>
            {help}
            <FormMessage />
          </FormItem>
        ) : (
          <FormItem>
            <FormLabel>{field.label}</FormLabel>
            <FormControl>
              {field.kind === "select" ? (
                <Select className="w-full" value={asText(value)} {...input}>
                  {field.options?.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </Select>
              ) : field.kind === "textarea" || field.kind === "lines" ? (
                <textarea
                  rows={field.kind === "lines" ? 3 : 4}
                  placeholder={stored ? "Stored — leave blank to keep it" : field.placeholder}
                  className={cn(
                    "block w-full rounded-md border border-line px-3 py-2 text-sm aria-invalid:border-danger",
                    field.kind !== "textarea" || field.placeholder ? "font-mono" : "",
                  )}
                  value={asText(value)}
                  {...input}
                />
              ) : (
                <Input
                  type={field.kind === "password" ? "password" : "text"}
                  autoComplete={field.kind === "password" ? "new-password" : "off"}
                  placeholder={stored ? "Stored — leave blank to keep it" : field.placeholder}
                  value={asText(value)}
                  {...input}
                />
              )}
            </FormControl>
            {help}
            <FormMessage />
          </FormItem>
        )
      }
    />
  );
}
