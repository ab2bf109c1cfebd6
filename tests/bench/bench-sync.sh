#!/usr/bin/env bash
# Sync from the loopback mock with pauses off: orders per second for the
# whole path (JSON written by the mock, sent over 127.0.0.1, parsed, matched,
# stored with rollups) and peak memory, against the generator writing the
# same seller straight into a store (no HTTP, no JSON) in the same run.
# CIRO_BENCH_SYNC_ORDERS sets the size (default 100,000).
set -euo pipefail
cli="$1"
n="${CIRO_BENCH_SYNC_ORDERS:-100000}"
products=$(( n / 50 ))
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
printf 'sync of %s orders / %s products from the loopback mock\n' "$n" "$products"
/usr/bin/time -f "%e %M" -o "$out/time" "$cli" --db "$out/sync.db" demo --orders "$n" --products "$products" \
  >"$out/out" 2>/dev/null
read -r secs kb < "$out/time"
printf '%-34s %8s s %10.0f orders/s %8.1f MB peak RSS\n' "mock + client + store (ciro-cli demo)" "$secs" \
  "$(echo "$n/$secs" | bc -l)" "$(echo "$kb/1024" | bc -l)"
printf '%-34s %8s\n' "store size" "$(du -h "$out/sync.db" | cut -f1)"
CIRO_DEMO_DIRECT=1 /usr/bin/time -f "%e %M" -o "$out/time" "$cli" --db "$out/direct.db" demo --orders "$n" \
  --products "$products" >"$out/out" 2>/dev/null
read -r dsecs dkb < "$out/time"
printf '%-34s %8s s %10.0f orders/s %8.1f MB peak RSS\n' "baseline: generator into the store" "$dsecs" \
  "$(echo "$n/$dsecs" | bc -l)" "$(echo "$dkb/1024" | bc -l)"
printf 'the sync path costs %.1f× the direct write; target 20,000 orders/s, 150 MB\n' "$(echo "$secs/$dsecs" | bc -l)"
