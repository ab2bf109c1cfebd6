/* test-ask-ui.c: Ask Ciro in the window: Ctrl+K's dialog, a question typed,
 * the answer card read back against the engine, "Open in …" followed to
 * the page it names; run in English and, with the catalogue, in Turkish.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "analytics/ciro-ask.h"
#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "ciro-test-util.h"
#include "ui/ciro-ask-dialog.h"
#include "ui/ciro-window.h"
#include "ui/pages/ciro-analytics-page.h"
#include "ui/pages/ciro-products-page.h"

static char *dir;

static CiroAskDialog *
find_dialog (void)
{
  GListModel *tops = gtk_window_get_toplevels ();   /* GTK's own */

  for (guint i = 0; i < g_list_model_get_n_items (tops); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (tops, i);
      if (CIRO_IS_ASK_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return CIRO_ASK_DIALOG (w);
    }
  return NULL;
}

static gboolean
answered (gpointer data)
{
  return g_strcmp0 (ciro_ask_dialog_get_state (data), "answer") == 0;
}

static gboolean
dialog_shown (gpointer data)
{
  return find_dialog () != NULL;
}

/* the widest minimum below `w`, for the message when the dialog is too wide */
static void
widest (GtkWidget *w, int *best, GtkWidget **who)
{
  int min = 0;

  if (!gtk_widget_get_visible (w))
    return;
  gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min > *best && gtk_widget_get_first_child (w) == NULL)
    *best = min, *who = w;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    widest (c, best, who);
}

