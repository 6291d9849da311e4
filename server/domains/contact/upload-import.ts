import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { DomainError } from "../../lib/errors";
import { CsvError } from "./csv";
import { importFilePath, importsDir, readImportHeader, readImportRecords } from "./import-file";
import { insertImport, updateImport } from "./import-queries";
import { IMPORT_MAX_BYTES, IMPORT_PREVIEW_ROWS, suggestMapping } from "./import-schema";

const tooLarge = () =>
  new DomainError(
    "BAD_REQUEST",
    `The file is larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB: split it into smaller files and import each`,
    "file",
  );

/**
 * Step one of an import: the file goes to disk as it arrives (never whole in memory), then its
 * header and first rows are read for the preview and a first guess at the column mapping.
 * Nothing is imported until the mapping is confirmed (startImport).
 */
export async function uploadImport(
  db: Db,
  actor: SessionUser,
  input: { fileName: string; body: ReadableStream<Uint8Array> | null; size?: number | null },
) {
  if (!input.body) throw new DomainError("BAD_REQUEST", "Choose a CSV file to upload", "file");
  if (input.size && input.size > IMPORT_MAX_BYTES) throw tooLarge();
  const fileName = input.fileName.trim().slice(0, 200) || "contacts.csv";
  const { id } = await insertImport(db, { workspaceId: actor.workspaceId, createdBy: actor.userId, fileName });
  const file = importFilePath(id);
  try {
    await mkdir(importsDir(), { recursive: true });
    let bytes = 0;
    const limit = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done(bytes > IMPORT_MAX_BYTES ? tooLarge() : null, chunk);
      },
    });
    await pipeline(Readable.fromWeb(input.body as WebReadableStream<Uint8Array>), limit, createWriteStream(file));
    if (bytes === 0)
      throw new DomainError("BAD_REQUEST", "The file is empty: the first row must name the columns", "file");
    const { columns, dataStart } = await readImportHeader(file);
    const { records } = await readImportRecords(file, dataStart, IMPORT_PREVIEW_ROWS);
    await updateImport(db, id, { status: "ready" });
    return {
      id,
      fileName,
      columns,
      rows: records.map((r) => ({ line: r.line, fields: r.fields })),
      suggestedMapping: suggestMapping(columns),
    };
  } catch (error) {
    await rm(file, { force: true });
    const refusal =
      error instanceof CsvError
        ? new DomainError("BAD_REQUEST", `Line ${error.line}: ${error.message}`, "file")
        : error;
    const reason = refusal instanceof DomainError ? refusal.message : "The file could not be read";
    await updateImport(db, id, {
      status: "failed",
      errors: [{ line: error instanceof CsvError ? error.line : 1, field: "file", reason }],
      finishedAt: new Date(),
    });
    throw refusal;
  }
}
