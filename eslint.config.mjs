import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

// Layers, as regular expressions over the import string (relative or "@/" alike), each with
// the reason. A file gets every zone of its layer: ESLint keeps one setting per rule, so a
// narrower layer repeats the wider one's zones. Tests may reach across (fixtures, sandboxes).
const zone = (message, ...regexes) => regexes.map((regex) => ({ regex, message }));
const zones = {
  app: zone("Nothing imports app/.", "^(\\.\\./)+app/", "^@/app/"),
  inngest: zone("Only app/api/inngest/route.ts imports inngest/.", "^(\\.\\./)+inngest/", "^@/inngest/"),
  server: zone("db/ imports nothing above it.", "^(\\.\\./)+server/", "^@/server/"),
  db: zone("app/ reaches data through server/.", "^(\\.\\./)+db/", "^@/db/"),
  lib: zone(
    "server/lib is the bottom of server/: it imports nothing else of it (server/env aside).",
    "^\\.\\./(?!env$)",
    "^@/server/(?!lib/|env$)",
  ),
  vendors: zone(
    "Vendor modules know their vendor, not Switchboard's domains, data or edges.",
    "^(\\.\\./)+(db|domains|trpc|http|webhooks|jobs|auth)/",
    "^@/(db|server/(domains|trpc|http|webhooks|jobs|auth))/",
  ),
  sandbox: zone(
    "The sandbox stands alone (server/env aside): it shares no code with what it fakes.",
    "^\\.\\./(?!env$)",
    "^@/",
  ),
  edges: zone(
    "Domains hold the rules; tRPC and HTTP are edges that call them.",
    "^(\\.\\./)+(trpc|http)/",
    "^@/server/(trpc|http)/",
  ),
  queries: zone(
    "A domain's queries are its own: call its use cases or its public read file.",
    "^\\.\\./[^/]+/[^/]*queries$",
    "^@/server/domains/[^/]+/[^/]*queries$",
  ),
};
const layer = (...names) => ["error", { patterns: names.flatMap((name) => zones[name]) }];
const tests = ["**/*.test.ts", "**/*.test.tsx"];

export default tseslint.config(
  { ignores: [".next/**", "node_modules/**", ".data/**", "test-results/**", "next-env.d.ts", "db/migrations/**"] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { drizzle },
    rules: {
      // An update or delete without a where clause touches every row.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  { files: ["db/**"], rules: { "no-restricted-imports": layer("app", "inngest", "server") } },
  { files: ["server/**"], rules: { "no-restricted-imports": layer("app", "inngest") } },
  { files: ["server/lib/**"], ignores: tests, rules: { "no-restricted-imports": layer("app", "inngest", "lib") } },
  {
    files: ["server/vendors/**"],
    ignores: tests,
    rules: { "no-restricted-imports": layer("app", "inngest", "vendors") },
  },
  { files: ["server/sandbox/**"], ignores: tests, rules: { "no-restricted-imports": layer("sandbox") } },
  {
    files: ["server/domains/**"],
    ignores: tests,
    rules: { "no-restricted-imports": layer("app", "inngest", "edges", "queries") },
  },
  // inngest/ reaches data through use cases.
  { files: ["inngest/**"], ignores: tests, rules: { "no-restricted-imports": layer("app", "queries") } },
  // app/ reaches data through server/; the Inngest route is the one import of inngest/.
  {
    files: ["app/**"],
    ignores: ["app/api/inngest/route.ts", ...tests],
    rules: { "no-restricted-imports": layer("db", "inngest", "queries") },
  },
  // e2e/fixtures/test.ts checks every page a spec visits for accessibility, so specs take their test from it.
  {
    files: ["e2e/**/*.spec.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@playwright/test",
              importNames: ["test"],
              message: "Import test from e2e/fixtures/test: it checks each visited page with axe.",
            },
          ],
        },
      ],
    },
  },
  { files: ["**/*.mjs", "**/*.config.ts"], ...tseslint.configs.disableTypeChecked },
);
