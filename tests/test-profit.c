/* test-profit.c: every figure of profit.md on a small hand-calculated store
 *
 * The expected numbers are written out here from a calculation by hand,
 * never computed by the code under test. Money in kuruş.
 *
 * The window is 2026-03-30 (D0) … 2026-04-02 (D3).
 * Products:  P1 "GOM-1", category "Giyim", 100,00 + 10 % KDV → 110,00 a unit;
 *            P2 "KUPA-2", category "Ev", 50,00 + 20 % KDV → 60,00 a unit.
 * Marketplace defaults: Trendyol 21,5 %, Hepsiburada 15 %, shipping 75,00.
 * Settings entered (after the first orders, so they are recomputed):
 *   Trendyol × "GİYİM" (upper case: Turkish folding) 15 % from D2;
 *   Trendyol service fee 10,00 a net order from 2026-01-01;
 *   fee KDV and shipping KDV stay at their default 20 %.
 * Entries: ad spend Trendyol 150,00 on D1 and 50,00 on D3, ad spend
 *   Hepsiburada 99,00 on 2026-04-05 (outside); expense rent 3.000,00 monthly
 *   from 2026-02 (crosses the window's start), expense 500,00 on 2026-03-29
 *   (outside).
 *
 * Orders (line KDV = amount × r / (100 + r), rounded half away from zero):
 * O1 D0 Trendyol net, shipping 0: P1 ×1 220,00 (r 10):
 *    KDV 22000/11 = 2000; cost 11000, ex 10000; commission 21,5 % = 4730.
 * O2 D1 Hepsiburada net, shipping 19,90: P2 ×2 150,00 (r 20): KDV 2500,
 *    cost 12000, ex 10000, commission 15 % = 2250; P1 ×1 199,99 (r 10):
 *    KDV 1818,09 → 1818, cost 11000, ex 10000, commission 2999,85 → 3000;
 *    shipping KDV 1990 × 20/120 = 331,67 → 332.
 * O3 D2 Trendyol net, shipping 0: P1 ×2 400,00 (r 10): KDV 3636,36 → 3636,
 *    cost 22000, ex 20000, commission 15 % (the rule) = 6000 (8600 before).
 * O4 D2 Trendyol cancelled (status 6): P2 ×1 120,00 — gross only.
 * O5 D3 Trendyol net, shipping 29,90: P2 ×1 99,99 (r 20): KDV 1666,5 →
 *    1667, cost 6000, ex 5000, commission 2149,785 → 2150; shipping KDV
 *    2990/6 = 498,33 → 498.
 *
 * Per day (one marketplace a day; fees KDV = 20 % × (commission + shipping
 * 7500 + service fee), rounded per day and marketplace):
 *   D0: net 22000, out 2000, cost 11000/10000, comm 4730, svc 1000,
 *       fees 13230 → fee KDV 2646; input 1000 + 2646 = 3646; payable −1646;
 *       profit_ex 20000 − 10000 − 4730 − 7500 − 1000 = −3230; rent share of
 *       March day 30: ⌊30·300000/31⌋ − ⌊29·300000/31⌋ = 290322 − 280645 = 9677.
 *   D1: net 15000 + 19999 + 1990 = 36989, out 2500 + 1818 + 332 = 4650,
 *       cost 23000/20000, comm 5250, svc 0, fees 12750 → 2550; input 5550,
 *       payable −900; profit_ex 32339 − 20000 − 5250 − 7500 = −411; ads
 *       15000; rent 300000 − 290322 = 9678.
 *   D2: net 40000 (gross 52000, cancelled 12000), out 3636, cost
 *       22000/20000, comm 6000, svc 1000, fees 14500 → 2900; input 4900;
 *       payable −1264; profit_ex 36364 − 20000 − 6000 − 7500 − 1000 = 1864;
 *       rent 300000/30 = 10000.
 *   D3: net 9999 + 2990 = 12989, out 2165, cost 6000/5000, comm 2150, svc
 *       1000, fees 10650 → 2130; input 3130; payable −965; profit_ex 10824 −
 *       5000 − 2150 − 7500 − 1000 = −4826; ads 5000; rent 10000.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "store/ciro-profit.h"
#include "ciro-test-util.h"

static CiroDay D0, D1, D2, D3;

#define ASSERT_PCT(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 0.0005)

/* The profit.md figures expected of one summary. */
typedef struct {
  CiroKurus net_revenue, output_vat, product_cost, product_cost_ex_vat, commission, shipping_expense;
  CiroKurus service_fees, fees_vat, input_vat, vat_payable, profit, profit_ex_vat;
  double    margin_ex_vat_pct, roi_pct;
  CiroKurus ad_spend, expenses, operating_profit;
} Expect;

