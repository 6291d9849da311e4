"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";

/** One real message of the saved draft to one number, before launch. */
export function TestSend({ id, disabled }: { id: string; disabled: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const [number, setNumber] = useState("");
  const [error, setError] = useState<string | null>(null);
  const send = useMutation(
    trpc.campaign.testSend.mutationOptions({
      onSuccess: (result) => {
        setError(null);
        toast.success("Test message sent", { description: result.body });
        void queryClient.invalidateQueries({ queryKey: trpc.campaign.get.queryKey({ id }) });
      },
      onError: (e) => {
        toast.error(e.message);
        if (e.data?.field === "mobileNumber") setError(e.message);
      },
    }),
  );

  return (
    <form
      className="space-y-3 rounded-lg border border-line bg-white p-5"
      aria-labelledby="test-send-heading"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate({ id, mobileNumber: number });
      }}
    >
      <h2 id="test-send-heading" className="text-base font-semibold">
        Send a test
      </h2>
      <Field
        id="test-send-number"
        label="Mobile number"
        hint="Sent now through the integration, to this number only. Placeholders use the contact with this number, or the template's sample values."
        error={error ?? undefined}
      >
        <Input
          id="test-send-number"
          type="tel"
          inputMode="tel"
          autoComplete="off"
          placeholder="+49 151 23456789"
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={["test-send-number-hint", error ? "test-send-number-error" : ""].filter(Boolean).join(" ")}
        />
      </Field>
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
  );
}
