/* bench-window-sync.c: what the window's first sync writes, against the
 * store it leaves
 *
 * The window runs a sync through its context's sync manager while its
 * report service keeps connections to the store open (the welcome page
 * read the empty store). Three first syncs of the same seller from the
 * loopback mock, in this one process, one after the other:
 *   1. the window's, its reports' connections left open: the sync stays
 *      in WAL (what the window did before its reports were closed for
 *      the switch);
 *   2. the window's as it runs now: the reports' connections are closed
 *      while the sync leaves WAL, and it writes in a rollback journal;
 *   3. a sync alone on its store, as ciro-cli runs it.
 * For each: the bytes the process handed to write(2) meanwhile (wchar of
 * /proc/self/io) and those the page cache sent or is to send to the disk
 * (write_bytes), against the size of the store it left (the target is 2×
 * at most). The three stores' figures must be equal.
 *
 * CIRO_BENCH_SYNC_ORDERS sets the size (default 100,000 orders, a product
 * per 50 orders).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/ciro-date.h"
#include "demo/ciro-demo.h"
#include "demo/ciro-mock.h"
#include "ui/ciro-context.h"
#include "bench-common.h"

typedef struct {
  gint64 wchar;
  gint64 write_bytes;
} Io;

static Io
read_io (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  Io io = { 0 };

  if (!g_file_get_contents ("/proc/self/io", &text, NULL, NULL))
    g_error ("cannot read /proc/self/io");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "wchar: "))
      io.wchar = g_ascii_strtoll (lines[i] + 7, NULL, 10);
    else if (g_str_has_prefix (lines[i], "write_bytes: "))
      io.write_bytes = g_ascii_strtoll (lines[i] + 13, NULL, 10);
  return io;
}

static gpointer
count_orders (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  gint64 n;

  g_usleep (200 * G_TIME_SPAN_MILLISECOND);
  n = ciro_store_count_orders (store, error);
  return n < 0 ? NULL : g_memdup2 (&n, sizeof n);
}

static void
counted (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autofree gint64 *n = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, NULL);
  (*(guint *) data)--;
}

static void
finished (CiroSyncManager *manager, const char *kind, CiroSyncStats *stats, const GError *error, gboolean *done)
{
  if (error != NULL)
    g_error ("the sync failed: %s", error->message);
  *done = TRUE;
}

static void
backed_up (CiroSyncManager *manager, const char *made, const GError *error, gboolean *done)
{
  *done = TRUE;
}

static void
keep_result (GObject *source, GAsyncResult *result, gpointer data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The file's journal: 2 WAL, 1 a rollback journal. */
static int
file_journal (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &bytes, &len, NULL) || len < 20)
    return 0;
  return bytes[18];
}

typedef struct {
  const char *path;
  int         journal;   /* seen at the first progress note */
} Seen;

static void
pages_done (GObject *sync, GParamSpec *pspec, Seen *seen)
{
  if (seen->journal == 0)
    seen->journal = file_journal (seen->path);
}

static void
sync_started (CiroSyncManager *manager, GParamSpec *pspec, Seen *seen)
{
  CiroSync *sync = ciro_sync_manager_get_sync (manager);

  if (sync != NULL)
    g_signal_connect (sync, "notify::pages-done", G_CALLBACK (pages_done), seen);
}

static void
print_row (const char *name, const char *path, const Io *before, double seconds, int journal)
{
  Io after = read_io ();
  GStatBuf st;
  double size, wchar = (double) (after.wchar - before->wchar), disk = (double) (after.write_bytes - before->write_bytes);

  if (g_stat (path, &st) != 0)
    g_error ("no store at %s", path);
  size = (double) st.st_size;
  printf ("%-46s %s, %.1f s\n", name, journal == 1 ? "rollback journal" : journal == 2 ? "WAL" : "?", seconds);
  printf ("  store %.1f MB; written %.1f MB, %.2f× the store (to files); %.1f MB, %.2f× (to the disk)\n",
          size / 1048576, wchar / 1048576, wchar / size, disk / 1048576, disk / size);
  fflush (stdout);
}

