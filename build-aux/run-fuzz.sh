#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (AddressSanitizer +
# UndefinedBehaviorSanitizer) and runs each one for FUZZ_SECONDS seconds
# (default 60), starting from its seeds and regression inputs. Exits non-zero
# when a target failed; the input that made it fail is kept under
# <build>/fuzz-artifacts/<target>/ and the log says how to replay it.
#
#   FUZZ_SECONDS=300 bash build-aux/run-fuzz.sh            # all targets
#   bash build-aux/run-fuzz.sh numbers dates                # some of them
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

seconds="${FUZZ_SECONDS:-60}"
# A fixed seed by default: a CI run repeats the exploration that was checked
# before the change landed, so a submission is not failed by chance. Explore
# anew with FUZZ_SEED=0 (libFuzzer then picks one) and a longer FUZZ_SECONDS.
seed="${FUZZ_SEED:-1}"
build="${FUZZ_BUILD_DIR:-_fuzz}"

bash build-aux/install-deps.sh

if [ -f "$build/build.ninja" ]; then
  meson setup --reconfigure "$build" -Dfuzzing=true -Dgui=false >/dev/null
else
  rm -rf "$build"
  CC=clang meson setup "$build" -Dfuzzing=true -Dgui=false
fi
ninja -C "$build" fuzzers

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$here/build-aux/lsan.supp:print_suppressions=0"
export LC_ALL=C.UTF-8

if [ $# -gt 0 ]; then
  targets=("$@")
else
  targets=()
  for d in tests/fuzz/corpus/*/; do
    targets+=("$(basename "$d")")
  done
fi

failed=()
for t in "${targets[@]}"; do
  fuzzer="$build/tests/fuzz/fuzz-$t"
  work="$build/fuzz-corpus/$t"          # what the fuzzer adds; the seeds stay as they are
  artifacts="$build/fuzz-artifacts/$t/"
  mkdir -p "$work" "$artifacts"
  dirs=("$work" "tests/fuzz/corpus/$t")
  if [ -d "tests/fuzz/regressions/$t" ]; then
    dirs+=("tests/fuzz/regressions/$t")
  fi
  opts=(-max_total_time="$seconds" -seed="$seed" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$artifacts")
  case "$t" in
    json-reader|products-page|orders-page|page-store) opts+=(-dict=tests/fuzz/sentos.dict) ;;
  esac
  echo "=== fuzz $t for ${seconds} s"
  if "$fuzzer" "${opts[@]}" "${dirs[@]}" 2>"$build/fuzz-$t.log"; then
    grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|#[0-9]+ *DONE)' "$build/fuzz-$t.log" || true
  else
    failed+=("$t")
    tail -n 60 "$build/fuzz-$t.log"
    echo "fuzz $t FAILED; the input is in $artifacts. Replay it with"
    echo "  $fuzzer $artifacts<file>"
    echo "and once fixed keep it as a regression: tests/fuzz/regressions/$t/<short-name>"
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing failed: ${failed[*]}"
  exit 1
fi
echo "fuzzing: ${#targets[@]} targets, ${seconds} s each, nothing found"
