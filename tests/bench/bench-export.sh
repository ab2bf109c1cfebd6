#!/usr/bin/env bash
# Sales report of the large store to CSV and XLSX: seconds and peak memory,
# against `sqlite3 -csv` dumping the same rows (the floor). Needs the store
# bench-reports builds (CIRO_BENCH_DB or the default cache path).
set -euo pipefail
cli="$1"
db="${CIRO_BENCH_DB:-${XDG_CACHE_HOME:-$HOME/.cache}/ciro-bench/bench-1000000-20000.db}"
if [ ! -s "$db" ]; then
  echo "bench-export: no store at $db (run the reports benchmark first)"; exit 0
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
from=2024-11-22; to=2026-11-20
measure () { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
printf '%-26s %10s %12s %12s\n' "sales, 2 years" "seconds" "peak RSS MB" "file MB"
for fmt in csv xlsx; do
  read -r secs kb < <(measure "$cli" --db "$db" export sales --format "$fmt" --output "$out/sales.$fmt" --from "$from" --to "$to")
  printf '%-26s %10s %12.1f %12.1f\n' "ciro-cli export $fmt" "$secs" "$(echo "$kb/1024" | bc -l)" \
    "$(echo "$(stat -c %s "$out/sales.$fmt")/1048576" | bc -l)"
done
d0=$(sqlite3 "$db" "SELECT CAST(julianday('$from') - 2440587.5 AS INTEGER)")
d1=$(sqlite3 "$db" "SELECT CAST(julianday('$to') - 2440587.5 AS INTEGER)")
read -r secs kb < <(measure sqlite3 -csv "$db" "SELECT o.day, o.seconds, o.order_code, m.name, o.shop, o.status, l.sku,
  coalesce (p.name, l.name), l.quantity, l.price, l.amount, l.cost, l.commission FROM orders o
  JOIN marketplaces m ON m.id = o.marketplace_id JOIN order_lines l ON l.order_id = o.id
  LEFT JOIN products p ON p.id = l.product_id WHERE o.day BETWEEN $d0 AND $d1
  ORDER BY o.day, o.seconds, o.id, l.pos")
printf '%-26s %10s %12.1f\n' "sqlite3 -csv (floor)" "$secs" "$(echo "$kb/1024" | bc -l)"
