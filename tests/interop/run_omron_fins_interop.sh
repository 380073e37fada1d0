#!/usr/bin/env bash
# Starts the real plcbridge binary's PLC simulator on a free port and points npm omron-fins at it.
# Usage: run_omron_fins_interop.sh PLCBRIDGE_BINARY NODE_MODULES_DIR
set -euo pipefail
binary=$1
modules=$2
here=$(cd "$(dirname "$0")" && pwd)

if [[ ! -f "$modules/omron-fins/package.json" ]]; then
  echo "omron-fins is not installed in $modules: run tools/install-test-deps.sh (make test does)" >&2
  exit 1
fi

out=$(mktemp)
trap '[[ -n "${sim:-}" ]] && kill $sim 2>/dev/null; wait 2>/dev/null; rm -f "$out"' EXIT
source "$here/../support/start_plc_sim.sh"
start_plc_sim "$binary" "$out" || exit 1

NODE_PATH="$modules" node "$here/omron_fins_interop.js" "$port"
