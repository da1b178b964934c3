#!/usr/bin/env bash
# Benchmarks, each on a stack of its own so it can run beside `npm start` and `npm test`:
# data under .data/bench, its own ports, PostgreSQL database handover_bench (dropped first).
# Starts the stack like infra/test.sh, runs the benchmark, and stops what it started (trap).
#
#   bash bench/run.sh inventory [--rows N] [...]      (npm run bench -- inventory [--rows N])
#   bash bench/run.sh notices [--customers N] [...]   (npm run bench -- notices)
#   bash bench/run.sh status [--customers N] [...]    (npm run bench -- status: the case-status read under load)
#   bash bench/run.sh case [--customers N] [...]      (npm run bench -- case: a whole case, 1,000,000 by default)
#
# Ports (override with BENCH_*): Temporal 17333, MongoDB wire 37117, SMTP 11125 (inbox 18125),
# admin API 13100, portal 13101, worker health 13102. BENCH_MONGODB_URI benchmarks another
# MongoDB-compatible server instead of the embedded FerretDB.
# The whole script is one function, parsed before it runs: editing this file during a long run
# cannot derail the run (bash otherwise reads scripts as it executes them).
main() {
  name="${1:-}"
  [ $# -gt 0 ] && shift
  case "$name" in
    inventory) script=bench/inventory.bench.ts ;;
    notices) script=bench/notices.bench.ts ;;
    status) script=bench/status.bench.ts ;;
    case) script=bench/case.bench.ts ;;
    *) echo "usage: bash bench/run.sh inventory [--rows N] [--help] | notices [--customers N] [--help] | status [--customers N] [--cases N] [--help] | case [--customers N] [--help]" >&2; exit 2 ;;
  esac

  BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  # shellcheck source=infra/node.sh
  source "$BENCH_ROOT/infra/node.sh" # Node.js 24+ first on PATH (lib.sh repeats it as a no-op)
  # --help answers without starting anything.
  case " $* " in *" --help "*|*" -h "*) cd "$BENCH_ROOT" && exec node -r ./infra/register.js "$script" --help ;; esac
  export HANDOVER_DATA_DIR="${BENCH_DATA_DIR:-$BENCH_ROOT/.data/bench}"
  export TEMPORAL_PORT="${BENCH_TEMPORAL_PORT:-17333}" MONGO_PORT="${BENCH_MONGO_PORT:-37117}"
  export MAIL_SINK_PORT="${BENCH_MAIL_SINK_PORT:-11125}" MAIL_SINK_HTTP_PORT="${BENCH_MAIL_SINK_HTTP_PORT:-18125}"
  export ADMIN_PORT="${BENCH_ADMIN_PORT:-13100}" PORTAL_PORT="${BENCH_PORTAL_PORT:-13101}" WORKER_HEALTH_PORT="${BENCH_WORKER_HEALTH_PORT:-13102}"
  export PORTAL_URL="http://127.0.0.1:$PORTAL_PORT"
  export ADMIN_METRICS_PORT="${BENCH_ADMIN_METRICS_PORT:-13564}" PORTAL_METRICS_PORT="${BENCH_PORTAL_METRICS_PORT:-13565}"
  export WORKER_METRICS_PORT="${BENCH_WORKER_METRICS_PORT:-13566}" TEMPORAL_SDK_METRICS_PORT="${BENCH_TEMPORAL_SDK_METRICS_PORT:-13567}"
  export HANDOVER_PG_DB="${BENCH_PG_DB:-handover_bench}"
  export NODE_ENV=production LOG_LEVEL="${LOG_LEVEL:-info}" TZ=UTC
  # The bench measures its own stack: addresses of other servers in the environment are ignored.
  unset TEMPORAL_ADDRESS SMTP_URL MAIL_SINK_API MONGODB_URI
  [ -n "${BENCH_MONGODB_URI:-}" ] && export MONGODB_URI="$BENCH_MONGODB_URI"
  source "$BENCH_ROOT/infra/lib.sh"
  cd "$ROOT"
  # One bench run per data dir at a time: the clean-up below stops the previous run's processes.
  # (The servers are started with fd 9 closed, so only this script holds the lock.)
  exec 9>"$DATA_DIR/bench.lock"
  flock -n 9 || die "another bench run is using $DATA_DIR (its stack would be stopped); wait for it to finish"
  bash infra/ensure-deps.sh
  bash infra/install-browser.sh   # the worker prints report PDFs with Debian chromium

  # BENCH_PRIVATE_PG=1: a PostgreSQL cluster of the bench's own (same binaries, same settings as the
  # machine's: autovacuum off, fsync on), for shared machines whose server has no connection left.
  PRIVATE_PG_DIR="$DATA_DIR/postgres"
  stop_private_pg() {
    [ -f "$PRIVATE_PG_DIR/postmaster.pid" ] || return 0
    runuser -u postgres -- "$(pg_config --bindir)/pg_ctl" -D "$PRIVATE_PG_DIR" stop -m fast >/dev/null 2>&1 || true
    log "stopped the private PostgreSQL"
  }
  start_private_pg() {
    local bin port="${BENCH_PG_PORT:-15432}"
    bin=$(pg_config --bindir 2>/dev/null) || die "pg_config not found: BENCH_PRIVATE_PG needs the PostgreSQL server binaries"
    port_open "$port" && die "port $port (private PostgreSQL) is taken; set BENCH_PG_PORT"
    rm -rf "$PRIVATE_PG_DIR"; mkdir -p "$PRIVATE_PG_DIR"; chown postgres: "$PRIVATE_PG_DIR"
    runuser -u postgres -- "$bin/initdb" -D "$PRIVATE_PG_DIR" -A trust -U postgres >/dev/null || die "initdb failed"
    runuser -u postgres -- "$bin/pg_ctl" -D "$PRIVATE_PG_DIR" -l "$PRIVATE_PG_DIR/server.log" -w start \
      -o "-p $port -k $PRIVATE_PG_DIR -c listen_addresses=127.0.0.1 -c autovacuum=off -c fsync=on" >/dev/null 9>&- || die "PostgreSQL did not start (log: $PRIVATE_PG_DIR/server.log)"
    export HANDOVER_PG_URL="postgres://127.0.0.1:$port"
    PG_URL_BASE="$HANDOVER_PG_URL"
    log "private PostgreSQL on 127.0.0.1:$port (data: $PRIVATE_PG_DIR)"
  }

  # The whole-case and notices benchmarks mail into a fast discard sink of its own (standing for a relay; the
  # development inbox is far slower than a relay): started here, before the stack, as SMTP_URL.
  SINK_PID=""
  stop_sink() { [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null; SINK_PID=""; }
  cleanup() { trap - EXIT INT TERM; log "stopping the bench stack"; bash infra/down.sh; stop_sink; stop_private_pg; }
  trap cleanup EXIT INT TERM

  # Leftovers of an earlier bench run (its own pid files only), then the ports must be free.
  bash infra/down.sh
  for port in "$TEMPORAL_PORT" "$MONGO_PORT" "$MAIL_SINK_PORT" "$MAIL_SINK_HTTP_PORT" "$ADMIN_PORT" "$PORTAL_PORT" "$WORKER_HEALTH_PORT"; do
    if port_open "$port"; then
      [ -n "${MONGODB_URI:-}" ] && [ "$port" = "$MONGO_PORT" ] && continue
      die "port $port is taken by another process (another stack? pgrep -fa 'temporal server|ferretdb'); set BENCH_*_PORT"
    fi
  done

  # PostgreSQL is required (figures on SQLite are not comparable) unless HANDOVER_FERRETDB_BACKEND=sqlite.
  # up.sh falls back to SQLite whenever psql fails, e.g. when other stacks hold every connection
  # ("too many clients already"): wait for a free connection rather than measure the wrong backend.
  wait_for_pg() {
    command -v psql >/dev/null 2>&1 || die "psql not found: the bench needs PostgreSQL (or HANDOVER_FERRETDB_BACKEND=sqlite)"
    local out waited=0 limit="${BENCH_PG_WAIT_SECONDS:-900}"
    until out=$(psql "$PG_URL_BASE/postgres" -U postgres -tAc 'select 1' 2>&1); do
      if [[ "$out" == *"too many clients"* ]] && [ "$waited" -lt "$limit" ]; then
        [ $((waited % 60)) -eq 0 ] && log "PostgreSQL has no free connection (held by other stacks); waiting up to ${limit}s"
        sleep 10; waited=$((waited + 10)); continue
      fi
      die "PostgreSQL at $PG_URL_BASE is not usable: ${out//$'\n'/ } (HANDOVER_FERRETDB_BACKEND=sqlite benches on SQLite)"
    done
  }

  # A clean slate: database, Temporal history, stored uploads. The workflow bundle cache is kept.
  backend="external MongoDB-compatible server"
  if [ -z "${MONGODB_URI:-}" ]; then
    if [ "${HANDOVER_FERRETDB_BACKEND:-auto}" != sqlite ]; then
      if [ "${BENCH_PRIVATE_PG:-0}" = 1 ]; then stop_private_pg; start_private_pg; fi
      wait_for_pg
      case "$PG_DB" in *bench*) ;; *) die "refusing to drop database $PG_DB: its name must contain 'bench'" ;; esac
      psql "$PG_URL_BASE/postgres" -U postgres -qc "drop database if exists \"$PG_DB\" with (force)" >/dev/null
      backend="FerretDB $FERRETDB_VERSION on PostgreSQL $(psql "$PG_URL_BASE/postgres" -U postgres -tAc 'show server_version' | awk '{print $1}')"
      [ "${BENCH_PRIVATE_PG:-0}" = 1 ] && backend="$backend (private cluster)"
    else
      backend="FerretDB $FERRETDB_VERSION on SQLite"
    fi
    rm -rf "$DATA_DIR/ferretdb-sqlite"
  fi
  rm -rf "$DATA_DIR/uploads" "$DATA_DIR"/temporal.db*
  export BENCH_BACKEND="$backend"

  if [ "$name" = case ] || [ "$name" = notices ]; then
    sink_port="${BENCH_SINK_PORT:-11126}" sink_http="${BENCH_SINK_HTTP_PORT:-18126}"
    for port in "$sink_port" "$sink_http"; do port_open "$port" && die "port $port (discard sink) is taken; set BENCH_SINK_PORT / BENCH_SINK_HTTP_PORT"; done
    node -r ./infra/register.js bench/support/discard-sink.ts --port "$sink_port" --http-port "$sink_http" > "$DATA_DIR/discard-sink.log" 2>&1 9>&- &
    SINK_PID=$!
    for _ in $(seq 1 100); do port_open "$sink_http" && break; sleep 0.2; done
    port_open "$sink_http" || die "the discard sink did not start (log: $DATA_DIR/discard-sink.log)"
    export SMTP_URL="smtp://127.0.0.1:$sink_port" BENCH_SINK_API="http://127.0.0.1:$sink_http"
    log "discard SMTP sink on 127.0.0.1:$sink_port (counts per Message-ID; http 127.0.0.1:$sink_http)"
  fi
  bash infra/up.sh 9>&-
  if [[ "$backend" == *PostgreSQL* ]] && ! tr '\0' ' ' < "/proc/$(cat "$RUN_DIR/ferretdb.pid")/cmdline" | grep -q -- '--handler=postgresql'; then
    die "FerretDB started on SQLite (PostgreSQL stopped answering during start-up); not benchmarking the wrong backend"
  fi
  # The worker bundles the workflow code with webpack when its cache misses (after any change to
  # workflows/ or the libraries they import), in a child process (webpack's memory is not kept).
  # Bundle once here anyway, so that the worker's start-up is not held up by it (tens of seconds
  # on a loaded machine). BENCH_PREBUNDLE=0 lets the worker bundle itself.
  if [ "${BENCH_PREBUNDLE:-1}" = 1 ]; then
    log "bundling the workflow code (cached under $DATA_DIR/bundles)"
    node -r ./infra/register.js -e 'require("./services/worker/src/workflow-bundle").loadWorkflowBundle(process.env.HANDOVER_DATA_DIR).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })'
  fi
  # BENCH_SERVICES_NODE_OPTIONS: V8 flags for the worker, admin API and portal (e.g. a heap cap).
  NODE_OPTIONS="${BENCH_SERVICES_NODE_OPTIONS:-${NODE_OPTIONS:-}}" bash infra/services.sh 9>&-
  # shellcheck disable=SC1091
  source "$RUN_DIR/env"
  export TEMPORAL_ADDRESS MONGODB_URI SMTP_URL ADMIN_URL="http://127.0.0.1:$ADMIN_PORT"

  log "running $script $*"
  set +e
  node -r ./infra/register.js "$script" "$@"
  status=$?
  set -e
  exit $status
}

main "$@"
exit $?
