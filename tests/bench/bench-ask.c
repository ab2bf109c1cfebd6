/* bench-ask.c: Ask Ciro on the million-order store
 *
 * Every question of the test corpus (tests/ask-corpus.tsv) that is about
 * the store is parsed and answered on the 1,000,000-order store
 * (CIRO_BENCH_DB, else the one bench-reports builds) with today pinned
 * to the store's last day. Prints the median, 90th percentile and
 * slowest time of parse + answer against ask.md's 50 ms, beside two
 * baselines from the same run: the parse alone, and the engine's report
 * for the interpreted days called directly (the floor an answer cannot
 * go below). Asserts that each answer's value equals that report's,
 * never timings.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analytics/ciro-ask.h"
#include "core/ciro-date.h"
#include "bench-common.h"

static int
cmp_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
pct (GArray *v, double p)
{
  g_array_sort (v, cmp_double);
  return g_array_index (v, double, MIN (v->len - 1, (guint) (p * (v->len - 1) + 0.5)));
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = bench_store_path (g_getenv ("CIRO_BENCH_DB"), 1000000, 20000);
  g_autoptr(CiroStore) store = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) parse_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) answer_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) report_ms = g_array_new (FALSE, FALSE, sizeof (double));
  CiroDay today = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  guint checked = 0;
  double slowest = 0;
  g_autofree char *slowest_q = NULL;

  if (argc < 2 || !g_file_get_contents (argv[1], &text, NULL, &error))
    g_error ("bench-ask needs the corpus: %s", error ? error->message : "no path");
  store = open_bench_store (path, 1000000, 20000);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *question = NULL;
      const char *tab = strchr (lines[i], '\t');
      double t0, t1;

      if (lines[i][0] == '#' || tab == NULL || g_str_has_prefix (tab + 1, "unknown"))
        continue;
      question = g_strndup (lines[i], (gsize) (tab - lines[i]));

      t0 = now_ms ();
      {
        g_autoptr(CiroAskQuery) q = ciro_ask_parse (question, today);
        t1 = now_ms ();
        g_array_append_vals (parse_ms, &(double) { t1 - t0 }, 1);
      }

      t0 = now_ms ();
      {
        g_autoptr(CiroAskAnswer) a = ciro_ask (store, question, today, &error);
        t1 = now_ms ();
        if (a == NULL)
          g_error ("“%s”: %s", question, error->message);
        g_array_append_vals (answer_ms, &(double) { t1 - t0 }, 1);
        if (t1 - t0 > slowest)
          {
            slowest = t1 - t0;
            g_free (slowest_q);
            slowest_q = g_strdup (question);
          }

        /* the baseline: the report for the same days, called directly */
        if (a->query->intent == CIRO_ASK_METRIC || a->query->intent == CIRO_ASK_COMPARE)
          {
            CiroReportFilter f = { a->query->from, a->query->to, a->query->marketplace };
            CiroSummary s;
            double v = NAN;
            CiroValueKind kind;

            t0 = now_ms ();
            if (!ciro_report_summary (store, &f, &s, &error))
              g_error ("summary: %s", error->message);
            g_array_append_vals (report_ms, &(double) { now_ms () - t0 }, 1);
            if (ciro_ask_metric_value (&s, a->query->metric, &v, &kind, NULL))
              {
                if (!a->has_value || v != a->value)
                  g_error ("“%s”: answered %.2f, the report says %.2f", question, a->value, v);
                checked++;
              }
          }
      }
    }

  printf ("Ask Ciro on %s, today %s: %u questions answered (%u checked against the summary report)\n",
          path, ciro_day_to_string (today), answer_ms->len, checked);
  printf ("  parse alone           median %8.3f ms   p90 %8.3f ms\n", pct (parse_ms, 0.5), pct (parse_ms, 0.9));
  printf ("  summary report alone  median %8.3f ms   p90 %8.3f ms   (baseline)\n", pct (report_ms, 0.5), pct (report_ms, 0.9));
  printf ("  parse + answer        median %8.3f ms   p90 %8.3f ms   max %.1f ms (“%s”)\n",
          pct (answer_ms, 0.5), pct (answer_ms, 0.9), slowest, slowest_q);
  printf ("  target: median ≤ 50 ms: %s\n", pct (answer_ms, 0.5) <= 50 ? "met" : "NOT met");
  return 0;
}
