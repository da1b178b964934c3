#!/usr/bin/env bash
# Starts the embedded infrastructure on loopback, idempotently: the Temporal dev server, FerretDB
# (MongoDB wire protocol; local PostgreSQL backend when one answers, else SQLite) and the mail sink.
# A component is skipped when its address is given: TEMPORAL_ADDRESS, MONGODB_URI, SMTP_URL.
# Writes the addresses to $DATA_DIR/run/env for the other scripts to source.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ENV_FILE="$RUN_DIR/env"
: > "$ENV_FILE"
emit() { echo "export $1=\"$2\"" >> "$ENV_FILE"; }

start_temporal() {
  if [ -n "${TEMPORAL_ADDRESS:-}" ]; then
    log "Temporal: using TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS (not starting the embedded server)"
    emit TEMPORAL_ADDRESS "$TEMPORAL_ADDRESS"; return
  fi
  local bin; bin=$(temporal_bin)
  local addr="127.0.0.1:$TEMPORAL_PORT"
  emit TEMPORAL_ADDRESS "$addr"
  if port_open "$TEMPORAL_PORT"; then
    [ -f "$RUN_DIR/temporal.pid" ] && kill -0 "$(cat "$RUN_DIR/temporal.pid")" 2>/dev/null \
      || die "port $TEMPORAL_PORT is taken by another process: stop it, or set TEMPORAL_ADDRESS to use it"
    log "Temporal already running at $addr"; return
  fi
  local ui=(--headless)
  [ "${HANDOVER_TEMPORAL_UI:-0}" = 1 ] && ui=(--ui-port "$TEMPORAL_UI_PORT" --ui-ip 127.0.0.1)
  log "starting Temporal dev server at $addr"
  start_bg temporal "$LOG_DIR/temporal.log" "$bin" server start-dev "${ui[@]}" \
    --ip 127.0.0.1 --port "$TEMPORAL_PORT" --log-level warn \
    --db-filename "$DATA_DIR/temporal.db" \
    --sqlite-pragma journal_mode=WAL --sqlite-pragma synchronous=OFF
  wait_for temporal "'$bin' operator cluster health --address '$addr' >/dev/null 2>&1" 120 "$LOG_DIR/temporal.log"
}

start_mongo() {
  if [ -n "${MONGODB_URI:-}" ]; then
    log "MongoDB: using MONGODB_URI (not starting FerretDB)"
    emit MONGODB_URI "$MONGODB_URI"; return
  fi
  emit MONGODB_URI "mongodb://127.0.0.1:$MONGO_PORT/handover"
  if port_open "$MONGO_PORT"; then
    [ -f "$RUN_DIR/ferretdb.pid" ] && kill -0 "$(cat "$RUN_DIR/ferretdb.pid")" 2>/dev/null \
      || die "port $MONGO_PORT is taken by another process: stop it, or set MONGODB_URI to use it"
    log "FerretDB already running on 127.0.0.1:$MONGO_PORT"; return
  fi
  local bin; bin=$(ferretdb_bin)
  local backend
  if [ "${HANDOVER_FERRETDB_BACKEND:-auto}" != sqlite ] && pg_available; then
    psql "$PG_URL_BASE/postgres" -U postgres -tAc "select 1 from pg_database where datname='$PG_DB'" | grep -q 1 \
      || psql "$PG_URL_BASE/postgres" -U postgres -qc "create database \"$PG_DB\"" >/dev/null
    backend=(--handler=postgresql "--postgresql-url=postgres://postgres@${PG_URL_BASE#postgres://}/$PG_DB")
    log "starting FerretDB on 127.0.0.1:$MONGO_PORT (PostgreSQL backend, database $PG_DB)"
  else
    mkdir -p "$DATA_DIR/ferretdb-sqlite"
    backend=(--handler=sqlite "--sqlite-url=file:$DATA_DIR/ferretdb-sqlite/")
    log "starting FerretDB on 127.0.0.1:$MONGO_PORT (SQLite backend under $DATA_DIR; no PostgreSQL answered)"
  fi
  mkdir -p "$DATA_DIR/ferretdb-state"
  start_bg ferretdb "$LOG_DIR/ferretdb.log" "$bin" --telemetry=disable --listen-addr="127.0.0.1:$MONGO_PORT" \
    --state-dir="$DATA_DIR/ferretdb-state" --debug-addr="${FERRETDB_DEBUG_ADDR:--}" --log-level=warn "${backend[@]}"
  wait_for ferretdb "node '$ROOT/infra/ping-mongo.js' 'mongodb://127.0.0.1:$MONGO_PORT/admin' >/dev/null 2>&1" 60 "$LOG_DIR/ferretdb.log"
  [ "${backend[0]}" = --handler=postgresql ] && start_pg_maintenance "postgres://postgres@${PG_URL_BASE#postgres://}/$PG_DB"
  return 0
}

