/* ciro-export-xlsx.c: reports as Excel workbooks (libxlsxwriter, constant memory)
 *
 * A workbook opens on a Summary sheet (the report, the store, the days, the
 * marketplace and the window's figures), then the report's table: typed
 * cells, a frozen header, a filter over the rows, columns as wide as what
 * they hold, and totals under the rows that a spreadsheet shows without
 * recalculating (every formula is stored with its value).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-export"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <gio/gio.h>
#include <xlsxwriter.h>

#include "analytics/ciro-carriers.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "store/ciro-settings.h"
#include "ciro-export-private.h"

#define MAX_COLUMNS CIRO_EXPORT_MAX_COLUMNS
/* A cell holds 32,767 characters; longer text is cut with a mark. */
#define MAX_CELL_CHARS 32000
/* Rows a part of a long table holds: a sheet has 1,048,576, and the header
 * and the totals under the rows need some of them. */
#define PART_ROWS (LXW_ROW_MAX - 8)
#define MAX_WIDTH 60.0

typedef enum { ROW_SOLD, ROW_CANCELLED, ROW_ANY } RowStatus;

typedef struct {
  CiroSink       sink;
  lxw_workbook  *wb;
  lxw_worksheet *ws;
  lxw_format    *bold;
  lxw_format    *title;
  lxw_format    *money;
  lxw_format    *count;
  lxw_format    *percent;
  lxw_format    *decimal;
  lxw_format    *days;
  lxw_format    *date;
  lxw_format    *datetime;
  lxw_format    *total_label;
  lxw_format    *total_money;
  lxw_format    *total_count;
  lxw_row_t      row;
  lxw_col_t      col;
  guint          n_columns;
  CiroColumn     columns[MAX_COLUMNS];
  char          *names[MAX_COLUMNS];     /* translated */
  double         width[MAX_COLUMNS];     /* in characters */
  int            status_col;             /* -1: none */
  RowStatus      row_status;
  gint64         row_value[MAX_COLUMNS]; /* this row's kuruş or count */
  gboolean       row_has_value[MAX_COLUMNS];
  /* sums of the rows, [status][column], for the stored values of formulas */
  gint64         sums[3][MAX_COLUMNS];
  gboolean       overflow[MAX_COLUMNS];
  gboolean       pnl;                    /* rows of mixed kinds, no totals */
  gboolean       in_table;
  char          *title_text;
  guint          part;
  GPtrArray     *sheet_names;            /* every sheet's, for uniqueness */
  GPtrArray     *parts;                  /* the main table's sheets */
  gboolean       main_done;
  char          *error_text;             /* the first thing that failed */
} Xlsx;

static void
fail (Xlsx *x, const char *what)
{
  if (x->error_text == NULL)
    x->error_text = g_strdup (what);
  x->sink.failed = TRUE;
}

static void
check (Xlsx *x, lxw_error err)
{
  if (err != LXW_NO_ERROR)
    fail (x, _("a cell could not be written"));
}

/* ---------------------------------------------------------- sheet names */

/* A sheet name valid in every language: no / \ ? * [ ] :, not starting or
 * ending with an apostrophe, at most 31 characters, unique ignoring case. */
static char *
sheet_name (Xlsx *x, const char *wanted)
{
  GString *s = g_string_new (NULL);
  g_autofree char *base = NULL;
  char *name = NULL;

  for (const char *p = wanted; *p; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      if (strchr ("/\\?*[]:", (int) ch) != NULL && ch < 128)
        g_string_append_c (s, '-');
      else if (ch >= 32)
        g_string_append_unichar (s, ch);
    }
  while (s->len > 0 && s->str[0] == '\'')
    g_string_erase (s, 0, 1);
  while (s->len > 0 && s->str[s->len - 1] == '\'')
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    g_string_assign (s, "Sheet");
  base = g_string_free (s, FALSE);
  for (guint n = 1; n < 10000; n++)
    {
      g_autofree char *suffix = n == 1 ? g_strdup ("") : g_strdup_printf (" (%u)", n);
      glong room = LXW_SHEETNAME_MAX - g_utf8_strlen (suffix, -1);
      g_autofree char *cut = g_utf8_substring (base, 0, MIN (g_utf8_strlen (base, -1), room));
      g_autofree char *folded = NULL;
      gboolean taken = FALSE;

      g_free (name);
      name = g_strconcat (cut, suffix, NULL);
      folded = g_utf8_casefold (name, -1);
      for (guint i = 0; i < x->sheet_names->len && !taken; i++)
        {
          g_autofree char *other = g_utf8_casefold (x->sheet_names->pdata[i], -1);
          taken = strcmp (folded, other) == 0;
        }
      if (!taken)
        break;
    }
  g_ptr_array_add (x->sheet_names, g_strdup (name));
  return name;
}

