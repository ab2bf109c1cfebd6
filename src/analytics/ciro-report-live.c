/* ciro-report-live.c: the Today page's hourly figures and order feed
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <string.h>

#include "ciro-report-live.h"
#include "store/ciro-store-sql.h"

gboolean
ciro_report_hourly (CiroStore *store, CiroDay day, const char *marketplace, CiroHourRow out[24], GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (out, 0, sizeof (CiroHourRow) * 24);
  /* one day's orders: read them, not the rollups (which have no hours) */
  stmt = ciro_store_prepare (store,
    "SELECT o.seconds / 3600, count (*),"
    "  sum (ciro_add (o.shipping_total, coalesce ((SELECT sum (l.amount) FROM order_lines l WHERE l.order_id = o.id), 0)))"
    " FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
    " WHERE o.day = ?1 AND o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " AND (?2 IS NULL OR m.name = ?2)"
    " GROUP BY 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, day);
  if (marketplace != NULL)
    sqlite3_bind_text (stmt, 2, marketplace, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 2);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int h = sqlite3_column_int (stmt, 0);
      if (h >= 0 && h < 24)
        {
          out[h].net_orders = sqlite3_column_int64 (stmt, 1);
          out[h].net_revenue = sqlite3_column_int64 (stmt, 2);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading the hours of a day");
      return FALSE;
    }
  return TRUE;
}

static void
feed_row_clear (gpointer p)
{
  CiroFeedRow *r = p;
  g_free (r->order_code);
  g_free (r->marketplace);
}

GArray *
ciro_report_latest_orders (CiroStore *store, guint limit, GError **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (CiroFeedRow));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (rows, feed_row_clear);
  stmt = ciro_store_prepare (store,
    "SELECT o.id, o.order_code, o.day, o.seconds, m.name, o.status,"
    "  ciro_add (o.shipping_total, coalesce ((SELECT sum (l.amount) FROM order_lines l WHERE l.order_id = o.id), 0))"
    " FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
    " ORDER BY o.day DESC, o.seconds DESC, o.id DESC LIMIT ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroFeedRow r = { 0 };
      r.id = sqlite3_column_int64 (stmt, 0);
      r.order_code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      r.day = sqlite3_column_int (stmt, 2);
      r.seconds = sqlite3_column_int (stmt, 3);
      r.marketplace = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      r.cancelled = sqlite3_column_int (stmt, 5) == 6;
      r.amount = sqlite3_column_int64 (stmt, 6);
      g_array_append_val (rows, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading the latest orders");
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GHashTable *
ciro_report_product_codes (CiroStore *store, GError **error)
{
  g_autoptr(GHashTable) codes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ciro_store_prepare (store,
    "SELECT p.id, trim (coalesce (p.barcode, '') || ' ' ||"
    "  coalesce ((SELECT group_concat (v.sku || ' ' || coalesce (v.barcode, ''), ' ')"
    "             FROM variants v WHERE v.product_id = p.id), ''))"
    " FROM products p", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (codes, id, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading product codes");
      return NULL;
    }
  return g_steal_pointer (&codes);
}

static void
product_ref_clear (gpointer p)
{
  CiroProductRef *r = p;
  g_free (r->sku);
  g_free (r->name);
}

GArray *
ciro_report_product_list (CiroStore *store, GError **error)
{
  g_autoptr(GArray) list = g_array_new (FALSE, TRUE, sizeof (CiroProductRef));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (list, product_ref_clear);
  stmt = ciro_store_prepare (store, "SELECT id, sku, name FROM products WHERE sku <> '' ORDER BY name, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroProductRef r = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
      };
      g_array_append_val (list, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "listing products");
      return NULL;
    }
  return g_steal_pointer (&list);
}

GHashTable *
ciro_report_product_images (CiroStore *store, GError **error)
{
  g_autoptr(GHashTable) images = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = ciro_store_prepare (store,
    "SELECT p.id, coalesce (nullif (p.image_url, ''),"
    "  (SELECT v.image_url FROM variants v WHERE v.product_id = p.id AND v.image_url <> '' ORDER BY v.id LIMIT 1))"
    " FROM products p", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *url = (const char *) sqlite3_column_text (stmt, 1);
      gint64 *id;

      if (url == NULL || *url == '\0')
        continue;
      id = g_new (gint64, 1);
      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (images, id, g_strdup (url));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading product pictures");
      return NULL;
    }
  return g_steal_pointer (&images);
}
