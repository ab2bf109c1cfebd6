/* ciro-heat-grid.h: a grid of cells shaded by one figure and filled to
 * the size of another (the R × F segment map, the cohort table), drawn
 * with cairo like the other charts, for the window and for PDF pages
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "charts/ciro-chart.h"

G_BEGIN_DECLS

typedef struct _CiroHeatGrid CiroHeatGrid;

CiroHeatGrid *ciro_heat_grid_new        (guint n_rows, guint n_cols);
void          ciro_heat_grid_free       (CiroHeatGrid *self);
guint         ciro_heat_grid_get_n_rows (const CiroHeatGrid *self);
guint         ciro_heat_grid_get_n_cols (const CiroHeatGrid *self);
void          ciro_heat_grid_set_title  (CiroHeatGrid *self, const char *title);
/* Names of the axes: left of the rows' labels, above the columns' ones. */
void          ciro_heat_grid_set_axes   (CiroHeatGrid *self, const char *rows, const char *cols);
void          ciro_heat_grid_set_row_label (CiroHeatGrid *self, guint row, const char *label);
/* The width (pixels) the rows' labels get; 64 by default. */
void          ciro_heat_grid_set_row_label_width (CiroHeatGrid *self, double width);
void          ciro_heat_grid_set_col_label (CiroHeatGrid *self, guint col, const char *label);
/* A cell: `shade` 0..1 is how deep its colour is (NAN: an empty cell, not
 * drawn), `size` 0..1 the share of the cell its colour fills (a square
 * centred in it, its area proportional), `text` what it says (copied; may
 * hold a line break; NULL for none). */
void          ciro_heat_grid_set_cell   (CiroHeatGrid *self, guint row, guint col, double shade, double size,
                                         const char *text);
const char   *ciro_heat_grid_get_text   (const CiroHeatGrid *self, guint row, guint col);
double        ciro_heat_grid_get_shade  (const CiroHeatGrid *self, guint row, guint col);
double        ciro_heat_grid_get_size   (const CiroHeatGrid *self, guint row, guint col);

/* Draws into (0, 0, width, height) of cr; `selected` (row × n_cols + col,
 * or -1) is outlined. */
void          ciro_heat_grid_draw       (const CiroHeatGrid   *self,
                                         cairo_t              *cr,
                                         double                width,
                                         double                height,
                                         const CiroChartStyle *style,
                                         int                   selected);
/* TRUE when every cell's text, drawn at width × height in `style`'s font,
 * shows whole: no word wider than its cell, the wrapped lines no taller
 * than it (else the drawing ellipsizes). */
gboolean      ciro_heat_grid_texts_fit  (const CiroHeatGrid   *self,
                                         double                width,
                                         double                height,
                                         const CiroChartStyle *style);
/* The cell (row × n_cols + col) under (x, y), or -1. */
int           ciro_heat_grid_hit        (const CiroHeatGrid *self, double width, double height, double x, double y);
/* Where cell (row, col) is drawn at width × height. */
void          ciro_heat_grid_cell_area  (const CiroHeatGrid *self, double width, double height, guint row, guint col,
                                         double *x, double *y, double *w, double *h);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroHeatGrid, ciro_heat_grid_free)

G_END_DECLS
