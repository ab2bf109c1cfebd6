/* ciro-chart.c: line, bar and donut charts drawn with cairo and Pango
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "ciro-chart.h"

typedef struct {
  char    *name;
  double  *values;
  gboolean money;
} Series;

struct _CiroChart
{
  CiroChartKind kind;
  char         *title;
  GPtrArray    *labels;     /* char* */
  GPtrArray    *series;     /* Series* */
  char         *font;       /* the font and numbers last drawn in: hit-testing follows them */
  CiroNumberStyle number_style;
  double       *band_low;   /* a line chart's shaded interval; NAN: none there */
  double       *band_high;
  GArray       *colors;     /* guint: ciro_chart_set_colors (), or NULL */
};

static void
series_free (gpointer p)
{
  Series *s = p;
  g_free (s->name);
  g_free (s->values);
  g_free (s);
}

CiroChart *
ciro_chart_new (CiroChartKind kind)
{
  CiroChart *self = g_new0 (CiroChart, 1);
  self->kind = kind;
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (series_free);
  return self;
}

void
ciro_chart_free (CiroChart *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->font);
  g_ptr_array_unref (self->labels);
  g_ptr_array_unref (self->series);
  g_free (self->band_low);
  g_free (self->band_high);
  g_clear_pointer (&self->colors, g_array_unref);
  g_free (self);
}

CiroChartKind
ciro_chart_get_kind (const CiroChart *self)
{
  return self->kind;
}

void
ciro_chart_set_title (CiroChart *self, const char *title)
{
  g_free (self->title);
  self->title = g_strdup (title);
}

void
ciro_chart_set_labels (CiroChart *self, const char * const *labels, guint n)
{
  g_ptr_array_set_size (self->labels, 0);
  g_ptr_array_set_size (self->series, 0);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (self->labels, g_strdup (labels[i]));
}

void
ciro_chart_add_series (CiroChart *self, const char *name, const double *values, guint n, gboolean money)
{
  Series *s;

  g_return_if_fail (n == self->labels->len);
  s = g_new0 (Series, 1);
  s->name = g_strdup (name);
  s->values = g_memdup2 (values, sizeof (double) * MAX (n, 1));
  s->money = money;
  g_ptr_array_add (self->series, s);
}

void
ciro_chart_set_band (CiroChart *self, const double *low, const double *high, guint n)
{
  g_return_if_fail (self != NULL && n == self->labels->len);
  g_free (self->band_low);
  g_free (self->band_high);
  self->band_low = g_memdup2 (low, n * sizeof (double));
  self->band_high = g_memdup2 (high, n * sizeof (double));
}

void
ciro_chart_set_colors (CiroChart *self, const guint *colors, guint n)
{
  g_clear_pointer (&self->colors, g_array_unref);
  self->colors = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_array_append_vals (self->colors, colors, n);
}

guint
ciro_chart_get_color (const CiroChart *self, guint i)
{
  if (self->colors != NULL && i < self->colors->len)
    return g_array_index (self->colors, guint, i) % CIRO_CHART_N_COLORS;
  return i % CIRO_CHART_N_COLORS;
}

guint
ciro_chart_get_n_series (const CiroChart *self)
{
  return self->series->len;
}

const char *
ciro_chart_get_series_name (const CiroChart *self, guint series)
{
  g_return_val_if_fail (series < self->series->len, NULL);
  return ((Series *) self->series->pdata[series])->name;
}

double
ciro_chart_get_value (const CiroChart *self, guint series, guint index)
{
  if (series >= self->series->len || index >= self->labels->len)
    return NAN;
  return ((Series *) self->series->pdata[series])->values[index];
}

guint
ciro_chart_get_n_points (const CiroChart *self)
{
  return self->labels->len;
}

gboolean
ciro_chart_is_empty (const CiroChart *self)
{
  if (self->labels->len == 0 || self->series->len == 0)
    return TRUE;
  for (guint s = 0; s < self->series->len; s++)
    for (guint i = 0; i < self->labels->len; i++)
      {
        double v = ((Series *) self->series->pdata[s])->values[i];
        if (v != 0 && !isnan (v))
          return FALSE;
      }
  return TRUE;
}

void
ciro_chart_style_init (CiroChartStyle *style)
{
  static const CiroRgba colors[CIRO_CHART_N_COLORS] = {
    { 0.208, 0.518, 0.894, 1 },   /* blue */
    { 0.180, 0.761, 0.494, 1 },   /* green */
    { 0.965, 0.827, 0.176, 1 },   /* yellow */
    { 0.902, 0.380, 0.000, 1 },   /* orange */
    { 0.569, 0.255, 0.675, 1 },   /* purple */
    { 0.753, 0.110, 0.157, 1 },   /* red */
    { 0.110, 0.443, 0.847, 1 },   /* dark blue */
    { 0.710, 0.514, 0.353, 1 },   /* brown */
    { 0.467, 0.463, 0.482, 1 },   /* grey */
    { 0.388, 0.271, 0.173, 1 },   /* dark brown */
  };

  style->foreground = (CiroRgba) { 0.14, 0.14, 0.16, 1 };
  style->background = (CiroRgba) { 1, 1, 1, 0 };
  style->grid = (CiroRgba) { 0.14, 0.14, 0.16, 0.12 };
  for (guint i = 0; i < CIRO_CHART_N_COLORS; i++)
    style->colors[i] = colors[i];
  style->font = "Sans 9";
  style->number_style = CIRO_NUMBER_STYLE_ENGLISH;
}

/* ---------------------------------------------------------- numbers */

void
ciro_chart_nice_ticks (double min, double max, guint target, double *lo, double *hi, double *step)
{
  double range, raw, mag, norm, s;

  if (target < 1)
    target = 1;
  if (!(max > min))
    {
      max = min + (min == 0 ? 1 : fabs (min));
    }
  range = max - min;
  raw = range / target;
  mag = pow (10, floor (log10 (raw)));
  norm = raw / mag;
  s = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
  s *= mag;
  *step = s;
  *lo = floor (min / s) * s;
  *hi = ceil (max / s) * s;
  if (*hi == *lo)
    *hi = *lo + s;
}

