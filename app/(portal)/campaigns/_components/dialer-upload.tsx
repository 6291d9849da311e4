"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Upload } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { Field } from "@/app/_components/ui/field";
import { Input } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import { formatCount } from "./labels";

/** A uContact-style dialer: a CSV of numbers, each with the template and values to send it. */
export function DialerUpload({ id }: { id: string }) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const upload = useMutation(
    trpc.campaign.uploadList.mutationOptions({
      onSuccess: async (result) => {
        setError(null);
        toast.success(
          `Dialer list queued: ${formatCount(result.lines)} ${result.lines === 1 ? "message" : "messages"}`,
        );
        await queryClient.invalidateQueries({ queryKey: trpc.campaign.pathKey() });
      },
      onError: (e) => setError(e.message),
    }),
  );
  const send = async () => {
    if (!file) return setError("Choose the CSV file to upload");
    upload.mutate({ id, csv: await file.text() });
  };

  return (
    <section aria-labelledby="dialer-heading" className="space-y-3 rounded-lg border border-line bg-white p-5">
      <h3 id="dialer-heading" className="text-lg font-semibold">
        Upload a dialer list
      </h3>
      <Field
        id="dialer-file"
        label="Dialer CSV"
        hint="One line per number: number,hsm:hsm_code:data1:data2 (e.g. 5511999999999,hsm:chatclub_open_session_v2:Integra:Operation Performed). Every line is checked first; a bad line stops the whole list."
        error={error ?? undefined}
      >
        <Input
          id="dialer-file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          aria-invalid={!!error}
          aria-describedby={["dialer-file-hint", error ? "dialer-file-error" : ""].filter(Boolean).join(" ")}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setError(null);
          }}
        />
      </Field>
      <Button onClick={() => void send()} disabled={!hydrated || upload.isPending}>
        <Upload aria-hidden className="size-4" /> {upload.isPending ? "Checking the list…" : "Send list"}
      </Button>
    </section>
  );
}
