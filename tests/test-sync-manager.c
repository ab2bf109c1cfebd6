/* test-sync-manager.c: planning runs, one run at a time, the schedule
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "demo/ciro-demo.h"
#include "demo/ciro-mock.h"
#include "store/ciro-settings.h"
#include "store/ciro-store-sql.h"
#include "sync/ciro-sync-manager.h"

static char *dir;
static CiroDemo *demo;
static CiroStore *reference;
static guint n_db;
static CiroDay today;

static char *
new_db (void)
{
  return g_strdup_printf ("%s/m%u.db", dir, n_db++);
}

static CiroSyncManager *
manager_for (const char *path, CiroMock *mock, const char *secret)
{
  CiroSyncManager *m = ciro_sync_manager_new (path);
  CiroSentosTiming t;

  ciro_sentos_timing_init (&t);
  t.pause_ms = 0;
  t.retry_base_ms = 10;
  t.retry_cap_ms = 50;
  t.timeout_s = 2;
  t.same_url_window_ms = 0;
  ciro_sync_manager_set_timing (m, &t);
  if (mock != NULL)
    ciro_sync_manager_set_connection (m, ciro_mock_get_url (mock), "key", secret);
  return m;
}

typedef struct {
  guint   finished;
  char   *kind;
  GError *error;
  CiroSyncStats stats;
} Seen;

static void
on_finished (CiroSyncManager *m, const char *kind, CiroSyncStats *stats, GError *error, Seen *seen)
{
  seen->finished++;
  g_free (seen->kind);
  seen->kind = g_strdup (kind);
  g_clear_error (&seen->error);
  seen->error = error ? g_error_copy (error) : NULL;
  seen->stats = *stats;
}

typedef struct {
  guint  done;
  char  *made;
} Backups;

static void
on_backup (CiroSyncManager *m, const char *made, GError *error, Backups *b)
{
  g_assert_no_error (error);
  b->done++;
  g_free (b->made);
  b->made = g_strdup (made);
}

static void
wait_finished (Seen *seen, guint n)
{
  while (seen->finished < n)
    g_main_context_iteration (NULL, TRUE);
}

static void
seen_clear (Seen *seen)
{
  g_free (seen->kind);
  g_clear_error (&seen->error);
}

static void
test_plan (void)
{
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);
  CiroSyncRequest r;

  g_assert_no_error (error);
  /* a first full sync reads the history, a month per chunk */
  g_assert_true (ciro_sync_plan_request (store, CIRO_RUN_FULL, today, &r, &error));
  g_assert_cmpstr (r.kind, ==, "full");
  g_assert_true (r.products && r.orders);
  g_assert_cmpint (r.to, ==, today);
  g_assert_cmpint (r.from, ==, today - 364);
  g_assert_cmpuint (r.chunk_days, ==, 31);
  g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_HISTORY_DAYS, "90", &error));
  g_assert_true (ciro_sync_plan_request (store, CIRO_RUN_FULL, today, &r, &error));
  g_assert_cmpint (r.from, ==, today - 89);

  /* live: today and yesterday, no products */
  g_assert_true (ciro_sync_plan_request (store, CIRO_RUN_LIVE, today, &r, &error));
  g_assert_cmpstr (r.kind, ==, "live");
  g_assert_false (r.products);
  g_assert_true (r.orders);
  g_assert_cmpint (r.from, ==, today - 1);
  g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_LIVE_SYNC_DAYS, "3", &error));
  g_assert_true (ciro_sync_plan_request (store, CIRO_RUN_LIVE, today, &r, &error));
  g_assert_cmpint (r.from, ==, today - 2);

  /* orders, but no full sync has ended well (a first sync killed half-way
   * leaves them): the history is still to be read, with the same plan */
  g_assert_true (ciro_demo_populate (demo, store, NULL, NULL, NULL, &error));
  g_assert_true (ciro_store_exec (store, "INSERT INTO sync_runs (kind, started_at, status)"
                                         " VALUES ('full', 1, 'running'), ('live', 2, 'ok')", &error));
  g_assert_true (ciro_sync_plan_request (store, CIRO_RUN_FULL, today, &r, &error));
  g_assert_cmpint (r.from, ==, today - 89);
  g_assert_cmpuint (r.chunk_days, ==, 31);

  /* once a full sync has ended well, a full sync re-reads the last 30 days */
  g_assert_true (ciro_store_exec (store, "INSERT INTO sync_runs (kind, started_at, finished_at, status)"
                                         " VALUES ('full', 3, 4, 'ok')", &error));
  g_assert_true (ciro_sync_plan_request (store, CIRO_RUN_FULL, today, &r, &error));
  g_assert_cmpint (r.from, ==, today - 29);
  g_assert_cmpuint (r.chunk_days, ==, 7);
  g_assert_true (ciro_store_set_setting (store, CIRO_SETTING_FULL_SYNC_DAYS, "45", &error));
  g_assert_true (ciro_sync_plan_request (store, CIRO_RUN_FULL, today, &r, &error));
  g_assert_cmpint (r.from, ==, today - 44);
}

