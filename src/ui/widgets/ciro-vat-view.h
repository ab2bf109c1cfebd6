/* ciro-vat-view.h: which profit the pages show, after or before KDV
 *
 * profit.md: Ciro shows profit after VAT settlement (what the seller keeps)
 * or before it (metrics.md's), as the user chose on the Analytics page; the
 * choice is the "analytics-after-vat" setting, and every page that shows a
 * profit or a margin follows it as it changes, with a label saying which
 * view is on screen.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The setting's key. */
#define CIRO_VAT_VIEW_KEY "analytics-after-vat"

/* TRUE: profit after VAT settlement (the default). */
gboolean    ciro_vat_view_get       (GSettings *settings);
/* Calls `callback (instance)` whenever the setting changes, for as long as
 * `instance` lives (g_signal_connect_object, swapped). */
void        ciro_vat_view_connect   (GSettings *settings,
                                     GCallback  callback,
                                     gpointer   instance);
/* The sentence a page shows about the view. */
const char *ciro_vat_view_text      (gboolean   after_vat);
/* A dim caption with that sentence, named "vat-view", kept up to date. */
GtkWidget  *ciro_vat_view_label_new (GSettings *settings);

G_END_DECLS
