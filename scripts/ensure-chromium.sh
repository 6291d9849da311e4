#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the e2e suite (Playwright cannot download
# its own browser here). Installs it when running as root, else says what to run.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "ensure-chromium: installing Debian's chromium" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "ensure-chromium: $CHROMIUM is missing; install it with: sudo apt-get install -y chromium" >&2
exit 1
