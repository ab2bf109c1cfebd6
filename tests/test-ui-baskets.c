/* test-ui-baskets.c: the Bought Together page and a product's partners
 *
 * A demo store (its goods bought together) ending on 2026-11-20, "today"
 * the 21st: the page's summary and its pairs, triples and bundles read
 * back from the widgets against ciro_report_baskets () on the same store
 * and window; the order by lift; the minimum count from the setting, a
 * change of it reloading the page; the product dialog's "Bought
 * Together" rows against ciro_baskets_together (); a product bought alone.
 * Run in English and, as ui-baskets-tr, in Turkish. CIRO_SCREENSHOTS=DIR
 * saves the page as PNG files (wide and 360 px).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "analytics/ciro-baskets.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "ui/ciro-context.h"
#include "ui/pages/ciro-baskets-page.h"
#include "ui/widgets/ciro-vat-view.h"
#include "ui/pages/ciro-product-dialog.h"
#include "ciro-test-util.h"

static char *dir;
static gboolean turkish;
static char *path;

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
settle (guint ms)
{
  for (gint64 end = g_get_monotonic_time () + ms * 1000; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);
}

static void
save_png (GtkWidget *widget, const char *name)
{
  const char *out = g_getenv ("CIRO_SCREENSHOTS");
  g_autofree char *file = NULL;
  GtkSnapshot *snapshot;
  GdkPaintable *paintable;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w, h;

  if (out == NULL)
    return;
  settle (1500);
  w = gtk_widget_get_width (widget);
  h = gtk_widget_get_height (widget);
  file = g_strdup_printf ("%s/%s%s.png", out, name, turkish ? "-tr" : "");
  snapshot = gtk_snapshot_new ();
  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    {
      g_printerr ("nothing drawn for %s (%d × %d)\n", file, w, h);
      g_object_unref (paintable);
      return;
    }
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_save_to_png (texture, file);
  g_object_unref (paintable);
}

static void
dump_wide (GtkWidget *w, int depth)
{
  int m = 0;
  gtk_widget_measure (w, GTK_ORIENTATION_HORIZONTAL, -1, &m, NULL, NULL, NULL);
  if (m > 360)
    g_printerr ("%*s%s min %d\n", depth * 2, "", G_OBJECT_TYPE_NAME (w), m);
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (depth < 14)
      dump_wide (c, depth + 1);
}

static CiroBaskets *
engine (CiroDay from, CiroDay to, guint min_count, guint size, gint64 product)
{
  g_autoptr(CiroStore) store = ciro_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { from, to, NULL };
  CiroBasketOptions o = { min_count, size, product };
  CiroBaskets *b = ciro_report_baskets (store, &f, &o, &error);

  g_assert_no_error (error);
  return b;
}

/* What the page shows for a set, built here from the engine's figures. */
static char *
expected_row (const CiroBaskets *b, const CiroBasketSet *s, gboolean bundle)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *names = ciro_basket_set_names (b, s);
  g_autofree char *skus = ciro_basket_set_skus (b, s);
  g_autofree char *n = ciro_count_format (s->count, style);
  g_autofree char *lift = ciro_number_format (s->lift, 2, style);
  g_autofree char *support = ciro_percent_format (s->support * 100, 1, style);
  g_autofree char *orders = g_strdup_printf (turkish ? "%s sipariş" : s->count == 1 ? "%s order" : "%s orders", n);

  if (bundle)
    {
      CiroBundleValue v;
      g_autofree char *price = NULL, *margin = NULL;

      ciro_basket_set_value (b, s, &v);
      price = ciro_money_format (v.price, style);
      if (v.has_margin)
        {
          g_autofree char *m = ciro_money_format (v.margin, style);
          g_autofree char *pct = ciro_percent_format (v.margin_pct, 1, style);
          margin = g_strdup_printf (turkish ? "marj %s (%s)" : "margin %s (%s)", m, pct);
        }
      else
        margin = g_strdup (turkish ? "marj bilinmiyor" : "margin unknown");
      {
        g_autofree char *cost = v.has_margin ? ciro_money_format (v.cost, style) : g_strdup ("—");
        return g_strdup_printf (turkish ? "%s\n%s\n%s · kaldıraç %s · fiyat %s · maliyet %s · %s"
                                        : "%s\n%s\n%s · lift %s · price %s · cost %s · %s",
                                names, skus, orders, lift, price, cost, margin);
      }
    }
  if (s->size == 2)
    {
      g_autofree char *ab = ciro_percent_format (s->confidence[1] * 100, 1, style);
      g_autofree char *ba = ciro_percent_format (s->confidence[0] * 100, 1, style);
      return g_strdup_printf (turkish ? "%s\n%s\n%s · destek %s · kaldıraç %s · güven %s / %s"
                                      : "%s\n%s\n%s · support %s · lift %s · confidence %s / %s",
                              names, skus, orders, support, lift, ab, ba);
    }
  return g_strdup_printf (turkish ? "%s\n%s\n%s · destek %s · kaldıraç %s" : "%s\n%s\n%s · support %s · lift %s",
                          names, skus, orders, support, lift);
}

