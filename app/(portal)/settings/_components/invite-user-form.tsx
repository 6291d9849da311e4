"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import { useHydrated } from "@/app/_components/use-hydrated";
import { Field } from "@/app/_components/ui/field";
import { Input, Select } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import { inviteUserInput } from "@/server/domains/user/schema";

type InviteValues = z.input<typeof inviteUserInput>;

export function InviteUserForm({ onInvited }: { onInvited: () => void }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const [issued, setIssued] = useState<{ email: string; password: string } | null>(null);
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
      onError: (error) =>
        form.setError((error.data?.field as keyof InviteValues | undefined) ?? "root", { message: error.message }),
    }),
  );
  const { errors } = form.formState;

  return (
    <form
      onSubmit={(e) => void form.handleSubmit((values) => invite.mutate(inviteUserInput.parse(values)))(e)}
      className="rounded-lg border border-line bg-white p-5"
      noValidate
    >
      <h2 className="text-lg font-semibold">Invite a user</h2>
      <p className="mt-1 text-sm text-muted">They get a one-time password to sign in with; it is shown once, here.</p>
      <div className="mt-4 grid gap-4 md:grid-cols-[1fr_1fr_auto_auto] md:items-start">
        <Field id="invite-name" label="Name" error={errors.name?.message}>
          <Input id="invite-name" aria-invalid={!!errors.name} {...form.register("name")} />
        </Field>
        <Field id="invite-email" label="Email" error={errors.email?.message}>
          <Input id="invite-email" type="email" aria-invalid={!!errors.email} {...form.register("email")} />
        </Field>
        <Field id="invite-role" label="Role">
          <Select id="invite-role" {...form.register("role")}>
            <option value="marketer">Marketer</option>
            <option value="admin">Admin</option>
          </Select>
        </Field>
        <Button type="submit" className="md:mt-7" disabled={!hydrated || invite.isPending}>
          {invite.isPending ? "Inviting…" : "Invite"}
        </Button>
      </div>
      {errors.root ? (
        <p role="alert" className="mt-3 text-sm text-danger">
          {errors.root.message}
        </p>
      ) : null}
      {issued ? (
        <p role="status" className="mt-4 rounded-md bg-brand-50 px-3 py-2 text-sm">
          {issued.email} can now sign in with the one-time password{" "}
          <code className="font-mono font-semibold">{issued.password}</code>. Copy it now: it will not be shown again.
        </p>
      ) : null}
    </form>
  );
}
