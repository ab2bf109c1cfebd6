/* bench-scale.c: the same reads on 1M and on 10M orders
 *
 * Two demo stores of two years each: 1,000,000 orders of 20,000 products
 * (the one bench-reports builds) and 10,000,000 orders of 50,000 products,
 * built once (tens of minutes) into the user's cache dir and reused; each
 * is built under a temporary name and renamed when complete, so that a
 * build cut short is started again rather than taken for a store.
 * CIRO_BENCH_DB_1M and CIRO_BENCH_DB_10M name other files (opening
 * migrates a store: point them at copies of stores others read).
 *
 * On each store, in the same run, every step in a process of its own, so
 * that its first call is a fresh process's on a newly opened connection
 * (the operating system's file cache as the runs before left it: warm
 * unless evicted) and its peak memory (VmHWM) is its own: the summary and
 * the daily rows of two years, the product ranking of two years, the
 * categories, the carriers, the customers (RFM), and the window: launch to
 * the first drawn Analytics page, a range switch to two years and back to
 * 30 days, the Products page's ranking (loaded in the background from the
 * launch) and its switch to this year. Warm: the median of the calls after the
 * first (up to 5, within 20 s). Wall and CPU time of the process (all its
 * threads). Prints the figures of 1M beside 10M and their ratio, and
 * marks what grows with the store; asserts no timings, only that each
 * step's figures are those of a whole store (orders counted, rows there).
 * The window's steps need a display (xvfb-run); without one they are
 * left out and the run says so.
 *
 * `bench-scale --build-only` builds the stores that are missing and stops;
 * CIRO_BENCH_SCALE_STEPS=ranking,window runs only the steps named (open,
 * summary, daily, ranking, categories, carriers, customers, window), and
 * CIRO_BENCH_SCALE_BIG=<orders>:<products> sizes the large store otherwise
 * (a quick run of the benchmark itself).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "analytics/ciro-carriers.h"
#include "analytics/ciro-categories.h"
#include "analytics/ciro-customers.h"
#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "ui/ciro-window.h"
#include "ui/ciro-lazy-load.h"
#include "ui/pages/ciro-analytics-page.h"
#include "ui/pages/ciro-products-page.h"
#include "bench-common.h"

#define WARM_RUNS 5
#define WARM_BUDGET_MS 20000.0

/* The steps, each run in a process of its own; "window" needs a display. */
static const char *const steps[] = { "open", "summary", "daily", "ranking", "categories", "carriers",
                                     "customers", "window" };

/* ----- in the child: one step ----- */

static double
cpu_ms (void)
{
  struct rusage u;

  getrusage (RUSAGE_SELF, &u);
  return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000.0 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000.0;
}

static double
status_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (p = strstr (status, field)) == NULL)
    return -1;
  return g_ascii_strtod (p + strlen (field), NULL) / 1024.0;
}

/* One call of a step's report; returns a count of what it gave (asserted
 * non-empty by the caller). */
typedef gint64 (*RunFunc) (CiroStore *store, const CiroReportFilter *f);

static gint64
run_summary (CiroStore *store, const CiroReportFilter *f)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter p = { f->from - (f->to - f->from + 1), f->from - 1, NULL };
  CiroSummary s, ps;

  /* as the Analytics page asks: the window and the one before it */
  if (!ciro_report_summary (store, f, &s, &error) || !ciro_report_summary (store, &p, &ps, &error))
    g_error ("summary: %s", error->message);
  return s.net_orders;
}

static gint64
run_daily (CiroStore *store, const CiroReportFilter *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ciro_report_daily (store, f, &error);

  if (rows == NULL)
    g_error ("daily: %s", error->message);
  return rows->len;
}

static gint64
run_ranking (CiroStore *store, const CiroReportFilter *f)
{
  g_autoptr(GError) error = NULL;
  /* as ciro-cli's products command and bench-reports ask */
  g_autoptr(GArray) rows = ciro_report_products (store, f, CIRO_SORT_PROFIT, FALSE, &error);

  if (rows == NULL)
    g_error ("ranking: %s", error->message);
  return rows->len;
}

