/* test-ui-vat-switch.c: every page follows the after / before KDV switch
 *
 * profit.md: the user picks the headline profit on the Analytics page
 * (default after VAT settlement) and every page that shows a profit or a
 * margin follows the choice as it changes. A demo store with a service fee
 * and a category commission rule, so that the two views differ; the Today
 * page's profit card, the Products page's ranking, columns and narrow rows,
 * the product dialog and the Categories page are read back from the pages
 * and compared with the engine's profit and profit_ex_vat, in one view,
 * then in the other after the switch on the Analytics page was flipped,
 * then back. The flips re-query nothing. Run in English and in Turkish.
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

#include "analytics/ciro-range.h"
#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "store/ciro-profit.h"
#include "ui/ciro-context.h"
#include "analytics/ciro-categories.h"
#include "ui/pages/ciro-analytics-page.h"
#include "ui/pages/ciro-categories-page.h"
#include "ui/pages/ciro-product-dialog.h"
#include "ui/pages/ciro-product-item.h"
#include "ui/pages/ciro-products-page.h"
#include "ui/pages/ciro-today-page.h"
#include "ui/widgets/ciro-kpi-card.h"
#include "ui/widgets/ciro-vat-view.h"
#include "ciro-test-util.h"

static char *dir;

static void
count_loaded (gpointer page, guint *n)
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
wait_count (guint *n, guint want)
{
  guint *p[2] = { n, &want };
  g_assert_true (ciro_test_wait_until (reached, p, 120));
  while (g_main_context_iteration (NULL, FALSE));
}

static void
settle (void)
{
  for (guint i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE));
}

static GtkWidget *
find_named (GtkWidget *root, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
vat_label (GtkWidget *page)
{
  GtkWidget *label = find_named (page, "vat-view");

  g_assert_nonnull (label);
  return gtk_label_get_text (GTK_LABEL (label));
}

/* The Today card against the engine's report of the same moment: the one
 * computed just before the page's load or the one just after it (an order
 * may land in between). */
static void
assert_today (GtkWidget *page, const CiroTodayReport *a, const CiroTodayReport *b, gboolean after_vat)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  CiroKpiCard *card = CIRO_KPI_CARD (find_named (page, "today-profit"));
  const CiroTodayReport *reps[] = { a, b };
  gboolean matched = FALSE;

  g_assert_cmpstr (ciro_kpi_card_get_title (card), ==, after_vat ? _("Profit after VAT") : _("Profit"));
  g_assert_cmpstr (vat_label (page), ==, ciro_vat_view_text (after_vat));
  for (guint i = 0; i < G_N_ELEMENTS (reps) && !matched; i++)
    {
      const CiroSummary *t = &reps[i]->today_s, *y = &reps[i]->yesterday_until_s;
      g_autofree char *value = ciro_money_format (after_vat ? t->profit_ex_vat : t->profit, style);
      double change = after_vat ? ciro_change_pct ((double) t->profit_ex_vat, (double) y->profit_ex_vat)
                                : reps[i]->change_pct[13];
      g_autofree char *pct = isnan (change) ? NULL : ciro_percent_format (fabs (change), 1, style);

      if (g_strcmp0 (ciro_kpi_card_get_value (card), value) != 0)
        continue;
      matched = TRUE;
      /* the change of the view's profit against yesterday up to now */
      {
        g_autofree char *want = pct == NULL ? g_strdup ("—") : g_strdup_printf ("%s %s", change >= 0 ? "▲" : "▼", pct);
        g_assert_cmpstr (ciro_kpi_card_get_change (card), ==, want);
      }
    }
  g_assert_true (matched);
}

/* The Products page's best 25 in the view: the engine's ranking by the
 * view's profit, each row's profit and margin as the engine has them. */
