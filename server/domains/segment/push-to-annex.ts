import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import type { AnnexSegment } from "../../vendors/annex/client";
import { VendorError } from "../../vendors/http";
import { annexClientOf } from "../../vendors/registry";
import { recordVendorCall } from "../integration/record-vendor-call";
import { findIntegration, findIntegrations } from "../integration/reads";
import { storedSettings } from "../integration/settings";
import { pushSegmentToAnnexInput } from "./annex-schema";
import { listSegmentMembers } from "./members";

const PAGE_SIZE = 1_000;

export type AnnexPushCounts = {
  /** Emails sent to Annex Cloud. */
  sent: number;
  /** Members without an email: Annex Cloud segments hold emails only. */
  skippedWithoutEmail: number;
  /** Emails a comma-separated list cannot carry (they contain a comma or a space). */
  skippedUnusableEmail: number;
};

export type AnnexPushResult =
  | ({ ok: true; segment: AnnexSegment } & AnnexPushCounts)
  | ({ ok: false; errorCode: string | null; errorMessage: string } & AnnexPushCounts);

/** The Attentive integrations of the workspace, each of which carries an Annex Cloud site. */
export async function listAnnexTargets(db: Db, workspaceId: string) {
  const rows = await findIntegrations(db, workspaceId, false);
  return rows
    .filter((r) => r.vendor === "attentive")
    .map((r) => ({ id: r.id, label: r.label, sandbox: r.sandbox, status: r.status }));
}

/** Every member's email, page by page; members without one are counted, not sent. */
async function collectEmails(db: Db, workspaceId: string, segmentId: string) {
  const emails: string[] = [];
  // Emails are unique per workspace as stored, but not regardless of case: Annex Cloud gets each once.
  const seen = new Set<string>();
  const counts = { skippedWithoutEmail: 0, skippedUnusableEmail: 0 };
  let after: string | null = null;
  for (;;) {
    const page = await listSegmentMembers(db, workspaceId, segmentId, { after, limit: PAGE_SIZE });
    for (const member of page) {
      const email = member.email?.trim();
      if (!email) counts.skippedWithoutEmail++;
      else if (/[\s,]/.test(email)) counts.skippedUnusableEmail++;
      else if (!seen.has(email.toLowerCase())) {
        seen.add(email.toLowerCase());
        emails.push(email);
      }
    }
    if (page.length < PAGE_SIZE) break;
    after = page[page.length - 1]?.id ?? null;
  }
  return { emails, ...counts };
}

/**
 * Creates the segment in Annex Cloud with the emails of its current members (POST /segment),
 * through the Annex Cloud site of an Attentive integration. Annex Cloud's answer is
 * returned either way: the created segment, or its error code and message. The audit row keeps
 * the outcome and the counts, never the emails.
 */
export async function pushSegmentToAnnex(db: Db, actor: SessionUser, raw: unknown): Promise<AnnexPushResult> {
  const parsed = pushSegmentToAnnexInput.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError("BAD_REQUEST", issue?.message ?? "Invalid input", issue?.path.join("."));
  }
  const input = parsed.data;

  const integration = await findIntegration(db, actor.workspaceId, input.integrationId);
  if (!integration || integration.uninstalledAt)
    throw new DomainError("NOT_FOUND", "No such integration in this workspace", "integrationId");
  if (integration.vendor !== "attentive") {
    throw new DomainError(
      "BAD_REQUEST",
      `${integration.label} is not an Attentive integration: Annex Cloud's site id and loyalty token are set up with Attentive`,
      "integrationId",
    );
  }
  if (integration.status === "disabled")
    throw new DomainError(
      "BAD_REQUEST",
      `${integration.label} is disabled: an admin must enable it first`,
      "integrationId",
    );

  const { emails, skippedWithoutEmail, skippedUnusableEmail } = await collectEmails(
    db,
    actor.workspaceId,
    input.segmentId,
  );
  const counts: AnnexPushCounts = { sent: emails.length, skippedWithoutEmail, skippedUnusableEmail };
  if (emails.length === 0) {
    throw new DomainError(
      "BAD_REQUEST",
      `No member of this segment has an email address (${skippedWithoutEmail + skippedUnusableEmail} without a usable one), and Annex Cloud segments are lists of emails`,
    );
  }

  const client = annexClientOf(
    storedSettings("attentive", integration.config, integration.secrets),
    integration.sandbox,
  );

  let result: AnnexPushResult;
  try {
    const segment = await client.createSegment({
      name: input.name,
      type: input.type,
      ...(input.fromDate ? { fromDate: input.fromDate } : {}),
      ...(input.toDate ? { toDate: input.toDate } : {}),
      member: emails.join(","),
      status: input.status,
      externalId: input.externalId,
      externalName: input.externalName,
    });
    result = { ok: true, segment, ...counts };
  } catch (error) {
    if (!(error instanceof VendorError)) throw error;
    result = { ok: false, errorCode: error.vendorCode, errorMessage: error.message, ...counts };
  }

  await db.transaction(async (tx) => {
    await recordVendorCall(
      tx,
      integration.id,
      "annex.create_segment",
      result.ok,
      result.ok ? null : result.errorMessage,
    );
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "segment.push_annex",
      targetType: "segment",
      targetId: input.segmentId,
      // Counts and codes only: Annex Cloud's error message may quote an email.
      details: {
        integrationId: integration.id,
        ok: result.ok,
        ...(result.ok ? { annexSegmentId: result.segment.segmentId } : { errorCode: result.errorCode }),
        type: input.type,
        status: input.status,
        externalId: input.externalId,
        ...counts,
      },
    });
  });
  return result;
}
