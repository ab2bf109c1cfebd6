#!/usr/bin/env bash
# Sales report of the large store to CSV and XLSX: seconds and peak memory,
# against `sqlite3 -csv` dumping the same rows (the floor); then the PDFs
# (see below). Needs the store
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
declare -A took
measure () { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
printf '%-26s %10s %12s %12s\n' "sales, 2 years" "seconds" "peak RSS MB" "file MB"
for fmt in csv xlsx; do
  read -r secs kb < <(measure "$cli" --db "$db" export sales --format "$fmt" --output "$out/sales.$fmt" --from "$from" --to "$to")
  took[$fmt]="$secs"
  printf '%-26s %10s %12.1f %12.1f\n' "ciro-cli export $fmt" "$secs" "$(echo "$kb/1024" | bc -l)" \
    "$(echo "$(stat -c %s "$out/sales.$fmt")/1048576" | bc -l)"
done
d0=$(sqlite3 "$db" "SELECT CAST(julianday('$from') - 2440587.5 AS INTEGER)")
d1=$(sqlite3 "$db" "SELECT CAST(julianday('$to') - 2440587.5 AS INTEGER)")
# the same rows the sales sheet holds: every line, and an order without
# lines as one row, with the order's shipping and marketplace cost
read -r secs kb < <(measure sqlite3 -csv "$db" "SELECT o.day, o.seconds, o.order_code, m.name, o.shop, o.status, l.sku,
  coalesce (p.name, l.name), l.quantity, l.price, l.amount, o.shipping_total, l.cost, l.commission, m.shipping_cost
  FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id LEFT JOIN order_lines l ON l.order_id = o.id
  LEFT JOIN products p ON p.id = l.product_id WHERE o.day BETWEEN $d0 AND $d1
  ORDER BY o.day, o.seconds, o.id, l.pos")
printf '%-26s %10s %12.1f\n' "sqlite3 -csv (floor)" "$secs" "$(echo "$kb/1024" | bc -l)"
floor="$secs"
for fmt in csv xlsx; do
  printf '%-26s %10.1f× the floor (target ≤ %s×)\n' "export $fmt" "$(echo "${took[$fmt]}/$floor" | bc -l)" \
    "$([ "$fmt" = csv ] && echo 2 || echo 10)"
done

# PDF: what a person reads, bounded whatever the store's size (the KPIs and
# charts, the monthly totals, the 200 largest lines; the first 500 customers
# and products). Baselines in the same run: the engine's own queries the
# sales PDF needs, done by sqlite3 (count and top 200 of the same lines),
# and the customers CSV, whose query the customers PDF reads too.
pdf_pages () { pdfinfo "$1" 2>/dev/null | awk '/^Pages:/ { print $2 }'; }
printf '\n%-31s %10s %12s %12s %8s\n' "PDF, 2 years" "seconds" "peak RSS MB" "file MB" "pages"
for kind in sales pnl products customers; do
  read -r secs kb < <(measure "$cli" --db "$db" export "$kind" --format pdf --output "$out/$kind.pdf" --from "$from" --to "$to")
  printf '%-31s %10s %12.1f %12.2f %8s\n' "ciro-cli export $kind pdf" "$secs" "$(echo "$kb/1024" | bc -l)" \
    "$(echo "$(stat -c %s "$out/$kind.pdf")/1048576" | bc -l)" "$(pdf_pages "$out/$kind.pdf")"
done
read -r secs kb < <(measure sqlite3 "$db" "SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id
  WHERE o.day BETWEEN $d0 AND $d1; SELECT l.order_id, l.pos FROM orders o JOIN order_lines l ON l.order_id = o.id
  WHERE o.day BETWEEN $d0 AND $d1 ORDER BY l.amount DESC, o.day, o.seconds, o.id, l.pos LIMIT 200")
printf '%-31s %10s %12.1f\n' "sqlite3 count + top 200" "$secs" "$(echo "$kb/1024" | bc -l)"
read -r secs kb < <(measure "$cli" --db "$db" export customers --format csv --output "$out/customers.csv" --from "$from" --to "$to")
printf '%-31s %10s %12.1f %12.2f\n' "ciro-cli export customers csv" "$secs" "$(echo "$kb/1024" | bc -l)" \
  "$(echo "$(stat -c %s "$out/customers.csv")/1048576" | bc -l)"
