/* test-forecast.c: the forecast of insights.md §2
 *
 * - the calendar against dates written out independently below (Diyanet's
 *   announced first days of the bayrams; the fourth Friday of November and
 *   the Mother's and Father's Days counted on a printed calendar);
 * - the model on series simulated from a known trend, weekday profile,
 *   yearly wave, calendar effects and log-normal noise: the fitted trend,
 *   weekday profile and 11.11 lift within stated tolerances of the truth,
 *   the backtest's 80 % interval covering 70–90 % of the days, and the
 *   model beating the three baselines;
 * - a single extreme day, a 3-month gap, a store younger than a year
 *   (no yearly term, no last-year baseline) and one of 20 days (not enough
 *   history, said in words, in English and Turkish);
 * - the baselines against hand computations;
 * - on a demo store: the forecast against the store's own daily figures
 *   and the model beating every baseline (the table is printed).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "analytics/ciro-forecast.h"
#include "charts/ciro-chart.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "ciro-test-util.h"

static CiroDay
D (const char *text)
{
  CiroDay d;
  g_assert_true (ciro_day_parse (text, &d, NULL));
  return d;
}

/* ------------------------------------------------------------ calendar */

/* Diyanet İşleri Başkanlığı, "Dini Günler": the first day of each bayram,
 * written as the Diyanet calendar prints them (day.month.year). */
static const char *ramazan_diyanet[] = {
  "15.06.2018", "04.06.2019", "24.05.2020", "13.05.2021", "02.05.2022", "21.04.2023",
  "10.04.2024", "30.03.2025", "20.03.2026", "09.03.2027", "26.02.2028", "14.02.2029",
  "04.02.2030", "24.01.2031", "14.01.2032", "02.01.2033", "23.12.2033", "12.12.2034",
  "01.12.2035",
};
static const char *kurban_diyanet[] = {
  "21.08.2018", "11.08.2019", "31.07.2020", "20.07.2021", "09.07.2022", "28.06.2023",
  "16.06.2024", "06.06.2025", "27.05.2026", "16.05.2027", "05.05.2028", "24.04.2029",
  "13.04.2030", "02.04.2031", "22.03.2032", "11.03.2033", "01.03.2034", "18.02.2035",
};

static CiroDay
dmy (const char *text)
{
  int d, m, y;
  g_assert_cmpint (sscanf (text, "%d.%d.%d", &d, &m, &y), ==, 3);
  return ciro_day_from_ymd (y, m, d);
}

static gboolean
has_event (GArray *events, CiroEventKind kind, CiroDay first, CiroDay last)
{
  for (guint i = 0; i < events->len; i++)
    {
      const CiroCalendarEvent *e = &g_array_index (events, CiroCalendarEvent, i);
      if (e->kind == kind && e->first == first && e->last == last)
        return TRUE;
    }
  return FALSE;
}

static void
check_bayrams (const char **list, guint n, gboolean kurban)
{
  guint seen = 0;

  for (int y = CIRO_CALENDAR_FIRST_YEAR; y <= CIRO_CALENDAR_LAST_YEAR; y++)
    {
      CiroDay days[2];
      guint k = ciro_calendar_bayram_days (y, kurban, days);

      g_assert_cmpuint (k, >=, 1);
      for (guint i = 0; i < k; i++)
        {
          g_autoptr(GArray) ev = ciro_calendar_events (days[i] - 10, days[i] + 5);

          g_assert_cmpuint (seen, <, n);
          g_assert_cmpint (days[i], ==, dmy (list[seen]));
          seen++;
          /* the arife is the eve; Ramazan lasts 3 days, Kurban 4; the week before is shopping */
          g_assert_true (has_event (ev, kurban ? CIRO_EVENT_KURBAN_ARIFE : CIRO_EVENT_RAMAZAN_ARIFE,
                                    days[i] - 1, days[i] - 1));
          g_assert_true (has_event (ev, kurban ? CIRO_EVENT_KURBAN_BAYRAM : CIRO_EVENT_RAMAZAN_BAYRAM,
                                    days[i], days[i] + (kurban ? 3 : 2)));
          g_assert_true (has_event (ev, kurban ? CIRO_EVENT_KURBAN_SHOPPING : CIRO_EVENT_RAMAZAN_SHOPPING,
                                    days[i] - 8, days[i] - 2));
        }
    }
  g_assert_cmpuint (seen, ==, n);
  {
    CiroDay days[2];
    g_assert_cmpuint (ciro_calendar_bayram_days (2017, kurban, days), ==, 0);
    g_assert_cmpuint (ciro_calendar_bayram_days (2036, kurban, days), ==, 0);
  }
}

