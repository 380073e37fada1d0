#!/usr/bin/env bash
# The dependency rule (docs/DESIGN.md): each folder under src/plcbridge includes only the layers
# further in. CMake link lists enforce it for symbols; this catches header-only includes too.
set -euo pipefail
cd "$(dirname "$0")/../src/plcbridge"
declare -A allowed=(
  [core]="core"
  [async]="core async"
  [fins]="core fins"
  [memory_map]="core fins memory_map"
  [batch]="core batch"
  [plc]="core async fins plc"
  [sim]="core fins sim"
  [store]="core store"
  [auth]="core auth"
  [odoo]="core odoo"
  [tasks]="core fins batch memory_map plc store odoo tasks"
  [service]="core async auth fins batch memory_map plc store odoo tasks service"
  [api]="core async auth batch memory_map store tasks service api"
  [app]="core async fins memory_map batch plc sim store auth odoo tasks service api app"
)
fail=0
for layer in "${!allowed[@]}"; do
  [[ -d $layer ]] || continue
  while IFS=: read -r file line include; do
    target=$(sed -n 's|.*"plcbridge/\([a-z_]*\)/.*|\1|p' <<<"$include")
    [[ -z $target ]] && continue
    if [[ " ${allowed[$layer]} " != *" $target "* ]]; then
      echo "src/plcbridge/$file:$line: $layer/ may not include $target/ ($include)"; fail=1
    fi
  done < <(grep -rn '#include "plcbridge/' "$layer" --include='*.cpp' --include='*.hpp' | grep -v '_test\.cpp:' || true)
done
# The pure layers never touch sockets, clocks or third-party I/O headers.
if grep -rnE '#include <(boost|toml|CLI|curl|sqlite|libpq|nlohmann)' core fins memory_map batch --include='*.cpp' --include='*.hpp'; then
  echo "core/, fins/, memory_map/ and batch/ must stay pure (no Boost, TOML, CLI, SQL, HTTP or JSON headers)"; fail=1
fi
[[ $fail -eq 0 ]] && echo "layering ok: ${!allowed[*]}"
exit $fail
