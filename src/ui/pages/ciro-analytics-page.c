/* ciro-analytics-page.c: figures for a range and a marketplace
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "analytics/ciro-range.h"
#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "widgets/ciro-figure-row.h"
#include "widgets/ciro-kpi-card.h"
#include "widgets/ciro-kpi-grid.h"
#include "widgets/ciro-marketplace-name.h"
#include "charts/ciro-chart-view.h"
#include "ciro-analytics-page.h"

enum { KPI_ORDERS, KPI_GROSS, KPI_NET, KPI_PROFIT, KPI_PROFIT_EX_VAT, KPI_VAT, KPI_ROI, KPI_OPERATING, N_KPIS };
static const char *kpi_keys[N_KPIS] = { "net_orders", "gross_revenue", "net_revenue", "profit",
                                        "profit_ex_vat", "vat_payable", "roi_pct", "operating_profit" };

/* The palette colour of each part of the money, the same in the cost
 * breakdown, its donut and the daily columns (chart-swatch-N). */
enum {
  COLOR_COST = 0, COLOR_PROFIT = 1, COLOR_COMMISSION = 2, COLOR_CANCELLED = 3, COLOR_ADS = 4,
  COLOR_VAT = 5, COLOR_SHIPPING = 6, COLOR_FEES = 7, COLOR_FEE_VAT = 8, COLOR_EXPENSES = 9,
};

typedef struct {
  const char *key;      /* the summary key, for tests */
  const char *title;
  CiroKurus   value;
  guint       color;
} Part;

struct _CiroAnalyticsPage
{
  AdwBin          parent_instance;

  CiroContext    *context;

  CiroRangePreset preset;
  CiroCompareBasis basis;            /* the period before, or the same days last year */
  CiroDay         from, to;          /* the range shown */
  char           *marketplace;       /* NULL = all */
  gboolean        daily_counts;      /* daily chart: orders/units instead of money */
  gboolean        after_vat;         /* profit.md's figures after KDV settlement, else metrics.md's */
  gboolean        updating;          /* filters being set from code */
  gboolean        binding;           /* the saved filters being read: no load yet */

  /* template */
  GtkStack       *stack;             /* loading / empty / error / data */
  AdwStatusPage  *error_page;
  GtkWidget      *filter_box;
  GtkWidget      *money_box;
  GtkDropDown    *range_drop;
  GtkStringList  *range_names;
  GtkMenuButton  *custom_button;
  GtkCalendar    *cal_from;
  GtkCalendar    *cal_to;
  GtkDropDown    *mp_drop;
  GtkStringList  *mp_names;
  GtkToggleButton *last_year_toggle;
  GtkToggleButton *after_vat_toggle;
  GtkToggleButton *before_vat_toggle;
  GtkLabel       *commission_note;
  GtkLabel       *range_label;
  GtkWidget      *warning;
  GtkLabel       *warning_label;
  GtkWidget      *kpi_flow;
  GtkToggleButton *counts_toggle;
  GtkWidget      *daily_table;
  GtkWidget      *cost_list;
  GtkWidget      *mp_box;            /* holds the marketplace bars */
  GtkWidget      *mp_list;
  GtkWidget      *daily_chart;
  GtkWidget      *cost_chart;
  GtkWidget      *mp_chart;

  GtkWidget      *kpis[N_KPIS];
  GtkWidget      *sparks[N_KPIS];

  CiroAnalyticsReport *data;         /* the figures shown */
};

