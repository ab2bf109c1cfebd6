/* bench-categories.c: the category figures on the million-order store
 *
 * insights.md §1 over two years (and the previous two, for the changes)
 * on the 1,000,000-order store (CIRO_BENCH_DB, else the one bench-reports
 * builds; it may be migrated on opening, so point CIRO_BENCH_DB at a copy
 * of a store others read); beside it, in the same
 * run, the summary and product reports of the same window and the same
 * figures grouped by category in plain SQL from the order lines, which
 * must agree with the engine, and the query categories ran before the
 * category rollups (every net line of the window, its orders counted
 * distinct per category in C), and the products count's pass as it read
 * every whole month's product rows before roll_year_product, and the pass
 * the engine ran for the figures after KDV before the category rollups
 * held them (every product row of both windows folded into its category),
 * whose sums must equal the engine's. Prints, asserts no timings.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

#include "analytics/ciro-categories.h"
#include "core/ciro-date.h"
#include "bench-common.h"

#define RUNS 5

/* Revenue and distinct net orders per category straight from the lines. */
#define DIRECT_SQL \
  "WITH cat AS (SELECT id, CASE WHEN trim (coalesce (category, '')) <> '' THEN trim (category)" \
  "   WHEN coalesce (category_id, 0) <> 0 THEN '#' || category_id ELSE '" CIRO_CATEGORY_NONE_NAME "' END AS c" \
  "   FROM products)" \
  " SELECT CASE WHEN l.product_key <= 0 THEN '" CIRO_CATEGORY_UNMATCHED_NAME "'" \
  "  ELSE coalesce (cat.c, '" CIRO_CATEGORY_NONE_NAME "') END AS g, sum (l.amount), count (DISTINCT o.id)" \
  " FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN cat ON cat.id = l.product_key" \
  " WHERE o.day BETWEEN ?1 AND ?2 AND o.status <> 6 GROUP BY g"

/* The distinct-order pass of the engine before the category rollups. */
#define OLD_ORDERS_SQL \
  "SELECT o.id, l.product_key FROM orders o JOIN order_lines l ON l.order_id = o.id" \
  " WHERE o.day BETWEEN ?1 AND ?2 AND o.status <> 6"

static double
time_old_orders (sqlite3 *db, const CiroReportFilter *f, gint64 *n_lines)
{
  double ms[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GHashTable) last = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
      sqlite3_stmt *stmt = NULL;
      double t0 = now_ms ();

      *n_lines = 0;
      g_assert_cmpint (sqlite3_prepare_v2 (db, OLD_ORDERS_SQL, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int (stmt, 1, f->from);
      sqlite3_bind_int (stmt, 2, f->to);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 order = sqlite3_column_int64 (stmt, 0), key = sqlite3_column_int64 (stmt, 1);
          gint64 *seen = g_hash_table_lookup (last, &key);

          if (seen == NULL)
            {
              gint64 *k = g_new (gint64, 1);
              *k = key;
              seen = g_new (gint64, 1);
              *seen = -1;
              g_hash_table_insert (last, k, seen);
            }
          *seen = order;
          (*n_lines)++;
        }
      sqlite3_finalize (stmt);
      ms[i] = now_ms () - t0;
    }
  return median (ms, RUNS);
}

/* The products count's pass: the distinct products with net orders in the
 * window, read the way the engine read them before roll_year_product (every
 * whole month's product rows) and the way it reads them now (the months
 * each product sold in, a row per year), both with the edge days from the
 * day product rollups. */
#define OLD_SOLD_SQL \
  "SELECT product_key FROM roll_month_product WHERE month BETWEEN ?1 AND ?2 AND orders > 0"
#define NEW_SOLD_SQL \
  "SELECT product_key, lo, hi, year FROM roll_year_product WHERE year BETWEEN ?1 / 12 AND ?2 / 12" \
  " AND marketplace_id = 0"
#define EDGE_SOLD_SQL \
  "SELECT product_key FROM roll_day_product WHERE day BETWEEN ?1 AND ?2 AND orders > 0"

