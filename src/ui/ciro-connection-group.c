/* ciro-connection-group.c: API address, key, secret and "Test Connection"
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "sync/ciro-credentials.h"
#include "ciro-connection-group.h"

struct _CiroConnectionGroup
{
  AdwPreferencesGroup parent_instance;

  /* template */
  GtkWidget        *url_row;
  GtkWidget        *key_row;
  GtkWidget        *secret_row;
  GtkWidget        *spinner;
  GtkWidget        *result_row;
  GtkWidget        *result_icon;

  GCancellable     *cancellable;
  gboolean          filling;
  int               outcome;
  char             *message;
  gboolean          have_timing;
  CiroSentosTiming  timing;
};

G_DEFINE_FINAL_TYPE (CiroConnectionGroup, ciro_connection_group, ADW_TYPE_PREFERENCES_GROUP)

enum { SIGNAL_CHANGED, SIGNAL_TESTED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
forget_result (CiroConnectionGroup *self)
{
  self->outcome = -1;
  g_clear_pointer (&self->message, g_free);
  gtk_widget_set_visible (self->result_row, FALSE);
}

/* Abandons a running test; its callback then only drops its reference. */
static void
stop_testing (CiroConnectionGroup *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection.test", TRUE);
}

static void
field_changed (CiroConnectionGroup *self)
{
  if (self->filling)
    return;
  /* a result belongs to the values it was made with */
  stop_testing (self);
  forget_result (self);
  gtk_widget_remove_css_class (self->url_row, "error");
  gtk_widget_remove_css_class (self->key_row, "error");
  gtk_widget_remove_css_class (self->secret_row, "error");
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

const char *
ciro_connection_group_get_api_url (CiroConnectionGroup *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->url_row));
}

const char *
ciro_connection_group_get_key (CiroConnectionGroup *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->key_row));
}

const char *
ciro_connection_group_get_secret (CiroConnectionGroup *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->secret_row));
}

void
ciro_connection_group_set_values (CiroConnectionGroup *self,
                                  const char          *api_url,
                                  const char          *key,
                                  const char          *secret)
{
  g_return_if_fail (CIRO_IS_CONNECTION_GROUP (self));

  self->filling = TRUE;
  if (api_url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), api_url);
  if (key != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->key_row), key);
  if (secret != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->secret_row), secret);
  self->filling = FALSE;
  stop_testing (self);
  forget_result (self);
}

gboolean
ciro_connection_group_validate (CiroConnectionGroup *self, char **normalized_url)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) url_error = NULL;
  const char *key = ciro_connection_group_get_key (self);
  const char *secret = ciro_connection_group_get_secret (self);
  gboolean ok = TRUE;

  g_return_val_if_fail (CIRO_IS_CONNECTION_GROUP (self), FALSE);

  /* the rule of ciro-cli's --api-url: https:// (http:// only to this
   * computer), no user name or password; the tooltip says why */
  url = ciro_credentials_normalize_url (ciro_connection_group_get_api_url (self), &url_error);
  if (url == NULL)
    {
      gtk_widget_add_css_class (self->url_row, "error");
      gtk_widget_set_tooltip_text (self->url_row, url_error->message);
      ok = FALSE;
    }
  else
    {
      gtk_widget_remove_css_class (self->url_row, "error");
      gtk_widget_set_tooltip_text (self->url_row, _("Like https://firma.sentos.com.tr/api"));
    }
  if (!ciro_credentials_validate (key, "x", NULL))
    {
      gtk_widget_add_css_class (self->key_row, "error");
      ok = FALSE;
    }
  else
    gtk_widget_remove_css_class (self->key_row, "error");
  if (secret == NULL || *secret == '\0')
    {
      gtk_widget_add_css_class (self->secret_row, "error");
      ok = FALSE;
    }
  else
    gtk_widget_remove_css_class (self->secret_row, "error");
  if (ok && normalized_url != NULL)
    *normalized_url = g_steal_pointer (&url);
  return ok;
}

static void
show_result (CiroConnectionGroup *self, gboolean ok, const char *message, const char *detail)
{
  gtk_image_set_from_icon_name (GTK_IMAGE (self->result_icon), ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (self->result_icon, ok ? "error" : "success");
  gtk_widget_add_css_class (self->result_icon, ok ? "success" : "error");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), message);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->result_row), detail ? detail : "");
  gtk_widget_set_visible (self->result_row, TRUE);
}

