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
# Beside each: wall and CPU time, peak RSS, and what it wrote against the
# size of the store it left (the target for a sync is 2× at most).
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
  printf '%-44s %8s s %10.0f orders/s %8.1f MB peak RSS, CPU %s s\n' "$1" "$2" "$(rate "$n" "$2")" \
    "$(echo "$3/1024" | bc -l)" "$4"
}
# Runs a command and keeps, in $out/$1.time, wall seconds, CPU seconds
# (user + system), peak RSS (kB) and the 512-byte blocks it wrote to the
# disk (ru_oublock), and in $out/$1.io the kernel's I/O figures for it
# (/proc/<pid>/io of a shell that has reaped it: wchar counts the bytes
# handed to write(2) and pwrite(2), write_bytes the bytes the page cache
# sent or is to send to the disk).
measure () {
  local name="$1"; shift
  /usr/bin/time -f "%e %U %S %M %O" -o "$out/$name.time" \
    bash -c '"$@"; s=$?; cat /proc/$$/io >"'"$out/$name.io"'"; exit $s' measure "$@"
}
io () { awk -v k="$2:" '$1 == k { print $2 }' "$out/$1.io"; }
cpu () { awk '{ printf "%.1f", $2 + $3 }' "$out/$1.time"; }
# what a run wrote against the store it left: the WAL, its checkpoints and
# temporary files, by the bytes handed to the kernel and by the blocks the
# disk got; target 2×
written () {
  local store_bytes wchar blocks
  store_bytes=$(stat -c %s "$out/$1.db")
  wchar=$(io "$1" wchar)
  blocks=$(awk '{ print $5 }' "$out/$1.time")
  printf '%-44s %8.1f MB\n' "  store size" "$(echo "$store_bytes/1048576" | bc -l)"
  printf '%-44s %8.1f MB, %.2f× the store (written to files)\n' "  written" \
    "$(echo "$wchar/1048576" | bc -l)" "$(echo "$wchar/$store_bytes" | bc -l)"
  printf '%-44s %8.1f MB, %.2f× the store (to the disk, ru_oublock)\n' "" \
    "$(echo "$blocks*512/1048576" | bc -l)" "$(echo "$blocks*512/$store_bytes" | bc -l)"
}

printf 'sync of %s orders / %s products from the loopback mock\n' "$n" "$products"

# One moment for every process of the run: a demo that ends today holds
# today's orders placed before that moment, and the stores are compared
export CIRO_NOW="${CIRO_NOW:-$(TZ=Europe/Istanbul date '+%F %T')}"

# 1. the mock in a process of its own, the client in another
from="$(date -d '-731 days' +%F)"
to="$(date -d '+1 day' +%F)"
sync_with () {
  local name="$1" client="$2"
  "$cli" mock --orders "$n" --products "$products" >"$out/mock.url" 2>"$out/mock.err" &
  mock_pid=$!
  for _ in $(seq 1 600); do
    [ -s "$out/mock.url" ] && break
    sleep 0.1
  done
  url="$(head -n1 "$out/mock.url")"
  [ -n "$url" ] || { echo "the mock did not start" >&2; cat "$out/mock.err" >&2; exit 1; }
  SENTOS_API_KEY=demo SENTOS_API_SECRET=demo measure "$name" \
    "$client" --db "$out/$name.db" sync --api-url "$url" --from "$from" --to "$to" >"$out/$name.out" 2>"$out/$name.err"
  kill "$mock_pid"; wait "$mock_pid" 2>/dev/null || true; mock_pid=""
  rm -f "$out/mock.url"
}
sync_with sync "$cli"
read -r secs _ _ kb _ < "$out/sync.time"
row "client + store (ciro-cli sync, mock apart)" "$secs" "$kb" "$(cpu sync)"
written sync
# CIRO_BENCH_SYNC_BEFORE names another build's ciro-cli (an older commit's)
# to compare with in the same run
if [ -n "${CIRO_BENCH_SYNC_BEFORE:-}" ]; then
  sync_with before "$CIRO_BENCH_SYNC_BEFORE"
  read -r osecs _ _ okb _ < "$out/before.time"
  row "the same with $CIRO_BENCH_SYNC_BEFORE" "$osecs" "$okb" "$(cpu before)"
  written before
fi

# 2. ciro-cli demo: mock and client share a process
measure demo "$cli" --db "$out/demo.db" demo --orders "$n" --products "$products" >"$out/demo.out" 2>/dev/null
read -r dsecs _ _ dkb _ < "$out/demo.time"
row "mock + client + store (ciro-cli demo)" "$dsecs" "$dkb" "$(cpu demo)"
written demo

# baseline: the generator straight into a store
CIRO_DEMO_DIRECT=1 measure direct "$cli" --db "$out/direct.db" demo --orders "$n" --products "$products" \
  >"$out/direct.out" 2>/dev/null
read -r bsecs _ _ bkb _ < "$out/direct.time"
row "baseline: generator into the store" "$bsecs" "$bkb" "$(cpu direct)"
written direct

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
