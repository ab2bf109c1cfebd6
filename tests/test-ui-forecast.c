/* test-ui-forecast.c: the Forecast page against the engine
 *
 * A demo store of two years ending on 2026-11-20 ("today" is the 21st):
 * the page's totals, its chart (90 days + 30 with the band), the accuracy
 * row after the backtest, the coming peaks (Black Friday in 6 days) and
 * the weekday profile read back from the widgets and compared with
 * ciro_report_forecast () on the same store; a store of 20 days shows the
 * "not enough history" state. Run in English and, as ui-forecast-tr, in
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

#include "analytics/ciro-forecast.h"
#include "charts/ciro-chart.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "ui/charts/ciro-chart-view.h"
#include "ui/ciro-context.h"
#include "ui/pages/ciro-forecast-page.h"
#include "ui/widgets/ciro-kpi-card.h"
#include "ciro-test-util.h"

static char *dir;
static gboolean turkish;

static void
count (GtkWidget *w, guint *n)
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
}

static void
collect (GtkWidget *w, GType type, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
    g_ptr_array_add (out, w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect (c, type, out);
}

static GPtrArray *
all_of (GtkWidget *root, GType type)
{
  GPtrArray *out = g_ptr_array_new ();
  collect (root, type, out);
  return out;
}

static gboolean
has_row (GtkWidget *root, const char *title, const char *subtitle)
{
  g_autoptr(GPtrArray) rows = all_of (root, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    {
      const char *t = adw_preferences_row_get_title (rows->pdata[i]);
      const char *s = adw_action_row_get_subtitle (rows->pdata[i]);
      if (g_strcmp0 (t, title) == 0 && (subtitle == NULL || g_strcmp0 (s, subtitle) == 0))
        return TRUE;
    }
  for (guint i = 0; i < rows->len; i++)
    g_test_message ("row: %s / %s", adw_preferences_row_get_title (rows->pdata[i]),
                    adw_action_row_get_subtitle (rows->pdata[i]));
  return FALSE;
}

static char *
money (double v)
{
  return ciro_money_format ((CiroKurus) llround (v), ciro_number_style_from_locale ());
}

static void
test_page (void)
{
  g_autofree char *path = g_build_filename (dir, "forecast.db", NULL);
  CiroDay end = ciro_day_from_ymd (2026, 11, 20);
  g_autoptr(CiroStore) store = ciro_test_reference_store (path, 30000, 60, 5, end, 730);
  g_autoptr(CiroContext) context = ciro_context_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroForecast) rev = NULL, profit = NULL, profit_ex_vat = NULL;
  g_autoptr(GPtrArray) cards = NULL, views = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = ciro_forecast_page_new (context);
  guint loaded = 0, done = 0;

  rev = ciro_report_forecast (store, end + 1, NULL, CIRO_FORECAST_NET_REVENUE, 30, TRUE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  profit = ciro_report_forecast (store, end + 1, NULL, CIRO_FORECAST_PROFIT, 30, FALSE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  profit_ex_vat = ciro_report_forecast (store, end + 1, NULL, CIRO_FORECAST_PROFIT_EX_VAT, 30, FALSE, NULL, NULL, NULL,
                                        &error);
  g_assert_no_error (error);
  /* the two views differ on this store, so the page's choice shows */
  g_assert_cmpfloat (fabs (profit->total - profit_ex_vat->total), >, 100.0);

  g_signal_connect (page, "loaded", G_CALLBACK (count), &loaded);
  g_signal_connect (page, "backtest-done", G_CALLBACK (count), &done);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 900);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_count (&loaded, 1);
  g_assert_cmpstr (ciro_forecast_page_get_state (CIRO_FORECAST_PAGE (page)), ==, "data");

  /* the totals: net revenue, profit, last year, trend */
  cards = all_of (page, CIRO_TYPE_KPI_CARD);
  g_assert_cmpuint (cards->len, ==, 4);
  {
    g_autofree char *t = money (rev->total), *p = money (profit_ex_vat->total), *ly = money (rev->last_year_total);
    g_autofree char *lo = ciro_money_format_compact ((CiroKurus) llround (rev->total_low), ciro_number_style_from_locale ());
    g_autofree char *hi = ciro_money_format_compact ((CiroKurus) llround (rev->total_high), ciro_number_style_from_locale ());
    const char *detail;

    g_assert_cmpstr (ciro_kpi_card_get_title (cards->pdata[0]), ==, turkish ? "Net Ciro" : "Net revenue");
    g_assert_cmpstr (ciro_kpi_card_get_value (cards->pdata[0]), ==, t);
    /* the profit after KDV settlement by default, as on every page */
    g_assert_cmpstr (ciro_kpi_card_get_title (cards->pdata[1]), ==, turkish ? "KDV Sonrası Kâr" : "Profit after VAT");
    g_assert_cmpstr (ciro_kpi_card_get_value (cards->pdata[1]), ==, p);
    g_assert_cmpstr (ciro_kpi_card_get_value (cards->pdata[2]), ==, ly);
    /* the band in words under the total */
    {
      g_autoptr(GPtrArray) labels = all_of (cards->pdata[0], GTK_TYPE_LABEL);
      gboolean found = FALSE;
      for (guint i = 0; i < labels->len; i++)
        {
          detail = gtk_label_get_text (labels->pdata[i]);
          found |= strstr (detail, lo) != NULL && strstr (detail, hi) != NULL;
        }
      g_assert_true (found);
    }
    g_assert_true (g_str_has_prefix (ciro_kpi_card_get_value (cards->pdata[3]),
                                     rev->trend_pct > 3 ? "↑" : rev->trend_pct < -3 ? "↓" : "→"));
  }

  /* the VAT view flipped: the profit before KDV settlement, from the
   * forecasts already made (no load), and back */
  {
    GSettings *settings = ciro_context_get_settings (context);
    g_autofree char *before = money (profit->total), *after = money (profit_ex_vat->total);
    guint loads = loaded;
    g_autoptr(GPtrArray) flipped = NULL;

    g_settings_set_boolean (settings, "analytics-after-vat", FALSE);
    flipped = all_of (page, CIRO_TYPE_KPI_CARD);
    g_assert_cmpuint (flipped->len, ==, 4);
    g_assert_cmpstr (ciro_kpi_card_get_title (flipped->pdata[1]), ==, turkish ? "Kâr" : "Profit");
    g_assert_cmpstr (ciro_kpi_card_get_value (flipped->pdata[1]), ==, before);
    g_settings_set_boolean (settings, "analytics-after-vat", TRUE);
    g_clear_pointer (&flipped, g_ptr_array_unref);
    flipped = all_of (page, CIRO_TYPE_KPI_CARD);
    g_assert_cmpstr (ciro_kpi_card_get_value (flipped->pdata[1]), ==, after);
    g_assert_cmpuint (loaded, ==, loads);
  }

  /* the chart: 90 days of history and 30 forecast, the band where the forecast is */
  views = all_of (page, CIRO_TYPE_CHART_VIEW);
  g_assert_cmpuint (views->len, ==, 1);
  {
    const CiroChart *chart = ciro_chart_view_get_chart (views->pdata[0]);
    g_autofree char *tip = NULL;

    g_assert_cmpuint (ciro_chart_get_n_points (chart), ==, 120);
    tip = ciro_chart_point_text (chart, 119, ciro_number_style_from_locale ());
    {
      g_autofree char *v = money (g_array_index (rev->days, CiroForecastDay, 29).value);
      g_test_message ("last point: %s", tip);
      g_assert_nonnull (strstr (tip, v));
    }
  }

  /* the coming peaks: Efsane Cuma on the 27th, with last year's day */
  {
    const CiroForecastPeak *bf = NULL;
    g_autofree char *x = NULL, *title = NULL, *sub = NULL;

    for (guint i = 0; i < rev->peaks->len; i++)
      if (g_array_index (rev->peaks, CiroForecastPeak, i).kind == CIRO_EVENT_BLACK_FRIDAY)
        bf = &g_array_index (rev->peaks, CiroForecastPeak, i);
    g_assert_nonnull (bf);
    g_assert_true (bf->has_last_year);
    x = ciro_number_format (bf->last_year_ratio, 2, ciro_number_style_from_locale ());
    title = g_strdup (turkish ? "Efsane Cuma, 6 gün sonra" : "Black Friday in 6 days");
    sub = turkish ? g_strdup_printf ("geçen yıl normal bir Cuma gününe göre ×%s", x)
                  : g_strdup_printf ("last year ×%s a normal Friday", x);
    g_assert_true (has_row (page, title, sub));
  }

  /* the weekday profile: Monday's index as the fit found it */
  {
    g_autoptr(GPtrArray) labels = all_of (page, GTK_TYPE_LABEL);
    g_autofree char *mon = ciro_number_format (rev->fit.weekday[0], 2, ciro_number_style_from_locale ());
    g_autofree char *want = g_strdup_printf ("×%s", mon);
    gboolean found = FALSE;

    for (guint i = 0; i < labels->len; i++)
      found |= g_strcmp0 (gtk_label_get_text (labels->pdata[i]), want) == 0;
    g_assert_true (found);
  }

  /* the backtest, off the main thread: "usually within ±X %" */
  wait_count (&done, 1);
  {
    g_autofree char *x = ciro_percent_format (rev->backtest->model.total_error, 0,
                                              ciro_number_style_from_locale ());
    g_autofree char *title = g_strdup_printf (turkish ? "Genellikle ±%s içinde" : "Usually within ±%s", x);
    g_assert_true (has_row (page, title, NULL));
  }

  g_signal_handlers_disconnect_by_data (page, &loaded);
  g_signal_handlers_disconnect_by_data (page, &done);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

