/* test-categories.c: the category figures of insights.md §1
 *
 * A store built by hand, every figure worked out below, with products
 * whose category is present (with spaces to trim), only an id, or absent,
 * an unmatched SKU and cancelled orders; and on demo stores the identity
 * "Σ categories = summary" with every category's figures checked against
 * a direct SQL computation from the order lines.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "analytics/ciro-categories.h"
#include "core/ciro-date.h"
#include "store/ciro-schema.h"
#include "store/ciro-store-sql.h"
#include "ciro-test-util.h"

static CiroStore *store;
static char *dir;
static CiroDay D0;           /* 2026-11-01; the window is D0 .. D0 + 9 */

#define ASSERT_PCT(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 0.0005)

static CiroBasisPoints put_vat_rate = 0;   /* the KDV of the products put */

static void
put_product (gint64 id, const char *sku, const char *category, gint64 category_id, CiroKurus purchase_price)
{
  g_autoptr(GError) error = NULL;
  CiroProductRecord *p = ciro_product_record_new ();

  p->id = id;
  p->sku = g_strdup (sku);
  p->name = g_strdup (sku);
  p->category = g_strdup (category);
  p->category_id = category_id;
  p->purchase_price = purchase_price;
  p->vat_rate = put_vat_rate;
  ciro_stock_record_append (p->stocks, 1, NULL, 10);
  g_assert_true (ciro_store_put_product (store, p, D0 - 100, &error));
  g_assert_no_error (error);
  ciro_product_record_free (p);
}

typedef struct {
  const char *sku;
  gint64      qty;
  CiroKurus   amount;
} Line;

static void
put_order (gint64 id, CiroDay day, const char *source, gint32 status, const Line *lines, guint n)
{
  g_autoptr(GError) error = NULL;
  CiroOrderRecord *o = ciro_order_record_new ();

  o->id = id;
  o->day = day;
  o->seconds = 12 * 3600;
  o->source = g_strdup (source);
  o->status = status;
  for (guint i = 0; i < n; i++)
    {
      CiroOrderLineRecord *l = ciro_order_line_record_new ();
      l->sku = g_strdup (lines[i].sku);
      l->quantity = lines[i].qty;
      l->amount = lines[i].amount;
      l->price = lines[i].amount / lines[i].qty;
      l->status = g_strdup ("accepted");
      g_ptr_array_add (o->lines, l);
    }
  g_assert_true (ciro_store_put_order (store, o, &error));
  g_assert_no_error (error);
  ciro_order_record_free (o);
}

#define ORDER(id, day, source, status, ...) \
  do { const Line l_[] = { __VA_ARGS__ }; put_order (id, day, source, status, l_, G_N_ELEMENTS (l_)); } while (0)

static void
build_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  dir = ciro_test_tmpdir ("categories");
  path = g_build_filename (dir, "ciro.db", NULL);
  store = ciro_store_open (path, &error);
  g_assert_no_error (error);
  D0 = ciro_day_from_ymd (2026, 11, 1);

  /* commission 10 % of the line, no KDV: round figures by hand */
  g_assert_true (ciro_store_set_setting (store, "commission.Trendyol", "10", &error));
  g_assert_true (ciro_store_set_setting (store, "shipping.Trendyol", "10", &error));
  g_assert_true (ciro_store_set_setting (store, "commission.Hepsiburada", "10", &error));
  g_assert_true (ciro_store_set_setting (store, "shipping.Hepsiburada", "10", &error));
  g_assert_no_error (error);

  g_assert_true (ciro_store_begin (store, &error));
  put_product (1, "A-1", "  Giyim ", 5, 10000);   /* trimmed to "Giyim"; cost 100,00 */
  put_product (2, "B-2", "Giyim", 5, 5000);       /* cost 50,00 */
  put_product (3, "C-3", "", 77, 2000);           /* only an id: "#77"; cost 20,00 */
  put_product (4, "D-4", NULL, 0, 3000);          /* neither: Kategorisiz; cost 30,00 */
  put_product (5, "E-5", "Ev", 9, 1000);          /* never sold: not listed */

  /* the window, Trendyol unless said (status 6: cancelled/returned) */
  ORDER (1, D0, "TRENDYOL", 5, { "A-1", 2, 30000 }, { "B-2", 1, 12000 });  /* one Giyim order */
  ORDER (2, D0 + 1, "TRENDYOL", 5, { "A-1", 1, 15000 }, { "C-3", 3, 9000 });
  ORDER (3, D0 + 2, "TRENDYOL", 5, { "D-4", 2, 8000 }, { "OLD-9", 1, 5000 });
  ORDER (4, D0 + 3, "TRENDYOL", 6, { "A-1", 1, 15000 }, { "D-4", 1, 4000 });
  ORDER (5, D0 + 4, "TRENDYOL", 6, { "C-3", 2, 6000 });
  ORDER (6, D0 + 9, "TRENDYOL", 5, { "B-2", 4, 40000 });
  ORDER (7, D0 + 5, "HEPSIBURADA", 5, { "D-4", 1, 7000 });
  /* the previous window (2026-10-22 .. 10-31) and a day after the window */
  ORDER (8, D0 - 5, "TRENDYOL", 5, { "A-1", 1, 20000 });
  ORDER (9, D0 - 3, "TRENDYOL", 5, { "OLD-9", 2, 10000 });
  ORDER (10, D0 + 10, "TRENDYOL", 5, { "A-1", 1, 99900 });
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
}

static const CiroCategoryRow *
find (GArray *rows, gint32 month, const char *name)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
      if (r->month == month && g_strcmp0 (r->category, name) == 0)
        return r;
    }
  g_error ("no row for %s", name);
  return NULL;
}

static void
assert_row (const CiroCategoryRow *r, CiroKurus revenue, gint64 units, gint64 orders, CiroKurus cost,
            CiroKurus commission, gint64 return_units, gint64 products)
{
  g_assert_cmpint (r->revenue, ==, revenue);
  g_assert_cmpint (r->units, ==, units);
  g_assert_cmpint (r->orders, ==, orders);
  g_assert_cmpint (r->cost, ==, cost);
  g_assert_cmpint (r->commission, ==, commission);
  g_assert_cmpint (r->profit, ==, revenue - cost - commission);
  g_assert_cmpint (r->return_units, ==, return_units);
  g_assert_cmpint (r->products, ==, products);
}

