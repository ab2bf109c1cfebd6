/* ciro-carriers.c: shipping and carriers (insights.md §3)
 *
 * The figures come from roll_day_carrier (one row per day, marketplace and
 * carrier, with the distributions of days to ship and to deliver as
 * buckets, added up in flat arrays), so two years of a million orders read
 * ~30,000 small rows; the late orders come from order_transit, the orders
 * still on their way.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/ciro-carrier.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "store/ciro-carrier-rollup.h"
#include "store/ciro-store-sql.h"
#include "ciro-carriers.h"

void
ciro_carrier_row_free (CiroCarrierRow *self)
{
  if (self == NULL)
    return;
  g_free (self->carrier);
  g_free (self->marketplace);
  g_free (self);
}

void
ciro_late_order_free (CiroLateOrder *self)
{
  if (self == NULL)
    return;
  g_free (self->order_code);
  g_free (self->carrier);
  g_free (self->cargo_number);
  g_free (self->marketplace);
  g_free (self);
}

void
ciro_carrier_advice_free (CiroCarrierAdvice *self)
{
  if (self == NULL)
    return;
  g_free (self->marketplace);
  g_free (self->carrier);
  g_free (self->better);
  g_free (self);
}

void
ciro_carrier_report_free (CiroCarrierReport *self)
{
  if (self == NULL)
    return;
  g_free (self->filter.marketplace);
  g_clear_pointer (&self->carriers, g_ptr_array_unref);
  g_clear_pointer (&self->by_marketplace, g_ptr_array_unref);
  g_clear_pointer (&self->late_orders, g_ptr_array_unref);
  g_clear_pointer (&self->advice, g_ptr_array_unref);
  g_free (self);
}

/* Sums of one carrier (on one marketplace, or on all). */
typedef struct {
  char              *carrier;
  char              *marketplace;
  gint64             orders, net_orders, shipped, returned, late;
  CiroKurus          income, expense;
  CiroDurationArray *ship, *deliver;
} Acc;

static void
acc_free (gpointer data)
{
  Acc *a = data;

  g_free (a->carrier);
  g_free (a->marketplace);
  ciro_duration_array_free (a->ship);
  ciro_duration_array_free (a->deliver);
  g_free (a);
}

static Acc *
acc_get (GHashTable *table, const char *carrier, const char *marketplace)
{
  g_autofree char *key = g_strconcat (marketplace ? marketplace : "", "\x1f", carrier, NULL);
  Acc *a = g_hash_table_lookup (table, key);

  if (a == NULL)
    {
      a = g_new0 (Acc, 1);
      a->carrier = g_strdup (carrier);
      a->marketplace = g_strdup (marketplace);
      a->ship = ciro_duration_array_new ();
      a->deliver = ciro_duration_array_new ();
      g_hash_table_insert (table, g_steal_pointer (&key), a);
    }
  return a;
}

static void
acc_add (Acc *into, const Acc *from)
{
  into->orders += from->orders;
  into->net_orders += from->net_orders;
  into->shipped += from->shipped;
  into->returned += from->returned;
  into->late += from->late;
  into->income += from->income;
  into->expense += from->expense;
  ciro_duration_array_add (into->ship, from->ship);
  ciro_duration_array_add (into->deliver, from->deliver);
}

static double
pct (gint64 part, gint64 whole)
{
  return whole > 0 ? (double) part / (double) whole * 100.0 : 0.0;
}

static CiroCarrierRow *
row_from_acc (const Acc *a, gint64 all_orders)
{
  CiroCarrierRow *r = g_new0 (CiroCarrierRow, 1);
  CiroDurationStats s;

  r->carrier = g_strdup (a->carrier);
  r->marketplace = g_strdup (a->marketplace);
  r->orders = a->orders;
  r->net_orders = a->net_orders;
  r->share_pct = pct (a->orders, all_orders);
  r->shipping_income = a->income;
  r->shipping_expense = a->expense;
  r->expense_per_order = a->net_orders > 0 ? (CiroKurus) llround ((double) a->expense / (double) a->net_orders) : 0;
  ciro_duration_array_stats (a->ship, &s);
  r->days_to_ship_n = s.n;
  r->days_to_ship_mean = s.mean_days;
  r->days_to_ship_median = s.median_days;
  r->days_to_ship_p90 = s.p90_days;
  ciro_duration_array_stats (a->deliver, &s);
  r->days_to_deliver_n = s.n;
  r->days_to_deliver_mean = s.mean_days;
  r->days_to_deliver_median = s.median_days;
  r->days_to_deliver_p90 = s.p90_days;
  r->shipped = a->shipped;
  r->returned_after_shipping = a->returned;
  r->returned_after_shipping_pct = pct (a->returned, a->shipped);
  r->late = a->late;
  r->late_pct = pct (a->late, a->shipped);
  return r;
}

