import type { NextConfig } from "next";
// Parsing the environment here fails the build, not the first request, when it is wrong.
import "./server/env";

const config: NextConfig = {
  // PGlite loads its WASM and data files relative to its own module, and ssh2 may load
  // optional native modules: keep them unbundled.
  serverExternalPackages: ["@electric-sql/pglite", "ssh2", "ssh2-sftp-client"],
  poweredByHeader: false,
  allowedDevOrigins: ["127.0.0.1"],
  // The dev badge sits in the corner over the sidebar's "Sign out".
  devIndicators: false,
  // `next dev` logs every request: the Inngest dev server's calls (several a second) and vendor
  // callbacks (one per delivery report, with the integration's token in the URL) would bury the
  // portal's own lines. Their failures are logged by the portal itself.
  logging: { incomingRequests: { ignore: [/^\/api\/inngest/, /^\/api\/webhooks\//] } },
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
          // Browsers keep to https for two years once they saw the portal over https; over
          // http (a laptop) they ignore the header. The Content-Security-Policy is proxy.ts's.
          ...(process.env.NODE_ENV === "production"
            ? [{ key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" }]
            : []),
        ],
      },
    ];
  },
};

export default config;
