#!/usr/bin/env bash
# Installs the test-only Node packages, each pinned by its package-lock.json, into build-local
# folders. Idempotent: nothing happens when the pinned versions are present.
# - npm omron-fins (tests/interop) into build/interop-node: the independent FINS client;
# - playwright-core and axe-core (tests/browser) into build/browser-node: they drive Debian's
#   chromium (installed by tools/install-deps.sh; no browser is downloaded) for the console tests.
# Usage: tools/install-test-deps.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

# install NAME SOURCE_DIR DEST_DIR PACKAGE VERSION
install() {
  local name=$1 source=$2 dest=$3 package=$4 version=$5
  if [[ -f "$dest/node_modules/$package/package.json" ]] &&
     grep -q "\"version\": \"$version\"" "$dest/node_modules/$package/package.json" &&
     cmp -s "$source/package-lock.json" "$dest/package-lock.json"; then
    echo "install-test-deps: $name present in $dest"
    return
  fi
  command -v npm >/dev/null || { echo "install-test-deps: npm missing; run tools/install-deps.sh first" >&2; exit 1; }
  mkdir -p "$dest"
  cp "$source/package.json" "$source/package-lock.json" "$dest/"
  (cd "$dest" && npm ci --no-audit --no-fund --loglevel=error)
  echo "install-test-deps: $name installed in $dest"
}

install "omron-fins 0.5.0" "$root/tests/interop" "$root/build/interop-node" omron-fins 0.5.0
install "playwright-core 1.64.1, axe-core 4.10.3" "$root/tests/browser" "$root/build/browser-node" playwright-core 1.64.1
