"use client";

import { useMutation } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { Fieldset } from "@/app/_components/ui/fieldset";
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
import { countryOptions } from "@/app/_components/countries";
import { importFieldLabels, importFields, type ImportMode } from "@/server/domains/contact/import-schema";
import type { ImportPreview } from "./upload-form";

/** Step 2: the preview with a field to choose per column, and what to do with rows matching a contact. */
export function MappingForm({
  preview,
  onStarted,
  onCancel,
}: {
  preview: ImportPreview;
  onStarted: (id: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  // The field each column becomes, by the column's place: a column's name may hold a dot.
  const form = useForm<{ mapping: string[]; mode: ImportMode; defaultMobileCountry: string }>({
    defaultValues: {
      mapping: preview.columns.map((c) => preview.suggestedMapping[c] ?? ""),
      mode: "insert",
      defaultMobileCountry: "",
    },
  });
  const start = useMutation(
    trpc.contact.importStart.mutationOptions({
      onSuccess: (r) => {
        toast.success("Import started");
        onStarted(r.id);
      },
      // A column the file lacks comes back as `field`; mapping rules name their columns in the message.
      onError: (error) =>
        setServerError(form.setError, error, (column) => {
          if (column === "defaultMobileCountry") return column;
          const i = preview.columns.indexOf(column);
          return i === -1 ? undefined : `mapping.${i}`;
        }),
    }),
  );

  return (
    <Form {...form}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          form.clearErrors();
          const { mapping, mode, defaultMobileCountry } = form.getValues();
          start.mutate({
            id: preview.id,
            mapping: Object.fromEntries(preview.columns.map((c, i) => [c, mapping[i] ?? ""])),
            mode,
            defaultMobileCountry,
          });
        }}
        noValidate
        className="space-y-5"
      >
        <section aria-labelledby="preview-heading" className="rounded-lg border border-line bg-white">
          <h2 id="preview-heading" className="border-b border-line px-4 py-3 text-base font-semibold">
            Preview of {preview.fileName}
          </h2>
          <p className="px-4 pt-3 text-sm text-muted">
            The first {preview.rows.length} {preview.rows.length === 1 ? "row" : "rows"} of the file. Choose what each
            column becomes; ignored columns are not imported.
          </p>
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">First rows of the file, with the field each column is imported into</caption>
              <thead className="bg-surface text-xs text-muted">
                <tr>
                  <th scope="col" className="px-4 py-3 align-bottom uppercase">
                    Line
                  </th>
                  {preview.columns.map((column, i) => (
                    <th key={column} scope="col" className="min-w-44 px-4 py-3 align-bottom font-normal">
                      <FormField
                        control={form.control}
                        name={`mapping.${i}`}
                        render={({ field }) => (
                          <FormItem className="space-y-1">
                            <FormLabel className="font-semibold text-ink normal-case">{column}</FormLabel>
                            <FormControl>
                              <Select className="w-full" {...field}>
                                <option value="">Ignore</option>
                                {importFields.map((f) => (
                                  <option key={f} value={f}>
                                    {importFieldLabels[f]}
                                  </option>
                                ))}
                              </Select>
                            </FormControl>
                            <FormMessage className="font-normal normal-case" />
                          </FormItem>
                        )}
                      />
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-line">
                {preview.rows.map((row) => (
                  <tr key={row.line}>
                    <td className="px-4 py-2 text-muted tabular-nums">{row.line}</td>
                    {preview.columns.map((column, i) => (
                      <td key={column} className="max-w-60 truncate px-4 py-2">
                        {row.fields[i] ?? ""}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>

        <section className="rounded-lg border border-line bg-white p-5">
          <FormField
            control={form.control}
            name="defaultMobileCountry"
            render={({ field }) => (
              <FormItem className="max-w-md">
                <FormLabel>Default mobile country</FormLabel>
                <FormControl>
                  <Select className="w-full" {...field}>
                    <option value="">None: every number starts with + and its country code</option>
                    {countryOptions.map((c) => (
                      <option key={c.code} value={c.code} suppressHydrationWarning>
                        {c.name}
                      </option>
                    ))}
                  </Select>
                </FormControl>
                <FormDescription>
                  For rows whose number has no + country code and no mobile country column value, e.g. 07911 123456 read
                  as United Kingdom.
                </FormDescription>
                <FormMessage />
              </FormItem>
            )}
          />
        </section>

        <Fieldset legend="When a row matches a contact you already have" className="space-y-2">
          <p className="text-sm text-muted">
            A row matches a contact with the same mobile number or the same email address.
          </p>
          {(
            [
              ["insert", "Insert only", "Skip the row and leave the contact unchanged."],
              ["upsert", "Insert or update", "Update the contact with the row's non-empty values."],
            ] as const
          ).map(([value, label, hint]) => (
            <label key={value} className="flex items-start gap-2 text-sm">
              <input type="radio" value={value} className="mt-1" {...form.register("mode")} />
              <span>
                <span className="font-medium">{label}</span> <span className="text-muted">— {hint}</span>
              </span>
            </label>
          ))}
        </Fieldset>

        <FormMessage>{form.formState.errors.root?.message}</FormMessage>
        <div className="flex gap-2">
          <Button type="submit" disabled={!hydrated || start.isPending}>
            {start.isPending ? "Starting…" : "Start import"}
          </Button>
          <Button variant="secondary" onClick={onCancel} disabled={start.isPending}>
            Choose another file
          </Button>
        </div>
      </form>
    </Form>
  );
}
