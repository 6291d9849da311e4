#!/usr/bin/env bash
# Prints the path of the pinned Inngest dev server binary, providing it first when needed.
# Order: $INNGEST_BIN if set; a cached build; the npm package's binary; else build it from
# the Go module proxy. The module's go.mod carries a `replace`, so `go install` refuses it:
# we download the module source and `go build ./cmd` inside it. The binary lives in a cache
# outside the repository and is never committed.
set -euo pipefail

VERSION="${INNGEST_SERVER_VERSION:-1.45.1}"
CACHE="${INNGEST_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard/inngest}"
BIN="$CACHE/inngest-$VERSION"

if [ -n "${INNGEST_BIN:-}" ] && [ -x "$INNGEST_BIN" ]; then echo "$INNGEST_BIN"; exit 0; fi
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

root="$(cd "$(dirname "$0")/.." && pwd)"
npm_bin="$root/node_modules/inngest-cli/bin/inngest"
if [ -x "$npm_bin" ] && "$npm_bin" version >/dev/null 2>&1; then echo "$npm_bin"; exit 0; fi

command -v go >/dev/null || { echo "inngest-server: Go is needed to build the Inngest dev server" >&2; exit 1; }
mkdir -p "$CACHE"
echo "inngest-server: building github.com/inngest/inngest@v$VERSION (first run only, takes minutes)" >&2
info="$(cd "$CACHE" && GOFLAGS=-mod=mod go mod download -json "github.com/inngest/inngest@v$VERSION" 2>&1)" || {
  echo "inngest-server: the Go module proxy did not provide github.com/inngest/inngest@v$VERSION:" >&2
  echo "$info" | sed -n 's/^[[:space:]]*"Error": "\(.*\)"$/  \1/p' >&2
  echo "inngest-server: set INNGEST_BIN to an Inngest dev server binary to use that instead." >&2
  exit 1
}
dir="$(echo "$info" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
tmp="$BIN.tmp.$$"
(cd "$dir" && CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp" ./cmd) >&2
mv "$tmp" "$BIN"
echo "$BIN"
