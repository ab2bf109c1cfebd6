/* test-ui.c: the window, under a real (virtual) display
 *
 * Skipped, with a message, only when no display can be opened.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "demo/ciro-demo.h"
#include "ui/ciro-window.h"

static gboolean have_display;
static char *dir;

static gboolean
wait_for_state (CiroWindow *w, const char *state)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_strcmp0 (ciro_window_get_today_state (w), state) == 0)
        return TRUE;
      g_usleep (2000);
    }
  return FALSE;
}

static void
collect_named (GtkWidget *widget, const char *name, GPtrArray *out)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0 && GTK_IS_LABEL (widget))
    g_ptr_array_add (out, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    collect_named (c, name, out);
}

static AdwApplication *the_app;

/* One registered application serves every test. */
static AdwApplication *
app_new (void)
{
  if (the_app == NULL)
    {
      the_app = adw_application_new ("io.github.ciroapp.Ciro.Test", G_APPLICATION_NON_UNIQUE);
      g_assert_true (g_application_register (G_APPLICATION (the_app), NULL, NULL));
    }
  return g_object_ref (the_app);
}

static void
test_today_figures (void)
{
  g_autofree char *path = NULL;
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CiroTodayReport r;
  CiroWindow *w;
  CiroNumberStyle style = ciro_number_style_from_locale ();

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  path = g_build_filename (dir, "today.db", NULL);
  {
    g_autoptr(CiroStore) store = ciro_store_open (path, &error);
    CiroDemoOptions o;
    g_autoptr(CiroDemo) demo = NULL;
    ciro_demo_options_init (&o);
    o.n_orders = 3000;
    o.n_products = 60;
    o.seed = 3;
    demo = ciro_demo_new (&o);
    g_assert_true (ciro_demo_populate (demo, store, NULL, NULL, NULL, &error));
    g_assert_true (ciro_report_today (store, ciro_today (), NULL, &r, &error));
    g_assert_no_error (error);
  }

  app = app_new ();
  w = ciro_window_new (app, path);
  gtk_window_present (GTK_WINDOW (w));
  g_assert_true (wait_for_state (w, "data"));
  collect_named (GTK_WIDGET (w), "kpi-value", values);
  g_assert_cmpuint (values->len, ==, 4);
  {
    g_autofree char *orders = ciro_count_format (r.today_s.net_orders, style);
    g_autofree char *gross = ciro_money_format (r.today_s.gross_revenue, style);
    g_autofree char *net = ciro_money_format (r.today_s.net_revenue, style);
    g_autofree char *profit = ciro_money_format (r.today_s.profit, style);
    g_assert_cmpstr (values->pdata[0], ==, orders);
    g_assert_cmpstr (values->pdata[1], ==, gross);
    g_assert_cmpstr (values->pdata[2], ==, net);
    g_assert_cmpstr (values->pdata[3], ==, profit);
  }

  /* Ctrl+2 shows the Analytics page, which says what it will hold */
  gtk_widget_activate_action (GTK_WIDGET (w), "win.page", "s", "analytics");
  g_assert_cmpstr (ciro_window_get_page (w), ==, "analytics");
  gtk_window_destroy (GTK_WINDOW (w));
}

static void
test_empty_store_welcome (void)
{
  g_autofree char *path = NULL;
  g_autoptr(AdwApplication) app = NULL;
  CiroWindow *w;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  path = g_build_filename (dir, "empty.db", NULL);
  app = app_new ();
  w = ciro_window_new (app, path);
  gtk_window_present (GTK_WINDOW (w));
  g_assert_true (wait_for_state (w, "welcome"));
  gtk_window_destroy (GTK_WINDOW (w));
}

static void
test_unopenable_store (void)
{
  g_autoptr(AdwApplication) app = NULL;
  CiroWindow *w;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  app = app_new ();
  w = ciro_window_new (app, "/proc/ciro-nope/x.db");
  gtk_window_present (GTK_WINDOW (w));
  g_assert_true (wait_for_state (w, "error"));
  gtk_window_destroy (GTK_WINDOW (w));
}

/* The demo store builds through the mock and the real sync, and its
 * Cancel button stops the run, keeping what was committed. */
static void
test_demo_sync_cancel (void)
{
  g_autofree char *path = NULL;
  g_autoptr(AdwApplication) app = NULL;
  CiroWindow *w;
  gint64 end;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  path = g_build_filename (dir, "demo-cancel.db", NULL);
  app = app_new ();
  w = ciro_window_new (app, path);
  gtk_window_present (GTK_WINDOW (w));
  g_assert_true (wait_for_state (w, "welcome"));
  ciro_window_build_demo (w);

  /* wait until some pages are in, then cancel as a person would */
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(CiroStore) store = NULL;
      g_main_context_iteration (NULL, FALSE);
      store = ciro_store_open (path, NULL);
      if (store != NULL && ciro_store_count_orders (store, NULL) > 500)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_usleep (20000);
    }
  gtk_widget_activate_action (GTK_WIDGET (w), "win.cancel-demo", NULL);
  g_assert_true (wait_for_state (w, "data"));
  {
    g_autoptr(CiroStore) store = ciro_store_open (path, NULL);
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (ciro_store_count_orders (store, NULL), <, 60000);
    sqlite3_prepare_v2 (ciro_store_get_db (store), "SELECT status FROM sync_runs ORDER BY id DESC LIMIT 1", -1, &stmt, NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "cancelled");
    sqlite3_finalize (stmt);
  }
  gtk_window_destroy (GTK_WINDOW (w));
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
  else
    g_test_message ("no display could be opened: UI tests are skipped");
  dir = g_dir_make_tmp ("ciro-ui-XXXXXX", NULL);
  g_test_add_func ("/ui/today-figures", test_today_figures);
  g_test_add_func ("/ui/empty-store-welcome", test_empty_store_welcome);
  g_test_add_func ("/ui/unopenable-store", test_unopenable_store);
  g_test_add_func ("/ui/demo-sync-cancel", test_demo_sync_cancel);
  rc = g_test_run ();
  g_clear_object (&the_app);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  return rc;
}
