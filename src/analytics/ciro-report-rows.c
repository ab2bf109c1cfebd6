/* ciro-report-rows.c: the store's orders row by row, for exports
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-report"

#include "config.h"

#include "ciro-report-rows.h"
#include "store/ciro-store-sql.h"

/* What both iterators share: a statement of their own stepped to its end. */
typedef struct {
  CiroStore    *store;
  sqlite3_stmt *stmt;
  const char   *what;
  gboolean      done;
} Rows;

struct _CiroSalesIter {
  Rows          rows;
  CiroSalesRow  row;
  gint64        last_order;
  gboolean      started;
};

/* Statements of their own, not the connection's cached ones: an export may
 * run beside other reports on the same connection. */
static sqlite3_stmt *
prepare (CiroStore *store, const char *sql, const CiroReportFilter *f, const char *what, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (ciro_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      ciro_store_set_error (store, error, what);
      sqlite3_finalize (stmt);
      return NULL;
    }
  sqlite3_bind_int (stmt, 1, f->from);
  sqlite3_bind_int (stmt, 2, f->to);
  if (f->marketplace != NULL)
    sqlite3_bind_text (stmt, 3, f->marketplace, -1, SQLITE_TRANSIENT);
  return stmt;
}

static const char *
text_or_empty (sqlite3_stmt *stmt, int col)
{
  const char *t = (const char *) sqlite3_column_text (stmt, col);
  return t ? t : "";
}

static void
rows_init (Rows *rows, CiroStore *store, sqlite3_stmt *stmt, const char *what)
{
  rows->store = g_object_ref (store);
  rows->stmt = stmt;
  rows->what = what;
}

/* The next row of the statement: TRUE with a row, FALSE at the end or on an
 * error (then `error` is set). */
static gboolean
rows_step (Rows *rows, GError **error)
{
  int rc;

  if (rows->done)
    return FALSE;
  rc = sqlite3_step (rows->stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  rows->done = TRUE;
  if (rc != SQLITE_DONE)
    ciro_store_set_error (rows->store, error, rows->what);
  return FALSE;
}

static void
rows_clear (Rows *rows)
{
  sqlite3_finalize (rows->stmt);
  g_clear_object (&rows->store);
}

CiroSalesIter *
ciro_sales_iter_new (CiroStore *store, const CiroReportFilter *filter, GError **error)
{
  CiroSalesIter *self;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  stmt = prepare (store,
                  "SELECT o.id, o.day, o.seconds, o.order_code, m.name, o.shop, o.status = " CIRO_ORDER_STATUS_CANCELLED_SQL ","
                  " l.pos IS NOT NULL, l.sku, coalesce (p.name, l.name), coalesce (l.quantity, 0),"
                  " coalesce (l.price, 0), coalesce (l.amount, 0), coalesce (l.cost, 0),"
                  " coalesce (l.commission, 0), o.shipping_total, coalesce (o.actual_cargo, o.tariff, m.shipping_cost)"
                  " FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
                  " LEFT JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id"
                  " WHERE o.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR m.name = ?3)"
                  " ORDER BY o.day, o.seconds, o.id, l.pos",
                  filter, "exporting sales", error);
  if (stmt == NULL)
    return NULL;
  self = g_new0 (CiroSalesIter, 1);
  rows_init (&self->rows, store, stmt, "exporting sales");
  return self;
}

const CiroSalesRow *
ciro_sales_iter_next (CiroSalesIter *self, GError **error)
{
  sqlite3_stmt *s = self->rows.stmt;
  CiroSalesRow *r = &self->row;
  gboolean first;

  if (!rows_step (&self->rows, error))
    return NULL;
  r->order_id = sqlite3_column_int64 (s, 0);
  first = !self->started || r->order_id != self->last_order;
  self->started = TRUE;
  self->last_order = r->order_id;
  r->day = sqlite3_column_int (s, 1);
  r->seconds = sqlite3_column_int (s, 2);
  r->order_code = text_or_empty (s, 3);
  r->marketplace = text_or_empty (s, 4);
  r->shop = text_or_empty (s, 5);
  r->cancelled = sqlite3_column_int (s, 6) != 0;
  r->has_line = sqlite3_column_int (s, 7) != 0;
  r->sku = text_or_empty (s, 8);
  r->product = text_or_empty (s, 9);
  r->quantity = sqlite3_column_int64 (s, 10);
  r->unit_price = sqlite3_column_int64 (s, 11);
  r->amount = sqlite3_column_int64 (s, 12);
  r->cost = sqlite3_column_int64 (s, 13);
  r->commission = sqlite3_column_int64 (s, 14);
  r->first_of_order = first;
  r->shipping_income = first ? sqlite3_column_int64 (s, 15) : 0;
  r->shipping_expense = first && !r->cancelled ? sqlite3_column_int64 (s, 16) : 0;
  return r;
}

void
ciro_sales_iter_free (CiroSalesIter *self)
{
  if (self == NULL)
    return;
  rows_clear (&self->rows);
  g_free (self);
}

struct _CiroCustomerIter {
  Rows             rows;
  CiroCustomerRow  row;
};

CiroCustomerIter *
ciro_customer_iter_new (CiroStore *store, const CiroReportFilter *filter, GError **error)
{
  CiroCustomerIter *self;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  /* sum () fails on an integer overflow instead of wrapping */
  stmt = prepare (store,
                  "SELECT cu.name, cu.email, cu.phone,"
                  " (SELECT o2.city FROM orders o2 WHERE o2.customer_id = cu.id"
                  "  ORDER BY o2.day DESC, o2.seconds DESC LIMIT 1),"
                  " sum (o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL "), sum (o.status = " CIRO_ORDER_STATUS_CANCELLED_SQL "),"
                  " sum (iif (o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL ", o.shipping_total + (SELECT coalesce (sum (amount), 0)"
                  "   FROM order_lines WHERE order_id = o.id), 0)) AS spend, max (o.day)"
                  " FROM orders o JOIN customers cu ON cu.id = o.customer_id"
                  " JOIN marketplaces m ON m.id = o.marketplace_id"
                  " WHERE o.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR m.name = ?3)"
                  " GROUP BY cu.id ORDER BY spend DESC, cu.name, cu.id",
                  filter, "exporting customers", error);
  if (stmt == NULL)
    return NULL;
  self = g_new0 (CiroCustomerIter, 1);
  rows_init (&self->rows, store, stmt, "exporting customers");
  return self;
}

const CiroCustomerRow *
ciro_customer_iter_next (CiroCustomerIter *self, GError **error)
{
  sqlite3_stmt *s = self->rows.stmt;
  CiroCustomerRow *r = &self->row;

  if (!rows_step (&self->rows, error))
    return NULL;
  r->name = text_or_empty (s, 0);
  r->email = text_or_empty (s, 1);
  r->phone = text_or_empty (s, 2);
  r->city = text_or_empty (s, 3);
  r->net_orders = sqlite3_column_int64 (s, 4);
  r->cancel_return_orders = sqlite3_column_int64 (s, 5);
  r->net_spend = sqlite3_column_int64 (s, 6);
  r->last_order = sqlite3_column_int (s, 7);
  return r;
}

void
ciro_customer_iter_free (CiroCustomerIter *self)
{
  if (self == NULL)
    return;
  rows_clear (&self->rows);
  g_free (self);
}
