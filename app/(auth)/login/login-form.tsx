"use client";

import { useActionState } from "react";
import { Button } from "@/app/_components/ui/button";
import { FormControl, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Input } from "@/app/_components/ui/input";
import { login, type LoginState } from "./actions";

// A server action, not react-hook-form: the form signs in before the page's script has loaded.
export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  const [state, action, pending] = useActionState<LoginState, FormData>(login, {});
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.error ? (
        <p role="alert" className="rounded-md border border-danger/30 bg-danger/10 px-3 py-2 text-sm text-danger">
          {state.error}
        </p>
      ) : null}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <FormItem error={state.fieldErrors?.email?.[0]}>
        <FormLabel>Email</FormLabel>
        <FormControl worksWithoutScript>
          <Input name="email" type="email" autoComplete="username" required defaultValue={state.email} />
        </FormControl>
        <FormMessage />
      </FormItem>
      <FormItem error={state.fieldErrors?.password?.[0]}>
        <FormLabel>Password</FormLabel>
        <FormControl worksWithoutScript>
          <Input name="password" type="password" autoComplete="current-password" required />
        </FormControl>
        <FormMessage />
      </FormItem>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
