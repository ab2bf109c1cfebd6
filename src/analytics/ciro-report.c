/* ciro-report.c: every figure of metrics.md, computed from the store's rollups
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>
#ifdef __linux__
#include <sys/mman.h>
#endif

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "store/ciro-profit.h"
#include "store/ciro-schema.h"
#include "store/ciro-settings.h"
#include "ciro-report-private.h"

static const CiroSummaryKey keys[CIRO_SUMMARY_N_KEYS] = {
  { "gross_orders", N_("Gross orders"), CIRO_VALUE_COUNT },
  { "gross_units", N_("Gross units sold"), CIRO_VALUE_COUNT },
  { "gross_revenue", N_("Gross revenue"), CIRO_VALUE_MONEY },
  { "cancel_return_orders", N_("Cancelled/returned orders"), CIRO_VALUE_COUNT },
  { "cancel_return_units", N_("Cancelled/returned units"), CIRO_VALUE_COUNT },
  { "cancel_return_revenue", N_("Cancelled/returned revenue"), CIRO_VALUE_MONEY },
  { "net_orders", N_("Net orders"), CIRO_VALUE_COUNT },
  { "net_units", N_("Net units sold"), CIRO_VALUE_COUNT },
  { "net_revenue", N_("Net revenue"), CIRO_VALUE_MONEY },
  { "shipping_income", N_("Shipping income"), CIRO_VALUE_MONEY },
  { "product_cost", N_("Product cost (incl. VAT)"), CIRO_VALUE_MONEY },
  { "commission", N_("Marketplace commission"), CIRO_VALUE_MONEY },
  { "shipping_expense", N_("Shipping expense"), CIRO_VALUE_MONEY },
  { "profit", N_("Profit"), CIRO_VALUE_MONEY },
  { "margin_pct", N_("Profit margin"), CIRO_VALUE_PERCENT },
  { "aov", N_("Average order value"), CIRO_VALUE_MONEY },
  { "return_rate_pct", N_("Cancel/return rate"), CIRO_VALUE_PERCENT },
  { "unmatched_lines", N_("Lines without cost"), CIRO_VALUE_COUNT },
  { "unmatched_revenue", N_("Revenue without cost"), CIRO_VALUE_MONEY },
};

const CiroSummaryKey *
ciro_summary_keys (void)
{
  return keys;
}

static const CiroSummaryKey profit_keys[CIRO_PROFIT_N_KEYS] = {
  { "output_vat", N_("Output VAT"), CIRO_VALUE_MONEY },
  { "net_revenue_ex_vat", N_("Net revenue excl. VAT"), CIRO_VALUE_MONEY },
  { "product_cost_ex_vat", N_("Product cost excl. VAT"), CIRO_VALUE_MONEY },
  { "service_fees", N_("Service fees"), CIRO_VALUE_MONEY },
  { "fees_vat", N_("VAT on fees"), CIRO_VALUE_MONEY },
  { "input_vat", N_("Input VAT"), CIRO_VALUE_MONEY },
  { "vat_payable", N_("VAT payable"), CIRO_VALUE_MONEY },
  { "profit_ex_vat", N_("Profit after VAT"), CIRO_VALUE_MONEY },
  { "margin_ex_vat_pct", N_("Margin after VAT"), CIRO_VALUE_PERCENT },
  { "roi_pct", N_("Return on cost"), CIRO_VALUE_PERCENT },
  { "ad_spend", N_("Ad spend"), CIRO_VALUE_MONEY },
  { "expenses", N_("Other expenses"), CIRO_VALUE_MONEY },
  { "operating_profit", N_("Operating profit"), CIRO_VALUE_MONEY },
};

const CiroSummaryKey *
ciro_profit_keys (void)
{
  return profit_keys;
}

gboolean
ciro_profit_value (const CiroSummary *s, guint i, double *value)
{
  switch (i)
    {
    case 0: *value = s->output_vat; break;
    case 1: *value = s->net_revenue_ex_vat; break;
    case 2: *value = s->product_cost_ex_vat; break;
    case 3: *value = s->service_fees; break;
    case 4: *value = s->fees_vat; break;
    case 5: *value = s->input_vat; break;
    case 6: *value = s->vat_payable; break;
    case 7: *value = s->profit_ex_vat; break;
    case 8: *value = s->margin_ex_vat_pct; break;
    case 9:
      *value = s->roi_pct;
      return s->has_roi;
    case 10: *value = s->ad_spend; break;
    case 11: *value = s->expenses; break;
    case 12: *value = s->operating_profit; break;
    default: g_return_val_if_reached (FALSE);
    }
  return TRUE;
}

double
ciro_summary_value (const CiroSummary *s, guint i)
{
  switch (i)
    {
    case 0: return s->gross_orders;
    case 1: return s->gross_units;
    case 2: return s->gross_revenue;
    case 3: return s->cancel_return_orders;
    case 4: return s->cancel_return_units;
    case 5: return s->cancel_return_revenue;
    case 6: return s->net_orders;
    case 7: return s->net_units;
    case 8: return s->net_revenue;
    case 9: return s->shipping_income;
    case 10: return s->product_cost;
    case 11: return s->commission;
    case 12: return s->shipping_expense;
    case 13: return s->profit;
    case 14: return s->margin_pct;
    case 15: return s->aov;
    case 16: return s->return_rate_pct;
    case 17: return s->unmatched_lines;
    case 18: return s->unmatched_revenue;
    default: g_return_val_if_reached (0);
    }
}

void
ciro_report_filter_clear (CiroReportFilter *f)
{
  g_clear_pointer (&f->marketplace, g_free);
}

gboolean
ciro_product_sort_from_string (const char *text, CiroProductSort *out)
{
  static const char *names[] = { "revenue", "profit", "units", "margin", "score" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (CiroProductSort) i;
        return TRUE;
      }
  return FALSE;
}

/* ---------------------------------------------------------- sums → KPIs */

typedef struct {
  gint64 gross_orders, gross_units, gross_amount, gross_shipping;
  gint64 cr_orders, cr_units, cr_amount, cr_shipping;
  gint64 net_cost, net_commission, unmatched_lines, unmatched_amount;
  gint64 shipping_expense;
  gint64 net_output_vat, net_cost_ex_vat;
  gint64 net_actual_commission;     /* the part of net_commission the marketplace reported */
  gint64 service_fees, fees_vat;    /* from the rate history, per day and marketplace */
  gint64 ad_spend, expenses;        /* from the entries */
  gboolean overflow;    /* a sum did not fit: the report fails, never wraps */
} Sums;

#define DAY_MP_COLUMNS \
  "r.gross_orders, r.gross_units, r.gross_amount, r.gross_shipping, r.cr_orders, r.cr_units," \
  " r.cr_amount, r.cr_shipping, r.net_cost, r.net_commission, r.unmatched_lines," \
  " r.unmatched_amount," \
  " ciro_add (ciro_add (ciro_mul (r.gross_orders - r.cr_orders - r.net_actual_cargo_orders" \
  "                               - r.net_tariff_orders, m.shipping_cost)," \
  "                     r.net_actual_cargo), r.net_tariff)," \
  " r.net_output_vat, r.net_cost_ex_vat, r.net_actual_commission," \
  " r.net_actual_fee_orders, r.net_actual_service_fee"

/* What a day and marketplace row adds beyond its columns: the service fees
 * (net orders × the fee of that day) and the KDV on commission, shipping
 * and service fees at that day's fee KDV rate, rounded per row. */
typedef struct {
  gint64   service_fees;
  gint64   fees_vat;
  gboolean overflow;
} RowExtra;

/* Adds the row's columns starting at `col` (in DAY_MP_COLUMNS order). */
static void
sums_add_row (Sums *s, sqlite3_stmt *stmt, int col, const RowExtra *x)
{
  gint64 *f[] = {
    &s->gross_orders, &s->gross_units, &s->gross_amount, &s->gross_shipping,
    &s->cr_orders, &s->cr_units, &s->cr_amount, &s->cr_shipping,
    &s->net_cost, &s->net_commission, &s->unmatched_lines, &s->unmatched_amount,
    &s->shipping_expense, &s->net_output_vat, &s->net_cost_ex_vat, &s->net_actual_commission,
  };
  for (guint i = 0; i < G_N_ELEMENTS (f); i++)
    if (!ciro_add_checked (*f[i], sqlite3_column_int64 (stmt, col + (int) i), f[i]))
      s->overflow = TRUE;
  if (x->overflow || !ciro_add_checked (s->service_fees, x->service_fees, &s->service_fees) ||
      !ciro_add_checked (s->fees_vat, x->fees_vat, &s->fees_vat))
    s->overflow = TRUE;
}

static gboolean
report_fits (gboolean fits, GError **error)
{
  if (!fits)
    g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_FAILED,
                 _("The figures of this report add up beyond what Ciro can hold"));
  return fits;
}

static double
pct (gint64 num, gint64 den)
{
  return den > 0 ? (double) num / (double) den * 100.0 : 0.0;
}

/* FALSE when a figure does not fit (it is then saturated, and the caller
 * fails the report). */
