/* test-chart.c: the chart renderer, checked by the pixels it draws
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <stdlib.h>

#include <pango/pangocairo.h>

#include "charts/ciro-chart.h"

static const CiroRgba RED = { 1, 0, 0, 1 };
static const CiroRgba GREEN = { 0, 1, 0, 1 };
static const CiroRgba BLUE = { 0, 0, 1, 1 };

static void
style_for_test (CiroChartStyle *style)
{
  ciro_chart_style_init (style);
  style->background = (CiroRgba) { 1, 1, 1, 1 };
  style->colors[0] = RED;
  style->colors[1] = GREEN;
  style->colors[2] = BLUE;
}

static cairo_surface_t *
render_style (const CiroChart *chart, int w, int h, int hover, const char *name, const CiroChartStyle *style)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cairo_t *cr = cairo_create (surface);

  ciro_chart_draw (chart, cr, w, h, style, hover);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (g_getenv ("CIRO_CHART_PNG_DIR"))
    {
      g_autofree char *path = g_strdup_printf ("%s/%s.png", g_getenv ("CIRO_CHART_PNG_DIR"), name);
      cairo_surface_write_to_png (surface, path);
    }
  return surface;
}

static cairo_surface_t *
render (const CiroChart *chart, int w, int h, int hover, const char *name)
{
  CiroChartStyle style;

  style_for_test (&style);
  return render_style (chart, w, h, hover, name, &style);
}

static void
pixel (cairo_surface_t *s, int x, int y, int *r, int *g, int *b)
{
  guint32 p = *(guint32 *) (cairo_image_surface_get_data (s) + y * cairo_image_surface_get_stride (s) + x * 4);
  *r = (p >> 16) & 0xff, *g = (p >> 8) & 0xff, *b = p & 0xff;
}

static gboolean
is_pure (cairo_surface_t *s, int x, int y, const CiroRgba *c)
{
  int r, g, b;
  pixel (s, x, y, &r, &g, &b);
  return abs (r - (int) (c->r * 255)) < 40 && abs (g - (int) (c->g * 255)) < 40 && abs (b - (int) (c->b * 255)) < 40;
}

static guint
count_color (cairo_surface_t *s, const CiroRgba *c)
{
  guint n = 0;
  for (int y = 0; y < cairo_image_surface_get_height (s); y++)
    for (int x = 0; x < cairo_image_surface_get_width (s); x++)
      n += is_pure (s, x, y, c);
  return n;
}

static void
test_ticks (void)
{
  struct { double min, max; guint target; double lo, hi, step; } cases[] = {
    { 0, 100, 3, 0, 100, 50 },
    { 0, 1234, 5, 0, 1500, 500 },
    { 0, 9.5, 5, 0, 10, 2 },
    { -30, 70, 5, -40, 80, 20 },
    { 0, 0, 4, 0, 1, 0.5 },
    { 0, 123456789, 4, 0, 150000000, 50000000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double lo, hi, step;
      ciro_chart_nice_ticks (cases[i].min, cases[i].max, cases[i].target, &lo, &hi, &step);
      g_assert_cmpfloat_with_epsilon (step, cases[i].step, 1e-9);
      g_assert_cmpfloat_with_epsilon (lo, cases[i].lo, 1e-9);
      g_assert_cmpfloat_with_epsilon (hi, cases[i].hi, 1e-9);
    }
}

/* Horizontal bars: each ends where its value says on the axis from the
 * label column to the value column. */
static void
test_bars (void)
{
  const char *labels[] = { "Trendyol", "Hepsiburada", "N11", "Amazon" };
  double values[] = { 10000, 5000, 0, 2500 };
  g_autoptr(CiroChart) chart = ciro_chart_new (CIRO_CHART_BARS);
  cairo_surface_t *s;
  CiroChartStyle style;
  const int W = 400, H = 200;
  double x0, y0, span, ph, row;

  style_for_test (&style);
  ciro_chart_set_labels (chart, labels, 4);
  ciro_chart_add_series (chart, "Net revenue", values, 4, TRUE);
  s = render (chart, W, H, -1, "bars");
  /* the labels take min (120, W/3); the values what the widest needs */
  ciro_chart_get_plot_area (chart, W, H, &style, &x0, &y0, &span, &ph);
  g_assert_cmpfloat (x0, ==, 120);
  g_assert_cmpfloat (y0, ==, 6);
  g_assert_cmpfloat (span, >, W - 120 - 120);
  g_assert_cmpfloat (span, <, W - 120 - 40);
  row = ph / 4;
  for (guint i = 0; i < 4; i++)
    {
      double end = x0 + values[i] / values[0] * span, x, y;
      int cy = (int) (y0 + row * i + row / 2);

      g_assert_true (ciro_chart_locate (chart, W, H, 0, i, &x, &y));
      g_assert_cmpfloat_with_epsilon (x, end, 0.01);
      if (values[i] > 0)
        {
          g_assert_true (is_pure (s, (int) end - 3, cy, &RED));
          g_assert_true (is_pure (s, (int) x0 + 2, cy, &RED));
        }
      g_assert_false (is_pure (s, (int) end + 3, cy, &RED));
      g_assert_cmpint (ciro_chart_hit (chart, W, H, 200, cy), ==, (int) i);
    }
  cairo_surface_destroy (s);
}

