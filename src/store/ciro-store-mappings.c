/* ciro-store-mappings.c: telling Ciro which product a line SKU is
 *
 * A mapping only changes the lines that carry its SKU, so setting one does
 * not recompute the store: the lines the SKU matched before (found through
 * the product_key index) are matched and costed again, and the orders they
 * belong to move their share of the rollups with the transaction's delta.
 * Only when a recompute is pending anyway (the catalogue changed) does a
 * mapping run the whole recompute.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include <glib/gi18n.h>

#include "core/ciro-error.h"
#include "ciro-profit.h"
#include "ciro-store-private.h"

void
ciro_mapping_change_free (CiroMappingChange *self)
{
  if (self == NULL)
    return;
  g_free (self->sku);
  g_free (self);
}

void
ciro_mapping_free (CiroMapping *self)
{
  if (self == NULL)
    return;
  g_free (self->sku);
  g_free (self->product_sku);
  g_free (self->product_name);
  g_free (self);
}

gint64
ciro_store_find_product_sku (CiroStore *self, const char *product_sku, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (self), -1);
  g_return_val_if_fail (product_sku != NULL, -1);

  stmt = ciro_store_prepare (self,
    "SELECT id FROM (SELECT id, 0 AS pref FROM products WHERE sku = ?1"
    "                UNION ALL SELECT product_id, 1 FROM variants WHERE sku = ?1)"
    " ORDER BY pref, id LIMIT 1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, product_sku, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "finding a product");
      return -1;
    }
  return id;
}

/* One line the mapping may move, with what it holds now. */
typedef struct {
  CiroLineUpdate now;     /* recomputed */
  gint64         quantity;
  CiroKurus      amount;
  gint32         status;
  CiroMatchRule  old_rule;
  gint64         old_key;
} Candidate;

/* The rollup lines of one order as stored. */
static gboolean
read_order (CiroStore *self,
            gint64     order_id,
            CiroDay   *day,
            gint64    *marketplace_id,
            gint32    *status,
            CiroKurus *shipping,
            CiroKurus *shipping_vat,
            GArray    *positions,
            GArray    *lines,
            GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = ciro_store_prepare (self, "SELECT day, marketplace_id, status, shipping_total, shipping_vat"
                                   " FROM orders WHERE id = ?1 /* mapping */", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_FAILED, "An order line without its order (%lld)",
                   (long long) order_id);
      return FALSE;
    }
  *day = sqlite3_column_int (stmt, 0);
  *marketplace_id = sqlite3_column_int64 (stmt, 1);
  *status = sqlite3_column_int (stmt, 2);
  *shipping = sqlite3_column_int64 (stmt, 3);
  *shipping_vat = sqlite3_column_int64 (stmt, 4);
  sqlite3_reset (stmt);

  g_array_set_size (positions, 0);
  g_array_set_size (lines, 0);
  stmt = ciro_store_prepare (self, "SELECT pos, product_key, quantity, amount, cost, commission, match_rule,"
                                   " output_vat, cost_ex_vat FROM order_lines WHERE order_id = ?1"
                                   " ORDER BY pos /* mapping */", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, order_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int pos = sqlite3_column_int (stmt, 0);
      CiroRollupLine l = {
        .product_key = sqlite3_column_int64 (stmt, 1),
        .quantity = sqlite3_column_int64 (stmt, 2),
        .amount = sqlite3_column_int64 (stmt, 3),
        .cost = sqlite3_column_int64 (stmt, 4),
        .commission = sqlite3_column_int64 (stmt, 5),
        .unmatched = sqlite3_column_int (stmt, 6) == CIRO_MATCH_NONE,
        .output_vat = sqlite3_column_int64 (stmt, 7),
        .cost_ex_vat = sqlite3_column_int64 (stmt, 8),
      };
      g_array_append_val (positions, pos);
      g_array_append_val (lines, l);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading order lines");
      return FALSE;
    }
  return TRUE;
}