static gboolean
sums_to_summary (const Sums *r, CiroSummary *s)
{
  gboolean ok = !r->overflow;

  memset (s, 0, sizeof *s);
  s->gross_orders = r->gross_orders;
  s->gross_units = r->gross_units;
  ok &= ciro_add_checked (r->gross_amount, r->gross_shipping, &s->gross_revenue);
  s->cancel_return_orders = r->cr_orders;
  s->cancel_return_units = r->cr_units;
  ok &= ciro_add_checked (r->cr_amount, r->cr_shipping, &s->cancel_return_revenue);
  ok &= ciro_sub_checked (r->gross_orders, r->cr_orders, &s->net_orders);
  ok &= ciro_sub_checked (r->gross_units, r->cr_units, &s->net_units);
  ok &= ciro_sub_checked (s->gross_revenue, s->cancel_return_revenue, &s->net_revenue);
  ok &= ciro_sub_checked (r->gross_shipping, r->cr_shipping, &s->shipping_income);
  s->product_cost = r->net_cost;
  s->commission = r->net_commission;
  s->commission_actual = r->net_actual_commission;
  s->shipping_expense = r->shipping_expense;
  ok &= ciro_sub_checked (s->net_revenue, s->product_cost, &s->profit);
  ok &= ciro_sub_checked (s->profit, s->commission, &s->profit);
  ok &= ciro_sub_checked (s->profit, s->shipping_expense, &s->profit);
  s->margin_pct = s->net_revenue > 0 ? (double) s->profit / (double) s->net_revenue * 100.0 : 0.0;
  s->aov = s->net_orders > 0 ? ciro_div_round (s->net_revenue, s->net_orders) : 0;
  s->return_rate_pct = pct (s->cancel_return_orders, s->gross_orders);
  s->unmatched_lines = r->unmatched_lines;
  s->unmatched_revenue = r->unmatched_amount;

  /* profit.md */
  s->output_vat = r->net_output_vat;
  ok &= ciro_sub_checked (s->net_revenue, s->output_vat, &s->net_revenue_ex_vat);
  s->product_cost_ex_vat = r->net_cost_ex_vat;
  s->service_fees = r->service_fees;
  s->fees_vat = r->fees_vat;
  ok &= ciro_sub_checked (s->product_cost, s->product_cost_ex_vat, &s->input_vat);
  ok &= ciro_add_checked (s->input_vat, s->fees_vat, &s->input_vat);
  ok &= ciro_sub_checked (s->output_vat, s->input_vat, &s->vat_payable);
  ok &= ciro_sub_checked (s->net_revenue_ex_vat, s->product_cost_ex_vat, &s->profit_ex_vat);
  ok &= ciro_sub_checked (s->profit_ex_vat, s->commission, &s->profit_ex_vat);
  ok &= ciro_sub_checked (s->profit_ex_vat, s->shipping_expense, &s->profit_ex_vat);
  ok &= ciro_sub_checked (s->profit_ex_vat, s->service_fees, &s->profit_ex_vat);
  s->margin_ex_vat_pct = s->net_revenue_ex_vat > 0
                           ? (double) s->profit_ex_vat / (double) s->net_revenue_ex_vat * 100.0 : 0.0;
  s->has_roi = s->product_cost_ex_vat != 0;
  s->roi_pct = s->has_roi ? (double) s->profit_ex_vat / (double) s->product_cost_ex_vat * 100.0 : 0.0;
  s->ad_spend = r->ad_spend;
  s->expenses = r->expenses;
  ok &= ciro_sub_checked (s->profit_ex_vat, s->ad_spend, &s->operating_profit);
  ok &= ciro_sub_checked (s->operating_profit, s->expenses, &s->operating_profit);
  return ok;
}

static gboolean
check_filter (const CiroReportFilter *f, GError **error)
{
  if (f->from == CIRO_DAY_INVALID || f->to == CIRO_DAY_INVALID || f->from > f->to)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("The report's first day must not be after its last day"));
      return FALSE;
    }
  return TRUE;
}

/* Steps a day/marketplace query: columns 0 = day, 1 = marketplace name, then
 * DAY_MP_COLUMNS. */
typedef void (*RowFunc) (sqlite3_stmt *stmt, const RowExtra *x, gpointer data);

#define SECONDS_PER_DAY 86400

#define CR_SQL "o.status = " CIRO_ORDER_STATUS_CANCELLED_SQL
#define NET_SQL "o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL

/* The rows of roll_day_mp computed from the orders themselves, for orders
 * placed up to a time of day (?4, seconds after midnight, inclusive): the
 * same sums as the rollup's (ciro_store_rebuild_rollups ()). */
#define DAY_MP_UNTIL_SQL \
  "SELECT o.day AS day, o.marketplace_id AS marketplace_id, count(*) AS gross_orders," \
  " sum (coalesce (l.units, 0)) AS gross_units, sum (coalesce (l.amount, 0)) AS gross_amount," \
  " sum (o.shipping_total) AS gross_shipping, sum (" CR_SQL ") AS cr_orders," \
  " sum (CASE WHEN " CR_SQL " THEN coalesce (l.units, 0) ELSE 0 END) AS cr_units," \
  " sum (CASE WHEN " CR_SQL " THEN coalesce (l.amount, 0) ELSE 0 END) AS cr_amount," \
  " sum (CASE WHEN " CR_SQL " THEN o.shipping_total ELSE 0 END) AS cr_shipping," \
  " sum (CASE WHEN " NET_SQL " THEN coalesce (l.cost, 0) ELSE 0 END) AS net_cost," \
  " sum (CASE WHEN " NET_SQL " THEN coalesce (l.commission, 0) ELSE 0 END) AS net_commission," \
  " sum (CASE WHEN " NET_SQL " THEN coalesce (l.um_lines, 0) ELSE 0 END) AS unmatched_lines," \
  " sum (CASE WHEN " NET_SQL " THEN coalesce (l.um_amount, 0) ELSE 0 END) AS unmatched_amount," \
  " sum (CASE WHEN " NET_SQL " THEN coalesce (l.output_vat, 0) + o.shipping_vat ELSE 0 END) AS net_output_vat," \
  " sum (CASE WHEN " NET_SQL " THEN coalesce (l.cost_ex_vat, 0) ELSE 0 END) AS net_cost_ex_vat," \
  " sum (CASE WHEN " NET_SQL " THEN coalesce (o.actual_commission, 0) ELSE 0 END) AS net_actual_commission," \
  " sum (" NET_SQL " AND o.actual_service_fee IS NOT NULL) AS net_actual_fee_orders," \
  " sum (CASE WHEN " NET_SQL " THEN coalesce (o.actual_service_fee, 0) ELSE 0 END) AS net_actual_service_fee," \
  " sum (" NET_SQL " AND o.actual_cargo IS NOT NULL) AS net_actual_cargo_orders," \
  " sum (CASE WHEN " NET_SQL " THEN coalesce (o.actual_cargo, 0) ELSE 0 END) AS net_actual_cargo," \
  " sum (" NET_SQL " AND o.actual_cargo IS NULL AND o.tariff IS NOT NULL) AS net_tariff_orders," \
  " sum (CASE WHEN " NET_SQL " AND o.actual_cargo IS NULL THEN coalesce (o.tariff, 0) ELSE 0 END) AS net_tariff" \
  " FROM orders o LEFT JOIN (" \
  "   SELECT l.order_id, sum (l.quantity) AS units, sum (l.amount) AS amount, sum (l.cost) AS cost," \
  "    sum (l.commission) AS commission, sum (l.match_rule = 0) AS um_lines," \
  "    sum (CASE WHEN l.match_rule = 0 THEN l.amount ELSE 0 END) AS um_amount," \
  "    sum (l.output_vat) AS output_vat, sum (l.cost_ex_vat) AS cost_ex_vat" \
  "   FROM order_lines l JOIN orders lo ON lo.id = l.order_id" \
  "   WHERE lo.day BETWEEN ?1 AND ?2 AND lo.seconds <= ?4 GROUP BY l.order_id) l ON l.order_id = o.id" \
  " WHERE o.day BETWEEN ?1 AND ?2 AND o.seconds <= ?4" \
  " GROUP BY o.day, o.marketplace_id"

