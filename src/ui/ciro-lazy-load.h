/* ciro-lazy-load.h: a page's figures loaded when it is first shown
 *
 * The window makes every page at startup, but most of them are not looked
 * at in a session, and some hold a lot (a million-order store's customers,
 * a year of product pairs). A page set up here loads when it is mapped, and
 * a request while it is hidden (the store changed, a setting moved) is
 * kept until it is shown again: a hidden page costs no query and no
 * memory, and a shown page is never stale.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*CiroLoadFunc) (gpointer page);

/* `load` is called for the page the first time it is mapped. */
void      ciro_lazy_load_setup   (GtkWidget *page, CiroLoadFunc load);
/* Calls `load` now if the page is mapped, else at its next map. Takes the
 * page as gpointer so that it can be a signal handler (connected swapped). */
void      ciro_lazy_load_request (gpointer page);
/* Whether a load is waiting for the page to be shown. */
gboolean  ciro_lazy_load_pending (GtkWidget *page);

G_END_DECLS
