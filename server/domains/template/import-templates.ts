import type { Db } from "@/db/client";
import type { SessionUser } from "../../auth/sessions";
import { writeAudit } from "../../lib/audit";
import { DomainError } from "../../lib/errors";
import { CsvError, CsvParser } from "../contact/csv";
import { findHandKeptIntegration, hsmChanged, hsmValues } from "./hsm-codes";
import { findStoredTemplatesForUpdate, insertTemplate, updateTemplateRow } from "./queries";
import { hsmCodeFields, type HsmCodeFields } from "./schema";

const MAX_LINES = 2_000;
const MAX_ERRORS_SHOWN = 20;
const REQUIRED = ["code", "language", "category", "body"] as const;
// The file's column for each field, so an error names what the person sees in the sheet.
const COLUMN_OF: Record<string, string> = {
  name: "code",
  language: "language",
  category: "category",
  body: "body",
  status: "status",
};

type Row = { line: number; fields: HsmCodeFields };

/** Each line of the file read and checked on its own: every problem as "line N, column: why". */
export function parseHsmCsv(csv: string): { rows: Row[]; errors: string[] } {
  const parser = new CsvParser();
  let records;
  try {
    records = [...parser.push(Buffer.from(csv, "utf8")), ...parser.end()];
  } catch (error) {
    if (error instanceof CsvError) return { rows: [], errors: [`line ${error.line}: ${error.message}`] };
    throw error;
  }
  const [header, ...lines] = records;
  if (!header) return { rows: [], errors: ["the file is empty"] };
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const missing = REQUIRED.filter((c) => !names.includes(c));
  if (missing.length > 0)
    return {
      rows: [],
      errors: [
        `line 1: the header must name the columns code, language, category, body (and status, optional); missing ${missing.join(", ")}`,
      ],
    };
  if (lines.length === 0) return { rows: [], errors: ["the file holds no HSM codes under its header"] };
  if (lines.length > MAX_LINES) return { rows: [], errors: [`import at most ${MAX_LINES} HSM codes at a time`] };

  const rows: Row[] = [];
  const errors: string[] = [];
  const seen = new Map<string, number>();
  for (const record of lines) {
    if (record.problem) {
      errors.push(`line ${record.line}: ${record.problem}`);
      continue;
    }
    const cell = (column: string) => record.fields[names.indexOf(column)]?.trim() ?? "";
    const parsed = hsmCodeFields.safeParse({
      name: cell("code"),
      language: cell("language"),
      category: cell("category").toUpperCase(),
      body: cell("body"),
      // An HSM code listed in Wavy's HSM screen is approved unless the sheet says otherwise.
      status: names.includes("status") && cell("status") ? cell("status").toUpperCase() : "APPROVED",
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        errors.push(`line ${record.line}, ${COLUMN_OF[String(issue.path[0])] ?? "line"}: ${issue.message}`);
      continue;
    }
    const key = `${parsed.data.name}\u0000${parsed.data.language}`;
    const earlier = seen.get(key);
    if (earlier) {
      errors.push(
        `line ${record.line}, code: ${parsed.data.name} (${parsed.data.language}) is already on line ${earlier}`,
      );
      continue;
    }
    seen.set(key, record.line);
    rows.push({ line: record.line, fields: parsed.data });
  }
  return { rows, errors };
}

/**
 * An admin imports HSM codes from a CSV (code, language, category, body, status). Every line is
 * checked first and any bad line refuses the whole file, naming each line, column and reason,
 * so nothing changes. A good file adds new codes, edits changed ones (as updateTemplate would)
 * and brings retired ones back.
 */
export async function importTemplates(db: Db, actor: SessionUser, input: { integrationId: string; csv: string }) {
  const integration = await findHandKeptIntegration(db, actor, input.integrationId);
  const { rows, errors } = parseHsmCsv(input.csv);
  if (errors.length > 0) {
    const shown = errors.slice(0, MAX_ERRORS_SHOWN).join("; ");
    const more = errors.length > MAX_ERRORS_SHOWN ? `; and ${errors.length - MAX_ERRORS_SHOWN} more` : "";
    throw new DomainError(
      "BAD_REQUEST",
      `Nothing was imported. Fix ${errors.length === 1 ? "this" : `these ${errors.length} problems`}: ${shown}${more}`,
      "csv",
    );
  }
  const now = new Date();
  return db.transaction(async (tx) => {
    const stored = new Map(
      (await findStoredTemplatesForUpdate(tx, integration.id)).map((s) => [`${s.name}\u0000${s.language}`, s]),
    );
    const result = { added: 0, updated: 0, unchanged: 0 };
    for (const { fields } of rows) {
      const values = hsmValues(fields);
      const existing = stored.get(`${fields.name}\u0000${fields.language}`);
      if (!existing) {
        await insertTemplate(tx, integration.id, { name: fields.name, language: fields.language, ...values }, now);
        result.added++;
      } else if (existing.retiredAt || hsmChanged(existing, values)) {
        await updateTemplateRow(tx, existing.id, {
          ...values,
          retiredAt: null,
          editedAt: now,
          ...(existing.status !== values.status ? { statusChangedAt: now } : {}),
        });
        result.updated++;
      } else result.unchanged++;
    }
    await writeAudit(tx, {
      workspaceId: actor.workspaceId,
      actorUserId: actor.userId,
      action: "template.import",
      targetType: "integration",
      targetId: integration.id,
      details: { ...result, codes: rows.map((r) => `${r.fields.name}:${r.fields.language}`) },
    });
    return result;
  });
}
