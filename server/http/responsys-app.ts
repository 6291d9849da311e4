import { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { storedSettings } from "../domains/integration/settings";
import { copyService } from "../domains/responsys-app/copy-service";
import { createService } from "../domains/responsys-app/create-service";
import { deleteService } from "../domains/responsys-app/delete-service";
import { getAppStatus } from "../domains/responsys-app/get-app-status";
import { installApp } from "../domains/responsys-app/install-app";
import { invokeService } from "../domains/responsys-app/invoke-service";
import { openAppConfiguration } from "../domains/responsys-app/open-app-configuration";
import { openServiceConfiguration } from "../domains/responsys-app/open-service-configuration";
import {
  deleteExpiredTokenIds,
  findAppIntegration,
  recordTokenId,
  type AppIntegration,
} from "../domains/responsys-app/queries";
import { saveAppConfiguration } from "../domains/responsys-app/save-app-configuration";
import { saveServiceConfiguration } from "../domains/responsys-app/save-service-configuration";
import {
  appEndpointPaths,
  installBody,
  installIdBody,
  invokeTarget,
  saveConfigurationBody,
  serviceConfigureBody,
  serviceCopyBody,
  serviceCreateBody,
  serviceIdBody,
  serviceSaveConfigurationBody,
  type AppEndpointPath,
} from "../domains/responsys-app/schema";
import { uninstallApp } from "../domains/responsys-app/uninstall-app";
import { JwtError, verifyHs256 } from "../lib/jwt";
import { readBodyWithin } from "./body";
import { domainErrorResponse } from "./errors";

// Inline invoke rows make the largest bodies; Responsys documents no limit [assumed].
const MAX_APP_CALL_BYTES = 4 * 1024 * 1024;
// A token is accepted up to 30 s past its exp (lib/jwt.ts); its id is kept at least that long.
const JTI_KEEP_MS = 30_000;

const json = (status: number, body: unknown) => Response.json(body, { status });
const ok = (body: unknown) => json(200, body);
const seeOther = (location: string) => new Response(null, { status: 303, headers: { location } });

type Prepared =
  { error: string; field: string | undefined } | { run: (db: Db, app: AppIntegration) => Promise<Response> };

/** An endpoint: its body schema, then the use case. A body that fails the schema runs nothing. */
function endpoint<T>(
  schema: z.ZodType<T>,
  run: (db: Db, app: AppIntegration, input: T, raw: unknown) => Promise<Response>,
) {
  return (raw: unknown): Prepared => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return { run: (db, app) => run(db, app, parsed.data, raw) };
    const issues = parsed.error.issues;
    return {
      error: issues.map((i) => (i.path.length ? `${i.path.join(".")}: ${i.message}` : i.message)).join("; "),
      field: issues[0]?.path.join("."),
    };
  };
}

const endpoints: Record<AppEndpointPath, (raw: unknown) => Prepared> = {
  "/install": endpoint(installBody, async (db, app, body) => ok(await installApp(db, app, body))),
  "/uninstall": endpoint(installIdBody, async (db, app, body) => ok(await uninstallApp(db, app, body))),
  "/configure": endpoint(installIdBody, async (db, app, body) => seeOther(await openAppConfiguration(db, app, body))),
  "/save-configuration": endpoint(saveConfigurationBody, async (db, app, body) =>
    ok(await saveAppConfiguration(db, app, body)),
  ),
  "/status": endpoint(installIdBody, async (db, app, body) => ok(await getAppStatus(db, app, body))),
  "/service/create": endpoint(serviceCreateBody, async (db, app, body) => ok(await createService(db, app, body))),
  "/service/configure": endpoint(serviceConfigureBody, async (db, app, body) =>
    seeOther(await openServiceConfiguration(db, app, body)),
  ),
  "/service/save-configuration": endpoint(serviceSaveConfigurationBody, async (db, app, body) =>
    ok(await saveServiceConfiguration(db, app, body)),
  ),
  "/service/copy": endpoint(serviceCopyBody, async (db, app, body) => ok(await copyService(db, app, body))),
  "/service/delete": endpoint(serviceIdBody, async (db, app, body) => ok(await deleteService(db, app, body))),
  "/service/invoke": endpoint(invokeTarget, async (db, app, target, raw) => {
    const answer = await invokeService(db, app, target, raw);
    return json(answer.status, answer.body);
  }),
};

