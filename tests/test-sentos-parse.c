/* test-sentos-parse.c: Sentos JSON as it comes, quirks included
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "sync/ciro-sentos-parse.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *n = json_from_string (json, &error);
  g_assert_no_error (error);
  return n;
}

/* The example of sentos-api.md "GET /products", verbatim. */
static const char product_json[] =
  "{\"id\": 48211, \"category_id\": 37, \"category\": \"Gömlek\", \"sku\": \"BYK-24Y-303760\","
  " \"name\": \"Kadın Keten Gömlek\", \"brand\": \"Stildiva\", \"barcode\": \"8681234500017\","
  " \"purchase_price\": \"412,50\", \"sale_price\": \"1.249,90\", \"vat_rate\": 10, \"currency\": \"TRY\","
  " \"stocks\": [{\"warehouse\": 1, \"stock\": 14}],"
  " \"images\": [{\"id\": 901, \"url\": \"https://cdn.example/o_303760_1.jpg\", \"order\": 1}],"
  " \"variants\": ["
  "   {\"id\": 5521, \"sku\": \"BYK-25K-303760-M41-R15\", \"barcode\": \"8681234500024\", \"color\": \"Bej\","
  "    \"model\": {\"name\": \"Beden\", \"value\": \"M\"},"
  "    \"stocks\": [{\"warehouse\": 1, \"stock\": 6}, {\"warehouse\": {\"id\": 2, \"name\": \"Depo 2\"}, \"stock\": \"3\"}],"
  "    \"images\": []}]}";

static void
test_product_example (void)
{
  g_autoptr(JsonNode) n = parse (product_json);
  g_autoptr(GError) error = NULL;
  CiroParseStats stats = { 0 };
  g_autoptr(CiroProductRecord) p = ciro_sentos_parse_product (n, &stats, &error);
  CiroVariantRecord *v;

  g_assert_no_error (error);
  g_assert_cmpint (p->id, ==, 48211);
  g_assert_cmpint (p->category_id, ==, 37);
  g_assert_cmpstr (p->category, ==, "Gömlek");
  g_assert_cmpstr (p->sku, ==, "BYK-24Y-303760");
  g_assert_cmpint (p->purchase_price, ==, 41250);
  g_assert_cmpint (p->sale_price, ==, 124990);
  g_assert_cmpint (p->vat_rate, ==, 1000);
  g_assert_cmpstr (p->image_url, ==, "https://cdn.example/o_303760_1.jpg");
  g_assert_cmpuint (p->variants->len, ==, 1);
  v = p->variants->pdata[0];
  g_assert_cmpint (v->id, ==, 5521);
  g_assert_cmpstr (v->model_name, ==, "Beden");
  g_assert_cmpstr (v->model_value, ==, "M");
  g_assert_false (v->has_purchase_price);
  g_assert_cmpuint (v->stocks->len, ==, 2);
  g_assert_cmpint (g_array_index (v->stocks, CiroStockRecord, 1).warehouse_id, ==, 2);
  g_assert_cmpstr (g_array_index (v->stocks, CiroStockRecord, 1).warehouse_name, ==, "Depo 2");
  g_assert_cmpint (g_array_index (v->stocks, CiroStockRecord, 1).stock, ==, 3);
  /* with variants, the product's stock is its variants': 6 + 3, not 14 */
  g_assert_cmpint (ciro_product_record_total_stock (p), ==, 9);
  g_assert_cmpuint (stats.field_errors, ==, 0);
}

static void
test_product_quirks (void)
{
  g_autoptr(JsonNode) n = parse (
    "{\"id\": \"9000000001\", \"sku\": \"X\", \"purchase_price\": \"abc\", \"stocks\": [{\"warehouse\": 1, \"stock\": \"7\"}],"
    " \"images\": [{\"url\": \"https://c/x_olcu_tablosu.jpg\", \"order\": 1},"
    "              {\"url\": \"https://c/late.jpg\"},"
    "              {\"url\": \"https://c/second.jpg\", \"order\": 2}]}");
  g_autoptr(JsonNode) charts = parse (
    "[{\"url\": \"https://c/Beden-Tablosu.jpg\", \"order\": 2}, {\"url\": \"https://c/size-chart.png\", \"order\": 1}]");
  g_autoptr(JsonNode) novar = parse (
    "{\"id\": 5, \"images\": [], \"variants\": [{\"id\": 51, \"images\": [{\"url\": \"https://c/v.jpg\"}]}]}");
  CiroParseStats stats = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroProductRecord) p = ciro_sentos_parse_product (n, &stats, &error);
  g_autofree char *chart = ciro_sentos_choose_image (json_node_get_array (charts));

  g_assert_no_error (error);
  g_assert_cmpint (p->id, ==, G_GINT64_CONSTANT (9000000001));   /* past 2^31, from a string */
  g_assert_cmpint (p->purchase_price, ==, 0);                     /* kept at 0 ... */
  g_assert_cmpuint (stats.field_errors, ==, 1);                   /* ... and counted */
  g_assert_cmpint (p->vat_rate, ==, 1000);                        /* 10 when absent */
  g_assert_cmpint (ciro_product_record_total_stock (p), ==, 7);
  /* the size chart is skipped; a missing order sorts last */
  g_assert_cmpstr (p->image_url, ==, "https://c/second.jpg");
  /* only size charts: the first by order */
  g_assert_cmpstr (chart, ==, "https://c/size-chart.png");
  {
    g_autoptr(CiroProductRecord) q = ciro_sentos_parse_product (novar, NULL, &error);
    g_assert_cmpstr (q->image_url, ==, "https://c/v.jpg");       /* the first variant's */
  }
}

