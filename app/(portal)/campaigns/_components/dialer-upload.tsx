"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Upload } from "lucide-react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { useFormat } from "@/app/_components/format";
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

/** A uContact-style dialer: a CSV of numbers, each with the template and values to send it. */
export function DialerUpload({ id }: { id: string }) {
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const form = useForm<{ file: File | null }>({ defaultValues: { file: null } });
  // Every refusal is about the file: the list is the only thing sent.
  const fail = (message: string) => form.setError("file", { message });
  const upload = useMutation(
    trpc.campaign.uploadList.mutationOptions({
      onSuccess: async (result) => {
        toast.success(
          `Dialer list queued: ${format.count(result.lines)} ${result.lines === 1 ? "message" : "messages"}`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.campaign.pathKey() });
      },
      onError: (e) => fail(e.message),
    }),
  );
  const send = form.handleSubmit(async ({ file }) => {
    if (!file) return fail("Choose the CSV file to upload");
    upload.mutate({ id, csv: await file.text() });
  });

  return (
    <section aria-labelledby="dialer-heading" className="space-y-3 rounded-lg border border-line bg-white p-5">
      <h3 id="dialer-heading" className="text-lg font-semibold">
        Upload a dialer list
      </h3>
      <Form {...form}>
        <FormField
          control={form.control}
          name="file"
          // A file input's value is the browser's to set: the field takes the chosen file.
          render={({ field: { value: _file, onChange, ...field } }) => (
            <FormItem>
              <FormLabel>Dialer CSV</FormLabel>
              <FormControl>
                <Input
                  type="file"
                  accept=".csv,.txt,text/csv,text/plain"
                  {...field}
                  onChange={(e) => {
                    onChange(e.target.files?.[0] ?? null);
                    form.clearErrors("file");
                  }}
                />
              </FormControl>
              <FormDescription>
                One line per number: number,hsm:hsm_code:data1:data2 (e.g.
                5511999999999,hsm:chatclub_open_session_v2:Integra:Operation Performed). Every line is checked first; a
                bad line stops the whole list.
              </FormDescription>
              <FormMessage />
            </FormItem>
          )}
        />
      </Form>
      <Button onClick={() => void send()} disabled={upload.isPending}>
        <Upload aria-hidden className="size-4" /> {upload.isPending ? "Checking the list…" : "Send list"}
      </Button>
    </section>
  );
}
