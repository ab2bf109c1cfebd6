/* ciro-sync-manager.h: one sync at a time per store, started by hand or by
 * the schedule
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/ciro-store.h"
#include "sync/ciro-schedule.h"
#include "sync/ciro-sync.h"

G_BEGIN_DECLS

/* What a run of `kind` reads on `today`: a live run the last live_sync_days;
 * a full run products and the last full_sync_days of orders, or the history
 * length when the store has no order yet. */
gboolean ciro_sync_plan_request (CiroStore       *store,
                                 CiroRunKind      kind,
                                 CiroDay          today,
                                 CiroSyncRequest *out,
                                 GError         **error);
/* When the last successful full and live runs started (unix time, 0 when
 * never), and when the last run of any kind ended well. */
gboolean ciro_sync_last_runs    (CiroStore *store,
                                 gint64    *last_full,
                                 gint64    *last_live,
                                 gint64    *last_ok_end,
                                 GError   **error);

#define CIRO_TYPE_SYNC_MANAGER (ciro_sync_manager_get_type ())
G_DECLARE_FINAL_TYPE (CiroSyncManager, ciro_sync_manager, CIRO, SYNC_MANAGER, GObject)

CiroSyncManager *ciro_sync_manager_new            (const char             *db_path);
/* The Sentos account; NULL key clears it (nothing can run then). */
void             ciro_sync_manager_set_connection (CiroSyncManager        *self,
                                                   const char             *url,
                                                   const char             *key,
                                                   const char             *secret);
gboolean         ciro_sync_manager_has_connection (CiroSyncManager        *self);
/* Politeness and retries; tests and the demo set the pauses to 0. */
void             ciro_sync_manager_set_timing     (CiroSyncManager        *self,
                                                   const CiroSentosTiming *timing);
/* The process's other connections to the store, closed while a first
 * sync leaves WAL (ciro_sync_set_store_hold): given to every run. */
void             ciro_sync_manager_set_store_hold (CiroSyncManager        *self,
                                                   CiroSyncHoldFunc        hold,
                                                   CiroSyncReleaseFunc     release,
                                                   GObject                *target);
/* Starts a run. Fails with CIRO_SYNC_ERROR_BUSY (as a second CiroSync run
 * does) while one is going (it is never queued behind it) and
 * G_IO_ERROR_NOT_INITIALIZED without an account.
 * "finished" is emitted when it ends, whatever the outcome. After a run
 * that ended well the store's daily backup is made on a worker thread
 * when today's is not there yet; "backup-finished" (path made or NULL,
 * error) says when that is done. */
gboolean         ciro_sync_manager_start          (CiroSyncManager        *self,
                                                   CiroRunKind             kind,
                                                   GError                **error);
void             ciro_sync_manager_cancel         (CiroSyncManager        *self);
gboolean         ciro_sync_manager_is_running     (CiroSyncManager        *self);
/* The run going on (its progress properties), or NULL. */
CiroSync        *ciro_sync_manager_get_sync       (CiroSyncManager        *self);
/* Unix time the last successful run ended, 0 when never or not yet read. */
gint64           ciro_sync_manager_get_last_ok    (CiroSyncManager        *self);
/* Runs full and live syncs when `schedule` says they are due, checking
 * every `tick_seconds` (30 in the app); NULL stops. */
void             ciro_sync_manager_set_schedule   (CiroSyncManager        *self,
                                                   const CiroSchedule     *schedule,
                                                   guint                   tick_seconds);

G_END_DECLS
