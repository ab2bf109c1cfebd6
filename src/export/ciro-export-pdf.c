/* ciro-export-pdf.c: reports as A4 PDF pages, with the window's charts
 *
 * A PDF is read, not filtered: it holds what a person reads through, and
 * every row of a long report stays in the XLSX and CSV exports. So each
 * table is bounded (the largest sales lines, the first customers and
 * products, months instead of days for long windows), held in memory whole,
 * and laid out in three steps:
 *
 *  1. every column is measured over all its cells, totals included, in the
 *     type it is drawn in: numbers and dates keep their whole width, names
 *     share what is left and wrap to two lines, then end with an ellipsis;
 *  2. the pages are counted by running the page layout without drawing;
 *  3. the same layout runs again and draws, so "N / M" is known on page 1.
 *
 * CIRO_PDF_LAYOUT_LOG=FILE writes one line per drawn cell (page, table, row,
 * column, the room in the column, where the text starts and ends in it, its
 * lines, whether it was ellipsized, whether it is a number or date, the
 * text): the tests check that nothing is wider than its column.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-export"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "charts/ciro-chart.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "store/ciro-settings.h"
#include "ciro-export-private.h"

#define A4_SHORT     595.276
#define A4_LONG      841.890
#define MARGIN       36.0
#define HEADER_H     44.0
#define FOOTER_H     24.0
#define CELL_PAD     4.0
#define ROW_PAD      1.5
#define MAX_COLUMNS  32
#define TABLE_PT     8.0       /* the table's type, made smaller for wide tables */
#define MIN_PT       5.0
#define TEXT_LINES   2         /* a name wraps to two lines, then ends with "…" */
#define HEADER_LINES 3
#define MAX_TEXT     240       /* characters of a name kept (a 1 MB SKU stays readable) */
#define FONT         "Cantarell, DejaVu Sans, Sans"

/* bounds of what a PDF holds; the XLSX and CSV hold every row */
#define SALES_LINES  200       /* the largest sales lines */
#define LIST_ROWS    500       /* customers, products */
#define DAILY_DAYS   93        /* a longer sales window is totalled by month */

typedef enum {
  CELL_TEXT,                   /* a name: wraps, may end with "…" */
  CELL_NUMBER,                 /* right-aligned, never cut */
  CELL_FIXED,                  /* a date or a month, left-aligned, never cut */
} CellKind;

/* the note under a table that shows `shown` of its `all` rows */
typedef char *(*NoteFunc) (const char *shown, const char *all);

typedef struct {
  guint8 lines;                /* of the tallest cell, set when laid out */
  char  *cells[];              /* n_cols texts, NULL when empty */
} Row;

typedef struct {
  char      *title;            /* a section title above the table, or NULL */
  char      *note;             /* a paragraph under the title, or NULL */
  guint      n_cols;
  char      *names[MAX_COLUMNS];
  CellKind   kind[MAX_COLUMNS];
  gboolean   kind_known[MAX_COLUMNS];
  gboolean   sum[MAX_COLUMNS];
  gboolean   money[MAX_COLUMNS];
  gboolean   days[MAX_COLUMNS];   /* durations: one decimal */
  double     sums[MAX_COLUMNS];
  gboolean   totals;           /* draw a totals row */
  char      *total[MAX_COLUMNS];   /* its texts; [0] is the label */
  GPtrArray *rows;             /* Row * */
  guint64    n_rows;           /* every row the report gave, shown or not */
  guint      limit;            /* rows shown at most, 0 = all */
  NoteFunc   note_for;         /* the note of a bounded table */

  /* the layout */
  double     pt;
  double     col_w[MAX_COLUMNS];
  double     line_h;
  guint      header_lines;
} Table;

typedef struct {
  CiroSink          sink;
  cairo_surface_t  *surface;
  cairo_t          *cr;
  PangoLayout      *layout;
  PangoFontDescription *font;
  PangoFontDescription *bold;
  PangoFontDescription *cell_font;
  PangoFontDescription *cell_bold;
  CiroNumberStyle   style;
  GCancellable     *cancellable;
  double            w, h;            /* page size */
  double            y;               /* where the next line goes */
  guint             page;
  guint             n_pages;         /* from the counting pass */
  gboolean          page_open;
  gboolean          drawing;         /* FALSE: the pass that counts pages */
  FILE             *log;

  /* the page header */
  char             *title;
  char             *store_name;
  char             *range;
  char             *generated;

  /* the content */
  CiroSummary       summary;
  CiroChart        *line;
  CiroChart        *bars;
  GPtrArray        *tables;          /* Table * */
  Table            *cur;             /* the one the sink fills */
  guint             col;             /* the sink's column in the row */
  char             *pending[MAX_COLUMNS];
  guint             limit;           /* for tables the sink starts */
  NoteFunc          note_for;
  gboolean          no_sales;        /* no KPIs and charts: the stock report */
} Pdf;

static void
row_free (gpointer data, guint n_cols)
{
  Row *r = data;
  for (guint c = 0; c < n_cols; c++)
    g_free (r->cells[c]);
  g_free (r);
}

static void
table_free (Table *t)
{
  for (guint r = 0; r < t->rows->len; r++)
    row_free (t->rows->pdata[r], t->n_cols);
  g_ptr_array_unref (t->rows);
  for (guint c = 0; c < MAX_COLUMNS; c++)
    {
      g_free (t->names[c]);
      g_free (t->total[c]);
    }
  g_free (t->title);
  g_free (t->note);
  g_free (t);
}

static Table *
table_new (Pdf *p, const char *title, guint limit, gboolean totals)
{
  Table *t = g_new0 (Table, 1);

  t->title = g_strdup (title);
  t->rows = g_ptr_array_new ();
  t->limit = limit;
  t->totals = totals;
  g_ptr_array_add (p->tables, t);
  p->cur = t;
  p->col = 0;
  return t;
}

/* ---------------------------------------------------------- text */

static void
set_table_type (Pdf *p, double pt)
{
  pango_font_description_set_size (p->cell_font, (int) (pt * PANGO_SCALE));
  pango_font_description_set_size (p->cell_bold, (int) (pt * PANGO_SCALE));
}

/* Lays `text` out: width ≤ 0 is one line of its natural width; else wrapped
 * into that width, at most `lines` lines, the last one ending with "…". */
