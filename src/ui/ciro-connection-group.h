/* ciro-connection-group.h: API address, key, secret and "Test Connection"
 *
 * The rows both the Preferences window and the first-run "Connect to Sentos"
 * dialog show. It only edits and tests; where the values are kept is the
 * caller's business.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sync/ciro-sentos-check.h"

G_BEGIN_DECLS

#define CIRO_TYPE_CONNECTION_GROUP (ciro_connection_group_get_type ())
G_DECLARE_FINAL_TYPE (CiroConnectionGroup, ciro_connection_group, CIRO, CONNECTION_GROUP, AdwPreferencesGroup)

/* Signals: "changed" (the person edited a field), "tested" (a test ended;
 * (CiroConnectionResult *) valid during emission). */
GtkWidget  *ciro_connection_group_new         (void);

/* Setting the fields programmatically does not emit "changed". */
void        ciro_connection_group_set_values  (CiroConnectionGroup *self,
                                               const char          *api_url,
                                               const char          *key,
                                               const char          *secret);
const char *ciro_connection_group_get_api_url (CiroConnectionGroup *self);
const char *ciro_connection_group_get_key     (CiroConnectionGroup *self);
const char *ciro_connection_group_get_secret  (CiroConnectionGroup *self);
/* Marks invalid rows with the error style; TRUE when all three are usable.
 * `normalized_url` (may be NULL) receives the address to keep. */
gboolean    ciro_connection_group_validate    (CiroConnectionGroup *self,
                                               char               **normalized_url);

/* Runs the connection test with the fields' values, showing a spinner and
 * then the outcome's message in the group. */
void        ciro_connection_group_test        (CiroConnectionGroup *self);
gboolean    ciro_connection_group_is_testing  (CiroConnectionGroup *self);
/* The last test's outcome for the current values, or -1 when none. */
int         ciro_connection_group_get_outcome (CiroConnectionGroup *self);
const char *ciro_connection_group_get_message (CiroConnectionGroup *self);

/* For tests: where to send the test, instead of the fields' timing. */
void        ciro_connection_group_set_timing  (CiroConnectionGroup    *self,
                                               const CiroSentosTiming *timing);

G_END_DECLS
