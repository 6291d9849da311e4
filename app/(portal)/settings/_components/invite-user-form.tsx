"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import { cn } from "@/app/_components/ui/cn";
import { useHydrated } from "@/app/_components/use-hydrated";
import {
  Form,
  FormControl,
  FormField,
  FormItem,
  FormLabel,
  FormMessage,
  setServerError,
} from "@/app/_components/ui/form";
import { Input, Select } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import { inviteUserInput } from "@/server/domains/user/schema";

type InviteValues = z.input<typeof inviteUserInput>;

export function InviteUserForm({ onInvited }: { onInvited: () => void }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const [issued, setIssued] = useState<IssuedPassword | null>(null);
  const form = useForm<InviteValues>({
    resolver: zodResolver(inviteUserInput),
    defaultValues: { email: "", name: "", role: "marketer" },
  });
  const invite = useMutation(
    trpc.user.invite.mutationOptions({
      onSuccess: (result) => {
        setIssued({ email: result.user.email, password: result.temporaryPassword });
        form.reset();
        onInvited();
      },
      onError: (error) => setServerError(form.setError, error, ["name", "email", "role"]),
    }),
  );

  return (
    <Form {...form}>
      <form
        onSubmit={(e) => void form.handleSubmit((values) => invite.mutate(inviteUserInput.parse(values)))(e)}
        className="rounded-lg border border-line bg-white p-5"
        noValidate
      >
        <h2 className="text-lg font-semibold">Invite a user</h2>
        <p className="mt-1 text-sm text-muted">
          They get a one-time password to sign in with, shown once, here. It works for 72 hours, and they choose their
          own password at first sign-in.
        </p>
        <div className="mt-4 grid gap-4 md:grid-cols-[1fr_1fr_auto_auto] md:items-start">
          <FormField
            control={form.control}
            name="name"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Name</FormLabel>
                <FormControl>
                  <Input {...field} />
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="email"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Email</FormLabel>
                <FormControl>
                  <Input type="email" {...field} />
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          <FormField
            control={form.control}
            name="role"
            render={({ field }) => (
              <FormItem>
                <FormLabel>Role</FormLabel>
                <FormControl>
                  <Select {...field}>
                    <option value="marketer">Marketer</option>
                    <option value="admin">Admin</option>
                  </Select>
                </FormControl>
                <FormMessage />
              </FormItem>
            )}
          />
          <Button type="submit" className="md:mt-7" disabled={!hydrated || invite.isPending}>
            {invite.isPending ? "Inviting…" : "Invite"}
          </Button>
        </div>
        <FormMessage className="mt-3">{form.formState.errors.root?.message}</FormMessage>
        {issued ? <OneTimePasswordNotice issued={issued} className="mt-4" /> : null}
      </form>
    </Form>
  );
}

export type IssuedPassword = { email: string; password: string };

/** A one-time password just issued (an invite or a re-issue): shown once, for the admin to hand over. */
export function OneTimePasswordNotice({ issued, className }: { issued: IssuedPassword; className?: string }) {
  return (
    <p role="status" className={cn("rounded-md bg-brand-50 px-3 py-2 text-sm", className)}>
      {issued.email} can now sign in with the one-time password{" "}
      <code className="font-mono font-semibold">{issued.password}</code> within 72 hours. Copy it now: it will not be
      shown again.
    </p>
  );
}
