#!/usr/bin/env bash
# Builds the case console (services/console) into services/console/dist when its sources changed:
# the stamp holds the hash of the console's sources, the typed client (libs/api-client) and
# package-lock.json. Type-checks the console (its own tsconfig: DOM, JSX), builds it with Vite and
# prints the initial JavaScript size gzipped, failing above 400 KB (infra/console-size.js).
# CONSOLE_FORCE_BUILD=1 builds even when nothing changed.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
CONSOLE_DIR=services/console
DIST="$CONSOLE_DIR/dist"
STAMP="$DIST/.build-stamp"

sources_hash() {
  { find "$CONSOLE_DIR" libs/api-client/src -type f -not -path "$DIST/*" -not -path '*/node_modules/*' | LC_ALL=C sort; echo package-lock.json; } \
    | xargs sha256sum | sha256sum | cut -d' ' -f1
}

up_to_date() { [ "${CONSOLE_FORCE_BUILD:-0}" != 1 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$hash" ]; }

hash=$(sources_hash)
if up_to_date; then
  log "console is up to date ($DIST)"
  exit 0
fi
# One build at a time in this tree (npm start beside npm test); a build that finished while this
# one waited leaves nothing to do.
mkdir -p "$ROOT/.data"
exec 7>"$ROOT/.data/console-build.lock"
flock 7
if up_to_date; then
  log "console is up to date ($DIST)"
  exit 0
fi
log "building the console (type-check, vite build)"
start=$SECONDS
npx tsc -p "$CONSOLE_DIR/tsconfig.json" --noEmit || die "the console does not type-check"
# Always a production build: npm test exports NODE_ENV=test and a shell may hold development (React dev build, ~70 KB more).
NODE_ENV=production npx vite build --config "$CONSOLE_DIR/vite.config.mjs" || die "the console build failed"
node infra/console-size.js "$DIST" || die "the console's initial JavaScript is too large"
echo "$hash" > "$STAMP"
log "console built in $((SECONDS - start))s into $DIST"
