#!/usr/bin/env bash
# Installs what the tests need (system packages, .venv with the test extra) and runs the whole
# suite, on SQLite and on a throw-away PostgreSQL server. Arguments go to pytest.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/system-packages.sh --tests
scripts/venv.sh -e ".[test]"

pg_dir=$(mktemp -d /tmp/acsrv-pg.XXXXXX)
port=$(( 20000 + RANDOM % 20000 ))
if url=$(scripts/postgresql.sh start "$pg_dir" "$port"); then
  export ACSRV_TEST_POSTGRESQL_URL="$url"
  trap 'scripts/postgresql.sh stop "$pg_dir"' EXIT
  echo "Tests sur SQLite et sur PostgreSQL ($url)"
else
  echo "PostgreSQL indisponible : tests sur SQLite seulement" >&2
fi
.venv/bin/python -m pytest "$@"
