/* ciro-store-tariffs.c: carrier tariffs with history (insights.md §3)
 *
 * Each order keeps the tariff of its day in orders.tariff (NULL: none),
 * written with the order and brought up to date by every recompute, so
 * that every reader of shipping expense takes coalesce (actual cargo,
 * tariff, the marketplace's cost) and the rollups sum it.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include <glib/gi18n.h>

#include "core/ciro-carrier.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-text.h"
#include "ciro-store-private.h"
#include "ciro-tariffs.h"

#define MAX_TARIFF G_GINT64_CONSTANT (10000000)   /* ₺100,000 per order */

void
ciro_tariff_free (CiroTariff *self)
{
  if (self == NULL)
    return;
  g_free (self->carrier);
  g_free (self->marketplace);
  g_free (self);
}

GPtrArray *
ciro_store_list_tariffs (CiroStore *self, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_tariff_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);
  stmt = ciro_store_prepare (self, "SELECT carrier, marketplace, from_day, amount FROM carrier_tariffs"
                                   " ORDER BY carrier, marketplace, from_day", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroTariff *t = g_new0 (CiroTariff, 1);
      t->carrier = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      t->marketplace = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      t->from_day = sqlite3_column_int (stmt, 2);
      t->amount = sqlite3_column_int64 (stmt, 3);
      g_ptr_array_add (out, t);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading the carrier tariffs");
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
lookup (CiroStore  *self,
        const char *marketplace,
        const char *carrier,
        CiroDay     day,
        gboolean   *has,
        CiroKurus  *amount,
        GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* a tariff for the order's marketplace beats one for any marketplace */
  stmt = ciro_store_prepare (self, "SELECT amount FROM carrier_tariffs"
                                   " WHERE carrier = ?1 AND marketplace IN (?2, '') AND from_day <= ?3"
                                   " ORDER BY marketplace = '', from_day DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, carrier, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, marketplace != NULL ? marketplace : "", -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, day);
  rc = sqlite3_step (stmt);
  *has = rc == SQLITE_ROW;
  *amount = *has ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading the carrier tariffs");
      return FALSE;
    }
  return TRUE;
}

gboolean
ciro_store_tariff_for (CiroStore  *self,
                       const char *marketplace,
                       const char *cargo_provider,
                       CiroDay     day,
                       gboolean   *has,
                       CiroKurus  *amount,
                       GError    **error)
{
  return lookup (self, marketplace, ciro_store_carrier_name (self, cargo_provider), day, has, amount, error);
}

typedef struct {
  gint64    order_id;
  gboolean  has;
  CiroKurus amount;
} TariffUpdate;

#define TARIFF_CHUNK 20000

gboolean
ciro_store_update_tariffs (CiroStore *self, GError **error)
{
  g_autoptr(GHashTable) memo = NULL;
  g_autoptr(GArray) updates = NULL;
  sqlite3_stmt *stmt;
  gint64 last = G_MININT64;
  gboolean any;
  guint n_read;
  int rc;

  stmt = ciro_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM carrier_tariffs)", error);
  if (stmt == NULL)
    return FALSE;
  any = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (!any)
    return ciro_store_exec (self, "UPDATE orders SET tariff = NULL WHERE tariff IS NOT NULL", error);

  /* "marketplace|carrier|day" → the tariff + 1 (0: none) */
  memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  updates = g_array_new (FALSE, FALSE, sizeof (TariffUpdate));
  do
    {
      /* reading and writing apart: a scan over a table being updated is undefined */
      g_array_set_size (updates, 0);
      stmt = ciro_store_prepare (self, "SELECT o.id, o.day, m.name, o.cargo_provider, o.tariff"
                                       " FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
                                       " WHERE o.id > ?1 ORDER BY o.id LIMIT ?2", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, last);
      sqlite3_bind_int (stmt, 2, TARIFF_CHUNK);
      n_read = 0;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          CiroDay day = sqlite3_column_int (stmt, 1);
          const char *mp = (const char *) sqlite3_column_text (stmt, 2);
          const char *carrier = ciro_store_carrier_name (self, (const char *) sqlite3_column_text (stmt, 3));
          g_autofree char *key = g_strdup_printf ("%s|%s|%d", mp, carrier, day);
          gpointer found;
          TariffUpdate u = { sqlite3_column_int64 (stmt, 0), FALSE, 0 };

          last = u.order_id;
          n_read++;
          if (g_hash_table_lookup_extended (memo, key, NULL, &found))
            {
              u.has = GPOINTER_TO_SIZE (found) != 0;
              u.amount = u.has ? (CiroKurus) GPOINTER_TO_SIZE (found) - 1 : 0;
            }
          else
            {
              if (!lookup (self, mp, carrier, day, &u.has, &u.amount, error))
                {
                  sqlite3_reset (stmt);
                  return FALSE;
                }
              g_hash_table_insert (memo, g_steal_pointer (&key), GSIZE_TO_POINTER (u.has ? (gsize) u.amount + 1 : 0));
            }
          if (u.has == (sqlite3_column_type (stmt, 4) != SQLITE_NULL) &&
              (!u.has || u.amount == sqlite3_column_int64 (stmt, 4)))
            continue;
          g_array_append_val (updates, u);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          ciro_store_set_error (self, error, "reading orders' carriers");
          return FALSE;
        }
      for (guint i = 0; i < updates->len; i++)
        {
          const TariffUpdate *u = &g_array_index (updates, TariffUpdate, i);

          stmt = ciro_store_prepare (self, "UPDATE orders SET tariff = ?2 WHERE id = ?1", error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, u->order_id);
          if (u->has)
            sqlite3_bind_int64 (stmt, 2, u->amount);
          if (!ciro_store_step_done (self, stmt, error, "saving an order's tariff"))
            return FALSE;
        }
    }
  while (n_read == TARIFF_CHUNK);
  return TRUE;
}

