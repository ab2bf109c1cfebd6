/* ciro-export-xlsx.c: reports as Excel workbooks (libxlsxwriter, constant memory)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <xlsxwriter.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "ciro-export-private.h"

#define MAX_COLUMNS 32

typedef enum { COL_OTHER, COL_SUM } ColumnKind;

typedef struct {
  CiroSink       sink;
  lxw_workbook  *wb;
  lxw_worksheet *ws;
  lxw_format    *bold;
  lxw_format    *money;
  lxw_format    *number;
  lxw_format    *date;
  lxw_format    *datetime;
  lxw_format    *total_money;
  lxw_format    *total_label;
  lxw_row_t      row;
  lxw_col_t      col;
  lxw_col_t      n_columns;
  ColumnKind     kinds[MAX_COLUMNS];
  gboolean       money_col[MAX_COLUMNS];
  const char * const *header_names;
  const char    *title;
  guint          part;
} Xlsx;

static lxw_worksheet *new_sheet (Xlsx *x, const char *name);
static void finish_table (Xlsx *x, gboolean totals);

static void
check (Xlsx *x, lxw_error err)
{
  if (err != LXW_NO_ERROR)
    x->sink.failed = TRUE;
}

static void
note_kind (Xlsx *x, ColumnKind kind, gboolean is_money)
{
  /* the first data row decides which columns get a total */
  if (x->row == 1 && x->col < MAX_COLUMNS)
    {
      x->kinds[x->col] = kind;
      x->money_col[x->col] = is_money;
    }
}

static void
x_header (CiroSink *sink, const char * const *names)
{
  Xlsx *x = (Xlsx *) sink;

  x->header_names = names;
  for (x->col = 0; names[x->col]; x->col++)
    check (x, worksheet_write_string (x->ws, 0, x->col, _(names[x->col]), x->bold));
  x->n_columns = x->col;
  x->row = 1;
  x->col = 0;
  /* constant-memory sheets take the filter before their rows */
  worksheet_autofilter (x->ws, 0, 0, LXW_ROW_MAX - 1, x->n_columns - 1);
}

static void
x_text (CiroSink *sink, const char *text)
{
  Xlsx *x = (Xlsx *) sink;

  note_kind (x, COL_OTHER, FALSE);
  if (x->row == 0)
    check (x, worksheet_write_string (x->ws, x->row, x->col, text ? text : "", x->bold));
  else if (text != NULL && *text != '\0')
    check (x, worksheet_write_string (x->ws, x->row, x->col, text, NULL));
  x->col++;
}

static void
x_integer (CiroSink *sink, gint64 v)
{
  Xlsx *x = (Xlsx *) sink;

  note_kind (x, COL_SUM, FALSE);
  check (x, worksheet_write_number (x->ws, x->row, x->col++, (double) v, x->number));
}

static void
x_money (CiroSink *sink, CiroKurus v)
{
  Xlsx *x = (Xlsx *) sink;

  note_kind (x, COL_SUM, TRUE);
  check (x, worksheet_write_number (x->ws, x->row, x->col++, (double) v / 100.0, x->money));
}

static void
x_unit_money (CiroSink *sink, CiroKurus v)
{
  Xlsx *x = (Xlsx *) sink;

  note_kind (x, COL_OTHER, TRUE);
  check (x, worksheet_write_number (x->ws, x->row, x->col++, (double) v / 100.0, x->money));
}

static void
x_decimal (CiroSink *sink, double v)
{
  Xlsx *x = (Xlsx *) sink;

  note_kind (x, COL_OTHER, FALSE);
  check (x, worksheet_write_number (x->ws, x->row, x->col++, v, NULL));
}

static lxw_datetime
to_lxw (CiroDay day, gint32 seconds)
{
  int y, m, d;
  lxw_datetime t;

  ciro_day_to_ymd (day, &y, &m, &d);
  t.year = y;
  t.month = m;
  t.day = d;
  t.hour = seconds / 3600;
  t.min = seconds / 60 % 60;
  t.sec = seconds % 60;
  return t;
}

static void
x_date (CiroSink *sink, CiroDay day)
{
  Xlsx *x = (Xlsx *) sink;
  lxw_datetime t = to_lxw (day, 0);

  note_kind (x, COL_OTHER, FALSE);
  check (x, worksheet_write_datetime (x->ws, x->row, x->col++, &t, x->date));
}