/* Two series: a group of bars a label, each in its series' colour, a
 * legend naming them; a loss runs left of the zero line; each bar is hit
 * and located on its own, and its value written beside it. */
static void
test_grouped_bars (void)
{
  const char *labels[] = { "Giyim", "Ayakkabı", "Çanta" };
  double revenue[] = { 100000, 60000, 30000 }, profit[] = { 40000, -20000, 10000 };
  const double *values[] = { revenue, profit };
  const CiroRgba *colors[] = { &RED, &GREEN };
  g_autoptr(CiroChart) chart = ciro_chart_new (CIRO_CHART_BARS);
  g_autoptr(GPtrArray) texts = NULL;
  cairo_surface_t *s;
  CiroChartStyle style;
  const int W = 500, H = 300;
  double x0, y0, span, ph, zero, zy;
  guint legends = 0, shown_values = 0, series = 99;

  style_for_test (&style);
  ciro_chart_set_labels (chart, labels, 3);
  ciro_chart_add_series (chart, "Revenue", revenue, 3, TRUE);
  ciro_chart_add_series (chart, "Profit", profit, 3, TRUE);
  s = render (chart, W, H, -1, "grouped-bars");
  ciro_chart_get_plot_area (chart, W, H, &style, &x0, &y0, &span, &ph);
  /* zero sits a sixth of the way along: the axis runs -20000..100000 */
  g_assert_true (ciro_chart_locate (chart, W, H, 0, 0, &zero, &zy));
  zero = x0 + span * 20000.0 / 120000.0;
  for (guint i = 0; i < 3; i++)
    {
      double ya, yb, xa, xb;

      g_assert_true (ciro_chart_locate (chart, W, H, 0, i, &xa, &ya));
      g_assert_true (ciro_chart_locate (chart, W, H, 1, i, &xb, &yb));
      /* side by side in one row, revenue above profit */
      g_assert_cmpfloat (ya, <, yb);
      g_assert_cmpfloat (yb - ya, <, ph / 3);
      g_assert_cmpint (ciro_chart_hit (chart, W, H, W / 2, ya), ==, (int) i);
      g_assert_cmpint (ciro_chart_hit (chart, W, H, W / 2, yb), ==, (int) i);
      for (guint k = 0; k < 2; k++)
        {
          double v = values[k][i], end = zero + span * v / 120000.0, x, y = k ? yb : ya;

          g_assert_true (ciro_chart_locate (chart, W, H, k, i, &x, &y));
          g_assert_cmpfloat_with_epsilon (x, end, 0.01);
          /* the bar from zero to its end, in its colour, nothing beyond */
          g_assert_true (is_pure (s, (int) ((zero + end) / 2), (int) y, colors[k]));
          g_assert_false (is_pure (s, (int) (v > 0 ? end + 3 : end - 3), (int) y, colors[k]));
          g_assert_false (is_pure (s, (int) (v > 0 ? zero - 3 : zero + 3), (int) y, colors[k]));
          g_assert_cmpint (ciro_chart_hit_bar (chart, W, H, (zero + end) / 2, y, &series), ==, (int) i);
          g_assert_cmpuint (series, ==, k);
        }
      /* between two rows' groups there is no bar */
      if (i > 0)
        {
          double yp;
          g_assert_true (ciro_chart_locate (chart, W, H, 1, i - 1, &xa, &yp));
          g_assert_cmpint (ciro_chart_hit_bar (chart, W, H, zero + 5, (yp + ya) / 2, &series), ==, -1);
        }
    }
  /* the loss runs left of zero */
  {
    double x, y;
    g_assert_true (ciro_chart_locate (chart, W, H, 1, 1, &x, &y));
    g_assert_cmpfloat (x, <, zero - 10);
    g_assert_true (is_pure (s, (int) zero - 5, (int) y, &GREEN));
  }
  texts = ciro_chart_get_texts (chart, W, H, &style);
  for (guint i = 0; i < texts->len; i++)
    {
      CiroChartText *t = texts->pdata[i];

      if (t->kind == CIRO_CHART_TEXT_LEGEND)
        {
          g_assert_cmpstr (t->text, ==, legends == 0 ? "Revenue" : "Profit");
          g_assert_cmpuint (t->index, ==, legends);
          legends++;
        }
      else if (t->kind == CIRO_CHART_TEXT_VALUE)
        {
          guint bar = t->index / 2, k = t->index % 2;
          g_autofree char *want = ciro_money_format ((CiroKurus) values[k][bar], style.number_style);
          g_assert_cmpuint (bar, <, 3);
          g_assert_cmpstr (t->text, ==, want);
          shown_values++;
        }
    }
  g_assert_cmpuint (legends, ==, 2);
  g_assert_cmpuint (shown_values, ==, 6);
  cairo_surface_destroy (s);
}

