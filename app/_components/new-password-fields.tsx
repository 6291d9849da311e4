"use client";

import type { Control } from "react-hook-form";
import { FormControl, FormDescription, FormField, FormItem, FormLabel, FormMessage } from "@/app/_components/ui/form";
import { Input } from "@/app/_components/ui/input";

type Values = { newPassword: string; confirmPassword: string };

/** The new password, typed twice: shared by choosing one at first sign-in and changing it later. */
export function NewPasswordFields<T extends Values>({ control }: { control: Control<T> }) {
  const c = control as unknown as Control<Values>;
  return (
    <>
      <FormField
        control={c}
        name="newPassword"
        render={({ field }) => (
          <FormItem>
            <FormLabel>New password</FormLabel>
            <FormControl>
              <Input type="password" autoComplete="new-password" {...field} />
            </FormControl>
            <FormDescription>At least 12 characters; a few words make a good one.</FormDescription>
            <FormMessage />
          </FormItem>
        )}
      />
      <FormField
        control={c}
        name="confirmPassword"
        render={({ field }) => (
          <FormItem>
            <FormLabel>Repeat the new password</FormLabel>
            <FormControl>
              <Input type="password" autoComplete="new-password" {...field} />
            </FormControl>
            <FormMessage />
          </FormItem>
        )}
      />
    </>
  );
}
