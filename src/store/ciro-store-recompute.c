/* ciro-store-recompute.c: rematching, recosting and rebuilding the rollups
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include <glib/gi18n.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "ciro-profit.h"
#include "ciro-schema.h"
#include "ciro-store-private.h"

/* ------------------------------------------------------------ recompute */

gboolean
ciro_store_rebuild_rollups (CiroStore *self, GError **error)
{
  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  REQUIRE_TRANSACTION (self, error);

  /* Pending deltas describe rows about to be rebuilt from scratch. */
  ciro_rollup_delta_clear (self->delta);

  return ciro_store_exec (self,
    "DELETE FROM roll_day_mp;"
    "DELETE FROM roll_day_product;"
    "DELETE FROM roll_month_product;"
    "DELETE FROM roll_day_category;"
    "DELETE FROM roll_month_category;"
    "DELETE FROM roll_year_product;"
    "DELETE FROM roll_cum_part;"
    CIRO_SCHEMA_FILL_CATEGORY_ROLLUPS
    "INSERT INTO roll_day_mp"
    " SELECT o.day, o.marketplace_id, count(*),"
    "  sum (coalesce (l.units, 0)), sum (coalesce (l.amount, 0)), sum (o.shipping_total),"
    "  sum (o.status = " CIRO_ORDER_STATUS_CANCELLED_SQL "),"
    "  sum (CASE WHEN o.status = " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN coalesce (l.units, 0) ELSE 0 END),"
    "  sum (CASE WHEN o.status = " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN coalesce (l.amount, 0) ELSE 0 END),"
    "  sum (CASE WHEN o.status = " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN o.shipping_total ELSE 0 END),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN coalesce (l.cost, 0) ELSE 0 END),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN coalesce (l.commission, 0) ELSE 0 END),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN coalesce (l.um_lines, 0) ELSE 0 END),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN coalesce (l.um_amount, 0) ELSE 0 END),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN coalesce (l.output_vat, 0) + o.shipping_vat ELSE 0 END),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN coalesce (l.cost_ex_vat, 0) ELSE 0 END),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN coalesce (o.actual_commission, 0) ELSE 0 END),"
    "  sum (o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " AND o.actual_service_fee IS NOT NULL),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN coalesce (o.actual_service_fee, 0) ELSE 0 END),"
    "  sum (o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " AND o.actual_cargo IS NOT NULL),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN coalesce (o.actual_cargo, 0) ELSE 0 END),"
    "  sum (o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " AND o.actual_cargo IS NULL AND o.tariff IS NOT NULL),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " AND o.actual_cargo IS NULL"
    "       THEN coalesce (o.tariff, 0) ELSE 0 END)"
    " FROM orders o LEFT JOIN ("
    "   SELECT order_id, sum (quantity) AS units, sum (amount) AS amount, sum (cost) AS cost,"
    "    sum (commission) AS commission, sum (match_rule = 0) AS um_lines,"
    "    sum (CASE WHEN match_rule = 0 THEN amount ELSE 0 END) AS um_amount,"
    "    sum (output_vat) AS output_vat, sum (cost_ex_vat) AS cost_ex_vat"
    "   FROM order_lines GROUP BY order_id) l ON l.order_id = o.id"
    " GROUP BY o.day, o.marketplace_id;"
    "INSERT INTO roll_day_product"
    " SELECT o.day, o.marketplace_id, l.product_key,"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN l.amount ELSE 0 END),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN l.quantity ELSE 0 END),"
    "  count (DISTINCT CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN o.id END),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN l.cost ELSE 0 END),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN l.commission ELSE 0 END),"
    "  sum (CASE WHEN o.status = " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN l.quantity ELSE 0 END),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN l.output_vat ELSE 0 END),"
    "  sum (CASE WHEN o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " THEN l.cost_ex_vat ELSE 0 END)"
    " FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " GROUP BY o.day, o.marketplace_id, l.product_key;"
    "INSERT INTO roll_month_product"
    " SELECT ciro_month (day), marketplace_id, product_key, sum (revenue), sum (units),"
    "  sum (orders), sum (cost), sum (commission), sum (return_units), sum (output_vat),"
    "  sum (cost_ex_vat)"
    " FROM roll_day_product GROUP BY ciro_month (day), marketplace_id, product_key;"
    CIRO_SCHEMA_FILL_YEAR_PRODUCT
    CIRO_SCHEMA_FILL_CUM_PART,
    error) &&
    ciro_store_rebuild_carrier_rollup (self, error);
}

/* Matches and costs one line as the writer would: the product, its cost
 * at `day`, the commission and the KDV inside its amount. */
