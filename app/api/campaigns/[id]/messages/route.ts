import { exportCampaignMessages } from "@/server/domains/campaign/export-messages";
import { campaignIdInput } from "@/server/domains/campaign/schema";
import { csvDownload } from "@/server/http/csv-download";

// Both roles may export a campaign's recipients.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return csvDownload(await params, {
    input: campaignIdInput,
    invalid: { status: 404, message: "No such campaign in this workspace" },
    open: (db, user, { id }) => exportCampaignMessages(db, user, id),
    fileName: ({ id }) => `campaign-${id}-recipients.csv`,
  });
}