G_DEFINE_FINAL_TYPE (CiroAnalyticsPage, ciro_analytics_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_CONTEXT, PROP_RANGE, PROP_MARKETPLACE, PROP_AFTER_VAT, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_LOADED, SIGNAL_MAP_SKUS, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------- loading */

/* ---------------------------------------------------------- showing */

static char *
day_label (CiroDay day, gboolean with_year)
{
  int y, m, dd;
  g_autoptr(GDateTime) dt = NULL;

  ciro_day_to_ymd (day, &y, &m, &dd);
  dt = g_date_time_new_local (y, m, dd, 12, 0, 0);
  /* TRANSLATORS: a day in a range, e.g. "5 Nov"; strftime format */
  return g_date_time_format (dt, with_year ? _("%-d %b %Y") : _("%-d %b"));
}

static char *
range_text (CiroDay from, CiroDay to)
{
  int fy, ty, m, d;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  ciro_day_to_ymd (from, &fy, &m, &d);
  ciro_day_to_ymd (to, &ty, &m, &d);
  if (from == to)
    return day_label (from, TRUE);
  a = day_label (from, fy != ty);
  b = day_label (to, TRUE);
  /* TRANSLATORS: a date range, "5 Nov – 4 Dec 2026" */
  return g_strdup_printf (_("%s – %s"), a, b);
}

/* `key` names the row whatever the language (its widget name). */
static GtkWidget *
add_row (GtkWidget *list, const char *key, const char *title, const char *subtitle, const char *value,
         const char *css)
{
  GtkWidget *row = ciro_figure_row_new (title, subtitle, value, css);

  if (key != NULL)
    gtk_widget_set_name (row, key);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static char *
share_of (CiroKurus part, CiroKurus whole, CiroNumberStyle style)
{
  g_autofree char *pct = NULL;

  if (whole <= 0)
    return NULL;
  pct = ciro_percent_format ((double) part / (double) whole * 100.0, 1, style);
  /* TRANSLATORS: "12,5 % of gross revenue" */
  return g_strdup_printf (_("%s of gross revenue"), pct);
}

/* Where the gross revenue went, the last part what is left. Before KDV
 * (metrics.md): cost and fees as paid, KDV inside them. After KDV
 * (profit.md): the KDV paid on the fees and the KDV owed to the state come
 * out of the profit, and so do ad spend and other expenses; the parts
 * still add up to the gross revenue. Returns the number of parts. */
static guint
money_parts (const CiroSummary *s, gboolean after_vat, Part parts[10])
{
  guint n = 0;

  parts[n++] = (Part) { "product_cost", _("Product cost"), s->product_cost, COLOR_COST };
  parts[n++] = (Part) { "commission", _("Commission"), s->commission, COLOR_COMMISSION };
  parts[n++] = (Part) { "shipping_expense", _("Shipping expense"), s->shipping_expense, COLOR_SHIPPING };
  if (after_vat)
    {
      parts[n++] = (Part) { "service_fees", _("Service fees"), s->service_fees, COLOR_FEES };
      parts[n++] = (Part) { "fees_vat", _("VAT on fees"), s->fees_vat, COLOR_FEE_VAT };
      parts[n++] = (Part) { "vat_payable", _("VAT payable"), s->vat_payable, COLOR_VAT };
      parts[n++] = (Part) { "ad_spend", _("Ad spend"), s->ad_spend, COLOR_ADS };
      parts[n++] = (Part) { "expenses", _("Other expenses"), s->expenses, COLOR_EXPENSES };
    }
  parts[n++] = (Part) { "cancel_return_revenue", _("Cancellations and returns"), s->cancel_return_revenue, COLOR_CANCELLED };
  if (after_vat)
    parts[n++] = (Part) { "operating_profit", s->operating_profit >= 0 ? _("Operating profit") : _("Operating loss"),
                          s->operating_profit, COLOR_PROFIT };
  else
    parts[n++] = (Part) { "profit", s->profit >= 0 ? _("Profit") : _("Loss"), s->profit, COLOR_PROFIT };
  return n;
}

static void
fill_costs (CiroAnalyticsPage *self, const CiroSummary *s, CiroNumberStyle style)
{
  Part parts[10];
  guint n = money_parts (s, self->after_vat, parts);

  clear_list (self->cost_list);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *v = ciro_money_format (parts[i].value, style);
      g_autofree char *sub = share_of (ABS (parts[i].value), s->gross_revenue, style);
      GtkWidget *row = add_row (self->cost_list, parts[i].key, parts[i].title, sub, v,
                                i == n - 1 ? (parts[i].value >= 0 ? "success" : "error") : NULL);

      /* the donut's colour for this part: the chart has no legend of its own */
      ciro_figure_row_set_swatch (CIRO_FIGURE_ROW (row), parts[i].color);
    }
}

/* profit.md: how much of the commission the marketplaces reported in
 * imported fee files, and how much is estimated from the rates. */
static void
fill_commission_note (CiroAnalyticsPage *self, const CiroSummary *s, CiroNumberStyle style)
{
  g_autofree char *text = NULL;

  if (s->commission <= 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->commission_note), FALSE);
      return;
    }
  if (s->commission_actual <= 0)
    text = g_strdup (_("All of the commission is estimated from your commission rates: no fee file of the marketplaces covers these orders."));
  else if (s->commission_actual >= s->commission)
    {
      g_autofree char *total = ciro_money_format (s->commission, style);
      /* TRANSLATORS: %s is an amount */
      text = g_strdup_printf (_("All of the commission (%s) is what the marketplaces charged, from their imported fee files."), total);
    }
  else
    {
      g_autofree char *actual = ciro_money_format (s->commission_actual, style);
      g_autofree char *total = ciro_money_format (s->commission, style);
      g_autofree char *rest = ciro_money_format (s->commission - s->commission_actual, style);
      g_autofree char *pct = ciro_percent_format ((double) s->commission_actual / (double) s->commission * 100.0, 1, style);
      /* TRANSLATORS: actual amount, total commission, its percentage, the estimated rest */
      text = g_strdup_printf (_("%s of the %s commission (%s) is what the marketplaces charged, from their imported fee files; the other %s is estimated from your commission rates."),
                              actual, total, pct, rest);
    }
  gtk_label_set_text (self->commission_note, text);
  gtk_widget_set_visible (GTK_WIDGET (self->commission_note), TRUE);
}

static void
fill_marketplaces (CiroAnalyticsPage *self, GArray *rows, CiroNumberStyle style)
{
  clear_list (self->mp_list);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroMarketplaceRow *m = &g_array_index (rows, CiroMarketplaceRow, i);
      g_autofree char *net = ciro_money_format (m->s.net_revenue, style);
      g_autofree char *orders = ciro_count_format (m->s.net_orders, style);
      g_autofree char *aov = ciro_money_format (m->s.aov, style);
      /* the profit of the view chosen */
      g_autofree char *profit = ciro_money_format (self->after_vat ? m->s.profit_ex_vat : m->s.profit, style);
      g_autofree char *margin = ciro_percent_format (self->after_vat ? m->s.margin_ex_vat_pct : m->s.margin_pct,
                                                     1, style);
      g_autofree char *share = ciro_percent_format (m->share_pct, 1, style);
      g_autofree char *orders_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders",
                                                                    (gulong) m->s.net_orders), orders);
      /* TRANSLATORS: orders · average basket · profit (margin) · share of net revenue */
      g_autofree char *sub = g_strdup_printf (_("%s · average %s · profit %s (%s) · share %s"),
                                              orders_text, aov, profit, margin, share);
      add_row (self->mp_list, m->marketplace, ciro_marketplace_display (m->marketplace), sub, net,
               self->marketplace && g_str_equal (self->marketplace, m->marketplace) ? "accent" : NULL);
    }
  if (rows->len == 0)
    add_row (self->mp_list, NULL, _("No orders in this range"), NULL, "", NULL);
}

static void
fill_daily_table (CiroAnalyticsPage *self, GArray *daily, CiroNumberStyle style)
{
  /* The best and the worst day, next to the chart: what sellers ask first. */
  CiroDailyRow *best = NULL, *worst = NULL;
  CiroKurus total = 0;

  clear_list (self->daily_table);
  for (guint i = 0; i < daily->len; i++)
    {
      CiroDailyRow *r = &g_array_index (daily, CiroDailyRow, i);
      total += r->s.net_revenue;
      if (best == NULL || r->s.net_revenue > best->s.net_revenue)
        best = r;
      if (worst == NULL || r->s.net_revenue < worst->s.net_revenue)
        worst = r;
    }
  if (best != NULL)
    {
      g_autofree char *bd = day_label (best->date, TRUE);
      g_autofree char *bv = ciro_money_format (best->s.net_revenue, style);
      g_autofree char *wd = day_label (worst->date, TRUE);
      g_autofree char *wv = ciro_money_format (worst->s.net_revenue, style);
      g_autofree char *av = ciro_money_format ((CiroKurus) llround ((double) total / daily->len), style);

      add_row (self->daily_table, "best_day", _("Best day"), bd, bv, NULL);
      add_row (self->daily_table, "weakest_day", _("Weakest day"), wd, wv, NULL);
      add_row (self->daily_table, "daily_average", _("Daily average"), NULL, av, NULL);
    }
}

