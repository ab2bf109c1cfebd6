/* bench-ranking.c: the product ranking read through the running totals
 *
 * On the 1,000,000-order store (CIRO_BENCH_DB names another, such as the
 * 10M one): the ranking of all marketplaces for two years (partial months
 * at both ends), one year, 30 days, and 30 days ending on the 14th (two
 * days into a part of its month: the most day rows an end can read),
 * read through roll_cum_part (v15) against the month rows
 * (roll_month_product, the read before v14) in the same run; and Trendyol's
 * (the largest marketplace) for two years and 30 days, its rows read a
 * month or day at a time against a range of months and days, warm (the
 * same connection, median of 5) and cold (the first call on a fresh
 * connection: SQLite's page cache empty, the OS cache as the run left
 * it). Checks that both give the same figures; prints wall and CPU time,
 * asserts no timings.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <sys/resource.h>

#include "analytics/ciro-report.h"
#include "analytics/ciro-report-private.h"
#include "core/ciro-date.h"
#include "bench-common.h"

static double
cpu_ms (void)
{
  struct rusage u;

  getrusage (RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec * 1000.0 + u.ru_utime.tv_usec / 1000.0 + u.ru_stime.tv_sec * 1000.0 +
         u.ru_stime.tv_usec / 1000.0;
}

static GArray *
rank (CiroStore *store, const CiroReportFilter *f, double *wall, double *cpu)
{
  g_autoptr(GError) error = NULL;
  double t0 = now_ms (), c0 = cpu_ms ();
  GArray *rows = ciro_report_products (store, f, CIRO_SORT_REVENUE, FALSE, &error);

  *wall = now_ms () - t0;
  *cpu = cpu_ms () - c0;
  if (rows == NULL)
    g_error ("ranking: %s", error->message);
  return rows;
}

static void
same (GArray *a, GArray *b, const char *what)
{
  if (a->len != b->len)
    g_error ("%s: %u products against %u", what, a->len, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const CiroProductRow *x = &g_array_index (a, CiroProductRow, i);
      const CiroProductRow *y = &g_array_index (b, CiroProductRow, i);
      if (x->product_key != y->product_key || x->revenue != y->revenue || x->units != y->units ||
          x->orders != y->orders || x->cost != y->cost || x->commission != y->commission ||
          x->return_units != y->return_units || x->output_vat != y->output_vat ||
          x->cost_ex_vat != y->cost_ex_vat)
        g_error ("%s: product %" G_GINT64_FORMAT " differs", what, x->product_key);
    }
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = bench_store_path (g_getenv ("CIRO_BENCH_DB"), 1000000, 20000);
  g_autoptr(CiroStore) store = open_bench_store (path, 1000000, 20000);
  CiroDay end = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  const struct { const char *name; CiroReportFilter f; } windows[] = {
    { "2 years", { end - 729, end, NULL } },
    { "1 year", { end - 364, end, NULL } },
    { "30 days", { end - 29, end, NULL } },
    { "30 days/14", { end - 35, end - 6, NULL } },   /* ends two days into a part, or one */
    /* the largest marketplace: its month and day rows, a period at a time */
    { "2 years/TY", { end - 729, end, (char *) "Trendyol" } },
    { "30 days/TY", { end - 29, end, (char *) "Trendyol" } },
  };

  printf ("Ciro ranking benchmark (%s; /TY: Trendyol only)\n", path);
  printf ("%-10s %-24s %10s %10s %10s %10s %8s\n", "window", "read", "cold ms", "cold CPU", "warm ms",
          "warm CPU", "rows");
  for (guint w = 0; w < G_N_ELEMENTS (windows); w++)
    {
      GArray *results[2] = { NULL, NULL };

      for (int totals = 1; totals >= 0; totals--)
        {
          double cold, cold_cpu, walls[5], cpus[5];

          ciro_report_products_totals = totals;
          {
            /* a fresh connection: its first call */
            g_autoptr(GError) error = NULL;
            g_autoptr(CiroStore) fresh = ciro_store_open (path, &error);
            g_autoptr(GArray) rows = NULL;

            if (fresh == NULL)
              g_error ("cannot open %s: %s", path, error->message);
            rows = rank (fresh, &windows[w].f, &cold, &cold_cpu);
          }
          for (guint i = 0; i < 5; i++)
            {
              g_autoptr(GArray) rows = rank (store, &windows[w].f, &walls[i], &cpus[i]);
              if (i == 0)
                results[totals] = g_array_ref (rows);
            }
          printf ("%-10s %-24s %10.1f %10.1f %10.1f %10.1f %8u\n", windows[w].name,
                  windows[w].f.marketplace != NULL ? (totals ? "rows by period" : "period range (baseline)")
                  : totals ? "running totals (v15)" : "month rows (baseline)", cold, cold_cpu,
                  median (walls, 5), median (cpus, 5), results[totals]->len);
        }
      same (results[1], results[0], windows[w].name);
      g_array_unref (results[0]);
      g_array_unref (results[1]);
    }
  ciro_report_products_totals = TRUE;
  return 0;
}