/* A line from 0 to 100: the axis runs 0..100 in steps of 50, the line
 * passes through its midpoint, the area under it is tinted. */
static void
test_line (void)
{
  const char *labels[] = { "1 Nov", "2 Nov" };
  double a[] = { 0, 10000 };
  g_autoptr(CiroChart) chart = ciro_chart_new (CIRO_CHART_LINE);
  cairo_surface_t *s;
  CiroChartStyle style;
  const int W = 300, H = 200;
  double px, pw, py, ph;
  double x, y;
  int r, g, b;

  style_for_test (&style);
  ciro_chart_set_labels (chart, labels, 2);
  ciro_chart_add_series (chart, "Net revenue", a, 2, TRUE);
  s = render (chart, W, H, -1, "line");
  /* the plot area: right of the axis labels, under the legend, above the
   * day labels, 10 px from the right edge */
  ciro_chart_get_plot_area (chart, W, H, &style, &px, &py, &pw, &ph);
  g_assert_cmpfloat (px, >, 20);
  g_assert_cmpfloat (px, <, 80);
  g_assert_cmpfloat_with_epsilon (px + pw, W - 10, 0.01);
  g_assert_cmpfloat (py, >, 15);
  g_assert_cmpfloat (py + ph, <, H - 15);
  g_assert_true (ciro_chart_locate (chart, W, H, 0, 1, &x, &y));
  g_assert_cmpfloat_with_epsilon (x, px + pw, 0.01);
  g_assert_cmpfloat_with_epsilon (y, py, 0.01);
  g_assert_true (ciro_chart_locate (chart, W, H, 0, 0, &x, &y));
  g_assert_cmpfloat_with_epsilon (y, py + ph, 0.01);
  /* the midpoint of the segment is drawn in the series colour */
  g_assert_true (is_pure (s, (int) (px + pw / 2), (int) (py + ph / 2), &RED));
  /* below the line: tinted, neither white nor full red */
  pixel (s, (int) (px + pw * 0.75), (int) (py + ph * 0.9), &r, &g, &b);
  g_assert_cmpint (r, ==, 255);
  g_assert_cmpint (g, <, 240);
  g_assert_cmpint (g, >, 150);
  /* above the line: background */
  pixel (s, (int) (px + pw * 0.25), (int) (py + ph * 0.1), &r, &g, &b);
  g_assert_cmpint (g, >, 200);
  g_assert_cmpint (ciro_chart_hit (chart, W, H, px + pw - 5, 100), ==, 1);
  g_assert_cmpint (ciro_chart_hit (chart, W, H, px + 5, 100), ==, 0);
  g_assert_cmpint (ciro_chart_hit (chart, W, H, 10, 100), ==, -1);
  cairo_surface_destroy (s);

  /* hover marks the point with a vertical rule */
  s = render (chart, W, H, 1, "line-hover");
  g_assert_true (is_pure (s, (int) (px + pw) - 1, (int) (py + 1), &RED));
  cairo_surface_destroy (s);
}

/* A donut of 1 : 1 : 2 has its slices at 0–90°, 90–180° and 180–360°,
 * clockwise from 12 o'clock. */
