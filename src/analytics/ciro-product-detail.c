/* ciro-product-detail.c: one product up close
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <string.h>

#include "ciro-product-detail.h"
#include "store/ciro-store-sql.h"

static void
stock_clear (gpointer p)
{
  CiroProductStock *s = p;
  g_free (s->sku);
  g_free (s->label);
  g_free (s->warehouse);
}

static void
return_clear (gpointer p)
{
  CiroProductReturn *r = p;
  g_free (r->order_code);
  g_free (r->marketplace);
}

void
ciro_product_detail_clear (CiroProductDetail *d)
{
  g_clear_pointer (&d->days, g_array_unref);
  g_clear_pointer (&d->stocks, g_array_unref);
  g_clear_pointer (&d->returns, g_array_unref);
}

static void
bind_filter (sqlite3_stmt *stmt, gint64 key, const CiroReportFilter *f)
{
  sqlite3_bind_int64 (stmt, 1, key);
  sqlite3_bind_int (stmt, 2, f->from);
  sqlite3_bind_int (stmt, 3, f->to);
  if (f->marketplace != NULL)
    sqlite3_bind_text (stmt, 4, f->marketplace, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 4);
}

static gboolean
done (CiroStore *store, sqlite3_stmt *stmt, int rc, GError **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading a product");
      return FALSE;
    }
  return TRUE;
}

gboolean
ciro_report_product_detail (CiroStore *store, gint64 key, const CiroReportFilter *f, CiroProductDetail *out,
                            GError **error)
{
  sqlite3_stmt *stmt;
  int rc;
  guint n_days = f->to >= f->from ? (guint) (f->to - f->from + 1) : 0;

  memset (out, 0, sizeof *out);
  out->days = g_array_sized_new (FALSE, TRUE, sizeof (CiroProductDay), n_days);
  for (guint i = 0; i < n_days; i++)
    {
      CiroProductDay d = { f->from + (CiroDay) i, 0, 0 };
      g_array_append_val (out->days, d);
    }
  out->stocks = g_array_new (FALSE, TRUE, sizeof (CiroProductStock));
  g_array_set_clear_func (out->stocks, stock_clear);
  out->returns = g_array_new (FALSE, TRUE, sizeof (CiroProductReturn));
  g_array_set_clear_func (out->returns, return_clear);

  /* the days, from the rollups the product table is built from */
  stmt = ciro_store_prepare (store,
    "SELECT r.day, sum (r.units), sum (r.revenue) FROM roll_day_product r"
    " JOIN marketplaces m ON m.id = r.marketplace_id"
    " WHERE r.product_key = ?1 AND r.day BETWEEN ?2 AND ?3 AND (?4 IS NULL OR m.name = ?4) GROUP BY r.day", error);
  if (stmt == NULL)
    goto fail;
  bind_filter (stmt, key, f);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroDay day = sqlite3_column_int (stmt, 0);
      if (day >= f->from && day <= f->to)
        {
          CiroProductDay *d = &g_array_index (out->days, CiroProductDay, day - f->from);
          d->units = sqlite3_column_int64 (stmt, 1);
          d->revenue = sqlite3_column_int64 (stmt, 2);
        }
    }
  if (!done (store, stmt, rc, error))
    goto fail;

  /* stock per variant and warehouse; the product's own when it has no variants */
  stmt = ciro_store_prepare (store,
    "SELECT coalesce (v.sku, p.sku),"
    /* a colour variant's value is its colour: say it once */
    "  nullif (trim (CASE WHEN v.model_value IS NULL OR lower (trim (v.model_value)) = lower (trim (coalesce (v.color, '')))"
    "                     THEN coalesce (v.color, '')"
    "                     ELSE coalesce (v.color, '') || ' ' || v.model_value END), ''),"
    "  coalesce (w.name, '#' || s.warehouse_id), s.stock"
    " FROM stocks s JOIN products p ON p.id = s.product_id"
    " LEFT JOIN variants v ON v.id = s.variant_id AND s.variant_id <> 0"
    " LEFT JOIN warehouses w ON w.id = s.warehouse_id"
    " WHERE s.product_id = ?1 ORDER BY 1, 3", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, key);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroProductStock s = {
        g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        sqlite3_column_int64 (stmt, 3),
      };
      g_array_append_val (out->stocks, s);
    }
  if (!done (store, stmt, rc, error))
    goto fail;

  /* how the window's lines found their cost */
  stmt = ciro_store_prepare (store,
    "SELECT l.match_rule, count (*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " JOIN marketplaces m ON m.id = o.marketplace_id"
    " WHERE l.product_key = ?1 AND o.day BETWEEN ?2 AND ?3 AND (?4 IS NULL OR m.name = ?4) GROUP BY 1", error);
  if (stmt == NULL)
    goto fail;
  bind_filter (stmt, key, f);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int rule = sqlite3_column_int (stmt, 0);
      if (rule >= 0 && rule < CIRO_MATCH_N_RULES)
        out->rules[rule] = sqlite3_column_int64 (stmt, 1);
    }
  if (!done (store, stmt, rc, error))
    goto fail;

  /* cancelled and returned orders with the product */
  stmt = ciro_store_prepare (store,
    "SELECT o.day, o.order_code, m.name, sum (l.quantity), sum (l.amount)"
    " FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN marketplaces m ON m.id = o.marketplace_id"
    " WHERE l.product_key = ?1 AND o.status = " CIRO_ORDER_STATUS_CANCELLED_SQL " AND o.day BETWEEN ?2 AND ?3 AND (?4 IS NULL OR m.name = ?4)"
    " GROUP BY o.id ORDER BY o.day DESC, o.seconds DESC LIMIT 50", error);
  if (stmt == NULL)
    goto fail;
  bind_filter (stmt, key, f);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroProductReturn r = {
        sqlite3_column_int (stmt, 0),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        sqlite3_column_int64 (stmt, 3),
        sqlite3_column_int64 (stmt, 4),
      };
      g_array_append_val (out->returns, r);
    }
  if (!done (store, stmt, rc, error))
    goto fail;
  return TRUE;

fail:
  ciro_product_detail_clear (out);
  return FALSE;
}
