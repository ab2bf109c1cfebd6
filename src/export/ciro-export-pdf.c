/* ciro-export-pdf.c: reports as A4 PDF pages, with the window's charts
 *
 * Rows stream onto pages as the report produces them: a long sales report
 * never sits in memory. The first rows of a table are held back only to
 * measure its columns.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-export"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <unistd.h>

#include "charts/ciro-chart.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "store/ciro-settings.h"
#include "ciro-export-private.h"

#define A4_SHORT   595.276
#define A4_LONG    841.890
#define MARGIN     36.0
#define HEADER_H   44.0
#define FOOTER_H   24.0
#define ROW_H      14.0
#define CELL_PAD   4.0
#define MEASURE_ROWS 60
#define MAX_COLUMNS  64
#define FONT       "Cantarell, DejaVu Sans, Sans"

typedef struct {
  char    *text;
  gboolean right;      /* numbers align right */
  gboolean fixed;      /* numbers and dates are never cut */
  gboolean sum;        /* counts and money add up down the column */
  double   value;      /* kuruş for money */
  gboolean money;
} Cell;

typedef struct {
  CiroSink          sink;
  cairo_surface_t  *surface;
  cairo_t          *cr;
  PangoLayout      *layout;
  PangoFontDescription *font;
  PangoFontDescription *bold;
  PangoFontDescription *cell_font;   /* the table's, smaller for wide tables */
  PangoFontDescription *cell_bold;
  double            row_h;
  CiroNumberStyle   style;
  GCancellable     *cancellable;
  double            w, h;            /* page size */
  double            y;               /* where the next line goes */
  guint             page;
  gboolean          page_open;

  /* the page header */
  char             *title;
  char             *store_name;
  char             *range;
  char             *generated;

  /* the table being written */
  char             *names[MAX_COLUMNS];
  guint             n_cols;
  gboolean          has_header;
  double            col_w[MAX_COLUMNS];
  gboolean          col_right[MAX_COLUMNS];
  gboolean          col_sum[MAX_COLUMNS];
  gboolean          col_money[MAX_COLUMNS];
  gboolean          col_fixed[MAX_COLUMNS];
  CiroColumnKind    col_kind[MAX_COLUMNS];
  double            totals[MAX_COLUMNS];
  gboolean          measured;
  GPtrArray        *row;             /* Cell * of the row being filled */
  GPtrArray        *held;            /* rows held back to measure */
  guint64           rows_drawn;
} Pdf;

static void
cell_free (gpointer p)
{
  Cell *c = p;
  g_free (c->text);
  g_free (c);
}

/* ---------------------------------------------------------- text */

static double
text_width (Pdf *p, const char *text, gboolean bold)
{
  int w;

  pango_layout_set_font_description (p->layout, bold ? p->cell_bold : p->cell_font);
  pango_layout_set_width (p->layout, -1);
  pango_layout_set_text (p->layout, text, -1);
  pango_layout_get_pixel_size (p->layout, &w, NULL);
  return w;
}

