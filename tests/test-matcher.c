/* test-matcher.c: every matching rule of metrics.md, the tie-break, and costs over time
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "store/ciro-store-sql.h"
#include "store/ciro-store.h"

typedef struct {
  char      *dir;
  CiroStore *store;
  gint64     next_order;
} Fixture;

static void
add_variant (CiroProductRecord *p, gint64 id, const char *sku, const char *barcode)
{
  CiroVariantRecord *v = ciro_variant_record_new ();

  v->id = id;
  v->sku = g_strdup (sku);
  v->barcode = g_strdup (barcode);
  ciro_stock_record_append (v->stocks, 1, NULL, 2);
  g_ptr_array_add (p->variants, v);
}

static CiroProductRecord *
product (gint64 id, const char *sku, const char *barcode, CiroKurus price, CiroBasisPoints vat)
{
  CiroProductRecord *p = ciro_product_record_new ();

  p->id = id;
  p->sku = g_strdup (sku);
  p->name = g_strdup (sku);
  p->barcode = g_strdup (barcode);
  p->purchase_price = price;
  p->vat_rate = vat;
  return p;
}

static void
put (Fixture *f, CiroProductRecord *p, CiroDay seen)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ciro_store_begin (f->store, &error));
  g_assert_true (ciro_store_put_product (f->store, p, seen, &error));
  g_assert_true (ciro_store_commit (f->store, &error));
  g_assert_no_error (error);
  ciro_product_record_free (p);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  CiroDay d0 = ciro_day_from_ymd (2025, 1, 1);
  CiroProductRecord *p;

  f->dir = g_dir_make_tmp ("ciro-matcher-XXXXXX", NULL);
  path = g_build_filename (f->dir, "ciro.db", NULL);
  f->store = ciro_store_open (path, &error);
  g_assert_no_error (error);
  f->next_order = 1;

  /* Ids are chosen so that the smallest-id tie-break is visible. */
  p = product (48211, "BYK-24Y-303760", "8681234500017", 41250, 1000);
  add_variant (p, 5521, "BYK-25K-303760-M41-R15", "8681234500024");
  add_variant (p, 5522, "BYK-25K-303760-L41-R15", "8681234500031");
  put (f, p, d0);

  p = product (300, "194938", "8680000000300", 9999, 2000);
  add_variant (p, 3001, "194938-M41-R15", "8680000003001");
  put (f, p, d0);

  p = product (400, "S00004064", "8680000000400", 5, 1000);
  put (f, p, d0);

  p = product (500, "101-8", NULL, 10000, 100);
  put (f, p, d0);

  p = product (600, "BYK-7", "8680000000600", 20000, 1000);
  put (f, p, d0);

  /* Two products share a variant SKU and a barcode: the smaller id wins. */
  p = product (700, "DUP-A", "8680000000700", 1000, 0);
  add_variant (p, 7002, "DUP-V", "SHARED-BARCODE");
  put (f, p, d0);
  p = product (701, "DUP-B", "SHARED-BARCODE", 2000, 0);
  add_variant (p, 7001, "DUP-V", "8680000007001");
  put (f, p, d0);

  /* A line SKU equal to one product's SKU and another's barcode: rule 2 first. */
  p = product (800, "KUPA-800", "8680000000800", 3000, 2000);
  put (f, p, d0);
  p = product (801, "KUPA-801", "KUPA-800-BARCODE", 3000, 2000);
  put (f, p, d0);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_strdup (ciro_store_get_path (f->store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_clear_object (&f->store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (f->dir);
  g_free (f->dir);
}

typedef struct {
  int    rule;
  gint64 product_id;
  gint64 variant_id;
  gint64 unit_cost;
} LineResult;

/* Writes a one-line order and reads back what the store decided. */
static LineResult
match_line (Fixture *f, const char *sku, const char *barcode, CiroDay day)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroOrderRecord) o = ciro_order_record_new ();
  CiroOrderLineRecord *l = ciro_order_line_record_new ();
  sqlite3_stmt *stmt = NULL;
  LineResult r = { -1, -1, -1, -1 };

  o->id = f->next_order++;
  o->day = day;
  o->source = g_strdup ("TRENDYOL");
  o->status = 5;
  l->sku = g_strdup (sku);
  l->barcode = g_strdup (barcode);
  l->quantity = 1;
  l->amount = 100000;
  g_ptr_array_add (o->lines, l);

  g_assert_true (ciro_store_begin (f->store, &error));
  g_assert_true (ciro_store_put_order (f->store, o, &error));
  g_assert_true (ciro_store_commit (f->store, &error));
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (f->store),
                                       "SELECT match_rule, coalesce (product_id, 0), coalesce (variant_id, 0),"
                                       " unit_cost FROM order_lines WHERE order_id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, o->id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  r.rule = sqlite3_column_int (stmt, 0);
  r.product_id = sqlite3_column_int64 (stmt, 1);
  r.variant_id = sqlite3_column_int64 (stmt, 2);
  r.unit_cost = sqlite3_column_int64 (stmt, 3);
  sqlite3_finalize (stmt);
  return r;
}

