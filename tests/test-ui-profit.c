/* test-ui-profit.c: the Analytics page's figures after and before KDV
 * settlement (profit.md), read back from the widgets against the engine
 *
 * A demo store with a service fee, ad spend, a monthly expense and the
 * actual fees of three orders imported. In both views the KPI cards, the
 * rows of "Where the Money Went", the donut's slices, the daily stacked
 * columns (each adding up to the day's net revenue) with their legend and
 * the note on actual and estimated commission are what ciro_report_*
 * computes for the same range. Preferences shows the stored name of an
 * unknown marketplace in the user's language. Run in English and in
 * Turkish.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "analytics/ciro-range.h"
#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "store/ciro-fees.h"
#include "store/ciro-profit.h"
#include "store/ciro-settings.h"
#include "store/ciro-tariffs.h"
#include "ui/ciro-context.h"
#include "ui/ciro-preferences-window.h"
#include "ui/ciro-profit-page.h"
#include "ui/ciro-recompute-bar.h"
#include "ui/ciro-tariff-group.h"
#include "ui/ciro-window.h"
#include "ui/pages/ciro-analytics-page.h"
#include "ciro-test-util.h"

static char *dir;

static void
count_loaded (gpointer page, guint *n)
{
  (*n)++;
}

static gboolean
reached (gpointer data)
{
  guint **p = data;
  return *p[0] >= *p[1];
}

static void
wait_count (guint *n, guint want)
{
  guint *p[2] = { n, &want };
  g_assert_true (ciro_test_wait_until (reached, p, 120));
  while (g_main_context_iteration (NULL, FALSE));
}

static void
assert_row (CiroAnalyticsPage *page, const char *key, CiroKurus value, CiroNumberStyle style)
{
  g_autofree char *want = ciro_money_format (value, style);
  g_autofree char *got = ciro_analytics_page_get_row_value (page, "costs", key);

  g_assert_cmpstr (got, ==, want);
}

static void
assert_kpi (CiroAnalyticsPage *page, const char *key, const char *want, gboolean visible)
{
  g_assert_cmpstr (ciro_analytics_page_get_kpi (page, key, NULL), ==, want);
  g_assert_cmpint (ciro_analytics_page_kpi_visible (page, key), ==, visible);
}

static void
assert_money_kpi (CiroAnalyticsPage *page, const char *key, CiroKurus value, gboolean visible, CiroNumberStyle style)
{
  g_autofree char *want = ciro_money_format (value, style);
  assert_kpi (page, key, want, visible);
}

/* The columns of each day add up to its net revenue; the last part is the
 * profit of the view. */
static void
assert_daily (CiroAnalyticsPage *page, GArray *daily, gboolean after_vat)
{
  const CiroChart *chart = ciro_analytics_page_get_chart (page, "daily");
  guint n_series = after_vat ? 8 : 4;
  g_auto(GStrv) legend = ciro_analytics_page_get_legend (page);

  g_assert_cmpint (ciro_chart_get_kind (chart), ==, CIRO_CHART_STACKED);
  g_assert_cmpuint (ciro_chart_get_n_points (chart), ==, daily->len);
  g_assert_cmpuint (ciro_chart_get_n_series (chart), ==, n_series);
  g_assert_cmpuint (g_strv_length (legend), ==, n_series);
  for (guint k = 0; k < n_series; k++)
    g_assert_cmpstr (legend[k], ==, ciro_chart_get_series_name (chart, k));
  g_assert_cmpstr (legend[0], ==, _("Product cost"));
  g_assert_cmpstr (legend[n_series - 1], ==, after_vat ? _("Operating profit") : _("Profit"));
  for (guint i = 0; i < daily->len; i++)
    {
      const CiroSummary *s = &g_array_index (daily, CiroDailyRow, i).s;
      double sum = 0;

      for (guint k = 0; k < n_series; k++)
        sum += ciro_chart_get_value (chart, k, i);
      g_assert_cmpfloat (sum, ==, (double) s->net_revenue);
      g_assert_cmpfloat (ciro_chart_get_value (chart, 0, i), ==, (double) s->product_cost);
      g_assert_cmpfloat (ciro_chart_get_value (chart, n_series - 1, i), ==,
                         (double) (after_vat ? s->operating_profit : s->profit));
      if (after_vat)
        {
          g_assert_cmpfloat (ciro_chart_get_value (chart, 3, i), ==, (double) (s->service_fees + s->fees_vat));
          g_assert_cmpfloat (ciro_chart_get_value (chart, 6, i), ==, (double) s->vat_payable);
        }
    }
}