static char *
format_value (const Series *s, double v, gboolean compact, CiroNumberStyle style)
{
  if (s == NULL || s->money)
    return compact ? ciro_money_format_compact ((CiroKurus) llround (v), style)
                   : ciro_money_format ((CiroKurus) llround (v), style);
  return ciro_count_format ((gint64) llround (v), style);
}

/* ---------------------------------------------------------- layout */

#define PAD 6.0
#define RIGHT_PAD 10.0     /* right of a line chart's plot */
#define BAR_LABEL_W 120.0
#define SWATCH 10.0        /* a legend's colour square */
#define SWATCH_GAP 4.0     /* between the square and the name */
#define LEGEND_GAP 12.0    /* between two legend entries */
#define LABEL_GAP 8.0      /* at least this between two axis labels */
#define HEADER_GAP 6.0     /* under the title and the legend */

typedef struct {
  double     x, y, w, h;         /* the plot area */
  double     lo, hi, step;       /* value axis */
  GPtrArray *texts;              /* CiroChartText*, in drawing order */
} Layout;

void
ciro_chart_text_free (CiroChartText *text)
{
  if (text == NULL)
    return;
  g_free (text->text);
  g_free (text);
}

/* Measures texts in one font, the same way for every surface: metrics not
 * hinted, 96 dpi, so that the window, the PDF and a test agree. */
typedef struct {
  PangoContext         *context;
  PangoFontDescription *font;
  PangoFontDescription *bold;
} Measure;

static void
measure_init (Measure *m, const char *font)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  m->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  pango_cairo_context_set_font_options (m->context, options);
  pango_cairo_context_set_resolution (m->context, 96);
  cairo_font_options_destroy (options);
  m->font = pango_font_description_from_string (font ? font : "Sans 9");
  m->bold = pango_font_description_copy (m->font);
  pango_font_description_set_weight (m->bold, PANGO_WEIGHT_BOLD);
}

static void
measure_clear (Measure *m)
{
  g_clear_object (&m->context);
  g_clear_pointer (&m->font, pango_font_description_free);
  g_clear_pointer (&m->bold, pango_font_description_free);
}