#define ASSERT_MATCH(r, rule_, product_, variant_) \
  G_STMT_START { \
    g_assert_cmpint ((r).rule, ==, (rule_)); \
    g_assert_cmpint ((r).product_id, ==, (product_)); \
    g_assert_cmpint ((r).variant_id, ==, (variant_)); \
  } G_STMT_END

static CiroDay
day (void)
{
  return ciro_day_from_ymd (2025, 6, 1);
}

static void
test_rule1_variant_sku (Fixture *f, gconstpointer data)
{
  LineResult r = match_line (f, "BYK-25K-303760-M41-R15", "unrelated", day ());
  ASSERT_MATCH (r, CIRO_MATCH_VARIANT_SKU, 48211, 5521);
  /* the variant carries no price: the parent's, 412,50 × 1,10 = 453,75 */
  g_assert_cmpint (r.unit_cost, ==, 45375);
}

static void
test_rule2_product_sku (Fixture *f, gconstpointer data)
{
  LineResult r = match_line (f, "BYK-24Y-303760", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_PRODUCT_SKU, 48211, 0);

  /* KUPA-800 is 800's SKU and 801's barcode: rule 2 comes first. */
  r = match_line (f, "KUPA-800", "KUPA-800-BARCODE", day ());
  ASSERT_MATCH (r, CIRO_MATCH_PRODUCT_SKU, 800, 0);
}

static void
test_rule3_barcode (Fixture *f, gconstpointer data)
{
  LineResult r = match_line (f, "WRONG-SKU", "8681234500031", day ());
  ASSERT_MATCH (r, CIRO_MATCH_BARCODE, 48211, 5522);

  r = match_line (f, "WRONG-SKU", "8680000000300", day ());
  ASSERT_MATCH (r, CIRO_MATCH_BARCODE, 300, 0);

  /* variant 7002's barcode equals product 701's: the variant comes first */
  r = match_line (f, "WRONG-SKU", "SHARED-BARCODE", day ());
  ASSERT_MATCH (r, CIRO_MATCH_BARCODE, 700, 7002);

  /* an empty barcode matches nothing */
  r = match_line (f, "WRONG-SKU", "", day ());
  ASSERT_MATCH (r, CIRO_MATCH_NONE, 0, 0);
}

static void
test_rule4_mapping (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LineResult r = match_line (f, "ESKI-KOD-1234", NULL, day ());

  ASSERT_MATCH (r, CIRO_MATCH_NONE, 0, 0);
  g_assert_cmpint (r.unit_cost, ==, 0);

  g_assert_false (ciro_store_map_sku (f->store, "ESKI-KOD-1234", "NO-SUCH-PRODUCT", &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Mapping to a variant's SKU maps to its parent. */
  g_assert_true (ciro_store_map_sku (f->store, "ESKI-KOD-1234", "194938-M41-R15", &error));
  g_assert_no_error (error);

  /* the line already stored was recomputed... */
  {
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (f->store),
                                         "SELECT match_rule, product_id, unit_cost FROM order_lines"
                                         " WHERE sku = 'ESKI-KOD-1234'", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, CIRO_MATCH_MAPPING);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 300);
    /* 99,99 × 1,20 = 119,988 → 119,99 */
    g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, 11999);
    sqlite3_finalize (stmt);
  }
  /* ...and new lines match by the mapping */
  r = match_line (f, "ESKI-KOD-1234", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_MAPPING, 300, 0);

  /* Removing the mapping makes the lines unmatched again. */
  g_assert_true (ciro_store_unmap_sku (f->store, "ESKI-KOD-1234", &error));
  g_assert_no_error (error);
  r = match_line (f, "ESKI-KOD-1234", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_NONE, 0, 0);
}

