/* test-ranking.c: the product ranking and the Today comparison on a store
 * built for them
 *
 * metrics.md "Product performance" and "Comparison periods": a product
 * whose cost is unknown has no margin and no score and is ranked last, a
 * product that did not sell has no margin and no return rate, the score's
 * return term is smoothed, the best and worst lists hold the same products,
 * and Today is compared with yesterday up to the same time of day. Every
 * expected figure is worked out by hand in the comments.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "store/ciro-schema.h"
#include "ciro-test-util.h"

static CiroStore *store;
static char *dir;
static CiroDay D0;           /* the window is D0 .. D0 + 9 */
static CiroDay YESTERDAY, TODAY;

#define ASSERT_PCT(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 0.0005)

static void
put_product_in (CiroStore *s, gint64 id, const char *sku, const char *name, CiroKurus purchase_price)
{
  g_autoptr(GError) error = NULL;
  CiroProductRecord *p = ciro_product_record_new ();

  p->id = id;
  p->sku = g_strdup (sku);
  p->name = g_strdup (name);
  p->purchase_price = purchase_price;
  p->vat_rate = 0;
  ciro_stock_record_append (p->stocks, 1, NULL, 10);
  g_assert_true (ciro_store_put_product (s, p, D0 - 100, &error));
  g_assert_no_error (error);
  ciro_product_record_free (p);
}

static void
put_order_in (CiroStore *into, gint64 id, CiroDay day, int h, int m, int s, gint32 status, const char *source,
              const char *sku, gint64 qty, CiroKurus amount)
{
  g_autoptr(GError) error = NULL;
  CiroOrderRecord *o = ciro_order_record_new ();
  CiroOrderLineRecord *l = ciro_order_line_record_new ();

  o->id = id;
  o->day = day;
  o->seconds = h * 3600 + m * 60 + s;
  o->source = g_strdup (source);
  o->status = status;
  l->sku = g_strdup (sku);
  l->quantity = qty;
  l->amount = amount;
  l->price = amount / qty;
  l->status = g_strdup ("accepted");
  g_ptr_array_add (o->lines, l);
  g_assert_true (ciro_store_put_order (into, o, &error));
  g_assert_no_error (error);
  ciro_order_record_free (o);
}

static void
put_product (gint64 id, const char *sku, const char *name, CiroKurus purchase_price)
{
  put_product_in (store, id, sku, name, purchase_price);
}

static void
put_order (gint64 id, CiroDay day, int h, int m, int s, gint32 status, const char *sku, gint64 qty, CiroKurus amount)
{
  put_order_in (store, id, day, h, m, s, status, "TRENDYOL", sku, qty, amount);
}

static void
build_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  dir = ciro_test_tmpdir ("ranking");
  path = g_build_filename (dir, "ciro.db", NULL);
  store = ciro_store_open (path, &error);
  g_assert_no_error (error);

  D0 = ciro_day_from_ymd (2026, 11, 1);
  YESTERDAY = D0 + 20;
  TODAY = D0 + 21;

  /* commission 10 %, shipping 10,00 an order: round figures by hand */
  g_assert_true (ciro_store_set_setting (store, "commission.Trendyol", "10", &error));
  g_assert_true (ciro_store_set_setting (store, "shipping.Trendyol", "10", &error));
  g_assert_no_error (error);

  g_assert_true (ciro_store_begin (store, &error));
  put_product (1, "A-1", "Keten Gömlek", 10000);       /* cost 100,00 */
  put_product (2, "B-2", "Fiyatsız Çanta", 0);         /* no purchase price: cost unknown */
  put_product (3, "C-3", "İade Edilen Kupa", 5000);    /* only returned in the window */
  put_product (4, "D-4", "Az Satan Tabak", 2000);      /* 5 sales, no return */
  put_product (5, "E-5", "Hiç Satmayan Vazo", 3000);   /* never sold */

  put_order (1, D0, 10, 0, 0, 5, "A-1", 20, 400000);
  put_order (2, D0 + 1, 11, 0, 0, 6, "A-1", 2, 40000);    /* returned */
  put_order (3, D0 + 2, 12, 0, 0, 5, "B-2", 10, 300000);
  put_order (4, D0 + 3, 9, 0, 0, 6, "C-3", 3, 30000);     /* returned */
  put_order (5, D0 + 4, 13, 0, 0, 5, "D-4", 5, 50000);
  put_order (6, D0 + 5, 14, 0, 0, 5, "OLD-9", 4, 80000);  /* an unmatched SKU */

  /* yesterday: 09:00, 15:00:00 and 20:00; today: 08:00 and 14:30 */
  put_order (11, YESTERDAY, 9, 0, 0, 5, "A-1", 1, 20000);
  put_order (12, YESTERDAY, 15, 0, 0, 5, "A-1", 1, 20000);
  put_order (13, YESTERDAY, 20, 0, 0, 5, "A-1", 1, 20000);
  put_order (21, TODAY, 8, 0, 0, 5, "A-1", 1, 30000);
  put_order (22, TODAY, 14, 30, 0, 5, "A-1", 1, 30000);
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
}

