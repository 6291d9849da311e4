import { exportAttentiveCsv } from "@/server/domains/segment/export-attentive-csv";
import { segmentIdInput } from "@/server/domains/segment/schema";
import { csvDownload } from "@/server/http/csv-download";

// Both roles may export a segment for Attentive's list upload.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return csvDownload(await params, {
    input: segmentIdInput,
    invalid: { status: 404, message: "No such segment in this workspace" },
    open: (db, user, { id }) => exportAttentiveCsv(db, user, id),
    fileName: ({ id }) => `attentive-segment-${id}.csv`,
  });
}
