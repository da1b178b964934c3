#!/usr/bin/env bash
# Starts the product's own processes (worker, admin API, portal) against the infrastructure in
# $DATA_DIR/run/env, and waits until each answers. Stop them with down.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck disable=SC1091
source "$RUN_DIR/env"
export TEMPORAL_ADDRESS MONGODB_URI SMTP_URL HANDOVER_DATA_DIR="$DATA_DIR"
export ADMIN_PORT="${ADMIN_PORT:-3000}" PORTAL_PORT="${PORTAL_PORT:-3001}"
export PORTAL_URL="${PORTAL_URL:-http://127.0.0.1:$PORTAL_PORT}"
export WORKER_HEALTH_PORT="${WORKER_HEALTH_PORT:-3002}"
# The case console the admin API serves at /console/ (infra/build-console.sh builds it).
export CONSOLE_DIST_DIR="${CONSOLE_DIST_DIR:-$ROOT/services/console/dist}"

# The worker's memory bounds (docs/benchmarks.md, "Inventory import"): a V8 heap cap and small
# young-generation semi-spaces (V8 otherwise grows its heap lazily up to a quarter of the machine's
# memory and keeps 2 × 16 MB of young generation per isolate, the workflow thread's included),
# and two glibc malloc arenas instead of up to 8 per core (the Rust core's and Node's threads).
# WORKER_NODE_OPTIONS replaces these flags; NODE_OPTIONS, given after them, overrides one of them.
WORKER_NODE_OPTIONS="${WORKER_NODE_OPTIONS:---max-old-space-size=192 --max-semi-space-size=4}"

start_service() {
  local name=$1 port=$2
  if [ -f "$RUN_DIR/$name.pid" ] && kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null; then
    log "$name already running"; return
  fi
  port_open "$port" && die "port $port (for $name) is taken by another process"
  local env=()
  [ "$name" = worker ] && env=(env "NODE_OPTIONS=$WORKER_NODE_OPTIONS${NODE_OPTIONS:+ $NODE_OPTIONS}" "MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}")
  start_bg "$name" "$LOG_DIR/$name.log" "${env[@]}" node --enable-source-maps -r "$ROOT/infra/register.js" "$ROOT/services/$name/src/main.ts"
  wait_for "$name" "port_open $port" 180 "$LOG_DIR/$name.log"
}

start_service worker "$WORKER_HEALTH_PORT"
start_service admin-api "$ADMIN_PORT"
start_service portal "$PORTAL_PORT"
