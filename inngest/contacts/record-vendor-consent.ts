import { getDb } from "@/db/client";
import { recordVendorConsent } from "@/server/domains/contact/record-vendor-consent";
import { inngest } from "@/server/jobs/client";
import { vendorConsentReceived } from "@/server/jobs/events";

export default inngest.createFunction(
  { id: "record-vendor-consent", triggers: [vendorConsentReceived], idempotency: "event.data.receiptId" },
  async ({ event, step }) => step.run("record", async () => recordVendorConsent(await getDb(), event.data)),
);
