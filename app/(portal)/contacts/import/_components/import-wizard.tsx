"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { Button } from "@/app/_components/ui/button";
import { Input, Select } from "@/app/_components/ui/input";
import { DataTable } from "@/app/_components/ui/table";
import { useHydrated } from "@/app/_components/use-hydrated";
import { useTRPC } from "@/app/_trpc/provider";
import {
  IMPORT_MAX_BYTES,
  importFieldLabels,
  importFields,
  type ImportMode,
} from "@/server/domains/contact/import-schema";
import type { uploadImport } from "@/server/domains/contact/upload-import";

type Preview = Awaited<ReturnType<typeof uploadImport>>;
const ERROR_PAGE = 100;
const number = (n: number) => n.toLocaleString("en-US");

/** Upload -> preview and mapping -> progress and the per-line error report. */
export function ImportWizard({ importId }: { importId: string | null }) {
  const [preview, setPreview] = useState<Preview | null>(null);
  const [started, setStarted] = useState<string | null>(importId);
  if (started) return <ImportProgress id={started} />;
  if (preview) {
    return (
      <MappingForm
        preview={preview}
        onStarted={(id) => {
          // The address keeps the import, so a reload comes back to its progress.
          window.history.replaceState(window.history.state, "", `/contacts/import?id=${id}`);
          setStarted(id);
        }}
        onCancel={() => setPreview(null)}
      />
    );
  }
  return <UploadForm onUploaded={setPreview} />;
}