static void
test_rule5_normalized (Fixture *f, gconstpointer data)
{
  /* " s00004064 " → "S00004064" → "00004064" → "4064", as is S00004064 */
  LineResult r = match_line (f, " s00004064 ", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_NORMALIZED_SKU, 400, 0);
  /* 0,05 × 1,10 = 0,055 → 0,06 (half away from zero) */
  g_assert_cmpint (r.unit_cost, ==, 6);

  r = match_line (f, "4064", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_NORMALIZED_SKU, 400, 0);

  r = match_line (f, " byk-7 ", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_NORMALIZED_SKU, 600, 0);

  /* a variant before a product at the same rule */
  r = match_line (f, "byk-25k-303760-m41-r15", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_NORMALIZED_SKU, 48211, 5521);
}

static void
test_rule6_base (Fixture *f, gconstpointer data)
{
  /* another season's variant of 303760: base 303760 = base of BYK-24Y-303760 */
  LineResult r = match_line (f, "BYK-25Y-303760-M49-R42", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_BASE_SKU, 48211, 0);

  r = match_line (f, "BYK-25Y-101-8-M49-R42", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_BASE_SKU, 500, 0);

  r = match_line (f, "194938-S41-R99", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_BASE_SKU, 300, 0);

  r = match_line (f, "BYK-26K-194938-M41", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_BASE_SKU, 300, 0);

  /* a trailing colour word goes first */
  r = match_line (f, "303760-Siyah", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_BASE_SKU, 48211, 0);

  r = match_line (f, "byk-99z-303760", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_BASE_SKU, 48211, 0);
}

/* Rule 6's colour word glued to the SKU, as the original product's own
 * examples have it (metrics.md): the line is the product, costed as it. */
static void
test_rule6_glued_colour (Fixture *f, gconstpointer data)
{
  CiroDay d0 = ciro_day_from_ymd (2025, 1, 1);
  LineResult r;

  put (f, product (144236, "144236", NULL, 20000, 1000), d0);
  put (f, product (301320, "BYK-22K-301320", NULL, 30000, 2000), d0);

  r = match_line (f, "144236Siyah", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_BASE_SKU, 144236, 0);
  g_assert_cmpint (r.unit_cost, ==, 22000);

  r = match_line (f, "BYK-23Y-301320Lacivert", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_BASE_SKU, 301320, 0);
  g_assert_cmpint (r.unit_cost, ==, 36000);

  r = match_line (f, "303760KIRMIZI", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_BASE_SKU, 48211, 0);

  /* not a colour in Turkish spelling, nor a colour ending the SKU */
  r = match_line (f, "144236Kirmizi", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_NONE, 0, 0);
  r = match_line (f, "144236Siyahlar", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_NONE, 0, 0);
}

static void
test_rule7_unmatched_and_tiebreak (Fixture *f, gconstpointer data)
{
  LineResult r = match_line (f, "NOTHING-LIKE-IT", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_NONE, 0, 0);

  /* 4-digit first parts are not bases */
  r = match_line (f, "1949-M41-R15", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_NONE, 0, 0);

  /* two variants "DUP-V": 7001 (of product 701) has the smaller id */
  r = match_line (f, "DUP-V", NULL, day ());
  ASSERT_MATCH (r, CIRO_MATCH_VARIANT_SKU, 701, 7001);
}

