# Puts a supported Node.js LTS first on PATH. Source it (infra/lib.sh does; .ci/run does before
# npm test); do not run it.
#
# When the `node` on PATH is older than $HANDOVER_NODE_MIN_MAJOR (Node 20 reached its end of life
# on 2026-04-30), the pinned Node.js LTS is installed once from the npm registry (the
# node-linux-<arch> package ships the official binary) into the tools cache shared with the Go
# tools, checked against the pinned integrity and by running it, and prepended to PATH. npm, npx,
# jest, the services and the worker then all run on it: npm's and npx's own scripts start with
# `#!/usr/bin/env node`. Nothing is downloaded from anywhere but the npm registry.
# HANDOVER_NODE=0 skips all of this (the node on PATH is used as it is).

HANDOVER_NODE_VERSION="24.22.3"
HANDOVER_NODE_MIN_MAJOR=24

# prints the integrity (sha512) of node-linux-<arch>@$HANDOVER_NODE_VERSION in the npm registry
handover_node_integrity() {
  case "$1" in
    x64) echo "sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA==" ;;
    arm64) echo "sha512-IZx0J52/1NDwAsY2iyWR9nlPIYuYviTWetjj8+ElvYQh2+XRhLfCfkbFEF/2O5vGI2hcUbyPNHV+nz342FbJXw==" ;;
    *) return 1 ;;
  esac
}

handover_node_log() { printf '[node] %s\n' "$*" >&2; }
handover_node_die() { printf '[node] ERROR: %s\n' "$*" >&2; exit 1; }

# Installs node-linux-<arch>@$HANDOVER_NODE_VERSION into $1 (run under the install lock).
handover_node_install() {
  local dir=$1 arch=$2 integrity=$3
  # installed by a concurrent run while this one waited
  [ "$("$dir/bin/node" --version 2>/dev/null)" = "v$HANDOVER_NODE_VERSION" ] && return 0
  rm -rf "$dir" "$dir".partial.* # a broken earlier install, leftovers of an interrupted one
  command -v npm >/dev/null 2>&1 || handover_node_die "npm is needed once to fetch Node.js $HANDOVER_NODE_VERSION from the npm registry"
  handover_node_log "installing Node.js $HANDOVER_NODE_VERSION from the npm registry (node-linux-$arch) into $dir (first time only)"
  local start=$SECONDS work tarball actual
  work=$(mktemp -d "${dir}.partial.XXXXXX")
  # npm pack checks the tarball against the registry's integrity; it is compared with the pinned one too.
  tarball=$(npm pack "node-linux-$arch@$HANDOVER_NODE_VERSION" --pack-destination "$work" --silent) \
    || { rm -rf "$work"; handover_node_die "npm pack node-linux-$arch@$HANDOVER_NODE_VERSION failed"; }
  actual=$(node -e 'const c = require("crypto"), fs = require("fs");
    process.stdout.write("sha512-" + c.createHash("sha512").update(fs.readFileSync(process.argv[1])).digest("base64"))' "$work/$tarball")
  if [ "$actual" != "$integrity" ]; then
    rm -rf "$work"; handover_node_die "node-linux-$arch-$HANDOVER_NODE_VERSION.tgz does not match its pinned integrity"
  fi
  tar -xzf "$work/$tarball" -C "$work" || { rm -rf "$work"; handover_node_die "could not unpack $tarball"; }
  rm -f "$work/$tarball"
  if [ "$("$work/package/bin/node" --version 2>/dev/null)" != "v$HANDOVER_NODE_VERSION" ]; then
    rm -rf "$work"; handover_node_die "the unpacked Node.js does not run or is not v$HANDOVER_NODE_VERSION"
  fi
  mv -T "$work/package" "$dir"; rm -rf "$work"
  handover_node_log "Node.js $HANDOVER_NODE_VERSION installed in $((SECONDS - start))s"
}

handover_use_node() {
  [ "${HANDOVER_NODE:-1}" = 0 ] && return 0
  local tools="${HANDOVER_TOOLS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/handover/tools}"
  local dir="$tools/node-$HANDOVER_NODE_VERSION"
  # Already switched (a script sourced by another one): nothing to check.
  [ "$(command -v node 2>/dev/null)" = "$dir/bin/node" ] && return 0
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
  [ "$major" -ge "$HANDOVER_NODE_MIN_MAJOR" ] && return 0

  if [ ! -x "$dir/bin/node" ] || [ "$("$dir/bin/node" --version 2>/dev/null)" != "v$HANDOVER_NODE_VERSION" ]; then
    [ "$(uname -s)" = Linux ] || handover_node_die "Node.js $HANDOVER_NODE_MIN_MAJOR+ is required (found ${major:-none}); install it"
    local arch
    case "$(uname -m)" in
      x86_64) arch=x64 ;;
      aarch64 | arm64) arch=arm64 ;;
      *) handover_node_die "Node.js $HANDOVER_NODE_MIN_MAJOR+ is required (found ${major:-none}); no pinned build for $(uname -m)" ;;
    esac
    local integrity
    integrity=$(handover_node_integrity "$arch")
    mkdir -p "$tools"
    # One install at a time on this machine (two stacks may start at once); the others wait.
    (
      flock 8
      handover_node_install "$dir" "$arch" "$integrity"
    ) 8>"$tools/.node-$HANDOVER_NODE_VERSION.lock"
    [ -x "$dir/bin/node" ] || exit 1
  fi
  export PATH="$dir/bin:$PATH"
}

handover_use_node