static void
assert_view (CiroAnalyticsPage *page, const CiroSummary *s, GArray *daily, gboolean after_vat)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  const CiroChart *donut = ciro_analytics_page_get_chart (page, "costs");
  g_autofree char *roi = s->has_roi ? ciro_percent_format (s->roi_pct, 1, style) : g_strdup ("—");
  g_autofree char *none = NULL;
  double slices = 0;

  g_assert_cmpint (ciro_analytics_page_get_after_vat (page), ==, after_vat);
  g_assert_cmpstr (ciro_analytics_page_get_state (page), ==, "data");
  assert_money_kpi (page, "net_revenue", s->net_revenue, TRUE, style);
  assert_money_kpi (page, "profit", s->profit, TRUE, style);
  assert_money_kpi (page, "profit_ex_vat", s->profit_ex_vat, after_vat, style);
  assert_money_kpi (page, "vat_payable", s->vat_payable, after_vat, style);
  assert_kpi (page, "roi_pct", roi, after_vat);
  assert_money_kpi (page, "operating_profit", s->operating_profit, after_vat, style);

  assert_row (page, "product_cost", s->product_cost, style);
  assert_row (page, "commission", s->commission, style);
  assert_row (page, "shipping_expense", s->shipping_expense, style);
  assert_row (page, "cancel_return_revenue", s->cancel_return_revenue, style);
  if (after_vat)
    {
      assert_row (page, "service_fees", s->service_fees, style);
      assert_row (page, "fees_vat", s->fees_vat, style);
      assert_row (page, "vat_payable", s->vat_payable, style);
      assert_row (page, "ad_spend", s->ad_spend, style);
      assert_row (page, "expenses", s->expenses, style);
      assert_row (page, "operating_profit", s->operating_profit, style);
      g_assert_cmpuint (ciro_chart_get_n_points (donut), ==, 10);
    }
  else
    {
      none = ciro_analytics_page_get_row_value (page, "costs", "service_fees");
      g_assert_null (none);
      assert_row (page, "profit", s->profit, style);
      g_assert_cmpuint (ciro_chart_get_n_points (donut), ==, 5);
    }
  /* the slices are the rows (a KDV credit or a loss is none), and add up
   * to the gross revenue when nothing is negative */
  for (guint i = 0; i < ciro_chart_get_n_points (donut); i++)
    slices += ciro_chart_get_value (donut, 0, i);
  if (s->vat_payable >= 0 && s->operating_profit >= 0 && s->profit >= 0)
    g_assert_cmpfloat (slices, ==, (double) s->gross_revenue);
  assert_daily (page, daily, after_vat);
}

