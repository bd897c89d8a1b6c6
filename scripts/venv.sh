#!/usr/bin/env bash
# Creates (once) the virtual environment .venv at the top of the repository and installs the
# application into it, editable, with the given extras: scripts/venv.sh [EXTRAS]  (e.g. "test").
# Nothing is downloaded again while pyproject.toml is unchanged: the app then starts offline.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
extras=${1:-}
PYTHON=${PYTHON:-python3}
if [[ ! -x "$top/.venv/bin/python" ]]; then
  "$PYTHON" -m venv "$top/.venv"
  "$top/.venv/bin/python" -m pip install --quiet --upgrade pip
fi
target="$top"
[[ -n "$extras" ]] && target="$top[$extras]"
stamp="$top/.venv/.acsrv-installed"
wanted="$(sha256sum "$top/pyproject.toml" | cut -d' ' -f1) $extras"
# An install with the test extra also satisfies a plain one.
if [[ -f "$stamp" ]] && { [[ "$(cat "$stamp")" == "$wanted" ]] || [[ -z "$extras" && "$(cut -d' ' -f1 "$stamp")" == "${wanted%% *}" ]]; }; then
  exit 0
fi
"$top/.venv/bin/python" -m pip install --quiet --editable "$target"
echo "$wanted" >"$stamp"