static void
x_datetime (CiroSink *sink, CiroDay day, gint32 seconds)
{
  Xlsx *x = (Xlsx *) sink;
  lxw_datetime t = to_lxw (day, seconds);

  note_kind (x, COL_OTHER, FALSE);
  check (x, worksheet_write_datetime (x->ws, x->row, x->col++, &t, x->datetime));
}

static void
x_empty (CiroSink *sink)
{
  Xlsx *x = (Xlsx *) sink;

  note_kind (x, COL_OTHER, FALSE);
  x->col++;
}

static void
x_end_row (CiroSink *sink)
{
  Xlsx *x = (Xlsx *) sink;

  x->n_columns = MAX (x->n_columns, x->col);
  x->row++;
  x->col = 0;
  /* a sheet holds 1,048,576 rows: a longer report goes on in another part,
   * keeping the last row for the totals */
  if (x->row == LXW_ROW_MAX - 1 && x->header_names != NULL)
    {
      g_autofree char *name = NULL;
      ColumnKind kinds[MAX_COLUMNS];
      gboolean money_col[MAX_COLUMNS];

      memcpy (kinds, x->kinds, sizeof kinds);
      memcpy (money_col, x->money_col, sizeof money_col);
      finish_table (x, TRUE);
      name = g_strdup_printf ("%s (%u)", x->title, ++x->part);
      new_sheet (x, name);
      x_header (sink, x->header_names);
      memcpy (x->kinds, kinds, sizeof kinds);
      memcpy (x->money_col, money_col, sizeof money_col);
    }
}

static lxw_worksheet *
new_sheet (Xlsx *x, const char *name)
{
  x->ws = workbook_add_worksheet (x->wb, name);
  x->row = 0;
  x->col = 0;
  x->n_columns = 0;
  memset (x->kinds, 0, sizeof x->kinds);
  memset (x->money_col, 0, sizeof x->money_col);
  /* in constant-memory mode the layout comes before the rows */
  worksheet_freeze_panes (x->ws, 1, 0);
  worksheet_set_column (x->ws, 0, 0, 20, NULL);
  worksheet_set_column (x->ws, 1, MAX_COLUMNS - 1, 15, NULL);
  return x->ws;
}

/* A totals row with formulas under the numeric columns, and the filter. */
static void
finish_table (Xlsx *x, gboolean totals)
{
  lxw_row_t last = x->row - 1;

  if (x->n_columns == 0)
    return;
  if (totals && last >= 1)
    {
      check (x, worksheet_write_string (x->ws, x->row, 0, _("Total"), x->total_label));
      for (lxw_col_t c = 1; c < x->n_columns && c < MAX_COLUMNS; c++)
        if (x->kinds[c] == COL_SUM)
          {
            char range[64], formula[80];
            lxw_rowcol_to_range (range, 1, c, last, c);
            g_snprintf (formula, sizeof formula, "=SUM(%s)", range);
            check (x, worksheet_write_formula (x->ws, x->row, c, formula,
                                               x->money_col[c] ? x->total_money : x->total_label));
          }
    }
}

static const char *
sheet_title (CiroExportKind kind)
{
  switch (kind)
    {
    case CIRO_EXPORT_SALES: return _("Sales");
    case CIRO_EXPORT_PRODUCTS: return _("Products");
    case CIRO_EXPORT_PNL: return _("Profit and loss");
    case CIRO_EXPORT_PLATFORMS: return _("Platforms");
    case CIRO_EXPORT_CUSTOMERS:
    default: return _("Customers");
    }
}

static gboolean
daily_totals (Xlsx *x, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const char *cols[] = {
    N_("Date"), N_("Net orders"), N_("Gross revenue"), N_("Cancelled/returned revenue"), N_("Net revenue"),
    N_("Profit"), NULL,
  };
  g_autoptr(GArray) days = ciro_report_daily (store, f, error);

  if (days == NULL)
    return FALSE;
  new_sheet (x, _("Daily totals"));
  x_header (&x->sink, cols);
  for (guint i = 0; i < days->len; i++)
    {
      CiroDailyRow *d = &g_array_index (days, CiroDailyRow, i);
      x_date (&x->sink, d->date);
      x_integer (&x->sink, d->s.net_orders);
      x_money (&x->sink, d->s.gross_revenue);
      x_money (&x->sink, d->s.cancel_return_revenue);
      x_money (&x->sink, d->s.net_revenue);
      x_money (&x->sink, d->s.profit);
      x_end_row (&x->sink);
    }
  finish_table (x, TRUE);
  return TRUE;
}

