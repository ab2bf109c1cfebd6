/* ciro-schema.h: the store's tables, version by version
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "core/ciro-date.h"
#include "core/ciro-records.h"

G_BEGIN_DECLS

/* migrations[i] takes a store from user_version i to i + 1. */
const char * const *ciro_schema_migrations (guint *n_migrations);

/* Secondary indexes that every order written updates at a random place:
 * lines by product, orders by customer, the last sale of each product. A
 * bulk import drops them and builds them again at its end. */
typedef struct {
  const char *name;
  const char *create;   /* CREATE INDEX IF NOT EXISTS …, as the schema has it */
} CiroSchemaIndex;

const CiroSchemaIndex *ciro_schema_bulk_indexes (guint *n_indexes);

/* The category key of a line (insights.md §1) as the category rollups store
 * it: "N" + the product's category stripped of ASCII blanks as g_strstrip ()
 * strips them, else "I#<category_id>", else "K" (no category, or no such
 * product), and "U" for an unmatched line (product_key ≤ 0). `p` names a
 * row of products LEFT JOINed to the line, `key` the line's product_key.
 * ciro_category_key () is the same in C. */
#define CIRO_SCHEMA_CATEGORY_BLANKS "char (32, 9, 10, 12, 13)"
#define CIRO_SCHEMA_CATEGORY_KEY(key, p) \
  "CASE WHEN " key " <= 0 THEN 'U' WHEN " p ".id IS NULL THEN 'K'" \
  " WHEN trim (coalesce (" p ".category, ''), " CIRO_SCHEMA_CATEGORY_BLANKS ") <> ''" \
  "  THEN 'N' || trim (" p ".category, " CIRO_SCHEMA_CATEGORY_BLANKS ")" \
  " WHEN coalesce (" p ".category_id, 0) <> 0 THEN 'I#' || " p ".category_id ELSE 'K' END"

/* Fills the empty category rollups from the orders: per day, marketplace
 * and category the distinct net orders with a line in it and the net lines'
 * sums (the KDV inside their amounts and their cost without KDV too, since
 * v12); return_units from status-6 orders. Plain SQL, so that a migration
 * needs no function of Ciro's. */
#define CIRO_SCHEMA_NET_SUM(x) \
  "sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN " x " ELSE 0 END)"
#define CIRO_SCHEMA_FILL_CATEGORY_ROLLUPS \
  "INSERT INTO roll_day_category (day, marketplace_id, category, orders, revenue, units, cost," \
  "  commission, return_units, output_vat, cost_ex_vat)" \
  " SELECT o.day, o.marketplace_id, " CIRO_SCHEMA_CATEGORY_KEY ("l.product_key", "p") " AS c," \
  "  count (DISTINCT CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN o.id END)," \
  "  " CIRO_SCHEMA_NET_SUM ("l.amount") ", " CIRO_SCHEMA_NET_SUM ("l.quantity") "," \
  "  " CIRO_SCHEMA_NET_SUM ("l.cost") ", " CIRO_SCHEMA_NET_SUM ("l.commission") "," \
  "  sum (CASE WHEN o.status = " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN l.quantity ELSE 0 END)," \
  "  " CIRO_SCHEMA_NET_SUM ("l.output_vat") ", " CIRO_SCHEMA_NET_SUM ("l.cost_ex_vat") \
  " FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN products p ON p.id = l.product_key" \
  " GROUP BY o.day, o.marketplace_id, c;" \
  "INSERT INTO roll_month_category (month, marketplace_id, category, orders, revenue, units, cost," \
  "  commission, return_units, output_vat, cost_ex_vat)" \
  " SELECT (CAST (strftime ('%Y', day * 86400, 'unixepoch') AS INTEGER)) * 12" \
  "  + CAST (strftime ('%m', day * 86400, 'unixepoch') AS INTEGER) - 1 AS m, marketplace_id, category," \
  "  sum (orders), sum (revenue), sum (units), sum (cost), sum (commission), sum (return_units)," \
  "  sum (output_vat), sum (cost_ex_vat)" \
  " FROM roll_day_category GROUP BY m, marketplace_id, category;"

