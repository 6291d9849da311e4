"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { NewPasswordFields } from "@/app/_components/new-password-fields";
import { Button } from "@/app/_components/ui/button";
import { Form, FormMessage, setServerError } from "@/app/_components/ui/form";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import { choosePasswordInput } from "@/server/domains/user/schema";

export function ChoosePasswordForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const hydrated = useHydrated();
  const form = useForm<z.input<typeof choosePasswordInput>>({
    resolver: zodResolver(choosePasswordInput),
    defaultValues: { newPassword: "", confirmPassword: "" },
  });
  const choose = useMutation(
    trpc.user.choosePassword.mutationOptions({
      onSuccess: () => router.replace("/dashboard"),
      onError: (error) => setServerError(form.setError, error, ["newPassword", "confirmPassword"]),
    }),
  );
  return (
    <Form {...form}>
      <form
        onSubmit={(e) => void form.handleSubmit((values) => choose.mutate(values))(e)}
        className="space-y-4"
        noValidate
      >
        <NewPasswordFields control={form.control} />
        <FormMessage>{form.formState.errors.root?.message}</FormMessage>
        <Button type="submit" className="w-full" disabled={!hydrated || choose.isPending || choose.isSuccess}>
          {choose.isPending ? "Saving…" : "Save and continue"}
        </Button>
      </form>
    </Form>
  );
}