/* until_seconds < 0: whole days, from the rollup. */
static gboolean
each_day_mp_until (CiroStore              *store,
                   const CiroReportFilter *f,
                   gint32                  until_seconds,
                   RowFunc                 func,
                   gpointer                data,
                   GError                **error)
{
  g_autoptr(CiroRates) rates = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!check_filter (f, error))
    return FALSE;
  rates = ciro_rates_load (store, error);
  if (rates == NULL)
    return FALSE;
  if (until_seconds < 0)
    stmt = ciro_store_prepare (store,
      "SELECT r.day, m.name, " DAY_MP_COLUMNS
      " FROM roll_day_mp r JOIN marketplaces m ON m.id = r.marketplace_id"
      " WHERE r.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR m.name = ?3)", error);
  else
    stmt = ciro_store_prepare (store,
      "SELECT r.day, m.name, " DAY_MP_COLUMNS
      " FROM (" DAY_MP_UNTIL_SQL ") r JOIN marketplaces m ON m.id = r.marketplace_id"
      " WHERE ?3 IS NULL OR m.name = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, f->from);
  sqlite3_bind_int (stmt, 2, f->to);
  if (f->marketplace != NULL)
    sqlite3_bind_text (stmt, 3, f->marketplace, -1, SQLITE_STATIC);
  if (until_seconds >= 0)
    sqlite3_bind_int (stmt, 4, until_seconds);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroDay day = sqlite3_column_int (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      gint64 net_orders = sqlite3_column_int64 (stmt, 2) - sqlite3_column_int64 (stmt, 6);
      gint64 fees = 0;
      RowExtra x = { 0 };

      /* orders with an actual service fee imported count that instead (profit.md) */
      x.overflow = !ciro_mul_checked (net_orders - sqlite3_column_int64 (stmt, 18),
                                      ciro_rates_service_fee (rates, name, day), &x.service_fees) ||
                   !ciro_add_checked (x.service_fees, sqlite3_column_int64 (stmt, 19), &x.service_fees) ||
                   !ciro_add_checked (sqlite3_column_int64 (stmt, 11), sqlite3_column_int64 (stmt, 14), &fees) ||
                   !ciro_add_checked (fees, x.service_fees, &fees);
      x.fees_vat = ciro_apply_rate (fees, ciro_rates_fee_vat (rates, day));
      func (stmt, &x, data);
    }
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading a report");
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
each_day_mp (CiroStore              *store,
             const CiroReportFilter *f,
             RowFunc                 func,
             gpointer                data,
             GError                **error)
{
  return each_day_mp_until (store, f, -1, func, data, error);
}

static void
add_to_sums (sqlite3_stmt *stmt, const RowExtra *x, gpointer data)
{
  sums_add_row (data, stmt, 2, x);
}

/* Ad spend and expenses: calls `func` with each entry's share of every day
 * of the window (a monthly entry spread over its month's days). */
typedef void (*EntryFunc) (CiroDay day, const char *marketplace, CiroCostKind kind,
                           CiroKurus share, gpointer data);

static gboolean
each_entry_day (CiroStore *store, CiroDay from, CiroDay to, EntryFunc func, gpointer data, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ciro_store_prepare (store,
    "SELECT kind, day, monthly, until_day, marketplace, amount FROM cost_entries"
    " WHERE (monthly = 0 AND day BETWEEN ?1 AND ?2) OR (monthly = 1 AND day <= ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to);
  /* a monthly entry counts for its whole first month, the days before its
   * date too: one dated after the window's end in the window's last month
   * still has a share in the window */
  sqlite3_bind_int (stmt, 3, ciro_month_last_day (ciro_day_month (to)));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroCostKind kind = sqlite3_column_int (stmt, 0);
      CiroDay day = sqlite3_column_int (stmt, 1);
      const char *mp = (const char *) sqlite3_column_text (stmt, 4);
      CiroKurus amount = sqlite3_column_int64 (stmt, 5);
      gint32 first, last;

      if (sqlite3_column_int (stmt, 2) == 0)
        {
          func (day, mp, kind, amount, data);
          continue;
        }
      first = MAX (ciro_day_month (day), ciro_day_month (from));
      last = ciro_day_month (to);
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        last = MIN (last, ciro_day_month (sqlite3_column_int (stmt, 3)));
      for (gint32 m = first; m <= last; m++)
        {
          CiroDay m_first = ciro_month_first_day (m);
          int n_days = ciro_month_last_day (m) - m_first + 1;

          for (CiroDay d = MAX (m_first, from); d <= MIN (ciro_month_last_day (m), to); d++)
            func (d, mp, kind, ciro_cost_day_share (amount, d - m_first, n_days), data);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading ad spend and expenses");
      return FALSE;
    }
  return TRUE;
}

static void
sums_add_entry (Sums *s, CiroCostKind kind, CiroKurus share)
{
  gint64 *t = kind == CIRO_COST_AD_SPEND ? &s->ad_spend : &s->expenses;
  if (!ciro_add_checked (*t, share, t))
    s->overflow = TRUE;
}

typedef struct {
  const char *marketplace;   /* the filter's, or NULL */
  Sums       *sums;
  CiroDay     from;          /* daily: sums is one per day from here */
  gboolean    daily;
} EntryTarget;

/* profit.md: the marketplace filter applies to entries that name one. */
static void
add_entry_to_target (CiroDay day, const char *marketplace, CiroCostKind kind, CiroKurus share, gpointer data)
{
  EntryTarget *t = data;

  if (t->marketplace != NULL && marketplace != NULL && g_strcmp0 (t->marketplace, marketplace) != 0)
    return;
  sums_add_entry (t->daily ? &t->sums[day - t->from] : t->sums, kind, share);
}

static gboolean
summary_until (CiroStore              *store,
               const CiroReportFilter *filter,
               gint32                  until_seconds,
               CiroSummary            *out,
               GError                **error)
{
  Sums s = { 0 };

  if (!each_day_mp_until (store, filter, until_seconds, add_to_sums, &s, error) ||
      !each_entry_day (store, filter->from, filter->to, add_entry_to_target,
                       &(EntryTarget) { filter->marketplace, &s, filter->from, FALSE }, error))
    return FALSE;
  return report_fits (sums_to_summary (&s, out), error);
}

gboolean
ciro_report_summary_until (CiroStore              *store,
                           const CiroReportFilter *filter,
                           gint32                  until_seconds,
                           CiroSummary            *out,
                           GError                **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (store), FALSE);

  return summary_until (store, filter, until_seconds >= SECONDS_PER_DAY - 1 ? -1 : MAX (until_seconds, 0),
                        out, error);
}

gboolean
ciro_report_summary (CiroStore              *store,
                     const CiroReportFilter *filter,
                     CiroSummary            *out,
                     GError                **error)
{
  Sums s = { 0 };

  g_return_val_if_fail (CIRO_IS_STORE (store), FALSE);

  if (!each_day_mp (store, filter, add_to_sums, &s, error) ||
      !each_entry_day (store, filter->from, filter->to, add_entry_to_target,
                       &(EntryTarget) { filter->marketplace, &s, filter->from, FALSE }, error))
    return FALSE;
  return report_fits (sums_to_summary (&s, out), error);
}

typedef struct {
  CiroDay from;
  Sums   *days;
} DailyData;

static void
add_to_day (sqlite3_stmt *stmt, const RowExtra *x, gpointer data)
{
  DailyData *d = data;
  sums_add_row (&d->days[sqlite3_column_int (stmt, 0) - d->from], stmt, 2, x);
}

GArray *
ciro_report_daily (CiroStore              *store,
                   const CiroReportFilter *filter,
                   GError                **error)
{
  g_autofree Sums *days = NULL;
  DailyData d;
  GArray *out;
  guint n;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  if (!check_filter (filter, error))
    return NULL;

  n = (guint) (filter->to - filter->from + 1);
  days = g_new0 (Sums, n);
  d.from = filter->from;
  d.days = days;
  if (!each_day_mp (store, filter, add_to_day, &d, error) ||
      !each_entry_day (store, filter->from, filter->to, add_entry_to_target,
                       &(EntryTarget) { filter->marketplace, days, filter->from, TRUE }, error))
    return NULL;

  out = g_array_sized_new (FALSE, TRUE, sizeof (CiroDailyRow), n);
  g_array_set_size (out, n);
  for (guint i = 0; i < n; i++)
    {
      CiroDailyRow *row = &g_array_index (out, CiroDailyRow, i);
      row->date = filter->from + (CiroDay) i;
      if (!report_fits (sums_to_summary (&days[i], &row->s), error))
        {
          g_array_unref (out);
          return NULL;
        }
    }
  return out;
}

static void
marketplace_row_clear (gpointer data)
{
  CiroMarketplaceRow *r = data;
  g_clear_pointer (&r->marketplace, g_free);
}

static Sums *
marketplace_sums (GHashTable *by_name, const char *name)
{
  Sums *s = g_hash_table_lookup (by_name, name);

  if (s == NULL)
    {
      s = g_new0 (Sums, 1);
      g_hash_table_insert (by_name, g_strdup (name), s);
    }
  return s;
}

static void
add_to_marketplace (sqlite3_stmt *stmt, const RowExtra *x, gpointer data)
{
  sums_add_row (marketplace_sums (data, (const char *) sqlite3_column_text (stmt, 1)), stmt, 2, x);
}

typedef struct {
  GHashTable *by_name;
  const char *filter;
} MarketplaceEntries;

/* A marketplace's row counts the entries that name it; the others belong
 * to no marketplace (they are in the summary). */
static void
add_entry_to_marketplace (CiroDay day, const char *marketplace, CiroCostKind kind, CiroKurus share, gpointer data)
{
  MarketplaceEntries *me = data;

  if (marketplace == NULL || (me->filter != NULL && g_strcmp0 (me->filter, marketplace) != 0))
    return;
  sums_add_entry (marketplace_sums (me->by_name, marketplace), kind, share);
}

static int
compare_marketplaces (gconstpointer a, gconstpointer b)
{
  const CiroMarketplaceRow *x = a, *y = b;

  if (x->s.net_revenue != y->s.net_revenue)
    return x->s.net_revenue > y->s.net_revenue ? -1 : 1;
  return g_strcmp0 (x->marketplace, y->marketplace);
}

GArray *
ciro_report_marketplaces (CiroStore              *store,
                          const CiroReportFilter *filter,
                          GError                **error)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  const char *name;
  Sums *s;
  GArray *out;
  CiroKurus total = 0;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);

  if (!each_day_mp (store, filter, add_to_marketplace, by_name, error) ||
      !each_entry_day (store, filter->from, filter->to, add_entry_to_marketplace,
                       &(MarketplaceEntries) { by_name, filter->marketplace }, error))
    return NULL;

  out = g_array_new (FALSE, TRUE, sizeof (CiroMarketplaceRow));
  g_array_set_clear_func (out, marketplace_row_clear);
  g_hash_table_iter_init (&iter, by_name);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &s))
    {
      CiroMarketplaceRow row = { g_strdup (name), 0, { 0 } };
      gboolean fits = sums_to_summary (s, &row.s) && ciro_add_checked (total, row.s.net_revenue, &total);

      g_array_append_val (out, row);
      if (!report_fits (fits, error))
        {
          g_array_unref (out);
          return NULL;
        }
    }
  for (guint i = 0; i < out->len; i++)
    {
      CiroMarketplaceRow *row = &g_array_index (out, CiroMarketplaceRow, i);
      row->share_pct = total > 0 ? (double) row->s.net_revenue / (double) total * 100.0 : 0.0;
    }
  g_array_sort (out, compare_marketplaces);
  return out;
}

/* ---------------------------------------------------------- products */

typedef struct {
  gint64 revenue, units, orders, cost, commission, return_units, output_vat, cost_ex_vat;
  gboolean overflow;
} ProductSums;

void
ciro_product_row_clear_strings (CiroProductRow *r)
{
  if (r->strings != NULL)
    {
      g_clear_pointer (&r->strings, g_free);
      r->sku = r->name = r->brand = r->category = NULL;
      return;
    }
  g_clear_pointer (&r->sku, g_free);
  g_clear_pointer (&r->name, g_free);
  g_clear_pointer (&r->brand, g_free);
  g_clear_pointer (&r->category, g_free);
}

static void
product_row_clear (gpointer data)
{
  ciro_product_row_clear_strings (data);
}

/* Copies the given strings (any may be NULL) into one block that `r` owns
 * (CiroProductRow.strings). */
