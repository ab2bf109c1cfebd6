/* test-report.c: every figure of metrics.md on a small hand-calculated store
 *
 * The expected numbers are written out here from a calculation by hand
 * (shown in the comments), never computed by the code under test.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>

#include "analytics/ciro-report.h"
#include "ciro-test-util.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"

static CiroStore *store;
static char *dir;
static CiroDay D1, D2, D3;

#define ASSERT_PCT(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 0.0005)

static void
add_line (CiroOrderRecord *o, const char *sku, gint64 qty, CiroKurus amount, const char *status)
{
  CiroOrderLineRecord *l = ciro_order_line_record_new ();
  l->sku = g_strdup (sku);
  l->quantity = qty;
  l->amount = amount;
  l->price = amount / qty;
  l->status = g_strdup (status);
  g_ptr_array_add (o->lines, l);
}

static CiroOrderRecord *
order (gint64 id, CiroDay day, int h, int m, int s, const char *source, gint32 status, CiroKurus shipping)
{
  CiroOrderRecord *o = ciro_order_record_new ();
  o->id = id;
  o->day = day;
  o->seconds = h * 3600 + m * 60 + s;
  o->source = g_strdup (source);
  o->status = status;
  o->shipping_total = shipping;
  return o;
}

static void
build_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CiroProductRecord *p;
  CiroVariantRecord *v;
  CiroOrderRecord *orders[6];

  dir = g_dir_make_tmp ("ciro-report-XXXXXX", NULL);
  path = g_build_filename (dir, "ciro.db", NULL);
  store = ciro_store_open (path, &error);
  g_assert_no_error (error);

  D1 = ciro_day_from_ymd (2025, 10, 16);
  D2 = D1 + 1;
  D3 = D1 + 2;

  g_assert_true (ciro_store_begin (store, &error));
  /* P1: 412,50 + 10 % VAT = 453,75; variants with 5+1 and 4 in stock = 10 */
  p = ciro_product_record_new ();
  p->id = 1;
  p->sku = g_strdup ("GOM-1");
  p->name = g_strdup ("Kadın Keten Gömlek");
  p->purchase_price = 41250;
  p->vat_rate = 1000;
  v = ciro_variant_record_new ();
  v->id = 11;
  v->sku = g_strdup ("GOM-1-M");
  ciro_stock_record_append (v->stocks, 1, NULL, 5);
  ciro_stock_record_append (v->stocks, 2, NULL, 1);
  g_ptr_array_add (p->variants, v);
  v = ciro_variant_record_new ();
  v->id = 12;
  v->sku = g_strdup ("GOM-1-L");
  ciro_stock_record_append (v->stocks, 1, NULL, 4);
  g_ptr_array_add (p->variants, v);
  g_assert_true (ciro_store_put_product (store, p, D1 - 100, &error));
  ciro_product_record_free (p);

  /* P2: 99,99 + 20 % = 119,988 → 119,99; stock 3 */
  p = ciro_product_record_new ();
  p->id = 2;
  p->sku = g_strdup ("KUPA-2");
  p->name = g_strdup ("Seramik Kupa");
  p->purchase_price = 9999;
  p->vat_rate = 2000;
  ciro_stock_record_append (p->stocks, 1, NULL, 3);
  g_assert_true (ciro_store_put_product (store, p, D1 - 100, &error));
  ciro_product_record_free (p);

  /* P3: never sold, 50 in stock */
  p = ciro_product_record_new ();
  p->id = 3;
  p->sku = g_strdup ("DEAD-3");
  p->name = g_strdup ("Eski Tencere");
  p->purchase_price = 10000;
  ciro_stock_record_append (p->stocks, 1, NULL, 50);
  g_assert_true (ciro_store_put_product (store, p, D1 - 100, &error));
  ciro_product_record_free (p);

  orders[0] = order (101, D1, 10, 0, 0, "TRENDYOL", 5, 0);
  add_line (orders[0], "GOM-1-M", 1, 124990, "accepted");
  orders[1] = order (102, D1, 23, 59, 59, "HB", 99, 3990);
  add_line (orders[1], "KUPA-2", 2, 20000, "accepted");
  add_line (orders[1], "GOM-1-L", 1, 1010, "accepted");
  orders[2] = order (103, D2, 0, 0, 0, "trendyol", 6, 2990);
  add_line (orders[2], "GOM-1-M", 2, 249980, "accepted");
  orders[3] = order (104, D2, 12, 0, 0, "Morhipo", 7, 0);
  add_line (orders[3], "UNKNOWN-SKU", 1, 5000, "accepted");
  add_line (orders[3], "KUPA-2", 1, 10000, "rejected");
  orders[4] = order (105, D2, 15, 0, 0, "HEPSIBURADA", 1, 1500);
  orders[5] = order (106, D3, 9, 0, 0, "TRENDYOL", 5, 0);
  add_line (orders[5], "KUPA-2", 1, 10000, "accepted");
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_assert_true (ciro_store_put_order (store, orders[i], &error));
      ciro_order_record_free (orders[i]);
    }
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
}

