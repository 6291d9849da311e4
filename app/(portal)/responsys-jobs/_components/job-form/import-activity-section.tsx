"use client";

import { Search } from "lucide-react";
import { useFormContext } from "react-hook-form";
import { Button } from "@/app/_components/ui/button";
import { FormMessage } from "@/app/_components/ui/form";
import { useHydrated } from "@/app/_components/use-hydrated";
import { TextField } from "./shared-fields";
import type { JobFormValues } from "./values";

/**
 * An activity import: the SFTP folder and the account ids found in it. The search lives in the
 * form, so the ids found stay listed when the job type is switched away and back.
 */
export function ImportActivitySection({
  found,
  looking,
  onFind,
}: {
  found: string[];
  looking: boolean;
  onFind: () => void;
}) {
  const hydrated = useHydrated();
  const { register, formState } = useFormContext<JobFormValues>();
  return (
    <section className="grid gap-4 rounded-lg border border-line bg-white p-5 sm:grid-cols-2">
      <TextField name="folder" label="Folder (optional)" hint="Empty: the folder of the authorization." />
      <TextField
        name="delimiter"
        label="Custom delimiter"
        hint={'Default ",". A recommended custom delimiter is "|"; \\t for a tab. JSON files need none.'}
      />
      <fieldset className="space-y-2 sm:col-span-2">
        <legend className="text-sm font-medium">Account ids</legend>
        <p className="text-xs text-muted">Detected from the activity file names in the folder.</p>
        <Button variant="secondary" disabled={looking} onClick={onFind}>
          <Search aria-hidden className="size-4" /> {looking ? "Looking…" : "Find account ids"}
        </Button>
        <div className="flex flex-wrap gap-4">
          {found.map((a) => (
            <label key={a} className="flex items-center gap-2 text-sm">
              <input type="checkbox" className="size-4" value={a} {...register("accountIds")} /> {a}
            </label>
          ))}
        </div>
        <FormMessage>{formState.errors.accountIds?.message}</FormMessage>
      </fieldset>
      <div className="sm:col-span-2">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" className="size-4" disabled={!hydrated} {...register("createContacts")} /> Create
          contacts for unknown users (with an email or a mobile number; never opted in)
        </label>
        <p className="mt-1 text-xs text-muted">
          Off: rows no contact matches by RIID, email or mobile stay unmatched, listed with each file.
        </p>
      </div>
    </section>
  );
}
