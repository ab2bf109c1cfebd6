/* bench-reports.c: report speed on a large store, against the direct SQL aggregate
 *
 * Builds (once, then reuses) a demo store of 1,000,000 orders, times each
 * report of the engine and the same figures computed the straightforward way,
 * by aggregating the raw order and line tables, checks that both give the
 * same numbers, and prints times and ratios. It asserts no timings: a busy
 * machine makes them noisy; the figures are for people to read.
 *
 * Environment: CIRO_BENCH_DB (store path), CIRO_BENCH_ORDERS (default
 * 1000000), CIRO_BENCH_PRODUCTS (default 20000).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "demo/ciro-demo.h"

#include "bench-common.h"
#include "store/ciro-store-sql.h"

static void
generator_speed (void)
{
  CiroDemoOptions opts;
  g_autoptr(CiroDemo) demo = NULL;
  guint64 n = 0;
  double start;

  ciro_demo_options_init (&opts);
  opts.n_orders = 200000;
  opts.n_products = 20000;
  opts.end_day = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  demo = ciro_demo_new (&opts);
  start = now_ms ();
  for (CiroDay d = ciro_demo_first_day (demo); d <= ciro_demo_last_day (demo); d++)
    {
      g_autoptr(GPtrArray) orders = ciro_demo_orders_on (demo, d);
      n += orders->len;
    }
  printf ("generator      %.0f orders/s (orders only, no store)\n", n / ((now_ms () - start) / 1000.0));
}

/* ---- the straightforward approach: aggregate raw rows on every request ---- */

typedef struct {
  gint64 orders, units, amount, shipping, cr_orders, cr_units, cr_amount, cr_shipping;
  gint64 cost, commission, ship_expense, um_lines, um_amount;
} Raw;

static void
raw_to_summary (const Raw *r, CiroSummary *s)
{
  memset (s, 0, sizeof *s);
  s->gross_orders = r->orders;
  s->gross_units = r->units;
  s->gross_revenue = r->amount + r->shipping;
  s->cancel_return_orders = r->cr_orders;
  s->cancel_return_units = r->cr_units;
  s->cancel_return_revenue = r->cr_amount + r->cr_shipping;
  s->net_orders = r->orders - r->cr_orders;
  s->net_units = r->units - r->cr_units;
  s->net_revenue = s->gross_revenue - s->cancel_return_revenue;
  s->shipping_income = r->shipping - r->cr_shipping;
  s->product_cost = r->cost;
  s->commission = r->commission;
  s->shipping_expense = r->ship_expense;
  s->profit = s->net_revenue - s->product_cost - s->commission - s->shipping_expense;
  s->unmatched_lines = r->um_lines;
  s->unmatched_revenue = r->um_amount;
}

#define DIRECT_ORDER_SQL \
  "SELECT %s count(*), sum (o.shipping_total), sum (o.status = 6)," \
  " sum (iif (o.status = 6, o.shipping_total, 0)), sum (iif (o.status <> 6, m.shipping_cost, 0))" \
  " FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id" \
  " WHERE o.day BETWEEN ?1 AND ?2 %s"
#define DIRECT_LINE_SQL \
  "SELECT %s sum (l.quantity), sum (l.amount)," \
  " sum (iif (o.status = 6, l.quantity, 0)), sum (iif (o.status = 6, l.amount, 0))," \
  " sum (iif (o.status <> 6, l.cost, 0)), sum (iif (o.status <> 6, l.commission, 0))," \
  " sum (iif (o.status <> 6 AND l.match_rule = 0, 1, 0))," \
  " sum (iif (o.status <> 6 AND l.match_rule = 0, l.amount, 0))" \
  " FROM orders o JOIN order_lines l ON l.order_id = o.id" \
  " WHERE o.day BETWEEN ?1 AND ?2 %s"

/* Runs the two direct queries grouped by `group` (an expression or NULL)
 * and merges them into Raw rows keyed by the group value. */