static void
set_row_strings (CiroProductRow *r, const char *sku, const char *name, const char *brand, const char *category)
{
  const char *from[4] = { sku, name, brand, category };
  char **to[4] = { &r->sku, &r->name, &r->brand, &r->category };
  gsize len[4], total = 0;
  char *at;

  ciro_product_row_clear_strings (r);
  for (guint i = 0; i < 4; i++)
    total += len[i] = from[i] != NULL ? strlen (from[i]) + 1 : 0;
  if (total == 0)
    return;
  r->strings = at = g_malloc (total);
  for (guint i = 0; i < 4; i++)
    if (from[i] != NULL)
      {
        *to[i] = memcpy (at, from[i], len[i]);
        at += len[i];
      }
}

static gboolean
read_slice (CiroStore *store, const char *sql, gint32 from, gint32 to, gint64 marketplace_id,
            gboolean period_is_day, CiroSliceRowFunc func, gpointer data, const char *what,
            GError **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, from);
  sqlite3_bind_int (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, marketplace_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, period_is_day, data);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, what);
      return FALSE;
    }
  return TRUE;
}

/* As read_slice () for each period of [from, to] in turn (`sql` with
 * "period = ?1 AND marketplace_id = ?3"): a marketplace's rows of one
 * period are one range of a (period, marketplace_id, …) primary key,
 * where a range of periods visits every marketplace's rows. */
static gboolean
read_slice_each (CiroStore *store, const char *sql, gint32 from, gint32 to, gint64 marketplace_id,
                 gboolean period_is_day, CiroSliceRowFunc func, gpointer data, const char *what,
                 GError **error)
{
  for (gint32 p = from; p <= to; p++)
    if (!read_slice (store, sql, p, p, marketplace_id, period_is_day, func, data, what, error))
      return FALSE;
  return TRUE;
}

static gboolean
read_slices (CiroStore        *store,
             const char       *month_sql,
             const char       *day_sql,
             CiroDay           from,
             CiroDay           to,
             gint64            marketplace_id,
             gboolean          each_period,
             CiroSliceRowFunc  func,
             gpointer          data,
             const char       *what,
             GError          **error)
{
  gint32 first_month = ciro_day_month (from), last_month = ciro_day_month (to);
  gint32 full_from = ciro_month_first_day (first_month) == from ? first_month : first_month + 1;
  gint32 full_to = ciro_month_last_day (last_month) == to ? last_month : last_month - 1;
  gboolean (*read) (CiroStore *, const char *, gint32, gint32, gint64, gboolean, CiroSliceRowFunc, gpointer,
                    const char *, GError **) = each_period ? read_slice_each : read_slice;
  CiroDay head_to, tail_from;

  if (full_from > full_to)
    return read (store, day_sql, from, to, marketplace_id, TRUE, func, data, what, error);
  head_to = ciro_month_first_day (full_from) - 1;
  tail_from = ciro_month_last_day (full_to) + 1;
  return read (store, month_sql, full_from, full_to, marketplace_id, FALSE, func, data, what, error) &&
         (from > head_to ||
          read (store, day_sql, from, head_to, marketplace_id, TRUE, func, data, what, error)) &&
         (tail_from > to ||
          read (store, day_sql, tail_from, to, marketplace_id, TRUE, func, data, what, error));
}

gboolean
ciro_report_read_slices (CiroStore        *store,
                         const char       *month_sql,
                         const char       *day_sql,
                         CiroDay           from,
                         CiroDay           to,
                         gint64            marketplace_id,
                         CiroSliceRowFunc  func,
                         gpointer          data,
                         const char       *what,
                         GError          **error)
{
  return read_slices (store, month_sql, day_sql, from, to, marketplace_id, FALSE, func, data, what, error);
}

void
ciro_report_advise_huge (gpointer mem, gsize size)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const guintptr huge = 2 * 1024 * 1024;
  guintptr start = ((guintptr) mem + huge - 1) & ~(huge - 1);
  guintptr end = ((guintptr) mem + size) & ~(huge - 1);

  if (end > start)
    madvise ((void *) start, end - start, MADV_HUGEPAGE);
#endif
}

gboolean
ciro_report_marketplace_id (CiroStore *store, const CiroReportFilter *filter, gint64 *id, GError **error)
{
  sqlite3_stmt *stmt;

  *id = 0;
  if (filter->marketplace == NULL)
    return TRUE;
  stmt = ciro_store_prepare (store, "SELECT id FROM marketplaces WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, filter->marketplace, -1, SQLITE_STATIC);
  /* an unknown marketplace has no sales: an id no row has */
  *id = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  return TRUE;
}

/* product_key → index into acc. Rows mostly arrive in key order: the
 * running totals are read by primary key, the second read meets the
 * products of the first in the same order, and the day rows of a day and
 * marketplace come in key order too. So the keys are kept sorted and found
 * by galloping forward from `next`, the place after the last one found:
 * inserting a hundred thousand keys into a hash table cost more than
 * reading their rows. A key that comes out of order (a product first sold
 * in an end's days, a ranking filtered by marketplace, the idle products)
 * goes after the sorted ones, into a table (open addressing on a
 * multiplicative hash, at most half full, each slot's key beside its
 * index), until merge_unsorted_products () puts every key in order. */
typedef struct {
  gint64  key;
  guint   index;     /* index + 1, 0 for an empty slot */
} ProductSlot;

typedef struct {
  GArray      *acc;       /* ProductSums */
  GArray      *keys;      /* product_key of each */
  guint        sorted;    /* keys[0, sorted) ascending; the others in slots */
  ProductSlot *slots;     /* NULL while no key is out of order */
  guint        mask;
  guint        used;
  guint        next;
} ProductAcc;

static inline guint
product_hash_at (const ProductAcc *a, gint64 key)
{
  return (guint) (((guint64) key * 0x9E3779B97F4A7C15ull) >> 32) & a->mask;
}

static void
put_product_slot (ProductSlot *slots, guint mask, gint64 key, guint i)
{
  guint h = (guint) (((guint64) key * 0x9E3779B97F4A7C15ull) >> 32) & mask;

  while (slots[h].index != 0)
    h = (h + 1) & mask;
  slots[h].key = key;
  slots[h].index = i + 1;
}

/* Adds `key` (at index i, not in the table yet) to the table of keys out
 * of order, made or doubled as needed. */
static void
add_unsorted_product (ProductAcc *a, gint64 key, guint i)
{
  if (a->slots == NULL || (guint64) (a->used + 1) * 2 > a->mask + 1)
    {
      ProductSlot *old = a->slots;
      guint n = old == NULL ? 0 : a->mask + 1;

      a->mask = old == NULL ? 1023 : n * 2 - 1;
      a->slots = g_new0 (ProductSlot, a->mask + 1);
      for (guint h = 0; h < n; h++)
        if (old[h].index != 0)
          put_product_slot (a->slots, a->mask, old[h].key, old[h].index - 1);
      g_free (old);
    }
  put_product_slot (a->slots, a->mask, key, i);
  a->used++;
}

/* The index + 1 of `key` among the sorted keys, 0 when missing; `next`
 * becomes the place of the first key after it. */
static guint
find_sorted_product (ProductAcc *a, gint64 key)
{
  const gint64 *k = (const gint64 *) (gpointer) a->keys->data;
  guint n = a->sorted, lo = 0, hi = MIN (a->next, n);

  if (a->next < n && k[a->next] <= key)
    {
      guint step = 1;

      lo = a->next;
      hi = lo + 1;
      while (hi < n && k[hi] <= key)
        {
          lo = hi;
          step *= 2;
          hi = step < n - lo ? lo + step : n;
        }
    }
  /* the first key ≥ `key` is in [lo, hi] */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (k[mid] < key)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo < n && k[lo] == key)
    {
      a->next = lo + 1;
      return lo + 1;
    }
  a->next = lo;
  return 0;
}

/* The index + 1 of `key`, 0 when missing. */
static guint
product_slot (ProductAcc *a, gint64 key)
{
  guint i = find_sorted_product (a, key);

  if (i > 0 || a->slots == NULL)
    return i;
  for (guint h = product_hash_at (a, key);; h = (h + 1) & a->mask)
    {
      if (a->slots[h].index == 0)
        return 0;
      if (a->slots[h].key == key)
        return a->slots[h].index;
    }
}

static void
product_acc_init (ProductAcc *a, GArray *acc, GArray *keys)
{
  *a = (ProductAcc) { .acc = acc, .keys = keys };
}

/* How many products have sold since the store's first day (the running
 * totals' last part holds one row each): an upper bound of a ranking's
 * products but for the idle ones, to make the arrays once at their size.
 * 0 when unknown. */
static guint
products_sold_hint (CiroStore *store)
{
  sqlite3_stmt *stmt = ciro_store_prepare (store,
    "SELECT count (*) FROM roll_cum_part WHERE part = (SELECT max (part) FROM roll_cum_part)", NULL);
  gint64 n = 0;

  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return (guint) CLAMP (n, 0, 16 * 1024 * 1024);
}