# FerretDB v1 on PostgreSQL: lookup indexes for its pushed-down filters, and vacuum where the server's
# autovacuum is off (infra/pg-maintenance.sh). HANDOVER_PG_MAINTENANCE=0 leaves the database alone.
start_pg_maintenance() {
  [ "${HANDOVER_PG_MAINTENANCE:-1}" = 0 ] && return 0
  [ -f "$RUN_DIR/pg-maintenance.pid" ] && kill -0 "$(cat "$RUN_DIR/pg-maintenance.pid")" 2>/dev/null && return 0
  start_bg pg-maintenance "$LOG_DIR/pg-maintenance.log" bash "$ROOT/infra/pg-maintenance.sh" "$1"
  log "PostgreSQL maintenance for FerretDB started (log: $LOG_DIR/pg-maintenance.log)"
}

start_mail_sink() {
  if [ -n "${SMTP_URL:-}" ]; then
    log "SMTP: using SMTP_URL (not starting the mail sink)"
    emit SMTP_URL "$SMTP_URL"
    if [ -n "${MAIL_SINK_API:-}" ]; then emit MAIL_SINK_API "$MAIL_SINK_API"; fi
    return 0
  fi
  emit SMTP_URL "smtp://127.0.0.1:$MAIL_SINK_PORT"
  emit MAIL_SINK_API "http://127.0.0.1:$MAIL_SINK_HTTP_PORT"
  if port_open "$MAIL_SINK_PORT"; then
    [ -f "$RUN_DIR/mail-sink.pid" ] && kill -0 "$(cat "$RUN_DIR/mail-sink.pid")" 2>/dev/null \
      || die "port $MAIL_SINK_PORT is taken by another process: stop it, or set SMTP_URL to use it"
    log "mail sink already running on 127.0.0.1:$MAIL_SINK_PORT"; return
  fi
  log "starting mail sink: SMTP 127.0.0.1:$MAIL_SINK_PORT, inbox http://127.0.0.1:$MAIL_SINK_HTTP_PORT"
  MAIL_SINK_PORT=$MAIL_SINK_PORT MAIL_SINK_HTTP_PORT=$MAIL_SINK_HTTP_PORT \
    start_bg mail-sink "$LOG_DIR/mail-sink.log" node -r "$ROOT/infra/register.js" "$ROOT/services/mail-sink/src/main.ts"
  wait_for mail-sink "port_open $MAIL_SINK_HTTP_PORT && port_open $MAIL_SINK_PORT" 60 "$LOG_DIR/mail-sink.log"
}

# The health checks and the mail sink run on the npm dependencies: install them first on a fresh clone.
bash "$ROOT/infra/ensure-deps.sh"
# The Go builds are the slow part: build both before starting anything so a failure shows early.
[ -z "${TEMPORAL_ADDRESS:-}" ] && temporal_bin >/dev/null
[ -z "${MONGODB_URI:-}" ] && ferretdb_bin >/dev/null
start_temporal
start_mongo
start_mail_sink
log "infrastructure ready (addresses in $ENV_FILE)"
