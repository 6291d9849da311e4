import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { findIntegration } from "../integration/reads";
import { findProgram, upsertProgram } from "./queries";
import { loyaltyActionTypes, type SaveProgramInput } from "./schema";

/**
 * Saves the workspace's loyalty program. Switching texting on starts the clock: only actions
 * from then on are texted, so a member is not sent their whole history. Changing the integration
 * (and so the Annex Cloud site) starts the walk over the members again.
 */
export async function saveProgram(db: Db, actor: SessionUser, input: SaveProgramInput) {
  const integration = await findIntegration(db, actor.workspaceId, input.integrationId);
  if (!integration || integration.uninstalledAt)
    throw new DomainError("NOT_FOUND", "No such integration in this workspace", "integrationId");
  if (integration.vendor !== "attentive") {
    throw new DomainError(
      "BAD_REQUEST",
      `${integration.label} is not an Attentive integration: loyalty texts go through Attentive, whose integration holds the Annex Cloud site`,
      "integrationId",
    );
  }
  if (input.enabled && integration.status !== "active") {
    throw new DomainError(
      "BAD_REQUEST",
      `${integration.label} is ${integration.status}: an admin must make it active before texting is switched on`,
      "integrationId",
    );
  }
  return db.transaction(async (tx) => {
    const current = await findProgram(tx, actor.workspaceId);
    const enabledAt = !input.enabled
      ? (current?.enabledAt ?? null)
      : current?.enabled && current.enabledAt
        ? current.enabledAt
        : new Date();
    await upsertProgram(tx, {
      workspaceId: actor.workspaceId,
      integrationId: input.integrationId,
      enabled: input.enabled,
      rules: input.rules,
      enabledAt,
      updatedBy: actor.userId,
      ...(current?.integrationId === input.integrationId ? {} : { pullCursor: null }),
    });
    // Settings only: the texts are the marketer's copy, kept in the program itself.
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "loyalty.save_program",
      targetType: "loyalty_program",
      targetId: actor.workspaceId,
      details: {
        integrationId: input.integrationId,
        enabled: input.enabled,
        actionsOn: loyaltyActionTypes.filter((t) => input.rules[t].enabled),
      },
    });
    return findProgram(tx, actor.workspaceId);
  });
}
