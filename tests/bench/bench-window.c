/* bench-window.c: the window on a large store
 *
 * Times, on the 1,000,000-order store of bench-reports: launch to the first
 * drawn Analytics page, switching its range (to the page drawn again), one
 * draw of a two-year daily chart, and the peak memory of the process after
 * heavy use: every page, many range switches, an export. The
 * baselines in the same run: the engine's own calls for the same range
 * without the page, and a bare cairo polyline of the same points. Needs a
 * display (run under xvfb-run); says so and stops without one.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include "analytics/ciro-range.h"
#include "analytics/ciro-report.h"
#include "charts/ciro-chart.h"
#include "core/ciro-date.h"
#include "ui/ciro-window.h"
#include "export/ciro-export.h"
#include "ui/ciro-lazy-load.h"
#include "ui/pages/ciro-analytics-page.h"
#include "ui/pages/ciro-products-page.h"
#include "ui/pages/ciro-stock-page.h"
#include "store/ciro-store-sql.h"
#include "bench-common.h"

static guint loaded;
static gboolean painted;

static void
on_loaded (gpointer page, gpointer data)
{
  loaded++;
}

static void
on_after_paint (GdkFrameClock *clock, gpointer data)
{
  painted = TRUE;
}

/* Until the page has loaded `target` times and a frame was painted after. */
static void
wait_drawn (GtkWidget *window, guint target)
{
  while (loaded < target)
    g_main_context_iteration (NULL, TRUE);
  painted = FALSE;
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
}

/* VmHWM (the peak) or VmRSS (now) of this process, in MB. */
static double
status_mb (const char *field)
{
  g_autofree char *status = NULL;
  const char *p;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (p = strstr (status, field)) == NULL)
    return -1;
  return g_ascii_strtod (p + strlen (field), NULL) / 1024.0;
}

/* What malloc holds for the program now, in MB: RSS growing while this
 * stays flat is fragmentation, not a leak. */
static double
heap_mb (void)
{
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 33))
  struct mallinfo2 mi = mallinfo2 ();

  return (double) (mi.uordblks + mi.hblkhd) / (1024.0 * 1024.0);
#else
  return -1;
#endif
}

static double
peak_rss_mb (void)
{
  return status_mb ("VmHWM:");
}

/* Says which step raised the peak, and by how much: the peak of heavy use
 * is one moment, and this names it. */
static double last_peak;

static void
peak_step (const char *fmt, ...) G_GNUC_PRINTF (1, 2);

static void
peak_step (const char *fmt, ...)
{
  double peak = peak_rss_mb ();
  g_autofree char *what = NULL;
  va_list ap;

  if (peak <= last_peak + 0.5)
    return;
  va_start (ap, fmt);
  what = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  printf ("    peak %.0f → %.0f MB (+%.0f) during %s; after it %.0f MB, heap in use %.0f MB\n", last_peak, peak,
          peak - last_peak, what, status_mb ("VmRSS:"), heap_mb ());
  last_peak = peak;
}

/* Until `*count` reaches `target` (a page's "loaded"), then one frame. */
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

static void
count_signal (gpointer page, guint *count)
{
  (*count)++;
}

/* The page shown, and a few frames of it. */
static void
show_page (CiroWindow *w, const char *name)
{
  gtk_widget_activate_action (GTK_WIDGET (w), "win.page", "s", name);
  for (guint i = 0; i < 3; i++)
    {
      painted = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (w));
      while (!painted)
        g_main_context_iteration (NULL, TRUE);
    }
}

/* From asking for the page to its first frame painted: with the rows of
 * a hidden page's lists freed, switching back builds them again. */
static double
switch_page_ms (CiroWindow *w, const char *name)
{
  double t0 = now_ms ();

  gtk_widget_activate_action (GTK_WIDGET (w), "win.page", "s", name);
  painted = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (w));
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  return now_ms () - t0;
}