static guint32
le32 (const guchar *p)
{
  return (guint32) p[0] | (guint32) p[1] << 8 | (guint32) p[2] << 16 | (guint32) p[3] << 24;
}

static guint16
le16 (const guchar *p)
{
  return (guint16) (p[0] | p[1] << 8);
}

static gboolean
read_at (FILE *fp, guint64 offset, void *buf, gsize n)
{
  return fseeko (fp, (off_t) offset, SEEK_SET) == 0 && fread (buf, 1, n, fp) == n;
}

/* Inflates one member (raw deflate) without holding it, keeping its last
 * bytes: a worksheet is whole when it ends with its closing tag. */
static gboolean
member_ends_with (FILE *fp, guint64 offset, guint64 size, guint16 method, const char *suffix)
{
  g_autoptr(GConverter) z = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_RAW));
  guchar in[65536], out[65536];
  char last[64] = { 0 };
  gsize kept = 0, want = strlen (suffix);
  guint64 left = size;
  gboolean eof = FALSE;

  if (fseeko (fp, (off_t) offset, SEEK_SET) != 0)
    return FALSE;
  while (!eof)
    {
      gsize n = (gsize) MIN (left, sizeof in), used = 0;
      if (n > 0 && fread (in, 1, n, fp) != n)
        return FALSE;
      left -= n;
      do
        {
          gsize r = 0, w = 0;
          GConverterResult res;
          g_autoptr(GError) error = NULL;

          if (method == 0)
            {
              w = MIN (n - used, sizeof out);
              memcpy (out, in + used, w);
              r = w;
              res = left == 0 && used + r == n ? G_CONVERTER_FINISHED : G_CONVERTER_CONVERTED;
            }
          else
            res = g_converter_convert (z, in + used, n - used, out, sizeof out,
                                       left == 0 ? G_CONVERTER_INPUT_AT_END : G_CONVERTER_NO_FLAGS,
                                       &r, &w, &error);
          if (res == G_CONVERTER_ERROR)
            return FALSE;
          used += r;
          /* keep the last bytes seen */
          if (w >= sizeof last)
            memcpy (last, out + w - sizeof last, sizeof last), kept = sizeof last;
          else if (w > 0)
            {
              gsize keep = MIN (kept, sizeof last - w);
              memmove (last, last + kept - keep, keep);
              memcpy (last + keep, out, w);
              kept = keep + w;
            }
          if (res == G_CONVERTER_FINISHED)
            eof = TRUE;
        }
      while (!eof && used < n);
      if (n == 0 && !eof)
        return FALSE;
    }
  while (kept > 0 && (last[kept - 1] == '\n' || last[kept - 1] == '\r'))
    kept--;
  return kept >= want && memcmp (last + kept - want, suffix, want) == 0;
}

/* libxlsxwriter may not notice a write that fell short (a full disk): the
 * zip must end in a whole directory, and every worksheet in it must end
 * with its closing tag. */
static gboolean
zip_is_complete (const char *path)
{
  guchar tail[22], rec[46], local[30];
  GStatBuf st;
  FILE *fp;
  gboolean ok = FALSE;
  guint64 eocd, cd;
  guint entries, sheets = 0;

  if (g_stat (path, &st) != 0 || st.st_size < 22 || (fp = g_fopen (path, "rb")) == NULL)
    return FALSE;
  /* libxlsxwriter writes no zip comment: the record is the last 22 bytes */
  eocd = (guint64) st.st_size - 22;
  if (!read_at (fp, eocd, tail, sizeof tail) || memcmp (tail, "PK\x05\x06", 4) != 0 ||
      (guint64) le32 (tail + 16) + le32 (tail + 12) != eocd)
    goto out;
  cd = le32 (tail + 16);
  entries = le16 (tail + 10);
  for (guint e = 0; e < entries; e++)
    {
      char name[256];
      guint16 name_len, extra_len, comment_len;
      guint64 local_at;

      if (!read_at (fp, cd, rec, sizeof rec) || memcmp (rec, "PK\x01\x02", 4) != 0)
        goto out;
      name_len = le16 (rec + 28);
      extra_len = le16 (rec + 30);
      comment_len = le16 (rec + 32);
      local_at = le32 (rec + 42);
      if (name_len >= sizeof name || !read_at (fp, cd + 46, name, name_len))
        goto out;
      name[name_len] = '\0';
      if (g_str_has_prefix (name, "xl/worksheets/sheet"))
        {
          guint64 data_at;
          if (!read_at (fp, local_at, local, sizeof local) || memcmp (local, "PK\x03\x04", 4) != 0)
            goto out;
          data_at = local_at + 30 + le16 (local + 26) + le16 (local + 28);
          if (!member_ends_with (fp, data_at, le32 (rec + 20), le16 (rec + 10), "</worksheet>"))
            goto out;
          sheets++;
        }
      cd += 46 + (guint64) name_len + extra_len + comment_len;
    }
  ok = sheets > 0;
out:
  fclose (fp);
  return ok;
}

