import { createReadStream } from "node:fs";

/**
 * One record of a CSV file. `line` is the file's line on which the record starts (the header is
 * line 1), so a record whose quoted field holds a line break still reports the line a person
 * sees in an editor. `next` is where the following record starts, so a later read can resume
 * there without parsing the file again.
 */
export type CsvRecord = { line: number; fields: string[]; next: CsvPosition; problem?: string };
export type CsvPosition = { offset: number; line: number };

export const CSV_START: CsvPosition = { offset: 0, line: 1 };
// A runaway quote would otherwise read the rest of a 200 MB file into one row, and a line of
// commas would make a row of a million columns.
export const MAX_RECORD_BYTES = 1024 * 1024;
export const MAX_FIELDS = 500;

export class CsvError extends Error {
  constructor(
    public readonly line: number,
    message: string,
  ) {
    super(message);
    this.name = "CsvError";
  }
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;

/**
 * RFC 4180 CSV, parsed over bytes: quoted fields with "" for a quote and line breaks inside,
 * CRLF or LF line ends, a UTF-8 byte order mark at the start, blank lines skipped. Working on
 * bytes keeps exact offsets for resuming, and is safe for UTF-8 because no byte of a multi-byte
 * character equals a quote, comma or line break. Text after a closing quote is kept, and the
 * record says so in `problem`.
 */
export class CsvParser {
  private offset: number;
  private line: number;
  private recordLine: number;
  private recordStart: number;
  private fields: string[] = [];
  private parts: Buffer[] = [];
  private quoted = false;
  private inQuotes = false;
  private quotePending = false;
  private problem: string | undefined;
  private bomChecked: boolean;

  constructor(start: CsvPosition = CSV_START) {
    this.offset = start.offset;
    this.line = start.line;
    this.recordLine = start.line;
    this.recordStart = start.offset;
    this.bomChecked = start.offset !== 0;
  }

  push(chunk: Buffer): CsvRecord[] {
    const records: CsvRecord[] = [];
    let i = 0;
    if (!this.bomChecked && chunk.length > 0) {
      this.bomChecked = true;
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) i = 3;
    }
    let segment = i;
    const take = (end: number) => {
      if (end > segment) this.parts.push(chunk.subarray(segment, end));
    };
    for (; i < chunk.length; i++) {
      const byte = chunk[i];
      if (this.inQuotes) {
        if (this.quotePending) {
          this.quotePending = false;
          if (byte === QUOTE) {
            // "" inside quotes: keep one quote, which is the byte at i.
            segment = i;
            continue;
          }
          this.inQuotes = false;
          // Falls through: this byte follows the closing quote.
        } else {
          if (byte === QUOTE) {
            take(i);
            segment = i + 1;
            this.quotePending = true;
          } else if (byte === LF) this.line++;
          continue;
        }
      }
      if (byte === COMMA) {
        take(i);
        this.endField();
        segment = i + 1;
      } else if (byte === LF) {
        take(i);
        this.line++;
        const record = this.endRecord(this.offset + i + 1);
        if (record) records.push(record);
        segment = i + 1;
      } else if (byte === QUOTE && this.parts.length === 0 && segment === i && !this.quoted) {
        this.quoted = true;
        this.inQuotes = true;
        segment = i + 1;
      } else if (this.quoted && byte !== CR) {
        this.problem ??= `Unexpected text after a closing quote in column ${this.fields.length + 1}`;
      }
    }
    take(chunk.length);
    this.offset += chunk.length;
    if (this.offset - this.recordStart > MAX_RECORD_BYTES)
      throw new CsvError(this.recordLine, "A row is longer than 1 MB: check for a quote that is never closed");
    return records;
  }

  /** The last record when the file does not end with a line break. */
  end(): CsvRecord[] {
    if (this.inQuotes && !this.quotePending)
      throw new CsvError(this.recordLine, "A quoted field is never closed: the row runs to the end of the file");
    this.inQuotes = false;
    const record = this.endRecord(this.offset);
    return record ? [record] : [];
  }

  private endField() {
    if (this.fields.length >= MAX_FIELDS)
      throw new CsvError(this.recordLine, `A row has more than ${MAX_FIELDS} columns: check the separator`);
    let value = Buffer.concat(this.parts);
    // The CR of a CRLF line end, outside quotes.
    if (!this.inQuotes && value.length > 0 && value[value.length - 1] === CR)
      value = value.subarray(0, value.length - 1);
    this.fields.push(value.toString("utf8"));
    this.parts = [];
    this.quoted = false;
    this.inQuotes = false;
    this.quotePending = false;
  }

  private endRecord(nextOffset: number): CsvRecord | null {
    // A blank line, or one with only the CR of a CRLF.
    const empty =
      this.fields.length === 0 &&
      !this.quoted &&
      this.parts.every((p) => p.length === 0 || (p.length === 1 && p[0] === CR));
    const record: CsvRecord | null = empty
      ? null
      : { line: this.recordLine, fields: [], next: { offset: nextOffset, line: this.line } };
    if (record) {
      this.endField();
      record.fields = this.fields;
      if (this.problem) record.problem = this.problem;
    } else {
      this.parts = [];
    }
    this.fields = [];
    this.problem = undefined;
    this.recordLine = this.line;
    this.recordStart = nextOffset;
    return record;
  }
}

/** Every record of a file from `start`; stop early by breaking out of the loop. */
export async function* readCsv(file: string, start: CsvPosition = CSV_START): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser(start);
  const stream = createReadStream(file, { start: start.offset, highWaterMark: 256 * 1024 });
  try {
    for await (const chunk of stream) yield* parser.push(chunk as Buffer);
    yield* parser.end();
  } finally {
    stream.destroy();
  }
}

/** A whole CSV text at once, for tests and small inputs. */
export function parseCsv(text: string | Buffer): CsvRecord[] {
  const parser = new CsvParser();
  return [...parser.push(typeof text === "string" ? Buffer.from(text, "utf8") : text), ...parser.end()];
}