static void
test_calendar_bayrams (void)
{
  check_bayrams (ramazan_diyanet, G_N_ELEMENTS (ramazan_diyanet), FALSE);
  check_bayrams (kurban_diyanet, G_N_ELEMENTS (kurban_diyanet), TRUE);
}

static void
test_calendar_fixed (void)
{
  /* the fourth Friday of November, counted on a calendar */
  static const char *black_friday[] = {
    "2018-11-23", "2019-11-22", "2020-11-27", "2021-11-26", "2022-11-25",
    "2023-11-24", "2024-11-22", "2025-11-28", "2026-11-27", "2027-11-26",
  };
  /* Anneler Günü (second Sunday of May), Babalar Günü (third Sunday of June) */
  static const char *mothers[] = { "2023-05-14", "2024-05-12", "2025-05-11", "2026-05-10" };
  static const char *fathers[] = { "2023-06-18", "2024-06-16", "2025-06-15", "2026-06-21" };
  g_autoptr(GArray) ev = ciro_calendar_events (D ("2018-01-01"), D ("2027-12-31"));
  g_autofree guint32 *masks = NULL;
  CiroDay day;

  for (guint i = 0; i < G_N_ELEMENTS (black_friday); i++)
    {
      day = D (black_friday[i]);
      g_assert_cmpint (ciro_day_weekday (day), ==, 4);
      g_assert_true (has_event (ev, CIRO_EVENT_BLACK_FRIDAY, day, day));
      g_assert_true (has_event (ev, CIRO_EVENT_BLACK_FRIDAY_WEEK, day - 4, day - 1));
      g_assert_true (has_event (ev, CIRO_EVENT_BLACK_FRIDAY_WEEK, day + 1, day + 3));
    }
  for (guint i = 0; i < G_N_ELEMENTS (mothers); i++)
    {
      day = D (mothers[i]);
      g_assert_true (has_event (ev, CIRO_EVENT_MOTHERS_DAY, day - 7, day - 1));
      day = D (fathers[i]);
      g_assert_true (has_event (ev, CIRO_EVENT_FATHERS_DAY, day - 7, day - 1));
    }
  for (int y = 2018; y <= 2027; y++)
    {
      day = ciro_day_from_ymd (y, 11, 11);
      g_assert_true (has_event (ev, CIRO_EVENT_SINGLES_DAY, day, day));
      day = ciro_day_from_ymd (y, 10, 29);
      g_assert_true (has_event (ev, CIRO_EVENT_PUBLIC_HOLIDAY, day, day));
      day = ciro_day_from_ymd (y, 4, 23);
      g_assert_true (has_event (ev, CIRO_EVENT_PUBLIC_HOLIDAY, day, day));
      g_assert_true (has_event (ev, CIRO_EVENT_BACK_TO_SCHOOL, ciro_day_from_ymd (y, 8, 25),
                                ciro_day_from_ymd (y, 9, 14)));
    }
  /* the masks agree with the list: Kurban Bayramı 2024 (its arife the last
   * day before Babalar Günü) and 30 Ağustos */
  masks = ciro_calendar_masks (D ("2024-06-15"), 80);
  g_assert_cmpuint (masks[0], ==, (1u << CIRO_EVENT_KURBAN_ARIFE) | (1u << CIRO_EVENT_FATHERS_DAY));
  g_assert_cmpuint (masks[1], ==, 1u << CIRO_EVENT_KURBAN_BAYRAM);
  g_assert_cmpuint (masks[5], ==, 0);
  g_assert_cmpuint (masks[D ("2024-08-30") - D ("2024-06-15")], ==,
                    (1u << CIRO_EVENT_BACK_TO_SCHOOL) | (1u << CIRO_EVENT_PUBLIC_HOLIDAY));
  /* every event kind has a key and a name */
  for (int k = 0; k < CIRO_EVENT_N; k++)
    {
      g_assert_nonnull (ciro_event_key (k));
      g_assert_cmpstr (ciro_event_name (k), !=, "");
    }
}

/* ------------------------------------------------------------ simulation */

typedef struct {
  double growth;          /* per year, e.g. 0.30 */
  double weekday[7];      /* multipliers, Monday first */
  double yearly;          /* amplitude of a yearly cosine peaking on 1 December */
  double singles;         /* 11.11 multiplier */
  double bayram;          /* the bayram days' multiplier */
  double sigma;           /* log-normal noise */
  double base;            /* kuruş a day at the start */
} Truth;

