/* test-bounds.c: absurd but well-formed numbers, from the page to the report
 *
 * A quantity of 2^63 − 1 or an amount of "92233720368547758.07" used to
 * reach signed overflow in the store writer, the rollups and the reports
 * (a report then showed −0.06 TRY of gross revenue). Values beyond what a
 * store can hold are bad fields now, and every sum is checked.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "store/ciro-store-sql.h"
#include "store/ciro-store.h"
#include "sync/ciro-sentos-parse.h"

typedef struct {
  char      *dir;
  CiroStore *store;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = g_dir_make_tmp ("ciro-bounds-XXXXXX", NULL);
  path = g_build_filename (f->dir, "ciro.db", NULL);
  f->store = ciro_store_open (path, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (ciro_store_get_path (f->store));
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}

static const CiroDay *
day0 (void)
{
  static CiroDay d;
  d = ciro_day_from_ymd (2025, 3, 10);
  return &d;
}

static void
put_product (CiroStore *store, gint64 id, const char *sku, CiroKurus price, CiroBasisPoints vat)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroProductRecord) p = ciro_product_record_new ();

  p->id = id;
  p->sku = g_strdup (sku);
  p->name = g_strdup (sku);
  p->purchase_price = price;
  p->vat_rate = vat;
  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_put_product (store, p, *day0 (), &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
}

static gint64
count (CiroStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The checked helpers: saturated and FALSE at the edges, exact inside. */
static void
test_checked_arithmetic (void)
{
  gint64 r;

  g_assert_true (ciro_add_checked (G_MAXINT64 - 1, 1, &r));
  g_assert_cmpint (r, ==, G_MAXINT64);
  g_assert_false (ciro_add_checked (G_MAXINT64, 1, &r));
  g_assert_cmpint (r, ==, G_MAXINT64);
  g_assert_false (ciro_add_checked (G_MININT64, -1, &r));
  g_assert_cmpint (r, ==, G_MININT64);
  g_assert_false (ciro_sub_checked (0, G_MININT64, &r));
  g_assert_cmpint (r, ==, G_MAXINT64);
  g_assert_false (ciro_sub_checked (G_MININT64, 1, &r));
  g_assert_cmpint (r, ==, G_MININT64);
  g_assert_false (ciro_mul_checked (G_GINT64_CONSTANT (1) << 32, G_GINT64_CONSTANT (1) << 31, &r));
  g_assert_cmpint (r, ==, G_MAXINT64);
  g_assert_false (ciro_mul_checked (-(G_GINT64_CONSTANT (1) << 32), G_GINT64_CONSTANT (1) << 32, &r));
  g_assert_cmpint (r, ==, G_MININT64);
  g_assert_true (ciro_mul_checked (-3, 7, &r));
  g_assert_cmpint (r, ==, -21);

  /* rounding half away from zero, even where num + den / 2 would overflow */
  g_assert_cmpint (ciro_div_round (G_MAXINT64, 2), ==, G_MAXINT64 / 2 + 1);
  g_assert_cmpint (ciro_div_round (G_MININT64 + 1, 2), ==, G_MININT64 / 2);
  g_assert_cmpint (ciro_div_round (15, 10), ==, 2);
  g_assert_cmpint (ciro_div_round (14, 10), ==, 1);
  g_assert_cmpint (ciro_div_round (-15, 10), ==, -2);
  g_assert_cmpint (ciro_div_round (-14, 10), ==, -1);
  g_assert_cmpint (ciro_apply_rate (CIRO_MAX_MONEY, CIRO_MAX_RATE), ==, CIRO_MAX_MONEY);
  g_assert_cmpint (ciro_apply_rate (G_MAXINT64, 2000), ==, G_MAXINT64);
}

