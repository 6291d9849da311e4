/**
 * First-load JavaScript per page route of the production build in .next, gzipped, next to the
 * blank error page of the same build (Next.js's global-error page: the framework and the root
 * layout, nothing of ours).
 *
 *   npx next build && npm run bench:first-load
 *
 * A route's first load is the build's root scripts (build-manifest.json rootMainFiles) and
 * every script its client reference manifest lists for the route's layouts and page
 * (entryJSFiles), each file counted once. The legacy polyfills (nomodule) are left out:
 * browsers the portal supports never load them.
 * The last line is `first-load-js routes=<n> blank_kb=<x> worst_kb=<y> worst_above_blank_kb=<z>
 * over_budget=<k>`, with the budget BUDGET_KB (default 200) and BUDGET_ABOVE_BLANK_KB
 * (default 60). Exits 1 when a route is over either.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";

const NEXT_DIR = process.env.NEXT_DIR ?? ".next";
const BUDGET_KB = Number(process.env.BUDGET_KB ?? 200);
const BUDGET_ABOVE_BLANK_KB = Number(process.env.BUDGET_ABOVE_BLANK_KB ?? 60);
const BLANK = "/_global-error/page";

type ClientManifest = { entryJSFiles: Record<string, string[]> };

const gzipped = new Map<string, number>();
function gzipBytes(file: string): number {
  let size = gzipped.get(file);
  if (size === undefined) {
    size = gzipSync(readFileSync(path.join(NEXT_DIR, file))).length;
    gzipped.set(file, size);
  }
  return size;
}

/** Every page's client reference manifest under server/app, by its app path ("/(portal)/contacts/page"). */
function clientManifests(): Map<string, ClientManifest> {
  const found = new Map<string, ClientManifest>();
  const root = path.join(NEXT_DIR, "server/app");
  for (const entry of readdirSync(root, { recursive: true, encoding: "utf8" })) {
    if (!entry.endsWith("page_client-reference-manifest.js")) continue;
    // The file assigns globalThis.__RSC_MANIFEST[<app path>]: run it in a sandbox to read it.
    const context: { __RSC_MANIFEST?: Record<string, ClientManifest> } = {};
    runInNewContext(`globalThis.self = globalThis; ${readFileSync(path.join(root, entry), "utf8")}`, context);
    for (const [appPath, manifest] of Object.entries(context.__RSC_MANIFEST ?? {})) found.set(appPath, manifest);
  }
  return found;
}

const buildManifest = JSON.parse(readFileSync(path.join(NEXT_DIR, "build-manifest.json"), "utf8")) as {
  rootMainFiles: string[];
};

function firstLoad(manifest: ClientManifest) {
  const files = new Set(buildManifest.rootMainFiles);
  for (const list of Object.values(manifest.entryJSFiles)) for (const file of list) files.add(file);
  return [...files].reduce((sum, file) => sum + gzipBytes(file), 0) / 1000;
}

const manifests = clientManifests();
const blankManifest = manifests.get(BLANK);
if (!blankManifest) {
  console.error(`No ${BLANK} in ${NEXT_DIR}: run \`npx next build\` first.`);
  process.exit(2);
}
const blank = firstLoad(blankManifest);
// "/(portal)/contacts/[id]/page" is shown as its URL, "/contacts/[id]".
const url = (appPath: string) => appPath.replace(/\/\([^)]+\)/g, "").replace(/\/page$/, "") || "/";
const rows = [...manifests]
  .filter(([appPath]) => appPath !== BLANK && !appPath.startsWith("/_"))
  .map(([appPath, manifest]) => ({ route: url(appPath), kb: firstLoad(manifest) }))
  .sort((a, b) => b.kb - a.kb);

const over = rows.filter((r) => r.kb > BUDGET_KB || r.kb - blank > BUDGET_ABOVE_BLANK_KB);
const width = Math.max(...rows.map((r) => r.route.length), 5);
console.log(`First-load JavaScript, gzip, kB (budget ${BUDGET_KB}, and ${BUDGET_ABOVE_BLANK_KB} above blank)`);
console.log(`${"route".padEnd(width)}  ${"kB".padStart(7)}  ${"+blank".padStart(7)}`);
console.log(`${"(blank error page)".padEnd(width)}  ${blank.toFixed(1).padStart(7)}  ${"0.0".padStart(7)}`);
for (const r of rows) {
  const mark = over.includes(r) ? "  over budget" : "";
  console.log(
    `${r.route.padEnd(width)}  ${r.kb.toFixed(1).padStart(7)}  ${(r.kb - blank).toFixed(1).padStart(7)}${mark}`,
  );
}
const worst = rows[0]?.kb ?? blank;
console.log(
  `first-load-js routes=${rows.length} blank_kb=${blank.toFixed(1)} worst_kb=${worst.toFixed(1)} worst_above_blank_kb=${(worst - blank).toFixed(1)} over_budget=${over.length}`,
);
process.exit(over.length > 0 ? 1 : 0);
