#!/usr/bin/env bash
# Captures the plcbridge client's FINS traffic (UDP and TCP) to the plcbridge simulator on loopback
# and has tshark's 'omron' dissector — a FINS parser nobody here wrote — decode it: no malformed
# packet, every command and response recognised, responses carry the request's SID.
# Exit 77 (skipped) when this machine does not permit packet capture.
# Usage: run_tshark_capture.sh PLCBRIDGE_BINARY
set -euo pipefail
binary=$1
command -v tshark >/dev/null || { echo "tshark not installed: run tools/install-deps.sh" >&2; exit 1; }

work=$(mktemp -d)
cleanup() {
  [[ -n "${cap:-}" ]] && kill "$cap" 2>/dev/null && wait "$cap" 2>/dev/null
  [[ -n "${sim:-}" ]] && kill "$sim" 2>/dev/null && wait "$sim" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

source "$(dirname "$0")/../support/start_plc_sim.sh"
start_plc_sim "$binary" "$work/sim.out" || exit 1

tshark -i lo -f "port $port" -w "$work/fins.pcap" >"$work/tshark.out" 2>&1 &
cap=$!
for _ in $(seq 1 100); do
  grep -q "Capturing on" "$work/tshark.out" && break
  if ! kill -0 "$cap" 2>/dev/null; then
    echo "SKIPPED: packet capture on lo is not permitted here:"; cat "$work/tshark.out"; exit 77
  fi
  sleep 0.1
done
grep -q "Capturing on" "$work/tshark.out" || { echo "SKIPPED: tshark did not start capturing"; exit 77; }

for transport in udp tcp; do
  t=(--host 127.0.0.1 --port "$port" --transport "$transport")
  "$binary" plc write D6000 1 2 3 "${t[@]}" >/dev/null
  "$binary" plc read D6000 977 "${t[@]}" >/dev/null
  "$binary" plc status "${t[@]}" >/dev/null
done
sleep 1
kill -INT "$cap"; wait "$cap" 2>/dev/null || true
cap=

decode=(-r "$work/fins.pcap" -d "udp.port==$port,omron" -d "tcp.port==$port,omron")
malformed=$(tshark "${decode[@]}" -Y "_ws.malformed || _ws.expert.severity >= error" | wc -l)
tshark "${decode[@]}" -Y omron -T fields -E separator=' ' \
  -e frame.protocols -e omron.icf -e omron.sid -e omron.command -e omron.response.code >"$work/fields.txt"

fail=0
echo "tshark decoded $(wc -l <"$work/fields.txt") FINS packets; malformed or error-level: $malformed"
[[ "$malformed" -eq 0 ]] || { echo "FAIL: malformed packets"; tshark "${decode[@]}" -Y "_ws.malformed"; fail=1; }
for proto in udp tcp; do
  for cmd in 0x0101 0x0102 0x0501 0x0601 0x0701; do
    requests=$(grep ":$proto:" "$work/fields.txt" | awk -v c="$cmd" '$2=="0x80" && $4==c' | wc -l)
    responses=$(grep ":$proto:" "$work/fields.txt" | awk -v c="$cmd" '$2=="0xc0" && $4==c && $5=="0x0000"' | wc -l)
    if [[ "$requests" -lt 1 || "$responses" -ne "$requests" ]]; then
      echo "FAIL: $proto command $cmd: $requests request(s), $responses normal response(s)"; fail=1
    else
      echo "ok   $proto command $cmd: $requests request(s) answered with 0x0000"
    fi
  done
  # Every response's SID was used by a request.
  if ! awk -v p=":$proto:" 'index($1,p) && $2=="0x80"{req[$3]=1} index($1,p) && $2=="0xc0" && !req[$3]{bad=1} END{exit bad}' "$work/fields.txt"; then
    echo "FAIL: $proto response with a SID no request used"; fail=1
  fi
done
# The FINS/TCP node handshake was decoded as such.
handshakes=$(tshark "${decode[@]}" -Y "omron.tcp.command == 0 || omron.tcp.command == 1" | wc -l)
if [[ "$handshakes" -lt 2 ]]; then echo "FAIL: FINS/TCP handshake not decoded"; fail=1; else echo "ok   FINS/TCP handshake decoded ($handshakes messages)"; fi
exit $fail