/* A layout of `text`, ellipsized at `max_width` when that is > 0. */
static PangoLayout *
measure_layout (Measure *m, const char *text, gboolean bold, double max_width)
{
  PangoLayout *pl = pango_layout_new (m->context);

  pango_layout_set_font_description (pl, bold ? m->bold : m->font);
  pango_layout_set_text (pl, text, -1);
  if (max_width > 0)
    {
      pango_layout_set_width (pl, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
    }
  return pl;
}

static void
measure_text (Measure *m, const char *text, gboolean bold, double max_width, double *w, double *h)
{
  PangoLayout *pl = measure_layout (m, text, bold, max_width);
  PangoRectangle r;

  pango_layout_get_extents (pl, NULL, &r);
  *w = (double) r.width / PANGO_SCALE;
  *h = (double) r.height / PANGO_SCALE;
  g_object_unref (pl);
}

/* A text whose left edge is x - w × align, vertically centred on cy, at
 * most max_width wide (0: any). */
static CiroChartText *
add_text (Layout *l, Measure *m, CiroChartTextKind kind, guint index, const char *text,
          double x, double cy, double align, double max_width)
{
  CiroChartText *t = g_new0 (CiroChartText, 1);

  t->kind = kind;
  t->index = index;
  t->text = g_strdup (text);
  measure_text (m, text, kind == CIRO_CHART_TEXT_TITLE, max_width, &t->width, &t->height);
  if (max_width > 0)
    t->width = MIN (t->width, max_width);
  t->x = x - t->width * align;
  t->y = cy - t->height / 2;
  g_ptr_array_add (l->texts, t);
  return t;
}

/* A stacked column's reach: the sum of its negative and of its positive
 * values. */
static void
stack_range (const CiroChart *self, guint i, double *neg, double *pos)
{
  *neg = 0, *pos = 0;
  for (guint s = 0; s < self->series->len; s++)
    {
      double v = ((Series *) self->series->pdata[s])->values[i];
      if (isnan (v))
        continue;
      if (v < 0)
        *neg += v;
      else
        *pos += v;
    }
}

/* Where series `series` of column i starts and ends (values, not pixels):
 * positive parts stacked up from zero in series order, negative parts
 * down. */
static void
stack_span (const CiroChart *self, guint series, guint i, double *from, double *to)
{
  double up = 0, down = 0;

  *from = *to = 0;
  for (guint s = 0; s <= series; s++)
    {
      double v = ((Series *) self->series->pdata[s])->values[i];
      if (isnan (v))
        v = 0;
      if (v >= 0)
        *from = up, *to = up + v, up += v;
      else
        *from = down, *to = down + v, down += v;
    }
}

static void
value_range (const CiroChart *self, double *min, double *max)
{
  *min = 0, *max = 0;
  if (self->kind == CIRO_CHART_STACKED)
    {
      for (guint i = 0; i < self->labels->len; i++)
        {
          double neg, pos;
          stack_range (self, i, &neg, &pos);
          *min = MIN (*min, neg), *max = MAX (*max, pos);
        }
      return;
    }
  for (guint s = 0; s < self->series->len; s++)
    for (guint i = 0; i < self->labels->len; i++)
      {
        double v = ((Series *) self->series->pdata[s])->values[i];
        if (isnan (v))
          continue;
        *min = MIN (*min, v);
        *max = MAX (*max, v);
      }
  for (guint i = 0; self->band_low != NULL && i < self->labels->len; i++)
    if (!isnan (self->band_low[i]) && !isnan (self->band_high[i]))
      {
        *min = MIN (*min, self->band_low[i]);
        *max = MAX (*max, self->band_high[i]);
      }
}

/* Whether the colours stand for series (a legend names them) rather than
 * for labels (a donut's slices, named beside it) or for nothing (one bar
 * series, its labels on the bars). */
static gboolean
has_legend (const CiroChart *self)
{
  return (self->kind == CIRO_CHART_LINE || self->kind == CIRO_CHART_STACKED ||
          (self->kind == CIRO_CHART_BARS && self->series->len > 1)) && self->series->len > 0 &&
         !ciro_chart_is_empty (self);
}

static double
donut_total (const CiroChart *self)
{
  const Series *s = self->series->len ? self->series->pdata[0] : NULL;
  double total = 0;
  for (guint i = 0; s && i < self->labels->len; i++)
    total += MAX (0, s->values[i]);
  return total;
}

static gboolean
chart_is_empty (const CiroChart *self)
{
  return ciro_chart_is_empty (self) || (self->kind == CIRO_CHART_DONUT && donut_total (self) <= 0);
}

/* The title, and the legend beside it when both fit on one line, else
 * under it, entries flowing onto as many lines as they need. Returns the
 * height taken. */
static double
layout_header (const CiroChart *self, Layout *l, Measure *m, double width)
{
  double y = 0, title_w = 0, title_h = 0, line_h, total = 0, x;
  g_autofree double *entry_w = NULL;
  guint n = has_legend (self) ? self->series->len : 0;
  CiroChartText *title = NULL;

  measure_text (m, "Ag", FALSE, 0, &x, &line_h);
  if (self->title != NULL && *self->title != '\0')
    measure_text (m, self->title, TRUE, 0, &title_w, &title_h);
  entry_w = g_new0 (double, MAX (n, 1));
  for (guint s = 0; s < n; s++)
    {
      double w, h;
      measure_text (m, ((Series *) self->series->pdata[s])->name, FALSE, 0, &w, &h);
      entry_w[s] = SWATCH + SWATCH_GAP + w;
      total += entry_w[s] + (s ? LEGEND_GAP : 0);
    }
  if (title_h == 0 && n == 0)
    return 0;

  if (title_h > 0)
    {
      double room = width;
      /* the legend on the title's line, at its right end, when both fit */
      if (n > 0 && title_w + 2 * LEGEND_GAP + total <= width)
        room = width - total - 2 * LEGEND_GAP;
      title = add_text (l, m, CIRO_CHART_TEXT_TITLE, 0, self->title, 0, title_h / 2, 0, room < width ? room : width);
      if (room < width)
        {
          x = width - total;
          for (guint s = 0; s < n; s++)
            {
              CiroChartText *t = add_text (l, m, CIRO_CHART_TEXT_LEGEND, s, ((Series *) self->series->pdata[s])->name,
                                           x + SWATCH + SWATCH_GAP, title_h / 2, 0, 0);
              t->x -= SWATCH + SWATCH_GAP, t->width += SWATCH + SWATCH_GAP;
              x += entry_w[s] + LEGEND_GAP;
            }
          return MAX (title_h, line_h) + HEADER_GAP;
        }
      y = title->height + 2;
    }
  /* the legend on lines of its own, left to right */
  x = 0;
  for (guint s = 0; s < n; s++)
    {
      double max_text = width - SWATCH - SWATCH_GAP;
      CiroChartText *t;

      if (x > 0 && x + entry_w[s] > width)
        x = 0, y += line_h + 2;
      t = add_text (l, m, CIRO_CHART_TEXT_LEGEND, s, ((Series *) self->series->pdata[s])->name,
                    x + SWATCH + SWATCH_GAP, y + line_h / 2, 0, entry_w[s] > width ? max_text : 0);
      t->x -= SWATCH + SWATCH_GAP, t->width += SWATCH + SWATCH_GAP;
      x += t->width + LEGEND_GAP;
    }
  return y + (n > 0 ? line_h : 0) + HEADER_GAP;
}

static double
y_of (const Layout *l, double v)
{
  return l->y + l->h - (v - l->lo) / (l->hi - l->lo) * l->h;
}

static double
x_of (const Layout *l, guint i, guint n)
{
  return n <= 1 ? l->x + l->w / 2 : l->x + l->w * i / (n - 1);
}

/* x labels under a line chart: the first point's, then every k-th, k as
 * small as lets the widest sit apart, and the last point's always; a label
 * at the chart's edge moves inwards rather than being cut. Where the last
 * one meets the one before, that one gives way. */
static void
layout_x_labels (const CiroChart *self, Layout *l, Measure *m, double width, double cy)
{
  guint n = self->labels->len, every, sample = MAX (1u, n / 32);
  double widest = 0, step;
  g_autoptr(GArray) chosen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  if (n == 0)
    return;
  for (guint i = 0; i < n; i += sample)
    {
      double w, h;
      measure_text (m, self->labels->pdata[i], FALSE, 0, &w, &h);
      widest = MAX (widest, w);
    }
  step = n > 1 ? l->w / (n - 1) : l->w;
  /* the first label, moved inwards off the left edge, comes that much
   * closer to the second; the last one to the one before */
  every = n > 1 ? MAX (1, (guint) ceil ((widest + LABEL_GAP + MAX (0, widest / 2 - MIN (l->x, RIGHT_PAD))) / step)) : 1;
  for (guint i = 0; i < n; i += every)
    g_array_append_val (chosen, i);
  if (g_array_index (chosen, guint, chosen->len - 1) != n - 1)
    {
      guint last = n - 1;
      g_array_append_val (chosen, last);
    }

  for (guint k = 0; k < chosen->len; k++)
    {
      guint i = g_array_index (chosen, guint, k);
      CiroChartText *t = add_text (l, m, CIRO_CHART_TEXT_X_LABEL, i, self->labels->pdata[i],
                                   x_of (l, i, n), cy, 0.5, width);
      t->x = CLAMP (t->x, 0, MAX (0, width - t->width));
      g_ptr_array_add (texts, t);
    }
  /* where two meet (an edge label moved inwards, a wider label than
   * the ones measured): the last one stays, then the first, an interior
   * one gives way; of the first and the last, the last */
  for (gboolean changed = TRUE; changed;)
    {
      changed = FALSE;
      for (guint k = texts->len - 1; k >= 1 && !changed; k--)
        {
          CiroChartText *a = texts->pdata[k - 1], *b = texts->pdata[k];
          guint drop;

          if (a->x + a->width + LABEL_GAP <= b->x)
            continue;
          drop = texts->len == 2 ? 0 : k == texts->len - 1 ? k - 1 : k;
          g_ptr_array_remove (l->texts, texts->pdata[drop]);
          g_ptr_array_remove_index (texts, drop);
          changed = TRUE;
        }
    }
}

static void
layout_line (const CiroChart *self, Layout *l, Measure *m, double width, double height, double top,
             CiroNumberStyle style)
{
  double min, max, text_h, w;
  double widest = 0;
  guint n_ticks;

  value_range (self, &min, &max);
  measure_text (m, "0", FALSE, 0, &w, &text_h);
  /* the top tick's label is centred on the plot's top edge */
  l->y = MAX (PAD + 4, top + text_h / 2 + 2);
  l->h = MAX (1, height - l->y - text_h / 2 - 2 - text_h - 4);
  ciro_chart_nice_ticks (min, max, MAX (2, (guint) (l->h / 48)), &l->lo, &l->hi, &l->step);
  /* the value axis as wide as its widest label */
  n_ticks = (guint) llround ((l->hi - l->lo) / l->step) + 1;
  for (guint k = 0; k < n_ticks; k++)
    {
      g_autofree char *t = format_value (self->series->pdata[0], l->lo + k * l->step, TRUE, style);
      double tw, th;
      measure_text (m, t, FALSE, 0, &tw, &th);
      widest = MAX (widest, tw);
    }
  l->x = MIN (2 + ceil (widest) + LABEL_GAP, width / 3);
  l->w = MAX (1, width - l->x - RIGHT_PAD);
}

/* The y labels, right-aligned on the value axis. */
static void
layout_y_labels (const CiroChart *self, Layout *l, Measure *m, CiroNumberStyle style)
{
  guint n_ticks = (guint) llround ((l->hi - l->lo) / l->step) + 1;

  for (guint k = 0; k < n_ticks; k++)
    {
      g_autofree char *t = format_value (self->series->pdata[0], l->lo + k * l->step, TRUE, style);
      add_text (l, m, CIRO_CHART_TEXT_Y_LABEL, k, t, l->x - LABEL_GAP, round (y_of (l, l->lo + k * l->step)) + 0.5,
                1.0, l->x - LABEL_GAP - 1);
    }
}

/* Where bar `series` of label i lies across its row: its centre and
 * thickness. One series: a bar centred in the row; more: a group of bars
 * side by side, in series order from the top. */
static void
bar_across (const CiroChart *self, const Layout *l, guint i, guint series, double *cy, double *thick)
{
  guint n = MAX (1, self->labels->len), ns = MAX (1, self->series->len);
  double row = l->h / n, group, sub;

  if (ns == 1)
    {
      *cy = l->y + row * i + row / 2;
      *thick = MIN (28, row * 0.66);
      return;
    }
  group = MIN (22.0 * ns, row * 0.8);
  sub = group / ns;
  *cy = l->y + row * i + row / 2 - group / 2 + sub * (series + 0.5);
  *thick = MAX (1, sub - 2);
}

/* The x of a value on a bar chart's axis, whose zero may lie inside the
 * plot when a value is negative. */
static double
bar_x (const Layout *l, double v)
{
  return l->x + (v - l->lo) / (l->hi - l->lo) * l->w;
}

static void
layout_bars (const CiroChart *self, Layout *l, Measure *m, double width, double height, double top,
             CiroNumberStyle style)
{
  double min, max, widest = 0, text_w, text_h;
  guint n = self->labels->len, ns = self->series->len;

  value_range (self, &min, &max);
  measure_text (m, "0", FALSE, 0, &text_w, &text_h);
  l->x = MIN (BAR_LABEL_W, width / 3);
  l->y = top > 0 ? top : PAD;
  l->h = MAX (1, height - l->y - PAD);
  /* room for the widest value after the bar */
  for (guint s = 0; s < ns; s++)
    for (guint i = 0; i < n; i++)
      {
        const Series *se = self->series->pdata[s];
        g_autofree char *v = NULL;
        double w, h;

        if (isnan (se->values[i]))
          continue;
        v = format_value (se, se->values[i], FALSE, style);
        measure_text (m, v, FALSE, 0, &w, &h);
        widest = MAX (widest, w);
      }
  l->w = MAX (1, width - l->x - ceil (widest) - 8 - 2);
  l->lo = MIN (0, min);
  l->hi = max > l->lo ? max : l->lo + 1;
  l->step = 0;
  for (guint i = 0; i < n; i++)
    {
      double cy, thick;

      bar_across (self, l, i, 0, &cy, &thick);
      if (ns > 1)
        cy = l->y + l->h / n * i + l->h / n / 2;
      add_text (l, m, CIRO_CHART_TEXT_BAR_LABEL, i, self->labels->pdata[i], l->x - 10, cy, 1.0, l->x - PAD - 10);
      for (guint s = 0; s < ns; s++)
        {
          const Series *se = self->series->pdata[s];
          double end;
          g_autofree char *v = NULL;

          bar_across (self, l, i, s, &cy, &thick);
          /* a group's values only where a line of text fits beside each bar */
          if (isnan (se->values[i]) || (ns > 1 && thick + 2 < text_h))
            continue;
          end = MAX (bar_x (l, se->values[i]), bar_x (l, 0));
          v = format_value (se, se->values[i], FALSE, style);
          add_text (l, m, CIRO_CHART_TEXT_VALUE, i * ns + s, v, end + 8, cy, 0, width - end - 8);
        }
    }
}

static void
layout_donut (const CiroChart *self, Layout *l, Measure *m, double width, double height, double top,
              CiroNumberStyle style)
{
  double rest = MAX (1, height - top);
  double r = MAX (1, MIN (width, rest) / 2 - PAD);
  double total = donut_total (self);

  l->x = width / 2 - r;
  l->y = top + rest / 2 - r;
  l->w = l->h = 2 * r;
  l->lo = 0, l->hi = 0, l->step = 0;
  if (total > 0)
    {
      g_autofree char *t = format_value (self->series->pdata[0], total, TRUE, style);
      add_text (l, m, CIRO_CHART_TEXT_VALUE, 0, t, width / 2, l->y + r, 0.5, r);
    }
}

static void
layout_sparkline (const CiroChart *self, Layout *l, double width, double height)
{
  /* the shape of the series: its own lowest to highest, not from zero */
  double min = G_MAXDOUBLE, max = -G_MAXDOUBLE;

  for (guint i = 0; self->series->len && i < self->labels->len; i++)
    {
      double v = ((Series *) self->series->pdata[0])->values[i];
      if (!isnan (v))
        min = MIN (min, v), max = MAX (max, v);
    }
  if (min > max)
    min = 0, max = 1;
  l->x = 2, l->y = 2;
  l->w = MAX (1, width - 4);
  l->h = MAX (1, height - 4);
  l->lo = min, l->hi = max > min ? max : min + 1, l->step = 0;
}

static void
layout_clear (Layout *l)
{
  g_clear_pointer (&l->texts, g_ptr_array_unref);
}

/* Where everything goes at width × height in `font`; the texts in `style`. */
static void
layout (const CiroChart *self, double width, double height, const char *font, CiroNumberStyle style, Layout *l)
{
  Measure m;
  double top;

  memset (l, 0, sizeof *l);
  l->texts = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_chart_text_free);
  if (self->kind == CIRO_CHART_SPARKLINE)
    {
      layout_sparkline (self, l, width, height);
      return;
    }
  measure_init (&m, font);
  top = layout_header (self, l, &m, width);
  if (chart_is_empty (self))
    {
      add_text (l, &m, CIRO_CHART_TEXT_EMPTY, 0, _("No data for this range"), width / 2,
                top + (height - top) / 2, 0.5, width);
      l->x = 0, l->y = top, l->w = width, l->h = MAX (1, height - top);
      l->lo = 0, l->hi = 1, l->step = 1;
      measure_clear (&m);
      return;
    }
  switch (self->kind)
    {
    case CIRO_CHART_LINE:
    case CIRO_CHART_STACKED:
      {
        double text_h, w;
        layout_line (self, l, &m, width, height, top, style);
        layout_y_labels (self, l, &m, style);
        /* columns: the first and last centred half a column inside the
         * axis, where the points of a line would sit on its ends */
        if (self->kind == CIRO_CHART_STACKED && self->labels->len > 0)
          {
            double slot = l->w / self->labels->len;
            l->x += slot / 2, l->w = MAX (1, l->w - slot);
          }
        measure_text (&m, "0", FALSE, 0, &w, &text_h);
        layout_x_labels (self, l, &m, width, l->y + l->h + text_h / 2 + 2 + text_h / 2 + 2);
      }
      break;
    case CIRO_CHART_BARS:
      layout_bars (self, l, &m, width, height, top, style);
      break;
    case CIRO_CHART_DONUT:
    case CIRO_CHART_SPARKLINE:
    default:
      layout_donut (self, l, &m, width, height, top, style);
      break;
    }
  measure_clear (&m);
}