gboolean
ciro_store_cost_line (CiroStore       *self,
                      CiroMatcher     *matcher,
                      const char      *marketplace,
                      CiroBasisPoints  marketplace_rate,
                      const char      *sku,
                      const char      *barcode,
                      gint64           quantity,
                      CiroKurus        amount,
                      CiroDay          day,
                      CiroBasisPoints  vat_rate,
                      CiroLineUpdate  *u,
                      GError         **error)
{
  ciro_matcher_match (matcher, sku ? sku : "", barcode, &u->match);
  u->unit_cost = ciro_matcher_unit_cost (matcher, &u->match, day);
  if (!ciro_mul_checked (quantity, u->unit_cost, &u->cost) ||
      !ciro_mul_checked (quantity, ciro_matcher_unit_cost_ex_vat (matcher, &u->match, day), &u->cost_ex_vat))
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("%s %lld: its figures add up beyond what Ciro can hold"), _("Order"),
                   (long long) u->order_id);
      return FALSE;
    }
  u->commission = ciro_apply_rate (amount, ciro_store_line_rate (self, marketplace, marketplace_rate,
                                                                 u->match.product_id, day));
  u->output_vat = ciro_vat_part (amount, ciro_matcher_line_vat_rate (matcher, &u->match, day, vat_rate));
  if (u->match.rule == CIRO_MATCH_NONE)
    {
      u->product_key = ciro_store_unmatched_key (self, sku ? sku : "", error);
      if (u->product_key == 0)
        return FALSE;
    }
  else
    u->product_key = u->match.product_id;
  return TRUE;
}

#define RECOMPUTE_CHUNK 20000

/* Reads one chunk of lines after (order_id, pos) and collects the ones
 * whose match, cost or commission changed. Reading and writing are kept
 * apart: SQLite leaves a scan over a table that is being updated undefined. */
static gboolean
recompute_chunk (CiroStore   *self,
                 CiroMatcher *matcher,
                 GHashTable  *rates,
                 gint64      *last_order,
                 int         *last_pos,
                 guint       *n_read,
                 GArray      *updates,
                 GError     **error)
{
  sqlite3_stmt *read;
  int rc;

  read = ciro_store_prepare (self,
    "SELECT l.order_id, l.pos, l.sku, l.barcode, l.quantity, l.amount, o.day, o.marketplace_id,"
    " l.product_id, l.variant_id, l.match_rule, l.product_key, l.unit_cost, l.cost, l.commission,"
    " l.vat_rate, l.output_vat, l.cost_ex_vat, m.name, o.actual_commission IS NOT NULL"
    " FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN marketplaces m ON m.id = o.marketplace_id"
    " WHERE (l.order_id, l.pos) > (?1, ?2) ORDER BY l.order_id, l.pos LIMIT ?3", error);
  if (read == NULL)
    return FALSE;
  sqlite3_bind_int64 (read, 1, *last_order);
  sqlite3_bind_int (read, 2, *last_pos);
  sqlite3_bind_int (read, 3, RECOMPUTE_CHUNK);

  *n_read = 0;
  while ((rc = sqlite3_step (read)) == SQLITE_ROW)
    {
      const char *sku = (const char *) sqlite3_column_text (read, 2);
      const char *barcode = (const char *) sqlite3_column_text (read, 3);
      gint64 quantity = sqlite3_column_int64 (read, 4);
      CiroKurus amount = sqlite3_column_int64 (read, 5);
      CiroDay day = sqlite3_column_int (read, 6);
      gint64 mp_id = sqlite3_column_int64 (read, 7);
      gint32 *rate = g_hash_table_lookup (rates, &mp_id);
      CiroLineUpdate u = { 0 };

      u.order_id = sqlite3_column_int64 (read, 0);
      u.pos = sqlite3_column_int (read, 1);
      *last_order = u.order_id;
      *last_pos = u.pos;
      (*n_read)++;

      if (!ciro_store_cost_line (self, matcher, (const char *) sqlite3_column_text (read, 18),
                                 rate ? *rate : CIRO_DEFAULT_COMMISSION, sku, barcode, quantity, amount,
                                 day, sqlite3_column_int (read, 15), &u, error))
        {
          sqlite3_reset (read);
          return FALSE;
        }
      /* an order's actual commission was split over its lines when imported */
      if (sqlite3_column_int (read, 19))
        u.commission = sqlite3_column_int64 (read, 14);

      if (sqlite3_column_int64 (read, 8) == u.match.product_id &&
          sqlite3_column_int64 (read, 9) == u.match.variant_id &&
          sqlite3_column_int (read, 10) == (int) u.match.rule &&
          sqlite3_column_int64 (read, 11) == u.product_key &&
          sqlite3_column_int64 (read, 12) == u.unit_cost &&
          sqlite3_column_int64 (read, 13) == u.cost &&
          sqlite3_column_int64 (read, 14) == u.commission &&
          sqlite3_column_int64 (read, 16) == u.output_vat &&
          sqlite3_column_int64 (read, 17) == u.cost_ex_vat)
        continue;
      g_array_append_val (updates, u);
    }
  sqlite3_reset (read);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (self, error, "recomputing");
      return FALSE;
    }
  return TRUE;
}