static gint64
run_categories (CiroStore *store, const CiroReportFilter *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ciro_report_categories (store, f, &error);

  if (rows == NULL)
    g_error ("categories: %s", error->message);
  return rows->len;
}

static gint64
run_carriers (CiroStore *store, const CiroReportFilter *f)
{
  g_autoptr(GError) error = NULL;
  gint64 now = ciro_to_unix (f->to, 18 * 3600);
  /* as the Shipping page asks: at most 200 late orders listed */
  g_autoptr(CiroCarrierReport) r = ciro_carrier_report_build_full (store, f, CIRO_CARRIER_LATE_DAYS_DEFAULT, now,
                                                                    200, &error);

  if (r == NULL)
    g_error ("carriers: %s", error->message);
  return r->carriers->len;
}

static gint64
run_customers (CiroStore *store, const CiroReportFilter *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroCustomerReport) r = ciro_report_customers (store, f, CIRO_CUSTOMERS_RFM, &error);

  if (r == NULL)
    g_error ("customers: %s", error->message);
  return r->n_window;
}

static void
emit (const char *what, double wall, double cpu, double warm_wall, double warm_cpu, guint warm_n)
{
  printf ("RESULT %s %.3f %.3f %.3f %.3f %u %.1f\n", what, wall, cpu, warm_wall, warm_cpu, warm_n,
          status_mb ("VmHWM:"));
}

