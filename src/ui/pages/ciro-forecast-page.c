/* ciro-forecast-page.c: the next 30 days (insights.md §2)
 *
 * Two requests to the report service: the forecast of net revenue and of
 * profit (quick: shown at once), then the backtest (52 weekly refits; its
 * progress in the accuracy row) under an owner of its own, so a reload
 * cancels both and neither blocks the other.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "analytics/ciro-forecast.h"
#include "analytics/ciro-report-service.h"
#include "charts/ciro-chart-view.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "widgets/ciro-kpi-card.h"
#include "widgets/ciro-kpi-grid.h"
#include "ui/ciro-lazy-load.h"
#include "widgets/ciro-vat-view.h"
#include "ciro-forecast-page.h"

#define HORIZON 30

struct _CiroForecastPage
{
  AdwBin          parent_instance;

  CiroContext    *context;
  int             backtest_owner;  /* its address owns the backtest's request */

  /* template */
  GtkStack       *stack;
  AdwStatusPage  *short_page;
  AdwStatusPage  *error_page;
  GtkLabel       *title_label;
  GtkLabel       *subtitle_label;
  GtkWidget      *totals;
  GtkWidget      *chart_card;
  AdwActionRow   *accuracy_row;
  GtkProgressBar *backtest_progress;
  GtkWidget      *details_button;
  GtkGrid        *details_grid;
  GtkListBox     *peaks_list;
  GtkFlowBox     *weekday_box;
  GtkListBox     *seasons_list;

  struct Pair    *pair;            /* the forecasts shown; kept for a flip of the VAT view */
};

G_DEFINE_FINAL_TYPE (CiroForecastPage, ciro_forecast_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_LOADED, SIGNAL_BACKTEST_DONE, N_SIGNALS };
static guint signals[N_SIGNALS];

static const char *weekday_names[] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"), N_("Sunday"),
};

/* ---------------------------------------------------------- the work */

typedef struct Pair {
  CiroForecast *revenue;
  CiroForecast *profit;          /* metrics.md's profit, before KDV settlement */
  CiroForecast *profit_ex_vat;   /* profit.md's, after it */
} Pair;

static void
pair_free (gpointer data)
{
  Pair *p = data;
  ciro_forecast_free (p->revenue);
  ciro_forecast_free (p->profit);
  ciro_forecast_free (p->profit_ex_vat);
  g_free (p);
}

static gpointer
forecast_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autofree Pair *p = g_new0 (Pair, 1);
  CiroDay today = ciro_today ();

  p->revenue = ciro_report_forecast (store, today, NULL, CIRO_FORECAST_NET_REVENUE, HORIZON, FALSE,
                                     NULL, NULL, cancellable, error);
  if (p->revenue == NULL)
    return NULL;
  /* both profits: the page shows the one the VAT view asks for, and
   * follows a flip without reading the store again */
  p->profit = ciro_report_forecast (store, today, NULL, CIRO_FORECAST_PROFIT, HORIZON, FALSE,
                                    NULL, NULL, cancellable, error);
  if (p->profit != NULL)
    p->profit_ex_vat = ciro_report_forecast (store, today, NULL, CIRO_FORECAST_PROFIT_EX_VAT, HORIZON, FALSE,
                                             NULL, NULL, cancellable, error);
  if (p->profit == NULL || p->profit_ex_vat == NULL)
    {
      pair_free (g_steal_pointer (&p));
      return NULL;
    }
  return g_steal_pointer (&p);
}

typedef struct {
  CiroForecastPage *page;
  double            fraction;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *p = data;
  g_object_unref (p->page);
  g_free (p);
}

static gboolean
progress_shown (gpointer data)
{
  Progress *p = data;

  if (p->page->context != NULL)
    gtk_progress_bar_set_fraction (p->page->backtest_progress, p->fraction);
  return G_SOURCE_REMOVE;
}

/* On the worker: handed to the main loop. */
static void
backtest_progress (double fraction, gpointer data)
{
  Progress *p = g_new0 (Progress, 1);

  p->page = g_object_ref (data);
  p->fraction = fraction;
  g_idle_add_full (G_PRIORITY_DEFAULT, progress_shown, p, progress_free);
}

static gpointer
backtest_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return ciro_report_forecast (store, ciro_today (), NULL, CIRO_FORECAST_NET_REVENUE, HORIZON, TRUE,
                               backtest_progress, data, cancellable, error);
}

