/* ciro-test-util.c: what the tests share
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "core/ciro-date.h"
#include "core/ciro-records.h"
#include "analytics/ciro-report.h"
#include "store/ciro-schema.h"
#include "store/ciro-store-sql.h"
#include "ciro-test-util.h"

char *
ciro_test_tmpdir (const char *what)
{
  g_autofree char *tmpl = g_strdup_printf ("ciro-%s-XXXXXX", what);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  return dir;
}

void
ciro_test_remove_store (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

CiroStore *
ciro_test_reference_store (const char *path, guint64 n_orders, guint n_products, guint seed,
                           CiroDay end_day, guint n_days)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroDemo) demo = NULL;
  CiroStore *store = ciro_store_open (path, &error);
  CiroDemoOptions o;

  g_assert_no_error (error);
  ciro_demo_options_init (&o);
  o.n_orders = n_orders;
  o.n_products = n_products;
  o.seed = seed;
  o.end_day = end_day;
  if (n_days != 0)
    o.n_days = n_days;
  demo = ciro_demo_new (&o);
  g_assert_true (ciro_demo_populate (demo, store, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  return store;
}

static gboolean
time_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gboolean
look_again (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
ciro_test_wait_until (CiroTestCondition cond, gpointer data, guint seconds)
{
  gboolean over = FALSE;
  guint id = g_timeout_add_seconds (seconds, time_up, &over);
  /* what another thread sets does not wake the main context: look again
   * every few milliseconds */
  guint tick = g_timeout_add (5, look_again, NULL);

  while (!cond (data) && !over)
    g_main_context_iteration (NULL, TRUE);
  if (!over)
    g_source_remove (id);
  g_source_remove (tick);
  return cond (data);
}

static gboolean
flag_set (gpointer data)
{
  return g_atomic_int_get ((const int *) data) != 0;
}

gboolean
ciro_test_wait_flag (const int *flag, guint seconds)
{
  return ciro_test_wait_until (flag_set, (gpointer) flag, seconds);
}

/* The net lines' KDV per day, marketplace and category key, from the lines
 * (a category key as the schema defines it), and per month. */
#define DIRECT_CATEGORY_VAT_DAYS \
  "SELECT o.day AS period, o.marketplace_id AS mp, " CIRO_SCHEMA_CATEGORY_KEY ("l.product_key", "p") " AS c," \
  "  sum (l.output_vat) AS ov, sum (l.cost_ex_vat) AS ce" \
  " FROM order_lines l JOIN orders o ON o.id = l.order_id LEFT JOIN products p ON p.id = l.product_key" \
  " WHERE o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " GROUP BY 1, 2, 3"
#define DIRECT_CATEGORY_VAT_MONTHS \
  "SELECT CAST (strftime ('%Y', period * 86400, 'unixepoch') AS INTEGER) * 12" \
  "  + CAST (strftime ('%m', period * 86400, 'unixepoch') AS INTEGER) - 1 AS period, mp, c," \
  "  sum (ov) AS ov, sum (ce) AS ce FROM (" DIRECT_CATEGORY_VAT_DAYS ") GROUP BY 1, 2, 3"
/* the rows of one side that the other lacks, both ways ("-" kept, "+" direct) */
#define CATEGORY_VAT_DIFF(table, period, direct) \
  "WITH d AS (SELECT * FROM (" direct ") WHERE ov <> 0 OR ce <> 0)," \
  " k AS (SELECT " period " AS period, marketplace_id AS mp, category AS c, output_vat AS ov," \
  "       cost_ex_vat AS ce FROM " table " WHERE output_vat <> 0 OR cost_ex_vat <> 0)" \
  " SELECT (SELECT count (*) FROM d)," \
  "  (SELECT group_concat (r, ' ') FROM (" \
  "   SELECT '-' || period || ',' || mp || ',' || c || ',' || ov || ',' || ce AS r" \
  "    FROM (SELECT * FROM k EXCEPT SELECT * FROM d)" \
  "   UNION ALL SELECT '+' || period || ',' || mp || ',' || c || ',' || ov || ',' || ce" \
  "    FROM (SELECT * FROM d EXCEPT SELECT * FROM k)))"

void
ciro_test_assert_category_vat (sqlite3 *db, const char *when)
{
  static const char *const sql[] = {
    CATEGORY_VAT_DIFF ("roll_day_category", "day", DIRECT_CATEGORY_VAT_DAYS),
    CATEGORY_VAT_DIFF ("roll_month_category", "month", DIRECT_CATEGORY_VAT_MONTHS),
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, sql[i], -1, &stmt, NULL) != SQLITE_OK)
        g_error ("%s: %s", when, sqlite3_errmsg (db));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        g_error ("%s: the KDV of the %s category rollups differs from the lines (- kept, + lines): %s",
                 when, i == 0 ? "daily" : "monthly", sqlite3_column_text (stmt, 1));
      /* nothing to compare would prove nothing */
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), >, 0);
      sqlite3_finalize (stmt);
    }
}

#define RANKING_SQL \
  "SELECT l.product_key, sum (iif (o.status <> 6, l.amount, 0)), sum (iif (o.status <> 6, l.quantity, 0))," \
  " count (DISTINCT iif (o.status <> 6, o.id, NULL)), sum (iif (o.status <> 6, l.cost, 0))," \
  " sum (iif (o.status <> 6, l.commission, 0)), sum (iif (o.status = 6, l.quantity, 0))," \
  " sum (iif (o.status <> 6, l.output_vat, 0)), sum (iif (o.status <> 6, l.cost_ex_vat, 0))" \
  " FROM order_lines l JOIN orders o ON o.id = l.order_id" \
  " WHERE o.day BETWEEN ?1 AND ?2" \
  "  AND (?3 IS NULL OR o.marketplace_id IN (SELECT id FROM marketplaces WHERE name = ?3))" \
  " GROUP BY l.product_key"

