import type { NextConfig } from "next";
// Parsing the environment here fails the build, not the first request, when it is wrong.
import "./server/env";

const config: NextConfig = {
  // PGlite loads its WASM and data files relative to its own module: keep it unbundled.
  serverExternalPackages: ["@electric-sql/pglite"],
  poweredByHeader: false,
  allowedDevOrigins: ["127.0.0.1"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "Content-Security-Policy", value: "frame-ancestors 'none'" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default config;