static void
check (const CiroSummary *s, const Expect *e)
{
  g_assert_cmpint (s->net_revenue, ==, e->net_revenue);
  g_assert_cmpint (s->output_vat, ==, e->output_vat);
  g_assert_cmpint (s->net_revenue_ex_vat, ==, e->net_revenue - e->output_vat);
  g_assert_cmpint (s->product_cost, ==, e->product_cost);
  g_assert_cmpint (s->product_cost_ex_vat, ==, e->product_cost_ex_vat);
  g_assert_cmpint (s->commission, ==, e->commission);
  g_assert_cmpint (s->shipping_expense, ==, e->shipping_expense);
  g_assert_cmpint (s->service_fees, ==, e->service_fees);
  g_assert_cmpint (s->fees_vat, ==, e->fees_vat);
  g_assert_cmpint (s->input_vat, ==, e->input_vat);
  g_assert_cmpint (s->vat_payable, ==, e->vat_payable);
  g_assert_cmpint (s->profit, ==, e->profit);
  g_assert_cmpint (s->profit_ex_vat, ==, e->profit_ex_vat);
  ASSERT_PCT (s->margin_ex_vat_pct, e->margin_ex_vat_pct);
  g_assert_true (s->has_roi);
  ASSERT_PCT (s->roi_pct, e->roi_pct);
  g_assert_cmpint (s->ad_spend, ==, e->ad_spend);
  g_assert_cmpint (s->expenses, ==, e->expenses);
  g_assert_cmpint (s->operating_profit, ==, e->operating_profit);
}

static void
add_line (CiroOrderRecord *o, const char *sku, gint64 qty, CiroKurus amount, CiroBasisPoints vat)
{
  CiroOrderLineRecord *l = ciro_order_line_record_new ();
  l->sku = g_strdup (sku);
  l->quantity = qty;
  l->amount = amount;
  l->price = amount / qty;
  l->vat_rate = vat;
  g_ptr_array_add (o->lines, l);
}

static void
put_order (CiroStore *store, gint64 id, CiroDay day, const char *source, gint32 status, CiroKurus shipping,
           const char *sku, gint64 qty, CiroKurus amount, CiroBasisPoints vat,
           const char *sku2, gint64 qty2, CiroKurus amount2, CiroBasisPoints vat2)
{
  g_autoptr(GError) error = NULL;
  CiroOrderRecord *o = ciro_order_record_new ();

  o->id = id;
  o->day = day;
  o->seconds = 12 * 3600;
  o->source = g_strdup (source);
  o->status = status;
  o->shipping_total = shipping;
  add_line (o, sku, qty, amount, vat);
  if (sku2 != NULL)
    add_line (o, sku2, qty2, amount2, vat2);
  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_put_order (store, o, &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
  ciro_order_record_free (o);
}

static void
put_product (CiroStore *store, gint64 id, const char *sku, const char *category, CiroKurus price, CiroBasisPoints vat)
{
  g_autoptr(GError) error = NULL;
  CiroProductRecord *p = ciro_product_record_new ();

  p->id = id;
  p->sku = g_strdup (sku);
  p->name = g_strdup (sku);
  p->category = g_strdup (category);
  p->purchase_price = price;
  p->vat_rate = vat;
  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_put_product (store, p, D0 - 200, &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
  ciro_product_record_free (p);
}

static CiroSummary
summary (CiroStore *store, CiroDay from, CiroDay to, const char *marketplace)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { from, to, (char *) marketplace };
  CiroSummary s;

  g_assert_true (ciro_report_summary (store, &f, &s, &error));
  g_assert_no_error (error);
  return s;
}

static void
add_entry (CiroStore *store, CiroCostKind kind, CiroDay day, gboolean monthly, const char *mp, CiroKurus amount)
{
  g_autoptr(GError) error = NULL;
  CiroCostEntry e = { 0, kind, day, monthly, CIRO_DAY_INVALID, (char *) mp, amount, NULL, NULL, NULL };

  g_assert_cmpint (ciro_store_add_cost_entry (store, &e, &error), >, 0);
  g_assert_no_error (error);
}

/* Products and the first four orders, before any setting is entered. */
static CiroStore *
build (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "ciro.db", NULL);
  CiroStore *store = ciro_store_open (path, &error);

  g_assert_no_error (error);
  put_product (store, 1, "GOM-1", "Giyim", 10000, 1000);
  put_product (store, 2, "KUPA-2", "Ev", 5000, 2000);
  put_order (store, 1, D0, "TRENDYOL", 5, 0, "GOM-1", 1, 22000, 1000, NULL, 0, 0, 0);
  put_order (store, 2, D1, "HEPSIBURADA", 5, 1990, "KUPA-2", 2, 15000, 2000, "GOM-1", 1, 19999, 1000);
  put_order (store, 3, D2, "Trendyol", 5, 0, "GOM-1", 2, 40000, 1000, NULL, 0, 0, 0);
  put_order (store, 4, D2, "Trendyol", 6, 0, "KUPA-2", 1, 12000, 2000, NULL, 0, 0, 0);
  return store;
}

