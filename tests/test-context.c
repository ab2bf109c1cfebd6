/* test-context.c: one context a store, and its "store-changed" reaching
 * every page of the window
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "ui/ciro-context.h"
#include "ui/ciro-window.h"
#include "ui/pages/ciro-analytics-page.h"
#include "ui/pages/ciro-products-page.h"
#include "ui/pages/ciro-stock-page.h"
#include "ciro-test-util.h"

static gboolean have_display;
static char *dir;

typedef struct {
  CiroWindow *w;
  const char *today;            /* Today's state to wait for */
  const char *pages;            /* every other page's */
} Wanted;

static gboolean
all_in_state (gpointer data)
{
  Wanted *want = data;
  CiroWindow *w = want->w;

  return g_strcmp0 (ciro_window_get_today_state (w), want->today) == 0 &&
         g_strcmp0 (ciro_analytics_page_get_state (CIRO_ANALYTICS_PAGE (ciro_window_get_analytics (w))),
                    want->pages) == 0 &&
         g_strcmp0 (ciro_products_page_get_state (CIRO_PRODUCTS_PAGE (ciro_window_get_products (w))),
                    want->pages) == 0 &&
         g_strcmp0 (ciro_stock_page_get_state (CIRO_STOCK_PAGE (ciro_window_get_stock (w))), want->pages) == 0;
}

static void
count (gpointer instance, guint *n)
{
  (*n)++;
}

/* The window opens on an empty store: every page says so. Orders come in
 * through another connection (as a sync's writer does); once the context
 * says "store-changed", each page shows them. */
static void
test_store_changed_reaches_every_page (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CiroContext) context = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GError) error = NULL;
  CiroWindow *w;
  Wanted want;
  guint changes = 0;
  CiroNumberStyle style = ciro_number_style_from_locale ();

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  path = g_build_filename (dir, "changed.db", NULL);
  {
    g_autoptr(CiroStore) empty = ciro_store_open (path, &error);
    g_assert_no_error (error);
  }

  context = ciro_context_new (path);
  g_assert_cmpstr (ciro_context_get_db_path (context), ==, path);
  g_assert_nonnull (ciro_context_get_settings (context));
  g_signal_connect (context, "store-changed", G_CALLBACK (count), &changes);
  app = adw_application_new ("io.github.ciroapp.Ciro.ContextTest", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  w = ciro_window_new (app, context);
  g_assert_true (ciro_window_get_context (w) == context);
  gtk_window_present (GTK_WINDOW (w));
  want = (Wanted) { w, "welcome", "empty" };
  g_assert_true (ciro_test_wait_until (all_in_state, &want, 120));

  /* nothing reloads by itself */
  {
    g_autoptr(CiroStore) store = ciro_test_reference_store (path, 2000, 40, 5, ciro_today (), 90);
  }
  for (guint i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (all_in_state (&want));
  g_assert_cmpuint (changes, ==, 0);

  ciro_context_store_changed (context);
  g_assert_cmpuint (changes, ==, 1);
  want = (Wanted) { w, "data", "data" };
  g_assert_true (ciro_test_wait_until (all_in_state, &want, 120));

  /* and what they show is the store's new figures */
  {
    g_autoptr(CiroStore) store = ciro_store_open (path, &error);
    CiroAnalyticsPage *page = CIRO_ANALYTICS_PAGE (ciro_window_get_analytics (w));
    CiroReportFilter f = { 0, 0, NULL };
    CiroSummary s;
    g_autofree char *net = NULL;
    g_autoptr(GArray) shown = NULL;
    g_autoptr(GArray) rows = NULL;

    ciro_analytics_page_get_range (page, &f.from, &f.to);
    f.marketplace = (char *) ciro_analytics_page_get_marketplace (page);
    g_assert_true (ciro_report_summary (store, &f, &s, &error));
    net = ciro_money_format (s.net_revenue, style);
    g_assert_cmpstr (ciro_analytics_page_get_kpi (page, "net_revenue", NULL), ==, net);

    shown = ciro_stock_page_get_shown_ids (CIRO_STOCK_PAGE (ciro_window_get_stock (w)));
    rows = ciro_report_stock (store, ciro_today (), &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, >, 0);
    g_assert_cmpuint (shown->len, <=, rows->len);
  }
  gtk_window_destroy (GTK_WINDOW (w));
  while (g_main_context_iteration (NULL, FALSE));
}

static gboolean
all_loaded (gpointer data)
{
  guint (*loads)[3] = data;

  for (guint k = 0; k < 2; k++)
    for (guint p = 0; p < 3; p++)
      if (loads[k][p] == 0)
        return FALSE;
  return TRUE;
}

/* Two windows on one context: one change, both reload. */
static void
test_one_context_two_windows (void)
{
  g_autofree char *path = NULL;
  g_autoptr(CiroContext) context = NULL;
  g_autoptr(AdwApplication) app = NULL;
  CiroWindow *a, *b;
  Wanted wa, wb;
  guint loads[2][3] = { { 0 } };

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  path = g_build_filename (dir, "two.db", NULL);
  {
    g_autoptr(CiroStore) store = ciro_test_reference_store (path, 500, 20, 8, ciro_today (), 30);
  }
  context = ciro_context_new (path);
  app = adw_application_new ("io.github.ciroapp.Ciro.ContextTest2", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  a = ciro_window_new (app, context);
  b = ciro_window_new (app, context);
  gtk_window_present (GTK_WINDOW (a));
  gtk_window_present (GTK_WINDOW (b));
  wa = (Wanted) { a, "data", "data" };
  wb = (Wanted) { b, "data", "data" };
  g_assert_true (ciro_test_wait_until (all_in_state, &wa, 120));
  g_assert_true (ciro_test_wait_until (all_in_state, &wb, 120));

  /* one change: every page of both windows reads the store again */
  for (guint k = 0; k < 2; k++)
    {
      CiroWindow *w = k ? b : a;
      g_signal_connect (ciro_window_get_analytics (w), "loaded", G_CALLBACK (count), &loads[k][0]);
      g_signal_connect (ciro_window_get_products (w), "loaded", G_CALLBACK (count), &loads[k][1]);
      g_signal_connect (ciro_window_get_stock (w), "loaded", G_CALLBACK (count), &loads[k][2]);
    }
  ciro_context_store_changed (context);
  g_assert_true (ciro_test_wait_until (all_loaded, loads, 120));
  gtk_window_destroy (GTK_WINDOW (a));
  gtk_window_destroy (GTK_WINDOW (b));
  while (g_main_context_iteration (NULL, FALSE));
}

int
main (int argc, char *argv[])
{
  int rc;

  g_setenv ("CIRO_NOW", "2026-11-20 16:30:00", TRUE);
  g_test_init (&argc, &argv, NULL);
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();
  dir = ciro_test_tmpdir ("context");
  g_test_add_func ("/context/store-changed-reaches-every-page", test_store_changed_reaches_every_page);
  g_test_add_func ("/context/one-context-two-windows", test_one_context_two_windows);
  rc = g_test_run ();
  {
    g_autofree char *a = g_build_filename (dir, "changed.db", NULL);
    g_autofree char *b = g_build_filename (dir, "two.db", NULL);
    ciro_test_remove_store (a);
    ciro_test_remove_store (b);
  }
  g_rmdir (dir);
  g_free (dir);
  return rc;
}