/* Fills the empty roll_year_product from roll_month_product: per year,
 * marketplace and product_key, the months (year * 12 + month − 1, month
 * slot = month % 12) in which the product had net orders, as counts packed
 * ten bits a month, slots 0–5 in `lo` and 6–11 in `hi`: 1 in a
 * marketplace's row, the number of marketplaces in the row of marketplace
 * 0 (any). Plain SQL, like the category fill. */
#define CIRO_SCHEMA_YEAR_PRODUCT_SLOTS \
  " sum (CASE WHEN month % 12 < 6 THEN 1 << (10 * (month % 12)) ELSE 0 END)," \
  " sum (CASE WHEN month % 12 >= 6 THEN 1 << (10 * (month % 12 - 6)) ELSE 0 END)"
#define CIRO_SCHEMA_FILL_YEAR_PRODUCT \
  "INSERT INTO roll_year_product SELECT month / 12, marketplace_id, product_key," \
  CIRO_SCHEMA_YEAR_PRODUCT_SLOTS \
  " FROM roll_month_product WHERE orders > 0 GROUP BY month / 12, marketplace_id, product_key;" \
  "INSERT INTO roll_year_product SELECT month / 12, 0, product_key," \
  CIRO_SCHEMA_YEAR_PRODUCT_SLOTS \
  " FROM roll_month_product WHERE orders > 0 GROUP BY month / 12, product_key;"

/* Fills the empty roll_cum_product (v14; v15 drops it for roll_cum_part)
 * from roll_month_product. A row (month,
 * product_key) holds the product's sums over all marketplaces and all months
 * up to and including `month`; every product has a row for each month from
 * its first month in roll_month_product to the last month of that table (the
 * store's last month), so that the running totals at a month are one
 * contiguous range of the primary key. The window [a, b] of whole months is
 * the row at b less the row at a − 1 (no row there: nothing before). Plain
 * SQL, like the category fill; sum () stops with an error on an overflow. */
#define CIRO_SCHEMA_FILL_CUM_PRODUCT \
  "INSERT INTO roll_cum_product (month, product_key, revenue, units, orders, cost, commission," \
  "  return_units, output_vat, cost_ex_vat)" \
  " WITH RECURSIVE pm AS (" \
  "   SELECT month, product_key, sum (revenue) AS revenue, sum (units) AS units, sum (orders) AS orders," \
  "    sum (cost) AS cost, sum (commission) AS commission, sum (return_units) AS return_units," \
  "    sum (output_vat) AS output_vat, sum (cost_ex_vat) AS cost_ex_vat" \
  "   FROM roll_month_product GROUP BY month, product_key)," \
  "  firsts AS (SELECT product_key, min (month) AS first FROM pm GROUP BY product_key)," \
  "  ms (m) AS (SELECT min (month) FROM pm UNION ALL" \
  "   SELECT m + 1 FROM ms WHERE m < (SELECT max (month) FROM pm))" \
  " SELECT ms.m, f.product_key," \
  "  sum (coalesce (pm.revenue, 0)) OVER w, sum (coalesce (pm.units, 0)) OVER w," \
  "  sum (coalesce (pm.orders, 0)) OVER w, sum (coalesce (pm.cost, 0)) OVER w," \
  "  sum (coalesce (pm.commission, 0)) OVER w, sum (coalesce (pm.return_units, 0)) OVER w," \
  "  sum (coalesce (pm.output_vat, 0)) OVER w, sum (coalesce (pm.cost_ex_vat, 0)) OVER w" \
  " FROM firsts f JOIN ms ON ms.m >= f.first" \
  " LEFT JOIN pm ON pm.month = ms.m AND pm.product_key = f.product_key" \
  " WINDOW w AS (PARTITION BY f.product_key ORDER BY ms.m ROWS UNBOUNDED PRECEDING);"

/* v15: a month's parts, the periods of roll_cum_part. Part e (0–7) of a
 * month holds its days 4e + 1 to 4e + 4, the last part the days from 29 to
 * the month's end; parts are numbered month × 8 + e, so that they follow
 * one another across months. Any day is at most two days from the end of a
 * part on one side or the other. */
