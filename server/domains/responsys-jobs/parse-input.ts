import type { z } from "zod";
import { DomainError } from "../../lib/errors";

/** The input parsed with the schema; the first problem, with its field, as a DomainError. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new DomainError("BAD_REQUEST", issue?.message ?? "Invalid input", issue?.path.join("."));
}
