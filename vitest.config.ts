import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // Tests run outside React Server Components, where the real marker module throws.
      "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "node",
    include: ["{server,inngest,app,db,scripts}/**/*.test.ts"],
    setupFiles: ["./vitest.setup.ts"],
    // next-auth imports "next/server" without an extension, which Node's ESM loader refuses;
    // letting Vite transform it resolves the import the way Next.js does.
    server: { deps: { inline: ["next-auth"] } },
    // Each test file gets its own database (see vitest.setup.ts); files run in parallel.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