static void
product_acc_clear (ProductAcc *a)
{
  g_clear_pointer (&a->slots, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ProductAcc, product_acc_clear)

/* The index of `key`, made when missing. */
static guint
product_index (ProductAcc *a, gint64 key)
{
  guint i, n = a->keys->len;

  if (a->next < a->sorted && g_array_index (a->keys, gint64, a->next) == key)
    return a->next++;
  i = product_slot (a, key);
  if (i > 0)
    return i - 1;
  g_array_set_size (a->acc, n + 1);
  g_array_append_val (a->keys, key);
  if (a->sorted == n && (n == 0 || g_array_index (a->keys, gint64, n - 1) < key))
    {
      a->sorted = n + 1;
      a->next = n + 1;
    }
  else
    add_unsorted_product (a, key, n);
  return n;
}

static int
compare_index_keys (gconstpointer x, gconstpointer y, gpointer keys)
{
  gint64 a = g_array_index ((GArray *) keys, gint64, *(const guint *) x);
  gint64 b = g_array_index ((GArray *) keys, gint64, *(const guint *) y);

  return a < b ? -1 : a > b;
}

/* Puts the keys that came out of order among the sorted ones, their sums
 * with them: every key sorted, no table. */
static void
merge_unsorted_products (ProductAcc *a)
{
  guint n = a->keys->len, m = n - a->sorted;
  g_autofree guint *order = NULL;
  g_autofree gint64 *tail_keys = NULL;
  g_autofree ProductSums *tail_sums = NULL;
  gint64 *k = (gint64 *) (gpointer) a->keys->data;
  ProductSums *s = (ProductSums *) (gpointer) a->acc->data;
  guint i = a->sorted, j = m, w = n;

  if (m == 0)
    return;
  order = g_new (guint, m);
  for (guint t = 0; t < m; t++)
    order[t] = a->sorted + t;
  g_qsort_with_data (order, (gint) m, sizeof (guint), compare_index_keys, a->keys);
  tail_keys = g_new (gint64, m);
  tail_sums = g_new (ProductSums, m);
  for (guint t = 0; t < m; t++)
    {
      tail_keys[t] = k[order[t]];
      tail_sums[t] = s[order[t]];
    }
  /* from the back: a sorted key moves at most once */
  while (j > 0)
    {
      w--;
      if (i > 0 && k[i - 1] > tail_keys[j - 1])
        {
          i--;
          k[w] = k[i];
          s[w] = s[i];
        }
      else
        {
          j--;
          k[w] = tail_keys[j];
          s[w] = tail_sums[j];
        }
    }
  g_clear_pointer (&a->slots, g_free);
  a->used = 0;
  a->mask = 0;
  a->sorted = n;
  a->next = 0;
}

/* Adds (sign 1) or takes away (−1) one row of a product rollup slice
 * (PRODUCT_SLICE_SQL). */
static void
accumulate_product_signed (ProductAcc *a, sqlite3_stmt *stmt, int sign)
{
  guint i = product_index (a, sqlite3_column_int64 (stmt, 0));   /* may move acc's data */
  ProductSums *p = &g_array_index (a->acc, ProductSums, i);
  gint64 *f[] = { &p->revenue, &p->units, &p->orders, &p->cost, &p->commission, &p->return_units,
                  &p->output_vat, &p->cost_ex_vat };

  for (guint c = 0; c < G_N_ELEMENTS (f); c++)
    if (sign > 0 ? !ciro_add_checked (*f[c], sqlite3_column_int64 (stmt, (int) c + 1), f[c])
                 : !ciro_sub_checked (*f[c], sqlite3_column_int64 (stmt, (int) c + 1), f[c]))
      p->overflow = TRUE;
}

static void
accumulate_product (sqlite3_stmt *stmt, gboolean period_is_day, gpointer data)
{
  accumulate_product_signed (data, stmt, 1);
}

static void
subtract_product (sqlite3_stmt *stmt, gboolean period_is_day, gpointer data)
{
  accumulate_product_signed (data, stmt, -1);
}

/* Products whose sums over the window are all zero had nothing in it (the
 * running totals list every product sold up to the window's end). Keeps
 * the order of the others: call after merge_unsorted_products (). */
static void
drop_empty_products (ProductAcc *a)
{
  static const ProductSums zero;
  guint kept = 0;

  g_assert (a->slots == NULL);
  for (guint i = 0; i < a->acc->len; i++)
    {
      const ProductSums *p = &g_array_index (a->acc, ProductSums, i);

      if (!p->overflow && memcmp (p, &zero, sizeof zero) == 0)
        continue;
      g_array_index (a->acc, ProductSums, kept) = *p;
      g_array_index (a->keys, gint64, kept) = g_array_index (a->keys, gint64, i);
      kept++;
    }
  g_array_set_size (a->acc, kept);
  g_array_set_size (a->keys, kept);
  a->sorted = kept;
  a->next = 0;
}

/* Rows are summed in C rather than grouped in SQL: a two-year window reads
 * ~800,000 monthly rows on a large store, and sorting them for GROUP BY
 * costs more than hashing them. marketplace_id 0 means all. */
#define PRODUCT_SLICE_SQL(table, period) \
  "SELECT product_key, revenue, units, orders, cost, commission, return_units, output_vat," \
  " cost_ex_vat FROM " table \
  " WHERE " period " BETWEEN ?1 AND ?2 AND (?3 = 0 OR marketplace_id = ?3)"

gboolean ciro_report_products_totals = TRUE;

#define CUM_SLICE_SQL \
  "SELECT product_key, revenue, units, orders, cost, commission, return_units, output_vat," \
  " cost_ex_vat FROM roll_cum_part WHERE part = ?1"

#define DAY_SLICE_SQL PRODUCT_SLICE_SQL ("roll_day_product", "day")

/* One marketplace's rows of one period (read_slice_each ()). */
#define PRODUCT_MP_PERIOD_SQL(table, period) \
  "SELECT product_key, revenue, units, orders, cost, commission, return_units, output_vat," \
  " cost_ex_vat FROM " table " WHERE " period " = ?1 AND marketplace_id = ?3"

/* A window this short reads its days' rows rather than two parts' running
 * totals: on a large store a part's totals are about as many rows as two
 * days of day rows, on a small one more. */
#define PRODUCT_DIRECT_DAYS 7

/* One marketplace's product figures of [from, to], its months and days
 * read one at a time (read_slice_each ()), over the months that have
 * sales only: a window of centuries is not a million empty reads. */
static gboolean
read_marketplace_products (CiroStore *store, CiroDay from, CiroDay to, gint64 mp_id, ProductAcc *a,
                           GError **error)
{
  /* two subqueries: SQLite reads one end of the key for a lone min or max,
   * but scans the table for both in one SELECT */
  sqlite3_stmt *stmt = ciro_store_prepare (store,
    "SELECT (SELECT min (day) FROM roll_day_product), (SELECT max (day) FROM roll_day_product)", error);
  CiroDay first, last;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      ciro_store_set_error (store, error, "reading product figures");
      return FALSE;
    }
  if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    {
      sqlite3_reset (stmt);
      return TRUE;                      /* no sales at all */
    }
  first = sqlite3_column_int (stmt, 0);
  last = sqlite3_column_int (stmt, 1);
  sqlite3_reset (stmt);
  /* whole months stay whole: their month rows are fewer than their days' */
  from = MAX (from, ciro_month_first_day (ciro_day_month (first)));
  to = MIN (to, ciro_month_last_day (ciro_day_month (last)));
  return from > to ||
         read_slices (store, PRODUCT_MP_PERIOD_SQL ("roll_month_product", "month"),
                      PRODUCT_MP_PERIOD_SQL ("roll_day_product", "day"), from, to, mp_id, TRUE,
                      accumulate_product, a, "reading product figures", error);
}

/* Adds (sign 1) or takes away (−1) every product's sums over all
 * marketplaces from the store's first day to `day`: the running totals at
 * the end of the part of `day` less the days after it, or those at the end
 * of the part before plus the part's days up to `day`, whichever reads
 * fewer days (at most two). `last` is the store's last part (no rows
 * after it; G_MININT32 for none). */
static gboolean
read_totals_to (CiroStore *store, CiroDay day, gint32 last, int sign, ProductAcc *a, GError **error)
{
  gint32 part = ciro_day_part (day);
  CiroDay first = ciro_part_first_day (part), end = ciro_part_last_day (part);
  CiroSliceRowFunc add = sign > 0 ? accumulate_product : subtract_product;
  CiroSliceRowFunc take = sign > 0 ? subtract_product : accumulate_product;
  const char *what = "reading product figures";

  if (last == G_MININT32)
    return TRUE;
  if (day == end || end - day < day - first + 1)
    return read_slice (store, CUM_SLICE_SQL, MIN (part, last), 0, 0, FALSE, add, a, what, error) &&
           (day == end || read_slice (store, DAY_SLICE_SQL, day + 1, end, 0, TRUE, take, a, what, error));
  return read_slice (store, CUM_SLICE_SQL, MIN (part - 1, last), 0, 0, FALSE, add, a, what, error) &&
         read_slice (store, DAY_SLICE_SQL, first, day, 0, TRUE, add, a, what, error);
}

/* All marketplaces' product figures of [from, to]: the running totals to
 * `to` less those to the day before `from` (read_totals_to), or for a
 * short window its days' rows. Two contiguous reads of one row per product
 * and at most four days of day rows, however long the window and the
 * store's history. */
static gboolean
read_product_totals (CiroStore *store, CiroDay from, CiroDay to, ProductAcc *a, GError **error)
{
  sqlite3_stmt *stmt;
  gint32 last;

  if (to - from + 1 <= PRODUCT_DIRECT_DAYS)
    return read_slice (store, DAY_SLICE_SQL, from, to, 0, TRUE, accumulate_product, a,
                       "reading product figures", error);

  stmt = ciro_store_prepare (store, "SELECT max (part) FROM roll_cum_part", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      ciro_store_set_error (store, error, "reading product figures");
      return FALSE;
    }
  last = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? G_MININT32 : sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return read_totals_to (store, to, last, 1, a, error) && read_totals_to (store, from - 1, last, -1, a, error);
}

gboolean
ciro_product_row_has_key (const CiroProductRow *r, CiroProductSort sort)
{
  switch (sort)
    {
    case CIRO_SORT_PROFIT:
    case CIRO_SORT_PROFIT_EX_VAT: return r->cost_known;
    case CIRO_SORT_MARGIN:
    case CIRO_SORT_MARGIN_EX_VAT: return r->has_margin;
    case CIRO_SORT_SCORE: return r->has_score;
    case CIRO_SORT_UNITS:
    case CIRO_SORT_REVENUE:
    default: return TRUE;
    }
}

static double
sort_value (const CiroProductRow *r, CiroProductSort sort)
{
  switch (sort)
    {
    case CIRO_SORT_PROFIT: return (double) r->profit;
    case CIRO_SORT_UNITS: return (double) r->units;
    case CIRO_SORT_MARGIN: return r->margin_pct;
    case CIRO_SORT_PROFIT_EX_VAT: return (double) r->profit_ex_vat;
    case CIRO_SORT_MARGIN_EX_VAT: return r->margin_ex_vat_pct;
    case CIRO_SORT_SCORE: return r->score;
    case CIRO_SORT_REVENUE:
    default: return (double) r->revenue;
    }
}

