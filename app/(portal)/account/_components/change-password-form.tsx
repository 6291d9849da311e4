"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
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
import { changePasswordInput } from "@/server/domains/user/schema";

type Values = z.input<typeof changePasswordInput>;

export function ChangePasswordForm() {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const form = useForm<Values>({
    resolver: zodResolver(changePasswordInput),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const change = useMutation(
    trpc.user.changePassword.mutationOptions({
      onSuccess: () => {
        form.reset();
        toast.success("Password changed. You were signed out everywhere else.");
      },
      onError: (error) => setServerError(form.setError, error, ["currentPassword", "newPassword", "confirmPassword"]),
    }),
  );
  return (
    <Form {...form}>
      <form
        onSubmit={(e) => void form.handleSubmit((values) => change.mutate(values))(e)}
        aria-labelledby="password-heading"
        className="max-w-md space-y-4 rounded-lg border border-line bg-white p-5"
        noValidate
      >
        <div>
          <h2 id="password-heading" className="text-lg font-semibold">
            Change your password
          </h2>
          <p className="mt-1 text-sm text-muted">Your other sessions end when you change it.</p>
        </div>
        <FormField
          control={form.control}
          name="currentPassword"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Current password</FormLabel>
              <FormControl>
                <Input type="password" autoComplete="current-password" {...field} />
              </FormControl>
              <FormMessage />
            </FormItem>
          )}
        />
        <NewPasswordFields control={form.control} />
        <FormMessage>{form.formState.errors.root?.message}</FormMessage>
        <Button type="submit" disabled={!hydrated || change.isPending}>
          {change.isPending ? "Changing…" : "Change password"}
        </Button>
      </form>
    </Form>
  );
}