static GHashTable *
direct_grouped (sqlite3 *db, CiroDay from, CiroDay to, const char *group)
{
  GHashTable *rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autofree char *sel = group ? g_strdup_printf ("%s,", group) : g_strdup ("0,");
  g_autofree char *grp = group ? g_strdup_printf ("GROUP BY %s", group) : g_strdup ("");
  g_autofree char *sql1 = g_strdup_printf (DIRECT_ORDER_SQL, sel, grp);
  g_autofree char *sql2 = g_strdup_printf (DIRECT_LINE_SQL, sel, grp);
  sqlite3_stmt *stmt = NULL;

  for (int pass = 0; pass < 2; pass++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (db, pass ? sql2 : sql1, -1, &stmt, NULL), ==, SQLITE_OK);
      sqlite3_bind_int (stmt, 1, from);
      sqlite3_bind_int (stmt, 2, to);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 key = sqlite3_column_int64 (stmt, 0);
          Raw *r = g_hash_table_lookup (rows, &key);
          if (r == NULL)
            {
              gint64 *k = g_new (gint64, 1);
              *k = key;
              r = g_new0 (Raw, 1);
              g_hash_table_insert (rows, k, r);
            }
          if (pass == 0)
            {
              r->orders = sqlite3_column_int64 (stmt, 1);
              r->shipping = sqlite3_column_int64 (stmt, 2);
              r->cr_orders = sqlite3_column_int64 (stmt, 3);
              r->cr_shipping = sqlite3_column_int64 (stmt, 4);
              r->ship_expense = sqlite3_column_int64 (stmt, 5);
            }
          else
            {
              r->units = sqlite3_column_int64 (stmt, 1);
              r->amount = sqlite3_column_int64 (stmt, 2);
              r->cr_units = sqlite3_column_int64 (stmt, 3);
              r->cr_amount = sqlite3_column_int64 (stmt, 4);
              r->cost = sqlite3_column_int64 (stmt, 5);
              r->commission = sqlite3_column_int64 (stmt, 6);
              r->um_lines = sqlite3_column_int64 (stmt, 7);
              r->um_amount = sqlite3_column_int64 (stmt, 8);
            }
        }
      sqlite3_finalize (stmt);
    }
  return rows;
}

typedef struct {
  gint64 revenue, units, cost, commission;
} RawProduct;

static GHashTable *
direct_products (sqlite3 *db, CiroDay from, CiroDay to)
{
  GHashTable *rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT l.product_key, sum (l.amount), sum (l.quantity), sum (l.cost), sum (l.commission)"
    " FROM orders o JOIN order_lines l ON l.order_id = o.id"
    " WHERE o.day BETWEEN ?1 AND ?2 AND o.status <> 6 GROUP BY l.product_key", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *k = g_new (gint64, 1);
      RawProduct *r = g_new0 (RawProduct, 1);
      *k = sqlite3_column_int64 (stmt, 0);
      r->revenue = sqlite3_column_int64 (stmt, 1);
      r->units = sqlite3_column_int64 (stmt, 2);
      r->cost = sqlite3_column_int64 (stmt, 3);
      r->commission = sqlite3_column_int64 (stmt, 4);
      g_hash_table_insert (rows, k, r);
    }
  sqlite3_finalize (stmt);
  return rows;
}

/* ---- agreement checks: the engine and the direct aggregate give the same figures ---- */

static gboolean
same_summary (const CiroSummary *a, const CiroSummary *b)
{
  return a->gross_orders == b->gross_orders && a->gross_units == b->gross_units &&
         a->gross_revenue == b->gross_revenue && a->cancel_return_orders == b->cancel_return_orders &&
         a->cancel_return_units == b->cancel_return_units &&
         a->cancel_return_revenue == b->cancel_return_revenue && a->net_orders == b->net_orders &&
         a->net_units == b->net_units && a->net_revenue == b->net_revenue &&
         a->shipping_income == b->shipping_income && a->product_cost == b->product_cost &&
         a->commission == b->commission && a->shipping_expense == b->shipping_expense &&
         a->profit == b->profit && a->unmatched_lines == b->unmatched_lines &&
         a->unmatched_revenue == b->unmatched_revenue;
}

static int failures;

static void
agree (const char *what, gboolean ok)
{
  if (!ok)
    {
      failures++;
      printf ("  DISAGREE: %s\n", what);
    }
}

/* ---- timing ---- */

typedef void (*BenchFunc) (gpointer data);

