/* test-context.c: one context a store, and its "store-changed" reaching
 * every page of the window
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "demo/ciro-demo.h"
#include "demo/ciro-mock.h"
#include "ui/ciro-context.h"
#include "ui/ciro-window.h"
#include "ui/pages/ciro-analytics-page.h"
#include "ui/pages/ciro-products-page.h"
#include "ui/pages/ciro-stock-page.h"
#include "ciro-test-util.h"

static gboolean have_display;
static char *dir;

typedef struct {
  CiroWindow *w;
  const char *today;            /* Today's state to wait for */
  const char *pages;            /* every other page's */
} Wanted;

static gboolean
all_in_state (gpointer data)
{
  Wanted *want = data;
  CiroWindow *w = want->w;

  return g_strcmp0 (ciro_window_get_today_state (w), want->today) == 0 &&
         g_strcmp0 (ciro_analytics_page_get_state (CIRO_ANALYTICS_PAGE (ciro_window_get_analytics (w))),
                    want->pages) == 0 &&
         g_strcmp0 (ciro_products_page_get_state (CIRO_PRODUCTS_PAGE (ciro_window_get_products (w))),
                    want->pages) == 0 &&
         g_strcmp0 (ciro_stock_page_get_state (CIRO_STOCK_PAGE (ciro_window_get_stock (w))), want->pages) == 0;
}

static void
count (gpointer instance, guint *n)
{
  (*n)++;
}

/* The window opens on an empty store: every page says so. Orders come in
 * through another connection (as a sync's writer does); once the context
 * says "store-changed", each page shows them. */
static void
test_store_changed_reaches_every_page (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CiroContext) context = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  CiroWindow *w;
  Wanted want;
  guint changes = 0;
  CiroNumberStyle style = ciro_number_style_from_locale ();

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  path = g_build_filename (dir, "changed.db", NULL);
  {
    g_autoptr(CiroStore) empty = ciro_store_open (path, &error);
    g_assert_no_error (error);
  }

  context = ciro_context_new (path);
  g_assert_cmpstr (ciro_context_get_db_path (context), ==, path);
  g_assert_nonnull (ciro_context_get_settings (context));
  g_signal_connect (context, "store-changed", G_CALLBACK (count), &changes);
  app = adw_application_new ("io.github.ciroapp.Ciro.ContextTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  w = ciro_window_new (app, context);
  g_assert_true (ciro_window_get_context (w) == context);
  gtk_window_present (GTK_WINDOW (w));
  want = (Wanted) { w, "welcome", "empty" };
  g_assert_true (ciro_test_wait_until (all_in_state, &want, 120));

  /* nothing reloads by itself */
  {
    g_autoptr(CiroStore) store = ciro_test_reference_store (path, 2000, 40, 5, ciro_today (), 90);
  }
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (all_in_state (&want));
  g_assert_cmpuint (changes, ==, 0);

  ciro_context_store_changed (context);
  g_assert_cmpuint (changes, ==, 1);
  want = (Wanted) { w, "data", "data" };
  g_assert_true (ciro_test_wait_until (all_in_state, &want, 120));

  /* and what they show is the store's new figures */
  {
    g_autoptr(CiroStore) store = ciro_store_open (path, &error);
    CiroAnalyticsPage *page = CIRO_ANALYTICS_PAGE (ciro_window_get_analytics (w));
    CiroReportFilter f = { 0, 0, NULL };
    CiroSummary s;
    g_autofree char *net = NULL;
    g_autoptr(GArray) shown = NULL;
    g_autoptr(GArray) rows = NULL;

    ciro_analytics_page_get_range (page, &f.from, &f.to);
    f.marketplace = (char *) ciro_analytics_page_get_marketplace (page);
    g_assert_true (ciro_report_summary (store, &f, &s, &error));
    net = ciro_money_format (s.net_revenue, style);
    g_assert_cmpstr (ciro_analytics_page_get_kpi (page, "net_revenue", NULL), ==, net);

    shown = ciro_stock_page_get_shown_ids (CIRO_STOCK_PAGE (ciro_window_get_stock (w)));
    rows = ciro_report_stock (store, ciro_today (), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, >, 0);
    g_assert_cmpuint (shown->len, <=, rows->len);
  }
  gtk_window_destroy (GTK_WINDOW (w));
  while (g_main_context_iteration (NULL, FALSE));
}

