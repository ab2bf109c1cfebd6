#!/usr/bin/env bash
# Installs the dependencies, builds Ciro, creates a realistic demo store if
# there is none yet, and opens the Ciro window on it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

bash build-aux/install-deps.sh

if [ -f _build/build.ninja ]; then
  meson setup --reconfigure _build >/dev/null
else
  meson setup _build
fi
ninja -C _build

db="${CIRO_DB:-${XDG_DATA_HOME:-$HOME/.local/share}/ciro/demo.db}"
export CIRO_DB="$db"
export GSETTINGS_SCHEMA_DIR="$here/_build/data"

if [ ! -s "$db" ] || [ "$(sqlite3 "$db" 'SELECT count(*) FROM orders' 2>/dev/null || echo 0)" = "0" ]; then
  echo "Creating the demo store in $db"
  ./_build/src/cli/ciro-cli demo --orders "${CIRO_DEMO_ORDERS:-120000}" --products "${CIRO_DEMO_PRODUCTS:-1500}"
fi

if [ "${CI:-}" = "true" ]; then
  echo "CI: not opening a window"
  exit 0
fi

exec ./_build/src/ui/ciro --db "$db"
