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
  g_ptr_array_unref (self->labels);
  g_ptr_array_unref (self->series);
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
#define AXIS_W 64.0
#define AXIS_H 22.0
#define BAR_LABEL_W 120.0

typedef struct {
  double x, y, w, h;         /* the plot area */
  double lo, hi, step;       /* value axis */
} Layout;

static void
value_range (const CiroChart *self, double *min, double *max)
{
  *min = 0, *max = 0;
  for (guint s = 0; s < self->series->len; s++)
    for (guint i = 0; i < self->labels->len; i++)
      {
        double v = ((Series *) self->series->pdata[s])->values[i];
        if (isnan (v))
          continue;
        *min = MIN (*min, v);
        *max = MAX (*max, v);
      }
}

static void
layout (const CiroChart *self, double width, double height, Layout *l)
{
  double min, max;

  value_range (self, &min, &max);
  switch (self->kind)
    {
    case CIRO_CHART_LINE:
      l->x = AXIS_W;
      l->y = PAD + 4;
      l->w = MAX (1, width - AXIS_W - PAD - 4);
      l->h = MAX (1, height - AXIS_H - PAD - 4);
      ciro_chart_nice_ticks (min, max, MAX (2, (guint) (l->h / 48)), &l->lo, &l->hi, &l->step);
      break;
    case CIRO_CHART_BARS:
      l->x = MIN (BAR_LABEL_W, width / 3);
      l->y = PAD;
      l->w = MAX (1, width - l->x - 120);  /* room for the value after the bar */
      l->h = MAX (1, height - 2 * PAD);
      l->lo = MIN (0, min);
      l->hi = max > l->lo ? max : l->lo + 1;
      l->step = 0;
      break;
    case CIRO_CHART_SPARKLINE:
      /* the shape of the series: its own lowest to highest, not from zero */
      min = G_MAXDOUBLE, max = -G_MAXDOUBLE;
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
      break;
    case CIRO_CHART_DONUT:
    default:
      {
        double r = MIN (width, height) / 2 - PAD;
        l->x = width / 2 - r;
        l->y = height / 2 - r;
        l->w = l->h = 2 * MAX (r, 1);
        l->lo = 0, l->hi = 0, l->step = 0;
      }
      break;
    }
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

static double
donut_total (const CiroChart *self)
{
  const Series *s = self->series->len ? self->series->pdata[0] : NULL;
  double total = 0;
  for (guint i = 0; s && i < self->labels->len; i++)
    total += MAX (0, s->values[i]);
  return total;
}

gboolean
ciro_chart_locate (const CiroChart *self, double width, double height,
                   guint series, guint index, double *x, double *y)
{
  Layout l;
  const Series *s;

  if (series >= self->series->len || index >= self->labels->len)
    return FALSE;
  s = self->series->pdata[series];
  layout (self, width, height, &l);
  switch (self->kind)
    {
    case CIRO_CHART_LINE:
    case CIRO_CHART_SPARKLINE:
      *x = x_of (&l, index, self->labels->len);
      *y = y_of (&l, s->values[index]);
      return TRUE;
    case CIRO_CHART_BARS:
      {
        double row = l.h / self->labels->len;
        *x = l.x + (MAX (0, s->values[index]) - l.lo) / (l.hi - l.lo) * l.w;
        *y = l.y + row * index + row / 2;
        return TRUE;
      }
    case CIRO_CHART_DONUT:
    default:
      {
        double total = donut_total (self), a = 0;
        if (total <= 0)
          return FALSE;
        for (guint i = 0; i < index; i++)
          a += MAX (0, s->values[i]) / total * 2 * G_PI;
        *x = a;
        *y = a + MAX (0, s->values[index]) / total * 2 * G_PI;
        return TRUE;
      }
    }
}

int
ciro_chart_hit (const CiroChart *self, double width, double height, double x, double y)
{
  Layout l;
  guint n = self->labels->len;

  if (n == 0 || self->series->len == 0)
    return -1;
  layout (self, width, height, &l);
  switch (self->kind)
    {
    case CIRO_CHART_LINE:
    case CIRO_CHART_SPARKLINE:
      if (x < l.x - 4 || x > l.x + l.w + 4 || y < l.y || y > l.y + l.h)
        return -1;
      if (n == 1)
        return 0;
      return (int) CLAMP (lround ((x - l.x) / l.w * (n - 1)), 0, (long) n - 1);
    case CIRO_CHART_BARS:
      if (y < l.y || y >= l.y + l.h || x < 0 || x > width)
        return -1;
      return (int) MIN (n - 1, (guint) ((y - l.y) / (l.h / n)));
    case CIRO_CHART_DONUT:
    default:
      {
        double cx = l.x + l.w / 2, cy = l.y + l.h / 2, r = l.w / 2;
        double d = hypot (x - cx, y - cy), a;
        if (d > r || d < r * 0.6)
          return -1;
        a = atan2 (x - cx, -(y - cy));          /* clockwise from 12 o'clock */
        if (a < 0)
          a += 2 * G_PI;
        for (guint i = 0; i < n; i++)
          {
            double a0, a1;
            if (ciro_chart_locate (self, width, height, 0, i, &a0, &a1) && a >= a0 && a < a1)
              return (int) i;
          }
        return -1;
      }
    }
}

/* ---------------------------------------------------------- drawing */

static void
set_color (cairo_t *cr, const CiroRgba *c, double alpha)
{
  cairo_set_source_rgba (cr, c->r, c->g, c->b, c->a * alpha);
}

static PangoLayout *
text_layout (cairo_t *cr, const CiroChartStyle *style, const char *text)
{
  PangoLayout *pl = pango_cairo_create_layout (cr);
  PangoFontDescription *fd = pango_font_description_from_string (style->font ? style->font : "Sans 9");

  pango_layout_set_font_description (pl, fd);
  pango_layout_set_text (pl, text, -1);
  pango_font_description_free (fd);
  return pl;
}

/* align: 0 left, 0.5 centre, 1 right of x; vertically centred on y */
static void
draw_text (cairo_t *cr, const CiroChartStyle *style, const char *text, double x, double y,
           double align, double alpha, double max_width)
{
  PangoLayout *pl = text_layout (cr, style, text);
  int w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (pl, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (pl, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (pl, &w, &h);
  set_color (cr, &style->foreground, alpha);
  cairo_move_to (cr, x - w * align, y - h / 2.0);
  pango_cairo_show_layout (cr, pl);
  g_object_unref (pl);
}

static void
draw_empty (cairo_t *cr, double width, double height, const CiroChartStyle *style)
{
  draw_text (cr, style, _("No data for this range"), width / 2, height / 2, 0.5, 0.55, 0);
}

static void
draw_line (const CiroChart *self, cairo_t *cr, const Layout *l, const CiroChartStyle *style, int hover)
{
  guint n = self->labels->len;
  guint every;

  /* grid and value axis */
  cairo_set_line_width (cr, 1);
  for (double v = l->lo; v <= l->hi + l->step / 2; v += l->step)
    {
      double y = round (y_of (l, v)) + 0.5;
      g_autofree char *t = format_value (self->series->pdata[0], v, TRUE, style->number_style);

      set_color (cr, &style->grid, v == 0 ? 2.0 : 1.0);
      cairo_move_to (cr, l->x, y);
      cairo_line_to (cr, l->x + l->w, y);
      cairo_stroke (cr);
      draw_text (cr, style, t, l->x - 8, y, 1.0, 0.6, 0);
    }
  /* x labels: as many as fit side by side, evenly */
  {
    double widest = 0;
    for (guint i = 0; i < n; i += MAX (1u, n / 16))
      {
        PangoLayout *pl = text_layout (cr, style, self->labels->pdata[i]);
        int w;
        pango_layout_get_pixel_size (pl, &w, NULL);
        widest = MAX (widest, w);
        g_object_unref (pl);
      }
    every = MAX (1, (guint) ceil (n * (widest + 16) / l->w));
  }
  {
    double last_right = -G_MAXDOUBLE;
    for (guint i = 0; i < n; i += every)
      {
        PangoLayout *pl = text_layout (cr, style, self->labels->pdata[i]);
        double align = i == 0 && n > 1 ? 0 : 0.5, x = x_of (l, i, n), left;
        int w;

        pango_layout_get_pixel_size (pl, &w, NULL);
        g_object_unref (pl);
        left = x - w * align;
        if (left < last_right + 8)
          continue;                 /* it would run into the one before */
        draw_text (cr, style, self->labels->pdata[i], x, l->y + l->h + AXIS_H / 2 + 2, align, 0.6, 0);
        last_right = left + w;
      }
  }

  for (guint s = self->series->len; s-- > 0;)
    {
      const Series *se = self->series->pdata[s];
      const CiroRgba *c = &style->colors[s % CIRO_CHART_N_COLORS];

      guint last = 0;

      /* a value not known yet (NAN: the hours still to come) ends the line */
      cairo_new_path (cr);
      for (guint i = 0; i < n && !isnan (se->values[i]); i++)
        {
          cairo_line_to (cr, x_of (l, i, n), y_of (l, se->values[i]));
          last = i;
        }
      if (s == 0 && n > 1 && last > 0)
        {
          /* the first series is the headline: a soft area under it */
          cairo_path_t *path = cairo_copy_path (cr);
          cairo_line_to (cr, x_of (l, last, n), y_of (l, MAX (l->lo, 0)));
          cairo_line_to (cr, x_of (l, 0, n), y_of (l, MAX (l->lo, 0)));
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
  guint n = self->labels->len;
  const Series *se = self->series->pdata[0];
  double row = l->h / n, bar = MIN (28, row * 0.66);

  for (guint i = 0; i < n; i++)
    {
      double cy = l->y + row * i + row / 2;
      double end = l->x + (MAX (0, se->values[i]) - l->lo) / (l->hi - l->lo) * l->w;
      g_autofree char *v = format_value (se, se->values[i], FALSE, style->number_style);

      draw_text (cr, style, self->labels->pdata[i], l->x - 10, cy, 1.0, 0.85, l->x - PAD - 10);
      set_color (cr, &style->colors[0], (int) i == hover ? 0.75 : 1.0);
      if (end > l->x)
        {
          rounded_bar (cr, l->x, cy - bar / 2, end - l->x, bar, 4);
          cairo_fill (cr);
        }
      draw_text (cr, style, v, MAX (end, l->x) + 8, cy, 0, 0.75, 0);
    }
}

static void
draw_donut (const CiroChart *self, cairo_t *cr, const Layout *l, const CiroChartStyle *style, int hover)
{
  const Series *se = self->series->pdata[0];
  double cx = l->x + l->w / 2, cy = l->y + l->h / 2, r = l->w / 2;
  double total = donut_total (self);

  for (guint i = 0; i < self->labels->len; i++)
    {
      double a0, a1, grow = (int) i == hover ? 3 : 0;
      if (se->values[i] <= 0 || !ciro_chart_locate (self, l->w, l->h, 0, i, &a0, &a1))
        continue;
      /* angles from 12 o'clock clockwise, in cairo's frame */
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, r - 3 + grow, a0 - G_PI / 2, a1 - G_PI / 2);
      cairo_arc_negative (cr, cx, cy, r * 0.6, a1 - G_PI / 2, a0 - G_PI / 2);
      cairo_close_path (cr);
      set_color (cr, &style->colors[i % CIRO_CHART_N_COLORS], 1);
      cairo_fill (cr);
    }
  if (total > 0)
    {
      g_autofree char *t = format_value (se, total, TRUE, style->number_style);
      draw_text (cr, style, t, cx, cy, 0.5, 0.9, r);
    }
}

void
ciro_chart_draw (const CiroChart *self, cairo_t *cr, double width, double height,
                 const CiroChartStyle *style, int hover)
{
  Layout l;

  g_return_if_fail (self != NULL && cr != NULL && style != NULL);

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
  if (ciro_chart_is_empty (self) || (self->kind == CIRO_CHART_DONUT && donut_total (self) <= 0))
    {
      draw_empty (cr, width, height, style);
      cairo_restore (cr);
      return;
    }
  layout (self, width, height, &l);
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
    case CIRO_CHART_DONUT:
    default:
      /* the donut sits in its own square: draw it in those coordinates */
      cairo_translate (cr, l.x, l.y);
      l.x = 0, l.y = 0;
      draw_donut (self, cr, &l, style, hover);
      break;
    }
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
      if (self->kind == CIRO_CHART_LINE || self->kind == CIRO_CHART_SPARKLINE)
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
