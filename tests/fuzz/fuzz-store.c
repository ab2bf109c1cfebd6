/* fuzz-store.c: parsed pages written into a store, the rollups checked
 *
 * The input is a products page and an orders page, split at the first form
 * feed (a byte JSON never holds outside a string, and inside one only
 * escaped); without one, the whole input is an orders page and the store has
 * no catalogue. Both pages go into a new store the way a sync writes them;
 * then the orders again in reverse (every order replaced, the first of two
 * with the same id now winning), then a rebuild of the rollups. After each step the rollup tables must equal the same sums
 * computed from the raw order and line rows (the check of test-store.c),
 * and the store must hold what the pages said. A write may be refused only
 * when one of its sums could not fit in 64 bits, and then it leaves the
 * store as it was.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "store/ciro-store-sql.h"
#include "store/ciro-store.h"
#include "sync/ciro-sentos-parse.h"
#include "ciro-fuzz.h"

/* Exactly `size` bytes on the heap: AddressSanitizer sees a read past them. */
static char *
exact_copy (const guint8 *data, gsize size)
{
  char *copy = g_malloc (MAX (size, 1));

  if (size > 0)
    memcpy (copy, data, size);
  return copy;
}

static gint64
query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("preparing %s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    g_error ("running %s: %s", sql, sqlite3_errmsg (db));
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* The rows of two queries are the same set. */
static void
assert_same_rows (sqlite3 *db, const char *what, const char *a, const char *b)
{
  g_autofree char *sql = g_strdup_printf ("SELECT (SELECT count(*) FROM (SELECT * FROM (%s) EXCEPT SELECT * FROM (%s))) +"
                                          " (SELECT count(*) FROM (SELECT * FROM (%s) EXCEPT SELECT * FROM (%s)))",
                                          a, b, b, a);
  gint64 differ = query_int (db, sql);

  if (differ != 0)
    g_error ("%s: %" G_GINT64_FORMAT " rows differ from the raw rows", what, differ);
}

/* The rows of a product rollup query (period, marketplace, product, then
 * six figures) that are not all 0. */
#define NONZERO(query) \
  "WITH z (p, m, k, a, b, c, d, e, f) AS (" query ")" \
  " SELECT * FROM z WHERE a <> 0 OR b <> 0 OR c <> 0 OR d <> 0 OR e <> 0 OR f <> 0"

/* Each rollup table against the sums computed here from the orders and
 * order_lines tables, independently of the store's own rebuild query.
 * Integer sums throughout (test-store.c uses total () in places, whose
 * doubles would lose kuruş on the large values a fuzzer writes). */
static void
check_rollups_against_raw (sqlite3 *db)
{
  assert_same_rows (db, "roll_day_mp",
    "SELECT day, marketplace_id, gross_orders, gross_units, gross_amount, gross_shipping, cr_orders,"
    " cr_units, cr_amount, cr_shipping, net_cost, net_commission, unmatched_lines, unmatched_amount"
    " FROM roll_day_mp",
    "SELECT o.day, o.marketplace_id, count(*),"
    " coalesce (sum ((SELECT sum (quantity) FROM order_lines WHERE order_id = o.id)), 0),"
    " coalesce (sum ((SELECT sum (amount) FROM order_lines WHERE order_id = o.id)), 0),"
    " sum (o.shipping_total),"
    " sum (iif (o.status = 6, 1, 0)),"
    " coalesce (sum (iif (o.status = 6, (SELECT sum (quantity) FROM order_lines WHERE order_id = o.id), 0)), 0),"
    " coalesce (sum (iif (o.status = 6, (SELECT sum (amount) FROM order_lines WHERE order_id = o.id), 0)), 0),"
    " sum (iif (o.status = 6, o.shipping_total, 0)),"
    " coalesce (sum (iif (o.status = 6, 0, (SELECT sum (cost) FROM order_lines WHERE order_id = o.id))), 0),"
    " coalesce (sum (iif (o.status = 6, 0, (SELECT sum (commission) FROM order_lines WHERE order_id = o.id))), 0),"
    " coalesce (sum (iif (o.status = 6, 0, (SELECT count(*) FROM order_lines WHERE order_id = o.id AND product_id IS NULL))), 0),"
    " coalesce (sum (iif (o.status = 6, 0, (SELECT sum (amount) FROM order_lines WHERE order_id = o.id AND product_id IS NULL))), 0)"
    " FROM orders o GROUP BY o.day, o.marketplace_id");

  /* a product's row whose figures are all 0 says nothing: the writer may
   * drop it (an order's only line of 0 units, cancelled), so both sides
   * are compared without such rows */
  assert_same_rows (db, "roll_day_product",
    NONZERO ("SELECT day, marketplace_id, product_key, revenue, units, orders, cost, commission, return_units"
    " FROM roll_day_product"),
    NONZERO ("SELECT o.day, o.marketplace_id, l.product_key,"
    " coalesce (sum (iif (o.status <> 6, l.amount, 0)), 0), coalesce (sum (iif (o.status <> 6, l.quantity, 0)), 0),"
    " (SELECT count(*) FROM orders o2 WHERE o2.day = o.day AND o2.marketplace_id = o.marketplace_id"
    "   AND o2.status <> 6 AND EXISTS (SELECT 1 FROM order_lines l2 WHERE l2.order_id = o2.id"
    "   AND l2.product_key = l.product_key)),"
    " coalesce (sum (iif (o.status <> 6, l.cost, 0)), 0), coalesce (sum (iif (o.status <> 6, l.commission, 0)), 0),"
    " coalesce (sum (iif (o.status = 6, l.quantity, 0)), 0)"
    " FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " GROUP BY o.day, o.marketplace_id, l.product_key"));

  assert_same_rows (db, "roll_month_product",
    NONZERO ("SELECT month, marketplace_id, product_key, revenue, units, orders, cost, commission, return_units"
    " FROM roll_month_product"),
    NONZERO ("SELECT CAST (strftime ('%Y', day * 86400, 'unixepoch') AS INTEGER) * 12"
    "  + CAST (strftime ('%m', day * 86400, 'unixepoch') AS INTEGER) - 1 AS m,"
    " marketplace_id, product_key, sum (revenue), sum (units), sum (orders), sum (cost),"
    " sum (commission), sum (return_units)"
    " FROM roll_day_product GROUP BY m, marketplace_id, product_key"));
}

/* What the store holds against what was written: one row per distinct
 * order id, with the lines of the version written last, and the same
 * number of lines on the roll-up side. */
static void
check_orders (sqlite3 *db, GHashTable *last_version)
{
  GHashTableIter iter;
  gpointer value;
  gint64 lines = 0, n_orders = 0;

  g_hash_table_iter_init (&iter, last_version);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const CiroOrderRecord *o = value;
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM order_lines WHERE order_id = %" G_GINT64_FORMAT, o->id);
      g_autofree char *day = g_strdup_printf ("SELECT day FROM orders WHERE id = %" G_GINT64_FORMAT, o->id);

      g_assert_cmpint (query_int (db, sql), ==, o->lines->len);
      g_assert_cmpint (query_int (db, day), ==, o->day);
      lines += o->lines->len;
      n_orders++;
    }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM orders"), ==, n_orders);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM order_lines"), ==, lines);
  g_assert_cmpint (query_int (db, "SELECT coalesce (sum (gross_orders), 0) FROM roll_day_mp"), ==, n_orders);
  check_rollups_against_raw (db);
}

