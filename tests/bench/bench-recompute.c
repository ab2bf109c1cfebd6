/* bench-recompute.c: profit after KDV on the million-order store
 *
 * Works on a copy of the store (CIRO_BENCH_DB, else the one bench-reports
 * builds in the cache), never on the original. Prints, in one run:
 *   - the summary of the last 30 days with the keys of profit.md (median
 *     of 7), the target being 20 ms;
 *   - a recompute with nothing changed: the baseline;
 *   - the same recompute on a worker thread (ciro_store_recompute_async)
 *     while this thread runs a main loop with a 16 ms tick: the longest
 *     wait of a tick says whether a window would stay responsive;
 *   - a commission rule entered for the busiest category of Trendyol (15 %
 *     from the window's first day), which recomputes, and the summary
 *     before and after;
 *   - the rule changed as the window does it (the write only marks the
 *     store, the recompute runs on a worker), and a service fee written
 *     from another connection while that recompute runs: how long the
 *     write waited (the recompute gives way to it), against the length
 *     of the recompute it would otherwise have waited for.
 * Asserts that the figures agree (a recompute with nothing changed changes
 * nothing; the rule moves only the commission and what follows from it),
 * never timings.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <stdio.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "store/ciro-profit.h"
#include "store/ciro-store-sql.h"
#include "bench-common.h"

#define RUNS 7

/* The process's peak resident memory since the last reset, in MB. */
static double
peak_mb (void)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (p = strstr (status, "VmHWM:")) == NULL)
    return -1;
  return g_ascii_strtod (p + 6, NULL) / 1024.0;
}

/* Starts the peak over from what the process holds now (Linux). */
static double
reset_peak_mb (void)
{
  g_file_set_contents ("/proc/self/clear_refs", "5", 1, NULL);
  return peak_mb ();
}

static double
time_summary (CiroStore *store, const CiroReportFilter *f, CiroSummary *out)
{
  double ms[RUNS];

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      double t0 = now_ms ();

      if (!ciro_report_summary (store, f, out, &error))
        g_error ("summary: %s", error->message);
      ms[i] = now_ms () - t0;
    }
  return median (ms, RUNS);
}

static void
print_summary (const char *what, const CiroSummary *s, double ms)
{
  printf ("%-28s %7.2f ms  net %.2f  commission %.2f  profit %.2f  output KDV %.2f  KDV payable %.2f"
          "  profit after KDV %.2f  margin %.2f %%  operating %.2f\n",
          what, ms, s->net_revenue / 100.0, s->commission / 100.0, s->profit / 100.0, s->output_vat / 100.0,
          s->vat_payable / 100.0, s->profit_ex_vat / 100.0, s->margin_ex_vat_pct, s->operating_profit / 100.0);
}

typedef struct {
  gboolean     done;
  GAsyncResult *result;
  double       last_tick;
  double       worst_gap;
  guint        ticks;
  double       last_fraction;
} Responsive;

static gboolean
tick (gpointer data)
{
  Responsive *r = data;
  double now = now_ms ();

  r->worst_gap = MAX (r->worst_gap, now - r->last_tick);
  r->last_tick = now;
  r->ticks++;
  return G_SOURCE_CONTINUE;
}

static void
progress (double fraction, gpointer data)
{
  ((Responsive *) data)->last_fraction = fraction;
}

typedef struct {
  char    *path;
  double   waited_ms;
  gboolean ok;
  int      finished;
} Writer;

static gpointer
write_fee (gpointer data)
{
  Writer *w = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (w->path, &error);
  double t0 = now_ms ();

  if (store == NULL)
    g_error ("%s", error->message);
  ciro_store_set_defer_recompute (store, TRUE);
  w->ok = ciro_store_set_rate (store, CIRO_RATE_SERVICE_FEE, "Trendyol", NULL, ciro_day_from_ymd (2000, 1, 1), 849,
                               &error);
  w->waited_ms = now_ms () - t0;
  if (!w->ok)
    printf ("the write failed: %s\n", error->message);
  g_atomic_int_set (&w->finished, 1);
  return NULL;
}

typedef struct {
  Writer  *writer;
  GThread *thread;
  double   last_fraction;
} WriteDuring;

/* Starts the writer once the recompute is a third of the way. */
static void
progress_write (double fraction, gpointer data)
{
  WriteDuring *wd = data;

  wd->last_fraction = fraction;
  if (wd->thread == NULL && fraction >= 0.3)
    wd->thread = g_thread_new ("writer", write_fee, wd->writer);
}

static void
done (GObject *source, GAsyncResult *result, gpointer data)
{
  Responsive *r = data;
  r->result = g_object_ref (result);
  r->done = TRUE;
}

