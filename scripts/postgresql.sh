#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for the tests.
#   scripts/postgresql.sh start DIR PORT   prints the URL to use
#   scripts/postgresql.sh stop DIR
# As root, the server runs as the "postgres" user (PostgreSQL refuses to run as root).
set -euo pipefail
action=$1 dir=$2 port=${3:-5433}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -n "$bin" ]] || { echo "PostgreSQL n'est pas installé" >&2; exit 1; }
as_server=()
if [[ $(id -u) -eq 0 ]]; then as_server=(runuser -u postgres --); fi
case "$action" in
  start)
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    [[ -d "$dir/data" ]] || "${as_server[@]}" "$bin/initdb" -D "$dir/data" -U postgres \
      --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1
    "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" \
      start >/dev/null
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 2 ;;
esac