gboolean
ciro_store_apply_line_updates (CiroStore *self, GArray *updates, GError **error)
{
  for (guint i = 0; i < updates->len; i++)
    {
      const CiroLineUpdate *u = &g_array_index (updates, CiroLineUpdate, i);
      sqlite3_stmt *stmt = ciro_store_prepare (self,
        "UPDATE order_lines SET product_id = ?3, variant_id = ?4, match_rule = ?5, product_key = ?6,"
        " unit_cost = ?7, cost = ?8, commission = ?9, output_vat = ?10, cost_ex_vat = ?11"
        " WHERE order_id = ?1 AND pos = ?2", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, u->order_id);
      sqlite3_bind_int (stmt, 2, u->pos);
      if (u->match.rule != CIRO_MATCH_NONE)
        sqlite3_bind_int64 (stmt, 3, u->match.product_id);
      if (u->match.variant_id != 0)
        sqlite3_bind_int64 (stmt, 4, u->match.variant_id);
      sqlite3_bind_int (stmt, 5, u->match.rule);
      sqlite3_bind_int64 (stmt, 6, u->product_key);
      sqlite3_bind_int64 (stmt, 7, u->unit_cost);
      sqlite3_bind_int64 (stmt, 8, u->cost);
      sqlite3_bind_int64 (stmt, 9, u->commission);
      sqlite3_bind_int64 (stmt, 10, u->output_vat);
      sqlite3_bind_int64 (stmt, 11, u->cost_ex_vat);
      if (!ciro_store_step_done (self, stmt, error, "recomputing a line"))
        return FALSE;
    }
  return TRUE;
}

/* The rebuild's statements stop for a cancel, and for a waiting writer
 * when the recompute gives way. */
typedef struct {
  CiroStore         *store;
  CiroRecomputeData *rd;
} Interrupt;

static int
interrupt_if_cancelled (void *data)
{
  Interrupt *in = data;

  if (g_cancellable_is_cancelled (in->rd->cancellable))
    return 1;
  if (in->rd->give_way && ciro_store_writer_waiting (in->store))
    {
      in->rd->gave_way = TRUE;
      return 1;
    }
  return 0;
}

static gboolean
give_way (CiroStore *self, CiroRecomputeData *rd, GError **error)
{
  if (!rd->give_way || !ciro_store_writer_waiting (self))
    return FALSE;
  rd->gave_way = TRUE;
  g_set_error_literal (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_LOCKED, "gave way to a writer");
  return TRUE;
}

