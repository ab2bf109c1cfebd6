/* ciro-test-util.c: what the tests share
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "core/ciro-date.h"
#include "core/ciro-records.h"
#include "store/ciro-schema.h"
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