/* 'Name' for a formula, quotes doubled */
static char *
sheet_ref (const char *name)
{
  g_auto(GStrv) parts = g_strsplit (name, "'", -1);
  g_autofree char *joined = g_strjoinv ("''", parts);
  return g_strdup_printf ("'%s'", joined);
}

static lxw_worksheet *
new_sheet (Xlsx *x, const char *wanted)
{
  g_autofree char *name = sheet_name (x, wanted);

  x->ws = workbook_add_worksheet (x->wb, name);
  x->row = 0;
  x->col = 0;
  if (x->ws == NULL)
    fail (x, _("a sheet could not be added"));
  else if (x->in_table && !x->main_done)
    g_ptr_array_add (x->parts, g_strdup (name));
  return x->ws;
}

/* ---------------------------------------------------------- cells */

static gboolean
cell_ok (Xlsx *x)
{
  return x->ws != NULL && !x->sink.failed && x->col < MAX_COLUMNS;
}

static void
fit (Xlsx *x, double chars)
{
  if (x->col < MAX_COLUMNS && chars > x->width[x->col])
    x->width[x->col] = MIN (chars, MAX_WIDTH);
}

/* Characters of a whole number with grouping: "1,234,567" */
static double
count_chars (gint64 v)
{
  guint64 whole = v < 0 ? (guint64) -(v + 1) + 1 : (guint64) v;
  guint digits = 1;

  while (whole >= 10)
    whole /= 10, digits++;
  return digits + (digits - 1) / 3 + (v < 0 ? 1 : 0);
}

/* Characters of money as the format shows it: "1,234,567.89 ₺" */
static double
money_chars (gint64 kurus)
{
  return count_chars (kurus / 100) + 3 + 2 + (kurus < 0 && kurus > -100 ? 1 : 0);
}

static void
x_text (CiroSink *sink, const char *text)
{
  Xlsx *x = (Xlsx *) sink;
  const char *t = text ? text : "";
  g_autofree char *cut = NULL;
  glong chars;

  if (!cell_ok (x))
    return;
  if (x->status_col == (int) x->col)
    x->row_status = g_strcmp0 (t, ciro_export_status_text (TRUE)) == 0 ? ROW_CANCELLED : ROW_SOLD;
  chars = g_utf8_strlen (t, MAX_CELL_CHARS * 4 + 4);
  if (chars > MAX_CELL_CHARS)
    {
      /* one SKU of a megabyte must not fail the whole workbook */
      g_autofree char *head = g_utf8_substring (t, 0, MAX_CELL_CHARS - 1);
      cut = g_strconcat (head, "…", NULL);
      t = cut;
      chars = MAX_CELL_CHARS;
    }
  if (*t != '\0')
    check (x, worksheet_write_string (x->ws, x->row, x->col, t, NULL));
  fit (x, (double) chars + 1);
  x->col++;
}

static void
value (Xlsx *x, gint64 v, double shown, lxw_format *format, double chars)
{
  if (!cell_ok (x))
    return;
  check (x, worksheet_write_number (x->ws, x->row, x->col, shown, format));
  x->row_value[x->col] = v;
  x->row_has_value[x->col] = TRUE;
  fit (x, chars + 1);
  x->col++;
}

static void
x_integer (CiroSink *sink, gint64 v)
{
  Xlsx *x = (Xlsx *) sink;
  value (x, v, (double) v, x->count, count_chars (v));
}

static void
x_money (CiroSink *sink, CiroKurus v)
{
  Xlsx *x = (Xlsx *) sink;
  value (x, v, (double) v / 100.0, x->money, money_chars (v));
}

/* 12.345 % is stored as 0.1235: what the format shows is what it holds,
 * rounded as every other output rounds */
static double
percent_value (double v)
{
  double r = ciro_export_round2 (v);
  return isfinite (r) && fabs (r) < 9.0e13 ? (double) llround (r * 100.0) / 10000.0 : r / 100.0;
}

static void
x_percent (CiroSink *sink, double v)
{
  Xlsx *x = (Xlsx *) sink;

  if (!cell_ok (x))
    return;
  check (x, worksheet_write_number (x->ws, x->row, x->col, percent_value (v), x->percent));
  fit (x, count_chars ((gint64) fabs (v)) + 5);
  x->col++;
}

static void
x_decimal (CiroSink *sink, double v)
{
  Xlsx *x = (Xlsx *) sink;

  if (!cell_ok (x))
    return;
  /* a duration: days with one decimal */
  if (x->col < x->n_columns && x->columns[x->col].kind == CIRO_COLUMN_DAYS)
    {
      check (x, worksheet_write_number (x->ws, x->row, x->col, ciro_export_round1 (v), x->days));
      fit (x, count_chars ((gint64) fabs (v)) + 3);
      x->col++;
      return;
    }
  check (x, worksheet_write_number (x->ws, x->row, x->col, ciro_export_round2 (v), x->decimal));
  fit (x, count_chars ((gint64) fabs (v)) + 4);
  x->col++;
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

  if (!cell_ok (x))
    return;
  check (x, worksheet_write_datetime (x->ws, x->row, x->col, &t, x->date));
  fit (x, 11);
  x->col++;
}