static int
child_report (const char *step, const char *path)
{
  static const struct { const char *name; RunFunc run; } runs[] = {
    { "summary", run_summary }, { "daily", run_daily }, { "ranking", run_ranking },
    { "categories", run_categories }, { "carriers", run_carriers }, { "customers", run_customers },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = NULL;
  CiroDay end = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  CiroReportFilter f = { end - 729, end, NULL };
  RunFunc run = NULL;
  double t0, c0, first, first_cpu, warm[WARM_RUNS], warm_cpu[WARM_RUNS], spent = 0;
  guint n = 0;
  gint64 got;

  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    if (strcmp (runs[i].name, step) == 0)
      run = runs[i].run;
  t0 = now_ms ();
  c0 = cpu_ms ();
  store = ciro_store_open (path, &error);
  if (store == NULL)
    g_error ("cannot open %s: %s", path, error->message);
  if (strcmp (step, "open") == 0)
    {
      emit ("open", now_ms () - t0, cpu_ms () - c0, -1, -1, 0);
      return 0;
    }
  if (run == NULL)
    g_error ("no step %s", step);

  t0 = now_ms ();
  c0 = cpu_ms ();
  got = run (store, &f);
  first = now_ms () - t0;
  first_cpu = cpu_ms () - c0;
  g_assert_cmpint (got, >, 0);
  while (n < WARM_RUNS && (n == 0 || spent < WARM_BUDGET_MS))
    {
      t0 = now_ms ();
      c0 = cpu_ms ();
      g_assert_cmpint (run (store, &f), ==, got);
      warm[n] = now_ms () - t0;
      warm_cpu[n] = cpu_ms () - c0;
      spent += warm[n++];
    }
  printf ("ROWS %s %" G_GINT64_FORMAT "\n", step, got);
  emit (step, first, first_cpu, median (warm, n), median (warm_cpu, n), n);
  return 0;
}

/* The window: as bench-window measures it. */

static guint loaded, products_loaded;
static gboolean painted;
static double launch_ms, launch_cpu, products_ms, products_cpu;

/* The Products page's loads; the first one's time since the launch. */
static void
products_first (gpointer page, gpointer data)
{
  if (products_loaded++ == 0)
    {
      products_ms = now_ms () - launch_ms;
      products_cpu = cpu_ms () - launch_cpu;
    }
}

static void
on_after_paint (GdkFrameClock *clock, gpointer data)
{
  painted = TRUE;
}

static void
count_signal (gpointer page, guint *count)
{
  (*count)++;
}

/* Until `*count` reaches `target`, then one painted frame. */
static void
wait_count_drawn (GtkWidget *window, guint *count, guint target)
{
  while (*count < target)
    g_main_context_iteration (NULL, TRUE);
  painted = FALSE;
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
}

static int
child_window (const char *path)
{
  g_autofree char *now = g_strdup_printf ("%04d-%02d-%02d 18:00:00", BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(CiroContext) context = NULL;
  CiroWindow *w;
  CiroAnalyticsPage *page;
  GtkWidget *products;
  double t0, c0;

#ifdef __GLIBC__
  mallopt (M_ARENA_MAX, 2);     /* as the app's main () does, before any thread */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif
  g_setenv ("CIRO_NOW", now, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (!gtk_init_check ())
    {
      printf ("NODISPLAY\n");
      return 0;
    }
  adw_init ();
  app = adw_application_new ("io.github.ciroapp.Ciro.BenchScale", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);

  /* launch: window created → Analytics page (its default 30 days) drawn */
  t0 = launch_ms = now_ms ();
  c0 = launch_cpu = cpu_ms ();
  context = ciro_context_new (path);
  w = ciro_window_new (app, context);
  page = CIRO_ANALYTICS_PAGE (ciro_window_get_analytics (w));
  g_signal_connect (page, "loaded", G_CALLBACK (count_signal), &loaded);
  products = ciro_window_get_products (w);
  g_signal_connect (products, "loaded", G_CALLBACK (products_first), NULL);
  gtk_widget_activate_action (GTK_WIDGET (w), "win.page", "s", "analytics");
  gtk_window_present (GTK_WINDOW (w));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (w)), "after-paint", G_CALLBACK (on_after_paint), NULL);
  wait_count_drawn (GTK_WIDGET (w), &loaded, 1);
  emit ("window-first", now_ms () - t0, cpu_ms () - c0, -1, -1, 0);

  /* a range switch to two years, to the page drawn again */
  t0 = now_ms ();
  c0 = cpu_ms ();
  ciro_analytics_page_set_range_id (page, "custom:2024-11-21:2026-11-20");
  wait_count_drawn (GTK_WIDGET (w), &loaded, loaded + 1);
  emit ("window-switch", now_ms () - t0, cpu_ms () - c0, -1, -1, 0);

  /* then back to 30 days: the switch a user makes most */
  t0 = now_ms ();
  c0 = cpu_ms ();
  ciro_analytics_page_set_range_id (page, "last-30-days");
  wait_count_drawn (GTK_WIDGET (w), &loaded, loaded + 1);
  emit ("window-switch30", now_ms () - t0, cpu_ms () - c0, -1, -1, 0);

  /* the Products page: its ranking, loaded in the background since the
   * launch, then shown and switched to this year (its longest range) */
  while (products_loaded < 1)
    g_main_context_iteration (NULL, TRUE);
  emit ("window-products", products_ms, products_cpu, -1, -1, 0);
  gtk_widget_activate_action (GTK_WIDGET (w), "win.page", "s", "products");
  wait_count_drawn (GTK_WIDGET (w), &products_loaded, products_loaded);
  t0 = now_ms ();
  c0 = cpu_ms ();
  g_assert_true (ciro_products_page_set_range_id (CIRO_PRODUCTS_PAGE (products), "this-year"));
  wait_count_drawn (GTK_WIDGET (w), &products_loaded, products_loaded + 1);
  emit ("window-products-year", now_ms () - t0, cpu_ms () - c0, -1, -1, 0);
  gtk_window_destroy (GTK_WINDOW (w));
  return 0;
}

/* ----- in the parent ----- */

typedef struct
{
  double wall, cpu, warm_wall, warm_cpu, peak_mb;
  guint warm_n;
  gboolean have;
} Result;

typedef struct
{
  const char *key;
  const char *label;
} Row;

static const Row rows[] = {
  { "open", "open the store" },
  { "summary", "summary, 2 years (+ previous 2)" },
  { "daily", "daily rows, 2 years" },
  { "ranking", "product ranking, 2 years" },
  { "categories", "categories, 2 years" },
  { "carriers", "carriers, 2 years" },
  { "customers", "customers (RFM), 2 years" },
  { "window-first", "window: first Analytics page" },
  { "window-switch", "window: switch to 2 years" },
  { "window-switch30", "window: switch back to 30 days" },
  { "window-products", "window: Products ranking, from launch" },
  { "window-products-year", "window: Products, switch to this year" },
};

#define N_ROWS G_N_ELEMENTS (rows)

/* Runs one step in a process of its own, its RESULT lines into `res`. */
static gboolean
spawn_step (const char *self, const char *step, const char *path, Result *res, GString *notes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  const char *argv[] = { self, "--step", step, path, NULL };
  int status = 0;
  gboolean any = FALSE;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error))
    g_error ("cannot run %s: %s", self, error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("step %s on %s failed: %s\n%s", step, path, error->message, out);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char name[64];
      Result r = { 0 };

      if (strcmp (lines[i], "NODISPLAY") == 0)
        return FALSE;
      if (g_str_has_prefix (lines[i], "ROWS "))
        g_string_append_printf (notes, " %s", lines[i] + 5);
      if (sscanf (lines[i], "RESULT %63s %lf %lf %lf %lf %u %lf", name, &r.wall, &r.cpu, &r.warm_wall, &r.warm_cpu,
                  &r.warm_n, &r.peak_mb) != 7)
        continue;
      r.have = TRUE;
      for (guint k = 0; k < N_ROWS; k++)
        if (strcmp (rows[k].key, name) == 0)
          res[k] = r;
      any = TRUE;
    }
  return any;
}

