/* ciro-credentials.h: the Sentos API key and secret, kept in the desktop keyring
 *
 * One keyring item per API address (schema "io.github.ciroapp.Ciro.Sentos",
 * attribute "api-url"); its secret is the HTTP Basic pair "key:secret" (a
 * Basic user name cannot hold a colon), so key and secret are stored and
 * found together. Nothing here ever logs or writes a secret elsewhere.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CIRO_CREDENTIALS_SCHEMA_NAME "io.github.ciroapp.Ciro.Sentos"

typedef struct {
  char *api_url;
  char *key;
  char *secret;
} CiroCredentials;

/* Wipes the secret before freeing it. */
void             ciro_credentials_free           (CiroCredentials *self);

/* Trimmed, without trailing slashes: the form stored and looked up. NULL
 * (with an error) for what ciro_sentos_check_url() refuses: anything but
 * https:// (http:// only to this computer), or an address with a user
 * name or password in it. */
char            *ciro_credentials_normalize_url  (const char  *api_url,
                                                  GError     **error);
/* FALSE with a translated G_IO_ERROR_INVALID_ARGUMENT when the key is empty
 * or holds a colon, or the secret is empty. */
gboolean         ciro_credentials_validate       (const char  *key,
                                                  const char  *secret,
                                                  GError     **error);

/* For the window: async, on the thread-default main context. */
void             ciro_credentials_store_async    (const char          *api_url,
                                                  const char          *key,
                                                  const char          *secret,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         ciro_credentials_store_finish   (GAsyncResult  *result,
                                                  GError       **error);
void             ciro_credentials_lookup_async   (const char          *api_url,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
/* NULL without an error when the keyring has nothing for this address. */
CiroCredentials *ciro_credentials_lookup_finish  (GAsyncResult  *result,
                                                  GError       **error);
void             ciro_credentials_clear_async    (const char          *api_url,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean         ciro_credentials_clear_finish   (GAsyncResult  *result,
                                                  GError       **error);

/* For ciro-cli: the same, blocking. */
gboolean         ciro_credentials_store_sync     (const char    *api_url,
                                                  const char    *key,
                                                  const char    *secret,
                                                  GCancellable  *cancellable,
                                                  GError       **error);
CiroCredentials *ciro_credentials_lookup_sync    (const char    *api_url,
                                                  GCancellable  *cancellable,
                                                  GError       **error);
gboolean         ciro_credentials_clear_sync     (const char    *api_url,
                                                  GCancellable  *cancellable,
                                                  GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroCredentials, ciro_credentials_free)

G_END_DECLS
