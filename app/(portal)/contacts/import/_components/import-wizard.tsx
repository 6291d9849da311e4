"use client";

import { useState } from "react";
import { ImportProgress } from "./import-progress";
import { MappingForm } from "./mapping-form";
import { UploadForm, type ImportPreview } from "./upload-form";

/** Upload -> preview and mapping -> progress and the per-line error report. */
export function ImportWizard({ importId }: { importId: string | null }) {
  const [preview, setPreview] = useState<ImportPreview | null>(null);
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