static void
test_donut (void)
{
  const char *labels[] = { "Cost", "Commission", "Profit" };
  double v[] = { 100, 100, 200 };
  g_autoptr(CiroChart) chart = ciro_chart_new (CIRO_CHART_DONUT);
  const CiroRgba *colors[] = { &RED, &GREEN, &BLUE };
  double angles[] = { 45, 135, 270 };
  cairo_surface_t *s;
  const int W = 200, H = 200;
  double r = 100 - 6, a0, a1;

  ciro_chart_set_labels (chart, labels, 3);
  ciro_chart_add_series (chart, "Gross revenue", v, 3, TRUE);
  s = render (chart, W, H, -1, "donut");
  for (guint i = 0; i < 3; i++)
    {
      double t = angles[i] * G_PI / 180;
      int x = (int) (100 + 0.8 * r * sin (t)), y = (int) (100 - 0.8 * r * cos (t));
      g_assert_true (is_pure (s, x, y, colors[i]));
      g_assert_cmpint (ciro_chart_hit (chart, W, H, x, y), ==, (int) i);
    }
  g_assert_true (ciro_chart_locate (chart, W, H, 0, 2, &a0, &a1));
  g_assert_cmpfloat_with_epsilon (a0, G_PI, 1e-9);
  g_assert_cmpfloat_with_epsilon (a1, 2 * G_PI, 1e-9);
  /* the hole */
  g_assert_cmpint (ciro_chart_hit (chart, W, H, 100, 100), ==, -1);
  g_assert_false (is_pure (s, 100, 100 - (int) (0.3 * r), &RED));
  cairo_surface_destroy (s);
}

/* Two columns: day 1 cost 100, profit 300 (up to 400); day 2 cost 200,
 * profit −100 (a loss under the zero line). Parts keep the colours asked
 * for: cost blue (2), profit green (1), whatever their order. */
static void
test_stacked (void)
{
  const char *labels[] = { "1 Mar", "2 Mar" };
  double cost[] = { 100, 200 }, profit[] = { 300, -100 };
  const guint colors[] = { 2, 1 };
  g_autoptr(CiroChart) chart = ciro_chart_new (CIRO_CHART_STACKED);
  cairo_surface_t *s;
  const int W = 400, H = 300;
  double x, y0, y_cost, y_top, y_loss, x2, y_cost2;

  ciro_chart_set_labels (chart, labels, 2);
  ciro_chart_add_series (chart, "Cost", cost, 2, TRUE);
  ciro_chart_add_series (chart, "Profit", profit, 2, TRUE);
  ciro_chart_set_colors (chart, colors, 2);
  g_assert_cmpuint (ciro_chart_get_color (chart, 0), ==, 2);
  g_assert_cmpuint (ciro_chart_get_color (chart, 1), ==, 1);
  s = render (chart, W, H, -1, "stacked");

  g_assert_true (ciro_chart_locate (chart, W, H, 0, 0, &x, &y_cost));
  g_assert_true (ciro_chart_locate (chart, W, H, 1, 0, &x, &y_top));
  g_assert_true (ciro_chart_locate (chart, W, H, 1, 1, &x2, &y_loss));
  g_assert_true (ciro_chart_locate (chart, W, H, 0, 1, &x2, &y_cost2));
  g_assert_cmpfloat (x, <, x2);
  /* the zero line lies where the loss starts: cost is 1/4 of the way from
   * zero to the top of day 1, profit the rest; the loss hangs below */
  g_assert_cmpfloat (y_top, <, y_cost);
  y0 = y_cost + (y_cost - y_top) / 3;
  g_assert_cmpfloat_with_epsilon (y_cost2, y0 - 2 * (y0 - y_cost), 0.5);
  g_assert_cmpfloat (y_loss, >, y0);
  g_assert_true (is_pure (s, (int) x, (int) ((y0 + y_cost) / 2), &BLUE));
  g_assert_true (is_pure (s, (int) x, (int) ((y_cost + y_top) / 2), &GREEN));
  g_assert_true (is_pure (s, (int) x2, (int) ((y0 + y_cost2) / 2), &BLUE));
  g_assert_true (is_pure (s, (int) x2, (int) ((y0 + y_loss) / 2), &GREEN));
  g_assert_false (is_pure (s, (int) x, (int) ((y0 + y_loss) / 2), &GREEN));
  g_assert_cmpint (ciro_chart_hit (chart, W, H, x, (y_cost + y_top) / 2), ==, 0);
  g_assert_cmpint (ciro_chart_hit (chart, W, H, x2, y0), ==, 1);
  g_assert_cmpuint (count_color (s, &RED), ==, 0);
  /* a legend names the parts, in their order */
  {
    CiroChartStyle style;
    g_autoptr(GPtrArray) texts = NULL;
    guint n = 0;

    style_for_test (&style);
    texts = ciro_chart_get_texts (chart, W, H, &style);
    for (guint i = 0; i < texts->len; i++)
      {
        CiroChartText *t = texts->pdata[i];
        if (t->kind != CIRO_CHART_TEXT_LEGEND)
          continue;
        g_assert_cmpstr (t->text, ==, n == 0 ? "Cost" : "Profit");
        g_assert_cmpuint (t->index, ==, n);
        n++;
      }
    g_assert_cmpuint (n, ==, 2);
  }
  cairo_surface_destroy (s);
}