/* The example of sentos-api.md "GET /orders", verbatim. */
static const char order_json[] =
  "{\"id\": 7712093, \"order_code\": \"HB-4410028731\", \"order_date\": \"2025-10-17 14:32:05\","
  " \"created_at\": \"2025-10-17 14:35:40\", \"updated_at\": \"2025-10-19 09:01:12\","
  " \"source\": \"HEPSIBURADA\", \"shop\": \"Stildiva HB\", \"status\": 5,"
  " \"total\": \"1.289,80\", \"shipping_total\": \"39,90\", \"carrying_charge\": \"0\", \"service_fee\": \"0\","
  " \"cargo_provider\": \"Yurtiçi Kargo\", \"cargo_number\": \"7270027060328352\","
  " \"has_invoice\": \"yes\", \"invoice_type\": \"e-Arşiv\", \"invoice_number\": \"STL2025000123\","
  " \"customer\": {\"id\": 3310, \"name\": \"Ayşe Yılmaz\", \"mail_address\": \"ayse@example.com\", \"phone\": \"05321234567\"},"
  " \"shipment_address\": {\"city\": \"İzmir\", \"district\": \"Bornova\", \"country\": \"Türkiye\"},"
  " \"lines\": [{\"id\": 99120, \"sku\": \"BYK-25K-303760-M41-R15\", \"name\": \"Kadın Keten Gömlek\","
  "   \"barcode\": \"8681234500024\", \"color\": \"Bej\", \"model\": {\"name\": \"Beden\", \"value\": \"M\"},"
  "   \"status\": \"accepted\", \"quantity\": 1, \"price\": \"1.249,90\", \"discount\": \"0\","
  "   \"amount\": \"1.249,90\", \"vat_rate\": 10}]}";

static void
test_order_example (void)
{
  g_autoptr(JsonNode) n = parse (order_json);
  g_autoptr(GError) error = NULL;
  CiroParseStats stats = { 0 };
  g_autoptr(CiroOrderRecord) o = ciro_sentos_parse_order (n, &stats, &error);
  CiroOrderLineRecord *l;

  g_assert_no_error (error);
  g_assert_cmpint (o->id, ==, 7712093);
  g_assert_cmpint (o->day, ==, ciro_day_from_ymd (2025, 10, 17));
  g_assert_cmpint (o->seconds, ==, 14 * 3600 + 32 * 60 + 5);
  g_assert_cmpstr (o->marketplace, ==, "Hepsiburada");
  g_assert_cmpint (o->status, ==, 5);
  g_assert_cmpint (o->total, ==, 128980);
  g_assert_cmpint (o->shipping_total, ==, 3990);
  g_assert_cmpstr (o->cargo_number, ==, "7270027060328352");
  g_assert_cmpint (o->customer_id, ==, 3310);
  g_assert_cmpstr (o->customer_email, ==, "ayse@example.com");
  g_assert_cmpstr (o->city, ==, "İzmir");
  g_assert_cmpuint (o->lines->len, ==, 1);
  l = o->lines->pdata[0];
  g_assert_cmpint (l->line_id, ==, 99120);
  g_assert_cmpint (l->quantity, ==, 1);
  g_assert_cmpint (l->amount, ==, 124990);
  g_assert_cmpstr (l->status, ==, "accepted");
  g_assert_cmpstr (l->model_value, ==, "M");
  g_assert_cmpuint (stats.field_errors, ==, 0);
}