static void
x_datetime (CiroSink *sink, CiroDay day, gint32 seconds)
{
  Xlsx *x = (Xlsx *) sink;
  lxw_datetime t = to_lxw (day, seconds);

  if (!cell_ok (x))
    return;
  check (x, worksheet_write_datetime (x->ws, x->row, x->col, &t, x->datetime));
  fit (x, 20);
  x->col++;
}

static void
x_empty (CiroSink *sink)
{
  Xlsx *x = (Xlsx *) sink;
  x->col++;
}

/* ---------------------------------------------------------- tables */

static void
clear_table (Xlsx *x)
{
  for (guint c = 0; c < MAX_COLUMNS; c++)
    g_clear_pointer (&x->names[c], g_free);
  x->n_columns = 0;
  x->status_col = -1;
  memset (x->width, 0, sizeof x->width);
  memset (x->sums, 0, sizeof x->sums);
  memset (x->overflow, 0, sizeof x->overflow);
  memset (x->row_has_value, 0, sizeof x->row_has_value);
}

static void
write_header_row (Xlsx *x)
{
  if (x->ws == NULL)
    return;
  for (guint c = 0; c < x->n_columns; c++)
    check (x, worksheet_write_string (x->ws, 0, (lxw_col_t) c, x->names[c], x->bold));
  x->row = 1;
  x->col = 0;
}

static void
x_header (CiroSink *sink, const CiroColumn *columns)
{
  Xlsx *x = (Xlsx *) sink;

  clear_table (x);
  for (guint c = 0; columns[c].name != NULL && c < MAX_COLUMNS; c++)
    {
      x->columns[c] = columns[c];
      x->names[c] = g_strdup (_(columns[c].name));
      x->width[c] = MIN (MAX_WIDTH, g_utf8_strlen (x->names[c], -1) * 1.1 + 2);
      if (columns[c].kind == CIRO_COLUMN_STATUS)
        x->status_col = (int) c;
      x->n_columns++;
    }
  x->in_table = TRUE;
  write_header_row (x);
}

static gboolean
column_adds_up (Xlsx *x, guint c)
{
  return !x->pnl && (x->columns[c].kind == CIRO_COLUMN_COUNT || x->columns[c].kind == CIRO_COLUMN_MONEY);
}

static void
finish_part (Xlsx *x);

static void
x_end_row (CiroSink *sink)
{
  Xlsx *x = (Xlsx *) sink;

  for (guint c = 0; c < x->n_columns; c++)
    if (x->row_has_value[c] && column_adds_up (x, c))
      {
        /* sums that would wrap are not shown: the total cell says so */
        RowStatus st[2] = { ROW_ANY, x->row_status };
        for (guint i = 0; i < (x->status_col >= 0 ? 2u : 1u); i++)
          if (__builtin_add_overflow (x->sums[st[i]][c], x->row_value[c], &x->sums[st[i]][c]))
            x->overflow[c] = TRUE;
      }
  memset (x->row_has_value, 0, sizeof x->row_has_value);
  x->row_status = ROW_SOLD;
  x->row++;
  x->col = 0;
  /* a long report goes on in another sheet, each with its own totals */
  if (x->row >= PART_ROWS && x->ws != NULL && !x->sink.failed)
    {
      g_autofree char *name = NULL;

      finish_part (x);
      memset (x->sums, 0, sizeof x->sums);
      memset (x->overflow, 0, sizeof x->overflow);
      name = g_strdup_printf ("%s (%u)", x->title_text, ++x->part);
      new_sheet (x, name);
      write_header_row (x);
    }
}

static void
total_cell (Xlsx *x, lxw_row_t row, guint c, const char *formula, RowStatus st)
{
  lxw_format *f = x->columns[c].kind == CIRO_COLUMN_MONEY ? x->total_money : x->total_count;

  if (x->overflow[c])
    {
      check (x, worksheet_write_string (x->ws, row, (lxw_col_t) c, _("too large"), x->total_label));
      return;
    }
  check (x, worksheet_write_formula_num (x->ws, row, (lxw_col_t) c, formula, f,
                                         x->columns[c].kind == CIRO_COLUMN_MONEY
                                           ? (double) x->sums[st][c] / 100.0 : (double) x->sums[st][c]));
}

/* Under the rows: the total of the rows the filter shows, and for a table
 * with a status, the sold and the cancelled/returned rows apart. The filter
 * covers the rows only, so it never hides these. */
