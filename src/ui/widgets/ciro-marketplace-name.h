/* ciro-marketplace-name.h: a marketplace's name as the user reads it
 *
 * Marketplace lists keep the stored names (they are what a filter takes);
 * this expression shows each as the user reads it ("Bilinmeyen" is
 * "Unknown" in English), for drop-downs and combo rows over a
 * GtkStringList of stored names.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkExpression *ciro_marketplace_name_expression (void);

G_END_DECLS
