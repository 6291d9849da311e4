import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { env } from "../../env";
import { CsvError, CsvParser, MAX_FIELDS, MAX_RECORD_BYTES, parseCsv, readCsv, type CsvRecord } from "./csv";

const rows = (text: string | Buffer) => parseCsv(text).map((r) => [r.line, ...r.fields]);

describe("CSV parser", () => {
  it("reads plain rows with LF or CRLF line ends, numbering lines from the header", () => {
    expect(rows("a,b\n1,2\n3,4\n")).toEqual([
      [1, "a", "b"],
      [2, "1", "2"],
      [3, "3", "4"],
    ]);
    expect(rows("a,b\r\n1,2\r\n3,4")).toEqual([
      [1, "a", "b"],
      [2, "1", "2"],
      [3, "3", "4"],
    ]);
  });

  it("keeps commas, escaped quotes and line breaks inside quotes, and reports the line a record starts on", () => {
    const text = 'name,note\n"Lee, Ann","said ""hi"""\n"multi\r\nline",x\nlast,"" \n';
    expect(rows(text)).toEqual([
      [1, "name", "note"],
      [2, "Lee, Ann", 'said "hi"'],
      [3, "multi\r\nline", "x"],
      [5, "last", " "],
    ]);
    expect(parseCsv(text)[3]?.problem).toBe("Unexpected text after a closing quote in column 2");
  });

  it("drops a UTF-8 byte order mark, keeps multi-byte text, and skips blank lines", () => {
    const text = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from("email,city\n\nzoë@example.com,Zürich\r\n\r\n"),
    ]);
    expect(rows(text)).toEqual([
      [1, "email", "city"],
      [3, "zoë@example.com", "Zürich"],
    ]);
  });

  it("gives the same records whatever the chunk boundaries, and offsets to resume from", () => {
    const text = Buffer.from('h1,h2\n"a ""q"" é",b\r\n"x\ny",\n€,"z"\n');
    const whole = parseCsv(text);
    for (let size = 1; size <= 7; size++) {
      const parser = new CsvParser();
      const records: CsvRecord[] = [];
      for (let i = 0; i < text.length; i += size) records.push(...parser.push(text.subarray(i, i + size)));
      records.push(...parser.end());
      expect(records).toEqual(whole);
    }
    // Resuming at a record's `next` gives the records after it, with the right line numbers.
    const resumed = new CsvParser(whole[1]?.next);
    expect([...resumed.push(text.subarray(whole[1]?.next.offset)), ...resumed.end()]).toEqual(whole.slice(2));
    expect(whole.map((r) => r.line)).toEqual([1, 2, 3, 5]);
  });

  it("refuses a quote that is never closed, naming the line it opened on", () => {
    expect(() => parseCsv('a,b\n1,"open\n2,3\n')).toThrow(CsvError);
    try {
      parseCsv('a,b\n1,2\n3,"open\n4,5\n');
    } catch (error) {
      expect(error).toMatchObject({
        line: 3,
        message: "A quoted field is never closed: the row runs to the end of the file",
      });
    }
  });

  it("refuses a row of too many columns or too many bytes, naming its line, before reading on", () => {
    expect(() => parseCsv(`a,b\n1,2\n${",".repeat(MAX_FIELDS)}\n3,4\n`)).toThrow(
      expect.objectContaining({ line: 3, message: `A row has more than ${MAX_FIELDS} columns: check the separator` }),
    );
    // A quote left open swallows the file; the row is cut off at the limit, in whatever chunks it comes.
    const parser = new CsvParser();
    parser.push(Buffer.from('a,b\n1,"open'));
    const chunk = Buffer.alloc(64 * 1024, "x");
    expect(() => {
      for (let read = 0; read <= MAX_RECORD_BYTES; read += chunk.length) parser.push(chunk);
    }).toThrow(
      expect.objectContaining({
        line: 2,
        message: "A row is longer than 1 MB: check for a quote that is never closed",
      }),
    );
  });

  it("streams a file from disk and resumes at an offset", async () => {
    const file = path.join(env.DATA_DIR, "stream.csv");
    writeFileSync(file, "a\n" + Array.from({ length: 5000 }, (_, i) => `"row ${i}"`).join("\n"));
    const all: CsvRecord[] = [];
    for await (const r of readCsv(file)) all.push(r);
    expect(all).toHaveLength(5001);
    expect(all.at(-1)).toMatchObject({ line: 5001, fields: ["row 4999"] });
    const tail: CsvRecord[] = [];
    for await (const r of readCsv(file, all[4000]?.next)) tail.push(r);
    expect(tail.map((r) => r.fields[0])).toEqual(all.slice(4001).map((r) => r.fields[0]));
  });
});