/* The cards of the view chosen: metrics.md's profit always (before KDV
 * settlement), after KDV profit.md's with the KDV payable, ROI and
 * operating profit first (eight cards: two rows of four). */
static void
show_view_cards (CiroAnalyticsPage *self)
{
  for (guint k = KPI_PROFIT_EX_VAT; k <= KPI_OPERATING; k++)
    gtk_widget_set_visible (self->kpis[k], self->after_vat);
}

static void
update_kpis (CiroAnalyticsPage *self, CiroAnalyticsReport *d, CiroNumberStyle style)
{
  g_autofree char *prev = ciro_range_text (d->prev_from, d->prev_to, ciro_today ());
  /* TRANSLATORS: tooltip of a KPI change, with the comparison range */
  g_autofree char *tip = g_strdup_printf (_("Change against %s"), prev);
  g_autofree char *orders = ciro_count_format (d->cur.net_orders, style);
  g_autofree char *aov_v = ciro_money_format (d->cur.aov, style);
  g_autofree char *aov = g_strdup_printf (_("average %s"), aov_v);
  g_autofree char *gross = ciro_money_format (d->cur.gross_revenue, style);
  g_autofree char *cancel_v = ciro_percent_format (d->cur.return_rate_pct, 1, style);
  g_autofree char *cancel = g_strdup_printf (_("%s cancelled"), cancel_v);
  g_autofree char *net = ciro_money_format (d->cur.net_revenue, style);
  g_autofree char *ship_v = ciro_money_format (d->cur.shipping_income, style);
  g_autofree char *ship = g_strdup_printf (_("shipping %s"), ship_v);
  g_autofree char *profit = ciro_money_format (d->cur.profit, style);
  g_autofree char *margin_v = ciro_percent_format (d->cur.margin_pct, 1, style);
  g_autofree char *margin = g_strdup_printf (_("margin %s"), margin_v);

  ciro_kpi_card_set (CIRO_KPI_CARD (self->kpis[KPI_ORDERS]), orders, aov,
                     ciro_change_pct (d->cur.net_orders, d->prev.net_orders), FALSE, tip);
  ciro_kpi_card_set (CIRO_KPI_CARD (self->kpis[KPI_GROSS]), gross, cancel,
                     ciro_change_pct (d->cur.gross_revenue, d->prev.gross_revenue), FALSE, tip);
  ciro_kpi_card_set (CIRO_KPI_CARD (self->kpis[KPI_NET]), net, ship,
                     ciro_change_pct (d->cur.net_revenue, d->prev.net_revenue), FALSE, tip);
  ciro_kpi_card_set (CIRO_KPI_CARD (self->kpis[KPI_PROFIT]), profit, margin,
                     ciro_change_pct (d->cur.profit, d->prev.profit), FALSE, tip);

  /* profit.md */
  {
    g_autofree char *pex = ciro_money_format (d->cur.profit_ex_vat, style);
    g_autofree char *mex_v = ciro_percent_format (d->cur.margin_ex_vat_pct, 1, style);
    g_autofree char *mex = g_strdup_printf (_("margin %s"), mex_v);
    g_autofree char *vat = ciro_money_format (d->cur.vat_payable, style);
    g_autofree char *out_v = ciro_money_format (d->cur.output_vat, style);
    g_autofree char *in_v = ciro_money_format (d->cur.input_vat, style);
    /* TRANSLATORS: VAT collected on sales, VAT paid on costs and fees */
    g_autofree char *vat_detail = g_strdup_printf (_("%s collected · %s paid"), out_v, in_v);
    g_autofree char *roi = d->cur.has_roi ? ciro_percent_format (d->cur.roi_pct, 1, style) : g_strdup ("—");
    g_autofree char *cost_v = ciro_money_format (d->cur.product_cost_ex_vat, style);
    /* TRANSLATORS: the product cost before VAT that the ROI is measured on */
    g_autofree char *roi_detail = g_strdup_printf (_("on %s cost"), cost_v);
    g_autofree char *op = ciro_money_format (d->cur.operating_profit, style);
    g_autofree char *ads_v = ciro_money_format (d->cur.ad_spend, style);
    g_autofree char *exp_v = ciro_money_format (d->cur.expenses, style);
    /* TRANSLATORS: ad spend and other expenses taken from the profit */
    g_autofree char *op_detail = g_strdup_printf (_("ads %s · expenses %s"), ads_v, exp_v);

    ciro_kpi_card_set (CIRO_KPI_CARD (self->kpis[KPI_PROFIT_EX_VAT]), pex, mex,
                       ciro_change_pct (d->cur.profit_ex_vat, d->prev.profit_ex_vat), FALSE, tip);
    ciro_kpi_card_set (CIRO_KPI_CARD (self->kpis[KPI_VAT]), vat, vat_detail,
                       ciro_change_pct (d->cur.vat_payable, d->prev.vat_payable), TRUE, tip);
    ciro_kpi_card_set (CIRO_KPI_CARD (self->kpis[KPI_ROI]), roi, roi_detail,
                       d->cur.has_roi && d->prev.has_roi ? ciro_change_pct (d->cur.roi_pct, d->prev.roi_pct) : NAN,
                       FALSE, tip);
    ciro_kpi_card_set (CIRO_KPI_CARD (self->kpis[KPI_OPERATING]), op, op_detail,
                       ciro_change_pct (d->cur.operating_profit, d->prev.operating_profit), FALSE, tip);
  }
  show_view_cards (self);
}

