#!/usr/bin/env bash
# The operator console in a real browser: Debian's chromium driven by playwright-core (pinned by
# tests/browser/package-lock.json, installed by tools/install-test-deps.sh into NODE_DIR).
# Usage: run_browser_tests.sh PLCBRIDGE_BINARY NODE_DIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=$1
node_dir=$2
chromium=${PLCBRIDGE_TEST_CHROMIUM:-/usr/bin/chromium}
[[ -x $chromium ]] || { echo "browser tests: $chromium is missing: run tools/install-deps.sh (Debian package chromium)"; exit 1; }
[[ -d $node_dir/node_modules/playwright-core ]] ||
  { echo "browser tests: playwright-core is missing in $node_dir: run tools/install-test-deps.sh"; exit 1; }
# The test files import playwright-core and axe-core from the pinned install.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here"/*.mjs "$work/"
ln -s "$node_dir/node_modules" "$work/node_modules"
cd "$work"
PLCBRIDGE_TEST_BINARY=$binary node --test --test-concurrency=1 --test-reporter=spec console.test.mjs
