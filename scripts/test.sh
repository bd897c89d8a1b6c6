#!/usr/bin/env bash
# Installs what the tests need (system packages, .venv with the test extra), checks lint,
# formatting and types (ruff, mypy), then runs the whole suite, on SQLite and on a throw-away
# PostgreSQL server. Arguments go to pytest.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
scripts/system-packages.sh --tests
scripts/venv.sh test

# Lint, format and types first: a few seconds, and any failure fails the run.
echo "== Lint : ruff check"
.venv/bin/ruff check .
echo "== Mise en forme : ruff format --check"
.venv/bin/ruff format --check .
echo "== Types : mypy (configuration dans pyproject.toml)"
.venv/bin/mypy

pg_dir=$(mktemp -d /tmp/acsrv-pg.XXXXXX)
trap 'scripts/postgresql.sh stop "$pg_dir"' EXIT
url=""
for attempt in 1 2 3 4 5; do  # a random port, in case another server holds one
  port=$(( 20000 + RANDOM % 20000 ))
  if url=$(scripts/postgresql.sh start "$pg_dir" "$port"); then break; fi
  scripts/postgresql.sh stop "$pg_dir"; pg_dir=$(mktemp -d /tmp/acsrv-pg.XXXXXX); url=""
done
if [[ -n "$url" ]]; then
  export ACSRV_TEST_POSTGRESQL_URL="$url"
  echo "Tests sur SQLite et sur PostgreSQL ($url)"
else
  echo "PostgreSQL indisponible : tests sur SQLite seulement" >&2
fi
.venv/bin/python -m pytest "$@"
