#!/usr/bin/env bash
# Installs the test-only Node package (npm omron-fins, pinned by tests/interop/package-lock.json)
# into a build-local folder. Idempotent: nothing happens when the pinned version is present.
# Usage: tools/install-test-deps.sh [DEST_DIR]   (default: build/interop-node)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$root/build/interop-node}

if [[ -f "$dest/node_modules/omron-fins/package.json" ]] &&
   grep -q '"version": "0.5.0"' "$dest/node_modules/omron-fins/package.json"; then
  echo "install-test-deps: omron-fins 0.5.0 present in $dest"
  exit 0
fi
command -v npm >/dev/null || { echo "install-test-deps: npm missing; run tools/install-deps.sh first" >&2; exit 1; }
mkdir -p "$dest"
cp "$root/tests/interop/package.json" "$root/tests/interop/package-lock.json" "$dest/"
(cd "$dest" && npm ci --no-audit --no-fund --loglevel=error)
echo "install-test-deps: omron-fins installed in $dest"