static void
assert_products (CiroProductsPage *page, GArray *best, gboolean after_vat)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autoptr(GArray) shown = ciro_products_page_get_shown (page);
  g_autofree char *pt = ciro_products_page_get_text (page, 0, "profit-title");
  g_autofree char *mt = ciro_products_page_get_text (page, 0, "margin-title");

  g_assert_cmpint (ciro_products_page_get_after_vat (page), ==, after_vat);
  g_assert_cmpstr (pt, ==, after_vat ? _("Profit after VAT") : _("Profit"));
  g_assert_cmpstr (mt, ==, after_vat ? _("Margin after VAT") : _("Margin"));
  g_assert_cmpstr (vat_label (GTK_WIDGET (page)), ==, ciro_vat_view_text (after_vat));
  g_assert_cmpuint (shown->len, ==, best->len);
  for (guint i = 0; i < best->len; i++)
    {
      const CiroProductRow *r = &g_array_index (best, CiroProductRow, i);
      CiroKurus p = after_vat ? r->profit_ex_vat : r->profit;
      g_autofree char *want_p = ciro_money_format (p, style);
      g_autofree char *want_m = r->has_margin ? ciro_percent_format (after_vat ? r->margin_ex_vat_pct : r->margin_pct,
                                                                     1, style)
                                              : g_strdup ("—");
      g_autofree char *want_row = r->cost_known ? g_strdup_printf (_("profit %s"), want_p) : g_strdup (_("Cost unknown"));
      g_autofree char *got_p = ciro_products_page_get_text (page, i, "profit");
      g_autofree char *got_m = ciro_products_page_get_text (page, i, "margin");
      g_autofree char *got_row = ciro_products_page_get_text (page, i, "row-profit");

      g_assert_cmpint (g_array_index (shown, gint64, i), ==, r->product_key);
      g_assert_cmpstr (got_p, ==, want_p);
      g_assert_cmpstr (got_m, ==, want_m);
      g_assert_cmpstr (got_row, ==, want_row);
    }
}

static void
assert_dialog (CiroProductDialog *d, const CiroProductRow *r, gboolean after_vat)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *want_p = ciro_money_format (after_vat ? r->profit_ex_vat : r->profit, style);
  g_autofree char *want_m = ciro_percent_format (after_vat ? r->margin_ex_vat_pct : r->margin_pct, 1, style);
  g_autofree char *want_c = ciro_money_format (after_vat ? r->cost_ex_vat : r->cost, style);
  g_autofree char *got_p = ciro_product_dialog_get_value (d, "profit", after_vat ? _("Profit after VAT") : _("Profit"));
  g_autofree char *got_m = ciro_product_dialog_get_value (d, "profit", after_vat ? _("Margin after VAT") : _("Margin"));
  g_autofree char *got_c = ciro_product_dialog_get_value (d, "profit",
                                                          after_vat ? _("Product cost excl. VAT") : _("Cost"));
  g_autofree char *other = ciro_product_dialog_get_value (d, "profit", after_vat ? _("Profit") : _("Profit after VAT"));

  g_assert_cmpstr (got_p, ==, want_p);
  g_assert_cmpstr (got_m, ==, want_m);
  g_assert_cmpstr (got_c, ==, want_c);
  g_assert_null (other);
}

/* The Categories table in the engine's order (by revenue): the profit and
 * margin of the view, the titles saying which. */
