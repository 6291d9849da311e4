"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
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
} from "@/app/_components/ui/form";
import { Input } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/provider";
import { senderPaceForm } from "@/server/domains/integration/schema";

type Values = z.input<typeof senderPaceForm>;
type Output = z.output<typeof senderPaceForm>;

/**
 * A sender's pace in messages a second, which every campaign through it shares. Empty means
 * the vendor's default; WhatsApp numbers move up tiers to 1,000 as Meta raises them.
 */
export function SenderPaceForm({
  sender,
  defaultPace,
}: {
  sender: { id: string; name: string; messagesPerSecond: number | null };
  defaultPace: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<Values, unknown, Output>({
    resolver: zodResolver(senderPaceForm),
    defaultValues: { messagesPerSecond: sender.messagesPerSecond?.toString() ?? "" },
  });
  const save = useMutation(
    trpc.integration.setSenderPace.mutationOptions({
      onSuccess: ({ messagesPerSecond }) => {
        toast.success(`${sender.name} now sends ${messagesPerSecond ?? defaultPace} messages a second`);
        form.reset({ messagesPerSecond: messagesPerSecond?.toString() ?? "" });
        void queryClient.invalidateQueries({ queryKey: trpc.integration.get.queryKey() });
      },
      onError: (e) => form.setError("messagesPerSecond", { message: e.message }),
    }),
  );
  return (
    <Form {...form}>
      <form
        onSubmit={(e) => void form.handleSubmit((values) => save.mutate({ id: sender.id, data: values }))(e)}
        noValidate
        className="flex flex-wrap items-start gap-2"
      >
        <FormField
          control={form.control}
          name="messagesPerSecond"
          render={({ field }) => (
            <FormItem>
              <FormLabel className="sr-only">{`Pace of ${sender.name}, messages a second`}</FormLabel>
              <div className="flex items-center gap-2">
                <FormControl>
                  <Input inputMode="numeric" className="w-24" placeholder={String(defaultPace)} {...field} />
                </FormControl>
                <FormDescription>
                  msg/s{sender.messagesPerSecond === null ? ` (default ${defaultPace})` : ""}
                </FormDescription>
              </div>
              <FormMessage />
            </FormItem>
          )}
        />
        <Button type="submit" variant="secondary" disabled={save.isPending || !form.formState.isDirty}>
          {save.isPending ? "Saving…" : "Save pace"}
        </Button>
      </form>
    </Form>
  );
}
