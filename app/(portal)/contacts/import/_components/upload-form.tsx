"use client";

import { useForm } from "react-hook-form";
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
import { useHydrated } from "@/app/_components/use-hydrated";
import { IMPORT_MAX_BYTES } from "@/server/domains/contact/import-schema";
import type { uploadImport } from "@/server/domains/contact/upload-import";

export type ImportPreview = Awaited<ReturnType<typeof uploadImport>>;

/** Step 1: send the CSV file and get back its first rows and a suggested mapping. */
export function UploadForm({ onUploaded }: { onUploaded: (preview: ImportPreview) => void }) {
  const hydrated = useHydrated();
  const form = useForm<{ file: File | null }>({ defaultValues: { file: null } });
  const file = form.watch("file");
  const fail = (message: string) => form.setError("file", { message });

  const upload = async ({ file }: { file: File | null }) => {
    if (!file) return fail("Choose a CSV file first");
    if (file.size > IMPORT_MAX_BYTES)
      return fail(
        `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split it into smaller files and import each`,
      );
    try {
      // The file is the body itself, so the server can stream it to disk (see the route).
      const res = await fetch(`/api/contacts/imports?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: file,
      });
      const body = (await res.json().catch(() => ({ error: `Upload failed (${res.status})` }))) as
        ImportPreview | { error: string };
      if (!res.ok || "error" in body) fail("error" in body ? body.error : `Upload failed (${res.status})`);
      else onUploaded(body);
    } catch {
      fail("The upload did not reach the server: check your connection and try again");
    }
  };

  return (
    <Form {...form}>
      <form
        onSubmit={(e) => void form.handleSubmit(upload)(e)}
        noValidate
        className="max-w-2xl space-y-4 rounded-lg border border-line bg-white p-5"
      >
        <FormField
          control={form.control}
          name="file"
          // A file input's value is the browser's to set: the field takes the chosen file.
          render={({ field: { value: _file, onChange, ...field } }) => (
            <FormItem>
              <FormLabel>CSV file</FormLabel>
              <FormControl>
                <Input
                  type="file"
                  accept=".csv,text/csv"
                  {...field}
                  onChange={(e) => onChange(e.target.files?.[0] ?? null)}
                />
              </FormControl>
              <FormDescription>
                Comma-separated, UTF-8, with the column names in the first row; up to 200 MB. You choose what each
                column becomes on the next screen.
              </FormDescription>
              <FormMessage />
            </FormItem>
          )}
        />
        <Button type="submit" disabled={!hydrated || form.formState.isSubmitting || !file}>
          {form.formState.isSubmitting ? "Uploading…" : "Upload and preview"}
        </Button>
      </form>
    </Form>
  );
}
