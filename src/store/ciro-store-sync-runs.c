/* ciro-store-sync-runs.c: the record of sync runs kept in the store
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include "ciro-store-private.h"
#include "ciro-store-sync-runs.h"

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
ciro_store_list_sync_runs (CiroStore *store, guint limit, GError **error)
{
  g_autoptr(GPtrArray) out = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);

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

gboolean
ciro_store_last_sync_runs (CiroStore *store, gint64 *last_full, gint64 *last_live, gint64 *last_ok_end,
                           GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CIRO_IS_STORE (store), FALSE);

  stmt = ciro_store_prepare (store,
    "SELECT coalesce ((SELECT max (started_at) FROM sync_runs WHERE status = 'ok' AND kind IN ('full', 'demo')), 0),"
    " coalesce ((SELECT max (started_at) FROM sync_runs WHERE status = 'ok' AND kind = 'live'), 0),"
    " coalesce ((SELECT max (finished_at) FROM sync_runs WHERE status = 'ok'), 0)", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      ciro_store_set_error (store, error, "reading the sync history");
      return FALSE;
    }
  if (last_full)
    *last_full = sqlite3_column_int64 (stmt, 0);
  if (last_live)
    *last_live = sqlite3_column_int64 (stmt, 1);
  if (last_ok_end)
    *last_ok_end = sqlite3_column_int64 (stmt, 2);
  sqlite3_reset (stmt);
  return TRUE;
}

gint64
ciro_store_begin_sync_run (CiroStore *store, const char *kind, gint64 started_at, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CIRO_IS_STORE (store), 0);
  g_return_val_if_fail (kind != NULL, 0);

  stmt = ciro_store_prepare (store, "INSERT INTO sync_runs (kind, started_at, status) VALUES (?1, ?2, 'running')",
                             error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, started_at);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      ciro_store_set_error (store, error, "starting a sync run");
      return 0;
    }
  sqlite3_reset (stmt);
  return sqlite3_last_insert_rowid (ciro_store_get_db (store));
}

gboolean
ciro_store_save_sync_run (CiroStore *store, const CiroSyncRunInfo *run, const char *resume, gint64 now,
                          GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (store), FALSE);
  g_return_val_if_fail (run != NULL && run->status != NULL, FALSE);

  stmt = ciro_store_prepare (store,
    "UPDATE sync_runs SET status = ?2, pages = ?3, products = ?4, orders = ?5, lines = ?6, skipped = ?7,"
    " retries = ?8, error = ?9, resume = ?10,"
    " finished_at = CASE WHEN ?2 = 'running' THEN NULL ELSE ?11 END WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->id);
  sqlite3_bind_text (stmt, 2, run->status, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, (int) run->pages);
  sqlite3_bind_int (stmt, 4, (int) run->products);
  sqlite3_bind_int (stmt, 5, (int) run->orders);
  sqlite3_bind_int (stmt, 6, (int) run->lines);
  sqlite3_bind_int (stmt, 7, (int) run->skipped);
  sqlite3_bind_int (stmt, 8, (int) run->retries);
  if (run->error != NULL)
    sqlite3_bind_text (stmt, 9, run->error, -1, SQLITE_STATIC);
  if (resume != NULL)
    sqlite3_bind_text (stmt, 10, resume, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, now);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    ciro_store_set_error (store, error, "saving a sync run");
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

CiroSyncRunInfo *
ciro_store_find_unfinished_sync_run (CiroStore *store, const char *kind, const char *resume_prefix, char **resume,
                                     GError **error)
{
  g_autofree char *like = NULL;
  sqlite3_stmt *stmt;
  CiroSyncRunInfo *r = NULL;
  int rc;

  g_return_val_if_fail (CIRO_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL && resume_prefix != NULL && resume != NULL, NULL);

  *resume = NULL;
  like = g_strconcat (resume_prefix, "%", NULL);
  stmt = ciro_store_prepare (store,
    "SELECT id, resume, pages, products, orders, lines, skipped, retries FROM sync_runs"
    " WHERE kind = ?1 AND status IN ('running', 'failed', 'cancelled') AND resume LIKE ?2"
    " ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, like, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      r = g_new0 (CiroSyncRunInfo, 1);
      r->id = sqlite3_column_int64 (stmt, 0);
      *resume = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      r->kind = g_strdup (kind);
      r->pages = (guint) sqlite3_column_int (stmt, 2);
      r->products = (guint) sqlite3_column_int (stmt, 3);
      r->orders = (guint) sqlite3_column_int (stmt, 4);
      r->lines = (guint) sqlite3_column_int (stmt, 5);
      r->skipped = (guint) sqlite3_column_int (stmt, 6);
      r->retries = (guint) sqlite3_column_int (stmt, 7);
    }
  else if (rc != SQLITE_DONE)
    ciro_store_set_error (store, error, "reading the sync history");
  sqlite3_reset (stmt);
  return r;
}
