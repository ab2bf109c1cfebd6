#!/usr/bin/env bash
# Installs the dependencies, builds Ciro with warnings as errors, and runs the
# whole test suite twice: a normal build and one under AddressSanitizer +
# UndefinedBehaviorSanitizer. Exits non-zero on any failure.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

bash build-aux/install-deps.sh

run_suite () {
  local dir="$1"
  shift
  if [ -d "$dir" ] && [ -f "$dir/build.ninja" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null
  else
    rm -rf "$dir"
    meson setup "$dir" "$@"
  fi
  ninja -C "$dir"
  # UI tests need a display; give them a virtual one when there is none.
  if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null; then
    xvfb-run -a -s '-screen 0 1400x900x24' meson test -C "$dir" --print-errorlogs --num-processes 2
  else
    meson test -C "$dir" --print-errorlogs --num-processes 2
  fi
}

echo "=== build and test (warnings are errors)"
run_suite _build -Dwerror=true

echo "=== build and test under AddressSanitizer + UndefinedBehaviorSanitizer"
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$here/build-aux/lsan.supp:print_suppressions=0"
run_suite _sanitize -Dwerror=true -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug
