/* ciro-export.c: the reports, written to any sink (CSV, XLSX, PDF)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "analytics/ciro-carriers.h"
#include "analytics/ciro-categories.h"
#include "analytics/ciro-customers.h"
#include "analytics/ciro-report-rows.h"
#include "core/ciro-carrier.h"
#include "core/ciro-customer.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "store/ciro-settings.h"
#include "ciro-export-private.h"

gboolean
ciro_export_kind_from_string (const char *text, CiroExportKind *out)
{
  static const char *names[] = { "sales", "products", "pnl", "platforms", "customers", "stock", "categories",
                                 "rfm", "cohorts", "carriers" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (text, names[i]) == 0)
      {
        *out = (CiroExportKind) i;
        return TRUE;
      }
  return FALSE;
}

gboolean
ciro_export_write (CiroStore *store, CiroExportKind kind, CiroExportFormat format,
                   const CiroReportFilter *filter, const char *path, GCancellable *cancellable, GError **error)
{
  switch (format)
    {
    case CIRO_EXPORT_FORMAT_CSV:
      return ciro_export_csv (store, kind, filter, ciro_number_style_from_locale (), path, cancellable, error);
    case CIRO_EXPORT_FORMAT_XLSX:
      return ciro_export_xlsx (store, kind, filter, path, cancellable, error);
    case CIRO_EXPORT_FORMAT_PDF:
      return ciro_export_pdf (store, kind, filter, ciro_number_style_from_locale (), path, cancellable, error);
    case CIRO_EXPORT_FORMAT_N:
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* The report's word in a file name, in the user's language. */
static const char *
file_word (CiroExportKind kind)
{
  switch (kind)
    {
    case CIRO_EXPORT_SALES: return C_("file name", "Sales");
    case CIRO_EXPORT_PRODUCTS: return C_("file name", "Products");
    case CIRO_EXPORT_PNL: return C_("file name", "Profit and Loss");
    case CIRO_EXPORT_PLATFORMS: return C_("file name", "Platforms");
    case CIRO_EXPORT_STOCK: return C_("file name", "Stock");
    case CIRO_EXPORT_CATEGORIES: return C_("file name", "Categories");
    case CIRO_EXPORT_RFM: return C_("file name", "RFM");
    case CIRO_EXPORT_COHORTS: return C_("file name", "Cohorts");
    case CIRO_EXPORT_CARRIERS: return C_("file name", "Carriers");
    case CIRO_EXPORT_CUSTOMERS:
    default: return C_("file name", "Customers");
    }
}

/* A part of a file name any file system takes: no path separators, none of
 * the characters Windows refuses, no control characters, single spaces,
 * and no dot or space at either end. */
static void
append_safe (GString *s, const char *text)
{
  gboolean space = s->len == 0 || s->str[s->len - 1] == ' ';
  gsize start = s->len;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (ch < 32 || ch == 127 || (ch < 128 && strchr ("/\\:*?\"<>|", (int) ch) != NULL) ||
          g_unichar_isspace (ch))
        {
          if (!space)
            g_string_append_c (s, ' ');
          space = TRUE;
        }
      else
        {
          g_string_append_unichar (s, ch);
          space = FALSE;
        }
    }
  while (s->len > start && (s->str[s->len - 1] == ' ' || s->str[s->len - 1] == '.'))
    g_string_truncate (s, s->len - 1);
  while (s->len > start && s->str[start] == '.')
    g_string_erase (s, start, 1);
}

char *
ciro_export_default_name (CiroExportKind kind, const CiroReportFilter *filter, const char *extension)
{
  GString *s = g_string_new ("Ciro ");
  char a[11], b[11];

  append_safe (s, file_word (kind));
  g_string_append_c (s, ' ');
  /* the stock lists are as of one day; a report of one day names it once */
  if (kind == CIRO_EXPORT_STOCK || filter->from == filter->to)
    g_string_append (s, ciro_day_format (filter->to, b));
  else
    g_string_append_printf (s, "%s–%s", ciro_day_format (filter->from, a), ciro_day_format (filter->to, b));
  if (kind != CIRO_EXPORT_STOCK && filter->marketplace != NULL && *filter->marketplace != '\0')
    {
      gsize len = s->len;
      g_string_append_c (s, ' ');
      append_safe (s, ciro_marketplace_display (filter->marketplace));
      if (s->len == len + 1)
        g_string_truncate (s, len);
    }
  g_string_append_printf (s, ".%s", extension);
  return g_string_free (s, FALSE);
}

double
ciro_export_round2 (double value)
{
  double r;

  if (!isfinite (value) || fabs (value) >= 9.0e13)
    return value;
  /* round () is half away from zero; no "-0.00" */
  r = round (value * 100.0) / 100.0;
  return r == 0 ? 0 : r;
}

double
ciro_export_round1 (double value)
{
  double r;

  if (!isfinite (value) || fabs (value) >= 9.0e13)
    return value;
  r = round (value * 10.0) / 10.0;
  return r == 0 ? 0 : r;
}

const char *
ciro_export_status_text (gboolean cancelled)
{
  return cancelled ? _("Cancelled/returned") : _("Sold");
}

/* ---------------------------------------------------------- the file frame */

void
ciro_export_set_write_error (GError **error, const char *path, const char *reason)
{
  g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE, _("Cannot write %s: %s"), path, reason);
}

gboolean
ciro_export_file_open (CiroExportFile *file, const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);

  file->path = g_strdup (path);
  file->tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  file->fd = g_mkstemp (file->tmp);
  if (file->fd < 0)
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE,
                   _("Cannot write in %s: %s"), dir, g_strerror (saved));
      g_clear_pointer (&file->tmp, g_free);
      g_clear_pointer (&file->path, g_free);
      return FALSE;
    }
  return TRUE;
}

gboolean
ciro_export_file_commit (CiroExportFile *file, GError **error)
{
  gboolean ok = TRUE;

  /* a library that wrote the file by its name: open it again to flush it */
  if (file->fd < 0 && file->tmp != NULL)
    file->fd = g_open (file->tmp, O_RDONLY, 0);
  if (file->fd >= 0)
    {
      if (fsync (file->fd) != 0 && errno != EINVAL)
        {
          int saved = errno;
          ciro_export_set_write_error (error, file->path, g_strerror (saved));
          ok = FALSE;
        }
      if (close (file->fd) != 0 && ok)
        {
          int saved = errno;
          ciro_export_set_write_error (error, file->path, g_strerror (saved));
          ok = FALSE;
        }
      file->fd = -1;
    }
  /* mkstemp made it private; an export is an ordinary document */
  if (ok)
    g_chmod (file->tmp, 0644);
  if (ok && g_rename (file->tmp, file->path) != 0)
    {
      int saved = errno;
      ciro_export_set_write_error (error, file->path, g_strerror (saved));
      ok = FALSE;
    }
  if (ok)
    g_clear_pointer (&file->tmp, g_free);
  ciro_export_file_abort (file);
  return ok;
}

void
ciro_export_file_abort (CiroExportFile *file)
{
  if (file->fd >= 0)
    close (file->fd);
  file->fd = -1;
  if (file->tmp != NULL)
    g_unlink (file->tmp);
  g_clear_pointer (&file->tmp, g_free);
  g_clear_pointer (&file->path, g_free);
}

/* ---------------------------------------------------------- the reports */