static void
test_hand_figures (void)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { D0, D0 + 9, NULL };
  g_autoptr(GArray) rows = ciro_report_categories (store, &f, &error);
  const CiroCategoryRow *r;
  CiroSummary s;

  g_assert_no_error (error);
  /* Giyim (A-1, B-2): net lines 300,00 + 120,00 (order 1), 150,00 (order 2),
   * 400,00 (order 6) = 970,00; units 2 + 1 + 1 + 4 = 8; orders 1, 2, 6 = 3
   * (order 1's two Giyim lines count once); cost 2×100 + 50 + 100 + 4×50 =
   * 550,00; commission 10 % = 97,00; profit 970 − 550 − 97 = 323,00, margin
   * 323/970 = 33.2990 %; returned 1 (order 4), rate 1/9 = 11.1111 %;
   * previous window 200,00 (profit 200 − 100 − 20 = 80,00): revenue change
   * (970 − 200)/200 = +385 %, profit (323 − 80)/80 = +303.75 %. */
  g_assert_cmpuint (rows->len, ==, 4);
  r = &g_array_index (rows, CiroCategoryRow, 0);
  g_assert_cmpstr (r->category, ==, "Giyim");
  g_assert_cmpint (r->kind, ==, CIRO_CATEGORY_NAMED);
  assert_row (r, 97000, 8, 3, 55000, 9700, 1, 2);
  g_assert_true (r->has_margin);
  ASSERT_PCT (r->margin_pct, 32300.0 / 97000.0 * 100.0);
  ASSERT_PCT (r->return_rate_pct, 100.0 / 9.0);
  ASSERT_PCT (r->share_pct, 97000.0 / 126000.0 * 100.0);
  g_assert_true (r->has_revenue_change && r->has_profit_change);
  ASSERT_PCT (r->revenue_change_pct, 385.0);
  ASSERT_PCT (r->profit_change_pct, 303.75);

  /* Kategorisiz (D-4): 80,00 (order 3) + 70,00 (order 7, Hepsiburada) =
   * 150,00; units 3; orders 2; cost 3 × 30 = 90,00; commission 15,00;
   * profit 45,00 (30 %); returned 1 (order 4): 1/4 = 25 %; nothing before */
  r = &g_array_index (rows, CiroCategoryRow, 1);
  g_assert_cmpstr (r->category, ==, CIRO_CATEGORY_NONE_NAME);
  g_assert_cmpint (r->kind, ==, CIRO_CATEGORY_NONE);
  g_assert_cmpstr (ciro_category_display_name (r), ==, "Uncategorised");
  assert_row (r, 15000, 3, 2, 9000, 1500, 1, 1);
  ASSERT_PCT (r->margin_pct, 30.0);
  ASSERT_PCT (r->return_rate_pct, 25.0);
  g_assert_false (r->has_revenue_change || r->has_profit_change);

  /* #77 (C-3, only an id): 90,00, 3 units, 1 order, cost 60,00,
   * commission 9,00, profit 21,00 (23.3333 %); returned 2 (order 5):
   * 2/5 = 40 % */
  r = &g_array_index (rows, CiroCategoryRow, 2);
  g_assert_cmpstr (r->category, ==, "#77");
  g_assert_cmpint (r->kind, ==, CIRO_CATEGORY_ID);
  assert_row (r, 9000, 3, 1, 6000, 900, 2, 1);
  ASSERT_PCT (r->margin_pct, 2100.0 / 9000.0 * 100.0);
  ASSERT_PCT (r->return_rate_pct, 40.0);

  /* Eşleşmeyen (OLD-9): 50,00, no cost, commission 5,00, profit 45,00
   * but no margin (the cost is unknown); previous 100,00 (profit 90,00):
   * −50 % and −50 % */
  r = &g_array_index (rows, CiroCategoryRow, 3);
  g_assert_cmpstr (r->category, ==, CIRO_CATEGORY_UNMATCHED_NAME);
  g_assert_cmpint (r->kind, ==, CIRO_CATEGORY_UNMATCHED);
  g_assert_cmpstr (ciro_category_display_name (r), ==, "Unmatched");
  assert_row (r, 5000, 1, 1, 0, 500, 0, 1);
  g_assert_false (r->has_margin);
  g_assert_true (r->has_return_rate);
  ASSERT_PCT (r->return_rate_pct, 0.0);
  ASSERT_PCT (r->revenue_change_pct, -50.0);
  ASSERT_PCT (r->profit_change_pct, -50.0);

  /* Σ = the summary: 970 + 150 + 90 + 50 = 1 260,00 of lines, cost
   * 550 + 90 + 60 = 700,00, commission 97 + 15 + 9 + 5 = 126,00 */
  g_assert_true (ciro_report_summary (store, &f, &s, &error));
  g_assert_no_error (error);
  g_assert_cmpint (s.net_revenue - s.shipping_income, ==, 126000);
  g_assert_cmpint (s.product_cost, ==, 70000);
  g_assert_cmpint (s.commission, ==, 12600);
}

/* profit.md after VAT settlement per category, on a store of its own:
 * Kozmetik holds V-20 (purchase 100,00 at 20 % KDV: cost 120,00, 100,00
 * without) and V-10 (50,00 at 10 %: 55,00 and 50,00); commission 10 %.
 * Window D0 .. D0 + 9, one order: 2 × V-20 for 360,00 (KDV inside
 * 360 × 20/120 = 60,00), 1 × V-10 for 110,00 (110 × 10/110 = 10,00) and an
 * unmatched ZZ-1 for 12,00 (no product: 20 %, 2,00).
 *   Kozmetik: revenue 470,00, output KDV 70,00, cost 2 × 120 + 55 =
 *   295,00, without KDV 2 × 100 + 50 = 250,00, commission 47,00;
 *   profit 470 − 295 − 47 = 128,00; after KDV 470 − 70 − 250 − 47 =
 *   103,00, margin 103 / 400 = 25.75 %.
 *   Previous window: 1 × V-20 for 180,00 (KDV 30,00, cost 100,00 without,
 *   commission 18,00): 180 − 30 − 100 − 18 = 32,00; change (103 − 32) /
 *   32 = +221.875 %.
 *   Eşleşmeyen: 12 − 2 − 0 − 1,20 = 8,80 after KDV, no margin. */
