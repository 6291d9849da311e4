import drizzle from "eslint-plugin-drizzle";
import tseslint from "typescript-eslint";

// Dependencies point one way: app -> server -> db, inngest -> server -> db; nothing imports app/.
const forbid = (...groups) => [
  "error",
  {
    patterns: groups.map((g) => ({
      group: [`@/${g}/*`, `**/${g}/*`, `!./**`],
      message: `This layer may not import ${g}/.`,
    })),
  },
];

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
  { files: ["db/**"], rules: { "no-restricted-imports": forbid("app", "server", "inngest") } },
  { files: ["server/**"], rules: { "no-restricted-imports": forbid("app", "inngest") } },
  { files: ["inngest/**"], rules: { "no-restricted-imports": forbid("app") } },
  // app/ reaches data through server/; the Inngest route is the one import of inngest/.
  {
    files: ["app/**"],
    ignores: ["app/api/inngest/route.ts", "app/**/*.test.ts"],
    rules: { "no-restricted-imports": forbid("db", "inngest") },
  },
  { files: ["**/*.mjs", "**/*.config.ts"], ...tseslint.configs.disableTypeChecked },
);