static CiroSummary
summary (CiroDay from, CiroDay to, const char *marketplace)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { from, to, (char *) marketplace };
  CiroSummary s;

  g_assert_true (ciro_report_summary (store, &f, &s, &error));
  g_assert_no_error (error);
  return s;
}

static void
test_summary_window (void)
{
  CiroSummary s = summary (D1, D3, NULL);

  g_assert_cmpint (s.gross_orders, ==, 6);
  g_assert_cmpint (s.gross_units, ==, 9);                /* 1 + 3 + 2 + 2 + 0 + 1 */
  /* lines 124990 + 21010 + 249980 + 15000 + 10000 = 420980; shipping 3990 + 2990 + 1500 */
  g_assert_cmpint (s.gross_revenue, ==, 429460);
  g_assert_cmpint (s.cancel_return_orders, ==, 1);
  g_assert_cmpint (s.cancel_return_units, ==, 2);
  g_assert_cmpint (s.cancel_return_revenue, ==, 252970); /* 249980 + 2990 */
  g_assert_cmpint (s.net_orders, ==, 5);                 /* status 7 and 1 are net */
  g_assert_cmpint (s.net_units, ==, 7);
  g_assert_cmpint (s.net_revenue, ==, 176490);
  g_assert_cmpint (s.shipping_income, ==, 5490);         /* 3990 + 1500 */
  /* 453,75 + (2 × 119,99 + 453,75) + 119,99 (rejected still counts) + 119,99 */
  g_assert_cmpint (s.product_cost, ==, 138746);
  /* TY 21,5 %: 1249,90 → 268,7285 → 268,73; HB 15 %: 200,00 → 30,00 and 10,10 → 1,515 → 1,52;
   * Morhipo 0 %; TY 100,00 → 21,50 */
  g_assert_cmpint (s.commission, ==, 32175);
  g_assert_cmpint (s.shipping_expense, ==, 37500);       /* 5 net orders × 75,00 */
  g_assert_cmpint (s.profit, ==, -31931);                /* 176490 − 138746 − 32175 − 37500 */
  ASSERT_PCT (s.margin_pct, -18.092243);                 /* −31931 / 176490 */
  g_assert_cmpint (s.aov, ==, 35298);                    /* 176490 / 5 */
  ASSERT_PCT (s.return_rate_pct, 16.666667);
  g_assert_cmpint (s.unmatched_lines, ==, 1);
  g_assert_cmpint (s.unmatched_revenue, ==, 5000);
}

static void
test_summary_midnight_and_empty (void)
{
  /* D2 alone: the 23:59:59 order of D1 is out, the 00:00:00 one is in */
  CiroSummary s = summary (D2, D2, NULL);

  g_assert_cmpint (s.gross_orders, ==, 3);
  g_assert_cmpint (s.gross_revenue, ==, 269470);         /* 249980 + 2990 + 15000 + 1500 */
  g_assert_cmpint (s.net_revenue, ==, 16500);
  g_assert_cmpint (s.product_cost, ==, 11999);
  g_assert_cmpint (s.commission, ==, 0);
  g_assert_cmpint (s.shipping_expense, ==, 15000);
  g_assert_cmpint (s.profit, ==, -10499);

  s = summary (ciro_day_from_ymd (2025, 1, 1), ciro_day_from_ymd (2025, 1, 31), NULL);
  g_assert_cmpint (s.gross_orders, ==, 0);
  g_assert_cmpint (s.net_revenue, ==, 0);
  g_assert_cmpint (s.aov, ==, 0);
  ASSERT_PCT (s.margin_pct, 0);
  ASSERT_PCT (s.return_rate_pct, 0);
}