static void
test_views (void)
{
  g_autofree char *path = g_build_filename (dir, "profit.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "fees.csv", NULL);
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(CiroContext) context = NULL;
  g_autoptr(GArray) largest = NULL;
  g_autoptr(GArray) daily = NULL;
  g_autoptr(CiroFeeImportResult) imported = NULL;
  CiroDay today = ciro_today ();
  CiroReportFilter f = { today - 29, today, NULL };
  CiroReportFilter tf = { today - 29, today, (char *) "Trendyol" };
  CiroNumberStyle style = ciro_number_style_from_locale ();
  CiroAnalyticsPage *page;
  CiroWindow *w;
  CiroSummary s;
  guint loaded = 0;
  gint64 n_lines;

  store = ciro_test_reference_store (path, 3000, 60, 11, CIRO_DAY_INVALID, 90);
  /* profit.md's settings and entries: a service fee, ad spend on one
   * marketplace, a monthly rent */
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_SERVICE_FEE, "Trendyol", NULL, today - 400, 990, &error));
  g_assert_no_error (error);
  {
    CiroCostEntry ads = { 0, CIRO_COST_AD_SPEND, today - 3, FALSE, CIRO_DAY_INVALID, (char *) "Trendyol", 123450,
                          NULL, NULL, NULL };
    CiroCostEntry rent = { 0, CIRO_COST_EXPENSE, today - 70, TRUE, CIRO_DAY_INVALID, NULL, 2500000,
                           (char *) "Kira", (char *) "rent", NULL };
    g_assert_cmpint (ciro_store_add_cost_entry (store, &ads, &error), >, 0);
    g_assert_cmpint (ciro_store_add_cost_entry (store, &rent, &error), >, 0);
  }
  /* the actual commission of three Trendyol orders of the range */
  largest = ciro_report_largest_lines (store, &tf, 40, &n_lines, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GString) text = g_string_new ("Sipariş No;Komisyon Tutarı\n");
    guint added = 0;

    for (guint i = 0; i < largest->len && added < 3; i++)
      {
        CiroSalesLine *l = &g_array_index (largest, CiroSalesLine, i);
        if (l->cancelled || strstr (text->str, l->order_code) != NULL)
          continue;
        g_string_append_printf (text, "%s;%d,50\n", l->order_code, 40 + (int) added * 10);
        added++;
      }
    g_assert_cmpuint (added, ==, 3);
    g_assert_true (g_file_set_contents (csv, text->str, -1, NULL));
  }
  imported = ciro_store_import_fees (store, csv, "Trendyol", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imported->orders, ==, 3);

  g_assert_true (ciro_report_summary (store, &f, &s, &error));
  daily = ciro_report_daily (store, &f, &error);
  g_assert_no_error (error);
  /* the store has every part this test reads */
  g_assert_cmpint (s.service_fees, >, 0);
  g_assert_cmpint (s.ad_spend, ==, 123450);
  g_assert_cmpint (s.expenses, >, 0);
  g_assert_cmpint (s.commission_actual, >, 0);
  g_assert_cmpint (s.commission_actual, <, s.commission);

  app = adw_application_new ("io.github.ciroapp.Ciro.TestProfit", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  context = ciro_context_new (path);
  w = ciro_window_new (app, context);
  page = CIRO_ANALYTICS_PAGE (ciro_window_get_analytics (w));
  g_signal_connect (page, "loaded", G_CALLBACK (count_loaded), &loaded);
  gtk_widget_activate_action (GTK_WIDGET (w), "win.page", "s", "analytics");
  gtk_window_present (GTK_WINDOW (w));
  wait_count (&loaded, 1);

  /* after KDV by default */
  g_assert_true (g_settings_get_boolean (ciro_context_get_settings (context), "analytics-after-vat"));
  assert_view (page, &s, daily, TRUE);
  {
    g_autofree char *actual = ciro_money_format (s.commission_actual, style);
    g_autofree char *total = ciro_money_format (s.commission, style);
    g_autofree char *rest = ciro_money_format (s.commission - s.commission_actual, style);
    g_autofree char *pct = ciro_percent_format ((double) s.commission_actual / (double) s.commission * 100.0, 1, style);
    g_autofree char *want = g_strdup_printf (_("%s of the %s commission (%s) is what the marketplaces charged, from their imported fee files; the other %s is estimated from your commission rates."),
                                             actual, total, pct, rest);
    g_assert_cmpstr (ciro_analytics_page_get_commission_note (page), ==, want);
  }

  /* before KDV: the switch is remembered, the figures change without a
   * reload */
  ciro_analytics_page_set_after_vat (page, FALSE);
  g_assert_false (g_settings_get_boolean (ciro_context_get_settings (context), "analytics-after-vat"));
  assert_view (page, &s, daily, FALSE);
  g_assert_cmpuint (loaded, ==, 1);

  /* a reload keeps the view */
  ciro_analytics_page_reload (page);
  wait_count (&loaded, 2);
  assert_view (page, &s, daily, FALSE);

  /* a page made later starts in the view chosen last */
  {
    GtkWidget *other = g_object_ref_sink (ciro_analytics_page_new (context));
    g_assert_false (ciro_analytics_page_get_after_vat (CIRO_ANALYTICS_PAGE (other)));
    g_object_run_dispose (G_OBJECT (other));
    g_object_unref (other);
  }

  ciro_analytics_page_set_after_vat (page, TRUE);
  g_assert_true (g_settings_get_boolean (ciro_context_get_settings (context), "analytics-after-vat"));
  assert_view (page, &s, daily, TRUE);

  /* no actual fees in the month before: all of it estimated */
  {
    g_autofree char *id = ciro_range_custom_to_id (today - 59, today - 30);
    CiroReportFilter before = { today - 59, today - 30, NULL };
    CiroSummary b;

    g_assert_true (ciro_report_summary (store, &before, &b, &error));
    g_assert_cmpint (b.commission, >, 0);
    g_assert_cmpint (b.commission_actual, ==, 0);
    g_assert_true (ciro_analytics_page_set_range_id (page, id));
    wait_count (&loaded, 3);
    g_assert_cmpstr (ciro_analytics_page_get_commission_note (page), ==,
                     _("All of the commission is estimated from your commission rates: no fee file of the marketplaces covers these orders."));
  }
  /* no orders, no commission: no note */
  g_assert_true (ciro_analytics_page_set_range_id (page, "custom:2000-01-01:2000-01-02"));
  wait_count (&loaded, 4);
  g_assert_null (ciro_analytics_page_get_commission_note (page));

  gtk_window_destroy (GTK_WINDOW (w));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
  g_unlink (csv);
}

