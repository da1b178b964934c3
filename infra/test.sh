#!/usr/bin/env bash
# npm test: installs what is missing, type-checks and lints, starts what the tests need (its own
# ports and data under .data/test, so it can run beside `npm start`), runs the unit, integration
# and e2e suites, prints "N passed, N failed", and stops what it started.
export HANDOVER_DATA_DIR="${HANDOVER_TEST_DATA_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.data/test}"
export TEMPORAL_PORT="${TEST_TEMPORAL_PORT:-17233}" MONGO_PORT="${TEST_MONGO_PORT:-37017}"
export MAIL_SINK_PORT="${TEST_MAIL_SINK_PORT:-11025}" MAIL_SINK_HTTP_PORT="${TEST_MAIL_SINK_HTTP_PORT:-18025}"
export ADMIN_PORT="${TEST_ADMIN_PORT:-13000}" PORTAL_PORT="${TEST_PORTAL_PORT:-13001}" WORKER_HEALTH_PORT="${TEST_WORKER_HEALTH_PORT:-13002}"
export PORTAL_URL="http://127.0.0.1:$PORTAL_PORT"
export ADMIN_METRICS_PORT="${TEST_ADMIN_METRICS_PORT:-13464}" PORTAL_METRICS_PORT="${TEST_PORTAL_METRICS_PORT:-13465}"
export WORKER_METRICS_PORT="${TEST_WORKER_METRICS_PORT:-13466}" TEMPORAL_SDK_METRICS_PORT="${TEST_TEMPORAL_SDK_METRICS_PORT:-13467}"
export HANDOVER_PG_DB="${HANDOVER_PG_DB:-handover_test}"
# The packaged CN calendar ends with the last State Council notice it carries; the stack tests file
# requests whose due dates may fall later, so they load a weekends-only test calendar for those years.
export HANDOVER_CALENDAR_FILES="${HANDOVER_CALENDAR_FILES:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/test/fixtures/calendars/test-cn-2027-2030.json}"
export NODE_ENV=test LOG_LEVEL="${LOG_LEVEL:-info}" TZ=UTC
# Every suite reaches the portal from 127.0.0.1: lift the per-IP limit for the test stack.
export PORTAL_RATE_LIMIT_PER_MINUTE="${PORTAL_RATE_LIMIT_PER_MINUTE:-100000}"
# Each link's own limit stays low enough for the portal suite to exceed it (it reads this value).
export PORTAL_LINK_RATE_LIMIT_PER_MINUTE="${PORTAL_LINK_RATE_LIMIT_PER_MINUTE:-120}"
# Likewise the admin API's limit of failed authentications per address: the suites that test
# refusals (revoked, expired, other-team keys, wrong sign-ins) all fail from 127.0.0.1, and together
# they passed 20 in a minute during a full run, blocking the console test beside them. The
# hostile-input suite reads this value and proves the limit from another loopback address.
export ADMIN_AUTH_FAILURES_PER_MINUTE="${ADMIN_AUTH_FAILURES_PER_MINUTE:-200}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
started=$SECONDS
bash infra/ensure-deps.sh
bash infra/install-browser.sh   # Debian chromium + CJK fonts for the browser tests
bash infra/build-console.sh     # the console the admin API serves (only when its sources changed)

cleanup() { trap - EXIT INT TERM; bash infra/down.sh; }
trap cleanup EXIT INT TERM

log "type-check and lint"
npx tsc -p tsconfig.json --noEmit
npx tsc -p services/console/tsconfig.json --noEmit   # the console: DOM and JSX, its own tsconfig
NX_DAEMON=false npx nx show projects >/dev/null  # the boundary rule reads the project graph
npx eslint . --max-warnings=0
npm run -s lint:openapi   # Redocly's recommended rules on docs/openapi.json (redocly.yaml), offline
# helm and the manifest validator of test/lint/deployment.spec.ts (Go builds, cached; minutes the first time).
helm_bin >/dev/null
k8s_validate_bin >/dev/null

# A clean database per run (the embedded one only); Temporal keeps its history file.
bash infra/down.sh
if [ -z "${MONGODB_URI:-}" ]; then
  if pg_available; then psql "$PG_URL_BASE/postgres" -U postgres -qc "drop database if exists \"$PG_DB\" with (force)" >/dev/null; fi
  rm -rf "$DATA_DIR/ferretdb-sqlite"
fi
bash infra/up.sh
bash infra/services.sh
# shellcheck disable=SC1091
source "$RUN_DIR/env"
export TEMPORAL_ADDRESS MONGODB_URI SMTP_URL MAIL_SINK_API
export ADMIN_URL="http://127.0.0.1:$ADMIN_PORT" TEMPORAL_CLI="$(temporal_bin)"

log "running jest (unit, integration, e2e)"
results="$DATA_DIR/jest-results.json"
set +e
# NestJS 12 ships ES modules; jest requires them from our CommonJS tests through node:vm's
# SourceTextModule, which Node 24 exposes only with --experimental-vm-modules.
# shellcheck disable=SC2086
NODE_OPTIONS="--experimental-vm-modules ${NODE_OPTIONS:-}" npx jest --ci --maxWorkers=2 --selectProjects ${JEST_PROJECTS:-unit integration e2e} --json --outputFile="$results" "$@"
status=$?
set -e
node -e '
  const r = require(process.argv[1]);
  console.log(`\njest: ${r.numPassedTests} passed, ${r.numFailedTests} failed` + (r.numPendingTests ? `, ${r.numPendingTests} skipped` : ""));
' "$results" || true
log "npm test took $((SECONDS - started))s"
exit $status
