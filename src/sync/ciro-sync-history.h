/* ciro-sync-history.h: past sync runs, newest first, for the Preferences window
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

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

void       ciro_sync_run_info_free     (CiroSyncRunInfo *self);

/* Opens its own connection to the store at db_path, so it may run in any
 * thread. Elements: CiroSyncRunInfo, at most `limit`. */
GPtrArray *ciro_sync_history_list      (const char    *db_path,
                                        guint          limit,
                                        GError       **error);
void       ciro_sync_history_list_async  (const char          *db_path,
                                          guint                limit,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray *ciro_sync_history_list_finish (GAsyncResult  *result,
                                          GError       **error);

/* Translated name of a run kind ("Full", "Live", …). */
const char *ciro_sync_kind_label       (const char *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroSyncRunInfo, ciro_sync_run_info_free)

G_END_DECLS
