/* ciro-ask-answer.c: answering an understood question from the engine
 *
 * Every figure comes from the reports the window and ciro-cli show
 * (ciro_report_summary, _products, _marketplaces, _stock), so an answer
 * always equals the page it points to.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "ciro-ask.h"
#include "ciro-categories.h"
#include "ciro-forecast.h"
#include "ciro-range.h"
#include "core/ciro-date.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "core/ciro-text.h"
#include "store/ciro-settings.h"

gboolean
ciro_ask_metric_value (const CiroSummary *s,
                       const char        *key,
                       double            *value,
                       CiroValueKind     *kind,
                       const char       **label)
{
  const CiroSummaryKey *keys = ciro_summary_keys ();
  const CiroSummaryKey *pkeys = ciro_profit_keys ();

  for (guint i = 0; i < CIRO_SUMMARY_N_KEYS; i++)
    if (g_str_equal (keys[i].key, key))
      {
        double v = ciro_summary_value (s, i);
        *value = keys[i].kind == CIRO_VALUE_MONEY ? v / 100.0 : v;
        *kind = keys[i].kind;
        if (label)
          *label = keys[i].label;
        return TRUE;
      }
  for (guint i = 0; i < CIRO_PROFIT_N_KEYS; i++)
    if (g_str_equal (pkeys[i].key, key))
      {
        double v = 0;
        *kind = pkeys[i].kind;
        if (label)
          *label = pkeys[i].label;
        if (!ciro_profit_value (s, i, &v))
          return FALSE;
        *value = pkeys[i].kind == CIRO_VALUE_MONEY ? v / 100.0 : v;
        return TRUE;
      }
  return FALSE;
}

static const char *
metric_label (const char *key)
{
  CiroSummary zero = { 0 };
  double v;
  CiroValueKind kind;
  const char *label = NULL;

  ciro_ask_metric_value (&zero, key, &v, &kind, &label);
  return label != NULL ? _(label) : key;
}

static const char *
stock_label (const char *list)
{
  if (g_str_equal (list, "low"))
    return _("Low stock");
  if (g_str_equal (list, "running_out"))
    return _("Running out of stock");
  if (g_str_equal (list, "slow"))
    return _("Slow-moving stock");
  return _("Dead stock");
}

static const char *
sort_label (const char *sort)
{
  if (g_str_equal (sort, "revenue"))
    return _("Products by revenue");
  if (g_str_equal (sort, "profit"))
    return _("Products by profit");
  if (g_str_equal (sort, "worst"))
    return _("Worst products by profit");
  return _("Products by units sold");
}

static char *
period_label (const CiroAskQuery *q)
{
  const char *p = q->period;

  if (g_str_equal (p, "today"))
    return g_strdup (_("today"));
  if (g_str_equal (p, "yesterday"))
    return g_strdup (_("yesterday"));
  if (g_str_equal (p, "day-before-yesterday"))
    return g_strdup (_("the day before yesterday"));
  if (g_str_equal (p, "this-week"))
    return g_strdup (_("this week"));
  if (g_str_equal (p, "last-week"))
    return g_strdup (_("last week"));
  if (g_str_equal (p, "this-month"))
    return g_strdup (_("this month"));
  if (g_str_equal (p, "last-month"))
    return g_strdup (_("last month"));
  if (g_str_equal (p, "this-year"))
    return g_strdup (_("this year"));
  if (g_str_equal (p, "last-year"))
    return g_strdup (_("last year"));
  if (g_str_equal (p, "next-n-days"))
    {
      int n = (int) MIN ((gint64) q->to - q->from + 1, G_MAXINT);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "next %d day", "next %d days", (gulong) n), n);
    }
  if (g_str_equal (p, "since"))
    return g_strdup (_("since then"));
  if (g_str_equal (p, "last-n-days") || g_str_equal (p, "default"))
    {
      int n = (int) MIN ((gint64) q->to - q->from + 1, G_MAXINT);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "last %d day", "last %d days", (gulong) n), n);
    }
  return NULL;
}

char *
ciro_ask_interpretation (const CiroAskQuery *q, CiroDay today)
{
  g_autofree char *days = NULL;
  g_autofree char *plabel = NULL;
  g_autofree char *period = NULL;
  const char *what;
  const char *where;

  if (q->intent == CIRO_ASK_UNKNOWN)
    return g_strdup (_("Not understood"));
  days = ciro_range_text (q->from, q->to, today);
  plabel = period_label (q);
  /* TRANSLATORS: a period's name and its days, "this week (30 Nov – 5 Dec)" */
  period = plabel != NULL ? g_strdup_printf (_("%s (%s)"), plabel, days) : g_strdup (days);
  where = q->marketplace != NULL ? ciro_marketplace_display (q->marketplace) : _("all marketplaces");

  switch (q->intent)
    {
    case CIRO_ASK_STOCK:
      /* TRANSLATORS: "Low stock · today (5 Dec)" */
      return g_strdup_printf (_("%s · %s"), stock_label (q->metric), period);
    case CIRO_ASK_RANKING:
      if (q->rank_of == CIRO_ASK_RANK_CATEGORIES)
        {
          /* TRANSLATORS: "Categories by Profit · this month (1–5 Dec) · all marketplaces" */
          g_autofree char *by = g_strdup_printf (_("Categories by %s"), metric_label (q->metric));
          return g_strdup_printf (_("%s · %s · %s"), by, period, where);
        }
      if (q->rank_of == CIRO_ASK_RANK_MARKETPLACES)
        {
          /* TRANSLATORS: "Marketplaces by Net revenue · this year (1 Jan – 5 Dec)" */
          g_autofree char *by = g_strdup_printf (_("Marketplaces by %s"), metric_label (q->metric));
          return g_strdup_printf (_("%s · %s"), by, period);
        }
      what = sort_label (q->sort);
      break;
    case CIRO_ASK_FORECAST:
      {
        /* TRANSLATORS: "Net revenue forecast · next 30 days (5 Dec – 3 Jan) · all marketplaces" */
        g_autofree char *what_f = g_strdup_printf (_("%s forecast"), metric_label (q->metric));
        return g_strdup_printf (_("%s · %s · %s"), what_f, period, where);
      }
    case CIRO_ASK_COMPARE:
      {
        g_autofree char *cmp = ciro_range_text (q->compare_from, q->compare_to, today);
        /* TRANSLATORS: "Net revenue · this month (1–5 Dec) · compared with 1–5 Nov · all marketplaces" */
        return g_strdup_printf (_("%s · %s · compared with %s · %s"), metric_label (q->metric), period, cmp, where);
      }
    case CIRO_ASK_METRIC:
    case CIRO_ASK_UNKNOWN:
    default:
      what = metric_label (q->metric);
      break;
    }
  /* TRANSLATORS: "Net revenue · this week (30 Nov – 5 Dec) · all marketplaces" */
  return g_strdup_printf (_("%s · %s · %s"), what, period, where);
}