/**
 * The token and JSON body of a call: `Authorization: Bearer` with a JSON body, or, for the
 * configure pages AMS opens in a frame by posting a form (a frame cannot send a header), the
 * form fields `jwt` and `body` (JSON text) [assumed transport, see the issue 6 contract].
 */
function readCall(req: Request, raw: string): { token: string | null; body: unknown } | { error: string } {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.get("authorization") ?? "")?.[1] ?? null;
  const form = (req.headers.get("content-type") ?? "").startsWith("application/x-www-form-urlencoded")
    ? new URLSearchParams(raw)
    : null;
  const text = form ? (form.get("body") ?? "") : raw;
  try {
    return { token: form?.get("jwt") ?? bearer, body: text.trim() ? JSON.parse(text) : {} };
  } catch {
    return { error: form ? "body: the form field is not JSON" : "The body is not JSON" };
  }
}

/**
 * One call from Responsys App Management to the app integration in the URL: every call must
 * carry an HS256 token signed with that integration's token secret, for its token key, not
 * expired, with an id not seen before. A refused call (401, `{ error }`) or a body that fails
 * its endpoint's schema (400, naming the field) changes nothing.
 */
export async function handleResponsysAppRequest(
  req: Request,
  params: { integrationId: string; path: string[] },
  now = new Date(),
): Promise<Response> {
  const path = `/${params.path.join("/")}`;
  const prepare = (appEndpointPaths as readonly string[]).includes(path) ? endpoints[path as AppEndpointPath] : null;
  if (!prepare || !z.uuid().safeParse(params.integrationId).success)
    return json(404, { error: "No such app endpoint" });
  const db = await getDb();
  const app = await findAppIntegration(db, params.integrationId);
  if (!app || app.uninstalledAt) return json(404, { error: "No such app endpoint" });
  if (app.status === "disabled") return json(403, { error: "This app is disabled in Switchboard" });

  const raw = await readBodyWithin(req, MAX_APP_CALL_BYTES);
  if (raw === null) return json(413, { error: `Calls larger than ${MAX_APP_CALL_BYTES} bytes are refused` });
  const call = readCall(req, raw);
  if ("error" in call) return json(400, { error: call.error });
  if (!call.token) return json(401, { error: "Send the token as Authorization: Bearer <JWT>", reason: "no_token" });

  const { tokenKey, tokenSecret } = storedSettings("responsys_app", app.config, app.secrets);
  let jti: string;
  let exp: number;
  try {
    ({ jti, exp } = verifyHs256(call.token, tokenSecret, { audience: tokenKey, now }));
  } catch (error) {
    if (error instanceof JwtError) return json(401, { error: error.message, reason: error.reason });
    throw error;
  }
  const prepared = prepare(call.body);
  if ("error" in prepared) return json(400, { error: prepared.error, field: prepared.field });
  if (!(await recordTokenId(db, jti, new Date(exp * 1000 + JTI_KEEP_MS))))
    return json(401, { error: "This token was used before (replayed jti)", reason: "replayed" });
  // Only unexpired ids stay (about a minute and a half of calls), so this is cheap every time.
  await deleteExpiredTokenIds(db, now);

  try {
    return await prepared.run(db, app);
  } catch (error) {
    return domainErrorResponse(error);
  }
}

/** AMS may probe any endpoint with OPTIONS. */
export function answerAppProbe(): Response {
  return new Response(null, { status: 204, headers: { allow: "POST, OPTIONS" } });
}