static void
finish_part (Xlsx *x)
{
  lxw_row_t last = x->row - 1;

  if (x->ws == NULL || x->n_columns == 0)
    return;
  /* the totals' labels are cut when the column beside them holds a total */
  if (x->n_columns > 1 && column_adds_up (x, 1) && last >= 1)
    {
      const char *labels[] = { _("Total of the rows shown"), _("Sold (net orders) total"), _("Cancelled/returned total") };
      for (guint i = 0; i < (x->status_col >= 0 ? 3u : 1u); i++)
        x->width[0] = MAX (x->width[0], MIN (MAX_WIDTH, g_utf8_strlen (labels[i], -1) * 1.1 + 1));
    }
  for (guint c = 0; c < x->n_columns; c++)
    check (x, worksheet_set_column (x->ws, (lxw_col_t) c, (lxw_col_t) c, MAX (x->width[c], 6), NULL));
  if (x->pnl)
    {
      worksheet_freeze_panes (x->ws, 1, 1);
      return;
    }
  worksheet_freeze_panes (x->ws, 1, 0);
  check (x, worksheet_autofilter (x->ws, 0, 0, MAX (last, 1), (lxw_col_t) (x->n_columns - 1)));
  if (last < 1)
    return;
  {
    lxw_row_t r = x->row + 1;
    const char *labels[3];
    RowStatus which[3] = { ROW_ANY, ROW_SOLD, ROW_CANCELLED };
    guint n_rows = x->status_col >= 0 ? 3 : 1;
    char status_range[64];

    /* TRANSLATORS: the totals row under a table, following its filter */
    labels[0] = _("Total of the rows shown");
    /* TRANSLATORS: totals of the sold rows; they equal the net KPIs */
    labels[1] = _("Sold (net orders) total");
    labels[2] = _("Cancelled/returned total");
    if (x->status_col >= 0)
      lxw_rowcol_to_range_abs (status_range, 1, (lxw_col_t) x->status_col, last, (lxw_col_t) x->status_col);
    for (guint i = 0; i < n_rows; i++, r++)
      {
        check (x, worksheet_write_string (x->ws, r, 0, labels[i], x->total_label));
        for (guint c = 1; c < x->n_columns; c++)
          if (column_adds_up (x, c))
            {
              char range[64];
              g_autofree char *formula = NULL;

              lxw_rowcol_to_range_abs (range, 1, (lxw_col_t) c, last, (lxw_col_t) c);
              if (which[i] == ROW_ANY)
                formula = g_strdup_printf ("=SUBTOTAL(109,%s)", range);
              else
                {
                  g_auto(GStrv) q = g_strsplit (ciro_export_status_text (which[i] == ROW_CANCELLED), "\"", -1);
                  g_autofree char *quoted = g_strjoinv ("\"\"", q);
                  formula = g_strdup_printf ("=SUMIFS(%s,%s,\"%s\")", range, status_range, quoted);
                }
              total_cell (x, r, c, formula, which[i]);
            }
      }
  }
}

static void
finish_table (Xlsx *x)
{
  finish_part (x);
  x->in_table = FALSE;
  x->main_done = TRUE;
}

/* A list of the stock report: a sheet of its own, named by it (a valid
 * sheet name in every language), with its own totals. */
static void
x_section (CiroSink *sink, const char *title)
{
  Xlsx *x = (Xlsx *) sink;

  if (x->ws != NULL && x->n_columns > 0)
    finish_part (x);
  clear_table (x);
  g_free (x->title_text);
  x->title_text = g_strdup (title);
  x->part = 1;
  new_sheet (x, title);
}


/* ---------------------------------------------------------- the summary sheet */

static const char *
report_title (CiroExportKind kind)
{
  switch (kind)
    {
    case CIRO_EXPORT_SALES: return _("Sales");
    case CIRO_EXPORT_PRODUCTS: return _("Products");
    case CIRO_EXPORT_PNL: return _("Profit and loss");
    case CIRO_EXPORT_PLATFORMS: return _("Platforms");
    case CIRO_EXPORT_STOCK: return _("Stock");
    case CIRO_EXPORT_CATEGORIES: return _("Categories");
    case CIRO_EXPORT_RFM: return _("RFM");
    case CIRO_EXPORT_COHORTS: return _("Cohorts");
    case CIRO_EXPORT_CARRIERS: return _("Carriers");
    case CIRO_EXPORT_CUSTOMERS:
    default: return _("Customers");
    }
}

/* SUMIFS of a sales column over every part of the table, for one status */
static void
append_sumifs (GString *f, Xlsx *x, guint col, gboolean cancelled)
{
  g_auto(GStrv) q = g_strsplit (ciro_export_status_text (cancelled), "\"", -1);
  g_autofree char *quoted = g_strjoinv ("\"\"", q);
  char c_val[8], c_st[8];

  lxw_col_to_name (c_val, (lxw_col_t) col, FALSE);
  lxw_col_to_name (c_st, CIRO_SALES_COL_STATUS, FALSE);
  for (guint i = 0; i < x->parts->len; i++)
    {
      g_autofree char *ref = sheet_ref (x->parts->pdata[i]);
      g_string_append_printf (f, "%sSUMIFS(%s!%s:%s,%s!%s:%s,\"%s\")", f->len > 1 ? "+" : "",
                              ref, c_val, c_val, ref, c_st, c_st, quoted);
    }
}

