/* test-ui-categories.c: the Categories page against the engine
 *
 * A demo store ending on 2026-11-20 ("today" is the 21st): every cell of
 * the category table read back from its label and compared with
 * ciro_report_categories () of the page's window, formatted independently
 * here; the chart's bars; a drill-down lists the category's products as
 * ciro_report_category_products () ranks them; an empty store shows the
 * empty state. Run in English and, as ui-categories-tr, in Turkish.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "analytics/ciro-categories.h"
#include "charts/ciro-chart.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "ui/charts/ciro-chart-view.h"
#include "ui/ciro-context.h"
#include "ui/pages/ciro-categories-page.h"
#include "ciro-test-util.h"

static char *dir;
static gboolean turkish;

static void
count (GtkWidget *w, guint *n)
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
}

static void
collect (GtkWidget *w, GType type, GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (w, type))
    g_ptr_array_add (out, w);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect (c, type, out);
}

static GPtrArray *
all_of (GtkWidget *root, GType type)
{
  GPtrArray *out = g_ptr_array_new ();
  collect (root, type, out);
  return out;
}

/* The texts of the table's rows as shown: one string per row, its cells'
 * labels joined with " | " in column order. */
static GPtrArray *
table_rows (GtkWidget *page)
{
  g_autoptr(GPtrArray) views = all_of (page, GTK_TYPE_COLUMN_VIEW);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpuint (views->len, ==, 1);
  rows = g_ptr_array_new ();
  /* GtkColumnView's rows are the children of its list view named "row" */
  {
    g_autoptr(GPtrArray) all = all_of (views->pdata[0], GTK_TYPE_WIDGET);
    for (guint i = 0; i < all->len; i++)
      if (g_str_equal (gtk_widget_get_css_name (all->pdata[i]), "row") &&
          !GTK_IS_LABEL (all->pdata[i]))
        g_ptr_array_add (rows, all->pdata[i]);
  }
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) labels = all_of (rows->pdata[i], GTK_TYPE_LABEL);
      GString *s = g_string_new (NULL);

      for (guint j = 0; j < labels->len; j++)
        g_string_append_printf (s, "%s%s", j > 0 ? " | " : "", gtk_label_get_text (labels->pdata[j]));
      g_ptr_array_add (out, g_string_free (s, FALSE));
    }
  return out;
}

static char *
pct (gboolean has, double v, gboolean sign)
{
  g_autofree char *t = NULL;

  if (!has)
    return g_strdup ("—");
  t = ciro_percent_format (v, 1, ciro_number_style_from_locale ());
  return sign && v > 0 ? g_strconcat ("+", t, NULL) : g_steal_pointer (&t);
}

/* A row of the engine as the table must show it, written out here. */
static char *
expected_row (const CiroCategoryRow *r)
{
  CiroNumberStyle st = ciro_number_style_from_locale ();
  const char *name = r->kind == CIRO_CATEGORY_NONE ? (turkish ? "Kategorisiz" : "Uncategorised")
                   : r->kind == CIRO_CATEGORY_UNMATCHED ? (turkish ? "Eşleşmeyen" : "Unmatched")
                   : r->category;
  g_autofree char *rev = ciro_money_format (r->revenue, st), *cost = ciro_money_format (r->cost, st);
  /* profit and margin after VAT settlement: the default view (profit.md) */
  g_autofree char *com = ciro_money_format (r->commission, st), *pro = ciro_money_format (r->profit_ex_vat, st);
  g_autofree char *mar = pct (r->has_margin, r->margin_ex_vat_pct, FALSE), *sha = pct (TRUE, r->share_pct, FALSE);
  g_autofree char *ord = ciro_count_format (r->orders, st), *uni = ciro_count_format (r->units, st);
  g_autofree char *chg = pct (r->has_revenue_change, r->revenue_change_pct, TRUE);

  return g_strjoin (" | ", name, rev, cost, com, pro, mar, sha, ord, uni, chg, NULL);
}

/* The trend chart holds a line for each of rows `want` (in the table's
 * order), named as shown, each month's revenue from `months` (0 where the
 * category sold nothing). */
