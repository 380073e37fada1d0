#!/usr/bin/env bash
# The scale figure of docs/LINES.md: one plcbridge serving LINES simulated lines (one `plcbridge
# plc-sim` process each, with the plant's batch program) at a 1 s read interval for SECONDS.
# Prints CPU per line-cycle, RSS, read-cycle overruns and FINS commands per cycle per line, from
# /proc and the service's own /metrics. Usage: bench/lines_scale.sh [LINES=20] [SECONDS=600] [BINARY]
set -euo pipefail
lines=${1:-20}
seconds=${2:-600}
bin=${3:-build/release/plcbridge}
[[ -x "$bin" ]] || { echo "lines_scale: $bin is not built (make bench builds it)" >&2; exit 2; }
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

base=$((20000 + RANDOM % 20000))
odoo_port=$((base - 1))
"$bin" odoo-sim --listen "127.0.0.1:$odoo_port" --empty > "$work/odoo.out" 2>&1 & pids+=($!)
{
  printf '[plc]\nhost = "127.0.0.1"\ntimeout_ms = 500\nretries = 1\n'
  printf '[odoo]\nurl = "http://127.0.0.1:%s"\npassword = "admin"\n' "$odoo_port"
  printf '[database]\nurl = "sqlite:%s/bench.db"\n' "$work"
  printf '[tasks]\nplc_read_interval_ms = 1000\n'
  printf '[api]\nlisten = "127.0.0.1:0"\n[log]\nfile = "%s/app.log"\n' "$work"
} > "$work/plcbridge.toml"
for i in $(seq 1 "$lines"); do
  "$bin" plc-sim --listen "127.0.0.1:$((base + i))" --auto-run --tick-ms 1000 > "$work/plc$i.out" 2>&1 & pids+=($!)
  printf '[lines.%s]\nmo_equipment = ["PLC%02d"]\n[lines.%s.plc]\nport = %s\n' "$i" "$i" "$i" "$((base + i))" \
    >> "$work/plcbridge.toml"
done
sleep 1
"$bin" run --config "$work/plcbridge.toml" > "$work/run.out" 2>&1 & service=$!; pids+=($service)
for _ in $(seq 1 100); do grep -q api_port "$work/run.out" 2>/dev/null && break; sleep 0.1; done
api=$(sed -n 's/.*"api_port": \([0-9]*\).*/\1/p' "$work/run.out" | head -1)
[[ -n "$api" ]] || { echo "lines_scale: the service did not start:" >&2; cat "$work/run.out" >&2; exit 1; }

ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$service/stat"; }
total() { curl -s "http://127.0.0.1:$api/metrics" | awk -v m="$1" '$1 ~ "^"m"[{ ]" || $1 ~ "^"m"$" {s += $2} END {print s + 0}'; }
sleep 5  # start-up (logins, first reads) is not the steady state
cpu0=$(cpu); cycles0=$(total plcbridge_plc_cycles_total); commands0=$(total plcbridge_plc_cycle_commands_total)
overruns0=$(total plcbridge_plc_cycle_overruns_total)
sleep "$seconds"
cpu1=$(cpu); cycles1=$(total plcbridge_plc_cycles_total); commands1=$(total plcbridge_plc_cycle_commands_total)
overruns1=$(total plcbridge_plc_cycle_overruns_total)
metrics=$(curl -s "http://127.0.0.1:$api/metrics")
rss=$(awk '/VmRSS/ {print $2}' "/proc/$service/status")
hwm=$(awk '/VmHWM/ {print $2}' "/proc/$service/status")
cycles=$((cycles1 - cycles0))
per_line_min=$(echo "$metrics" | awk '/^plcbridge_plc_last_cycle_commands\{/ {print $2}' | sort -n | head -1)
per_line_max=$(echo "$metrics" | awk '/^plcbridge_plc_last_cycle_commands\{/ {print $2}' | sort -n | tail -1)
awk -v l="$lines" -v s="$seconds" -v c="$cycles" -v cpu=$((cpu1 - cpu0)) -v t="$ticks" -v cmd=$((commands1 - commands0)) \
    -v o=$((overruns1 - overruns0)) -v rss="$rss" -v hwm="$hwm" -v mn="$per_line_min" -v mx="$per_line_max" 'BEGIN {
  printf "lines %d, %d s at a 1 s read interval: %d read cycles (%.2f per line per second)\n", l, s, c, c / l / s
  printf "CPU %.2f s = %.3f ms per line-cycle (%.1f%% of one core)\n", cpu / t, 1000 * cpu / t / c, 100 * cpu / t / s
  printf "RSS %.1f MiB (peak %.1f MiB)\n", rss / 1024, hwm / 1024
  printf "overruns %d; FINS commands per cycle per line %.3f (last cycle: min %s, max %s)\n", o, cmd / c, mn, mx
}'
echo "ERROR lines in the log: $(grep -c "ERROR" "$work/app.log" || true)"; grep "ERROR" "$work/app.log" | head -3 || true
