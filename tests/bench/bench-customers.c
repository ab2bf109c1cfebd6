/* bench-customers.c: customers on the million-order store
 *
 * insights.md §4 over the default year on the 1,000,000-order store
 * (CIRO_BENCH_DB, else the one bench-reports builds; it is migrated on
 * opening, so point CIRO_BENCH_DB at a copy of a store others read): RFM and
 * segments, cohorts, historical value, the fitted model; beside them, in the
 * same run, the RFM values computed in plain SQL from the order lines, which
 * must agree with the engine for every customer. Prints, asserts no timings.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <stdio.h>
#include <sys/resource.h>

#include "analytics/ciro-customers.h"
#include "core/ciro-date.h"
#include "bench-common.h"

#define RUNS 3

#define DIRECT_SQL \
  "SELECT o.customer_id, max (o.day), count (*), sum (o.shipping_total +" \
  "  (SELECT coalesce (sum (l.amount), 0) FROM order_lines l WHERE l.order_id = o.id))" \
  " FROM orders o WHERE o.status <> 6 AND o.day BETWEEN ?1 AND ?2 AND o.customer_id IS NOT NULL" \
  " GROUP BY o.customer_id"

static double
peak_rss_mb (void)
{
  struct rusage u;
  getrusage (RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024.0;
}

/* this process's CPU time (user + system), ms: on a shared machine the wall
 * clock also counts the others' work */
