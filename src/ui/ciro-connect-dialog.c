/* ciro-connect-dialog.c: the first-run "Connect to Sentos" form
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "analytics/ciro-report-service.h"
#include "store/ciro-settings.h"
#include "store/ciro-store.h"
#include "ciro-connection-group.h"
#include "ciro-connect-dialog.h"

struct _CiroConnectDialog
{
  AdwWindow            parent_instance;

  CiroContext         *context;
  CiroConnectionGroup *group;
  GtkWidget           *connect_button;
  GtkWidget           *spinner;
  AdwToastOverlay     *toasts;
  gboolean             connecting;  /* the button was pressed: go on after the test */
  gboolean             saving;
  CiroCredentials     *saved;      /* in the keyring, its address being written */
};

G_DEFINE_FINAL_TYPE (CiroConnectDialog, ciro_connect_dialog, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CONNECTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
set_busy (CiroConnectDialog *self, gboolean busy)
{
  gtk_widget_set_visible (self->spinner, busy);
  if (busy)
    gtk_spinner_start (GTK_SPINNER (self->spinner));
  else
    gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_sensitive (self->connect_button, !busy);
}

static void
update_button (CiroConnectDialog *self)
{
  g_autofree char *url = ciro_credentials_normalize_url (ciro_connection_group_get_api_url (self->group), NULL);
  gboolean usable = url != NULL &&
                    ciro_credentials_validate (ciro_connection_group_get_key (self->group),
                                               ciro_connection_group_get_secret (self->group), NULL);

  gtk_widget_set_sensitive (self->connect_button, usable && !self->saving);
}

static void
fields_changed (CiroConnectDialog *self)
{
  self->connecting = FALSE;
  set_busy (self, FALSE);
  update_button (self);
}

static void
url_saved (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroConnectDialog) self = data;
  g_autoptr(CiroCredentials) saved = g_steal_pointer (&self->saved);
  g_autoptr(GError) error = NULL;

  self->saving = FALSE;
  set_busy (self, FALSE);
  if (!ciro_report_service_write_finish (CIRO_REPORT_SERVICE (source), result, &error))
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      update_button (self);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_CONNECTED], 0, saved);
  /* let the focused entry see its focus-out before the window goes */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static void
credentials_saved (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroConnectDialog *self = data;
  g_autoptr(GError) error = NULL;
  CiroCredentials *saved = g_object_steal_data (G_OBJECT (self), "saving");

  if (!ciro_credentials_store_finish (result, &error))
    {
      self->saving = FALSE;
      set_busy (self, FALSE);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      update_button (self);
      ciro_credentials_free (saved);
      g_object_unref (self);
      return;
    }
  /* the credentials it names, until the address is in the store */
  ciro_credentials_free (self->saved);
  self->saved = saved;
  ciro_report_service_write_async (ciro_context_get_reports (self->context), CIRO_SETTING_API_URL, saved->api_url,
                                   NULL, 0, 0, NULL, url_saved, g_object_ref (self));
  g_object_unref (self);
}

static void
save (CiroConnectDialog *self)
{
  g_autofree char *url = NULL;
  CiroCredentials *saving;

  if (!ciro_connection_group_validate (self->group, &url))
    return;
  self->saving = TRUE;
  set_busy (self, TRUE);
  saving = g_new0 (CiroCredentials, 1);
  saving->api_url = g_steal_pointer (&url);
  saving->key = g_strdup (ciro_connection_group_get_key (self->group));
  saving->secret = g_strdup (ciro_connection_group_get_secret (self->group));
  ciro_credentials_store_async (saving->api_url, saving->key, saving->secret, NULL,
                                credentials_saved, g_object_ref (self));
  g_object_set_data_full (G_OBJECT (self), "saving", saving, (GDestroyNotify) ciro_credentials_free);
}

static void
tested (CiroConnectDialog *self, CiroConnectionResult *r)
{
  if (!self->connecting)
    return;
  self->connecting = FALSE;
  if (r->outcome == CIRO_CONNECTION_OK)
    save (self);
  else
    set_busy (self, FALSE);
}