static void
test_cost_history (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  CiroDay jan = ciro_day_from_ymd (2025, 1, 1);
  CiroDay mar = ciro_day_from_ymd (2025, 3, 1);
  CiroProductRecord *p;
  LineResult r;

  /* The price rises on 1 March (a later product sync sees 120,00). */
  p = product (600, "BYK-7", "8680000000600", 12000, 1000);
  put (f, p, mar);

  r = match_line (f, "BYK-7", NULL, ciro_day_from_ymd (2024, 12, 31));
  g_assert_cmpint (r.unit_cost, ==, 22000);   /* before the first: the earliest, 200,00 × 1,1 */
  r = match_line (f, "BYK-7", NULL, jan);
  g_assert_cmpint (r.unit_cost, ==, 22000);
  r = match_line (f, "BYK-7", NULL, mar - 1);
  g_assert_cmpint (r.unit_cost, ==, 22000);
  r = match_line (f, "BYK-7", NULL, mar);
  g_assert_cmpint (r.unit_cost, ==, 13200);   /* 120,00 × 1,1 */

  /* A variant with its own price uses it; its sibling keeps the parent's. */
  p = product (900, "VAR-900", NULL, 10000, 1000);
  add_variant (p, 9001, "VAR-900-S", NULL);
  add_variant (p, 9002, "VAR-900-M", NULL);
  ((CiroVariantRecord *) p->variants->pdata[1])->has_purchase_price = TRUE;
  ((CiroVariantRecord *) p->variants->pdata[1])->purchase_price = 15000;
  ((CiroVariantRecord *) p->variants->pdata[1])->vat_rate = 2000;
  put (f, p, jan);
  r = match_line (f, "VAR-900-S", NULL, mar);
  g_assert_cmpint (r.unit_cost, ==, 11000);
  r = match_line (f, "VAR-900-M", NULL, mar);
  g_assert_cmpint (r.unit_cost, ==, 18000);

  /* The user's own cost from 1 April overrides Sentos' from then on, for
   * every line of the product, and earlier lines keep Sentos' cost. */
  g_assert_true (ciro_store_set_user_cost (f->store, 900, ciro_day_from_ymd (2025, 4, 1), 5000, 1000, &error));
  g_assert_no_error (error);
  r = match_line (f, "VAR-900-M", NULL, ciro_day_from_ymd (2025, 4, 1));
  g_assert_cmpint (r.unit_cost, ==, 5500);
  r = match_line (f, "VAR-900-S", NULL, ciro_day_from_ymd (2025, 3, 31));
  g_assert_cmpint (r.unit_cost, ==, 11000);
  {
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (f->store),
                                         "SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                                         " WHERE l.product_id = 900 AND o.day >= ?1 AND l.unit_cost <> 5500",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_int (stmt, 1, ciro_day_from_ymd (2025, 4, 1));
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }

  g_assert_false (ciro_store_set_user_cost (f->store, 424242, jan, 100, 1000, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND);
}

/* Orders synced before their product: the product's arrival flags the store
 * for a recomputation, which then matches and costs the old lines. */
static void
test_late_product (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  LineResult r = match_line (f, "LATE-1", NULL, day ());
  g_autofree char *flag = NULL;

  ASSERT_MATCH (r, CIRO_MATCH_NONE, 0, 0);
  put (f, product (1000, "LATE-1", NULL, 10000, 1000), day ());
  flag = ciro_store_get_setting (f->store, "needs_recompute");
  g_assert_cmpstr (flag, ==, "1");

  g_assert_true (ciro_store_recompute (f->store, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&flag, g_free);
  flag = ciro_store_get_setting (f->store, "needs_recompute");
  g_assert_null (flag);
  {
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (f->store),
                                         "SELECT match_rule, product_id, unit_cost, product_key FROM order_lines"
                                         " WHERE sku = 'LATE-1'", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, CIRO_MATCH_PRODUCT_SKU);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 1000);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, 11000);
    g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, 1000);
    sqlite3_finalize (stmt);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/matcher/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("rule1-variant-sku", test_rule1_variant_sku);
  ADD ("rule2-product-sku", test_rule2_product_sku);
  ADD ("rule3-barcode", test_rule3_barcode);
  ADD ("rule4-mapping", test_rule4_mapping);
  ADD ("rule5-normalized", test_rule5_normalized);
  ADD ("rule6-base", test_rule6_base);
  ADD ("rule6-glued-colour", test_rule6_glued_colour);
  ADD ("rule7-unmatched-and-tiebreak", test_rule7_unmatched_and_tiebreak);
  ADD ("cost-history", test_cost_history);
  ADD ("late-product", test_late_product);
#undef ADD

  return g_test_run ();
}