static void
read_keys (sqlite3 *db, const char *sql, gint32 a, gint32 b, gint32 full_from, gint32 full_to, GHashTable *set)
{
  sqlite3_stmt *stmt = NULL;

  if (a > b)
    return;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, a);
  sqlite3_bind_int (stmt, 2, b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);

      if (sqlite3_column_count (stmt) == 4)
        {
          gint64 lo = sqlite3_column_int64 (stmt, 1), hi = sqlite3_column_int64 (stmt, 2);
          gint32 year = sqlite3_column_int (stmt, 3);
          gboolean any = FALSE;

          for (gint32 slot = 0; slot < 12 && !any; slot++)
            any = year * 12 + slot >= full_from && year * 12 + slot <= full_to &&
                  (((slot < 6 ? lo : hi) >> (10 * (slot % 6))) & 1023) != 0;
          if (!any)
            continue;
        }
      g_hash_table_add (set, g_memdup2 (&key, sizeof key));
    }
  sqlite3_finalize (stmt);
}

static double
time_sold (sqlite3 *db, const CiroReportFilter *f, gboolean old, guint *n_products)
{
  gint32 first = ciro_day_month (f->from), last = ciro_day_month (f->to);
  gint32 full_from = ciro_month_first_day (first) == f->from ? first : first + 1;
  gint32 full_to = ciro_month_last_day (last) == f->to ? last : last - 1;
  double ms[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GHashTable) set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      double t0 = now_ms ();

      read_keys (db, old ? OLD_SOLD_SQL : NEW_SOLD_SQL, full_from, full_to, full_from, full_to, set);
      read_keys (db, EDGE_SOLD_SQL, f->from, ciro_month_first_day (full_from) - 1, 0, 0, set);
      read_keys (db, EDGE_SOLD_SQL, ciro_month_last_day (full_to) + 1, f->to, 0, 0, set);
      ms[i] = now_ms () - t0;
      *n_products = g_hash_table_size (set);
    }
  return median (ms, RUNS);
}

/* The KDV pass of the engine before v12: the product rows of a window
 * (whole months from roll_month_product, the edge days from
 * roll_day_product), each product's output_vat and cost_ex_vat folded into
 * its category in C, for the window and the previous one. */
#define OLD_VAT_SQL(table, period) \
  "SELECT product_key, output_vat, cost_ex_vat FROM " table " WHERE " period " BETWEEN ?1 AND ?2"

typedef struct {
  gint64 output_vat, cost_ex_vat;
} VatSums;

static void
old_vat_slice (sqlite3 *db, const char *sql, gint32 a, gint32 b, GHashTable *group_of, GHashTable *sums)
{
  sqlite3_stmt *stmt = NULL;

  if (a > b)
    return;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, a);
  sqlite3_bind_int (stmt, 2, b);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);
      const char *g = key <= 0 ? CIRO_CATEGORY_UNMATCHED_NAME : g_hash_table_lookup (group_of, &key);
      VatSums *v;

      if (g == NULL)
        g = CIRO_CATEGORY_NONE_NAME;
      v = g_hash_table_lookup (sums, g);
      if (v == NULL)
        g_hash_table_insert (sums, (gpointer) g, v = g_new0 (VatSums, 1));
      v->output_vat += sqlite3_column_int64 (stmt, 1);
      v->cost_ex_vat += sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_finalize (stmt);
}

static void
old_vat_window (sqlite3 *db, CiroDay from, CiroDay to, GHashTable *group_of, GHashTable *sums)
{
  gint32 first = ciro_day_month (from), last = ciro_day_month (to);
  gint32 full_from = ciro_month_first_day (first) == from ? first : first + 1;
  gint32 full_to = ciro_month_last_day (last) == to ? last : last - 1;

  if (full_from > full_to)
    {
      old_vat_slice (db, OLD_VAT_SQL ("roll_day_product", "day"), from, to, group_of, sums);
      return;
    }
  old_vat_slice (db, OLD_VAT_SQL ("roll_month_product", "month"), full_from, full_to, group_of, sums);
  old_vat_slice (db, OLD_VAT_SQL ("roll_day_product", "day"), from, ciro_month_first_day (full_from) - 1,
                 group_of, sums);
  old_vat_slice (db, OLD_VAT_SQL ("roll_day_product", "day"), ciro_month_last_day (full_to) + 1, to,
                 group_of, sums);
}

