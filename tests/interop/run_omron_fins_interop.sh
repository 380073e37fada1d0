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
"$binary" plc-sim --listen 127.0.0.1:0 >"$out" 2>&1 &
sim=$!
trap 'kill $sim 2>/dev/null; wait $sim 2>/dev/null; rm -f "$out"' EXIT
for _ in $(seq 1 100); do
  port=$(sed -n 's/^{"fins_port": \([0-9]*\)}$/\1/p' "$out")
  [[ -n "$port" ]] && break
  sleep 0.05
done
[[ -n "${port:-}" ]] || { echo "simulator did not print its port:"; cat "$out"; exit 1; }

NODE_PATH="$modules" node "$here/omron_fins_interop.js" "$port"
