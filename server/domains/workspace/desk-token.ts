import { createHash, createHmac, randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { env } from "../../env";
import { localSecret } from "../../lib/data-dir";
import { findDeskTokenHash } from "./queries";

/**
 * The bearer token an external agent desk presents to close a workspace's conversations
 * (POST /api/conversations/{id}/close). Not the Salesforce integration's webhook token: the desk
 * is not Salesforce, and uninstalling Salesforce must not lock the desk out.
 *
 * An admin rotates it on the settings page: a random token, shown once; the workspace keeps only
 * its SHA-256 (a random 256-bit token needs no slow hash), so a database read never yields a
 * usable token. Before its first rotation a workspace has no stored hash, and the token it had
 * before tokens could be rotated stays valid: HMAC-SHA256 of the workspace id under AUTH_SECRET
 * (or the local secret Auth.js falls back to in DATA_DIR), so desks configured with it keep
 * working until an admin rotates. The first rotation ends it for good.
 */

export const DESK_TOKEN_PREFIX = "sbdesk_";

export function newDeskToken(): string {
  return `${DESK_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashDeskToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** The token of a workspace that has never rotated one (see above); exported for tests. */
export function derivedDeskToken(workspaceId: string): string {
  const root = env.AUTH_SECRET ?? localSecret("auth-secret");
  return createHmac("sha256", root).update(`switchboard/desk-close/v1:${workspaceId}`).digest("base64url");
}

/**
 * The two strings to compare, in constant time, to accept a desk's bearer token: its hash and
 * the stored hash once the workspace has rotated, else the token and the derived one.
 */
export async function deskTokenProof(db: Db, workspaceId: string, bearer: string) {
  const hash = await findDeskTokenHash(db, workspaceId);
  if (hash) return { presented: hashDeskToken(bearer), expected: hash };
  return { presented: bearer, expected: derivedDeskToken(workspaceId) };
}

/** Where the desk posts, for the settings page and the Conversations screen. */
export function deskCloseUrl(): string {
  return `${env.APP_URL}/api/conversations/{conversationId}/close`;
}