static const CiroProductRow *
find (GArray *rows, const char *sku)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_array_index (rows, CiroProductRow, i).sku, sku) == 0)
      return &g_array_index (rows, CiroProductRow, i);
  g_error ("no row for %s", sku);
  return NULL;
}

static void
assert_skus (GArray *rows, const char *const *want)
{
  guint n = g_strv_length ((char **) want);

  for (guint i = 0; i < MIN (n, rows->len); i++)
    g_assert_cmpstr (g_array_index (rows, CiroProductRow, i).sku, ==, want[i]);
  g_assert_cmpuint (rows->len, ==, n);
}

static GArray *
ranking (CiroProductSort sort, gboolean idle)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { D0, D0 + 9, NULL };
  GArray *rows = ciro_report_products (store, &f, sort, idle, &error);

  g_assert_no_error (error);
  return rows;
}

static void
test_figures (void)
{
  g_autoptr(GArray) rows = ranking (CIRO_SORT_PROFIT, FALSE);
  const CiroProductRow *r;

  /* A: 400000 − 20 × 10000 − 40000 = 160000, 40 %; returns 2 / (20 + 2);
   * score 40 × 1 + 30 × 40/50 + 20 × (1 − 10 × 3/32) + 10 × 2/10
   *       = 40 + 24 + 1,25 + 2 = 67,25 (smoothed (2 + 1) / (22 + 10)) */
  r = find (rows, "A-1");
  g_assert_true (r->cost_known && r->has_margin && r->has_return_rate && r->has_score);
  g_assert_cmpint (r->profit, ==, 160000);
  ASSERT_PCT (r->margin_pct, 40.0);
  ASSERT_PCT (r->return_rate_pct, 9.090909);
  ASSERT_PCT (r->score, 67.25);

  /* D: 5 sales, no return: 50000 − 10000 − 5000 = 35000, 70 %; the return
   * term is 20 × (1 − 10 × 1/15) = 6,666667, not the full 20:
   * 40 × 50000/400000 + 30 × 1 + 6,666667 + 10 × 0,5/10 = 42,166667 */
  r = find (rows, "D-4");
  g_assert_cmpint (r->profit, ==, 35000);
  ASSERT_PCT (r->margin_pct, 70.0);
  ASSERT_PCT (r->return_rate_pct, 0.0);
  g_assert_true (r->has_return_rate);
  ASSERT_PCT (r->score, 42.166667);

  /* B: matched, but no purchase price: its 300000 − 30000 is no profit
   * anyone knows: no margin, no score */
  r = find (rows, "B-2");
  g_assert_true (r->matched);
  g_assert_false (r->cost_known);
  g_assert_false (r->has_margin);
  g_assert_false (r->has_score);
  g_assert_true (r->has_return_rate);
  g_assert_cmpint (r->profit, ==, 270000);
  ASSERT_PCT (r->margin_pct, 0.0);

  /* OLD-9: an unmatched SKU: the same */
  r = find (rows, "OLD-9");
  g_assert_false (r->matched);
  g_assert_false (r->cost_known);
  g_assert_false (r->has_margin);
  g_assert_false (r->has_score);

  /* C: only returned: no sales, so no margin and no return rate (not 100 %) */
  r = find (rows, "C-3");
  g_assert_cmpint (r->units, ==, 0);
  g_assert_cmpint (r->return_units, ==, 3);
  g_assert_true (r->cost_known);
  g_assert_false (r->has_margin);
  g_assert_false (r->has_return_rate);
  g_assert_false (r->has_score);
  ASSERT_PCT (r->return_rate_pct, 0.0);
}

