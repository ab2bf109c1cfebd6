/* test-demo-json.c: demo records survive Sentos' JSON (with its quirks) and the parser
 *
 * The way the sync path will fill a store: records written as Sentos writes
 * them, read back by the real parser, stored, and reported. The figures
 * must equal those of a store filled with the records directly.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "demo/ciro-demo-json.h"
#include "demo/ciro-demo.h"
#include "sync/ciro-sentos-parse.h"

static CiroDemo *
make (void)
{
  CiroDemoOptions o;
  ciro_demo_options_init (&o);
  o.n_orders = 4000;
  o.n_products = 80;
  o.seed = 11;
  o.end_day = ciro_day_from_ymd (2026, 11, 20);
  o.n_days = 120;
  return ciro_demo_new (&o);
}

/* A record's text is JSON by json-glib's reading too (an independent
 * check of the writer), and reads back through the real page reader. */
static gpointer
read_back (GString *text, CiroSentosResource resource, gboolean *has_items)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (text->str, &error);
  g_autoptr(CiroSentosPage) page = NULL;

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  if (has_items)
    *has_items = json_object_has_member (json_node_get_object (node), "items");
  g_string_prepend_c (text, '[');
  g_string_append_c (text, ']');
  page = ciro_sentos_page_parse (text->str, text->len, resource, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->records->len, ==, 1);
  g_assert_cmpuint (page->field_errors, ==, 0);
  return g_ptr_array_steal_index (page->records, 0);
}

static void
test_orders_round_trip (void)
{
  g_autoptr(CiroDemo) demo = make ();
  guint n = 0, items = 0;

  for (CiroDay day = ciro_demo_first_day (demo); day <= ciro_demo_last_day (demo); day += 7)
    {
      g_autoptr(GPtrArray) orders = ciro_demo_orders_on (demo, day);
      for (guint i = 0; i < orders->len; i++)
        {
          CiroOrderRecord *a = orders->pdata[i];
          g_autoptr(GString) text = g_string_new (NULL);
          g_autoptr(CiroOrderRecord) b = NULL;
          gboolean has_items = FALSE;

          ciro_demo_order_write_json (text, a);
          b = read_back (text, CIRO_SENTOS_ORDERS, &has_items);
          g_assert_cmpint (b->id, ==, a->id);
          g_assert_cmpint (b->day, ==, a->day);
          g_assert_cmpint (b->seconds, ==, a->seconds);
          g_assert_cmpint (b->status, ==, a->status);
          g_assert_cmpint (b->total, ==, a->total);
          g_assert_cmpint (b->shipping_total, ==, a->shipping_total);
          g_assert_cmpstr (b->marketplace, ==, a->marketplace);
          g_assert_cmpstr (b->cargo_number, ==, a->cargo_number);
          g_assert_cmpint (b->customer_id, ==, a->customer_id);
          g_assert_cmpstr (b->customer_name, ==, a->customer_name);
          g_assert_cmpstr (b->city, ==, a->city);
          g_assert_cmpuint (b->lines->len, ==, a->lines->len);
          for (guint k = 0; k < a->lines->len; k++)
            {
              CiroOrderLineRecord *x = a->lines->pdata[k], *y = b->lines->pdata[k];
              g_assert_cmpstr (y->sku, ==, x->sku);
              g_assert_cmpstr (y->barcode, ==, x->barcode);
              g_assert_cmpstr (y->status, ==, x->status);
              g_assert_cmpint (y->quantity, ==, x->quantity);
              g_assert_cmpint (y->price, ==, x->price);
              g_assert_cmpint (y->discount, ==, x->discount);
              g_assert_cmpint (y->amount, ==, x->amount);
              g_assert_cmpint (y->line_id, ==, x->line_id);
            }
          items += has_items;
          n++;
        }
    }
  g_assert_cmpuint (n, >, 200);
  g_assert_cmpuint (items, >, 0);   /* the "items" quirk was exercised */
}