static gboolean
bar_done (gpointer data)
{
  gpointer *p = data;
  return ciro_recompute_bar_get_n_done (p[0]) >= GPOINTER_TO_UINT (p[1]) &&
         g_str_equal (ciro_recompute_bar_get_state (p[0]), "idle");
}

static void
wait_done (CiroRecomputeBar *bar, guint n)
{
  gpointer p[2] = { bar, GUINT_TO_POINTER (n) };
  g_assert_true (ciro_test_wait_until (bar_done, p, 120));
  while (g_main_context_iteration (NULL, FALSE));
}

/* A setting entered on a connection that defers recomputes (as the
 * window's report service does) leaves the store to recompute: the window
 * runs it in the background when it opens, and again when the store
 * changes, and the page shows the new figures. */
static void
test_recompute_bar (void)
{
  g_autofree char *path = g_build_filename (dir, "recompute.db", NULL);
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(CiroContext) context = NULL;
  CiroDay today = ciro_today ();
  CiroReportFilter f = { today - 29, today, NULL };
  CiroNumberStyle style = ciro_number_style_from_locale ();
  CiroRecomputeBar *bar;
  CiroAnalyticsPage *page;
  CiroWindow *w;
  CiroSummary before, after;
  guint loaded = 0;

  store = ciro_test_reference_store (path, 2000, 60, 13, CIRO_DAY_INVALID, 60);
  ciro_store_set_defer_recompute (store, TRUE);
  g_assert_true (ciro_report_summary (store, &f, &before, &error));
  /* every Trendyol line of the clothes at 1 % from long ago */
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "Gömlek", today - 400, 100,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (ciro_store_needs_recompute (store));

  app = adw_application_new ("io.github.ciroapp.Ciro.TestRecompute", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  context = ciro_context_new (path);
  w = ciro_window_new (app, context);
  bar = CIRO_RECOMPUTE_BAR (ciro_window_get_recompute_bar (w));
  page = CIRO_ANALYTICS_PAGE (ciro_window_get_analytics (w));
  g_signal_connect (page, "loaded", G_CALLBACK (count_loaded), &loaded);
  gtk_widget_activate_action (GTK_WIDGET (w), "win.page", "s", "analytics");
  gtk_window_present (GTK_WINDOW (w));

  /* the window found the store waiting and recomputed it */
  wait_done (bar, 1);
  g_assert_false (ciro_store_needs_recompute (store));
  g_assert_true (ciro_report_summary (store, &f, &after, &error));
  g_assert_cmpint (after.commission, <, before.commission);
  g_assert_cmpfloat (ciro_recompute_bar_get_fraction (bar), ==, 1.0);
  /* the page reads the new figures (the range of the test before was
   * remembered: the last 30 days again) */
  {
    guint n = loaded;
    g_assert_true (ciro_analytics_page_set_range_id (page, "last-30-days"));
    wait_count (&loaded, n + 1);
  }
  {
    g_autofree char *want = ciro_money_format (after.commission, style);
    g_autofree char *got = ciro_analytics_page_get_row_value (page, "costs", "commission");
    g_assert_cmpstr (got, ==, want);
  }

  /* another rule, then a store-changed: a second recompute */
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "Gömlek", today - 400, -1,
                                      &error));
  g_assert_true (ciro_store_needs_recompute (store));
  ciro_context_store_changed (context);
  wait_done (bar, 2);
  g_assert_false (ciro_store_needs_recompute (store));
  g_assert_true (ciro_report_summary (store, &f, &after, &error));
  g_assert_cmpint (after.commission, ==, before.commission);
  /* nothing left to do: a change of the store starts nothing */
  ciro_context_store_changed (context);
  wait_done (bar, 2);
  g_assert_cmpuint (ciro_recompute_bar_get_n_done (bar), ==, 2);

  gtk_window_destroy (GTK_WINDOW (w));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

static gboolean
page_idle (gpointer data)
{
  return !ciro_profit_page_is_loading (data);
}

