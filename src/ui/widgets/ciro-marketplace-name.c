/* ciro-marketplace-name.c: a marketplace's name as the user reads it
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "core/ciro-marketplace.h"
#include "ciro-marketplace-name.h"

static char *
shown (GObject *item, const char *stored, gpointer user_data)
{
  return g_strdup (ciro_marketplace_display (stored));
}

GtkExpression *
ciro_marketplace_name_expression (void)
{
  GtkExpression *string = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

  return gtk_cclosure_expression_new (G_TYPE_STRING, NULL, 1, &string, G_CALLBACK (shown), NULL, NULL);
}