static void
assert_categories (CiroCategoriesPage *page, GArray *rows, gboolean after_vat)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *pt = ciro_categories_page_get_cell (page, -1, 5);
  g_autofree char *mt = ciro_categories_page_get_cell (page, -1, 6);

  g_assert_cmpstr (pt, ==, after_vat ? _("Profit after VAT") : _("Profit"));
  g_assert_cmpstr (mt, ==, after_vat ? _("Margin after VAT") : _("Margin"));
  g_assert_cmpstr (vat_label (GTK_WIDGET (page)), ==, ciro_vat_view_text (after_vat));
  for (guint i = 0; i < rows->len; i++)
    {
      const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
      g_autofree char *name = ciro_categories_page_get_cell (page, (int) i, 1);
      g_autofree char *want_p = ciro_money_format (after_vat ? r->profit_ex_vat : r->profit, style);
      g_autofree char *want_m = r->has_margin ? ciro_percent_format (after_vat ? r->margin_ex_vat_pct : r->margin_pct,
                                                                     1, style)
                                              : g_strdup ("—");
      g_autofree char *got_p = ciro_categories_page_get_cell (page, (int) i, 5);
      g_autofree char *got_m = ciro_categories_page_get_cell (page, (int) i, 6);

      g_assert_cmpstr (name, ==, ciro_category_display_name (r));
      g_assert_cmpstr (got_p, ==, want_p);
      g_assert_cmpstr (got_m, ==, want_m);
    }
}

static GArray *
best_of (CiroStore *store, const CiroReportFilter *f, gboolean after_vat)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ranking = ciro_report_products (store, f, after_vat ? CIRO_SORT_PROFIT_EX_VAT : CIRO_SORT_PROFIT,
                                                    FALSE, &error);

  g_assert_no_error (error);
  return ciro_report_products_best (ranking, 25);
}