static int
compare_updates (gconstpointer a, gconstpointer b)
{
  const CiroLineUpdate *x = a, *y = b;

  if (x->order_id != y->order_id)
    return x->order_id < y->order_id ? -1 : 1;
  return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Takes each touched order's contribution out of the rollups as stored and
 * adds it back with the updated lines; then writes the lines. */
static gboolean
move_orders (CiroStore *self, GArray *updates, GError **error)
{
  g_autoptr(GArray) positions = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) old_lines = g_array_new (FALSE, TRUE, sizeof (CiroRollupLine));
  g_autoptr(GArray) new_lines = g_array_new (FALSE, TRUE, sizeof (CiroRollupLine));

  g_array_sort (updates, compare_updates);
  for (guint i = 0; i < updates->len;)
    {
      gint64 order_id = g_array_index (updates, CiroLineUpdate, i).order_id;
      CiroDay day;
      gint64 mp;
      gint32 status;
      CiroKurus shipping, shipping_vat;
      guint end = i;

      if (!read_order (self, order_id, &day, &mp, &status, &shipping, &shipping_vat, positions, old_lines, error))
        return FALSE;
      g_array_set_size (new_lines, 0);
      g_array_append_vals (new_lines, old_lines->data, old_lines->len);
      for (; end < updates->len && g_array_index (updates, CiroLineUpdate, end).order_id == order_id; end++)
        {
          const CiroLineUpdate *u = &g_array_index (updates, CiroLineUpdate, end);

          for (guint k = 0; k < positions->len; k++)
            if (g_array_index (positions, int, k) == u->pos)
              {
                CiroRollupLine *l = &g_array_index (new_lines, CiroRollupLine, k);
                l->product_key = u->product_key;
                l->cost = u->cost;
                l->commission = u->commission;
                l->unmatched = u->match.rule == CIRO_MATCH_NONE;
                l->output_vat = u->output_vat;
                l->cost_ex_vat = u->cost_ex_vat;
                break;
              }
        }
      if (!ciro_rollup_delta_add_order (self->delta, day, mp, status, shipping, shipping_vat,
                                        (const CiroRollupLine *) old_lines->data, old_lines->len, -1) ||
          !ciro_rollup_delta_add_order (self->delta, day, mp, status, shipping, shipping_vat,
                                        (const CiroRollupLine *) new_lines->data, new_lines->len, +1))
        {
          g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                       _("%s %lld: its figures add up beyond what Ciro can hold"), _("Order"),
                       (long long) order_id);
          return FALSE;
        }
      i = end;
    }
  return ciro_store_apply_line_updates (self, updates, error);
}

/* The product_key the lines carrying `sku` (and no barcode of the
 * catalogue) have now: 0 when no line can. */
static gboolean
current_key (CiroStore *self, CiroMatcher *matcher, const char *sku, gint64 *key, GError **error)
{
  CiroMatch m;
  sqlite3_stmt *stmt;
  int rc;

  *key = 0;
  ciro_matcher_match (matcher, sku, NULL, &m);
  /* a SKU of the catalogue itself is matched before any mapping */
  if (m.rule == CIRO_MATCH_VARIANT_SKU || m.rule == CIRO_MATCH_PRODUCT_SKU)
    return TRUE;
  if (m.rule != CIRO_MATCH_NONE)
    {
      *key = m.product_id;
      return TRUE;
    }
  stmt = ciro_store_prepare (self, "SELECT id FROM unmatched_skus WHERE sku = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *key = -sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading unmatched SKUs");
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_mapping (CiroStore *self, const CiroMappingSet *set, GError **error)
{
  sqlite3_stmt *stmt;

  if (set->product_id == 0)
    {
      stmt = ciro_store_prepare (self, "DELETE FROM sku_mappings WHERE sku = ?1", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, set->sku, -1, SQLITE_STATIC);
      return ciro_store_step_done (self, stmt, error, "removing a mapping");
    }
  stmt = ciro_store_prepare (self, "INSERT INTO sku_mappings (sku, product_id, created_at)"
                                   " VALUES (?1, ?2, ?3) ON CONFLICT (sku) DO UPDATE SET"
                                   " product_id = excluded.product_id,"
                                   " created_at = excluded.created_at", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, set->sku, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, set->product_id);
  sqlite3_bind_int64 (stmt, 3, set->created_at != 0 ? set->created_at : g_get_real_time () / G_USEC_PER_SEC);
  return ciro_store_step_done (self, stmt, error, "saving a mapping");
}

static gboolean
product_exists (CiroStore *self, gint64 id, GError **error)
{
  sqlite3_stmt *stmt = ciro_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM products WHERE id = ?1)", error);
  gboolean exists;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  exists = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (!exists)
    g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND,
                 _("No product with id %lld"), (long long) id);
  return exists;
}

