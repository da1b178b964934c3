#!/usr/bin/env bash
# Installs the npm dependencies exactly as package-lock.json pins them (npm ci) when node_modules
# is missing or was installed from another lockfile. lib.sh has already put Node.js 24+ first on PATH.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
command -v node >/dev/null 2>&1 || die "Node.js $HANDOVER_NODE_MIN_MAJOR+ is required"
node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= Number(process.argv[1]) ? 0 : 1)' "$HANDOVER_NODE_MIN_MAJOR" \
  || die "Node.js $HANDOVER_NODE_MIN_MAJOR+ is required (found $(node --version))"

# infra/lock-stamp.js compares node_modules' stamp (the hash of the lockfile it was installed
# from; npm ci writes it through the "postinstall" script) with package-lock.json. npm ci never
# writes package-lock.json (npm install may), so installing leaves the work tree as it was.
needs_install() { [ ! -d node_modules ] || ! node infra/lock-stamp.js check; }
# Two stacks started at once (npm start beside a benchmark) must not run two installs into one
# node_modules: the second waits for the first and then finds nothing to do.
exec 9>"$ROOT/.npm-install.lock"
flock 9
if needs_install; then
  log "installing npm dependencies (npm ci: exactly package-lock.json; a few minutes the first time)"
  start=$SECONDS
  npm ci --no-audit --no-fund --loglevel=error >&2 || die "npm ci failed"
  node infra/lock-stamp.js write
  log "npm dependencies installed in $((SECONDS - start))s"
fi