static void
update_marketplace_names (CiroAnalyticsPage *self, GPtrArray *names)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->mp_names));
  guint selected = 0;
  gboolean same = n == names->len + 1;

  for (guint i = 0; same && i < names->len; i++)
    same = g_str_equal (gtk_string_list_get_string (self->mp_names, i + 1), names->pdata[i]);
  if (!same)
    {
      g_autoptr(GPtrArray) strv = g_ptr_array_new ();

      g_ptr_array_add (strv, (gpointer) _("All Marketplaces"));
      for (guint i = 0; i < names->len; i++)
        g_ptr_array_add (strv, names->pdata[i]);
      g_ptr_array_add (strv, NULL);
      self->updating = TRUE;
      gtk_string_list_splice (self->mp_names, 0, n, (const char * const *) strv->pdata);
      self->updating = FALSE;
    }
  for (guint i = 0; self->marketplace && i < names->len; i++)
    if (g_str_equal (names->pdata[i], self->marketplace))
      selected = i + 1;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->mp_drop, selected);
  self->updating = FALSE;
}

static void ciro_analytics_page_update_charts (CiroAnalyticsPage *self);

static void
show_data (CiroAnalyticsPage *self, CiroAnalyticsReport *d)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  /* "1–5 Dec · compared with 1–5 Nov": the period metrics.md compares with */
  g_autofree char *label = ciro_range_compare_text (d->from, d->to, d->prev_from, d->prev_to, ciro_today ());

  gtk_label_set_text (self->range_label, label);
  update_marketplace_names (self, d->names);
  update_kpis (self, d, style);
  fill_costs (self, &d->cur, style);
  fill_commission_note (self, &d->cur, style);
  fill_marketplaces (self, d->marketplaces, style);
  fill_daily_table (self, d->daily, style);

  if (d->cur.unmatched_lines > 0)
    {
      g_autofree char *count = ciro_count_format (d->cur.unmatched_lines, style);
      g_autofree char *rev = ciro_money_format (d->cur.unmatched_revenue, style);
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%s line without a known cost (%s revenue): profit is overstated until its SKU is mapped",
                                                            "%s lines without a known cost (%s revenue): profit is overstated until their SKUs are mapped",
                                                            (gulong) d->cur.unmatched_lines), count, rev);
      gtk_label_set_text (self->warning_label, text);
    }
  gtk_widget_set_visible (self->warning, d->cur.unmatched_lines > 0);

  ciro_analytics_report_free (self->data);
  self->data = d;
  ciro_analytics_page_update_charts (self);
  gtk_stack_set_visible_child_name (self->stack, d->has_orders ? "data" : "empty");
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CiroAnalyticsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CiroAnalyticsReport *d = ciro_report_service_analytics_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                           /* a newer load replaced it, or the page is gone */
  if (d == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    show_data (self, d);
  /* the previous report is gone: its memory back to the system */
  ciro_context_release_memory (self->context);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
ciro_analytics_page_reload (CiroAnalyticsPage *self)
{
  CiroReportFilter f;

  g_return_if_fail (CIRO_IS_ANALYTICS_PAGE (self));

  if (self->binding)
    return;                           /* one load once every saved filter is read */
  if (self->preset != CIRO_RANGE_CUSTOM)
    ciro_range_resolve (self->preset, ciro_today (), &self->from, &self->to);
  f = (CiroReportFilter) { self->from, self->to, self->marketplace };
  if (self->data == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_report_service_analytics_compare_async (ciro_context_get_reports (self->context), self, &f, self->preset,
                                               self->basis, NULL, loaded, g_object_ref (self));
}

/* ---------------------------------------------------------- charts */

/* A KPI card's figure in a summary, for its sparkline. */
static double
kpi_value (const CiroSummary *s, guint k)
{
  switch (k)
    {
    case KPI_ORDERS: return (double) s->net_orders;
    case KPI_GROSS: return (double) s->gross_revenue;
    case KPI_NET: return (double) s->net_revenue;
    case KPI_PROFIT: return (double) s->profit;
    case KPI_PROFIT_EX_VAT: return (double) s->profit_ex_vat;
    case KPI_VAT: return (double) s->vat_payable;
    case KPI_ROI: return s->has_roi ? s->roi_pct : NAN;
    case KPI_OPERATING:
    default: return (double) s->operating_profit;
    }
}

/* Each day's net revenue split into what it paid for and what was left, as
 * stacked columns. Before KDV: product cost, commission, cargo and profit.
 * After KDV: the fees with their KDV, ad spend, expenses and the KDV owed
 * come out too, and the top part is the operating profit. A loss or a KDV
 * credit hangs below zero, so each column still adds up to the net
 * revenue. */
static CiroChart *
daily_columns (CiroAnalyticsPage *self, GArray *daily, GPtrArray *labels)
{
  enum { COST, COMMISSION, CARGO, FEES, ADS, EXPENSES, VAT, PROFIT, N_PARTS };
  static const guint colors[N_PARTS] = { COLOR_COST, COLOR_COMMISSION, COLOR_SHIPPING, COLOR_FEES, COLOR_ADS,
                                         COLOR_EXPENSES, COLOR_VAT, COLOR_PROFIT };
  const char *names[N_PARTS] = { _("Product cost"), _("Commission"), _("Cargo"), _("Fees and their VAT"),
                                 _("Ad spend"), _("Other expenses"), _("VAT payable"),
                                 self->after_vat ? _("Operating profit") : _("Profit") };
  guint n = daily->len;
  g_autofree double *v = g_new0 (double, (gsize) N_PARTS * MAX (n, 1));
  guint used[N_PARTS], n_used = 0;
  g_autofree guint *used_colors = NULL;
  CiroChart *chart = ciro_chart_new (CIRO_CHART_STACKED);

  for (guint i = 0; i < n; i++)
    {
      const CiroSummary *s = &g_array_index (daily, CiroDailyRow, i).s;
      double *p = v + i;

      p[COST * n] = (double) s->product_cost;
      p[COMMISSION * n] = (double) s->commission;
      p[CARGO * n] = (double) s->shipping_expense;
      if (self->after_vat)
        {
          p[FEES * n] = (double) (s->service_fees + s->fees_vat);
          p[ADS * n] = (double) s->ad_spend;
          p[EXPENSES * n] = (double) s->expenses;
          p[VAT * n] = (double) s->vat_payable;
          p[PROFIT * n] = (double) s->operating_profit;
        }
      else
        p[PROFIT * n] = (double) s->profit;
    }
  /* the section is headed "By Day": the chart says what it draws */
  ciro_chart_set_title (chart, _("Net revenue and profit by day"));
  ciro_chart_set_labels (chart, (const char * const *) labels->pdata, n);
  for (guint k = 0; k < N_PARTS; k++)
    if (self->after_vat || k <= CARGO || k == PROFIT)
      {
        ciro_chart_add_series (chart, names[k], v + (gsize) k * n, n, TRUE);
        used[n_used++] = colors[k];
      }
  used_colors = g_memdup2 (used, sizeof (guint) * n_used);
  ciro_chart_set_colors (chart, used_colors, n_used);
  return chart;
}

static void
ciro_analytics_page_update_charts (CiroAnalyticsPage *self)
{
  CiroAnalyticsReport *d = self->data;
  CiroChart *chart;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autofree double *a = NULL;
  g_autofree double *b = NULL;
  guint n;

  if (d == NULL)
    return;

  /* by day */
  n = d->daily->len;
  a = g_new0 (double, MAX (n, 1));
  b = g_new0 (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      CiroDailyRow *r = &g_array_index (d->daily, CiroDailyRow, i);
      g_ptr_array_add (labels, day_label (r->date, FALSE));
      a[i] = (double) r->s.net_orders;
      b[i] = (double) r->s.net_units;
    }
  if (self->daily_counts)
    {
      chart = ciro_chart_new (CIRO_CHART_LINE);
      /* the section is headed "By Day": the chart says what it draws */
      ciro_chart_set_title (chart, _("Net orders and units by day"));
      ciro_chart_set_labels (chart, (const char * const *) labels->pdata, n);
      ciro_chart_add_series (chart, _("Net orders"), a, n, FALSE);
      ciro_chart_add_series (chart, _("Net units"), b, n, FALSE);
    }
  else
    chart = daily_columns (self, d->daily, labels);
  ciro_chart_view_set_chart (CIRO_CHART_VIEW (self->daily_chart), chart);

  /* the shape of each KPI over the range, on its card */
  for (guint k = 0; k < N_KPIS; k++)
    {
      for (guint i = 0; i < n; i++)
        a[i] = kpi_value (&g_array_index (d->daily, CiroDailyRow, i).s, k);
      chart = ciro_chart_new (CIRO_CHART_SPARKLINE);
      ciro_chart_set_labels (chart, (const char * const *) labels->pdata, n);
      ciro_chart_add_series (chart, ciro_kpi_card_get_title (CIRO_KPI_CARD (self->kpis[k])), a, n,
                             k != KPI_ORDERS && k != KPI_ROI);
      ciro_chart_view_set_chart (CIRO_CHART_VIEW (self->sparks[k]), chart);
    }

  /* where the money went: shares of gross revenue; a KDV credit or a loss
   * is no slice */
  {
    Part parts[10];
    guint np = money_parts (&d->cur, self->after_vat, parts);
    const char *names[10];
    double v[10];
    guint colors[10];

    for (guint i = 0; i < np; i++)
      {
        names[i] = parts[i].title;
        v[i] = (double) MAX (0, parts[i].value);
        colors[i] = parts[i].color;
      }
    chart = ciro_chart_new (CIRO_CHART_DONUT);
    ciro_chart_set_title (chart, _("Shares of gross revenue"));
    ciro_chart_set_labels (chart, names, np);
    ciro_chart_add_series (chart, _("Gross revenue"), v, np, TRUE);
    ciro_chart_set_colors (chart, colors, np);
    ciro_chart_view_set_chart (CIRO_CHART_VIEW (self->cost_chart), chart);
  }

  /* marketplaces */
  {
    guint m = d->marketplaces->len;
    g_autofree const char **names = g_new0 (const char *, MAX (m, 1));
    g_autofree double *v = g_new0 (double, MAX (m, 1));

    for (guint i = 0; i < m; i++)
      {
        CiroMarketplaceRow *r = &g_array_index (d->marketplaces, CiroMarketplaceRow, i);
        names[i] = ciro_marketplace_display (r->marketplace);
        v[i] = (double) r->s.net_revenue;
      }
    chart = ciro_chart_new (CIRO_CHART_BARS);
    ciro_chart_set_title (chart, _("Net revenue by marketplace"));
    ciro_chart_set_labels (chart, names, m);
    ciro_chart_add_series (chart, _("Net revenue"), v, m, TRUE);
    ciro_chart_view_set_chart (CIRO_CHART_VIEW (self->mp_chart), chart);
    /* 40 px a bar, under the chart's title */
    gtk_widget_set_size_request (self->mp_box, -1, (int) MAX (1, m) * 40 + 12 + 24);
  }
}

/* ---------------------------------------------------------- filters */

/* The range as its id: a preset's, or custom:FROM:TO for the days shown. */
static char *
range_id (CiroAnalyticsPage *self)
{
  return self->preset == CIRO_RANGE_CUSTOM
    ? ciro_range_custom_to_id (self->from, self->to)
    : g_strdup (ciro_range_preset_id (self->preset));
}

static void
sync_custom_button (CiroAnalyticsPage *self)
{
  g_autofree char *text = range_text (self->from, self->to);
  gtk_menu_button_set_label (self->custom_button, text);
}

gboolean
ciro_analytics_page_set_range_id (CiroAnalyticsPage *self, const char *id)
{
  CiroRangePreset preset;
  CiroDay from, to;

  g_return_val_if_fail (CIRO_IS_ANALYTICS_PAGE (self), FALSE);

  if (id == NULL || !ciro_range_preset_from_id (id, &preset))
    return FALSE;
  if (preset == CIRO_RANGE_CUSTOM)
    {
      if (!ciro_range_custom_from_id (id, &from, &to))
        return FALSE;
      self->from = from, self->to = to;
    }
  else
    ciro_range_resolve (preset, ciro_today (), &self->from, &self->to);
  self->preset = preset;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->range_drop, preset);
  self->updating = FALSE;
  sync_custom_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
  ciro_analytics_page_reload (self);
  return TRUE;
}

void
ciro_analytics_page_set_marketplace (CiroAnalyticsPage *self, const char *marketplace)
{
  g_return_if_fail (CIRO_IS_ANALYTICS_PAGE (self));

  g_free (self->marketplace);
  self->marketplace = marketplace && *marketplace ? g_strdup (marketplace) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKETPLACE]);
  ciro_analytics_page_reload (self);
}