static void
test_summary_marketplace_filter (void)
{
  CiroSummary s = summary (D1, D3, "Trendyol");

  g_assert_cmpint (s.gross_orders, ==, 3);
  g_assert_cmpint (s.gross_revenue, ==, 387960);         /* 124990 + 249980 + 2990 + 10000 */
  g_assert_cmpint (s.net_revenue, ==, 134990);
  g_assert_cmpint (s.product_cost, ==, 57374);           /* 45375 + 11999 */
  g_assert_cmpint (s.commission, ==, 29023);             /* 26873 + 2150 */
  g_assert_cmpint (s.shipping_expense, ==, 15000);
  g_assert_cmpint (s.profit, ==, 33593);

  s = summary (D1, D3, "Amazon");
  g_assert_cmpint (s.gross_orders, ==, 0);
}

static void
test_daily (void)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { D1 - 1, D3, NULL };
  g_autoptr(GArray) days = ciro_report_daily (store, &f, &error);
  CiroDailyRow *d;

  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 4);
  d = &g_array_index (days, CiroDailyRow, 0);
  g_assert_cmpint (d->date, ==, D1 - 1);
  g_assert_cmpint (d->s.gross_orders, ==, 0);            /* a day with no orders, present */
  d = &g_array_index (days, CiroDailyRow, 1);
  g_assert_cmpint (d->s.gross_revenue, ==, 149990);
  g_assert_cmpint (d->s.profit, ==, -9783);              /* 149990 − 114748 − 30025 − 15000 */
  d = &g_array_index (days, CiroDailyRow, 2);
  g_assert_cmpint (d->s.cancel_return_revenue, ==, 252970);
  g_assert_cmpint (d->s.profit, ==, -10499);
  d = &g_array_index (days, CiroDailyRow, 3);
  g_assert_cmpint (d->date, ==, D3);
  g_assert_cmpint (d->s.net_units, ==, 1);
  g_assert_cmpint (d->s.profit, ==, -11649);             /* 10000 − 11999 − 2150 − 7500 */
}

static void
test_marketplaces (void)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { D1, D3, NULL };
  g_autoptr(GArray) rows = ciro_report_marketplaces (store, &f, &error);
  CiroMarketplaceRow *m;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  m = &g_array_index (rows, CiroMarketplaceRow, 0);
  g_assert_cmpstr (m->marketplace, ==, "Trendyol");
  ASSERT_PCT (m->share_pct, 76.485920);                  /* 134990 / 176490 */
  m = &g_array_index (rows, CiroMarketplaceRow, 1);
  g_assert_cmpstr (m->marketplace, ==, "Hepsiburada");
  g_assert_cmpint (m->s.net_revenue, ==, 26500);         /* 21010 + 3990 + 1500 */
  g_assert_cmpint (m->s.profit, ==, -61025);             /* 26500 − 69373 − 3152 − 15000 */
  ASSERT_PCT (m->share_pct, 15.014987);
  m = &g_array_index (rows, CiroMarketplaceRow, 2);
  g_assert_cmpstr (m->marketplace, ==, "Morhipo");
  g_assert_cmpint (m->s.net_revenue, ==, 15000);
  ASSERT_PCT (m->share_pct, 8.499093);
}

static const CiroProductRow *
find_product (GArray *rows, const char *sku)
{
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (g_array_index (rows, CiroProductRow, i).sku, sku) == 0)
      return &g_array_index (rows, CiroProductRow, i);
  return NULL;
}

static void
assert_order (GArray *rows, const char *a, const char *b, const char *c)
{
  g_assert_cmpuint (rows->len, ==, 3);
  g_assert_cmpstr (g_array_index (rows, CiroProductRow, 0).sku, ==, a);
  g_assert_cmpstr (g_array_index (rows, CiroProductRow, 1).sku, ==, b);
  g_assert_cmpstr (g_array_index (rows, CiroProductRow, 2).sku, ==, c);
}

