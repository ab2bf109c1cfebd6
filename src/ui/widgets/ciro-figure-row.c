/* ciro-figure-row.c: a titled row with one figure
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "ciro-figure-row.h"

struct _CiroFigureRow
{
  AdwActionRow  parent_instance;

  GtkLabel     *value;
  GtkWidget    *swatch;           /* NULL until set_swatch () */
};

G_DEFINE_FINAL_TYPE (CiroFigureRow, ciro_figure_row, ADW_TYPE_ACTION_ROW)

enum { PROP_0, PROP_VALUE, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
ciro_figure_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_VALUE)
    ciro_figure_row_set_value (CIRO_FIGURE_ROW (object), g_value_get_string (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_figure_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_VALUE)
    g_value_set_string (value, ciro_figure_row_get_value (CIRO_FIGURE_ROW (object)));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_figure_row_class_init (CiroFigureRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = ciro_figure_row_set_property;
  object_class->get_property = ciro_figure_row_get_property;
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, NULL,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ciro_figure_row_init (CiroFigureRow *self)
{
  self->value = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->value), "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->value));
}

GtkWidget *
ciro_figure_row_new (const char *title, const char *subtitle, const char *value, const char *css)
{
  CiroFigureRow *self = g_object_new (CIRO_TYPE_FIGURE_ROW, "title", title, "value", value, NULL);

  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->value), css);
  return GTK_WIDGET (self);
}

const char *
ciro_figure_row_get_value (CiroFigureRow *self)
{
  g_return_val_if_fail (CIRO_IS_FIGURE_ROW (self), NULL);
  return gtk_label_get_text (self->value);
}

void
ciro_figure_row_set_value (CiroFigureRow *self, const char *value)
{
  g_return_if_fail (CIRO_IS_FIGURE_ROW (self));
  if (g_strcmp0 (value, gtk_label_get_text (self->value)) == 0)
    return;
  gtk_label_set_text (self->value, value ? value : "");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

void
ciro_figure_row_set_swatch (CiroFigureRow *self, guint index)
{
  g_autofree char *css = g_strdup_printf ("chart-swatch-%u", index);

  g_return_if_fail (CIRO_IS_FIGURE_ROW (self));
  if (self->swatch == NULL)
    {
      self->swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      gtk_widget_add_css_class (self->swatch, "chart-swatch");
      gtk_widget_set_valign (self->swatch, GTK_ALIGN_CENTER);
      adw_action_row_add_prefix (ADW_ACTION_ROW (self), self->swatch);
    }
  gtk_widget_set_css_classes (self->swatch, (const char *[]) { "chart-swatch", css, NULL });
}
