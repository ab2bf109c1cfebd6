/* ciro-heat-grid.c: cells shaded and sized by two figures
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "ciro-heat-grid.h"

typedef struct {
  double shade;
  double size;
  char  *text;
} Cell;

struct _CiroHeatGrid {
  guint  n_rows, n_cols;
  char  *title;
  char  *rows_axis, *cols_axis;
  char **row_labels;
  char **col_labels;
  double row_label_w;
  Cell  *cells;
};

/* margins: a title line, the axis names and labels, in pixels */
#define TITLE_H 22.0
#define COL_LABEL_H 20.0
#define AXIS_H 18.0
#define ROW_LABEL_W (self->row_label_w)
#define GAP 2.0

CiroHeatGrid *
ciro_heat_grid_new (guint n_rows, guint n_cols)
{
  CiroHeatGrid *self = g_new0 (CiroHeatGrid, 1);

  self->n_rows = n_rows;
  self->n_cols = n_cols;
  self->row_label_w = 64;
  self->row_labels = g_new0 (char *, n_rows + 1);
  self->col_labels = g_new0 (char *, n_cols + 1);
  self->cells = g_new0 (Cell, MAX (1, n_rows * n_cols));
  for (guint i = 0; i < n_rows * n_cols; i++)
    self->cells[i].shade = NAN;
  return self;
}

void
ciro_heat_grid_free (CiroHeatGrid *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < self->n_rows * self->n_cols; i++)
    g_free (self->cells[i].text);
  g_free (self->cells);
  g_strfreev (self->row_labels);
  g_strfreev (self->col_labels);
  g_free (self->title);
  g_free (self->rows_axis);
  g_free (self->cols_axis);
  g_free (self);
}

guint
ciro_heat_grid_get_n_rows (const CiroHeatGrid *self)
{
  return self->n_rows;
}

guint
ciro_heat_grid_get_n_cols (const CiroHeatGrid *self)
{
  return self->n_cols;
}

void
ciro_heat_grid_set_title (CiroHeatGrid *self, const char *title)
{
  g_free (self->title);
  self->title = g_strdup (title);
}

void
ciro_heat_grid_set_axes (CiroHeatGrid *self, const char *rows, const char *cols)
{
  g_free (self->rows_axis);
  g_free (self->cols_axis);
  self->rows_axis = g_strdup (rows);
  self->cols_axis = g_strdup (cols);
}

void
ciro_heat_grid_set_row_label (CiroHeatGrid *self, guint row, const char *label)
{
  g_return_if_fail (row < self->n_rows);
  g_free (self->row_labels[row]);
  self->row_labels[row] = g_strdup (label);
}

void
ciro_heat_grid_set_row_label_width (CiroHeatGrid *self, double width)
{
  self->row_label_w = MAX (0, width);
}

void
ciro_heat_grid_set_col_label (CiroHeatGrid *self, guint col, const char *label)
{
  g_return_if_fail (col < self->n_cols);
  g_free (self->col_labels[col]);
  self->col_labels[col] = g_strdup (label);
}

void
ciro_heat_grid_set_cell (CiroHeatGrid *self, guint row, guint col, double shade, double size, const char *text)
{
  Cell *c;

  g_return_if_fail (row < self->n_rows && col < self->n_cols);
  c = &self->cells[row * self->n_cols + col];
  c->shade = isnan (shade) ? NAN : CLAMP (shade, 0.0, 1.0);
  c->size = CLAMP (size, 0.0, 1.0);
  g_free (c->text);
  c->text = g_strdup (text);
}

const char *
ciro_heat_grid_get_text (const CiroHeatGrid *self, guint row, guint col)
{
  g_return_val_if_fail (row < self->n_rows && col < self->n_cols, NULL);
  return self->cells[row * self->n_cols + col].text;
}

double
ciro_heat_grid_get_shade (const CiroHeatGrid *self, guint row, guint col)
{
  g_return_val_if_fail (row < self->n_rows && col < self->n_cols, NAN);
  return self->cells[row * self->n_cols + col].shade;
}

double
ciro_heat_grid_get_size (const CiroHeatGrid *self, guint row, guint col)
{
  g_return_val_if_fail (row < self->n_rows && col < self->n_cols, 0);
  return self->cells[row * self->n_cols + col].size;
}