gboolean
ciro_store_recompute_body (CiroStore *self, gpointer data, GError **error)
{
  CiroRecomputeData *rd = data;
  g_autoptr(CiroMatcher) matcher = NULL;
  g_autoptr(GHashTable) rates = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GArray) updates = g_array_new (FALSE, FALSE, sizeof (CiroLineUpdate));
  sqlite3_stmt *stmt;
  gint64 last_order = G_MININT64;
  int last_pos = -1;
  guint n_read;
  gint64 total = 0, done = 0;
  gboolean ok;
  Interrupt in = { self, rd };

  matcher = ciro_matcher_load (self->db, error);
  if (matcher == NULL)
    return FALSE;
  /* the categories may have changed with the catalogue */
  g_clear_pointer (&self->rates, ciro_rates_free);
  if (ciro_store_get_rates (self, error) == NULL)
    return FALSE;

  stmt = ciro_store_prepare (self, "SELECT id, commission FROM marketplaces", error);
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      gint32 *rate = g_new (gint32, 1);
      *id = sqlite3_column_int64 (stmt, 0);
      *rate = sqlite3_column_int (stmt, 1);
      g_hash_table_insert (rates, id, rate);
    }
  sqlite3_reset (stmt);

  if (rd->progress != NULL)
    {
      stmt = ciro_store_prepare (self, "SELECT count (*) FROM order_lines", error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        total = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      rd->progress (0.0, rd->progress_data);
    }

  do
    {
      if (g_cancellable_set_error_if_cancelled (rd->cancellable, error) || give_way (self, rd, error))
        return FALSE;
      g_array_set_size (updates, 0);
      if (!recompute_chunk (self, matcher, rates, &last_order, &last_pos, &n_read, updates, error) ||
          !ciro_store_apply_line_updates (self, updates, error))
        return FALSE;
      done += n_read;
      /* the lines are most of the work; the rollups' rebuild the last tenth */
      if (rd->progress != NULL && total > 0)
        rd->progress (0.9 * MIN (1.0, (double) done / (double) total), rd->progress_data);
    }
  while (n_read == RECOMPUTE_CHUNK);

  /* the rebuild is a few long statements: a cancel (or a writer, when
   * giving way) interrupts them */
  if (rd->cancellable != NULL || rd->give_way)
    sqlite3_progress_handler (self->db, 1000, interrupt_if_cancelled, &in);
  ok = ciro_store_update_shipping_vat (self, error) &&
       ciro_store_update_tariffs (self, error) &&
       ciro_store_rebuild_rollups (self, error) &&
       ciro_store_exec (self, "DELETE FROM settings WHERE key = 'needs_recompute'", error);
  if (rd->cancellable != NULL || rd->give_way)
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
  if (!ok)
    {
      if (g_cancellable_is_cancelled (rd->cancellable))
        {
          g_clear_error (error);
          g_cancellable_set_error_if_cancelled (rd->cancellable, error);
        }
      else if (rd->gave_way)
        {
          g_clear_error (error);
          g_set_error_literal (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_LOCKED, "gave way to a writer");
        }
      return FALSE;
    }
  if (rd->progress != NULL)
    rd->progress (1.0, rd->progress_data);

  g_clear_pointer (&self->matcher, ciro_matcher_free);
  self->matcher = g_steal_pointer (&matcher);
  return TRUE;
}

gboolean
ciro_store_recompute (CiroStore     *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return ciro_store_recompute_full (self, NULL, NULL, cancellable, error);
}

gboolean
ciro_store_recompute_full (CiroStore        *self,
                           CiroProgressFunc  progress,
                           gpointer          progress_data,
                           GCancellable     *cancellable,
                           GError          **error)
{
  CiroRecomputeData rd = { cancellable, progress, progress_data, FALSE, FALSE };
  gboolean outside, ok = FALSE;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  /* Rebuilding the rollups sorts every line by its groups: in temporary
   * files, not in memory, where the sorter held 120 MB for a million
   * orders (the window's recompute of an older store ran its peak up by
   * as much). Outside a transaction only: a pragma cannot change it
   * inside one, and the caller's transaction keeps its own. */
  outside = !ciro_store_in_transaction (self);
  if (outside)
    ciro_store_exec (self, "PRAGMA temp_store = FILE", NULL);
  /* inside a caller's transaction the recompute is part of its write */
  rd.give_way = outside;
  for (;;)
    {
      g_autoptr(GError) local = NULL;

      rd.gave_way = FALSE;
      if (ciro_store_with_transaction (self, ciro_store_recompute_body, &rd, &local))
        {
          ok = TRUE;
          break;
        }
      if (!rd.gave_way)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          break;
        }
      /* rolled back: the writer takes the lock and writes; then everything
       * is read again (bounded: a writer that went quiet is forgotten) */
      g_debug ("recompute of %s gave way to a writer", self->path);
      for (guint i = 0; i < 500 && ciro_store_writer_waiting (self); i++)
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
          g_usleep (2 * G_TIME_SPAN_MILLISECOND);
        }
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
    }
  if (outside)
    ciro_store_exec (self, "PRAGMA temp_store = MEMORY", NULL);
  return ok;
}

gboolean
ciro_store_recompute_inline (CiroStore *self, GError **error)
{
  if (self->defer_recompute)
    return ciro_store_mark_needs_recompute (self, error);
  return ciro_store_recompute_body (self, &(CiroRecomputeData) { NULL }, error);
}

void
ciro_store_set_defer_recompute (CiroStore *self, gboolean defer)
{
  g_return_if_fail (CIRO_IS_STORE (self));
  self->defer_recompute = defer;
}

gboolean
ciro_store_needs_recompute (CiroStore *self)
{
  g_autofree char *flag = NULL;

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);
  flag = ciro_store_get_setting (self, "needs_recompute");
  return flag != NULL;
}

typedef struct {
  char            *path;
  CiroProgressFunc progress;
  gpointer         progress_data;
  GMainContext    *context;
  GMutex           lock;
  double           fraction;    /* the latest, under lock */
  gboolean         pending;     /* an idle is on its way to `context` */
} AsyncRecompute;