/* ---------------------------------------------------------- showing */

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
times (double x)
{
  g_autofree char *n = ciro_number_format (x, 2, ciro_number_style_from_locale ());
  /* TRANSLATORS: a multiple of a normal day, "×2,41" */
  return g_strdup_printf (_("×%s"), n);
}

static GtkWidget *
total_card (const char *title, double total, double low, double high)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GtkWidget *card = ciro_kpi_card_new (title);
  g_autofree char *value = ciro_money_format ((CiroKurus) llround (total), style);
  /* compact: the band must fit a card at phone width */
  g_autofree char *lo = ciro_money_format_compact ((CiroKurus) llround (low), style);
  g_autofree char *hi = ciro_money_format_compact ((CiroKurus) llround (high), style);
  /* TRANSLATORS: under a 30-day forecast: its 80 % interval */
  g_autofree char *detail = g_strdup_printf (_("80 %% likely between %s and %s"), lo, hi);

  ciro_kpi_card_set (CIRO_KPI_CARD (card), value, detail, NAN, FALSE, NULL);
  return card;
}

static void
fill_totals (CiroForecastPage *self, const Pair *p)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  const CiroForecast *r = p->revenue;
  gboolean after_vat = ciro_vat_view_get (ciro_context_get_settings (self->context));
  const CiroForecast *profit = after_vat ? p->profit_ex_vat : p->profit;
  GtkWidget *card;

  ciro_kpi_grid_remove_all (CIRO_KPI_GRID (self->totals));
  ciro_kpi_grid_append (CIRO_KPI_GRID (self->totals),
                        total_card (_("Net revenue"), r->total, r->total_low, r->total_high));
  ciro_kpi_grid_append (CIRO_KPI_GRID (self->totals),
                        total_card (after_vat ? _("Profit after VAT") : _("Profit"),
                                    profit->total, profit->total_low, profit->total_high));

  card = ciro_kpi_card_new (_("The same days last year"));
  if (r->has_last_year)
    {
      g_autofree char *rev = ciro_money_format ((CiroKurus) llround (r->last_year_total), style);
      g_autofree char *pr = ciro_money_format ((CiroKurus) llround (profit->last_year_total), style);
      g_autofree char *detail = g_strdup_printf (_("profit %s"), pr);
      double change = r->last_year_total > 0 ? (r->total - r->last_year_total) / r->last_year_total * 100 : NAN;

      ciro_kpi_card_set (CIRO_KPI_CARD (card), rev, detail, change, FALSE,
                         _("The forecast against the same days last year"));
    }
  else
    ciro_kpi_card_set (CIRO_KPI_CARD (card), "—", _("The store is younger than a year"), NAN, FALSE, NULL);
  ciro_kpi_grid_append (CIRO_KPI_GRID (self->totals), card);

  card = ciro_kpi_card_new (_("Trend"));
  if (r->has_trend)
    {
      g_autofree char *pct = ciro_percent_format (r->trend_pct, 1, style);
      /* insights.md: ↑ above +3 %, ↓ below −3 %, → otherwise */
      const char *arrow = r->trend_pct > 3 ? "↑" : r->trend_pct < -3 ? "↓" : "→";
      g_autofree char *value = g_strdup_printf ("%s %s%s", arrow, r->trend_pct > 0 ? "+" : "", pct);

      ciro_kpi_card_set (CIRO_KPI_CARD (card), value, _("net revenue, the last 28 days against the 28 before"),
                         NAN, FALSE, NULL);
    }
  else
    ciro_kpi_card_set (CIRO_KPI_CARD (card), "—", _("no sales in the 28 days before"), NAN, FALSE, NULL);
  ciro_kpi_grid_append (CIRO_KPI_GRID (self->totals), card);
}

/* The last 90 days and the next 30 as one line chart, the forecast's 80 %
 * band shaded; the forecast starts from the last actual day. */
