/* bench-carriers-old.c: the carrier engine as it was before order_transit
 *
 * The baseline bench-carriers prints beside the engine in the same run:
 * the late orders read from the orders table through orders_open and the
 * timeline, the distributions added up in hash tables. Kept as it was,
 * apart from its name.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "analytics/ciro-carriers.h"
#include "core/ciro-carrier.h"
#include "core/ciro-error.h"
#include "store/ciro-carrier-rollup.h"
#include "store/ciro-store-sql.h"
#include "bench-carriers-old.h"

/* Sums of one carrier (on one marketplace, or on all). */
typedef struct {
  char       *carrier;
  char       *marketplace;
  gint64      orders, net_orders, shipped, returned, late;
  CiroKurus   income, expense;
  GHashTable *ship, *deliver;
} Acc;

static void
acc_free (gpointer data)
{
  Acc *a = data;

  g_free (a->carrier);
  g_free (a->marketplace);
  g_hash_table_unref (a->ship);
  g_hash_table_unref (a->deliver);
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
      a->ship = ciro_duration_hist_new ();
      a->deliver = ciro_duration_hist_new ();
      g_hash_table_insert (table, g_steal_pointer (&key), a);
    }
  return a;
}

static void
hist_add_all (GHashTable *into, GHashTable *from)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const CiroDurationCell *c = value;
      CiroDurationCell *d = g_hash_table_lookup (into, GINT_TO_POINTER (c->bucket));

      if (d == NULL)
        {
          d = g_new0 (CiroDurationCell, 1);
          d->bucket = c->bucket;
          g_hash_table_insert (into, GINT_TO_POINTER (c->bucket), d);
        }
      d->count += c->count;
      d->seconds += c->seconds;
    }
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
  hist_add_all (into->ship, from->ship);
  hist_add_all (into->deliver, from->deliver);
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
  ciro_duration_hist_stats (a->ship, &s);
  r->days_to_ship_n = s.n;
  r->days_to_ship_mean = s.mean_days;
  r->days_to_ship_median = s.median_days;
  r->days_to_ship_p90 = s.p90_days;
  ciro_duration_hist_stats (a->deliver, &s);
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

static int
by_shipped_at (gconstpointer a, gconstpointer b)
{
  const CiroLateOrder *x = *(CiroLateOrder * const *) a;
  const CiroLateOrder *y = *(CiroLateOrder * const *) b;

  if (x->shipped_at != y->shipped_at)
    return x->shipped_at < y->shipped_at ? -1 : 1;
  return (x->order_id > y->order_id) - (x->order_id < y->order_id);
}

static char *
dup_column (sqlite3_stmt *stmt, int col)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

CiroCarrierReport *
bench_carriers_old_build (CiroStore              *store,
                           const CiroReportFilter *filter,
                           int                     late_days,
                           gint64                  now,
                           GError                **error)
{
  g_autoptr(CiroCarrierReport) report = g_new0 (CiroCarrierReport, 1);
  g_autoptr(GHashTable) per_mp = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, acc_free);
  g_autoptr(GHashTable) per_carrier = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, acc_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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

  /* per day, marketplace and carrier; the expense at each marketplace's
   * per-order cost (metrics.md) */
  stmt = ciro_store_prepare (store,
    "SELECT m.name, r.carrier, r.orders, r.net_orders, r.shipping_income, r.shipped, r.returned,"
    " r.ship_hist, r.deliver_hist, r.net_orders * m.shipping_cost"
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
      if (!ciro_duration_hist_merge (a->ship, sqlite3_column_blob (stmt, 7), sqlite3_column_bytes (stmt, 7), +1) ||
          !ciro_duration_hist_merge (a->deliver, sqlite3_column_blob (stmt, 8), sqlite3_column_bytes (stmt, 8), +1))
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

  /* the late orders: shipped, not delivered, not cancelled, on their way
   * for more than late_days */
  stmt = ciro_store_prepare (store,
    "SELECT o.id, o.order_code, o.cargo_provider, o.cargo_number, m.name, e.at"
    " FROM orders o INDEXED BY orders_open"
    " JOIN order_status_events e ON e.order_id = o.id AND e.status = 5"
    " JOIN marketplaces m ON m.id = o.marketplace_id"
    " WHERE o.day BETWEEN ?1 AND ?2 AND o.status NOT IN (6, 99)"
    " AND (?3 IS NULL OR m.name = ?3) AND e.at < ?4"
    " AND NOT EXISTS (SELECT 1 FROM order_status_events d WHERE d.order_id = o.id AND d.status = 99)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, filter->from);
  sqlite3_bind_int (stmt, 2, filter->to);
  if (filter->marketplace != NULL)
    sqlite3_bind_text (stmt, 3, filter->marketplace, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_int64 (stmt, 4, now - (gint64) late_days * 86400);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroLateOrder *l = g_new0 (CiroLateOrder, 1);
      const char *raw = (const char *) sqlite3_column_text (stmt, 2);
      const char *carrier = g_hash_table_lookup (names, raw ? raw : "");

      if (carrier == NULL)
        {
          char *name = ciro_carrier_normalize (raw);
          g_hash_table_insert (names, g_strdup (raw ? raw : ""), name);
          carrier = name;
        }
      l->order_id = sqlite3_column_int64 (stmt, 0);
      l->order_code = dup_column (stmt, 1);
      l->carrier = g_strdup (carrier);
      l->cargo_number = dup_column (stmt, 3);
      l->marketplace = dup_column (stmt, 4);
      l->shipped_at = sqlite3_column_int64 (stmt, 5);
      l->days_since_shipping = (double) (now - l->shipped_at) / 86400.0;
      g_ptr_array_add (report->late_orders, l);
      acc_get (per_mp, l->carrier, l->marketplace)->late++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading the late orders");
      return NULL;
    }
  g_ptr_array_sort (report->late_orders, by_shipped_at);

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

