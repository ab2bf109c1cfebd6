/* test-report-live.c: hours and the order feed against the summary
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "analytics/ciro-report-live.h"
#include "analytics/ciro-product-detail.h"
#include "core/ciro-date.h"
#include "demo/ciro-demo.h"
#include "store/ciro-store-sql.h"

static CiroStore *store;
static CiroDemo *demo;

/* The hours of a day add up to the day's summary (computed from the
 * rollups, a different path), for every marketplace and for all. */
static void
test_hours_add_up (void)
{
  const char *mps[] = { NULL, "Trendyol", "Hepsiburada", "N11" };
  CiroDay last = ciro_demo_last_day (demo);

  for (CiroDay day = last - 20; day <= last; day++)
    for (guint m = 0; m < G_N_ELEMENTS (mps); m++)
      {
        g_autoptr(GError) error = NULL;
        CiroReportFilter f = { day, day, (char *) mps[m] };
        CiroSummary s;
        CiroHourRow hours[24];
        CiroKurus revenue = 0;
        gint64 orders = 0;

        g_assert_true (ciro_report_summary (store, &f, &s, &error));
        g_assert_true (ciro_report_hourly (store, day, mps[m], hours, &error));
        g_assert_no_error (error);
        for (guint h = 0; h < 24; h++)
          {
            revenue += hours[h].net_revenue;
            orders += hours[h].net_orders;
          }
        g_assert_cmpint (revenue, ==, s.net_revenue);
        g_assert_cmpint (orders, ==, s.net_orders);
      }
}

static void
test_feed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ciro_report_latest_orders (store, 25, &error);
  CiroDay last = ciro_demo_last_day (demo);
  CiroFeedRow *prev = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 25);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroFeedRow *r = &g_array_index (rows, CiroFeedRow, i);

      g_assert_cmpint (r->day, <=, last);
      g_assert_nonnull (r->marketplace);
      if (prev != NULL)
        g_assert_true (prev->day > r->day || (prev->day == r->day && prev->seconds >= r->seconds));
      prev = r;
    }
  /* the newest order is on the generator's last day with orders */
  g_assert_cmpint (g_array_index (rows, CiroFeedRow, 0).day, ==, last);

  /* a net order's amount is what it adds to the day's net revenue: take
   * the newest hour that holds exactly one net order of its marketplace */
  for (guint i = 0; i < rows->len; i++)
    {
      CiroFeedRow *r = &g_array_index (rows, CiroFeedRow, i);
      CiroHourRow hours[24];
      guint h = (guint) r->seconds / 3600;

      if (r->cancelled)
        continue;
      g_assert_true (ciro_report_hourly (store, r->day, r->marketplace, hours, &error));
      if (hours[h].net_orders == 1)
        {
          g_assert_cmpint (hours[h].net_revenue, ==, r->amount);
          return;
        }
    }
  g_test_message ("no hour with a single order among the 25 newest");
}

/* Every variant's SKU and barcode is among its product's codes. */
static void
test_codes (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) codes = ciro_report_product_codes (store, &error);
  sqlite3_stmt *stmt = NULL;
  guint checked = 0;

  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (codes), ==, (guint) ciro_store_count_products (store, NULL));
  sqlite3_prepare_v2 (ciro_store_get_db (store), "SELECT product_id, sku, barcode FROM variants", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *text = g_hash_table_lookup (codes, &id);
      const char *sku = (const char *) sqlite3_column_text (stmt, 1);
      const char *barcode = (const char *) sqlite3_column_text (stmt, 2);

      g_assert_nonnull (text);
      g_assert_nonnull (strstr (text, sku));
      if (barcode != NULL && *barcode)
        g_assert_nonnull (strstr (text, barcode));
      checked++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (checked, >, 0);
}

static gint64
count_sql (const char *sql, gint64 key, CiroDay from, CiroDay to)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, from);
  sqlite3_bind_int (stmt, 3, to);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* A product's days add up to its row in the product table; its lines by
 * rule, its stock by warehouse and its returns to the raw tables. */
