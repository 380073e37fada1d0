#!/usr/bin/env bash
# The Debian package from the outside (issue #11): lintian finds no error, systemd accepts the unit,
# and the package's own stripped binary, with the packaged configuration (its /etc paths relocated to
# the extraction folder, the plant addresses given as PLCBRIDGE_ variables as an administrator
# would), migrates, runs against the simulators and auto-cancels a failed batch.
# Usage: run_package_checks.sh PACKAGE.deb|FOLDER   (a folder: its newest .deb; none there: exit 77, skipped)
set -uo pipefail
deb=$1
# A folder (also one that does not exist yet: a fresh clone before `make package`) is skipped when
# it holds no package; a .deb named outright must exist.
if [[ "$deb" != *.deb ]]; then
  newest=$(ls -t "$deb"/plcbridge_*.deb 2>/dev/null | head -n 1)
  [[ -n "$newest" ]] || { echo "no package in $deb: run 'make package' to build one (CI does); skipped"; exit 77; }
  deb=$newest
fi
work=$(mktemp -d)
passed=0
failed=0
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done; rm -rf "$work"; }
trap cleanup EXIT

ok() { passed=$((passed + 1)); echo "ok   $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1"; [[ -n "${2:-}" ]] && sed 's/^/     /' <<<"$2"; }
# check NAME COMMAND...: passes when COMMAND exits 0; its output is shown on failure.
check() {
  local name=$1 out; shift
  if out=$("$@" 2>&1); then ok "$name"; else bad "$name" "$out"; fi
}
# wait_for SECONDS COMMAND...: polls COMMAND every 0.2 s until it succeeds or the deadline passes.
wait_for() {
  local until=$((SECONDS + $1)); shift
  while ((SECONDS < until)); do "$@" >/dev/null 2>&1 && return 0; sleep 0.2; done
  "$@" >/dev/null 2>&1
}

[[ -f "$deb" ]] || { echo "no package at $deb: run 'make package' first"; exit 1; }
echo "package: $deb"

# --- the package as Debian's tools see it ---
check "lintian reports no error" lintian --fail-on error --tag-display-limit 0 "$deb"
root="$work/root"
dpkg-deb -x "$deb" "$root" && dpkg-deb -e "$deb" "$work/DEBIAN"
check "the binary is at /usr/bin/plcbridge, stripped" bash -c "file '$root/usr/bin/plcbridge' | grep -q 'stripped' && ! file '$root/usr/bin/plcbridge' | grep -q 'not stripped'"
check "the configuration and the maps are conffiles" diff <(sort "$work/DEBIAN/conffiles") \
  <(printf '%s\n' /etc/plcbridge/failure_map.csv /etc/plcbridge/plcbridge.toml /etc/plcbridge/read_map.csv /etc/plcbridge/write_map.csv)
check "it depends on the runtime libraries, not on -dev packages" bash -c \
  "dpkg-deb -f '$deb' Depends | grep -q 'libc6' && ! dpkg-deb -f '$deb' Depends | grep -q -- '-dev'"
check "postinst creates the plcbridge system user" grep -q "adduser --system --group" "$work/DEBIAN/postinst"
unit="$root/lib/systemd/system/plcbridge.service"
for setting in Type=notify WatchdogSec= Restart=on-failure ProtectSystem=strict NoNewPrivileges=yes \
               StateDirectory=plcbridge "CapabilityBoundingSet=$" User=plcbridge; do
  check "the unit sets $setting" grep -Eq "^$setting" "$unit"
done
# systemd-analyze checks the unit's syntax and that ExecStart exists: point it at the extracted binary.
sed "s#/usr/bin/plcbridge#$root/usr/bin/plcbridge#" "$unit" >"$work/plcbridge.service"
check "systemd-analyze verify accepts the unit" systemd-analyze verify "$work/plcbridge.service"

# --- the packaged binary with the packaged configuration, against the simulators ---
bin="$root/usr/bin/plcbridge"
config="$work/plcbridge.toml"
sed "s#/etc/plcbridge/#$root/etc/plcbridge/#g" "$root/etc/plcbridge/plcbridge.toml" >"$config"
check "plcbridge --version" "$bin" --version
"$bin" plc-sim --listen 127.0.0.1:0 --auto-run --fail-slot 2 --tick-ms 40 >"$work/plc.out" 2>&1 &
pids+=($!)
"$bin" odoo-sim --listen 127.0.0.1:0 >"$work/odoo.out" 2>&1 &
pids+=($!)
wait_for 10 grep -q fins_port "$work/plc.out" && wait_for 10 grep -q '"port"' "$work/odoo.out" ||
  { bad "the simulators started" "$(cat "$work/plc.out" "$work/odoo.out")"; echo "$passed passed, $failed failed"; exit 1; }
plc_port=$(sed -n 's/^{"fins_port": \([0-9]*\)}$/\1/p' "$work/plc.out")
odoo_port=$(sed -n 's/^{"port": \([0-9]*\)}$/\1/p' "$work/odoo.out")
export PLCBRIDGE_PLC_HOST=127.0.0.1 PLCBRIDGE_PLC_PORT=$plc_port
export PLCBRIDGE_ODOO_URL=http://127.0.0.1:$odoo_port PLCBRIDGE_ODOO_PASSWORD=admin
export PLCBRIDGE_DATABASE_URL=sqlite:$work/plcbridge.db PLCBRIDGE_API_LISTEN=127.0.0.1:0
export PLCBRIDGE_TASKS_PLC_READ_INTERVAL_MS=250 PLCBRIDGE_TASKS_MO_SYNC_INTERVAL_S=1 PLCBRIDGE_LOG_TARGET=journal
check "migrate creates the schema" "$bin" migrate --config "$config"
"$bin" run --config "$config" >"$work/run.out" 2>"$work/run.err" &
run=$!
pids+=($run)
if wait_for 60 bash -c "sqlite3 '$work/plcbridge.db' \"SELECT 1 FROM mo_histories WHERE status = 'cancelled'\" | grep -q 1"; then
  ok "the failed batch was auto-cancelled in Odoo and archived as cancelled"
else
  bad "the failed batch was auto-cancelled in Odoo and archived as cancelled" "$(tail -30 "$work/run.out" "$work/run.err")"
fi
check "the journal lines carry priorities and the seed's text" grep -q '^<4>⚠️ BATCH FAILURE DETECTED: status_operation=1 for batch #2' "$work/run.out"
check "no log file was written ([log] file = \"\")" bash -c "! ls '$work'/*.log '$work'/logs 2>/dev/null | grep -q ."
kill -TERM "$run"
wait "$run"; rc=$?
check "SIGTERM stops it with exit 0" test "$rc" -eq 0

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
