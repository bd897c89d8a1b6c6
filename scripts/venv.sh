#!/usr/bin/env bash
# Creates (once) the virtual environment .venv at the top of the repository and installs the
# application into it: scripts/venv.sh [pip arguments...]
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
if [[ ! -x "$top/.venv/bin/python" ]]; then
  "$PYTHON" -m venv "$top/.venv"
  "$top/.venv/bin/python" -m pip install --quiet --upgrade pip
fi
"$top/.venv/bin/python" -m pip install --quiet "$@"