typedef struct {
  char      *carrier;
  char      *marketplace;
  CiroDay    from_day;
  CiroKurus  amount;
  gboolean   remove;
} TariffChange;

static gboolean
change_body (CiroStore *self, gpointer data, GError **error)
{
  TariffChange *c = data;
  sqlite3_stmt *stmt;

  if (c->remove)
    stmt = ciro_store_prepare (self, "DELETE FROM carrier_tariffs"
                                     " WHERE carrier = ?1 AND marketplace = ?2 AND from_day = ?3", error);
  else
    stmt = ciro_store_prepare (self, "INSERT OR REPLACE INTO carrier_tariffs (carrier, marketplace, from_day, amount)"
                                     " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->carrier, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, c->marketplace, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, c->from_day);
  if (!c->remove)
    sqlite3_bind_int64 (stmt, 4, c->amount);
  if (!ciro_store_step_done (self, stmt, error, "saving a carrier tariff"))
    return FALSE;
  if (c->remove && sqlite3_changes (ciro_store_get_db (self)) == 0)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND,
                   _("No tariff for %s from that date"), ciro_carrier_display (c->carrier));
      return FALSE;
    }
  /* every order of the carrier may change: in the background when deferred */
  return ciro_store_recompute_inline (self, error);
}

static gboolean
change (CiroStore    *self,
        TariffChange *c,
        const char   *carrier,
        const char   *marketplace,
        GError      **error)
{
  g_autofree char *stripped = carrier != NULL ? ciro_strip (carrier) : NULL;
  g_autofree char *mp = NULL;
  gboolean ok;

  if (stripped == NULL || *stripped == '\0')
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("A tariff needs a carrier"));
      return FALSE;
    }
  if (c->from_day == CIRO_DAY_INVALID)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("A setting with history needs the date it applies from"));
      return FALSE;
    }
  if (marketplace != NULL)
    {
      g_autofree char *m = ciro_strip (marketplace);
      if (*m != '\0')
        mp = ciro_marketplace_normalize (m);
    }
  c->carrier = ciro_carrier_normalize (stripped);
  c->marketplace = mp != NULL ? mp : (char *) "";
  ok = ciro_store_with_transaction (self, change_body, c, error);
  g_free (c->carrier);
  return ok;
}

gboolean
ciro_store_set_tariff (CiroStore  *self,
                       const char *carrier,
                       const char *marketplace,
                       CiroDay     from_day,
                       CiroKurus   amount,
                       GError    **error)
{
  TariffChange c = { NULL, NULL, from_day, amount, FALSE };

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  if (amount < 0 || amount > MAX_TARIFF)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("A tariff must be between ₺0 and ₺100,000 per order"));
      return FALSE;
    }
  return change (self, &c, carrier, marketplace, error);
}

gboolean
ciro_store_remove_tariff (CiroStore  *self,
                          const char *carrier,
                          const char *marketplace,
                          CiroDay     from_day,
                          GError    **error)
{
  TariffChange c = { NULL, NULL, from_day, 0, TRUE };

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  return change (self, &c, carrier, marketplace, error);
}
