/* ciro-chart-view.h: a chart in the window, in the theme's colours, with
 * hover and a text alternative
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "charts/ciro-chart.h"

G_BEGIN_DECLS

#define CIRO_TYPE_CHART_VIEW (ciro_chart_view_get_type ())
G_DECLARE_FINAL_TYPE (CiroChartView, ciro_chart_view, CIRO, CHART_VIEW, GtkWidget)

GtkWidget       *ciro_chart_view_new       (void);
/* Takes the chart. */
void             ciro_chart_view_set_chart (CiroChartView *self, CiroChart *chart);
const CiroChart *ciro_chart_view_get_chart (CiroChartView *self);
int              ciro_chart_view_get_hover (CiroChartView *self);
/* The colours drawn with, read from the theme. */
void             ciro_chart_view_get_style (CiroChartView *self, CiroChartStyle *style);

G_END_DECLS
