"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogTitle,
  DialogTrigger,
} from "@/app/_components/ui/dialog";
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
import { Select, Textarea } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import {
  resubscribeInput,
  resubscribeSourceLabels,
  resubscribeSources,
  type Channel,
} from "@/server/domains/contact/schema";
import { channelLabels } from "./labels";

const evidence = resubscribeInput.pick({ source: true, reason: true });
type Values = z.input<typeof evidence>;

/**
 * Opts a channel that opted out back in, for admins: it overrides the customer's STOP, so it
 * asks how the customer gave consent again and for the evidence, both kept in the consent history.
 */
export function ResubscribeDialog({ contactId, channel }: { contactId: string; channel: Channel }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const form = useForm<Values>({
    resolver: zodResolver(evidence),
    defaultValues: { source: "" as Values["source"], reason: "" },
  });
  const resubscribe = useMutation(
    trpc.contact.resubscribe.mutationOptions({
      onSuccess: () => {
        toast.success(`${channelLabels[channel]} re-subscribed`);
        void queryClient.invalidateQueries({ queryKey: trpc.contact.pathKey() });
        setOpen(false);
        form.reset();
      },
      onError: (error) => setServerError(form.setError, error, ["source", "reason"]),
    }),
  );
  const label = channelLabels[channel];

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="secondary" className="mt-2 px-2.5 py-1 text-xs">
          Re-subscribe<span className="sr-only"> {label}</span>
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogTitle>Re-subscribe {label}</DialogTitle>
        <DialogDescription>
          This contact opted out of {label}. Opt them back in only with their consent: say how they gave it and what
          shows it. Both are kept in the consent history with your name.
        </DialogDescription>
        <Form {...form}>
          <form
            noValidate
            className="mt-4 space-y-4"
            onSubmit={(e) =>
              void form.handleSubmit((values) =>
                resubscribe.mutate({ id: contactId, channel, source: values.source, reason: values.reason }),
              )(e)
            }
          >
            <FormField
              control={form.control}
              name="source"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>How the customer gave consent</FormLabel>
                  <FormControl>
                    <Select className="w-full" {...field}>
                      <option value="">Choose…</option>
                      {resubscribeSources.map((source) => (
                        <option key={source} value={source}>
                          {resubscribeSourceLabels[source]}
                        </option>
                      ))}
                    </Select>
                  </FormControl>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormField
              control={form.control}
              name="reason"
              render={({ field }) => (
                <FormItem>
                  <FormLabel>Evidence</FormLabel>
                  <FormControl>
                    <Textarea rows={3} {...field} />
                  </FormControl>
                  <FormDescription>
                    When and how, e.g. &ldquo;Texted ALTA on 3 March, ticket 4521&rdquo; or &ldquo;Signed form kept at
                    the Lyon store&rdquo;.
                  </FormDescription>
                  <FormMessage />
                </FormItem>
              )}
            />
            <FormMessage>{form.formState.errors.root?.message}</FormMessage>
            <DialogFooter>
              <DialogClose type="button">Cancel</DialogClose>
              <Button type="submit" disabled={resubscribe.isPending}>
                {resubscribe.isPending ? "Re-subscribing…" : `Re-subscribe ${label}`}
              </Button>
            </DialogFooter>
          </form>
        </Form>
      </DialogContent>
    </Dialog>
  );
}
