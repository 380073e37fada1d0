#!/usr/bin/env bash
# A throwaway PostgreSQL for the test suite (the Debian 12 server packages, run as a private cluster): its own data folder under
# /tmp, port 55432 on 127.0.0.1, fsync off. initdb refuses to run as root, hence runuser.
#   tools/pg-test-cluster.sh start   -> starts it (idempotent), prints the URL tests use
#   tools/pg-test-cluster.sh stop    -> stops it and removes the data
#   tools/pg-test-cluster.sh url     -> prints the URL
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
port=${PLCBRIDGE_TEST_PG_PORT:-55432}
# Outside the checkout: CI may clone into a private (0700) folder the postgres user cannot enter.
dir=${TMPDIR:-/tmp}/plcbridge-pg-test-$port
url="postgresql://plcbridge_test:plcbridge_test@127.0.0.1:$port/plcbridge_test"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "${1:-}" in
  start)
    [[ -n "$bin" ]] || { echo "pg-test-cluster: PostgreSQL server not installed: run tools/install-deps.sh" >&2; exit 1; }
    if [[ -f "$dir/data/postmaster.pid" ]] && as_postgres "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      echo "$url"; exit 0
    fi
    rm -rf "$dir"; mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync -E UTF8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/pg.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50" start >/dev/null ||
      { cat "$dir/pg.log" >&2; exit 1; }
    "$bin/psql" -q -h 127.0.0.1 -p "$port" -U postgres -c "CREATE ROLE plcbridge_test LOGIN PASSWORD 'plcbridge_test'" \
      -c "CREATE DATABASE plcbridge_test OWNER plcbridge_test" >/dev/null
    echo "$url"
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true; fi
    rm -rf "$dir"
    ;;
  url) echo "$url" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
