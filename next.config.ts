import type { NextConfig } from "next";
// Parsing the environment here fails the build, not the first request, when it is wrong.
import "./server/env";

const config: NextConfig = {
  // PGlite loads its WASM and data files relative to its own module, and ssh2 may load
  // optional native modules: keep them unbundled.
  serverExternalPackages: ["@electric-sql/pglite", "ssh2", "ssh2-sftp-client"],
  poweredByHeader: false,
  allowedDevOrigins: ["127.0.0.1"],
  // The Responsys jobs area was at /activity: old bookmarks and links still land on it.
  async redirects() {
    return [{ source: "/activity/:path*", destination: "/responsys-jobs/:path*", permanent: true }];
  },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
      // No page may be framed, except the Responsys CX app's configuration pages, whose
      // framing policy proxy.ts sets (two policies would both apply, and 'none' would win).
      {
        source: "/:path((?!responsys-app(?:/|$)).*)",
        headers: [{ key: "Content-Security-Policy", value: "frame-ancestors 'none'" }],
      },
    ];
  },
};

export default config;