static void
assert_trend (const CiroChart *trend, GArray *rows, GArray *months, gint32 m0, const guint *want, guint n)
{
  g_assert_cmpuint (ciro_chart_get_n_series (trend), ==, n);
  for (guint k = 0; k < n; k++)
    {
      const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, want[k]);
      const char *name = r->kind == CIRO_CATEGORY_NONE ? (turkish ? "Kategorisiz" : "Uncategorised")
                       : r->kind == CIRO_CATEGORY_UNMATCHED ? (turkish ? "Eşleşmeyen" : "Unmatched")
                       : r->category;
      double expect[12] = { 0 };
      double total = 0;

      g_assert_cmpstr (ciro_chart_get_series_name (trend, k), ==, name);
      for (guint i = 0; i < months->len; i++)
        {
          const CiroCategoryRow *m = &g_array_index (months, CiroCategoryRow, i);
          if (m->kind == r->kind && g_str_equal (m->category, r->category))
            expect[m->month - m0] = (double) m->revenue;
        }
      for (guint i = 0; i < 12; i++)
        {
          g_assert_cmpfloat (ciro_chart_get_value (trend, k, i), ==, expect[i]);
          total += expect[i];
        }
      g_assert_cmpfloat (total, >, 0);
    }
}

static void
test_page (void)
{
  g_autofree char *path = g_build_filename (dir, "categories.db", NULL);
  CiroDay end = ciro_day_from_ymd (2026, 11, 20);
  g_autoptr(CiroStore) store = ciro_test_reference_store (path, 6000, 80, 7, end, 120);
  g_autoptr(CiroContext) context = ciro_context_new (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = NULL, products = NULL;
  g_autoptr(GPtrArray) shown = NULL, views = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = ciro_categories_page_new (context);
  CiroReportFilter f = { 0 };
  guint loaded = 0;

  g_signal_connect (page, "loaded", G_CALLBACK (count), &loaded);
  gtk_window_set_default_size (GTK_WINDOW (window), 1300, 2400);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_count (&loaded, 1);
  g_assert_cmpstr (ciro_categories_page_get_state (CIRO_CATEGORIES_PAGE (page)), ==, "data");

  /* the window's name in the user's language */
  {
    g_autoptr(GPtrArray) downs = all_of (page, GTK_TYPE_DROP_DOWN);
    g_autoptr(GObject) item = NULL;
    g_assert_cmpuint (downs->len, >=, 1);
    item = gtk_drop_down_get_selected_item (downs->pdata[0]);
    g_assert_cmpstr (gtk_string_object_get_string (GTK_STRING_OBJECT (item)), ==,
                     turkish ? "Son 30 Gün" : "Last 30 Days");
    g_object_ref (item);
  }
  ciro_categories_page_get_window (CIRO_CATEGORIES_PAGE (page), &f.from, &f.to);
  rows = ciro_report_categories (store, &f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >=, 3);

  /* the table, by revenue (the engine's order), every cell */
  for (guint tries = 0; tries < 50; tries++)
    {
      g_clear_pointer (&shown, g_ptr_array_unref);
      g_main_context_iteration (NULL, FALSE);
      shown = table_rows (page);
      if (shown->len >= rows->len)
        break;
      g_usleep (20000);
    }
  g_assert_cmpuint (shown->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *want = expected_row (&g_array_index (rows, CiroCategoryRow, i));
      g_test_message ("row %u: %s", i, (char *) shown->pdata[i]);
      g_assert_cmpstr (shown->pdata[i], ==, want);
    }

  /* the chart: revenue and profit of each category, in the same order */
  views = all_of (page, CIRO_TYPE_CHART_VIEW);
  g_assert_cmpuint (views->len, >=, 1);
  {
    const CiroChart *chart = ciro_chart_view_get_chart (views->pdata[0]);
    g_assert_cmpuint (ciro_chart_get_n_points (chart), ==, MIN (rows->len, 12));
    /* grouped bars: revenue and profit of each category, named in a legend */
    g_assert_cmpuint (ciro_chart_get_n_series (chart), ==, 2);
    g_assert_cmpstr (ciro_chart_get_series_name (chart, 0), ==, turkish ? "Ciro" : "Revenue");
    g_assert_cmpstr (ciro_chart_get_series_name (chart, 1), ==, turkish ? "KDV Sonrası Kâr" : "Profit after VAT");
    for (guint i = 0; i < ciro_chart_get_n_points (chart); i++)
      {
        const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
        g_assert_cmpfloat (ciro_chart_get_value (chart, 0, i), ==, (double) r->revenue);
        g_assert_cmpfloat (ciro_chart_get_value (chart, 1, i), ==, (double) r->profit_ex_vat);
      }
  }

  /* the monthly trend: the five largest categories over the 12 calendar
   * months to the window's end, as the engine's months give them */
  {
    CiroReportFilter tf = f;
    g_autoptr(GArray) months = NULL;
    const CiroChart *trend = ciro_categories_page_get_trend (CIRO_CATEGORIES_PAGE (page));
    gint32 m0 = ciro_day_month (f.to) - 11;
    guint n = MIN (rows->len, 5);
    g_autoptr(GPtrArray) checks = NULL;

    tf.from = ciro_month_first_day (m0);
    months = ciro_report_category_months (store, &tf, &error);
    g_assert_no_error (error);
    g_assert_nonnull (trend);
    g_assert_cmpint (ciro_chart_get_kind (trend), ==, CIRO_CHART_LINE);
    g_assert_cmpuint (ciro_chart_get_n_points (trend), ==, 12);
    assert_trend (trend, rows, months, m0, (guint[]) { 0, 1, 2, 3, 4 }, n);
    g_assert_cmpuint (rows->len, >=, 7);
    /* a row's check button adds its category, another takes one away */
    checks = all_of (page, GTK_TYPE_CHECK_BUTTON);
    g_assert_cmpuint (checks->len, ==, rows->len);
    for (guint i = 0; i < checks->len; i++)
      g_assert_true (gtk_check_button_get_active (checks->pdata[i]) == (i < 5));
    gtk_check_button_set_active (checks->pdata[6], TRUE);
    trend = ciro_categories_page_get_trend (CIRO_CATEGORIES_PAGE (page));
    assert_trend (trend, rows, months, m0, (guint[]) { 0, 1, 2, 3, 4, 6 }, 6);
    ciro_categories_page_toggle_trend (CIRO_CATEGORIES_PAGE (page), 0);
    trend = ciro_categories_page_get_trend (CIRO_CATEGORIES_PAGE (page));
    assert_trend (trend, rows, months, m0, (guint[]) { 1, 2, 3, 4, 6 }, 5);
    g_assert_false (gtk_check_button_get_active (checks->pdata[0]));
  }

  /* the drill-down: the first category's products, as the engine ranks them */
  ciro_categories_page_drill (CIRO_CATEGORIES_PAGE (page), 0);
  wait_count (&loaded, 2);
  {
    const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, 0);
    GPtrArray *skus = ciro_categories_page_get_products (CIRO_CATEGORIES_PAGE (page));

    products = ciro_report_category_products (store, &f, r->kind, r->category, CIRO_SORT_REVENUE, 0, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (skus->len, >, 0);
    g_assert_cmpuint (skus->len, <=, products->len);
    for (guint i = 0; i < skus->len; i++)
      g_assert_cmpstr (skus->pdata[i], ==, g_array_index (products, CiroProductRow, i).sku);
  }

  /* the marketplace: chosen in the drop-down, the table, the bars and the
   * trend are of its orders only */
  {
    g_autoptr(GPtrArray) downs = all_of (page, GTK_TYPE_DROP_DOWN);
    g_autoptr(GArray) mp_rows = NULL, mp_months = NULL, shown_rows = NULL;
    g_autoptr(GPtrArray) mps = ciro_store_list_marketplaces (store, &error);
    GtkDropDown *mp_drop = NULL;
    GListModel *names;
    CiroReportFilter mf = f, tf;
    const CiroChart *trend;
    guint n;

    g_assert_no_error (error);
    g_assert_cmpuint (mps->len, >=, 2);
    for (guint i = 0; i < downs->len; i++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (downs->pdata[i]), turkish ? "Pazaryeri" : "Marketplace") == 0)
        mp_drop = downs->pdata[i];
    g_assert_nonnull (mp_drop);
    names = gtk_drop_down_get_model (mp_drop);
    g_assert_cmpuint (g_list_model_get_n_items (names), ==, mps->len + 1);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 0), ==,
                     turkish ? "Tüm Pazaryerleri" : "All Marketplaces");
    mf.marketplace = ((CiroMarketplaceSettings *) mps->pdata[1])->name;
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (names), 2), ==, mf.marketplace);
    gtk_drop_down_set_selected (mp_drop, 2);
    wait_count (&loaded, 3);
    g_assert_cmpstr (ciro_categories_page_get_marketplace (CIRO_CATEGORIES_PAGE (page)), ==, mf.marketplace);
    mp_rows = ciro_report_categories (store, &mf, &error);
    g_assert_no_error (error);
    shown_rows = ciro_categories_page_get_rows (CIRO_CATEGORIES_PAGE (page));
    g_assert_cmpuint (shown_rows->len, ==, mp_rows->len);
    for (guint i = 0; i < mp_rows->len; i++)
      {
        const CiroCategoryRow *a = &g_array_index (mp_rows, CiroCategoryRow, i);
        const CiroCategoryRow *b = &g_array_index (shown_rows, CiroCategoryRow, i);
        g_assert_cmpstr (a->category, ==, b->category);
        g_assert_cmpint (a->revenue, ==, b->revenue);
        g_assert_cmpint (a->profit, ==, b->profit);
      }
    /* not the figures of every marketplace */
    g_assert_cmpint (g_array_index (mp_rows, CiroCategoryRow, 0).revenue, <,
                     g_array_index (rows, CiroCategoryRow, 0).revenue);
    tf = mf;
    tf.from = ciro_month_first_day (ciro_day_month (f.to) - 11);
    mp_months = ciro_report_category_months (store, &tf, &error);
    g_assert_no_error (error);
    trend = ciro_categories_page_get_trend (CIRO_CATEGORIES_PAGE (page));
    /* the user's choice stands: the categories chosen above, now of the marketplace */
    n = ciro_chart_get_n_series (trend);
    {
      static const guint chosen[] = { 1, 2, 3, 4, 6 };
      guint want = 0;
      for (guint i = 0; i < mp_rows->len; i++)
        for (guint c = 0; c < G_N_ELEMENTS (chosen); c++)
          {
            const CiroCategoryRow *a = &g_array_index (mp_rows, CiroCategoryRow, i);
            const CiroCategoryRow *b = &g_array_index (rows, CiroCategoryRow, chosen[c]);
            want += a->kind == b->kind && g_str_equal (a->category, b->category);
          }
      g_assert_cmpuint (n, ==, want);
      g_assert_cmpuint (n, >, 0);
    }
    for (guint k = 0; k < n; k++)
      for (guint i = 0; i < mp_months->len; i++)
        {
          const CiroCategoryRow *m = &g_array_index (mp_months, CiroCategoryRow, i);
          const char *name = m->kind == CIRO_CATEGORY_NONE ? (turkish ? "Kategorisiz" : "Uncategorised")
                           : m->kind == CIRO_CATEGORY_UNMATCHED ? (turkish ? "Eşleşmeyen" : "Unmatched")
                           : m->category;
          if (g_str_equal (name, ciro_chart_get_series_name (trend, k)))
            g_assert_cmpfloat (ciro_chart_get_value (trend, k, m->month - (ciro_day_month (f.to) - 11)), ==,
                               (double) m->revenue);
        }
    /* back to every marketplace */
    gtk_drop_down_set_selected (mp_drop, 0);
    wait_count (&loaded, 4);
    g_assert_null (ciro_categories_page_get_marketplace (CIRO_CATEGORIES_PAGE (page)));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  g_clear_object (&store);
  ciro_test_remove_store (path);
}