static void
test_switch (void)
{
  g_autofree char *path = g_build_filename (dir, "vat.db", NULL);
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroContext) context = NULL;
  g_autoptr(GArray) best_after = NULL;
  g_autoptr(GArray) best_before = NULL;
  g_autoptr(GArray) categories = NULL;
  CiroDay today = ciro_today ();
  CiroReportFilter f = { today - 29, today, NULL };
  CiroTodayReport t0, t1;
  CiroSummary s;
  GSettings *settings;
  GtkWidget *win, *box, *today_page, *products_page, *analytics_page, *categories_page;
  CiroProductDialog *dialog;
  guint today_loaded = 0, products_loaded = 0, analytics_loaded = 0, dialog_loaded = 0, categories_loaded = 0;
  gboolean differ = FALSE;

  store = ciro_test_reference_store (path, 3000, 60, 11, CIRO_DAY_INVALID, 90);
  /* a service fee on Trendyol and a Trendyol commission of 25 % for the
   * shirts: the two views differ, and the rankings by them too */
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_SERVICE_FEE, "Trendyol", NULL, today - 400, 990, &error));
  g_assert_no_error (error);
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_CATEGORY_COMMISSION, "Trendyol", "Gömlek", today - 400, 2500,
                                      &error));
  g_assert_no_error (error);
  g_assert_true (ciro_report_summary (store, &f, &s, &error));
  g_assert_cmpint (s.service_fees, >, 0);
  g_assert_cmpint (s.profit, !=, s.profit_ex_vat);
  best_after = best_of (store, &f, TRUE);
  best_before = best_of (store, &f, FALSE);
  g_assert_cmpuint (best_after->len, ==, 25);
  g_assert_cmpuint (best_before->len, ==, 25);
  for (guint i = 0; i < best_after->len; i++)
    differ |= g_array_index (best_after, CiroProductRow, i).product_key !=
              g_array_index (best_before, CiroProductRow, i).product_key;
  /* the rankings by the two profits are not the same list */
  g_assert_true (differ);
  categories = ciro_report_categories (store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, >, 3);

  context = ciro_context_new (path);
  settings = ciro_context_get_settings (context);
  g_settings_set_boolean (settings, CIRO_VAT_VIEW_KEY, TRUE);

  win = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (win), 1300, 900);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_window_set_child (GTK_WINDOW (win), box);

  g_assert_true (ciro_report_today (store, today, NULL, &t0, &error));
  today_page = ciro_today_page_new (context);
  g_signal_connect (today_page, "loaded", G_CALLBACK (count_loaded), &today_loaded);
  products_page = ciro_products_page_new (context);
  g_signal_connect (products_page, "loaded", G_CALLBACK (count_loaded), &products_loaded);
  analytics_page = ciro_analytics_page_new (context);
  g_signal_connect (analytics_page, "loaded", G_CALLBACK (count_loaded), &analytics_loaded);
  gtk_box_append (GTK_BOX (box), today_page);
  gtk_box_append (GTK_BOX (box), products_page);
  gtk_box_append (GTK_BOX (box), analytics_page);
  categories_page = ciro_categories_page_new (context);
  g_signal_connect (categories_page, "loaded", G_CALLBACK (count_loaded), &categories_loaded);
  gtk_box_append (GTK_BOX (box), categories_page);
  gtk_window_present (GTK_WINDOW (win));
  wait_count (&today_loaded, 1);
  wait_count (&products_loaded, 1);
  wait_count (&analytics_loaded, 1);
  wait_count (&categories_loaded, 1);
  g_assert_true (ciro_report_today (store, today, NULL, &t1, &error));
  g_assert_cmpstr (ciro_today_page_get_state (CIRO_TODAY_PAGE (today_page)), ==, "data");

  /* after KDV, the default */
  assert_today (today_page, &t0, &t1, TRUE);
  assert_products (CIRO_PRODUCTS_PAGE (products_page), best_after, TRUE);
  assert_categories (CIRO_CATEGORIES_PAGE (categories_page), categories, TRUE);
  dialog = CIRO_PRODUCT_DIALOG (ciro_products_page_open_product (CIRO_PRODUCTS_PAGE (products_page), 0));
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "loaded", G_CALLBACK (count_loaded), &dialog_loaded);
  wait_count (&dialog_loaded, 1);
  assert_dialog (dialog, &g_array_index (best_after, CiroProductRow, 0), TRUE);

  /* flipped on the Analytics page: remembered, followed at once */
  ciro_analytics_page_set_after_vat (CIRO_ANALYTICS_PAGE (analytics_page), FALSE);
  settle ();
  g_assert_false (g_settings_get_boolean (settings, CIRO_VAT_VIEW_KEY));
  assert_today (today_page, &t0, &t1, FALSE);
  assert_products (CIRO_PRODUCTS_PAGE (products_page), best_before, FALSE);
  assert_dialog (dialog, &g_array_index (best_after, CiroProductRow, 0), FALSE);
  assert_categories (CIRO_CATEGORIES_PAGE (categories_page), categories, FALSE);
  /* nothing was read again */
  g_assert_cmpuint (categories_loaded, ==, 1);
  g_assert_cmpuint (today_loaded, ==, 1);
  g_assert_cmpuint (products_loaded, ==, 1);
  g_assert_cmpuint (analytics_loaded, ==, 1);

  /* a reload keeps the view */
  ciro_products_page_reload (CIRO_PRODUCTS_PAGE (products_page));
  wait_count (&products_loaded, 2);
  assert_products (CIRO_PRODUCTS_PAGE (products_page), best_before, FALSE);

  /* the setting changed elsewhere (another window): the Analytics page
   * follows too */
  g_settings_set_boolean (settings, CIRO_VAT_VIEW_KEY, TRUE);
  settle ();
  g_assert_true (ciro_analytics_page_get_after_vat (CIRO_ANALYTICS_PAGE (analytics_page)));
  assert_today (today_page, &t0, &t1, TRUE);
  assert_products (CIRO_PRODUCTS_PAGE (products_page), best_after, TRUE);
  assert_dialog (dialog, &g_array_index (best_after, CiroProductRow, 0), TRUE);
  assert_categories (CIRO_CATEGORIES_PAGE (categories_page), categories, TRUE);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (win));
  settle ();
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
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
  dir = ciro_test_tmpdir ("ui-vat-switch");
  g_test_add_func ("/ui-vat-switch/pages", test_switch);
  rc = g_test_run ();
  g_rmdir (dir);
  return rc;
}
