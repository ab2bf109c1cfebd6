/* ciro-figure-row.h: a titled row of a boxed list with one figure at its
 * end, and optionally the colour of its part of a chart at its start
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CIRO_TYPE_FIGURE_ROW (ciro_figure_row_get_type ())
G_DECLARE_FINAL_TYPE (CiroFigureRow, ciro_figure_row, CIRO, FIGURE_ROW, AdwActionRow)

/* `subtitle` may be NULL; `css` is a style class of the figure ("success",
 * "error", "accent") or NULL. */
GtkWidget  *ciro_figure_row_new        (const char    *title,
                                        const char    *subtitle,
                                        const char    *value,
                                        const char    *css);
const char *ciro_figure_row_get_value  (CiroFigureRow *self);
void        ciro_figure_row_set_value  (CiroFigureRow *self,
                                        const char    *value);
/* The colour of a chart's part `index` (the chart-swatch-N style classes). */
void        ciro_figure_row_set_swatch (CiroFigureRow *self,
                                        guint          index);

G_END_DECLS
