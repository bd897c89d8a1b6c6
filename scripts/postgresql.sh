#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for the tests, reached over TLS only, with a
# throw-away certificate authority (DIR/ca.crt) as the federation's server is.
#   scripts/postgresql.sh start DIR PORT   prints the URL to use (sslmode=verify-full)
#   scripts/postgresql.sh stop DIR
# As root, the server runs as the "postgres" user (PostgreSQL refuses to run as root).
set -euo pipefail
action=$1 dir=$2 port=${3:-5433}
# A failed sign-in waits this long on the server (docs/serveur.md: 1 s in the federation).
AUTH_DELAY_MS=${AUTH_DELAY_MS:-200}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[[ -n "$bin" ]] || { echo "PostgreSQL n'est pas installé" >&2; exit 1; }
as_server=()
if [[ $(id -u) -eq 0 ]]; then as_server=(runuser -u postgres --); fi
case "$action" in
  start)
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    if [[ ! -d "$dir/data" ]]; then
      "${as_server[@]}" "$bin/initdb" -D "$dir/data" -U postgres \
        --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1
      # TCP only over TLS: a connection without it is rejected by the server itself. Staff
      # logins give their password (SCRAM), as on the federation's server; the superuser and
      # the tests' owner roles (members of acsrv_test_trusted) are trusted.
      printf '%s\n' 'local all all trust' 'hostssl all postgres 127.0.0.1/32 trust' \
        'hostssl all +acsrv_test_trusted 127.0.0.1/32 trust' \
        'hostssl all all 127.0.0.1/32 scram-sha-256' \
        'hostnossl all all 0.0.0.0/0 reject' >"$dir/data/pg_hba.conf"
    fi
    if [[ ! -f "$dir/server.crt" ]]; then  # the CA and the server's certificate, for 127.0.0.1
      openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=acsrv-test-ca" \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
      openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" \
        -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
      printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$dir/san.ext"
      openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
        -CAcreateserial -days 30 -extfile "$dir/san.ext" -out "$dir/server.crt" 2>/dev/null
      chmod 600 "$dir/server.key" "$dir/ca.key"
      [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir/server.key" "$dir/server.crt"
    fi
    "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200 \
          -c ssl=on -c ssl_cert_file=$dir/server.crt -c ssl_key_file=$dir/server.key \
          -c password_encryption=scram-sha-256 \
          -c shared_preload_libraries=auth_delay -c auth_delay.milliseconds=$AUTH_DELAY_MS" \
      start >/dev/null
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/postgres?sslmode=verify-full&sslrootcert=$dir/ca.crt"
    ;;
  stop)
    "${as_server[@]}" "$bin/pg_ctl" -D "$dir/data" stop -m fast >/dev/null 2>&1 || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 2 ;;
esac
