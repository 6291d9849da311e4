import { z } from "zod";
import { getDb } from "@/db/client";
import { closeConversation } from "../domains/conversation/close-conversation";
import { findConversationWorkspace } from "../domains/conversation/reads";
import { deskCloseBody } from "../domains/conversation/schema";
import { deskTokenProof } from "../domains/workspace/desk-token";
import { domainErrorResponse } from "./errors";
import { sameSecret } from "./secret";

const MAX_BODY = 16 * 1024;
const json = (status: number, body: unknown) => Response.json(body, { status });

/**
 * POST /api/conversations/{id}/close from an external agent desk: Authorization: Bearer <the
 * workspace's desk token> (rotated on the settings page; see server/domains/workspace/desk-token.ts), JSON body {profile?, agentEmail?}. Closing a closed conversation is a
 * 200 no-op, so the desk may retry freely. An unknown conversation and a wrong token both answer
 * 404, so the endpoint does not reveal which conversation ids exist.
 */
export async function handleDeskClose(req: Request, id: string): Promise<Response> {
  if (!z.uuid().safeParse(id).success) return json(404, { error: "No such conversation" });
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.get("authorization") ?? "")?.[1]?.trim();
  if (!bearer) return json(401, { error: "Send the workspace's desk token as Authorization: Bearer <token>" });

  const db = await getDb();
  const workspaceId = await findConversationWorkspace(db, id);
  const proof = workspaceId ? await deskTokenProof(db, workspaceId, bearer) : null;
  if (!workspaceId || !proof || !sameSecret(proof.presented, proof.expected))
    return json(404, { error: "No such conversation for this token" });

  const raw = await req.text();
  if (raw.length > MAX_BODY) return json(413, { error: "The body is larger than 16 KB" });
  let body: unknown = {};
  if (raw.trim()) {
    try {
      body = JSON.parse(raw);
    } catch {
      return json(400, { error: "The body is not JSON" });
    }
  }
  const parsed = deskCloseBody.safeParse(body);
  if (!parsed.success) return json(400, { error: z.prettifyError(parsed.error) });

  try {
    const result = await closeConversation(
      db,
      { kind: "desk", workspaceId, agentEmail: parsed.data.agentEmail ?? null },
      { id, profile: parsed.data.profile },
    );
    return json(200, { id, closed: result.closed, alreadyClosed: !result.closed, caseSync: result.caseSync });
  } catch (error) {
    return domainErrorResponse(error);
  }
}
