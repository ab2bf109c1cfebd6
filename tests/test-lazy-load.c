/* test-lazy-load.c: a page's load waits until the page is shown
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gtk/gtk.h>

#include "ui/ciro-lazy-load.h"

static guint loads;

static void
count_load (gpointer page)
{
  g_assert_true (GTK_IS_WIDGET (page));
  loads++;
}

/* Until the widget's mapped state is `mapped` (a window maps in the main loop). */
static void
wait_mapped (GtkWidget *w, gboolean mapped)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (gtk_widget_get_mapped (w) != mapped && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gtk_widget_get_mapped (w), ==, mapped);
}

static void
test_lazy_load (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *first = gtk_label_new ("first");
  GtkWidget *page = gtk_label_new ("page");

  loads = 0;
  gtk_stack_add_named (GTK_STACK (stack), first, "first");
  gtk_stack_add_named (GTK_STACK (stack), page, "page");
  gtk_window_set_child (GTK_WINDOW (window), stack);

  /* made, not shown: no load */
  ciro_lazy_load_setup (page, count_load);
  g_assert_true (ciro_lazy_load_pending (page));
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (first, TRUE);
  g_assert_cmpuint (loads, ==, 0);

  /* a change while hidden: still nothing, however many */
  ciro_lazy_load_request (page);
  ciro_lazy_load_request (page);
  g_assert_cmpuint (loads, ==, 0);
  g_assert_true (ciro_lazy_load_pending (page));

  /* shown: one load for all of that */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "page");
  wait_mapped (page, TRUE);
  g_assert_cmpuint (loads, ==, 1);
  g_assert_false (ciro_lazy_load_pending (page));

  /* a change while shown: loaded at once */
  ciro_lazy_load_request (page);
  g_assert_cmpuint (loads, ==, 2);

  /* hidden and shown again without a change: no load */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "first");
  wait_mapped (page, FALSE);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "page");
  wait_mapped (page, TRUE);
  g_assert_cmpuint (loads, ==, 2);

  /* hidden, changed, shown: one load */
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "first");
  wait_mapped (page, FALSE);
  ciro_lazy_load_request (page);
  g_assert_cmpuint (loads, ==, 2);
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "page");
  wait_mapped (page, TRUE);
  g_assert_cmpuint (loads, ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A page set up while already shown loads at once. */
static void
test_setup_when_shown (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = gtk_label_new ("page");

  loads = 0;
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_mapped (page, TRUE);
  ciro_lazy_load_setup (page, count_load);
  g_assert_cmpuint (loads, ==, 1);
  g_assert_false (ciro_lazy_load_pending (page));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add_func ("/lazy-load/hidden-then-shown", test_lazy_load);
  g_test_add_func ("/lazy-load/setup-when-shown", test_setup_when_shown);
  return g_test_run ();
}