static void
test_order (void)
{
  /* by profit (the default ranking): A 160000, D 35000, C 0, then the
   * unknown costs by revenue: B 300000, OLD-9 80000 */
  {
    g_autoptr(GArray) rows = ranking (CIRO_SORT_PROFIT, FALSE);
    const char *const want[] = { "A-1", "D-4", "C-3", "B-2", "OLD-9", NULL };
    assert_skus (rows, want);
    g_assert_false (find (rows, "C-3")->unranked);
    g_assert_true (find (rows, "B-2")->unranked);
  }
  /* by score: A 67,25, D 42,17; no score: B, OLD-9, C by revenue */
  {
    g_autoptr(GArray) rows = ranking (CIRO_SORT_SCORE, FALSE);
    const char *const want[] = { "A-1", "D-4", "B-2", "OLD-9", "C-3", NULL };
    assert_skus (rows, want);
  }
  /* by margin: D 70 %, A 40 %; the rest as above */
  {
    g_autoptr(GArray) rows = ranking (CIRO_SORT_MARGIN, FALSE);
    const char *const want[] = { "D-4", "A-1", "B-2", "OLD-9", "C-3", NULL };
    assert_skus (rows, want);
  }
  /* revenue and units are known for everyone */
  {
    g_autoptr(GArray) rows = ranking (CIRO_SORT_REVENUE, FALSE);
    const char *const want[] = { "A-1", "B-2", "OLD-9", "D-4", "C-3", NULL };
    assert_skus (rows, want);
    g_assert_false (find (rows, "B-2")->unranked);
  }
}

/* Best and worst count the same products: those that sold. */
static void
test_best_worst (void)
{
  for (int idle = 0; idle <= 1; idle++)
    {
      g_autoptr(GArray) rows = ranking (CIRO_SORT_PROFIT, idle);
      g_autoptr(GArray) best = ciro_report_products_best (rows, 0);
      g_autoptr(GArray) worst = ciro_report_products_worst (rows, 0);
      g_autoptr(GArray) worst2 = ciro_report_products_worst (rows, 2);
      const char *const want_best[] = { "A-1", "D-4", "B-2", "OLD-9", NULL };
      /* the ranked ones from the bottom, the unknown costs still last */
      const char *const want_worst[] = { "D-4", "A-1", "B-2", "OLD-9", NULL };
      const char *const want_worst2[] = { "D-4", "A-1", NULL };

      /* E (never sold) is in the ranking only with idle products; C and E
       * are in neither list */
      g_assert_cmpuint (rows->len, ==, idle ? 6 : 5);
      assert_skus (best, want_best);
      assert_skus (worst, want_worst);
      assert_skus (worst2, want_worst2);
    }
  {
    g_autoptr(GArray) rows = ranking (CIRO_SORT_SCORE, TRUE);
    g_autoptr(GArray) best = ciro_report_products_best (rows, 3);
    g_autoptr(GArray) worst = ciro_report_products_worst (rows, 0);
    const char *const want_best[] = { "A-1", "D-4", "B-2", NULL };
    const char *const want_worst[] = { "D-4", "A-1", "B-2", "OLD-9", NULL };
    assert_skus (best, want_best);
    assert_skus (worst, want_worst);
  }
}