/* The font and number style hit-testing and locating use: the ones the
 * chart was last drawn in (a window draws before the pointer can point at
 * anything; the axis is as wide as its labels in that style). */
static const char *
last_font (const CiroChart *self)
{
  return self->font ? self->font : "Sans 9";
}

GPtrArray *
ciro_chart_get_texts (const CiroChart *self, double width, double height, const CiroChartStyle *style)
{
  Layout l;
  GPtrArray *texts;

  g_return_val_if_fail (self != NULL && style != NULL, NULL);
  layout (self, width, height, style->font, style->number_style, &l);
  texts = g_steal_pointer (&l.texts);
  return texts;
}

void
ciro_chart_get_plot_area (const CiroChart *self, double width, double height, const CiroChartStyle *style,
                          double *x, double *y, double *w, double *h)
{
  Layout l;

  g_return_if_fail (self != NULL && style != NULL);
  layout (self, width, height, style->font, style->number_style, &l);
  *x = l.x, *y = l.y, *w = l.w, *h = l.h;
  layout_clear (&l);
}

/* The angles of slice `index`, clockwise from 12 o'clock. */
static gboolean
donut_angles (const CiroChart *self, guint index, double *a0, double *a1)
{
  const Series *s = self->series->pdata[0];
  double total = donut_total (self), a = 0;

  if (total <= 0)
    return FALSE;
  for (guint i = 0; i < index; i++)
    a += MAX (0, s->values[i]) / total * 2 * G_PI;
  *a0 = a;
  *a1 = a + MAX (0, s->values[index]) / total * 2 * G_PI;
  return TRUE;
}