static void
fill_chart (CiroForecastPage *self, const CiroForecast *r)
{
  guint nh = r->history->len, nf = r->days->len, n = nh + nf;
  g_autofree double *actual = g_new (double, n), *forecast = g_new (double, n);
  g_autofree double *low = g_new (double, n), *high = g_new (double, n);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  CiroChart *chart = ciro_chart_new (CIRO_CHART_LINE);
  GtkWidget *view = ciro_chart_view_new ();
  GtkWidget *child;

  for (guint i = 0; i < n; i++)
    {
      const CiroForecastDay *d = i < nh ? &g_array_index (r->history, CiroForecastDay, i)
                                        : &g_array_index (r->days, CiroForecastDay, i - nh);
      int y, m, dd;

      ciro_day_to_ymd (d->date, &y, &m, &dd);
      g_ptr_array_add (labels, g_strdup_printf ("%02d.%02d", dd, m));
      actual[i] = i < nh ? d->value : NAN;
      forecast[i] = i >= nh || i + 1 == nh ? d->value : NAN;
      low[i] = i >= nh ? d->low : NAN;
      high[i] = i >= nh ? d->high : NAN;
    }
  ciro_chart_set_title (chart, _("Net revenue: the last 90 days and the next 30"));
  ciro_chart_set_labels (chart, (const char * const *) labels->pdata, n);
  ciro_chart_add_series (chart, _("Actual"), actual, n, TRUE);
  ciro_chart_add_series (chart, _("Forecast"), forecast, n, TRUE);
  ciro_chart_set_band (chart, low, high, n);
  ciro_chart_view_set_chart (CIRO_CHART_VIEW (view), chart);
  gtk_widget_set_name (view, "forecast-chart");
  gtk_widget_set_size_request (view, -1, 260);
  while ((child = gtk_widget_get_first_child (self->chart_card)) != NULL)
    gtk_box_remove (GTK_BOX (self->chart_card), child);
  gtk_box_append (GTK_BOX (self->chart_card), view);
}

static void
fill_peaks (CiroForecastPage *self, const CiroForecast *r)
{
  clear_list (self->peaks_list);
  for (guint i = 0; i < r->peaks->len; i++)
    {
      const CiroForecastPeak *p = &g_array_index (r->peaks, CiroForecastPeak, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = NULL;
      g_autofree char *date = ciro_day_to_string (p->date);
      GtkWidget *when = gtk_label_new (date);

      if (p->days_until == 0)
        /* TRANSLATORS: a coming peak: "11.11 today" */
        title = g_strdup_printf (_("%s today"), ciro_event_name (p->kind));
      else
        /* TRANSLATORS: a coming peak: "11.11 in 6 days" */
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s in %d day", "%s in %d days",
                                              (gulong) p->days_until),
                                 ciro_event_name (p->kind), p->days_until);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (p->has_last_year)
        {
          g_autofree char *x = times (p->last_year_ratio);
          /* TRANSLATORS: "last year ×2,40 a normal Tuesday" */
          g_autofree char *sub = g_strdup_printf (_("last year %s a normal %s"), x,
                                                  _(weekday_names[ciro_day_weekday (p->last_year_date)]));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
        }
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("not in the store’s history yet"));
      gtk_widget_add_css_class (when, "dim-label");
      gtk_widget_add_css_class (when, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), when);
      gtk_list_box_append (self->peaks_list, row);
    }
  if (r->peaks->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No special days in the next 30"));
      gtk_list_box_append (self->peaks_list, row);
    }
}

static void
fill_weekdays (CiroForecastPage *self, const CiroForecast *r)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->weekday_box))) != NULL)
    gtk_flow_box_remove (self->weekday_box, child);
  for (int d = 0; d < 7; d++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = gtk_label_new (_(weekday_names[d]));
      g_autofree char *x = times (r->fit.weekday[d]);
      GtkWidget *value = gtk_label_new (x);

      gtk_widget_add_css_class (box, "card");
      gtk_widget_set_margin_top (name, 8);
      gtk_widget_add_css_class (name, "caption");
      gtk_widget_add_css_class (value, "title-4");
      gtk_widget_add_css_class (value, "numeric");
      gtk_widget_set_margin_bottom (value, 8);
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), value);
      gtk_flow_box_append (self->weekday_box, box);
    }
}

static int
season_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  const CiroForecastFit *fit = data;
  double x = fabs (log (fit->event[*(const int *) a])), y = fabs (log (fit->event[*(const int *) b]));
  return x > y ? -1 : x < y ? 1 : 0;
}