static void
test_short_history (void)
{
  g_autofree char *path = g_build_filename (dir, "short.db", NULL);
  CiroDay end = ciro_day_from_ymd (2026, 11, 20);
  g_autoptr(CiroStore) store = ciro_test_reference_store (path, 400, 20, 5, end, 20);
  g_autoptr(CiroContext) context = ciro_context_new (path);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = ciro_forecast_page_new (context);
  g_autoptr(GPtrArray) status = NULL;
  guint loaded = 0;

  g_signal_connect (page, "loaded", G_CALLBACK (count), &loaded);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_count (&loaded, 1);
  g_assert_cmpstr (ciro_forecast_page_get_state (CIRO_FORECAST_PAGE (page)), ==, "short");
  status = all_of (page, ADW_TYPE_STATUS_PAGE);
  {
    gboolean found = FALSE;
    for (guint i = 0; i < status->len; i++)
      {
        const char *d = adw_status_page_get_description (status->pdata[i]);
        if (d != NULL && strstr (d, turkish ? "Tahmin için yeterli geçmiş yok" : "Not enough history") != NULL &&
            strstr (d, "20") != NULL)
          found = TRUE;
      }
    g_assert_true (found);
  }
  /* no chart, no figures presented as a forecast */
  {
    g_autoptr(GPtrArray) views = all_of (page, CIRO_TYPE_CHART_VIEW);
    g_assert_cmpuint (views->len, ==, 0);
  }
  g_signal_handlers_disconnect_by_data (page, &loaded);
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

int
main (int argc, char *argv[])
{
  int rc;

  /* "today" for the page is the day after the stores' last */
  g_setenv ("CIRO_NOW", "2026-11-21 12:00:00", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIRO_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIRO_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      turkish = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "tr");
    }
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  adw_init ();
  dir = ciro_test_tmpdir ("ui-forecast");
  g_test_add_func ("/ui-forecast/page", test_page);
  g_test_add_func ("/ui-forecast/short-history", test_short_history);
  rc = g_test_run ();
  g_rmdir (dir);
  return rc;
}
