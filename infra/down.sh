#!/usr/bin/env bash
# Stops exactly what up.sh and services.sh started (pid files under $DATA_DIR/run).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
for name in worker admin-api portal mail-sink pg-maintenance ferretdb temporal; do stop_one "$name"; done
