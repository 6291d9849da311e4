"use client";

import { useState } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { useHydrated } from "@/app/_components/use-hydrated";
import { IMPORT_MAX_BYTES } from "@/server/domains/contact/import-schema";
import type { uploadImport } from "@/server/domains/contact/upload-import";

export type ImportPreview = Awaited<ReturnType<typeof uploadImport>>;

/** Step 1: send the CSV file and get back its first rows and a suggested mapping. */
export function UploadForm({ onUploaded }: { onUploaded: (preview: ImportPreview) => void }) {
  const hydrated = useHydrated();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const upload = async () => {
    if (!file) return setError("Choose a CSV file first");
    if (file.size > IMPORT_MAX_BYTES)
      return setError(
        `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split it into smaller files and import each`,
      );
    setPending(true);
    setError(null);
    try {
      // The file is the body itself, so the server can stream it to disk (see the route).
      const res = await fetch(`/api/contacts/imports?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "content-type": "text/csv" },
        body: file,
      });
      const body = (await res.json().catch(() => ({ error: `Upload failed (${res.status})` }))) as
        ImportPreview | { error: string };
      if (!res.ok || "error" in body) setError("error" in body ? body.error : `Upload failed (${res.status})`);
      else onUploaded(body);
    } catch {
      setError("The upload did not reach the server: check your connection and try again");
    } finally {
      setPending(false);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void upload();
      }}
      noValidate
      className="max-w-2xl space-y-4 rounded-lg border border-line bg-white p-5"
    >
      <div className="space-y-1.5">
        <label htmlFor="import-file" className="text-sm font-medium">
          CSV file
        </label>
        <Input
          id="import-file"
          type="file"
          accept=".csv,text/csv"
          aria-describedby="import-file-hint"
          aria-invalid={!!error}
          onChange={(e) => setFile(e.target.files?.[0] ?? null)}
        />
        <p id="import-file-hint" className="text-xs text-muted">
          Comma-separated, UTF-8, with the column names in the first row; up to 200 MB. You choose what each column
          becomes on the next screen.
        </p>
      </div>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {error}
        </p>
      ) : null}
      <Button type="submit" disabled={!hydrated || pending || !file}>
        {pending ? "Uploading…" : "Upload and preview"}
      </Button>
    </form>
  );
}
