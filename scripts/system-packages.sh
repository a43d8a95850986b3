#!/usr/bin/env bash
# Install the Debian/Ubuntu packages Dossier needs, as root or through sudo.
#   app   – Qt's libraries for a desktop window (xcb) and python3-venv
#   tests – Qt's offscreen libraries, fonts with Czech glyphs, poppler (PDF text) and python3-venv (the fast suite)
#   ci    – tests + LibreOffice and metric-compatible fonts (the slow export render tests)
set -euo pipefail
profile=${1:-tests}

common=(python3-venv libglib2.0-0 libegl1 libgl1 libfontconfig1 libxkbcommon0 libdbus-1-3 fonts-dejavu-core)
case "$profile" in
  app)   packages=("${common[@]}" libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
                   libxcb-randr0 libxcb-render-util0 libxcb-xfixes0 libxcb-sync1 libx11-xcb1) ;;
  tests) packages=("${common[@]}" poppler-utils) ;;
  ci)    packages=("${common[@]}" poppler-utils libreoffice-calc-nogui libreoffice-writer-nogui
                   fonts-crosextra-carlito fonts-crosextra-caladea) ;;
  *) echo "usage: $0 app|tests|ci" >&2; exit 64 ;;
esac

command -v apt-get >/dev/null || { echo "apt-get not found: install ${packages[*]} with your system's package manager" >&2; exit 0; }

# Skip apt entirely when everything is there already (fast re-runs, no root needed).
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then as_root=(); elif command -v sudo >/dev/null; then as_root=(sudo); else
  echo "Run as root or install sudo: missing packages ${missing[*]}" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
