/* ciro-chart.h: charts drawn with cairo, for the window and for PDF pages
 *
 * The model holds the numbers; drawing takes any cairo context, so the
 * window (through GtkSnapshot) and the PDF export draw the same picture.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "core/ciro-money.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_CHART_LINE,      /* series over x labels (days), the first one filled */
  CIRO_CHART_BARS,      /* horizontal bars, one per label, or a group of one a
                         * series (a legend names them); negative ones run
                         * left of the zero line */
  CIRO_CHART_DONUT,     /* slices of the first series, one per label */
  CIRO_CHART_SPARKLINE, /* the first series as a bare line, for a KPI card */
  CIRO_CHART_STACKED,   /* a column per label, the series stacked in it:
                         * positive values up from zero, negative ones down */
} CiroChartKind;

typedef struct {
  double r, g, b, a;
} CiroRgba;

#define CIRO_CHART_N_COLORS 10

typedef struct {
  CiroRgba        foreground;
  CiroRgba        background;   /* a == 0: leave the surface as it is */
  CiroRgba        grid;
  CiroRgba        colors[CIRO_CHART_N_COLORS];
  const char     *font;         /* Pango description, "Sans 9" */
  CiroNumberStyle number_style;
} CiroChartStyle;

typedef struct _CiroChart CiroChart;

CiroChart *ciro_chart_new         (CiroChartKind kind);
void       ciro_chart_free        (CiroChart *self);
CiroChartKind ciro_chart_get_kind (const CiroChart *self);
void       ciro_chart_set_title   (CiroChart *self, const char *title);
/* Labels of the x points, bars or slices; copied. */
void       ciro_chart_set_labels  (CiroChart *self, const char * const *labels, guint n);
/* Values (money in kuruş when `money`, else counts) for each label. */
void       ciro_chart_add_series  (CiroChart *self, const char *name, const double *values, guint n,
                                   gboolean money);
/* A line chart's shaded interval (an 80 % band around a forecast), one
 * low/high pair per label, NAN where there is none; drawn in the second
 * series' colour under the lines. Call after set_labels. */
void       ciro_chart_set_band    (CiroChart *self, const double *low, const double *high, guint n);
/* The palette colour of each part: of slice i for a donut, of series i
 * otherwise (by default i itself), so that one figure keeps its colour
 * from chart to chart. */
void       ciro_chart_set_colors  (CiroChart *self, const guint *colors, guint n);
/* The palette colour of slice or series i. */
guint      ciro_chart_get_color   (const CiroChart *self, guint i);
guint      ciro_chart_get_n_points (const CiroChart *self);
guint      ciro_chart_get_n_series (const CiroChart *self);
const char *ciro_chart_get_series_name (const CiroChart *self, guint series);
/* Value `index` of `series`, NAN when there is none. */
double     ciro_chart_get_value   (const CiroChart *self, guint series, guint index);
gboolean   ciro_chart_is_empty    (const CiroChart *self);

/* A light style with a blue/green palette; callers override colours. */
void       ciro_chart_style_init  (CiroChartStyle *style);

/* Draws into (0, 0, width, height) of cr; `hover` is a point index to
 * mark, or -1. The title (when set) heads the chart; a line chart names
 * its series in a legend; no text leaves the rectangle. */
void       ciro_chart_draw        (const CiroChart      *self,
                                   cairo_t              *cr,
                                   double                width,
                                   double                height,
                                   const CiroChartStyle *style,
                                   int                   hover);
/* The point, bar or slice under (x, y), or -1 (in the font last drawn with). */
int        ciro_chart_hit         (const CiroChart *self, double width, double height, double x, double y);
/* The bar under (x, y) of a bar chart (its label's index) and its series
 * in `series`; -1 off every bar. */
int        ciro_chart_hit_bar     (const CiroChart *self, double width, double height, double x, double y,
                                   guint *series);
/* Where value `index` of `series` is drawn: the point of a line, the end
 * of a bar; for a donut the angles (radians, clockwise from 12 o'clock) in
 * x and y. FALSE when there is no such value. */
gboolean   ciro_chart_locate      (const CiroChart *self, double width, double height,
                                   guint series, guint index, double *x, double *y);
/* What a text the chart draws is. */
typedef enum {
  CIRO_CHART_TEXT_TITLE,      /* the chart's title, above everything */
  CIRO_CHART_TEXT_LEGEND,     /* a series' swatch and name; index: the series */
  CIRO_CHART_TEXT_X_LABEL,    /* index: the point it names */
  CIRO_CHART_TEXT_Y_LABEL,    /* index: the tick, from the lowest */
  CIRO_CHART_TEXT_BAR_LABEL,  /* index: the bar */
  CIRO_CHART_TEXT_VALUE,      /* a bar's value (index: label × series count + series),
                               * a donut's total */
  CIRO_CHART_TEXT_EMPTY,      /* "No data for this range" */
} CiroChartTextKind;

typedef struct {
  CiroChartTextKind kind;
  guint             index;
  double            x, y, width, height;  /* the box it is drawn in (a legend's swatch included) */
  char             *text;                 /* the whole text (drawn ellipsized when it does not fit) */
} CiroChartText;

void       ciro_chart_text_free   (CiroChartText *text);
/* Every text drawn at width × height in `style`'s font, where it is drawn:
 * the layout the drawing uses, for tests and for accessibility. */
GPtrArray *ciro_chart_get_texts   (const CiroChart *self, double width, double height,
                                   const CiroChartStyle *style);
/* The plot area (lines, bars, the donut's square) at width × height. */
void       ciro_chart_get_plot_area (const CiroChart *self, double width, double height,
                                     const CiroChartStyle *style,
                                     double *x, double *y, double *w, double *h);
/* One line per point: "label: series value, …" for a tooltip. */
char      *ciro_chart_point_text  (const CiroChart *self, guint index, CiroNumberStyle style);
/* The data in words, for screen readers. */
char      *ciro_chart_describe    (const CiroChart *self, CiroNumberStyle style);

/* Axis ticks at 1, 2 or 5 × 10ⁿ covering [min, max] in about `target` steps. */
void       ciro_chart_nice_ticks  (double min, double max, guint target,
                                   double *lo, double *hi, double *step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroChart, ciro_chart_free)

G_END_DECLS
