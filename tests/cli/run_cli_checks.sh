#!/usr/bin/env bash
# The real binary from the outside: exit codes and messages of docs/CONTRACT.md "Command line", and the
# diagnostics against the real simulator over UDP and TCP.
# Usage: run_cli_checks.sh PLCBRIDGE_BINARY
set -uo pipefail
bin=$1
work=$(mktemp -d)
passed=0
failed=0
cleanup() { [[ -n "${sim:-}" ]] && kill "$sim" 2>/dev/null && wait "$sim" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# expect NAME EXIT_CODE REGEX -- COMMAND...: runs COMMAND, checks its exit code and that stdout+stderr match REGEX.
expect() {
  local name=$1 code=$2 regex=$3; shift 4
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [[ $rc -eq $code ]] && grep -Eq -- "$regex" <<<"$out"; then
    passed=$((passed + 1)); echo "ok   $name"
  else
    failed=$((failed + 1)); echo "FAIL $name: exit $rc (want $code), output:"; sed 's/^/     /' <<<"$out"
  fi
}

expect "help lists the subcommands" 0 "plc-sim" -- "$bin" --help
expect "version" 0 "^plcbridge [0-9]+\.[0-9]+\.[0-9]+" -- "$bin" --version
expect "no subcommand is bad usage" 2 "subcommand" -- "$bin"
expect "usage errors carry the plcbridge: error: prefix" 2 "^plcbridge: error: The following argument" -- "$bin" plc read D6000 1 2 3
expect "a mistyped command is named" 2 "^plcbridge: error: 'statsu' is not a command" -- "$bin" statsu
expect "help lists the commands" 0 "cancel +archive the batch" -- "$bin" help
expect "help COMMAND shows its options" 0 "\-\-cancel-in-odoo" -- "$bin" help cancel
expect "help of a subcommand" 0 "Usage: read \[OPTIONS\] ADDRESS COUNT" -- "$bin" help plc read
expect "a typo in a PLCBRIDGE_ variable is an error naming the nearest key" 2 \
  "PLCBRIDGE_ODOO_PASWORD is not a configuration key \(nearest: PLCBRIDGE_ODOO_PASSWORD\)" -- \
  env PLCBRIDGE_ODOO_PASWORD=secret "$bin" plc status --port 1
(cd "$work" && expect "cancel without a configuration refuses to create ./plcbridge.db" 2 "no configuration: pass --config FILE" -- "$bin" cancel 3)
expect "... and created nothing" 0 "^absent$" -- bash -c "[[ -e '$work/plcbridge.db' ]] && echo present || echo absent"
expect "plc read without COUNT is bad usage" 2 "COUNT" -- "$bin" plc read D6000
expect "bad address names it" 2 "'X6000': unknown memory area" -- "$bin" plc read X6000 1
expect "missing config file names it" 2 "/nonexistent.toml: cannot open" -- "$bin" plc status --config /nonexistent.toml
printf '[plc]\nhost = "127.0.0.1"\nprot = 9600\n' >"$work/typo.toml"
expect "unknown config key names file, line and key" 2 "typo.toml line 3: plc.prot is not a configuration key" -- \
  "$bin" plc status --config "$work/typo.toml"
expect "bad write value" 2 "not a 16-bit word" -- "$bin" plc write D7000 70000
expect "bad --listen" 2 "HOST:PORT" -- "$bin" plc-sim --listen nonsense

source "$(dirname "$0")/../support/start_plc_sim.sh"
start_plc_sim "$bin" "$work/sim.out" || exit 1
expect "simulator prints its port as JSON first" 0 '^\{"fins_port": [0-9]+\}$' -- head -n 1 "$work/sim.out"

printf '[plc]\nhost = "127.0.0.1"\nport = %s\ntimeout_ms = 300\n' "$port" >"$work/plant.toml"
for transport in udp tcp; do
  expect "$transport: write" 0 "wrote 3 value\(s\) at D7000" -- \
    "$bin" plc write D7000 7 0x00FF -2 --config "$work/plant.toml" --transport "$transport"
  expect "$transport: read back" 0 "D7002 +65534  0xFFFE  +-2" -- \
    "$bin" plc read D7000 3 --config "$work/plant.toml" --transport "$transport"
  expect "$transport: status" 0 "mode: +RUN" -- "$bin" plc status --config "$work/plant.toml" --transport "$transport"
  expect "$transport: PLC end code is a runtime failure with its name" 1 "0x1103 address range error" -- \
    "$bin" plc read D40000 1 --config "$work/plant.toml" --transport "$transport"
done
expect "read of 1000 words works (split)" 0 "D6999" -- "$bin" plc read D6000 1000 --config "$work/plant.toml"

# plc slots: slot 3 of the READ area gets the plant's live capture of slot 1 (written over FINS),
# so batch_no is wrong for slot 3 and the slot is reported invalid with that reason; slot 1 gets it
# as captured and decodes clean.
data=$(dirname "$0")/../data
live=$(awk -F, 'NR>1{print $8}' "$data/plc_snapshots/live/PLC_BATCH_READ_01_LIVE.csv" | tr '|' ' ')
"$bin" plc write D6000 $live --config "$work/plant.toml" >/dev/null
"$bin" plc write D6200 $live --config "$work/plant.toml" >/dev/null
expect "slots: live capture decodes valid" 0 "slot 1 \(D6000-6076\): valid" -- "$bin" plc slots --config "$work/plant.toml"
expect "slots: shows the MO" 0 "mo_id +D6001-6008 +WH/MO/00011" -- "$bin" plc slots --config "$work/plant.toml"
expect "slots: consumption exact" 0 "silo102_consumption +D6031-6032 +150.00" -- "$bin" plc slots --config "$work/plant.toml"
expect "slots: empty slot" 0 "slot 2 \(D6100-6176\): empty" -- "$bin" plc slots --config "$work/plant.toml"
expect "slots: wrong slot number is invalid with the reason" 0 "batch_no +D6200 +1   INVALID: expected 3, the PLC holds 1" -- \
  "$bin" plc slots --config "$work/plant.toml"
"$bin" plc write D6073 0x8200 --config "$work/plant.toml" >/dev/null
expect "slots: noise in status_operation is invalid, not a failure" 0 "status_operation +D6073 +33280   INVALID: BOOL word holds 0x8200" -- \
  "$bin" plc slots --config "$work/plant.toml" --transport tcp
expect "slots: one FINS read for the whole area" 0 '"fins_reads": 1' -- "$bin" plc slots --config "$work/plant.toml" --json
expect "slots: write area" 0 "write area from .*map built-in write map" -- "$bin" plc slots --area write --config "$work/plant.toml"
expect "slots: failure area" 0 "slot 1 \(D8000-8022\): empty" -- "$bin" plc slots --area failure --config "$work/plant.toml"
expect "slots: bad area" 2 "--area 'nope'" -- "$bin" plc slots --area nope --config "$work/plant.toml"

# map import: the existing system's READ map becomes a CSV that the service can load instead of the built-in one.
expect "map import writes CSV and says how to configure it" 0 "slots = 10 and slot_stride = 100" -- \
  "$bin" map import "$data/memory_maps/READ_DATA_PLC_MAPPING.json" --output "$work/imported_read.csv"
printf '[memory_map]\nread_map = "%s"\n' "$work/imported_read.csv" >>"$work/plant.toml"
expect "slots with the imported map" 0 "map $work/imported_read.csv" -- "$bin" plc slots --config "$work/plant.toml"
expect "map import of a missing file" 2 "cannot open" -- "$bin" map import "$work/missing.json"
printf 'Informasi,Keterangan,Memory Address,Data Type\nbatch_no,x,D6000,INT\n' >"$work/short_map.csv"
printf '[plc]\nport = %s\n[memory_map]\nread_map = "%s"\n' "$port" "$work/short_map.csv" >"$work/short.toml"
expect "a map without the task keys names them" 2 "lacks mo_id, bom" -- "$bin" plc slots --config "$work/short.toml"

kill "$sim"; wait "$sim" 2>/dev/null; sim=
expect "unreachable PLC is a runtime failure naming it" 1 "127.0.0.1:$port" -- \
  "$bin" plc read D6000 1 --config "$work/plant.toml"
expect "env override of the port" 1 "127.0.0.1:1/udp" -- \
  env PLCBRIDGE_PLC_PORT=1 "$bin" plc read D6000 1 --config "$work/plant.toml"

# migrate: creates, then finds the schema current; a bad or unreachable [database] url is exit 2.
printf '[database]\nurl = "sqlite:%s/plant.db"\n' "$work" >"$work/db.toml"
expect "migrate creates the schema" 0 "schema upgraded from version 0 to 4" -- "$bin" migrate --config "$work/db.toml"
expect "migrate again is a no-op" 0 "schema is current \(version 4\)" -- "$bin" migrate --config "$work/db.toml"
printf '[database]\nurl = "mysql://plant"\n' >"$work/baddb.toml"
expect "migrate with a bad url names the key" 2 "\[database\] url 'mysql://plant': unknown scheme" -- "$bin" migrate --config "$work/baddb.toml"
printf '[database]\nurl = "postgresql://u:secret@127.0.0.1:1/none"\n' >"$work/downdb.toml"
expect "migrate with an unreachable server" 2 "\[database\] url postgresql://u:\*\*\*@127.0.0.1:1/none: cannot connect" -- \
  "$bin" migrate --config "$work/downdb.toml"

# cancel: the manual cancel on the configured database (a batch queued directly with sqlite3).
printf '[database]\nurl = "sqlite:%s/cancel.db"\n[log]\nfile = "%s/logs/app.log"\n' "$work" "$work" >"$work/cancel.toml"
"$bin" migrate --config "$work/cancel.toml" >/dev/null
sqlite3 "$work/cancel.db" "INSERT INTO mo_batch (batch_no, mo_id, created_at, updated_at) VALUES (3, 'WH/MO/00123', '2026-11-28T10:00:00.000Z', '2026-11-28T10:00:00.000Z')"
expect "cancel archives the batch with the notes" 0 "Batch #3 \(MO: WH/MO/00123\) cancelled manually and archived to history: wet PKE" -- \
  "$bin" cancel 3 --notes "wet PKE" --config "$work/cancel.toml"
expect "the history row has status and notes" 0 "^3\|WH/MO/00123\|cancelled\|wet PKE$" -- \
  sqlite3 "$work/cancel.db" "SELECT batch_no, mo_id, status, notes FROM mo_histories WHERE status = 'cancelled' ORDER BY created_at DESC;"
expect "the log file has the line" 0 "\[INFO\] Batch #3 \(MO: WH/MO/00123\) cancelled manually" -- cat "$work/logs/app.log"
expect "cancel of an empty slot" 1 "no active batch in slot 3" -- "$bin" cancel 3 --config "$work/cancel.toml"
expect "cancel of a slot beyond the map" 2 "BATCH_NO 11 is outside 1..10" -- "$bin" cancel 11 --config "$work/cancel.toml"
# Several lines (docs/LINES.md): a slot is a line's; --line says whose.
printf '[database]\nurl = "sqlite:%s/cancel.db"\n[log]\nfile = "%s/logs/app.log"\n[lines.1]\nmo_equipment = ["PLC01"]\n[lines.2]\nmo_equipment = ["PLC02"]\n[lines.2.plc]\nport = 9601\n' "$work" "$work" >"$work/lines.toml"
sqlite3 "$work/cancel.db" "INSERT INTO mo_batch (line, batch_no, mo_id, created_at, updated_at) VALUES (2, 3, 'WH/MO/00223', '2026-11-28T10:00:00.000Z', '2026-11-28T10:00:00.000Z')"
expect "cancel on line 1 does not touch line 2's slot" 1 "no active batch in slot 3" -- "$bin" cancel 3 --config "$work/lines.toml"
expect "cancel --line 2 archives line 2's batch" 0 "Batch #3 \(MO: WH/MO/00223\) cancelled manually" -- \
  "$bin" cancel 3 --line 2 --config "$work/lines.toml"
expect "cancel --line of a line not configured" 2 "--line 5: the configuration has no such line" -- \
  "$bin" cancel 3 --line 5 --config "$work/lines.toml"
sqlite3 "$work/cancel.db" "INSERT INTO mo_batch (batch_no, mo_id, created_at, updated_at) VALUES (4, 'WH/MO/00124', '2026-11-28T10:00:00.000Z', '2026-11-28T10:00:00.000Z')"
expect "cancel --cancel-in-odoo queues a cancel job for the service" 0 "batch #4 \(MO: WH/MO/00124\): cancel job [0-9]+ queued" -- \
  "$bin" cancel 4 --cancel-in-odoo --notes "silo jammed" --config "$work/cancel.toml"
expect "... the batch waits for Odoo in mo_batch" 0 "^4\|WH/MO/00124$" -- sqlite3 "$work/cancel.db" "SELECT batch_no, mo_id FROM mo_batch WHERE batch_no = 4"
printf '[database]\nurl = "sqlite:%s/elsewhere.db"\n' "$work" >"$work/elsewhere.toml"
expect "cancel on a database file that is not there refuses to create it" 2 "elsewhere.db: no such database file" -- \
  "$bin" cancel 3 --config "$work/elsewhere.toml"
expect "... and created nothing" 0 "^absent$" -- bash -c "[[ -e '$work/elsewhere.db' ]] && echo present || echo absent"
printf '[tasks]\ndisabled = ["plc_read", "dishwasher"]\n' >"$work/tasks_array.toml"
expect "lists are TOML arrays" 2 'tasks.disabled: "dishwasher" is not a task' -- "$bin" run --config "$work/tasks_array.toml"

# odoo-sim and odoo ping: the real binaries talking HTTP.
"$bin" odoo-sim --listen 127.0.0.1:0 --generate 12 >"$work/odoo.out" 2>&1 &
odoo_sim=$!
for _ in $(seq 1 100); do
  odoo_port=$(sed -n 's/^{"port": \([0-9]*\)}$/\1/p' "$work/odoo.out"); [[ -n "$odoo_port" ]] && break; sleep 0.05
done
printf '[odoo]\nurl = "http://127.0.0.1:%s"\npassword = "admin"\n' "$odoo_port" >"$work/odoo.toml"
expect "odoo ping prints the module version" 0 "grt_scada: +14.0.7.2.1" -- "$bin" odoo ping --config "$work/odoo.toml"
expect "odoo ping counts the confirmed MOs" 0 "confirmed MOs: 12" -- "$bin" odoo ping --config "$work/odoo.toml"
printf '[odoo]\nurl = "http://127.0.0.1:%s"\npassword = "nope"\n' "$odoo_port" >"$work/odoo_bad.toml"
expect "odoo ping with a wrong password says so" 1 "Odoo login failed: .*Access Denied" -- "$bin" odoo ping --config "$work/odoo_bad.toml"
kill "$odoo_sim"; wait "$odoo_sim" 2>/dev/null
expect "odoo ping with Odoo down" 1 "Connection refused" -- "$bin" odoo ping --config "$work/odoo.toml"
printf '[odoo]\nurl = "https://[::1]:1"\ntimeout_ms = 500\n' >"$work/odoo_tls.toml"
expect "odoo ping over https to an IPv6 literal reaches the address" 1 "connect https://\[::1\]:1.*refused" -- "$bin" odoo ping --config "$work/odoo_tls.toml"
printf '[odoo]\nurl = "https://localhost:1"\nca_file = "%s/nothing.pem"\n' "$work" >"$work/odoo_ca.toml"
expect "an [odoo] ca_file that cannot be loaded is a configuration error" 2 "\[odoo\] ca_file .*nothing.pem: cannot load" -- "$bin" odoo ping --config "$work/odoo_ca.toml"
printf '[odoo]\nurl = "https://127.0.0.1:1"\ntls_verify = false\n' >"$work/odoo_noverify.toml"
expect "tls_verify = false is said loudly" 1 "WARNING: \[odoo\] tls_verify = false: Odoo's certificate and host name are NOT checked" -- "$bin" odoo ping --config "$work/odoo_noverify.toml"
printf '[odoo]\nurl = "https://admin:hunter2@odoo.plant"\n' >"$work/odoo_userinfo.toml"
expect "an [odoo] url with a password is refused" 2 "odoo.url: has a user name or password in it" -- "$bin" odoo ping --config "$work/odoo_userinfo.toml"
expect "... without repeating the password" 0 "^not repeated$" -- bash -c "'$bin' odoo ping --config '$work/odoo_userinfo.toml' 2>&1 | grep -q hunter2 && echo repeated || echo 'not repeated'"

# run: configuration problems are exit 2 before anything starts.
printf '[api]\nlisten = "0.0.0.0:8000"\n[log]\nfile = "%s/logs/run.log"\n' "$work" >"$work/open.toml"
expect "run refuses a network listen address without a token" 2 \
  'listen = "0.0.0.0:8000" is reachable from the network but \[api\] token is empty' -- "$bin" run --config "$work/open.toml"
printf '[tasks]\ndisabled = "plc_read, dishwasher"\n' >"$work/tasks.toml"
expect "run names an unknown task in [tasks] disabled" 2 'tasks.disabled: "dishwasher" is not a task' -- \
  "$bin" run --config "$work/tasks.toml"
expect "run needs --config" 2 "no configuration: pass --config FILE" -- "$bin" run
printf '[plc]\ntime_zone = "Asia/Jakarte"\n[database]\nurl = "sqlite:%s/tz.db"\n[log]\nfile = "%s/logs/tz.log"\n' "$work" "$work" >"$work/tz.toml"
expect "run names a time zone that is not an IANA one" 2 \
  "\[plc\] time_zone: time zone 'Asia/Jakarte': not found in /usr/share/zoneinfo" -- "$bin" run --config "$work/tz.toml"
printf '[plc]\nhost = ""\n' >"$work/nohost.toml"
expect "run refuses an empty [plc] host" 2 "plc.host.*must not be empty" -- "$bin" run --config "$work/nohost.toml"
printf '[database]\nurl = "sqlite:%s/alone.db"\n[failover]\ntakeover_ms = 5000\n' "$work" >"$work/failover.toml"
expect "run refuses failover on SQLite" 2 "failover needs PostgreSQL" -- "$bin" run --config "$work/failover.toml"
printf '[odoo]\nunknown_error_retries = -1\n' >"$work/retries.toml"
expect "run refuses a negative unknown_error_retries" 2 "unknown_error_retries" -- "$bin" run --config "$work/retries.toml"
printf '[api]\nlisten = "127.0.0.1:0"\n[database]\nurl = "sqlite:%s/run.db"\n[plc]\nport = 1\ntimeout_ms = 100\n[log]\nfile = "%s/logs/run.log"\n' "$work" "$work" >"$work/run.toml"
"$bin" run --config "$work/run.toml" >"$work/run.out" 2>&1 &
run_pid=$!
for _ in $(seq 1 200); do grep -q '"api_port"' "$work/run.out" && break; sleep 0.05; done
expect "run prints its API port as JSON first" 0 '^\{"api_port": [0-9]+\}$' -- head -n 1 "$work/run.out"
kill -TERM "$run_pid"; wait "$run_pid"; run_rc=$?
expect "run stops on SIGTERM with exit 0" 0 "plcbridge stopped" -- bash -c "[[ $run_rc -eq 0 ]] && cat '$work/logs/run.log'"

# check: one line per check, exit 0 only when all pass.
start_plc_sim "$bin" "$work/sim2.out" || exit 1
"$bin" odoo-sim --listen 127.0.0.1:0 >"$work/odoo2.out" 2>&1 &
odoo_sim=$!
for _ in $(seq 1 100); do
  odoo_port=$(sed -n 's/^{"port": \([0-9]*\)}$/\1/p' "$work/odoo2.out"); [[ -n "$odoo_port" ]] && break; sleep 0.05
done
printf '[plc]\nport = %s\ntimeout_ms = 300\nretries = 0\n[odoo]\nurl = "http://127.0.0.1:%s"\npassword = "admin"\n[database]\nurl = "sqlite:%s/check.db"\n[api]\nlisten = "127.0.0.1:0"\n' \
  "$port" "$odoo_port" "$work" >"$work/check.toml"
expect "check: a database not there yet fails with what to do" 1 "FAIL  database  .*check.db: no such database file" -- "$bin" check --config "$work/check.toml"
"$bin" migrate --config "$work/check.toml" >/dev/null
expect "check: all pass, exit 0" 0 "^ok    api " -- "$bin" check --config "$work/check.toml"
expect "check: the PLC's model and mode" 0 "ok    plc       .* at 127.0.0.1:$port/udp, mode RUN" -- "$bin" check --config "$work/check.toml"
expect "check: Odoo's login and module version" 0 "ok    odoo      http://127.0.0.1:$odoo_port .*logged in, grt_scada 14.0.7.2.1" -- "$bin" check --config "$work/check.toml"
expect "check: the schema is current" 0 "ok    database  .*schema version [0-9]+ \(current\)" -- "$bin" check --config "$work/check.toml"
sed "s/listen = \"127.0.0.1:0\"/listen = \"127.0.0.1:$odoo_port\"/" "$work/check.toml" >"$work/check_busy.toml"
expect "check: an API address in use fails naming it" 1 "FAIL  api       127.0.0.1:$odoo_port: cannot listen" -- "$bin" check --config "$work/check_busy.toml"
kill "$sim"; wait "$sim" 2>/dev/null; sim=
expect "check: the PLC unreachable fails, the rest still checked" 1 "FAIL  plc       127.0.0.1:$port/udp: .*check \[plc\] host" -- "$bin" check --config "$work/check.toml"
kill "$odoo_sim"; wait "$odoo_sim" 2>/dev/null
expect "check: without a configuration" 2 "FAIL  config    .*no configuration: pass --config FILE" -- bash -c "cd '$work' && '$bin' check"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
