/* ciro-preferences-window.h: Sentos connection, sync, marketplaces, alerts, appearance
 *
 * Every change is saved at once: figures' settings in the store (written off
 * the main thread, one at a time, in the order made), the key and secret in
 * the keyring, window behaviour in GSettings.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_PREFERENCES_WINDOW (ciro_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CiroPreferencesWindow, ciro_preferences_window, CIRO, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Each store write that succeeded is the context's "store-changed"
 * (figures may have changed: the pages reload). */
GtkWidget *ciro_preferences_window_new (GtkWindow   *parent,
                                        CiroContext *context);

/* Applies the "color-scheme" GSettings key to AdwStyleManager; call once at
 * start-up. The window applies changes itself. */
void       ciro_preferences_apply_color_scheme (GSettings *settings);

/* Reloads the sync history (after a sync ended). */
void       ciro_preferences_window_reload_history (CiroPreferencesWindow *self);

/* For tests: TRUE while values are being read from the store or the keyring,
 * the number of store writes queued or running, and sync runs listed. */
gboolean   ciro_preferences_window_is_loading         (CiroPreferencesWindow *self);
guint      ciro_preferences_window_get_pending_writes (CiroPreferencesWindow *self);
int        ciro_preferences_window_get_history_count  (CiroPreferencesWindow *self);

G_END_DECLS