static double
time_it (BenchFunc func, gpointer data, guint runs)
{
  g_autofree double *t = g_new (double, runs);

  func (data);  /* warm the page cache and statement cache */
  for (guint i = 0; i < runs; i++)
    {
      double start = now_ms ();
      func (data);
      t[i] = now_ms () - start;
    }
  return median (t, runs);
}

typedef struct {
  CiroStore       *store;
  sqlite3         *raw_db;
  CiroReportFilter filter;
} Ctx;

static void
engine_summary (gpointer data)
{
  Ctx *c = data;
  CiroSummary s;
  g_autoptr(GError) error = NULL;
  if (!ciro_report_summary (c->store, &c->filter, &s, &error))
    g_error ("%s", error->message);
}

static void
direct_summary (gpointer data)
{
  Ctx *c = data;
  g_hash_table_unref (direct_grouped (c->raw_db, c->filter.from, c->filter.to, NULL));
}

static void
engine_daily (gpointer data)
{
  Ctx *c = data;
  g_autoptr(GError) error = NULL;
  GArray *a = ciro_report_daily (c->store, &c->filter, &error);
  if (a == NULL)
    g_error ("%s", error->message);
  g_array_unref (a);
}

static void
direct_daily (gpointer data)
{
  Ctx *c = data;
  g_hash_table_unref (direct_grouped (c->raw_db, c->filter.from, c->filter.to, "o.day"));
}

static void
engine_marketplaces (gpointer data)
{
  Ctx *c = data;
  g_autoptr(GError) error = NULL;
  GArray *a = ciro_report_marketplaces (c->store, &c->filter, &error);
  if (a == NULL)
    g_error ("%s", error->message);
  g_array_unref (a);
}

static void
direct_marketplaces (gpointer data)
{
  Ctx *c = data;
  g_hash_table_unref (direct_grouped (c->raw_db, c->filter.from, c->filter.to, "o.marketplace_id"));
}

static void
engine_products (gpointer data)
{
  Ctx *c = data;
  g_autoptr(GError) error = NULL;
  GArray *a = ciro_report_products (c->store, &c->filter, CIRO_SORT_PROFIT, FALSE, &error);
  if (a == NULL)
    g_error ("%s", error->message);
  g_array_unref (a);
}

static void
direct_products_run (gpointer data)
{
  Ctx *c = data;
  g_hash_table_unref (direct_products (c->raw_db, c->filter.from, c->filter.to));
}

static void
row (const char *name, double engine, double direct, double target)
{
  printf ("%-28s %9.2f ms %11.1f ms %8.0f× %8.0f ms  %s\n", name, engine, direct, direct / engine, target,
          engine <= target ? "met" : "MISSED");
}

