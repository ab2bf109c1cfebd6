/* ciro-store-carriers.c: the status timeline and the carrier rollup
 *
 * Sentos tells an order's current status, not its history, so every write
 * of an order notes the first moment each status was seen (insights.md
 * §3), in the transaction that writes the order. roll_day_carrier follows
 * every order written: its old contribution is taken out before the write
 * and the new one added after, accumulated in memory and written at commit
 * like the other rollups. order_transit follows in the same way the orders
 * on their way (shipped, not delivered, not cancelled), so that the late
 * orders are found without reading the orders table.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include <string.h>

#include "core/ciro-carrier.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "ciro-carrier-rollup.h"
#include "ciro-store-private.h"

#define ORDER_STATUS_DELIVERED 99

typedef struct {
  CiroDay     day;
  gint64      marketplace_id;
  char       *carrier;
  gint64      orders, net_orders, shipping_income, shipped, returned;
  gint64      expense_orders, expense;   /* net orders with their own shipping expense */
  GHashTable *ship;
  GHashTable *deliver;
} CarrierCell;

struct _CiroCarrierDelta {
  GHashTable *cells;    /* "day|mp|carrier" → CarrierCell */
  GHashTable *names;    /* cargo_provider as stored → carrier */
};

static void
carrier_cell_free (gpointer data)
{
  CarrierCell *c = data;

  g_free (c->carrier);
  g_hash_table_unref (c->ship);
  g_hash_table_unref (c->deliver);
  g_free (c);
}

CiroCarrierDelta *
ciro_carrier_delta_new (void)
{
  CiroCarrierDelta *self = g_new0 (CiroCarrierDelta, 1);

  self->cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, carrier_cell_free);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return self;
}

void
ciro_carrier_delta_free (CiroCarrierDelta *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->cells);
  g_hash_table_unref (self->names);
  g_free (self);
}

void
ciro_carrier_delta_clear (CiroCarrierDelta *self)
{
  g_hash_table_remove_all (self->cells);
}

static const char *
carrier_name (CiroCarrierDelta *self, const char *cargo_provider)
{
  const char *raw = cargo_provider != NULL ? cargo_provider : "";
  char *name = g_hash_table_lookup (self->names, raw);

  if (name == NULL)
    {
      name = ciro_carrier_normalize (raw);
      g_hash_table_insert (self->names, g_strdup (raw), name);
    }
  return name;
}

/* One order's share of roll_day_carrier; ship_at, deliver_at 0 when the
 * order was never seen in that status. */
typedef struct {
  CiroDay     day;
  gint32      seconds;
  gint64      marketplace_id;
  gint32      status;
  CiroKurus   shipping_total;
  const char *cargo_provider;
  gint64      ship_at;
  gint64      deliver_at;
  gint64      id;
  const char *order_code;
  const char *cargo_number;
  gboolean    has_expense;    /* actual cargo, else the tariff */
  CiroKurus   expense;
} OrderShare;

static void
add_share (CiroCarrierDelta *self, const OrderShare *o, int sign)
{
  const char *carrier = carrier_name (self, o->cargo_provider);
  g_autofree char *key = g_strdup_printf ("%d|%" G_GINT64_FORMAT "|%s", o->day, o->marketplace_id, carrier);
  CarrierCell *c = g_hash_table_lookup (self->cells, key);
  gboolean net = o->status != CIRO_ORDER_STATUS_CANCELLED;
  gboolean shipped = o->ship_at != 0 || o->deliver_at != 0;

  if (c == NULL)
    {
      c = g_new0 (CarrierCell, 1);
      c->day = o->day;
      c->marketplace_id = o->marketplace_id;
      c->carrier = g_strdup (carrier);
      c->ship = ciro_duration_hist_new ();
      c->deliver = ciro_duration_hist_new ();
      g_hash_table_insert (self->cells, g_steal_pointer (&key), c);
    }
  c->orders += sign;
  c->net_orders += sign * net;
  c->shipping_income += net ? sign * o->shipping_total : 0;
  c->shipped += sign * shipped;
  c->returned += sign * (shipped && !net);
  if (net && o->has_expense)
    {
      c->expense_orders += sign;
      c->expense += sign * o->expense;
    }
  if (o->ship_at != 0)
    ciro_duration_hist_add (c->ship, o->ship_at - ciro_to_unix (o->day, o->seconds), sign);
  if (o->ship_at != 0 && o->deliver_at != 0)
    ciro_duration_hist_add (c->deliver, o->deliver_at - o->ship_at, sign);
}