static const Truth truth = {
  0.30, { 1.15, 1.05, 1.0, 0.95, 0.9, 0.8, 1.15 }, 0.15, 2.5, 0.6, 0.15, 5e6,
};

static double
gauss (GRand *r)
{
  double u = g_rand_double_range (r, 1e-12, 1), v = g_rand_double (r);
  return sqrt (-2 * log (u)) * cos (2 * G_PI * v);
}

static double *
simulate (const Truth *t, CiroDay first, guint n, guint32 seed)
{
  g_autoptr(GRand) r = g_rand_new_with_seed (seed);
  g_autofree guint32 *masks = ciro_calendar_masks (first, n);
  double *y = g_new (double, n);
  CiroDay dec1 = D ("2024-12-01");

  for (guint i = 0; i < n; i++)
    {
      CiroDay day = first + (CiroDay) i;
      double v = t->base * exp (log (1 + t->growth) * i / 365.25);

      v *= t->weekday[ciro_day_weekday (day)];
      v *= exp (t->yearly * cos (2 * G_PI * (day - dec1) / 365.25));
      if (masks[i] & (1u << CIRO_EVENT_SINGLES_DAY))
        v *= t->singles;
      if (masks[i] & (1u << CIRO_EVENT_RAMAZAN_BAYRAM | 1u << CIRO_EVENT_KURBAN_BAYRAM))
        v *= t->bayram;
      y[i] = v * exp (t->sigma * gauss (r));
    }
  return y;
}

static void
print_backtest (const char *what, const CiroBacktest *bt)
{
  g_test_message ("%s: %u origins, horizon %u", what, bt->origins, bt->horizon);
  g_test_message ("  %-16s %8s %12s %9s", "method", "WAPE %", "total err %", "cover %");
  g_test_message ("  %-16s %8.2f %12.2f %9.1f", "ciro", bt->model.wape, bt->model.total_error,
                  bt->model.coverage);
  for (int b = 0; b < CIRO_BASELINE_N; b++)
    if (bt->baseline[b].available)
      g_test_message ("  %-16s %8.2f %12.2f %9.1f", ciro_baseline_key (b), bt->baseline[b].wape,
                      bt->baseline[b].total_error, bt->baseline[b].coverage);
    else
      g_test_message ("  %-16s %8s", ciro_baseline_key (b), "—");
}

static void
assert_beats_baselines (const CiroBacktest *bt)
{
  for (int b = 0; b < CIRO_BASELINE_N; b++)
    if (bt->baseline[b].available)
      {
        g_assert_cmpfloat (bt->model.wape, <, bt->baseline[b].wape);
        g_assert_cmpfloat (bt->model.total_error, <, bt->baseline[b].total_error);
      }
}

