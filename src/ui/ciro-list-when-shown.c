/* ciro-list-when-shown.c: a list view that holds its model only while shown
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ciro-list-when-shown.h"

#define KEY "ciro-list-when-shown"

typedef struct
{
  GtkSelectionModel *model;     /* the page's, owned */
  double             value;     /* the vertical scroll when last unmapped */
  guint              tick;      /* restoring the scroll, or 0 */
  guint              frames;
} WhenShown;

static void
when_shown_free (gpointer data)
{
  WhenShown *s = data;

  g_clear_object (&s->model);
  g_free (s);
}

static void
view_set_model (GtkWidget *view, GtkSelectionModel *model)
{
  if (GTK_IS_COLUMN_VIEW (view))
    {
      if (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)) != model)
        gtk_column_view_set_model (GTK_COLUMN_VIEW (view), model);
    }
  else if (gtk_list_view_get_model (GTK_LIST_VIEW (view)) != model)
    gtk_list_view_set_model (GTK_LIST_VIEW (view), model);
}

static void
stop_restoring (GtkWidget *view, WhenShown *s)
{
  if (s->tick != 0)
    gtk_widget_remove_tick_callback (view, s->tick);
  s->tick = 0;
}

/* The scroll put back once the rows have been laid out: the view sets its
 * adjustment in its size allocation, which follows the model's return, so
 * this waits for a frame that has allocated it. */
static gboolean
restore_scroll (GtkWidget *view, GdkFrameClock *clock, gpointer data)
{
  WhenShown *s = data;
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  double top;

  if (++s->frames < 2 && adj != NULL)
    return G_SOURCE_CONTINUE;
  s->tick = 0;
  if (adj == NULL)
    return G_SOURCE_REMOVE;
  top = gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj);
  gtk_adjustment_set_value (adj, MIN (s->value, MAX (top, 0)));
  return G_SOURCE_REMOVE;
}

static void
view_mapped (GtkWidget *view, WhenShown *s)
{
  view_set_model (view, s->model);
  stop_restoring (view, s);
  if (s->model != NULL && s->value > 0)
    {
      s->frames = 0;
      s->tick = gtk_widget_add_tick_callback (view, restore_scroll, s, NULL);
    }
}

/* After the view's own unmap (its rows are unmapped by then): the rows go
 * with the model, the scroll is remembered. */
static void
view_unmapped (GtkWidget *view, WhenShown *s)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));

  /* a restore still waiting: the remembered value stands */
  if (s->tick == 0)
    s->value = adj != NULL ? gtk_adjustment_get_value (adj) : 0;
  stop_restoring (view, s);
  view_set_model (view, NULL);
}

void
ciro_list_when_shown_set_model (GtkWidget *view, GtkSelectionModel *model)
{
  WhenShown *s;

  g_return_if_fail (GTK_IS_LIST_VIEW (view) || GTK_IS_COLUMN_VIEW (view));
  g_return_if_fail (model == NULL || GTK_IS_SELECTION_MODEL (model));

  s = g_object_get_data (G_OBJECT (view), KEY);
  if (s == NULL)
    {
      s = g_new0 (WhenShown, 1);
      g_object_set_data_full (G_OBJECT (view), KEY, s, when_shown_free);
      g_signal_connect_after (view, "map", G_CALLBACK (view_mapped), s);
      g_signal_connect_after (view, "unmap", G_CALLBACK (view_unmapped), s);
    }
  if (s->model != model)
    {
      /* another model's scroll means nothing for this one */
      s->value = 0;
      g_set_object (&s->model, model);
    }
  view_set_model (view, gtk_widget_get_mapped (view) ? model : NULL);
}

GtkSelectionModel *
ciro_list_when_shown_get_model (GtkWidget *view)
{
  WhenShown *s;

  g_return_val_if_fail (GTK_IS_WIDGET (view), NULL);
  s = g_object_get_data (G_OBJECT (view), KEY);
  return s != NULL ? s->model : NULL;
}