static void
test_empty (void)
{
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);
  g_autoptr(CiroContext) context = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  guint loaded = 0;

  g_assert_no_error (error);
  g_clear_object (&store);
  context = ciro_context_new (path);
  page = ciro_categories_page_new (context);
  g_signal_connect (page, "loaded", G_CALLBACK (count), &loaded);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_count (&loaded, 1);
  g_assert_cmpstr (ciro_categories_page_get_state (CIRO_CATEGORIES_PAGE (page)), ==, "empty");
  {
    g_autoptr(GPtrArray) pages = all_of (page, ADW_TYPE_STATUS_PAGE);
    gboolean found = FALSE;
    for (guint i = 0; i < pages->len; i++)
      found |= g_strcmp0 (adw_status_page_get_title (pages->pdata[i]),
                          turkish ? "Bu Dönemde Satış Yok" : "No Sales in This Period") == 0;
    g_assert_true (found);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&context);
  ciro_test_remove_store (path);
}

int
main (int argc, char *argv[])
{
  int rc;

  /* "today" for the page is the day after the store's last */
  g_setenv ("CIRO_NOW", "2026-11-21 12:00:00", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("CIRO_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIRO_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      turkish = g_str_has_prefix (g_getenv ("LANGUAGE") ? g_getenv ("LANGUAGE") : "", "tr");
    }
  if (!gtk_init_check ())
    {
      g_test_skip ("no display");
      return 77;
    }
  adw_init ();
  dir = ciro_test_tmpdir ("ui-categories");
  g_test_add_func ("/ui-categories/page", test_page);
  g_test_add_func ("/ui-categories/empty", test_empty);
  rc = g_test_run ();
  g_rmdir (dir);
  return rc;
}
