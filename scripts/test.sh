#!/usr/bin/env bash
# `npm test`: every test there is. Unit and integration tests (Vitest), then the e2e suite
# (Playwright, Debian Chromium) against the production build with the vendor sandbox and the
# Inngest dev server. Uses the embedded PGlite database unless DATABASE_URL names a
# PostgreSQL server, in which case each test file and the e2e run get fresh databases on it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

echo "== types and lint"
npx tsc --noEmit
npx eslint .

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
npx next build
node scripts/fresh-e2e-db.mjs

echo "== e2e tests"
# DATABASE_URL is for the tests above; the server under test gets E2E_DATABASE_URL.
env -u DATABASE_URL npx playwright test