static void
test_recover_parameters (void)
{
  CiroDay first = D ("2023-01-01");
  guint n = 3 * 365;
  g_autofree double *y = simulate (&truth, first, n, 7);
  g_autofree CiroForecastDay *out = g_new (CiroForecastDay, 30);
  g_autoptr(GError) error = NULL;
  CiroForecastFit fit;
  double total[3], mean = 0, expect = 0;

  g_assert_true (ciro_forecast_series (first, y, NULL, n, 30, out, total, &fit, &error));
  g_assert_no_error (error);
  g_assert_true (fit.yearly);
  for (int d = 0; d < 7; d++)
    mean += truth.weekday[d] / 7;
  for (int d = 0; d < 7; d++)
    {
      g_test_message ("weekday %d: fitted %.3f, true %.3f", d, fit.weekday[d], truth.weekday[d] / mean);
      g_assert_cmpfloat_with_epsilon (fit.weekday[d], truth.weekday[d] / mean, 0.03);
    }
  g_test_message ("growth: fitted %.1f %%, true %.1f %%; level %.4f", fit.growth_pct_year, truth.growth * 100, fit.level_shift);
  g_assert_cmpfloat_with_epsilon (fit.growth_pct_year, truth.growth * 100, 6.0);
  g_test_message ("11.11: fitted ×%.2f, true ×%.2f", fit.event[CIRO_EVENT_SINGLES_DAY], truth.singles);
  g_assert_cmpfloat_with_epsilon (fit.event[CIRO_EVENT_SINGLES_DAY], truth.singles, 0.4);
  g_assert_cmpuint (fit.event_days[CIRO_EVENT_SINGLES_DAY], ==, 3);
  g_test_message ("bayram: fitted ×%.2f, true ×%.2f", fit.event[CIRO_EVENT_RAMAZAN_BAYRAM], truth.bayram);
  g_assert_cmpfloat_with_epsilon (fit.event[CIRO_EVENT_RAMAZAN_BAYRAM], truth.bayram, 0.12);
  g_assert_cmpfloat_with_epsilon (fit.event[CIRO_EVENT_KURBAN_BAYRAM], truth.bayram, 0.12);
  /* an event that never moved sales stays near 1 */
  g_assert_cmpfloat_with_epsilon (fit.event[CIRO_EVENT_VALENTINES], 1.0, 0.1);

  /* the 30-day total against the truth's expected value (no noise, the
   * log-normal mean factor exp(σ²/2)) */
  for (guint h = 0; h < 30; h++)
    {
      CiroDay day = first + (CiroDay) (n + h);
      g_autofree guint32 *mask = ciro_calendar_masks (day, 1);
      double v = truth.base * exp (log (1 + truth.growth) * (n + h) / 365.25);

      v *= truth.weekday[ciro_day_weekday (day)];
      v *= exp (truth.yearly * cos (2 * G_PI * (day - D ("2024-12-01")) / 365.25));
      if (mask[0] & (1u << CIRO_EVENT_SINGLES_DAY))
        v *= truth.singles;
      if (mask[0] & (1u << CIRO_EVENT_RAMAZAN_BAYRAM | 1u << CIRO_EVENT_KURBAN_BAYRAM))
        v *= truth.bayram;
      expect += v * exp (truth.sigma * truth.sigma / 2);
      g_assert_cmpint (out[h].date, ==, day);
      g_assert_cmpfloat (out[h].low, <, out[h].value);
      g_assert_cmpfloat (out[h].value, <, out[h].high);
    }
  g_test_message ("30-day total: forecast %.0f [%.0f, %.0f], expected %.0f",
                  total[0], total[1], total[2], expect);
  g_assert_cmpfloat (fabs (total[0] - expect) / expect, <, 0.06);
  /* one realisation need not fall in an 80 % band (the backtest checks the
   * coverage); the band holds the point and is no wider than ±15 % */
  g_assert_cmpfloat (total[1], <, total[0]);
  g_assert_cmpfloat (total[2], >, total[0]);
  g_assert_cmpfloat ((total[2] - total[1]) / total[0], <, 0.15);
}

static void
test_backtest_simulated (void)
{
  static const guint32 seeds[] = { 1, 2, 3 };

  for (guint s = 0; s < G_N_ELEMENTS (seeds); s++)
    {
      CiroDay first = D ("2023-03-01");
      guint n = 2 * 365 + 40;
      g_autofree double *y = simulate (&truth, first, n, seeds[s]);
      g_autoptr(GError) error = NULL;
      CiroBacktest bt;

      g_assert_true (ciro_forecast_backtest_series (first, y, NULL, n, 30, &bt, NULL, NULL, NULL, &error));
      g_assert_no_error (error);
      print_backtest ("simulated", &bt);
      g_assert_cmpuint (bt.origins, ==, 52);
      g_assert_true (bt.baseline[CIRO_BASELINE_LAST_YEAR].available);
      g_assert_cmpfloat (bt.model.coverage, >=, 70);
      g_assert_cmpfloat (bt.model.coverage, <=, 90);
      /* every baseline's daily error is beaten; on a series that repeats its
       * year exactly, last year's days scaled are a strong total, so the
       * model's total need only stay within 5 % and beat the other two */
      for (int b = 0; b < CIRO_BASELINE_N; b++)
        g_assert_cmpfloat (bt.model.wape, <, bt.baseline[b].wape);
      g_assert_cmpfloat (bt.model.total_error, <, 5.0);
      g_assert_cmpfloat (bt.model.total_error, <, bt.baseline[CIRO_BASELINE_LINEAR_90].total_error);
      g_assert_cmpfloat (bt.model.total_error, <, bt.baseline[CIRO_BASELINE_SEASONAL_NAIVE].total_error);
    }
}

/* ------------------------------------------------------------ robustness */