static int
by_orders (gconstpointer a, gconstpointer b)
{
  const CiroCarrierRow *x = *(CiroCarrierRow * const *) a;
  const CiroCarrierRow *y = *(CiroCarrierRow * const *) b;
  int c = g_strcmp0 (x->marketplace, y->marketplace);

  if (c != 0)
    return c;
  if (x->orders != y->orders)
    return x->orders > y->orders ? -1 : 1;
  return g_strcmp0 (x->carrier, y->carrier);
}

static void
bind_late (sqlite3_stmt *stmt, const CiroReportFilter *filter, int late_days, gint64 now)
{
  sqlite3_bind_int (stmt, 1, filter->from);
  sqlite3_bind_int (stmt, 2, filter->to);
  if (filter->marketplace != NULL)
    sqlite3_bind_text (stmt, 3, filter->marketplace, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, now - (gint64) late_days * 86400);
}

static char *
dup_column (sqlite3_stmt *stmt, int col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

CiroCarrierReport *
ciro_carrier_report_build (CiroStore              *store,
                           const CiroReportFilter *filter,
                           int                     late_days,
                           gint64                  now,
                           GError                **error)
{
  return ciro_carrier_report_build_full (store, filter, late_days, now, -1, error);
}

CiroCarrierReport *
ciro_carrier_report_build_full (CiroStore              *store,
                                const CiroReportFilter *filter,
                                int                     late_days,
                                gint64                  now,
                                gint64                  max_late,
                                GError                **error)
{
  g_autoptr(CiroCarrierReport) report = g_new0 (CiroCarrierReport, 1);
  g_autoptr(GHashTable) per_mp = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, acc_free);
  g_autoptr(GHashTable) per_carrier = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, acc_free);
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer value;
  gint64 all_orders = 0;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);
  if (filter->from == CIRO_DAY_INVALID || filter->to == CIRO_DAY_INVALID || filter->from > filter->to)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("The report's first day must not be after its last day"));
      return NULL;
    }
  report->filter.from = filter->from;
  report->filter.to = filter->to;
  report->filter.marketplace = g_strdup (filter->marketplace);
  report->late_days = late_days;
  report->now = now;
  report->late_orders = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_late_order_free);

  /* per day, marketplace and carrier; the expense is each net order's own
   * (its actual cargo, else its carrier's tariff), else the marketplace's
   * per-order cost (metrics.md), as the summary's */
  stmt = ciro_store_prepare (store,
    "SELECT m.name, r.carrier, r.orders, r.net_orders, r.shipping_income, r.shipped, r.returned,"
    " r.ship_hist, r.deliver_hist,"
    " ciro_add (ciro_mul (r.net_orders - r.expense_orders, m.shipping_cost), r.expense)"
    " FROM roll_day_carrier r JOIN marketplaces m ON m.id = r.marketplace_id"
    " WHERE r.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR m.name = ?3)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, filter->from);
  sqlite3_bind_int (stmt, 2, filter->to);
  if (filter->marketplace != NULL)
    sqlite3_bind_text (stmt, 3, filter->marketplace, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Acc *a = acc_get (per_mp, (const char *) sqlite3_column_text (stmt, 1),
                        (const char *) sqlite3_column_text (stmt, 0));

      a->orders += sqlite3_column_int64 (stmt, 2);
      a->net_orders += sqlite3_column_int64 (stmt, 3);
      a->income += sqlite3_column_int64 (stmt, 4);
      a->shipped += sqlite3_column_int64 (stmt, 5);
      a->returned += sqlite3_column_int64 (stmt, 6);
      a->expense += sqlite3_column_int64 (stmt, 9);
      all_orders += sqlite3_column_int64 (stmt, 2);
      if (!ciro_duration_array_merge (a->ship, sqlite3_column_blob (stmt, 7), sqlite3_column_bytes (stmt, 7)) ||
          !ciro_duration_array_merge (a->deliver, sqlite3_column_blob (stmt, 8), sqlite3_column_bytes (stmt, 8)))
        {
          rc = SQLITE_CORRUPT;
          break;
        }
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_CORRUPT)
    {
      g_set_error_literal (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_CORRUPT,
                           _("The store's carrier figures are damaged; a recompute rebuilds them"));
      return NULL;
    }
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading the carrier figures");
      return NULL;
    }

  /* the late orders: on their way (order_transit: shipped, not delivered,
   * not cancelled) for more than late_days; counted per marketplace and
   * carrier, listed longest on the way first */
  stmt = ciro_store_prepare (store,
    "SELECT (SELECT name FROM marketplaces WHERE id = g.mp), g.carrier, g.n FROM"
    " (SELECT t.marketplace_id AS mp, t.carrier AS carrier, count(*) AS n"
    "  FROM order_transit t INDEXED BY order_transit_carrier"
    "  WHERE t.day BETWEEN ?1 AND ?2 AND t.shipped_at < ?4"
    "  AND (?3 IS NULL OR t.marketplace_id = (SELECT id FROM marketplaces WHERE name = ?3))"
    "  GROUP BY t.marketplace_id, t.carrier) g", error);
  if (stmt == NULL)
    return NULL;
  bind_late (stmt, filter, late_days, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 n = sqlite3_column_int64 (stmt, 2);

      acc_get (per_mp, (const char *) sqlite3_column_text (stmt, 1),
               (const char *) sqlite3_column_text (stmt, 0))->late += n;
      report->late_total += n;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading the late orders");
      return NULL;
    }

  stmt = ciro_store_prepare (store,
    "SELECT t.order_id, t.order_code, t.carrier, t.cargo_number, m.name, t.shipped_at"
    " FROM order_transit t INDEXED BY order_transit_shipped JOIN marketplaces m ON m.id = t.marketplace_id"
    " WHERE t.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR m.name = ?3) AND t.shipped_at < ?4"
    " ORDER BY t.shipped_at, t.order_id LIMIT ?5", error);
  if (stmt == NULL)
    return NULL;
  bind_late (stmt, filter, late_days, now);
  sqlite3_bind_int64 (stmt, 5, max_late < 0 ? G_MAXINT64 : max_late);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroLateOrder *l = g_new0 (CiroLateOrder, 1);

      l->order_id = sqlite3_column_int64 (stmt, 0);
      l->order_code = dup_column (stmt, 1);
      l->carrier = dup_column (stmt, 2);
      l->cargo_number = dup_column (stmt, 3);
      l->marketplace = dup_column (stmt, 4);
      l->shipped_at = sqlite3_column_int64 (stmt, 5);
      l->days_since_shipping = (double) (now - l->shipped_at) / 86400.0;
      g_ptr_array_add (report->late_orders, l);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading the late orders");
      return NULL;
    }

  report->by_marketplace = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_carrier_row_free);
  g_hash_table_iter_init (&iter, per_mp);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Acc *a = value;
      gint64 mp_orders = 0;
      GHashTableIter j;
      gpointer other;

      g_hash_table_iter_init (&j, per_mp);
      while (g_hash_table_iter_next (&j, NULL, &other))
        if (g_strcmp0 (((Acc *) other)->marketplace, a->marketplace) == 0)
          mp_orders += ((Acc *) other)->orders;
      g_ptr_array_add (report->by_marketplace, row_from_acc (a, mp_orders));
      acc_add (acc_get (per_carrier, a->carrier, NULL), a);
    }
  g_ptr_array_sort (report->by_marketplace, by_orders);

  report->carriers = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_carrier_row_free);
  g_hash_table_iter_init (&iter, per_carrier);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (report->carriers, row_from_acc (value, all_orders));
  g_ptr_array_sort (report->carriers, by_orders);

  report->advice = ciro_carrier_advise (report->by_marketplace);
  return g_steal_pointer (&report);
}

