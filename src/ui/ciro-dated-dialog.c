/* ciro-dated-dialog.c: the frame of a dated setting's history dialog
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "core/ciro-date.h"
#include "ciro-dated-dialog.h"

typedef struct
{
  AdwPreferencesPage  *page;
  AdwPreferencesGroup *history_group;
  GPtrArray           *history_rows;   /* rows shown in history_group */
  AdwEntryRow         *from;
  GtkWidget           *add;
  GtkWidget           *secondary;      /* or NULL */
  GtkLabel            *error;
  char                *error_text;
  guint                pending;
  gboolean             closed;         /* disposed: writes under way finish without it */
} CiroDatedDialogPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (CiroDatedDialog, ciro_dated_dialog, ADW_TYPE_WINDOW)

GtkWidget *
ciro_icon_button (const char *icon, const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

void
ciro_dated_dialog_set_parent (CiroDatedDialog *self, GtkWidget *widget)
{
  GtkRoot *root;

  g_return_if_fail (CIRO_IS_DATED_DIALOG (self));
  root = widget != NULL ? gtk_widget_get_root (widget) : NULL;
  if (root != NULL && GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
}

AdwPreferencesPage *
ciro_dated_dialog_get_page (CiroDatedDialog *self)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);

  g_return_val_if_fail (CIRO_IS_DATED_DIALOG (self), NULL);
  return priv->page;
}

AdwPreferencesGroup *
ciro_dated_dialog_add_history (CiroDatedDialog *self)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);

  g_return_val_if_fail (CIRO_IS_DATED_DIALOG (self), NULL);
  g_return_val_if_fail (priv->history_group == NULL, priv->history_group);
  priv->history_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (priv->history_group, _("History"));
  adw_preferences_group_set_description (priv->history_group,
    _("Each value applies from its date on, until the next one. Orders of earlier days keep the value of their day."));
  adw_preferences_page_add (priv->page, priv->history_group);
  return priv->history_group;
}

void
ciro_dated_dialog_clear_history (CiroDatedDialog *self)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);

  g_return_if_fail (CIRO_IS_DATED_DIALOG (self));
  for (guint i = 0; i < priv->history_rows->len; i++)
    adw_preferences_group_remove (priv->history_group, priv->history_rows->pdata[i]);
  g_ptr_array_set_size (priv->history_rows, 0);
}

static GtkWidget *
append_row (CiroDatedDialog *self, const char *title, const char *subtitle)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);
  GtkWidget *row = adw_action_row_new ();

  g_return_val_if_fail (priv->history_group != NULL, row);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_preferences_group_add (priv->history_group, row);
  g_ptr_array_add (priv->history_rows, row);
  return row;
}

static void
edit_clicked (GtkButton *button, CiroDatedDialog *self)
{
  CIRO_DATED_DIALOG_GET_CLASS (self)->edit (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

static void
remove_clicked (GtkButton *button, CiroDatedDialog *self)
{
  CIRO_DATED_DIALOG_GET_CLASS (self)->remove (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

GtkWidget *
ciro_dated_dialog_append_history (CiroDatedDialog *self,
                                  const char      *title,
                                  const char      *subtitle,
                                  const char      *edit_label,
                                  const char      *remove_label,
                                  guint            index)
{
  GtkWidget *row, *box, *button;

  g_return_val_if_fail (CIRO_IS_DATED_DIALOG (self), NULL);
  row = append_row (self, title, subtitle);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  if (edit_label != NULL)
    {
      g_return_val_if_fail (CIRO_DATED_DIALOG_GET_CLASS (self)->edit != NULL, row);
      button = ciro_icon_button ("document-edit-symbolic", edit_label);
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
      g_signal_connect (button, "clicked", G_CALLBACK (edit_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  if (remove_label != NULL)
    {
      g_return_val_if_fail (CIRO_DATED_DIALOG_GET_CLASS (self)->remove != NULL, row);
      button = ciro_icon_button ("user-trash-symbolic", remove_label);
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (index));
      g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked), self);
      gtk_box_append (GTK_BOX (box), button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
  return row;
}

GtkWidget *
ciro_dated_dialog_append_note (CiroDatedDialog *self,
                               const char      *title,
                               const char      *subtitle,
                               gboolean         dim)
{
  GtkWidget *row;

  g_return_val_if_fail (CIRO_IS_DATED_DIALOG (self), NULL);
  row = append_row (self, title, subtitle);
  if (dim)
    gtk_widget_add_css_class (row, "dim-label");
  return row;
}

static void
add_activated (CiroDatedDialog *self)
{
  CIRO_DATED_DIALOG_GET_CLASS (self)->add (self);
}

void
ciro_dated_dialog_finish_form (CiroDatedDialog     *self,
                               AdwPreferencesGroup *form,
                               GtkWidget           *secondary)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);
  g_autofree char *today = ciro_day_to_string (ciro_today ());
  GtkWidget *error, *buttons, *v;

  g_return_if_fail (CIRO_IS_DATED_DIALOG (self));
  g_return_if_fail (priv->from == NULL);

  priv->from = ADW_ENTRY_ROW (adw_entry_row_new ());
  gtk_widget_set_name (GTK_WIDGET (priv->from), "from");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (priv->from), _("From (2026-03-01 or 01.03.2026)"));
  gtk_editable_set_text (GTK_EDITABLE (priv->from), today);
  g_signal_connect_swapped (priv->from, "entry-activated", G_CALLBACK (add_activated), self);
  adw_preferences_group_add (form, GTK_WIDGET (priv->from));

  error = gtk_label_new (NULL);
  priv->error = GTK_LABEL (error);
  gtk_label_set_wrap (priv->error, TRUE);
  gtk_label_set_xalign (priv->error, 0);
  gtk_widget_add_css_class (error, "error");
  gtk_widget_set_margin_top (error, 12);
  gtk_widget_set_visible (error, FALSE);

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (buttons, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  if (secondary != NULL)
    {
      priv->secondary = secondary;
      gtk_box_append (GTK_BOX (buttons), secondary);
    }
  priv->add = gtk_button_new_with_mnemonic (_("_Add"));
  gtk_widget_add_css_class (priv->add, "suggested-action");
  g_signal_connect_swapped (priv->add, "clicked", G_CALLBACK (add_activated), self);
  gtk_box_append (GTK_BOX (buttons), priv->add);

  v = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (v), error);
  gtk_box_append (GTK_BOX (v), buttons);
  adw_preferences_group_add (form, v);
  adw_preferences_page_add (priv->page, form);
}

AdwEntryRow *
ciro_dated_dialog_get_from (CiroDatedDialog *self)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);

  g_return_val_if_fail (CIRO_IS_DATED_DIALOG (self), NULL);
  return priv->from;
}

GtkWidget *
ciro_dated_dialog_get_add_button (CiroDatedDialog *self)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);

  g_return_val_if_fail (CIRO_IS_DATED_DIALOG (self), NULL);
  return priv->add;
}

