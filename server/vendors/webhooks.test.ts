import { describe, expect, it } from "vitest";
import { parseMittoWebhook } from "./mitto/webhook";
import { parseWavyWebhook } from "./wavy/webhook";

const now = new Date("2026-11-23T10:00:00Z");

describe("vendor webhook bodies", () => {
  it("Mitto DLRs map onto the status ladder with the vendor's reason on failures; Pending says nothing new", () => {
    expect(parseMittoWebhook("dlr", { messageId: "m1", status: "Delivered", errorcode: "0" }, now)).toEqual([
      {
        key: "dlr:m1:Delivered",
        type: "status",
        update: {
          vendorMessageId: "m1",
          status: "delivered",
          vendorStatus: "Delivered",
          errorCode: null,
          errorMessage: null,
          occurredAt: now.toISOString(),
        },
      },
    ]);
    expect(
      parseMittoWebhook(
        "dlr",
        { messageId: "m1", status: "Failure", errorcode: 132001, description: "Template not found" },
        now,
      )[0],
    ).toMatchObject({ update: { status: "failed", errorCode: "132001", errorMessage: "Template not found" } });
    expect(parseMittoWebhook("dlr", { messageId: "m1", status: "Undelivered" }, now)[0]).toMatchObject({
      update: { status: "failed" },
    });
    expect(parseMittoWebhook("dlr", { messageId: "m1", status: "Pending" }, now)).toEqual([]);
    expect(() => parseMittoWebhook("dlr", { status: "Delivered" }, now)).toThrow(/messageId/);
  });

  it("Wavy batches carry one item per stage, keyed by id and stage", () => {
    const items = parseWavyWebhook(
      "status",
      {
        total: 2,
        data: [
          {
            id: "w1",
            sent: true,
            sentStatus: "SENT_SUCCESS",
            sentAt: 1_700_000_000_000,
            deliveredStatus: "DELIVERED_SUCCESS",
            deliveredAt: 1_700_000_001_000,
          },
          { id: "w2", sent: false, sentStatusCode: 210, sentStatus: "INVALID_SESSION" },
        ],
      },
      now,
    );
    expect(items.map((i) => i.key)).toEqual(["status:w1:DELIVERED_SUCCESS", "status:w2:INVALID_SESSION"]);
    expect(items[0]).toMatchObject({
      update: { status: "delivered", occurredAt: new Date(1_700_000_001_000).toISOString() },
    });
    expect(items[1]).toMatchObject({ update: { status: "failed", errorCode: "210", errorMessage: "INVALID_SESSION" } });
  });

  it("Wavy inbound messages keep text, captions and media", () => {
    const [text, image] = parseWavyWebhook(
      "message",
      {
        data: [
          {
            id: "i1",
            source: "5511999990001",
            origin: "5511988887777",
            message: { type: "TEXT", messageText: "STOP" },
          },
          {
            id: "i2",
            source: "5511999990001",
            message: { type: "IMAGE", caption: "receipt", mediaUrl: "https://x/r.jpg", mimeType: "image/jpeg" },
          },
        ],
      },
      now,
    );
    expect(text).toMatchObject({
      key: "message:i1",
      message: { from: "+5511999990001", to: "+5511988887777", text: "STOP", receivedAt: now.toISOString() },
    });
    expect(image).toMatchObject({
      message: { text: "receipt", attachments: [{ url: "https://x/r.jpg", mimeType: "image/jpeg" }] },
    });
  });
});