static void
test_products (void)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { D1, D3, NULL };
  g_autoptr(GArray) rows = ciro_report_products (store, &f, CIRO_SORT_REVENUE, FALSE, &error);
  const CiroProductRow *p;

  g_assert_no_error (error);
  assert_order (rows, "GOM-1", "KUPA-2", "UNKNOWN-SKU");

  p = find_product (rows, "GOM-1");
  g_assert_true (p->matched);
  g_assert_cmpint (p->product_key, ==, 1);
  g_assert_cmpint (p->revenue, ==, 126000);              /* 124990 + 1010 */
  g_assert_cmpint (p->units, ==, 2);
  g_assert_cmpint (p->orders, ==, 2);
  g_assert_cmpint (p->cost, ==, 90750);
  g_assert_cmpint (p->commission, ==, 27025);            /* 26873 + 152 */
  g_assert_cmpint (p->profit, ==, 8225);
  ASSERT_PCT (p->margin_pct, 6.527778);
  g_assert_cmpint (p->return_units, ==, 2);
  ASSERT_PCT (p->return_rate_pct, 50.0);                 /* 2 / (2 + 2) */
  g_assert_cmpint (p->stock, ==, 10);
  ASSERT_PCT (p->daily_sales, 0.666667);
  g_assert_true (p->has_days_of_stock);
  ASSERT_PCT (p->days_of_stock, 15.0);
  /* 40 × 1 + 30 × 6,527778/50 + 20 × 0 + 10 × 0,0666667 */
  ASSERT_PCT (p->score, 44.583333);

  p = find_product (rows, "KUPA-2");
  g_assert_cmpint (p->revenue, ==, 40000);
  g_assert_cmpint (p->units, ==, 4);
  g_assert_cmpint (p->orders, ==, 3);
  g_assert_cmpint (p->cost, ==, 47996);
  g_assert_cmpint (p->commission, ==, 5150);
  g_assert_cmpint (p->profit, ==, -13146);
  ASSERT_PCT (p->margin_pct, -32.865);
  ASSERT_PCT (p->return_rate_pct, 0);
  ASSERT_PCT (p->days_of_stock, 2.25);                   /* 3 / (4 / 3) */
  /* 40 × 40000/126000 + 0 + 20 × (1 − 10 × 1/14) + 10 × 0,133333: the
   * return term smoothed, (0 + 1) / (4 + 0 + 10) */
  ASSERT_PCT (p->score, 19.746032);

  p = find_product (rows, "UNKNOWN-SKU");
  g_assert_false (p->matched);
  g_assert_cmpint (p->product_key, <, 0);
  g_assert_cmpint (p->revenue, ==, 5000);
  g_assert_cmpint (p->cost, ==, 0);
  /* its cost is unknown: no margin (not 100 %) and no score */
  g_assert_false (p->cost_known);
  g_assert_false (p->has_margin);
  g_assert_false (p->has_score);
  g_assert_true (p->has_return_rate);

  g_clear_pointer (&rows, g_array_unref);
  /* the unknown cost's profit (50,00 − commission) is no profit: last */
  rows = ciro_report_products (store, &f, CIRO_SORT_PROFIT, FALSE, &error);
  assert_order (rows, "GOM-1", "KUPA-2", "UNKNOWN-SKU");
  g_clear_pointer (&rows, g_array_unref);
  rows = ciro_report_products (store, &f, CIRO_SORT_SCORE, FALSE, &error);
  assert_order (rows, "GOM-1", "KUPA-2", "UNKNOWN-SKU");
  g_clear_pointer (&rows, g_array_unref);
  rows = ciro_report_products (store, &f, CIRO_SORT_UNITS, FALSE, &error);
  assert_order (rows, "KUPA-2", "GOM-1", "UNKNOWN-SKU");
  g_clear_pointer (&rows, g_array_unref);
  rows = ciro_report_products (store, &f, CIRO_SORT_MARGIN, FALSE, &error);
  assert_order (rows, "GOM-1", "KUPA-2", "UNKNOWN-SKU");
  {
    g_autoptr(GArray) worst = ciro_report_products_worst (rows, 2);
    g_assert_cmpuint (worst->len, ==, 2);
    g_assert_cmpstr (g_array_index (worst, CiroProductRow, 0).sku, ==, "KUPA-2");
    g_assert_cmpstr (g_array_index (worst, CiroProductRow, 1).sku, ==, "GOM-1");
  }
  g_clear_pointer (&rows, g_array_unref);

  /* idle products appear with zeros when asked for, and never in the worst list */
  rows = ciro_report_products (store, &f, CIRO_SORT_REVENUE, TRUE, &error);
  g_assert_cmpuint (rows->len, ==, 4);
  p = find_product (rows, "DEAD-3");
  g_assert_nonnull (p);
  g_assert_cmpint (p->units, ==, 0);
  g_assert_false (p->has_days_of_stock);
  {
    g_autoptr(GArray) worst = ciro_report_products_worst (rows, 0);
    g_assert_cmpuint (worst->len, ==, 3);
  }
  g_clear_pointer (&rows, g_array_unref);

  /* marketplace filter: Trendyol only sold P1 once (net) and P2 once */
  f.marketplace = (char *) "Trendyol";
  rows = ciro_report_products (store, &f, CIRO_SORT_REVENUE, FALSE, &error);
  g_assert_cmpuint (rows->len, ==, 2);
  p = find_product (rows, "GOM-1");
  g_assert_cmpint (p->revenue, ==, 124990);
  g_assert_cmpint (p->return_units, ==, 2);
  p = find_product (rows, "KUPA-2");
  g_assert_cmpint (p->revenue, ==, 10000);
}