/* align 0 left, 1 right within [x, x + width) */
static void
draw_text (Pdf *p, const char *text, double x, double y, double width, double align,
           PangoFontDescription *font, double gray)
{
  int w, h;

  pango_layout_set_font_description (p->layout, font);
  pango_layout_set_text (p->layout, text, -1);
  pango_layout_set_ellipsize (p->layout, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_width (p->layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_get_pixel_size (p->layout, &w, &h);
  cairo_set_source_rgb (p->cr, gray, gray, gray);
  cairo_move_to (p->cr, width > 0 && align > 0 ? x + (width - w) * align : x, y);
  pango_cairo_show_layout (p->cr, p->layout);
}

/* ---------------------------------------------------------- pages */

static void
end_page (Pdf *p)
{
  g_autofree char *n = NULL;

  if (!p->page_open)
    return;
  /* TRANSLATORS: the page number at the foot of a PDF page */
  n = g_strdup_printf (_("Page %u"), p->page);
  draw_text (p, n, MARGIN, p->h - FOOTER_H, p->w - 2 * MARGIN, 0.5, p->font, 0.45);
  cairo_show_page (p->cr);
  p->page_open = FALSE;
}

static void draw_table_header (Pdf *p);

static void
new_page (Pdf *p, gboolean repeat_header)
{
  end_page (p);
  p->page++;
  p->page_open = TRUE;

  draw_text (p, p->store_name, MARGIN, MARGIN - 8, (p->w - 2 * MARGIN) / 2, 0, p->bold, 0.1);
  draw_text (p, p->title, p->w / 2, MARGIN - 8, (p->w - 2 * MARGIN) / 2, 1, p->bold, 0.1);
  draw_text (p, p->range, MARGIN, MARGIN + 6, (p->w - 2 * MARGIN) / 2, 0, p->font, 0.4);
  draw_text (p, p->generated, p->w / 2, MARGIN + 6, (p->w - 2 * MARGIN) / 2, 1, p->font, 0.4);
  cairo_set_source_rgb (p->cr, 0.75, 0.75, 0.75);
  cairo_set_line_width (p->cr, 0.5);
  cairo_move_to (p->cr, MARGIN, MARGIN + 22);
  cairo_line_to (p->cr, p->w - MARGIN, MARGIN + 22);
  cairo_stroke (p->cr);
  p->y = MARGIN + HEADER_H - 8;
  if (repeat_header && p->measured && p->has_header)
    draw_table_header (p);
}

static void
need (Pdf *p, double height, gboolean repeat_header)
{
  if (!p->page_open || p->y + height > p->h - MARGIN - FOOTER_H)
    new_page (p, repeat_header);
}

/* ---------------------------------------------------------- the table */

static void
draw_row_cells (Pdf *p, char **texts, const gboolean *right, PangoFontDescription *font, gboolean zebra,
                gboolean rule)
{
  double x = MARGIN;

  if (zebra)
    {
      cairo_set_source_rgb (p->cr, 0.955, 0.96, 0.97);
      cairo_rectangle (p->cr, MARGIN, p->y, p->w - 2 * MARGIN, p->row_h);
      cairo_fill (p->cr);
    }
  if (rule)
    {
      cairo_set_source_rgb (p->cr, 0.3, 0.3, 0.3);
      cairo_set_line_width (p->cr, 0.6);
      cairo_move_to (p->cr, MARGIN, p->y);
      cairo_line_to (p->cr, p->w - MARGIN, p->y);
      cairo_stroke (p->cr);
    }
  for (guint c = 0; c < p->n_cols; c++)
    {
      if (texts[c] != NULL && *texts[c] != '\0')
        draw_text (p, texts[c], x + CELL_PAD, p->y + 1.5, p->col_w[c] - 2 * CELL_PAD, right[c] ? 1 : 0, font, 0.1);
      x += p->col_w[c];
    }
  p->y += p->row_h;
}

static void
draw_table_header (Pdf *p)
{
  char *texts[MAX_COLUMNS];

  for (guint c = 0; c < p->n_cols; c++)
    texts[c] = p->names[c];
  need (p, 2 * p->row_h, FALSE);
  draw_row_cells (p, texts, p->col_right, p->cell_bold, FALSE, FALSE);
  cairo_set_source_rgb (p->cr, 0.3, 0.3, 0.3);
  cairo_set_line_width (p->cr, 0.8);
  cairo_move_to (p->cr, MARGIN, p->y);
  cairo_line_to (p->cr, p->w - MARGIN, p->y);
  cairo_stroke (p->cr);
  p->y += 1;
}

/* Widths from the header and the rows held back: numbers keep their width,
 * text columns share what is left and are cut with an ellipsis. */
static void
set_cell_size (Pdf *p, double points)
{
  pango_font_description_set_size (p->cell_font, (int) (points * PANGO_SCALE));
  pango_font_description_set_size (p->cell_bold, (int) (points * PANGO_SCALE));
  p->row_h = ROW_H * points / 7.5;
}

static void
measure (Pdf *p)
{
  double need_w[MAX_COLUMNS] = { 0 }, total = 0, fixed = 0, flexible = 0;
  double avail = p->w - 2 * MARGIN;

  set_cell_size (p, 7.5);
  /* a table too wide for the page gets a smaller type, down to 5.5 pt */
  for (int attempt = 0; attempt < 2; attempt++)
    {
      double width = 0;
      for (guint c = 0; c < p->n_cols; c++)
        {
          double w = p->names[c] ? text_width (p, p->names[c], TRUE) : 0;
          for (guint r = 0; r < p->held->len; r++)
            {
              GPtrArray *row = p->held->pdata[r];
              if (c < row->len && ((Cell *) row->pdata[c])->fixed)
                w = MAX (w, text_width (p, ((Cell *) row->pdata[c])->text, FALSE));
            }
          width += w + 2 * CELL_PAD;
        }
      if (attempt == 0 && width > avail * 0.85)
        set_cell_size (p, MAX (5.5, 7.5 * avail * 0.85 / width));
    }

  for (guint c = 0; c < p->n_cols; c++)
    need_w[c] = p->names[c] ? text_width (p, p->names[c], TRUE) : 0;
  for (guint r = 0; r < p->held->len; r++)
    {
      GPtrArray *row = p->held->pdata[r];
      for (guint c = 0; c < row->len && c < p->n_cols; c++)
        {
          Cell *cell = row->pdata[c];
          need_w[c] = MAX (need_w[c], text_width (p, cell->text, FALSE));
          /* a total wider than any row */
          if (cell->sum)
            need_w[c] = MAX (need_w[c], text_width (p, cell->text, TRUE) * 1.25);
        }
    }
  for (guint c = 0; c < p->n_cols; c++)
    {
      need_w[c] += 2 * CELL_PAD;
      total += need_w[c];
      if (p->col_fixed[c])
        fixed += need_w[c];
      else
        flexible += need_w[c];
    }
  for (guint c = 0; c < p->n_cols; c++)
    {
      if (total <= avail)
        p->col_w[c] = need_w[c] + (avail - total) * need_w[c] / total;   /* spread the room */
      else if (fixed > avail * 0.85 || flexible <= 0)
        p->col_w[c] = need_w[c] * avail / total;                         /* everything gives */
      else if (p->col_fixed[c])
        p->col_w[c] = need_w[c];
      else
        p->col_w[c] = MAX (30.0, need_w[c] * (avail - fixed) / flexible); /* text is cut */
    }
  p->measured = TRUE;
}

static void
draw_data_row (Pdf *p, GPtrArray *row)
{
  char *texts[MAX_COLUMNS] = { NULL };

  for (guint c = 0; c < row->len && c < p->n_cols; c++)
    texts[c] = ((Cell *) row->pdata[c])->text;
  need (p, p->row_h, TRUE);
  draw_row_cells (p, texts, p->col_right, p->cell_font, p->rows_drawn % 2 == 1, FALSE);
  p->rows_drawn++;
}

static void
flush_held (Pdf *p)
{
  if (!p->measured)
    {
      measure (p);
      if (p->has_header)
        draw_table_header (p);
    }
  for (guint r = 0; r < p->held->len; r++)
    draw_data_row (p, p->held->pdata[r]);
  g_ptr_array_set_size (p->held, 0);
}

static void
begin_table (Pdf *p)
{
  for (guint c = 0; c < p->n_cols; c++)
    g_clear_pointer (&p->names[c], g_free);
  p->n_cols = 0;
  p->has_header = FALSE;
  p->measured = FALSE;
  if (p->cell_font != NULL)
    set_cell_size (p, 7.5);
  p->rows_drawn = 0;
  memset (p->totals, 0, sizeof p->totals);
  memset (p->col_sum, 0, sizeof p->col_sum);
  memset (p->col_right, 0, sizeof p->col_right);
  memset (p->col_money, 0, sizeof p->col_money);
  memset (p->col_fixed, 0, sizeof p->col_fixed);
  g_ptr_array_set_size (p->held, 0);
}

/* The totals row under the numbers, like the workbook's formulas. */
static void
end_table (Pdf *p, gboolean totals)
{
  flush_held (p);
  if (totals && p->rows_drawn > 0)
    {
      char *texts[MAX_COLUMNS] = { NULL };
      g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);

      texts[0] = _("Total");
      for (guint c = 1; c < p->n_cols; c++)
        if (p->col_sum[c])
          {
            char *t = p->col_money[c] ? ciro_money_format ((CiroKurus) llround (p->totals[c]), p->style)
                                      : ciro_count_format ((gint64) llround (p->totals[c]), p->style);
            g_ptr_array_add (owned, t);
            texts[c] = t;
          }
      need (p, p->row_h + 4, TRUE);
      p->y += 2;
      draw_row_cells (p, texts, p->col_right, p->cell_bold, FALSE, TRUE);
    }
  p->y += p->row_h;
}

/* ---------------------------------------------------------- the sink */

static void
add_cell_full (Pdf *p, char *text, gboolean right, gboolean fixed, gboolean sum, double value, gboolean money)
{
  Cell *c = g_new0 (Cell, 1);
  guint col = p->row->len;

  c->text = text ? text : g_strdup ("");
  c->right = right;
  c->fixed = fixed;
  c->sum = sum;
  c->value = value;
  c->money = money;
  g_ptr_array_add (p->row, c);
  /* the first data row decides the columns' kinds */
  if (col < MAX_COLUMNS && p->n_cols > 0 && p->rows_drawn + p->held->len == 0)
    {
      p->col_right[col] = right;
      p->col_fixed[col] = fixed;
      p->col_sum[col] = sum;
      p->col_money[col] = money;
    }
  if (col < MAX_COLUMNS && sum && p->col_sum[col])
    p->totals[col] += value;
}

static void
add_cell (Pdf *p, char *text, gboolean right, gboolean sum, double value, gboolean money)
{
  add_cell_full (p, text, right, right, sum, value, money);
}

static void
s_header (CiroSink *sink, const CiroColumn *columns)
{
  Pdf *p = (Pdf *) sink;

  begin_table (p);
  for (guint c = 0; columns[c].name != NULL && c < MAX_COLUMNS; c++)
    {
      p->col_kind[p->n_cols] = columns[c].kind;
      p->names[p->n_cols++] = g_strdup (_(columns[c].name));
    }
  p->has_header = TRUE;
}

static void
s_text (CiroSink *sink, const char *text)
{
  add_cell ((Pdf *) sink, g_strdup (text ? text : ""), FALSE, FALSE, 0, FALSE);
}

static void s_integer_kind (Pdf *p, gint64 v);

static void
s_integer (CiroSink *sink, gint64 v)
{
  s_integer_kind ((Pdf *) sink, v);
}

static void
s_money (CiroSink *sink, CiroKurus v)
{
  Pdf *p = (Pdf *) sink;
  guint col = p->row->len;
  /* a unit price or an average does not add up down its column */
  gboolean sum = col >= MAX_COLUMNS || col >= p->n_cols || p->col_kind[col] == CIRO_COLUMN_MONEY;

  add_cell (p, ciro_money_format (v, p->style), TRUE, sum, sum ? (double) v : 0, TRUE);
}

static void
s_decimal (CiroSink *sink, double v)
{
  Pdf *p = (Pdf *) sink;
  add_cell (p, ciro_number_format (v, 2, p->style), TRUE, FALSE, 0, FALSE);
}

static void
s_integer_kind (Pdf *p, gint64 v)
{
  guint col = p->row->len;
  gboolean sum = col >= MAX_COLUMNS || col >= p->n_cols || p->col_kind[col] == CIRO_COLUMN_COUNT;

  add_cell (p, ciro_count_format (v, p->style), TRUE, sum, sum ? (double) v : 0, FALSE);
}

static void
s_date (CiroSink *sink, CiroDay day)
{
  add_cell_full ((Pdf *) sink, ciro_day_to_string (day), FALSE, TRUE, FALSE, 0, FALSE);
}

static void
s_datetime (CiroSink *sink, CiroDay day, gint32 seconds)
{
  char d[11];
  add_cell_full ((Pdf *) sink, g_strdup_printf ("%s %02d:%02d", ciro_day_format (day, d), seconds / 3600, seconds / 60 % 60),
                 FALSE, TRUE, FALSE, 0, FALSE);
}

static void
s_empty (CiroSink *sink)
{
  add_cell ((Pdf *) sink, g_strdup (""), TRUE, FALSE, 0, FALSE);
}

static void
s_end_row (CiroSink *sink)
{
  Pdf *p = (Pdf *) sink;
  GPtrArray *row = p->row;

  p->row = g_ptr_array_new_with_free_func (cell_free);
  if (!p->has_header && p->n_cols == 0)
    {
      /* a report without a header row (profit and loss): its first row is one */
      for (guint c = 0; c < row->len && c < MAX_COLUMNS; c++)
        p->names[p->n_cols++] = g_strdup (((Cell *) row->pdata[c])->text);
      p->has_header = TRUE;
      g_ptr_array_unref (row);
      return;
    }
  if (!p->measured)
    {
      g_ptr_array_add (p->held, row);
      if (p->held->len >= MEASURE_ROWS)
        flush_held (p);
    }
  else
    {
      draw_data_row (p, row);
      g_ptr_array_unref (row);
    }
  if ((p->rows_drawn & 0x3ff) == 0 && g_cancellable_is_cancelled (p->cancellable))
    p->sink.failed = TRUE;
  if (cairo_status (p->cr) != CAIRO_STATUS_SUCCESS)
    p->sink.failed = TRUE;
}

/* ---------------------------------------------------------- first page */

static void
kpis (Pdf *p, const CiroSummary *s)
{
  const char *labels[] = {
    _("Gross revenue"), _("Net revenue"), _("Net orders"), _("Profit"),
    _("Product cost"), _("Commission"), _("Shipping expense"), _("Profit margin"),
  };
  char *v[8];
  double cw = (p->w - 2 * MARGIN) / 4, ch = 40;
  /* as large as the narrowest box allows */
  g_autoptr(PangoFontDescription) big = pango_font_description_from_string (p->w > p->h ? FONT " Bold 12" : FONT " Bold 10");

  v[0] = ciro_money_format (s->gross_revenue, p->style);
  v[1] = ciro_money_format (s->net_revenue, p->style);
  v[2] = ciro_count_format (s->net_orders, p->style);
  v[3] = ciro_money_format (s->profit, p->style);
  v[4] = ciro_money_format (s->product_cost, p->style);
  v[5] = ciro_money_format (s->commission, p->style);
  v[6] = ciro_money_format (s->shipping_expense, p->style);
  v[7] = ciro_percent_format (s->margin_pct, 1, p->style);
  need (p, 2 * ch + 12, FALSE);
  for (guint i = 0; i < 8; i++)
    {
      double x = MARGIN + cw * (i % 4), y = p->y + ch * (i / 4);

      cairo_set_source_rgb (p->cr, 0.955, 0.96, 0.97);
      cairo_rectangle (p->cr, x + 2, y + 2, cw - 4, ch - 4);
      cairo_fill (p->cr);
      draw_text (p, labels[i], x + 8, y + 5, cw - 16, 0, p->font, 0.4);
      draw_text (p, v[i], x + 8, y + 17, cw - 16, 0, big, 0.1);
    }
  for (guint i = 0; i < 8; i++)
    g_free (v[i]);
  p->y += 2 * ch + 12;
}

static void
chart_at (Pdf *p, CiroChart *chart, double x, double y, double w, double h, const char *title)
{
  CiroChartStyle style;

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
 * marketplaces by net revenue, drawn by the same code. */
static gboolean
charts (Pdf *p, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  g_autoptr(GArray) daily = ciro_report_daily (store, f, error);
  g_autoptr(GArray) mps = NULL;
  g_autoptr(CiroChart) line = ciro_chart_new (CIRO_CHART_LINE);
  g_autoptr(CiroChart) bars = ciro_chart_new (CIRO_CHART_BARS);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree double *a = NULL;
  g_autofree double *b = NULL;
  g_autofree double *m = NULL;
  CiroReportFilter all = { f->from, f->to, NULL };
  gboolean wide = p->w > p->h;
  double cw = wide ? (p->w - 2 * MARGIN - 24) / 2 : p->w - 2 * MARGIN, chh = 170;

  if (daily == NULL || (mps = ciro_report_marketplaces (store, &all, error)) == NULL)
    return FALSE;
  a = g_new0 (double, MAX (daily->len, 1));
  b = g_new0 (double, MAX (daily->len, 1));
  for (guint i = 0; i < daily->len; i++)
    {
      CiroDailyRow *r = &g_array_index (daily, CiroDailyRow, i);
      g_ptr_array_add (labels, ciro_day_to_string (r->date));
      a[i] = (double) r->s.net_revenue;
      b[i] = (double) r->s.profit;
    }
  ciro_chart_set_labels (line, (const char * const *) labels->pdata, daily->len);
  ciro_chart_add_series (line, _("Net revenue"), a, daily->len, TRUE);
  ciro_chart_add_series (line, _("Profit"), b, daily->len, TRUE);
  m = g_new0 (double, MAX (mps->len, 1));
  for (guint i = 0; i < mps->len; i++)
    {
      CiroMarketplaceRow *r = &g_array_index (mps, CiroMarketplaceRow, i);
      g_ptr_array_add (names, r->marketplace);
      m[i] = (double) r->s.net_revenue;
    }
  ciro_chart_set_labels (bars, (const char * const *) names->pdata, mps->len);
  ciro_chart_add_series (bars, _("Net revenue"), m, mps->len, TRUE);

  if (wide)
    {
      need (p, chh + 12, FALSE);
      chart_at (p, line, MARGIN, p->y, cw, chh, _("Net revenue and profit by day"));
      chart_at (p, bars, MARGIN + cw + 24, p->y, cw, chh, _("Net revenue by marketplace"));
      p->y += chh + 12;
    }
  else
    {
      need (p, chh + 8, FALSE);
      chart_at (p, line, MARGIN, p->y, cw, chh, _("Net revenue and profit by day"));
      p->y += chh + 8;
      need (p, chh * 0.8 + 12, FALSE);
      chart_at (p, bars, MARGIN, p->y, cw, chh * 0.8, _("Net revenue by marketplace"));
      p->y += chh * 0.8 + 12;
    }
  return TRUE;
}

static void
section_title (Pdf *p, const char *title)
{
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT " Bold 11");
  need (p, 60, FALSE);
  draw_text (p, title, MARGIN, p->y, p->w - 2 * MARGIN, 0, font, 0.1);
  p->y += 20;
}

/* The daily totals after the sales lines, as the workbook's third sheet. */
static gboolean
daily_totals (Pdf *p, CiroStore *store, const CiroReportFilter *f, GError **error)
{
  section_title (p, _("Daily totals"));
  if (!ciro_export_write_daily (&p->sink, store, f, error))
    return FALSE;
  end_table (p, TRUE);
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
    case CIRO_EXPORT_CUSTOMERS:
    default: return _("Customer list");
    }
}