/* Sets one mapping and moves the lines it changes. */
static gboolean
set_one (CiroStore            *self,
         CiroMatcher          *matcher,
         const CiroMappingSet *set,
         CiroMappingChange    *change,
         GError              **error)
{
  g_autoptr(GArray) updates = g_array_new (FALSE, FALSE, sizeof (CiroLineUpdate));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  sqlite3_stmt *stmt;
  gint64 key;
  int rc;

  if (set->sku == NULL || *set->sku == '\0')
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("An empty SKU cannot be mapped"));
      return FALSE;
    }
  if (set->product_id != 0 && !product_exists (self, set->product_id, error))
    return FALSE;

  change->sku = g_strdup (set->sku);
  change->product_id = set->product_id;
  stmt = ciro_store_prepare (self, "SELECT product_id, created_at FROM sku_mappings WHERE sku = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, set->sku, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      change->previous_product_id = sqlite3_column_int64 (stmt, 0);
      change->previous_created_at = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (!current_key (self, matcher, set->sku, &key, error) || !write_mapping (self, set, error))
    return FALSE;
  ciro_matcher_set_mapping (matcher, set->sku, set->product_id);
  if (key == 0)
    return TRUE;

  /* Read first, write after: the scan must not see its own updates. */
  stmt = ciro_store_prepare (self,
    "SELECT l.order_id, l.pos, l.barcode, l.quantity, l.amount, o.day, m.name, m.commission, l.vat_rate,"
    " l.product_id, l.variant_id, l.match_rule, l.product_key, l.unit_cost, l.cost, l.commission,"
    " l.output_vat, l.cost_ex_vat, o.status, o.actual_commission IS NOT NULL"
    " FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN marketplaces m ON m.id = o.marketplace_id"
    " WHERE l.product_key = ?1 AND l.sku = ?2", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_text (stmt, 2, set->sku, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Candidate c = { 0 };
      CiroLineUpdate *u = &c.now;

      u->order_id = sqlite3_column_int64 (stmt, 0);
      u->pos = sqlite3_column_int (stmt, 1);
      c.quantity = sqlite3_column_int64 (stmt, 3);
      c.amount = sqlite3_column_int64 (stmt, 4);
      c.status = sqlite3_column_int (stmt, 18);
      c.old_rule = sqlite3_column_int (stmt, 11);
      c.old_key = sqlite3_column_int64 (stmt, 12);
      if (!ciro_store_cost_line (self, matcher, (const char *) sqlite3_column_text (stmt, 6),
                                 sqlite3_column_int (stmt, 7), set->sku,
                                 (const char *) sqlite3_column_text (stmt, 2), c.quantity, c.amount,
                                 sqlite3_column_int (stmt, 5), sqlite3_column_int (stmt, 8), u, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      /* an order's actual commission was split over its lines when imported */
      if (sqlite3_column_int (stmt, 19))
        u->commission = sqlite3_column_int64 (stmt, 15);
      if (sqlite3_column_int64 (stmt, 9) == u->match.product_id &&
          sqlite3_column_int64 (stmt, 10) == u->match.variant_id &&
          c.old_rule == u->match.rule &&
          c.old_key == u->product_key &&
          sqlite3_column_int64 (stmt, 13) == u->unit_cost &&
          sqlite3_column_int64 (stmt, 14) == u->cost &&
          sqlite3_column_int64 (stmt, 15) == u->commission &&
          sqlite3_column_int64 (stmt, 16) == u->output_vat &&
          sqlite3_column_int64 (stmt, 17) == u->cost_ex_vat)
        continue;
      g_array_append_val (candidates, c);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading the lines of a SKU");
      return FALSE;
    }

  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, i);

      g_array_append_val (updates, c->now);
      if (c->status == CIRO_ORDER_STATUS_CANCELLED || c->old_key == c->now.product_key)
        continue;
      change->lines++;
      change->units += c->quantity;
      change->revenue += c->amount;
      if (c->old_rule == CIRO_MATCH_NONE && c->now.match.rule != CIRO_MATCH_NONE)
        {
          change->costed_lines++;
          change->costed_revenue += c->amount;
        }
    }
  return move_orders (self, updates, error);
}

typedef struct {
  const CiroMappingSet *sets;
  guint                 n_sets;
  GPtrArray            *changes;
} SetData;

static gboolean
set_mappings_body (CiroStore *self, gpointer data, GError **error)
{
  SetData *sd = data;
  CiroMatcher *matcher;
  sqlite3_stmt *stmt;
  gboolean pending;
  gint64 version = -1;

  /* The matcher this connection keeps is right unless another connection
   * (a sync, the other program) has committed since it was built: loading
   * a 20,000-product catalogue is most of a mapping's time otherwise. */
  stmt = ciro_store_prepare (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (self->matcher == NULL || self->matcher != self->versioned || self->versioned_at != version)
    {
      g_clear_pointer (&self->matcher, ciro_matcher_free);
      self->matcher = ciro_matcher_load (self->db, error);
      if (self->matcher == NULL)
        return FALSE;
    }
  /* a failed transaction forgets it (ciro_store_rollback) */
  matcher = self->matcher;
  self->versioned = NULL;
  if (ciro_store_get_rates (self, error) == NULL)
    return FALSE;

  for (guint i = 0; i < sd->n_sets; i++)
    {
      CiroMappingChange *change = g_new0 (CiroMappingChange, 1);

      g_ptr_array_add (sd->changes, change);
      if (!set_one (self, matcher, &sd->sets[i], change, error))
        return FALSE;
    }

  stmt = ciro_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM settings WHERE key = 'needs_recompute')", error);
  if (stmt == NULL)
    return FALSE;
  pending = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (pending)
    return ciro_store_recompute_inline (self, error);
  self->versioned = self->matcher;
  self->versioned_at = version;
  return TRUE;
}

gboolean
ciro_store_set_mappings (CiroStore             *self,
                         const CiroMappingSet  *sets,
                         guint                  n_sets,
                         GPtrArray            **changes,
                         GError               **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_mapping_change_free);
  SetData sd = { sets, n_sets, out };

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (sets != NULL || n_sets == 0, FALSE);

  if (!ciro_store_with_transaction (self, set_mappings_body, &sd, error))
    return FALSE;
  if (changes != NULL)
    *changes = g_steal_pointer (&out);
  return TRUE;
}