int
ciro_product_row_rank_compare (const CiroProductRow *x, const CiroProductRow *y, CiroProductSort sort)
{
  gboolean rx = ciro_product_row_has_key (x, sort), ry = ciro_product_row_has_key (y, sort);

  if (rx != ry)
    return rx ? -1 : 1;
  if (rx)
    {
      double vx = sort_value (x, sort), vy = sort_value (y, sort);
      if (vx != vy)
        return vx > vy ? -1 : 1;
    }
  if (x->revenue != y->revenue)
    return x->revenue > y->revenue ? -1 : 1;
  return x->product_key < y->product_key ? -1 : x->product_key > y->product_key;
}

/* A row's place in the sort: an unsigned key whose ascending order is the
 * ranking's, and the row it stands for. */
typedef struct {
  guint64  key;
  guint32  index;
  guint32  ranked;
} RadixItem;

/* Ascending order of the result is descending order of `v`. */
static inline guint64
descending_i64 (gint64 v)
{
  return ~((guint64) v ^ G_GUINT64_CONSTANT (0x8000000000000000));
}

/* The same for a double; −0 is 0, as == has it. */
static inline guint64
descending_double (double v)
{
  guint64 bits;

  if (v == 0)
    v = 0;
  memcpy (&bits, &v, sizeof bits);
  bits = bits >> 63 ? ~bits : bits | G_GUINT64_CONSTANT (0x8000000000000000);
  return ~bits;
}

/* Sorts `items` (n of them) by key, stably, a byte at a time from the
 * lowest through `tmp`, skipping the bytes every key shares (most of a
 * sum of money's high ones). Returns the array holding the result. */
static RadixItem *
radix_sort (RadixItem *items, RadixItem *tmp, guint n)
{
  g_autofree guint *counts = g_new0 (guint, 8 * 256);
  RadixItem *from = items, *to = tmp;

  for (guint i = 0; i < n; i++)
    for (guint b = 0; b < 8; b++)
      counts[b * 256 + ((items[i].key >> (8 * b)) & 0xff)]++;
  for (guint b = 0; b < 8 && n > 1; b++)
    {
      guint *c = counts + b * 256, at = 0;

      if (c[(from[0].key >> (8 * b)) & 0xff] == n)
        continue;
      for (guint d = 0; d < 256; d++)
        {
          guint k = c[d];

          c[d] = at;
          at += k;
        }
      for (guint i = 0; i < n; i++)
        to[c[(from[i].key >> (8 * b)) & 0xff]++] = from[i];
      {
        RadixItem *t = from;
        from = to;
        to = t;
      }
    }
  return from;
}

/* Sorts the rows as ciro_product_row_rank_compare () orders them; they
 * come in product_key order, so a stable sort by revenue, then by the
 * sort's value, then ranked before unranked leaves every tie as that
 * comparison breaks it. Radix passes over 16-byte items, then each row
 * moves once to its place (cycle by cycle): a comparison sort cost about
 * a tenth of a ten-million-order ranking in mispredicted branches. */
static void
sort_products (GArray *rows, CiroProductSort sort)
{
  guint n = rows->len, placed = 0;
  g_autofree RadixItem *items = g_new (RadixItem, MAX (1, n));
  g_autofree RadixItem *tmp = g_new (RadixItem, MAX (1, n));
  g_autofree guint *take = g_new (guint, MAX (1, n));
  CiroProductRow *r = (CiroProductRow *) (gpointer) rows->data;
  RadixItem *sorted;

  gboolean in_key_order = TRUE;

  for (guint i = 0; i < n; i++)
    {
      r[i].unranked = !ciro_product_row_has_key (&r[i], sort);
      items[i] = (RadixItem) { ~descending_i64 (r[i].product_key), i, !r[i].unranked };
      in_key_order &= i == 0 || r[i - 1].product_key < r[i].product_key;
    }
  /* (they always do; were they not, the last tie-break first) */
  sorted = in_key_order ? items : radix_sort (items, tmp, n);
  for (guint i = 0; i < n; i++)
    sorted[i].key = descending_i64 (r[sorted[i].index].revenue);
  sorted = radix_sort (sorted, sorted == items ? tmp : items, n);
  /* by revenue, every row ranked: the value is the revenue */
  if (sort != CIRO_SORT_REVENUE)
    {
      for (guint i = 0; i < n; i++)
        sorted[i].key = sorted[i].ranked ? descending_double (sort_value (&r[sorted[i].index], sort)) : 0;
      sorted = radix_sort (sorted, sorted == items ? tmp : items, n);
    }
  for (int ranked = 1; ranked >= 0; ranked--)
    for (guint i = 0; i < n; i++)
      if (sorted[i].ranked == (guint32) ranked)
        take[placed++] = sorted[i].index;

  /* place i takes row take[i]; a place done is marked by pointing at
   * itself */
  for (guint start = 0; start < n; start++)
    {
      CiroProductRow held;
      guint at = start;

      if (take[start] == start)
        continue;
      held = r[start];
      while (take[at] != start)
        {
          guint from = take[at];

          r[at] = r[from];
          take[at] = at;
          at = from;
        }
      r[at] = held;
      take[at] = at;
    }
}

/* Names, SKUs and stock for every row, read in one pass over each table:
 * one query per product would cost more than the figures themselves. */
static gboolean
describe_products (CiroStore *store, ProductAcc *a, GArray *rows, GError **error)
{
  sqlite3_stmt *stmt;
  gboolean any_unmatched = FALSE;
  int rc;

  for (guint i = 0; i < rows->len; i++)
    {
      CiroProductRow *r = &g_array_index (rows, CiroProductRow, i);
      r->matched = r->product_key > 0;
      any_unmatched |= !r->matched;
    }

  stmt = ciro_store_prepare (store, "SELECT id, sku, name, brand, category, stock FROM products", error);
  if (stmt == NULL)
    return FALSE;
  a->next = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint i = product_slot (a, sqlite3_column_int64 (stmt, 0));
      CiroProductRow *r;
      if (i == 0)
        continue;
      r = &g_array_index (rows, CiroProductRow, i - 1);
      set_row_strings (r, (const char *) sqlite3_column_text (stmt, 1), (const char *) sqlite3_column_text (stmt, 2),
                       (const char *) sqlite3_column_text (stmt, 3), (const char *) sqlite3_column_text (stmt, 4));
      r->stock = sqlite3_column_int64 (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading products");
      return FALSE;
    }
  if (!any_unmatched)
    return TRUE;

  /* their keys are −id: in key order from the last id */
  stmt = ciro_store_prepare (store, "SELECT id, sku FROM unmatched_skus ORDER BY id DESC", error);
  if (stmt == NULL)
    return FALSE;
  a->next = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint i = product_slot (a, -sqlite3_column_int64 (stmt, 0));
      const char *sku;
      CiroProductRow *r;
      if (i == 0)
        continue;
      r = &g_array_index (rows, CiroProductRow, i - 1);
      sku = (const char *) sqlite3_column_text (stmt, 1);
      set_row_strings (r, sku, sku, NULL, NULL);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading SKUs");
      return FALSE;
    }
  return TRUE;
}

