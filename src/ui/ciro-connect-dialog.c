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
  gboolean             connecting;  /* the button was pressed: go on after the test */
  gboolean             saving;
  CiroCredentials     *storing;    /* being put in the keyring */
  CiroCredentials     *saved;      /* in the keyring, its address being written */

  /* template */
  CiroConnectionGroup *group;
  GtkImage            *icon;
  GtkWidget           *spinner;
  AdwToastOverlay     *toasts;
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.connect", !busy);
}

static void
update_button (CiroConnectDialog *self)
{
  g_autofree char *url = ciro_credentials_normalize_url (ciro_connection_group_get_api_url (self->group), NULL);
  gboolean usable = url != NULL &&
                    ciro_credentials_validate (ciro_connection_group_get_key (self->group),
                                               ciro_connection_group_get_secret (self->group), NULL);
  /* Connect and Sync once the test has passed with these very values */
  gboolean proven = ciro_connection_group_get_outcome (self->group) == CIRO_CONNECTION_OK;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.connect", usable && proven && !self->saving);
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
  CiroCredentials *saved = g_steal_pointer (&self->storing);

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
  ciro_credentials_free (self->storing);
  self->storing = saving;
  ciro_credentials_store_async (saving->api_url, saving->key, saving->secret, NULL,
                                credentials_saved, g_object_ref (self));
}

static void
tested (CiroConnectDialog *self, CiroConnectionResult *r)
{
  update_button (self);
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
  g_clear_pointer (&self->storing, ciro_credentials_free);
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
connect_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ciro_connect_dialog_connect (CIRO_CONNECT_DIALOG (widget));
}

static void
ciro_connect_dialog_class_init (CiroConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ciro_connect_dialog_finalize;
  object_class->set_property = ciro_connect_dialog_set_property;
  object_class->get_property = ciro_connect_dialog_get_property;
  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_CONNECTED] = g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  g_type_ensure (CIRO_TYPE_CONNECTION_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroConnectDialog, group);
  gtk_widget_class_bind_template_child (widget_class, CiroConnectDialog, icon);
  gtk_widget_class_bind_template_child (widget_class, CiroConnectDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, CiroConnectDialog, toasts);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed);
  gtk_widget_class_bind_template_callback (widget_class, tested);
  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ciro_connect_dialog_init (CiroConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_image_set_from_icon_name (self->icon, APP_ID);
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