/* The median time of the old pass over both windows; `now` keeps the
 * window's sums (category name → VatSums) of the last run. */
static double
time_old_vat (sqlite3 *db, const CiroReportFilter *f, GHashTable **now)
{
  g_autoptr(GHashTable) group_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  CiroDay length = f->to - f->from + 1;
  sqlite3_stmt *stmt = NULL;
  double ms[RUNS];

  /* the catalogue is loaded by the engine in either case: not timed */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, CASE WHEN trim (coalesce (category, '')) <> ''"
                                           " THEN trim (category) WHEN coalesce (category_id, 0) <> 0"
                                           " THEN '#' || category_id ELSE '" CIRO_CATEGORY_NONE_NAME "' END"
                                           " FROM products", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (group_of, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                         (gpointer) g_intern_string ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GHashTable) window = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autoptr(GHashTable) previous = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      double t0 = now_ms ();

      old_vat_window (db, f->from, f->to, group_of, window);
      old_vat_window (db, f->from - length, f->from - 1, group_of, previous);
      ms[i] = now_ms () - t0;
      if (i == RUNS - 1)
        *now = g_steal_pointer (&window);
    }
  return median (ms, RUNS);
}

typedef GArray *(*Report) (CiroStore *, const CiroReportFilter *, GError **);

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double) ts.tv_sec * 1000.0 + (double) ts.tv_nsec / 1e6;
}

static double last_cpu_ms;   /* the median CPU time of the last time_report () */

static double
time_report (CiroStore *store, Report fn, const CiroReportFilter *f, GArray **keep)
{
  double ms[RUNS], cpu[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      double t0 = now_ms (), c0 = cpu_ms ();
      GArray *rows = fn (store, f, &error);

      ms[i] = now_ms () - t0;
      cpu[i] = cpu_ms () - c0;
      if (rows == NULL)
        g_error ("report failed: %s", error->message);
      if (i == 0 && keep != NULL)
        *keep = rows;
      else
        g_array_unref (rows);
    }
  last_cpu_ms = median (cpu, RUNS);
  return median (ms, RUNS);
}

