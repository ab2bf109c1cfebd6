/* ciro-kpi-grid.h: KPI cards in 4, 2 or 1 columns, never a lone card
 *
 * A row of figures reads as a row: four cards side by side when they fit,
 * else two by two, else one under another. A flow box would put three on
 * a line and leave the fourth alone under them.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CIRO_TYPE_KPI_GRID (ciro_kpi_grid_get_type ())
G_DECLARE_FINAL_TYPE (CiroKpiGrid, ciro_kpi_grid, CIRO, KPI_GRID, GtkWidget)

GtkWidget *ciro_kpi_grid_new         (void);
void       ciro_kpi_grid_append      (CiroKpiGrid *self,
                                      GtkWidget   *card);
void       ciro_kpi_grid_remove_all  (CiroKpiGrid *self);
/* How many columns the last allocation used (tests). */
guint      ciro_kpi_grid_get_columns (CiroKpiGrid *self);

G_END_DECLS