static void
async_recompute_free (gpointer p)
{
  AsyncRecompute *a = p;
  g_free (a->path);
  g_main_context_unref (a->context);
  g_mutex_clear (&a->lock);
  g_free (a);
}

static gboolean
report_progress (gpointer data)
{
  GTask *task = data;
  AsyncRecompute *a = g_task_get_task_data (task);
  double fraction;

  g_mutex_lock (&a->lock);
  fraction = a->fraction;
  a->pending = FALSE;
  g_mutex_unlock (&a->lock);
  a->progress (fraction, a->progress_data);
  return G_SOURCE_REMOVE;
}

/* On the worker: keeps the latest fraction, one idle at a time. */
static void
worker_progress (double fraction, gpointer data)
{
  GTask *task = data;
  AsyncRecompute *a = g_task_get_task_data (task);
  gboolean schedule;

  g_mutex_lock (&a->lock);
  a->fraction = fraction;
  schedule = !a->pending;
  a->pending = TRUE;
  g_mutex_unlock (&a->lock);
  if (schedule)
    {
      GSource *idle = g_idle_source_new ();
      /* the task's own priority: the completion, queued after this, is
       * then dispatched after it, so the caller sees 1.0 before the end */
      g_source_set_priority (idle, G_PRIORITY_DEFAULT);
      g_source_set_callback (idle, report_progress, g_object_ref (task), g_object_unref);
      g_source_attach (idle, a->context);
      g_source_unref (idle);
    }
}

static void
recompute_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  AsyncRecompute *a = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (a->path, &error);

  if (store == NULL ||
      !ciro_store_recompute_full (store, a->progress ? worker_progress : NULL, task, cancellable, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
ciro_store_recompute_async (const char          *path,
                            CiroProgressFunc     progress,
                            gpointer             progress_data,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  AsyncRecompute *a = g_new0 (AsyncRecompute, 1);

  g_return_if_fail (path != NULL);
  a->path = g_strdup (path);
  a->progress = progress;
  a->progress_data = progress_data;
  a->context = g_main_context_ref_thread_default ();
  g_mutex_init (&a->lock);
  g_task_set_source_tag (task, ciro_store_recompute_async);
  g_task_set_task_data (task, a, async_recompute_free);
  g_task_set_return_on_cancel (task, FALSE);
  /* a cancel that comes after the recompute committed changes nothing:
   * the result says what happened to the store, not that a cancel came */
  g_task_set_check_cancellable (task, FALSE);
  g_task_run_in_thread (task, recompute_thread);
}

gboolean
ciro_store_recompute_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------ mappings, costs */

typedef struct {
  gint64          product_id;
  CiroDay         from_day;
  CiroKurus       purchase_price;
  CiroBasisPoints vat_rate;
} UserCost;

static gboolean
user_cost_body (CiroStore *self, gpointer data, GError **error)
{
  UserCost *uc = data;
  sqlite3_stmt *stmt;
  gboolean exists;

  stmt = ciro_store_prepare (self, "SELECT EXISTS (SELECT 1 FROM products WHERE id = ?1)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, uc->product_id);
  exists = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);
  if (!exists)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND,
                   _("No product with id %lld"), (long long) uc->product_id);
      return FALSE;
    }

  stmt = ciro_store_prepare (self, "INSERT OR REPLACE INTO cost_history"
                                   " (kind, entity_id, source, from_day, purchase_price, vat_rate)"
                                   " VALUES (0, ?1, 1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, uc->product_id);
  sqlite3_bind_int (stmt, 2, uc->from_day);
  sqlite3_bind_int64 (stmt, 3, uc->purchase_price);
  sqlite3_bind_int (stmt, 4, uc->vat_rate);
  if (!ciro_store_step_done (self, stmt, error, "saving a cost"))
    return FALSE;
  return ciro_store_recompute_inline (self, error);
}

gboolean
ciro_store_set_user_cost (CiroStore      *self,
                          gint64          product_id,
                          CiroDay         from_day,
                          CiroKurus       purchase_price,
                          CiroBasisPoints vat_rate,
                          GError        **error)
{
  UserCost uc = { product_id, from_day, purchase_price, vat_rate };

  g_return_val_if_fail (CIRO_IS_STORE (self), FALSE);

  if (purchase_price < 0 || purchase_price > CIRO_MAX_MONEY || vat_rate < 0 || vat_rate > CIRO_MAX_RATE ||
      from_day == CIRO_DAY_INVALID)
    {
      g_set_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID,
                   _("A cost needs a date, a price from 0 to ₺100,000,000 and a VAT rate from 0 to 100 %%"));
      return FALSE;
    }
  return ciro_store_with_transaction (self, user_cost_body, &uc, error);
}