/* ------------------------------------------------------------ advice */

static double
per_order (const CiroCarrierRow *r)
{
  return r->net_orders > 0 ? (double) r->shipping_expense / (double) r->net_orders : 0;
}

static double
return_rate (const CiroCarrierRow *r)
{
  return r->shipped > 0 ? (double) r->returned_after_shipping / (double) r->shipped : 0;
}

GPtrArray *
ciro_carrier_advise (GPtrArray *by_marketplace)
{
  GPtrArray *advice = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_carrier_advice_free);
  g_autoptr(GHashTable) markets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  /* the eligible carriers of each marketplace, marketplaces in order */
  for (guint i = 0; i < by_marketplace->len; i++)
    {
      CiroCarrierRow *r = by_marketplace->pdata[i];
      GPtrArray *list;

      if (r->marketplace == NULL || r->net_orders < CIRO_CARRIER_ADVICE_MIN_ORDERS)
        continue;
      list = g_hash_table_lookup (markets, r->marketplace);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (markets, r->marketplace, list);
          g_ptr_array_add (order, r->marketplace);
        }
      g_ptr_array_add (list, r);
    }

  for (guint m = 0; m < order->len; m++)
    {
      GPtrArray *list = g_hash_table_lookup (markets, order->pdata[m]);

      if (list->len < 2)
        continue;
      for (guint i = 0; i < list->len; i++)
        {
          const CiroCarrierRow *a = list->pdata[i];
          const CiroCarrierRow *best = NULL;
          double best_saving = 0;
          gint64 others_late = 0, others_shipped = 0;
          double others_rate, late_rate;

          for (guint j = 0; j < list->len; j++)
            {
              const CiroCarrierRow *b = list->pdata[j];
              double saving;

              if (j == i)
                continue;
              others_late += b->late;
              others_shipped += b->shipped;
              if (!(per_order (b) < per_order (a)) ||
                  a->days_to_deliver_n == 0 || b->days_to_deliver_n == 0 ||
                  b->days_to_deliver_median > a->days_to_deliver_median + 0.5 + 1e-9 ||
                  return_rate (b) > 1.2 * return_rate (a) + 1e-12)
                continue;
              saving = (double) a->shipping_expense - (double) a->net_orders * per_order (b);
              if (best == NULL || saving > best_saving)
                {
                  best = b;
                  best_saving = saving;
                }
            }
          if (best != NULL)
            {
              CiroCarrierAdvice *adv = g_new0 (CiroCarrierAdvice, 1);

              adv->kind = CIRO_CARRIER_ADVICE_SWITCH;
              adv->marketplace = g_strdup (a->marketplace);
              adv->carrier = g_strdup (a->carrier);
              adv->better = g_strdup (best->carrier);
              adv->net_orders = a->net_orders;
              adv->saving = (CiroKurus) llround (best_saving);
              g_ptr_array_add (advice, adv);
            }

          late_rate = a->shipped > 0 ? (double) a->late / (double) a->shipped : 0;
          others_rate = others_shipped > 0 ? (double) others_late / (double) others_shipped : 0;
          if (a->late > 0 && late_rate > 2 * others_rate)
            {
              CiroCarrierAdvice *adv = g_new0 (CiroCarrierAdvice, 1);

              adv->kind = CIRO_CARRIER_ADVICE_LATE;
              adv->marketplace = g_strdup (a->marketplace);
              adv->carrier = g_strdup (a->carrier);
              adv->net_orders = a->net_orders;
              adv->late_pct = late_rate * 100;
              adv->others_late_pct = others_rate * 100;
              g_ptr_array_add (advice, adv);
            }
        }
    }
  return advice;
}