static void
test_product_detail (void)
{
  g_autoptr(GError) error = NULL;
  CiroDay last = ciro_demo_last_day (demo);
  CiroReportFilter f = { last - 59, last, NULL };
  g_autoptr(GArray) rows = ciro_report_products (store, &f, CIRO_SORT_REVENUE, FALSE, &error);

  g_assert_no_error (error);
  for (guint k = 0; k < 5 && k < rows->len; k++)
    {
      CiroProductRow *r = &g_array_index (rows, CiroProductRow, k);
      CiroProductDetail d;
      CiroKurus revenue = 0;
      gint64 units = 0, lines = 0, stock = 0;

      if (!r->matched)
        continue;
      g_assert_true (ciro_report_product_detail (store, r->product_key, &f, &d, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (d.days->len, ==, 60);
      for (guint i = 0; i < d.days->len; i++)
        {
          revenue += g_array_index (d.days, CiroProductDay, i).revenue;
          units += g_array_index (d.days, CiroProductDay, i).units;
        }
      g_assert_cmpint (revenue, ==, r->revenue);
      g_assert_cmpint (units, ==, r->units);
      for (guint i = 0; i < CIRO_MATCH_N_RULES; i++)
        lines += d.rules[i];
      g_assert_cmpint (lines, ==, count_sql ("SELECT count (*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                                             " WHERE l.product_key = ?1 AND o.day BETWEEN ?2 AND ?3",
                                             r->product_key, f.from, f.to));
      g_assert_cmpint (d.rules[CIRO_MATCH_NONE], ==, 0);
      for (guint i = 0; i < d.stocks->len; i++)
        stock += g_array_index (d.stocks, CiroProductStock, i).stock;
      g_assert_cmpint (stock, ==, r->stock);
      g_assert_cmpint (d.returns->len, ==,
                       MIN (50, count_sql ("SELECT count (DISTINCT o.id) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                                           " WHERE l.product_key = ?1 AND o.status = 6 AND o.day BETWEEN ?2 AND ?3",
                                           r->product_key, f.from, f.to)));
      for (guint i = 1; i < d.returns->len; i++)
        g_assert_cmpint (g_array_index (d.returns, CiroProductReturn, i).date, <=,
                         g_array_index (d.returns, CiroProductReturn, i - 1).date);
      ciro_product_detail_clear (&d);
    }
}

/* A variant is labelled by its colour and its size, each said once: a
 * colour variant whose value is its colour reads "Kırmızı", not
 * "Kırmızı Kırmızı". The expectation is built here from the raw table. */
static void
test_variant_labels (void)
{
  CiroDay last = ciro_demo_last_day (demo);
  CiroReportFilter f = { last - 59, last, NULL };
  sqlite3_stmt *stmt = NULL;
  guint checked = 0, colour_only = 0, sized = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store),
                                       "SELECT DISTINCT product_id FROM variants",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      CiroProductDetail d;

      g_assert_true (ciro_report_product_detail (store, sqlite3_column_int64 (stmt, 0), &f, &d, &error));
      g_assert_no_error (error);
      for (guint i = 0; i < d.stocks->len; i++)
        {
          CiroProductStock *s = &g_array_index (d.stocks, CiroProductStock, i);
          sqlite3_stmt *v = NULL;
          g_autofree char *expected = NULL;
          const char *colour, *value;

          g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store),
                                               "SELECT color, model_value FROM variants WHERE sku = ?1", -1, &v, NULL), ==, SQLITE_OK);
          sqlite3_bind_text (v, 1, s->sku, -1, SQLITE_STATIC);
          if (sqlite3_step (v) != SQLITE_ROW)
            {
              sqlite3_finalize (v);
              continue;     /* the product's own stock */
            }
          colour = (const char *) sqlite3_column_text (v, 0);
          value = (const char *) sqlite3_column_text (v, 1);
          if (value == NULL || g_strcmp0 (value, colour) == 0)
            {
              expected = g_strdup (colour);
              colour_only++;
            }
          else
            {
              expected = g_strdup_printf ("%s %s", colour, value);
              sized++;
            }
          g_assert_cmpstr (s->label, ==, expected);
          sqlite3_finalize (v);
          checked++;
        }
      ciro_product_detail_clear (&d);
    }
  sqlite3_finalize (stmt);
  /* the demo has both kinds, or this test would prove nothing */
  g_assert_cmpuint (colour_only, >, 0);
  g_assert_cmpuint (sized, >, 0);
  g_assert_cmpuint (checked, ==, colour_only + sized);
}

int
main (int argc, char *argv[])
{
  CiroDemoOptions o;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("ciro-live-XXXXXX", NULL);
  path = g_build_filename (dir, "live.db", NULL);
  ciro_demo_options_init (&o);
  o.n_orders = 4000;
  o.n_products = 50;
  o.seed = 11;
  o.n_days = 60;
  o.end_day = ciro_day_from_ymd (2026, 11, 20);
  demo = ciro_demo_new (&o);
  store = ciro_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ciro_demo_populate (demo, store, NULL, NULL, NULL, &error));

  g_test_add_func ("/report-live/hours-add-up", test_hours_add_up);
  g_test_add_func ("/report-live/feed", test_feed);
  g_test_add_func ("/report-live/codes", test_codes);
  g_test_add_func ("/report-live/product-detail", test_product_detail);
  g_test_add_func ("/report-live/variant-labels", test_variant_labels);
  rc = g_test_run ();
  g_clear_object (&store);
  ciro_demo_free (demo);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_unlink (path), g_unlink (wal), g_unlink (shm);
  }
  g_rmdir (dir);
  return rc;
}
