"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { CheckCircle2 } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import type { getAppConfiguration } from "@/server/domains/responsys-app/get-app-configuration";
import { configureAppInput } from "@/server/domains/responsys-app/schema";
import { notifyProduct } from "../../_components/notify-product";

type Configuration = Awaited<ReturnType<typeof getAppConfiguration>>;
type Values = z.input<typeof configureAppInput>;

// Mitto documents no sign-up page of its own: its home page, as the setup wizard links it.
const MITTO_SIGN_UP = "https://www.mitto.ch/";

/**
 * The app configuration, as in Mitto's Responsys app: the Mitto account (email or username,
 * password) and the WhatsApp template namespace. Save tests the account with Mitto; on success the
 * page tells Responsys ("save"), shows "App configured successfully", and Proceed returns to
 * Responsys ("close").
 */
export function AppConfigureForm({ session, configuration }: { session: string; configuration: Configuration }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const account = configuration.account;
  const form = useForm<Values>({
    resolver: zodResolver(configureAppInput),
    defaultValues: { session, username: account?.username ?? "", password: "", namespace: account?.namespace ?? "" },
  });
  const { errors } = form.formState;
  const [saved, setSaved] = useState(false);
  const configure = useMutation(
    trpc.responsysApp.configure.mutationOptions({
      onSuccess: (result) => {
        if (!result.ok) return form.setError("root", { message: result.error });
        setSaved(true);
        notifyProduct("save", { installId: configuration.installId });
      },
      onError: (error) => {
        const field = error.data?.field;
        if (field === "password" || field === "username" || field === "namespace")
          form.setError(field, { message: error.message }, { shouldFocus: true });
        else form.setError("root", { message: error.message });
      },
    }),
  );

  if (saved) {
    return (
      <section className="mt-4 rounded-lg border border-line bg-white p-6 text-center">
        <CheckCircle2 aria-hidden className="mx-auto size-10 text-success" />
        <h1 role="status" className="mt-2 text-xl font-semibold">
          App configured successfully
        </h1>
        <p className="mt-1 text-sm text-muted">
          Messages of this installation are sent through the Mitto account {form.getValues("username")}.
        </p>
        <Button className="mt-5" onClick={() => notifyProduct("close", { installId: configuration.installId })}>
          Proceed
        </Button>
      </section>
    );
  }

  const describedBy = (id: string, error: unknown, hint = false) =>
    [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <form
      className="mt-4 space-y-5 rounded-lg border border-line bg-white p-6"
      noValidate
      onSubmit={(e) => void form.handleSubmit((values) => configure.mutate(values))(e)}
    >
      <div>
        <h1 className="text-xl font-semibold">App configuration</h1>
        <p className="mt-1 text-sm text-muted">
          Enter your Mitto account and the WhatsApp template namespace Mitto gave you
          {configuration.location ? ` (Responsys ${configuration.location})` : ""}. WhatsApp requires each customer’s
          opt-in before you message them.
        </p>
      </div>
      <Field id="mitto-username" label="Mitto email or username" error={errors.username?.message}>
        <Input
          id="mitto-username"
          autoComplete="username"
          aria-invalid={!!errors.username}
          aria-describedby={describedBy("mitto-username", errors.username)}
          {...form.register("username")}
        />
      </Field>
      <Field
        id="mitto-password"
        label="Password"
        hint={account ? "Stored — leave blank to keep it." : undefined}
        error={errors.password?.message}
      >
        <Input
          id="mitto-password"
          type="password"
          autoComplete="current-password"
          placeholder={account ? "Stored — leave blank to keep it" : undefined}
          aria-invalid={!!errors.password}
          aria-describedby={describedBy("mitto-password", errors.password, !!account)}
          {...form.register("password")}
        />
      </Field>
      <Field
        id="mitto-namespace"
        label="Namespace"
        hint="The WhatsApp template namespace of your Mitto account."
        error={errors.namespace?.message}
      >
        <Input
          id="mitto-namespace"
          aria-invalid={!!errors.namespace}
          aria-describedby={describedBy("mitto-namespace", errors.namespace, true)}
          {...form.register("namespace")}
        />
      </Field>
      <p className="text-sm">
        <a href={MITTO_SIGN_UP} target="_blank" rel="noreferrer" className="text-brand-600 hover:underline">
          Don’t have a Mitto account? Sign up
        </a>
      </p>
      {errors.root ? (
        <p role="alert" className="rounded-md bg-danger/5 px-3 py-2 text-sm text-danger">
          {errors.root.message}
        </p>
      ) : null}
      <div className="flex justify-end">
        <Button type="submit" disabled={!hydrated || configure.isPending}>
          {configure.isPending ? "Checking with Mitto…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
