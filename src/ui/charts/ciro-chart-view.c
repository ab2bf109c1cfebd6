/* ciro-chart-view.c: a chart in the window
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include "ciro-chart-view.h"

struct _CiroChartView
{
  GtkWidget  parent_instance;

  CiroChart *chart;
  int        hover;
};

G_DEFINE_FINAL_TYPE (CiroChartView, ciro_chart_view, GTK_TYPE_WIDGET)

static CiroRgba
rgba_of (const GdkRGBA *c)
{
  return (CiroRgba) { c->red, c->green, c->blue, c->alpha };
}

void
ciro_chart_view_get_style (CiroChartView *self, CiroChartStyle *style)
{
  GtkStyleContext *ctx = gtk_widget_get_style_context (GTK_WIDGET (self));
  static const char *names[CIRO_CHART_N_COLORS] = {
    "accent_bg_color", "success_color", "warning_color", "error_color", "purple_3", "blue_5",
    "orange_3", "brown_2", "dark_1", "brown_5",
  };
  GdkRGBA fg, c;

  ciro_chart_style_init (style);
  gtk_style_context_get_color (ctx, &fg);
  style->foreground = rgba_of (&fg);
  style->grid = style->foreground;
  style->grid.a = 0.12;
  for (guint i = 0; i < CIRO_CHART_N_COLORS; i++)
    if (gtk_style_context_lookup_color (ctx, names[i], &c))
      style->colors[i] = rgba_of (&c);
  style->number_style = ciro_number_style_from_locale ();
}

static void
ciro_chart_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  CiroChartView *self = CIRO_CHART_VIEW (widget);
  double w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  CiroChartStyle style;
  cairo_t *cr;

  if (self->chart == NULL || w <= 0 || h <= 0)
    return;
  ciro_chart_view_get_style (self, &style);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, w, h));
  ciro_chart_draw (self->chart, cr, w, h, &style, self->hover);
  cairo_destroy (cr);
}

static void
set_hover (CiroChartView *self, int hover)
{
  if (hover == self->hover)
    return;
  self->hover = hover;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
}

static void
motion (GtkEventControllerMotion *controller, double x, double y, CiroChartView *self)
{
  if (self->chart == NULL)
    return;
  set_hover (self, ciro_chart_hit (self->chart, gtk_widget_get_width (GTK_WIDGET (self)),
                                   gtk_widget_get_height (GTK_WIDGET (self)), x, y));
}

static void
leave (GtkEventControllerMotion *controller, CiroChartView *self)
{
  set_hover (self, -1);
}

static gboolean
query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip, gpointer data)
{
  CiroChartView *self = CIRO_CHART_VIEW (widget);
  int i;
  g_autofree char *text = NULL;

  if (self->chart == NULL)
    return FALSE;
  i = ciro_chart_hit (self->chart, gtk_widget_get_width (widget), gtk_widget_get_height (widget), x, y);
  if (i < 0 || (text = ciro_chart_point_text (self->chart, (guint) i, ciro_number_style_from_locale ())) == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
ciro_chart_view_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (ciro_chart_view_parent_class)->css_changed (widget, change);
  /* dark mode, high contrast: the colours are read again when drawing */
  gtk_widget_queue_draw (widget);
}

static void
ciro_chart_view_finalize (GObject *object)
{
  ciro_chart_free (CIRO_CHART_VIEW (object)->chart);
  G_OBJECT_CLASS (ciro_chart_view_parent_class)->finalize (object);
}

static void
ciro_chart_view_class_init (CiroChartViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ciro_chart_view_finalize;
  widget_class->snapshot = ciro_chart_view_snapshot;
  widget_class->css_changed = ciro_chart_view_css_changed;
  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ciro_chart_view_init (CiroChartView *self)
{
  GtkEventController *motion_controller = gtk_event_controller_motion_new ();

  self->hover = -1;
  g_signal_connect (motion_controller, "motion", G_CALLBACK (motion), self);
  g_signal_connect (motion_controller, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion_controller);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip), NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
ciro_chart_view_new (void)
{
  return g_object_new (CIRO_TYPE_CHART_VIEW, NULL);
}

void
ciro_chart_view_set_chart (CiroChartView *self, CiroChart *chart)
{
  g_autofree char *description = NULL;

  g_return_if_fail (CIRO_IS_CHART_VIEW (self));

  ciro_chart_free (self->chart);
  self->chart = chart;
  self->hover = -1;
  if (chart != NULL)
    {
      description = ciro_chart_describe (chart, ciro_number_style_from_locale ());
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const CiroChart *
ciro_chart_view_get_chart (CiroChartView *self)
{
  g_return_val_if_fail (CIRO_IS_CHART_VIEW (self), NULL);
  return self->chart;
}

int
ciro_chart_view_get_hover (CiroChartView *self)
{
  g_return_val_if_fail (CIRO_IS_CHART_VIEW (self), -1);
  return self->hover;
}