static void
test_runs (void)
{
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", &error);
  g_autoptr(CiroSyncManager) none = manager_for (path, NULL, NULL);
  g_autoptr(CiroSyncManager) m = manager_for (path, mock, "secret");
  g_autoptr(CiroStore) store = NULL;
  CiroReportFilter f = { ciro_demo_first_day (demo), ciro_demo_last_day (demo), NULL };
  CiroSummary a, b;
  gint64 full = 0, live = 0, ok_end = 0;
  Seen seen = { 0 };
  Backups backups = { 0 };

  g_assert_no_error (error);
  /* no account: a clear refusal, nothing runs */
  g_assert_false (ciro_sync_manager_start (none, CIRO_RUN_FULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED);
  g_clear_error (&error);
  g_assert_false (ciro_sync_manager_is_running (none));

  g_signal_connect (m, "finished", G_CALLBACK (on_finished), &seen);
  g_signal_connect (m, "backup-finished", G_CALLBACK (on_backup), &backups);
  g_assert_true (ciro_sync_manager_start (m, CIRO_RUN_FULL, &error));
  g_assert_no_error (error);
  g_assert_true (ciro_sync_manager_is_running (m));
  /* never two at once */
  g_assert_false (ciro_sync_manager_start (m, CIRO_RUN_LIVE, &error));
  g_assert_error (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BUSY);
  g_clear_error (&error);
  wait_finished (&seen, 1);
  g_assert_no_error (seen.error);
  g_assert_cmpstr (seen.kind, ==, "full");
  g_assert_false (ciro_sync_manager_is_running (m));
  g_assert_null (ciro_sync_manager_get_sync (m));
  g_assert_cmpint (ciro_sync_manager_get_last_ok (m), >, 0);
  g_assert_cmpuint (seen.stats.orders, ==, ciro_store_count_orders (reference, NULL));
  /* after a run that ended well, the day's backup, on a worker thread */
  while (backups.done < 1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (backups.made);

  /* the first full sync read the whole history: the same figures as the
   * generator writing straight into a store */
  store = ciro_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (ciro_report_summary (reference, &f, &a, &error));
  g_assert_true (ciro_report_summary (store, &f, &b, &error));
  g_assert_cmpint (b.gross_orders, ==, a.gross_orders);
  g_assert_cmpint (b.net_revenue, ==, a.net_revenue);
  g_assert_cmpint (b.profit, ==, a.profit);

  /* a live run afterwards, then the history knows both */
  g_assert_true (ciro_sync_manager_start (m, CIRO_RUN_LIVE, &error));
  wait_finished (&seen, 2);
  g_assert_no_error (seen.error);
  g_assert_cmpstr (seen.kind, ==, "live");
  g_assert_true (ciro_sync_last_runs (store, &full, &live, &ok_end, &error));
  g_assert_cmpint (full, >, 0);
  g_assert_cmpint (live, >=, full);
  g_assert_cmpint (ok_end, >=, live);

  /* the day's backup: a sound copy with the orders read; the second run
   * found it there */
  while (backups.done < 2)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (backups.made);
  {
    g_autoptr(GPtrArray) list = ciro_store_list_backups (path);
    g_autoptr(CiroStore) copy = NULL;
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpint (ciro_store_backup_day (list->pdata[0]), ==, ciro_today ());
    copy = ciro_store_open_readonly (list->pdata[0], &error);
    g_assert_no_error (error);
    g_assert_cmpint (ciro_store_count_orders (copy, NULL), ==, ciro_store_count_orders (reference, NULL));
  }
  g_free (backups.made);
  seen_clear (&seen);
}

static void
test_failures (void)
{
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", &error);
  g_autoptr(CiroSyncManager) wrong = manager_for (path, mock, "not-the-secret");
  g_autoptr(CiroSyncManager) m = manager_for (path, mock, "secret");
  Seen seen = { 0 }, seen2 = { 0 };

  g_signal_connect (wrong, "finished", G_CALLBACK (on_finished), &seen);
  g_assert_true (ciro_sync_manager_start (wrong, CIRO_RUN_FULL, &error));
  wait_finished (&seen, 1);
  g_assert_error (seen.error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_AUTH);
  g_assert_cmpint (ciro_sync_manager_get_last_ok (wrong), ==, 0);

  /* cancelled at once: reported as cancelled, and the manager is free */
  g_signal_connect (m, "finished", G_CALLBACK (on_finished), &seen2);
  g_assert_true (ciro_sync_manager_start (m, CIRO_RUN_FULL, &error));
  ciro_sync_manager_cancel (m);
  wait_finished (&seen2, 1);
  g_assert_error (seen2.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ciro_sync_manager_is_running (m));
  g_assert_true (ciro_sync_manager_start (m, CIRO_RUN_LIVE, &error));
  wait_finished (&seen2, 2);
  g_assert_no_error (seen2.error);
  seen_clear (&seen);
  seen_clear (&seen2);
}

static void
test_schedule (void)
{
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", &error);
  g_autoptr(CiroSyncManager) m = manager_for (path, mock, "secret");
  CiroSchedule s;
  Seen seen = { 0 };

  g_signal_connect (m, "finished", G_CALLBACK (on_finished), &seen);
  /* a store that never synced: the daily full run is overdue and comes
   * first; then live runs every 2 s all day long */
  ciro_schedule_init (&s);
  s.live_every = 2;
  s.live_from = 0;
  s.live_until = 24 * 3600;
  ciro_sync_manager_set_schedule (m, &s, 1);
  wait_finished (&seen, 1);
  g_assert_no_error (seen.error);
  g_assert_cmpstr (seen.kind, ==, "full");
  wait_finished (&seen, 2);
  g_assert_no_error (seen.error);
  g_assert_cmpstr (seen.kind, ==, "live");
  ciro_sync_manager_set_schedule (m, NULL, 0);
  seen_clear (&seen);
}

/* Cancels the run once some orders are in. */
static void
cancel_in_orders (GObject *sync, GParamSpec *pspec, gpointer data)
{
  CiroSyncManager *m = data;
  g_autofree char *phase = NULL;
  guint records;

  g_object_get (sync, "phase", &phase, "records", &records, NULL);
  /* records count the 40 products too */
  if (g_strcmp0 (phase, "orders") == 0 && records >= 40 + 300)
    ciro_sync_manager_cancel (m);
}

static void
watch_sync (CiroSyncManager *m, GParamSpec *pspec, gpointer data)
{
  CiroSync *sync = ciro_sync_manager_get_sync (m);

  if (sync != NULL)
    g_signal_connect_object (sync, "notify::records", G_CALLBACK (cancel_in_orders), m, 0);
}

/* A first sync stopped half-way (cancelled here; killed or failed alike)
 * leaves orders in the store: the next full run still reads the history
 * with the same plan, goes on where the first stopped, and ends with every
 * order of it. */
static void
test_first_sync_goes_on (void)
{
  g_autofree char *path = new_db ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", &error);
  g_autoptr(CiroSyncManager) m = manager_for (path, mock, "secret");
  g_autoptr(CiroStore) store = NULL;
  CiroReportFilter f = { ciro_demo_first_day (demo), ciro_demo_last_day (demo), NULL };
  CiroSummary a, b;
  Seen seen = { 0 };
  gint64 half;

  g_assert_no_error (error);
  g_signal_connect (m, "finished", G_CALLBACK (on_finished), &seen);
  g_signal_connect (m, "notify::sync", G_CALLBACK (watch_sync), NULL);
  g_assert_true (ciro_sync_manager_start (m, CIRO_RUN_FULL, &error));
  wait_finished (&seen, 1);
  g_signal_handlers_disconnect_by_func (m, watch_sync, NULL);
  g_assert_error (seen.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  store = ciro_store_open (path, &error);
  half = ciro_store_count_orders (store, NULL);
  g_assert_cmpint (half, >, 0);
  g_assert_cmpint (half, <, ciro_store_count_orders (reference, NULL));
  g_clear_object (&store);

  g_assert_true (ciro_sync_manager_start (m, CIRO_RUN_FULL, &error));
  wait_finished (&seen, 2);
  g_assert_no_error (seen.error);
  g_assert_true (seen.stats.resumed);

  store = ciro_store_open (path, &error);
  g_assert_cmpint (ciro_store_count_orders (store, NULL), ==, ciro_store_count_orders (reference, NULL));
  g_assert_true (ciro_report_summary (reference, &f, &a, &error));
  g_assert_true (ciro_report_summary (store, &f, &b, &error));
  g_assert_cmpint (b.gross_orders, ==, a.gross_orders);
  g_assert_cmpint (b.net_revenue, ==, a.net_revenue);
  g_assert_cmpint (b.profit, ==, a.profit);
  g_assert_false (ciro_store_in_bulk (store));
  seen_clear (&seen);
}

int
main (int argc, char *argv[])
{
  CiroDemoOptions o;
  g_autofree char *ref_path = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  g_setenv ("CIRO_NOW", "2026-11-20 12:00:00", TRUE);
  today = ciro_day_from_ymd (2026, 11, 20);
  dir = g_dir_make_tmp ("ciro-manager-XXXXXX", NULL);
  ciro_demo_options_init (&o);
  o.n_orders = 1500;
  o.n_products = 40;
  o.seed = 7;
  o.n_days = 60;
  o.end_day = today;
  demo = ciro_demo_new (&o);
  ref_path = new_db ();
  reference = ciro_store_open (ref_path, &error);
  g_assert_no_error (error);
  g_assert_true (ciro_demo_populate (demo, reference, NULL, NULL, NULL, &error));

  g_test_add_func ("/sync-manager/plan", test_plan);
  g_test_add_func ("/sync-manager/runs", test_runs);
  g_test_add_func ("/sync-manager/failures", test_failures);
  g_test_add_func ("/sync-manager/first-sync-goes-on", test_first_sync_goes_on);
  g_test_add_func ("/sync-manager/schedule", test_schedule);
  rc = g_test_run ();

  g_clear_object (&reference);
  ciro_demo_free (demo);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
  }
  g_rmdir (dir);
  g_free (dir);
  return rc;
}
