/* ciro-context.h: what the window, its pages and dialogs share
 *
 * One context a store: its path, the report service that reads it, the
 * sync manager that writes it, the settings (created once), the product
 * picture cache and the notifications. Handed to every window, page and
 * dialog as the construct-only property "context". Its signal
 * "store-changed" is the one way they learn that the figures moved (a
 * sync, a mapping, a cost, a setting): each page reloads on it.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "analytics/ciro-alerts.h"
#include "analytics/ciro-report-service.h"
#include "sync/ciro-sync-manager.h"
#include "widgets/ciro-thumbnail-cache.h"

G_BEGIN_DECLS

#define CIRO_TYPE_CONTEXT (ciro_context_get_type ())
G_DECLARE_FINAL_TYPE (CiroContext, ciro_context, CIRO, CONTEXT, GObject)

/* A context on the store at `db_path` with the application's settings. */
CiroContext        *ciro_context_new             (const char *db_path);
const char         *ciro_context_get_db_path     (CiroContext *self);
GSettings          *ciro_context_get_settings    (CiroContext *self);
CiroReportService  *ciro_context_get_reports     (CiroContext *self);
CiroSyncManager    *ciro_context_get_sync_manager (CiroContext *self);
/* Created on first use, under the user's cache folder. */
CiroThumbnailCache *ciro_context_get_thumbnails  (CiroContext *self);

/* The application whose notifications alerts become (NULL: none sent). */
void                ciro_context_set_application (CiroContext  *self,
                                                  GApplication *app);
GApplication       *ciro_context_get_application (CiroContext  *self);
/* Shows an alert as a desktop notification of the application. */
void                ciro_context_notify          (CiroContext     *self,
                                                  const CiroAlert *alert);

/* The application's side, once (the `ciro` binary; tests leave it out):
 * reads the Sentos account (environment, else the keyring entry of the
 * store's API address), follows the sync schedule in the settings, checks
 * alerts after each sync and every 15 minutes, and keeps the application
 * running without a window when background sync is on. */
void                ciro_context_attach          (CiroContext    *self,
                                                  GtkApplication *app);
/* Reads the Sentos account again (after Preferences closed). */
void                ciro_context_load_connection (CiroContext    *self);

/* Makes the icons Ciro ships (in its resources) known to the display's
 * icon theme; called by the window and the Preferences window. */
void                ciro_ensure_icons            (void);

/* A sync the window runs outside the sync manager (the demo store's):
 * the reports' connections close while its first sync leaves WAL, as for
 * the manager's runs (ciro_sync_set_store_hold). */
void                ciro_context_hold_reports_for (CiroContext *self,
                                                   CiroSync    *sync);

/* Says that the store's figures changed: emits "store-changed". */
void                ciro_context_store_changed   (CiroContext *self);
/* After a page let go of a large report (the models of 20,000 products a
 * range switch replaces): gives what malloc keeps free back to the
 * system, on a worker, once the main loop is idle. Calls while one is
 * due are one. */
void                ciro_context_release_memory  (CiroContext *self);

G_END_DECLS
