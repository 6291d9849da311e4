import type { z } from "zod";
import type { Db } from "@/db/client";
import type { SessionUser } from "../auth/sessions";
import { domainErrorResponse } from "./errors";
import { createContext } from "../trpc/init";

/**
 * A CSV file download for a route handler (a file, so not tRPC): the session and database as
 * tRPC's procedures get them, the id checked, then the use case's chunks streamed page by page
 * so a large export never sits in memory.
 */
export async function csvDownload(
  params: unknown,
  options: {
    input: z.ZodType<{ id: string }>;
    notFound: string;
    open: (db: Db, user: SessionUser, id: string) => Promise<AsyncGenerator<string>>;
    fileName: (id: string) => string;
  },
): Promise<Response> {
  const { db, user } = await createContext();
  if (!user) return Response.json({ error: "Sign in to continue" }, { status: 401 });
  const parsed = options.input.safeParse(params);
  if (!parsed.success) return Response.json({ error: options.notFound }, { status: 404 });
  const { id } = parsed.data;

  let chunks: AsyncGenerator<string>;
  try {
    chunks = await options.open(db, user, id);
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
      "content-disposition": `attachment; filename="${options.fileName(id)}"`,
      // Personal data: never kept by a shared cache or the browser's.
      "cache-control": "no-store",
    },
  });
}