static void
test_hand_vat (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "vat.db", NULL);
  CiroStore *saved = store;
  CiroReportFilter f = { D0, D0 + 9, NULL };
  g_autoptr(GArray) rows = NULL;
  const CiroCategoryRow *r;

  store = ciro_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ciro_store_set_setting (store, "commission.Trendyol", "10", &error));
  g_assert_true (ciro_store_set_setting (store, "shipping.Trendyol", "0", &error));
  g_assert_true (ciro_store_begin (store, &error));
  put_vat_rate = 2000;
  put_product (11, "V-20", "Kozmetik", 3, 10000);
  put_vat_rate = 1000;
  put_product (12, "V-10", "Kozmetik", 3, 5000);
  put_vat_rate = 0;
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_true (ciro_store_begin (store, &error));
  ORDER (21, D0 + 2, "TRENDYOL", 5, { "V-20", 2, 36000 }, { "V-10", 1, 11000 }, { "ZZ-1", 1, 1200 });
  ORDER (22, D0 - 4, "TRENDYOL", 5, { "V-20", 1, 18000 });
  ORDER (23, D0 + 3, "TRENDYOL", 6, { "V-10", 1, 11000 });   /* returned: no KDV of its own */
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);

  rows = ciro_report_categories (store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 2);
  r = find (rows, 0, "Kozmetik");
  g_assert_cmpint (r->revenue, ==, 47000);
  g_assert_cmpint (r->cost, ==, 29500);
  g_assert_cmpint (r->commission, ==, 4700);
  g_assert_cmpint (r->profit, ==, 12800);
  g_assert_cmpint (r->output_vat, ==, 7000);
  g_assert_cmpint (r->cost_ex_vat, ==, 25000);
  g_assert_cmpint (r->profit_ex_vat, ==, 10300);
  ASSERT_PCT (r->margin_ex_vat_pct, 25.75);
  g_assert_true (r->has_profit_ex_vat_change);
  ASSERT_PCT (r->profit_ex_vat_change_pct, 221.875);
  g_assert_cmpint (r->return_units, ==, 1);
  r = find (rows, 0, CIRO_CATEGORY_UNMATCHED_NAME);
  g_assert_cmpint (r->output_vat, ==, 200);
  g_assert_cmpint (r->cost_ex_vat, ==, 0);
  g_assert_cmpint (r->profit_ex_vat, ==, 880);
  g_assert_false (r->has_margin);
  ASSERT_PCT (r->margin_ex_vat_pct, 0.0);
  g_assert_false (r->has_profit_ex_vat_change);

  /* by month: October has order 22 (V-20: 18000 with 3000 KDV, cost
   * 10000 without KDV, commission 1800), November the window's */
  {
    CiroReportFilter both = { D0 - 4, D0 + 9, NULL };
    g_autoptr(GArray) months = ciro_report_category_months (store, &both, &error);
    gint32 october = ciro_day_month (D0 - 4), november = ciro_day_month (D0);

    g_assert_no_error (error);
    g_assert_cmpuint (months->len, ==, 3);
    r = find (months, october, "Kozmetik");
    g_assert_cmpint (r->revenue, ==, 18000);
    g_assert_cmpint (r->output_vat, ==, 3000);
    g_assert_cmpint (r->cost_ex_vat, ==, 10000);
    g_assert_cmpint (r->profit_ex_vat, ==, 3200);
    g_assert_cmpint (r->profit, ==, 18000 - 12000 - 1800);
    ASSERT_PCT (r->margin_ex_vat_pct, 3200.0 / 15000.0 * 100.0);
    r = find (months, november, "Kozmetik");
    g_assert_cmpint (r->output_vat, ==, 7000);
    g_assert_cmpint (r->cost_ex_vat, ==, 25000);
    g_assert_cmpint (r->profit_ex_vat, ==, 10300);
    g_assert_cmpint (r->profit, ==, 12800);
    g_assert_cmpint (r->return_units, ==, 1);
    r = find (months, november, CIRO_CATEGORY_UNMATCHED_NAME);
    g_assert_cmpint (r->output_vat, ==, 200);
    g_assert_cmpint (r->profit_ex_vat, ==, 880);
  }

  g_clear_object (&store);
  ciro_test_remove_store (path);
  store = saved;
}

static void
test_hand_marketplace (void)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { D0, D0 + 9, (char *) "Hepsiburada" };
  g_autoptr(GArray) rows = ciro_report_categories (store, &f, &error);

  /* Hepsiburada has order 7 only: Kategorisiz 70,00, 100 % of the window */
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  assert_row (&g_array_index (rows, CiroCategoryRow, 0), 7000, 1, 1, 3000, 700, 0, 1);
  ASSERT_PCT (g_array_index (rows, CiroCategoryRow, 0).share_pct, 100.0);

  /* Trendyol: Kategorisiz loses order 7 (80,00, 2 units, 1 order) */
  f.marketplace = (char *) "Trendyol";
  g_clear_pointer (&rows, g_array_unref);
  rows = ciro_report_categories (store, &f, &error);
  g_assert_no_error (error);
  assert_row (find (rows, 0, CIRO_CATEGORY_NONE_NAME), 8000, 2, 1, 6000, 800, 1, 1);
  assert_row (find (rows, 0, "Giyim"), 97000, 8, 3, 55000, 9700, 1, 2);

  /* an unknown marketplace sells nothing */
  f.marketplace = (char *) "Nowhere";
  g_clear_pointer (&rows, g_array_unref);
  rows = ciro_report_categories (store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 0);
}