/* A first sync by the window's sync manager, its reports' connections open. */
static void
window_sync (const char *name, const char *path, CiroMock *mock, const CiroSentosTiming *t, gboolean hold)
{
  g_autoptr(CiroContext) context = ciro_context_new (path);
  g_autoptr(GError) error = NULL;
  CiroReportService *reports = ciro_context_get_reports (context);
  CiroSyncManager *manager = ciro_context_get_sync_manager (context);
  Seen seen = { path, 0 };
  guint pending = 0;
  gboolean done = FALSE, backup_done = FALSE;
  double start, seconds;
  Io before;

  /* today's backup is there: the one after the run is not due (it is a
   * copy of the store, not the sync's writing) */
  {
    g_autofree char *dir = g_path_get_dirname (path);
    g_autofree char *backups = g_build_filename (dir, "backups", NULL);
    g_autofree char *base = g_path_get_basename (path);
    g_autofree char *stem = g_strndup (base, strlen (base) - 3);
    char day[11];
    g_autofree char *name_of = g_strdup_printf ("%s-%s.db", stem, ciro_day_format (ciro_today (), day));
    g_autofree char *file = g_build_filename (backups, name_of, NULL);

    g_mkdir_with_parents (backups, 0700);
    if (!g_file_set_contents (file, "", 0, NULL))
      g_error ("cannot write %s", file);
  }

  for (guint i = 0; i < 4; i++)
    {
      pending++;
      ciro_report_service_run_async (reports, NULL, count_orders, NULL, NULL, g_free, NULL, counted, &pending);
    }
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  if (!hold)
    ciro_sync_manager_set_store_hold (manager, NULL, NULL, NULL);

  g_signal_connect (manager, "notify::sync", G_CALLBACK (sync_started), &seen);
  g_signal_connect (manager, "finished", G_CALLBACK (finished), &done);
  g_signal_connect (manager, "backup-finished", G_CALLBACK (backed_up), &backup_done);
  ciro_sync_manager_set_timing (manager, t);
  ciro_sync_manager_set_connection (manager, ciro_mock_get_url (mock), "k", "s");
  before = read_io ();
  start = now_ms ();
  if (!ciro_sync_manager_start (manager, CIRO_RUN_FULL, &error))
    g_error ("%s", error->message);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  seconds = (now_ms () - start) / 1000;
  while (!backup_done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (manager, &seen);
  g_signal_handlers_disconnect_by_data (manager, &done);
  g_signal_handlers_disconnect_by_data (manager, &backup_done);
  /* every connection closed: what a last checkpoint writes is counted,
   * and the file holds the whole store */
  g_clear_object (&context);
  while (g_main_context_iteration (NULL, FALSE));
  print_row (name, path, &before, seconds, seen.journal);
}

static void
alone_sync (const char *name, const char *path, CiroMock *mock, const CiroSentosTiming *t)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroSentosClient) client = ciro_sentos_client_new (ciro_mock_get_url (mock), "k", "s", t);
  g_autoptr(CiroSync) sync = ciro_sync_new (path, client);
  g_autoptr(GAsyncResult) result = NULL;
  CiroSyncRequest req;
  CiroSyncStats stats;
  Seen seen = { path, 0 };
  double start, seconds;
  Io before;

  {
    g_autoptr(CiroStore) store = ciro_store_open (path, &error);
    if (store == NULL || !ciro_sync_plan_request (store, CIRO_RUN_FULL, ciro_today (), &req, &error))
      g_error ("%s", error->message);
  }
  g_signal_connect (sync, "notify::pages-done", G_CALLBACK (pages_done), &seen);
  before = read_io ();
  start = now_ms ();
  ciro_sync_run_async (sync, &req, NULL, keep_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!ciro_sync_run_finish (sync, result, &stats, &error))
    g_error ("the sync failed: %s", error->message);
  seconds = (now_ms () - start) / 1000;
  g_clear_object (&sync);
  print_row (name, path, &before, seconds, seen.journal);
}

static char *
figures (const char *path)
{
  static const char *const queries[] = {
    "SELECT count(*), sum(total), sum(line_count), count(DISTINCT customer_id) FROM orders",
    "SELECT count(*), sum(quantity), sum(amount), sum(cost), sum(commission) FROM order_lines",
    "SELECT count(*), sum(revenue), sum(units), sum(orders) FROM roll_day_product",
  };
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    g_error ("cannot open %s", path);
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      sqlite3_stmt *stmt = NULL;

      if (sqlite3_prepare_v2 (db, queries[i], -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
        g_error ("%s: %s", queries[i], sqlite3_errmsg (db));
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

int
main (void)
{
  const char *env = g_getenv ("CIRO_BENCH_SYNC_ORDERS");
  guint64 n = env != NULL ? g_ascii_strtoull (env, NULL, 10) : 100000;
  g_autofree char *dir = g_dir_make_tmp ("ciro-bench-window-sync-XXXXXX", NULL);
  g_autofree char *wal = g_build_filename (dir, "wal.db", NULL);
  g_autofree char *rollback = g_build_filename (dir, "rollback.db", NULL);
  g_autofree char *alone = g_build_filename (dir, "alone.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *fw = NULL, *fr = NULL, *fa = NULL;
  g_autofree char *rm = NULL;
  CiroDemoOptions o;
  CiroSentosTiming t;
  CiroDemo *demo;
  CiroMock *mock;

  ciro_demo_options_init (&o);
  o.n_orders = n;
  o.n_products = (guint) MAX (n / 50, 10);
  o.n_days = 360;        /* within the 365 days a first sync reads */
  demo = ciro_demo_new (&o);
  mock = ciro_mock_new (demo, "k", "s", &error);
  if (mock == NULL)
    g_error ("%s", error->message);
  ciro_sentos_timing_init (&t);
  t.pause_ms = 0;
  t.same_url_window_ms = 0;

  printf ("first sync of %" G_GUINT64_FORMAT " orders / %u products from the loopback mock\n", n, o.n_products);
  window_sync ("window, reports left open (before)", wal, mock, &t, FALSE);
  window_sync ("window, reports closed for the switch (after)", rollback, mock, &t, TRUE);
  alone_sync ("baseline: alone on its store (ciro-cli sync)", alone, mock, &t);

  fw = figures (wal);
  fr = figures (rollback);
  fa = figures (alone);
  if (strcmp (fw, fa) != 0 || strcmp (fr, fa) != 0)
    g_error ("the stores' figures differ:\n%s\n%s\n%s", fw, fr, fa);
  printf ("the three stores' figures are equal\n");

  ciro_mock_free (mock);
  ciro_demo_free (demo);
  rm = g_strdup_printf ("rm -rf '%s'", dir);
  return system (rm) == 0 ? 0 : 1;
}