char *
ciro_ask_format_value (double value, CiroValueKind kind)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();

  if (!isfinite (value))
    return g_strdup ("—");
  switch (kind)
    {
    case CIRO_VALUE_MONEY:
      return ciro_money_format ((CiroKurus) llround (value * 100.0), style);
    case CIRO_VALUE_PERCENT:
      return ciro_percent_format (value, 1, style);
    case CIRO_VALUE_COUNT:
    default:
      return ciro_count_format ((gint64) llround (value), style);
    }
}

static void
row_clear (gpointer p)
{
  CiroAskRow *r = p;
  g_free (r->label);
  g_free (r->key);
}

void
ciro_ask_answer_free (CiroAskAnswer *a)
{
  if (a == NULL)
    return;
  ciro_ask_query_free (a->query);
  g_clear_pointer (&a->rows, g_array_unref);
  g_clear_pointer (&a->daily, g_array_unref);
  g_clear_pointer (&a->forecast, g_array_unref);
  g_free (a->interpretation);
  g_free (a->answer);
  g_free (a);
}

static gboolean
answer_products (CiroStore *store, CiroAskAnswer *a, const CiroReportFilter *f, gboolean after_vat,
                 GError **error)
{
  const char *sort = a->query->sort;
  /* by profit: the one of the VAT view */
  CiroProductSort by = g_str_equal (sort, "revenue") ? CIRO_SORT_REVENUE
                     : g_str_equal (sort, "units") ? CIRO_SORT_UNITS
                     : after_vat ? CIRO_SORT_PROFIT_EX_VAT : CIRO_SORT_PROFIT;
  g_autoptr(GArray) ranking = ciro_report_products (store, f, by, FALSE, error);
  g_autoptr(GArray) list = NULL;

  if (ranking == NULL)
    return FALSE;
  list = g_str_equal (sort, "worst") ? ciro_report_products_worst (ranking, a->query->limit)
                                     : ciro_report_products_best (ranking, a->query->limit);
  for (guint i = 0; i < list->len; i++)
    {
      const CiroProductRow *p = &g_array_index (list, CiroProductRow, i);
      CiroAskRow r = { 0 };

      r.label = g_strdup (p->name != NULL ? p->name : p->sku);
      r.key = g_strdup (p->sku);
      r.days_of_stock = -1;
      if (by == CIRO_SORT_UNITS)
        r.kind = CIRO_VALUE_COUNT, r.value = (double) p->units;
      else if (by == CIRO_SORT_REVENUE)
        r.kind = CIRO_VALUE_MONEY, r.value = (double) p->revenue / 100.0;
      else
        r.kind = CIRO_VALUE_MONEY,
        r.value = ciro_product_row_has_key (p, by)
                    ? (double) (by == CIRO_SORT_PROFIT_EX_VAT ? p->profit_ex_vat : p->profit) / 100.0 : NAN;
      r.stock = p->stock;
      g_array_append_val (a->rows, r);
    }
  return TRUE;
}