gboolean
ciro_export_xlsx (CiroStore              *store,
                  CiroExportKind          kind,
                  const CiroReportFilter *filter,
                  const char             *path,
                  GCancellable           *cancellable,
                  GError                **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = NULL;
  g_autofree char *store_name = ciro_store_get_setting (store, "store_name");
  g_autofree char *comment = NULL;
  lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = dir };
  lxw_doc_properties props = { 0 };
  Xlsx x = { { x_header, x_text, x_integer, x_money, x_unit_money, x_decimal, x_date, x_datetime, x_empty, x_end_row, FALSE } };
  char a[11], b[11];
  gboolean ok;
  lxw_error err;
  int fd;

  g_return_val_if_fail (CIRO_IS_STORE (store), FALSE);

  /* a name of our own beside the target; the workbook is renamed over it
   * only when it is complete */
  tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  fd = g_mkstemp (tmp);
  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE,
                   _("Cannot write in %s: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  close (fd);

  x.wb = workbook_new_opt (tmp, &opts);
  if (x.wb == NULL)
    {
      g_unlink (tmp);
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE, _("Cannot write %s"), path);
      return FALSE;
    }
  comment = g_strdup_printf ("%s … %s%s%s", ciro_day_format (filter->from, a), ciro_day_format (filter->to, b),
                             filter->marketplace ? ", " : "", filter->marketplace ? filter->marketplace : "");
  props.title = (char *) sheet_title (kind);
  props.subject = comment;
  props.author = (char *) "Ciro";
  props.company = store_name && *store_name ? store_name : (char *) "Ciro";
  props.comments = comment;
  workbook_set_properties (x.wb, &props);

  x.bold = workbook_add_format (x.wb);
  format_set_bold (x.bold);
  format_set_bottom (x.bold, LXW_BORDER_THIN);
  x.money = workbook_add_format (x.wb);
  format_set_num_format (x.money, "#,##0.00 \"₺\"");
  x.number = workbook_add_format (x.wb);
  format_set_num_format (x.number, "#,##0");
  x.date = workbook_add_format (x.wb);
  format_set_num_format (x.date, "yyyy-mm-dd");
  x.datetime = workbook_add_format (x.wb);
  format_set_num_format (x.datetime, "yyyy-mm-dd hh:mm:ss");
  x.total_label = workbook_add_format (x.wb);
  format_set_bold (x.total_label);
  format_set_top (x.total_label, LXW_BORDER_THIN);
  x.total_money = workbook_add_format (x.wb);
  format_set_bold (x.total_money);
  format_set_top (x.total_money, LXW_BORDER_THIN);
  format_set_num_format (x.total_money, "#,##0.00 \"₺\"");

  x.title = sheet_title (kind);
  x.part = 1;
  new_sheet (&x, x.title);
  ok = ciro_export_write_report (&x.sink, store, kind, filter, cancellable, error);
  if (ok)
    {
      finish_table (&x, kind != CIRO_EXPORT_PNL);
      if (kind == CIRO_EXPORT_SALES)
        ok = daily_totals (&x, store, filter, error);
    }
  err = workbook_close (x.wb);
  if (ok && (err != LXW_NO_ERROR || x.sink.failed))
    {
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE, _("Cannot write %s: %s"), path,
                   err != LXW_NO_ERROR ? lxw_strerror (err) : _("a cell could not be written"));
      ok = FALSE;
    }
  if (ok && !zip_is_complete (tmp))
    {
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE, _("Cannot write %s: %s"), path,
                   _("the disk is full or the file could not be written whole"));
      ok = FALSE;
    }
  /* mkstemp made it private; an export is an ordinary document */
  if (ok)
    g_chmod (tmp, 0644);
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE,
                   _("Cannot write %s: %s"), path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp);
  return ok;
}