int
main (int argc, char *argv[])
{
  g_autofree char *original = bench_store_path (g_getenv ("CIRO_BENCH_DB"), 1000000, 20000);
  g_autofree char *dir = g_dir_make_tmp ("ciro-bench-recompute-XXXXXX", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.db", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (original);
  g_autoptr(GFile) to = g_file_new_for_path (copy);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autofree char *category = NULL;
  CiroReportFilter f = { 0 };
  CiroSummary before, same, after;
  CiroDay last = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  Responsive r = { 0 };
  sqlite3_stmt *stmt;
  double t0, ms;

  if (!g_file_test (original, G_FILE_TEST_EXISTS))
    {
      /* build it once (bench-reports does the same) */
      g_autoptr(CiroStore) built = open_bench_store (original, 1000000, 20000);
    }
  t0 = now_ms ();
  if (!g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
    g_error ("copying %s: %s", original, error->message);
  printf ("copied %s (%.1f s)\n", original, (now_ms () - t0) / 1000.0);

  t0 = now_ms ();
  store = ciro_store_open (copy, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  printf ("opened the copy (migrating it if older): %.1f s; a recompute due: %s\n",
          (now_ms () - t0) / 1000.0, ciro_store_needs_recompute (store) ? "yes" : "no");
  printf ("%" G_GINT64_FORMAT " orders\n", ciro_store_count_orders (store, NULL));

  f.from = last - 29;
  f.to = last;
  if (ciro_store_needs_recompute (store))
    {
      t0 = now_ms ();
      if (!ciro_store_recompute (store, NULL, &error))
        g_error ("%s", error->message);
      printf ("recompute the older store needed: %.1f s\n", (now_ms () - t0) / 1000.0);
    }

  ms = time_summary (store, &f, &before);
  print_summary ("summary, last 30 days", &before, ms);

  /* the baseline: a recompute that changes nothing; its memory is what
   * the window adds when it brings an older store up to date */
  {
    double held = reset_peak_mb ();

    t0 = now_ms ();
    if (!ciro_store_recompute (store, NULL, &error))
      g_error ("%s", error->message);
    printf ("recompute, nothing changed: %.1f s; peak memory %.0f MB over the %.0f MB held before it\n",
            (now_ms () - t0) / 1000.0, peak_mb () - held, held);
  }
  ms = time_summary (store, &f, &same);
  print_summary ("summary after it", &same, ms);
  g_assert_cmpmem (&before, sizeof before, &same, sizeof same);

  /* the same on a worker thread, this thread ticking every 16 ms */
  r.last_tick = now_ms ();
  g_timeout_add (16, tick, &r);
  t0 = now_ms ();
  ciro_store_recompute_async (copy, progress, &r, NULL, done, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  if (!ciro_store_recompute_finish (r.result, &error))
    g_error ("%s", error->message);
  g_object_unref (r.result);
  printf ("recompute on a worker: %.1f s; main loop: %u ticks of 16 ms, the longest wait %.1f ms;"
          " last progress %.2f\n", (now_ms () - t0) / 1000.0, r.ticks, r.worst_gap, r.last_fraction);

  /* a rule for the busiest category of Trendyol */
  stmt = ciro_store_prepare (store,
    "SELECT p.category FROM roll_day_product r JOIN products p ON p.id = r.product_key"
    " JOIN marketplaces m ON m.id = r.marketplace_id"
    " WHERE m.name = 'Trendyol' AND r.day BETWEEN ?1 AND ?2 AND p.category IS NOT NULL"
    " GROUP BY p.category ORDER BY sum (r.revenue) DESC LIMIT 1", &error);
  g_assert_nonnull (stmt);
  sqlite3_bind_int (stmt, 1, f.from);
  sqlite3_bind_int (stmt, 2, f.to);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    category = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  g_assert_nonnull (category);
  t0 = now_ms ();
  if (!ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", category, f.from, 1500, &error))
    g_error ("%s", error->message);
  printf ("commission rule Trendyol × “%s” 15 %% from %d days ago, recomputed: %.1f s\n",
          category, 29, (now_ms () - t0) / 1000.0);
  ms = time_summary (store, &f, &after);
  print_summary ("summary with the rule", &after, ms);

  /* only the commission and what follows from it moved */
  g_assert_cmpint (after.net_revenue, ==, before.net_revenue);
  g_assert_cmpint (after.output_vat, ==, before.output_vat);
  g_assert_cmpint (after.product_cost, ==, before.product_cost);
  g_assert_cmpint (after.profit + after.commission, ==, before.profit + before.commission);
  g_assert_cmpint (after.profit_ex_vat + after.commission, ==, before.profit_ex_vat + before.commission);

  /* as the window does it: the write marks, a worker recomputes; a write
   * of another connection comes in the middle */
  {
    Responsive r2 = { 0 };
    Writer writer = { copy, 0, FALSE, 0 };
    WriteDuring wd = { &writer, NULL, 0 };
    CiroSummary window;
    double write_ms, recompute_s;

    ciro_store_set_defer_recompute (store, TRUE);
    t0 = now_ms ();
    if (!ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", category, f.from, 1200, &error))
      g_error ("%s", error->message);
    write_ms = now_ms () - t0;
    g_assert_true (ciro_store_needs_recompute (store));
    t0 = now_ms ();
    ciro_store_recompute_async (copy, progress_write, &wd, NULL, done, &r2);
    while (!r2.done)
      g_main_context_iteration (NULL, TRUE);
    recompute_s = (now_ms () - t0) / 1000.0;
    if (!ciro_store_recompute_finish (r2.result, &error))
      g_error ("%s", error->message);
    g_object_unref (r2.result);
    g_assert_nonnull (wd.thread);
    g_thread_join (wd.thread);
    g_assert_true (writer.ok);
    printf ("the rule at 12 %% as the window saves it: the write %.1f ms; the background recompute %.1f s"
            "\n", write_ms, recompute_s);
    printf ("a service fee written from another connection during it: waited %.1f ms"
            " (baseline: to the recompute's end, or fail after the 5 s busy timeout)\n", writer.waited_ms);
    g_assert_false (ciro_store_needs_recompute (store));
    ms = time_summary (store, &f, &window);
    print_summary ("summary with both", &window, ms);
    g_assert_cmpint (window.commission, <, after.commission);
    g_assert_cmpint (window.service_fees, >, 0);
  }

  g_clear_object (&store);
  g_unlink (copy);
  {
    g_autofree char *wal = g_strconcat (copy, "-wal", NULL);
    g_autofree char *shm = g_strconcat (copy, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