void
ciro_test_assert_ranking_window (CiroStore *store, CiroDay from, CiroDay to, const char *mp, const char *when)
{
  sqlite3 *db = ciro_store_get_db (store);
  g_autoptr(GError) error = NULL;
  CiroReportFilter filter = { from, to, (char *) mp };
  g_autoptr(GArray) rows = ciro_report_products (store, &filter, CIRO_SORT_REVENUE, FALSE, &error);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt = NULL;
  guint expected = 0;

  g_assert_no_error (error);
  g_assert_nonnull (rows);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroProductRow *r = &g_array_index (rows, CiroProductRow, i);
      g_hash_table_insert (seen, &r->product_key, r);
      /* in the ranking's order, no two rows equal */
      if (i > 0 && ciro_product_row_rank_compare (r - 1, r, CIRO_SORT_REVENUE) >= 0)
        g_error ("%s: the ranking of %d..%d (%s) puts product %" G_GINT64_FORMAT " before %" G_GINT64_FORMAT,
                 when, from, to, mp ? mp : "all", r[-1].product_key, r->product_key);
    }
  /* each row named after its product, or its SKU when unmatched */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sku, name FROM products WHERE id = ?1 UNION ALL"
                                           " SELECT sku, sku FROM unmatched_skus WHERE id = -?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroProductRow *r = &g_array_index (rows, CiroProductRow, i);

      sqlite3_bind_int64 (stmt, 1, r->product_key);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr (r->sku, ==, (const char *) sqlite3_column_text (stmt, 0));
      g_assert_cmpstr (r->name, ==, (const char *) sqlite3_column_text (stmt, 1));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, RANKING_SQL, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to);
  if (mp != NULL)
    sqlite3_bind_text (stmt, 3, mp, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 key = sqlite3_column_int64 (stmt, 0);
      const CiroProductRow *r = g_hash_table_lookup (seen, &key);
      gint64 want[8], got[8];
      gboolean any = FALSE;

      for (int c = 0; c < 8; c++)
        any |= (want[c] = sqlite3_column_int64 (stmt, c + 1)) != 0;
      if (!any)
        continue;
      expected++;
      if (r == NULL)
        g_error ("%s: product %" G_GINT64_FORMAT " missing from the ranking of %d..%d (%s)", when, key,
                 from, to, mp ? mp : "all");
      got[0] = r->revenue; got[1] = r->units; got[2] = r->orders; got[3] = r->cost;
      got[4] = r->commission; got[5] = r->return_units; got[6] = r->output_vat; got[7] = r->cost_ex_vat;
      for (int c = 0; c < 8; c++)
        if (got[c] != want[c])
          g_error ("%s: product %" G_GINT64_FORMAT ", %d..%d (%s), column %d: ranking %" G_GINT64_FORMAT
                   ", lines %" G_GINT64_FORMAT, when, key, from, to, mp ? mp : "all", c, got[c], want[c]);
    }
  sqlite3_finalize (stmt);
  if (rows->len != expected)
    g_error ("%s: the ranking of %d..%d (%s) has %u products, the lines %u", when, from, to,
             mp ? mp : "all", rows->len, expected);
}

void
ciro_test_assert_ranking (CiroStore *store, const char *when)
{
  sqlite3 *db = ciro_store_get_db (store);
  g_autoptr(GPtrArray) mps = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  CiroDay lo = 0, hi = 0;
  gint32 first_month, last_month;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT min (day), max (day) FROM orders", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_type (stmt, 0), !=, SQLITE_NULL);
  lo = sqlite3_column_int (stmt, 0);
  hi = sqlite3_column_int (stmt, 1);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM marketplaces ORDER BY id", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (mps, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_ptr_array_add (mps, NULL);

  first_month = ciro_day_month (lo);
  last_month = ciro_day_month (hi);
  for (guint m = 0; m < mps->len; m++)
    {
      const char *mp = g_ptr_array_index (mps, m);

      ciro_test_assert_ranking_window (store, lo, hi, mp, when);                            /* everything */
      ciro_test_assert_ranking_window (store, lo - 400, hi + 400, mp, when);
      ciro_test_assert_ranking_window (store, lo, lo, mp, when);                            /* one day */
      ciro_test_assert_ranking_window (store, hi, hi, mp, when);
      ciro_test_assert_ranking_window (store, lo - 90, lo - 1, mp, when);                   /* before */
      ciro_test_assert_ranking_window (store, hi + 1, hi + 90, mp, when);                   /* after */
      ciro_test_assert_ranking_window (store, ciro_month_first_day (first_month),           /* whole months */
                             ciro_month_last_day (last_month), mp, when);
      ciro_test_assert_ranking_window (store, ciro_month_first_day (last_month), ciro_month_last_day (last_month),
                             mp, when);
      ciro_test_assert_ranking_window (store, ciro_month_first_day (first_month) + 1,       /* partial both ends */
                             ciro_month_last_day (last_month) - 1, mp, when);
      for (guint i = 0; i < (mp == NULL ? 60u : 8u); i++)
        {
          CiroDay a = lo - 40 + g_test_rand_int_range (0, hi - lo + 81);
          CiroDay b = a + g_test_rand_int_range (0, i % 3 == 0 ? 40 : hi - lo + 80);
          ciro_test_assert_ranking_window (store, a, b, mp, when);
        }
    }
}