/* Today against yesterday up to the same time of day. */
static void
test_today_same_time (void)
{
  g_autoptr(GError) error = NULL;
  CiroTodayReport r;

  /* at 15:00:00 yesterday's 09:00 and 15:00:00 orders count (inclusive):
   * 40000 in 2 orders, cost 2 × 10000, commission 4000, shipping 2 × 1000 */
  g_assert_true (ciro_report_today_at (store, TODAY, 15 * 3600, NULL, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r.until_seconds, ==, 54000);
  g_assert_cmpint (r.today_s.net_revenue, ==, 60000);
  g_assert_cmpint (r.yesterday_until_s.net_revenue, ==, 40000);
  g_assert_cmpint (r.yesterday_until_s.net_orders, ==, 2);
  g_assert_cmpint (r.yesterday_until_s.product_cost, ==, 20000);
  g_assert_cmpint (r.yesterday_until_s.commission, ==, 4000);
  g_assert_cmpint (r.yesterday_until_s.shipping_expense, ==, 2000);
  g_assert_cmpint (r.yesterday_until_s.profit, ==, 14000);
  g_assert_cmpint (r.yesterday_s.net_revenue, ==, 60000);       /* all of yesterday */
  ASSERT_PCT (r.change_pct[8], 50.0);                           /* net revenue 60000 / 40000 */
  ASSERT_PCT (r.change_pct[6], 0.0);                            /* 2 orders against 2 */
  ASSERT_PCT (r.progress_pct, 100.0);                           /* the bar: all of yesterday */

  /* a second earlier the 15:00:00 order is not in yet */
  g_assert_true (ciro_report_today_at (store, TODAY, 15 * 3600 - 1, NULL, &r, &error));
  g_assert_cmpint (r.yesterday_until_s.net_revenue, ==, 20000);
  ASSERT_PCT (r.change_pct[8], 200.0);
  ASSERT_PCT (r.change_pct[6], 100.0);

  /* before yesterday's first order nothing compares: null changes */
  g_assert_true (ciro_report_today_at (store, TODAY, 8 * 3600 + 30 * 60, NULL, &r, &error));
  g_assert_cmpint (r.yesterday_until_s.gross_orders, ==, 0);
  g_assert_true (isnan (r.change_pct[8]));

  /* at 23:59:58, summed from the orders, the same as the rollup's whole day */
  g_assert_true (ciro_report_today_at (store, TODAY, 86398, NULL, &r, &error));
  g_assert_cmpint (memcmp (&r.yesterday_until_s, &r.yesterday_s, sizeof r.yesterday_s), ==, 0);
  ASSERT_PCT (r.change_pct[8], 0.0);

  /* a day that is not today (CIRO_NOW's) is compared whole */
  g_assert_true (ciro_report_today (store, TODAY, NULL, &r, &error));
  g_assert_cmpint (r.until_seconds, ==, 86399);
  g_assert_cmpint (r.yesterday_until_s.net_revenue, ==, 60000);
}

/* The summary up to a time of day, from the orders, agrees with the
 * rollup's at the end of the day and on a marketplace filter. */
static void
test_summary_until (void)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { D0, YESTERDAY, NULL };
  CiroSummary whole, until;

  /* 23:59:58: from the orders (no order is placed at 23:59:59) */
  g_assert_true (ciro_report_summary (store, &f, &whole, &error));
  g_assert_true (ciro_report_summary_until (store, &f, 86398, &until, &error));
  g_assert_cmpint (memcmp (&whole, &until, sizeof whole), ==, 0);
  /* up to 12:00:00 on each day: orders 1, 2, 3, 4 and 11 (10:00, 11:00,
   * 12:00:00, 09:00, 09:00); 5 (13:00), 6 (14:00), 12, 13 are later */
  g_assert_true (ciro_report_summary_until (store, &f, 12 * 3600, &until, &error));
  g_assert_no_error (error);
  g_assert_cmpint (until.gross_orders, ==, 5);
  g_assert_cmpint (until.cancel_return_orders, ==, 2);
  g_assert_cmpint (until.net_revenue, ==, 400000 + 300000 + 20000);
  g_assert_cmpint (until.unmatched_lines, ==, 0);
  g_assert_cmpint (until.product_cost, ==, 200000 + 0 + 10000);
  f.marketplace = (char *) "Hepsiburada";
  g_assert_true (ciro_report_summary_until (store, &f, 12 * 3600, &until, &error));
  g_assert_cmpint (until.gross_orders, ==, 0);
}

/* On a demo store of a few thousand products (ties of revenue, unknown
 * costs, unmatched SKUs): every sort gives the same products, each row
 * before the next by ciro_product_row_rank_compare (), so the engine's own
 * sort agrees with the public comparison whatever the key. */