static void
read_share (sqlite3_stmt *stmt, OrderShare *o)
{
  o->day = sqlite3_column_int (stmt, 0);
  o->seconds = sqlite3_column_int (stmt, 1);
  o->marketplace_id = sqlite3_column_int64 (stmt, 2);
  o->status = sqlite3_column_int (stmt, 3);
  o->shipping_total = sqlite3_column_int64 (stmt, 4);
  o->cargo_provider = (const char *) sqlite3_column_text (stmt, 5);
  o->ship_at = sqlite3_column_int64 (stmt, 6);
  o->deliver_at = sqlite3_column_int64 (stmt, 7);
  o->id = sqlite3_column_int64 (stmt, 8);
  o->order_code = (const char *) sqlite3_column_text (stmt, 9);
  o->cargo_number = (const char *) sqlite3_column_text (stmt, 10);
  o->has_expense = sqlite3_column_type (stmt, 11) != SQLITE_NULL;
  o->expense = sqlite3_column_int64 (stmt, 11);
}

/* Shipped, not delivered, not cancelled (insights.md §3's late orders are
 * those of them shipped more than N days ago). */
static gboolean
in_transit (const OrderShare *o)
{
  return o->ship_at != 0 && o->deliver_at == 0 &&
         o->status != CIRO_ORDER_STATUS_CANCELLED && o->status != ORDER_STATUS_DELIVERED;
}