/* An orders page as a hostile or broken server might send it. */
static const char absurd_page[] =
  "{\"page\": 1, \"total_pages\": 1, \"data\": ["
  " {\"id\": 1, \"order_date\": \"2025-03-10 10:00:00\", \"source\": \"TRENDYOL\", \"status\": 5,"
  "  \"shipping_total\": \"92233720368547758.07\","
  "  \"lines\": [{\"sku\": \"K-1\", \"quantity\": 9223372036854775807, \"price\": 100,"
  "              \"amount\": \"92233720368547758.07\", \"vat_rate\": 20}]},"
  " {\"id\": 2, \"order_date\": \"2025-03-10 11:00:00\", \"source\": \"TRENDYOL\", \"status\": 5,"
  "  \"lines\": [{\"sku\": \"K-1\", \"quantity\": \"10000000000000000\", \"amount\": \"100,00\", \"vat_rate\": 20}]},"
  " {\"id\": 3, \"order_date\": \"2025-03-10 12:00:00\", \"source\": \"TRENDYOL\", \"status\": 5,"
  "  \"lines\": [{\"sku\": \"K-1\", \"quantity\": 2, \"amount\": 250.5, \"vat_rate\": -5},"
  "             {\"sku\": \"K-1\", \"quantity\": 1, \"amount\": 1e300, \"vat_rate\": 1e5}]}"
  "]}";

static void
test_parse_bounds (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroSentosPage) page = ciro_sentos_page_parse (absurd_page, strlen (absurd_page),
                                                           CIRO_SENTOS_ORDERS, &error);
  CiroOrderRecord *o1, *o2, *o3;
  CiroOrderLineRecord *l;
  g_autofree char *joined = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (page->records->len, ==, 3);   /* records are kept */
  o1 = page->records->pdata[0];
  o2 = page->records->pdata[1];
  o3 = page->records->pdata[2];

  /* each field beyond what a store can hold is 0 */
  g_assert_cmpint (o1->shipping_total, ==, 0);
  l = o1->lines->pdata[0];
  g_assert_cmpint (l->quantity, ==, 0);
  g_assert_cmpint (l->amount, ==, 0);
  g_assert_cmpint (l->price, ==, 10000);
  g_assert_cmpint (l->vat_rate, ==, 2000);
  l = o2->lines->pdata[0];
  g_assert_cmpint (l->quantity, ==, 0);
  g_assert_cmpint (l->amount, ==, 10000);
  l = o3->lines->pdata[0];
  g_assert_cmpint (l->quantity, ==, 2);
  g_assert_cmpint (l->amount, ==, 25050);
  g_assert_cmpint (l->vat_rate, ==, 0);            /* a negative rate */
  l = o3->lines->pdata[1];
  g_assert_cmpint (l->amount, ==, 0);
  g_assert_cmpint (l->vat_rate, ==, 0);            /* 100,000 % */

  /* counted, and described for the log */
  g_assert_cmpuint (page->field_errors, ==, 7);
  g_assert_cmpuint (page->bad_fields->len, ==, 7);
  g_ptr_array_add (page->bad_fields, NULL);
  joined = g_strjoinv ("\n", (char **) page->bad_fields->pdata);
  g_ptr_array_remove_index (page->bad_fields, page->bad_fields->len - 1);
  g_assert_nonnull (strstr (joined, "element 1: shipping_total 92233720368547758.07 is beyond what a store can hold, kept as 0"));
  g_assert_nonnull (strstr (joined, "element 1: quantity 9223372036854775807 is beyond what a store can hold, kept as 0"));
  g_assert_nonnull (strstr (joined, "element 2: quantity 10000000000000000 is beyond"));
  g_assert_nonnull (strstr (joined, "element 3: vat_rate -5.00 % is not a rate from 0 to 100 %"));
  g_assert_nonnull (strstr (joined, "element 3: amount “1e300” cannot be read"));
}