static void
test_stock (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ciro_report_stock (store, D3, &error);
  CiroStockRow *r;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 3);
  /* P2: 4 units in 30 days → 0,1333/day, 3 in stock → 22,5 days; low (3 < 10) */
  r = &g_array_index (rows, CiroStockRow, 0);
  g_assert_cmpint (r->product_id, ==, 2);
  ASSERT_PCT (r->days_of_stock, 22.5);
  g_assert_cmpint (r->stock_out_date, ==, D3 + 22);
  g_assert_true (r->low_stock);
  g_assert_false (r->slow_moving);
  g_assert_false (r->dead_stock);
  g_assert_true (r->running_out);                       /* 22,5 days ≤ 30 */
  g_assert_cmpint (r->stock_value, ==, 3 * 11999);
  g_assert_true (ciro_stock_row_in_list (r, CIRO_STOCK_LIST_RUNNING_OUT));
  /* P1: 2 units → 10 / 0,0667 = 150 days: slow-moving */
  r = &g_array_index (rows, CiroStockRow, 1);
  g_assert_cmpint (r->product_id, ==, 1);
  ASSERT_PCT (r->days_of_stock, 150.0);
  g_assert_false (r->low_stock);
  g_assert_true (r->slow_moving);
  g_assert_false (r->dead_stock);
  g_assert_true (r->has_stock_value);
  g_assert_cmpint (r->stock_value, ==, 10 * 45375);     /* both variants at the parent's cost */
  g_assert_false (r->running_out);                      /* 150 days > 30 */
  /* P3: never sold: infinite, slow and dead */
  r = &g_array_index (rows, CiroStockRow, 2);
  g_assert_cmpint (r->product_id, ==, 3);
  g_assert_false (r->has_days_of_stock);
  g_assert_cmpint (r->stock_out_date, ==, CIRO_DAY_INVALID);
  g_assert_true (r->slow_moving);
  g_assert_true (r->dead_stock);
  g_assert_false (r->low_stock);

  /* a threshold edited in settings applies */
  g_assert_true (ciro_store_set_setting (store, "low_stock_threshold", "11", &error));
  g_clear_pointer (&rows, g_array_unref);
  rows = ciro_report_stock (store, D3, &error);
  g_assert_true (g_array_index (rows, CiroStockRow, 1).low_stock);   /* P1: 10 < 11 */
  g_assert_true (ciro_store_set_setting (store, "low_stock_threshold", "10", &error));
  /* 100 days later nothing sold recently: not low any more, dead instead */
  g_clear_pointer (&rows, g_array_unref);
  rows = ciro_report_stock (store, D3 + 100, &error);
  for (guint i = 0; i < rows->len; i++)
    {
      g_assert_false (g_array_index (rows, CiroStockRow, i).low_stock);
      g_assert_true (g_array_index (rows, CiroStockRow, i).dead_stock);
    }
}