static gboolean
transit_put (CiroStore *self, const OrderShare *o, GError **error)
{
  sqlite3_stmt *stmt;

  if (!in_transit (o))
    return TRUE;
  stmt = ciro_store_prepare (self, "INSERT OR REPLACE INTO order_transit (order_id, day, marketplace_id,"
                                   " carrier, shipped_at, order_code, cargo_number)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, o->id);
  sqlite3_bind_int (stmt, 2, o->day);
  sqlite3_bind_int64 (stmt, 3, o->marketplace_id);
  sqlite3_bind_text (stmt, 4, carrier_name (self->carriers, o->cargo_provider), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, o->ship_at);
  sqlite3_bind_text (stmt, 6, o->order_code != NULL ? o->order_code : "", -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, o->cargo_number, -1, SQLITE_STATIC);
  return ciro_store_step_done (self, stmt, error, "saving an order on its way");
}

#define SHARE_COLUMNS \
  "o.day, o.seconds, o.marketplace_id, o.status, o.shipping_total, o.cargo_provider, s.at, d.at," \
  " o.id, o.order_code, o.cargo_number, coalesce (o.actual_cargo, o.tariff)" \
  " FROM orders o" \
  " LEFT JOIN order_status_events s ON s.order_id = o.id AND s.status = 5" \
  " LEFT JOIN order_status_events d ON d.order_id = o.id AND d.status = 99"

static gboolean
order_share (CiroStore *self, gint64 order_id, int sign, GError **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (self, "SELECT " SHARE_COLUMNS " WHERE o.id = ?1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      OrderShare o;

      read_share (stmt, &o);
      add_share (self->carriers, &o, sign);
      if (sign > 0 && !transit_put (self, &o, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading an order's shipping");
      return FALSE;
    }
  if (sign < 0)
    {
      stmt = ciro_store_prepare (self, "DELETE FROM order_transit WHERE order_id = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, order_id);
      return ciro_store_step_done (self, stmt, error, "saving an order on its way");
    }
  return TRUE;
}

gboolean
ciro_store_carriers_before_put (CiroStore *self, gint64 order_id, GError **error)
{
  return order_share (self, order_id, -1, error);
}

gboolean
ciro_store_carriers_after_change (CiroStore *self, gint64 order_id, GError **error)
{
  return order_share (self, order_id, +1, error);
}

const char *
ciro_store_carrier_name (CiroStore *self, const char *cargo_provider)
{
  return carrier_name (self->carriers, cargo_provider);
}

/* insights.md §3: the order's updated_at when it is parseable and not
 * before the order's own moment, else the sync's time (now). */
static gint64
status_moment (const CiroOrderRecord *o)
{
  gint64 placed = ciro_to_unix (o->day, o->seconds);
  CiroDay day;
  gint32 seconds;

  if (o->updated_at != NULL && ciro_datetime_parse (o->updated_at, &day, &seconds, NULL))
    {
      gint64 updated = ciro_to_unix (day, seconds);
      if (updated >= placed)
        return updated;
    }
  ciro_now (&day, &seconds);
  return ciro_to_unix (day, seconds);
}

gboolean
ciro_store_note_status (CiroStore *self, gint64 order_id, gint32 status, gint64 at, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  REQUIRE_TRANSACTION (self, error);

  /* the first sighting of a status stays: a re-sync adds nothing */
  stmt = ciro_store_prepare (self, "INSERT OR IGNORE INTO order_status_events (order_id, status, at)"
                                   " VALUES (?1, ?2, ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  sqlite3_bind_int (stmt, 2, status);
  sqlite3_bind_int64 (stmt, 3, at);
  return ciro_store_step_done (self, stmt, error, "saving an order's status");
}

gboolean
ciro_store_carriers_after_put (CiroStore *self, const CiroOrderRecord *o, GError **error)
{
  return ciro_store_note_status (self, o->id, o->status, status_moment (o), error) &&
         order_share (self, o->id, +1, error);
}

static gboolean
flush_cell (CiroStore *self, CarrierCell *c, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ciro_store_prepare (self, "SELECT orders, net_orders, shipping_income, shipped, returned,"
                                   " ship_hist, deliver_hist, expense_orders, expense FROM roll_day_carrier"
                                   " WHERE day = ?1 AND marketplace_id = ?2 AND carrier = ?3", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, c->day);
  sqlite3_bind_int64 (stmt, 2, c->marketplace_id);
  sqlite3_bind_text (stmt, 3, c->carrier, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      c->orders += sqlite3_column_int64 (stmt, 0);
      c->net_orders += sqlite3_column_int64 (stmt, 1);
      c->shipping_income += sqlite3_column_int64 (stmt, 2);
      c->shipped += sqlite3_column_int64 (stmt, 3);
      c->returned += sqlite3_column_int64 (stmt, 4);
      c->expense_orders += sqlite3_column_int64 (stmt, 7);
      c->expense += sqlite3_column_int64 (stmt, 8);
      if (!ciro_duration_hist_merge (c->ship, sqlite3_column_blob (stmt, 5), sqlite3_column_bytes (stmt, 5), +1) ||
          !ciro_duration_hist_merge (c->deliver, sqlite3_column_blob (stmt, 6), sqlite3_column_bytes (stmt, 6), +1))
        rc = SQLITE_CORRUPT;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_CORRUPT)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_CORRUPT,
                   "The carrier figures of day %d are damaged", c->day);
      return FALSE;
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading the carrier figures");
      return FALSE;
    }

  if (c->orders <= 0)
    {
      stmt = ciro_store_prepare (self, "DELETE FROM roll_day_carrier"
                                       " WHERE day = ?1 AND marketplace_id = ?2 AND carrier = ?3", error);
      if (stmt == NULL)
        return FALSE;
    }
  else
    {
      g_autoptr(GBytes) ship = ciro_duration_hist_encode (c->ship);
      g_autoptr(GBytes) deliver = ciro_duration_hist_encode (c->deliver);

      stmt = ciro_store_prepare (self, "INSERT OR REPLACE INTO roll_day_carrier (day, marketplace_id, carrier,"
                                       " orders, net_orders, shipping_income, shipped, returned, ship_hist,"
                                       " deliver_hist, expense_orders, expense)"
                                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 4, c->orders);
      sqlite3_bind_int64 (stmt, 5, c->net_orders);
      sqlite3_bind_int64 (stmt, 6, c->shipping_income);
      sqlite3_bind_int64 (stmt, 7, c->shipped);
      sqlite3_bind_int64 (stmt, 8, c->returned);
      sqlite3_bind_int64 (stmt, 11, c->expense_orders);
      sqlite3_bind_int64 (stmt, 12, c->expense);
      if (ship != NULL)
        sqlite3_bind_blob (stmt, 9, g_bytes_get_data (ship, NULL), (int) g_bytes_get_size (ship), SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 9);
      if (deliver != NULL)
        sqlite3_bind_blob (stmt, 10, g_bytes_get_data (deliver, NULL), (int) g_bytes_get_size (deliver),
                           SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 10);
    }
  sqlite3_bind_int (stmt, 1, c->day);
  sqlite3_bind_int64 (stmt, 2, c->marketplace_id);
  sqlite3_bind_text (stmt, 3, c->carrier, -1, SQLITE_STATIC);
  return ciro_store_step_done (self, stmt, error, "saving the carrier figures");
}

gboolean
ciro_carrier_delta_flush (CiroStore *self, GError **error)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->carriers->cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!flush_cell (self, value, error))
      return FALSE;
  ciro_carrier_delta_clear (self->carriers);
  return TRUE;
}

gboolean
ciro_store_rebuild_carrier_rollup (CiroStore *self, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  REQUIRE_TRANSACTION (self, error);
  ciro_carrier_delta_clear (self->carriers);
  if (!ciro_store_exec (self, "DELETE FROM roll_day_carrier; DELETE FROM order_transit", error))
    return FALSE;
  stmt = ciro_store_prepare (self, "SELECT " SHARE_COLUMNS, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      OrderShare o;

      read_share (stmt, &o);
      add_share (self->carriers, &o, +1);
      if (!transit_put (self, &o, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading orders' shipping");
      return FALSE;
    }
  return ciro_carrier_delta_flush (self, error);
}