gboolean
ciro_chart_locate (const CiroChart *self, double width, double height,
                   guint series, guint index, double *x, double *y)
{
  Layout l;
  const Series *s;
  gboolean ok = TRUE;

  if (series >= self->series->len || index >= self->labels->len)
    return FALSE;
  s = self->series->pdata[series];
  if (self->kind == CIRO_CHART_DONUT)
    return donut_angles (self, index, x, y);
  layout (self, width, height, last_font (self), self->number_style, &l);
  switch (self->kind)
    {
    case CIRO_CHART_LINE:
    case CIRO_CHART_SPARKLINE:
      *x = x_of (&l, index, self->labels->len);
      *y = y_of (&l, s->values[index]);
      break;
    case CIRO_CHART_STACKED:
      {
        double from, to;
        stack_span (self, series, index, &from, &to);
        *x = x_of (&l, index, self->labels->len);
        *y = y_of (&l, to);
      }
      break;
    case CIRO_CHART_BARS:
    default:
      {
        double thick;
        if (isnan (s->values[index]))
          ok = FALSE;
        *x = bar_x (&l, isnan (s->values[index]) ? 0 : s->values[index]);
        bar_across (self, &l, index, series, y, &thick);
      }
      break;
    }
  layout_clear (&l);
  return ok;
}