/* Stock value at cost: per variant at its own price or the parent's, a
 * cost the user entered from today on over both, the price of today and
 * not a later one; no value at all when a unit in stock has no cost. */
static void
test_stock_value (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = ciro_test_tmpdir ("stock-value");
  g_autofree char *path = g_build_filename (tmp, "ciro.db", NULL);
  g_autoptr(CiroStore) s = ciro_store_open (path, &error);
  g_autoptr(GArray) rows = NULL;
  CiroDay today = ciro_day_from_ymd (2026, 12, 5);
  CiroProductRecord *p;
  CiroVariantRecord *v;
  const CiroStockRow *r21 = NULL, *r22 = NULL, *r23 = NULL;

  g_assert_no_error (error);
  g_assert_true (ciro_store_begin (s, &error));
  /* 100,00 + 20 % = 120,00; a variant of its own 50,00 + 10 % = 55,00 */
  p = ciro_product_record_new ();
  p->id = 21;
  p->sku = g_strdup ("VAR-21");
  p->name = g_strdup ("Varyantlı Ürün");
  p->purchase_price = 10000;
  p->vat_rate = 2000;
  v = ciro_variant_record_new ();
  v->id = 211;
  v->sku = g_strdup ("VAR-21-A");
  v->has_purchase_price = TRUE;
  v->purchase_price = 5000;
  v->vat_rate = 1000;
  ciro_stock_record_append (v->stocks, 1, NULL, 2);
  g_ptr_array_add (p->variants, v);
  v = ciro_variant_record_new ();
  v->id = 212;
  v->sku = g_strdup ("VAR-21-B");
  ciro_stock_record_append (v->stocks, 1, NULL, 3);
  g_ptr_array_add (p->variants, v);
  g_assert_true (ciro_store_put_product (s, p, today - 10, &error));
  ciro_product_record_free (p);
  /* no purchase price: the value is unknown, not 0 */
  p = ciro_product_record_new ();
  p->id = 22;
  p->sku = g_strdup ("NOCOST-22");
  p->name = g_strdup ("Maliyetsiz");
  ciro_stock_record_append (p->stocks, 1, NULL, 4);
  g_assert_true (ciro_store_put_product (s, p, today - 10, &error));
  ciro_product_record_free (p);
  /* out of stock: nothing to value */
  p = ciro_product_record_new ();
  p->id = 23;
  p->sku = g_strdup ("OUT-23");
  p->name = g_strdup ("Tükenmiş");
  p->purchase_price = 333;
  g_assert_true (ciro_store_put_product (s, p, today - 10, &error));
  ciro_product_record_free (p);
  g_assert_true (ciro_store_commit (s, &error));
  g_assert_no_error (error);

  rows = ciro_report_stock (s, today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const CiroStockRow *r = &g_array_index (rows, CiroStockRow, i);
      if (r->product_id == 21) r21 = r;
      if (r->product_id == 22) r22 = r;
      if (r->product_id == 23) r23 = r;
    }
  g_assert_nonnull (r21);
  g_assert_nonnull (r22);
  g_assert_nonnull (r23);
  g_assert_true (r21->has_stock_value);
  g_assert_cmpint (r21->stock_value, ==, 2 * 5500 + 3 * 12000);
  g_assert_false (r22->has_stock_value);
  g_assert_true (r23->has_stock_value);
  g_assert_cmpint (r23->stock_value, ==, 0);
  g_assert_false (r23->running_out);

  /* the user's cost from today on applies to every variant; one from
   * tomorrow does not yet */
  g_assert_true (ciro_store_set_user_cost (s, 21, today, 2000, 1000, &error));
  g_assert_true (ciro_store_set_user_cost (s, 22, today + 1, 100, 0, &error));
  g_assert_no_error (error);
  g_clear_pointer (&rows, g_array_unref);
  rows = ciro_report_stock (s, today, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const CiroStockRow *r = &g_array_index (rows, CiroStockRow, i);
      if (r->product_id == 21)
        g_assert_cmpint (r->stock_value, ==, 5 * 2200);
      if (r->product_id == 22)
        g_assert_false (r->has_stock_value);
    }
  g_clear_pointer (&rows, g_array_unref);
  rows = ciro_report_stock (s, today + 1, &error);
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, CiroStockRow, i).product_id == 22)
      {
        g_assert_true (g_array_index (rows, CiroStockRow, i).has_stock_value);
        g_assert_cmpint (g_array_index (rows, CiroStockRow, i).stock_value, ==, 400);
      }
  g_clear_object (&s);
  ciro_test_remove_store (path);
  g_rmdir (tmp);
}

