import type { z } from "zod";
import type { Db } from "@/db/client";
import type { Role, SessionUser } from "../auth/sessions";
import { domainErrorResponse } from "./errors";
import { createContext } from "../trpc/init";

/**
 * A CSV file download for a route handler (a file, so not tRPC): the session and database as
 * tRPC's procedures get them, the input (route params, or query filters) checked, then the use
 * case's chunks streamed page by page so a large export never sits in memory.
 */
export async function csvDownload<T>(
  params: unknown,
  options: {
    input: z.ZodType<T>;
    /** Only this role may download; both roles when unset. */
    role?: Role;
    /** The answer to input that does not parse: 404 for an id, 400 with the reason for filters. */
    invalid: { status: 400 | 404; message?: string };
    open: (db: Db, user: SessionUser, input: T) => Promise<AsyncGenerator<string>>;
    fileName: (input: T) => string;
  },
): Promise<Response> {
  const { db, user } = await createContext();
  if (!user) return Response.json({ error: "Sign in to continue" }, { status: 401 });
  if (options.role && user.role !== options.role)
    return Response.json({ error: "Only admins can do this" }, { status: 403 });
  const parsed = options.input.safeParse(params);
  if (!parsed.success)
    return Response.json(
      { error: options.invalid.message ?? parsed.error.issues[0]?.message ?? "Invalid request" },
      { status: options.invalid.status },
    );
  const input = parsed.data;

  let chunks: AsyncGenerator<string>;
  try {
    chunks = await options.open(db, user, input);
  } catch (error) {
    return domainErrorResponse(error);
  }

  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${options.fileName(input)}"`,
      // Personal data: never kept by a shared cache or the browser's.
      "cache-control": "no-store",
    },
  });
}