/* The figures of the window that the sales rows add up to, as formulas over
 * the Sales sheet; NULL for the others. */
static char *
sales_formula (Xlsx *x, const char *key, char **how)
{
  static const struct {
    const char *key;
    guint       cols[2];
    gboolean    sold, cancelled;
    const char *how;
  } map[] = {
    { "gross_units", { CIRO_SALES_COL_QUANTITY, 0 }, TRUE, TRUE, N_("Quantity, all rows") },
    { "gross_revenue", { CIRO_SALES_COL_AMOUNT, CIRO_SALES_COL_SHIPPING_INCOME }, TRUE, TRUE,
      N_("Amount + shipping income, all rows") },
    { "cancel_return_units", { CIRO_SALES_COL_QUANTITY, 0 }, FALSE, TRUE, N_("Quantity, cancelled/returned rows") },
    { "cancel_return_revenue", { CIRO_SALES_COL_AMOUNT, CIRO_SALES_COL_SHIPPING_INCOME }, FALSE, TRUE,
      N_("Amount + shipping income, cancelled/returned rows") },
    { "net_units", { CIRO_SALES_COL_QUANTITY, 0 }, TRUE, FALSE, N_("Quantity, sold rows") },
    { "net_revenue", { CIRO_SALES_COL_AMOUNT, CIRO_SALES_COL_SHIPPING_INCOME }, TRUE, FALSE,
      N_("Amount + shipping income, sold rows") },
    { "shipping_income", { CIRO_SALES_COL_SHIPPING_INCOME, 0 }, TRUE, FALSE,
      N_("Shipping income, sold rows (part of net revenue)") },
    { "product_cost", { CIRO_SALES_COL_COST, 0 }, TRUE, FALSE, N_("Product cost, sold rows") },
    { "commission", { CIRO_SALES_COL_COMMISSION, 0 }, TRUE, FALSE, N_("Commission, sold rows") },
    { "shipping_expense", { CIRO_SALES_COL_SHIPPING_EXPENSE, 0 }, TRUE, FALSE, N_("Shipping expense, sold rows") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (map[i].key, key))
      {
        GString *f = g_string_new ("=");
        for (guint k = 0; k < 2; k++)
          {
            if (k == 1 && map[i].cols[1] == 0)
              break;
            if (map[i].sold)
              append_sumifs (f, x, map[i].cols[k], FALSE);
            if (map[i].cancelled)
              append_sumifs (f, x, map[i].cols[k], TRUE);
          }
        *how = g_strdup (_(map[i].how));
        return g_string_free (f, FALSE);
      }
  return NULL;
}

static void
info_row (Xlsx *x, lxw_worksheet *ws, lxw_row_t row, const char *label, const char *text)
{
  check (x, worksheet_write_string (ws, row, 0, label, x->bold));
  check (x, worksheet_write_string (ws, row, 1, text, NULL));
}

/* The first sheet: what the workbook holds, and the window's figures. For
 * sales each money figure is a formula over the rows, stored with the
 * engine's value. */
static gboolean
write_summary (Xlsx *x, lxw_worksheet *ws, CiroStore *store, CiroExportKind kind, const CiroReportFilter *f,
               GError **error)
{
  const CiroSummaryKey *keys = ciro_summary_keys ();
  g_autofree char *store_name = ciro_store_get_setting (store, CIRO_SETTING_STORE_NAME);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *days = NULL;
  g_autofree char *title = NULL;
  static const char *at_keys[] = { "net_revenue", "product_cost", "commission", "shipping_expense" };
  guint at[G_N_ELEMENTS (at_keys)] = { 0 };
  CiroSummary s;
  char a[11], b[11];
  lxw_row_t row = 0, first;

  if (!ciro_report_summary (store, f, &s, error))
    return FALSE;
  days = g_strdup_printf ("%s – %s", ciro_day_format (f->from, a), ciro_day_format (f->to, b));
  /* TRANSLATORS: the first line of a workbook: the report's name */
  title = g_strdup_printf (_("Ciro · %s"), report_title (kind));
  check (x, worksheet_write_string (ws, row++, 0, title, x->title));
  row++;
  info_row (x, ws, row++, _("Store"), store_name && *store_name ? store_name : _("My store"));
  info_row (x, ws, row++, _("Days"), days);
  info_row (x, ws, row++, _("Marketplace"), f->marketplace ? ciro_marketplace_display (f->marketplace) : _("All marketplaces"));
  info_row (x, ws, row++, _("Generated"), now_text);
  if (kind == CIRO_EXPORT_CARRIERS)
    {
      g_autofree char *late = g_strdup_printf (_("Shipped more than %d days ago and not delivered"),
                                               (int) CLAMP (ciro_store_get_setting_int (store, CIRO_SETTING_LATE_DAYS,
                                                                                        CIRO_CARRIER_LATE_DAYS_DEFAULT),
                                                            1, 365));
      /* the workbook's line that says when an order is late */
      info_row (x, ws, row++, _("Late orders"), late);
    }
  /* KVKK: the customer list says whether it can be used for invoicing */
  if (kind == CIRO_EXPORT_CUSTOMERS)
    info_row (x, ws, row++, _("Personal data"),
              ciro_export_masks_personal_data (store)
                ? _("Names, e-mails and phones masked (KVKK): not complete for invoicing")
                : _("Names, e-mails and phones in full: complete for invoicing"));
  row++;
  check (x, worksheet_write_string (ws, row, 0, _("Figure"), x->bold));
  check (x, worksheet_write_string (ws, row, 1, _("Value"), x->bold));
  if (kind == CIRO_EXPORT_SALES)
    check (x, worksheet_write_string (ws, row, 2, _("Sum of the Sales sheet"), x->bold));
  row++;
  first = row;
  for (guint i = 0; i < CIRO_SUMMARY_N_KEYS; i++)
    for (guint k = 0; k < G_N_ELEMENTS (at); k++)
      if (g_str_equal (keys[i].key, at_keys[k]))
        at[k] = first + i + 1;   /* rows are numbered from 1 in a formula */
  for (guint i = 0; i < CIRO_SUMMARY_N_KEYS; i++, row++)
    {
      double v = ciro_summary_value (&s, i);
      g_autofree char *how = NULL;
      g_autofree char *formula = kind == CIRO_EXPORT_SALES ? sales_formula (x, keys[i].key, &how) : NULL;

      if (kind == CIRO_EXPORT_SALES && g_str_equal (keys[i].key, "profit"))
        {
          formula = g_strdup_printf ("=B%u-B%u-B%u-B%u", at[0], at[1], at[2], at[3]);
          how = g_strdup (_("Net revenue − product cost − commission − shipping expense"));
        }
      lxw_format *fmt = keys[i].kind == CIRO_VALUE_MONEY ? x->money
                      : keys[i].kind == CIRO_VALUE_COUNT ? x->count : x->percent;
      double shown = keys[i].kind == CIRO_VALUE_MONEY ? v / 100.0
                   : keys[i].kind == CIRO_VALUE_COUNT ? v : percent_value (v);

      check (x, worksheet_write_string (ws, row, 0, _(keys[i].label), NULL));
      if (formula != NULL)
        {
          check (x, worksheet_write_formula_num (ws, row, 1, formula, fmt, shown));
          check (x, worksheet_write_string (ws, row, 2, how, NULL));
        }
      else
        check (x, worksheet_write_number (ws, row, 1, shown, fmt));
    }
  /* profit after KDV (profit.md), from the engine; ROI is left empty without cost */
  for (guint i = 0; i < CIRO_PROFIT_N_KEYS; i++, row++)
    {
      const CiroSummaryKey *pk = &ciro_profit_keys ()[i];
      double v = 0;

      check (x, worksheet_write_string (ws, row, 0, _(pk->label), NULL));
      if (!ciro_profit_value (&s, i, &v))
        continue;
      if (pk->kind == CIRO_VALUE_MONEY)
        check (x, worksheet_write_number (ws, row, 1, v / 100.0, x->money));
      else
        check (x, worksheet_write_number (ws, row, 1, percent_value (v), x->percent));
    }
  if (kind == CIRO_EXPORT_SALES)
    {
      row++;
      check (x, worksheet_write_string (ws, row, 0,
                                        _("Each order's shipping income and shipping expense are on its first row. "
                                          "Cancelled/returned rows have no cost and no commission."),
                                        NULL));
    }
  check (x, worksheet_set_column (ws, 0, 0, 34, NULL));
  check (x, worksheet_set_column (ws, 1, 1, 22, NULL));
  check (x, worksheet_set_column (ws, 2, 2, 48, NULL));
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

static lxw_format *
number_format (lxw_workbook *wb, const char *code, gboolean bold, gboolean rule)
{
  lxw_format *f = workbook_add_format (wb);

  if (code != NULL)
    format_set_num_format (f, code);
  if (bold)
    format_set_bold (f);
  if (rule)
    format_set_top (f, LXW_BORDER_THIN);
  return f;
}

/* The stock report's first sheet: the day, and each list's products,
 * units and stock value at cost, then every product's. */
static gboolean
write_stock_summary (Xlsx *x, lxw_worksheet *ws, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  g_autofree char *store_name = ciro_store_get_setting (store, CIRO_SETTING_STORE_NAME);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *title = NULL;
  g_autoptr(GArray) rows = ciro_report_stock (store, f->to, error);
  lxw_row_t row = 0;
  char day[11];

  if (rows == NULL)
    return FALSE;
  title = g_strdup_printf (_("Ciro · %s"), report_title (CIRO_EXPORT_STOCK));
  check (x, worksheet_write_string (ws, row++, 0, title, x->title));
  row++;
  info_row (x, ws, row++, _("Store"), store_name && *store_name ? store_name : _("My store"));
  /* TRANSLATORS: the day the stock lists are as of */
  info_row (x, ws, row++, _("As of"), ciro_day_format (f->to, day));
  info_row (x, ws, row++, _("Generated"), now_text);
  row++;
  check (x, worksheet_write_string (ws, row, 0, _("List"), x->bold));
  check (x, worksheet_write_string (ws, row, 1, _("Products"), x->bold));
  check (x, worksheet_write_string (ws, row, 2, _("Units in stock"), x->bold));
  check (x, worksheet_write_string (ws, row, 3, _("Stock value at cost"), x->bold));
  check (x, worksheet_write_string (ws, row, 4, _("Products without a cost"), x->bold));
  row++;
  for (guint l = 0; l <= CIRO_STOCK_N_LISTS; l++, row++)
    {
      gint64 n = 0, units = 0, unknown = 0;
      CiroKurus value = 0;

      for (guint i = 0; i < rows->len; i++)
        {
          const CiroStockRow *r = &g_array_index (rows, CiroStockRow, i);
          if (l < CIRO_STOCK_N_LISTS && !ciro_stock_row_in_list (r, l))
            continue;
          n++;
          units += MAX (r->stock, 0);
          value += r->has_stock_value ? r->stock_value : 0;
          unknown += !r->has_stock_value;
        }
      check (x, worksheet_write_string (ws, row, 0, l < CIRO_STOCK_N_LISTS ? ciro_export_stock_list_title (l)
                                                                            : _("All products"),
                                        l < CIRO_STOCK_N_LISTS ? NULL : x->total_label));
      check (x, worksheet_write_number (ws, row, 1, (double) n, x->count));
      check (x, worksheet_write_number (ws, row, 2, (double) units, x->count));
      check (x, worksheet_write_number (ws, row, 3, (double) value / 100.0, x->money));
      check (x, worksheet_write_number (ws, row, 4, (double) unknown, x->count));
    }
  row++;
  check (x, worksheet_write_string (ws, row, 0,
                                    _("A product can be in more than one list. Stock value at cost is the units in "
                                      "stock at today’s purchase price with VAT; products without a known cost "
                                      "are left out of it."), NULL));
  check (x, worksheet_set_column (ws, 0, 0, 30, NULL));
  check (x, worksheet_set_column (ws, 1, 4, 22, NULL));
  return TRUE;
}

static gboolean
write_workbook (Xlsx *x, CiroStore *store, CiroExportKind kind, const CiroReportFilter *filter,
                GCancellable *cancellable, GError **error)
{
  lxw_worksheet *summary;
  gboolean ok;

  summary = new_sheet (x, _("Summary"));
  if (summary == NULL)
    return TRUE;   /* the failure is reported with the workbook's */
  if (kind == CIRO_EXPORT_STOCK)
    {
      /* a sheet a list, each started by the report */
      x->sink.section = x_section;
      x->in_table = TRUE;
      ok = ciro_export_write_report (&x->sink, store, kind, filter, cancellable, error);
      if (ok && !x->sink.failed)
        finish_table (x);
      if (ok && !x->sink.failed)
        ok = write_stock_summary (x, summary, store, filter, error);
      return ok;
    }
  if (kind == CIRO_EXPORT_CARRIERS)
    {
      /* the carriers, the late orders and the recommendations: a sheet each */
      x->sink.section = x_section;
      x->in_table = TRUE;
      ok = ciro_export_write_report (&x->sink, store, kind, filter, cancellable, error);
      if (ok && !x->sink.failed)
        finish_table (x);
      if (ok && !x->sink.failed)
        ok = write_summary (x, summary, store, kind, filter, error);
      return ok;
    }
  x->title_text = g_strdup (report_title (kind));
  x->part = 1;
  x->pnl = kind == CIRO_EXPORT_PNL;
  x->in_table = TRUE;
  new_sheet (x, x->title_text);
  ok = ciro_export_write_report (&x->sink, store, kind, filter, cancellable, error);
  if (ok && !x->sink.failed)
    finish_table (x);
  if (ok && !x->sink.failed && kind == CIRO_EXPORT_SALES)
    {
      x->pnl = FALSE;
      new_sheet (x, _("Daily totals"));
      ok = ciro_export_write_daily (&x->sink, store, filter, error);
      if (ok)
        finish_table (x);
    }
  if (ok && !x->sink.failed)
    ok = write_summary (x, summary, store, kind, filter, error);
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
  g_autofree char *store_name = ciro_store_get_setting (store, CIRO_SETTING_STORE_NAME);
  g_autofree char *comment = NULL;
  lxw_workbook_options opts = { .constant_memory = LXW_TRUE, .tmpdir = dir };
  lxw_doc_properties props = { 0 };
  Xlsx x = { { x_header, x_text, x_integer, x_money, x_percent, x_decimal, x_date, x_datetime, x_empty, x_end_row, FALSE } };
  CiroExportFile file;
  char a[11], b[11];
  gboolean ok;
  lxw_error err;
  locale_t c_numbers, saved_locale;

  g_return_val_if_fail (CIRO_IS_STORE (store), FALSE);

  if (!ciro_export_file_open (&file, path, error))
    return FALSE;
  close (file.fd);
  file.fd = -1;

  /* libxlsxwriter writes numbers with printf, which follows LC_NUMERIC: in
   * a Turkish locale "1234,5" would make the file corrupt. This thread
   * writes numbers the C way while the workbook is made; messages stay in
   * the user's language. */
  c_numbers = newlocale (LC_NUMERIC_MASK, "C", duplocale (uselocale ((locale_t) 0)));
  if (c_numbers == (locale_t) 0)
    {
      ciro_export_set_write_error (error, path, g_strerror (errno));
      ciro_export_file_abort (&file);
      return FALSE;
    }
  saved_locale = uselocale (c_numbers);

  x.sheet_names = g_ptr_array_new_with_free_func (g_free);
  x.parts = g_ptr_array_new_with_free_func (g_free);
  x.status_col = -1;
  x.wb = workbook_new_opt (file.tmp, &opts);
  if (x.wb == NULL)
    {
      uselocale (saved_locale);
      freelocale (c_numbers);
      g_ptr_array_unref (x.sheet_names);
      g_ptr_array_unref (x.parts);
      ciro_export_set_write_error (error, path, _("the workbook could not be started"));
      ciro_export_file_abort (&file);
      return FALSE;
    }
  comment = g_strdup_printf ("%s … %s%s%s", ciro_day_format (filter->from, a), ciro_day_format (filter->to, b),
                             filter->marketplace ? ", " : "", filter->marketplace ? filter->marketplace : "");
  props.title = (char *) report_title (kind);
  props.subject = comment;
  props.author = (char *) "Ciro";
  props.company = store_name && *store_name ? store_name : (char *) "Ciro";
  props.comments = comment;
  workbook_set_properties (x.wb, &props);

  x.bold = number_format (x.wb, NULL, TRUE, FALSE);
  format_set_bottom (x.bold, LXW_BORDER_THIN);
  x.title = number_format (x.wb, NULL, TRUE, FALSE);
  format_set_font_size (x.title, 14);
  x.money = number_format (x.wb, "#,##0.00 \"₺\"", FALSE, FALSE);
  x.count = number_format (x.wb, "#,##0", FALSE, FALSE);
  x.percent = number_format (x.wb, "0.00%", FALSE, FALSE);
  x.decimal = number_format (x.wb, "#,##0.00", FALSE, FALSE);
  x.days = number_format (x.wb, "#,##0.0", FALSE, FALSE);
  x.date = number_format (x.wb, "yyyy-mm-dd", FALSE, FALSE);
  x.datetime = number_format (x.wb, "yyyy-mm-dd hh:mm:ss", FALSE, FALSE);
  x.total_label = number_format (x.wb, NULL, TRUE, TRUE);
  x.total_money = number_format (x.wb, "#,##0.00 \"₺\"", TRUE, TRUE);
  x.total_count = number_format (x.wb, "#,##0", TRUE, TRUE);

  ok = write_workbook (&x, store, kind, filter, cancellable, error);
  err = workbook_close (x.wb);
  uselocale (saved_locale);
  freelocale (c_numbers);

  if (ok && (err != LXW_NO_ERROR || x.sink.failed))
    {
      /* libxlsxwriter's own words are English: say it in the user's */
      ciro_export_set_write_error (error, path,
                                   err == LXW_ERROR_CREATING_XLSX_FILE || err == LXW_ERROR_CREATING_TMPFILE
                                   ? _("its temporary files could not be created (too many open files, "
                                       "or no room on the disk)")
                                   : err != LXW_NO_ERROR ? _("the workbook could not be written whole")
                                   : x.error_text ? x.error_text : _("a cell could not be written"));
      ok = FALSE;
    }
  if (ok && !zip_is_complete (file.tmp))
    {
      ciro_export_set_write_error (error, path, _("the disk is full or the file could not be written whole"));
      ok = FALSE;
    }
  for (guint c = 0; c < MAX_COLUMNS; c++)
    g_free (x.names[c]);
  g_free (x.title_text);
  g_free (x.error_text);
  g_ptr_array_unref (x.sheet_names);
  g_ptr_array_unref (x.parts);
  if (ok)
    return ciro_export_file_commit (&file, error);
  ciro_export_file_abort (&file);
  return FALSE;
}