static void
test_empty (void)
{
  const char *labels[] = { "a", "b", "c" };
  double zero[] = { 0, 0, 0 };
  CiroChartKind kinds[] = { CIRO_CHART_LINE, CIRO_CHART_BARS, CIRO_CHART_DONUT };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(CiroChart) chart = ciro_chart_new (kinds[k]);
      g_autofree char *text = NULL;
      cairo_surface_t *s;

      ciro_chart_set_labels (chart, labels, 3);
      ciro_chart_add_series (chart, "x", zero, 3, FALSE);
      g_assert_true (ciro_chart_is_empty (chart));
      s = render (chart, 200, 100, -1, "empty");
      g_assert_cmpuint (count_color (s, &RED), ==, 0);
      text = ciro_chart_describe (chart, CIRO_NUMBER_STYLE_ENGLISH);
      g_assert_nonnull (strstr (text, "No data"));
      cairo_surface_destroy (s);
    }
}

static void
test_words (void)
{
  const char *labels[] = { "1 Nov", "2 Nov", "3 Nov" };
  double a[] = { 150000, 50000, 100000 };
  double b[] = { 3, 1, 2 };
  g_autoptr(CiroChart) chart = ciro_chart_new (CIRO_CHART_LINE);
  g_autofree char *tip = NULL;
  g_autofree char *text = NULL;

  ciro_chart_set_title (chart, "By Day");
  ciro_chart_set_labels (chart, labels, 3);
  ciro_chart_add_series (chart, "Net revenue", a, 3, TRUE);
  ciro_chart_add_series (chart, "Orders", b, 3, FALSE);
  tip = ciro_chart_point_text (chart, 1, CIRO_NUMBER_STYLE_TURKISH);
  g_assert_cmpstr (tip, ==, "2 Nov\nNet revenue: ₺500,00\nOrders: 1");
  text = ciro_chart_describe (chart, CIRO_NUMBER_STYLE_ENGLISH);
  g_assert_nonnull (strstr (text, "By Day"));
  g_assert_nonnull (strstr (text, "total ₺3,000.00"));
  g_assert_nonnull (strstr (text, "highest ₺1,500.00 (1 Nov)"));
  g_assert_nonnull (strstr (text, "lowest ₺500.00 (2 Nov)"));
  g_assert_null (ciro_chart_point_text (chart, 3, CIRO_NUMBER_STYLE_ENGLISH));
}

/* Hours still to come are NAN: the line stops at the last known one. */
static void
test_unknown_values (void)
{
  const char *labels[] = { "00", "06", "12", "18" };
  double today[] = { 0, 10000, NAN, NAN };
  double yesterday[] = { 0, 5000, 10000, 20000 };
  g_autoptr(CiroChart) chart = ciro_chart_new (CIRO_CHART_LINE);
  g_autofree char *tip = NULL;
  cairo_surface_t *s;
  double x, y, x2, y2;

  ciro_chart_set_labels (chart, labels, 4);
  ciro_chart_add_series (chart, "Today", today, 4, TRUE);
  ciro_chart_add_series (chart, "Yesterday", yesterday, 4, TRUE);
  s = render (chart, 300, 200, -1, "unknown");
  /* red (today) from point 0 to point 1, none between points 2 and 3 */
  g_assert_true (ciro_chart_locate (chart, 300, 200, 0, 1, &x, &y));
  g_assert_true (ciro_chart_locate (chart, 300, 200, 1, 3, &x2, &y2));
  g_assert_true (is_pure (s, (int) x - 2, (int) (y + (y - y) / 2), &RED) || is_pure (s, (int) x - 2, (int) y + 1, &RED));
  {
    CiroChartStyle style;
    double ax, ay, aw, ah;

    /* in the plot (the legend's red square names the series above it) */
    style_for_test (&style);
    ciro_chart_get_plot_area (chart, 300, 200, &style, &ax, &ay, &aw, &ah);
    for (int px = (int) x + 4; px < (int) x2; px++)
      for (int py = (int) ay; py < (int) (ay + ah); py++)
        g_assert_false (is_pure (s, px, py, &RED));
  }
  tip = ciro_chart_point_text (chart, 3, CIRO_NUMBER_STYLE_ENGLISH);
  g_assert_cmpstr (tip, ==, "18\nYesterday: ₺200.00");
  cairo_surface_destroy (s);
}