/* The calendar's days as the fit found them, the strongest first. */
static void
fill_seasons (CiroForecastPage *self, const CiroForecast *r)
{
  int kinds[CIRO_EVENT_N];
  guint n = 0;

  clear_list (self->seasons_list);
  for (int e = 0; e < CIRO_EVENT_N; e++)
    if (r->fit.event_days[e] > 0)
      kinds[n++] = e;
  g_qsort_with_data (kinds, (gint) n, sizeof (int), season_compare, (gpointer) &r->fit);
  for (guint i = 0; i < n; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *x = times (r->fit.event[kinds[i]]);
      GtkWidget *value = gtk_label_new (x);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ciro_event_name (kinds[i]));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   r->fit.event[kinds[i]] >= 1 ? _("sells more than a normal day")
                                                               : _("sells less than a normal day"));
      gtk_widget_add_css_class (value, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
      gtk_list_box_append (self->seasons_list, row);
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No special day in the history yet"));
      gtk_list_box_append (self->seasons_list, row);
    }
}

static void
fill (CiroForecastPage *self, const Pair *p)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  const CiroForecast *r = p->revenue;
  g_autofree char *from = ciro_day_to_string (r->first_day);
  g_autofree char *to = ciro_day_to_string (r->last_day);
  g_autofree char *days = ciro_count_format (r->last_day - r->first_day + 1, style);
  g_autofree char *sub = NULL;

  gtk_label_set_text (self->title_label, _("The Next 30 Days"));
  /* TRANSLATORS: under the forecast's title: the history it learnt from */
  sub = g_strdup_printf (_("Forecast from %s days of sales, %s to %s; today is not counted until it is over."),
                         days, from, to);
  gtk_label_set_text (self->subtitle_label, sub);
  fill_totals (self, p);
  fill_chart (self, r);
  fill_peaks (self, r);
  fill_weekdays (self, r);
  fill_seasons (self, r);
}

static void
details_cell (CiroForecastPage *self, const char *text, int column, int row, gboolean heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0 : 1);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (self->details_grid, label, column, row, 1, 1);
}

static void
fill_backtest (CiroForecastPage *self, const CiroBacktest *bt)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GtkWidget *child;

  gtk_widget_set_visible (GTK_WIDGET (self->backtest_progress), FALSE);
  if (bt->origins == 0 || !bt->model.available)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->accuracy_row),
                                     _("Not enough history to check the forecast yet"));
      adw_action_row_set_subtitle (self->accuracy_row,
                                   _("A check needs 90 days of sales before each of the past forecasts."));
      gtk_widget_set_visible (self->details_button, FALSE);
      return;
    }
  {
    g_autofree char *x = ciro_percent_format (bt->model.total_error, 0, style);
    g_autofree char *title = g_strdup_printf (_("Usually within ±%s"), x);
    g_autofree char *wape = ciro_percent_format (bt->model.wape, 0, style);
    g_autofree char *cover = ciro_percent_format (bt->model.coverage, 0, style);
    g_autofree char *n = ciro_count_format (bt->origins, style);
    /* TRANSLATORS: the backtest in plain words */
    g_autofree char *sub = g_strdup_printf (_("Checked against %s past 30-day forecasts, one a week: the total was "
                                              "off by %s on average, a single day by %s, and %s of the days fell "
                                              "inside the 80 %% band."), n, x, wape, cover);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->accuracy_row), title);
    adw_action_row_set_subtitle (self->accuracy_row, sub);
  }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->details_grid))) != NULL)
    gtk_grid_remove (self->details_grid, child);
  details_cell (self, _("Method"), 0, 0, TRUE);
  details_cell (self, _("Daily error"), 1, 0, TRUE);
  details_cell (self, _("Total error"), 2, 0, TRUE);
  details_cell (self, _("In the band"), 3, 0, TRUE);
  for (int i = -1; i < CIRO_BASELINE_N; i++)
    {
      const CiroForecastScore *s = i < 0 ? &bt->model : &bt->baseline[i];
      double v[3] = { s->wape, s->total_error, s->coverage };

      details_cell (self, i < 0 ? _("Ciro's forecast") : ciro_baseline_name (i), 0, i + 2, i < 0);
      for (int c = 0; c < 3; c++)
        {
          g_autofree char *t = s->available ? ciro_percent_format (v[c], 1, style) : g_strdup ("—");
          details_cell (self, t, c + 1, i + 2, FALSE);
        }
    }
  gtk_widget_set_visible (self->details_button, TRUE);
}

/* ---------------------------------------------------------- loading */