static void
test_products_round_trip (void)
{
  g_autoptr(CiroDemo) demo = make ();

  for (guint i = 0; i < ciro_demo_n_products (demo); i++)
    {
      g_autoptr(CiroProductRecord) a = ciro_demo_product (demo, i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(CiroProductRecord) b = NULL;

      ciro_demo_product_write_json (text, a);
      b = read_back (text, CIRO_SENTOS_PRODUCTS, NULL);
      g_assert_cmpint (b->id, ==, a->id);
      g_assert_cmpstr (b->sku, ==, a->sku);
      g_assert_cmpstr (b->barcode, ==, a->barcode);
      g_assert_cmpint (b->purchase_price, ==, a->purchase_price);
      g_assert_cmpint (b->sale_price, ==, a->sale_price);
      g_assert_cmpint (b->vat_rate, ==, a->vat_rate);
      g_assert_cmpstr (b->image_url, ==, a->image_url);   /* the size chart was skipped */
      g_assert_cmpint (ciro_product_record_total_stock (b), ==, ciro_product_record_total_stock (a));
      g_assert_cmpuint (b->variants->len, ==, a->variants->len);
      for (guint k = 0; k < a->variants->len; k++)
        {
          CiroVariantRecord *x = a->variants->pdata[k], *y = b->variants->pdata[k];
          g_assert_cmpint (y->id, ==, x->id);
          g_assert_cmpstr (y->sku, ==, x->sku);
          g_assert_cmpint (y->has_purchase_price, ==, x->has_purchase_price);
          g_assert_cmpint (y->purchase_price, ==, x->purchase_price);
        }
    }
}

static CiroStore *
open_temp (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  CiroStore *store = ciro_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static void
test_store_through_json (void)
{
  g_autoptr(CiroDemo) demo = make ();
  g_autofree char *dir = g_dir_make_tmp ("ciro-demo-json-XXXXXX", NULL);
  g_autoptr(CiroStore) direct = open_temp (dir, "direct.db");
  g_autoptr(CiroStore) parsed = open_temp (dir, "parsed.db");
  g_autoptr(GError) error = NULL;
  CiroReportFilter f = { ciro_demo_first_day (demo), ciro_demo_last_day (demo), NULL };
  CiroSummary a, b;

  g_assert_true (ciro_demo_populate (demo, direct, NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (ciro_store_begin (parsed, &error));
  for (guint i = 0; i < ciro_demo_n_products (demo); i++)
    {
      g_autoptr(CiroProductRecord) p = ciro_demo_product (demo, i);
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(CiroProductRecord) q = NULL;

      ciro_demo_product_write_json (text, p);
      q = read_back (text, CIRO_SENTOS_PRODUCTS, NULL);
      g_assert_true (ciro_store_put_product (parsed, q, ciro_demo_first_day (demo), &error));
    }
  for (CiroDay day = ciro_demo_first_day (demo); day <= ciro_demo_last_day (demo); day++)
    {
      g_autoptr(GPtrArray) orders = ciro_demo_orders_on (demo, day);
      for (guint i = 0; i < orders->len; i++)
        {
          g_autoptr(GString) text = g_string_new (NULL);
          g_autoptr(CiroOrderRecord) o = NULL;

          ciro_demo_order_write_json (text, orders->pdata[i]);
          o = read_back (text, CIRO_SENTOS_ORDERS, NULL);
          g_assert_true (ciro_store_put_order (parsed, o, &error));
        }
    }
  g_assert_true (ciro_store_commit (parsed, &error));
  g_assert_no_error (error);

  g_assert_true (ciro_report_summary (direct, &f, &a, &error));
  g_assert_true (ciro_report_summary (parsed, &f, &b, &error));
  g_assert_cmpint (a.gross_orders, ==, 4000);
  g_assert_cmpint (b.gross_orders, ==, a.gross_orders);
  g_assert_cmpint (b.gross_revenue, ==, a.gross_revenue);
  g_assert_cmpint (b.net_revenue, ==, a.net_revenue);
  g_assert_cmpint (b.product_cost, ==, a.product_cost);
  g_assert_cmpint (b.commission, ==, a.commission);
  g_assert_cmpint (b.shipping_expense, ==, a.shipping_expense);
  g_assert_cmpint (b.profit, ==, a.profit);
  g_assert_cmpint (b.unmatched_lines, ==, a.unmatched_lines);
  {
    g_autoptr(GArray) pa = ciro_report_products (direct, &f, CIRO_SORT_PROFIT, FALSE, &error);
    g_autoptr(GArray) pb = ciro_report_products (parsed, &f, CIRO_SORT_PROFIT, FALSE, &error);
    g_assert_cmpuint (pa->len, ==, pb->len);
    for (guint i = 0; i < pa->len; i++)
      {
        g_assert_cmpstr (g_array_index (pa, CiroProductRow, i).sku, ==, g_array_index (pb, CiroProductRow, i).sku);
        g_assert_cmpint (g_array_index (pa, CiroProductRow, i).profit, ==, g_array_index (pb, CiroProductRow, i).profit);
        g_assert_cmpint (g_array_index (pa, CiroProductRow, i).stock, ==, g_array_index (pb, CiroProductRow, i).stock);
      }
  }

  g_clear_object (&direct);
  g_clear_object (&parsed);
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
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/demo-json/orders-round-trip", test_orders_round_trip);
  g_test_add_func ("/demo-json/products-round-trip", test_products_round_trip);
  g_test_add_func ("/demo-json/store-through-json", test_store_through_json);
  return g_test_run ();
}