static void
plot_area (const CiroHeatGrid *self, double width, double height, double *x, double *y, double *w, double *h)
{
  double top = (self->title != NULL ? TITLE_H : 0) + (self->cols_axis != NULL ? AXIS_H : 0) + COL_LABEL_H;
  double left = ROW_LABEL_W + (self->rows_axis != NULL ? AXIS_H : 0);

  *x = MIN (left, width / 3);
  *y = MIN (top, height / 3);
  *w = MAX (0, width - *x);
  *h = MAX (0, height - *y);
}

void
ciro_heat_grid_cell_area (const CiroHeatGrid *self, double width, double height, guint row, guint col,
                          double *x, double *y, double *w, double *h)
{
  double px, py, pw, ph, cw, ch;

  plot_area (self, width, height, &px, &py, &pw, &ph);
  cw = self->n_cols > 0 ? pw / self->n_cols : 0;
  ch = self->n_rows > 0 ? ph / self->n_rows : 0;
  *x = px + col * cw + GAP / 2;
  *y = py + row * ch + GAP / 2;
  *w = MAX (0, cw - GAP);
  *h = MAX (0, ch - GAP);
}

int
ciro_heat_grid_hit (const CiroHeatGrid *self, double width, double height, double x, double y)
{
  double px, py, pw, ph;
  guint row, col;

  plot_area (self, width, height, &px, &py, &pw, &ph);
  if (x < px || y < py || x >= px + pw || y >= py + ph || self->n_rows == 0 || self->n_cols == 0)
    return -1;
  col = MIN (self->n_cols - 1, (guint) ((x - px) / (pw / self->n_cols)));
  row = MIN (self->n_rows - 1, (guint) ((y - py) / (ph / self->n_rows)));
  return (int) (row * self->n_cols + col);
}

static void
show_text (cairo_t *cr, PangoLayout *pl, const char *text, double x, double y, double w, double h,
           PangoAlignment align, const CiroRgba *color)
{
  PangoRectangle r;

  if (text == NULL || w < 4 || h < 4)
    return;
  pango_layout_set_text (pl, text, -1);
  pango_layout_set_width (pl, (int) (w * PANGO_SCALE));
  pango_layout_set_height (pl, (int) (h * PANGO_SCALE));
  pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (pl, align);
  pango_layout_get_pixel_extents (pl, NULL, &r);
  cairo_set_source_rgba (cr, color->r, color->g, color->b, color->a);
  cairo_move_to (cr, x, y + MAX (0, (h - r.height) / 2));
  pango_cairo_show_layout (cr, pl);
}

/* Whether `text` shows whole in w × h: each word on a line of its own at
 * most, the lines wrapped at words. */
static gboolean
text_fits (PangoLayout *pl, const char *text, double w, double h)
{
  g_auto(GStrv) words = NULL;
  PangoRectangle r;

  if (text == NULL || *text == '\0')
    return TRUE;
  if (w < 4 || h < 4)
    return FALSE;
  pango_layout_set_width (pl, -1);
  pango_layout_set_height (pl, -1);
  pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_NONE);
  words = g_strsplit_set (text, " \n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      pango_layout_set_text (pl, words[i], -1);
      pango_layout_get_pixel_extents (pl, NULL, &r);
      if (r.width > w)
        return FALSE;
    }
  pango_layout_set_text (pl, text, -1);
  pango_layout_set_width (pl, (int) (w * PANGO_SCALE));
  pango_layout_set_wrap (pl, PANGO_WRAP_WORD);
  pango_layout_get_pixel_extents (pl, NULL, &r);
  return r.height <= h;
}

gboolean
ciro_heat_grid_texts_fit (const CiroHeatGrid *self, double width, double height, const CiroChartStyle *style)
{
  /* the layout the drawing makes: the cairo font map at its resolution */
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *pl = pango_layout_new (context);
  PangoFontDescription *font = pango_font_description_from_string (style->font != NULL ? style->font : "Sans 9");
  gboolean fits = TRUE;

  pango_layout_set_font_description (pl, font);
  pango_font_description_free (font);
  for (guint r = 0; r < self->n_rows && fits; r++)
    for (guint c = 0; c < self->n_cols && fits; c++)
      {
        double x, y, w, h;

        ciro_heat_grid_cell_area (self, width, height, r, c, &x, &y, &w, &h);
        /* the box show_text gets in the drawing */
        fits = text_fits (pl, self->cells[r * self->n_cols + c].text, w - 4, h - 2);
      }
  g_object_unref (pl);
  g_object_unref (context);
  return fits;
}