static void
test_hand_months (void)
{
  g_autoptr(GError) error = NULL;
  /* October whole (the monthly rollup) and 1–10 November (the daily one) */
  CiroReportFilter f = { ciro_day_from_ymd (2026, 10, 1), D0 + 9, NULL };
  g_autoptr(GArray) rows = ciro_report_category_months (store, &f, &error);
  gint32 oct = 2026 * 12 + 9, nov = 2026 * 12 + 10;
  const CiroCategoryRow *r;

  g_assert_no_error (error);
  /* October: Giyim 200,00 (order 8), Eşleşmeyen 100,00 (order 9);
   * November: the four rows of the window */
  g_assert_cmpuint (rows->len, ==, 6);
  r = &g_array_index (rows, CiroCategoryRow, 0);
  g_assert_cmpint (r->month, ==, oct);
  g_assert_cmpstr (r->category, ==, "Giyim");
  assert_row (r, 20000, 1, 1, 10000, 2000, 0, 1);
  ASSERT_PCT (r->share_pct, 200.0 / 300.0 * 100.0);
  assert_row (find (rows, oct, CIRO_CATEGORY_UNMATCHED_NAME), 10000, 2, 1, 0, 1000, 0, 1);
  g_assert_cmpint (g_array_index (rows, CiroCategoryRow, 2).month, ==, nov);
  assert_row (find (rows, nov, "Giyim"), 97000, 8, 3, 55000, 9700, 1, 2);
  assert_row (find (rows, nov, "#77"), 9000, 3, 1, 6000, 900, 2, 1);

  /* 25 October – 10 November: both edge months from the daily rollup */
  f.from = ciro_day_from_ymd (2026, 10, 25);
  g_clear_pointer (&rows, g_array_unref);
  rows = ciro_report_category_months (store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 6);
  assert_row (find (rows, oct, "Giyim"), 20000, 1, 1, 10000, 2000, 0, 1);
}

static void
test_hand_products (void)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { D0, D0 + 9, NULL };
  g_autoptr(GArray) giyim = ciro_report_category_products (store, &f, CIRO_CATEGORY_NAMED, "Giyim",
                                                           CIRO_SORT_REVENUE, 0, &error);
  g_autoptr(GArray) one = NULL, unmatched = NULL;

  /* B-2 520,00 before A-1 450,00 */
  g_assert_no_error (error);
  g_assert_cmpuint (giyim->len, ==, 2);
  g_assert_cmpstr (g_array_index (giyim, CiroProductRow, 0).sku, ==, "B-2");
  g_assert_cmpint (g_array_index (giyim, CiroProductRow, 0).revenue, ==, 52000);
  g_assert_cmpstr (g_array_index (giyim, CiroProductRow, 1).sku, ==, "A-1");
  one = ciro_report_category_products (store, &f, CIRO_CATEGORY_NAMED, "Giyim", CIRO_SORT_REVENUE, 1, &error);
  g_assert_cmpuint (one->len, ==, 1);
  unmatched = ciro_report_category_products (store, &f, CIRO_CATEGORY_UNMATCHED,
                                             CIRO_CATEGORY_UNMATCHED_NAME, CIRO_SORT_PROFIT, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unmatched->len, ==, 1);
  g_assert_cmpstr (g_array_index (unmatched, CiroProductRow, 0).sku, ==, "OLD-9");
}

/* ------------------------------------------------ demo stores: identities */

/* Every category's figures straight from the order lines, in SQL of its own. */
#define DIRECT_SQL \
  "WITH cat AS (SELECT id, CASE WHEN trim (coalesce (category, '')) <> '' THEN '0' || trim (category)" \
  "   WHEN coalesce (category_id, 0) <> 0 THEN '1#' || category_id ELSE '2' END AS c FROM products)" \
  " SELECT CASE WHEN l.product_key <= 0 THEN '3' ELSE coalesce (cat.c, '2') END AS g," \
  "  sum (CASE WHEN o.status <> 6 THEN l.amount ELSE 0 END)," \
  "  sum (CASE WHEN o.status <> 6 THEN l.quantity ELSE 0 END)," \
  "  count (DISTINCT CASE WHEN o.status <> 6 THEN o.id END)," \
  "  sum (CASE WHEN o.status <> 6 THEN l.cost ELSE 0 END)," \
  "  sum (CASE WHEN o.status <> 6 THEN l.commission ELSE 0 END)," \
  "  sum (CASE WHEN o.status = 6 THEN l.quantity ELSE 0 END)," \
  "  count (DISTINCT CASE WHEN o.status <> 6 THEN l.product_key END)," \
  "  sum (CASE WHEN o.status <> 6 THEN l.output_vat ELSE 0 END)," \
  "  sum (CASE WHEN o.status <> 6 THEN l.cost_ex_vat ELSE 0 END)" \
  " FROM orders o JOIN order_lines l ON l.order_id = o.id LEFT JOIN cat ON cat.id = l.product_key" \
  " JOIN marketplaces m ON m.id = o.marketplace_id" \
  " WHERE o.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR m.name = ?3) GROUP BY g"