/* ---------------------------------------------------------- writing */

static cairo_status_t
write_fd (void *closure, const unsigned char *data, unsigned int length)
{
  int fd = GPOINTER_TO_INT (closure);

  while (length > 0)
    {
      ssize_t n = write (fd, data, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return CAIRO_STATUS_WRITE_ERROR;
      data += n;
      length -= (unsigned int) n;
    }
  return CAIRO_STATUS_SUCCESS;
}

static char *
range_text (const CiroReportFilter *f)
{
  char a[11], b[11];
  g_autofree char *days = g_strdup_printf ("%s – %s", ciro_day_format (f->from, a), ciro_day_format (f->to, b));

  if (f->marketplace != NULL)
    return g_strdup_printf ("%s · %s", days, f->marketplace);
  /* TRANSLATORS: the days of a report, and that it covers every marketplace */
  return g_strdup_printf (_("%s · all marketplaces"), days);
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
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *now_text = g_date_time_format (now, "%Y-%m-%d %H:%M");
  g_autofree char *name = NULL;
  Pdf p = {
    { s_header, s_text, s_integer, s_money, s_decimal, s_decimal, s_date, s_datetime, s_empty, s_end_row, FALSE },
  };
  CiroSummary summary;
  gboolean ok = TRUE, landscape = kind == CIRO_EXPORT_SALES || kind == CIRO_EXPORT_PRODUCTS;
  cairo_status_t status;
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

  p.style = style;
  p.cancellable = cancellable;
  p.w = landscape ? A4_LONG : A4_SHORT;
  p.h = landscape ? A4_SHORT : A4_LONG;
  p.surface = cairo_pdf_surface_create_for_stream (write_fd, GINT_TO_POINTER (fd), p.w, p.h);
  name = ciro_store_get_setting (store, CIRO_SETTING_STORE_NAME);
  p.store_name = g_strdup_printf ("Ciro · %s", name && *name ? name : _("My store"));
  p.title = g_strdup (report_title (kind));
  p.range = range_text (filter);
  /* TRANSLATORS: when a PDF report was made */
  p.generated = g_strdup_printf (_("Generated %s"), now_text);
  cairo_pdf_surface_set_metadata (p.surface, CAIRO_PDF_METADATA_TITLE, p.title);
  cairo_pdf_surface_set_metadata (p.surface, CAIRO_PDF_METADATA_CREATOR, "Ciro " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (p.surface, CAIRO_PDF_METADATA_SUBJECT, p.range);
  p.cr = cairo_create (p.surface);
  p.layout = pango_cairo_create_layout (p.cr);
  p.font = pango_font_description_from_string (FONT " 7.5");
  p.bold = pango_font_description_from_string (FONT " Bold 7.5");
  p.cell_font = pango_font_description_copy (p.font);
  p.cell_bold = pango_font_description_copy (p.bold);
  p.row_h = ROW_H;
  p.row = g_ptr_array_new_with_free_func (cell_free);
  p.held = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  new_page (&p, FALSE);
  ok = ciro_report_summary (store, filter, &summary, error);
  if (ok)
    {
      kpis (&p, &summary);
      ok = charts (&p, store, filter, error);
    }
  if (ok)
    {
      section_title (&p, p.title);
      begin_table (&p);
      ok = ciro_export_write_report (&p.sink, store, kind, filter, cancellable, error);
    }
  if (ok && !p.sink.failed)
    {
      end_table (&p, kind != CIRO_EXPORT_PNL);
      if (kind == CIRO_EXPORT_SALES)
        ok = daily_totals (&p, store, filter, error);
    }
  if (ok && !p.sink.failed && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  if (ok && p.sink.failed && g_cancellable_set_error_if_cancelled (cancellable, error))
    ok = FALSE;
  end_page (&p);
  g_object_unref (p.layout);
  cairo_destroy (p.cr);
  cairo_surface_finish (p.surface);
  status = cairo_surface_status (p.surface);
  cairo_surface_destroy (p.surface);
  if (ok && (p.sink.failed || status != CAIRO_STATUS_SUCCESS || fsync (fd) != 0))
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE, _("Cannot write %s: %s"), path,
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status) : g_strerror (saved));
      ok = FALSE;
    }
  if (close (fd) != 0 && ok)
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE, _("Cannot write %s: %s"), path,
                   g_strerror (saved));
      ok = FALSE;
    }
  /* mkstemp made it private; an export is an ordinary document */
  if (ok)
    g_chmod (tmpl, 0644);
  if (ok && g_rename (tmpl, path) != 0)
    {
      int saved = errno;
      g_set_error (error, CIRO_EXPORT_ERROR, CIRO_EXPORT_ERROR_WRITE, _("Cannot write %s: %s"), path,
                   g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmpl);

  for (guint c = 0; c < p.n_cols; c++)
    g_free (p.names[c]);
  g_ptr_array_unref (p.row);
  g_ptr_array_unref (p.held);
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
