import path from "node:path";
import { env } from "../../env";
import { DomainError } from "../../lib/errors";
import { readCsv, type CsvPosition, type CsvRecord } from "./csv";

/**
 * Uploaded files wait on local disk until the import function reads them, so the app and the
 * function it serves must share DATA_DIR (they are one Next.js process here).
 */
export const importsDir = () => path.resolve(env.DATA_DIR, "imports");
export const importFilePath = (importId: string) => path.join(importsDir(), `${importId}.csv`);

export type ImportHeader = { columns: string[]; dataStart: CsvPosition };

/** The header row and where the data starts; refuses a header the mapping could not name columns by. */
export async function readImportHeader(file: string): Promise<ImportHeader> {
  for await (const record of readCsv(file)) {
    const columns = record.fields.map((c) => c.trim());
    // Trailing empty header cells are a spreadsheet's trailing commas.
    while (columns.length > 0 && columns[columns.length - 1] === "") columns.pop();
    const blank = columns.findIndex((c) => c === "");
    if (blank >= 0)
      throw new DomainError(
        "BAD_REQUEST",
        `Column ${blank + 1} of the header row has no name: name every column`,
        "file",
      );
    const seen = new Map<string, number>();
    columns.forEach((c, i) => {
      const first = seen.get(c.toLowerCase());
      if (first !== undefined)
        throw new DomainError(
          "BAD_REQUEST",
          `Columns ${first + 1} and ${i + 1} are both named "${c}": give each column its own name`,
          "file",
        );
      seen.set(c.toLowerCase(), i);
    });
    if (columns.length === 0) break;
    return { columns, dataStart: record.next };
  }
  throw new DomainError("BAD_REQUEST", "The file is empty: the first row must name the columns", "file");
}

/** Up to `limit` data records from `start`, and where the next one starts (null at the end). */
export async function readImportRecords(
  file: string,
  start: CsvPosition,
  limit: number,
): Promise<{ records: CsvRecord[]; next: CsvPosition | null }> {
  const records: CsvRecord[] = [];
  let last = start;
  for await (const record of readCsv(file, start)) {
    records.push(record);
    last = record.next;
    if (records.length === limit) return { records, next: last };
  }
  return { records, next: null };
}

/** How many data records the file has, and where the `skip`-th one starts (null when past the end). */
export async function scanImportFile(
  file: string,
  dataStart: CsvPosition,
  skip: number,
): Promise<{ total: number; resumeAt: CsvPosition | null }> {
  let total = 0;
  let resumeAt: CsvPosition | null = skip === 0 ? dataStart : null;
  for await (const record of readCsv(file, dataStart)) {
    total++;
    if (total === skip) resumeAt = record.next;
  }
  return { total, resumeAt: skip < total ? resumeAt : null };
}
