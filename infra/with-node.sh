#!/usr/bin/env bash
# Runs a command on the pinned Node.js LTS (infra/node.sh), e.g. the npm scripts that are not
# infra scripts: `bash infra/with-node.sh jest --selectProjects unit`.
set -euo pipefail
# shellcheck source=infra/node.sh
source "$(dirname "${BASH_SOURCE[0]}")/node.sh"
exec "$@"