static void
check_window (CiroStore *s, sqlite3 *db, const CiroReportFilter *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ciro_report_categories (s, f, &error);
  g_autoptr(GArray) months = NULL;
  CiroSummary sum;
  gint64 revenue = 0, cost = 0, commission = 0, units = 0, returns = 0, orders = 0;
  double share = 0;
  sqlite3_stmt *stmt;
  guint n_direct = 0;
  gboolean vat_seen = FALSE;

  g_assert_no_error (error);
  g_assert_true (ciro_report_summary (s, f, &sum, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
      revenue += r->revenue;
      cost += r->cost;
      commission += r->commission;
      units += r->units;
      returns += r->return_units;
      orders += r->orders;
      share += r->share_pct;
      g_assert_cmpint (r->orders, <=, sum.net_orders);
    }
  g_assert_cmpint (revenue, ==, sum.net_revenue - sum.shipping_income);
  g_assert_cmpint (cost, ==, sum.product_cost);
  g_assert_cmpint (commission, ==, sum.commission);
  g_assert_cmpint (units, ==, sum.net_units);
  g_assert_cmpint (returns, ==, sum.cancel_return_units);
  g_assert_cmpint (orders, >=, sum.net_orders);   /* every net order has a line */
  if (revenue > 0)
    g_assert_cmpfloat_with_epsilon (share, 100.0, 1e-6);

  /* each category against SQL of its own */
  g_assert_cmpint (sqlite3_prepare_v2 (db, DIRECT_SQL, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, f->from);
  sqlite3_bind_int (stmt, 2, f->to);
  if (f->marketplace != NULL)
    sqlite3_bind_text (stmt, 3, f->marketplace, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *g = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = g[0] == '0' ? g + 1 : g[0] == '1' ? g + 1
                         : g[0] == '2' ? CIRO_CATEGORY_NONE_NAME : CIRO_CATEGORY_UNMATCHED_NAME;
      const CiroCategoryRow *r = find (rows, 0, name);

      g_assert_cmpint (r->kind, ==, g[0] - '0');
      g_assert_cmpint (r->revenue, ==, sqlite3_column_int64 (stmt, 1));
      g_assert_cmpint (r->units, ==, sqlite3_column_int64 (stmt, 2));
      g_assert_cmpint (r->orders, ==, sqlite3_column_int64 (stmt, 3));
      g_assert_cmpint (r->cost, ==, sqlite3_column_int64 (stmt, 4));
      g_assert_cmpint (r->commission, ==, sqlite3_column_int64 (stmt, 5));
      g_assert_cmpint (r->return_units, ==, sqlite3_column_int64 (stmt, 6));
      g_assert_cmpint (r->products, ==, sqlite3_column_int64 (stmt, 7));
      g_assert_cmpint (r->output_vat, ==, sqlite3_column_int64 (stmt, 8));
      g_assert_cmpint (r->cost_ex_vat, ==, sqlite3_column_int64 (stmt, 9));
      g_assert_cmpint (r->profit_ex_vat, ==, sqlite3_column_int64 (stmt, 1) - sqlite3_column_int64 (stmt, 8)
                                             - sqlite3_column_int64 (stmt, 9) - sqlite3_column_int64 (stmt, 5));
      vat_seen |= sqlite3_column_int64 (stmt, 8) != 0;
      n_direct++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_direct, ==, rows->len);
  g_assert_true (vat_seen || revenue == 0);

  /* the months add up to the window, category by category */
  months = ciro_report_category_months (s, f, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
      gint64 m_revenue = 0, m_units = 0, m_returns = 0, m_vat = 0, m_cost_ex_vat = 0;

      for (guint j = 0; j < months->len; j++)
        {
          const CiroCategoryRow *m = &g_array_index (months, CiroCategoryRow, j);
          if (m->kind == r->kind && g_str_equal (m->category, r->category))
            {
              m_revenue += m->revenue;
              m_units += m->units;
              m_returns += m->return_units;
              m_vat += m->output_vat;
              m_cost_ex_vat += m->cost_ex_vat;
            }
        }
      g_assert_cmpint (m_revenue, ==, r->revenue);
      g_assert_cmpint (m_units, ==, r->units);
      g_assert_cmpint (m_returns, ==, r->return_units);
      g_assert_cmpint (m_vat, ==, r->output_vat);
      g_assert_cmpint (m_cost_ex_vat, ==, r->cost_ex_vat);
    }
}

/* ------------------------------------------------ the category rollups */

#define DUMP_SQL(table, period) \
  "SELECT group_concat (r, '|') FROM (SELECT " period " || ',' || marketplace_id || ',' || category" \
  " || ',' || orders || ',' || revenue || ',' || units || ',' || cost || ',' || commission || ','" \
  " || return_units || ',' || output_vat || ',' || cost_ex_vat AS r FROM " table \
  " WHERE orders <> 0 OR revenue <> 0 OR units <> 0 OR cost <> 0 OR commission <> 0 OR return_units <> 0" \
  " OR output_vat <> 0 OR cost_ex_vat <> 0 ORDER BY " period ", marketplace_id, category)"

/* the running totals' rows with something in them, up to the last part
 * of the day rollups (a later part's rows repeat that part's) */
#define CUM_SQL \
  "SELECT group_concat (r, '|') FROM (SELECT part || ',' || product_key || ',' || revenue || ','" \
  " || units || ',' || orders || ',' || cost || ',' || commission || ',' || return_units || ','" \
  " || output_vat || ',' || cost_ex_vat AS r FROM roll_cum_part" \
  " WHERE (revenue <> 0 OR units <> 0 OR orders <> 0 OR cost <> 0 OR commission <> 0 OR return_units <> 0" \
  " OR output_vat <> 0 OR cost_ex_vat <> 0)" \
  " AND part <= (SELECT max (" CIRO_SCHEMA_DAY_PART ("day") ") FROM roll_day_product)" \
  " ORDER BY part, product_key)"

#define YEARS_SQL \
  "SELECT group_concat (r, '|') FROM (SELECT year || ',' || marketplace_id || ',' || product_key || ','" \
  " || lo || ',' || hi AS r FROM roll_year_product ORDER BY year, marketplace_id, product_key)"

static char *
dump (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *out;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  out = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return out;
}

/* The category rollups as the writers kept them equal the ones filled from
 * scratch from the orders (in plain SQL, on a connection of its own,
 * rolled back), row by row. */
static void
assert_rollups_fresh (const char *path, const char *when)
{
  g_autofree char *day = NULL, *month = NULL, *day_fresh = NULL, *month_fresh = NULL;
  g_autofree char *years = NULL, *years_fresh = NULL, *cum = NULL, *cum_fresh = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  ciro_test_assert_category_vat (db, when);
  day = dump (db, DUMP_SQL ("roll_day_category", "day"));
  month = dump (db, DUMP_SQL ("roll_month_category", "month"));
  years = dump (db, YEARS_SQL);
  cum = dump (db, CUM_SQL);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN; DELETE FROM roll_day_category; DELETE FROM roll_month_category;"
                                     CIRO_SCHEMA_FILL_CATEGORY_ROLLUPS
                                     "DELETE FROM roll_year_product;" CIRO_SCHEMA_FILL_YEAR_PRODUCT
                                     "DELETE FROM roll_cum_part;" CIRO_SCHEMA_FILL_CUM_PART,
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  day_fresh = dump (db, DUMP_SQL ("roll_day_category", "day"));
  month_fresh = dump (db, DUMP_SQL ("roll_month_category", "month"));
  years_fresh = dump (db, YEARS_SQL);
  cum_fresh = dump (db, CUM_SQL);
  g_assert_cmpint (sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  if (g_strcmp0 (day, day_fresh) != 0 || g_strcmp0 (month, month_fresh) != 0)
    g_error ("%s: the category rollups differ from the orders\nkept:  %s\nfresh: %s\nkept:  %s\nfresh: %s",
             when, day, day_fresh, month, month_fresh);
  if (g_strcmp0 (years, years_fresh) != 0)
    g_error ("%s: the months products sold in differ from the product rollups\nkept:  %s\nfresh: %s",
             when, years, years_fresh);
  if (g_strcmp0 (cum, cum_fresh) != 0)
    g_error ("%s: the products' running totals differ from the product rollups\nkept:  %s\nfresh: %s",
             when, cum, cum_fresh);
  g_assert_nonnull (years);
  g_assert_nonnull (cum);
  g_assert_nonnull (day);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CiroStore) s = ciro_store_open (path, &error);

    g_assert_no_error (error);
    ciro_test_assert_ranking (s, when);
  }
}

static gint64
orders_of (CiroStore *s, CiroCategoryKind kind, const char *name)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { D0 - 40, D0 + 40, NULL };
  g_autoptr(GArray) rows = ciro_report_categories (s, &f, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, CiroCategoryRow, i).kind == kind &&
        g_str_equal (g_array_index (rows, CiroCategoryRow, i).category, name))
      return g_array_index (rows, CiroCategoryRow, i).orders;
  return 0;
}