/* A sparkline fills its box: the lowest value on the bottom edge, the
 * highest on the top one, no axes. */
static void
test_sparkline (void)
{
  const char *labels[] = { "a", "b", "c", "d" };
  double v[] = { 10, 40, 20, 30 };
  g_autoptr(CiroChart) chart = ciro_chart_new (CIRO_CHART_SPARKLINE);
  cairo_surface_t *s;
  double x, y;

  ciro_chart_set_labels (chart, labels, 4);
  ciro_chart_add_series (chart, "Net revenue", v, 4, TRUE);
  s = render (chart, 120, 30, -1, "sparkline");
  g_assert_true (ciro_chart_locate (chart, 120, 30, 0, 1, &x, &y));
  g_assert_cmpfloat_with_epsilon (y, 2, 0.01);
  g_assert_true (ciro_chart_locate (chart, 120, 30, 0, 0, &x, &y));
  g_assert_cmpfloat_with_epsilon (y, 28, 0.01);
  g_assert_cmpfloat_with_epsilon (x, 2, 0.01);
  g_assert_true (is_pure (s, (int) x + 1, (int) y - 1, &RED) || is_pure (s, (int) x + 1, (int) y, &RED));
  /* nothing but the line: no text, so no dark pixels */
  for (int py = 0; py < 30; py++)
    for (int px = 0; px < 120; px++)
      {
        int r, g, b;
        pixel (s, px, py, &r, &g, &b);
        g_assert_true (r > 100);
      }
  cairo_surface_destroy (s);
}

static gboolean
overlaps (const CiroChartText *a, const CiroChartText *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width && a->y < b->y + b->height && b->y < a->y + a->height;
}

/* Whether the box holds text: pixels darker than the light background. */
static gboolean
has_ink (cairo_surface_t *s, const CiroChartText *t)
{
  for (int y = (int) t->y; y < (int) (t->y + t->height); y++)
    for (int x = (int) t->x; x < (int) (t->x + t->width); x++)
      {
        int r, g, b;
        pixel (s, x, y, &r, &g, &b);
        if (r + g + b < 3 * 160)
          return TRUE;
      }
  return FALSE;
}

/* The x labels chosen: the first and last points, evenly between. */
static void
assert_x_labels (GPtrArray *texts, guint n)
{
  g_autoptr(GArray) idx = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < texts->len; i++)
    {
      const CiroChartText *t = texts->pdata[i];
      if (t->kind == CIRO_CHART_TEXT_X_LABEL)
        g_array_append_val (idx, t->index);
    }
  g_assert_cmpuint (idx->len, >=, 1);
  /* the latest point is always named */
  g_assert_cmpuint (g_array_index (idx, guint, idx->len - 1), ==, n - 1);
  if (idx->len >= 3)
    {
      guint every = g_array_index (idx, guint, 1) - g_array_index (idx, guint, 0);
      /* the first and the second are both there, and every one after at
       * the same step up to the last (which may come sooner) */
      g_assert_cmpuint (g_array_index (idx, guint, 0), ==, 0);
      for (guint k = 1; k + 1 < idx->len; k++)
        g_assert_cmpuint (g_array_index (idx, guint, k), ==, k * every);
      g_assert_cmpuint (n - 1 - g_array_index (idx, guint, idx->len - 2), <=, 2 * every);
    }
}

/* Whatever the width, from a phone's to a wide window's, every text the
 * chart draws lies inside it, none over another, the title and a legend
 * entry per series are there (drawn in the series' colour), and the day
 * labels run from the first to the last day evenly, the last one whole. */
