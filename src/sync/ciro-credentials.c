/* ciro-credentials.c: the Sentos API key and secret, kept in the desktop keyring
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "ciro-credentials.h"
#include "ciro-sentos-client.h"

static const SecretSchema *
schema (void)
{
  static const SecretSchema s = {
    CIRO_CREDENTIALS_SCHEMA_NAME, SECRET_SCHEMA_NONE,
    {
      { "api-url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
  };
  return &s;
}

static void
wipe_free (char *s)
{
  if (s != NULL)
    {
      memset (s, 0, strlen (s));
      g_free (s);
    }
}

void
ciro_credentials_free (CiroCredentials *self)
{
  if (self == NULL)
    return;
  g_free (self->api_url);
  wipe_free (self->key);
  wipe_free (self->secret);
  g_free (self);
}

char *
ciro_credentials_normalize_url (const char *api_url, GError **error)
{
  /* one rule for the window, ciro-cli and the client */
  return ciro_sentos_check_url (api_url, error);
}

gboolean
ciro_credentials_validate (const char *key, const char *secret, GError **error)
{
  if (key == NULL || *key == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The API key is empty"));
      return FALSE;
    }
  if (strchr (key, ':') != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("An API key cannot contain “:”"));
      return FALSE;
    }
  if (secret == NULL || *secret == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The API secret is empty"));
      return FALSE;
    }
  return TRUE;
}

static void
keyring_error (GError **error, GError *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, cause);
      return;
    }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("The keyring could not be used: %s"), cause->message);
  g_error_free (cause);
}

static char *
pair_of (const char *key, const char *secret)
{
  return g_strconcat (key, ":", secret, NULL);
}

static char *
label_for (const char *url)
{
  return g_strdup_printf (_("Sentos API credentials for %s"), url);
}

/* The keyring item's secret "key:secret" → credentials; NULL if malformed. */
static CiroCredentials *
credentials_from (const char *url, const char *pair)
{
  const char *colon = pair ? strchr (pair, ':') : NULL;
  CiroCredentials *c;

  if (colon == NULL || colon == pair || colon[1] == '\0')
    return NULL;
  c = g_new0 (CiroCredentials, 1);
  c->api_url = g_strdup (url);
  c->key = g_strndup (pair, (gsize) (colon - pair));
  c->secret = g_strdup (colon + 1);
  return c;
}

/* ------------------------------------------------------------------ async */

static void
stored (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      GError *out = NULL;
      keyring_error (&out, error);
      g_task_return_error (task, out);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
ciro_credentials_store_async (const char          *api_url,
                              const char          *key,
                              const char          *secret,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;
  char *pair;
  GError *error = NULL;

  g_task_set_source_tag (task, ciro_credentials_store_async);
  if ((url = ciro_credentials_normalize_url (api_url, &error)) == NULL ||
      !ciro_credentials_validate (key, secret, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  label = label_for (url);
  pair = pair_of (key, secret);
  secret_password_store (schema (), SECRET_COLLECTION_DEFAULT, label, pair, cancellable,
                         stored, g_steal_pointer (&task), "api-url", url, NULL);
  wipe_free (pair);
}

gboolean
ciro_credentials_store_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
looked_up (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;
  char *pair = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      GError *out = NULL;
      keyring_error (&out, error);
      g_task_return_error (task, out);
      return;
    }
  g_task_return_pointer (task, credentials_from (g_task_get_task_data (task), pair),
                         (GDestroyNotify) ciro_credentials_free);
  secret_password_free (pair);
}

void
ciro_credentials_lookup_async (const char          *api_url,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  char *url;
  GError *error = NULL;

  g_task_set_source_tag (task, ciro_credentials_lookup_async);
  if ((url = ciro_credentials_normalize_url (api_url, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, url, g_free);
  secret_password_lookup (schema (), cancellable, looked_up, g_object_ref (task), "api-url", url, NULL);
}

CiroCredentials *
ciro_credentials_lookup_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
cleared (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GTask) task = data;
  GError *error = NULL;

  /* FALSE without an error: there was nothing to remove, which is fine */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    {
      GError *out = NULL;
      keyring_error (&out, error);
      g_task_return_error (task, out);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

void
ciro_credentials_clear_async (const char          *api_url,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  g_autofree char *url = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, ciro_credentials_clear_async);
  if ((url = ciro_credentials_normalize_url (api_url, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  secret_password_clear (schema (), cancellable, cleared, g_steal_pointer (&task), "api-url", url, NULL);
}

gboolean
ciro_credentials_clear_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------- sync */

gboolean
ciro_credentials_store_sync (const char    *api_url,
                             const char    *key,
                             const char    *secret,
                             GCancellable  *cancellable,
                             GError       **error)
{
  g_autofree char *url = NULL;
  g_autofree char *label = NULL;
  char *pair;
  GError *local = NULL;
  gboolean ok;

  if ((url = ciro_credentials_normalize_url (api_url, error)) == NULL ||
      !ciro_credentials_validate (key, secret, error))
    return FALSE;
  label = label_for (url);
  pair = pair_of (key, secret);
  ok = secret_password_store_sync (schema (), SECRET_COLLECTION_DEFAULT, label, pair, cancellable, &local,
                                   "api-url", url, NULL);
  wipe_free (pair);
  if (!ok)
    keyring_error (error, local);
  return ok;
}

CiroCredentials *
ciro_credentials_lookup_sync (const char *api_url, GCancellable *cancellable, GError **error)
{
  g_autofree char *url = NULL;
  GError *local = NULL;
  char *pair;
  CiroCredentials *out;

  if ((url = ciro_credentials_normalize_url (api_url, error)) == NULL)
    return NULL;
  pair = secret_password_lookup_sync (schema (), cancellable, &local, "api-url", url, NULL);
  if (local != NULL)
    {
      keyring_error (error, local);
      return NULL;
    }
  out = credentials_from (url, pair);
  secret_password_free (pair);
  return out;
}

gboolean
ciro_credentials_clear_sync (const char *api_url, GCancellable *cancellable, GError **error)
{
  g_autofree char *url = NULL;
  GError *local = NULL;

  if ((url = ciro_credentials_normalize_url (api_url, error)) == NULL)
    return FALSE;
  if (!secret_password_clear_sync (schema (), cancellable, &local, "api-url", url, NULL) && local != NULL)
    {
      keyring_error (error, local);
      return FALSE;
    }
  return TRUE;
}
