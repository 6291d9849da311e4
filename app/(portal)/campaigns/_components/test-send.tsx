"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
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
import { Input } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";

/** One real message of the saved draft to one number, before launch. */
export function TestSend({ id, disabled }: { id: string; disabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const form = useForm({ defaultValues: { mobileNumber: "" } });
  const number = form.watch("mobileNumber");
  const send = useMutation(
    trpc.campaign.testSend.mutationOptions({
      onSuccess: (result) => {
        toast.success("Test message sent", { description: result.body });
        void queryClient.invalidateQueries({ queryKey: trpc.campaign.get.queryKey({ id }) });
      },
      // The toast tells every refusal; one about the number also shows next to it.
      onError: (e) => {
        toast.error(e.message);
        setServerError(form.setError, e, ["mobileNumber"]);
      },
    }),
  );

  return (
    <Form {...form}>
      <form
        className="space-y-3 rounded-lg border border-line bg-white p-5"
        aria-labelledby="test-send-heading"
        noValidate
        onSubmit={(e) => void form.handleSubmit(({ mobileNumber }) => send.mutate({ id, mobileNumber }))(e)}
      >
        <h2 id="test-send-heading" className="text-base font-semibold">
          Send a test
        </h2>
        <FormField
          control={form.control}
          name="mobileNumber"
          render={({ field }) => (
            <FormItem>
              <FormLabel>Mobile number</FormLabel>
              <FormControl>
                <Input type="tel" inputMode="tel" autoComplete="off" placeholder="+49 151 23456789" {...field} />
              </FormControl>
              <FormDescription>
                Sent now through the integration, to this number only, and only if it is a contact opted in to this
                campaign&apos;s channel; placeholders use that contact. The test shows among the recipients, marked as a
                test, and never counts in the funnel, the export or a status write-back.
              </FormDescription>
              <FormMessage />
            </FormItem>
          )}
        />
        {disabled ? <p className="text-xs text-muted">Save the draft first: the test uses the saved version.</p> : null}
        <Button
          type="submit"
          variant="secondary"
          disabled={!hydrated || disabled || send.isPending || number.trim() === ""}
        >
          <Send aria-hidden className="size-4" />
          {send.isPending ? "Sending…" : "Send test"}
        </Button>
      </form>
    </Form>
  );
}
