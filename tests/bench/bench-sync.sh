#!/usr/bin/env bash
# Sync of the large demo store from the loopback mock with pauses off:
# orders per second and peak memory for
#   1. ciro-cli sync against `ciro-cli mock` in another process (the mock
#      stands where Sentos would: the figure is the client's — requests,
#      parsing, matching, the store's writes with rollups);
#   2. ciro-cli demo, mock and client in one process (what a user runs);
# against the baseline, in the same run: the generator writing the same
# seller straight into a store (no HTTP, no JSON).
# The synced store's figures must equal the baseline's, to the kuruş.
# CIRO_BENCH_SYNC_ORDERS sets the size (default 1,000,000 orders, with a
# product per 50 orders).
set -euo pipefail
cli="$1"
n="${CIRO_BENCH_SYNC_ORDERS:-1000000}"
products=$(( n / 50 ))
out="$(mktemp -d)"
mock_pid=""
cleanup () {
  if [ -n "$mock_pid" ]; then kill "$mock_pid" 2>/dev/null || true; wait "$mock_pid" 2>/dev/null || true; fi
  rm -rf "$out"
}
trap cleanup EXIT
export CIRO_SYNC_PAUSE_MS=0

rate () { echo "$1/$2" | bc -l; }
row () {
  printf '%-44s %8s s %10.0f orders/s %8.1f MB peak RSS\n' "$1" "$2" "$(rate "$n" "$2")" "$(echo "$3/1024" | bc -l)"
}

printf 'sync of %s orders / %s products from the loopback mock\n' "$n" "$products"

# 1. the mock in a process of its own, the client in another
"$cli" mock --orders "$n" --products "$products" >"$out/mock.url" 2>"$out/mock.err" &
mock_pid=$!
for _ in $(seq 1 600); do
  [ -s "$out/mock.url" ] && break
  sleep 0.1
done
url="$(head -n1 "$out/mock.url")"
[ -n "$url" ] || { echo "the mock did not start" >&2; cat "$out/mock.err" >&2; exit 1; }
from="$(date -d '-731 days' +%F)"
to="$(date -d '+1 day' +%F)"
SENTOS_API_KEY=demo SENTOS_API_SECRET=demo /usr/bin/time -f "%e %M %O" -o "$out/time" \
  "$cli" --db "$out/sync.db" sync --api-url "$url" --from "$from" --to "$to" >"$out/sync.out" 2>"$out/sync.err"
read -r secs kb blocks < "$out/time"
kill "$mock_pid"; wait "$mock_pid" 2>/dev/null || true; mock_pid=""
row "client + store (ciro-cli sync, mock apart)" "$secs" "$kb"
printf '%-44s %8s\n' "store size" "$(du -h "$out/sync.db" | cut -f1)"
# what the sync wrote to the disk (the WAL, its checkpoints, temporary
# files), in 512-byte blocks, against the store it left; target 2×
store_bytes=$(stat -c %s "$out/sync.db")
printf '%-44s %8.0f MB, %.2f× the store (target 2×)\n' "written by the sync" \
  "$(echo "$blocks*512/1048576" | bc -l)" "$(echo "$blocks*512/$store_bytes" | bc -l)"

# 2. ciro-cli demo: mock and client share a process
/usr/bin/time -f "%e %M" -o "$out/time" "$cli" --db "$out/demo.db" demo --orders "$n" --products "$products" \
  >"$out/demo.out" 2>/dev/null
read -r dsecs dkb < "$out/time"
row "mock + client + store (ciro-cli demo)" "$dsecs" "$dkb"

# baseline: the generator straight into a store
CIRO_DEMO_DIRECT=1 /usr/bin/time -f "%e %M" -o "$out/time" "$cli" --db "$out/direct.db" demo --orders "$n" \
  --products "$products" >"$out/direct.out" 2>/dev/null
read -r bsecs bkb < "$out/time"
row "baseline: generator into the store" "$bsecs" "$bkb"

# the same figures whichever way the store was filled
summary () { "$cli" --db "$1" report summary --from "$from" --to "$to" --format json; }
summary "$out/direct.db" >"$out/direct.json"
for db in sync demo; do
  summary "$out/$db.db" >"$out/$db.json"
  if ! cmp -s "$out/direct.json" "$out/$db.json"; then
    echo "the $db store's summary differs from the baseline's:" >&2
    diff "$out/direct.json" "$out/$db.json" >&2 || true
    exit 1
  fi
done
echo "summaries of all three stores are equal"
printf 'the sync costs %.2f× the direct write; target 20,000 orders/s, 150 MB\n' "$(echo "$secs/$bsecs" | bc -l)"
