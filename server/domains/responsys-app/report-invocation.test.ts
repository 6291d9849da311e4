import { describe, expect, it } from "vitest";
import { resultRow } from "./report-invocation";

const outputs = [
  "appcloud_row_correlation_id",
  "appcloud_row_status",
  "appcloud_row_errormessage",
  "LAST_MESSAGE_STATUS",
];
const row = (
  status: Parameters<typeof resultRow>[2]["status"],
  errorMessage: string | null = null,
  errorCode: string | null = null,
) => resultRow(outputs, "LAST_MESSAGE_STATUS", { externalRef: "c1", status, errorCode, errorMessage });

describe("a result row", () => {
  it("reports sent, delivered and read as success, with the last status upper-cased", () => {
    expect(row("sent")).toEqual(["c1", "success", null, "SENT"]);
    expect(row("delivered", "stale")).toEqual(["c1", "success", null, "DELIVERED"]);
    expect(row("read")).toEqual(["c1", "success", null, "READ"]);
  });

  it("reports failed and skipped as failure with the reason, and a row not sent by the timeout as a warning", () => {
    expect(row("failed", "Template mcp_account is PAUSED")).toEqual([
      "c1",
      "failure",
      "Template mcp_account is PAUSED",
      "FAILED",
    ]);
    expect(row("failed", null, "131026")).toEqual(["c1", "failure", "131026", "FAILED"]);
    expect(row("skipped", "OPTIN is empty, not YES")).toEqual(["c1", "failure", "OPTIN is empty, not YES", "SKIPPED"]);
    expect(row("queued")).toEqual(["c1", "warning", "Not sent yet when the status timeout passed", "QUEUED"]);
  });

  it("fits the error into its 5,120 characters and leaves columns it does not know empty", () => {
    expect(row("failed", "x".repeat(6_000))[2]).toHaveLength(5_120);
    expect(
      resultRow(["appcloud_row_status", "appcloud_row_correlation_id", "OTHER"], null, {
        externalRef: "c2",
        status: "read",
        errorCode: null,
        errorMessage: null,
      }),
    ).toEqual(["success", "c2", null]);
  });
});
