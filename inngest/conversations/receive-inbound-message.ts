import { getDb } from "@/db/client";
import { receiveInboundMessage } from "@/server/domains/conversation/receive-inbound-message";
import { inngest } from "@/server/jobs/client";
import { inboundMessageReceived } from "@/server/jobs/events";

export default inngest.createFunction(
  {
    id: "receive-inbound-message",
    triggers: [inboundMessageReceived],
    // The receipt id is the vendor's message: a duplicate event is dropped for a day.
    idempotency: "event.data.receiptId",
    // Messages of one sender in order, so a STOP and the message after it are not swapped.
    concurrency: { limit: 1, key: "event.data.message.from" },
  },
  async ({ event, step }) => step.run("record", async () => receiveInboundMessage(await getDb(), event.data)),
);