static int
by_value_desc (gconstpointer x, gconstpointer y)
{
  const CiroAskRow *a = x, *b = y;
  if (isnan (a->value) != isnan (b->value))
    return isnan (a->value) ? 1 : -1;
  if (!isnan (a->value) && a->value != b->value)
    return a->value > b->value ? -1 : 1;
  return g_strcmp0 (a->key, b->key);
}

static gboolean
answer_marketplaces (CiroStore *store, CiroAskAnswer *a, const CiroReportFilter *f, GError **error)
{
  CiroReportFilter all = { f->from, f->to, NULL };
  g_autoptr(GArray) rows = ciro_report_marketplaces (store, &all, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const CiroMarketplaceRow *m = &g_array_index (rows, CiroMarketplaceRow, i);
      CiroAskRow r = { 0 };

      if (!ciro_ask_metric_value (&m->s, a->query->metric, &r.value, &r.kind, NULL))
        continue;
      r.label = g_strdup (ciro_marketplace_display (m->marketplace));
      r.key = g_strdup (m->marketplace);
      r.days_of_stock = -1;
      g_array_append_val (a->rows, r);
    }
  g_array_sort (a->rows, by_value_desc);
  if (a->query->limit > 0 && a->rows->len > a->query->limit)
    g_array_set_size (a->rows, a->query->limit);
  return TRUE;
}

static gboolean
answer_categories (CiroStore *store, CiroAskAnswer *a, const CiroReportFilter *f, gboolean after_vat,
                   GError **error)
{
  const char *m = a->query->metric;
  g_autoptr(GArray) rows = ciro_report_categories (store, f, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const CiroCategoryRow *c = &g_array_index (rows, CiroCategoryRow, i);
      CiroAskRow r = { 0 };

      r.label = g_strdup (ciro_category_display_name (c));
      r.key = g_strdup (c->category);
      r.days_of_stock = -1;
      if (g_str_equal (m, "profit"))
        r.kind = CIRO_VALUE_MONEY, r.value = (double) (after_vat ? c->profit_ex_vat : c->profit) / 100.0;
      else if (g_str_equal (m, "net_units"))
        r.kind = CIRO_VALUE_COUNT, r.value = (double) c->units;
      else if (g_str_equal (m, "net_orders"))
        r.kind = CIRO_VALUE_COUNT, r.value = (double) c->orders;
      else if (g_str_equal (m, "margin_pct"))
        r.kind = CIRO_VALUE_PERCENT, r.value = c->has_margin ? c->margin_pct : NAN;
      else
        r.kind = CIRO_VALUE_MONEY, r.value = (double) c->revenue / 100.0;
      g_array_append_val (a->rows, r);
    }
  g_array_sort (a->rows, by_value_desc);
  if (a->query->limit > 0 && a->rows->len > a->query->limit)
    g_array_set_size (a->rows, a->query->limit);
  return TRUE;
}

static gboolean
answer_stock (CiroStore *store, CiroAskAnswer *a, GError **error)
{
  const char *list = a->query->metric;
  g_autoptr(GArray) rows = ciro_report_stock (store, a->query->to, error);
  gint64 runout = ciro_store_get_setting_int (store, CIRO_SETTING_RUNOUT_DAYS, 30);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      const CiroStockRow *s = &g_array_index (rows, CiroStockRow, i);
      gboolean in = g_str_equal (list, "low") ? s->low_stock
                  : g_str_equal (list, "slow") ? s->slow_moving
                  : g_str_equal (list, "dead") ? s->dead_stock
                  : s->stock > 0 && s->has_days_of_stock && s->days_of_stock <= (double) runout;
      CiroAskRow r = { 0 };

      if (!in)
        continue;
      r.label = g_strdup (s->name != NULL ? s->name : s->sku);
      r.key = g_strdup (s->sku);
      r.kind = CIRO_VALUE_COUNT;
      r.value = (double) s->stock;
      r.stock = s->stock;
      r.days_of_stock = s->has_days_of_stock ? s->days_of_stock : -1;
      g_array_append_val (a->rows, r);
      if (a->query->limit > 0 && a->rows->len >= a->query->limit)
        break;
    }
  return TRUE;
}

