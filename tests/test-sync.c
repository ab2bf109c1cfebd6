/* test-sync.c: syncing from the loopback mock, with and without faults
 *
 * The reference is a store filled straight from the generator: a sync must
 * give the same figures to the kuruş whatever the mock does on the way.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "demo/ciro-demo.h"
#include "demo/ciro-mock.h"
#include "store/ciro-store-sql.h"
#include "sync/ciro-sync.h"
#include "ciro-test-util.h"

static char *dir;
static CiroDemo *demo;
static CiroStore *reference;
static guint n_db;

static char *
new_db (void)
{
  return g_strdup_printf ("%s/s%u.db", dir, n_db++);
}

static CiroSentosClient *
client_for (CiroMock *mock, const char *key, const char *secret)
{
  CiroSentosTiming t;
  ciro_sentos_timing_init (&t);
  t.pause_ms = 0;
  t.retry_base_ms = 10;
  t.retry_cap_ms = 50;
  t.timeout_s = 1;
  t.same_url_window_ms = 0;
  return ciro_sentos_client_new (ciro_mock_get_url (mock), key, secret, &t);
}

typedef struct {
  gboolean      done;
  gboolean      ok;
  CiroSyncStats stats;
  GError       *error;
} Wait;

static void
run_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;
  w->ok = ciro_sync_run_finish (CIRO_SYNC (source), result, &w->stats, &w->error);
  w->done = TRUE;
}

static CiroSyncRequest
full_request (void)
{
  CiroSyncRequest r = { "full", TRUE, TRUE, ciro_demo_first_day (demo), ciro_demo_last_day (demo), 7, 100 };
  return r;
}

static Wait
run_sync (CiroSync *sync, GCancellable *cancellable)
{
  CiroSyncRequest req = full_request ();
  Wait w = { 0 };

  ciro_sync_run_async (sync, &req, cancellable, run_done, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  return w;
}

static void
assert_same_figures (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);
  CiroReportFilter f = { ciro_demo_first_day (demo), ciro_demo_last_day (demo), NULL };
  CiroSummary a, b;
  g_autoptr(GArray) pa = NULL, pb = NULL;

  g_assert_no_error (error);
  g_assert_true (ciro_report_summary (reference, &f, &a, &error));
  g_assert_true (ciro_report_summary (store, &f, &b, &error));
  g_assert_cmpint (b.gross_orders, ==, a.gross_orders);
  g_assert_cmpint (b.gross_revenue, ==, a.gross_revenue);
  g_assert_cmpint (b.net_revenue, ==, a.net_revenue);
  g_assert_cmpint (b.product_cost, ==, a.product_cost);
  g_assert_cmpint (b.commission, ==, a.commission);
  g_assert_cmpint (b.profit, ==, a.profit);
  g_assert_cmpint (b.unmatched_lines, ==, a.unmatched_lines);
  g_assert_cmpint (ciro_store_count_orders (store, NULL), ==, ciro_store_count_orders (reference, NULL));
  g_assert_cmpint (ciro_store_count_products (store, NULL), ==, ciro_store_count_products (reference, NULL));
  pa = ciro_report_products (reference, &f, CIRO_SORT_REVENUE, FALSE, &error);
  pb = ciro_report_products (store, &f, CIRO_SORT_REVENUE, FALSE, &error);
  g_assert_cmpuint (pa->len, ==, pb->len);
  for (guint i = 0; i < pa->len; i++)
    {
      g_assert_cmpint (g_array_index (pa, CiroProductRow, i).profit, ==, g_array_index (pb, CiroProductRow, i).profit);
      g_assert_cmpint (g_array_index (pa, CiroProductRow, i).stock, ==, g_array_index (pb, CiroProductRow, i).stock);
    }
  {
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
    sqlite3_finalize (stmt);
  }
  /* the category rollups' KDV as the sync's writes kept it */
  ciro_test_assert_category_vat (ciro_store_get_db (store), "after a sync");
}

