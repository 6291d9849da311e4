import { uploadImport } from "../domains/contact/upload-import";
import { createContext } from "../trpc/init";
import { domainErrorResponse } from "./errors";

/**
 * Step one of a CSV import: the file is the raw request body (Content-Type text/csv), streamed
 * to disk rather than parsed from multipart form data, which would hold a 200 MB file in memory.
 * The file name comes in ?name=. Answers with the import id, the header, the first rows and a
 * suggested mapping; tRPC's contact.importStart takes it from there. Both roles may import.
 */
export async function handleContactImportUpload(request: Request): Promise<Response> {
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
    return domainErrorResponse(error);
  }
}