static gboolean
cancelled_every (GCancellable *cancellable, guint64 n, GError **error)
{
  return (n & 0x3fff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* Every line of the window's orders, an order without lines as one row, the
 * order's shipping on its first row: each money column adds up, split by
 * the status column, to the KPIs of the window. */
static gboolean
write_sales (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GCancellable *cancellable, GError **error)
{
  static const CiroColumn cols[] = {
    { N_("Date"), CIRO_COLUMN_DATETIME },
    { N_("Order code"), CIRO_COLUMN_CODE },
    { N_("Marketplace"), CIRO_COLUMN_TEXT },
    { N_("Shop"), CIRO_COLUMN_TEXT },
    { N_("Status"), CIRO_COLUMN_STATUS },
    { N_("SKU"), CIRO_COLUMN_CODE },
    { N_("Product"), CIRO_COLUMN_TEXT },
    { N_("Quantity"), CIRO_COLUMN_COUNT },
    { N_("Unit price"), CIRO_COLUMN_UNIT_MONEY },
    { N_("Amount"), CIRO_COLUMN_MONEY },
    { N_("Shipping income"), CIRO_COLUMN_MONEY },
    { N_("Product cost"), CIRO_COLUMN_MONEY },
    { N_("Commission"), CIRO_COLUMN_MONEY },
    { N_("Shipping expense"), CIRO_COLUMN_MONEY },
    { NULL, 0 },
  };
  g_autoptr(CiroSalesIter) it = ciro_sales_iter_new (store, f, error);
  g_autoptr(GError) local = NULL;
  const CiroSalesRow *r;
  guint64 n = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (cols) == CIRO_SALES_N_COLS + 1);
  if (it == NULL)
    return FALSE;
  c->header (c, cols);
  while (!c->failed && (r = ciro_sales_iter_next (it, &local)) != NULL)
    {
      if (cancelled_every (cancellable, ++n, error))
        return FALSE;
      c->datetime (c, r->day, r->seconds);
      c->text (c, r->order_code);
      c->text (c, ciro_marketplace_display (r->marketplace));
      c->text (c, r->shop);
      c->text (c, ciro_export_status_text (r->cancelled));
      if (r->has_line)
        {
          c->text (c, r->sku);
          c->text (c, r->product);
          c->integer (c, r->quantity);
          c->money (c, r->unit_price);
          c->money (c, r->amount);
        }
      else
        {
          c->empty (c);
          /* TRANSLATORS: a sales row for an order that came without lines */
          c->text (c, _("(order without lines)"));
          c->integer (c, 0);
          c->empty (c);
          c->money (c, 0);
        }
      /* the order's own amounts on its first row; a cancelled or returned
       * order costs nothing and earns no commission (metrics.md). Cells that
       * do not apply stay empty, so every column adds up to its KPI. */
      if (r->first_of_order)
        c->money (c, r->shipping_income);
      else
        c->empty (c);
      if (r->cancelled)
        {
          c->empty (c);
          c->empty (c);
          c->empty (c);
        }
      else
        {
          c->money (c, r->cost);
          c->money (c, r->commission);
          if (r->first_of_order)
            c->money (c, r->shipping_expense);
          else
            c->empty (c);
        }
      c->end_row (c);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_products (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const CiroColumn cols[] = {
    { N_("SKU"), CIRO_COLUMN_CODE },
    { N_("Product"), CIRO_COLUMN_TEXT },
    { N_("Brand"), CIRO_COLUMN_TEXT },
    { N_("Category"), CIRO_COLUMN_TEXT },
    { N_("Revenue"), CIRO_COLUMN_MONEY },
    { N_("Units"), CIRO_COLUMN_COUNT },
    /* an order of two products counts for each: no total */
    { N_("Orders"), CIRO_COLUMN_INTEGER },
    { N_("Cost"), CIRO_COLUMN_MONEY },
    { N_("Commission"), CIRO_COLUMN_MONEY },
    { N_("Profit"), CIRO_COLUMN_MONEY },
    { N_("Margin %"), CIRO_COLUMN_PERCENT },
    { N_("Returned units"), CIRO_COLUMN_COUNT },
    { N_("Return rate %"), CIRO_COLUMN_PERCENT },
    { N_("Stock"), CIRO_COLUMN_COUNT },
    { N_("Daily sales"), CIRO_COLUMN_DECIMAL },
    { N_("Days of stock"), CIRO_COLUMN_DECIMAL },
    { N_("Score"), CIRO_COLUMN_DECIMAL },
    { NULL, 0 },
  };
  g_autoptr(GArray) rows = ciro_report_products (store, f, CIRO_SORT_REVENUE, FALSE, error);

  if (rows == NULL)
    return FALSE;
  c->header (c, cols);
  for (guint i = 0; i < rows->len && !c->failed; i++)
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
      /* no margin, return rate or score without a known cost or sales */
      if (p->has_margin)
        c->percent (c, p->margin_pct);
      else
        c->empty (c);
      c->integer (c, p->return_units);
      if (p->has_return_rate)
        c->percent (c, p->return_rate_pct);
      else
        c->empty (c);
      c->integer (c, p->stock);
      c->decimal (c, p->daily_sales);
      if (p->has_days_of_stock)
        c->decimal (c, p->days_of_stock);
      else
        c->empty (c);
      if (p->has_score)
        c->decimal (c, p->score);
      else
        c->empty (c);
      c->end_row (c);
    }
  return TRUE;
}

char *
ciro_export_month_label (const CiroReportFilter *filter, gint32 month)
{
  CiroDay first = ciro_month_first_day (month), last = ciro_month_last_day (month);
  CiroDay a = MAX (filter->from, first), b = MIN (filter->to, last);
  int y, m, d0, d1;
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *name = NULL;

  ciro_day_to_ymd (a, &y, &m, &d0);
  ciro_day_to_ymd (b, &y, &m, &d1);
  dt = g_date_time_new_utc (y, m, 1, 0, 0, 0);
  if (a == first && b == last)
    {
      char buf[11];
      ciro_day_format (first, buf);
      buf[7] = '\0';
      return g_strdup (buf);
    }
  /* TRANSLATORS: strftime format of a month in a partial month's label */
  name = g_date_time_format (dt, C_("month", "%b %Y"));
  if (d0 == d1)
    /* TRANSLATORS: a month the report covers for one day only: the day,
     * then the month ("20 Nov 2026") */
    return g_strdup_printf (_("%d %s"), d0, name);
  /* TRANSLATORS: a month the report covers only in part: first and last
   * day, then the month ("7–30 Sep 2026") */
  return g_strdup_printf (_("%d–%d %s"), d0, d1, name);
}

/* The statement's lines, before VAT settlement (metrics.md) and then after
 * it (profit.md): what the seller keeps, the ad spend and expenses, and the
 * KDV lines the accountant files. */
typedef enum { PNL_MONEY, PNL_PERCENT, PNL_ROI } PnlKind;

static const struct {
  const char *label;
  PnlKind     kind;
  gsize       offset;
} pnl_lines[] = {
  { N_("Gross revenue"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, gross_revenue) },
  { N_("Cancelled/returned revenue"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, cancel_return_revenue) },
  { N_("Net revenue"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, net_revenue) },
  { N_("Shipping income (part of net revenue)"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, shipping_income) },
  { N_("Product cost (incl. VAT)"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, product_cost) },
  { N_("Marketplace commission"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, commission) },
  { N_("Shipping expense"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, shipping_expense) },
  { N_("Profit"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, profit) },
  { N_("Profit margin"), PNL_PERCENT, G_STRUCT_OFFSET (CiroSummary, margin_pct) },
  /* after VAT settlement: commission and shipping expense are those above */
  { N_("Net revenue excl. VAT"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, net_revenue_ex_vat) },
  { N_("Product cost excl. VAT"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, product_cost_ex_vat) },
  { N_("Service fees"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, service_fees) },
  { N_("Profit after VAT"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, profit_ex_vat) },
  { N_("Margin after VAT"), PNL_PERCENT, G_STRUCT_OFFSET (CiroSummary, margin_ex_vat_pct) },
  { N_("Return on cost"), PNL_ROI, G_STRUCT_OFFSET (CiroSummary, roi_pct) },
  { N_("Ad spend"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, ad_spend) },
  { N_("Other expenses"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, expenses) },
  { N_("Operating profit"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, operating_profit) },
  /* the KDV return */
  { N_("Output VAT"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, output_vat) },
  { N_("VAT on fees"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, fees_vat) },
  { N_("Input VAT"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, input_vat) },
  { N_("VAT payable"), PNL_MONEY, G_STRUCT_OFFSET (CiroSummary, vat_payable) },
};

static void
pnl_cell (CiroSink *c, const CiroSummary *s, guint line)
{
  const char *field = (const char *) s + pnl_lines[line].offset;

  switch (pnl_lines[line].kind)
    {
    case PNL_MONEY:
      c->money (c, *(const CiroKurus *) field);
      break;
    case PNL_ROI:
      /* no return on a cost of 0 (null in the JSON) */
      if (!s->has_roi)
        {
          c->empty (c);
          break;
        }
      G_GNUC_FALLTHROUGH;
    case PNL_PERCENT:
    default:
      c->percent (c, *(const double *) field);
      break;
    }
}

static gboolean
write_pnl (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  gint32 m0 = ciro_day_month (f->from), m1 = ciro_day_month (f->to);
  guint n = (guint) (m1 - m0 + 1);
  g_autofree CiroSummary *cols = g_new0 (CiroSummary, n + 1);
  g_autofree CiroColumn *head = g_new0 (CiroColumn, n + 3);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

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
  /* the header's names are translated by the sink: the month labels are
   * already in the user's language and pass through unchanged */
  head[0] = (CiroColumn) { N_("Profit and loss"), CIRO_COLUMN_TEXT };
  for (guint i = 0; i < n; i++)
    {
      char *label = ciro_export_month_label (f, m0 + (gint32) i);
      g_ptr_array_add (names, label);
      head[i + 1] = (CiroColumn) { label, CIRO_COLUMN_MONEY };
    }
  head[n + 1] = (CiroColumn) { N_("Total"), CIRO_COLUMN_MONEY };
  c->header (c, head);
  for (guint r = 0; r < G_N_ELEMENTS (pnl_lines) && !c->failed; r++)
    {
      c->text (c, _(pnl_lines[r].label));
      for (guint i = 0; i <= n; i++)
        pnl_cell (c, &cols[i], r);
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
  static const CiroColumn cols[] = {
    { N_("Marketplace"), CIRO_COLUMN_TEXT },
    { N_("Net revenue"), CIRO_COLUMN_MONEY },
    { N_("Net orders"), CIRO_COLUMN_COUNT },
    { N_("Average order value"), CIRO_COLUMN_UNIT_MONEY },
    { N_("Commission"), CIRO_COLUMN_MONEY },
    { N_("Shipping expense"), CIRO_COLUMN_MONEY },
    { N_("Profit"), CIRO_COLUMN_MONEY },
    { N_("Margin %"), CIRO_COLUMN_PERCENT },
    { N_("Share %"), CIRO_COLUMN_PERCENT },
    { N_("Rank by profit"), CIRO_COLUMN_INTEGER },
    { NULL, 0 },
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
  for (guint i = 0; i < rows->len && !c->failed; i++)
    {
      CiroMarketplaceRow *m = &g_array_index (rows, CiroMarketplaceRow, i);
      guint rank = 0;
      g_ptr_array_find (ranked, m, &rank);
      c->text (c, ciro_marketplace_display (m->marketplace));
      c->money (c, m->s.net_revenue);
      c->integer (c, m->s.net_orders);
      c->money (c, m->s.aov);
      c->money (c, m->s.commission);
      c->money (c, m->s.shipping_expense);
      c->money (c, m->s.profit);
      c->percent (c, m->s.margin_pct);
      c->percent (c, m->share_pct);
      c->integer (c, rank + 1);
      c->end_row (c);
    }
  return TRUE;
}

static gboolean
write_customers (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GCancellable *cancellable,
                 GError **error)
{
  static const CiroColumn cols[] = {
    { N_("Customer"), CIRO_COLUMN_TEXT },
    { N_("E-mail"), CIRO_COLUMN_TEXT },
    { N_("Phone"), CIRO_COLUMN_CODE },
    { N_("City"), CIRO_COLUMN_TEXT },
    { N_("Net orders"), CIRO_COLUMN_COUNT },
    { N_("Cancelled/returned orders"), CIRO_COLUMN_COUNT },
    { N_("Net spend"), CIRO_COLUMN_MONEY },
    { N_("Last order"), CIRO_COLUMN_DATE },
    { NULL, 0 },
  };
  /* KVKK: with the masking setting on, the headers say the list is masked
   * (and so not complete for invoicing) */
  static const CiroColumn masked_cols[] = {
    { N_("Customer (masked)"), CIRO_COLUMN_TEXT },
    { N_("E-mail (masked)"), CIRO_COLUMN_TEXT },
    { N_("Phone (masked)"), CIRO_COLUMN_CODE },
    { N_("City"), CIRO_COLUMN_TEXT },
    { N_("Net orders"), CIRO_COLUMN_COUNT },
    { N_("Cancelled/returned orders"), CIRO_COLUMN_COUNT },
    { N_("Net spend"), CIRO_COLUMN_MONEY },
    { N_("Last order"), CIRO_COLUMN_DATE },
    { NULL, 0 },
  };
  gboolean masked = ciro_export_masks_personal_data (store);
  g_autoptr(CiroCustomerIter) it = ciro_customer_iter_new (store, f, error);
  g_autoptr(GError) local = NULL;
  const CiroCustomerRow *r;
  guint64 n = 0;

  if (it == NULL)
    return FALSE;
  c->header (c, masked ? masked_cols : cols);
  while (!c->failed && (r = ciro_customer_iter_next (it, &local)) != NULL)
    {
      if (cancelled_every (cancellable, ++n, error))
        return FALSE;
      if (masked)
        {
          g_autofree char *name = ciro_mask_name (r->name), *email = ciro_mask_email (r->email);
          g_autofree char *phone = ciro_mask_phone (r->phone);
          c->text (c, name);
          c->text (c, email);
          c->text (c, phone);
        }
      else
        {
          c->text (c, r->name);
          c->text (c, r->email);
          c->text (c, r->phone);
        }
      c->text (c, r->city);
      c->integer (c, r->net_orders);
      c->integer (c, r->cancel_return_orders);
      c->money (c, r->net_spend);
      c->date (c, r->last_order);
      c->end_row (c);
    }
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

gboolean
ciro_export_masks_personal_data (CiroStore *store)
{
  return ciro_store_get_setting_int (store, CIRO_SETTING_MASK_PERSONAL_DATA, 0) != 0;
}

/* A customer's name as an export may show it: masked when the setting says
 * so; without a name, the e-mail or phone the customer is known by. */
static char *
export_customer_name (const CiroCustomer *cu, gboolean masked)
{
  if (cu->name != NULL && *cu->name != '\0')
    return masked ? ciro_mask_name (cu->name) : g_strdup (cu->name);
  if (cu->email != NULL && *cu->email != '\0')
    return masked ? ciro_mask_email (cu->email) : g_strdup (cu->email);
  if (cu->phone != NULL && *cu->phone != '\0')
    return masked ? ciro_mask_phone (cu->phone) : g_strdup (cu->phone);
  return masked ? ciro_mask_customer_key (cu->key) : g_strdup (cu->key);
}

static int
rfm_order (gconstpointer a, gconstpointer b)
{
  const CiroCustomer *x = *(const CiroCustomer * const *) a, *y = *(const CiroCustomer * const *) b;

  if (x->monetary != y->monetary)
    return x->monetary > y->monetary ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

/* The window's customers, the largest monetary first. */
static gboolean
write_rfm (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GCancellable *cancellable, GError **error)
{
  static const CiroColumn cols[] = {
    { N_("Customer"), CIRO_COLUMN_TEXT },
    { N_("City"), CIRO_COLUMN_TEXT },
    { N_("Recency (days)"), CIRO_COLUMN_INTEGER },
    { N_("Frequency"), CIRO_COLUMN_COUNT },
    { N_("Monetary"), CIRO_COLUMN_MONEY },
    { N_("R"), CIRO_COLUMN_INTEGER },
    { N_("F"), CIRO_COLUMN_INTEGER },
    { N_("M"), CIRO_COLUMN_INTEGER },
    { N_("Segment"), CIRO_COLUMN_TEXT },
    { N_("Loyalty"), CIRO_COLUMN_INTEGER },
    { N_("VIP"), CIRO_COLUMN_TEXT },
    { N_("Churn risk"), CIRO_COLUMN_TEXT },
    { N_("Historical CLV"), CIRO_COLUMN_MONEY },
    { NULL, 0 },
  };
  static const CiroColumn masked_cols[] = {
    { N_("Customer (masked)"), CIRO_COLUMN_TEXT },
  };
  CiroColumn header[G_N_ELEMENTS (cols)];
  gboolean masked = ciro_export_masks_personal_data (store);
  g_autoptr(CiroCustomerReport) r = ciro_report_customers (store, f, CIRO_CUSTOMERS_VALUE, error);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autoptr(GArray) which = g_array_new (FALSE, FALSE, sizeof (guint));
  guint64 n = 0;

  if (r == NULL)
    return FALSE;
  memcpy (header, cols, sizeof cols);
  if (masked)
    header[0] = masked_cols[0];
  for (guint i = 0; i < r->customers->len; i++)
    if (g_array_index (r->customers, CiroCustomer, i).in_window)
      g_array_append_val (which, i);
  /* the names (or e-mails, phones) of the customers written, and only theirs */
  if (!ciro_customers_read_contacts (store, r, (const guint *) (gpointer) which->data, which->len, error))
    return FALSE;
  for (guint i = 0; i < which->len; i++)
    g_ptr_array_add (rows, &g_array_index (r->customers, CiroCustomer, g_array_index (which, guint, i)));
  g_ptr_array_sort (rows, rfm_order);
  c->header (c, header);
  for (guint i = 0; i < rows->len && !c->failed; i++)
    {
      const CiroCustomer *cu = rows->pdata[i];
      g_autofree char *name = export_customer_name (cu, masked);

      if (cancelled_every (cancellable, ++n, error))
        return FALSE;
      c->text (c, name);
      c->text (c, cu->city);
      c->integer (c, cu->recency_days);
      c->integer (c, cu->frequency);
      c->money (c, cu->monetary);
      c->integer (c, cu->r);
      c->integer (c, cu->f);
      c->integer (c, cu->m);
      c->text (c, ciro_segment_label (cu->segment));
      c->integer (c, cu->loyalty);
      c->text (c, cu->vip ? _("Yes") : _("No"));
      c->text (c, cu->churn_risk ? _("Yes") : _("No"));
      c->money (c, cu->clv_historical);
      c->end_row (c);
    }
  return TRUE;
}

/* One row a cohort and month since its first order (a long table every
 * format holds): the share that ordered in the month and the cumulative net
 * revenue per cohort customer. */
static gboolean
write_cohorts (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const CiroColumn cols[] = {
    { N_("Cohort"), CIRO_COLUMN_TEXT },
    { N_("Customers"), CIRO_COLUMN_INTEGER },
    { N_("Months since the first order"), CIRO_COLUMN_INTEGER },
    { N_("Ordered in the month"), CIRO_COLUMN_PERCENT },
    { N_("Net revenue per customer so far"), CIRO_COLUMN_UNIT_MONEY },
    { NULL, 0 },
  };
  g_autoptr(GArray) cohorts = ciro_report_cohorts (store, f, error);

  if (cohorts == NULL)
    return FALSE;
  c->header (c, cols);
  for (guint i = 0; i < cohorts->len && !c->failed; i++)
    {
      const CiroCohort *h = &g_array_index (cohorts, CiroCohort, i);
      char month[8];

      if (h->customers == 0)
        continue;
      g_snprintf (month, sizeof month, "%04d-%02d", h->month / 12, h->month % 12 + 1);
      for (guint k = 0; k < h->n_months && !c->failed; k++)
        {
          c->text (c, month);
          c->integer (c, h->customers);
          c->integer (c, k);
          c->percent (c, ciro_export_round2 (h->active_pct[k]));
          c->money (c, (CiroKurus) llround (h->revenue_per_customer[k] * 100));
          c->end_row (c);
        }
    }
  return TRUE;
}

const char *
ciro_export_stock_list_title (CiroStockList list)
{
  static const char *titles[CIRO_STOCK_N_LISTS] = {
    N_("Low Stock"), N_("Running Out"), N_("Slow Moving"), N_("Dead Stock"),
  };
  return list < CIRO_STOCK_N_LISTS ? _(titles[list]) : "";
}

typedef struct {
  CiroStockList list;
} StockOrder;

static int
stock_order (gconstpointer a, gconstpointer b, gpointer data)
{
  const CiroStockRow *x = *(const CiroStockRow * const *) a, *y = *(const CiroStockRow * const *) b;
  return ciro_stock_row_list_compare (x, y, ((StockOrder *) data)->list);
}

/* The Stock page's four lists as of the window's last day, each in the
 * page's order; a product may be in more than one. A format of one table
 * gets them as one, the list named in the first column. */
static gboolean
write_stock (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const CiroColumn cols[] = {
    { N_("List"), CIRO_COLUMN_TEXT },
    { N_("SKU"), CIRO_COLUMN_CODE },
    { N_("Product"), CIRO_COLUMN_TEXT },
    { N_("Stock"), CIRO_COLUMN_COUNT },
    { N_("Daily sales"), CIRO_COLUMN_DECIMAL },
    { N_("Days of stock"), CIRO_COLUMN_DECIMAL },
    { N_("Runs out on"), CIRO_COLUMN_DATE },
    { N_("Stock value at cost"), CIRO_COLUMN_MONEY },
    { N_("Last sale"), CIRO_COLUMN_DATE },
    { NULL, 0 },
  };
  g_autoptr(GArray) rows = ciro_report_stock (store, f->to, error);
  gboolean sections = c->section != NULL;

  if (rows == NULL)
    return FALSE;
  if (!sections)
    c->header (c, cols);
  for (CiroStockList l = 0; l < CIRO_STOCK_N_LISTS && !c->failed; l++)
    {
      g_autoptr(GPtrArray) in = g_ptr_array_new ();
      StockOrder order = { l };
      const char *title = ciro_export_stock_list_title (l);

      for (guint i = 0; i < rows->len; i++)
        if (ciro_stock_row_in_list (&g_array_index (rows, CiroStockRow, i), l))
          g_ptr_array_add (in, &g_array_index (rows, CiroStockRow, i));
      g_ptr_array_sort_with_data (in, stock_order, &order);
      if (sections)
        {
          c->section (c, title);
          c->header (c, cols + 1);
        }
      for (guint i = 0; i < in->len && !c->failed; i++)
        {
          const CiroStockRow *r = in->pdata[i];

          if (!sections)
            c->text (c, title);
          c->text (c, r->sku);
          c->text (c, r->name);
          c->integer (c, r->stock);
          c->decimal (c, r->daily_sales);
          if (r->has_days_of_stock)
            c->decimal (c, r->days_of_stock);
          else
            c->empty (c);     /* ∞: it does not sell */
          if (r->stock <= 0)
            c->text (c, _("Out of stock"));
          else if (r->stock_out_date != CIRO_DAY_INVALID)
            c->date (c, r->stock_out_date);
          else
            c->empty (c);
          /* no cost known for what is in stock: no value, never 0 */
          if (r->has_stock_value)
            c->money (c, r->stock_value);
          else
            c->empty (c);
          if (r->last_sale != CIRO_DAY_INVALID)
            c->date (c, r->last_sale);
          else
            c->empty (c);
          c->end_row (c);
        }
    }
  return TRUE;
}

/* The window's categories by revenue, as the Categories page lists them:
 * the two groups by their names for people. Orders do not add up (an order
 * with lines in two categories is in both); products do. */
static gboolean
write_categories (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const CiroColumn cols[] = {
    { N_("Category"), CIRO_COLUMN_TEXT },
    { N_("Revenue"), CIRO_COLUMN_MONEY },
    { N_("Units"), CIRO_COLUMN_COUNT },
    { N_("Orders"), CIRO_COLUMN_INTEGER },
    { N_("Cost"), CIRO_COLUMN_MONEY },
    { N_("Commission"), CIRO_COLUMN_MONEY },
    { N_("Profit"), CIRO_COLUMN_MONEY },
    { N_("Margin %"), CIRO_COLUMN_PERCENT },
    { N_("Returned units"), CIRO_COLUMN_COUNT },
    { N_("Return rate %"), CIRO_COLUMN_PERCENT },
    { N_("Products"), CIRO_COLUMN_COUNT },
    { N_("Share %"), CIRO_COLUMN_PERCENT },
    { N_("Revenue change %"), CIRO_COLUMN_PERCENT },
    { N_("Profit change %"), CIRO_COLUMN_PERCENT },
    { NULL, 0 },
  };
  g_autoptr(GArray) rows = ciro_report_categories (store, f, error);

  if (rows == NULL)
    return FALSE;
  c->header (c, cols);
  for (guint i = 0; i < rows->len && !c->failed; i++)
    {
      const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);

      c->text (c, ciro_category_display_name (r));
      c->money (c, r->revenue);
      c->integer (c, r->units);
      c->integer (c, r->orders);
      c->money (c, r->cost);
      c->money (c, r->commission);
      c->money (c, r->profit);
      /* absent ratios are empty cells, as null in the JSON */
      if (r->has_margin)
        c->percent (c, r->margin_pct);
      else
        c->empty (c);
      c->integer (c, r->return_units);
      if (r->has_return_rate)
        c->percent (c, r->return_rate_pct);
      else
        c->empty (c);
      c->integer (c, r->products);
      c->percent (c, r->share_pct);
      if (r->has_revenue_change)
        c->percent (c, r->revenue_change_pct);
      else
        c->empty (c);
      if (r->has_profit_change)
        c->percent (c, r->profit_change_pct);
      else
        c->empty (c);
      c->end_row (c);
    }
  return TRUE;
}

/* A figure in days, or an empty cell when no order was timed. */
static void
carrier_days (CiroSink *c, gint64 n, double days)
{
  if (n > 0)
    c->decimal (c, days);
  else
    c->empty (c);
}

/* The Shipping page's three parts over the report's window and
 * marketplace (insights.md §3): each carrier's figures, every late order
 * (the longest on the way first) and the recommendations as sentences with
 * their saving. A format of one table gets the carriers only. */
static gboolean
write_carriers (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const CiroColumn cols[] = {
    { N_("Carrier"), CIRO_COLUMN_TEXT },
    { N_("Orders"), CIRO_COLUMN_COUNT },
    { N_("Net orders"), CIRO_COLUMN_COUNT },
    { N_("Share %"), CIRO_COLUMN_PERCENT },
    { N_("Shipping income"), CIRO_COLUMN_MONEY },
    { N_("Shipping expense"), CIRO_COLUMN_MONEY },
    { N_("Expense per order"), CIRO_COLUMN_UNIT_MONEY },
    { N_("Days to ship (mean)"), CIRO_COLUMN_DAYS },
    { N_("Days to ship (median)"), CIRO_COLUMN_DAYS },
    { N_("Days to ship (p90)"), CIRO_COLUMN_DAYS },
    { N_("Shipped orders timed"), CIRO_COLUMN_COUNT },
    { N_("Days to deliver (mean)"), CIRO_COLUMN_DAYS },
    { N_("Days to deliver (median)"), CIRO_COLUMN_DAYS },
    { N_("Days to deliver (p90)"), CIRO_COLUMN_DAYS },
    { N_("Delivered orders timed"), CIRO_COLUMN_COUNT },
    { N_("Returned after shipping"), CIRO_COLUMN_COUNT },
    { N_("Returned after shipping %"), CIRO_COLUMN_PERCENT },
    { N_("Late"), CIRO_COLUMN_COUNT },
    { N_("Late %"), CIRO_COLUMN_PERCENT },
    { NULL, 0 },
  };
  static const CiroColumn late_cols[] = {
    { N_("Order code"), CIRO_COLUMN_CODE },
    { N_("Carrier"), CIRO_COLUMN_TEXT },
    { N_("Cargo number"), CIRO_COLUMN_CODE },
    { N_("Marketplace"), CIRO_COLUMN_TEXT },
    { N_("Shipped"), CIRO_COLUMN_DATETIME },
    { N_("Days since shipping"), CIRO_COLUMN_DAYS },
    { NULL, 0 },
  };
  static const CiroColumn advice_cols[] = {
    { N_("Marketplace"), CIRO_COLUMN_TEXT },
    { N_("Carrier"), CIRO_COLUMN_TEXT },
    { N_("Recommendation"), CIRO_COLUMN_TEXT },
    { N_("Saving"), CIRO_COLUMN_MONEY },
    { NULL, 0 },
  };
  gint64 late_days = ciro_store_get_setting_int (store, CIRO_SETTING_LATE_DAYS, CIRO_CARRIER_LATE_DAYS_DEFAULT);
  g_autoptr(CiroCarrierReport) r = NULL;
  CiroDay today;
  gint32 seconds;

  ciro_now (&today, &seconds);
  r = ciro_carrier_report_build_full (store, f, (int) CLAMP (late_days, 1, 365), ciro_to_unix (today, seconds),
                                      c->section != NULL ? -1 : 0, error);
  if (r == NULL)
    return FALSE;
  if (c->section != NULL)
    c->section (c, _("Carriers"));
  c->header (c, cols);
  for (guint i = 0; i < r->carriers->len && !c->failed; i++)
    {
      const CiroCarrierRow *p = r->carriers->pdata[i];

      c->text (c, ciro_carrier_display (p->carrier));
      c->integer (c, p->orders);
      c->integer (c, p->net_orders);
      c->percent (c, p->share_pct);
      c->money (c, p->shipping_income);
      c->money (c, p->shipping_expense);
      c->money (c, p->expense_per_order);
      carrier_days (c, p->days_to_ship_n, p->days_to_ship_mean);
      carrier_days (c, p->days_to_ship_n, p->days_to_ship_median);
      carrier_days (c, p->days_to_ship_n, p->days_to_ship_p90);
      c->integer (c, p->days_to_ship_n);
      carrier_days (c, p->days_to_deliver_n, p->days_to_deliver_mean);
      carrier_days (c, p->days_to_deliver_n, p->days_to_deliver_median);
      carrier_days (c, p->days_to_deliver_n, p->days_to_deliver_p90);
      c->integer (c, p->days_to_deliver_n);
      c->integer (c, p->returned_after_shipping);
      c->percent (c, p->returned_after_shipping_pct);
      c->integer (c, p->late);
      c->percent (c, p->late_pct);
      c->end_row (c);
    }
  if (c->section == NULL)
    return TRUE;

  c->section (c, _("Late orders"));
  c->header (c, late_cols);
  for (guint i = 0; i < r->late_orders->len && !c->failed; i++)
    {
      const CiroLateOrder *l = r->late_orders->pdata[i];
      CiroDay day;
      gint32 secs;

      ciro_from_unix (l->shipped_at, &day, &secs);
      c->text (c, l->order_code);
      c->text (c, ciro_carrier_display (l->carrier));
      c->text (c, l->cargo_number);
      c->text (c, ciro_marketplace_display (l->marketplace));
      c->datetime (c, day, secs);
      c->decimal (c, l->days_since_shipping);
      c->end_row (c);
    }

  c->section (c, _("Recommendations"));
  c->header (c, advice_cols);
  for (guint i = 0; i < r->advice->len && !c->failed; i++)
    {
      const CiroCarrierAdvice *a = r->advice->pdata[i];
      g_autofree char *text = ciro_carrier_advice_text (a);

      c->text (c, ciro_marketplace_display (a->marketplace));
      c->text (c, ciro_carrier_display (a->carrier));
      c->text (c, text);
      /* a carrier late too often saves nothing by itself */
      if (a->kind == CIRO_CARRIER_ADVICE_SWITCH)
        c->money (c, a->saving);
      else
        c->empty (c);
      c->end_row (c);
    }
  return TRUE;
}

gboolean
ciro_export_write_daily (CiroSink *c, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const CiroColumn cols[] = {
    { N_("Date"), CIRO_COLUMN_DATE },
    { N_("Net orders"), CIRO_COLUMN_COUNT },
    { N_("Gross revenue"), CIRO_COLUMN_MONEY },
    { N_("Cancelled/returned revenue"), CIRO_COLUMN_MONEY },
    { N_("Net revenue"), CIRO_COLUMN_MONEY },
    { N_("Profit"), CIRO_COLUMN_MONEY },
    { NULL, 0 },
  };
  g_autoptr(GArray) days = ciro_report_daily (store, f, error);

  if (days == NULL)
    return FALSE;
  c->header (c, cols);
  for (guint i = 0; i < days->len && !c->failed; i++)
    {
      CiroDailyRow *d = &g_array_index (days, CiroDailyRow, i);
      c->date (c, d->date);
      c->integer (c, d->s.net_orders);
      c->money (c, d->s.gross_revenue);
      c->money (c, d->s.cancel_return_revenue);
      c->money (c, d->s.net_revenue);
      c->money (c, d->s.profit);
      c->end_row (c);
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
    case CIRO_EXPORT_STOCK:
      ok = write_stock (sink, store, filter, error);
      break;
    case CIRO_EXPORT_CATEGORIES:
      ok = write_categories (sink, store, filter, error);
      break;
    case CIRO_EXPORT_RFM:
      ok = write_rfm (sink, store, filter, cancellable, error);
      break;
    case CIRO_EXPORT_COHORTS:
      ok = write_cohorts (sink, store, filter, error);
      break;
    case CIRO_EXPORT_CARRIERS:
      ok = write_carriers (sink, store, filter, error);
      break;
    case CIRO_EXPORT_CUSTOMERS:
    default:
      ok = write_customers (sink, store, filter, cancellable, error);
      break;
    }
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  return ok;
}
