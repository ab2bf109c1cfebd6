/* bench-products.c: sorting and searching the Products page's models
 *
 * On the 1,000,000-order store (20,000 products and the unmatched SKUs):
 * the GTK models the page uses (GtkSortListModel, GtkFilterListModel with
 * the page's own sorters and search) against a bare g_ptr_array_sort and
 * loop over the same items. Prints, asserts no timings.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>

#include "analytics/ciro-report-live.h"
#include "core/ciro-date.h"
#include "core/ciro-text.h"
#include "ui/pages/ciro-product-item.h"
#include "bench-common.h"

static int
by_profit (gconstpointer a, gconstpointer b)
{
  return ciro_product_item_compare (*(CiroProductItem **) a, *(CiroProductItem **) b, CIRO_PRODUCT_COL_PROFIT);
}

static gboolean
match (gpointer item, gpointer needle)
{
  return ciro_product_item_matches (item, needle);
}

static void
line (const char *what, double model, double baseline)
{
  printf ("%-40s %9.2f ms %11.2f ms %8.0f ms  %s\n", what, model, baseline, 100.0, model <= 100 ? "met" : "MISSED");
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = bench_store_path (g_getenv ("CIRO_BENCH_DB"), 1000000, 20000);
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GArray) rows = NULL;
  g_autoptr(GHashTable) codes = NULL;
  g_autoptr(GListStore) items = g_list_store_new (CIRO_TYPE_PRODUCT_ITEM);
  g_autoptr(GPtrArray) plain = g_ptr_array_new ();
  CiroDay end = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  CiroReportFilter f = { end - 729, end, NULL };
  g_autofree char *needle = ciro_tr_fold ("PANTOLON");
  double t0, model_ms, base_ms;
  guint base_hits = 0;

  store = open_bench_store (path, 1000000, 20000);
  t0 = now_ms ();
  rows = ciro_report_products (store, &f, CIRO_SORT_REVENUE, TRUE, NULL);
  codes = ciro_report_product_codes (store, NULL);
  printf ("Ciro products benchmark: %u rows (2 years, idle products included) read in %.0f ms\n\n",
          rows->len, now_ms () - t0);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroProductRow *r = &g_array_index (rows, CiroProductRow, i);
      g_autoptr(CiroProductItem) it = ciro_product_item_new (r, g_hash_table_lookup (codes, &r->product_key));
      g_list_store_append (items, it);
      g_ptr_array_add (plain, it);
    }
  printf ("%-40s %12s %14s %11s\n", "", "page model", "baseline", "target");

  /* sort every product by profit (a column click) */
  {
    g_autoptr(GtkSortListModel) sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (items)), NULL);
    GtkSorter *sorter = ciro_product_sorter_new (CIRO_PRODUCT_COL_PROFIT);
    t0 = now_ms ();
    gtk_sort_list_model_set_sorter (sorted, sorter);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sorted)), ==, rows->len);
    model_ms = now_ms () - t0;
    t0 = now_ms ();
    g_ptr_array_sort (plain, by_profit);
    base_ms = now_ms () - t0;
    /* the same first and last product both ways */
    {
      g_autoptr(CiroProductItem) first = g_list_model_get_item (G_LIST_MODEL (sorted), 0);
      g_autoptr(CiroProductItem) last = g_list_model_get_item (G_LIST_MODEL (sorted), rows->len - 1);
      g_assert_true (first == plain->pdata[0]);
      g_assert_true (last == plain->pdata[rows->len - 1]);
    }
    line ("sort by profit", model_ms, base_ms);
    g_object_unref (sorter);
  }

  /* search: every name, SKU and barcode, Turkish-folded */
  {
    GtkCustomFilter *filter = gtk_custom_filter_new (match, needle, NULL);
    g_autoptr(GtkFilterListModel) filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (items)), NULL);
    guint hits;

    t0 = now_ms ();
    gtk_filter_list_model_set_filter (filtered, GTK_FILTER (filter));
    hits = g_list_model_get_n_items (G_LIST_MODEL (filtered));
    model_ms = now_ms () - t0;
    t0 = now_ms ();
    for (guint i = 0; i < plain->len; i++)
      base_hits += ciro_product_item_matches (plain->pdata[i], needle);
    base_ms = now_ms () - t0;
    g_assert_cmpuint (hits, ==, base_hits);
    line ("search \"PANTOLON\"", model_ms, base_ms);
    printf ("%-40s %9u products\n", "  found", hits);
    g_object_unref (filter);
  }

  /* the search then a sort of what it found, as the page chains them */
  {
    GtkCustomFilter *filter = gtk_custom_filter_new (match, needle, NULL);
    g_autoptr(GtkFilterListModel) filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (items)),
                                                                        GTK_FILTER (filter));
    g_autoptr(GtkSortListModel) sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (filtered)), NULL);
    GtkSorter *sorter = ciro_product_sorter_new (CIRO_PRODUCT_COL_MARGIN);

    t0 = now_ms ();
    gtk_sort_list_model_set_sorter (sorted, sorter);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sorted)), ==, base_hits);
    model_ms = now_ms () - t0;
    line ("sort what was found by margin", model_ms, 0);
    g_object_unref (sorter);
  }
  return 0;
}
