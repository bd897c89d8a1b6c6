#!/usr/bin/env bash
# Installs acsrv-desktop (system packages, .venv) and starts it on its embedded SQLite database.
# Arguments are passed to the application: scripts/start.sh --db postgresql+psycopg://...
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/system-packages.sh"
"$top/scripts/venv.sh"
exec "$top/.venv/bin/acsrv-desktop" "$@"
