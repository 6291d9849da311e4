"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { CheckCircle2 } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
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
 * password). Mitto's own app form also asks for a WhatsApp template namespace, which Mitto's send
 * API never takes (docs/vendors/mitto.md), so this one does not. Save tests the account with Mitto; on success the
 * page tells Responsys ("save"), shows "App configured successfully", and Proceed returns to
 * Responsys ("close").
 */
export function AppConfigureForm({ session, configuration }: { session: string; configuration: Configuration }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const account = configuration.account;
  const form = useForm<Values>({
    resolver: zodResolver(configureAppInput),
    defaultValues: { session, username: account?.username ?? "", password: "" },
  });
  const [saved, setSaved] = useState(false);
  const configure = useMutation(
    trpc.responsysApp.configure.mutationOptions({
      onSuccess: (result) => {
        if (!result.ok) return form.setError("root", { message: result.error });
        setSaved(true);
        notifyProduct("save", { installId: configuration.installId });
      },
      onError: (error) => setServerError(form.setError, error, ["username", "password"]),
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

  return (
    <Form {...form}>
      <form
        className="mt-4 space-y-5 rounded-lg border border-line bg-white p-6"
        noValidate
        onSubmit={(e) => void form.handleSubmit((values) => configure.mutate(values))(e)}
      >
        <div>
          <h1 className="text-xl font-semibold">App configuration</h1>
          <p className="mt-1 text-sm text-muted">
            Enter your Mitto account
            {configuration.location ? ` (Responsys ${configuration.location})` : ""}. WhatsApp requires each customer’s
            opt-in before you message them.
          </p>
        </div>
        <FormField
          control={form.control}
          name="username"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Mitto email or username</FormLabel>
              <FormControl>
                <Input autoComplete="username" {...field} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        <FormField
          control={form.control}
          name="password"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Password</FormLabel>
              <FormControl>
                <Input
                  type="password"
                  autoComplete="current-password"
                  placeholder={account ? "Stored — leave blank to keep it" : undefined}
                  {...field}
                />
              </FormControl>
              {account ? <FormDescription>Stored — leave blank to keep it.</FormDescription> : null}
              <FormMessage />
            </FormItem>
          )}
        />
        <p className="text-sm">
          <a href={MITTO_SIGN_UP} target="_blank" rel="noreferrer" className="text-brand-600 hover:underline">
            Don’t have a Mitto account? Sign up
          </a>
        </p>
        <FormMessage className="rounded-md bg-danger/5 px-3 py-2">{form.formState.errors.root?.message}</FormMessage>
        <div className="flex justify-end">
          <Button type="submit" disabled={!hydrated || configure.isPending}>
            {configure.isPending ? "Checking with Mitto…" : "Save"}
          </Button>
        </div>
      </form>
    </Form>
  );
}
