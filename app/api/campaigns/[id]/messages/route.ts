import { exportCampaignMessages } from "@/server/domains/campaign/export-messages";
import { campaignIdInput } from "@/server/domains/campaign/schema";
import { DomainError } from "@/server/lib/errors";
import { createContext } from "@/server/trpc/init";

// A file download, so a route handler rather than tRPC: both roles may export a campaign's
// recipients; the CSV streams page by page from the use case. The session and database come
// as tRPC's procedures get them.
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { db, user } = await createContext();
  if (!user) return Response.json({ error: "Sign in to continue" }, { status: 401 });
  const parsed = campaignIdInput.safeParse(await params);
  if (!parsed.success) return Response.json({ error: "No such campaign in this workspace" }, { status: 404 });
  const { id } = parsed.data;

  let chunks: AsyncGenerator<string>;
  try {
    chunks = await exportCampaignMessages(db, user, id);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return Response.json({ error: error.message }, { status: error.code === "NOT_FOUND" ? 404 : 400 });
  }

  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="campaign-${id}-recipients.csv"`,
      // Personal data: never kept by a shared cache or the browser's.
      "cache-control": "no-store",
    },
  });
}