/* The most a unit of any product can cost (VAT included), in kuruş. */
static double
max_unit_cost (CiroSentosPage *products)
{
  double most = 0;

  for (guint i = 0; products != NULL && i < products->records->len; i++)
    {
      const CiroProductRecord *p = products->records->pdata[i];

      most = MAX (most, fabs ((double) p->purchase_price) * (1 + fabs ((double) p->vat_rate) / 10000));
      for (guint j = 0; j < p->variants->len; j++)
        {
          const CiroVariantRecord *v = p->variants->pdata[j];
          most = MAX (most, fabs ((double) v->purchase_price) * (1 + fabs ((double) v->vat_rate) / 10000));
        }
    }
  return most + 1;
}

/* More than any sum the store makes of these orders can reach, any order
 * of adding and subtracting included. */
static double
sum_bound (GPtrArray *orders, double unit_cost)
{
  double bound = 0;

  for (guint i = 0; i < orders->len; i++)
    {
      const CiroOrderRecord *o = orders->pdata[i];

      bound += fabs ((double) o->shipping_total) + fabs ((double) o->total) + 1;
      for (guint j = 0; j < o->lines->len; j++)
        {
          const CiroOrderLineRecord *l = o->lines->pdata[j];
          bound += fabs ((double) l->quantity) * (unit_cost + 1) + 2 * fabs ((double) l->amount) + 1;
        }
    }
  return 4 * bound;
}

/* Writes the orders in one transaction. FALSE when the store refused
 * them, which it may only do when a sum would not fit in 64 bits (it fails
 * loudly rather than wrap); what was committed before is then intact. */
