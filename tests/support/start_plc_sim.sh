# Sourced by the shell tests: start_plc_sim BINARY OUTFILE starts the real binary's PLC simulator
# on a free loopback port, sets $sim (its pid) and $port, or fails with the simulator's output.
start_plc_sim() {
  "$1" plc-sim --listen 127.0.0.1:0 >"$2" 2>&1 &
  sim=$!
  port=
  for _ in $(seq 1 100); do
    port=$(sed -n 's/^{"fins_port": \([0-9]*\)}$/\1/p' "$2")
    [[ -n "$port" ]] && return 0
    sleep 0.05
  done
  echo "the simulator did not print {\"fins_port\": P}:"; cat "$2"
  return 1
}
