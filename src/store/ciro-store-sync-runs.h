/* ciro-store-sync-runs.h: the record of sync runs kept in the store
 *
 * The sync writes a run when it starts and its progress as it goes; the
 * manager reads when runs last ended well (for the schedule), Preferences
 * lists them. Their SQL is here, with the rest of the store's.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/ciro-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64 id;
  char  *kind;         /* full, live, products, orders, demo */
  char  *status;       /* running, ok, failed, cancelled */
  gint64 started_at;   /* unix time */
  gint64 finished_at;  /* 0 while running or when killed */
  guint  pages;
  guint  products;
  guint  orders;
  guint  lines;
  guint  skipped;
  guint  retries;
  char  *error;        /* NULL unless failed */
} CiroSyncRunInfo;

void       ciro_sync_run_info_free          (CiroSyncRunInfo *self);

/* The last `limit` runs, newest first. Elements: CiroSyncRunInfo. */
GPtrArray *ciro_store_list_sync_runs        (CiroStore  *store,
                                             guint       limit,
                                             GError    **error);
/* When the last successful full (or demo) and live runs started, and when
 * the last run of any kind ended well (unix time, 0 when never). */
gboolean   ciro_store_last_sync_runs        (CiroStore  *store,
                                             gint64     *last_full,
                                             gint64     *last_live,
                                             gint64     *last_ok_end,
                                             GError    **error);
/* A new run of `kind`, "running" from `started_at`; its id, or 0 on error.
 * Call it in a write transaction. */
gint64     ciro_store_begin_sync_run        (CiroStore  *store,
                                             const char *kind,
                                             gint64      started_at,
                                             GError    **error);
/* Writes a run's status and counts (run->id names it; error text NULL
 * unless failed) and where it would go on from (`resume`, NULL: nowhere);
 * a status other than "running" ends it at `now`. */
gboolean   ciro_store_save_sync_run         (CiroStore             *store,
                                             const CiroSyncRunInfo *run,
                                             const char            *resume,
                                             gint64                 now,
                                             GError               **error);
/* The newest run of `kind` that did not end well (killed, failed or
 * cancelled) whose resume text starts with `resume_prefix`: NULL when
 * none (error unset). *resume is its resume text. */
CiroSyncRunInfo *ciro_store_find_unfinished_sync_run (CiroStore   *store,
                                                      const char  *kind,
                                                      const char  *resume_prefix,
                                                      char       **resume,
                                                      GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroSyncRunInfo, ciro_sync_run_info_free)

G_END_DECLS
