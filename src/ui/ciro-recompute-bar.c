/* ciro-recompute-bar.c: the store's figures recomputed in the background
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "analytics/ciro-report-service.h"
#include "ciro-recompute-bar.h"

typedef enum { IDLE, CHECKING, RUNNING, CANCELLED, FAILED } State;

struct _CiroRecomputeBar
{
  GtkWidget     parent_instance;

  CiroContext  *context;
  State         state;
  gboolean      check_again;   /* the store changed while a check ran */
  GCancellable *cancellable;   /* of the recompute running */
  double        fraction;
  guint         n_done;

  GtkWidget    *revealer;
  GtkWidget    *label;
  GtkWidget    *progress;
  GtkWidget    *button;
};

G_DEFINE_FINAL_TYPE (CiroRecomputeBar, ciro_recompute_bar, GTK_TYPE_WIDGET)

static void start (CiroRecomputeBar *self);

static void
show (CiroRecomputeBar *self)
{
  gboolean running = self->state == RUNNING;

  gtk_revealer_set_reveal_child (GTK_REVEALER (self->revealer),
                                 running || self->state == CANCELLED || self->state == FAILED);
  gtk_widget_set_visible (self->progress, running);
  if (running)
    {
      gtk_label_set_text (GTK_LABEL (self->label), _("Bringing the figures up to date…"));
      gtk_button_set_label (GTK_BUTTON (self->button), _("_Cancel"));
    }
  else if (self->state == CANCELLED)
    {
      gtk_label_set_text (GTK_LABEL (self->label),
                          _("The figures do not yet follow the latest settings: the recompute was cancelled."));
      gtk_button_set_label (GTK_BUTTON (self->button), _("_Recompute"));
    }
  else if (self->state == FAILED)
    gtk_button_set_label (GTK_BUTTON (self->button), _("_Try Again"));
}

static void
progressed (double fraction, gpointer data)
{
  CiroRecomputeBar *self = data;

  self->fraction = fraction;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), fraction);
}

static void
recomputed (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroRecomputeBar) self = data;
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->cancellable);
  if (ciro_store_recompute_finish (result, &error))
    {
      self->state = IDLE;
      self->n_done++;
      show (self);
      /* every page reads the new figures; the check that follows finds
       * nothing more to do, unless a setting changed meanwhile */
      if (self->context != NULL)
        ciro_context_store_changed (self->context);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    self->state = CANCELLED;
  else
    {
      g_autofree char *text = g_strdup_printf (_("The figures could not be recomputed: %s"), error->message);
      self->state = FAILED;
      gtk_label_set_text (GTK_LABEL (self->label), text);
    }
  show (self);
}

static void
start (CiroRecomputeBar *self)
{
  if (self->context == NULL)
    return;
  self->state = RUNNING;
  self->fraction = 0;
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress), 0);
  self->cancellable = g_cancellable_new ();
  show (self);
  ciro_store_recompute_async (ciro_context_get_db_path (self->context), progressed, self, self->cancellable,
                              recomputed, g_object_ref (self));
}

static gpointer
needs_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return GINT_TO_POINTER (ciro_store_needs_recompute (store) ? 2 : 1);
}

static void
checked (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroRecomputeBar) self = data;
  g_autoptr(GError) error = NULL;
  gpointer answer = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (self->state != CHECKING)
    return;
  self->state = IDLE;
  if (GPOINTER_TO_INT (answer) == 2)
    start (self);
  else if (self->check_again)
    ciro_recompute_bar_check (self);
}

void
ciro_recompute_bar_check (CiroRecomputeBar *self)
{
  g_return_if_fail (CIRO_IS_RECOMPUTE_BAR (self));

  if (self->context == NULL)
    return;
  if (self->state == RUNNING)
    return;                       /* what changed waits for the next check */
  if (self->state == CHECKING)
    {
      self->check_again = TRUE;
      return;
    }
  self->state = CHECKING;
  self->check_again = FALSE;
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, needs_run, NULL, NULL, NULL,
                                 NULL, checked, g_object_ref (self));
}

void
ciro_recompute_bar_cancel (CiroRecomputeBar *self)
{
  g_return_if_fail (CIRO_IS_RECOMPUTE_BAR (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
button_clicked (CiroRecomputeBar *self)
{
  if (self->state == RUNNING)
    ciro_recompute_bar_cancel (self);
  else
    start (self);
}

/* A recompute that ended (well or not) is followed by a check when the
 * store changes again: a write may have asked for another. */
static void
store_changed (CiroRecomputeBar *self)
{
  if (self->state == IDLE || self->state == CHECKING)
    ciro_recompute_bar_check (self);
}

const char *
ciro_recompute_bar_get_state (CiroRecomputeBar *self)
{
  static const char *names[] = { "idle", "checking", "running", "cancelled", "failed" };

  g_return_val_if_fail (CIRO_IS_RECOMPUTE_BAR (self), NULL);
  return names[self->state];
}

double
ciro_recompute_bar_get_fraction (CiroRecomputeBar *self)
{
  g_return_val_if_fail (CIRO_IS_RECOMPUTE_BAR (self), 0);
  return self->fraction;
}

guint
ciro_recompute_bar_get_n_done (CiroRecomputeBar *self)
{
  g_return_val_if_fail (CIRO_IS_RECOMPUTE_BAR (self), 0);
  return self->n_done;
}

static void
ciro_recompute_bar_dispose (GObject *object)
{
  CiroRecomputeBar *self = CIRO_RECOMPUTE_BAR (object);

  /* a recompute left running ends by itself, rolled back: the store asks
   * again next time */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->context != NULL)
    ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
  g_clear_object (&self->context);
  g_clear_pointer (&self->revealer, gtk_widget_unparent);
  G_OBJECT_CLASS (ciro_recompute_bar_parent_class)->dispose (object);
}

static void
ciro_recompute_bar_class_init (CiroRecomputeBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ciro_recompute_bar_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ciro_recompute_bar_init (CiroRecomputeBar *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->revealer = gtk_revealer_new ();
  gtk_widget_set_parent (self->revealer, GTK_WIDGET (self));
  gtk_revealer_set_child (GTK_REVEALER (self->revealer), box);
  gtk_widget_add_css_class (box, "toolbar");
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  self->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  self->progress = gtk_progress_bar_new ();
  gtk_box_append (GTK_BOX (texts), self->label);
  gtk_box_append (GTK_BOX (texts), self->progress);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), texts);

  self->button = gtk_button_new_with_mnemonic (_("_Cancel"));
  gtk_widget_set_valign (self->button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->button, "clicked", G_CALLBACK (button_clicked), self);
  gtk_box_append (GTK_BOX (box), self->button);
}

GtkWidget *
ciro_recompute_bar_new (CiroContext *context)
{
  CiroRecomputeBar *self;

  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  self = g_object_new (CIRO_TYPE_RECOMPUTE_BAR, NULL);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "store-changed", G_CALLBACK (store_changed), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}
