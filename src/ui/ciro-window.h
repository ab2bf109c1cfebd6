/* ciro-window.h
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "ciro-context.h"

G_BEGIN_DECLS

#define CIRO_TYPE_WINDOW (ciro_window_get_type ())
G_DECLARE_FINAL_TYPE (CiroWindow, ciro_window, CIRO, WINDOW, AdwApplicationWindow)

/* A window on the context's store; it shows and starts the runs of the
 * context's sync manager. */
CiroWindow *ciro_window_new     (AdwApplication *app, CiroContext *context);
CiroContext *ciro_window_get_context (CiroWindow *self);
CiroSyncManager *ciro_window_get_sync_manager (CiroWindow *self);
void        ciro_window_add_toast (CiroWindow *self, AdwToast *toast);
/* Reloads the figures of every page: the context's "store-changed". */
void        ciro_window_refresh (CiroWindow *self);
/* Fills an empty store with the demo seller through a loopback mock of the
 * Sentos API and the real sync, with progress and a cancel button. */
void        ciro_window_build_demo (CiroWindow *self);
/* `ciro --demo`: build the demo store when the window finds it empty. */
void        ciro_window_set_demo_if_empty (CiroWindow *self, gboolean demo);
/* For tests: "loading", "welcome", "error" or "data"; and the visible page. */
const char *ciro_window_get_today_state (CiroWindow *self);
const char *ciro_window_get_page        (CiroWindow *self);
/* For tests: the Analytics page; "idle" or "running" in the header. */
GtkWidget  *ciro_window_get_analytics   (CiroWindow *self);
/* The bar of the background recompute (CiroRecomputeBar). */
GtkWidget  *ciro_window_get_recompute_bar (CiroWindow *self);
GtkWidget  *ciro_window_get_stock       (CiroWindow *self);
GtkWidget  *ciro_window_get_products    (CiroWindow *self);
/* A page of the window by its name in the stack ("customers", ...). */
GtkWidget  *ciro_window_get_page_widget (CiroWindow *self, const char *name);
const char *ciro_window_get_sync_state  (CiroWindow *self);

G_END_DECLS
