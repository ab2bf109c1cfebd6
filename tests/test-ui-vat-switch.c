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
#include <sqlite3.h>
#include <string.h>

#include "analytics/ciro-range.h"
#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "store/ciro-profit.h"
#include "ui/ciro-context.h"
#include "analytics/ciro-categories.h"
#include "analytics/ciro-baskets.h"
#include "analytics/ciro-customers.h"
#include "store/ciro-store-sql.h"
#include "ui/pages/ciro-analytics-page.h"
#include "ui/pages/ciro-baskets-page.h"
#include "ui/pages/ciro-customers-page.h"
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

static GtkWidget *
find_type (GtkWidget *root, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_labels (GtkWidget *root, GPtrArray *out)
{
  if (GTK_IS_LABEL (root))
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_labels (c, out);
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

/* ---------------------------------------------------------- customers and bundles */

#define SERVICE_FEE 990

static gint64
sql_int (CiroStore *store, const char *sql, gint64 a, gint64 b, const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  if (text != NULL)
    sqlite3_bind_text (stmt, 3, text, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* A customer's historical lifetime value after VAT settlement straight
 * from the tables, by profit.md's definition: each net order's lines and
 * shipping, less the KDV in them, the lines' cost without KDV and
 * commission, the shipping expense and the service fee (Trendyol's, no
 * order with an imported one). */
static CiroKurus
sql_history_ex_vat (CiroStore *store, const char *key, CiroDay to)
{
  gboolean by_id = g_str_has_prefix (key, "id:");
  g_autofree char *sql = g_strdup_printf (
    "SELECT coalesce (sum ((SELECT coalesce (sum (l.amount - l.output_vat - l.cost_ex_vat - l.commission), 0)"
    "  FROM order_lines l WHERE l.order_id = o.id) + o.shipping_total - o.shipping_vat"
    "  - coalesce (o.actual_cargo, o.tariff, m.shipping_cost)"
    "  - coalesce (o.actual_service_fee, CASE WHEN m.name = 'Trendyol' THEN %d ELSE 0 END)), 0)"
    " FROM orders o JOIN marketplaces m ON m.id = o.marketplace_id"
    " WHERE o.status <> 6 AND o.day <= ?2 AND %s", SERVICE_FEE,
    by_id ? "o.customer_id = ?1" : "coalesce (o.customer_id, 0) = 0 AND o.customer_key = ?3");

  return sql_int (store, sql, by_id ? g_ascii_strtoll (key + 3, NULL, 10) : 0, to, by_id ? NULL : key);
}

static CiroKurus
vat_part (CiroKurus amount, gint64 rate)
{
  /* amount × r / (10000 + r), half up (amounts here are positive) */
  return (2 * amount * rate + 10000 + rate) / (2 * (10000 + rate));
}

/* A bundle's row as the page must show it in a view: its summed catalogue
 * price and unit cost at `to` read from the tables (the user's cost entry
 * first, then Sentos', the latest on or before `to`). */
static char *
expected_bundle_row (CiroStore *store, const CiroBaskets *b, const CiroBasketSet *s, CiroDay to, gboolean after_vat)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  CiroKurus price = 0, price_ex = 0, cost = 0, cost_ex = 0;
  gboolean known = TRUE;
  g_autofree char *names = ciro_basket_set_names (b, s), *skus = ciro_basket_set_skus (b, s);
  g_autofree char *count = ciro_count_format (s->count, style);
  g_autofree char *orders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders", (gulong) s->count),
                                             count);
  g_autofree char *lift = ciro_number_format (s->lift, 2, style);
  g_autofree char *price_s = NULL, *cost_s = NULL, *margin_s = NULL;

  for (guint i = 0; i < s->size; i++)
    {
      gint64 id = s->items[i];
      CiroKurus p = sql_int (store, "SELECT sale_price FROM products WHERE id = ?1", id, 0, NULL);
      gint64 vat = sql_int (store, "SELECT vat_rate FROM products WHERE id = ?1", id, 0, NULL);
      const char *pick = "FROM cost_history WHERE kind = 0 AND entity_id = ?1 AND from_day <= ?2"
                         " ORDER BY source DESC, from_day DESC LIMIT 1";
      g_autofree char *pp_sql = g_strdup_printf ("SELECT purchase_price %s", pick);
      g_autofree char *vr_sql = g_strdup_printf ("SELECT vat_rate %s", pick);
      gint64 pp = sql_int (store, pp_sql, id, to, NULL), vr = sql_int (store, vr_sql, id, to, NULL);

      price += p;
      price_ex += p - vat_part (p, vat);
      if (pp <= 0)
        known = FALSE;
      else
        {
          cost += (pp * (10000 + vr) + 5000) / 10000;
          cost_ex += pp;
        }
    }
  price_s = ciro_money_format (after_vat ? price_ex : price, style);
  if (known && price > 0)
    {
      CiroKurus m = after_vat ? price_ex - cost_ex : price - cost;
      g_autofree char *m_s = ciro_money_format (m, style);
      g_autofree char *pct = ciro_percent_format ((double) m / (double) (after_vat ? price_ex : price) * 100.0, 1, style);
      cost_s = ciro_money_format (after_vat ? cost_ex : cost, style);
      margin_s = g_strdup_printf (after_vat ? _("margin after VAT %s (%s)") : _("margin %s (%s)"), m_s, pct);
    }
  else
    {
      cost_s = g_strdup ("—");
      margin_s = g_strdup (_("margin unknown"));
    }
  {
    g_autofree char *sub = after_vat
      ? g_strdup_printf (_("%s\n%s · lift %s · price excl. VAT %s · cost excl. VAT %s · %s"), skus, orders, lift,
                         price_s, cost_s, margin_s)
      : g_strdup_printf (_("%s\n%s · lift %s · price %s · cost %s · %s"), skus, orders, lift, price_s, cost_s, margin_s);
    return g_strdup_printf ("%s\n%s", names, sub);
  }
}

static void
assert_bundles (CiroBasketsPage *page, CiroStore *store, const CiroBaskets *b, CiroDay to, gboolean after_vat)
{
  g_autoptr(GPtrArray) rows = ciro_baskets_page_get_rows (page, CIRO_BASKETS_VIEW_BUNDLES);
  guint margins = 0;

  g_assert_cmpstr (vat_label (GTK_WIDGET (page)), ==, ciro_vat_view_text (after_vat));
  g_assert_cmpuint (rows->len, ==, MIN (b->bundles->len, 100));
  for (guint i = 0; i < MIN (rows->len, 12); i++)
    {
      const CiroBasketSet *s = &g_array_index (b->bundles, CiroBasketSet, i);
      g_autofree char *want = expected_bundle_row (store, b, s, to, after_vat);
      CiroBundleValue v;

      ciro_basket_set_value (b, s, &v);
      margins += v.has_margin;
      g_assert_cmpstr (rows->pdata[i], ==, want);
    }
  g_assert_cmpuint (margins, >, 0);
}

static void
assert_customers (CiroCustomersPage *page, CiroStore *store, const CiroCustomerReport *r, gboolean after_vat)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  CiroKurus total = 0, churn = 0, top = G_MININT64;
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  GtkWidget *card = find_named (GTK_WIDGET (page), "customers-clv");
  const char *key = ciro_customers_page_get_customer_key (page, 0);
  const CiroCustomer *first = NULL;

  g_assert_nonnull (card);
  g_assert_cmpstr (vat_label (GTK_WIDGET (page)), ==, ciro_vat_view_text (after_vat));
  for (guint i = 0; i < r->customers->len; i++)
    {
      const CiroCustomer *c = &g_array_index (r->customers, CiroCustomer, i);
      CiroKurus v = after_vat ? c->clv_12m_ex_vat : c->clv_12m;
      total += v;
      if (c->churn_risk)
        churn += v;
      top = MAX (top, v);
      if (g_strcmp0 (c->key, key) == 0)
        first = c;
    }
  /* the card: every customer's value of the view */
  {
    g_autofree char *want = ciro_money_format (total, style);
    const char *detail = after_vat ? _("profit after VAT expected from today’s customers")
                                   : _("profit expected from today’s customers");
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    gboolean seen = FALSE;

    g_assert_cmpstr (ciro_kpi_card_get_value (CIRO_KPI_CARD (card)), ==, want);
    collect_labels (card, labels);
    for (guint i = 0; i < labels->len; i++)
      seen |= g_strcmp0 (gtk_label_get_text (labels->pdata[i]), detail) == 0;
    g_assert_true (seen);
  }
  /* the churn title: what the customers at risk are worth in the view */
  {
    g_autofree char *n = ciro_count_format (r->n_churn, style);
    g_autofree char *spent = ciro_money_format (r->churn_spend, style);
    g_autofree char *worth = ciro_money_format (churn, style);
    g_autofree char *want = g_strdup_printf (after_vat ? _("At risk of leaving: %s customers who spent %s; worth %s "
                                                           "after VAT in the next 12 months")
                                                       : _("At risk of leaving: %s customers who spent %s; worth %s in "
                                                           "the next 12 months"), n, spent, worth);
    gboolean seen = FALSE;

    g_assert_cmpint (r->n_churn, >, 0);
    collect_labels (GTK_WIDGET (page), views);
    for (guint i = 0; i < views->len; i++)
      seen |= g_strcmp0 (gtk_label_get_text (views->pdata[i]), want) == 0;
    g_assert_true (seen);
  }
  /* the list sorted by the CLV of the view: its largest first, the
   * column titled for the view */
  {
    g_autofree char *want = ciro_money_format (top, style);
    g_autofree char *got = ciro_customers_page_get_clv_text (page, 0);
    GtkWidget *view = find_type (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW);
    g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (gtk_column_view_get_columns (GTK_COLUMN_VIEW (view)), 7);
    g_assert_cmpstr (got, ==, want);
    g_assert_cmpstr (gtk_column_view_column_get_title (col), ==,
                     after_vat ? _("CLV after VAT, 12 months") : _("CLV, 12 months"));
  }
  /* that customer's values against the tables: the history after VAT to
   * the kuruş, the prediction the expected spend at the customer's own
   * rate (within the kuruş the spend was rounded to) */
  g_assert_nonnull (first);
  g_assert_cmpint ((after_vat ? first->clv_12m_ex_vat : first->clv_12m), ==, top);
  g_assert_cmpint (first->clv_historical_ex_vat, ==, sql_history_ex_vat (store, first->key, r->to));
  g_assert_cmpfloat (fabs ((double) first->clv_12m_ex_vat
                           - (double) first->expected_spend_12m * first->clv_historical_ex_vat / first->spend), <=, 1.0);
}

static void
assert_detail (GtkWidget *detail, const CiroCustomerReport *r, const char *key, gboolean after_vat)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GtkWidget *row = find_named (gtk_window_get_child (GTK_WINDOW (detail)), "customer-history");
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree char *want = NULL;

  g_assert_nonnull (row);
  for (guint i = 0; i < r->customers->len; i++)
    if (g_strcmp0 (g_array_index (r->customers, CiroCustomer, i).key, key) == 0)
      {
        const CiroCustomer *c = &g_array_index (r->customers, CiroCustomer, i);
        want = ciro_money_format (after_vat ? c->clv_historical_ex_vat : c->clv_historical, style);
      }
  g_assert_nonnull (want);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   after_vat ? _("Historical lifetime value (profit after VAT)")
                             : _("Historical lifetime value (profit)"));
  collect_labels (row, labels);
  {
    gboolean seen = FALSE;
    for (guint i = 0; i < labels->len; i++)
      seen |= g_strcmp0 (gtk_label_get_text (labels->pdata[i]), want) == 0;
    g_assert_true (seen);
  }
}