GArray *
ciro_report_products (CiroStore              *store,
                      const CiroReportFilter *filter,
                      CiroProductSort         sort,
                      gboolean                include_idle,
                      GError                **error)
{
  g_autoptr(GArray) acc = NULL;
  g_autoptr(GArray) product_keys = NULL;
  g_auto(ProductAcc) a = { 0 };
  guint expected;
  double days, top_revenue = 0;
  gboolean overflow = FALSE;
  gint64 all_units;
  gint64 mp_id = 0;
  GArray *out;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  if (!check_filter (filter, error))
    return NULL;

  expected = products_sold_hint (store);
  acc = g_array_sized_new (FALSE, TRUE, sizeof (ProductSums), expected);
  ciro_report_advise_huge (acc->data, (gsize) expected * sizeof (ProductSums));
  product_keys = g_array_sized_new (FALSE, FALSE, sizeof (gint64), expected);
  product_acc_init (&a, acc, product_keys);
  if (!ciro_report_marketplace_id (store, filter, &mp_id, error) ||
      !(mp_id == 0 && ciro_report_products_totals ? read_product_totals (store, filter->from, filter->to, &a, error)
                   : mp_id != 0 && ciro_report_products_totals
                   ? read_marketplace_products (store, filter->from, filter->to, mp_id, &a, error)
                   : ciro_report_read_slices (store, PRODUCT_SLICE_SQL ("roll_month_product", "month"),
                                              PRODUCT_SLICE_SQL ("roll_day_product", "day"), filter->from,
                                              filter->to, mp_id, accumulate_product, &a,
                                              "reading product figures", error)))
    return NULL;
  merge_unsorted_products (&a);
  drop_empty_products (&a);

  if (include_idle)
    {
      sqlite3_stmt *stmt = ciro_store_prepare (store, "SELECT id FROM products WHERE active = 1", error);
      if (stmt == NULL)
        return NULL;
      while (sqlite3_step (stmt) == SQLITE_ROW)
        product_index (&a, sqlite3_column_int64 (stmt, 0));
      sqlite3_reset (stmt);
      merge_unsorted_products (&a);
    }

  days = (double) (filter->to - filter->from + 1);
  /* not cleared: each row is written whole below, in one pass over
   * memory that is touched there first (tens of MB on a large store) */
  out = g_array_sized_new (FALSE, FALSE, sizeof (CiroProductRow), acc->len);
  ciro_report_advise_huge (out->data, (gsize) acc->len * sizeof (CiroProductRow));
  g_array_set_clear_func (out, product_row_clear);
  g_array_set_size (out, acc->len);
  for (guint i = 0; i < acc->len; i++)
    {
      const ProductSums *p = &g_array_index (acc, ProductSums, i);
      CiroProductRow *r = &g_array_index (out, CiroProductRow, i);

      *r = (CiroProductRow) { .product_key = g_array_index (product_keys, gint64, i) };
      r->revenue = p->revenue;
      r->units = p->units;
      r->orders = p->orders;
      r->cost = p->cost;
      r->commission = p->commission;
      if (p->overflow || !ciro_sub_checked (p->revenue, p->cost, &r->profit) ||
          !ciro_sub_checked (r->profit, p->commission, &r->profit))
        overflow = TRUE;
      r->margin_pct = p->revenue > 0 ? (double) r->profit / (double) p->revenue * 100.0 : 0.0;
      r->output_vat = p->output_vat;
      r->cost_ex_vat = p->cost_ex_vat;
      {
        gint64 revenue_ex_vat = 0;
        if (!ciro_sub_checked (p->revenue, p->output_vat, &revenue_ex_vat) ||
            !ciro_sub_checked (revenue_ex_vat, p->cost_ex_vat, &r->profit_ex_vat) ||
            !ciro_sub_checked (r->profit_ex_vat, p->commission, &r->profit_ex_vat))
          overflow = TRUE;
        r->margin_ex_vat_pct = revenue_ex_vat > 0 ? (double) r->profit_ex_vat / (double) revenue_ex_vat * 100.0 : 0.0;
        r->has_roi = p->cost_ex_vat != 0;
        r->roi_pct = r->has_roi ? (double) r->profit_ex_vat / (double) p->cost_ex_vat * 100.0 : 0.0;
      }
      r->return_units = p->return_units;
      ciro_add_checked (p->units, p->return_units, &all_units);   /* saturated: a percentage only */
      r->return_rate_pct = pct (p->return_units, all_units);
      r->daily_sales = (double) p->units / days;
      top_revenue = MAX (top_revenue, (double) p->revenue);
    }
  if (!report_fits (!overflow, error) || !describe_products (store, &a, out, error))
    {
      g_array_unref (out);
      return NULL;
    }
  for (guint i = 0; i < out->len; i++)
    {
      CiroProductRow *r = &g_array_index (out, CiroProductRow, i);

      r->has_days_of_stock = r->daily_sales > 0;
      r->days_of_stock = r->has_days_of_stock ? (double) r->stock / r->daily_sales : 0;
      /* A group sold without any cost is an unmatched SKU or a product
       * without a purchase price: its "profit" is revenue less commission. */
      r->cost_known = r->matched && (r->units <= 0 || r->cost != 0);
      r->has_return_rate = r->units > 0;
      r->has_margin = r->cost_known && r->units > 0;
      r->has_score = r->has_margin;
      if (!r->has_return_rate)
        r->return_rate_pct = 0;
      if (!r->has_margin)
        r->margin_pct = 0;
      if (r->has_score)
        {
          /* the return term on a smoothed rate: 5 sales without a return
           * are not yet a product that never comes back */
          double smoothed = ((double) r->return_units + 1.0) / ((double) r->units + (double) r->return_units + 10.0);

          r->score = (top_revenue > 0 ? 40.0 * MIN (1.0, (double) r->revenue / top_revenue) : 0.0)
                     + 30.0 * CLAMP (r->margin_pct / 50.0, 0.0, 1.0)
                     + 20.0 * MAX (0.0, 1.0 - smoothed * 100.0 / 10.0)
                     + 10.0 * MIN (1.0, r->daily_sales / 10.0);
        }
    }
  sort_products (out, sort);
  return out;
}

static void
append_row_copy (GArray *out, const CiroProductRow *r)
{
  CiroProductRow copy = *r;

  copy.strings = NULL;
  copy.sku = g_strdup (r->sku);
  copy.name = g_strdup (r->name);
  copy.brand = g_strdup (r->brand);
  copy.category = g_strdup (r->category);
  g_array_append_val (out, copy);
}

static GArray *
product_rows_new (void)
{
  GArray *out = g_array_new (FALSE, TRUE, sizeof (CiroProductRow));

  g_array_set_clear_func (out, product_row_clear);
  return out;
}

GArray *
ciro_report_products_best (GArray *ranking, guint limit)
{
  GArray *out = product_rows_new ();

  for (guint i = 0; i < ranking->len && (limit == 0 || out->len < limit); i++)
    {
      const CiroProductRow *r = &g_array_index (ranking, CiroProductRow, i);
      if (r->units > 0)
        append_row_copy (out, r);
    }
  return out;
}

GArray *
ciro_report_products_worst (GArray *ranking, guint limit)
{
  GArray *out = product_rows_new ();

  for (guint i = ranking->len; i-- > 0 && (limit == 0 || out->len < limit);)
    {
      const CiroProductRow *r = &g_array_index (ranking, CiroProductRow, i);
      if (r->units > 0 && !r->unranked)
        append_row_copy (out, r);
    }
  for (guint i = 0; i < ranking->len && (limit == 0 || out->len < limit); i++)
    {
      const CiroProductRow *r = &g_array_index (ranking, CiroProductRow, i);
      if (r->units > 0 && r->unranked)
        append_row_copy (out, r);
    }
  return out;
}

/* ---------------------------------------------------------- stock */

static void
stock_row_clear (gpointer data)
{
  CiroStockRow *r = data;
  g_clear_pointer (&r->sku, g_free);
  g_clear_pointer (&r->name, g_free);
}

static int
compare_stock (gconstpointer a, gconstpointer b)
{
  const CiroStockRow *x = a, *y = b;

  if (x->has_days_of_stock != y->has_days_of_stock)
    return x->has_days_of_stock ? -1 : 1;
  if (x->has_days_of_stock && x->days_of_stock != y->days_of_stock)
    return x->days_of_stock < y->days_of_stock ? -1 : 1;
  return g_strcmp0 (x->name, y->name);
}

gboolean
ciro_stock_row_in_list (const CiroStockRow *row, CiroStockList list)
{
  switch (list)
    {
    case CIRO_STOCK_LIST_LOW: return row->low_stock;
    case CIRO_STOCK_LIST_RUNNING_OUT: return row->running_out;
    case CIRO_STOCK_LIST_SLOW: return row->slow_moving;
    case CIRO_STOCK_LIST_DEAD: return row->dead_stock;
    case CIRO_STOCK_N_LISTS:
    default: return FALSE;
    }
}

static int
cmp_i64 (gint64 a, gint64 b)
{
  return (a > b) - (a < b);
}

/* ∞ days of stock after every number */
static int
cmp_days (const CiroStockRow *x, const CiroStockRow *y)
{
  double a = x->has_days_of_stock ? x->days_of_stock : INFINITY;
  double b = y->has_days_of_stock ? y->days_of_stock : INFINITY;
  return (a > b) - (a < b);
}

int
ciro_stock_row_list_compare (const CiroStockRow *x, const CiroStockRow *y, CiroStockList list)
{
  int c;

  switch (list)
    {
    case CIRO_STOCK_LIST_LOW:
      c = cmp_i64 (x->stock, y->stock);
      break;
    case CIRO_STOCK_LIST_RUNNING_OUT:
      c = cmp_days (x, y);
      break;
    case CIRO_STOCK_LIST_SLOW:
      c = -cmp_days (x, y);
      break;
    case CIRO_STOCK_LIST_DEAD:
    case CIRO_STOCK_N_LISTS:
    default:
      c = -cmp_i64 (x->stock, y->stock);
      break;
    }
  return c != 0 ? c : cmp_i64 (x->product_id, y->product_id);
}

/* The unit cost with VAT on `today` of what is in stock, a row per variant
 * (or the product itself when it has none), by metrics.md's rule as the
 * costing of lines applies it: the user's cost for the product, else the
 * variant's own Sentos price, else the product's; the latest dated on or
 * before today, else the earliest known. Adds each product's value to the
 * rows (looked up by id). */
#define UNIT_COST(kind, id, source, order, upto) \
  "(SELECT (c.purchase_price * (10000 + c.vat_rate) + 5000) / 10000 FROM cost_history c" \
  " WHERE c.kind = " kind " AND c.entity_id = " id " AND c.source = " source upto \
  " ORDER BY c.from_day " order " LIMIT 1)"

static gboolean
add_stock_values (CiroStore *store, CiroDay today, GArray *rows, GError **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < rows->len; i++)
    {
      CiroStockRow *r = &g_array_index (rows, CiroStockRow, i);
      r->has_stock_value = TRUE;
      r->stock_value = 0;
      g_hash_table_insert (by_id, &r->product_id, r);
    }
  stmt = ciro_store_prepare (store,
    "SELECT p.id, coalesce (v.stock, p.stock), coalesce ("
    UNIT_COST ("0", "p.id", "1", "DESC", " AND c.from_day <= ?1") ","
    UNIT_COST ("1", "v.id", "0", "DESC", " AND c.from_day <= ?1") ","
    UNIT_COST ("1", "v.id", "0", "ASC", "") ","
    UNIT_COST ("0", "p.id", "0", "DESC", " AND c.from_day <= ?1") ","
    UNIT_COST ("0", "p.id", "0", "ASC", "") ", 0)"
    " FROM products p LEFT JOIN variants v ON v.product_id = p.id WHERE p.active = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, today);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 units = sqlite3_column_int64 (stmt, 1);
      CiroKurus unit = sqlite3_column_int64 (stmt, 2), value;
      CiroStockRow *r = g_hash_table_lookup (by_id, &id);

      if (r == NULL || units <= 0)
        continue;
      if (unit <= 0 || !ciro_mul_checked (units, unit, &value) ||
          __builtin_add_overflow (r->stock_value, value, &r->stock_value))
        r->has_stock_value = FALSE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading stock costs");
      return FALSE;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      CiroStockRow *r = &g_array_index (rows, CiroStockRow, i);
      if (!r->has_stock_value)
        r->stock_value = 0;
    }
  return TRUE;
}