static void
test_today (void)
{
  g_autoptr(GError) error = NULL;
  CiroTodayReport r;

  g_assert_true (ciro_report_today (store, D2, NULL, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (r.today_s.net_revenue, ==, 16500);
  g_assert_cmpint (r.yesterday_s.net_revenue, ==, 149990);
  ASSERT_PCT (r.progress_pct, 11.000733);               /* 16500 / 149990 */
  ASSERT_PCT (r.change_pct[6], 0.0);                     /* net orders 2 vs 2 */
  ASSERT_PCT (r.change_pct[9], -62.406015);              /* shipping income 1500 vs 3990 */
  g_assert_true (isnan (r.change_pct[3]));               /* cancellations: yesterday 0 */

  /* a better day than yesterday caps the bar at 100 % */
  g_assert_true (ciro_report_today (store, D1, NULL, &r, &error));
  ASSERT_PCT (r.progress_pct, 0.0);                      /* yesterday had nothing */
}

static void
test_unmatched_and_mapping (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ciro_report_unmatched (store, &error);
  CiroSummary s;

  g_assert_cmpuint (rows->len, ==, 1);
  g_assert_cmpstr (g_array_index (rows, CiroUnmatchedRow, 0).sku, ==, "UNKNOWN-SKU");
  g_assert_cmpint (g_array_index (rows, CiroUnmatchedRow, 0).revenue, ==, 5000);
  g_assert_cmpint (g_array_index (rows, CiroUnmatchedRow, 0).last_day, ==, D2);

  g_assert_true (ciro_store_map_sku (store, "UNKNOWN-SKU", "KUPA-2", &error));
  g_assert_no_error (error);
  s = summary (D1, D3, NULL);
  g_assert_cmpint (s.unmatched_lines, ==, 0);
  g_assert_cmpint (s.product_cost, ==, 138746 + 11999);

  /* commission 21,5 → 20 % for Trendyol: 1249,90 → 249,98; 100,00 → 20,00 */
  g_assert_true (ciro_store_set_setting (store, "commission.Trendyol", "20", &error));
  s = summary (D1, D3, NULL);
  g_assert_cmpint (s.commission, ==, 24998 + 3152 + 2000);
  /* shipping cost per order is read live: 5 × 80,00 for Trendyol's two */
  g_assert_true (ciro_store_set_setting (store, "shipping.Trendyol", "80", &error));
  s = summary (D1, D3, NULL);
  g_assert_cmpint (s.shipping_expense, ==, 2 * 8000 + 3 * 7500);
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  build_store ();
  g_test_add_func ("/report/summary-window", test_summary_window);
  g_test_add_func ("/report/summary-midnight-and-empty", test_summary_midnight_and_empty);
  g_test_add_func ("/report/summary-marketplace-filter", test_summary_marketplace_filter);
  g_test_add_func ("/report/daily", test_daily);
  g_test_add_func ("/report/marketplaces", test_marketplaces);
  g_test_add_func ("/report/products", test_products);
  g_test_add_func ("/report/stock", test_stock);
  g_test_add_func ("/report/stock-value", test_stock_value);
  g_test_add_func ("/report/today", test_today);
  g_test_add_func ("/report/unmatched-and-mapping", test_unmatched_and_mapping);
  rc = g_test_run ();

  {
    g_autofree char *path = g_strdup (ciro_store_get_path (store));
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);
    g_object_unref (store);
    g_unlink (path);
    g_unlink (wal);
    g_unlink (shm);
    g_rmdir (dir);
    g_free (dir);
  }
  return rc;
}