void
ciro_connect_dialog_connect (CiroConnectDialog *self)
{
  g_return_if_fail (CIRO_IS_CONNECT_DIALOG (self));

  if (!ciro_connection_group_validate (self->group, NULL))
    return;
  /* a connection already proven with these values needs no second test */
  if (ciro_connection_group_get_outcome (self->group) == CIRO_CONNECTION_OK)
    {
      save (self);
      return;
    }
  self->connecting = TRUE;
  set_busy (self, TRUE);
  ciro_connection_group_test (self->group);
}

void
ciro_connect_dialog_set_values (CiroConnectDialog *self, const char *api_url, const char *key, const char *secret)
{
  g_return_if_fail (CIRO_IS_CONNECT_DIALOG (self));

  ciro_connection_group_set_values (self->group, api_url, key, secret);
  fields_changed (self);
}

static void
ciro_connect_dialog_finalize (GObject *object)
{
  CiroConnectDialog *self = CIRO_CONNECT_DIALOG (object);

  g_clear_object (&self->context);
  g_clear_pointer (&self->saved, ciro_credentials_free);
  G_OBJECT_CLASS (ciro_connect_dialog_parent_class)->finalize (object);
}

static void
ciro_connect_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroConnectDialog *self = CIRO_CONNECT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_connect_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroConnectDialog *self = CIRO_CONNECT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_connect_dialog_class_init (CiroConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ciro_connect_dialog_finalize;
  object_class->set_property = ciro_connect_dialog_set_property;
  object_class->get_property = ciro_connect_dialog_get_property;
  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ciro_connect_dialog_init (CiroConnectDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *title = adw_window_title_new ("", NULL);
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  GtkWidget *intro = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (APP_ID);
  GtkWidget *heading = gtk_label_new (_("Connect to Sentos"));
  GtkWidget *text = gtk_label_new (_("Ciro keeps a copy of your products and orders on this computer and "
                                     "works out what each sale really earns. Enter the API details from "
                                     "Settings → API in your Sentos panel."));
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_window_set_title (GTK_WINDOW (self), _("Connect to Sentos"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 680);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_widget_add_css_class (header, "flat");
  gtk_box_append (GTK_BOX (box), header);

  gtk_image_set_pixel_size (GTK_IMAGE (icon), 96);
  gtk_widget_add_css_class (icon, "icon-dropshadow");
  gtk_widget_add_css_class (heading, "title-1");
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_widget_add_css_class (text, "body");
  gtk_box_append (GTK_BOX (intro), icon);
  gtk_box_append (GTK_BOX (intro), heading);
  gtk_box_append (GTK_BOX (intro), text);
  gtk_box_append (GTK_BOX (content), intro);

  self->group = CIRO_CONNECTION_GROUP (ciro_connection_group_new ());
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self->group), "");
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self->group), NULL);
  g_signal_connect_swapped (self->group, "changed", G_CALLBACK (fields_changed), self);
  g_signal_connect_swapped (self->group, "tested", G_CALLBACK (tested), self);
  gtk_box_append (GTK_BOX (content), GTK_WIDGET (self->group));

  self->connect_button = gtk_button_new_with_mnemonic (_("_Connect and Sync"));
  gtk_widget_set_name (self->connect_button, "connect");
  gtk_widget_add_css_class (self->connect_button, "suggested-action");
  gtk_widget_add_css_class (self->connect_button, "pill");
  g_signal_connect_swapped (self->connect_button, "clicked", G_CALLBACK (ciro_connect_dialog_connect), self);
  self->spinner = gtk_spinner_new ();
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (buttons), self->connect_button);
  gtk_box_append (GTK_BOX (buttons), self->spinner);
  gtk_box_append (GTK_BOX (content), buttons);

  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 24);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 480);
  adw_clamp_set_child (ADW_CLAMP (clamp), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), clamp);
  gtk_widget_set_vexpand (scroll, TRUE);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, scroll);
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
  update_button (self);
}

GtkWidget *
ciro_connect_dialog_new (GtkWindow *parent, CiroContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);

  return g_object_new (CIRO_TYPE_CONNECT_DIALOG,
                       "context", context,
                       "transient-for", parent,
                       NULL);
}