static void
assert_rows (CiroBasketsPage *page, CiroBasketsView view, const CiroBaskets *b, GArray *sets)
{
  g_autoptr(GPtrArray) rows = ciro_baskets_page_get_rows (page, view);

  g_assert_cmpuint (sets->len, >, 0);
  g_assert_cmpuint (rows->len, ==, MIN (sets->len, 100));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *want = expected_row (b, &g_array_index (sets, CiroBasketSet, i),
                                            view == CIRO_BASKETS_VIEW_BUNDLES);
      g_assert_cmpstr (rows->pdata[i], ==, want);
    }
}

static void
test_page (void)
{
  g_autoptr(CiroContext) context = ciro_context_new (path);
  GSettings *settings = ciro_context_get_settings (context);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page;
  CiroDay from, to, today = ciro_day_from_ymd (2026, 11, 21);
  guint loaded = 0;

  g_settings_set_uint (settings, "basket-min-count", 5);
  /* the bundles' figures before VAT settlement here; test-ui-vat-switch
   * checks them after it and the switch between the two */
  g_settings_set_boolean (settings, CIRO_VAT_VIEW_KEY, FALSE);
  page = ciro_baskets_page_new (context);
  g_signal_connect (page, "loaded", G_CALLBACK (count), &loaded);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 900);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  wait_count (&loaded, 1);
  g_assert_cmpstr (ciro_baskets_page_get_state (CIRO_BASKETS_PAGE (page)), ==, "data");

  /* the last 365 days up to today */
  ciro_baskets_page_get_window (CIRO_BASKETS_PAGE (page), &from, &to);
  g_assert_cmpint (to, ==, today);
  g_assert_cmpint (from, ==, today - 364);
  {
    g_autoptr(CiroBaskets) b = engine (from, to, 5, 3, 0);
    g_autofree char *n = ciro_count_format (b->transactions, ciro_number_style_from_locale ());
    g_autofree char *summary = g_strdup_printf (turkish ? "Ürünü eşleşen %s sipariş · en az 5 siparişte bulunan gruplar"
                                                        : "%s orders with a matched product · sets in at least 5 orders", n);

    g_assert_cmpstr (ciro_baskets_page_get_summary (CIRO_BASKETS_PAGE (page)), ==, summary);
    assert_rows (CIRO_BASKETS_PAGE (page), CIRO_BASKETS_VIEW_PAIRS, b, b->pairs);
    assert_rows (CIRO_BASKETS_PAGE (page), CIRO_BASKETS_VIEW_TRIPLES, b, b->triples);
    assert_rows (CIRO_BASKETS_PAGE (page), CIRO_BASKETS_VIEW_BUNDLES, b, b->bundles);
    save_png (window, "baskets-pairs");
    ciro_baskets_page_set_view (CIRO_BASKETS_PAGE (page), CIRO_BASKETS_VIEW_BUNDLES);
    settle (300);
    save_png (window, "baskets-bundles");

    /* by lift */
    ciro_baskets_page_set_sort_by_lift (CIRO_BASKETS_PAGE (page), TRUE);
    ciro_baskets_sort (b->pairs, CIRO_BASKET_SORT_LIFT);
    ciro_baskets_sort (b->triples, CIRO_BASKET_SORT_LIFT);
    assert_rows (CIRO_BASKETS_PAGE (page), CIRO_BASKETS_VIEW_PAIRS, b, b->pairs);
    assert_rows (CIRO_BASKETS_PAGE (page), CIRO_BASKETS_VIEW_TRIPLES, b, b->triples);
  }

  /* the setting: a higher minimum count reloads the page with fewer sets */
  g_settings_set_uint (settings, "basket-min-count", 12);
  wait_count (&loaded, 2);
  {
    g_autoptr(CiroBaskets) b = engine (from, to, 12, 3, 0);
    ciro_baskets_sort (b->pairs, CIRO_BASKET_SORT_LIFT);
    assert_rows (CIRO_BASKETS_PAGE (page), CIRO_BASKETS_VIEW_PAIRS, b, b->pairs);
    g_assert_nonnull (strstr (ciro_baskets_page_get_summary (CIRO_BASKETS_PAGE (page)), "12"));
  }

  /* all time */
  ciro_baskets_page_set_sort_by_lift (CIRO_BASKETS_PAGE (page), FALSE);
  ciro_baskets_page_set_range (CIRO_BASKETS_PAGE (page), 3);
  wait_count (&loaded, 3);
  ciro_baskets_page_get_window (CIRO_BASKETS_PAGE (page), &from, &to);
  g_assert_cmpint (from, ==, ciro_day_from_ymd (2000, 1, 1));
  {
    g_autoptr(CiroBaskets) b = engine (from, to, 12, 3, 0);
    assert_rows (CIRO_BASKETS_PAGE (page), CIRO_BASKETS_VIEW_PAIRS, b, b->pairs);
  }

  /* 360 px wide: a window of that size shows the page without widening */
  {
    GtkWidget *narrow = gtk_window_new ();
    GtkWidget *small = ciro_baskets_page_new (context);
    int min_width = 0;

    loaded = 0;
    g_signal_connect (small, "loaded", G_CALLBACK (count), &loaded);
    gtk_window_set_default_size (GTK_WINDOW (narrow), 360, 720);
    gtk_window_set_child (GTK_WINDOW (narrow), small);
    gtk_window_present (GTK_WINDOW (narrow));
    wait_count (&loaded, 1);
    gtk_widget_measure (small, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    if (min_width > 360)
      dump_wide (small, 0);
    g_assert_cmpint (min_width, <=, 360);
    save_png (narrow, "baskets-360");
    gtk_window_destroy (GTK_WINDOW (narrow));
  }
  g_settings_set_uint (settings, "basket-min-count", 5);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_product_dialog (void)
{
  g_autoptr(CiroContext) context = ciro_context_new (path);
  CiroDay to = ciro_day_from_ymd (2026, 11, 20);
  CiroReportFilter f = { to - 364, to, NULL };
  g_autoptr(CiroBaskets) all = engine (f.from, f.to, 5, 2, 0);
  const CiroBasketSet *top = &g_array_index (all->bundles, CiroBasketSet, 0);
  gint64 key = top->items[0];
  g_autoptr(CiroBaskets) b = engine (f.from, f.to, 5, 2, key);
  g_autoptr(GArray) partners = ciro_baskets_together (b, key, 10);
  CiroProductRow row = { 0 };
  GtkWidget *dialog;
  guint together = 0;

  g_settings_set_uint (ciro_context_get_settings (context), "basket-min-count", 5);
  row.product_key = key;
  row.matched = TRUE;
  row.sku = (char *) ciro_baskets_product (b, key)->sku;
  row.name = (char *) ciro_baskets_product (b, key)->name;
  dialog = ciro_product_dialog_new (NULL, context, &row, &f);
  g_signal_connect (dialog, "together-loaded", G_CALLBACK (count), &together);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_count (&together, 1);
  g_assert_cmpuint (partners->len, >, 0);
  for (guint i = 0; i < partners->len; i++)
    {
      const CiroBasketSet *s = &g_array_index (partners, CiroBasketSet, i);
      gint64 other = s->items[0] == key ? s->items[1] : s->items[0];
      g_autofree char *want = ciro_percent_format (ciro_basket_set_confidence_from (s, key) * 100, 1,
                                                  ciro_number_style_from_locale ());
      g_autofree char *got = ciro_product_dialog_get_value (CIRO_PRODUCT_DIALOG (dialog), "together",
                                                           ciro_baskets_product (b, other)->name);
      g_assert_cmpstr (got, ==, want);
    }
  save_png (dialog, "baskets-product");
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* a product no order holds with another: "Bought alone" */
  {
    g_autoptr(CiroBaskets) none = engine (f.from, f.to, 100000, 2, key);
    g_autofree char *got = NULL;

    g_settings_set_uint (ciro_context_get_settings (context), "basket-min-count", 100000);
    together = 0;
    dialog = ciro_product_dialog_new (NULL, context, &row, &f);
    g_signal_connect (dialog, "together-loaded", G_CALLBACK (count), &together);
    wait_count (&together, 1);
    g_assert_cmpuint (none->pairs->len, ==, 0);
    got = ciro_product_dialog_get_value (CIRO_PRODUCT_DIALOG (dialog), "together",
                                         turkish ? "Tek başına alınıyor" : "Bought alone");
    g_assert_cmpstr (got, ==, "");
    gtk_window_destroy (GTK_WINDOW (dialog));
    g_settings_set_uint (ciro_context_get_settings (context), "basket-min-count", 5);
  }
}

int
main (int argc, char *argv[])
{
  int rc;

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
  dir = ciro_test_tmpdir ("ui-baskets");
  path = g_build_filename (dir, "baskets.db", NULL);
  g_object_unref (ciro_test_reference_store (path, 20000, 300, 3, ciro_day_from_ymd (2026, 11, 20), 730));
  g_test_add_func ("/ui-baskets/page", test_page);
  g_test_add_func ("/ui-baskets/product-dialog", test_product_dialog);
  rc = g_test_run ();
  ciro_test_remove_store (path);
  g_free (path);
  g_rmdir (dir);
  return rc;
}