static void
tested (GObject *source, GAsyncResult *res, gpointer data)
{
  CiroConnectionGroup *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroConnectionResult) r = ciro_sentos_test_connection_finish (res, &error);

  if (r == NULL)
    {
      /* cancelled: the fields changed or the window closed */
      g_object_unref (self);
      return;
    }
  g_clear_object (&self->cancellable);
  gtk_spinner_stop (GTK_SPINNER (self->spinner));
  gtk_widget_set_visible (self->spinner, FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection.test", TRUE);
  self->outcome = (int) r->outcome;
  g_free (self->message);
  self->message = g_strdup (r->message);
  show_result (self, r->outcome == CIRO_CONNECTION_OK, r->message, r->detail);
  g_signal_emit (self, signals[SIGNAL_TESTED], 0, r);
  g_object_unref (self);
}

void
ciro_connection_group_test (CiroConnectionGroup *self)
{
  g_autofree char *url = NULL;

  g_return_if_fail (CIRO_IS_CONNECTION_GROUP (self));

  stop_testing (self);
  forget_result (self);
  if (!ciro_connection_group_validate (self, &url))
    {
      const char *address = ciro_connection_group_get_api_url (self);
      g_autoptr(GError) url_error = NULL;
      g_autofree char *checked = NULL;

      /* say what is wrong: an address that is there but not usable is
       * not an empty field */
      if (address != NULL && *address != '\0'
          && (checked = ciro_credentials_normalize_url (address, &url_error)) == NULL)
        show_result (self, FALSE, _("The API address is not usable"), url_error->message);
      else if (address == NULL || *address == '\0')
        show_result (self, FALSE, _("Fill in the API address, key and secret first."), NULL);
      else
        show_result (self, FALSE, _("Fill in the API key and secret first."), NULL);
      return;
    }
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (self->spinner, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->spinner));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connection.test", FALSE);
  ciro_sentos_test_connection_async (url, ciro_connection_group_get_key (self), ciro_connection_group_get_secret (self),
                                     self->have_timing ? &self->timing : NULL, self->cancellable,
                                     tested, g_object_ref (self));
}

gboolean
ciro_connection_group_is_testing (CiroConnectionGroup *self)
{
  return self->cancellable != NULL;
}

int
ciro_connection_group_get_outcome (CiroConnectionGroup *self)
{
  return self->outcome;
}

const char *
ciro_connection_group_get_message (CiroConnectionGroup *self)
{
  return self->message;
}

void
ciro_connection_group_set_timing (CiroConnectionGroup *self, const CiroSentosTiming *timing)
{
  self->timing = *timing;
  self->have_timing = TRUE;
}

static void
ciro_connection_group_dispose (GObject *object)
{
  CiroConnectionGroup *self = CIRO_CONNECTION_GROUP (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (ciro_connection_group_parent_class)->dispose (object);
}

static void
ciro_connection_group_finalize (GObject *object)
{
  CiroConnectionGroup *self = CIRO_CONNECTION_GROUP (object);

  g_free (self->message);
  G_OBJECT_CLASS (ciro_connection_group_parent_class)->finalize (object);
}

static void
test_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ciro_connection_group_test (CIRO_CONNECTION_GROUP (widget));
}

static void
ciro_connection_group_class_init (CiroConnectionGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ciro_connection_group_dispose;
  object_class->finalize = ciro_connection_group_finalize;
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_TESTED] = g_signal_new ("tested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-connection-group.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroConnectionGroup, url_row);
  gtk_widget_class_bind_template_child (widget_class, CiroConnectionGroup, key_row);
  gtk_widget_class_bind_template_child (widget_class, CiroConnectionGroup, secret_row);
  gtk_widget_class_bind_template_child (widget_class, CiroConnectionGroup, spinner);
  gtk_widget_class_bind_template_child (widget_class, CiroConnectionGroup, result_row);
  gtk_widget_class_bind_template_child (widget_class, CiroConnectionGroup, result_icon);
  gtk_widget_class_bind_template_callback (widget_class, field_changed);
  gtk_widget_class_install_action (widget_class, "connection.test", NULL, test_action);
}

static void
ciro_connection_group_init (CiroConnectionGroup *self)
{
  self->outcome = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
ciro_connection_group_new (void)
{
  return g_object_new (CIRO_TYPE_CONNECTION_GROUP, NULL);
}