/* By the CPU time (the machine is shared: wall time waits for the
 * others); under 10 ms of difference is no growth whatever the ratio. */
static const char *
verdict (double a, double b)
{
  double ratio = b / a;

  /* ten times the orders: 4× or more is growing with them, 1.6× or more
   * growing slower, else flat (noise on a shared machine is ±30 %) */
  if (a <= 0 || b - a < 10)
    return "flat";
  if (ratio >= 4)
    return "GROWS";
  if (ratio >= 1.6)
    return "grows (sublinear)";
  return "flat";
}

static void
print_line (const char *label, double a, double ac, double b, double bc)
{
  printf ("%-42s %9.1f %9.1f   %9.1f %9.1f   %6.1f× %6.1f×  %s\n", label, a, ac, b, bc, a > 0.05 ? b / a : 0,
          ac > 0.05 ? bc / ac : 0, verdict (ac, bc));
}

static double
file_mb (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / (1024.0 * 1024.0) : -1;
}

int
main (int argc, char *argv[])
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *small = bench_store_path (g_getenv ("CIRO_BENCH_DB_1M"), 1000000, 20000);
  guint64 orders[2] = { 1000000, 10000000 };
  guint products[2] = { 20000, 50000 };
  g_autofree char *big = NULL;
  const char *paths[2];
  Result res[2][N_ROWS] = { 0 };
  GString *notes[2] = { g_string_new (NULL), g_string_new (NULL) };
  gboolean display = TRUE;
  g_autofree char *load = NULL;
  g_autofree char *names[2] = { NULL, NULL };
  g_auto(GStrv) only = NULL;

  setvbuf (stdout, NULL, _IOLBF, 0);
  if (argc == 4 && strcmp (argv[1], "--step") == 0)
    return strcmp (argv[2], "window") == 0 ? child_window (argv[3]) : child_report (argv[2], argv[3]);

  /* CIRO_BENCH_SCALE_BIG=<orders>:<products>: another size for the large
   * store (a quick run of the benchmark itself) */
  if (g_getenv ("CIRO_BENCH_SCALE_BIG") != NULL &&
      sscanf (g_getenv ("CIRO_BENCH_SCALE_BIG"), "%" G_GUINT64_FORMAT ":%u", &orders[1], &products[1]) != 2)
    g_error ("CIRO_BENCH_SCALE_BIG is <orders>:<products>");
  big = bench_store_path (g_getenv ("CIRO_BENCH_DB_10M"), orders[1], products[1]);
  /* CIRO_BENCH_SCALE_STEPS=ranking,window: only those steps */
  if (g_getenv ("CIRO_BENCH_SCALE_STEPS") != NULL)
    only = g_strsplit (g_getenv ("CIRO_BENCH_SCALE_STEPS"), ",", -1);
  paths[0] = small;
  paths[1] = big;
  for (guint s = 0; s < 2; s++)
    names[s] = orders[s] % 1000000 == 0 ? g_strdup_printf ("%" G_GUINT64_FORMAT "M", orders[s] / 1000000)
                                        : g_strdup_printf ("%" G_GUINT64_FORMAT "k", orders[s] / 1000);

  /* both stores there, migrated and brought up to date, then closed */
  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(CiroStore) store = open_bench_store (paths[s], orders[s], products[s]);
    }
  if (argc > 1 && strcmp (argv[1], "--build-only") == 0)
    return 0;

  g_file_get_contents ("/proc/loadavg", &load, NULL, NULL);
  printf ("\nCiro scale benchmark: two years of orders, %s beside %s, each step in a fresh process\n", names[0], names[1]);
  for (guint s = 0; s < 2; s++)
    printf ("  %" G_GUINT64_FORMAT " orders, %u products: %s, %.0f MB\n", orders[s], products[s], paths[s],
            file_mb (paths[s]));
  printf ("  load average at the start: %s", load ? load : "?\n");

  /* steps alternate between the stores so that the machine's load falls
   * on both alike */
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    for (guint s = 0; s < 2; s++)
      {
        gboolean window = strcmp (steps[i], "window") == 0;

        if ((window && !display) || (only != NULL && !g_strv_contains ((const char * const *) only, steps[i])))
          continue;
        if (!spawn_step (self, steps[i], paths[s], res[s], notes[s]) && window)
          display = FALSE;
      }

  {
    g_autofree char *h0 = g_strdup_printf ("%s orders", names[0]);
    g_autofree char *h1 = g_strdup_printf ("%s orders", names[1]);
    g_autofree char *h2 = g_strdup_printf ("%s / %s", names[1], names[0]);
    printf ("\n%-42s %19s   %19s   %15s\n", "", h0, h1, h2);
  }
  printf ("%-42s %9s %9s   %9s %9s   %7s %7s\n", "ms", "wall", "CPU", "wall", "CPU", "wall", "CPU");
  for (guint k = 0; k < N_ROWS; k++)
    {
      Result *a = &res[0][k], *b = &res[1][k];
      g_autofree char *first = NULL;

      if (!a->have || !b->have)
        continue;
      first = g_strdup_printf ("%s%s", rows[k].label, a->warm_n > 0 ? ": first" : "");
      print_line (first, a->wall, a->cpu, b->wall, b->cpu);
      if (a->warm_n > 0)
        {
          g_autofree char *warm = g_strdup_printf ("%s: warm, %u calls", rows[k].label, MIN (a->warm_n, b->warm_n));
          print_line (warm, a->warm_wall, a->warm_cpu, b->warm_wall, b->warm_cpu);
        }
    }
  printf ("\n%-42s %9s   %9s   %7s\n", "peak memory (VmHWM) of the step, MB", names[0], names[1], "ratio");
  for (guint k = 0; k < N_ROWS; k++)
    {
      Result *a = &res[0][k], *b = &res[1][k];

      /* the window's steps share one process: its peak after them all */
      if (!a->have || !b->have || (g_str_has_prefix (rows[k].key, "window-") && k + 1 < N_ROWS &&
                                   g_str_has_prefix (rows[k + 1].key, "window-")))
        continue;
      printf ("%-42s %9.0f   %9.0f   %6.1f×  %s\n",
              g_str_has_prefix (rows[k].key, "window-") ? "window (all its steps)" : rows[k].label,
              a->peak_mb, b->peak_mb, b->peak_mb / a->peak_mb, verdict (a->peak_mb, b->peak_mb));
    }
  if (!display)
    printf ("\nthe window: no display (run it under xvfb-run); not measured\n");
  printf ("\nrows (%s):%s\nrows (%s):%s\n", names[0], notes[0]->str, names[1], notes[1]->str);
  printf ("first call: a new process, a newly opened connection; the file cache as earlier runs left it.\n"
          "warm: the median of the calls after the first, in the same process.\n"
          "By the CPU ratio (memory: MB), for 10× the orders: GROWS 4× or more, grows (sublinear) 1.6–4×,\n"
          "flat under 1.6× or under 10 ms (MB) more.\n");
  for (guint s = 0; s < 2; s++)
    g_string_free (notes[s], TRUE);
  return 0;
}
