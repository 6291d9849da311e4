import { createHmac } from "node:crypto";
import { env } from "../../env";
import { localSecret } from "../../lib/data-dir";

/**
 * The bearer secret an external agent desk presents to close a workspace's conversations.
 *
 * Where it lives, without a schema change: nowhere. It is derived per workspace, HMAC-SHA256 of
 * the workspace id under the server's AUTH_SECRET (or the same local secret Auth.js falls back
 * to in DATA_DIR), with a purpose label so it can never equal a session or cookie key. Every
 * instance with the same AUTH_SECRET computes the same token, admins read it on the
 * Conversations screen, and rotating AUTH_SECRET rotates it (desks then need the new value).
 * Not the Salesforce integration's webhookToken: the desk is not Salesforce, and uninstalling
 * Salesforce must not lock the desk out.
 */
export function deskToken(workspaceId: string): string {
  const root = env.AUTH_SECRET ?? localSecret("auth-secret");
  return createHmac("sha256", root).update(`switchboard/desk-close/v1:${workspaceId}`).digest("base64url");
}