int
ciro_chart_hit (const CiroChart *self, double width, double height, double x, double y)
{
  Layout l;
  guint n = self->labels->len;
  int hit = -1;

  if (n == 0 || self->series->len == 0)
    return -1;
  layout (self, width, height, last_font (self), self->number_style, &l);
  switch (self->kind)
    {
    case CIRO_CHART_STACKED:
    case CIRO_CHART_LINE:
    case CIRO_CHART_SPARKLINE:
      {
        /* a column reaches half a step either side of its centre */
        double reach = self->kind != CIRO_CHART_STACKED ? 4 : n > 1 ? l.w / (n - 1) / 2 : l.w / 2;
        if (x < l.x - reach || x > l.x + l.w + reach || y < l.y || y > l.y + l.h)
          break;
      }
      hit = n == 1 ? 0 : (int) CLAMP (lround ((x - l.x) / l.w * (n - 1)), 0, (long) n - 1);
      break;
    case CIRO_CHART_BARS:
      if (y < l.y || y >= l.y + l.h || x < 0 || x > width)
        break;
      hit = (int) MIN (n - 1, (guint) ((y - l.y) / (l.h / n)));
      break;
    case CIRO_CHART_DONUT:
    default:
      {
        double cx = l.x + l.w / 2, cy = l.y + l.h / 2, r = l.w / 2;
        double d = hypot (x - cx, y - cy), a;
        if (d > r || d < r * 0.6)
          break;
        a = atan2 (x - cx, -(y - cy));          /* clockwise from 12 o'clock */
        if (a < 0)
          a += 2 * G_PI;
        for (guint i = 0; i < n; i++)
          {
            double a0, a1;
            if (donut_angles (self, i, &a0, &a1) && a >= a0 && a < a1)
              {
                hit = (int) i;
                break;
              }
          }
      }
      break;
    }
  layout_clear (&l);
  return hit;
}

int
ciro_chart_hit_bar (const CiroChart *self, double width, double height, double x, double y, guint *series)
{
  Layout l;
  int hit = -1;

  if (self->kind != CIRO_CHART_BARS || self->labels->len == 0 || self->series->len == 0 || chart_is_empty (self))
    return -1;
  layout (self, width, height, last_font (self), self->number_style, &l);
  for (guint i = 0; i < self->labels->len && hit < 0; i++)
    for (guint s = 0; s < self->series->len && hit < 0; s++)
      {
        double v = ((Series *) self->series->pdata[s])->values[i], cy, thick, a, b;

        if (isnan (v))
          continue;
        bar_across (self, &l, i, s, &cy, &thick);
        a = MIN (bar_x (&l, 0), bar_x (&l, v)), b = MAX (bar_x (&l, 0), bar_x (&l, v));
        /* a bar of nothing is still there to point at: two pixels wide */
        if (x >= a - 2 && x <= b + 2 && y >= cy - thick / 2 && y <= cy + thick / 2)
          {
            hit = (int) i;
            if (series != NULL)
              *series = s;
          }
      }
  layout_clear (&l);
  return hit;
}

/* ---------------------------------------------------------- drawing */

