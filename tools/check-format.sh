#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what .clang-format produces.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find src apps tests bench fuzz -name '*.[ch]pp')
bad=()
for f in "${files[@]}"; do
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if ((${#bad[@]})); then
  echo "not formatted per .clang-format (run: make format):"; printf '  %s\n' "${bad[@]}"; exit 1
fi
echo "${#files[@]} files formatted per .clang-format"
