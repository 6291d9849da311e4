import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";

/**
 * A local secret kept in DATA_DIR (ignored by git), made on first use. Used only when the
 * matching environment variable is unset, so a laptop works with zero setup.
 */
export function localSecret(name: string, make: () => string = () => randomBytes(32).toString("base64")): string {
  const dir = path.resolve(env.DATA_DIR);
  const file = path.join(dir, `${name}.secret`);
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    const value = make();
    // "wx" fails if another process wrote it first; then we read theirs.
    try {
      writeFileSync(file, value, { mode: 0o600, flag: "wx" });
      return value;
    } catch {
      return readFileSync(file, "utf8").trim();
    }
  }
}
