#!/usr/bin/env bash
# npm start: installs what is missing, builds the case console when its sources changed, starts the embedded infrastructure (unless TEMPORAL_ADDRESS,
# MONGODB_URI, SMTP_URL point elsewhere), the worker, the admin API and the portal, prints their
# URLs (the console's too) and the admin token, and stops everything it started on Ctrl-C. Data stays in .data/.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
bash "$ROOT/infra/ensure-deps.sh"
bash "$ROOT/infra/build-console.sh"   # only when its sources changed
bash "$ROOT/infra/install-browser.sh"   # Debian chromium + CJK fonts: the worker prints report PDFs with them

# Ctrl-C (or TERM) stops everything and exits 0; any other exit is a failure: say so, stop what was
# started, and keep the failing status so that scripts and CI see it.
stop_all() {
  local status=$1
  trap - INT TERM EXIT
  if [ "$status" -ne 0 ]; then
    log "npm start failed (exit status $status): the message above says which step; stopping what was started"
  else
    log "stopping"
  fi
  bash "$ROOT/infra/down.sh"
  exit "$status"
}
trap 'stop_all 0' INT TERM
trap 'stop_all $?' EXIT

HANDOVER_TEMPORAL_UI=1 bash "$ROOT/infra/up.sh"
bash "$ROOT/infra/services.sh"
source "$RUN_DIR/env"

if [ -n "${HANDOVER_ADMIN_TOKEN:-}" ]; then token="(HANDOVER_ADMIN_TOKEN)"; else token=$(cat "$DATA_DIR/secrets/admin.token"); fi
cat <<INFO

Handover is running.
  admin API     http://127.0.0.1:${ADMIN_PORT:-3000}      (OpenAPI: /docs, /docs-json)
  console       http://127.0.0.1:${ADMIN_PORT:-3000}/console/   (sign in with the admin token below or an API key)
  portal        ${PORTAL_URL:-http://127.0.0.1:${PORTAL_PORT:-3001}}
  Temporal      $TEMPORAL_ADDRESS$( [ -f "$RUN_DIR/temporal.pid" ] && echo "   (UI: http://127.0.0.1:$TEMPORAL_UI_PORT)")
  MongoDB       $MONGODB_URI
  SMTP          $SMTP_URL$( [ -n "${MAIL_SINK_API:-}" ] && echo "   (inbox: $MAIL_SINK_API/api/v1/messages)")
  metrics       http://${METRICS_HOST:-127.0.0.1}:{${ADMIN_METRICS_PORT:-9464},${PORTAL_METRICS_PORT:-9465},${WORKER_METRICS_PORT:-9466}}/metrics   (admin API, portal, worker)
  admin token   $token
  data          $DATA_DIR    logs: $LOG_DIR

Press Ctrl-C to stop.
INFO

# Stay in the foreground until Ctrl-C; report a process that dies on its own.
while true; do
  for name in worker admin-api portal; do
    if [ -f "$RUN_DIR/$name.pid" ] && ! kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null; then
      log "$name exited unexpectedly; see $LOG_DIR/$name.log"; tail -n 20 "$LOG_DIR/$name.log" >&2; exit 1
    fi
  done
  sleep 2
done
