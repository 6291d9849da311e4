import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { signHs256 } from "../../lib/jwt";
import { vendorFetch } from "../http";
import { anyAnswer, errorBody, exportPage, mergeAnswer, type ImportBody } from "./wire";

/**
 * The calls a Responsys CX app makes back to Responsys during an invoke (§4 of
 * docs/vendors/responsys.md): pull a page of rows, push a batch of results, signal completion. Each
 * is signed with the install secret the invoke carried.
 */
export type InvocationContext = {
  appId: string;
  installId: string;
  instanceId: string;
  tenantId: string;
  secret: string;
};
export type Endpoint = { url: string; method: string };

const TOKEN_TTL_SECONDS = 60;

/** A fresh token per call: they live 60 s, and a call may wait longer than that between retries. */
function token(context: InvocationContext): string {
  const iat = Math.floor(Date.now() / 1000);
  return signHs256(
    {
      iss: context.appId,
      sub: context.installId,
      aud: context.instanceId,
      iat,
      exp: iat + TOKEN_TTL_SECONDS,
      "o.a.p.ctenantId": context.tenantId,
      jti: randomUUID(),
    },
    context.secret,
  );
}

function describeError(action: string, status: number, body: unknown) {
  const parsed = errorBody.safeParse(body);
  const said = parsed.success
    ? (parsed.data.error ?? parsed.data.message ?? parsed.data.detail ?? "")
    : typeof body === "string"
      ? body.trim().slice(0, 500)
      : "";
  return { code: null, message: `${action} failed: Responsys answered HTTP ${status}${said ? `: ${said}` : ""}` };
}

export type MemberMerge = { fieldNames: string[]; records: string[][] };

/**
 * Where an installed app merges profile list members [assumed]: the invoke names no REST host,
 * so the base of the import endpoint it hands over (its URL without the trailing
 * `/import/{id}`) is taken as the host's app API, with the list merge path under it.
 */
export function mergeEndpointOf(importEndpoint: Endpoint, listName: string) {
  const url = new URL(importEndpoint.url);
  url.pathname = `${url.pathname.replace(/\/[^/]+\/[^/]+\/?$/, "")}/lists/${encodeURIComponent(listName)}/members`;
  url.search = "";
  return url.toString();
}

export function createResponsysAppClient(context: InvocationContext) {
  function call<T>(action: string, endpoint: Endpoint, schema: z.ZodType<T>, url: string, body?: unknown) {
    return vendorFetch({
      vendor: "responsys",
      url,
      method: endpoint.method.toUpperCase() as "GET" | "POST" | "PUT" | "PATCH",
      headers: { authorization: `Bearer ${token(context)}` },
      body,
      schema,
      timeoutMs: 30_000,
      describeError: (status, answer) => describeError(action, status, answer),
    });
  }

  return {
    /** Rows [offset, offset + limit) of the invoke's data set, and its total size when given. */
    async exportRows(endpoint: Endpoint, offset: number, limit: number) {
      const url = new URL(endpoint.url);
      url.searchParams.set("offset", String(offset));
      url.searchParams.set("limit", String(limit));
      const page = await call("The export page pull", endpoint, exportPage, url.toString());
      return { rows: page.dataSet.rows ?? [], size: page.dataSet.size ?? null };
    },
    /** An upsert by correlation id on Responsys's side, so sending a batch again is harmless. */
    async importRows(endpoint: Endpoint, body: ImportBody) {
      await call("The results import", endpoint, anyAnswer, endpoint.url, body);
    },
    async complete(endpoint: Endpoint) {
      await call("The completion callback", endpoint, anyAnswer, endpoint.url, { status: "COMPLETED" });
    },
    /**
     * Updates existing members of a profile list (§3.1 merge, update only, matched on one column).
     * Answers each record's RIID or its MERGEFAILED text, in order. The list merge is documented
     * for the REST API's own login; that an installed app reaches it with its install token
     * under the base of the import endpoint it was handed is [assumed] (see mergeEndpointOf).
     */
    async mergeMembers(importEndpoint: Endpoint, listName: string, matchColumn: string, merge: MemberMerge) {
      const url = mergeEndpointOf(importEndpoint, listName);
      const body = {
        recordData: { fieldNames: merge.fieldNames, records: merge.records, mapTemplateName: null },
        mergeRule: {
          insertOnNoMatch: false,
          updateOnMatch: "REPLACE_ALL",
          matchColumnName1: matchColumn,
          matchColumnName2: null,
          matchOperator: "NONE",
        },
      };
      const answer = await call("The profile list merge", { url, method: "POST" }, mergeAnswer, url, body);
      return answer.recordData.records.map(([value]) => value ?? "");
    },
  };
}
