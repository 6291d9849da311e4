#!/usr/bin/env bash
# Prints the path of the pinned Inngest server binary (`inngest dev`, and `inngest start` for
# production), providing it first when needed.
# Order: $INNGEST_BIN if set; a cached build; else build it from the Go module proxy (the
# inngest-cli npm package only downloads its binary from hosts this network cannot reach).
# The module's go.mod carries a `replace`, so `go install` refuses it: we download the module
# source and `go build ./cmd` inside it. The binary lives in a cache outside the repository
# and is never committed.
set -euo pipefail

# 1.44.0 is the newest release the Go module proxy serves here (most tags answer 403); it
# speaks the protocol of the pinned SDK (inngest@4).
VERSION="${INNGEST_SERVER_VERSION:-1.44.0}"
CACHE="${INNGEST_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard/inngest}"
BIN="$CACHE/inngest-$VERSION"

if [ -n "${INNGEST_BIN:-}" ] && [ -x "$INNGEST_BIN" ]; then echo "$INNGEST_BIN"; exit 0; fi
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi

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
# The module zip leaves out website/pages/docs, which internal/embeddocs embeds with a
# pattern that must match a file; build from a writable copy with a one-line stand-in.
src="$CACHE/src-$VERSION"
rm -rf "$src" && cp -r "$dir" "$src" && chmod -R u+w "$src"
mkdir -p "$src/internal/embeddocs/website/pages/docs"
echo "Documentation is not bundled in this build." >"$src/internal/embeddocs/website/pages/docs/README.md"
tmp="$BIN.tmp.$$"
(cd "$src" && CGO_ENABLED=0 GOFLAGS=-mod=mod go build -trimpath -ldflags "-s -w" -o "$tmp" ./cmd) >&2
rm -rf "$src"
mv "$tmp" "$BIN"
echo "$BIN"
