#!/usr/bin/env bash
# The real binary from the outside: exit codes and messages of INTERFACE.md section 2, and the
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

kill "$sim"; wait "$sim" 2>/dev/null; sim=
expect "unreachable PLC is a runtime failure naming it" 1 "127.0.0.1:$port" -- \
  "$bin" plc read D6000 1 --config "$work/plant.toml"
expect "env override of the port" 1 "127.0.0.1:1/udp" -- \
  env PLCBRIDGE_PLC_PORT=1 "$bin" plc read D6000 1 --config "$work/plant.toml"

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
