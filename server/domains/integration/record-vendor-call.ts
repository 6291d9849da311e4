import { eq } from "drizzle-orm";
import { schema, type Tx } from "@/db/client";

/** A call to the integration's vendor and how it went: the integration's health figure counts these. */
export async function recordVendorCall(
  tx: Tx,
  integrationId: string,
  operation: string,
  ok: boolean,
  errorCode: string | null,
) {
  await tx.insert(schema.vendorCalls).values({ integrationId, operation, ok, errorCode });
}

/** A failure worth an admin's attention, shown as the integration's last error on its page. */
export async function recordIntegrationError(tx: Tx, integrationId: string, message: string) {
  await tx
    .update(schema.integrations)
    .set({ lastError: message, lastErrorAt: new Date() })
    .where(eq(schema.integrations.id, integrationId));
}
