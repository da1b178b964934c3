# Shared helpers for the infra scripts. Source it; do not run it.
# Every embedded component lives on loopback, keeps its data under $DATA_DIR and its pid in
# $DATA_DIR/run/<name>.pid so that down.sh stops exactly what up.sh started.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="${HANDOVER_DATA_DIR:-$ROOT/.data}"
RUN_DIR="$DATA_DIR/run"
LOG_DIR="$DATA_DIR/logs"
# Go builds are slow (minutes): they are cached outside the clone so that every clone on this
# machine (CI included) reuses them. Override with HANDOVER_TOOLS_DIR.
TOOLS_DIR="${HANDOVER_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/handover/tools}"

TEMPORAL_VERSION="1.5.1"
# A go-installed CLI reports 0.0.0-DEV; the server it embeds identifies the release.
TEMPORAL_SERVER_VERSION="1.29.1"
FERRETDB_VERSION="1.24.0"
HELM_VERSION="4.3.2"

# Node.js: the pinned LTS goes first on PATH (installed into $TOOLS_DIR when the node on PATH is too old).
# shellcheck source=infra/node.sh
source "$ROOT/infra/node.sh"

TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
MONGO_PORT="${MONGO_PORT:-27017}"
MAIL_SINK_PORT="${MAIL_SINK_PORT:-1025}"
MAIL_SINK_HTTP_PORT="${MAIL_SINK_HTTP_PORT:-8025}"
PG_URL_BASE="${HANDOVER_PG_URL:-postgres://127.0.0.1:5432}"
PG_DB="${HANDOVER_PG_DB:-handover}"

mkdir -p "$RUN_DIR" "$LOG_DIR"