function UploadForm({ onUploaded }: { onUploaded: (preview: Preview) => void }) {
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
        Preview | { error: string };
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

function MappingForm({
  preview,
  onStarted,
  onCancel,
}: {
  preview: Preview;
  onStarted: (id: string) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const hydrated = useHydrated();
  const [mapping, setMapping] = useState<Record<string, string>>(preview.suggestedMapping);
  const [mode, setMode] = useState<ImportMode>("insert");
  const [errors, setErrors] = useState<{ form?: string; columns: Record<string, string> }>({ columns: {} });
  const start = useMutation(
    trpc.contact.importStart.mutationOptions({
      onSuccess: (r) => {
        toast.success("Import started");
        onStarted(r.id);
      },
      onError: (error) => {
        // A column the file lacks comes back as `field`; mapping rules name their columns in the message.
        const field = error.data?.field;
        if (field && field in mapping) return setErrors({ columns: { [field]: error.message } });
        const messages = Object.values(error.data?.fieldErrors ?? {})
          .flat()
          .filter((m): m is string => !!m);
        setErrors({ form: messages.length ? messages.join(" ") : error.message, columns: {} });
      },
    }),
  );

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({ columns: {} });
        start.mutate({ id: preview.id, mapping, mode });
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
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">First rows of the file, with the field each column is imported into</caption>
            <thead className="bg-surface text-xs text-muted">
              <tr>
                <th scope="col" className="px-4 py-3 align-bottom uppercase">
                  Line
                </th>
                {preview.columns.map((column, i) => (
                  <th key={column} scope="col" className="min-w-44 px-4 py-3 align-bottom font-normal">
                    <label htmlFor={`map-${i}`} className="mb-1 block text-sm font-semibold text-ink normal-case">
                      {column}
                    </label>
                    <Select
                      id={`map-${i}`}
                      className="w-full"
                      value={mapping[column] ?? ""}
                      aria-invalid={!!errors.columns[column]}
                      aria-describedby={errors.columns[column] ? `map-${i}-error` : undefined}
                      onChange={(e) => setMapping((m) => ({ ...m, [column]: e.target.value }))}
                    >
                      <option value="">Ignore</option>
                      {importFields.map((f) => (
                        <option key={f} value={f}>
                          {importFieldLabels[f]}
                        </option>
                      ))}
                    </Select>
                    {errors.columns[column] ? (
                      <p
                        id={`map-${i}-error`}
                        role="alert"
                        className="mt-1 text-sm font-normal text-danger normal-case"
                      >
                        {errors.columns[column]}
                      </p>
                    ) : null}
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

      <fieldset className="space-y-2 rounded-lg border border-line bg-white p-5">
        <legend className="float-left mb-1 w-full text-base font-semibold">
          When a row matches a contact you already have
        </legend>
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
            <input
              type="radio"
              name="mode"
              value={value}
              checked={mode === value}
              onChange={() => setMode(value)}
              className="mt-1"
            />
            <span>
              <span className="font-medium">{label}</span> <span className="text-muted">— {hint}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {errors.form ? (
        <p role="alert" className="text-sm text-danger">
          {errors.form}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={!hydrated || start.isPending}>
          {start.isPending ? "Starting…" : "Start import"}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={start.isPending}>
          Choose another file
        </Button>
      </div>
    </form>
  );
}

const statusText = {
  validating: "Checking the file…",
  ready: "Waiting to start",
  importing: "Importing…",
  done: "Import finished",
  failed: "Import stopped",
} as const;

function ImportProgress({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [offset, setOffset] = useState(0);
  // Polls while the background function works; stops once it has finished either way.
  const job = useQuery({
    ...trpc.contact.importGet.queryOptions({ id, errorOffset: offset, errorLimit: ERROR_PAGE }),
    refetchInterval: (query) =>
      query.state.data?.status === "importing" || query.state.data?.status === "validating" ? 1000 : false,
    // Paging through the errors keeps the screen while the next page loads.
    placeholderData: keepPreviousData,
  });
  const status = job.data?.status;
  useEffect(() => {
    // The contacts list has new rows once the import has ended.
    if (status === "done" || status === "failed")
      void queryClient.invalidateQueries({ queryKey: trpc.contact.list.pathKey() });
  }, [status, queryClient, trpc]);
  if (job.isError) {
    return (
      <p role="alert" className="text-sm text-danger">
        {job.error.message}
      </p>
    );
  }
  if (!job.data) return <p className="text-sm text-muted">Loading the import…</p>;
  const { counts, errors, storedErrors, fileName } = job.data;
  const total = counts?.total ?? 0;
  const processed = counts?.processed ?? 0;
  const percent = status === "done" ? 100 : total ? Math.floor((processed / total) * 100) : 0;
  const finished = status === "done" || status === "failed";
  if (!status) return null;

  return (
    <div className="space-y-5">
      <section aria-labelledby="progress-heading" className="space-y-3 rounded-lg border border-line bg-white p-5">
        <h2 id="progress-heading" className="text-base font-semibold">
          {fileName}
        </h2>
        <p
          className={status === "failed" ? "text-sm font-medium text-danger" : "text-sm font-medium"}
          aria-live="polite"
        >
          {statusText[status]}
          {total ? ` — ${number(processed)} of ${number(total)} rows` : null}
        </p>
        <div
          role="progressbar"
          aria-label="Import progress"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}%`}
          className="h-2.5 w-full overflow-hidden rounded-full bg-line/60"
        >
          <div
            className={status === "failed" ? "h-full bg-danger" : "h-full bg-brand-600 transition-[width]"}
            style={{ width: `${percent}%` }}
          />
        </div>
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-5">
          {(
            [
              ["Inserted", counts?.inserted],
              ["Updated", counts?.updated],
              ["Skipped", counts?.skipped],
              ["Failed", counts?.failed],
              ["Processed", counts?.processed],
            ] as const
          ).map(([label, value]) => (
            <div key={label} className="rounded-md bg-surface px-3 py-2">
              <dt className="text-xs text-muted">{label}</dt>
              <dd className="text-lg font-semibold tabular-nums" data-testid={`import-${label.toLowerCase()}`}>
                {number(value ?? 0)}
              </dd>
            </div>
          ))}
        </dl>
        {status === "failed" ? (
          <p className="text-sm text-muted">
            Rows counted above were imported; the rest of the file was not. The reason is in the table below.
          </p>
        ) : null}
      </section>

      {storedErrors > 0 ? (
        <section aria-labelledby="errors-heading" className="rounded-lg border border-line bg-white">
          <h2 id="errors-heading" className="border-b border-line px-4 py-3 text-base font-semibold">
            Rows not imported
          </h2>
          <p className="px-4 pt-3 text-sm text-muted">
            Fix these lines in the file and import it again{finished ? "" : " once this import has finished"}.
            {storedErrors >= 1000
              ? " Only the first 1,000 problems are listed; the counts above include every row."
              : null}
          </p>
          <DataTable columns={["Line", "Field", "Reason"]} caption="Rows not imported, by line">
            {errors.map((e, i) => (
              <tr key={`${e.line}-${e.field}-${i}`}>
                <td className="px-4 py-2 tabular-nums">{e.line}</td>
                <td className="px-4 py-2">{e.field}</td>
                <td className="px-4 py-2">{e.reason}</td>
              </tr>
            ))}
          </DataTable>
          {storedErrors > ERROR_PAGE ? (
            <div className="flex items-center gap-2 border-t border-line px-4 py-3 text-sm">
              <Button
                variant="secondary"
                disabled={offset === 0}
                onClick={() => setOffset((o) => Math.max(0, o - ERROR_PAGE))}
              >
                Previous
              </Button>
              <Button
                variant="secondary"
                disabled={offset + ERROR_PAGE >= storedErrors}
                onClick={() => setOffset((o) => o + ERROR_PAGE)}
              >
                Next
              </Button>
              <span className="text-muted">
                {number(offset + 1)}–{number(Math.min(offset + ERROR_PAGE, storedErrors))} of {number(storedErrors)}
              </span>
            </div>
          ) : null}
        </section>
      ) : finished ? (
        <p className="text-sm text-muted">Every row was imported.</p>
      ) : null}
    </div>
  );
}
