import type { SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";

/** The rows of a raw query: postgres.js answers with the rows, PGlite with { rows }. */
export async function rowsOf<T>(runner: Db | Tx, query: SQL): Promise<T[]> {
  const result: unknown = await runner.execute(query);
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}