void
ciro_heat_grid_draw (const CiroHeatGrid   *self,
                     cairo_t              *cr,
                     double                width,
                     double                height,
                     const CiroChartStyle *style,
                     int                   selected)
{
  g_autoptr(PangoLayout) pl = NULL;
  PangoFontDescription *font = pango_font_description_from_string (style->font != NULL ? style->font : "Sans 9");
  const CiroRgba *fill = &style->colors[0];
  CiroRgba light = { 1, 1, 1, 1 };
  double px, py, pw, ph, cw, ch, top = 0;

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (style->background.a > 0)
    {
      cairo_set_source_rgba (cr, style->background.r, style->background.g, style->background.b,
                             style->background.a);
      cairo_paint (cr);
    }
  pl = pango_cairo_create_layout (cr);
  pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (pl, font);
  if (self->title != NULL)
    {
      show_text (cr, pl, self->title, 0, 0, width, TITLE_H, PANGO_ALIGN_LEFT, &style->foreground);
      top += TITLE_H;
    }
  pango_font_description_set_weight (font, PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (pl, font);
  plot_area (self, width, height, &px, &py, &pw, &ph);
  cw = self->n_cols > 0 ? pw / self->n_cols : 0;
  ch = self->n_rows > 0 ? ph / self->n_rows : 0;
  if (self->cols_axis != NULL)
    show_text (cr, pl, self->cols_axis, px, top, pw, AXIS_H, PANGO_ALIGN_CENTER, &style->foreground);
  if (self->rows_axis != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, 0, py + ph);
      cairo_rotate (cr, -G_PI / 2);
      show_text (cr, pl, self->rows_axis, 0, 0, ph, AXIS_H, PANGO_ALIGN_CENTER, &style->foreground);
      cairo_restore (cr);
    }
  for (guint c = 0; c < self->n_cols; c++)
    show_text (cr, pl, self->col_labels[c], px + c * cw, py - COL_LABEL_H, cw, COL_LABEL_H, PANGO_ALIGN_CENTER,
               &style->foreground);
  for (guint r = 0; r < self->n_rows; r++)
    show_text (cr, pl, self->row_labels[r], px - ROW_LABEL_W + 2, py + r * ch, ROW_LABEL_W - 6, ch,
               PANGO_ALIGN_RIGHT, &style->foreground);

  for (guint r = 0; r < self->n_rows; r++)
    for (guint c = 0; c < self->n_cols; c++)
      {
        const Cell *cell = &self->cells[r * self->n_cols + c];
        double x, y, w, h;
        const CiroRgba *ink = &style->foreground;

        ciro_heat_grid_cell_area (self, width, height, r, c, &x, &y, &w, &h);
        /* the cell's frame, faint */
        cairo_set_source_rgba (cr, style->grid.r, style->grid.g, style->grid.b, style->grid.a);
        cairo_rectangle (cr, x, y, w, h);
        cairo_fill (cr);
        if (!isnan (cell->shade))
          {
            /* a square whose area is `size` of the cell's, at least a sliver */
            double k = sqrt (MAX (cell->size, 0.04));
            double sw = w * k, sh = h * k;
            cairo_set_source_rgba (cr, fill->r, fill->g, fill->b, 0.15 + 0.85 * cell->shade);
            cairo_rectangle (cr, x + (w - sw) / 2, y + (h - sh) / 2, sw, sh);
            cairo_fill (cr);
            if (cell->shade > 0.55 && k > 0.7)
              ink = &light;
          }
        if ((int) (r * self->n_cols + c) == selected)
          {
            cairo_set_source_rgba (cr, style->foreground.r, style->foreground.g, style->foreground.b, 0.9);
            cairo_set_line_width (cr, 2);
            cairo_rectangle (cr, x + 1, y + 1, w - 2, h - 2);
            cairo_stroke (cr);
          }
        show_text (cr, pl, cell->text, x + 2, y + 1, w - 4, h - 2, PANGO_ALIGN_CENTER, ink);
      }
  pango_font_description_free (font);
  cairo_restore (cr);
}
