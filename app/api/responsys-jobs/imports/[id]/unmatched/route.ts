import { exportUnmatchedRows } from "@/server/domains/responsys-jobs/export-unmatched-rows";
import { importIdInput } from "@/server/domains/responsys-jobs/schema";
import { csvDownload } from "@/server/http/csv-download";

// Both roles watch the jobs, so both may download an import's unmatched rows.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return csvDownload(await params, {
    input: importIdInput,
    invalid: { status: 404, message: "No such import in this workspace" },
    open: (db, user, { id }) => exportUnmatchedRows(db, user, id),
    fileName: ({ id }) => `unmatched-activity-${id}.csv`,
  });
}