static void
enter_settings (CiroStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "GİYİM", D2, 1500, &error));
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_SERVICE_FEE, "Trendyol", NULL,
                                      ciro_day_from_ymd (2026, 1, 1), 1000, &error));
  g_assert_no_error (error);
  add_entry (store, CIRO_COST_AD_SPEND, D1, FALSE, "Trendyol", 15000);
  add_entry (store, CIRO_COST_AD_SPEND, D3, FALSE, "trendyol", 5000);
  add_entry (store, CIRO_COST_AD_SPEND, ciro_day_from_ymd (2026, 4, 5), FALSE, "Hepsiburada", 9900);
  add_entry (store, CIRO_COST_EXPENSE, ciro_day_from_ymd (2026, 2, 10), TRUE, NULL, 300000);
  add_entry (store, CIRO_COST_EXPENSE, ciro_day_from_ymd (2026, 3, 29), FALSE, NULL, 50000);
}

static const Expect day_expect[4] = {
  /* net, out, cost, cost_ex, comm, ship, svc, feeKDV, input, payable, profit, profit_ex, margin, roi, ads, exp, op */
  { 22000, 2000, 11000, 10000, 4730, 7500, 1000, 2646, 3646, -1646, -1230, -3230, -16.15, -32.3, 0, 9677, -12907 },
  { 36989, 4650, 23000, 20000, 5250, 7500, 0, 2550, 5550, -900, 1239, -411, -411.0 / 32339 * 100, -2.055,
    15000, 9678, -25089 },
  { 40000, 3636, 22000, 20000, 6000, 7500, 1000, 2900, 4900, -1264, 4500, 1864, 1864.0 / 36364 * 100, 9.32,
    0, 10000, -8136 },
  { 12989, 2165, 6000, 5000, 2150, 7500, 1000, 2130, 3130, -965, -2661, -4826, -4826.0 / 10824 * 100, -96.52,
    5000, 10000, -19826 },
};

/* The whole window: the days added up. margin −6603 / 99527, ROI −6603 / 55000. */
static const Expect all_expect = {
  111978, 12451, 62000, 55000, 18130, 30000, 3000, 10226, 17226, -4775, 1848, -6603, -6.634380620, -12.005454545,
  20000, 39355, -65958,
};