static gboolean
all_loaded (gpointer data)
{
  guint (*loads)[3] = data;

  for (guint k = 0; k < 2; k++)
    for (guint p = 0; p < 3; p++)
      if (loads[k][p] == 0)
        return FALSE;
  return TRUE;
}

/* Two windows on one context: one change, both reload. */
static void
test_one_context_two_windows (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CiroContext) context = NULL;
  g_autoptr(AdwApplication) app = NULL;
  CiroWindow *a, *b;
  Wanted wa, wb;
  guint loads[2][3] = { { 0 } };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  path = g_build_filename (dir, "two.db", NULL);
  {
    g_autoptr(CiroStore) store = ciro_test_reference_store (path, 500, 20, 8, ciro_today (), 30);
  }
  context = ciro_context_new (path);
  app = adw_application_new ("io.github.ciroapp.Ciro.ContextTest2", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  a = ciro_window_new (app, context);
  b = ciro_window_new (app, context);
  gtk_window_present (GTK_WINDOW (a));
  gtk_window_present (GTK_WINDOW (b));
  wa = (Wanted) { a, "data", "data" };
  wb = (Wanted) { b, "data", "data" };
  g_assert_true (ciro_test_wait_until (all_in_state, &wa, 120));
  g_assert_true (ciro_test_wait_until (all_in_state, &wb, 120));

  /* one change: every page of both windows reads the store again */
  for (guint k = 0; k < 2; k++)
    {
      CiroWindow *w = k ? b : a;
      g_signal_connect (ciro_window_get_analytics (w), "loaded", G_CALLBACK (count), &loads[k][0]);
      g_signal_connect (ciro_window_get_products (w), "loaded", G_CALLBACK (count), &loads[k][1]);
      g_signal_connect (ciro_window_get_stock (w), "loaded", G_CALLBACK (count), &loads[k][2]);
    }
  ciro_context_store_changed (context);
  g_assert_true (ciro_test_wait_until (all_loaded, loads, 120));
  gtk_window_destroy (GTK_WINDOW (a));
  gtk_window_destroy (GTK_WINDOW (b));
  while (g_main_context_iteration (NULL, FALSE));
}

/* ---------------------------------------------------------- a first sync */

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

/* A report that keeps its connection a while: several at once open
 * several connections, left idle once they are over. */
static gpointer
count_orders (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  gint64 n;

  g_usleep (GPOINTER_TO_UINT (data) * G_TIME_SPAN_MILLISECOND);
  n = ciro_store_count_orders (store, error);
  return n < 0 ? NULL : g_memdup2 (&n, sizeof n);
}

typedef struct {
  guint   pending;
  gint64  orders;           /* what the last report counted */
} Reports;

static void
counted (GObject *source, GAsyncResult *result, gpointer data)
{
  Reports *r = data;
  g_autoptr(GError) error = NULL;
  g_autofree gint64 *n = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  g_assert_no_error (error);
  r->orders = *n;
  r->pending--;
}

static gboolean
reports_done (gpointer data)
{
  return ((Reports *) data)->pending == 0;
}

typedef struct {
  const char        *path;
  CiroReportService *reports;
  Reports            during;
  guint              seen;      /* progress notes */
  guint              in_wal;    /* of those, with the store in WAL */
} Watch;

static void
pages_done (GObject *sync, GParamSpec *pspec, Watch *w)
{
  w->seen++;
  if (file_journal (w->path) != 1)
    w->in_wal++;
  /* a report asked for meanwhile opens a connection and reads */
  if (w->seen == 1)
    {
      w->during.pending++;
      ciro_report_service_run_async (w->reports, NULL, count_orders, GUINT_TO_POINTER (0), NULL, g_free, NULL,
                                     counted, &w->during);
    }
}

static void
sync_started (CiroSyncManager *manager, GParamSpec *pspec, Watch *w)
{
  CiroSync *sync = ciro_sync_manager_get_sync (manager);

  if (sync != NULL)
    g_signal_connect (sync, "notify::pages-done", G_CALLBACK (pages_done), w);
}