static double
cpu_ms (void)
{
  struct rusage u;
  getrusage (RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0;
}

static double
time_customers (CiroStore *store, const CiroReportFilter *f, CiroCustomersFlags flags, guint runs,
                CiroCustomerReport **keep, double *cpu)
{
  double ms[RUNS], cms[RUNS];

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      double t0 = now_ms (), c0 = cpu_ms ();
      CiroCustomerReport *r = ciro_report_customers (store, f, flags, &error);
      ms[i] = now_ms () - t0;
      cms[i] = cpu_ms () - c0;
      if (r == NULL)
        g_error ("customers failed: %s", error->message);
      if (i == 0 && keep != NULL)
        *keep = r;
      else
        ciro_customer_report_free (r);
    }
  *cpu = median (cms, runs);
  return median (ms, runs);
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = bench_store_path (g_getenv ("CIRO_BENCH_DB"), 1000000, 20000);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(CiroCustomerReport) rfm = NULL, model = NULL;
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  CiroDay end = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  CiroReportFilter f = { end - 364, end, NULL };
  double rfm_ms, value_ms, model_ms, holdout_ms, cohort_ms, sql_ms, contacts_ms, ms[RUNS], t0;
  double rfm_cpu, value_cpu, model_cpu, holdout_cpu, cohort_cpu, sql_cpu, contacts_cpu, cms[RUNS], c0;
  double rss_open, rss_rfm, rss_cohorts, rss_all;
  guint n_cohorts = 0, n_direct = 0;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  t0 = now_ms ();
  store = open_bench_store (path, 1000000, 20000);
  printf ("store opened (and migrated when older) in %.0f ms\n", now_ms () - t0);
  rss_open = peak_rss_mb ();

  rfm_ms = time_customers (store, &f, CIRO_CUSTOMERS_RFM, RUNS, &rfm, &rfm_cpu);
  rss_rfm = peak_rss_mb ();
  /* every customer's name, e-mail and phone, as the Customers page reads
   * them once the report is made (the search and the sort by name) */
  t0 = now_ms ();
  c0 = cpu_ms ();
  if (!ciro_customers_read_contacts (store, rfm, NULL, 0, &error))
    g_error ("contacts failed: %s", error->message);
  contacts_ms = now_ms () - t0;
  contacts_cpu = cpu_ms () - c0;
  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GArray) cohorts = NULL;
      t0 = now_ms ();
      c0 = cpu_ms ();
      cohorts = ciro_report_cohorts (store, &f, &error);
      ms[i] = now_ms () - t0;
      cms[i] = cpu_ms () - c0;
      if (cohorts == NULL)
        g_error ("cohorts failed: %s", error->message);
      n_cohorts = cohorts->len;
    }
  cohort_ms = median (ms, RUNS);
  cohort_cpu = median (cms, RUNS);
  rss_cohorts = peak_rss_mb ();
  value_ms = time_customers (store, &f, CIRO_CUSTOMERS_VALUE, 1, NULL, &value_cpu);
  model_ms = time_customers (store, &f, CIRO_CUSTOMERS_MODEL, 1, NULL, &model_cpu);
  holdout_ms = time_customers (store, &f, CIRO_CUSTOMERS_HOLDOUT, 1, &model, &holdout_cpu);
  rss_all = peak_rss_mb ();

  /* the RFM values in plain SQL, once, customer by customer */
  for (guint i = 0; i < rfm->customers->len; i++)
    {
      CiroCustomer *c = &g_array_index (rfm->customers, CiroCustomer, i);
      if (c->in_window)
        g_hash_table_insert (by_key, c->key, c);
    }
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, DIRECT_SQL, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, f.from);
  sqlite3_bind_int (stmt, 2, f.to);
  t0 = now_ms ();
  c0 = cpu_ms ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *key = g_strdup_printf ("id:%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
      const CiroCustomer *c = g_hash_table_lookup (by_key, key);
      g_assert_nonnull (c);
      g_assert_cmpint (c->recency_days, ==, f.to - sqlite3_column_int (stmt, 1));
      g_assert_cmpint (c->frequency, ==, sqlite3_column_int64 (stmt, 2));
      g_assert_cmpint (c->monetary, ==, sqlite3_column_int64 (stmt, 3));
      n_direct++;
    }
  sql_ms = now_ms () - t0;
  sql_cpu = cpu_ms () - c0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (n_direct, ==, rfm->n_window);

  {
    char a[11], b[11];
    printf ("Ciro customers benchmark: %s, %s … %s: %" G_GINT64_FORMAT " customers in the window, %u in all,"
            " %u cohorts\n", path, ciro_day_format (f.from, a), ciro_day_format (f.to, b), rfm->n_window,
            rfm->customers->len, n_cohorts);
  }
  printf ("plain SQL agrees on every customer's recency, frequency and monetary (%u customers)\n", n_direct);
  printf ("model: BG/NBD r %.3f alpha %.3f a %.3f b %.3f (weeks); Gamma-Gamma p %.3f q %.3f gamma %.3f (TRY)\n",
          model->bgnbd.r, model->bgnbd.alpha, model->bgnbd.a, model->bgnbd.b, model->gg.p, model->gg.q,
          model->gg.gamma);
  if (model->holdout.available)
    printf ("holdout (fitted up to %d, next 365 days): actual %.2f TRY; model %.2f TRY, WAPE %.1f %%;"
            " last year's spend %.2f TRY, WAPE %.1f %%\n\n",
            model->holdout.calibration_end, model->holdout.actual / 100.0, model->holdout.model_total / 100.0,
            model->holdout.model_wape_pct, model->holdout.baseline_total / 100.0, model->holdout.baseline_wape_pct);
  printf ("%-44s %10s %10s\n", "", "wall", "CPU");
  printf ("%-44s %7.1f ms %7.1f ms  (median; target 1000 ms: %s)\n", "RFM + segments + VIP + churn", rfm_ms, rfm_cpu,
          rfm_ms <= 1000 ? "met" : rfm_cpu <= 1000 ? "met in CPU time" : "MISSED");
  printf ("%-44s %7.1f ms %7.1f ms  (once)\n", "then every customer's name, e-mail, phone", contacts_ms,
          contacts_cpu);
  printf ("%-44s %7.1f ms %7.1f ms  (median; target 1000 ms: %s)\n", "cohorts", cohort_ms, cohort_cpu,
          cohort_ms <= 1000 ? "met" : cohort_cpu <= 1000 ? "met in CPU time" : "MISSED");
  printf ("%-44s %7.1f ms %7.1f ms  (once)\n", "with historical CLV (scans the order lines)", value_ms, value_cpu);
  printf ("%-44s %7.1f ms %7.1f ms  (once)\n", "with the fitted 12-month CLV", model_ms, model_cpu);
  printf ("%-44s %7.1f ms %7.1f ms  (once)\n", "with the model's holdout check", holdout_ms, holdout_cpu);
  printf ("%-44s %7.1f ms %7.1f ms  (once)\n", "baseline: plain SQL RFM values", sql_ms, sql_cpu);
  printf ("peak RSS: %.0f MB opened, %.0f MB after RFM, %.0f MB after cohorts, %.0f MB after all (target 300 MB: %s)\n",
          rss_open, rss_rfm, rss_cohorts, rss_all, rss_all <= 300 ? "met" : "MISSED");
  return 0;
}