static gboolean
dialog_idle (gpointer data)
{
  return ciro_rate_dialog_get_pending (data) == 0;
}

static gboolean
summary_is (gpointer data)
{
  gpointer *p = data;
  return !ciro_profit_page_is_loading (p[0]) &&
         g_strcmp0 (ciro_profit_page_get_summary (p[0], "fee_vat"), p[1]) == 0;
}

/* The first widget of `type` in the tree of `widget`. */
static gpointer
find_of_type (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      gpointer found = find_of_type (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static CiroProfitPage *
find_profit_page (GtkWidget *widget)
{
  return find_of_type (widget, CIRO_TYPE_PROFIT_PAGE);
}

static void
assert_figures (CiroAnalyticsPage *page, const CiroSummary *s)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();

  assert_row (page, "commission", s->commission, style);
  assert_row (page, "fees_vat", s->fees_vat, style);
  assert_row (page, "vat_payable", s->vat_payable, style);
  assert_row (page, "operating_profit", s->operating_profit, style);
  assert_money_kpi (page, "profit", s->profit, TRUE, style);
  assert_money_kpi (page, "profit_ex_vat", s->profit_ex_vat, TRUE, style);
}

/* A commission by category entered in Preferences from the middle of the
 * window on: refused first for an absurd rate and a bad date (nothing
 * written), then saved; the window recomputes in the background and the
 * Analytics page shows what the engine computes for the same rule entered
 * straight into a twin store (built from the same seed). Removing the
 * change from the history brings the first figures back. A CSV import
 * lists its bad rows with their reason and enters the good ones. */
static void
test_category_rule (void)
{
  g_autofree char *path = g_build_filename (dir, "rule.db", NULL);
  g_autofree char *twin_path = g_build_filename (dir, "rule-twin.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "rules.csv", NULL);
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(CiroStore) twin = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(CiroContext) context = NULL;
  CiroDay today = ciro_today ();
  CiroDay mid = today - 14;
  CiroReportFilter f = { today - 29, today, NULL };
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *mid_text = ciro_day_to_string (mid);
  CiroRecomputeBar *bar;
  CiroAnalyticsPage *page;
  CiroProfitPage *prefs_page;
  CiroRateDialog *dialog;
  GtkWidget *prefs;
  CiroWindow *w;
  CiroSummary before, want, got;
  guint loaded = 0;

  store = ciro_test_reference_store (path, 2000, 60, 17, CIRO_DAY_INVALID, 60);
  twin = ciro_test_reference_store (twin_path, 2000, 60, 17, CIRO_DAY_INVALID, 60);
  g_assert_true (ciro_report_summary (store, &f, &before, &error));
  /* the engine's figures for Trendyol × Gömlek at 7,5 % from mid-window */
  g_assert_true (ciro_store_set_rate (twin, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "Gömlek", mid, 750, &error));
  g_assert_no_error (error);
  g_assert_true (ciro_report_summary (twin, &f, &want, &error));
  g_assert_cmpint (want.commission, <, before.commission);
  g_assert_cmpint (want.profit_ex_vat, >, before.profit_ex_vat);

  app = adw_application_new ("io.github.ciroapp.Ciro.TestRule", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  context = ciro_context_new (path);
  w = ciro_window_new (app, context);
  bar = CIRO_RECOMPUTE_BAR (ciro_window_get_recompute_bar (w));
  page = CIRO_ANALYTICS_PAGE (ciro_window_get_analytics (w));
  g_signal_connect (page, "loaded", G_CALLBACK (count_loaded), &loaded);
  gtk_widget_activate_action (GTK_WIDGET (w), "win.page", "s", "analytics");
  gtk_window_present (GTK_WINDOW (w));
  wait_count (&loaded, 1);
  g_assert_true (ciro_analytics_page_set_range_id (page, "last-30-days"));
  wait_count (&loaded, 2);
  assert_figures (page, &before);

  prefs = ciro_preferences_window_new (GTK_WINDOW (w), context);
  gtk_window_present (GTK_WINDOW (prefs));
  prefs_page = find_profit_page (prefs);
  g_assert_nonnull (prefs_page);
  g_assert_true (ciro_test_wait_until (page_idle, prefs_page, 60));
  {
    g_autofree char *pct = ciro_percent_format (20, 0, style);
    g_autofree char *want_vat = g_strdup_printf (_("%s (default)"), pct);
    g_assert_cmpstr (ciro_profit_page_get_summary (prefs_page, "fee_vat"), ==, want_vat);
    g_assert_nonnull (ciro_profit_page_get_summary (prefs_page, "service_fee.Trendyol"));
  }

  /* absurd values are refused with a clear error, nothing written */
  dialog = ciro_profit_page_open (prefs_page, NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  ciro_rate_dialog_fill (dialog, "trendyol", "Gömlek", "150", mid_text);
  ciro_rate_dialog_add (dialog, FALSE);
  {
    g_autofree char *msg = g_strdup_printf (_("A rate must be between 0 and 100 %%"));
    g_assert_cmpstr (ciro_rate_dialog_get_error (dialog), ==, msg);
  }
  ciro_rate_dialog_fill (dialog, NULL, NULL, "7,5", "31.02.2026");
  ciro_rate_dialog_add (dialog, FALSE);
  g_assert_cmpstr (ciro_rate_dialog_get_error (dialog), ==, _("Enter the date as 2026-03-01 or 01.03.2026"));
  ciro_rate_dialog_fill (dialog, NULL, "  ", "7,5", mid_text);
  ciro_rate_dialog_add (dialog, FALSE);
  g_assert_cmpstr (ciro_rate_dialog_get_error (dialog), ==, _("A commission by category needs a category"));
  g_assert_cmpuint (ciro_rate_dialog_get_pending (dialog), ==, 0);
  {
    g_autoptr(GPtrArray) rates = ciro_store_list_rates (store, &error);
    g_assert_cmpuint (rates->len, ==, 0);
  }

  /* saved: the window recomputes in the background, the page follows */
  ciro_rate_dialog_fill (dialog, NULL, "Gömlek", "7,5", mid_text);
  ciro_rate_dialog_add (dialog, FALSE);
  g_assert_null (ciro_rate_dialog_get_error (dialog));
  g_assert_true (ciro_test_wait_until (dialog_idle, dialog, 60));
  g_assert_null (ciro_rate_dialog_get_error (dialog));
  wait_done (bar, 1);
  g_assert_false (ciro_store_needs_recompute (store));
  g_assert_true (ciro_report_summary (store, &f, &got, &error));
  g_assert_cmpint (got.commission, ==, want.commission);
  g_assert_cmpint (got.profit_ex_vat, ==, want.profit_ex_vat);
  {
    guint n = loaded;
    ciro_analytics_page_reload (page);
    wait_count (&loaded, n + 1);
  }
  assert_figures (page, &want);
  /* the page and the dialog show the rule and its history */
  g_assert_true (ciro_test_wait_until (page_idle, prefs_page, 60));
  {
    g_autofree char *v = ciro_percent_format (7.5, 1, style);
    g_autofree char *line = g_strdup_printf ("%s %s", mid_text, v);
    g_autofree char *summary = g_strdup_printf (_("%s since %s"), v, mid_text);
    g_auto(GStrv) history = ciro_rate_dialog_get_history (dialog);

    g_assert_cmpuint (g_strv_length (history), ==, 1);
    g_assert_cmpstr (history[0], ==, line);
    g_assert_cmpstr (ciro_profit_page_get_summary (prefs_page, "commission.Trendyol.gömlek"), ==, summary);
  }

  /* the change removed from the history: the first figures again */
  ciro_rate_dialog_remove (dialog, 0);
  g_assert_true (ciro_test_wait_until (dialog_idle, dialog, 60));
  g_assert_null (ciro_rate_dialog_get_error (dialog));
  wait_done (bar, 2);
  {
    guint n = loaded;
    ciro_analytics_page_reload (page);
    wait_count (&loaded, n + 1);
  }
  assert_figures (page, &before);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* a CSV import: the bad rows listed with their reason, none dropped */
  g_assert_true (g_file_set_contents (csv, "pazaryeri;kategori;oran\nTrendyol;Gömlek;7,5\nTrendyol;Ev;yüzde\n"
                                           "Hepsiburada;;10\n", -1, NULL));
  ciro_profit_page_import_file (prefs_page, csv);
  g_assert_true (ciro_test_wait_until (page_idle, prefs_page, 60));
  {
    GtkWidget *preview = ciro_profit_page_get_preview (prefs_page);
    g_auto(GStrv) refused = NULL;
    g_autofree char *nan = NULL, *l3 = NULL, *l4 = NULL;

    g_assert_nonnull (preview);
    refused = ciro_rule_preview_get_refused (preview);
    nan = g_strdup_printf (_("“%s” is not a number"), "yüzde");
    l3 = g_strdup_printf (_("Line %u: %s"), 3, nan);
    l4 = g_strdup_printf (_("Line %u: %s"), 4, _("no category"));
    g_assert_cmpuint (ciro_rule_preview_get_n_good (preview), ==, 1);
    g_assert_cmpuint (g_strv_length (refused), ==, 2);
    g_assert_cmpstr (refused[0], ==, l3);
    g_assert_cmpstr (refused[1], ==, l4);
    ciro_rule_preview_import (preview, mid_text);
  }
  wait_done (bar, 3);
  g_assert_null (ciro_profit_page_get_preview (prefs_page));
  {
    guint n = loaded;
    ciro_analytics_page_reload (page);
    wait_count (&loaded, n + 1);
  }
  assert_figures (page, &want);

  /* a dialog closed while its write runs: the write still lands and the
   * page shows it (fee KDV 18 % from a day to come) */
  {
    g_autofree char *next = ciro_day_to_string (today + 30);
    g_autofree char *pct = ciro_percent_format (20, 0, style);
    g_autofree char *pct18 = ciro_percent_format (18, 0, style);
    g_autofree char *now = g_strdup_printf (_("%s (default)"), pct);
    g_autofree char *want_vat = g_strdup_printf (_("%s; %s from %s"), now, pct18, next);
    gpointer p[2];

    dialog = ciro_profit_page_open (prefs_page, "fee_vat");
    ciro_rate_dialog_fill (dialog, NULL, NULL, "18", next);
    ciro_rate_dialog_add (dialog, FALSE);
    g_assert_cmpuint (ciro_rate_dialog_get_pending (dialog), ==, 1);
    gtk_window_destroy (GTK_WINDOW (dialog));
    p[0] = prefs_page;
    p[1] = want_vat;
    g_assert_true (ciro_test_wait_until (summary_is, p, 60));
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_window_destroy (GTK_WINDOW (w));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&context);
  g_clear_object (&store);
  g_clear_object (&twin);
  ciro_test_remove_store (path);
  ciro_test_remove_store (twin_path);
  g_unlink (csv);
}

static void
collect_texts (GtkWidget *widget, GPtrArray *out)
{
  if (GTK_IS_LABEL (widget))
    {
      g_autoptr(GString) where = g_string_new (gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append (where, "\x01");
      for (GtkWidget *p = widget; p != NULL; p = gtk_widget_get_parent (p))
        g_string_append_printf (where, " < %s", G_OBJECT_TYPE_NAME (p));
      g_ptr_array_add (out, g_string_free (g_steal_pointer (&where), FALSE));
    }
  if (GTK_IS_WINDOW (widget) && gtk_window_get_title (GTK_WINDOW (widget)) != NULL)
    g_ptr_array_add (out, g_strdup (gtk_window_get_title (GTK_WINDOW (widget))));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_texts (c, out);
}

/* How many of the window's texts name the unknown marketplace as the user
 * reads it; none may show the stored name when that differs. */
static guint
count_unknown (GtkWidget *window)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  const char *shown = ciro_marketplace_display (CIRO_MARKETPLACE_UNKNOWN);
  guint n = 0;

  while (g_main_context_iteration (NULL, FALSE));
  collect_texts (window, texts);
  for (guint i = 0; i < texts->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (texts->pdata[i], "\x01", 2);
      const char *t = parts[0];
      if (!g_str_equal (shown, CIRO_MARKETPLACE_UNKNOWN) && strstr (t, CIRO_MARKETPLACE_UNKNOWN) != NULL)
        g_error ("the stored name shown: “%s”%s", t, parts[1] != NULL ? parts[1] : "");
      if (strstr (t, shown) != NULL)
        n++;
    }
  return n;
}

static gboolean
group_idle (gpointer data)
{
  return !ciro_tariff_group_is_loading (data);
}

/* The stored name of an unknown marketplace, "Bilinmeyen", reads
 * "Unknown" in English everywhere in Preferences: the marketplace's fee
 * row, its service fee and commission rule rows and their dialogs' titles,
 * the new rule's marketplace list, the carrier tariff row, the tariff
 * dialog's history and its marketplace list. In Turkish it stays. */
static void
test_unknown_marketplace (void)
{
  g_autofree char *path = g_build_filename (dir, "unknown.db", NULL);
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroContext) context = NULL;
  g_autoptr(GPtrArray) mps = NULL;
  CiroDay from = ciro_today () - 3;
  gboolean present = FALSE;
  CiroProfitPage *prefs_page;
  CiroTariffGroup *group;
  GtkWidget *prefs;

  store = ciro_test_reference_store (path, 600, 30, 23, CIRO_DAY_INVALID, 60);
  mps = ciro_store_list_marketplaces (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < mps->len; i++)
    present |= g_str_equal (((CiroMarketplaceSettings *) mps->pdata[i])->name, CIRO_MARKETPLACE_UNKNOWN);
  if (!present)
    g_assert_true (ciro_store_set_marketplace (store, CIRO_MARKETPLACE_UNKNOWN, 0, 0, &error));
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, CIRO_MARKETPLACE_UNKNOWN, "Ev", from,
                                      500, &error));
  g_assert_true (ciro_store_set_tariff (store, "Yurtiçi Kargo", CIRO_MARKETPLACE_UNKNOWN, from, 1250, &error));
  g_assert_no_error (error);

  context = ciro_context_new (path);
  prefs = ciro_preferences_window_new (NULL, context);
  gtk_window_present (GTK_WINDOW (prefs));
  prefs_page = find_profit_page (prefs);
  group = find_of_type (prefs, CIRO_TYPE_TARIFF_GROUP);
  g_assert_nonnull (prefs_page);
  g_assert_nonnull (group);
  g_assert_true (ciro_test_wait_until (page_idle, prefs_page, 60));
  g_assert_true (ciro_test_wait_until (group_idle, group, 60));
  /* the fee row, the service fee row, the rule row, the tariff row */
  g_assert_cmpuint (count_unknown (prefs), >=, 4);

  {
    g_autofree char *key = g_strconcat ("service_fee.", CIRO_MARKETPLACE_UNKNOWN, NULL);
    CiroRateDialog *d = ciro_profit_page_open (prefs_page, key);
    gtk_window_present (GTK_WINDOW (d));
    g_assert_cmpuint (count_unknown (GTK_WIDGET (d)), >=, 1);
    gtk_window_destroy (GTK_WINDOW (d));
  }
  {
    g_autofree char *key = g_strconcat (CIRO_SETTING_COMMISSION_PREFIX, CIRO_MARKETPLACE_UNKNOWN, ".ev", NULL);
    CiroRateDialog *d = ciro_profit_page_open (prefs_page, key);
    g_assert_nonnull (d);
    gtk_window_present (GTK_WINDOW (d));
    g_assert_cmpuint (count_unknown (GTK_WIDGET (d)), >=, 1);
    gtk_window_destroy (GTK_WINDOW (d));
  }
  {
    CiroRateDialog *d = ciro_profit_page_open (prefs_page, NULL);
    gtk_window_present (GTK_WINDOW (d));
    ciro_rate_dialog_fill (d, CIRO_MARKETPLACE_UNKNOWN, NULL, NULL, NULL);
    g_assert_cmpuint (count_unknown (GTK_WIDGET (d)), >=, 1);
    gtk_window_destroy (GTK_WINDOW (d));
  }
  {
    CiroTariffDialog *d = ciro_tariff_group_open (group, "yurtici");
    g_auto(GStrv) history = NULL;

    gtk_window_present (GTK_WINDOW (d));
    history = ciro_tariff_dialog_get_history (d);
    g_assert_cmpuint (g_strv_length (history), ==, 1);
    g_assert_nonnull (strstr (history[0], ciro_marketplace_display (CIRO_MARKETPLACE_UNKNOWN)));
    /* the history row, and the list once its marketplace is picked */
    ciro_tariff_dialog_fill (d, NULL, CIRO_MARKETPLACE_UNKNOWN, NULL, NULL);
    g_assert_cmpuint (count_unknown (GTK_WIDGET (d)), >=, 2);
    gtk_window_destroy (GTK_WINDOW (d));
  }

  gtk_window_destroy (GTK_WINDOW (prefs));
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIRO_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIRO_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  adw_init ();
  dir = ciro_test_tmpdir ("ui-profit");
  g_test_add_func ("/ui-profit/views", test_views);
  g_test_add_func ("/ui-profit/recompute-bar", test_recompute_bar);
  g_test_add_func ("/ui-profit/category-rule", test_category_rule);
  g_test_add_func ("/ui-profit/unknown-marketplace", test_unknown_marketplace);
  rc = g_test_run ();
  g_rmdir (dir);
  return rc;
}