static void
range_selected (CiroAnalyticsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->range_drop);

  if (self->updating || i >= CIRO_RANGE_N_PRESETS)
    return;
  if (i == CIRO_RANGE_CUSTOM)
    {
      /* keep the days shown, and let the calendars change them */
      self->preset = CIRO_RANGE_CUSTOM;
      sync_custom_button (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
      gtk_menu_button_popup (self->custom_button);
      return;
    }
  ciro_analytics_page_set_range_id (self, ciro_range_preset_id (i));
}

const char *
ciro_analytics_page_get_subtitle (CiroAnalyticsPage *self)
{
  g_return_val_if_fail (CIRO_IS_ANALYTICS_PAGE (self), NULL);
  return gtk_label_get_text (self->range_label);
}

void
ciro_analytics_page_set_compare_basis (CiroAnalyticsPage *self, CiroCompareBasis basis)
{
  g_return_if_fail (CIRO_IS_ANALYTICS_PAGE (self));
  g_return_if_fail (basis < CIRO_COMPARE_N_BASES);
  self->basis = basis;
  self->updating = TRUE;
  gtk_toggle_button_set_active (self->last_year_toggle, basis == CIRO_COMPARE_LAST_YEAR);
  self->updating = FALSE;
  ciro_analytics_page_reload (self);
}