static void
engine_for_range (CiroStore *store, CiroDay from, CiroDay to)
{
  CiroReportFilter f = { from, to, NULL }, p = { 0, 0, NULL };
  CiroSummary s;
  g_autoptr(GArray) daily = NULL;
  g_autoptr(GArray) mps = NULL;

  ciro_range_previous (from, to, &p.from, &p.to);
  ciro_report_summary (store, &f, &s, NULL);
  ciro_report_summary (store, &p, &s, NULL);
  daily = ciro_report_daily (store, &f, NULL);
  mps = ciro_report_marketplaces (store, &f, NULL);
}

static void
line (const char *what, double value, double baseline, const char *unit, double target)
{
  printf ("%-34s %9.2f %-3s %11.2f %-3s %10.0f %-3s %s\n", what, value, unit, baseline, unit, target, unit,
          value <= target ? "met" : "MISSED");
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = bench_store_path (g_getenv ("CIRO_BENCH_DB"), 1000000, 20000);
  g_autofree char *now = g_strdup_printf ("%04d-%02d-%02d 18:00:00", BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  static const char *ranges[] = { "last-7-days", "last-90-days", "this-year", "last-month", "last-30-days",
                                  "custom:2024-11-21:2026-11-20" };
  double switch_ms[G_N_ELEMENTS (ranges)], engine_ms[G_N_ELEMENTS (ranges)];
  double t0, first, chart_ms[40], poly_ms[40];
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(CiroContext) context = NULL;
  CiroWindow *w;
  CiroAnalyticsPage *page;
  CiroDay end = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);

#ifdef __GLIBC__
  mallopt (M_ARENA_MAX, 2);     /* as the app's main () does, before any thread */
  mallopt (M_MMAP_THRESHOLD, 128 * 1024);
#endif
  setvbuf (stdout, NULL, _IOLBF, 0);
  g_setenv ("CIRO_NOW", now, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (!gtk_init_check ())
    {
      printf ("window benchmark: no display (run it under xvfb-run); nothing measured\n");
      return 0;
    }
  adw_init ();
  store = open_bench_store (path, 1000000, 20000);
  /* The baselines' own connection: a report connection's page cache, not
   * the 32 MB a writer's may fill (counting the orders above did), which
   * is the benchmark's memory, not the window's */
  ciro_store_exec (store, "PRAGMA cache_size = -2048", NULL);
  printf ("Ciro window benchmark on %s\n", path);
  /* Xvfb offers only Mesa's software GL, whose LLVM code alone is 44 MB
   * of resident memory once GDK probes GL: the test machine's, not the
   * window's (the renderer here is cairo). meson's benchmark sets
   * GDK_DEBUG=gl-disable; say which was measured. */
  printf ("GL             %s\n\n", g_strrstr (g_getenv ("GDK_DEBUG") ? g_getenv ("GDK_DEBUG") : "", "gl-disable")
          ? "disabled (GDK_DEBUG=gl-disable): no GL driver in the figures"
          : "as the display offers it: its driver's code is in the memory figures");
  printf ("%-34s %13s %15s %14s\n", "", "window", "baseline", "target");

  /* launch: window created → Analytics page loaded and painted */
  app = adw_application_new ("io.github.ciroapp.Ciro.Bench", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, NULL);
  t0 = now_ms ();
  context = ciro_context_new (path);
  w = ciro_window_new (app, context);
  page = CIRO_ANALYTICS_PAGE (ciro_window_get_analytics (w));
  g_signal_connect (page, "loaded", G_CALLBACK (on_loaded), NULL);
  gtk_widget_activate_action (GTK_WIDGET (w), "win.page", "s", "analytics");
  gtk_window_present (GTK_WINDOW (w));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (w)), "after-paint", G_CALLBACK (on_after_paint), NULL);
  wait_drawn (GTK_WIDGET (w), 1);
  first = now_ms () - t0;
  {
    double e0 = now_ms ();
    engine_for_range (store, end - 29, end);
    line ("first Analytics page (30 days)", first, now_ms () - e0, "ms", 1000);
  }

  /* range switches, each to the page painted again */
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    {
      CiroDay from, to;
      double e0;

      t0 = now_ms ();
      ciro_analytics_page_set_range_id (page, ranges[i]);
      wait_drawn (GTK_WIDGET (w), loaded + 1);
      switch_ms[i] = now_ms () - t0;
      ciro_analytics_page_get_range (page, &from, &to);
      e0 = now_ms ();
      engine_for_range (store, from, to);
      engine_ms[i] = now_ms () - e0;
      printf ("  switch to %-22s %9.2f ms %11.2f ms\n", ranges[i], switch_ms[i], engine_ms[i]);
    }
  line ("range switch (median)", median (switch_ms, G_N_ELEMENTS (ranges)),
        median (engine_ms, G_N_ELEMENTS (ranges)), "ms", 100);

  /* one draw of two years of daily net revenue and profit */
  {
    g_autoptr(CiroChart) chart = ciro_chart_new (CIRO_CHART_LINE);
    CiroReportFilter f = { end - 729, end, NULL };
    g_autoptr(GArray) daily = ciro_report_daily (store, &f, NULL);
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
    g_autofree double *a = g_new (double, daily->len);
    g_autofree double *b = g_new (double, daily->len);
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1000, 280);
    cairo_t *cr = cairo_create (surface);
    CiroChartStyle style;

    for (guint i = 0; i < daily->len; i++)
      {
        CiroDailyRow *r = &g_array_index (daily, CiroDailyRow, i);
        g_ptr_array_add (labels, ciro_day_to_string (r->date));
        a[i] = (double) r->s.net_revenue;
        b[i] = (double) r->s.profit;
      }
    ciro_chart_set_labels (chart, (const char * const *) labels->pdata, daily->len);
    ciro_chart_add_series (chart, "Net revenue", a, daily->len, TRUE);
    ciro_chart_add_series (chart, "Profit", b, daily->len, TRUE);
    ciro_chart_style_init (&style);
    for (guint k = 0; k < G_N_ELEMENTS (chart_ms); k++)
      {
        double c0 = now_ms ();
        ciro_chart_draw (chart, cr, 1000, 280, &style, -1);
        cairo_surface_flush (surface);
        chart_ms[k] = now_ms () - c0;

        /* the floor: the same points as bare polylines */
        c0 = now_ms ();
        for (guint s = 0; s < 2; s++)
          {
            const double *v = s ? b : a;
            cairo_new_path (cr);
            for (guint i = 0; i < daily->len; i++)
              cairo_line_to (cr, 64 + 926.0 * i / (daily->len - 1), 250 - v[i] / 1e6);
            cairo_stroke (cr);
          }
        cairo_surface_flush (surface);
        poly_ms[k] = now_ms () - c0;
      }
    printf ("\n");
    line ("chart draw, 730 days × 2 (median)", median (chart_ms, G_N_ELEMENTS (chart_ms)),
          median (poly_ms, G_N_ELEMENTS (poly_ms)), "ms", 8);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }

  line ("peak memory of the process", peak_rss_mb (), 0, "MB", 200);

  /* heavy use: every page, range switches on Analytics and Products,
   * Products in every view, an export; the peak after it all */
  {
    static const char *pages[] = { "today", "analytics", "products", "baskets", "stock", "customers",
                                   "forecast", "shipping", "categories" };
    static const char *product_ranges[] = { "last-7-days", "last-90-days", "this-year", "last-30-days" };
    CiroProductsPage *products = CIRO_PRODUCTS_PAGE (ciro_window_get_products (w));
    guint products_loaded = 0;
    double before = peak_rss_mb (), e0;
    g_autofree char *out = g_build_filename (g_get_tmp_dir (), "ciro-bench-window-export.xlsx", NULL);
    CiroReportFilter f = { end - 89, end, NULL };
    g_autoptr(GError) error = NULL;

    g_signal_connect (products, "loaded", G_CALLBACK (count_signal), &products_loaded);
    last_peak = before;
    for (guint round = 0; round < 3; round++)
      {
        for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
          {
            GtkWidget *pw = ciro_window_get_page_widget (w, pages[i]);
            guint page_loaded = 0;
            gulong id = g_signal_connect (pw, "loaded", G_CALLBACK (count_signal), &page_loaded);
            gboolean lazy = ciro_lazy_load_pending (pw);

            e0 = now_ms ();
            show_page (w, pages[i]);
            /* a page loaded on first show: until its figures are drawn */
            if (lazy)
              wait_count_drawn (GTK_WIDGET (w), &page_loaded, 1);
            g_signal_handler_disconnect (pw, id);
            peak_step ("round %u, %s shown%s", round, pages[i], lazy ? " and loaded" : "");
            if (round == 0 && lazy)
              printf ("  %-10s shown and loaded in %.0f ms: %.0f MB now, peak %.0f MB, heap in use %.0f MB\n", pages[i],
                      now_ms () - e0, status_mb ("VmRSS:"), peak_rss_mb (), heap_mb ());
            else if (round == 0)
              printf ("  %-10s shown: %.0f MB now, peak %.0f MB\n", pages[i], status_mb ("VmRSS:"), peak_rss_mb ());
          }
        show_page (w, "analytics");
        for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
          {
            ciro_analytics_page_set_range_id (page, ranges[i]);
            wait_drawn (GTK_WIDGET (w), loaded + 1);
            peak_step ("round %u, Analytics to %s", round, ranges[i]);
          }
        show_page (w, "products");
        for (guint i = 0; i < G_N_ELEMENTS (product_ranges); i++)
          {
            guint target = products_loaded + 1;
            if (!ciro_products_page_set_range_id (products, product_ranges[i]))
              continue;
            wait_count_drawn (GTK_WIDGET (w), &products_loaded, target);
            peak_step ("round %u, Products to %s", round, product_ranges[i]);
          }
        printf ("  round %u, ranges switched: %.0f MB now (anonymous %.0f, files %.0f), peak %.0f MB, heap in use %.0f MB\n",
                round, status_mb ("VmRSS:"), status_mb ("RssAnon:"), status_mb ("RssFile:"), peak_rss_mb (), heap_mb ());
        ciro_products_page_set_view (products, CIRO_PRODUCTS_ALL);
        show_page (w, "products");
        peak_step ("round %u, every product listed", round);
        ciro_products_page_set_view (products, CIRO_PRODUCTS_WORST);
        show_page (w, "products");
        ciro_products_page_set_view (products, CIRO_PRODUCTS_BEST);
        show_page (w, "products");
        peak_step ("round %u, worst and best products", round);
      }
    printf ("  after %u page visits and %u range switches: %.0f MB now, peak %.0f MB\n",
            3 * (guint) (G_N_ELEMENTS (pages) + 5), 3 * (guint) (G_N_ELEMENTS (ranges) + G_N_ELEMENTS (product_ranges)),
            status_mb ("VmRSS:"), peak_rss_mb ());
    /* the export, as the dialog runs it: off the main thread in the
     * window's process (here in the main one: the same memory) */
    e0 = now_ms ();
    if (!ciro_export_write (store, CIRO_EXPORT_PRODUCTS, CIRO_EXPORT_FORMAT_XLSX, &f, out, NULL, &error))
      printf ("  export failed: %s\n", error->message);
    printf ("  products XLSX, 90 days: %.0f ms, %.0f MB now\n", now_ms () - e0, status_mb ("VmRSS:"));
    peak_step ("the export");
    g_unlink (out);
    show_page (w, "analytics");
    line ("peak memory after heavy use", peak_rss_mb (), before, "MB", 250);

    /* what going back to a list page costs: Analytics shown between, the
     * list page's first frame timed; the baseline is Analytics' own */
    {
      static const char *back[] = { "products", "customers", "stock" };
      double ms[5], base[5];

      ciro_products_page_set_view (products, CIRO_PRODUCTS_ALL);
      for (guint i = 0; i < G_N_ELEMENTS (back); i++)
        {
          for (guint k = 0; k < G_N_ELEMENTS (ms); k++)
            {
              show_page (w, back[i]);
              base[k] = switch_page_ms (w, "analytics");
              show_page (w, "analytics");
              ms[k] = switch_page_ms (w, back[i]);
            }
          {
            g_autofree char *what = g_strdup_printf ("switch to %s (median)", back[i]);
            line (what, median (ms, G_N_ELEMENTS (ms)), median (base, G_N_ELEMENTS (base)), "ms", 100);
          }
        }
      show_page (w, "analytics");
    }
  }
  gtk_window_destroy (GTK_WINDOW (w));
  return 0;
}
