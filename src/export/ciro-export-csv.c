/* ciro-export-csv.c: reports as CSV, written atomically
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "ciro-export.h"

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

typedef struct {
  FILE           *fp;
  char            sep;
  CiroNumberStyle style;
  guint           column;
  gboolean        failed;
} Csv;

static void
field (Csv *c, const char *text)
{
  const char *t = text ? text : "";

  if (c->column++ > 0)
    fputc (c->sep, c->fp);
  if (strchr (t, c->sep) || strpbrk (t, "\"\r\n"))
    {
      fputc ('"', c->fp);
      for (const char *p = t; *p; p++)
        {
          if (*p == '"')
            fputc ('"', c->fp);
          fputc (*p, c->fp);
        }
      fputc ('"', c->fp);
    }
  else
    fputs (t, c->fp);
}

static void
end_row (Csv *c)
{
  fputs ("\r\n", c->fp);
  c->column = 0;
  if (ferror (c->fp))
    c->failed = TRUE;
}

/* Plain numbers, no grouping: spreadsheets read them as numbers. */
static void
money (Csv *c, CiroKurus v)
{
  g_autofree char *d = ciro_money_to_decimal (v);
  if (c->style == CIRO_NUMBER_STYLE_TURKISH)
    g_strdelimit (d, ".", ',');
  field (c, d);
}

static void
integer (Csv *c, gint64 v)
{
  char buf[32];
  g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT, v);
  field (c, buf);
}

static void
decimal (Csv *c, double v)
{
  char buf[64];
  g_snprintf (buf, sizeof buf, "%.2f", v);
  if (c->style == CIRO_NUMBER_STYLE_TURKISH)
    g_strdelimit (buf, ".", ',');
  field (c, buf);
}

static void
header (Csv *c, const char * const *names)
{
  for (guint i = 0; names[i]; i++)
    field (c, _(names[i]));
  end_row (c);
}

/* ---------------------------------------------------------- the reports */