/* The bounds themselves: the largest value held, the next one refused. */
static void
test_parse_edges (void)
{
  static const struct { const char *field; const char *value; gint64 expected; guint errors; } cases[] = {
    { "quantity", "1000000", 1000000, 0 },
    { "quantity", "-1000000", -1000000, 0 },
    { "quantity", "1000001", 0, 1 },
    { "amount", "\"100.000.000,00\"", G_GINT64_CONSTANT (10000000000), 0 },
    { "amount", "\"100.000.000,01\"", 0, 1 },
    { "amount", "-100000000.01", 0, 1 },
    { "vat_rate", "100", 10000, 0 },
    { "vat_rate", "100.01", 0, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("[{\"id\": 1, \"order_date\": \"2025-03-10 10:00:00\","
                                               " \"lines\": [{\"sku\": \"A\", \"%s\": %s}]}]",
                                               cases[i].field, cases[i].value);
      g_autoptr(CiroSentosPage) page = ciro_sentos_page_parse (json, strlen (json), CIRO_SENTOS_ORDERS, NULL);
      CiroOrderLineRecord *l = ((CiroOrderRecord *) page->records->pdata[0])->lines->pdata[0];
      gint64 got = g_str_equal (cases[i].field, "quantity") ? l->quantity
                 : g_str_equal (cases[i].field, "amount") ? l->amount : l->vat_rate;

      g_assert_cmpint (got, ==, cases[i].expected);
      g_assert_cmpuint (page->field_errors, ==, cases[i].errors);
    }
}

/* From the page through the store to the report: the absurd fields count
 * as 0, and the report shows the sane ones' sum, not a wrapped figure. */
static void
test_page_to_report (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroSentosPage) page = ciro_sentos_page_parse (absurd_page, strlen (absurd_page),
                                                           CIRO_SENTOS_ORDERS, &error);
  CiroReportFilter filter = { *day0 (), *day0 (), NULL };
  CiroSummary s;

  /* a ₺1,000 cost: a 16-digit quantity times it overflowed */
  put_product (f->store, 10, "K-1", 100000, 0);
  g_assert_true (ciro_store_begin (f->store, &error));
  for (guint i = 0; i < page->records->len; i++)
    g_assert_true (ciro_store_put_order (f->store, page->records->pdata[i], &error));
  g_assert_true (ciro_store_commit (f->store, &error));
  g_assert_no_error (error);

  g_assert_true (ciro_report_summary (f->store, &filter, &s, &error));
  g_assert_no_error (error);
  /* 0 + 100.00 + 250.50 + 0 */
  g_assert_cmpint (s.gross_revenue, ==, 35050);
  g_assert_cmpint (s.gross_units, ==, 3);
  g_assert_cmpint (s.product_cost, ==, 300000);
  g_assert_cmpint (s.net_orders, ==, 3);
}

/* A record that did not come through the parser (another producer) with a
 * value beyond the bounds is refused by the writer, loudly. */
static void
test_writer_refuses (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroOrderRecord) o = ciro_order_record_new ();
  g_autoptr(CiroProductRecord) p = ciro_product_record_new ();
  CiroOrderLineRecord *l = ciro_order_line_record_new ();

  o->id = 77;
  o->day = *day0 ();
  o->source = g_strdup ("N11");
  o->status = 5;
  l->sku = g_strdup ("X");
  l->quantity = G_MAXINT64;
  l->amount = 100;
  g_ptr_array_add (o->lines, l);
  g_assert_true (ciro_store_begin (f->store, &error));
  g_assert_false (ciro_store_put_order (f->store, o, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "quantity 9223372036854775807"));
  ciro_store_rollback (f->store);
  g_clear_error (&error);

  p->id = 5;
  p->sku = g_strdup ("P");
  p->purchase_price = CIRO_MAX_MONEY + 1;
  g_assert_true (ciro_store_begin (f->store, &error));
  g_assert_false (ciro_store_put_product (f->store, p, *day0 (), &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  ciro_store_rollback (f->store);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM orders"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM products"), ==, 0);
}