static void
test_extreme_day (void)
{
  CiroDay first = D ("2024-01-01");
  guint n = 500;
  g_autofree double *y = simulate (&truth, first, n, 11);
  g_autofree CiroForecastDay *a = g_new (CiroForecastDay, 30), *b = g_new (CiroForecastDay, 30);
  double ta[3], tb[3];

  g_assert_true (ciro_forecast_series (first, y, NULL, n, 30, a, ta, NULL, NULL));
  /* one day fifty times its size, ten days before the end */
  y[n - 10] *= 50;
  g_assert_true (ciro_forecast_series (first, y, NULL, n, 30, b, tb, NULL, NULL));
  g_test_message ("total without %.0f, with the extreme day %.0f", ta[0], tb[0]);
  g_assert_cmpfloat (fabs (tb[0] - ta[0]) / ta[0], <, 0.05);
}

static void
test_gap (void)
{
  CiroDay first = D ("2024-01-01");
  guint n = 500;
  g_autofree double *y = simulate (&truth, first, n, 12);
  g_autofree double *g = g_memdup2 (y, n * sizeof (double));
  g_autofree CiroForecastDay *a = g_new (CiroForecastDay, 30), *b = g_new (CiroForecastDay, 30);
  double ta[3], tb[3];

  g_assert_true (ciro_forecast_series (first, y, NULL, n, 30, a, ta, NULL, NULL));
  /* the shop closed for three months in the middle: zeros, not gaps */
  for (guint i = 250; i < 340; i++)
    g[i] = 0;
  g_assert_true (ciro_forecast_series (first, g, NULL, n, 30, b, tb, NULL, NULL));
  g_test_message ("total without the gap %.0f, with it %.0f", ta[0], tb[0]);
  g_assert_cmpfloat (fabs (tb[0] - ta[0]) / ta[0], <, 0.08);
  for (guint h = 0; h < 30; h++)
    g_assert_cmpfloat (b[h].value, >, 0);

  /* a shop that stopped selling a month ago is forecast near zero */
  for (guint i = n - 35; i < n; i++)
    g[i] = 0;
  g_assert_true (ciro_forecast_series (first, g, NULL, n, 30, b, tb, NULL, NULL));
  g_test_message ("after 35 empty days: %.0f", tb[0]);
  g_assert_cmpfloat (tb[0], <, 0.1 * ta[0]);
}

