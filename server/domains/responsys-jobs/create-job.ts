import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { inngest } from "../../jobs/client";
import { activityImportRequested, audienceReconcileRequested } from "../../jobs/events";
import { VendorError } from "../../vendors/http";
import { findSegmentOrThrow } from "../segment/members";
import { activityFileInfo } from "./activity-files";
import { findSegmentNames, insertJob, updateJobConfig } from "./queries";
import { checkJobNames } from "./look-up-names";
import { findResponsysIntegration, interactClientFor, sftpClientFor } from "./responsys-clients";
import {
  createJobInput,
  type ExportAudienceConfig,
  type ExportToCampaignConfig,
  type ImportActivityConfig,
} from "./schema";
import { parseInput } from "./parse-input";

/**
 * Without a fields table chosen, an export job creates the extension table LyticsUser_Fields{Job ID}
 * (kept within Responsys's 50 characters).
 */
export const fieldsTableFor = (jobId: string) => `LyticsUser_Fields${jobId.replace(/-/g, "").slice(0, 12)}`;

/**
 * Creates a Responsys job: an audience export to a profile list, an export that triggers a
 * campaign, or an activity import from the SFTP folder. Every rule of the job is checked first
 * (schema.ts, then the authorization, the Responsys names, the segment and the account ids here); the first reconcile
 * then sends the current members only when backfill is on.
 */
export async function createJob(db: Db, actor: SessionUser, raw: unknown): Promise<{ id: string }> {
  const input = parseInput(createJobInput, raw);
  const needs = input.kind === "import_activity" ? "sftp" : "interact";
  const { integration } = await findResponsysIntegration(db, actor.workspaceId, input.integrationId, needs);
  if (integration.status === "disabled")
    throw new DomainError(
      "BAD_REQUEST",
      `${integration.label} is disabled: an admin must enable it first`,
      "integrationId",
    );

  // Names typed or picked are checked against Responsys now, not when the first batch fails.
  if (input.kind !== "import_activity") {
    const missing = await checkJobNames(interactClientFor(integration), input);
    if (missing) throw new DomainError("BAD_REQUEST", missing.message, missing.field);
  }

  let config: Record<string, unknown>;
  let segmentId: string | null = null;
  let backfill = false;
  let batchTimeoutSeconds: number | undefined;
  switch (input.kind) {
    case "export_audience": {
      await findSegmentOrThrow(db, actor.workspaceId, input.segmentId).catch(() => {
        throw new DomainError(
          "NOT_FOUND",
          "Choose the source segment from the list: this one is not in the workspace",
          "segmentId",
        );
      });
      const found = await findSegmentNames(db, actor.workspaceId, input.segmentMemberships);
      const missing = input.segmentMemberships.findIndex((id) => !found.some((s) => s.id === id));
      if (missing !== -1)
        throw new DomainError(
          "BAD_REQUEST",
          "Choose the membership segments from the list: one of them is not in the workspace",
          `segmentMemberships.${missing}`,
        );
      ({ segmentId, backfill, batchTimeoutSeconds } = input);
      const {
        listName,
        idMappings,
        matchColumn1,
        matchColumn2,
        additionalFields,
        fieldsTable,
        segmentMemberships,
        onExit,
        exitFlagField,
        defaultPermission,
      } = input;
      config = {
        listName,
        idMappings,
        matchColumn1,
        matchColumn2,
        additionalFields,
        fieldsTable,
        segmentMemberships,
        onExit,
        exitFlagField,
        defaultPermission,
        fieldsTableName: fieldsTable ?? "",
      } satisfies ExportAudienceConfig;
      break;
    }
    case "export_to_campaign": {
      await findSegmentOrThrow(db, actor.workspaceId, input.segmentId).catch(() => {
        throw new DomainError(
          "NOT_FOUND",
          "Choose the segment from the list: this one is not in the workspace",
          "segmentId",
        );
      });
      ({ segmentId, backfill, batchTimeoutSeconds } = input);
      const { emailField, campaignName, additionalFields, defaultPermission } = input;
      config = { emailField, campaignName, additionalFields, defaultPermission } satisfies ExportToCampaignConfig;
      break;
    }
    default: {
      // "Account ids are detected from the files in the folder": only those found may be chosen.
      let names: string[];
      try {
        names = await sftpClientFor(integration, input.folder).listFolder();
      } catch (error) {
        if (error instanceof VendorError) throw new DomainError("BAD_REQUEST", error.message, "folder");
        throw error;
      }
      const detected = new Set(names.map((n) => activityFileInfo(n)?.accountId).filter(Boolean));
      const unknown = input.accountIds.findIndex((a) => !detected.has(a));
      if (unknown !== -1) {
        const list = [...detected].join(", ");
        throw new DomainError(
          "BAD_REQUEST",
          `Account id ${input.accountIds[unknown]} has no activity file in the folder${list ? ` (found: ${list})` : " (no activity files found)"}`,
          `accountIds.${unknown}`,
        );
      }
      const { folder, accountIds, delimiter, createContacts } = input;
      config = { folder, accountIds, delimiter, createContacts } satisfies ImportActivityConfig;
    }
  }

  const created = await db.transaction(async (tx) => {
    const id = await insertJob(tx, {
      workspaceId: actor.workspaceId,
      integrationId: integration.id,
      kind: input.kind,
      label: input.label,
      description: input.description,
      segmentId,
      config,
      backfill,
      ...(batchTimeoutSeconds ? { batchTimeoutSeconds } : {}),
      createdBy: actor.userId,
    });
    if (input.kind === "export_audience" && !input.fieldsTable)
      await updateJobConfig(tx, id, { ...config, fieldsTableName: fieldsTableFor(id) });
    // Settings only: names, mappings and counts; no contact data.
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "audience_job.create",
      targetType: "audience_job",
      targetId: id,
      details: { kind: input.kind, label: input.label, integrationId: integration.id, segmentId, backfill, config },
    });
    return { id };
  });
  // Starts at once rather than at the next cron tick.
  await inngest.send(
    input.kind === "import_activity"
      ? activityImportRequested.create({ jobId: created.id })
      : audienceReconcileRequested.create({ jobId: created.id }),
  );
  return created;
}