static void
test_demo_order (void)
{
  static const CiroProductSort sorts[] = { CIRO_SORT_REVENUE, CIRO_SORT_PROFIT, CIRO_SORT_UNITS, CIRO_SORT_MARGIN,
                                           CIRO_SORT_SCORE, CIRO_SORT_PROFIT_EX_VAT, CIRO_SORT_MARGIN_EX_VAT };
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  g_autoptr(CiroStore) demo = ciro_test_reference_store (path, 20000, 3000, 7, CIRO_DAY_INVALID, 120);
  CiroDay today = ciro_today ();
  CiroReportFilter f = { today - 89, today, NULL };
  g_autoptr(GHashTable) keys = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) first = NULL;

  for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GArray) rows = ciro_report_products (demo, &f, sorts[s], s % 2 == 0, &error);
      guint unranked = 0;

      g_assert_no_error (error);
      g_assert_cmpuint (rows->len, >, 1000);
      for (guint i = 0; i < rows->len; i++)
        {
          const CiroProductRow *r = &g_array_index (rows, CiroProductRow, i);

          if (i > 0)
            g_assert_cmpint (ciro_product_row_rank_compare (r - 1, r, sorts[s]), <, 0);
          g_assert_cmpint (r->unranked, ==, !ciro_product_row_has_key (r, sorts[s]));
          unranked += r->unranked;
          if (s == 0)
            g_hash_table_add (keys, (gpointer) &r->product_key);
          else if (s % 2 == 0)
            g_assert_true (g_hash_table_contains (keys, &r->product_key));
        }
      if (sorts[s] != CIRO_SORT_REVENUE && sorts[s] != CIRO_SORT_UNITS)
        g_assert_cmpuint (unranked, >, 0);
      if (s == 0)
        first = g_array_ref (rows);
      else if (s % 2 == 0)
        g_assert_cmpuint (rows->len, ==, first->len);
    }
  g_clear_object (&demo);
  ciro_test_remove_store (path);
}

/* Keys that come out of order. A window's end two days into a part of its
 * month reads the running totals of the part before and then that part's
 * days: a product (and an unmatched SKU) first sold in those days comes
 * after keys greater than its own, and must be added once, sorted among
 * the others and named. The same with a marketplace (month and day rows)
 * and with the idle products. Every window is checked against the order
 * lines (ciro_test_assert_ranking_window). */
