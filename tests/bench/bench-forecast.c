/* bench-forecast.c: the forecast on the million-order store
 *
 * insights.md §2 on the 1,000,000-order store (CIRO_BENCH_DB, else the one
 * bench-reports builds; opening may migrate it, so point CIRO_BENCH_DB at
 * a copy of a store others read): the whole forecast as the window asks
 * for it, the fit alone on the loaded series, and the full backtest (52
 * weekly refits and the three baselines); beside them, in the same run,
 * the daily report the series is read with. The forecast's days must add
 * up to its total and the backtest's figures are printed. Asserts no
 * timings.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>

#include "analytics/ciro-forecast.h"
#include "core/ciro-date.h"
#include "bench-common.h"

#define RUNS 5

int
main (int argc, char *argv[])
{
  g_autofree char *path = bench_store_path (g_getenv ("CIRO_BENCH_DB"), 1000000, 20000);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(CiroForecast) fc = NULL;
  g_autoptr(CiroForecast) bt = NULL;
  g_autoptr(GArray) daily = NULL;
  g_autofree double *revenue = NULL;
  g_autofree CiroForecastDay *days = NULL;
  CiroDay end = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  CiroReportFilter f = { 0 };
  double ms[RUNS], forecast_ms, fit_ms, daily_ms, backtest_ms, t0, sum = 0, total[3];
  guint n;

  store = open_bench_store (path, 1000000, 20000);

  for (guint i = 0; i < RUNS; i++)
    {
      g_clear_pointer (&fc, ciro_forecast_free);
      t0 = now_ms ();
      fc = ciro_report_forecast (store, end + 1, NULL, CIRO_FORECAST_NET_REVENUE, 30, FALSE,
                                 NULL, NULL, NULL, &error);
      ms[i] = now_ms () - t0;
      if (fc == NULL)
        g_error ("forecast failed: %s", error->message);
    }
  forecast_ms = median (ms, RUNS);
  for (guint h = 0; h < fc->days->len; h++)
    sum += g_array_index (fc->days, CiroForecastDay, h).value;
  g_assert_cmpfloat (fabs (sum - fc->total), <, 1e-6 * fc->total + 1);

  /* the baseline: the daily report the series comes from */
  f.from = fc->first_day;
  f.to = fc->last_day;
  for (guint i = 0; i < RUNS; i++)
    {
      g_clear_pointer (&daily, g_array_unref);
      t0 = now_ms ();
      daily = ciro_report_daily (store, &f, &error);
      ms[i] = now_ms () - t0;
      if (daily == NULL)
        g_error ("daily failed: %s", error->message);
    }
  daily_ms = median (ms, RUNS);

  /* the fit alone, on the series in memory */
  n = daily->len;
  revenue = g_new (double, n);
  days = g_new (CiroForecastDay, 30);
  for (guint i = 0; i < n; i++)
    revenue[i] = (double) g_array_index (daily, CiroDailyRow, i).s.net_revenue;
  for (guint i = 0; i < RUNS; i++)
    {
      t0 = now_ms ();
      if (!ciro_forecast_series (f.from, revenue, NULL, n, 30, days, total, NULL, &error))
        g_error ("fit failed: %s", error->message);
      ms[i] = now_ms () - t0;
    }
  fit_ms = median (ms, RUNS);
  g_assert_cmpfloat (fabs (total[0] - fc->total), <, 1e-6 * fc->total + 1);

  t0 = now_ms ();
  bt = ciro_report_forecast (store, end + 1, NULL, CIRO_FORECAST_NET_REVENUE, 30, TRUE, NULL, NULL, NULL, &error);
  backtest_ms = now_ms () - t0;
  if (bt == NULL)
    g_error ("backtest failed: %s", error->message);

  {
    char a[11], b[11];
    printf ("Ciro forecast benchmark: %s, history %s … %s (%u days), horizon 30\n", path,
            ciro_day_format (f.from, a), ciro_day_format (f.to, b), n);
  }
  printf ("30-day net revenue: %.2f TRY (80 %%: %.2f … %.2f); the days add up to the total\n\n",
          fc->total / 100, fc->total_low / 100, fc->total_high / 100);
  printf ("%-48s %10s\n", "", "median of 5");
  printf ("%-48s %8.1f ms  (target 200 ms: %s)\n", "fit and forecast, series in memory", fit_ms,
          fit_ms <= 200 ? "met" : "MISSED");
  printf ("%-48s %8.1f ms\n", "forecast from the store (as the window asks)", forecast_ms);
  printf ("%-48s %8.1f ms\n", "baseline: daily report of the same days", daily_ms);
  printf ("%-48s %8.1f ms  (once; target 10 s: %s)\n", "full backtest (52 refits, 3 baselines)", backtest_ms,
          backtest_ms <= 10000 ? "met" : "MISSED");
  printf ("\nbacktest: %u origins\n%-16s %8s %12s %9s\n", bt->backtest->origins, "method", "WAPE %",
          "total err %", "cover %");
  printf ("%-16s %8.2f %12.2f %9.1f\n", "ciro", bt->backtest->model.wape, bt->backtest->model.total_error,
          bt->backtest->model.coverage);
  for (int b = 0; b < CIRO_BASELINE_N; b++)
    {
      const CiroForecastScore *s = &bt->backtest->baseline[b];
      if (s->available)
        printf ("%-16s %8.2f %12.2f %9.1f\n", ciro_baseline_key (b), s->wape, s->total_error, s->coverage);
      else
        printf ("%-16s %8s\n", ciro_baseline_key (b), "—");
    }
  return 0;
}
