#!/usr/bin/env bash
# Installs the npm dependencies when they are missing or older than the lockfile.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
command -v node >/dev/null 2>&1 || die "Node.js 20.19+ is required"
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || die "Node.js 20.19+ is required (found $(node --version))"
needs_install() { [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; }
# Two stacks started at once (npm start beside a benchmark) must not run two npm installs into one
# node_modules: the second waits for the first and then finds nothing to do.
exec 9>"$ROOT/.npm-install.lock"
flock 9
if needs_install; then
  # npm install, not npm ci: the lockfile pins every version, but npm ci rejects it as "out of
  # sync" because the registry reachable here does not list some other platforms' optional
  # native bindings (@unrs/resolver-binding-*). npm install installs the locked versions.
  log "installing npm dependencies (npm install from the lockfile)"
  npm install --no-audit --no-fund --loglevel=error >&2 || die "npm install failed"
fi
