/* ciro-vat-view.c: which profit the pages show, after or before KDV
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "ciro-vat-view.h"

gboolean
ciro_vat_view_get (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), TRUE);
  return g_settings_get_boolean (settings, CIRO_VAT_VIEW_KEY);
}

void
ciro_vat_view_connect (GSettings *settings, GCallback callback, gpointer instance)
{
  g_return_if_fail (G_IS_SETTINGS (settings));
  g_signal_connect_object (settings, "changed::" CIRO_VAT_VIEW_KEY, callback, instance, G_CONNECT_SWAPPED);
}

const char *
ciro_vat_view_text (gboolean after_vat)
{
  return after_vat ? _("Profit and margin after VAT settlement") : _("Profit and margin before VAT settlement");
}

static void
label_update (GtkLabel *label)
{
  GSettings *settings = g_object_get_data (G_OBJECT (label), "settings");

  gtk_label_set_text (label, ciro_vat_view_text (ciro_vat_view_get (settings)));
}

GtkWidget *
ciro_vat_view_label_new (GSettings *settings)
{
  GtkWidget *label = gtk_label_new (NULL);

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_object_set_data_full (G_OBJECT (label), "settings", g_object_ref (settings), g_object_unref);
  gtk_widget_set_name (label, "vat-view");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_tooltip_text (label, _("Choose after or before VAT on the Analytics page"));
  label_update (GTK_LABEL (label));
  ciro_vat_view_connect (settings, G_CALLBACK (label_update), label);
  return label;
}