static gboolean
write_sales (Csv *c, CiroStore *store, const CiroReportFilter *f, GCancellable *cancellable, GError **error)
{
  static const char *cols[] = {
    N_("Date"), N_("Order code"), N_("Marketplace"), N_("Shop"), N_("Status"), N_("SKU"), N_("Product"),
    N_("Quantity"), N_("Unit price"), N_("Amount"), N_("Cost"), N_("Commission"), NULL,
  };
  sqlite3_stmt *stmt = NULL;
  int rc;
  guint64 n = 0;

  header (c, cols);
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
      g_autofree char *when = ciro_datetime_format (sqlite3_column_int (stmt, 0), sqlite3_column_int (stmt, 1));

      if ((++n & 0x3fff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      field (c, when);
      field (c, (const char *) sqlite3_column_text (stmt, 2));
      field (c, (const char *) sqlite3_column_text (stmt, 3));
      field (c, (const char *) sqlite3_column_text (stmt, 4));
      field (c, sqlite3_column_int (stmt, 5) == 6 ? _("Cancelled/returned") : _("Sold"));
      field (c, (const char *) sqlite3_column_text (stmt, 6));
      field (c, (const char *) sqlite3_column_text (stmt, 7));
      integer (c, sqlite3_column_int64 (stmt, 8));
      money (c, sqlite3_column_int64 (stmt, 9));
      money (c, sqlite3_column_int64 (stmt, 10));
      money (c, sqlite3_column_int64 (stmt, 11));
      money (c, sqlite3_column_int64 (stmt, 12));
      end_row (c);
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
write_products (Csv *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const char *cols[] = {
    N_("SKU"), N_("Product"), N_("Brand"), N_("Category"), N_("Revenue"), N_("Units"), N_("Orders"), N_("Cost"),
    N_("Commission"), N_("Profit"), N_("Margin %"), N_("Returned units"), N_("Return rate %"), N_("Stock"),
    N_("Daily sales"), N_("Days of stock"), N_("Score"), NULL,
  };
  g_autoptr(GArray) rows = ciro_report_products (store, f, CIRO_SORT_REVENUE, FALSE, error);

  if (rows == NULL)
    return FALSE;
  header (c, cols);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroProductRow *p = &g_array_index (rows, CiroProductRow, i);
      field (c, p->sku);
      field (c, p->name);
      field (c, p->brand);
      field (c, p->category);
      money (c, p->revenue);
      integer (c, p->units);
      integer (c, p->orders);
      money (c, p->cost);
      money (c, p->commission);
      money (c, p->profit);
      decimal (c, p->margin_pct);
      integer (c, p->return_units);
      decimal (c, p->return_rate_pct);
      integer (c, p->stock);
      decimal (c, p->daily_sales);
      if (p->has_days_of_stock)
        decimal (c, p->days_of_stock);
      else
        field (c, "");
      decimal (c, p->score);
      end_row (c);
    }
  return TRUE;
}

static gboolean
write_pnl (Csv *c, CiroStore *store, const CiroReportFilter *f, GError **error)
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
  field (c, _("Profit and loss"));
  for (guint i = 0; i < n; i++)
    {
      CiroDay first = ciro_month_first_day (m0 + (gint32) i);
      char buf[11];
      ciro_day_format (first, buf);
      buf[7] = '\0';
      field (c, buf);
    }
  field (c, _("Total"));
  end_row (c);
  for (guint r = 0; r < G_N_ELEMENTS (labels); r++)
    {
      field (c, _(labels[r]));
      for (guint i = 0; i <= n; i++)
        {
          const CiroSummary *s = &cols[i];
          CiroKurus v[] = { s->gross_revenue, s->cancel_return_revenue, s->net_revenue, s->shipping_income,
                            s->product_cost, s->commission, s->shipping_expense, s->profit };
          if (r < G_N_ELEMENTS (v))
            money (c, v[r]);
          else
            decimal (c, s->margin_pct);
        }
      end_row (c);
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
write_platforms (Csv *c, CiroStore *store, const CiroReportFilter *f, GError **error)
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
  header (c, cols);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroMarketplaceRow *m = &g_array_index (rows, CiroMarketplaceRow, i);
      guint rank = 0;
      g_ptr_array_find (ranked, m, &rank);
      field (c, m->marketplace);
      money (c, m->s.net_revenue);
      integer (c, m->s.net_orders);
      money (c, m->s.aov);
      money (c, m->s.commission);
      money (c, m->s.shipping_expense);
      money (c, m->s.profit);
      decimal (c, m->s.margin_pct);
      decimal (c, m->share_pct);
      integer (c, rank + 1);
      end_row (c);
    }
  return TRUE;
}

static gboolean
write_customers (Csv *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const char *cols[] = {
    N_("Customer"), N_("E-mail"), N_("Phone"), N_("City"), N_("Orders"), N_("Net spend"), N_("Last order"), NULL,
  };
  sqlite3_stmt *stmt = NULL;
  int rc;

  header (c, cols);
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
      g_autofree char *last = ciro_day_to_string (sqlite3_column_int (stmt, 6));
      field (c, (const char *) sqlite3_column_text (stmt, 0));
      field (c, (const char *) sqlite3_column_text (stmt, 1));
      field (c, (const char *) sqlite3_column_text (stmt, 2));
      field (c, (const char *) sqlite3_column_text (stmt, 3));
      integer (c, sqlite3_column_int64 (stmt, 4));
      money (c, sqlite3_column_int64 (stmt, 5));
      field (c, last);
      end_row (c);
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
ciro_export_csv (CiroStore              *store,
                 CiroExportKind          kind,
                 const CiroReportFilter *filter,
                 CiroNumberStyle         style,
                 const char             *path,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  Csv c = { NULL, style == CIRO_NUMBER_STYLE_TURKISH ? ';' : ',', style, 0, FALSE };
  gboolean ok;
  int fd;

  g_return_val_if_fail (CIRO_IS_STORE (store), FALSE);

  fd = g_mkstemp (tmpl);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE,
                   _("Cannot write in %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  c.fp = fdopen (fd, "w");
  fputs ("\xef\xbb\xbf", c.fp);   /* the BOM that makes Excel read UTF-8 */

  switch (kind)
    {
    case CIRO_EXPORT_SALES:
      ok = write_sales (&c, store, filter, cancellable, error);
      break;
    case CIRO_EXPORT_PRODUCTS:
      ok = write_products (&c, store, filter, error);
      break;
    case CIRO_EXPORT_PNL:
      ok = write_pnl (&c, store, filter, error);
      break;
    case CIRO_EXPORT_PLATFORMS:
      ok = write_platforms (&c, store, filter, error);
      break;
    case CIRO_EXPORT_CUSTOMERS:
    default:
      ok = write_customers (&c, store, filter, error);
      break;
    }

  if (ok && (c.failed || fflush (c.fp) != 0 || fsync (fileno (c.fp)) != 0))
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (fclose (c.fp) != 0 && ok)
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (ok && g_rename (tmpl, path) != 0)
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmpl);
  return ok;
}