static void
test_texts_inside (void)
{
  static const char *months_en[] = { "Nov", "Dec" }, *months_tr[] = { "Kas", "Ara" };
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t *cr_measure = cairo_create (scratch);
  PangoFontDescription *font = pango_font_description_from_string ("Sans 9");
  const double widths[] = { 200, 300, 336, 452, 600, 1000 };
  const int H = 220;

  for (guint lang = 0; lang < 2; lang++)
    for (guint c = 0; c < 5; c++)
      for (guint wi = 0; wi < G_N_ELEMENTS (widths); wi++)
        {
          g_autoptr(CiroChart) chart = NULL;
          g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
          g_autoptr(GPtrArray) texts = NULL;
          g_autofree double *a = NULL;
          g_autofree double *b = NULL;
          g_autofree char *name = NULL;
          CiroChartStyle style;
          cairo_surface_t *s;
          guint n, titles = 0, legends = 0;
          const double W = widths[wi];
          const char *title = NULL;

          switch (c)
            {
            case 0:   /* By Day: 6 Nov – 5 Dec */
              n = 30;
              for (guint i = 0; i < n; i++)
                g_ptr_array_add (labels, g_strdup_printf ("%u %s", i < 25 ? 6 + i : i - 24,
                                                          (lang ? months_tr : months_en)[i >= 25]));
              title = lang ? "Günlere göre net ciro ve kâr" : "Net revenue and profit by day";
              break;
            case 1:   /* through the day */
              n = 24;
              for (guint i = 0; i < n; i++)
                g_ptr_array_add (labels, g_strdup_printf ("%02u:00", i));
              title = lang ? "Gün içinde net ciro" : "Net revenue through the day";
              break;
            case 2:   /* two years, no title */
              n = 730;
              for (guint i = 0; i < n; i++)
                g_ptr_array_add (labels, g_strdup_printf ("%u.%u.%u", 1 + i % 28, 1 + (i / 28) % 12, 2025 + i / 365));
              break;
            case 3:   /* bars */
              n = 4;
              g_ptr_array_add (labels, g_strdup ("Trendyol"));
              g_ptr_array_add (labels, g_strdup ("Hepsiburada Mağazacılık"));
              g_ptr_array_add (labels, g_strdup ("N11"));
              g_ptr_array_add (labels, g_strdup (lang ? "Bilinmeyen" : "Unknown"));
              title = lang ? "Pazaryerlerine göre net ciro" : "Net revenue by marketplace";
              break;
            default:  /* a donut */
              n = 3;
              g_ptr_array_add (labels, g_strdup ("a"));
              g_ptr_array_add (labels, g_strdup ("b"));
              g_ptr_array_add (labels, g_strdup ("c"));
              title = lang ? "Paranın gittiği yer" : "Where the money went";
              break;
            }
          chart = ciro_chart_new (c < 3 ? CIRO_CHART_LINE : c == 3 ? CIRO_CHART_BARS : CIRO_CHART_DONUT);
          a = g_new (double, n);
          b = g_new (double, n);
          for (guint i = 0; i < n; i++)
            a[i] = 154750712.0 * (1 + sin (i)) / 2, b[i] = a[i] / 3;
          ciro_chart_set_title (chart, title);
          ciro_chart_set_labels (chart, (const char * const *) labels->pdata, n);
          ciro_chart_add_series (chart, lang ? "Net ciro" : "Net revenue", a, n, TRUE);
          if (c < 3)
            ciro_chart_add_series (chart, lang ? "Kâr" : "Profit", b, n, TRUE);
          style_for_test (&style);
          style.number_style = lang ? CIRO_NUMBER_STYLE_TURKISH : CIRO_NUMBER_STYLE_ENGLISH;
          texts = ciro_chart_get_texts (chart, W, H, &style);
          name = g_strdup_printf ("texts-%u-%u-%.0f", lang, c, W);
          s = render_style (chart, (int) W, H, -1, name, &style);
          for (guint i = 0; i < texts->len; i++)
            {
              const CiroChartText *t = texts->pdata[i];

              if (t->x < -0.01 || t->y < -0.01 || t->x + t->width > W + 0.01 || t->y + t->height > H + 0.01)
                g_error ("%s: “%s” at %.1f,%.1f %.1f×%.1f is outside %.0f×%d", name, t->text,
                         t->x, t->y, t->width, t->height, W, H);
              for (guint j = i + 1; j < texts->len; j++)
                if (overlaps (t, texts->pdata[j]))
                  g_error ("%s: “%s” and “%s” overlap", name, t->text, ((CiroChartText *) texts->pdata[j])->text);
              g_assert_true (has_ink (s, t));
              if (t->kind == CIRO_CHART_TEXT_TITLE)
                {
                  titles++;
                  g_assert_cmpstr (t->text, ==, title);
                }
              if (t->kind == CIRO_CHART_TEXT_LEGEND)
                {
                  legends++;
                  /* the swatch, in the series' colour, then its name */
                  g_assert_true (is_pure (s, (int) t->x + 5, (int) (t->y + t->height / 2), t->index ? &GREEN : &RED));
                  g_assert_cmpstr (t->text, ==, t->index ? (lang ? "Kâr" : "Profit") : (lang ? "Net ciro" : "Net revenue"));
                }
            }
          g_assert_cmpuint (titles, ==, title ? 1 : 0);
          /* a legend names a line chart's series; bars and slices have
           * their names on them or beside them */
          g_assert_cmpuint (legends, ==, c < 3 ? 2 : 0);
          if (c < 3)
            {
              double px, py, pw, ph, x, y;

              assert_x_labels (texts, n);
              /* locating follows the drawing's style: the axis is as
               * wide as its labels in that language */
              ciro_chart_get_plot_area (chart, W, H, &style, &px, &py, &pw, &ph);
              g_assert_true (ciro_chart_locate (chart, W, H, 0, 0, &x, &y));
              g_assert_cmpfloat_with_epsilon (x, px, 1e-9);
              g_assert_true (ciro_chart_locate (chart, W, H, 0, n - 1, &x, &y));
              g_assert_cmpfloat_with_epsilon (x, px + pw, 1e-9);
              /* no axis label shortened */
              for (guint i = 0; i < texts->len; i++)
                {
                  const CiroChartText *t = texts->pdata[i];
                  double tw, th;
                  PangoLayout *pl;
                  if (t->kind != CIRO_CHART_TEXT_Y_LABEL)
                    continue;
                  g_assert_cmpfloat (t->x, >=, 0);
                  g_assert_cmpfloat (t->x + t->width, <=, px);
                  /* as wide as the whole text: not ellipsized */
                  pl = pango_cairo_create_layout (cr_measure);
                  pango_layout_set_font_description (pl, font);
                  pango_layout_set_text (pl, t->text, -1);
                  {
                    PangoRectangle r;
                    pango_layout_get_extents (pl, NULL, &r);
                    tw = (double) r.width / PANGO_SCALE, th = (double) r.height / PANGO_SCALE;
                  }
                  g_object_unref (pl);
                  g_assert_cmpfloat (t->width, >=, tw - 1);
                  (void) th;
                }
            }
          cairo_surface_destroy (s);
        }
  pango_font_description_free (font);
  cairo_destroy (cr_measure);
  cairo_surface_destroy (scratch);
}