char *
ciro_carrier_advice_text (const CiroCarrierAdvice *a)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();

  if (a->kind == CIRO_CARRIER_ADVICE_SWITCH)
    {
      g_autofree char *saving = ciro_money_format (a->saving, style);
      g_autofree char *orders = ciro_count_format (a->net_orders, style);

      /* TRANSLATORS: "On Trendyol, sending Aras Kargo's 1.234 orders with
       * Sürat Kargo would have saved ₺2.345,00 in this period, delivering
       * about as fast with no more returns." */
      return g_strdup_printf (_("On %s, sending %s’s %s orders with %s would have saved %s in this period, "
                                "delivering about as fast with no more returns."),
                              ciro_marketplace_display (a->marketplace), ciro_carrier_display (a->carrier),
                              orders, ciro_carrier_display (a->better), saving);
    }
  else
    {
      g_autofree char *late = ciro_percent_format (a->late_pct, 1, style);
      g_autofree char *others = ciro_percent_format (a->others_late_pct, 1, style);

      /* TRANSLATORS: "On Trendyol, PTT Kargo's parcels are late 12.5% of
       * the time, more than twice the other carriers' 3.1%." */
      return g_strdup_printf (_("On %s, %s’s parcels are late %s of the time, more than twice the other "
                                "carriers’ %s."),
                              ciro_marketplace_display (a->marketplace), ciro_carrier_display (a->carrier),
                              late, others);
    }
}