CiroAskAnswer *
ciro_ask (CiroStore *store, const char *question, CiroDay today, GError **error)
{
  return ciro_ask_full (store, question, today, TRUE, error);
}

CiroAskAnswer *
ciro_ask_full (CiroStore *store, const char *question, CiroDay today, gboolean after_vat, GError **error)
{
  g_autoptr(CiroAskAnswer) a = g_new0 (CiroAskAnswer, 1);
  CiroAskQuery *q;
  CiroReportFilter f;
  CiroNumberStyle style = ciro_number_style_from_locale ();

  a->query = q = ciro_ask_parse (question, today);
  /* the headline profit in the view asked for (the parser gives profit.md's) */
  if (!after_vat && q->metric_headline && g_strcmp0 (q->metric, "profit_ex_vat") == 0)
    {
      if (g_strcmp0 (q->sort, "profit_ex_vat") == 0)
        q->sort = "profit";
      q->metric = "profit";
    }
  a->change_pct = NAN;
  a->interpretation = ciro_ask_interpretation (q, today);
  f.from = q->from;
  f.to = q->to;
  f.marketplace = q->marketplace;

  switch (q->intent)
    {
    case CIRO_ASK_UNKNOWN:
      {
        GString *s = g_string_new (_("I did not understand the question."));
        if (q->suggestions != NULL && q->suggestions->len > 0)
          {
            g_string_append (s, " ");
            g_string_append (s, _("You could ask:"));
            for (guint i = 0; i < q->suggestions->len; i++)
              g_string_append_printf (s, "%s“%s”", i == 0 ? " " : ", ", (char *) q->suggestions->pdata[i]);
          }
        a->answer = g_string_free (s, FALSE);
        return g_steal_pointer (&a);
      }

    case CIRO_ASK_METRIC:
    case CIRO_ASK_COMPARE:
      if (!ciro_report_summary (store, &f, &a->summary, error))
        return NULL;
      a->has_value = ciro_ask_metric_value (&a->summary, q->metric, &a->value, &a->kind, NULL);
      a->daily = ciro_report_daily (store, &f, error);
      if (a->daily == NULL)
        return NULL;
      if (q->intent == CIRO_ASK_COMPARE)
        {
          CiroReportFilter c = { q->compare_from, q->compare_to, q->marketplace };
          CiroSummary cs;
          if (!ciro_report_summary (store, &c, &cs, error))
            return NULL;
          a->has_compare_value = ciro_ask_metric_value (&cs, q->metric, &a->compare_value, &a->kind, NULL);
          if (a->has_value && a->has_compare_value)
            a->change_pct = ciro_change_pct (a->value, a->compare_value);
        }
      {
        g_autofree char *v = a->has_value ? ciro_ask_format_value (a->value, a->kind) : g_strdup ("—");
        if (q->intent == CIRO_ASK_COMPARE)
          {
            g_autofree char *c = a->has_compare_value ? ciro_ask_format_value (a->compare_value, a->kind) : g_strdup ("—");
            if (!isnan (a->change_pct))
              {
                g_autofree char *pct = ciro_percent_format (fabs (a->change_pct), 1, style);
                /* TRANSLATORS: "₺12,345.00 against ₺10,000.00 (up 23.5 %)" */
                a->answer = g_strdup_printf (a->change_pct >= 0 ? _("%s against %s (up %s)") : _("%s against %s (down %s)"),
                                             v, c, pct);
              }
            else
              a->answer = g_strdup_printf (_("%s against %s"), v, c);
          }
        else if (q->metric_implied)
          {
            g_autofree char *profit = ciro_ask_format_value ((double) (after_vat ? a->summary.profit_ex_vat
                                                                                 : a->summary.profit) / 100.0,
                                                             CIRO_VALUE_MONEY);
            g_autofree char *orders = ciro_count_format (a->summary.net_orders, style);
            /* TRANSLATORS: "₺12,345.00 net revenue, ₺2,345.00 profit, 120 orders" */
            a->answer = g_strdup_printf (_("%s net revenue, %s profit, %s orders"), v, profit, orders);
          }
        else
          a->answer = g_steal_pointer (&v);
      }
      return g_steal_pointer (&a);

    case CIRO_ASK_FORECAST:
      {
        g_autoptr(GError) ferror = NULL;
        /* a profit forecast: of the profit of the VAT view */
        CiroForecastMetric fm = !g_str_equal (q->metric, "profit") ? CIRO_FORECAST_NET_REVENUE
                              : after_vat ? CIRO_FORECAST_PROFIT_EX_VAT : CIRO_FORECAST_PROFIT;
        g_autoptr(CiroForecast) fc = ciro_report_forecast (store, today, q->marketplace, fm,
                                                           (guint) (q->to - q->from + 1), FALSE,
                                                           NULL, NULL, NULL, &ferror);
        a->kind = CIRO_VALUE_MONEY;
        if (fc == NULL)
          {
            /* too little history is an answer, not a failure */
            if (ferror->domain != CIRO_FORECAST_ERROR)
              {
                g_propagate_error (error, g_steal_pointer (&ferror));
                return NULL;
              }
            a->answer = g_strdup (ferror->message);
            return g_steal_pointer (&a);
          }
        /* the forecast's money is in kuruş */
        a->has_value = TRUE;
        a->value = fc->total / 100.0;
        a->has_interval = TRUE;
        a->low = fc->total_low / 100.0;
        a->high = fc->total_high / 100.0;
        a->forecast = g_array_ref (fc->days);
        {
          g_autofree char *v = ciro_ask_format_value (a->value, CIRO_VALUE_MONEY);
          g_autofree char *lo = ciro_ask_format_value (a->low, CIRO_VALUE_MONEY);
          g_autofree char *hi = ciro_ask_format_value (a->high, CIRO_VALUE_MONEY);
          /* TRANSLATORS: "₺1,234,567.00, likely between ₺1,100,000.00 and ₺1,350,000.00" */
          a->answer = g_strdup_printf (_("%s, likely between %s and %s"), v, lo, hi);
        }
        return g_steal_pointer (&a);
      }

    case CIRO_ASK_RANKING:
      a->rows = g_array_new (FALSE, TRUE, sizeof (CiroAskRow));
      g_array_set_clear_func (a->rows, row_clear);
      if (q->rank_of == CIRO_ASK_RANK_MARKETPLACES ? !answer_marketplaces (store, a, &f, error)
          : q->rank_of == CIRO_ASK_RANK_CATEGORIES ? !answer_categories (store, a, &f, after_vat, error)
          : !answer_products (store, a, &f, after_vat, error))
        return NULL;
      break;

    case CIRO_ASK_STOCK:
      a->rows = g_array_new (FALSE, TRUE, sizeof (CiroAskRow));
      g_array_set_clear_func (a->rows, row_clear);
      if (!answer_stock (store, a, error))
        return NULL;
      break;

    default:
      break;
    }

  if (a->rows->len == 0)
    a->answer = g_strdup (_("Nothing to list for this period."));
  else
    {
      const CiroAskRow *top = &g_array_index (a->rows, CiroAskRow, 0);
      g_autofree char *v = isnan (top->value) ? g_strdup ("—") : ciro_ask_format_value (top->value, top->kind);
      g_autofree char *n = ciro_count_format (a->rows->len, style);
      if (q->intent == CIRO_ASK_STOCK)
        /* TRANSLATORS: "12 products; first: Kupa (3 in stock)" */
        a->answer = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s product; first: %s (%s in stock)",
                                                  "%s products; first: %s (%s in stock)", a->rows->len),
                                     n, top->label, v);
      else
        /* TRANSLATORS: "1. Kupa: ₺12,345.00" */
        a->answer = g_strdup_printf (_("1. %s: %s"), top->label, v);
    }
  return g_steal_pointer (&a);
}

/* ------------------------------------------------------------ completion */

GPtrArray *
ciro_ask_complete (const char *typed, const char *const *recent, guint max)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *key = ciro_search_key (typed != NULL ? typed : "");
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (key), " \t'’", -1);
  const char *const *lists[2] = { recent, ciro_ask_examples () };

  for (guint l = 0; l < 2; l++)
    for (guint i = 0; lists[l] != NULL && lists[l][i] != NULL && out->len < max; i++)
      {
        const char *text = l == 0 ? lists[l][i] : _(lists[l][i]);
        g_autofree char *folded = ciro_search_key (text);
        gboolean all = TRUE, dup = FALSE;

        for (guint w = 0; words[w] != NULL && all; w++)
          if (*words[w] != '\0' && strstr (folded, words[w]) == NULL)
            all = FALSE;
        for (guint k = 0; k < out->len && !dup; k++)
          dup = ciro_tr_equal_fold (out->pdata[k], text);
        if (all && !dup)
          g_ptr_array_add (out, g_strdup (text));
      }
  return out;
}