int
main (int argc, char *argv[])
{
  const char *env_path = g_getenv ("CIRO_BENCH_DB");
  const char *env_orders = g_getenv ("CIRO_BENCH_ORDERS");
  const char *env_products = g_getenv ("CIRO_BENCH_PRODUCTS");
  guint64 n_orders = env_orders ? g_ascii_strtoull (env_orders, NULL, 10) : 1000000;
  guint n_products = env_products ? (guint) g_ascii_strtoull (env_products, NULL, 10) : 20000;
  g_autofree char *path = NULL;
  g_autoptr(CiroStore) store = NULL;
  CiroDay end = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  Ctx c = { 0 };
  GStatBuf st;
  double e, d;

  path = bench_store_path (env_path, n_orders, n_products);
  printf ("Ciro report benchmark: %" G_GUINT64_FORMAT " orders, %u products\n", n_orders, n_products);
  generator_speed ();
  store = open_bench_store (path, n_orders, n_products);
  sqlite3_exec (ciro_store_get_db (store), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
  if (g_stat (path, &st) == 0)
    printf ("store size     %.1f MB on disk (%.0f bytes per order)\n", st.st_size / 1e6,
            (double) st.st_size / (double) n_orders);
  {
    sqlite3_stmt *stmt = NULL;
    sqlite3_prepare_v2 (ciro_store_get_db (store), "SELECT count(*) FROM order_lines", -1, &stmt, NULL);
    sqlite3_step (stmt);
    printf ("lines          %lld\n", (long long) sqlite3_column_int64 (stmt, 0));
    sqlite3_finalize (stmt);
  }

  c.store = store;
  g_assert_cmpint (sqlite3_open_v2 (path, &c.raw_db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_exec (c.raw_db, "PRAGMA cache_size = -32768", NULL, NULL, NULL);

  printf ("\n%-28s %12s %14s %9s %11s\n", "report", "engine", "direct SQL", "ratio", "target");

  /* summary, 30 days */
  c.filter.from = end - 29;
  c.filter.to = end;
  e = time_it (engine_summary, &c, 21);
  d = time_it (direct_summary, &c, 5);
  row ("summary, 30 days", e, d, 20);
  {
    CiroSummary s, r;
    g_autoptr(GHashTable) raw = direct_grouped (c.raw_db, c.filter.from, c.filter.to, NULL);
    gint64 zero = 0;
    ciro_report_summary (store, &c.filter, &s, NULL);
    raw_to_summary (g_hash_table_lookup (raw, &zero), &r);
    agree ("summary 30 days", same_summary (&s, &r));
  }

  /* summary, 2 years */
  c.filter.from = end - 729;
  e = time_it (engine_summary, &c, 21);
  d = time_it (direct_summary, &c, 3);
  row ("summary, 2 years", e, d, 20);
  {
    CiroSummary s, r;
    g_autoptr(GHashTable) raw = direct_grouped (c.raw_db, c.filter.from, c.filter.to, NULL);
    gint64 zero = 0;
    ciro_report_summary (store, &c.filter, &s, NULL);
    raw_to_summary (g_hash_table_lookup (raw, &zero), &r);
    agree ("summary 2 years", same_summary (&s, &r));
    printf ("%-28s %s\n", "", d / e >= 20 ? "(≥ 20× the direct aggregate: met)" : "(≥ 20× the direct aggregate: MISSED)");
  }

  e = time_it (engine_daily, &c, 11);
  d = time_it (direct_daily, &c, 3);
  row ("daily series, 2 years", e, d, 50);
  {
    g_autoptr(GArray) daily = ciro_report_daily (store, &c.filter, NULL);
    g_autoptr(GHashTable) raw = direct_grouped (c.raw_db, c.filter.from, c.filter.to, "o.day");
    gboolean ok = daily->len == 730;
    for (guint i = 0; ok && i < daily->len; i++)
      {
        CiroDailyRow *dr = &g_array_index (daily, CiroDailyRow, i);
        gint64 key = dr->date;
        Raw *rr = g_hash_table_lookup (raw, &key);
        CiroSummary r = { 0 };
        if (rr)
          raw_to_summary (rr, &r);
        ok = same_summary (&dr->s, &r);
      }
    agree ("daily 2 years", ok);
  }

  e = time_it (engine_marketplaces, &c, 11);
  d = time_it (direct_marketplaces, &c, 3);
  row ("marketplaces, 2 years", e, d, 20);

  e = time_it (engine_products, &c, 5);
  d = time_it (direct_products_run, &c, 3);
  row ("product ranking, 2 years", e, d, 300);
  {
    g_autoptr(GArray) products = ciro_report_products (store, &c.filter, CIRO_SORT_REVENUE, FALSE, NULL);
    g_autoptr(GHashTable) raw = direct_products (c.raw_db, c.filter.from, c.filter.to);
    gboolean ok = TRUE;
    guint with_sales = 0;
    for (guint i = 0; i < products->len; i++)
      {
        CiroProductRow *pr = &g_array_index (products, CiroProductRow, i);
        RawProduct *rp = g_hash_table_lookup (raw, &pr->product_key);
        if (pr->units == 0 && pr->revenue == 0)
          continue;
        with_sales++;
        ok = ok && rp && rp->revenue == pr->revenue && rp->units == pr->units && rp->cost == pr->cost &&
             rp->commission == pr->commission;
      }
    agree ("products 2 years", ok && with_sales == g_hash_table_size (raw));
    printf ("%-28s (%u products ranked)\n", "", products->len);
  }

  sqlite3_close (c.raw_db);
  printf ("\nfigures agree with the direct aggregate: %s\n", failures ? "NO" : "yes");
  return failures ? 1 : 0;
}