static gboolean
put_orders (CiroStore *store, GPtrArray *orders, gboolean reverse, double bound, GHashTable *last_version)
{
  g_autoptr(GError) error = NULL;

  g_hash_table_remove_all (last_version);
  g_assert_true (ciro_store_begin (store, &error));
  for (guint k = 0; k < orders->len; k++)
    {
      const CiroOrderRecord *o = orders->pdata[reverse ? orders->len - 1 - k : k];

      if (!ciro_store_put_order (store, o, &error))
        break;
      g_hash_table_insert (last_version, (gpointer) &o->id, (gpointer) o);
    }
  if (error == NULL && ciro_store_commit (store, &error))
    return TRUE;

  g_assert_true (error->domain == CIRO_STORE_ERROR);
  if (bound < 9.0e18)
    g_error ("writing the orders failed although no sum can exceed %.3g: %s", bound, error->message);
  ciro_store_rollback (store);
  check_rollups_against_raw (ciro_store_get_db (store));
  return FALSE;
}

/* A directory of the process's own for the store file: opening
 * ":memory:" would leave an empty file of that name wherever the fuzzer
 * runs (the store creates its file 0600 before SQLite opens it). */
static char *store_dir;

static void
remove_store (void)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (store_dir, "/fuzz.db", suffixes[i], NULL);
      g_unlink (file);
    }
}

static void
remove_store_dir (void)
{
  remove_store ();
  g_rmdir (store_dir);
}

static void
write_and_check (const char *path, CiroSentosPage *products, CiroSentosPage *orders)
{
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GHashTable) last_version = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) product_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GError) error = NULL;
  CiroDay seen_day = ciro_day_from_ymd (2025, 1, 1);
  double bound;
  sqlite3 *db;

  store = ciro_store_open (path, &error);
  g_assert_no_error (error);
  db = ciro_store_get_db (store);

  if (products != NULL)
    {
      g_assert_true (ciro_store_begin (store, &error));
      for (guint i = 0; i < products->records->len; i++)
        {
          const CiroProductRecord *p = products->records->pdata[i];

          if (!ciro_store_put_product (store, p, seen_day, &error))
            g_error ("writing product %" G_GINT64_FORMAT ": %s", p->id, error->message);
          g_hash_table_add (product_ids, (gpointer) &p->id);
        }
      if (!ciro_store_commit (store, &error))
        g_error ("committing the products: %s", error->message);
    }
  g_assert_cmpint (ciro_store_count_products (store, NULL), ==, g_hash_table_size (product_ids));

  bound = sum_bound (orders->records, max_unit_cost (products));
  if (!put_orders (store, orders->records, FALSE, bound, last_version))
    return;
  check_orders (db, last_version);

  /* every order again, replacing itself, in the other order */
  if (!put_orders (store, orders->records, TRUE, bound, last_version))
    return;
  check_orders (db, last_version);

  /* and the rollups built again from scratch */
  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_rebuild_rollups (store, &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
  check_orders (db, last_version);
}

void
ciro_fuzz_page_store (const guint8 *data, gsize size)
{
  const guint8 *ff = memchr (data, '\f', size);
  const guint8 *orders_text = ff ? ff + 1 : data;
  gsize products_size = ff ? (gsize) (ff - data) : 0;
  gsize orders_size = ff ? size - products_size - 1 : size;
  g_autofree char *products_copy = exact_copy (data, products_size);
  g_autofree char *orders_copy = exact_copy (orders_text, orders_size);
  g_autoptr(CiroSentosPage) products = NULL;
  g_autoptr(CiroSentosPage) orders = NULL;
  g_autofree char *path = NULL;

  if (products_size > 0)
    {
      products = ciro_sentos_page_parse (products_copy, products_size, CIRO_SENTOS_PRODUCTS, NULL);
      if (products == NULL)
        return;
    }
  orders = ciro_sentos_page_parse (orders_copy, orders_size, CIRO_SENTOS_ORDERS, NULL);
  if (orders == NULL || (orders->records->len == 0 && (products == NULL || products->records->len == 0)))
    return;

  if (store_dir == NULL)
    {
      store_dir = g_dir_make_tmp ("ciro-fuzz-XXXXXX", NULL);
      g_assert_nonnull (store_dir);
      atexit (remove_store_dir);
    }
  path = g_build_filename (store_dir, "fuzz.db", NULL);
  remove_store ();
  write_and_check (path, products, orders);
  remove_store ();
}
