/* test-store-sync-runs.c: the record of sync runs, written and read back
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "store/ciro-store-sync-runs.h"
#include "ciro-test-util.h"

static void
save (CiroStore *store, gint64 id, const char *status, guint orders, const char *resume, gint64 now,
      const char *error_text)
{
  g_autoptr(GError) error = NULL;
  CiroSyncRunInfo info = { 0 };

  info.id = id;
  info.status = (char *) status;
  info.pages = orders / 100;
  info.orders = orders;
  info.lines = orders * 2;
  info.retries = 1;
  info.error = (char *) error_text;
  g_assert_true (ciro_store_save_sync_run (store, &info, resume, now, &error));
  g_assert_no_error (error);
}

static void
test_runs (void)
{
  g_autofree char *dir = ciro_test_tmpdir ("sync-runs");
  g_autofree char *path = g_build_filename (dir, "runs.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);
  g_autoptr(GPtrArray) runs = NULL;
  g_autoptr(CiroSyncRunInfo) open_run = NULL;
  g_autofree char *resume = NULL;
  gint64 full, live, live2, ok_end;
  CiroSyncRunInfo *r;

  g_assert_no_error (error);

  /* nothing yet */
  runs = ciro_store_list_sync_runs (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 0);
  g_clear_pointer (&runs, g_ptr_array_unref);
  g_assert_true (ciro_store_last_sync_runs (store, &full, &live, &ok_end, &error));
  g_assert_cmpint (full, ==, 0);
  g_assert_cmpint (live, ==, 0);
  g_assert_cmpint (ok_end, ==, 0);

  /* a full run that ends well, a live one that fails half-way, another
   * live one still running */
  g_assert_true (ciro_store_begin (store, &error));
  full = ciro_store_begin_sync_run (store, "full", 1000, &error);
  live = ciro_store_begin_sync_run (store, "live", 2000, &error);
  live2 = ciro_store_begin_sync_run (store, "live", 3000, &error);
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (full, >, 0);
  g_assert_cmpint (live, >, full);
  save (store, full, "ok", 1200, NULL, 1500, NULL);
  save (store, live, "failed", 300, "live:2026-11-19:orders:4", 2100, "the server went away");
  save (store, live2, "running", 100, "live:2026-11-20:orders:2", 3100, NULL);

  runs = ciro_store_list_sync_runs (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (runs->len, ==, 3);
  /* newest first */
  r = runs->pdata[0];
  g_assert_cmpint (r->id, ==, live2);
  g_assert_cmpstr (r->status, ==, "running");
  g_assert_cmpint (r->finished_at, ==, 0);
  r = runs->pdata[1];
  g_assert_cmpstr (r->status, ==, "failed");
  g_assert_cmpstr (r->error, ==, "the server went away");
  g_assert_cmpint (r->finished_at, ==, 2100);
  r = runs->pdata[2];
  g_assert_cmpstr (r->kind, ==, "full");
  g_assert_cmpstr (r->status, ==, "ok");
  g_assert_cmpuint (r->orders, ==, 1200);
  g_assert_cmpuint (r->lines, ==, 2400);
  g_assert_cmpuint (r->pages, ==, 12);
  g_assert_cmpint (r->started_at, ==, 1000);
  g_assert_cmpint (r->finished_at, ==, 1500);
  g_assert_null (r->error);
  g_clear_pointer (&runs, g_ptr_array_unref);
  runs = ciro_store_list_sync_runs (store, 1, &error);
  g_assert_cmpuint (runs->len, ==, 1);

  /* only the full run ended well */
  g_assert_true (ciro_store_last_sync_runs (store, &full, &live, &ok_end, &error));
  g_assert_cmpint (full, ==, 1000);
  g_assert_cmpint (live, ==, 0);
  g_assert_cmpint (ok_end, ==, 1500);

  /* the newest unfinished live run of a window, found by its resume text */
  open_run = ciro_store_find_unfinished_sync_run (store, "live", "live:2026-11-19:", &resume, &error);
  g_assert_no_error (error);
  g_assert_nonnull (open_run);
  g_assert_cmpstr (resume, ==, "live:2026-11-19:orders:4");
  g_assert_cmpuint (open_run->orders, ==, 300);
  g_assert_cmpuint (open_run->retries, ==, 1);
  g_clear_pointer (&open_run, ciro_sync_run_info_free);
  g_clear_pointer (&resume, g_free);
  open_run = ciro_store_find_unfinished_sync_run (store, "live", "live:", &resume, &error);
  g_assert_cmpint (open_run->id, ==, live2);
  g_clear_pointer (&open_run, ciro_sync_run_info_free);
  g_clear_pointer (&resume, g_free);
  /* a run that ended well is never taken up again */
  open_run = ciro_store_find_unfinished_sync_run (store, "full", "", &resume, &error);
  g_assert_no_error (error);
  g_assert_null (open_run);
  g_assert_null (resume);

  g_clear_object (&store);
  ciro_test_remove_store (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/store-sync-runs/runs", test_runs);
  return g_test_run ();
}
