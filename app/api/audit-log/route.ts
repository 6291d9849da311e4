import { exportAudit } from "@/server/domains/audit/export-audit";
import { auditFilterInput } from "@/server/domains/audit/schema";
import { csvDownload } from "@/server/http/csv-download";

// Admins only: the audit log's rows under the page's filters (query parameters), as CSV.
export async function GET(request: Request) {
  const query = Object.fromEntries([...new URL(request.url).searchParams].filter(([, v]) => v !== ""));
  return csvDownload(query, {
    input: auditFilterInput,
    invalid: { status: 400 },
    role: "admin",
    open: exportAudit,
    fileName: () => `audit-log-${new Date().toISOString().slice(0, 10)}.csv`,
  });
}