static GArray *
products_by_revenue (CiroStore *store, const CiroReportFilter *f, GError **error)
{
  return ciro_report_products (store, f, CIRO_SORT_REVENUE, FALSE, error);
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = bench_store_path (g_getenv ("CIRO_BENCH_DB"), 1000000, 20000);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GArray) rows = NULL, months = NULL;
  CiroDay end = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  CiroReportFilter f = { end - 729, end, NULL };
  CiroSummary s;
  double ms[RUNS], cat_ms, month_ms, sum_ms, prod_ms, sql_ms, old_ms, t0;
  gint64 n_lines = 0, n_products = 0;
  gint64 total = 0;
  guint n_sold_old = 0, n_sold_new = 0;
  double sold_old_ms, sold_new_ms, cat_cpu, edge_ms, edge_cpu, old_vat_ms;
  g_autoptr(GHashTable) old_vat = NULL;
  guint n_direct = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  store = open_bench_store (path, 1000000, 20000);

  cat_ms = time_report (store, ciro_report_categories, &f, &rows);
  cat_cpu = last_cpu_ms;
  ciro_categories_max_edge_lookups = 0;     /* the edge days read instead */
  edge_ms = time_report (store, ciro_report_categories, &f, NULL);
  edge_cpu = last_cpu_ms;
  ciro_categories_max_edge_lookups = 2000;
  month_ms = time_report (store, ciro_report_category_months, &f, &months);
  prod_ms = time_report (store, products_by_revenue, &f, NULL);
  for (guint i = 0; i < RUNS; i++)
    {
      t0 = now_ms ();
      if (!ciro_report_summary (store, &f, &s, &error))
        g_error ("summary failed: %s", error->message);
      ms[i] = now_ms () - t0;
    }
  sum_ms = median (ms, RUNS);

  /* the plain SQL, once (it is the slow one), checked row by row */
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, DIRECT_SQL, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, f.from);
  sqlite3_bind_int (stmt, 2, f.to);
  t0 = now_ms ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *g = (const char *) sqlite3_column_text (stmt, 0);
      gboolean found = FALSE;

      for (guint i = 0; i < rows->len; i++)
        {
          const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
          if (g_str_equal (r->category, g))
            {
              g_assert_cmpint (r->revenue, ==, sqlite3_column_int64 (stmt, 1));
              g_assert_cmpint (r->orders, ==, sqlite3_column_int64 (stmt, 2));
              found = TRUE;
            }
        }
      g_assert_true (found);
      n_direct++;
    }
  sql_ms = now_ms () - t0;
  sqlite3_finalize (stmt);
  old_ms = time_old_orders (db, &f, &n_lines);
  sold_old_ms = time_sold (db, &f, TRUE, &n_sold_old);
  sold_new_ms = time_sold (db, &f, FALSE, &n_sold_new);
  g_assert_cmpuint (n_sold_old, ==, n_sold_new);
  old_vat_ms = time_old_vat (db, &f, &old_vat);
  /* the category rollups' KDV equals the product rollups' folded */
  g_assert_cmpuint (g_hash_table_size (old_vat), ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
      const VatSums *v = g_hash_table_lookup (old_vat, r->category);

      g_assert_nonnull (v);
      g_assert_cmpint (r->output_vat, ==, v->output_vat);
      g_assert_cmpint (r->cost_ex_vat, ==, v->cost_ex_vat);
    }
  sqlite3_close (db);
  for (guint i = 0; i < rows->len; i++)
    n_products += g_array_index (rows, CiroCategoryRow, i).products;
  /* a product is in one category, and each unmatched SKU in Unmatched */
  g_assert_cmpint (n_products, ==, n_sold_new);

  for (guint i = 0; i < rows->len; i++)
    total += g_array_index (rows, CiroCategoryRow, i).revenue;
  g_assert_cmpint (total, ==, s.net_revenue - s.shipping_income);
  g_assert_cmpuint (n_direct, ==, rows->len);

  {
    char a[11], b[11];
    printf ("Ciro categories benchmark: %s, %s … %s, %u categories, %u category-months\n",
            path, ciro_day_format (f.from, a), ciro_day_format (f.to, b), rows->len, months->len);
  }
  printf ("Σ category revenue = summary net revenue − shipping income: %.2f TRY; plain SQL agrees on "
          "every category's revenue and orders; the product rollups on every category's KDV\n\n",
          (double) total / 100.0);
  printf ("%-48s %10s\n", "", "median of 5");
  printf ("%-48s %8.1f ms  (target 100 ms: %s; CPU %.1f ms)\n", "categories (with the previous two years)",
          cat_ms, cat_ms <= 100 ? "met" : "MISSED", cat_cpu);
  printf ("%-48s %8.1f ms  (CPU %.1f ms)\n", "categories, the edge days read, not looked up", edge_ms,
          edge_cpu);
  printf ("%-48s %8.1f ms  (the KDV pass over both windows' product rows)\n",
          "before v12: + KDV from the product rollups", old_vat_ms);
  printf ("%-48s %8.1f ms  (categories now + that pass)\n", "before v12: categories, estimated",
          cat_ms + old_vat_ms);
  printf ("%-48s %8.1f ms\n", "category-months", month_ms);
  printf ("%-48s %8.1f ms\n", "baseline: summary (same window)", sum_ms);
  printf ("%-48s %8.1f ms\n", "baseline: products (same window)", prod_ms);
  printf ("%-48s %8.1f ms  (once)\n", "baseline: plain SQL GROUP BY category", sql_ms);
  printf ("%-48s %8.1f ms  (%" G_GINT64_FORMAT " lines; the window only)\n",
          "before: the distinct-orders pass over the lines", old_ms, n_lines);
  printf ("%-48s %8.1f ms  (%u products)\n", "products count: year rows + edge days read", sold_new_ms,
          n_sold_new);
  printf ("%-48s %8.1f ms  (%u products)\n", "before: products count from every month's rows",
          sold_old_ms, n_sold_old);
  return 0;
}