gboolean
ciro_store_undo_mappings (CiroStore  *self,
                          GPtrArray  *changes,
                          GError    **error)
{
  g_autofree CiroMappingSet *sets = NULL;
  guint n = 0;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  sets = g_new0 (CiroMappingSet, changes->len + 1);
  for (guint i = changes->len; i-- > 0;)
    {
      const CiroMappingChange *c = g_ptr_array_index (changes, i);
      sets[n].sku = c->sku;
      sets[n].product_id = c->previous_product_id;
      sets[n].created_at = c->previous_created_at;
      n++;
    }
  return ciro_store_set_mappings (self, sets, n, NULL, error);
}

GPtrArray *
ciro_store_list_mappings (CiroStore *self, GError **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_mapping_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);

  stmt = ciro_store_prepare (self, "SELECT m.sku, m.product_id, p.sku, p.name, m.created_at"
                                   " FROM sku_mappings m JOIN products p ON p.id = m.product_id"
                                   " ORDER BY m.sku", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroMapping *m = g_new0 (CiroMapping, 1);
      m->sku = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      m->product_id = sqlite3_column_int64 (stmt, 1);
      m->product_sku = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      m->product_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      m->created_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (out, m);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "reading mappings");
      return NULL;
    }
  return g_steal_pointer (&out);
}

CiroMappingChange *
ciro_store_map_sku_change (CiroStore  *self,
                           const char *sku,
                           const char *product_sku,
                           GError    **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  CiroMappingSet set = { sku, 0, 0 };

  g_return_val_if_fail (CIRO_IS_STORE (self), NULL);
  g_return_val_if_fail (sku != NULL && product_sku != NULL, NULL);

  if (*sku == '\0')
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID, _("An empty SKU cannot be mapped"));
      return NULL;
    }
  set.product_id = ciro_store_find_product_sku (self, product_sku, error);
  if (set.product_id < 0)
    return NULL;
  if (set.product_id == 0)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND,
                   _("No product has the SKU “%s”"), product_sku);
      return NULL;
    }
  if (!ciro_store_set_mappings (self, &set, 1, &changes, error))
    return NULL;
  return g_ptr_array_steal_index (changes, 0);
}

gboolean
ciro_store_map_sku (CiroStore  *self,
                    const char *sku,
                    const char *product_sku,
                    GError    **error)
{
  g_autoptr(CiroMappingChange) change = ciro_store_map_sku_change (self, sku, product_sku, error);

  return change != NULL;
}

gboolean
ciro_store_unmap_sku (CiroStore *self, const char *sku, GError **error)
{
  CiroMappingSet set = { sku, 0, 0 };

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  g_return_val_if_fail (sku != NULL, FALSE);
  return ciro_store_set_mappings (self, &set, 1, NULL, error);
}