static void
test_order_quirks (void)
{
  g_autoptr(JsonNode) n = parse (
    "{\"id\": 9223372036854775000, \"order_date\": \"2025-10-17T23:59:59\", \"source\": \"ÇIÇEKSEPETI\","
    " \"status\": \"12\", \"cargo_number\": \"TEX-ABC 12\", \"shipping_total\": 29.9,"
    " \"items\": [{\"id\": 0, \"sku\": \"A\", \"quantity\": \"2\", \"amount\": \"1,249.90\", \"status\": \"rejected\"},"
    "           {\"id\": 0, \"sku\": \"B\", \"quantity\": 1, \"amount\": 10}, 7]}");
  g_autoptr(GError) error = NULL;
  CiroParseStats stats = { 0 };
  g_autoptr(CiroOrderRecord) o = ciro_sentos_parse_order (n, &stats, &error);

  g_assert_no_error (error);
  g_assert_cmpint (o->id, ==, G_GINT64_CONSTANT (9223372036854775000));
  g_assert_cmpint (o->seconds, ==, 86399);
  g_assert_cmpstr (o->marketplace, ==, "ÇiçekSepeti");
  g_assert_cmpstr (o->source, ==, "ÇIÇEKSEPETI");
  g_assert_cmpint (o->status, ==, 12);                 /* unknown codes kept */
  g_assert_cmpstr (o->cargo_number, ==, "TEX-ABC 12");
  g_assert_cmpint (o->shipping_total, ==, 2990);
  g_assert_cmpuint (o->lines->len, ==, 2);             /* "items"; the 7 is no line */
  g_assert_cmpuint (stats.field_errors, ==, 1);
  g_assert_cmpint (((CiroOrderLineRecord *) o->lines->pdata[0])->quantity, ==, 2);
  g_assert_cmpint (((CiroOrderLineRecord *) o->lines->pdata[0])->amount, ==, 124990);
  g_assert_cmpint (((CiroOrderLineRecord *) o->lines->pdata[1])->amount, ==, 1000);
  g_assert_null (o->customer_name);
}

static void
test_refused_records (void)
{
  const char *bad[] = {
    "{\"order_date\": \"2025-10-17 10:00:00\"}",                    /* no id */
    "{\"id\": 5, \"order_date\": \"17.10.2025\"}",                   /* a date that cannot be read */
    "{\"id\": 6}",                                                   /* no date */
    "{\"id\": \"abc\", \"order_date\": \"2025-10-17 10:00:00\"}",
    "[1, 2]",
    "\"text\"",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) n = parse (bad[i]);
      g_autoptr(GError) error = NULL;
      g_assert_null (ciro_sentos_parse_order (n, NULL, &error));
      g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID);
    }
  {
    g_autoptr(JsonNode) n = parse ("{\"id\": 5, \"order_date\": \"bad\"}");
    g_assert_cmpint (ciro_sentos_peek_id (n), ==, 5);   /* for the log line */
  }
  {
    g_autoptr(JsonNode) n = parse ("{\"sku\": \"X\"}");
    g_autoptr(GError) error = NULL;
    g_assert_null (ciro_sentos_parse_product (n, NULL, &error));
    g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID);
  }
}

static void
test_pages (void)
{
  const char *lists[] = {
    "{\"page\": 2, \"size\": 100, \"total_elements\": 1234, \"total_pages\": 13, \"data\": [{}, {}]}",
    "{\"page\": 1, \"orders\": [{}, {}]}",
    "{\"products\": [{}, {}]}",
    "{\"items\": [{}, {}]}",
    "[{}, {}]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      g_autoptr(JsonNode) n = parse (lists[i]);
      CiroSentosPage page;
      g_assert_true (ciro_sentos_parse_page (n, &page, NULL));
      g_assert_cmpuint (json_array_get_length (page.items), ==, 2);
      if (i == 0)
        {
          g_assert_cmpint (page.page, ==, 2);
          g_assert_cmpint (page.total_pages, ==, 13);
          g_assert_cmpint (page.total_elements, ==, 1234);
        }
      else
        g_assert_cmpint (page.total_pages, ==, -1);   /* missing: walk until a short page */
    }
  {
    g_autoptr(JsonNode) n = parse ("{\"message\": \"error\"}");
    g_autoptr(GError) error = NULL;
    CiroSentosPage page;
    g_assert_false (ciro_sentos_parse_page (n, &page, &error));
    g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sentos-parse/product-example", test_product_example);
  g_test_add_func ("/sentos-parse/product-quirks", test_product_quirks);
  g_test_add_func ("/sentos-parse/order-example", test_order_example);
  g_test_add_func ("/sentos-parse/order-quirks", test_order_quirks);
  g_test_add_func ("/sentos-parse/refused-records", test_refused_records);
  g_test_add_func ("/sentos-parse/pages", test_pages);
  return g_test_run ();
}