GArray *
ciro_report_stock (CiroStore *store, CiroDay today, GError **error)
{
  gint64 window = MAX (1, ciro_store_get_setting_int (store, CIRO_SETTING_STOCK_WINDOW_DAYS, 30));
  gint64 threshold = ciro_store_get_setting_int (store, CIRO_SETTING_LOW_STOCK_THRESHOLD, 10);
  gint64 recent = ciro_store_get_setting_int (store, CIRO_SETTING_RECENT_SALE_DAYS, 90);
  gint64 slow = ciro_store_get_setting_int (store, CIRO_SETTING_SLOW_MOVING_DAYS, 90);
  gint64 dead = ciro_store_get_setting_int (store, CIRO_SETTING_DEAD_STOCK_DAYS, 90);
  gint64 runout = ciro_store_get_setting_int (store, CIRO_SETTING_RUNOUT_DAYS, 30);
  sqlite3_stmt *stmt;
  GArray *out;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);

  /* Units over the trailing window and the last day with a net sale, per
   * product, from the daily product rollup (all marketplaces). */
  stmt = ciro_store_prepare (store,
    "SELECT p.id, p.sku, p.name, p.stock,"
    " coalesce ((SELECT sum (r.units) FROM roll_day_product r WHERE r.product_key = p.id"
    "            AND r.day BETWEEN ?1 AND ?2), 0),"
    " (SELECT max (r.day) FROM roll_day_product r WHERE r.product_key = p.id AND r.units > 0"
    "  AND r.day <= ?2)"
    " FROM products p WHERE p.active = 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, today - (CiroDay) window + 1);
  sqlite3_bind_int (stmt, 2, today);

  out = g_array_new (FALSE, TRUE, sizeof (CiroStockRow));
  g_array_set_clear_func (out, stock_row_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroStockRow r = { 0 };
      gint64 units = sqlite3_column_int64 (stmt, 4);
      gboolean sold_ever = sqlite3_column_type (stmt, 5) != SQLITE_NULL;
      CiroDay last_sale = sold_ever ? sqlite3_column_int (stmt, 5) : CIRO_DAY_INVALID;

      r.product_id = sqlite3_column_int64 (stmt, 0);
      r.sku = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      r.name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      r.stock = sqlite3_column_int64 (stmt, 3);
      r.last_sale = last_sale;
      r.daily_sales = (double) units / (double) window;
      r.has_days_of_stock = r.daily_sales > 0;
      r.days_of_stock = r.has_days_of_stock ? (double) r.stock / r.daily_sales : 0;
      /* The stock-out day is the last whole day the stock lasts. */
      r.stock_out_date = r.has_days_of_stock ? today + (CiroDay) floor (MAX (0.0, r.days_of_stock))
                                             : CIRO_DAY_INVALID;
      r.low_stock = r.stock < threshold && sold_ever && last_sale > today - (CiroDay) recent;
      r.slow_moving = r.stock > 0 && (!r.has_days_of_stock || r.days_of_stock > (double) slow);
      r.dead_stock = r.stock > 0 && !(sold_ever && last_sale > today - (CiroDay) dead);
      r.running_out = r.stock > 0 && r.has_days_of_stock && r.days_of_stock <= (double) runout;
      g_array_append_val (out, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading stock");
      g_array_unref (out);
      return NULL;
    }
  if (!add_stock_values (store, today, out, error))
    {
      g_array_unref (out);
      return NULL;
    }
  g_array_sort (out, compare_stock);
  return out;
}

/* ---------------------------------------------------------- today */

gboolean
ciro_report_today_at (CiroStore       *store,
                      CiroDay          today,
                      gint32           now_seconds,
                      const char      *marketplace,
                      CiroTodayReport *out,
                      GError         **error)
{
  CiroReportFilter f = { today, today, (char *) marketplace };

  g_return_val_if_fail (CIRO_IS_STORE (store), FALSE);

  memset (out, 0, sizeof *out);
  out->today = today;
  out->yesterday = today - 1;
  out->until_seconds = CLAMP (now_seconds, 0, SECONDS_PER_DAY - 1);
  if (!ciro_report_summary (store, &f, &out->today_s, error))
    return FALSE;
  f.from = f.to = today - 1;
  if (!ciro_report_summary (store, &f, &out->yesterday_s, error))
    return FALSE;
  if (out->until_seconds == SECONDS_PER_DAY - 1)
    out->yesterday_until_s = out->yesterday_s;
  else if (!summary_until (store, &f, out->until_seconds, &out->yesterday_until_s, error))
    return FALSE;

  /* metrics.md: the change is against yesterday up to the same time of day */
  for (guint i = 0; i < CIRO_SUMMARY_N_KEYS; i++)
    {
      double t = ciro_summary_value (&out->today_s, i);
      double y = ciro_summary_value (&out->yesterday_until_s, i);
      out->change_pct[i] = y != 0 ? (t - y) / fabs (y) * 100.0 : NAN;
    }
  /* …and the bar against all of yesterday */
  out->progress_pct = out->yesterday_s.net_revenue > 0
    ? MIN (100.0, (double) out->today_s.net_revenue / (double) out->yesterday_s.net_revenue * 100.0)
    : 0.0;
  if (out->progress_pct < 0)
    out->progress_pct = 0;
  return TRUE;
}

gboolean
ciro_report_today (CiroStore       *store,
                   CiroDay          today,
                   const char      *marketplace,
                   CiroTodayReport *out,
                   GError         **error)
{
  CiroDay now_day;
  gint32 now_seconds;

  ciro_now (&now_day, &now_seconds);
  return ciro_report_today_at (store, today, today == now_day ? now_seconds : SECONDS_PER_DAY - 1,
                               marketplace, out, error);
}

/* ---------------------------------------------------------- unmatched */

static void
unmatched_row_clear (gpointer data)
{
  CiroUnmatchedRow *r = data;
  g_clear_pointer (&r->sku, g_free);
}

GArray *
ciro_report_unmatched (CiroStore *store, GError **error)
{
  sqlite3_stmt *stmt;
  GArray *out;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);

  stmt = ciro_store_prepare (store,
    "SELECT l.sku, count(*), sum (l.quantity), sum (l.amount), max (o.day)"
    " FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " WHERE l.match_rule = 0 AND o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL ""
    " GROUP BY l.sku ORDER BY sum (l.amount) DESC, l.sku", error);
  if (stmt == NULL)
    return NULL;
  out = g_array_new (FALSE, TRUE, sizeof (CiroUnmatchedRow));
  g_array_set_clear_func (out, unmatched_row_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroUnmatchedRow r = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2),
        sqlite3_column_int64 (stmt, 3),
        sqlite3_column_int (stmt, 4),
      };
      g_array_append_val (out, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading unmatched SKUs");
      g_array_unref (out);
      return NULL;
    }
  return out;
}

static void
sales_line_clear (gpointer data)
{
  CiroSalesLine *l = data;
  g_clear_pointer (&l->order_code, g_free);
  g_clear_pointer (&l->marketplace, g_free);
  g_clear_pointer (&l->shop, g_free);
  g_clear_pointer (&l->sku, g_free);
  g_clear_pointer (&l->name, g_free);
}

GArray *
ciro_report_largest_lines (CiroStore              *store,
                           const CiroReportFilter *filter,
                           guint                   limit,
                           gint64                 *n_lines,
                           GError                **error)
{
  sqlite3_stmt *stmt;
  GArray *out;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  if (!check_filter (filter, error))
    return NULL;

  stmt = ciro_store_prepare (store,
    "SELECT count(*) FROM orders o JOIN order_lines l ON l.order_id = o.id"
    " WHERE o.day BETWEEN ?1 AND ?2"
    " AND (?3 IS NULL OR o.marketplace_id IN (SELECT id FROM marketplaces WHERE name = ?3))", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, filter->from);
  sqlite3_bind_int (stmt, 2, filter->to);
  if (filter->marketplace != NULL)
    sqlite3_bind_text (stmt, 3, filter->marketplace, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      ciro_store_set_error (store, error, "counting order lines");
      sqlite3_reset (stmt);
      return NULL;
    }
  if (n_lines != NULL)
    *n_lines = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  stmt = ciro_store_prepare (store,
    /* the largest lines' keys first: the sort carries four numbers a line,
     * not its texts */
    "SELECT o.day, o.seconds, o.order_code, m.name, o.shop, o.status, l.sku, coalesce (p.name, l.name),"
    " l.quantity, l.price, l.amount, l.cost, l.commission"
    " FROM (SELECT l.order_id AS oid, l.pos AS pos, l.amount AS amount, o.day AS day, o.seconds AS seconds"
    "   FROM orders o JOIN order_lines l ON l.order_id = o.id"
    "   WHERE o.day BETWEEN ?1 AND ?2"
    "   AND (?3 IS NULL OR o.marketplace_id IN (SELECT id FROM marketplaces WHERE name = ?3))"
    "   ORDER BY l.amount DESC, o.day, o.seconds, o.id, l.pos LIMIT ?4) k"
    " JOIN orders o ON o.id = k.oid JOIN order_lines l ON l.order_id = k.oid AND l.pos = k.pos"
    " JOIN marketplaces m ON m.id = o.marketplace_id LEFT JOIN products p ON p.id = l.product_id"
    " ORDER BY k.amount DESC, k.day, k.seconds, k.oid, k.pos", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, filter->from);
  sqlite3_bind_int (stmt, 2, filter->to);
  if (filter->marketplace != NULL)
    sqlite3_bind_text (stmt, 3, filter->marketplace, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, limit);
  out = g_array_new (FALSE, TRUE, sizeof (CiroSalesLine));
  g_array_set_clear_func (out, sales_line_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroSalesLine l = {
        sqlite3_column_int (stmt, 0),
        sqlite3_column_int (stmt, 1),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 4)),
        sqlite3_column_int (stmt, 5) == 6,
        g_strdup ((const char *) sqlite3_column_text (stmt, 6)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 7)),
        sqlite3_column_int64 (stmt, 8),
        sqlite3_column_int64 (stmt, 9),
        sqlite3_column_int64 (stmt, 10),
        sqlite3_column_int64 (stmt, 11),
        sqlite3_column_int64 (stmt, 12),
      };
      g_array_append_val (out, l);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading the largest order lines");
      g_array_unref (out);
      return NULL;
    }
  return out;
}