#define CIRO_PARTS_PER_MONTH 8

static inline gint32
ciro_day_part (CiroDay day)
{
  gint32 month = ciro_day_month (day);
  gint32 e = (day - ciro_month_first_day (month)) / 4;

  return month * CIRO_PARTS_PER_MONTH + MIN (e, CIRO_PARTS_PER_MONTH - 1);
}

static inline CiroDay
ciro_part_first_day (gint32 part)
{
  return ciro_month_first_day (part / CIRO_PARTS_PER_MONTH) + 4 * (part % CIRO_PARTS_PER_MONTH);
}

static inline CiroDay
ciro_part_last_day (gint32 part)
{
  return part % CIRO_PARTS_PER_MONTH == CIRO_PARTS_PER_MONTH - 1 ? ciro_month_last_day (part / CIRO_PARTS_PER_MONTH)
                                                                 : ciro_part_first_day (part) + 3;
}

/* TRUE but in a test that shows the ranking test catches a writer leaving
 * roll_cum_part behind (ciro-rollup.c). */
extern gboolean ciro_rollup_keep_cum_parts;

/* The part of roll_day_product's `day` in SQL, as ciro_day_part (). */
#define CIRO_SCHEMA_DAY_PART(day) \
  "((CAST (strftime ('%Y', " day " * 86400, 'unixepoch') AS INTEGER) * 12" \
  " + CAST (strftime ('%m', " day " * 86400, 'unixepoch') AS INTEGER) - 1) * 8" \
  " + min ((CAST (strftime ('%d', " day " * 86400, 'unixepoch') AS INTEGER) - 1) / 4, 7))"

/* Fills the empty roll_cum_part from roll_day_product: as roll_cum_product
 * (v14, above) with parts of months for months. A row (part, product_key)
 * holds the product's sums over all marketplaces and all days up to the
 * end of `part`; every product has a row for each part from its first part
 * in roll_day_product to the last part of that table, so that the running
 * totals at a part are one contiguous range of the primary key. The days
 * [a, b] are the totals at b less those at a − 1, each read at the nearer
 * end of its part (ciro-report.c). */
#define CIRO_SCHEMA_FILL_CUM_PART \
  "INSERT INTO roll_cum_part (part, product_key, revenue, units, orders, cost, commission," \
  "  return_units, output_vat, cost_ex_vat)" \
  " WITH RECURSIVE pp AS (" \
  "   SELECT part, product_key, sum (revenue) AS revenue, sum (units) AS units, sum (orders) AS orders," \
  "    sum (cost) AS cost, sum (commission) AS commission, sum (return_units) AS return_units," \
  "    sum (output_vat) AS output_vat, sum (cost_ex_vat) AS cost_ex_vat" \
  "   FROM (SELECT " CIRO_SCHEMA_DAY_PART ("day") " AS part, * FROM roll_day_product)" \
  "   GROUP BY part, product_key)," \
  "  firsts AS (SELECT product_key, min (part) AS first FROM pp GROUP BY product_key)," \
  "  ps (p) AS (SELECT min (part) FROM pp UNION ALL" \
  "   SELECT p + 1 FROM ps WHERE p < (SELECT max (part) FROM pp))" \
  " SELECT ps.p, f.product_key," \
  "  sum (coalesce (pp.revenue, 0)) OVER w, sum (coalesce (pp.units, 0)) OVER w," \
  "  sum (coalesce (pp.orders, 0)) OVER w, sum (coalesce (pp.cost, 0)) OVER w," \
  "  sum (coalesce (pp.commission, 0)) OVER w, sum (coalesce (pp.return_units, 0)) OVER w," \
  "  sum (coalesce (pp.output_vat, 0)) OVER w, sum (coalesce (pp.cost_ex_vat, 0)) OVER w" \
  " FROM firsts f JOIN ps ON ps.p >= f.first" \
  " LEFT JOIN pp ON pp.part = ps.p AND pp.product_key = f.product_key" \
  " WINDOW w AS (PARTITION BY f.product_key ORDER BY ps.p ROWS UNBOUNDED PRECEDING);"

G_END_DECLS