static void
test_new_in_window_end (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autoptr(CiroStore) s = ciro_store_open (path, &error);
  CiroDay nov1 = ciro_day_from_ymd (2026, 11, 1), nov6 = nov1 + 5;
  CiroReportFilter f = { nov1 + 1, nov6, NULL };
  g_autoptr(GArray) idle = NULL;
  guint seen_idle = 0, seen_new = 0;

  g_assert_no_error (error);
  /* Nov 5–8 is a part: the 6th is two days from either end of it */
  g_assert_cmpint (ciro_day_part (nov6), ==, ciro_day_part (nov1 + 4));
  g_assert_cmpint (ciro_part_last_day (ciro_day_part (nov6)) - nov6, ==,
                   nov6 - ciro_part_first_day (ciro_day_part (nov6)) + 1);
  g_assert_true (ciro_store_begin (s, &error));
  for (gint64 id = 10; id <= 60; id += 10)
    {
      g_autofree char *sku = g_strdup_printf ("P-%" G_GINT64_FORMAT, id);
      g_autofree char *name = g_strdup_printf ("Ürün %" G_GINT64_FORMAT, id);
      put_product_in (s, id, sku, name, 1000);
    }
  put_order_in (s, 1, nov1, 10, 0, 0, 5, "TRENDYOL", "OLD-1", 1, 5000);      /* unmatched, key −1 */
  put_order_in (s, 2, nov1, 11, 0, 0, 5, "TRENDYOL", "P-10", 2, 8000);
  put_order_in (s, 3, nov1, 12, 0, 0, 5, "HEPSIBURADA", "P-50", 1, 3000);
  put_order_in (s, 4, nov1 + 2, 9, 0, 0, 5, "HEPSIBURADA", "P-20", 4, 9000);
  put_order_in (s, 5, nov1 + 4, 9, 0, 0, 5, "TRENDYOL", "P-50", 1, 3100);
  put_order_in (s, 6, nov6, 8, 0, 0, 5, "HEPSIBURADA", "P-30", 3, 7000);     /* first sold on the 6th */
  put_order_in (s, 7, nov6, 9, 0, 0, 5, "TRENDYOL", "NEW-2", 2, 4000);       /* unmatched, key −2 */
  put_order_in (s, 8, nov6, 10, 0, 0, 5, "TRENDYOL", "P-30", 1, 2500);
  put_order_in (s, 9, nov6, 11, 0, 0, 6, "TRENDYOL", "P-20", 1, 2000);       /* returned */
  put_order_in (s, 10, nov1 + 9, 11, 0, 0, 5, "TRENDYOL", "P-10", 1, 4000);  /* after the window */
  g_assert_true (ciro_store_commit (s, &error));
  g_assert_no_error (error);

  for (const char *const *mp = (const char *const[]) { "Trendyol", "Hepsiburada", NULL, (const char *) 1 };
       *mp != (const char *) 1; mp++)
    {
      ciro_test_assert_ranking_window (s, nov1 + 1, nov6, *mp, "to the 6th");
      ciro_test_assert_ranking_window (s, nov1, nov6, *mp, "the 1st to the 6th");
      ciro_test_assert_ranking_window (s, nov6, nov6, *mp, "the 6th");
      ciro_test_assert_ranking_window (s, nov1 - 12, nov6, *mp, "from October");
      ciro_test_assert_ranking_window (s, nov1 + 2, nov1 + 9, *mp, "the 3rd to the 10th");
      ciro_test_assert_ranking_window (s, nov6, nov1 + 29, *mp, "from the 6th");
      /* centuries: the months without sales are not read one by one */
      ciro_test_assert_ranking_window (s, ciro_day_from_ymd (1900, 1, 1), ciro_day_from_ymd (9999, 12, 31), *mp,
                                       "centuries");
    }

  /* with the idle products: P-10 (sold before the window and after it),
   * P-40 and P-60 (never sold) once each, after the four that sold in it,
   * and the new ones named */
  idle = ciro_report_products (s, &f, CIRO_SORT_REVENUE, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (idle->len, ==, 7);
  for (guint i = 0; i < idle->len; i++)
    {
      const CiroProductRow *r = &g_array_index (idle, CiroProductRow, i);

      if (i > 0)
        g_assert_cmpint (ciro_product_row_rank_compare (r - 1, r, CIRO_SORT_REVENUE), <, 0);
      if (r->product_key == 10 || r->product_key == 40 || r->product_key == 60)
        {
          g_autofree char *name = g_strdup_printf ("Ürün %" G_GINT64_FORMAT, r->product_key);
          g_assert_cmpint (r->units, ==, 0);
          g_assert_cmpstr (r->name, ==, name);
          g_assert_cmpuint (i, >=, 4);
          seen_idle++;
        }
      if (r->product_key == 30 || g_strcmp0 (r->sku, "NEW-2") == 0)
        seen_new++;
      if (r->product_key == 30)
        g_assert_true (r->revenue == 9500 && r->units == 4 && g_strcmp0 (r->name, "Ürün 30") == 0);
      if (g_strcmp0 (r->sku, "NEW-2") == 0)
        g_assert_true (r->revenue == 4000 && !r->matched && g_strcmp0 (r->name, "NEW-2") == 0);
    }
  g_assert_cmpuint (seen_idle, ==, 3);
  g_assert_cmpuint (seen_new, ==, 2);
  g_clear_object (&s);
  ciro_test_remove_store (path);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_setenv ("CIRO_NOW", "2026-12-30 12:00:00", TRUE);
  g_test_init (&argc, &argv, NULL);
  build_store ();
  g_test_add_func ("/ranking/figures", test_figures);
  g_test_add_func ("/ranking/order", test_order);
  g_test_add_func ("/ranking/best-worst", test_best_worst);
  g_test_add_func ("/ranking/today-same-time", test_today_same_time);
  g_test_add_func ("/ranking/summary-until", test_summary_until);
  g_test_add_func ("/ranking/demo-order", test_demo_order);
  g_test_add_func ("/ranking/new-in-window-end", test_new_in_window_end);
  rc = g_test_run ();
  g_clear_object (&store);
  {
    g_autofree char *path = g_build_filename (dir, "ciro.db", NULL);
    ciro_test_remove_store (path);
    g_rmdir (dir);
  }
  g_free (dir);
  return rc;
}