static void
check_everything (CiroStore *store)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { D0, D3, NULL };
  g_autoptr(GArray) days = NULL;
  g_autoptr(GArray) mps = NULL;
  g_autoptr(GArray) products = NULL;
  CiroSummary s;

  s = summary (store, D0, D3, NULL);
  check (&s, &all_expect);
  g_assert_cmpint (s.gross_revenue, ==, 123978);   /* + the cancelled 12000 */

  days = ciro_report_daily (store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (days->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    check (&g_array_index (days, CiroDailyRow, i).s, &day_expect[i]);

  /* Trendyol = D0 + D2 + D3: net 74989, KDV 7801, cost 39000/35000, comm
   * 12880, shipping 22500, service 3000, fee KDV 7676, input 4000 + 7676 =
   * 11676, payable −3875, profit −1230 + 4500 − 2661 = 609, profit_ex
   * −6192; a row counts only the entries that name it: ads 20000, no rent. */
  mps = ciro_report_marketplaces (store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mps->len, ==, 2);
  {
    const CiroMarketplaceRow *t = &g_array_index (mps, CiroMarketplaceRow, 0);
    const CiroMarketplaceRow *h = &g_array_index (mps, CiroMarketplaceRow, 1);
    const Expect te = { 74989, 7801, 39000, 35000, 12880, 22500, 3000, 7676, 11676, -3875, 609, -6192,
                        -6192.0 / 67188 * 100, -6192.0 / 35000 * 100, 20000, 0, -26192 };
    const Expect he = { 36989, 4650, 23000, 20000, 5250, 7500, 0, 2550, 5550, -900, 1239, -411,
                        -411.0 / 32339 * 100, -2.055, 0, 0, -411 };

    g_assert_cmpstr (t->marketplace, ==, "Trendyol");
    check (&t->s, &te);
    g_assert_cmpstr (h->marketplace, ==, "Hepsiburada");
    check (&h->s, &he);
  }

  /* The filter applies to entries that name a marketplace: Trendyol's
   * summary has its ads and the rent; Hepsiburada's the rent only. */
  s = summary (store, D0, D3, "Trendyol");
  g_assert_cmpint (s.profit_ex_vat, ==, -6192);
  g_assert_cmpint (s.ad_spend, ==, 20000);
  g_assert_cmpint (s.expenses, ==, 39355);
  g_assert_cmpint (s.operating_profit, ==, -6192 - 20000 - 39355);
  s = summary (store, D0, D3, "Hepsiburada");
  g_assert_cmpint (s.ad_spend, ==, 0);
  g_assert_cmpint (s.expenses, ==, 39355);
  g_assert_cmpint (s.operating_profit, ==, -411 - 39355);

  /* Products. P1: revenue 22000 + 19999 + 40000 = 81999, KDV 2000 + 1818 +
   * 3636 = 7454, cost ex 40000, commission 4730 + 3000 + 6000 = 13730:
   * profit_ex 20815, margin 20815 / 74545, ROI 20815 / 40000 = 52.0375 %.
   * P2: revenue 24999, KDV 2500 + 1667 = 4167, cost ex 15000, commission
   * 2250 + 2150 = 4400: profit_ex 1432, margin 1432 / 20832, ROI 9.5467 %. */
  products = ciro_report_products (store, &f, CIRO_SORT_REVENUE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (products->len, ==, 2);
  {
    const CiroProductRow *p1 = &g_array_index (products, CiroProductRow, 0);
    const CiroProductRow *p2 = &g_array_index (products, CiroProductRow, 1);

    g_assert_cmpint (p1->product_key, ==, 1);
    g_assert_cmpint (p1->revenue, ==, 81999);
    g_assert_cmpint (p1->commission, ==, 13730);
    g_assert_cmpint (p1->profit, ==, 81999 - 44000 - 13730);
    g_assert_cmpint (p1->output_vat, ==, 7454);
    g_assert_cmpint (p1->cost_ex_vat, ==, 40000);
    g_assert_cmpint (p1->profit_ex_vat, ==, 20815);
    ASSERT_PCT (p1->margin_ex_vat_pct, 20815.0 / 74545 * 100);
    g_assert_true (p1->has_roi);
    ASSERT_PCT (p1->roi_pct, 52.0375);
    g_assert_cmpint (p2->product_key, ==, 2);
    g_assert_cmpint (p2->revenue, ==, 24999);
    g_assert_cmpint (p2->commission, ==, 4400);
    g_assert_cmpint (p2->profit_ex_vat, ==, 1432);
    ASSERT_PCT (p2->margin_ex_vat_pct, 1432.0 / 20832 * 100);
    ASSERT_PCT (p2->roi_pct, 1432.0 / 15000 * 100);
  }
}

static void
test_hand_calculated (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-profit-XXXXXX", NULL);
  g_autoptr(CiroStore) store = build (dir);
  CiroSummary s;

  /* No setting entered: metrics.md's figures as ever (O3 at 21,5 % = 8600),
   * no service fee, ad spend or expenses. */
  s = summary (store, D2, D2, NULL);
  g_assert_cmpint (s.commission, ==, 8600);
  g_assert_cmpint (s.profit, ==, 40000 - 22000 - 8600 - 7500);
  g_assert_cmpint (s.service_fees, ==, 0);
  g_assert_cmpint (s.operating_profit, ==, s.profit_ex_vat);
  g_assert_cmpint (s.profit_ex_vat, ==, 36364 - 20000 - 8600 - 7500);

  enter_settings (store);
  /* O5 is written after the settings: the writer applies them too. */
  put_order (store, 5, D3, "TRENDYOL", 5, 2990, "KUPA-2", 1, 9999, 2000, NULL, 0, 0, 0);
  check_everything (store);

  /* The same figures from rollups rebuilt from the lines. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (ciro_store_recompute (store, NULL, &error));
    g_assert_no_error (error);
  }
  check_everything (store);

  /* P1 moves to another category: the store asks for a recompute, after
   * which O3 is at Trendyol's 21,5 % again (8600) */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *flag = NULL;

    put_product (store, 1, "GOM-1", "Ev", 10000, 1000);
    flag = ciro_store_get_setting (store, "needs_recompute");
    g_assert_cmpstr (flag, ==, "1");
    g_assert_true (ciro_store_recompute (store, NULL, &error));
    g_assert_no_error (error);
    s = summary (store, D2, D2, NULL);
    g_assert_cmpint (s.commission, ==, 8600);
  }
}

static void
collect_fraction (double fraction, gpointer data)
{
  g_array_append_val ((GArray *) data, fraction);
}

static void
cancel_late (double fraction, gpointer data)
{
  if (fraction >= 0.9)
    g_cancellable_cancel (data);
}

static void
got_result (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* A version-3 store (no KDV columns, no settings tables) is brought up to
 * date when opened and flagged; its lines recomputed in the background
 * (a cancel changing nothing), the same figures come out. */
static void
test_migrates_from_v3 (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-profit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ciro.db", NULL);
  sqlite3 *db = NULL;

  {
    g_autoptr(CiroStore) store = build (dir);
    put_order (store, 5, D3, "TRENDYOL", 5, 2990, "KUPA-2", 1, 9999, 2000, NULL, 0, 0, 0);
  }
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "DROP TABLE roll_cum_part; DROP INDEX orders_net;"
    "DROP TABLE carrier_tariffs; ALTER TABLE orders DROP COLUMN tariff;"
    "ALTER TABLE roll_day_mp DROP COLUMN net_tariff_orders; ALTER TABLE roll_day_mp DROP COLUMN net_tariff;"
    "DROP TABLE order_transit; DROP TABLE roll_year_product; DROP TABLE order_status_events; DROP TABLE roll_day_carrier; DROP INDEX orders_open;"
    "DROP TABLE roll_day_category; DROP TABLE roll_month_category;"
    "ALTER TABLE orders DROP COLUMN lines_amount; ALTER TABLE orders DROP COLUMN customer_key;"
    "ALTER TABLE orders DROP COLUMN customer_name;"
    "DROP TABLE fee_mappings; ALTER TABLE orders DROP COLUMN actual_commission;"
    "ALTER TABLE orders DROP COLUMN actual_service_fee; ALTER TABLE orders DROP COLUMN actual_cargo;"
    "ALTER TABLE roll_day_mp DROP COLUMN net_actual_commission;"
    "ALTER TABLE roll_day_mp DROP COLUMN net_actual_fee_orders;"
    "ALTER TABLE roll_day_mp DROP COLUMN net_actual_service_fee;"
    "ALTER TABLE roll_day_mp DROP COLUMN net_actual_cargo_orders;"
    "ALTER TABLE roll_day_mp DROP COLUMN net_actual_cargo;"
    "DROP TABLE rate_history; DROP TABLE cost_entries;"
    "ALTER TABLE order_lines DROP COLUMN output_vat; ALTER TABLE order_lines DROP COLUMN cost_ex_vat;"
    "ALTER TABLE orders DROP COLUMN shipping_vat;"
    "ALTER TABLE roll_day_mp DROP COLUMN net_output_vat; ALTER TABLE roll_day_mp DROP COLUMN net_cost_ex_vat;"
    "ALTER TABLE roll_day_product DROP COLUMN output_vat; ALTER TABLE roll_day_product DROP COLUMN cost_ex_vat;"
    "ALTER TABLE roll_month_product DROP COLUMN output_vat; ALTER TABLE roll_month_product DROP COLUMN cost_ex_vat;"
    "PRAGMA user_version = 3", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CiroStore) store = ciro_store_open (path, &error);
    g_autoptr(GCancellable) cancel = g_cancellable_new ();
    g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
    GAsyncResult *result = NULL;
    CiroSummary s;

    g_assert_no_error (error);
    /* opening does not recompute: it says one is due */
    g_assert_true (ciro_store_needs_recompute (store));
    s = summary (store, D0, D3, NULL);
    g_assert_cmpint (s.output_vat, ==, 0);

    /* a recompute cancelled once its lines are rewritten, while the
     * rollups are rebuilt, leaves the figures as they were, still due */
    g_assert_false (ciro_store_recompute_full (store, cancel_late, cancel, cancel, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    s = summary (store, D0, D3, NULL);
    g_assert_cmpint (s.output_vat, ==, 0);
    g_assert_true (ciro_store_needs_recompute (store));

    /* on a worker thread with a connection of its own, progress on ours */
    ciro_store_recompute_async (path, collect_fraction, fractions, NULL, got_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (ciro_store_recompute_finish (result, &error));
    g_assert_no_error (error);
    g_object_unref (result);
    g_assert_cmpuint (fractions->len, >=, 1);
    g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
    for (guint i = 1; i < fractions->len; i++)
      g_assert_cmpfloat (g_array_index (fractions, double, i), >=, g_array_index (fractions, double, i - 1));
    g_assert_false (ciro_store_needs_recompute (store));

    /* no settings: commission 21,5 % on O3 (8600); KDV and costs without
     * KDV as in the header (D0..D3 without settings) */
    s = summary (store, D0, D3, NULL);
    g_assert_cmpint (s.output_vat, ==, 12451);
    g_assert_cmpint (s.product_cost_ex_vat, ==, 55000);
    g_assert_cmpint (s.commission, ==, 18130 + 2600);
    g_assert_cmpint (s.service_fees, ==, 0);
    /* fee KDV per day without service fees: 20 % × 12230 = 2446, 2550,
     * 20 % × (8600 + 7500) = 3220, 20 % × 9650 = 1930 */
    g_assert_cmpint (s.fees_vat, ==, 2446 + 2550 + 3220 + 1930);
    enter_settings (store);
    check_everything (store);
  }
}

/* Absurd values are refused and change nothing. */
static void
test_refuses_absurd (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-profit-XXXXXX", NULL);
  g_autoptr(CiroStore) store = build (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rates = NULL;
  CiroCostEntry e = { 0, CIRO_COST_EXPENSE, D0, FALSE, CIRO_DAY_INVALID, NULL, -5, NULL, NULL, NULL };

  g_assert_false (ciro_store_set_rate (store, CIRO_RATE_FEE_VAT, NULL, NULL, D0, 10001, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ciro_store_set_rate (store, CIRO_RATE_SERVICE_FEE, "Trendyol", NULL, D0, -1, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ciro_store_set_rate (store, CIRO_RATE_SERVICE_FEE, "", NULL, D0, 100, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "  ", D0, 100, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (ciro_store_add_cost_entry (store, &e, &error), ==, 0);
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_clear_error (&error);
  rates = ciro_store_list_rates (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rates->len, ==, 0);
}

/* Commission by category from a CSV file: the rule of the header's store
 * (Trendyol × Giyim 15 % from D2) makes O3's commission 6000 instead of
 * 8600; a file with a bad row changes nothing. */
static void
test_import_rules (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-profit-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (dir, "good.csv", NULL);
  g_autofree char *bad = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(CiroStore) store = build (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rates = NULL;

  g_assert_true (g_file_set_contents (good, "pazaryeri;kategori;oran\ntrendyol; GİYİM ;15\nHepsiburada;Ev;12,5\n",
                                      -1, NULL));
  g_assert_true (g_file_set_contents (bad, "Trendyol;Ev;10\nTrendyol;Giyim;120\n", -1, NULL));
  g_assert_cmpint (ciro_store_import_category_commissions (store, bad, D2, &error), ==, -1);
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 2"));
  g_clear_error (&error);
  rates = ciro_store_list_rates (store, &error);
  g_assert_cmpuint (rates->len, ==, 0);
  g_assert_cmpint (summary (store, D2, D2, NULL).commission, ==, 8600);

  g_assert_cmpint (ciro_store_import_category_commissions (store, good, D2, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (summary (store, D2, D2, NULL).commission, ==, 6000);
  g_assert_cmpint (summary (store, D0, D0, NULL).commission, ==, 4730);   /* before D2: 21,5 % */
  /* Hepsiburada × Ev from D2: O2 (D1) keeps 15 % */
  g_assert_cmpint (summary (store, D1, D1, NULL).commission, ==, 5250);
}

/* A connection that defers recomputes (the window's) saves a category
 * rule, a shipping KDV rate and a rules import at once and only marks the
 * store; the figures stay the old ones (O3 at 21,5 % = 8600) until the
 * recompute runs, cancelled first (nothing changes, the mark stays), then
 * to its end: the same figures as a recompute inside the write. */
static void
test_deferred (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-profit-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "rules.csv", NULL);
  g_autoptr(CiroStore) store = build (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();

  ciro_store_set_defer_recompute (store, TRUE);
  g_assert_false (ciro_store_needs_recompute (store));
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "GİYİM", D2, 1500, &error));
  g_assert_no_error (error);
  g_assert_true (ciro_store_needs_recompute (store));
  g_assert_cmpint (summary (store, D2, D2, NULL).commission, ==, 8600);

  g_cancellable_cancel (cancel);
  g_assert_false (ciro_store_recompute (store, cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (ciro_store_needs_recompute (store));
  g_assert_cmpint (summary (store, D2, D2, NULL).commission, ==, 8600);

  g_assert_true (ciro_store_recompute (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (ciro_store_needs_recompute (store));
  g_assert_cmpint (summary (store, D2, D2, NULL).commission, ==, 6000);

  /* shipping KDV 10 % from D1: O2's 19,90 holds 1990 × 10 / 110 = 180,91
   * → 181 instead of 332, once recomputed */
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_SHIPPING_VAT, NULL, NULL, D1, 1000, &error));
  g_assert_true (ciro_store_needs_recompute (store));
  g_assert_cmpint (summary (store, D1, D1, NULL).output_vat, ==, 2500 + 1818 + 332);
  g_assert_true (ciro_store_recompute (store, NULL, &error));
  g_assert_cmpint (summary (store, D1, D1, NULL).output_vat, ==, 2500 + 1818 + 181);

  /* Hepsiburada × Ev 12,5 % from D1: O2's cups 15000 → 1875 instead of 2250 */
  g_assert_true (g_file_set_contents (csv, "Hepsiburada;Ev;12,5\n", -1, NULL));
  g_assert_cmpint (ciro_store_import_category_commissions (store, csv, D1, &error), ==, 1);
  g_assert_true (ciro_store_needs_recompute (store));
  g_assert_cmpint (summary (store, D1, D1, NULL).commission, ==, 5250);
  g_assert_true (ciro_store_recompute (store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary (store, D1, D1, NULL).commission, ==, 1875 + 3000);

  /* a connection that does not defer recomputes inside the write */
  ciro_store_set_defer_recompute (store, FALSE);
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "Giyim", D2, -1, &error));
  g_assert_no_error (error);
  g_assert_false (ciro_store_needs_recompute (store));
  g_assert_cmpint (summary (store, D2, D2, NULL).commission, ==, 8600);
}

/* A monthly amount spread over its month's days adds up to it exactly. */
static void
test_day_share (void)
{
  CiroKurus sum = 0;

  for (int i = 0; i < 31; i++)
    sum += ciro_cost_day_share (300000, i, 31);
  g_assert_cmpint (sum, ==, 300000);
  g_assert_cmpint (ciro_cost_day_share (300000, 29, 31), ==, 9677);
  g_assert_cmpint (ciro_cost_day_share (300000, 30, 31), ==, 9678);
  g_assert_cmpint (ciro_cost_day_share (100, 0, 3), ==, 33);
  g_assert_cmpint (ciro_cost_day_share (100, 2, 3), ==, 34);
}

/* A monthly entry dated mid-month counts for every day of its month: the
 * days before its date too, whether the window ends before the date or
 * not, so windows add up (a window of the 1st to the 10th once gave 0
 * while the whole month gave those days their share). */
static void
test_monthly_mid_month (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-profit-XXXXXX", NULL);
  g_autoptr(CiroStore) store = build (dir);
  CiroDay first = ciro_day_from_ymd (2026, 9, 1);

  add_entry (store, CIRO_COST_AD_SPEND, ciro_day_from_ymd (2026, 9, 14), TRUE, NULL, 300000);
  /* September has 30 days: 10,000.00 a day */
  g_assert_cmpint (summary (store, first, first + 9, NULL).ad_spend, ==, 100000);
  g_assert_cmpint (summary (store, first + 10, first + 29, NULL).ad_spend, ==, 200000);
  g_assert_cmpint (summary (store, first, first + 29, NULL).ad_spend, ==, 300000);
  g_assert_cmpint (summary (store, first - 30, first - 1, NULL).ad_spend, ==, 0);
}

/* The import dialog's reading: every row with its reason, none dropped;
 * the good ones entered; then a rule removed from the history brings the
 * marketplace's rate back (O3 at 21,5 % = 8600 again). */
static void
test_rule_rows (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-profit-XXXXXX", NULL);
  g_autofree char *csv = g_build_filename (dir, "rules.csv", NULL);
  g_autoptr(CiroStore) store = build (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) rates = NULL;
  static const struct { guint line; const char *reason; } want[] = {
    { 2, NULL }, { 3, "no category" }, { 4, "“on beş” is not a number" },
    { 5, "the rate is not between 0 and 100 %" }, { 6, "repeats line 2" },
    { 7, "needs three fields: marketplace; category; rate" }, { 9, NULL },
  };

  g_assert_true (g_file_set_contents (csv,
    "Pazaryeri;Kategori;Oran\n"
    "Trendyol;GİYİM;15\n"
    "Trendyol;;12\n"
    "Trendyol;Ev;on beş\n"
    "Hepsiburada;Ev;120\n"
    "trendyol;giyim;14\n"
    "Amazon 9\n"
    "\n"
    "Hepsiburada;Ev;12,5\n", -1, NULL));
  rows = ciro_read_category_commissions (csv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (want));
  for (guint i = 0; i < rows->len; i++)
    {
      CiroRuleRow *r = rows->pdata[i];
      g_assert_cmpuint (r->line, ==, want[i].line);
      g_assert_cmpstr (r->reason, ==, want[i].reason);
    }
  g_assert_cmpstr (((CiroRuleRow *) rows->pdata[0])->category, ==, "giyim");
  g_assert_cmpint (((CiroRuleRow *) rows->pdata[6])->rate, ==, 1250);

  g_assert_cmpint (ciro_store_set_category_commissions (store, rows, D2, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (summary (store, D2, D2, NULL).commission, ==, 6000);
  rates = ciro_store_list_rates (store, &error);
  g_assert_cmpuint (rates->len, ==, 2);

  /* nothing to remove on another day */
  g_assert_false (ciro_store_remove_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "Giyim", D1, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (ciro_store_remove_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "trendyol", "GİYİM", D2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary (store, D2, D2, NULL).commission, ==, 8600);
  /* a service fee's value removed: D0's Trendyol order pays none */
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_SERVICE_FEE, "Trendyol", NULL,
                                      ciro_day_from_ymd (2026, 1, 1), 1000, &error));
  g_assert_cmpint (summary (store, D0, D0, NULL).service_fees, ==, 1000);
  g_assert_true (ciro_store_remove_rate (store, CIRO_RATE_SERVICE_FEE, "Trendyol", NULL,
                                         ciro_day_from_ymd (2026, 1, 1), &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary (store, D0, D0, NULL).service_fees, ==, 0);
  g_clear_pointer (&rates, g_ptr_array_unref);
  rates = ciro_store_list_rates (store, &error);
  g_assert_cmpuint (rates->len, ==, 1);
}

/* ---- the background recompute and other writers ---- */

typedef struct {
  char     *path;
  int       started;       /* the recompute holds the lock */
  int       seq;           /* order of the ends */
  int       recompute_end;
  int       write_end;
  gboolean  recompute_ok;
  gboolean  write_ok;
  CiroStore *recompute_store;
} GiveWay;

/* On the recompute's thread, inside its transaction: says it started,
 * then lets the recompute go on only once the writer waits for the lock. */
static void
give_way_progress (double fraction, gpointer data)
{
  GiveWay *g = data;

  if (g_atomic_int_get (&g->started))
    return;
  g_atomic_int_set (&g->started, 1);
  for (guint i = 0; i < 20000 && !ciro_store_writer_waiting (g->recompute_store); i++)
    g_usleep (1000);
}

static gpointer
give_way_recompute (gpointer data)
{
  GiveWay *g = data;
  g_autoptr(GError) error = NULL;

  g->recompute_store = ciro_store_open (g->path, &error);
  g_assert_no_error (error);
  g->recompute_ok = ciro_store_recompute_full (g->recompute_store, give_way_progress, g, NULL, &error);
  g_assert_no_error (error);
  g->recompute_end = g_atomic_int_add (&g->seq, 1) + 1;
  g_clear_object (&g->recompute_store);
  return NULL;
}

static gpointer
give_way_write (gpointer data)
{
  GiveWay *g = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (g->path, &error);

  g_assert_no_error (error);
  ciro_store_set_defer_recompute (store, TRUE);
  /* Trendyol × Giyim 10 % from D2 instead of 15 % */
  g->write_ok = ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "Giyim", D2, 1000, &error);
  g_assert_no_error (error);
  g->write_end = g_atomic_int_add (&g->seq, 1) + 1;
  return NULL;
}

/* A write that comes while the background recompute holds the store's
 * lock does not wait for its end (up to the busy timeout, then failing):
 * the recompute rolls back, the write goes through, and the recompute
 * starts again and ends with the written rule in its figures (O3 at 10 %
 * = 4000). Fails when the recompute keeps the lock to its end: the write
 * then ends second. */
static void
test_recompute_gives_way (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-profit-XXXXXX", NULL);
  g_autoptr(CiroStore) store = build (dir);
  g_autoptr(GError) error = NULL;
  GiveWay g = { 0 };
  GThread *recompute, *write;

  g.path = g_build_filename (dir, "ciro.db", NULL);
  ciro_store_set_defer_recompute (store, TRUE);
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "GİYİM", D2, 1500, &error));
  g_assert_true (ciro_store_needs_recompute (store));

  recompute = g_thread_new ("recompute", give_way_recompute, &g);
  g_assert_true (ciro_test_wait_flag (&g.started, 30));
  write = g_thread_new ("write", give_way_write, &g);
  g_thread_join (write);
  g_thread_join (recompute);

  g_assert_true (g.write_ok);
  g_assert_true (g.recompute_ok);
  g_assert_cmpint (g.write_end, ==, 1);
  g_assert_cmpint (g.recompute_end, ==, 2);
  g_assert_false (ciro_store_needs_recompute (store));
  g_assert_cmpint (summary (store, D2, D2, NULL).commission, ==, 4000);
  g_free (g.path);
}

static void
late_cancel_done (GObject *source, GAsyncResult *result, gpointer data)
{
  int *outcome = data;
  g_autoptr(GError) error = NULL;

  *outcome = ciro_store_recompute_finish (result, &error) ? 1 : 2;
  g_assert_no_error (error);
}

/* A cancel that comes after the background recompute committed (the
 * window's Cancel pressed as it ends) says what happened to the store: it
 * succeeded. Fails with G_IO_ERROR_CANCELLED (the window then said the
 * figures were out of date) when the task checks its cancellable. */
static void
test_recompute_late_cancel (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ciro-profit-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "ciro.db", NULL);
  g_autoptr(CiroStore) store = build (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  int outcome = 0;

  ciro_store_set_defer_recompute (store, TRUE);
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "GİYİM", D2, 1500, &error));
  g_assert_true (ciro_store_needs_recompute (store));
  ciro_store_recompute_async (path, NULL, NULL, cancel, late_cancel_done, &outcome);
  /* the main context is not run: the result waits in it while the
   * recompute commits */
  for (guint i = 0; i < 30000 && ciro_store_needs_recompute (store); i++)
    g_usleep (1000);
  g_assert_false (ciro_store_needs_recompute (store));
  g_cancellable_cancel (cancel);
  g_assert_true (ciro_test_wait_flag (&outcome, 30));
  g_assert_cmpint (outcome, ==, 1);
  g_assert_cmpint (summary (store, D2, D2, NULL).commission, ==, 6000);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  D0 = ciro_day_from_ymd (2026, 3, 30);
  D1 = D0 + 1;
  D2 = D0 + 2;
  D3 = D0 + 3;
  g_test_add_func ("/profit/hand-calculated", test_hand_calculated);
  g_test_add_func ("/profit/migrates-from-v3", test_migrates_from_v3);
  g_test_add_func ("/profit/refuses-absurd", test_refuses_absurd);
  g_test_add_func ("/profit/day-share", test_day_share);
  g_test_add_func ("/profit/import-rules", test_import_rules);
  g_test_add_func ("/profit/deferred", test_deferred);
  g_test_add_func ("/profit/monthly-mid-month", test_monthly_mid_month);
  g_test_add_func ("/profit/rule-rows", test_rule_rows);
  g_test_add_func ("/profit/recompute-gives-way", test_recompute_gives_way);
  g_test_add_func ("/profit/recompute-late-cancel", test_recompute_late_cancel);
  return g_test_run ();
}