static CiroOrderRecord *
big_order (gint64 id, guint n_lines)
{
  CiroOrderRecord *o = ciro_order_record_new ();

  o->id = id;
  o->day = *day0 ();
  o->source = g_strdup ("N11");
  o->status = 5;
  for (guint i = 0; i < n_lines; i++)
    {
      CiroOrderLineRecord *l = ciro_order_line_record_new ();
      l->sku = g_strdup ("MAX");
      l->quantity = CIRO_MAX_QUANTITY;
      l->amount = CIRO_MAX_MONEY;
      g_ptr_array_add (o->lines, l);
    }
  return o;
}

/* Within the bounds a line's cost fits (₺100M × 2 with VAT × 10^6 units =
 * 2·10^16 kuruş); 461 such lines do not: the sum fails, it never wraps. */
static void
test_sums_fail_loudly (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroOrderRecord) huge = big_order (1, 500);
  g_autoptr(CiroOrderRecord) first = big_order (2, 300);
  g_autoptr(CiroOrderRecord) second = big_order (3, 300);

  put_product (f->store, 1, "MAX", CIRO_MAX_MONEY, CIRO_MAX_RATE);

  /* one order whose lines' costs add up beyond 2^63: in the writer's sums */
  g_assert_true (ciro_store_begin (f->store, &error));
  g_assert_false (ciro_store_put_order (f->store, huge, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
  ciro_store_rollback (f->store);
  g_clear_error (&error);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM orders"), ==, 0);

  /* two that each fit: the second's rollup upsert fails, its transaction
   * with it, and the first stays as it was */
  g_assert_true (ciro_store_begin (f->store, &error));
  g_assert_true (ciro_store_put_order (f->store, first, &error));
  g_assert_true (ciro_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (ciro_store_begin (f->store, &error));
  g_assert_true (ciro_store_put_order (f->store, second, &error));
  g_assert_false (ciro_store_commit (f->store, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "integer overflow"));
  g_clear_error (&error);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM orders"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT net_cost FROM roll_day_mp"), ==,
                   300 * CIRO_MAX_QUANTITY * 2 * CIRO_MAX_MONEY);
  g_assert_cmpint (count (f->store, "SELECT typeof (net_cost) = 'integer' FROM roll_day_mp"), ==, 1);
}

/* Rollup rows that each fit but add up beyond 2^63 over a window: the
 * report fails with a message instead of showing a wrapped (negative) sum. */
static void
test_report_fails_loudly (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  CiroReportFilter filter = { *day0 (), *day0 () + 1, NULL };
  CiroSummary s;
  g_autoptr(GArray) daily = NULL;
  g_autoptr(GArray) mps = NULL;
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO roll_day_mp (day, marketplace_id, gross_orders, gross_units, gross_amount, gross_shipping,"
    " cr_orders, cr_units, cr_amount, cr_shipping, net_cost, net_commission, unmatched_lines,"
    " unmatched_amount, net_output_vat, net_cost_ex_vat)"
    " VALUES (%d, 1, 1, 1, 6000000000000000000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),"
    " (%d, 1, 1, 1, 6000000000000000000, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)", *day0 (), *day0 () + 1);

  g_assert_cmpint (sqlite3_exec (ciro_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (ciro_report_summary (f->store, &filter, &s, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_FAILED);
  g_clear_error (&error);
  mps = ciro_report_marketplaces (f->store, &filter, &error);
  g_assert_null (mps);
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* each day alone fits */
  daily = ciro_report_daily (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_array_index (daily, CiroDailyRow, 1).s.gross_revenue, ==,
                   G_GINT64_CONSTANT (6000000000000000000));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bounds/checked-arithmetic", test_checked_arithmetic);
  g_test_add_func ("/bounds/parse", test_parse_bounds);
  g_test_add_func ("/bounds/parse-edges", test_parse_edges);
#define ADD(name, func) \
  g_test_add ("/bounds/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("page-to-report", test_page_to_report);
  ADD ("writer-refuses", test_writer_refuses);
  ADD ("sums-fail-loudly", test_sums_fail_loudly);
  ADD ("report-fails-loudly", test_report_fails_loudly);
#undef ADD
  return g_test_run ();
}
