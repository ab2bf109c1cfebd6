/* test-shipping-page.c: the Shipping page against the engine
 *
 * A demo store written directly (every order's history), the page on it
 * in a window: the carrier table holds the engine's carriers, the late
 * orders are the engine's, and copying puts a cargo number on the
 * clipboard. Run in English and in Turkish (the tests' meson.build).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "analytics/ciro-carriers.h"
#include "core/ciro-carrier.h"
#include "core/ciro-date.h"
#include "demo/ciro-demo.h"
#include "pages/ciro-shipping-page.h"
#include "ciro-test-util.h"

static char *dir;

static void
count (gpointer instance, guint *n)
{
  (*n)++;
}

static gboolean
reached (gpointer data)
{
  guint **p = data;
  return *p[0] >= *p[1];
}

static void
got_text (GObject *source, GAsyncResult *result, gpointer data)
{
  char **out = data;
  *out = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*out == NULL)
    *out = g_strdup ("");
}

static gboolean
text_read (gpointer data)
{
  return *(char **) data != NULL;
}

/* Every label text under `w`, one a line. */
static void
collect_text (GtkWidget *w, GString *out)
{
  if (GTK_IS_LABEL (w))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (w)));
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_text (c, out);
}

static void
test_page (void)
{
  g_autofree char *path = g_build_filename (dir, "shipping.db", NULL);
  g_autoptr(GError) error = NULL;
  CiroDemoOptions o;
  g_autoptr(CiroDemo) demo = NULL;
  g_autoptr(CiroContext) context = NULL;
  g_autoptr(CiroCarrierReport) expected = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *window, *page;
  const CiroCarrierReport *shown;
  CiroDay today;
  gint32 seconds;
  guint loaded = 0, want = 1;
  guint *p[2] = { &loaded, &want };
  char *clip = NULL;
  const char *lang = g_getenv ("LANGUAGE");
  gboolean tr = lang != NULL && g_str_has_prefix (lang, "tr");

  g_setenv ("CIRO_NOW", "2026-11-20 15:00:00", TRUE);
  ciro_now (&today, &seconds);
  ciro_demo_options_init (&o);
  o.n_orders = 6000;
  o.n_products = 60;
  o.seed = 5;
  o.end_day = today;
  o.n_days = 90;
  demo = ciro_demo_new (&o);
  {
    g_autoptr(CiroStore) store = ciro_store_open (path, &error);
    CiroReportFilter f = { today - 29, today, NULL };

    g_assert_no_error (error);
    g_assert_true (ciro_demo_populate (demo, store, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    expected = ciro_carrier_report_build_full (store, &f, CIRO_CARRIER_LATE_DAYS_DEFAULT,
                                               ciro_to_unix (today, seconds), CIRO_SHIPPING_PAGE_MAX_LATE, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (expected->carriers->len, ==, 6);
  g_assert_cmpuint (expected->late_orders->len, >, 0);

  context = ciro_context_new (path);
  window = gtk_window_new ();
  page = ciro_shipping_page_new (context);
  g_signal_connect (page, "loaded", G_CALLBACK (count), &loaded);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ciro_test_wait_until (reached, p, 60));

  shown = ciro_shipping_page_get_report (CIRO_SHIPPING_PAGE (page));
  g_assert_nonnull (shown);
  g_assert_cmpuint (shown->carriers->len, ==, expected->carriers->len);
  for (guint i = 0; i < shown->carriers->len; i++)
    {
      const CiroCarrierRow *a = shown->carriers->pdata[i], *b = expected->carriers->pdata[i];
      g_assert_cmpstr (a->carrier, ==, b->carrier);
      g_assert_cmpint (a->orders, ==, b->orders);
      g_assert_cmpint (a->late, ==, b->late);
      g_assert_cmpfloat (a->days_to_deliver_median, ==, b->days_to_deliver_median);
    }
  g_assert_cmpuint (shown->late_orders->len, ==, expected->late_orders->len);
  g_assert_cmpint (shown->late_total, ==, expected->late_total);
  for (guint i = 0; i < shown->late_orders->len; i++)
    g_assert_cmpint (((CiroLateOrder *) shown->late_orders->pdata[i])->order_id, ==,
                     ((CiroLateOrder *) expected->late_orders->pdata[i])->order_id);
  g_assert_cmpuint (shown->advice->len, ==, expected->advice->len);

  /* what a person reads: the carriers, a late order's cargo number, the
   * headings in their language */
  collect_text (page, text);
  for (guint i = 0; i < expected->carriers->len; i++)
    g_assert_nonnull (strstr (text->str, ciro_carrier_display (((CiroCarrierRow *) expected->carriers->pdata[i])->carrier)));
  g_assert_nonnull (strstr (text->str, ((CiroLateOrder *) expected->late_orders->pdata[0])->cargo_number));
  g_assert_nonnull (strstr (text->str, tr ? "Takip edilecek geciken siparişler" : "Late orders to follow up"));
  g_assert_nonnull (strstr (text->str, tr ? "Sipariş başına gider" : "Expense per order"));
  for (guint i = 0; i < expected->advice->len; i++)
    {
      g_autofree char *sentence = ciro_carrier_advice_text (expected->advice->pdata[i]);
      g_assert_nonnull (strstr (text->str, sentence));
    }
  {
    /* each carrier's median days to deliver, as the table shows it */
    const CiroCarrierRow *first = expected->carriers->pdata[0];
    g_autofree char *median = ciro_number_format (first->days_to_deliver_median, 1, ciro_number_style_from_locale ());
    g_assert_nonnull (strstr (text->str, median));
    g_assert_true (tr ? strchr (median, ',') != NULL : strchr (median, '.') != NULL);
  }

  /* copy the first late order's cargo number */
  ciro_shipping_page_copy_cargo (CIRO_SHIPPING_PAGE (page), 0);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (page), NULL, got_text, &clip);
  g_assert_true (ciro_test_wait_until (text_read, &clip, 10));
  g_assert_cmpstr (clip, ==, ((CiroLateOrder *) expected->late_orders->pdata[0])->cargo_number);
  g_free (clip);

  /* a late-orders notification's click: the page scrolls to its late orders */
  g_assert_false (ciro_shipping_page_late_shown (CIRO_SHIPPING_PAGE (page)));
  ciro_shipping_page_show_late (CIRO_SHIPPING_PAGE (page));
  g_assert_true (ciro_test_wait_until ((CiroTestCondition) ciro_shipping_page_late_shown, page, 10));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  ciro_test_remove_store (path);
  g_unsetenv ("CIRO_NOW");
}

int
main (int argc, char *argv[])
{
  int rc;

  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIRO_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIRO_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  adw_init ();
  dir = ciro_test_tmpdir ("shipping-page");
  g_test_add_func ("/shipping-page/against-engine", test_page);
  rc = g_test_run ();
  g_rmdir (dir);
  return rc;
}