static void
test_customers_baskets (void)
{
  g_autofree char *path = g_build_filename (dir, "vat-customers.db", NULL);
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroContext) context = NULL;
  g_autoptr(CiroCustomerReport) r = NULL;
  g_autoptr(CiroBaskets) b = NULL;
  CiroDay today = ciro_today ();
  CiroReportFilter f = { today - 364, today, NULL };
  CiroBasketOptions o = { 5, 3, 0 };
  GSettings *settings;
  GtkWidget *win, *box, *customers_page, *baskets_page, *analytics_page, *detail;
  guint customers_loaded = 0, baskets_loaded = 0, analytics_loaded = 0, detail_loaded = 0;
  g_autofree char *detail_key = NULL;

  store = ciro_test_reference_store (path, 6000, 40, 5, CIRO_DAY_INVALID, 730);
  g_assert_true (ciro_store_set_rate (store, CIRO_RATE_SERVICE_FEE, "Trendyol", NULL, today - 800, SERVICE_FEE,
                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (sql_int (store, "SELECT count (*) FROM orders WHERE actual_service_fee IS NOT NULL", 0, 0, NULL),
                   ==, 0);
  r = ciro_report_customers (store, &f, CIRO_CUSTOMERS_MODEL, &error);
  g_assert_no_error (error);
  g_assert_true (r->model_fitted);
  b = ciro_report_baskets (store, &f, &o, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (b->bundles->len, >, 0);

  context = ciro_context_new (path);
  settings = ciro_context_get_settings (context);
  g_settings_set_boolean (settings, CIRO_VAT_VIEW_KEY, TRUE);
  g_settings_set_uint (settings, "basket-min-count", 5);

  win = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (win), 1300, 900);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_window_set_child (GTK_WINDOW (win), box);
  customers_page = ciro_customers_page_new (context);
  g_signal_connect (customers_page, "loaded", G_CALLBACK (count_loaded), &customers_loaded);
  g_signal_connect (customers_page, "detail-loaded", G_CALLBACK (count_loaded), &detail_loaded);
  baskets_page = ciro_baskets_page_new (context);
  g_signal_connect (baskets_page, "loaded", G_CALLBACK (count_loaded), &baskets_loaded);
  analytics_page = ciro_analytics_page_new (context);
  g_signal_connect (analytics_page, "loaded", G_CALLBACK (count_loaded), &analytics_loaded);
  gtk_box_append (GTK_BOX (box), customers_page);
  gtk_box_append (GTK_BOX (box), baskets_page);
  gtk_box_append (GTK_BOX (box), analytics_page);
  gtk_window_present (GTK_WINDOW (win));
  wait_count (&customers_loaded, 1);
  wait_count (&baskets_loaded, 1);
  wait_count (&analytics_loaded, 1);
  g_assert_cmpstr (ciro_customers_page_get_state (CIRO_CUSTOMERS_PAGE (customers_page)), ==, "data");
  g_assert_cmpstr (ciro_baskets_page_get_state (CIRO_BASKETS_PAGE (baskets_page)), ==, "data");
  ciro_baskets_page_set_view (CIRO_BASKETS_PAGE (baskets_page), CIRO_BASKETS_VIEW_BUNDLES);
  ciro_customers_page_sort_by_clv (CIRO_CUSTOMERS_PAGE (customers_page));
  settle ();

  /* after KDV, the default */
  assert_customers (CIRO_CUSTOMERS_PAGE (customers_page), store, r, TRUE);
  assert_bundles (CIRO_BASKETS_PAGE (baskets_page), store, b, today, TRUE);
  detail_key = g_strdup (ciro_customers_page_get_customer_key (CIRO_CUSTOMERS_PAGE (customers_page), 0));
  detail = ciro_customers_page_open_detail (CIRO_CUSTOMERS_PAGE (customers_page), 0);
  wait_count (&detail_loaded, 1);
  assert_detail (detail, r, detail_key, TRUE);

  /* flipped on the Analytics page: followed at once, nothing read again */
  ciro_analytics_page_set_after_vat (CIRO_ANALYTICS_PAGE (analytics_page), FALSE);
  settle ();
  assert_customers (CIRO_CUSTOMERS_PAGE (customers_page), store, r, FALSE);
  assert_bundles (CIRO_BASKETS_PAGE (baskets_page), store, b, today, FALSE);
  assert_detail (detail, r, detail_key, FALSE);
  g_assert_cmpuint (customers_loaded, ==, 1);
  g_assert_cmpuint (baskets_loaded, ==, 1);

  /* and back */
  g_settings_set_boolean (settings, CIRO_VAT_VIEW_KEY, TRUE);
  settle ();
  assert_customers (CIRO_CUSTOMERS_PAGE (customers_page), store, r, TRUE);
  assert_bundles (CIRO_BASKETS_PAGE (baskets_page), store, b, today, TRUE);
  assert_detail (detail, r, detail_key, TRUE);
  g_assert_cmpuint (customers_loaded, ==, 1);
  g_assert_cmpuint (baskets_loaded, ==, 1);

  gtk_window_destroy (GTK_WINDOW (detail));
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
  g_test_add_func ("/ui-vat-switch/customers-baskets", test_customers_baskets);
  rc = g_test_run ();
  g_rmdir (dir);
  return rc;
}
