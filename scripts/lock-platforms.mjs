// Keeps package-lock.json usable by `npm ci` on this workplace's npm registry, which serves
// only the Linux builds of platform-specific packages (darwin/win32/android builds answer
// 404). npm then leaves those optional dependencies out of the lock, and `npm ci` refuses a
// lock that does not name every optional dependency. Each missing one is recorded as an
// optional entry with its version: npm skips it on install, exactly as before.
// Runs as the root package's postinstall, so every `npm install` leaves the lock ready.
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages ?? {};
let added = 0;
for (const [key, meta] of Object.entries(packages)) {
  for (const [name, range] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = key ? `${key}/node_modules/${name}` : `node_modules/${name}`;
    if (packages[nested] || packages[`node_modules/${name}`]) continue;
    packages[`node_modules/${name}`] = { version: range.replace(/^[\^~=]/, ""), optional: true };
    added++;
  }
}
if (added > 0) writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
