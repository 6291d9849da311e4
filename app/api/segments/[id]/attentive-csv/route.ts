import { exportAttentiveCsv } from "@/server/domains/segment/export-attentive-csv";
import { segmentIdInput } from "@/server/domains/segment/schema";
import { csvDownload } from "@/server/http/csv-download";

// Both roles may export a segment for Attentive's list upload.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return csvDownload(await params, {
    input: segmentIdInput,
    notFound: "No such segment in this workspace",
    open: exportAttentiveCsv,
    fileName: (id) => `attentive-segment-${id}.csv`,
  });
}