/* A chart with no data still says what it is. */
static void
test_empty_title (void)
{
  const char *labels[] = { "a", "b" };
  double zero[] = { 0, 0 };
  g_autoptr(CiroChart) chart = ciro_chart_new (CIRO_CHART_LINE);
  g_autoptr(GPtrArray) texts = NULL;
  CiroChartStyle style;

  style_for_test (&style);
  ciro_chart_set_title (chart, "Units by day");
  ciro_chart_set_labels (chart, labels, 2);
  ciro_chart_add_series (chart, "Units", zero, 2, FALSE);
  texts = ciro_chart_get_texts (chart, 300, 200, &style);
  g_assert_cmpuint (texts->len, ==, 2);
  g_assert_cmpint (((CiroChartText *) texts->pdata[0])->kind, ==, CIRO_CHART_TEXT_TITLE);
  g_assert_cmpint (((CiroChartText *) texts->pdata[1])->kind, ==, CIRO_CHART_TEXT_EMPTY);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/chart/ticks", test_ticks);
  g_test_add_func ("/chart/bars", test_bars);
  g_test_add_func ("/chart/grouped-bars", test_grouped_bars);
  g_test_add_func ("/chart/line", test_line);
  g_test_add_func ("/chart/donut", test_donut);
  g_test_add_func ("/chart/stacked", test_stacked);
  g_test_add_func ("/chart/empty", test_empty);
  g_test_add_func ("/chart/words", test_words);
  g_test_add_func ("/chart/unknown-values", test_unknown_values);
  g_test_add_func ("/chart/sparkline", test_sparkline);
  g_test_add_func ("/chart/texts-inside", test_texts_inside);
  g_test_add_func ("/chart/empty-title", test_empty_title);
  return g_test_run ();
}
