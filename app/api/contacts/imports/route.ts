import { uploadImport } from "@/server/domains/contact/upload-import";
import { DomainError } from "@/server/lib/errors";
import { createContext } from "@/server/trpc/init";

const statusOf = { BAD_REQUEST: 400, FORBIDDEN: 403, NOT_FOUND: 404, CONFLICT: 409 } as const;

/**
 * Step one of a CSV import: the file is the raw request body (Content-Type text/csv), streamed
 * to disk rather than parsed from multipart form data, which would hold a 200 MB file in memory.
 * The file name comes in ?name=. Answers with the import id, the header, the first rows and a
 * suggested mapping; tRPC's contact.importStart takes it from there. Both roles may import.
 */
export async function POST(request: Request) {
  // The same request context tRPC procedures get: the database and the session's user.
  const { db, user } = await createContext();
  if (!user) return Response.json({ error: "Sign in to continue" }, { status: 401 });
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/")) {
    return Response.json(
      { error: "Send the file itself as the request body, with Content-Type text/csv" },
      { status: 415 },
    );
  }
  const size = Number(request.headers.get("content-length") ?? "") || null;
  try {
    const preview = await uploadImport(db, user, {
      fileName: new URL(request.url).searchParams.get("name") ?? "",
      body: request.body,
      size,
    });
    return Response.json(preview, { status: 201 });
  } catch (error) {
    if (error instanceof DomainError)
      return Response.json({ error: error.message, field: error.field }, { status: statusOf[error.code] });
    throw error;
  }
}