void
ciro_dated_dialog_set_error (CiroDatedDialog *self, const char *text)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);

  g_return_if_fail (CIRO_IS_DATED_DIALOG (self));
  g_free (priv->error_text);
  priv->error_text = g_strdup (text);
  if (priv->error == NULL)
    return;
  gtk_label_set_text (priv->error, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->error), text != NULL);
}

const char *
ciro_dated_dialog_get_error (CiroDatedDialog *self)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);

  g_return_val_if_fail (CIRO_IS_DATED_DIALOG (self), NULL);
  return priv->error_text;
}

guint
ciro_dated_dialog_get_pending (CiroDatedDialog *self)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);

  g_return_val_if_fail (CIRO_IS_DATED_DIALOG (self), 0);
  return priv->pending;
}

static void
set_buttons_sensitive (CiroDatedDialog *self, gboolean sensitive)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);

  if (priv->add != NULL)
    gtk_widget_set_sensitive (priv->add, sensitive);
  if (priv->secondary != NULL)
    gtk_widget_set_sensitive (priv->secondary, sensitive);
}

typedef struct {
  CiroDatedDialog *dialog;
  CiroContext     *context;
  gpointer         job;
} Pending;

static void
written (GObject *source, GAsyncResult *result, gpointer data)
{
  Pending *p = data;
  CiroDatedDialog *self = p->dialog;
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);
  g_autoptr(GError) error = NULL;
  gboolean ok = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error) != NULL;

  priv->pending--;
  if (!ok && priv->closed)
    g_warning ("Could not save: %s", error->message);
  else if (!ok)
    {
      g_autofree char *text = g_strdup_printf (_("Could not save: %s"), error->message);
      ciro_dated_dialog_set_error (self, text);
    }
  else
    {
      if (!priv->closed && CIRO_DATED_DIALOG_GET_CLASS (self)->saved != NULL)
        CIRO_DATED_DIALOG_GET_CLASS (self)->saved (self, p->job);
      /* the pages and the dialog's owner read the store again; the
       * recompute bar brings the figures up to date in the background */
      ciro_context_store_changed (p->context);
    }
  if (!priv->closed)
    set_buttons_sensitive (self, priv->pending == 0);
  g_object_unref (p->context);
  g_object_unref (self);
  g_free (p);
}

void
ciro_dated_dialog_write (CiroDatedDialog *self,
                         CiroContext     *context,
                         CiroReportFunc   worker,
                         gpointer         job,
                         GDestroyNotify   job_free)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);
  Pending *p;

  g_return_if_fail (CIRO_IS_DATED_DIALOG (self));
  g_return_if_fail (CIRO_IS_CONTEXT (context));
  p = g_new0 (Pending, 1);
  p->dialog = g_object_ref (self);
  p->context = g_object_ref (context);
  p->job = job;
  priv->pending++;
  set_buttons_sensitive (self, FALSE);
  ciro_report_service_run_async (ciro_context_get_reports (context), NULL, worker, job, job_free, NULL, NULL,
                                 written, p);
}

static void
ciro_dated_dialog_dispose (GObject *object)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (CIRO_DATED_DIALOG (object));

  priv->closed = TRUE;
  G_OBJECT_CLASS (ciro_dated_dialog_parent_class)->dispose (object);
}

static void
ciro_dated_dialog_finalize (GObject *object)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (CIRO_DATED_DIALOG (object));

  g_free (priv->error_text);
  g_ptr_array_unref (priv->history_rows);
  G_OBJECT_CLASS (ciro_dated_dialog_parent_class)->finalize (object);
}

static void
ciro_dated_dialog_class_init (CiroDatedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ciro_dated_dialog_dispose;
  object_class->finalize = ciro_dated_dialog_finalize;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ciro_dated_dialog_init (CiroDatedDialog *self)
{
  CiroDatedDialogPrivate *priv = ciro_dated_dialog_get_instance_private (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  priv->history_rows = g_ptr_array_new ();
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 620);
  gtk_widget_set_size_request (GTK_WIDGET (self), 320, 300);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  priv->page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (priv->page), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (priv->page));
  adw_window_set_content (ADW_WINDOW (self), box);
}
