import { Download } from "lucide-react";
import { buttonClasses } from "@/app/_components/ui/button-classes";

/**
 * Attentive offers no API to push a segment (§5 of docs/vendors/attentive.md), so the members are
 * downloaded as a CSV (phone in E.164, email, first and last name) to upload in Attentive's
 * Subscribers screen.
 */
export function AttentiveExport({ segmentId }: { segmentId: string }) {
  return (
    <section aria-labelledby="attentive-export-title" className="space-y-3 rounded-lg border border-line bg-white p-5">
      <div>
        <h2 id="attentive-export-title" className="text-base font-semibold">
          Export for Attentive
        </h2>
        <p className="text-sm text-muted">
          Attentive has no API for segments: download the members as a CSV and upload it in Attentive. Members with
          neither a mobile number nor an email are left out.
        </p>
      </div>
      <a
        href={`/api/segments/${encodeURIComponent(segmentId)}/attentive-csv`}
        download
        className={buttonClasses("secondary")}
      >
        <Download aria-hidden className="size-4" /> Download CSV for Attentive
      </a>
    </section>
  );
}