/* Every writer keeps the category rollups: new orders, an order read again
 * with other lines and another day, a mapping and its removal, a product
 * whose category (or only its category id) changes, a user's cost, a
 * recompute; blanks are stripped as g_strstrip () strips them, and a
 * category named "#77" stays apart from the category id 77. */
static void
test_rollups_follow_writes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "rollups.db", NULL);
  CiroStore *main_store = store;

  store = ciro_store_open (path, &error);
  g_assert_no_error (error);
  put_vat_rate = 2000;   /* KDV in the rollups to follow */
  g_assert_true (ciro_store_begin (store, &error));
  put_product (1, "A-1", "\tGiyim \r\n", 5, 10000);
  put_product (2, "B-2", "Giyim", 5, 5000);
  put_product (3, "C-3", "", 77, 2000);
  put_product (4, "D-4", "#77", 0, 3000);
  put_product (5, "E-5", NULL, 0, 1000);
  ORDER (1, D0, "TRENDYOL", 5, { "A-1", 2, 30000 }, { "B-2", 1, 12000 }, { "A-1", 1, 9000 });
  ORDER (2, D0 + 1, "TRENDYOL", 5, { "C-3", 1, 15000 }, { "D-4", 3, 9000 }, { "E-5", 1, 100 });
  ORDER (3, D0 - 20, "HEPSIBURADA", 5, { "A-1", 1, 8000 }, { "X-9", 1, 5000 }, { "Y-9", 1, 500 });
  ORDER (4, D0 + 3, "TRENDYOL", 6, { "B-2", 1, 15000 }, { "C-3", 1, 4000 });
  ORDER (5, D0 + 4, "TRENDYOL", 5, { "B-2", 2, 6000 });
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
  assert_rollups_fresh (path, "new orders");
  /* order 1 counts once in Giyim, though it has three Giyim lines */
  g_assert_cmpint (orders_of (store, CIRO_CATEGORY_NAMED, "Giyim"), ==, 3);
  g_assert_cmpint (orders_of (store, CIRO_CATEGORY_ID, "#77"), ==, 1);
  g_assert_cmpint (orders_of (store, CIRO_CATEGORY_NAMED, "#77"), ==, 1);

  g_assert_true (ciro_store_begin (store, &error));
  ORDER (1, D0 - 31, "HEPSIBURADA", 5, { "A-1", 1, 30000 }, { "X-9", 1, 1000 });   /* read again */
  ORDER (5, D0 + 4, "TRENDYOL", 6, { "B-2", 2, 6000 });                          /* now returned */
  g_assert_true (ciro_store_commit (store, &error));
  assert_rollups_fresh (path, "orders read again");

  g_assert_true (ciro_store_map_sku (store, "X-9", "C-3", &error));
  g_assert_no_error (error);
  assert_rollups_fresh (path, "a mapping");
  /* orders 1 and 3 have an X-9 line: now #77's */
  g_assert_cmpint (orders_of (store, CIRO_CATEGORY_ID, "#77"), ==, 3);

  g_assert_true (ciro_store_begin (store, &error));
  put_product (2, "B-2", "Ayakkabı", 5, 5000);   /* a new category name */
  put_product (3, "C-3", "", 78, 2000);          /* only its id changes */
  put_product (4, "D-4", NULL, 0, 3000);         /* no name sent: the stored one stays */
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
  assert_rollups_fresh (path, "categories changed");
  g_assert_cmpint (orders_of (store, CIRO_CATEGORY_ID, "#77"), ==, 0);
  g_assert_cmpint (orders_of (store, CIRO_CATEGORY_ID, "#78"), ==, 3);
  g_assert_cmpint (orders_of (store, CIRO_CATEGORY_NAMED, "#77"), ==, 1);
  g_assert_cmpint (orders_of (store, CIRO_CATEGORY_NAMED, "Ayakkabı"), ==, 0);   /* order 5 is returned now */

  g_assert_true (ciro_store_set_user_cost (store, 1, D0 - 100, 7000, 0, &error));
  g_assert_no_error (error);
  assert_rollups_fresh (path, "a user's cost");
  g_assert_true (ciro_store_unmap_sku (store, "X-9", &error));
  g_assert_no_error (error);
  assert_rollups_fresh (path, "a mapping removed");
  g_assert_true (ciro_store_recompute (store, NULL, &error));
  g_assert_no_error (error);
  assert_rollups_fresh (path, "a recompute");

  put_vat_rate = 0;
  g_clear_object (&store);
  store = main_store;
  ciro_test_remove_store (path);
}

/* A store with KDV on its lines for the migrations: three rates, a named
 * category, one of only an id and none, an unmatched SKU, a returned
 * order, two marketplaces and two months. */
