import type { Db } from "@/db/client";
import { DomainError } from "../../lib/errors";
import { VendorError } from "../../vendors/http";
import { activityFileInfo, detectAccountIds } from "./activity-files";
import { findResponsysIntegration, sftpClientFor } from "./responsys-clients";

/** The account ids found in the activity file names of the folder, for the import form. */
export async function detectAccounts(
  db: Db,
  workspaceId: string,
  input: { integrationId: string; folder: string | null },
) {
  const { integration } = await findResponsysIntegration(db, workspaceId, input.integrationId, "sftp");
  try {
    const names = await sftpClientFor(integration, input.folder).listFolder();
    return {
      accountIds: detectAccountIds(names),
      activityFiles: names.filter((n) => activityFileInfo(n) !== null).length,
      otherFiles: names.filter((n) => activityFileInfo(n) === null).length,
    };
  } catch (error) {
    if (error instanceof VendorError) throw new DomainError("BAD_REQUEST", error.message, "folder");
    throw error;
  }
}
