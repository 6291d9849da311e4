#!/usr/bin/env bash
# `npm test`: every test there is. Unit and integration tests (Vitest), then the e2e suite
# (Playwright, Debian Chromium) against the production build with the vendor sandbox and the
# Inngest dev server, then the campaign spec once more with Inngest in production mode
# (`inngest start`, as `npm run start:production` runs it). Uses the embedded PGlite database
# unless DATABASE_URL names a PostgreSQL server, in which case each test file and the e2e run
# get fresh databases on it. `inngest start` always needs a PostgreSQL and a Redis for its own
# state: E2E_INNGEST_POSTGRES_URI (default: database switchboard_e2e_inngest on DATABASE_URL's
# server, else on 127.0.0.1:5432) and E2E_INNGEST_REDIS_URI (default: 127.0.0.1:6379, index 15).
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

echo "== types, lint and format"
npx tsc --noEmit
npx eslint .
npx prettier --check . --log-level warn

if [ -n "${DATABASE_URL:-}" ]; then db=PostgreSQL; else db=PGlite; fi
echo "== unit and integration tests ($db)"
npx vitest run

echo "== e2e prerequisites"
bash scripts/ensure-chromium.sh
E2E_INNGEST_BIN="$(bash scripts/inngest-server.sh)"
export E2E_INNGEST_BIN
if [ -n "${DATABASE_URL:-}" ]; then
  E2E_DATABASE_URL="$(node -e 'const u = new URL(process.env.DATABASE_URL); u.pathname = "/switchboard_e2e"; console.log(u.href)')"
  export E2E_DATABASE_URL
fi
E2E_INNGEST_POSTGRES_URI="${E2E_INNGEST_POSTGRES_URI:-$(node -e 'const u = new URL(process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres"); u.pathname = "/switchboard_e2e_inngest"; console.log(u.href)')}"
E2E_INNGEST_REDIS_URI="${E2E_INNGEST_REDIS_URI:-redis://127.0.0.1:6379/15}"
export E2E_INNGEST_POSTGRES_URI E2E_INNGEST_REDIS_URI
npx next build
node scripts/fresh-e2e-db.mjs

echo "== e2e tests"
# DATABASE_URL is for the tests above; the server under test gets E2E_DATABASE_URL.
env -u DATABASE_URL npx playwright test

echo "== e2e on inngest start (production mode)"
node scripts/fresh-e2e-db.mjs
env -u DATABASE_URL npx playwright test -c playwright.production.config.ts
