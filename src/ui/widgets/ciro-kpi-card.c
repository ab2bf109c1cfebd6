/* ciro-kpi-card.c: one figure on a card, with its change
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "core/ciro-money.h"
#include "ciro-kpi-card.h"

struct _CiroKpiCard
{
  GtkBox     parent_instance;

  GtkLabel  *title;
  GtkLabel  *value;
  GtkLabel  *change;
  GtkLabel  *detail;
  GtkWidget *extra;
};

G_DEFINE_FINAL_TYPE (CiroKpiCard, ciro_kpi_card, GTK_TYPE_BOX)

static void
ciro_kpi_card_class_init (CiroKpiCardClass *klass)
{
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "kpicard");
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
ciro_kpi_card_init (CiroKpiCard *self)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
  gtk_box_set_spacing (GTK_BOX (self), 4);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "kpi-card");
  gtk_widget_set_size_request (GTK_WIDGET (self), 200, -1);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_ellipsize (self->title, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "caption-heading");

  self->value = GTK_LABEL (gtk_label_new ("—"));
  gtk_label_set_xalign (self->value, 0);
  gtk_label_set_selectable (self->value, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->value), "title-1");
  gtk_widget_add_css_class (GTK_WIDGET (self->value), "numeric");
  gtk_widget_set_name (GTK_WIDGET (self->value), "kpi-value");

  self->change = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->change), "numeric");
  self->detail = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->detail, PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (GTK_WIDGET (self->detail), "dim-label");
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->change));
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (self->detail));

  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->title));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->value));
  gtk_box_append (GTK_BOX (self), row);
}

GtkWidget *
ciro_kpi_card_new (const char *title)
{
  CiroKpiCard *self = g_object_new (CIRO_TYPE_KPI_CARD, NULL);

  gtk_label_set_text (self->title, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return GTK_WIDGET (self);
}

void
ciro_kpi_card_set (CiroKpiCard *self,
                   const char  *value,
                   const char  *detail,
                   double       change,
                   gboolean     inverse,
                   const char  *change_tooltip)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *description = NULL;

  g_return_if_fail (CIRO_IS_KPI_CARD (self));

  gtk_label_set_text (self->value, value);
  gtk_widget_remove_css_class (GTK_WIDGET (self->change), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->change), "error");
  if (isnan (change) || isinf (change))
    {
      gtk_label_set_text (self->change, "—");
      gtk_widget_add_css_class (GTK_WIDGET (self->change), "dim-label");
    }
  else
    {
      g_autofree char *pct = ciro_percent_format (fabs (change), 1, style);
      g_autofree char *text = g_strdup_printf ("%s %s", change >= 0 ? "▲" : "▼", pct);
      gboolean good = (change >= 0) != inverse;

      gtk_label_set_text (self->change, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->change), "dim-label");
      if (change != 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->change), good ? "success" : "error");
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->change), change_tooltip);
  gtk_label_set_text (self->detail, detail ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail), detail != NULL);

  description = g_strdup_printf ("%s %s %s", value, gtk_label_get_text (self->change), detail ? detail : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

void
ciro_kpi_card_set_extra (CiroKpiCard *self, GtkWidget *extra)
{
  g_return_if_fail (CIRO_IS_KPI_CARD (self));

  if (self->extra != NULL)
    gtk_box_remove (GTK_BOX (self), self->extra);
  self->extra = extra;
  if (extra != NULL)
    gtk_box_append (GTK_BOX (self), extra);
}

const char *
ciro_kpi_card_get_value (CiroKpiCard *self)
{
  g_return_val_if_fail (CIRO_IS_KPI_CARD (self), NULL);
  return gtk_label_get_text (self->value);
}

const char *
ciro_kpi_card_get_title (CiroKpiCard *self)
{
  g_return_val_if_fail (CIRO_IS_KPI_CARD (self), NULL);
  return gtk_label_get_text (self->title);
}

const char *
ciro_kpi_card_get_change (CiroKpiCard *self)
{
  g_return_val_if_fail (CIRO_IS_KPI_CARD (self), NULL);
  return gtk_label_get_text (self->change);
}