static void
last_year_toggled (CiroAnalyticsPage *self)
{
  if (!self->updating)
    ciro_analytics_page_set_compare_basis (self, gtk_toggle_button_get_active (self->last_year_toggle)
                                                   ? CIRO_COMPARE_LAST_YEAR : CIRO_COMPARE_PREVIOUS);
}

static void
mp_selected (CiroAnalyticsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->mp_drop);

  if (self->updating)
    return;
  ciro_analytics_page_set_marketplace (self, i == 0 || i == GTK_INVALID_LIST_POSITION
                                               ? NULL
                                               : gtk_string_list_get_string (self->mp_names, i));
}

static GDateTime *
day_to_datetime (CiroDay day)
{
  int y, m, d;
  ciro_day_to_ymd (day, &y, &m, &d);
  return g_date_time_new_local (y, m, d, 12, 0, 0);
}

static CiroDay
datetime_to_day (GDateTime *dt)
{
  return ciro_day_from_ymd (g_date_time_get_year (dt), g_date_time_get_month (dt),
                            g_date_time_get_day_of_month (dt));
}

static void
custom_shown (CiroAnalyticsPage *self)
{
  g_autoptr(GDateTime) a = day_to_datetime (self->from);
  g_autoptr(GDateTime) b = day_to_datetime (self->to);

  gtk_calendar_select_day (self->cal_from, a);
  gtk_calendar_select_day (self->cal_to, b);
}

/* analytics.show-range: the days chosen on the calendars */
static void
show_range_activated (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroAnalyticsPage *self = CIRO_ANALYTICS_PAGE (widget);
  g_autoptr(GDateTime) a = gtk_calendar_get_date (self->cal_from);
  g_autoptr(GDateTime) b = gtk_calendar_get_date (self->cal_to);
  CiroDay from = datetime_to_day (a), to = datetime_to_day (b);
  g_autofree char *id = NULL;

  if (from > to)
    {
      CiroDay t = from;
      from = to, to = t;
    }
  id = ciro_range_custom_to_id (from, to);
  gtk_menu_button_popdown (self->custom_button);
  ciro_analytics_page_set_range_id (self, id);
}

void
ciro_analytics_page_set_after_vat (CiroAnalyticsPage *self, gboolean after_vat)
{
  g_return_if_fail (CIRO_IS_ANALYTICS_PAGE (self));

  after_vat = !!after_vat;
  self->updating = TRUE;
  gtk_toggle_button_set_active (after_vat ? self->after_vat_toggle : self->before_vat_toggle, TRUE);
  self->updating = FALSE;
  if (self->after_vat == after_vat)
    return;
  self->after_vat = after_vat;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AFTER_VAT]);
  /* the figures are all there: only what is shown changes */
  if (self->data != NULL)
    {
      CiroNumberStyle style = ciro_number_style_from_locale ();
      show_view_cards (self);
      fill_costs (self, &self->data->cur, style);
      fill_marketplaces (self, self->data->marketplaces, style);
      ciro_analytics_page_update_charts (self);
    }
}

gboolean
ciro_analytics_page_get_after_vat (CiroAnalyticsPage *self)
{
  g_return_val_if_fail (CIRO_IS_ANALYTICS_PAGE (self), TRUE);
  return self->after_vat;
}

static void
vat_view_toggled (CiroAnalyticsPage *self)
{
  if (!self->updating)
    ciro_analytics_page_set_after_vat (self, gtk_toggle_button_get_active (self->after_vat_toggle));
}

static void
daily_kind_toggled (CiroAnalyticsPage *self)
{
  self->daily_counts = gtk_toggle_button_get_active (self->counts_toggle);
  ciro_analytics_page_update_charts (self);
}

/* analytics.map-skus: the window opens the SKUs without a cost */
static void
map_skus_activated (GtkWidget *widget, const char *action, GVariant *param)
{
  g_signal_emit (widget, signals[SIGNAL_MAP_SKUS], 0);
}

/* ---------------------------------------------------------- the object */

