#!/usr/bin/env bash
# Installs the Debian packages acsrv-desktop needs, if some are missing.
#   scripts/system-packages.sh          what the application needs (Qt's libraries, fonts, venv)
#   scripts/system-packages.sh --tests  the same, plus PostgreSQL, openssl and poppler for the tests
# Safe to run again: it installs nothing when everything is there.
set -euo pipefail

packages=(
  # Qt (PySide6) on Debian 12: these are not pulled by pip.
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  # Qt's X11 platform plugin (a real screen).
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxcb-randr0 libxcb-xinerama0
)
# Debian's own Python needs python3-venv to create virtual environments.
if ! "${PYTHON:-python3}" -c "import ensurepip, venv" >/dev/null 2>&1; then
  packages+=(python3-venv)
fi
if [[ "${1:-}" == "--tests" ]]; then
  packages+=(postgresql openssl poppler-utils)  # openssl: the test server's certificates
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "acsrv-desktop : ce système n'est pas une Debian ; installez vous-même l'équivalent de : ${packages[*]}" >&2
  exit 0
fi

missing=()
for package in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "acsrv-desktop : installation des paquets système manquants : ${missing[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "acsrv-desktop : droits administrateur nécessaires ; demandez l'installation de : ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
