/* ciro-sync-history.c: past sync runs, newest first
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-sync"

#include "config.h"

#include <glib/gi18n.h>

#include "store/ciro-store-sql.h"
#include "store/ciro-store.h"
#include "ciro-sync-history.h"

void
ciro_sync_run_info_free (CiroSyncRunInfo *self)
{
  if (self == NULL)
    return;
  g_free (self->kind);
  g_free (self->status);
  g_free (self->error);
  g_free (self);
}

GPtrArray *
ciro_sync_history_list (const char *db_path, guint limit, GError **error)
{
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GPtrArray) out = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (db_path != NULL, NULL);

  if ((store = ciro_store_open (db_path, error)) == NULL)
    return NULL;
  stmt = ciro_store_prepare (store,
    "SELECT id, kind, status, started_at, finished_at, pages, products, orders, lines, skipped, retries, error"
    " FROM sync_runs ORDER BY started_at DESC, id DESC LIMIT ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  out = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_sync_run_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CiroSyncRunInfo *r = g_new0 (CiroSyncRunInfo, 1);
      r->id = sqlite3_column_int64 (stmt, 0);
      r->kind = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      r->status = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      r->started_at = sqlite3_column_int64 (stmt, 3);
      r->finished_at = sqlite3_column_int64 (stmt, 4);
      r->pages = (guint) sqlite3_column_int (stmt, 5);
      r->products = (guint) sqlite3_column_int (stmt, 6);
      r->orders = (guint) sqlite3_column_int (stmt, 7);
      r->lines = (guint) sqlite3_column_int (stmt, 8);
      r->skipped = (guint) sqlite3_column_int (stmt, 9);
      r->retries = (guint) sqlite3_column_int (stmt, 10);
      r->error = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
      g_ptr_array_add (out, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (store, error, "reading the sync history");
      return NULL;
    }
  return g_steal_pointer (&out);
}

typedef struct {
  char *path;
  guint limit;
} ListData;

static void
list_data_free (ListData *d)
{
  g_free (d->path);
  g_free (d);
}

static void
list_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ListData *d = task_data;
  GError *error = NULL;
  GPtrArray *runs = ciro_sync_history_list (d->path, d->limit, &error);

  if (runs == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, runs, (GDestroyNotify) g_ptr_array_unref);
}

void
ciro_sync_history_list_async (const char          *db_path,
                              guint                limit,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ListData *d = g_new0 (ListData, 1);

  d->path = g_strdup (db_path);
  d->limit = limit;
  g_task_set_source_tag (task, ciro_sync_history_list_async);
  g_task_set_task_data (task, d, (GDestroyNotify) list_data_free);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
ciro_sync_history_list_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
ciro_sync_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "full") == 0)
    return C_("sync kind", "Full");
  if (g_strcmp0 (kind, "live") == 0)
    return C_("sync kind", "Live");
  if (g_strcmp0 (kind, "products") == 0)
    return C_("sync kind", "Products");
  if (g_strcmp0 (kind, "orders") == 0)
    return C_("sync kind", "Orders");
  if (g_strcmp0 (kind, "demo") == 0)
    return C_("sync kind", "Demo");
  return kind;
}