static void
ciro_analytics_page_constructed (GObject *object)
{
  CiroAnalyticsPage *self = CIRO_ANALYTICS_PAGE (object);
  GSettings *settings;

  G_OBJECT_CLASS (ciro_analytics_page_parent_class)->constructed (object);

  settings = ciro_context_get_settings (self->context);
  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (ciro_analytics_page_reload), self,
                           G_CONNECT_SWAPPED);

  /* the filters of last time, saved as they change; read once: a page does
   * not follow the choices made in another window */
  self->binding = TRUE;
  g_settings_bind (settings, "analytics-marketplace", self, "marketplace",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (settings, "analytics-range", self, "range",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  /* but the VAT view is one for every page: followed as it changes */
  g_settings_bind (settings, "analytics-after-vat", self, "after-vat", G_SETTINGS_BIND_DEFAULT);
  self->binding = FALSE;
  ciro_analytics_page_reload (self);
}

static void
ciro_analytics_page_dispose (GObject *object)
{
  CiroAnalyticsPage *self = CIRO_ANALYTICS_PAGE (object);

  if (self->context != NULL)
    {
      ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
      g_settings_unbind (self, "marketplace");
      g_settings_unbind (self, "range");
      g_settings_unbind (self, "after-vat");
    }
  g_clear_object (&self->context);
  g_clear_pointer (&self->data, ciro_analytics_report_free);
  G_OBJECT_CLASS (ciro_analytics_page_parent_class)->dispose (object);
}

static void
ciro_analytics_page_finalize (GObject *object)
{
  CiroAnalyticsPage *self = CIRO_ANALYTICS_PAGE (object);

  g_free (self->marketplace);
  G_OBJECT_CLASS (ciro_analytics_page_parent_class)->finalize (object);
}

static void
ciro_analytics_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroAnalyticsPage *self = CIRO_ANALYTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_RANGE:
      /* a range that cannot be read leaves the one shown */
      ciro_analytics_page_set_range_id (self, g_value_get_string (value));
      break;
    case PROP_MARKETPLACE:
      ciro_analytics_page_set_marketplace (self, g_value_get_string (value));
      break;
    case PROP_AFTER_VAT:
      ciro_analytics_page_set_after_vat (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_analytics_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroAnalyticsPage *self = CIRO_ANALYTICS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_RANGE:
      g_value_take_string (value, range_id (self));
      break;
    case PROP_MARKETPLACE:
      g_value_set_string (value, self->marketplace ? self->marketplace : "");
      break;
    case PROP_AFTER_VAT:
      g_value_set_boolean (value, self->after_vat);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_analytics_page_class_init (CiroAnalyticsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ciro_analytics_page_constructed;
  object_class->dispose = ciro_analytics_page_dispose;
  object_class->finalize = ciro_analytics_page_finalize;
  object_class->set_property = ciro_analytics_page_set_property;
  object_class->get_property = ciro_analytics_page_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* "last-30-days" … or "custom:YYYY-MM-DD:YYYY-MM-DD"; kept in analytics-range */
  properties[PROP_RANGE] = g_param_spec_string ("range", NULL, NULL, "last-30-days",
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "" for every marketplace; kept in analytics-marketplace */
  properties[PROP_MARKETPLACE] = g_param_spec_string ("marketplace", NULL, NULL, "",
                                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                      G_PARAM_STATIC_STRINGS);
  /* profit.md's figures after KDV settlement; kept in analytics-after-vat */
  properties[PROP_AFTER_VAT] = g_param_spec_boolean ("after-vat", NULL, NULL, TRUE,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                     G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the figures of the current filters are on screen (or the error) */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* the user asked to map the SKUs without a cost */
  signals[SIGNAL_MAP_SKUS] = g_signal_new ("map-skus", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "analytics.show-range", NULL, show_range_activated);
  gtk_widget_class_install_action (widget_class, "analytics.map-skus", NULL, map_skus_activated);

  g_type_ensure (CIRO_TYPE_CHART_VIEW);
  g_type_ensure (CIRO_TYPE_KPI_GRID);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-analytics-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, money_box);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, range_drop);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, range_names);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, custom_button);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, cal_from);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, cal_to);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, mp_drop);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, mp_names);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, last_year_toggle);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, after_vat_toggle);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, before_vat_toggle);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, commission_note);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, warning);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, warning_label);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, kpi_flow);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, counts_toggle);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, daily_table);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, cost_list);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, mp_box);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, mp_list);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, daily_chart);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, cost_chart);
  gtk_widget_class_bind_template_child (widget_class, CiroAnalyticsPage, mp_chart);
  gtk_widget_class_bind_template_callback (widget_class, range_selected);
  gtk_widget_class_bind_template_callback (widget_class, mp_selected);
  gtk_widget_class_bind_template_callback (widget_class, last_year_toggled);
  gtk_widget_class_bind_template_callback (widget_class, custom_shown);
  gtk_widget_class_bind_template_callback (widget_class, daily_kind_toggled);
  gtk_widget_class_bind_template_callback (widget_class, vat_view_toggled);
}

static void
ciro_analytics_page_init (CiroAnalyticsPage *self)
{
  const char *titles[N_KPIS] = { _("Net orders"), _("Gross revenue"), _("Net revenue"), _("Profit"),
                                 _("Profit after VAT"), _("VAT payable"), _("Return on cost"),
                                 _("Operating profit") };

  self->preset = CIRO_RANGE_LAST_30_DAYS;
  self->after_vat = TRUE;
  self->updating = TRUE;              /* filling the lists is no choice of the user's */
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < CIRO_RANGE_N_PRESETS; i++)
    gtk_string_list_append (self->range_names, _(ciro_range_preset_label (i)));
  gtk_drop_down_set_selected (self->range_drop, self->preset);
  gtk_string_list_append (self->mp_names, _("All Marketplaces"));
  gtk_drop_down_set_expression (self->mp_drop, ciro_marketplace_name_expression ());
  self->updating = FALSE;
  ciro_range_resolve (self->preset, ciro_today (), &self->from, &self->to);
  sync_custom_button (self);

  /* each KPI on a card, with its shape over the range; metrics.md's
   * profit after profit.md's cards */
  for (guint j = 0; j < N_KPIS; j++)
    {
      guint i = j < KPI_PROFIT ? j : j == N_KPIS - 1 ? KPI_PROFIT : j + 1;

      self->kpis[i] = ciro_kpi_card_new (titles[i]);
      self->sparks[i] = ciro_chart_view_new ();
      gtk_widget_set_size_request (self->sparks[i], -1, 32);
      gtk_widget_set_vexpand (self->sparks[i], FALSE);
      ciro_kpi_card_set_extra (CIRO_KPI_CARD (self->kpis[i]), self->sparks[i]);
      ciro_kpi_grid_append (CIRO_KPI_GRID (self->kpi_flow), self->kpis[i]);
    }
  show_view_cards (self);
}

