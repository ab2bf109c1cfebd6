/* ciro-list-when-shown.h: a list view that holds its model only while shown
 *
 * GTK 4.8's GtkListView and GtkColumnView keep widgets for up to about 200
 * rows around their anchor whether or not they are on screen: a column
 * view of 16 columns over every product holds some 30 MB of cells, and
 * every page the user has visited would keep its own. A view set up here
 * has the model the page gives it only while it is mapped: when it is
 * unmapped (its page or its stack child hidden) the view's model is unset,
 * which frees its rows, and when it is mapped again the model comes back
 * and the view is scrolled where it was. Selection and sort order live in
 * the selection model and the sorter, which the page keeps, so they
 * survive.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Gives `view` (a GtkListView or a GtkColumnView) `model` (may be NULL):
 * now if the view is mapped, else when it next is. Replaces the view's
 * gtk_list_view_set_model () / gtk_column_view_set_model (). */
void                ciro_list_when_shown_set_model (GtkWidget *view, GtkSelectionModel *model);
/* The model the page gave, whether or not the view holds it now. */
GtkSelectionModel  *ciro_list_when_shown_get_model (GtkWidget *view);

G_END_DECLS
