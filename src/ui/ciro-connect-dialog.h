/* ciro-connect-dialog.h: the first-run "Connect to Sentos" form
 *
 * API address, key and secret, "Test Connection", then "Connect and Sync":
 * the connection is tested (if the current values were not already), the
 * key and secret go to the keyring and the address to the store, then
 * "connected" is emitted and the dialog closes. Starting the first sync is
 * the caller's: connect to "connected".
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sync/ciro-credentials.h"
#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_CONNECT_DIALOG (ciro_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CiroConnectDialog, ciro_connect_dialog, CIRO, CONNECT_DIALOG, AdwWindow)

/* Signal "connected" (const CiroCredentials *credentials): emitted once the
 * credentials are saved; the pointer is valid during the emission only. */
GtkWidget *ciro_connect_dialog_new (GtkWindow   *parent,
                                    CiroContext *context);

/* For tests: fill the fields and press the buttons. */
void       ciro_connect_dialog_set_values (CiroConnectDialog *self,
                                           const char        *api_url,
                                           const char        *key,
                                           const char        *secret);
void       ciro_connect_dialog_connect    (CiroConnectDialog *self);

G_END_DECLS
