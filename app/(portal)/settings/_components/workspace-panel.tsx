"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient, useSuspenseQuery } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
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
import { Select } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import { setTimeZoneInput } from "@/server/domains/workspace/schema";

type Values = z.input<typeof setTimeZoneInput>;

/**
 * The workspace's default time zone. `timeZones` is the server's list (the page passes it), so
 * the select offers exactly what the server accepts, whatever the browser's own list holds.
 */
export function WorkspacePanel({ timeZones }: { timeZones: string[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const { data: settings } = useSuspenseQuery(trpc.workspace.settings.queryOptions());
  const form = useForm<Values>({
    resolver: zodResolver(setTimeZoneInput),
    defaultValues: { defaultTimeZone: settings.defaultTimeZone },
  });
  const save = useMutation(
    trpc.workspace.setTimeZone.mutationOptions({
      onSuccess: (result) => {
        toast.success("Time zone saved");
        form.reset(result);
        void queryClient.invalidateQueries({ queryKey: trpc.workspace.settings.queryKey() });
      },
      onError: (error) => setServerError(form.setError, error, ["defaultTimeZone"]),
    }),
  );
  // A zone saved before this check, or one this server no longer lists, still shows as chosen.
  const options = timeZones.includes(settings.defaultTimeZone) ? timeZones : [settings.defaultTimeZone, ...timeZones];

  return (
    <section aria-labelledby="workspace-heading" className="rounded-lg border border-line bg-white p-5">
      <h2 id="workspace-heading" className="text-lg font-semibold">
        Workspace
      </h2>
      <p className="mt-1 text-sm text-muted">{settings.name}</p>
      <Form {...form}>
        <form
          noValidate
          className="mt-4 flex flex-wrap items-start gap-3"
          onSubmit={(e) => void form.handleSubmit((values) => save.mutate(setTimeZoneInput.parse(values)))(e)}
        >
          <FormField
            control={form.control}
            name="defaultTimeZone"
            render={({ field }) => (
              <FormItem className="w-full max-w-md">
                <FormLabel>Default time zone</FormLabel>
                <FormControl>
                  <Select className="w-full" {...field}>
                    {options.map((zone) => (
                      <option key={zone} value={zone}>
                        {zone.replaceAll("_", " ")}
                      </option>
                    ))}
                  </Select>
                </FormControl>
                <FormDescription>
                  Scheduled sends reach a contact without a time zone of their own at the schedule&apos;s time in this
                  zone.
                </FormDescription>
                <FormMessage />
              </FormItem>
            )}
          />
          <Button type="submit" className="md:mt-7" disabled={!hydrated || save.isPending || !form.formState.isDirty}>
            {save.isPending ? "Saving…" : "Save time zone"}
          </Button>
        </form>
        <FormMessage className="mt-3">{form.formState.errors.root?.message}</FormMessage>
      </Form>
    </section>
  );
}