static void
backtest_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CiroForecastPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroForecast) fc = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (fc == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->backtest_progress), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->accuracy_row), error->message);
    }
  else
    fill_backtest (self, fc->backtest);
  g_signal_emit (self, signals[SIGNAL_BACKTEST_DONE], 0);
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CiroForecastPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Pair *p = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                           /* a newer load replaced it, or the page is gone */
  if (p == NULL && error->domain == CIRO_FORECAST_ERROR)
    {
      adw_status_page_set_description (self->short_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "short");
    }
  else if (p == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      fill (self, p);
      g_clear_pointer (&self->pair, pair_free);
      self->pair = p;
      gtk_stack_set_visible_child_name (self->stack, "data");
      /* then how far such forecasts missed, off the main thread */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->accuracy_row),
                                     _("Checking the forecast against the past year…"));
      adw_action_row_set_subtitle (self->accuracy_row, "");
      gtk_widget_set_visible (self->details_button, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->backtest_progress), TRUE);
      gtk_progress_bar_set_fraction (self->backtest_progress, 0);
      ciro_report_service_run_async (ciro_context_get_reports (self->context), &self->backtest_owner,
                                     backtest_run, g_object_ref (self), g_object_unref,
                                     (GDestroyNotify) ciro_forecast_free, NULL, backtest_loaded,
                                     g_object_ref (self));
    }
  /* what the worker held while it computed goes back to the system */
  ciro_context_release_memory (self->context);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
ciro_forecast_page_reload (CiroForecastPage *self)
{
  g_return_if_fail (CIRO_IS_FORECAST_PAGE (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "data") != 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_report_service_cancel (ciro_context_get_reports (self->context), &self->backtest_owner);
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, forecast_run, NULL, NULL,
                                 pair_free, NULL, loaded, g_object_ref (self));
}

const char *
ciro_forecast_page_get_state (CiroForecastPage *self)
{
  g_return_val_if_fail (CIRO_IS_FORECAST_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* ---------------------------------------------------------- the object */

static void
vat_view_changed (CiroForecastPage *self)
{
  if (self->pair != NULL && self->context != NULL)
    fill_totals (self, self->pair);
}

static void
ciro_forecast_page_constructed (GObject *object)
{
  CiroForecastPage *self = CIRO_FORECAST_PAGE (object);

  G_OBJECT_CLASS (ciro_forecast_page_parent_class)->constructed (object);
  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (ciro_lazy_load_request), self,
                           G_CONNECT_SWAPPED);
  /* loaded when first shown, and again when shown after a change */
  ciro_lazy_load_setup (GTK_WIDGET (self), (CiroLoadFunc) ciro_forecast_page_reload);
  /* the profit shown follows the VAT view, from the forecasts already made */
  ciro_vat_view_connect (ciro_context_get_settings (self->context), G_CALLBACK (vat_view_changed), self);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->totals)),
                              ciro_vat_view_label_new (ciro_context_get_settings (self->context)),
                              GTK_WIDGET (self->subtitle_label));
}

static void
ciro_forecast_page_dispose (GObject *object)
{
  CiroForecastPage *self = CIRO_FORECAST_PAGE (object);

  if (self->context != NULL)
    {
      ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
      ciro_report_service_cancel (ciro_context_get_reports (self->context), &self->backtest_owner);
    }
  g_clear_object (&self->context);
  g_clear_pointer (&self->pair, pair_free);
  G_OBJECT_CLASS (ciro_forecast_page_parent_class)->dispose (object);
}

static void
ciro_forecast_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    CIRO_FORECAST_PAGE (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_forecast_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, CIRO_FORECAST_PAGE (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_forecast_page_class_init (CiroForecastPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ciro_forecast_page_constructed;
  object_class->dispose = ciro_forecast_page_dispose;
  object_class->set_property = ciro_forecast_page_set_property;
  object_class->get_property = ciro_forecast_page_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_BACKTEST_DONE] = g_signal_new ("backtest-done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CIRO_TYPE_KPI_GRID);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-forecast-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, short_page);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, totals);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, chart_card);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, accuracy_row);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, backtest_progress);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, details_button);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, details_grid);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, peaks_list);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, weekday_box);
  gtk_widget_class_bind_template_child (widget_class, CiroForecastPage, seasons_list);
}

static void
ciro_forecast_page_init (CiroForecastPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ciro_forecast_page_new (CiroContext *context)
{
  return g_object_new (CIRO_TYPE_FORECAST_PAGE, "context", context, NULL);
}