static char *
last_run_status (const char *path)
{
  g_autoptr(CiroStore) store = ciro_store_open (path, NULL);
  sqlite3_stmt *stmt = NULL;
  char *status = NULL;

  sqlite3_prepare_v2 (ciro_store_get_db (store), "SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1", -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    status = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return status;
}

typedef struct {
  GArray  *orders;   /* double: "fraction" while the orders are read */
  gboolean bad;
} Fractions;

static void
note_fraction (GObject *object, GParamSpec *pspec, gpointer data)
{
  Fractions *f = data;
  g_autofree char *phase = NULL;
  double v;

  g_object_get (object, "fraction", &v, "phase", &phase, NULL);
  if (v < -1.0 || v > 1.0 || (v < 0 && v != -1.0))
    f->bad = TRUE;
  if (g_strcmp0 (phase, "orders") == 0 && v >= 0)
    g_array_append_val (f->orders, v);
}

static gboolean
store_in_bulk (const char *path)
{
  g_autoptr(CiroStore) store = ciro_store_open (path, NULL);
  return ciro_store_in_bulk (store);
}

static void
test_clean_sync_and_idempotence (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", &error);
  g_autoptr(CiroSentosClient) client = client_for (mock, "key", "secret");
  g_autofree char *path = new_db ();
  g_autoptr(CiroSync) sync = ciro_sync_new (path, client);
  Wait w;
  g_autofree char *status = NULL;

  Fractions fr = { g_array_new (FALSE, FALSE, sizeof (double)), FALSE };
  gulong id;

  g_assert_no_error (error);
  id = g_signal_connect (sync, "notify::fraction", G_CALLBACK (note_fraction), &fr);
  w = run_sync (sync, NULL);
  g_signal_handler_disconnect (sync, id);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  /* how far the orders are: within 0..1, never back, and all the way at the end */
  g_assert_false (fr.bad);
  g_assert_cmpuint (fr.orders->len, >=, 3);
  for (guint i = 1; i < fr.orders->len; i++)
    g_assert_cmpfloat (g_array_index (fr.orders, double, i), >=, g_array_index (fr.orders, double, i - 1));
  g_assert_cmpfloat (g_array_index (fr.orders, double, fr.orders->len - 1), >, 0.97);
  g_array_unref (fr.orders);
  /* the first sync was a bulk import, and it is over */
  g_assert_false (store_in_bulk (path));
  g_assert_cmpuint (w.stats.orders, ==, 3000);
  g_assert_cmpuint (w.stats.skipped, ==, 0);
  g_assert_cmpstr (ciro_sync_get_phase (sync), ==, "done");
  assert_same_figures (path);
  status = last_run_status (path);
  g_assert_cmpstr (status, ==, "ok");

  /* a second sync changes nothing */
  w = run_sync (sync, NULL);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_false (w.stats.resumed);
  assert_same_figures (path);
}

static void
test_faults (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", &error);
  g_autoptr(CiroSentosClient) client = client_for (mock, "key", "secret");
  g_autofree char *path = new_db ();
  g_autoptr(CiroSync) sync = ciro_sync_new (path, client);
  Wait w;

  /* every fault of the API notes, alone and back to back */
  g_assert_true (ciro_mock_parse_faults (mock,
    "1:429,3:429-retry-after,5:500,6:502,7:503,9:stall,11:cut,13:bad-json,14:cut,15:503,"
    "17:repeat-page,19:wrong-types,22:repeat-page,25:wrong-types,27:truncated,28:truncated,30:truncated", &error));
  w = run_sync (sync, NULL);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_cmpuint (w.stats.retries, >=, 13);
  g_assert_cmpuint (w.stats.skipped, ==, ciro_mock_get_broken (mock));
  g_assert_cmpuint (w.stats.skipped, ==, 4);
  assert_same_figures (path);
}

static void
test_bad_credentials (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", &error);
  g_autoptr(CiroSentosClient) client = client_for (mock, "key", "wrong");
  g_autofree char *path = new_db ();
  g_autoptr(CiroSync) sync = ciro_sync_new (path, client);
  Wait w = run_sync (sync, NULL);
  g_autofree char *status = NULL;

  g_assert_false (w.ok);
  g_assert_error (w.error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_AUTH);
  g_assert_nonnull (strstr (w.error->message, "API key"));
  g_assert_cmpuint (ciro_mock_get_requests (mock), ==, 1);   /* no retry on 401 */
  g_clear_error (&w.error);
  {
    g_autoptr(CiroStore) store = ciro_store_open (path, NULL);
    g_assert_cmpint (ciro_store_count_products (store, NULL), ==, 0);
    g_assert_cmpint (ciro_store_count_orders (store, NULL), ==, 0);
  }
  status = last_run_status (path);
  g_assert_cmpstr (status, ==, "failed");
}

static void
cancel_after_pages (GObject *object, GParamSpec *pspec, gpointer data)
{
  guint pages;
  g_object_get (object, "pages-done", &pages, NULL);
  /* pages are committed a few at a time when they come fast */
  if (pages >= 7)
    g_cancellable_cancel (data);
}

static void
test_cancel_and_resume (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", &error);
  g_autoptr(CiroSentosClient) client = client_for (mock, "key", "secret");
  g_autofree char *path = new_db ();
  g_autoptr(CiroSync) sync = ciro_sync_new (path, client);
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  g_autofree char *status = NULL;
  gulong id;
  Wait w;

  id = g_signal_connect (sync, "notify::pages-done", G_CALLBACK (cancel_after_pages), cancel);
  w = run_sync (sync, cancel);
  g_signal_handler_disconnect (sync, id);
  g_assert_false (w.ok);
  g_assert_error (w.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&w.error);
  status = last_run_status (path);
  g_assert_cmpstr (status, ==, "cancelled");
  {
    g_autoptr(CiroStore) store = ciro_store_open (path, NULL);
    gint64 n = ciro_store_count_orders (store, NULL);
    g_assert_cmpint (n, <, 3000);
  }
  /* the bulk import waits for the run that goes on */
  g_assert_true (store_in_bulk (path));

  w = run_sync (sync, NULL);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_true (w.stats.resumed);
  g_assert_false (store_in_bulk (path));
  assert_same_figures (path);
}

/* The row of a query's first row, its columns joined by "|". */
static char *
query_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      g_string_append_printf (out, "%s%s", i ? "|" : "", (const char *) sqlite3_column_text (stmt, i));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* The figures of two stores by SQL, table by table: what a sync wrote
 * must be what the generator wrote, every row once. */
static void
assert_same_sql (const char *path)
{
  static const char *const queries[] = {
    "SELECT count(*), sum(total), sum(shipping_total), sum(line_count), sum(status), count(DISTINCT customer_id) FROM orders",
    "SELECT count(*), sum(quantity), sum(amount), sum(product_key), sum(cost), sum(commission) FROM order_lines",
    "SELECT count(*), sum(length(name)), sum(length(email)), sum(length(phone)) FROM customers",
    "SELECT count(*), sum(revenue), sum(units), sum(orders), sum(cost), sum(commission) FROM roll_day_product",
    "SELECT count(*), sum(revenue), sum(units), sum(orders), sum(cost) FROM roll_month_product",
    "SELECT count(*), sum(lo), sum(hi) FROM roll_year_product",
    "SELECT count(*), sum(stock) FROM variants",
  };
  g_autoptr(CiroStore) store = ciro_store_open (path, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *a = query_text (ciro_store_get_db (reference), queries[i]);
      g_autofree char *b = query_text (ciro_store_get_db (store), queries[i]);
      if (g_strcmp0 (a, b) != 0)
        g_error ("%s: %s in the synced store, %s in the reference", queries[i], b, a);
    }
}

static gint64
committed_pages (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 pages = 0;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* in a rollback journal a reader waits while the writer commits */
  sqlite3_busy_timeout (db, 10000);
  if (sqlite3_prepare_v2 (db, "SELECT pages FROM sync_runs ORDER BY id DESC LIMIT 1", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    pages = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return pages;
}

/* Killed once pages are written into the open transaction and not
 * committed yet: two of them at least. */
/* The journal the store's file says it is in: 2 for WAL, 1 for a rollback
 * journal (the file format's read and write versions, bytes 18 and 19). */
static int
file_journal (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 19);
  g_assert_cmpint (bytes[18], ==, bytes[19]);
  return bytes[18];
}

static void
kill_in_open_transaction (GObject *object, GParamSpec *pspec, gpointer data)
{
  guint pages;

  g_object_get (object, "pages-done", &pages, NULL);
  if (pages >= committed_pages (data) + 2)
    raise (SIGKILL);
}

/* A sync killed between two pages of one transaction: the next run goes on
 * after the last page committed, reads the others again, and the store
 * ends as an uninterrupted sync leaves it. */
static void
test_killed_in_transaction (void)
{
  const char *path = g_getenv ("CIRO_TEST_KILLED_DB");

  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", &error);
      g_autoptr(CiroSentosClient) client = NULL;
      g_autoptr(CiroSync) sync = NULL;
      CiroSentosTiming t;

      /* a page every 100 ms: the writer has each one before the next comes,
       * and commits after five (an eighth of the walk) */
      ciro_sentos_timing_init (&t);
      t.pause_ms = 100;
      t.same_url_window_ms = 0;
      client = ciro_sentos_client_new (ciro_mock_get_url (mock), "key", "secret", &t);
      sync = ciro_sync_new (path, client);
      g_signal_connect (sync, "notify::pages-done", G_CALLBACK (kill_in_open_transaction), (gpointer) path);
      run_sync (sync, NULL);
      /* not reached: the sync ended without a page left uncommitted */
      return;
    }

  {
    g_autofree char *db = new_db ();
    g_autoptr(GError) error = NULL;
    g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", &error);
    g_autoptr(CiroSentosClient) client = client_for (mock, "key", "secret");
    g_autoptr(CiroSync) sync = NULL;
    g_autofree char *status = NULL;
    gint64 pages_before;
    Wait w;

    g_setenv ("CIRO_TEST_KILLED_DB", db, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_test_trap_assert_failed ();
    g_unsetenv ("CIRO_TEST_KILLED_DB");

    /* the kill left what was committed: whole pages, and the progress that
     * describes them */
    /* a first sync, alone on its store, writes in a rollback journal */
    g_assert_cmpint (file_journal (db), ==, 1);
    status = last_run_status (db);
    g_assert_cmpstr (status, ==, "running");
    /* opened meanwhile, it stays so: the sync is not over */
    g_assert_cmpint (file_journal (db), ==, 1);
    pages_before = committed_pages (db);
    g_assert_cmpint (pages_before, >, 0);
    {
      g_autoptr(CiroStore) store = ciro_store_open (db, &error);
      g_autofree char *orders = NULL, *committed = NULL;

      g_assert_no_error (error);
      orders = query_text (ciro_store_get_db (store), "SELECT count(*) FROM orders");
      committed = query_text (ciro_store_get_db (store),
                                        "SELECT orders FROM sync_runs ORDER BY id DESC LIMIT 1");
      g_assert_cmpstr (orders, ==, committed);
      g_assert_cmpint (ciro_store_count_orders (store, NULL), <, ciro_store_count_orders (reference, NULL));
    }

    sync = ciro_sync_new (db, client);
    w = run_sync (sync, NULL);
    g_assert_no_error (w.error);
    g_assert_true (w.ok);
    g_assert_true (w.stats.resumed);
    g_assert_cmpuint (w.stats.orders, ==, 3000);
    /* the resumed run went on in the rollback journal and ended in WAL */
    g_assert_cmpint (file_journal (db), ==, 2);
    g_clear_object (&sync);
    g_assert_false (store_in_bulk (db));
    assert_same_figures (db);
    assert_same_sql (db);

    /* killed after the first sync's last commit, before it went back to
     * WAL (a kill during the switch leaves one or the other: SQLite writes
     * the file's journal bytes in a transaction of its own): the next
     * opening finds the first sync over and goes back */
    {
      sqlite3 *raw = NULL;

      g_assert_cmpint (sqlite3_open_v2 (db, &raw, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (raw, "PRAGMA journal_mode = TRUNCATE", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (raw);
      g_assert_cmpint (file_journal (db), ==, 1);
      status = (g_free (status), last_run_status (db));
      g_assert_cmpstr (status, ==, "ok");
      g_assert_cmpint (file_journal (db), ==, 2);
      assert_same_figures (db);
      assert_same_sql (db);
    }
  }
}

/* A sync started from a thread that runs its own main context: every
 * timer it needs (the back-off after a 429, a request's deadline, the
 * writer's wait for more pages) runs in that context. Nothing iterates
 * the global default context meanwhile, so a timer put there would
 * leave the sync waiting until the guard below gives up. */
static gboolean
guard_over (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static gpointer
sync_in_own_context (gpointer data)
{
  const char *path = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMock) mock = NULL;
  g_autoptr(CiroSentosClient) client = NULL;
  g_autoptr(CiroSync) sync = NULL;
  g_autoptr(GSource) guard = NULL;
  CiroSyncRequest req = full_request ();
  gboolean gave_up = FALSE;
  Wait *w = g_new0 (Wait, 1);

  g_main_context_push_thread_default (context);
  mock = ciro_mock_new (demo, "key", "secret", &error);
  g_assert_no_error (error);
  /* back-offs of both kinds, so that the client must wait on a timer */
  g_assert_true (ciro_mock_parse_faults (mock, "1:429,3:429-retry-after,5:503", &error));
  client = client_for (mock, "key", "secret");
  sync = ciro_sync_new (path, client);
  guard = g_timeout_source_new_seconds (120);
  g_source_set_callback (guard, guard_over, &gave_up, NULL);
  g_source_attach (guard, context);
  ciro_sync_run_async (sync, &req, NULL, run_done, w);
  while (!w->done && !gave_up)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (guard);
  g_assert_false (gave_up);
  g_assert_cmpuint (w->stats.retries, >=, 3);
  g_clear_object (&sync);
  g_clear_object (&client);
  g_clear_pointer (&mock, ciro_mock_free);
  while (g_main_context_iteration (context, FALSE));
  g_main_context_pop_thread_default (context);
  return w;
}

static void
test_own_context (void)
{
  g_autofree char *path = new_db ();
  GThread *thread = g_thread_new ("sync", sync_in_own_context, path);
  Wait *w = g_thread_join (thread);

  g_assert_no_error (w->error);
  g_assert_true (w->ok);
  g_free (w);
  assert_same_figures (path);
}

static void
test_busy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", &error);
  g_autoptr(CiroSentosClient) client = client_for (mock, "key", "secret");
  g_autofree char *path = new_db ();
  g_autoptr(CiroSync) sync = ciro_sync_new (path, client);
  CiroSyncRequest req = full_request ();
  Wait a = { 0 }, b = { 0 };

  ciro_sync_run_async (sync, &req, NULL, run_done, &a);
  ciro_sync_run_async (sync, &req, NULL, run_done, &b);
  while (!a.done || !b.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (a.ok);
  g_assert_false (b.ok);
  g_assert_error (b.error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BUSY);
  g_clear_error (&b.error);
}

int
main (int argc, char *argv[])
{
  CiroDemoOptions o;
  g_autofree char *ref_path = NULL;
  g_autoptr(GError) error = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("ciro-sync-XXXXXX", NULL);
  ciro_demo_options_init (&o);
  o.n_orders = 3000;
  o.n_products = 60;
  o.seed = 21;
  o.n_days = 60;
  o.end_day = ciro_day_from_ymd (2026, 11, 20);
  demo = ciro_demo_new (&o);
  ref_path = new_db ();
  reference = ciro_store_open (ref_path, &error);
  g_assert_no_error (error);
  g_assert_true (ciro_demo_populate (demo, reference, NULL, NULL, NULL, &error));

  g_test_add_func ("/sync/clean-and-idempotent", test_clean_sync_and_idempotence);
  g_test_add_func ("/sync/faults", test_faults);
  g_test_add_func ("/sync/bad-credentials", test_bad_credentials);
  g_test_add_func ("/sync/cancel-and-resume", test_cancel_and_resume);
  g_test_add_func ("/sync/busy", test_busy);
  g_test_add_func ("/sync/killed-in-transaction", test_killed_in_transaction);
  g_test_add_func ("/sync/own-context", test_own_context);
  rc = g_test_run ();

  g_clear_object (&reference);
  ciro_demo_free (demo);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  return rc;
}