static void
manager_finished (CiroSyncManager *manager, const char *kind, CiroSyncStats *stats, const GError *error,
                  int *ok)
{
  g_assert_no_error (error);
  *ok = TRUE;
}

static void
backed_up (CiroSyncManager *manager, const char *made, const GError *error, int *done)
{
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
cli_synced (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
keep_result (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The first row of a query, its columns joined by "|". */
static char *
query_text (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < sqlite3_column_count (stmt); i++)
      g_string_append_printf (out, "%s%s", i ? "|" : "", (const char *) sqlite3_column_text (stmt, i));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

/* The window's first sync: the context's reports have connections open
 * (the welcome page read the empty store), the sync manager runs it. The
 * reports' connections close while the sync leaves WAL, so it writes in a
 * rollback journal as ciro-cli's does; reports asked for meanwhile are
 * answered; it ends back in WAL, with the figures of a sync alone on its
 * store. */
static void
test_first_sync_rollback_journal (void)
{
  static const char *const queries[] = {
    "SELECT count(*), sum(total), sum(shipping_total), sum(line_count), sum(status), count(DISTINCT customer_id) FROM orders",
    "SELECT count(*), sum(quantity), sum(amount), sum(product_key), sum(cost), sum(commission) FROM order_lines",
    "SELECT count(*), sum(length(name)), sum(length(email)), sum(length(phone)) FROM customers",
    "SELECT count(*), sum(revenue), sum(units), sum(orders), sum(cost), sum(commission) FROM roll_day_product",
    "SELECT count(*), sum(revenue), sum(units), sum(orders), sum(cost) FROM roll_month_product",
    "SELECT count(*), sum(stock) FROM variants",
    "SELECT count(*), sum(pages), sum(orders), sum(lines) FROM sync_runs WHERE status = 'ok'",
  };
  g_autofree char *path = g_build_filename (dir, "first-sync.db", NULL);
  g_autofree char *alone = g_build_filename (dir, "first-sync-alone.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroContext) context = NULL;
  g_autoptr(CiroMock) mock = NULL;
  g_autoptr(CiroSentosClient) client = NULL;
  g_autoptr(CiroSync) sync = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  CiroSyncManager *manager;
  CiroReportService *reports;
  CiroSyncRequest req;
  CiroSyncStats stats;
  CiroDemoOptions o;
  CiroSentosTiming t;
  CiroDemo *demo;
  Reports before = { 0 };
  Watch w = { 0 };
  int ok = FALSE, backup_done = FALSE;

  ciro_demo_options_init (&o);
  o.n_orders = 3000;
  o.n_products = 50;
  o.seed = 9;
  o.n_days = 60;
  demo = ciro_demo_new (&o);
  mock = ciro_mock_new (demo, "k", "s", &error);
  g_assert_no_error (error);
  ciro_sentos_timing_init (&t);
  t.pause_ms = 0;
  t.same_url_window_ms = 0;

  context = ciro_context_new (path);
  reports = ciro_context_get_reports (context);
  manager = ciro_context_get_sync_manager (context);
  /* four reports at once on the empty store: four connections, idle after */
  for (guint i = 0; i < 4; i++)
    {
      before.pending++;
      ciro_report_service_run_async (reports, NULL, count_orders, GUINT_TO_POINTER (200), NULL, g_free, NULL,
                                     counted, &before);
    }
  g_assert_true (ciro_test_wait_until (reports_done, &before, 120));
  g_assert_cmpint (before.orders, ==, 0);
  g_assert_cmpuint (ciro_report_service_get_connections (reports), >=, 2);
  g_assert_cmpint (file_journal (path), ==, 2);

  w.path = path;
  w.reports = reports;
  g_signal_connect (manager, "notify::sync", G_CALLBACK (sync_started), &w);
  g_signal_connect (manager, "finished", G_CALLBACK (manager_finished), &ok);
  g_signal_connect (manager, "backup-finished", G_CALLBACK (backed_up), &backup_done);
  ciro_sync_manager_set_timing (manager, &t);
  ciro_sync_manager_set_connection (manager, ciro_mock_get_url (mock), "k", "s");
  g_assert_true (ciro_sync_manager_start (manager, CIRO_RUN_FULL, &error));
  g_assert_no_error (error);
  g_assert_true (ciro_test_wait_flag (&ok, 300));
  /* (the daily backup after it, which the test's directory must lose) */
  g_assert_true (ciro_test_wait_flag (&backup_done, 300));
  g_assert_true (ciro_test_wait_until (reports_done, &w.during, 120));

  /* every progress note came with the store in the rollback journal */
  g_assert_cmpuint (w.seen, >, 1);
  g_assert_cmpuint (w.in_wal, ==, 0);
  /* back in WAL at the end, the reports' connections open again */
  g_assert_cmpint (file_journal (path), ==, 2);
  {
    g_autofree char *mode = query_text (path, "PRAGMA journal_mode");
    g_assert_cmpstr (mode, ==, "wal");
  }
  g_assert_cmpuint (ciro_report_service_get_connections (reports), >=, 1);
  before.pending++;
  ciro_report_service_run_async (reports, NULL, count_orders, GUINT_TO_POINTER (0), NULL, g_free, NULL, counted,
                                 &before);
  g_assert_true (ciro_test_wait_until (reports_done, &before, 120));
  g_assert_cmpint (before.orders, >, 2000);

  /* the same request by a sync alone on its store (as ciro-cli runs it) */
  {
    g_autoptr(CiroStore) store = ciro_store_open (alone, &error);
    g_assert_no_error (error);
    g_assert_true (ciro_sync_plan_request (store, CIRO_RUN_FULL, ciro_today (), &req, &error));
    g_assert_no_error (error);
  }
  client = ciro_sentos_client_new (ciro_mock_get_url (mock), "k", "s", &t);
  sync = ciro_sync_new (alone, client);
  ciro_sync_run_async (sync, &req, NULL, keep_result, &result);
  g_assert_true (ciro_test_wait_until (cli_synced, &result, 300));
  g_assert_true (ciro_sync_run_finish (sync, result, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.orders, ==, (guint) before.orders);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *a = query_text (alone, queries[i]);
      g_autofree char *b = query_text (path, queries[i]);
      g_assert_cmpstr (b, ==, a);
    }

  g_signal_handlers_disconnect_by_data (manager, &w);
  g_signal_handlers_disconnect_by_data (manager, &ok);
  g_signal_handlers_disconnect_by_data (manager, &backup_done);
  g_clear_object (&sync);
  g_clear_object (&context);
  while (g_main_context_iteration (NULL, FALSE));
  g_clear_pointer (&mock, ciro_mock_free);
  ciro_demo_free (demo);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_setenv ("CIRO_NOW", "2026-11-20 16:30:00", TRUE);
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();
  dir = ciro_test_tmpdir ("context");
  g_test_add_func ("/context/store-changed-reaches-every-page", test_store_changed_reaches_every_page);
  g_test_add_func ("/context/one-context-two-windows", test_one_context_two_windows);
  g_test_add_func ("/context/first-sync-rollback-journal", test_first_sync_rollback_journal);
  rc = g_test_run ();
  {
    g_autofree char *a = g_build_filename (dir, "changed.db", NULL);
    g_autofree char *b = g_build_filename (dir, "two.db", NULL);
    ciro_test_remove_store (a);
    ciro_test_remove_store (b);
    g_free (a);
    a = g_build_filename (dir, "first-sync.db", NULL);
    ciro_test_remove_store (a);
    g_free (b);
    b = g_build_filename (dir, "first-sync-alone.db", NULL);
    ciro_test_remove_store (b);
    g_free (a);
    a = g_build_filename (dir, "first-sync.db-journal", NULL);
    g_unlink (a);
    g_free (b);
    b = g_build_filename (dir, "first-sync-alone.db-journal", NULL);
    g_unlink (b);
  }
  {
    g_autofree char *backups = g_build_filename (dir, "backups", NULL);
    g_autoptr(GDir) d = g_dir_open (backups, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (backups, name, NULL);
        g_unlink (file);
      }
    g_rmdir (backups);
  }
  g_rmdir (dir);
  g_free (dir);
  return rc;
}