static void
set_color (cairo_t *cr, const CiroRgba *c, double alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

/* Every text of the layout, where it says, in the measured font. */
static void
draw_texts (const CiroChart *self, cairo_t *cr, const Layout *l, const CiroChartStyle *style)
{
  Measure m;

  measure_init (&m, style->font);
  for (guint i = 0; i < l->texts->len; i++)
    {
      const CiroChartText *t = l->texts->pdata[i];
      double x = t->x, alpha = 0.6;
      gboolean bold = FALSE;
      PangoLayout *pl;

      switch (t->kind)
        {
        case CIRO_CHART_TEXT_TITLE:
          alpha = 0.9, bold = TRUE;
          break;
        case CIRO_CHART_TEXT_LEGEND:
          set_color (cr, &style->colors[ciro_chart_get_color (self, t->index)], 1);
          cairo_rectangle (cr, x, round (t->y + (t->height - SWATCH) / 2), SWATCH, SWATCH);
          cairo_fill (cr);
          x += SWATCH + SWATCH_GAP;
          alpha = 0.8;
          break;
        case CIRO_CHART_TEXT_BAR_LABEL:
          alpha = 0.85;
          break;
        case CIRO_CHART_TEXT_VALUE:
          alpha = self->kind == CIRO_CHART_DONUT ? 0.9 : 0.75;
          break;
        case CIRO_CHART_TEXT_EMPTY:
          alpha = 0.55;
          break;
        case CIRO_CHART_TEXT_X_LABEL:
        case CIRO_CHART_TEXT_Y_LABEL:
        default:
          break;
        }
      /* a text as wide as its box: wider ones were given that box */
      pl = measure_layout (&m, t->text, bold, t->width - (x - t->x) + 0.5);
      set_color (cr, &style->foreground, alpha);
      cairo_move_to (cr, x, t->y);
      pango_cairo_show_layout (cr, pl);
      g_object_unref (pl);
    }
  measure_clear (&m);
}

static void
draw_line (const CiroChart *self, cairo_t *cr, const Layout *l, const CiroChartStyle *style, int hover)
{
  guint n = self->labels->len;

  /* the grid */
  cairo_set_line_width (cr, 1);
  for (double v = l->lo; v <= l->hi + l->step / 2; v += l->step)
    {
      double y = round (y_of (l, v)) + 0.5;

      set_color (cr, &style->grid, fabs (v) < l->step / 2 ? 2.0 : 1.0);
      cairo_move_to (cr, l->x, y);
      cairo_line_to (cr, l->x + l->w, y);
      cairo_stroke (cr);
    }

  /* the band (an interval around the second series) under the lines */
  if (self->band_low != NULL && self->series->len > 0)
    {
      guint first = n, end = 0;

      for (guint i = 0; i < n; i++)
        if (!isnan (self->band_low[i]) && !isnan (self->band_high[i]))
          {
            first = MIN (first, i);
            end = i + 1;
          }
      if (first < end)
        {
          cairo_new_path (cr);
          for (guint i = first; i < end; i++)
            cairo_line_to (cr, x_of (l, i, n), y_of (l, self->band_high[i]));
          for (guint i = end; i-- > first;)
            cairo_line_to (cr, x_of (l, i, n), y_of (l, self->band_low[i]));
          cairo_close_path (cr);
          set_color (cr, &style->colors[MIN (self->series->len, 2u) - 1], 0.22);
          cairo_fill (cr);
        }
    }

  for (guint s = self->series->len; s-- > 0;)
    {
      const Series *se = self->series->pdata[s];
      const CiroRgba *c = &style->colors[s % CIRO_CHART_N_COLORS];

      guint first = 0, last = 0;

      /* a value not known (NAN) before the line starts is skipped; one
       * after it (the hours still to come) ends the line */
      while (first < n && isnan (se->values[first]))
        first++;
      cairo_new_path (cr);
      for (guint i = first; i < n && !isnan (se->values[i]); i++)
        {
          cairo_line_to (cr, x_of (l, i, n), y_of (l, se->values[i]));
          last = i;
        }
      if (s == 0 && n > 1 && last > first)
        {
          /* the first series is the headline: a soft area under it */
          cairo_path_t *path = cairo_copy_path (cr);
          cairo_line_to (cr, x_of (l, last, n), y_of (l, MAX (l->lo, 0)));
          cairo_line_to (cr, x_of (l, first, n), y_of (l, MAX (l->lo, 0)));
          cairo_close_path (cr);
          set_color (cr, c, 0.18);
          cairo_fill (cr);
          cairo_append_path (cr, path);
          cairo_path_destroy (path);
        }
      set_color (cr, c, 1);
      cairo_set_line_width (cr, 2);
      cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
      cairo_stroke (cr);
      if (n == 1)
        {
          cairo_arc (cr, x_of (l, 0, n), y_of (l, se->values[0]), 3.5, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }

  if (hover >= 0 && (guint) hover < n)
    {
      double x = round (x_of (l, (guint) hover, n)) + 0.5;
      set_color (cr, &style->foreground, 0.35);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x, l->y);
      cairo_line_to (cr, x, l->y + l->h);
      cairo_stroke (cr);
      for (guint s = 0; s < self->series->len; s++)
        {
          const Series *se = self->series->pdata[s];
          if (isnan (se->values[hover]))
            continue;
          set_color (cr, &style->colors[s % CIRO_CHART_N_COLORS], 1);
          cairo_arc (cr, x, y_of (l, se->values[hover]), 4, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
}

static void
draw_sparkline (const CiroChart *self, cairo_t *cr, const Layout *l, const CiroChartStyle *style, int hover)
{
  const Series *se = self->series->pdata[0];
  guint n = self->labels->len;

  cairo_new_path (cr);
  for (guint i = 0; i < n && !isnan (se->values[i]); i++)
    cairo_line_to (cr, x_of (l, i, n), y_of (l, se->values[i]));
  set_color (cr, &style->colors[0], 1);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke (cr);
  if (hover >= 0 && (guint) hover < n && !isnan (se->values[hover]))
    {
      cairo_arc (cr, x_of (l, (guint) hover, n), y_of (l, se->values[hover]), 2.5, 0, 2 * G_PI);
      cairo_fill (cr);
    }
}

static void
rounded_bar (cairo_t *cr, double x, double y, double w, double h, double r)
{
  r = MIN (r, MIN (w / 2, h / 2));
  cairo_new_sub_path (cr);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + w - r, y);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_line_to (cr, x + w, y + h - r);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_line_to (cr, x, y + h);
  cairo_close_path (cr);
}

static void
draw_bars (const CiroChart *self, cairo_t *cr, const Layout *l, const CiroChartStyle *style, int hover)
{
  guint n = self->labels->len, ns = self->series->len;
  double zero = bar_x (l, 0);

  for (guint i = 0; i < n; i++)
    for (guint s = 0; s < ns; s++)
      {
        const Series *se = self->series->pdata[s];
        double cy, thick, end;

        if (isnan (se->values[i]))
          continue;
        bar_across (self, l, i, s, &cy, &thick);
        end = bar_x (l, se->values[i]);
        set_color (cr, &style->colors[ciro_chart_get_color (self, s) % CIRO_CHART_N_COLORS],
                   (int) i == hover ? 0.75 : 1.0);
        if (end > zero)
          rounded_bar (cr, zero, cy - thick / 2, end - zero, thick, 4);
        else if (end < zero)
          {
            /* a negative value: the bar runs left from zero, rounded at its end */
            cairo_save (cr);
            cairo_translate (cr, zero, 0);
            cairo_scale (cr, -1, 1);
            rounded_bar (cr, 0, cy - thick / 2, zero - end, thick, 4);
            cairo_restore (cr);
          }
        cairo_fill (cr);
      }
  /* the zero line, where some bar runs left of it */
  if (l->lo < 0)
    {
      set_color (cr, &style->foreground, 0.45);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (zero) + 0.5, l->y);
      cairo_line_to (cr, round (zero) + 0.5, l->y + l->h);
      cairo_stroke (cr);
    }
}

static void
draw_donut (const CiroChart *self, cairo_t *cr, const Layout *l, const CiroChartStyle *style, int hover)
{
  const Series *se = self->series->pdata[0];
  double cx = l->x + l->w / 2, cy = l->y + l->h / 2, r = l->w / 2;

  for (guint i = 0; i < self->labels->len; i++)
    {
      double a0, a1, grow = (int) i == hover ? 3 : 0;
      if (se->values[i] <= 0 || !donut_angles (self, i, &a0, &a1))
        continue;
      /* angles from 12 o'clock clockwise, in cairo's frame */
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, r - 3 + grow, a0 - G_PI / 2, a1 - G_PI / 2);
      cairo_arc_negative (cr, cx, cy, r * 0.6, a1 - G_PI / 2, a0 - G_PI / 2);
      cairo_close_path (cr);
      set_color (cr, &style->colors[ciro_chart_get_color (self, i)], 1);
      cairo_fill (cr);
    }
}

static void
draw_stacked (const CiroChart *self, cairo_t *cr, const Layout *l, const CiroChartStyle *style, int hover)
{
  guint n = self->labels->len;
  double slot = n > 1 ? l->w / (n - 1) : l->w, bar = MAX (1, MIN (36, slot * 0.7));

  /* the grid, under the columns' whole width */
  cairo_set_line_width (cr, 1);
  for (double v = l->lo; v <= l->hi + l->step / 2; v += l->step)
    {
      double y = round (y_of (l, v)) + 0.5;

      set_color (cr, &style->grid, fabs (v) < l->step / 2 ? 2.0 : 1.0);
      cairo_move_to (cr, l->x - slot / 2, y);
      cairo_line_to (cr, l->x + l->w + slot / 2, y);
      cairo_stroke (cr);
    }
  /* the hovered column on a soft band */
  if (hover >= 0 && (guint) hover < n)
    {
      set_color (cr, &style->foreground, 0.08);
      cairo_rectangle (cr, x_of (l, (guint) hover, n) - slot / 2, l->y, slot, l->h);
      cairo_fill (cr);
    }
  for (guint i = 0; i < n; i++)
    for (guint s = 0; s < self->series->len; s++)
      {
        double from, to, y0, y1;

        stack_span (self, s, i, &from, &to);
        if (from == to)
          continue;
        y0 = y_of (l, MAX (from, to)), y1 = y_of (l, MIN (from, to));
        set_color (cr, &style->colors[ciro_chart_get_color (self, s)], 1);
        cairo_rectangle (cr, x_of (l, i, n) - bar / 2, y0, bar, MAX (0.5, y1 - y0));
        cairo_fill (cr);
      }
}

void
ciro_chart_draw (const CiroChart *self, cairo_t *cr, double width, double height,
                 const CiroChartStyle *style, int hover)
{
  Layout l;

  g_return_if_fail (self != NULL && cr != NULL && style != NULL);

  /* hit-testing and locating follow this font and style from now on */
  if (g_strcmp0 (self->font, style->font) != 0)
    {
      g_free (((CiroChart *) self)->font);
      ((CiroChart *) self)->font = g_strdup (style->font);
    }
  ((CiroChart *) self)->number_style = style->number_style;
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (style->background.a > 0)
    {
      set_color (cr, &style->background, 1);
      cairo_paint (cr);
    }
  if (self->kind == CIRO_CHART_SPARKLINE && ciro_chart_is_empty (self))
    {
      cairo_restore (cr);
      return;
    }
  layout (self, width, height, style->font, style->number_style, &l);
  if (!chart_is_empty (self))
    switch (self->kind)
      {
      case CIRO_CHART_LINE:
        draw_line (self, cr, &l, style, hover);
        break;
      case CIRO_CHART_BARS:
        draw_bars (self, cr, &l, style, hover);
        break;
      case CIRO_CHART_SPARKLINE:
        draw_sparkline (self, cr, &l, style, hover);
        break;
      case CIRO_CHART_STACKED:
        draw_stacked (self, cr, &l, style, hover);
        break;
      case CIRO_CHART_DONUT:
      default:
        draw_donut (self, cr, &l, style, hover);
        break;
      }
  draw_texts (self, cr, &l, style);
  layout_clear (&l);
  cairo_restore (cr);
}

/* ---------------------------------------------------------- words */

char *
ciro_chart_point_text (const CiroChart *self, guint index, CiroNumberStyle style)
{
  GString *s;

  if (index >= self->labels->len)
    return NULL;
  s = g_string_new (self->labels->pdata[index]);
  for (guint k = 0; k < self->series->len; k++)
    {
      const Series *se = self->series->pdata[k];
      g_autofree char *v = NULL;
      if (isnan (se->values[index]))
        continue;
      v = format_value (se, se->values[index], FALSE, style);
      g_string_append_printf (s, "\n%s: %s", se->name, v);
    }
  if (self->kind == CIRO_CHART_DONUT && self->series->len > 0 && donut_total (self) > 0)
    {
      const Series *se = self->series->pdata[0];
      g_autofree char *pct = ciro_percent_format (MAX (0, se->values[index]) / donut_total (self) * 100, 1, style);
      g_string_append_printf (s, " (%s)", pct);
    }
  return g_string_free (s, FALSE);
}

char *
ciro_chart_describe (const CiroChart *self, CiroNumberStyle style)
{
  GString *s = g_string_new (self->title ? self->title : "");
  guint n = self->labels->len;

  if (ciro_chart_is_empty (self))
    {
      if (s->len)
        g_string_append (s, ": ");
      g_string_append (s, _("No data for this range"));
      return g_string_free (s, FALSE);
    }
  for (guint k = 0; k < self->series->len; k++)
    {
      const Series *se = self->series->pdata[k];
      guint imax = 0, imin = 0;
      double total = 0;

      for (guint i = 0; i < n; i++)
        {
          if (isnan (se->values[i]))
            continue;
          total += se->values[i];
          if (isnan (se->values[imax]) || se->values[i] > se->values[imax])
            imax = i;
          if (isnan (se->values[imin]) || se->values[i] < se->values[imin])
            imin = i;
        }
      if (s->len)
        g_string_append (s, ". ");
      if (self->kind == CIRO_CHART_LINE || self->kind == CIRO_CHART_SPARKLINE || self->kind == CIRO_CHART_STACKED)
        {
          g_autofree char *hi = format_value (se, se->values[imax], FALSE, style);
          g_autofree char *lo = format_value (se, se->values[imin], FALSE, style);
          g_autofree char *tot = format_value (se, total, FALSE, style);
          /* TRANSLATORS: series name, first and last label, total, highest (label), lowest (label) */
          g_string_append_printf (s, _("%s from %s to %s: total %s, highest %s (%s), lowest %s (%s)"),
                                  se->name, (char *) self->labels->pdata[0], (char *) self->labels->pdata[n - 1],
                                  tot, hi, (char *) self->labels->pdata[imax], lo, (char *) self->labels->pdata[imin]);
        }
      else
        {
          g_string_append_printf (s, "%s: ", se->name);
          for (guint i = 0; i < n; i++)
            {
              g_autofree char *v = format_value (se, se->values[i], FALSE, style);
              g_string_append_printf (s, "%s%s %s", i ? ", " : "", (char *) self->labels->pdata[i], v);
            }
        }
    }
  return g_string_free (s, FALSE);
}
