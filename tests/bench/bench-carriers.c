/* bench-carriers.c: the carrier figures on the million-order store
 *
 * insights.md §3 over two years of the 1,000,000-order store. The store is
 * CIRO_BENCH_DB when given, else a copy of the one bench-reports builds
 * (made once, beside it: opening migrates a store, and the others' copy is
 * left as it is). A store from before the status timeline knows only each
 * order's current status; its delivered orders are given a shipping moment
 * 1–3 days after the order and a delivery 1–4 days after that, so that the
 * distributions hold what a store synced for two years holds. Beside the
 * engine, in the same run: the engine as it was before order_transit (the
 * late orders read from the orders table, the distributions added up in
 * hash tables), which must give the same figures; the summary of the same
 * window; and the orders per carrier counted in plain SQL over the orders
 * table, which must agree.
 * Prints, asserts no timings.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gio/gio.h>
#include <sqlite3.h>
#include <stdio.h>
#include <time.h>

#include "analytics/ciro-carriers.h"
#include "core/ciro-carrier.h"
#include "core/ciro-date.h"
#include "store/ciro-store-sql.h"
#include "bench-common.h"
#include "bench-carriers-old.h"

#define RUNS 5
/* the late orders the Shipping page lists */
#define PAGE_LATE 200

/* CPU time of the process: on a machine shared with others the wall
 * clock also counts the waiting. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static void
exec (CiroStore *store, const char *sql)
{
  g_autoptr(GError) error = NULL;

  if (!ciro_store_exec (store, sql, &error))
    g_error ("%s", error->message);
}

static gint64
query_int (CiroStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(CiroCarrierReport) report = NULL;
  g_autoptr(CiroCarrierReport) all = NULL;
  g_autoptr(CiroCarrierReport) old = NULL;
  g_autoptr(GHashTable) direct = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  CiroDay end = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  CiroReportFilter f = { end - 729, end, NULL };
  gint64 now = ciro_to_unix (end, 18 * 3600);
  CiroSummary s;
  double ms[RUNS], cpu[RUNS], carriers_ms, carriers_cpu, sum_ms, sql_ms, t0, c0;
  double all_ms, all_cpu, old_ms, old_cpu;
  gint64 orders = 0;
  CiroKurus expense = 0;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *load = NULL;

  if (g_getenv ("CIRO_BENCH_DB") != NULL)
    path = g_strdup (g_getenv ("CIRO_BENCH_DB"));
  else
    {
      /* never opened here: opening would migrate it under the others */
      g_autofree char *shared = bench_store_path (NULL, 1000000, 20000);
      g_autoptr(GFile) from = g_file_new_for_path (shared);
      g_autoptr(GFile) to = NULL;

      path = g_build_filename (g_get_user_cache_dir (), "ciro-bench", "bench-carriers-1000000-20000.db", NULL);
      to = g_file_new_for_path (path);
      if (!g_file_test (path, G_FILE_TEST_EXISTS) && g_file_test (shared, G_FILE_TEST_EXISTS) &&
          !g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error))
        g_error ("cannot copy %s: %s", shared, error->message);
    }
  store = open_bench_store (path, 1000000, 20000);

  if (ciro_store_needs_recompute (store))
    {
      t0 = now_ms ();
      if (!ciro_store_recompute (store, NULL, &error))
        g_error ("recompute failed: %s", error->message);
      printf ("recompute      %.1f s (the migration's, once)\n", (now_ms () - t0) / 1000);
    }
  if (query_int (store, "SELECT count(*) FROM order_status_events s JOIN order_status_events d"
                        " ON d.order_id = s.order_id AND d.status = 99 WHERE s.status = 5") < 1000)
    {
      t0 = now_ms ();
      exec (store, "BEGIN IMMEDIATE;"
                   "INSERT OR IGNORE INTO order_status_events (order_id, status, at)"
                   " SELECT id, 5, day * 86400 + seconds - 10800 + 86400 + abs (id * 7919) % 172800"
                   " FROM orders WHERE status = 99;"
                   "UPDATE order_status_events SET at = (SELECT s.at FROM order_status_events s"
                   "  WHERE s.order_id = order_status_events.order_id AND s.status = 5)"
                   "  + 86400 + abs (order_id * 104729) % 259200"
                   " WHERE status = 99;"
                   "COMMIT;");
      if (!ciro_store_begin (store, &error) || !ciro_store_rebuild_rollups (store, &error) ||
          !ciro_store_commit (store, &error))
        g_error ("rollups: %s", error->message);
      printf ("timeline       delivered orders given shipping moments, rollups rebuilt in %.1f s\n",
              (now_ms () - t0) / 1000);
    }

  for (guint i = 0; i < RUNS; i++)
    {
      t0 = now_ms ();
      c0 = cpu_ms ();
      g_clear_pointer (&report, ciro_carrier_report_free);
      report = ciro_carrier_report_build_full (store, &f, CIRO_CARRIER_LATE_DAYS_DEFAULT, now, PAGE_LATE, &error);
      ms[i] = now_ms () - t0;
      cpu[i] = cpu_ms () - c0;
      if (report == NULL)
        g_error ("carriers failed: %s", error->message);
    }
  carriers_ms = median (ms, RUNS);
  carriers_cpu = median (cpu, RUNS);
  for (guint i = 0; i < RUNS; i++)
    {
      t0 = now_ms ();
      c0 = cpu_ms ();
      g_clear_pointer (&all, ciro_carrier_report_free);
      all = ciro_carrier_report_build (store, &f, CIRO_CARRIER_LATE_DAYS_DEFAULT, now, &error);
      ms[i] = now_ms () - t0;
      cpu[i] = cpu_ms () - c0;
      if (all == NULL)
        g_error ("carriers failed: %s", error->message);
    }
  all_ms = median (ms, RUNS);
  all_cpu = median (cpu, RUNS);
  for (guint i = 0; i < RUNS; i++)
    {
      t0 = now_ms ();
      c0 = cpu_ms ();
      g_clear_pointer (&old, ciro_carrier_report_free);
      old = bench_carriers_old_build (store, &f, CIRO_CARRIER_LATE_DAYS_DEFAULT, now, &error);
      ms[i] = now_ms () - t0;
      cpu[i] = cpu_ms () - c0;
      if (old == NULL)
        g_error ("old carriers failed: %s", error->message);
    }
  old_ms = median (ms, RUNS);
  old_cpu = median (cpu, RUNS);

  /* the same figures as before, the same late orders in the same order */
  g_assert_cmpuint (old->carriers->len, ==, report->carriers->len);
  g_assert_cmpuint (old->by_marketplace->len, ==, report->by_marketplace->len);
  for (guint i = 0; i < report->by_marketplace->len; i++)
    {
      const CiroCarrierRow *a = report->by_marketplace->pdata[i], *b = old->by_marketplace->pdata[i];

      g_assert_cmpstr (a->carrier, ==, b->carrier);
      g_assert_cmpstr (a->marketplace, ==, b->marketplace);
      g_assert_cmpint (a->orders, ==, b->orders);
      g_assert_cmpint (a->shipping_expense, ==, b->shipping_expense);
      g_assert_cmpint (a->late, ==, b->late);
      g_assert_cmpint (a->days_to_deliver_n, ==, b->days_to_deliver_n);
      g_assert_cmpfloat (a->days_to_deliver_median, ==, b->days_to_deliver_median);
      g_assert_cmpfloat (a->days_to_ship_p90, ==, b->days_to_ship_p90);
    }
  g_assert_cmpint (report->late_total, ==, old->late_orders->len);
  g_assert_cmpuint (all->late_orders->len, ==, old->late_orders->len);
  g_assert_cmpuint (report->late_orders->len, ==, MIN (PAGE_LATE, old->late_orders->len));
  for (guint i = 0; i < all->late_orders->len; i++)
    g_assert_cmpint (((CiroLateOrder *) all->late_orders->pdata[i])->order_id, ==,
                     ((CiroLateOrder *) old->late_orders->pdata[i])->order_id);
  g_assert_cmpuint (old->advice->len, ==, report->advice->len);
  for (guint i = 0; i < RUNS; i++)
    {
      t0 = now_ms ();
      if (!ciro_report_summary (store, &f, &s, &error))
        g_error ("summary failed: %s", error->message);
      ms[i] = now_ms () - t0;
    }
  sum_ms = median (ms, RUNS);

  /* the plain SQL, once: orders per carrier as written, normalised here */
  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store),
                                       "SELECT cargo_provider, count(*) FROM orders WHERE day BETWEEN ?1 AND ?2"
                                       " GROUP BY cargo_provider", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, f.from);
  sqlite3_bind_int (stmt, 2, f.to);
  t0 = now_ms ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *name = ciro_carrier_normalize ((const char *) sqlite3_column_text (stmt, 0));
      gint64 *n = g_hash_table_lookup (direct, name);

      if (n == NULL)
        g_hash_table_insert (direct, g_strdup (name), (n = g_new0 (gint64, 1)));
      *n += sqlite3_column_int64 (stmt, 1);
      g_free (name);
    }
  sql_ms = now_ms () - t0;
  sqlite3_finalize (stmt);

  g_assert_cmpuint (g_hash_table_size (direct), ==, report->carriers->len);
  for (guint i = 0; i < report->carriers->len; i++)
    {
      const CiroCarrierRow *r = report->carriers->pdata[i];
      gint64 *n = g_hash_table_lookup (direct, r->carrier);

      g_assert_nonnull (n);
      g_assert_cmpint (*n, ==, r->orders);
      orders += r->orders;
      expense += r->shipping_expense;
    }
  g_assert_cmpint (orders, ==, s.gross_orders);
  g_assert_cmpint (expense, ==, s.shipping_expense);

  {
    char a[11], b[11];
    printf ("Ciro carriers benchmark: %s, %s … %s, %u carriers, %" G_GINT64_FORMAT " late orders,"
            " %u recommendations\n",
            path, ciro_day_format (f.from, a), ciro_day_format (f.to, b), report->carriers->len,
            report->late_total, report->advice->len);
  }
  for (guint i = 0; i < report->carriers->len; i++)
    {
      const CiroCarrierRow *r = report->carriers->pdata[i];
      printf ("  %-22s %8" G_GINT64_FORMAT " orders, ship median %.2f d (n %" G_GINT64_FORMAT "),"
              " deliver median %.2f d p90 %.2f d (n %" G_GINT64_FORMAT ")\n",
              r->carrier, r->orders, r->days_to_ship_median, r->days_to_ship_n,
              r->days_to_deliver_median, r->days_to_deliver_p90, r->days_to_deliver_n);
    }
  printf ("Σ carrier orders = summary gross orders (%" G_GINT64_FORMAT "); Σ expense = summary shipping"
          " expense; plain SQL agrees on every carrier's orders\n\n", orders);
  printf ("%-48s %10s\n", "", "median of 5");
  printf ("%-48s %8.1f ms  (target 100 ms: %s)\n", "carriers, late orders (page: 200 listed), advice", carriers_ms,
          carriers_ms <= 100 ? "met" : "MISSED");
  printf ("%-48s %8.1f ms  (CPU time; load average %s)\n", "", carriers_cpu,
          g_file_get_contents ("/proc/loadavg", &load, NULL, NULL) ? g_strstrip (load) : "?");
  printf ("%-48s %8.1f ms  (CPU %.1f ms)\n", "the same, every late order listed", all_ms, all_cpu);
  printf ("%-48s %8.1f ms  (CPU %.1f ms)\n", "old path: late orders from the orders table", old_ms, old_cpu);
  printf ("%-48s %8.1f ms\n", "baseline: summary (same window)", sum_ms);
  printf ("%-48s %8.1f ms  (once)\n", "baseline: plain SQL GROUP BY cargo_provider", sql_ms);
  return 0;
}