static void
test_young_store (void)
{
  CiroDay first = D ("2025-03-01");
  guint n = 200;
  g_autofree double *y = simulate (&truth, first, n, 5);
  g_autofree CiroForecastDay *out = g_new (CiroForecastDay, 30);
  g_autoptr(GError) error = NULL;
  CiroForecastFit fit;
  CiroBacktest bt;
  double total[3];

  g_assert_true (ciro_forecast_series (first, y, NULL, n, 30, out, total, &fit, &error));
  g_assert_no_error (error);
  g_assert_false (fit.yearly);
  g_assert_true (ciro_forecast_backtest_series (first, y, NULL, n, 30, &bt, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  print_backtest ("200 days", &bt);
  /* origins o = 170 − 7j ≥ 90 */
  g_assert_cmpuint (bt.origins, ==, 12);
  g_assert_true (bt.model.available);
  g_assert_false (bt.baseline[CIRO_BASELINE_LAST_YEAR].available);
  g_assert_true (bt.baseline[CIRO_BASELINE_LINEAR_90].available);
}

static void
test_too_short (void)
{
  CiroDay first = D ("2026-11-01");
  g_autofree double *y = simulate (&truth, first, 20, 5);
  g_autofree CiroForecastDay *out = g_new (CiroForecastDay, 30);
  g_autoptr(GError) error = NULL;
  CiroBacktest bt;
  double total[3];

  g_assert_false (ciro_forecast_series (first, y, NULL, 20, 30, out, total, NULL, &error));
  g_assert_error (error, CIRO_FORECAST_ERROR, CIRO_FORECAST_ERROR_SHORT_HISTORY);
  g_assert_nonnull (strstr (error->message, "Not enough history"));
  g_assert_nonnull (strstr (error->message, "20 days"));
  g_assert_nonnull (strstr (error->message, "56"));
  g_clear_error (&error);
  g_assert_false (ciro_forecast_backtest_series (first, y, NULL, 20, 30, &bt, NULL, NULL, NULL, &error));
  g_assert_error (error, CIRO_FORECAST_ERROR, CIRO_FORECAST_ERROR_SHORT_HISTORY);
  g_clear_error (&error);
  g_assert_false (ciro_forecast_series (first, y, NULL, 20, 91, out, total, NULL, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
}

static void
test_too_short_turkish (void)
{
  CiroDay first = D ("2026-11-01");
  g_autofree double *y = simulate (&truth, first, 20, 5);
  g_autofree CiroForecastDay *out = g_new (CiroForecastDay, 30);
  g_autoptr(GError) error = NULL;
  double total[3];

  g_autofree char *localedir = g_test_build_filename (G_TEST_BUILT, "..", "po", NULL);
  g_autofree char *mo = g_build_filename (localedir, "tr", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);

  if (!g_file_test (mo, G_FILE_TEST_EXISTS) || setlocale (LC_ALL, "tr_TR.UTF-8") == NULL)
    g_error ("the Turkish catalogue (%s) and the tr_TR.UTF-8 locale are needed", mo);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_assert_false (ciro_forecast_series (first, y, NULL, 20, 30, out, total, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Tahmin için yeterli geçmiş yok"));
  g_assert_nonnull (strstr (error->message, "20"));
  g_assert_cmpstr (ciro_event_name (CIRO_EVENT_KURBAN_ARIFE), ==, "Kurban Bayramı arifesi");
  g_assert_cmpstr (ciro_event_name (CIRO_EVENT_BACK_TO_SCHOOL), ==, "Okula dönüş");
  setlocale (LC_ALL, "C.UTF-8");
}

/* ------------------------------------------------------------ baselines */

static void
test_baselines (void)
{
  guint n = 500;
  g_autofree double *y = g_new (double, n);
  double f[30], lo[30], hi[30];

  /* a straight line: the regression continues it exactly */
  for (guint i = 0; i < n; i++)
    y[i] = 1000 + 3 * i;
  ciro_forecast_baseline (CIRO_BASELINE_LINEAR_90, y, n, 30, f, lo, hi);
  for (guint h = 0; h < 30; h++)
    g_assert_cmpfloat_with_epsilon (f[h], 1000 + 3.0 * (n + h), 1e-6);

  /* seasonal naive repeats the last 7 days */
  ciro_forecast_baseline (CIRO_BASELINE_SEASONAL_NAIVE, y, n, 30, f, lo, hi);
  g_assert_cmpfloat (f[0], ==, y[n - 7]);
  g_assert_cmpfloat (f[6], ==, y[n - 1]);
  g_assert_cmpfloat (f[7], ==, y[n - 7]);
  g_assert_cmpfloat (f[29], ==, y[n - 7 + 29 % 7]);
  /* its errors on the line are all 3 × 7: the interval is that exactly */
  g_assert_cmpfloat_with_epsilon (lo[0], y[n - 7] + 21, 1e-9);

  /* last year: y[n + h − 364] × Σ last 90 / Σ the 90 a year earlier */
  {
    double now = 0, before = 0;
    for (guint i = n - 90; i < n; i++)
      {
        now += y[i];
        before += y[i - 364];
      }
    ciro_forecast_baseline (CIRO_BASELINE_LAST_YEAR, y, n, 30, f, lo, hi);
    g_assert_cmpfloat_with_epsilon (f[0], y[n - 364] * now / before, 1e-6);
    g_assert_cmpfloat_with_epsilon (f[29], y[n + 29 - 364] * now / before, 1e-6);
    ciro_forecast_baseline (CIRO_BASELINE_LAST_YEAR, y, 364 + 89, 30, f, lo, hi);
    g_assert_true (isnan (f[0]));
  }
}

/* ------------------------------------------------------------ the store */

static void
test_store (void)
{
  g_autofree char *dir = ciro_test_tmpdir ("forecast");
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  CiroDay end = D ("2026-11-20");
  g_autoptr(CiroStore) s = ciro_test_reference_store (path, 40000, 80, 4, end, 730);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroForecast) fc = NULL;
  g_autoptr(CiroForecast) profit = NULL;
  g_autoptr(GArray) daily = NULL;
  CiroReportFilter f = { end - 729, end, NULL };
  double last30 = 0, sum = 0;

  /* "today" is the day after the last: the history is the whole store */
  fc = ciro_report_forecast (s, end + 1, NULL, CIRO_FORECAST_NET_REVENUE, 30, TRUE,
                             NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fc->first_day, ==, end - 729);
  g_assert_cmpint (fc->last_day, ==, end);
  g_assert_cmpuint (fc->days->len, ==, 30);
  g_assert_cmpint (g_array_index (fc->days, CiroForecastDay, 0).date, ==, end + 1);
  g_assert_cmpuint (fc->history->len, ==, 90);

  daily = ciro_report_daily (s, &f, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 90; i++)
    g_assert_cmpfloat (g_array_index (fc->history, CiroForecastDay, i).value, ==,
                       (double) g_array_index (daily, CiroDailyRow, 640 + i).s.net_revenue);
  for (guint i = 700; i < 730; i++)
    last30 += (double) g_array_index (daily, CiroDailyRow, i).s.net_revenue;
  g_assert_cmpfloat (fc->last_30_total, ==, last30);
  for (guint h = 0; h < 30; h++)
    sum += g_array_index (fc->days, CiroForecastDay, h).value;
  g_assert_cmpfloat_with_epsilon (sum, fc->total, 1e-3 * sum);
  g_assert_cmpfloat (fc->total_low, <, fc->total);
  g_assert_cmpfloat (fc->total_high, >, fc->total);
  /* last year's same days: 2025-11-21 .. 2025-12-20 */
  g_assert_true (fc->has_last_year);
  g_assert_cmpfloat (g_array_index (fc->last_year, CiroForecastDay, 0).value, ==,
                     (double) g_array_index (daily, CiroDailyRow, D ("2025-11-21") - f.from).s.net_revenue);
  /* Black Friday 2026 (27 November) is coming, 7 days after "today" */
  {
    gboolean found = FALSE;
    for (guint i = 0; i < fc->peaks->len; i++)
      {
        const CiroForecastPeak *p = &g_array_index (fc->peaks, CiroForecastPeak, i);
        if (p->kind == CIRO_EVENT_BLACK_FRIDAY)
          {
            found = TRUE;
            g_assert_cmpint (p->date, ==, D ("2026-11-27"));
            g_assert_cmpint (p->days_until, ==, 6);
            g_assert_true (p->has_last_year);
            g_assert_cmpint (p->last_year_date, ==, D ("2025-11-28"));
            g_test_message ("Black Friday last year ×%.2f a normal Friday", p->last_year_ratio);
            g_assert_cmpfloat (p->last_year_ratio, >, 1.5);
          }
      }
    g_assert_true (found);
  }
  g_assert_nonnull (fc->backtest);
  print_backtest ("demo store, net revenue", fc->backtest);
  g_assert_cmpuint (fc->backtest->origins, ==, 52);
  g_assert_cmpfloat (fc->backtest->model.coverage, >=, 70);
  g_assert_cmpfloat (fc->backtest->model.coverage, <=, 90);
  assert_beats_baselines (fc->backtest);

  profit = ciro_report_forecast (s, end + 1, NULL, CIRO_FORECAST_PROFIT, 30, TRUE,
                                 NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  print_backtest ("demo store, profit", profit->backtest);
  assert_beats_baselines (profit->backtest);
  g_assert_cmpfloat (profit->total, <, fc->total);
  g_assert_cmpfloat (profit->total, >, 0);

  /* the profit after KDV settlement learns from profit.md's daily profit:
   * its history is that series, day by day, and it is below metrics.md's */
  {
    g_autoptr(CiroForecast) ex = ciro_report_forecast (s, end + 1, NULL, CIRO_FORECAST_PROFIT_EX_VAT, 30, FALSE,
                                                       NULL, NULL, NULL, &error);
    CiroReportFilter hf = { 0 };
    g_autoptr(GArray) days_ex = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (ciro_forecast_metric_key (ex->metric), ==, "profit_ex_vat");
    hf.from = g_array_index (ex->history, CiroForecastDay, 0).date;
    hf.to = g_array_index (ex->history, CiroForecastDay, ex->history->len - 1).date;
    days_ex = ciro_report_daily (s, &hf, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (days_ex->len, ==, ex->history->len);
    for (guint i = 0; i < days_ex->len; i++)
      g_assert_cmpfloat (g_array_index (ex->history, CiroForecastDay, i).value, ==,
                         (double) g_array_index (days_ex, CiroDailyRow, i).s.profit_ex_vat);
    g_assert_cmpfloat (ex->total, <, profit->total);
    g_assert_cmpfloat (ex->total, >, 0);
  }

  /* a marketplace of its own */
  {
    g_autoptr(CiroForecast) one = ciro_report_forecast (s, end + 1, "Trendyol", CIRO_FORECAST_NET_REVENUE,
                                                        14, FALSE, NULL, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (one->days->len, ==, 14);
    g_assert_cmpfloat (one->total, <, fc->total);
    g_assert_null (one->backtest);
  }

  /* 20 days of history: a clear state, not a flat line */
  {
    g_autoptr(CiroForecast) none = ciro_report_forecast (s, f.from + 20, NULL, CIRO_FORECAST_NET_REVENUE,
                                                         30, FALSE, NULL, NULL, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, CIRO_FORECAST_ERROR, CIRO_FORECAST_ERROR_SHORT_HISTORY);
    g_assert_nonnull (strstr (error->message, "20 days"));
    g_clear_error (&error);
    none = ciro_report_forecast (s, f.from, NULL, CIRO_FORECAST_NET_REVENUE, 30, FALSE,
                                 NULL, NULL, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, CIRO_FORECAST_ERROR, CIRO_FORECAST_ERROR_NO_ORDERS);
  }
  g_clear_object (&s);
  ciro_test_remove_store (path);
  g_rmdir (dir);
}

/* ------------------------------------------------------------ the chart's band */

static guint32
pixel_at (CiroChart *chart, double x, double y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 300);
  cairo_t *cr = cairo_create (surface);
  CiroChartStyle style;
  guint32 px;

  ciro_chart_style_init (&style);
  style.background = (CiroRgba) { 1, 1, 1, 1 };
  ciro_chart_draw (chart, cr, 600, 300, &style, -1);
  cairo_surface_flush (surface);
  px = *(guint32 *) (cairo_image_surface_get_data (surface) +
                     (int) y * cairo_image_surface_get_stride (surface) + (int) x * 4);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return px;
}

static void
test_chart_band (void)
{
  const char *labels[10] = { "1", "2", "3", "4", "5", "6", "7", "8", "9", "10" };
  double actual[10], forecast[10], low[10], high[10];
  g_autoptr(CiroChart) plain = ciro_chart_new (CIRO_CHART_LINE);
  g_autoptr(CiroChart) banded = ciro_chart_new (CIRO_CHART_LINE);
  double x, y, x_hi, y_hi;

  for (guint i = 0; i < 10; i++)
    {
      actual[i] = i == 0 ? 0 : i < 5 ? 1000 : NAN;
      forecast[i] = i >= 4 ? 1000 : NAN;     /* starts from the last actual day */
      low[i] = i >= 5 ? 500 : NAN;
      high[i] = i >= 5 ? 2000 : NAN;
    }
  for (guint k = 0; k < 2; k++)
    {
      CiroChart *c = k ? banded : plain;
      ciro_chart_set_labels (c, labels, 10);
      ciro_chart_add_series (c, "Actual", actual, 10, TRUE);
      ciro_chart_add_series (c, "Forecast", forecast, 10, TRUE);
    }
  ciro_chart_set_band (banded, low, high, 10);
  /* halfway up the band at day 8 (between the forecast, 1000, and the
   * band's top, 2000): tinted with the forecast's colour; without the band
   * the same pixel is white or a grey grid line */
  g_assert_true (ciro_chart_locate (banded, 600, 300, 1, 7, &x, &y));
  g_assert_true (ciro_chart_locate (banded, 600, 300, 0, 0, &x_hi, &y_hi));
  {
    double mid = y - (y_hi - y) / 2;   /* y_hi is 0's height: 1500 is half of 1000's above 1000 */
    guint32 with = pixel_at (banded, x, mid), without = pixel_at (plain, x, mid);

    g_test_message ("band pixel %08x, without the band %08x", with, without);
    g_assert_false ((with & 0xff) == ((with >> 8) & 0xff) && (with & 0xff) == ((with >> 16) & 0xff));
    g_assert_true ((without & 0xff) == ((without >> 8) & 0xff) && (without & 0xff) == ((without >> 16) & 0xff));
  }
  /* the axis takes in the band: 2000 is inside the plot */
  g_assert_true (ciro_chart_locate (banded, 600, 300, 0, 0, &x, &y));
  g_assert_cmpfloat (y, >, 0);
}

int
main (int argc, char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/forecast/calendar-bayrams", test_calendar_bayrams);
  g_test_add_func ("/forecast/calendar-fixed", test_calendar_fixed);
  g_test_add_func ("/forecast/recover-parameters", test_recover_parameters);
  g_test_add_func ("/forecast/backtest-simulated", test_backtest_simulated);
  g_test_add_func ("/forecast/extreme-day", test_extreme_day);
  g_test_add_func ("/forecast/gap", test_gap);
  g_test_add_func ("/forecast/young-store", test_young_store);
  g_test_add_func ("/forecast/too-short", test_too_short);
  g_test_add_func ("/forecast/baselines", test_baselines);
  g_test_add_func ("/forecast/store", test_store);
  g_test_add_func ("/forecast/chart-band", test_chart_band);
  g_test_add_func ("/forecast/too-short-turkish", test_too_short_turkish);
  return g_test_run ();
}