/* GNOME's phone width: the card fits in 360 px whatever it shows */
static void
assert_fits_phone (CiroAskDialog *d)
{
  int min = 0, leaf = 0;
  GtkWidget *who = NULL;

  gtk_widget_measure (GTK_WIDGET (d), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  widest (GTK_WIDGET (d), &leaf, &who);
  if (min > 360)
    g_error ("the dialog needs %d px; its widest leaf is a %s of %d px (%s)", min,
             who ? G_OBJECT_TYPE_NAME (who) : "?", leaf,
             who && GTK_IS_LABEL (who) ? gtk_label_get_label (GTK_LABEL (who)) : "");
}

static void
ask (CiroAskDialog *d, const char *question)
{
  ciro_ask_dialog_ask (d, question);
  g_assert_true (ciro_test_wait_until (answered, d, 60));
  assert_fits_phone (d);
}

static gboolean
turkish (void)
{
  return g_strcmp0 (g_getenv ("LANGUAGE"), "tr") == 0;
}

static void
test_ask_window (void)
{
  g_autofree char *path = g_build_filename (dir, "ask-ui.db", NULL);
  CiroDay today = ciro_day_from_ymd (2026, 11, 20);
  g_autoptr(CiroStore) store = ciro_test_reference_store (path, 3000, 60, 4, today, 200);
  g_autoptr(AdwApplication) app = adw_application_new ("io.github.ciroapp.Ciro.AskTest", G_APPLICATION_NON_UNIQUE);
  g_autoptr(CiroContext) context = NULL;
  CiroWindow *w;
  CiroAskDialog *d;
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GPtrArray *shown;
  CiroDay from, to;

  g_assert_true (g_application_register (G_APPLICATION (app), NULL, NULL));
  context = ciro_context_new (path);
  w = ciro_window_new (app, context);
  gtk_window_present (GTK_WINDOW (w));

  /* Ctrl+K's action opens the dialog with good questions to pick */
  gtk_widget_activate_action (GTK_WIDGET (w), "win.ask", NULL);
  g_assert_true (ciro_test_wait_until (dialog_shown, NULL, 10));
  d = find_dialog ();
  g_assert_cmpstr (ciro_ask_dialog_get_state (d), ==, "empty");
  shown = ciro_ask_dialog_get_suggestions (d);
  g_assert_cmpuint (shown->len, >=, 3);
  g_assert_cmpstr (shown->pdata[0], ==, _(ciro_ask_examples ()[0]));

  /* a figure: the engine's count for October on Trendyol */
  ask (d, turkish () ? "Trendyol'da ekimde kaç sipariş aldım" : "how many orders on Trendyol in October");
  {
    CiroReportFilter f = { ciro_day_from_ymd (2026, 10, 1), ciro_day_from_ymd (2026, 10, 31), (char *) "Trendyol" };
    CiroSummary s;
    g_autoptr(GError) error = NULL;
    g_autofree char *expected = NULL;

    g_assert_true (ciro_report_summary (store, &f, &s, &error));
    expected = ciro_count_format (s.gross_orders, style);
    g_assert_cmpint (s.gross_orders, >, 0);
    g_assert_cmpstr (ciro_ask_dialog_get_value (d), ==, expected);
    g_assert_nonnull (strstr (ciro_ask_dialog_get_interpretation (d), "Trendyol"));
    g_assert_nonnull (strstr (ciro_ask_dialog_get_interpretation (d), turkish () ? "1–31 Eki" : "1–31 Oct"));
  }
  /* "Open in Analytics": that range and marketplace on the page */
  g_assert_true (ciro_ask_dialog_open_page (d));
  g_assert_cmpstr (ciro_window_get_page (w), ==, "analytics");
  ciro_analytics_page_get_range (CIRO_ANALYTICS_PAGE (ciro_window_get_analytics (w)), &from, &to);
  g_assert_cmpint (from, ==, ciro_day_from_ymd (2026, 10, 1));
  g_assert_cmpint (to, ==, ciro_day_from_ymd (2026, 10, 31));
  g_assert_cmpstr (ciro_analytics_page_get_marketplace (CIRO_ANALYTICS_PAGE (ciro_window_get_analytics (w))),
                   ==, "Trendyol");

  /* a ranking: five products, and the Products page with the same days */
  ask (d, turkish () ? "bu ay en çok ciro yapan 5 ürün" : "top 5 products by revenue this month");
  g_assert_cmpuint (ciro_ask_dialog_get_n_rows (d), ==, 5);
  g_assert_true (ciro_ask_dialog_open_page (d));
  g_assert_cmpstr (ciro_window_get_page (w), ==, "products");
  ciro_products_page_get_range (CIRO_PRODUCTS_PAGE (ciro_window_get_products (w)), &from, &to);
  g_assert_cmpint (from, ==, ciro_day_from_ymd (2026, 11, 1));
  g_assert_cmpint (to, ==, today);

  /* a comparison, and the forecast, fit too */
  ask (d, turkish () ? "Trendyol'da bu ay geçen aya göre kâr" : "profit on Trendyol this month vs last month");
  ask (d, turkish () ? "gelecek ay ciro tahmini" : "revenue forecast for the next 30 days");

  /* the profit of the window's VAT view: after KDV settlement by default,
   * before it once the switch says so */
  {
    CiroReportFilter f = { ciro_day_from_ymd (2026, 11, 1), today, NULL };
    const char *q = turkish () ? "bu ay kârım ne kadar" : "how much profit did I make this month";
    CiroSummary s;
    g_autofree char *after = NULL, *before = NULL;

    g_assert_true (ciro_report_summary (store, &f, &s, NULL));
    after = ciro_ask_format_value ((double) s.profit_ex_vat / 100.0, CIRO_VALUE_MONEY);
    before = ciro_ask_format_value ((double) s.profit / 100.0, CIRO_VALUE_MONEY);
    g_assert_cmpstr (after, !=, before);
    ask (d, q);
    g_assert_cmpstr (ciro_ask_dialog_get_value (d), ==, after);
    g_settings_set_boolean (ciro_context_get_settings (context), "analytics-after-vat", FALSE);
    ask (d, q);
    g_assert_cmpstr (ciro_ask_dialog_get_value (d), ==, before);
    g_settings_set_boolean (ciro_context_get_settings (context), "analytics-after-vat", TRUE);
  }

  /* a stock list: the Stock page */
  ask (d, turkish () ? "stoğu azalan ürünler" : "low stock products");
  g_assert_true (ciro_ask_dialog_open_page (d));
  g_assert_cmpstr (ciro_window_get_page (w), ==, "stock");

  /* not about the store: no figure, no page, close questions instead */
  ask (d, turkish () ? "yarın hava nasıl olacak" : "what will the weather be tomorrow");
  g_assert_cmpstr (ciro_ask_dialog_get_value (d), ==, _("Not understood"));
  g_assert_false (ciro_ask_dialog_open_page (d));
  g_assert_cmpuint (ciro_ask_dialog_get_suggestions (d)->len, ==, 3);
  gtk_window_destroy (GTK_WINDOW (d));

  /* the questions asked come back first as one types */
  gtk_widget_activate_action (GTK_WIDGET (w), "win.ask", NULL);
  g_assert_true (ciro_test_wait_until (dialog_shown, NULL, 10));
  d = find_dialog ();
  shown = ciro_ask_dialog_get_suggestions (d);
  g_assert_cmpstr (shown->pdata[0], ==, turkish () ? "yarın hava nasıl olacak" : "what will the weather be tomorrow");
  gtk_window_destroy (GTK_WINDOW (d));

  gtk_window_destroy (GTK_WINDOW (w));
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

int
main (int argc, char *argv[])
{
  int rc;

  g_setenv ("CIRO_NOW", "2026-11-20 16:30:00", TRUE);
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
      g_test_message ("no display could be opened: the Ask Ciro window is not tested");
      return 0;
    }
  adw_init ();
  dir = g_dir_make_tmp ("ciro-ask-ui-XXXXXX", NULL);
  g_test_add_func ("/ask-ui/window", test_ask_window);
  rc = g_test_run ();
  g_rmdir (dir);
  g_free (dir);
  return rc;
}