static void
prepare (Pdf *p, const char *text, PangoFontDescription *font, double width, int lines, PangoAlignment align)
{
  pango_layout_set_font_description (p->layout, font);
  pango_layout_set_text (p->layout, text, -1);
  pango_layout_set_alignment (p->layout, align);
  if (width > 0)
    {
      pango_layout_set_width (p->layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (p->layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (p->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_height (p->layout, -MAX (lines, 1));
    }
  else
    {
      pango_layout_set_width (p->layout, -1);
      pango_layout_set_ellipsize (p->layout, PANGO_ELLIPSIZE_NONE);
      pango_layout_set_height (p->layout, -1);
    }
}

static double
natural_width (Pdf *p, const char *text, PangoFontDescription *font)
{
  PangoRectangle r;

  prepare (p, text, font, 0, 1, PANGO_ALIGN_LEFT);
  pango_layout_get_extents (p->layout, NULL, &r);
  return (double) r.width / PANGO_SCALE;
}

/* The narrowest a column may be for its header: its widest word, and
 * room enough for the whole name on HEADER_LINES lines. */
static double
header_width (Pdf *p, const char *text, PangoFontDescription *font)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  double w = natural_width (p, text, font) / HEADER_LINES;

  for (guint i = 0; words[i] != NULL; i++)
    w = MAX (w, natural_width (p, words[i], font));
  for (int i = 0; i < 40; i++, w += 1)
    {
      prepare (p, text, font, w, HEADER_LINES + 8, PANGO_ALIGN_LEFT);
      if (pango_layout_get_line_count (p->layout) <= HEADER_LINES)
        break;
    }
  return w;
}

static double
line_height (Pdf *p, PangoFontDescription *font)
{
  PangoRectangle r;

  prepare (p, "Ağ", font, 0, 1, PANGO_ALIGN_LEFT);
  pango_layout_get_extents (p->layout, NULL, &r);
  return (double) r.height / PANGO_SCALE;
}

static void
log_cell (Pdf *p, guint table, const char *row, guint col, double room, double x0, double x1,
          int lines, gboolean ellipsized, gboolean fixed, const char *text)
{
  g_autofree char *flat = NULL;
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE], c[G_ASCII_DTOSTR_BUF_SIZE];

  if (p->log == NULL || !p->drawing)
    return;
  flat = g_strdup (text);
  g_strdelimit (flat, "\t\n\r", ' ');
  /* whatever the locale's decimal separator */
  fprintf (p->log, "%u\t%u\t%s\t%u\t%s\t%s\t%s\t%d\t%d\t%d\t%s\n", p->page, table, row, col,
           g_ascii_formatd (a, sizeof a, "%.3f", room), g_ascii_formatd (b, sizeof b, "%.3f", x0),
           g_ascii_formatd (c, sizeof c, "%.3f", x1), lines, ellipsized, fixed, flat);
}

/* align 0 left, 0.5 centre, 1 right within [x, x + width); one line,
 * ellipsized when width > 0 */
static void
draw_text (Pdf *p, const char *text, double x, double y, double width, double align,
           PangoFontDescription *font, double gray)
{
  if (!p->drawing)
    return;
  prepare (p, text, font, width, 1, align >= 1 ? PANGO_ALIGN_RIGHT : align > 0 ? PANGO_ALIGN_CENTER
                                                                             : PANGO_ALIGN_LEFT);
  cairo_set_source_rgb (p->cr, gray, gray, gray);
  cairo_move_to (p->cr, x, y);
  pango_cairo_show_layout (p->cr, p->layout);
}

/* ---------------------------------------------------------- pages */

static void
end_page (Pdf *p)
{
  if (!p->page_open)
    return;
  if (p->drawing)
    {
      /* TRANSLATORS: the page number at the foot of a PDF page: page 3 of 12 */
      g_autofree char *n = g_strdup_printf (_("%u / %u"), p->page, p->n_pages);
      draw_text (p, n, MARGIN, p->h - FOOTER_H, p->w - 2 * MARGIN, 0.5, p->font, 0.45);
      cairo_show_page (p->cr);
    }
  p->page_open = FALSE;
}

static void
new_page (Pdf *p)
{
  end_page (p);
  p->page++;
  p->page_open = TRUE;
  p->y = MARGIN + HEADER_H - 8;
  if (!p->drawing)
    return;
  draw_text (p, p->store_name, MARGIN, MARGIN - 8, (p->w - 2 * MARGIN) / 2, 0, p->bold, 0.1);
  draw_text (p, p->title, p->w / 2, MARGIN - 8, (p->w - 2 * MARGIN) / 2, 1, p->bold, 0.1);
  draw_text (p, p->range, MARGIN, MARGIN + 6, (p->w - 2 * MARGIN) / 2, 0, p->font, 0.4);
  draw_text (p, p->generated, p->w / 2, MARGIN + 6, (p->w - 2 * MARGIN) / 2, 1, p->font, 0.4);
  cairo_set_source_rgb (p->cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (p->cr, 0.5);
  cairo_move_to (p->cr, MARGIN, MARGIN + 22);
  cairo_line_to (p->cr, p->w - MARGIN, MARGIN + 22);
  cairo_stroke (p->cr);
}

static double
bottom (Pdf *p)
{
  return p->h - MARGIN - FOOTER_H;
}

/* a new page unless `height` fits under y */
static gboolean
need (Pdf *p, double height)
{
  if (p->page_open && p->y + height <= bottom (p))
    return FALSE;
  new_page (p);
  return TRUE;
}

/* ---------------------------------------------------------- the sink */

static gboolean
fixed_kind (CellKind k)
{
  return k != CELL_TEXT;
}

/* Records a cell's column; TRUE when its row is shown and needs its text. */
static gboolean
put (Pdf *p, CellKind kind, gboolean sum, gboolean money, double value)
{
  Table *t = p->cur;
  guint c = p->col;

  if (t == NULL || c >= MAX_COLUMNS)
    return FALSE;
  p->col++;
  if (!t->kind_known[c])
    {
      t->kind[c] = kind;
      t->kind_known[c] = TRUE;
      t->sum[c] = sum;
      t->money[c] = money;
    }
  if (sum && t->sum[c])
    t->sums[c] += value;
  return t->limit == 0 || t->rows->len < t->limit;
}

static void
set_pending (Pdf *p, char *text)
{
  guint c = p->col - 1;

  g_free (p->pending[c]);
  p->pending[c] = text;
}

/* what a column of the report holds, as the PDF draws and totals it */
static void
declare (Table *t, guint c, CiroColumnKind kind)
{
  t->kind_known[c] = TRUE;
  t->sum[c] = kind == CIRO_COLUMN_COUNT || kind == CIRO_COLUMN_MONEY;
  t->money[c] = kind == CIRO_COLUMN_MONEY || kind == CIRO_COLUMN_UNIT_MONEY;
  t->days[c] = kind == CIRO_COLUMN_DAYS;
  switch (kind)
    {
    case CIRO_COLUMN_TEXT:
    case CIRO_COLUMN_CODE:
    case CIRO_COLUMN_STATUS:
      t->kind[c] = CELL_TEXT;
      break;
    case CIRO_COLUMN_DATE:
    case CIRO_COLUMN_DATETIME:
      t->kind[c] = CELL_FIXED;
      break;
    case CIRO_COLUMN_COUNT:
    case CIRO_COLUMN_INTEGER:
    case CIRO_COLUMN_MONEY:
    case CIRO_COLUMN_UNIT_MONEY:
    case CIRO_COLUMN_PERCENT:
    case CIRO_COLUMN_DECIMAL:
    default:
      t->kind[c] = CELL_NUMBER;
      break;
    }
}

static void
s_header (CiroSink *sink, const CiroColumn *columns)
{
  Pdf *p = (Pdf *) sink;
  Table *t = p->cur;

  /* a second table of the same report */
  if (t == NULL || t->n_cols > 0 || t->n_rows > 0)
    {
      gboolean totals = t == NULL || t->totals;
      t = table_new (p, NULL, p->limit, totals);
      t->note_for = p->note_for;
    }
  for (guint c = 0; columns[c].name != NULL && c < MAX_COLUMNS; c++)
    {
      declare (t, c, columns[c].kind);
      t->names[t->n_cols++] = g_strdup (_(columns[c].name));
    }
}

static void
s_text (CiroSink *sink, const char *text)
{
  Pdf *p = (Pdf *) sink;

  if (put (p, CELL_TEXT, FALSE, FALSE, 0) && text != NULL && *text != '\0')
    {
      if (g_utf8_strlen (text, MAX_TEXT + 1) > MAX_TEXT)
        {
          g_autofree char *head = g_utf8_substring (text, 0, MAX_TEXT - 1);
          set_pending (p, g_strconcat (head, "…", NULL));
        }
      else
        set_pending (p, g_strdup (text));
    }
}

/* a month or a partial month: never cut, like a date */
static void
put_label (Pdf *p, const char *text)
{
  if (put (p, CELL_FIXED, FALSE, FALSE, 0))
    set_pending (p, g_strdup (text));
}

static void
s_integer (CiroSink *sink, gint64 v)
{
  Pdf *p = (Pdf *) sink;
  if (put (p, CELL_NUMBER, TRUE, FALSE, (double) v))
    set_pending (p, ciro_count_format (v, p->style));
}

static void
s_money (CiroSink *sink, CiroKurus v)
{
  Pdf *p = (Pdf *) sink;
  if (put (p, CELL_NUMBER, TRUE, TRUE, (double) v))
    set_pending (p, ciro_money_format (v, p->style));
}

/* ratios with two decimals, rounded as every other output rounds them */
static void
s_decimal (CiroSink *sink, double v)
{
  Pdf *p = (Pdf *) sink;
  gboolean days = p->cur != NULL && p->col < MAX_COLUMNS && p->cur->days[p->col];

  if (put (p, CELL_NUMBER, FALSE, FALSE, 0))
    set_pending (p, days ? ciro_number_format (ciro_export_round1 (v), 1, p->style)
                         : ciro_number_format (ciro_export_round2 (v), 2, p->style));
}

static void
s_percent (CiroSink *sink, double v)
{
  Pdf *p = (Pdf *) sink;
  if (put (p, CELL_NUMBER, FALSE, FALSE, 0))
    set_pending (p, ciro_percent_format (ciro_export_round2 (v), 2, p->style));
}

static void
s_date (CiroSink *sink, CiroDay day)
{
  Pdf *p = (Pdf *) sink;
  if (put (p, CELL_FIXED, FALSE, FALSE, 0))
    set_pending (p, ciro_day_to_string (day));
}

static void
s_datetime (CiroSink *sink, CiroDay day, gint32 seconds)
{
  Pdf *p = (Pdf *) sink;
  char d[11];

  if (put (p, CELL_FIXED, FALSE, FALSE, 0))
    set_pending (p, g_strdup_printf ("%s %02d:%02d", ciro_day_format (day, d), seconds / 3600, seconds / 60 % 60));
}

static void
s_empty (CiroSink *sink)
{
  Pdf *p = (Pdf *) sink;

  /* the column's kind comes from its first real value */
  if (p->cur != NULL && p->col < MAX_COLUMNS)
    p->col++;
}

static void
s_end_row (CiroSink *sink)
{
  Pdf *p = (Pdf *) sink;
  Table *t = p->cur;

  if (t == NULL)
    return;
  if (t->n_cols == 0)
    t->n_cols = MIN (p->col, MAX_COLUMNS);
  if (t->limit == 0 || t->rows->len < t->limit)
    {
      Row *r = g_malloc0 (sizeof (Row) + t->n_cols * sizeof (char *));
      for (guint c = 0; c < t->n_cols; c++)
        {
          r->cells[c] = p->pending[c];
          p->pending[c] = NULL;
        }
      g_ptr_array_add (t->rows, r);
    }
  for (guint c = 0; c < MAX_COLUMNS; c++)
    g_clear_pointer (&p->pending[c], g_free);
  t->n_rows++;
  p->col = 0;
  if ((t->n_rows & 0x3ff) == 0 && g_cancellable_is_cancelled (p->cancellable))
    p->sink.failed = TRUE;
}

/* ---------------------------------------------------------- laying out */

/* The totals row's texts, from the sums unless set already. */
static void
table_finish (Pdf *p, Table *t)
{
  if (!t->totals || t->n_rows == 0)
    {
      t->totals = FALSE;
      return;
    }
  for (guint c = 1; c < t->n_cols; c++)
    if (t->total[c] == NULL && t->sum[c])
      t->total[c] = t->money[c] ? ciro_money_format ((CiroKurus) llround (t->sums[c]), p->style)
                                : ciro_count_format ((gint64) llround (t->sums[c]), p->style);
  if (t->total[0] == NULL)
    {
      if (t->rows->len < t->n_rows)
        {
          g_autofree char *n = ciro_count_format ((gint64) t->n_rows, p->style);
          /* TRANSLATORS: the totals row of a table that shows only its first rows; %s is how many rows
           * it adds up */
          t->total[0] = g_strdup_printf (_("Total of all %s"), n);
        }
      else
        t->total[0] = g_strdup (_("Total"));
    }
  if (t->rows->len < t->n_rows && t->note_for != NULL && t->note == NULL)
    {
      g_autofree char *shown = ciro_count_format (t->rows->len, p->style);
      g_autofree char *all = ciro_count_format ((gint64) t->n_rows, p->style);
      t->note = t->note_for (shown, all);
    }
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* What each column needs: numbers and dates their widest cell (totals in
 * bold included), names the width that 49 in 50 of them fit in (the
 * longest wrap); and the least a column may get. */
static void
measure_columns (Pdf *p, Table *t, double *need_w, double *min_w)
{
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint c = 0; c < t->n_cols; c++)
    {
      double head = t->names[c] ? header_width (p, t->names[c], p->cell_bold) : 0;
      double widest = 0;

      g_array_set_size (widths, 0);
      for (guint r = 0; r < t->rows->len; r++)
        {
          const char *text = ((Row *) t->rows->pdata[r])->cells[c];
          if (text != NULL)
            {
              double w = natural_width (p, text, p->cell_font);
              widest = MAX (widest, w);
              g_array_append_val (widths, w);
            }
        }
      if (t->totals && t->total[c] != NULL)
        widest = MAX (widest, natural_width (p, t->total[c], p->cell_bold));
      if (fixed_kind (t->kind[c]))
        {
          need_w[c] = MAX (head, widest) + 2 * CELL_PAD;
          min_w[c] = need_w[c];
        }
      else
        {
          double most = 0;
          if (widths->len > 0)
            {
              g_array_sort (widths, compare_doubles);
              most = g_array_index (widths, double, (widths->len - 1) * 49 / 50);
            }
          /* a name takes at most a third of the page; it wraps beyond */
          need_w[c] = MIN (MAX (head, most), (p->w - 2 * MARGIN) / 3) + 2 * CELL_PAD;
          min_w[c] = MIN (need_w[c], MAX (head, 64 * t->pt / TABLE_PT) + 2 * CELL_PAD);
        }
    }
}

/* Column widths and row heights. Numbers, dates and totals keep their
 * whole width; when the page is too narrow for them and the names' least
 * width, the type gets smaller (down to MIN_PT); names share what is left. */
static void
layout_table (Pdf *p, Table *t)
{
  double need_w[MAX_COLUMNS], min_w[MAX_COLUMNS];
  double avail = p->w - 2 * MARGIN, want = 0, least = 0;

  t->pt = TABLE_PT;
  for (;;)
    {
      set_table_type (p, t->pt);
      measure_columns (p, t, need_w, min_w);
      want = least = 0;
      for (guint c = 0; c < t->n_cols; c++)
        {
          want += need_w[c];
          least += min_w[c];
        }
      if (least <= avail || t->pt <= MIN_PT)
        break;
      /* widths scale with the type: go straight to about the right size */
      t->pt = MAX (MIN_PT, MIN (t->pt - 0.25, floor (t->pt * avail / least * 4) / 4));
    }
  if (want <= avail)
    {
      /* spread the spare room over every column */
      for (guint c = 0; c < t->n_cols; c++)
        t->col_w[c] = need_w[c] + (avail - want) * need_w[c] / want;
    }
  else
    {
      /* names rise together to a common width, each stopping at its own
       * need: short codes stay on one line, the longest names wrap */
      double lo = 0, hi = p->w;
      for (int i = 0; i < 50; i++)
        {
          double level = (lo + hi) / 2, used = 0;
          for (guint c = 0; c < t->n_cols; c++)
            used += CLAMP (level, min_w[c], need_w[c]);
          if (used > avail)
            hi = level;
          else
            lo = level;
        }
      for (guint c = 0; c < t->n_cols; c++)
        t->col_w[c] = CLAMP (lo, min_w[c], need_w[c]);
    }

  t->line_h = line_height (p, p->cell_font);
  t->header_lines = 1;
  for (guint c = 0; c < t->n_cols; c++)
    if (t->names[c] != NULL)
      {
        prepare (p, t->names[c], p->cell_bold, t->col_w[c] - 2 * CELL_PAD, HEADER_LINES, PANGO_ALIGN_LEFT);
        t->header_lines = MAX (t->header_lines, (guint) pango_layout_get_line_count (p->layout));
      }
  for (guint r = 0; r < t->rows->len; r++)
    {
      Row *row = t->rows->pdata[r];
      row->lines = 1;
      for (guint c = 0; c < t->n_cols; c++)
        if (t->kind[c] == CELL_TEXT && row->cells[c] != NULL
            && natural_width (p, row->cells[c], p->cell_font) > t->col_w[c] - 2 * CELL_PAD)
          {
            prepare (p, row->cells[c], p->cell_font, t->col_w[c] - 2 * CELL_PAD, TEXT_LINES, PANGO_ALIGN_LEFT);
            row->lines = MAX (row->lines, (guint8) pango_layout_get_line_count (p->layout));
          }
    }
}

/* ---------------------------------------------------------- drawing tables */

static void
draw_cell (Pdf *p, Table *t, guint table, const char *row, guint c, double x, const char *text, gboolean bold,
           gboolean header)
{
  PangoFontDescription *font = bold ? p->cell_bold : p->cell_font;
  double room = t->col_w[c] - 2 * CELL_PAD, x0, x1;
  gboolean right = t->kind[c] == CELL_NUMBER;
  gboolean fixed = fixed_kind (t->kind[c]) && !header;
  PangoRectangle r;

  if (!p->drawing || text == NULL || *text == '\0')
    return;
  if (fixed)
    {
      /* never cut: drawn at its natural width, which the column was sized for */
      prepare (p, text, font, 0, 1, PANGO_ALIGN_LEFT);
      pango_layout_get_extents (p->layout, NULL, &r);
      x0 = right ? room - (double) r.width / PANGO_SCALE : 0;
      x1 = x0 + (double) r.width / PANGO_SCALE;
      cairo_move_to (p->cr, x + CELL_PAD + x0, p->y + ROW_PAD);
    }
  else
    {
      prepare (p, text, font, room, header ? HEADER_LINES : TEXT_LINES, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
      pango_layout_get_extents (p->layout, NULL, &r);
      x0 = (double) r.x / PANGO_SCALE;
      x1 = x0 + (double) r.width / PANGO_SCALE;
      cairo_move_to (p->cr, x + CELL_PAD, p->y + ROW_PAD);
    }
  cairo_set_source_rgb (p->cr, 0.1, 0.1, 0.1);
  pango_cairo_show_layout (p->cr, p->layout);
  log_cell (p, table, row, c, room, x0, x1, pango_layout_get_line_count (p->layout),
            pango_layout_is_ellipsized (p->layout), fixed, text);
}

static void
draw_header (Pdf *p, Table *t, guint table)
{
  double x = MARGIN, h = t->header_lines * t->line_h + 2 * ROW_PAD;

  for (guint c = 0; c < t->n_cols; c++)
    {
      draw_cell (p, t, table, "header", c, x, t->names[c], TRUE, TRUE);
      x += t->col_w[c];
    }
  p->y += h;
  if (p->drawing)
    {
      cairo_set_source_rgb (p->cr, 0.3, 0.3, 0.3);
      cairo_set_line_width (p->cr, 0.8);
      cairo_move_to (p->cr, MARGIN, p->y);
      cairo_line_to (p->cr, p->w - MARGIN, p->y);
      cairo_stroke (p->cr);
    }
  p->y += 1;
}

static void
section_title (Pdf *p, const char *title, double keep)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT " Bold 14");

  need (p, 20 + keep);
  draw_text (p, title, MARGIN, p->y, p->w - 2 * MARGIN, 0, font, 0.1);
  p->y += 20;
}

static void
paragraph (Pdf *p, const char *text)
{
  PangoRectangle r;

  prepare (p, text, p->font, p->w - 2 * MARGIN, 6, PANGO_ALIGN_LEFT);
  pango_layout_get_extents (p->layout, NULL, &r);
  need (p, (double) r.height / PANGO_SCALE + 6);
  if (p->drawing)
    {
      cairo_set_source_rgb (p->cr, 0.35, 0.35, 0.35);
      cairo_move_to (p->cr, MARGIN, p->y);
      pango_cairo_show_layout (p->cr, p->layout);
    }
  p->y += (double) r.height / PANGO_SCALE + 6;
}

static void
draw_table (Pdf *p, Table *t, guint table)
{
  double header_h = t->header_lines * t->line_h + 2 * ROW_PAD + 1;
  double first_h = t->rows->len > 0 ? ((Row *) t->rows->pdata[0])->lines * t->line_h + 2 * ROW_PAD : 0;

  set_table_type (p, t->pt);
  /* a table that fits on a page is not split: it starts on the next one */
  if (p->page_open && p->y > MARGIN + HEADER_H)
    {
      double whole = (t->title ? 20 : 0) + (t->note ? 24 : 0) + header_h + (t->totals ? t->line_h + 2 * ROW_PAD + 4 : 0);
      for (guint r = 0; r < t->rows->len; r++)
        whole += ((Row *) t->rows->pdata[r])->lines * t->line_h + 2 * ROW_PAD;
      if (p->y + whole > bottom (p) && MARGIN + HEADER_H - 8 + whole <= bottom (p))
        new_page (p);
    }
  if (t->title != NULL)
    section_title (p, t->title, header_h + first_h + (t->note ? 24 : 0));
  if (t->note != NULL)
    paragraph (p, t->note);
  need (p, header_h + first_h);
  set_table_type (p, t->pt);
  draw_header (p, t, table);
  for (guint r = 0; r < t->rows->len; r++)
    {
      Row *row = t->rows->pdata[r];
      double h = row->lines * t->line_h + 2 * ROW_PAD, x = MARGIN;
      char name[32];

      if (need (p, h))
        draw_header (p, t, table);
      if (p->drawing && r % 2 == 1)
        {
          cairo_set_source_rgb (p->cr, 0.955, 0.96, 0.97);
          cairo_rectangle (p->cr, MARGIN, p->y, p->w - 2 * MARGIN, h);
          cairo_fill (p->cr);
        }
      g_snprintf (name, sizeof name, "row %u", r + 1);
      for (guint c = 0; c < t->n_cols; c++)
        {
          draw_cell (p, t, table, name, c, x, row->cells[c], FALSE, FALSE);
          x += t->col_w[c];
        }
      p->y += h;
      if ((r & 0xff) == 0 && g_cancellable_is_cancelled (p->cancellable))
        p->sink.failed = TRUE;
    }
  if (t->totals)
    {
      double h = t->line_h + 2 * ROW_PAD + 2, x = MARGIN;
      guint lines = 1;

      if (t->total[0] != NULL && t->kind[0] == CELL_TEXT)
        {
          prepare (p, t->total[0], p->cell_bold, t->col_w[0] - 2 * CELL_PAD, TEXT_LINES, PANGO_ALIGN_LEFT);
          lines = (guint) pango_layout_get_line_count (p->layout);
          h += (lines - 1) * t->line_h;
        }
      if (need (p, h))
        draw_header (p, t, table);
      p->y += 2;
      if (p->drawing)
        {
          cairo_set_source_rgb (p->cr, 0.3, 0.3, 0.3);
          cairo_set_line_width (p->cr, 0.6);
          cairo_move_to (p->cr, MARGIN, p->y);
          cairo_line_to (p->cr, p->w - MARGIN, p->y);
          cairo_stroke (p->cr);
        }
      for (guint c = 0; c < t->n_cols; c++)
        {
          draw_cell (p, t, table, "total", c, x, t->total[c], TRUE, FALSE);
          x += t->col_w[c];
        }
      p->y += h - 2;
    }
  p->y += 16;
}

/* ---------------------------------------------------------- first page */

static void
kpis (Pdf *p)
{
  const CiroSummary *s = &p->summary;
  const char *labels[] = {
    _("Gross revenue"), _("Net revenue"), _("Net orders"), _("Profit"),
    _("Product cost"), _("Commission"), _("Shipping expense"), _("Profit margin"),
  };
  char *v[8];
  double cw = (p->w - 2 * MARGIN) / 4, ch = 40, widest = 0;
  g_autoptr(PangoFontDescription) big = pango_font_description_from_string (FONT " Bold 15");
  double size = p->w > p->h ? 15 : 13;

  v[0] = ciro_money_format (s->gross_revenue, p->style);
  v[1] = ciro_money_format (s->net_revenue, p->style);
  v[2] = ciro_count_format (s->net_orders, p->style);
  v[3] = ciro_money_format (s->profit, p->style);
  v[4] = ciro_money_format (s->product_cost, p->style);
  v[5] = ciro_money_format (s->commission, p->style);
  v[6] = ciro_money_format (s->shipping_expense, p->style);
  v[7] = ciro_percent_format (ciro_export_round2 (s->margin_pct), 2, p->style);
  /* as large as the widest value allows: a KPI is never cut */
  pango_font_description_set_size (big, (int) (size * PANGO_SCALE));
  for (;;)
    {
      widest = 0;
      for (guint i = 0; i < 8; i++)
        widest = MAX (widest, natural_width (p, v[i], big));
      if (widest <= cw - 16 || size <= 6)
        break;
      size = MIN (size - 0.25, floor (size * (cw - 16) / widest * 4) / 4);
      pango_font_description_set_size (big, (int) (size * PANGO_SCALE));
    }
  need (p, 2 * ch + 12);
  for (guint i = 0; i < 8 && p->drawing; i++)
    {
      double x = MARGIN + cw * (i % 4), y = p->y + ch * (i / 4), w = natural_width (p, v[i], big);

      cairo_set_source_rgb (p->cr, 0.955, 0.96, 0.97);
      cairo_rectangle (p->cr, x + 2, y + 2, cw - 4, ch - 4);
      cairo_fill (p->cr);
      draw_text (p, labels[i], x + 8, y + 5, cw - 16, 0, p->font, 0.4);
      prepare (p, v[i], big, 0, 1, PANGO_ALIGN_LEFT);
      cairo_set_source_rgb (p->cr, 0.1, 0.1, 0.1);
      cairo_move_to (p->cr, x + 8, y + 17);
      pango_cairo_show_layout (p->cr, p->layout);
      log_cell (p, 0, "kpi", i, cw - 16, 0, w, 1, FALSE, TRUE, v[i]);
    }
  for (guint i = 0; i < 8; i++)
    g_free (v[i]);
  p->y += 2 * ch + 12;
}

static void
chart_at (Pdf *p, CiroChart *chart, double x, double y, double w, double h, const char *title)
{
  CiroChartStyle style;

  if (!p->drawing)
    return;
  draw_text (p, title, x, y, w, 0, p->bold, 0.1);
  ciro_chart_style_init (&style);
  style.font = FONT " 7";
  style.number_style = p->style;
  cairo_save (p->cr);
  cairo_translate (p->cr, x, y + 16);
  ciro_chart_draw (chart, p->cr, w, h - 16, &style, -1);
  cairo_restore (p->cr);
}

/* The window's two charts: net revenue and profit by day, and the
 * marketplaces by net revenue, drawn by the same code as the window's. */
static gboolean
build_charts (Pdf *p, CiroStore *store, const CiroReportFilter *f, GArray *daily, GError **error)
{
  g_autoptr(GArray) mps = NULL;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree double *a = NULL;
  g_autofree double *b = NULL;
  g_autofree double *m = NULL;
  CiroReportFilter all = { f->from, f->to, NULL };

  if ((mps = ciro_report_marketplaces (store, &all, error)) == NULL)
    return FALSE;
  p->line = ciro_chart_new (CIRO_CHART_LINE);
  p->bars = ciro_chart_new (CIRO_CHART_BARS);
  a = g_new0 (double, MAX (daily->len, 1));
  b = g_new0 (double, MAX (daily->len, 1));
  for (guint i = 0; i < daily->len; i++)
    {
      CiroDailyRow *r = &g_array_index (daily, CiroDailyRow, i);
      g_ptr_array_add (labels, ciro_day_to_string (r->date));
      a[i] = (double) r->s.net_revenue;
      b[i] = (double) r->s.profit;
    }
  ciro_chart_set_labels (p->line, (const char * const *) labels->pdata, daily->len);
  ciro_chart_add_series (p->line, _("Net revenue"), a, daily->len, TRUE);
  ciro_chart_add_series (p->line, _("Profit"), b, daily->len, TRUE);
  m = g_new0 (double, MAX (mps->len, 1));
  for (guint i = 0; i < mps->len; i++)
    {
      CiroMarketplaceRow *r = &g_array_index (mps, CiroMarketplaceRow, i);
      g_ptr_array_add (names, (gpointer) ciro_marketplace_display (r->marketplace));
      m[i] = (double) r->s.net_revenue;
    }
  ciro_chart_set_labels (p->bars, (const char * const *) names->pdata, mps->len);
  ciro_chart_add_series (p->bars, _("Net revenue"), m, mps->len, TRUE);
  return TRUE;
}

static void
charts (Pdf *p)
{
  gboolean wide = p->w > p->h;
  double cw = wide ? (p->w - 2 * MARGIN - 24) / 2 : p->w - 2 * MARGIN, chh = 170;

  if (wide)
    {
      need (p, chh + 12);
      chart_at (p, p->line, MARGIN, p->y, cw, chh, _("Net revenue and profit by day"));
      chart_at (p, p->bars, MARGIN + cw + 24, p->y, cw, chh, _("Net revenue by marketplace"));
      p->y += chh + 12;
    }
  else
    {
      need (p, chh + 8);
      chart_at (p, p->line, MARGIN, p->y, cw, chh, _("Net revenue and profit by day"));
      p->y += chh + 8;
      need (p, chh * 0.8 + 12);
      chart_at (p, p->bars, MARGIN, p->y, cw, chh * 0.8, _("Net revenue by marketplace"));
      p->y += chh * 0.8 + 12;
    }
}

/* ---------------------------------------------------------- the content */

static void
summary_cells (Pdf *p, const CiroSummary *s, gboolean orders)
{
  if (orders)
    s_integer (&p->sink, s->net_orders);
  s_money (&p->sink, s->gross_revenue);
  s_money (&p->sink, s->cancel_return_revenue);
  s_money (&p->sink, s->net_revenue);
  s_money (&p->sink, s->shipping_income);
  s_money (&p->sink, s->product_cost);
  s_money (&p->sink, s->commission);
  s_money (&p->sink, s->shipping_expense);
  s_money (&p->sink, s->profit);
}

/* The window's own summary under a summary table: what the KPIs show. */
static void
summary_totals (Pdf *p, Table *t, const CiroSummary *s, gboolean orders, gboolean margin)
{
  CiroKurus v[] = { s->gross_revenue, s->cancel_return_revenue, s->net_revenue, s->shipping_income,
                    s->product_cost, s->commission, s->shipping_expense, s->profit };
  guint c = 1;

  if (orders)
    t->total[c++] = ciro_count_format (s->net_orders, p->style);
  for (guint i = 0; i < G_N_ELEMENTS (v); i++)
    t->total[c++] = ciro_money_format (v[i], p->style);
  if (margin)
    t->total[c++] = ciro_percent_format (ciro_export_round2 (s->margin_pct), 2, p->style);
}

/* The after-VAT tables of the P&L (profit.md): what the seller keeps, then
 * the KDV return, a row per month of the summaries `months` holds, the
 * window's own figures as totals. */
static void
pnl_after_vat (Pdf *p, const CiroReportFilter *f, GArray *months)
{
  static const CiroColumn kept_cols[] = {
    { N_("Month"), CIRO_COLUMN_DATE }, { N_("Net revenue excl. VAT"), CIRO_COLUMN_MONEY },
    { N_("Product cost excl. VAT"), CIRO_COLUMN_MONEY }, { N_("Commission"), CIRO_COLUMN_MONEY },
    { N_("Shipping expense"), CIRO_COLUMN_MONEY }, { N_("Service fees"), CIRO_COLUMN_MONEY },
    { N_("Profit after VAT"), CIRO_COLUMN_MONEY }, { N_("Margin after VAT"), CIRO_COLUMN_PERCENT },
    { N_("Ad spend"), CIRO_COLUMN_MONEY }, { N_("Other expenses"), CIRO_COLUMN_MONEY },
    { N_("Operating profit"), CIRO_COLUMN_MONEY }, { NULL, 0 },
  };
  static const CiroColumn vat_cols[] = {
    { N_("Month"), CIRO_COLUMN_DATE }, { N_("Output VAT"), CIRO_COLUMN_MONEY },
    { N_("VAT on fees"), CIRO_COLUMN_MONEY }, { N_("Input VAT"), CIRO_COLUMN_MONEY },
    { N_("VAT payable"), CIRO_COLUMN_MONEY }, { NULL, 0 },
  };
  gint32 m0 = ciro_day_month (f->from);
  const CiroSummary *w = &p->summary;
  Table *t;

  t = table_new (p, _("Profit after VAT by month"), 0, TRUE);
  t->note = g_strdup (_("Revenue, cost and fees without their VAT; the ad spend and other expenses entered for "
                        "these days are taken from the profit after VAT."));
  s_header (&p->sink, kept_cols);
  for (guint i = 0; i < months->len; i++)
    {
      const CiroSummary *s = &g_array_index (months, CiroSummary, i);
      g_autofree char *label = ciro_export_month_label (f, m0 + (gint32) i);
      CiroKurus v[] = { s->net_revenue_ex_vat, s->product_cost_ex_vat, s->commission, s->shipping_expense,
                        s->service_fees, s->profit_ex_vat };

      put_label (p, label);
      for (guint c = 0; c < G_N_ELEMENTS (v); c++)
        s_money (&p->sink, v[c]);
      s_percent (&p->sink, s->margin_ex_vat_pct);
      s_money (&p->sink, s->ad_spend);
      s_money (&p->sink, s->expenses);
      s_money (&p->sink, s->operating_profit);
      s_end_row (&p->sink);
    }
  {
    CiroKurus v[] = { w->net_revenue_ex_vat, w->product_cost_ex_vat, w->commission, w->shipping_expense,
                      w->service_fees, w->profit_ex_vat };
    guint c = 1;

    for (guint i = 0; i < G_N_ELEMENTS (v); i++)
      t->total[c++] = ciro_money_format (v[i], p->style);
    t->total[c++] = ciro_percent_format (ciro_export_round2 (w->margin_ex_vat_pct), 2, p->style);
    t->total[c++] = ciro_money_format (w->ad_spend, p->style);
    t->total[c++] = ciro_money_format (w->expenses, p->style);
    t->total[c++] = ciro_money_format (w->operating_profit, p->style);
  }

  t = table_new (p, _("VAT by month"), 0, TRUE);
  t->note = g_strdup (_("Output VAT is the VAT in the net revenue; input VAT is the VAT in the product cost and "
                        "in the marketplace's fees. A negative VAT payable is carried forward."));
  s_header (&p->sink, vat_cols);
  for (guint i = 0; i < months->len; i++)
    {
      const CiroSummary *s = &g_array_index (months, CiroSummary, i);
      g_autofree char *label = ciro_export_month_label (f, m0 + (gint32) i);

      put_label (p, label);
      s_money (&p->sink, s->output_vat);
      s_money (&p->sink, s->fees_vat);
      s_money (&p->sink, s->input_vat);
      s_money (&p->sink, s->vat_payable);
      s_end_row (&p->sink);
    }
  t->total[1] = ciro_money_format (w->output_vat, p->style);
  t->total[2] = ciro_money_format (w->fees_vat, p->style);
  t->total[3] = ciro_money_format (w->input_vat, p->style);
  t->total[4] = ciro_money_format (w->vat_payable, p->style);
}

/* Profit and loss: a row per month (any window fits: five years are sixty
 * rows), a column per line of the statement, the margin in %. */
static gboolean
pnl (Pdf *p, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const CiroColumn cols[] = {
    { N_("Month"), CIRO_COLUMN_DATE }, { N_("Gross revenue"), CIRO_COLUMN_MONEY },
    { N_("Cancelled/returned revenue"), CIRO_COLUMN_MONEY }, { N_("Net revenue"), CIRO_COLUMN_MONEY },
    { N_("Shipping income (part of net revenue)"), CIRO_COLUMN_MONEY },
    { N_("Product cost (incl. VAT)"), CIRO_COLUMN_MONEY }, { N_("Marketplace commission"), CIRO_COLUMN_MONEY },
    { N_("Shipping expense"), CIRO_COLUMN_MONEY }, { N_("Profit"), CIRO_COLUMN_MONEY },
    { N_("Profit margin"), CIRO_COLUMN_PERCENT }, { NULL, 0 },
  };
  gint32 m0 = ciro_day_month (f->from), m1 = ciro_day_month (f->to);
  g_autoptr(GArray) months = g_array_new (FALSE, FALSE, sizeof (CiroSummary));
  Table *t = table_new (p, _("Profit and loss by month"), 0, TRUE);

  t->note = g_strdup (_("Net revenue includes the shipping income. A month the period cuts shows its days."));
  s_header (&p->sink, cols);
  for (gint32 m = m0; m <= m1; m++)
    {
      CiroReportFilter mf = *f;
      CiroSummary s;
      g_autofree char *label = ciro_export_month_label (f, m);

      mf.from = MAX (f->from, ciro_month_first_day (m));
      mf.to = MIN (f->to, ciro_month_last_day (m));
      if (!ciro_report_summary (store, &mf, &s, error))
        return FALSE;
      put_label (p, label);
      summary_cells (p, &s, FALSE);
      s_percent (&p->sink, s.margin_pct);
      s_end_row (&p->sink);
      g_array_append_val (months, s);
    }
  summary_totals (p, t, &p->summary, FALSE, TRUE);
  pnl_after_vat (p, f, months);
  return TRUE;
}

/* Sales: the day's (or month's) totals, which add up to the KPIs, then the
 * largest lines; every line is in the XLSX and CSV. */
static gboolean
sales (Pdf *p, CiroStore *store, const CiroReportFilter *f, GArray *daily, GError **error)
{
  static const CiroColumn day_cols[] = {
    { N_("Date"), CIRO_COLUMN_DATE }, { N_("Net orders"), CIRO_COLUMN_COUNT },
    { N_("Gross revenue"), CIRO_COLUMN_MONEY }, { N_("Cancelled/returned revenue"), CIRO_COLUMN_MONEY },
    { N_("Net revenue"), CIRO_COLUMN_MONEY }, { N_("Shipping income (part of net revenue)"), CIRO_COLUMN_MONEY },
    { N_("Product cost"), CIRO_COLUMN_MONEY }, { N_("Commission"), CIRO_COLUMN_MONEY },
    { N_("Shipping expense"), CIRO_COLUMN_MONEY }, { N_("Profit"), CIRO_COLUMN_MONEY }, { NULL, 0 },
  };
  static const CiroColumn line_cols[] = {
    { N_("Date"), CIRO_COLUMN_DATETIME }, { N_("Order code"), CIRO_COLUMN_CODE },
    { N_("Marketplace"), CIRO_COLUMN_TEXT }, { N_("Status"), CIRO_COLUMN_STATUS }, { N_("SKU"), CIRO_COLUMN_CODE },
    { N_("Product"), CIRO_COLUMN_TEXT }, { N_("Quantity"), CIRO_COLUMN_COUNT },
    { N_("Unit price"), CIRO_COLUMN_UNIT_MONEY }, { N_("Amount"), CIRO_COLUMN_MONEY },
    { N_("Cost"), CIRO_COLUMN_MONEY }, { N_("Commission"), CIRO_COLUMN_MONEY }, { NULL, 0 },
  };
  gboolean by_month = daily->len > DAILY_DAYS;
  g_autoptr(GArray) lines = NULL;
  gint64 n_lines = 0;
  Table *t;

  t = table_new (p, by_month ? _("Monthly totals") : _("Daily totals"), 0, TRUE);
  s_header (&p->sink, day_cols);
  if (by_month)
    {
      g_free (t->names[0]);
      t->names[0] = g_strdup (_("Month"));
    }
  for (guint i = 0; i < daily->len;)
    {
      const CiroDailyRow *d = &g_array_index (daily, CiroDailyRow, i);
      if (by_month)
        {
          gint32 month = ciro_day_month (d->date);
          CiroSummary s;
          CiroReportFilter mf = *f;
          g_autofree char *label = ciro_export_month_label (f, month);

          /* the engine's own month, its sums checked, not days added here */
          mf.from = MAX (f->from, ciro_month_first_day (month));
          mf.to = MIN (f->to, ciro_month_last_day (month));
          if (!ciro_report_summary (store, &mf, &s, error))
            return FALSE;
          for (; i < daily->len && ciro_day_month (g_array_index (daily, CiroDailyRow, i).date) == month; i++)
            ;
          put_label (p, label);
          summary_cells (p, &s, TRUE);
        }
      else
        {
          s_date (&p->sink, d->date);
          summary_cells (p, &d->s, TRUE);
          i++;
        }
      s_end_row (&p->sink);
    }
  summary_totals (p, t, &p->summary, TRUE, FALSE);

  lines = ciro_report_largest_lines (store, f, SALES_LINES, &n_lines, error);
  if (lines == NULL)
    return FALSE;
  /* no lines: the totals above say it all */
  if (lines->len == 0)
    return TRUE;
  {
    g_autofree char *shown = ciro_count_format (lines->len, p->style);
    g_autofree char *all = ciro_count_format (n_lines, p->style);
    g_autofree char *title = g_strdup_printf (lines->len < n_lines ? _("The %s largest lines") : _("All %s lines"),
                                              shown);
    t = table_new (p, title, 0, FALSE);
    if (lines->len < n_lines)
      /* TRANSLATORS: under the sales report's table of its largest lines; %1$s lines shown, %2$s lines in all */
      t->note = g_strdup_printf (_("The %1$s lines with the largest amount of the %2$s lines of these days, cancelled "
                                   "and returned ones included. Every line is in the sales report's XLSX and CSV "
                                   "exports."), shown, all);
    else
      t->note = g_strdup (_("Every line of these days, the largest amount first, cancelled and returned ones "
                            "included."));
  }
  s_header (&p->sink, line_cols);
  for (guint i = 0; i < lines->len; i++)
    {
      const CiroSalesLine *l = &g_array_index (lines, CiroSalesLine, i);
      s_datetime (&p->sink, l->day, l->seconds);
      s_text (&p->sink, l->order_code);
      s_text (&p->sink, ciro_marketplace_display (l->marketplace));
      s_text (&p->sink, ciro_export_status_text (l->cancelled));
      s_text (&p->sink, l->sku);
      s_text (&p->sink, l->name);
      s_integer (&p->sink, l->quantity);
      s_money (&p->sink, l->price);
      s_money (&p->sink, l->amount);
      /* as in the sales export: a cancelled or returned line costs nothing
       * and earns no commission */
      s_money (&p->sink, l->cancelled ? 0 : l->cost);
      s_money (&p->sink, l->cancelled ? 0 : l->commission);
      s_end_row (&p->sink);
    }
  return TRUE;
}

static const char *
report_title (CiroExportKind kind)
{
  switch (kind)
    {
    case CIRO_EXPORT_SALES: return _("Sales report");
    case CIRO_EXPORT_PRODUCTS: return _("Product performance");
    case CIRO_EXPORT_PNL: return _("Profit and loss");
    case CIRO_EXPORT_PLATFORMS: return _("Platform comparison");
    case CIRO_EXPORT_STOCK: return _("Stock lists");
    case CIRO_EXPORT_CATEGORIES: return _("Category performance");
    case CIRO_EXPORT_RFM: return _("RFM segments");
    case CIRO_EXPORT_COHORTS: return _("Customer cohorts");
    case CIRO_EXPORT_CARRIERS: return _("Shipping and carriers");
    case CIRO_EXPORT_CUSTOMERS:
    default: return _("Customer list");
    }
}

/* The title of the PDF and of its table: with the masking setting on, a
 * customer list or RFM list says it is masked (KVKK). */
static char *
pdf_title (CiroStore *store, CiroExportKind kind)
{
  if ((kind == CIRO_EXPORT_CUSTOMERS || kind == CIRO_EXPORT_RFM) && ciro_export_masks_personal_data (store))
    /* TRANSLATORS: a PDF report's title with names, e-mails and phones masked; %s is the report */
    return g_strdup_printf (C_("report title", "%s (masked)"), report_title (kind));
  return g_strdup (report_title (kind));
}

/* ---------------------------------------------------------- writing */

static void
render (Pdf *p)
{
  p->page = 0;
  p->page_open = FALSE;
  new_page (p);
  if (!p->no_sales)
    {
      kpis (p);
      charts (p);
    }
  for (guint i = 0; i < p->tables->len && !p->sink.failed; i++)
    draw_table (p, p->tables->pdata[i], i + 1);
  end_page (p);
}

/* Where cairo's PDF bytes go. A write that fails is remembered here too:
 * cairo loses an error raised by the last flush, inside finish, and would
 * leave a cut file looking whole. */
typedef struct {
  int      fd;
  gboolean failed;
  int      saved_errno;
} PdfOut;

static cairo_status_t
write_fd (void *closure, const unsigned char *data, unsigned int length)
{
  PdfOut *out = closure;

  while (length > 0)
    {
      ssize_t n = write (out->fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          out->failed = TRUE;
          out->saved_errno = n < 0 ? errno : ENOSPC;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

static char *
range_text (CiroExportKind kind, const CiroReportFilter *f)
{
  char a[11], b[11];

  if (kind == CIRO_EXPORT_STOCK)
    /* TRANSLATORS: the day the stock lists of a PDF are as of */
    return g_strdup_printf (_("As of %s · all marketplaces"), ciro_day_format (f->to, b));
  g_autofree char *days = g_strdup_printf ("%s – %s", ciro_day_format (f->from, a), ciro_day_format (f->to, b));

  if (f->marketplace != NULL)
    return g_strdup_printf ("%s · %s", days, ciro_marketplace_display (f->marketplace));
  /* TRANSLATORS: the days of a report, and that it covers every marketplace */
  return g_strdup_printf (_("%s · all marketplaces"), days);
}

static char *
products_note (const char *shown, const char *all)
{
  /* TRANSLATORS: under the product table of a PDF; %1$s products shown, %2$s in all */
  return g_strdup_printf (_("The %1$s products with the most revenue of %2$s. The totals row adds up all of them; "
                            "every product is in the XLSX and CSV exports."), shown, all);
}

static char *
customers_note (const char *shown, const char *all)
{
  /* TRANSLATORS: under the customer table of a PDF; %1$s customers shown, %2$s in all */
  return g_strdup_printf (_("The %1$s customers with the largest net spend of %2$s. The totals row adds up all of "
                            "them; every customer is in the XLSX and CSV exports."), shown, all);
}

static char *
rfm_note (const char *shown, const char *all)
{
  /* TRANSLATORS: under the RFM table of a PDF; %1$s customers shown, %2$s in all */
  return g_strdup_printf (_("The %1$s customers with the largest monetary value of %2$s; every customer is in the "
                            "XLSX and CSV exports."), shown, all);
}

/* a list of the stock report: a titled table with its totals */
static void
s_section (CiroSink *sink, const char *title)
{
  table_new ((Pdf *) sink, title, 0, TRUE);
}

/* The stock report: each list's products, units and value at cost, then
 * the lists themselves. */
static gboolean
stock (Pdf *p, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const CiroColumn cols[] = {
    { N_("List"), CIRO_COLUMN_TEXT }, { N_("Products"), CIRO_COLUMN_COUNT },
    { N_("Units in stock"), CIRO_COLUMN_COUNT }, { N_("Stock value at cost"), CIRO_COLUMN_MONEY },
    { N_("Products without a cost"), CIRO_COLUMN_COUNT }, { NULL, 0 },
  };
  g_autoptr(GArray) rows = ciro_report_stock (store, f->to, error);
  Table *t;

  if (rows == NULL)
    return FALSE;
  p->no_sales = TRUE;
  t = table_new (p, _("Stock value at cost"), 0, FALSE);
  t->note = g_strdup (_("A product can be in more than one list. Stock value at cost is the units in stock at "
                        "today’s purchase price with VAT; products without a known cost are left out of it."));
  s_header (&p->sink, cols);
  for (guint l = 0; l <= CIRO_STOCK_N_LISTS; l++)
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
      s_text (&p->sink, l < CIRO_STOCK_N_LISTS ? ciro_export_stock_list_title (l) : _("All products"));
      s_integer (&p->sink, n);
      s_integer (&p->sink, units);
      s_money (&p->sink, value);
      s_integer (&p->sink, unknown);
      s_end_row (&p->sink);
    }
  p->sink.section = s_section;
  if (!ciro_export_write_report (&p->sink, store, CIRO_EXPORT_STOCK, f, p->cancellable, error))
    return FALSE;
  for (guint i = 1; i < p->tables->len; i++)
    {
      Table *list = p->tables->pdata[i];
      if (list->n_rows == 0 && list->note == NULL)
        list->note = g_strdup (_("No product is in this list."));
    }
  return TRUE;
}

static char *
late_note (const char *shown, const char *all)
{
  /* TRANSLATORS: under the late orders of a PDF; %1$s orders shown, %2$s in all */
  return g_strdup_printf (_("The %1$s orders longest on the way of %2$s late ones; every late order is in the XLSX "
                            "export."), shown, all);
}

/* a part of the carriers report: the carriers with their totals, the late
 * orders (the first LIST_ROWS) and the recommendations */
static void
carriers_section (CiroSink *sink, const char *title)
{
  Pdf *p = (Pdf *) sink;
  guint part = p->tables->len;
  Table *t = table_new (p, title, part == 1 ? LIST_ROWS : 0, part == 0);

  if (part == 1)
    t->note_for = late_note;
}

static gboolean
carriers (Pdf *p, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  static const char *empty[] = {
    N_("No order was shipped in these days."),
    N_("No order is late."),
    N_("Nothing to recommend in this period."),
  };

  p->no_sales = TRUE;
  p->sink.section = carriers_section;
  if (!ciro_export_write_report (&p->sink, store, CIRO_EXPORT_CARRIERS, f, p->cancellable, error))
    return FALSE;
  for (guint i = 0; i < p->tables->len && i < G_N_ELEMENTS (empty); i++)
    {
      Table *t = p->tables->pdata[i];
      if (t->n_rows == 0 && t->note == NULL)
        t->note = g_strdup (_(empty[i]));
    }
  return TRUE;
}

/* Everything the PDF holds, before any of it is laid out. */
static gboolean
gather (Pdf *p, CiroStore *store, CiroExportKind kind, const CiroReportFilter *filter, GError **error)
{
  g_autoptr(GArray) daily = NULL;

  if (kind == CIRO_EXPORT_STOCK)
    return stock (p, store, filter, error);
  if (kind == CIRO_EXPORT_CARRIERS)
    return carriers (p, store, filter, error);
  if (kind == CIRO_EXPORT_RFM || kind == CIRO_EXPORT_COHORTS)
    {
      Table *t;
      p->no_sales = TRUE;
      if (kind == CIRO_EXPORT_RFM)
        {
          p->limit = LIST_ROWS;
          p->note_for = rfm_note;
        }
      t = table_new (p, p->title, p->limit, FALSE);
      t->note_for = p->note_for;
      if (ciro_export_masks_personal_data (store))
        t->note = g_strdup (_("Customers’ names are masked (KVKK): turn the masking off for a complete list."));
      return ciro_export_write_report (&p->sink, store, kind, filter, p->cancellable, error);
    }
  if (!ciro_report_summary (store, filter, &p->summary, error))
    return FALSE;
  if ((daily = ciro_report_daily (store, filter, error)) == NULL)
    return FALSE;
  if (!build_charts (p, store, filter, daily, error))
    return FALSE;
  switch (kind)
    {
    case CIRO_EXPORT_SALES:
      return sales (p, store, filter, daily, error);
    case CIRO_EXPORT_PNL:
      return pnl (p, store, filter, error);
    case CIRO_EXPORT_PRODUCTS:
      p->limit = LIST_ROWS;
      p->note_for = products_note;
      break;
    case CIRO_EXPORT_CUSTOMERS:
      p->limit = LIST_ROWS;
      p->note_for = customers_note;
      if (ciro_export_masks_personal_data (store))
        {
          table_new (p, p->title, p->limit, TRUE)->note_for = p->note_for;
          ((Table *) p->tables->pdata[p->tables->len - 1])->note =
            g_strdup (_("Names, e-mails and phones are masked (KVKK), so this list is not complete for invoicing: "
                        "turn the masking off in Ciro for a complete one."));
          return ciro_export_write_report (&p->sink, store, kind, filter, p->cancellable, error);
        }
      break;
    case CIRO_EXPORT_PLATFORMS:
    default:
      break;
    }
  table_new (p, report_title (kind), p->limit, TRUE)->note_for = p->note_for;
  return ciro_export_write_report (&p->sink, store, kind, filter, p->cancellable, error);
}

gboolean
ciro_export_pdf (CiroStore              *store,
                 CiroExportKind          kind,
                 const CiroReportFilter *filter,
                 CiroNumberStyle         style,
                 const char             *path,
                 GCancellable           *cancellable,
                 GError                **error)
{
  CiroExportFile file = { NULL, NULL, -1 };
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *name = NULL;
  const char *log_path = g_getenv ("CIRO_PDF_LAYOUT_LOG");
  Pdf p = {
    .sink = {
      .header = s_header, .text = s_text, .integer = s_integer, .money = s_money, .percent = s_percent,
      .decimal = s_decimal, .date = s_date, .datetime = s_datetime, .empty = s_empty, .end_row = s_end_row,
    },
  };
  gboolean ok = TRUE, landscape = kind != CIRO_EXPORT_CUSTOMERS && kind != CIRO_EXPORT_PLATFORMS;
  cairo_status_t status;
  PdfOut out = { -1, FALSE, 0 };

  g_return_val_if_fail (CIRO_IS_STORE (store), FALSE);

  if (!ciro_export_file_open (&file, path, error))
    return FALSE;

  p.style = style;
  p.cancellable = cancellable;
  p.w = landscape ? A4_LONG : A4_SHORT;
  p.h = landscape ? A4_SHORT : A4_LONG;
  out.fd = file.fd;
  p.surface = cairo_pdf_surface_create_for_stream (write_fd, &out, p.w, p.h);
  name = ciro_store_get_setting (store, CIRO_SETTING_STORE_NAME);
  p.store_name = g_strdup_printf ("Ciro · %s", name && *name ? name : _("My store"));
  p.title = pdf_title (store, kind);
  p.range = range_text (kind, filter);
  /* TRANSLATORS: when a PDF report was made */
  p.generated = g_strdup_printf (_("Generated %s"), now_text);
  cairo_pdf_surface_set_metadata (p.surface, CAIRO_PDF_METADATA_TITLE, p.title);
  cairo_pdf_surface_set_metadata (p.surface, CAIRO_PDF_METADATA_CREATOR, "Ciro " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (p.surface, CAIRO_PDF_METADATA_SUBJECT, p.range);
  p.cr = cairo_create (p.surface);
  p.layout = pango_cairo_create_layout (p.cr);
  {
    /* sizes in points of the page, and the widths measured are the widths drawn */
    PangoContext *context = pango_layout_get_context (p.layout);
    cairo_font_options_t *options = cairo_font_options_create ();
    cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
    pango_cairo_context_set_font_options (context, options);
    cairo_font_options_destroy (options);
    pango_cairo_context_set_resolution (context, 72);
    pango_context_set_round_glyph_positions (context, FALSE);
    pango_layout_context_changed (p.layout);
  }
  p.font = pango_font_description_from_string (FONT " 9");
  p.bold = pango_font_description_from_string (FONT " Bold 9");
  p.cell_font = pango_font_description_copy (p.font);
  p.cell_bold = pango_font_description_copy (p.bold);
  p.tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  if (log_path != NULL && *log_path != '\0')
    p.log = fopen (log_path, "we");

  ok = gather (&p, store, kind, filter, error);
  if (ok && !p.sink.failed)
    {
      for (guint i = 0; i < p.tables->len; i++)
        {
          table_finish (&p, p.tables->pdata[i]);
          layout_table (&p, p.tables->pdata[i]);
        }
      /* count the pages, then draw them */
      p.drawing = FALSE;
      render (&p);
      p.n_pages = p.page;
      p.drawing = TRUE;
      render (&p);
    }
  if (ok && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  g_object_unref (p.layout);
  cairo_destroy (p.cr);
  cairo_surface_finish (p.surface);
  status = cairo_surface_status (p.surface);
  cairo_surface_destroy (p.surface);
  if (ok && (p.sink.failed || out.failed || status != CAIRO_STATUS_SUCCESS))
    {
      ciro_export_set_write_error (error, path, out.failed ? g_strerror (out.saved_errno)
                                              : status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status)
                                              : g_strerror (EIO));
      ok = FALSE;
    }
  if (ok)
    ok = ciro_export_file_commit (&file, error);
  else
    ciro_export_file_abort (&file);

  if (p.log != NULL)
    fclose (p.log);
  for (guint c = 0; c < MAX_COLUMNS; c++)
    g_free (p.pending[c]);
  g_ptr_array_unref (p.tables);
  g_clear_pointer (&p.line, ciro_chart_free);
  g_clear_pointer (&p.bars, ciro_chart_free);
  pango_font_description_free (p.font);
  pango_font_description_free (p.bold);
  pango_font_description_free (p.cell_font);
  pango_font_description_free (p.cell_bold);
  g_free (p.store_name);
  g_free (p.title);
  g_free (p.range);
  g_free (p.generated);
  return ok;
}
