/* ciro-export.c: the five reports, written to any sink (CSV, XLSX)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-export"

#include "config.h"

#include <glib/gi18n.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "ciro-export-private.h"

gboolean
ciro_export_kind_from_string (const char *text, CiroExportKind *out)
{
  static const char *names[] = { "sales", "products", "pnl", "platforms", "customers" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (CiroExportKind) i;
        return TRUE;
      }
  return FALSE;
}

/* ---------------------------------------------------------- the reports */

static gboolean
write_sales (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GCancellable *cancellable, GError **error)
{
  static const char *cols[] = {
    N_("Date"), N_("Order code"), N_("Marketplace"), N_("Shop"), N_("Status"), N_("SKU"), N_("Product"),
    N_("Quantity"), N_("Unit price"), N_("Amount"), N_("Cost"), N_("Commission"), NULL,
  };
  sqlite3_stmt *stmt = NULL;
  int rc;
  guint64 n = 0;

  c->header (c, cols);
  /* streamed row by row: a million orders never sit in memory */
  if (sqlite3_prepare_v2 (ciro_store_get_db (store),
        "SELECT o.day, o.seconds, o.order_code, m.name, o.shop, o.status, l.sku, coalesce (p.name, l.name),"
        " l.quantity, l.price, l.amount, l.cost, l.commission"
        " FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
        " JOIN order_lines l ON l.order_id = o.id LEFT JOIN products p ON p.id = l.product_id"
        " WHERE o.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR m.name = ?3)"
        " ORDER BY o.day, o.seconds, o.id, l.pos", -1, &stmt, NULL) != SQLITE_OK)
    {
      ciro_store_set_error (store, error, "exporting sales");
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, f->from);
  sqlite3_bind_int (stmt, 2, f->to);
  if (f->marketplace)
    sqlite3_bind_text (stmt, 3, f->marketplace, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && !c->failed)
    {
      if ((++n & 0x3fff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      c->datetime (c, sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1));
      c->text (c, (const char *) sqlite3_column_text (stmt, 2));
      c->text (c, (const char *) sqlite3_column_text (stmt, 3));
      c->text (c, (const char *) sqlite3_column_text (stmt, 4));
      c->text (c, sqlite3_column_int (stmt, 5) == 6 ? _("Cancelled/returned") : _("Sold"));
      c->text (c, (const char *) sqlite3_column_text (stmt, 6));
      c->text (c, (const char *) sqlite3_column_text (stmt, 7));
      c->integer (c, sqlite3_column_int64 (stmt, 8));
      c->unit_money (c, sqlite3_column_int64 (stmt, 9));
      c->money (c, sqlite3_column_int64 (stmt, 10));
      c->money (c, sqlite3_column_int64 (stmt, 11));
      c->money (c, sqlite3_column_int64 (stmt, 12));
      c->end_row (c);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      ciro_store_set_error (store, error, "exporting sales");
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_products (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const char *cols[] = {
    N_("SKU"), N_("Product"), N_("Brand"), N_("Category"), N_("Revenue"), N_("Units"), N_("Orders"), N_("Cost"),
    N_("Commission"), N_("Profit"), N_("Margin %"), N_("Returned units"), N_("Return rate %"), N_("Stock"),
    N_("Daily sales"), N_("Days of stock"), N_("Score"), NULL,
  };
  g_autoptr(GArray) rows = ciro_report_products (store, f, CIRO_SORT_REVENUE, FALSE, error);

  if (rows == NULL)
    return FALSE;
  c->header (c, cols);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroProductRow *p = &g_array_index (rows, CiroProductRow, i);
      c->text (c, p->sku);
      c->text (c, p->name);
      c->text (c, p->brand);
      c->text (c, p->category);
      c->money (c, p->revenue);
      c->integer (c, p->units);
      c->integer (c, p->orders);
      c->money (c, p->cost);
      c->money (c, p->commission);
      c->money (c, p->profit);
      c->decimal (c, p->margin_pct);
      c->integer (c, p->return_units);
      c->decimal (c, p->return_rate_pct);
      c->integer (c, p->stock);
      c->decimal (c, p->daily_sales);
      if (p->has_days_of_stock)
        c->decimal (c, p->days_of_stock);
      else
        c->empty (c);
      c->decimal (c, p->score);
      c->end_row (c);
    }
  return TRUE;
}

static gboolean
write_pnl (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const char *labels[] = {
    N_("Gross revenue"), N_("Cancelled/returned revenue"), N_("Net revenue"), N_("Shipping income"),
    N_("Product cost (incl. VAT)"), N_("Marketplace commission"), N_("Shipping expense"), N_("Profit"),
    N_("Profit margin"),
  };
  gint32 m0 = ciro_day_month (f->from), m1 = ciro_day_month (f->to);
  guint n = (guint) (m1 - m0 + 1);
  g_autofree CiroSummary *cols = g_new0 (CiroSummary, n + 1);

  for (guint i = 0; i <= n; i++)
    {
      CiroReportFilter mf = *f;
      if (i < n)
        {
          mf.from = MAX (f->from, ciro_month_first_day (m0 + (gint32) i));
          mf.to = MIN (f->to, ciro_month_last_day (m0 + (gint32) i));
        }
      if (!ciro_report_summary (store, &mf, &cols[i], error))
        return FALSE;
    }
  c->text (c, _("Profit and loss"));
  for (guint i = 0; i < n; i++)
    {
      CiroDay first = ciro_month_first_day (m0 + (gint32) i);
      char buf[11];
      ciro_day_format (first, buf);
      buf[7] = '\0';
      c->text (c, buf);
    }
  c->text (c, _("Total"));
  c->end_row (c);
  for (guint r = 0; r < G_N_ELEMENTS (labels); r++)
    {
      c->text (c, _(labels[r]));
      for (guint i = 0; i <= n; i++)
        {
          const CiroSummary *s = &cols[i];
          CiroKurus v[] = { s->gross_revenue, s->cancel_return_revenue, s->net_revenue, s->shipping_income,
                            s->product_cost, s->commission, s->shipping_expense, s->profit };
          if (r < G_N_ELEMENTS (v))
            c->money (c, v[r]);
          else
            c->decimal (c, s->margin_pct);
        }
      c->end_row (c);
    }
  return TRUE;
}

static int
by_profit (gconstpointer a, gconstpointer b)
{
  const CiroMarketplaceRow *x = *(CiroMarketplaceRow * const *) a, *y = *(CiroMarketplaceRow * const *) b;
  return (x->s.profit < y->s.profit) - (x->s.profit > y->s.profit);
}

static gboolean
write_platforms (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const char *cols[] = {
    N_("Marketplace"), N_("Net revenue"), N_("Net orders"), N_("Average order value"), N_("Commission"),
    N_("Shipping expense"), N_("Profit"), N_("Margin %"), N_("Share %"), N_("Rank by profit"), NULL,
  };
  g_autoptr(GArray) rows = ciro_report_marketplaces (store, f, error);
  g_autoptr(GPtrArray) ranked = NULL;

  if (rows == NULL)
    return FALSE;
  ranked = g_ptr_array_new ();
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (ranked, &g_array_index (rows, CiroMarketplaceRow, i));
  g_ptr_array_sort (ranked, by_profit);
  c->header (c, cols);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroMarketplaceRow *m = &g_array_index (rows, CiroMarketplaceRow, i);
      guint rank = 0;
      g_ptr_array_find (ranked, m, &rank);
      c->text (c, m->marketplace);
      c->money (c, m->s.net_revenue);
      c->integer (c, m->s.net_orders);
      c->unit_money (c, m->s.aov);
      c->money (c, m->s.commission);
      c->money (c, m->s.shipping_expense);
      c->money (c, m->s.profit);
      c->decimal (c, m->s.margin_pct);
      c->decimal (c, m->share_pct);
      c->integer (c, rank + 1);
      c->end_row (c);
    }
  return TRUE;
}

static gboolean
write_customers (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const char *cols[] = {
    N_("Customer"), N_("E-mail"), N_("Phone"), N_("City"), N_("Orders"), N_("Net spend"), N_("Last order"), NULL,
  };
  sqlite3_stmt *stmt = NULL;
  int rc;

  c->header (c, cols);
  if (sqlite3_prepare_v2 (ciro_store_get_db (store),
        "SELECT cu.name, cu.email, cu.phone,"
        " (SELECT o2.city FROM orders o2 WHERE o2.customer_id = cu.id ORDER BY o2.day DESC, o2.seconds DESC LIMIT 1),"
        " count(*), sum (iif (o.status <> 6, o.shipping_total + (SELECT coalesce (sum (amount), 0)"
        "   FROM order_lines WHERE order_id = o.id), 0)), max (o.day)"
        " FROM orders o JOIN customers cu ON cu.id = o.customer_id JOIN marketplaces m ON m.id = o.marketplace_id"
        " WHERE o.day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR m.name = ?3)"
        " GROUP BY cu.id ORDER BY 6 DESC, cu.name", -1, &stmt, NULL) != SQLITE_OK)
    {
      ciro_store_set_error (store, error, "exporting customers");
      return FALSE;
    }
  sqlite3_bind_int (stmt, 1, f->from);
  sqlite3_bind_int (stmt, 2, f->to);
  if (f->marketplace)
    sqlite3_bind_text (stmt, 3, f->marketplace, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && !c->failed)
    {
      c->text (c, (const char *) sqlite3_column_text (stmt, 0));
      c->text (c, (const char *) sqlite3_column_text (stmt, 1));
      c->text (c, (const char *) sqlite3_column_text (stmt, 2));
      c->text (c, (const char *) sqlite3_column_text (stmt, 3));
      c->integer (c, sqlite3_column_int64 (stmt, 4));
      c->money (c, sqlite3_column_int64 (stmt, 5));
      c->date (c, sqlite3_column_int (stmt, 6));
      c->end_row (c);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      ciro_store_set_error (store, error, "exporting customers");
      return FALSE;
    }
  return TRUE;
}

gboolean
ciro_export_write_report (CiroSink               *sink,
                          CiroStore              *store,
                          CiroExportKind          kind,
                          const CiroReportFilter *filter,
                          GCancellable           *cancellable,
                          GError                **error)
{
  gboolean ok;

  /* a Stop before the first row or after the last one still stops */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  switch (kind)
    {
    case CIRO_EXPORT_SALES:
      ok = write_sales (sink, store, filter, cancellable, error);
      break;
    case CIRO_EXPORT_PRODUCTS:
      ok = write_products (sink, store, filter, error);
      break;
    case CIRO_EXPORT_PNL:
      ok = write_pnl (sink, store, filter, error);
      break;
    case CIRO_EXPORT_PLATFORMS:
      ok = write_platforms (sink, store, filter, error);
      break;
    case CIRO_EXPORT_CUSTOMERS:
    default:
      ok = write_customers (sink, store, filter, error);
      break;
    }
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  return ok;
}
