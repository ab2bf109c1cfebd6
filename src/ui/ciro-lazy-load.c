/* ciro-lazy-load.c: a page's figures loaded when it is first shown
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ciro-lazy-load.h"

#define KEY "ciro-lazy-load"

typedef struct
{
  CiroLoadFunc load;
  gboolean     pending;
} LazyLoad;

static void
page_mapped (GtkWidget *page, LazyLoad *l)
{
  if (!l->pending)
    return;
  l->pending = FALSE;
  l->load (page);
}

void
ciro_lazy_load_setup (GtkWidget *page, CiroLoadFunc load)
{
  LazyLoad *l;

  g_return_if_fail (GTK_IS_WIDGET (page));
  g_return_if_fail (load != NULL);
  g_return_if_fail (g_object_get_data (G_OBJECT (page), KEY) == NULL);

  l = g_new0 (LazyLoad, 1);
  l->load = load;
  l->pending = TRUE;
  g_object_set_data_full (G_OBJECT (page), KEY, l, g_free);
  g_signal_connect (page, "map", G_CALLBACK (page_mapped), l);
  if (gtk_widget_get_mapped (page))
    page_mapped (page, l);
}

void
ciro_lazy_load_request (gpointer page)
{
  LazyLoad *l;

  g_return_if_fail (GTK_IS_WIDGET (page));
  l = g_object_get_data (G_OBJECT (page), KEY);
  g_return_if_fail (l != NULL);

  l->pending = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (page)))
    page_mapped (GTK_WIDGET (page), l);
}

gboolean
ciro_lazy_load_pending (GtkWidget *page)
{
  LazyLoad *l = g_object_get_data (G_OBJECT (page), KEY);

  return l != NULL && l->pending;
}