static void
build_vat_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CiroStore *saved = store;

  store = ciro_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ciro_store_set_setting (store, "commission.Trendyol", "10", &error));
  g_assert_true (ciro_store_set_setting (store, "commission.Hepsiburada", "12", &error));
  g_assert_no_error (error);
  g_assert_true (ciro_store_begin (store, &error));
  put_vat_rate = 2000;
  put_product (11, "V-20", "Kozmetik", 3, 10000);
  put_product (14, "K-1", "", 55, 700);
  put_vat_rate = 1000;
  put_product (12, "V-10", "Kozmetik", 3, 5000);
  put_product (15, "N-1", NULL, 0, 900);
  put_vat_rate = 100;
  put_product (13, "G-1", "Gıda", 4, 2000);
  put_vat_rate = 0;
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_true (ciro_store_begin (store, &error));
  ORDER (31, D0 - 20, "TRENDYOL", 5, { "V-20", 2, 36000 }, { "G-1", 3, 6600 }, { "ZZ-1", 1, 1200 });
  ORDER (32, D0 - 3, "HEPSIBURADA", 5, { "V-10", 1, 11000 }, { "K-1", 2, 3000 });
  ORDER (33, D0 + 2, "TRENDYOL", 6, { "V-20", 1, 18000 });
  ORDER (34, D0 + 5, "TRENDYOL", 5, { "N-1", 1, 2500 }, { "V-20", 1, 18000 }, { "V-10", 2, 22000 });
  ORDER (35, D0 + 9, "HEPSIBURADA", 5, { "G-1", 1, 2200 });
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  store = saved;
}

/* What each schema version added, undone: undo[v] takes a store from
 * version v back to v − 1. */
static const char *const undo[] = {
  [15] = "DROP TABLE roll_cum_part;"
         "CREATE TABLE roll_cum_product (month INTEGER NOT NULL, product_key INTEGER NOT NULL,"
         " revenue INTEGER NOT NULL, units INTEGER NOT NULL, orders INTEGER NOT NULL, cost INTEGER NOT NULL,"
         " commission INTEGER NOT NULL, return_units INTEGER NOT NULL, output_vat INTEGER NOT NULL,"
         " cost_ex_vat INTEGER NOT NULL, PRIMARY KEY (month, product_key)) WITHOUT ROWID;"
         CIRO_SCHEMA_FILL_CUM_PRODUCT,
  [14] = "DROP TABLE roll_cum_product;",
  [13] = "DROP INDEX orders_net;",
  [12] = "ALTER TABLE roll_day_category DROP COLUMN output_vat;"
         "ALTER TABLE roll_day_category DROP COLUMN cost_ex_vat;"
         "ALTER TABLE roll_month_category DROP COLUMN output_vat;"
         "ALTER TABLE roll_month_category DROP COLUMN cost_ex_vat;",
  [11] = "DROP TABLE carrier_tariffs; ALTER TABLE orders DROP COLUMN tariff;"
         "ALTER TABLE roll_day_mp DROP COLUMN net_tariff_orders; ALTER TABLE roll_day_mp DROP COLUMN net_tariff;"
         "ALTER TABLE roll_day_carrier DROP COLUMN expense_orders;"
         "ALTER TABLE roll_day_carrier DROP COLUMN expense;",
  [10] = "DROP TABLE order_transit;",
  [9] = "DROP TABLE roll_year_product;",
  [8] = "ALTER TABLE orders DROP COLUMN lines_amount; ALTER TABLE orders DROP COLUMN customer_key;"
        "ALTER TABLE orders DROP COLUMN customer_name;",
  [7] = "DROP TABLE order_status_events; DROP TABLE roll_day_carrier; DROP INDEX orders_open;",
  [6] = "DROP TABLE roll_day_category; DROP TABLE roll_month_category;",
  [5] = "DROP TABLE fee_mappings; ALTER TABLE orders DROP COLUMN actual_commission;"
        "ALTER TABLE orders DROP COLUMN actual_service_fee; ALTER TABLE orders DROP COLUMN actual_cargo;"
        "ALTER TABLE roll_day_mp DROP COLUMN net_actual_commission;"
        "ALTER TABLE roll_day_mp DROP COLUMN net_actual_fee_orders;"
        "ALTER TABLE roll_day_mp DROP COLUMN net_actual_service_fee;"
        "ALTER TABLE roll_day_mp DROP COLUMN net_actual_cargo_orders;"
        "ALTER TABLE roll_day_mp DROP COLUMN net_actual_cargo;",
  [4] = "DROP TABLE rate_history; DROP TABLE cost_entries;"
        "ALTER TABLE order_lines DROP COLUMN output_vat; ALTER TABLE order_lines DROP COLUMN cost_ex_vat;"
        "ALTER TABLE orders DROP COLUMN shipping_vat;"
        "ALTER TABLE roll_day_mp DROP COLUMN net_output_vat; ALTER TABLE roll_day_mp DROP COLUMN net_cost_ex_vat;"
        "ALTER TABLE roll_day_product DROP COLUMN output_vat; ALTER TABLE roll_day_product DROP COLUMN cost_ex_vat;"
        "ALTER TABLE roll_month_product DROP COLUMN output_vat;"
        "ALTER TABLE roll_month_product DROP COLUMN cost_ex_vat;",
};
G_STATIC_ASSERT (G_N_ELEMENTS (undo) == CIRO_STORE_SCHEMA_VERSION + 1);

static void
assert_same_rows (GArray *before, GArray *after, guint version)
{
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      const CiroCategoryRow *a = &g_array_index (before, CiroCategoryRow, i);
      const CiroCategoryRow *b = &g_array_index (after, CiroCategoryRow, i);

      if (g_strcmp0 (a->category, b->category) != 0 || a->month != b->month ||
          a->revenue != b->revenue || a->orders != b->orders || a->units != b->units ||
          a->cost != b->cost || a->commission != b->commission || a->profit != b->profit ||
          a->return_units != b->return_units || a->products != b->products ||
          a->output_vat != b->output_vat || a->cost_ex_vat != b->cost_ex_vat ||
          a->profit_ex_vat != b->profit_ex_vat || a->margin_ex_vat_pct != b->margin_ex_vat_pct ||
          a->has_profit_ex_vat_change != b->has_profit_ex_vat_change ||
          a->profit_ex_vat_change_pct != b->profit_ex_vat_change_pct ||
          a->revenue_change_pct != b->revenue_change_pct || a->kind != b->kind)
        g_error ("from v%u, %s (month %d): revenue %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
                 ", KDV %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ", cost without KDV %" G_GINT64_FORMAT
                 "/%" G_GINT64_FORMAT ", profit after KDV %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                 version, a->category, a->month, a->revenue, b->revenue, a->output_vat, b->output_vat,
                 a->cost_ex_vat, b->cost_ex_vat, a->profit_ex_vat, b->profit_ex_vat);
    }
}