log() { printf '[infra] %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

# True when the local PostgreSQL answers (FerretDB's preferred backend; test.sh drops its test database).
pg_available() {
  command -v psql >/dev/null 2>&1 && psql "$PG_URL_BASE/postgres" -U postgres -tAc 'select 1' >/dev/null 2>&1
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for NAME CHECK-COMMAND TIMEOUT-SECONDS LOGFILE
wait_for() {
  local name=$1 check=$2 timeout=$3 logfile=${4:-}
  local waited=0
  until eval "$check"; do
    if [ -f "$RUN_DIR/$name.pid" ] && ! kill -0 "$(cat "$RUN_DIR/$name.pid")" 2>/dev/null; then
      [ -n "$logfile" ] && tail -n 20 "$logfile" >&2
      die "$name exited during start-up (log: $logfile)"
    fi
    if [ "$waited" -ge "$timeout" ]; then
      [ -n "$logfile" ] && tail -n 20 "$logfile" >&2
      die "$name did not become healthy within ${timeout}s (log: $logfile)"
    fi
    sleep 1; waited=$((waited + 1))
  done
  log "$name is healthy"
}

require_go() {
  command -v go >/dev/null 2>&1 || die "Go 1.25+ is needed to build the embedded servers (or set TEMPORAL_ADDRESS / MONGODB_URI)"
  local v; v=$(go env GOVERSION | sed 's/^go//')
  local major=${v%%.*} rest=${v#*.}; local minor=${rest%%.*}
  if [ "$major" -lt 1 ] || { [ "$major" -eq 1 ] && [ "$minor" -lt 25 ]; }; then
    die "Go $v found; 1.25+ is needed to build the Temporal CLI $TEMPORAL_VERSION"
  fi
}

# Prints the path of a temporal binary at the pinned version: one on PATH, a cached build, or a new build.
temporal_bin() {
  if command -v temporal >/dev/null 2>&1 && temporal --version 2>/dev/null | grep -qE "temporal version $TEMPORAL_VERSION|Server $TEMPORAL_SERVER_VERSION"; then
    command -v temporal; return
  fi
  local dir="$TOOLS_DIR/temporal-$TEMPORAL_VERSION"
  # Two stacks starting at once on a new machine (tests beside a benchmark) build it once: the
  # second waits for the first's lock, then finds the binary.
  [ -x "$dir/temporal" ] || tool_lock temporal
  if [ ! -x "$dir/temporal" ]; then
    require_go
    log "building Temporal CLI v$TEMPORAL_VERSION with go install (first time only; several minutes)"
    mkdir -p "$dir"
    local start=$SECONDS
    GOBIN="$dir.partial" go install "github.com/temporalio/cli/cmd/temporal@v$TEMPORAL_VERSION" >&2 \
      || die "go install of the Temporal CLI failed"
    mv "$dir.partial/temporal" "$dir/temporal"; rmdir "$dir.partial" 2>/dev/null || true
    log "Temporal CLI built in $((SECONDS - start))s into $dir"
  fi
  tool_unlock
  echo "$dir/temporal"
}

# tool_lock NAME / tool_unlock: an exclusive lock on one tool's build (flock on fd 8).
tool_lock() {
  mkdir -p "$TOOLS_DIR"
  exec 8>"$TOOLS_DIR/.build-$1.lock"
  flock 8
}
# (The group's redirection is undone after it; on `exec` itself it would silence the caller's stderr for good.)
tool_unlock() { { exec 8>&-; } 2>/dev/null || true; }

# Prints the path of a ferretdb binary at the pinned version. v1.24.0 cannot be go-installed
# straight from the module proxy here (the proxy refuses the version list used for the
# deprecation check), so the module source is downloaded and built with its version file.
ferretdb_bin() {
  if command -v ferretdb >/dev/null 2>&1 && ferretdb --version 2>/dev/null | grep -q "v$FERRETDB_VERSION"; then
    command -v ferretdb; return
  fi
  local dir="$TOOLS_DIR/ferretdb-$FERRETDB_VERSION"
  { [ -x "$dir/ferretdb" ] && "$dir/ferretdb" --version >/dev/null 2>&1; } || tool_lock ferretdb
  if [ ! -x "$dir/ferretdb" ] || ! "$dir/ferretdb" --version >/dev/null 2>&1; then
    require_go
    log "building FerretDB v$FERRETDB_VERSION (first time only; several minutes)"
    local start=$SECONDS src
    src=$(go mod download -json "github.com/FerretDB/FerretDB@v$FERRETDB_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
    [ -d "$src" ] || die "could not download the FerretDB v$FERRETDB_VERSION module"
    local work; work=$(mktemp -d)
    cp -r "$src/." "$work/"; chmod -R u+w "$work"
    echo "v$FERRETDB_VERSION" > "$work/build/version/version.txt"
    mkdir -p "$dir"
    (cd "$work" && go build -trimpath -o "$dir/ferretdb.partial" ./cmd/ferretdb) >&2 || die "go build of FerretDB failed"
    mv "$dir/ferretdb.partial" "$dir/ferretdb"; rm -rf "$work"
    log "FerretDB built in $((SECONDS - start))s into $dir"
  fi
  tool_unlock
  echo "$dir/ferretdb"
}

# Prints the path of a helm binary at the pinned version (chart checks of infra/helm; issue 17):
# a cached build, or a new one with go install.
helm_bin() {
  local dir="$TOOLS_DIR/helm-$HELM_VERSION"
  [ -x "$dir/helm" ] || tool_lock helm
  if [ ! -x "$dir/helm" ]; then
    require_go
    log "building helm v$HELM_VERSION with go install (first time only; several minutes)"
    mkdir -p "$dir"
    local start=$SECONDS
    GOBIN="$dir.partial" go install "helm.sh/helm/v4/cmd/helm@v$HELM_VERSION" >&2 || die "go install of helm failed"
    mv "$dir.partial/helm" "$dir/helm"; rmdir "$dir.partial" 2>/dev/null || true
    log "helm built in $((SECONDS - start))s into $dir"
  fi
  tool_unlock
  echo "$dir/helm"
}

# Prints the path of the project's manifest validator (infra/k8s-validate), built when its sources
# changed: the cache key is the hash of its go.mod, go.sum and main.go.
k8s_validate_bin() {
  local src="$ROOT/infra/k8s-validate" hash
  hash=$(cat "$src/go.mod" "$src/go.sum" "$src/main.go" | sha256sum | cut -c1-16)
  local dir="$TOOLS_DIR/k8s-validate-$hash"
  [ -x "$dir/k8s-validate" ] || tool_lock k8s-validate
  if [ ! -x "$dir/k8s-validate" ]; then
    require_go
    log "building infra/k8s-validate (first time only)"
    mkdir -p "$dir"
    local start=$SECONDS
    (cd "$src" && go build -trimpath -o "$dir/k8s-validate.partial" .) >&2 || die "go build of infra/k8s-validate failed"
    mv "$dir/k8s-validate.partial" "$dir/k8s-validate"
    log "k8s-validate built in $((SECONDS - start))s into $dir"
  fi
  tool_unlock
  echo "$dir/k8s-validate"
}

# start_bg NAME LOGFILE CMD...: starts CMD in its own process group and records its pid.
start_bg() {
  local name=$1 logfile=$2; shift 2
  setsid "$@" >>"$logfile" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/$name.pid"
}

stop_one() {
  local name=$1 pidfile="$RUN_DIR/$1.pid"
  [ -f "$pidfile" ] || return 0
  local pid; pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL -- "-$pid" 2>/dev/null || true
    log "stopped $name"
  fi
  rm -f "$pidfile"
}