GtkWidget *
ciro_analytics_page_new (CiroContext *context)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  return g_object_new (CIRO_TYPE_ANALYTICS_PAGE, "context", context, NULL);
}

void
ciro_analytics_page_set_narrow (CiroAnalyticsPage *self, gboolean narrow)
{
  g_return_if_fail (CIRO_IS_ANALYTICS_PAGE (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->filter_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  /* half a phone's width would break the cost legend mid-word */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->money_box),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_homogeneous (GTK_BOX (self->money_box), !narrow);
  /* the warning's button under its text: beside it, a Turkish label and
   * button need more than a phone's width */
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self->warning),
                                  narrow ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL);
}

void
ciro_analytics_page_get_range (CiroAnalyticsPage *self, CiroDay *from, CiroDay *to)
{
  g_return_if_fail (CIRO_IS_ANALYTICS_PAGE (self));
  *from = self->from;
  *to = self->to;
}

const char *
ciro_analytics_page_get_marketplace (CiroAnalyticsPage *self)
{
  g_return_val_if_fail (CIRO_IS_ANALYTICS_PAGE (self), NULL);
  return self->marketplace;
}

const char *
ciro_analytics_page_get_state (CiroAnalyticsPage *self)
{
  g_return_val_if_fail (CIRO_IS_ANALYTICS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

const char *
ciro_analytics_page_get_kpi (CiroAnalyticsPage *self, const char *key, const char **change)
{
  g_return_val_if_fail (CIRO_IS_ANALYTICS_PAGE (self), NULL);

  for (guint i = 0; i < N_KPIS; i++)
    if (g_str_equal (key, kpi_keys[i]))
      {
        if (change != NULL)
          *change = ciro_kpi_card_get_change (CIRO_KPI_CARD (self->kpis[i]));
        return ciro_kpi_card_get_value (CIRO_KPI_CARD (self->kpis[i]));
      }
  return NULL;
}

const char *
ciro_analytics_page_get_commission_note (CiroAnalyticsPage *self)
{
  g_return_val_if_fail (CIRO_IS_ANALYTICS_PAGE (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->commission_note)) ? gtk_label_get_text (self->commission_note)
                                                                     : NULL;
}

gboolean
ciro_analytics_page_kpi_visible (CiroAnalyticsPage *self, const char *key)
{
  g_return_val_if_fail (CIRO_IS_ANALYTICS_PAGE (self), FALSE);
  for (guint i = 0; i < N_KPIS; i++)
    if (g_str_equal (key, kpi_keys[i]))
      return gtk_widget_get_visible (self->kpis[i]);
  return FALSE;
}

const CiroChart *
ciro_analytics_page_get_chart (CiroAnalyticsPage *self, const char *which)
{
  g_return_val_if_fail (CIRO_IS_ANALYTICS_PAGE (self), NULL);
  if (g_str_equal (which, "daily"))
    return ciro_chart_view_get_chart (CIRO_CHART_VIEW (self->daily_chart));
  if (g_str_equal (which, "costs"))
    return ciro_chart_view_get_chart (CIRO_CHART_VIEW (self->cost_chart));
  if (g_str_equal (which, "marketplaces"))
    return ciro_chart_view_get_chart (CIRO_CHART_VIEW (self->mp_chart));
  return NULL;
}

/* The legend the daily chart draws at its size, in order (NULL-terminated). */
GStrv
ciro_analytics_page_get_legend (CiroAnalyticsPage *self)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  const CiroChart *chart;
  CiroChartStyle style;
  g_autoptr(GPtrArray) texts = NULL;

  g_return_val_if_fail (CIRO_IS_ANALYTICS_PAGE (self), NULL);
  chart = ciro_chart_view_get_chart (CIRO_CHART_VIEW (self->daily_chart));
  ciro_chart_view_get_style (CIRO_CHART_VIEW (self->daily_chart), &style);
  if (chart != NULL)
    texts = ciro_chart_get_texts (chart, MAX (1, gtk_widget_get_width (self->daily_chart)),
                                  MAX (1, gtk_widget_get_height (self->daily_chart)), &style);
  for (guint i = 0; texts != NULL && i < texts->len; i++)
    {
      CiroChartText *t = texts->pdata[i];
      if (t->kind == CIRO_CHART_TEXT_LEGEND)
        g_strv_builder_add (b, t->text);
    }
  return g_strv_builder_end (b);
}

char *
ciro_analytics_page_get_row_value (CiroAnalyticsPage *self, const char *table, const char *key)
{
  GtkWidget *list = NULL;

  g_return_val_if_fail (CIRO_IS_ANALYTICS_PAGE (self), NULL);

  if (g_str_equal (table, "costs"))
    list = self->cost_list;
  else if (g_str_equal (table, "marketplaces"))
    list = self->mp_list;
  else if (g_str_equal (table, "daily"))
    list = self->daily_table;
  for (GtkWidget *row = list ? gtk_widget_get_first_child (list) : NULL; row; row = gtk_widget_get_next_sibling (row))
    if (CIRO_IS_FIGURE_ROW (row) && g_strcmp0 (gtk_widget_get_name (row), key) == 0)
      return g_strdup (ciro_figure_row_get_value (CIRO_FIGURE_ROW (row)));
  return NULL;
}