typedef GArray *(*CategoryReport) (CiroStore *, const CiroReportFilter *, GError **);

/* A store written by every older schema version (the current one with what
 * later versions added undone) is migrated when opened and asks for the
 * recompute that fills what it lacks; after it the category figures, before
 * and after KDV, by window, month and marketplace, are those of a store that
 * kept them, and the rollups equal the lines. */
static void
test_rollups_migrate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "migrate.db", NULL);
  g_autofree char *copy = g_build_filename (dir, "older.db", NULL);
  const CiroReportFilter filters[] = {
    { D0 - 25, D0 + 9, NULL }, { D0 - 3, D0 + 5, NULL }, { D0 - 25, D0 + 9, (char *) "Hepsiburada" },
  };
  const CategoryReport reports[] = { ciro_report_categories, ciro_report_category_months };
  GArray *before[G_N_ELEMENTS (filters)][G_N_ELEMENTS (reports)];
  gboolean vat_seen = FALSE;

  build_vat_store (path);
  {
    g_autoptr(CiroStore) s = ciro_store_open (path, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
      for (guint j = 0; j < G_N_ELEMENTS (reports); j++)
        {
          before[i][j] = reports[j] (s, &filters[i], &error);
          g_assert_no_error (error);
          g_assert_cmpuint (before[i][j]->len, >=, 2);
          for (guint k = 0; k < before[i][j]->len; k++)
            vat_seen |= g_array_index (before[i][j], CiroCategoryRow, k).output_vat != 0;
        }
  }
  g_assert_true (vat_seen);
  assert_rollups_fresh (path, "written");

  for (guint version = 3; version < CIRO_STORE_SCHEMA_VERSION; version++)
    {
      g_autoptr(CiroStore) old = NULL;
      g_autofree char *when = g_strdup_printf ("migrated from v%u", version);
      sqlite3 *db = NULL;

      {
        g_autoptr(GFile) from = g_file_new_for_path (path), to = g_file_new_for_path (copy);
        g_assert_true (g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error));
        g_assert_no_error (error);
      }
      g_assert_cmpint (sqlite3_open (copy, &db), ==, SQLITE_OK);
      for (guint v = CIRO_STORE_SCHEMA_VERSION; v > version; v--)
        if (sqlite3_exec (db, undo[v], NULL, NULL, NULL) != SQLITE_OK)
          g_error ("undoing v%u: %s", v, sqlite3_errmsg (db));
      {
        g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %u", version);
        g_assert_cmpint (sqlite3_exec (db, set, NULL, NULL, NULL), ==, SQLITE_OK);
      }
      sqlite3_close (db);

      old = ciro_store_open (copy, &error);
      g_assert_no_error (error);
      /* the KDV of the category rows is due: the store says so (v13 added
       * an index only, which SQLite fills as it creates it) */
      g_assert_cmpint (ciro_store_needs_recompute (old), ==, version < 12);
      /* the running totals v14 fills need no recompute */
      if (version >= 12)
        ciro_test_assert_ranking (old, when);
      g_assert_true (ciro_store_recompute (old, NULL, &error));
      g_assert_no_error (error);
      g_assert_false (ciro_store_needs_recompute (old));
      for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
        for (guint j = 0; j < G_N_ELEMENTS (reports); j++)
          {
            g_autoptr(GArray) after = reports[j] (old, &filters[i], &error);

            g_assert_no_error (error);
            assert_same_rows (before[i][j], after, version);
          }
      g_clear_object (&old);
      assert_rollups_fresh (copy, when);
      ciro_test_remove_store (copy);
    }
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    for (guint j = 0; j < G_N_ELEMENTS (reports); j++)
      g_array_unref (before[i][j]);
  ciro_test_remove_store (path);
}

static void
test_demo_identity (void)
{
  static const guint seeds[] = { 3, 11 };

  for (guint k = 0; k < G_N_ELEMENTS (seeds); k++)
    {
      g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
      CiroDay end = ciro_day_from_ymd (2026, 11, 20);
      g_autoptr(CiroStore) s = ciro_test_reference_store (path, 3000, 60, seeds[k], end, 150);
      g_autoptr(GArray) mps = NULL;
      g_autoptr(GError) error = NULL;
      CiroReportFilter whole = { end - 149, end, NULL }, part = { end - 70, end - 12, NULL };
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      check_window (s, db, &whole);
      check_window (s, db, &part);
      ciro_test_assert_ranking (s, "a demo store");
      /* the edge days read rather than looked up: the same figures */
      ciro_categories_max_edge_lookups = 0;
      check_window (s, db, &whole);
      check_window (s, db, &part);
      ciro_categories_max_edge_lookups = 2000;
      mps = ciro_report_marketplaces (s, &whole, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (mps->len, >, 1);
      for (guint i = 0; i < mps->len; i++)
        {
          CiroReportFilter f = { part.from, part.to, g_array_index (mps, CiroMarketplaceRow, i).marketplace };
          check_window (s, db, &f);
        }
      sqlite3_close (db);
      g_clear_object (&s);
      ciro_test_remove_store (path);
    }
}

int
main (int argc, char *argv[])
{
  int rc;

  g_setenv ("CIRO_NOW", "2026-12-30 12:00:00", TRUE);
  g_test_init (&argc, &argv, NULL);
  build_store ();
  g_test_add_func ("/categories/hand-figures", test_hand_figures);
  g_test_add_func ("/categories/hand-vat", test_hand_vat);
  g_test_add_func ("/categories/hand-marketplace", test_hand_marketplace);
  g_test_add_func ("/categories/hand-months", test_hand_months);
  g_test_add_func ("/categories/hand-products", test_hand_products);
  g_test_add_func ("/categories/demo-identity", test_demo_identity);
  g_test_add_func ("/categories/rollups-follow-writes", test_rollups_follow_writes);
  g_test_add_func ("/categories/rollups-migrate", test_rollups_migrate);
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
