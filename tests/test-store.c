/* test-store.c: opening, migrating, replacing orders, rollups, errors
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "store/ciro-schema.h"
#include "store/ciro-store-sql.h"
#include "store/ciro-store.h"
#include "ciro-test-util.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("ciro-store-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, "sub", "ciro.db", NULL);
}

static void
remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      GDir *dir = g_dir_open (path, 0, NULL);
      const char *name;
      while (dir && (name = g_dir_read_name (dir)))
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      if (dir)
        g_dir_close (dir);
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static CiroProductRecord *
make_product (gint64 id, const char *sku, CiroKurus price, CiroBasisPoints vat, guint n_variants)
{
  CiroProductRecord *p = ciro_product_record_new ();

  p->id = id;
  p->sku = g_strdup (sku);
  p->name = g_strdup_printf ("Ürün %s", sku);
  p->barcode = g_strdup_printf ("868%010" G_GINT64_FORMAT, id);
  p->purchase_price = price;
  p->vat_rate = vat;
  for (guint i = 0; i < n_variants; i++)
    {
      CiroVariantRecord *v = ciro_variant_record_new ();
      v->id = id * 100 + i;
      v->sku = g_strdup_printf ("%s-V%u", sku, i);
      v->barcode = g_strdup_printf ("869%010" G_GINT64_FORMAT, v->id);
      ciro_stock_record_append (v->stocks, 1, "Ana Depo", 3 + i);
      ciro_stock_record_append (v->stocks, 2, NULL, 1);
      g_ptr_array_add (p->variants, v);
    }
  if (n_variants == 0)
    ciro_stock_record_append (p->stocks, 1, "Ana Depo", 7);
  return p;
}

static CiroOrderLineRecord *
make_line (const char *sku, gint64 quantity, CiroKurus amount)
{
  CiroOrderLineRecord *l = ciro_order_line_record_new ();

  l->sku = g_strdup (sku);
  l->quantity = quantity;
  l->price = quantity > 0 ? amount / quantity : amount;
  l->amount = amount;
  l->status = g_strdup ("accepted");
  return l;
}

static CiroOrderRecord *
make_order (gint64 id, CiroDay day, const char *source, gint32 status, CiroKurus shipping)
{
  CiroOrderRecord *o = ciro_order_record_new ();

  o->id = id;
  o->order_code = g_strdup_printf ("T-%" G_GINT64_FORMAT, id);
  o->day = day;
  o->seconds = 12 * 3600;
  o->source = g_strdup (source);
  o->status = status;
  o->shipping_total = shipping;
  o->customer_id = id % 7 + 1;
  o->customer_name = g_strdup ("Ayşe Yılmaz");
  return o;
}

static void
put_products (CiroStore *store, CiroProductRecord **products, guint n, CiroDay seen)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ciro_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    g_assert_true (ciro_store_put_product (store, products[i], seen, &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
put_order (CiroStore *store, CiroOrderRecord *o)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_put_order (store, o, &error));
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
test_open_creates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
  g_autoptr(GPtrArray) mps = NULL;
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_EXISTS));
  db = ciro_store_get_db (store);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, CIRO_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (ciro_store_count_orders (store, NULL), ==, 0);

  mps = ciro_store_list_marketplaces (store, &error);
  g_assert_no_error (error);
  /* metrics.md's table: six named marketplaces */
  g_assert_cmpuint (mps->len, ==, 6);
  for (guint i = 0; i < mps->len; i++)
    {
      CiroMarketplaceSettings *m = mps->pdata[i];
      g_assert_cmpint (m->shipping_cost, ==, 7500);
      if (g_str_equal (m->name, "Trendyol"))
        g_assert_cmpint (m->commission, ==, 2150);
      else if (g_str_equal (m->name, "ÇiçekSepeti"))
        g_assert_cmpint (m->commission, ==, 1000);
    }

  /* The journal is WAL so the window and ciro-cli can share the file. */
  {
    sqlite3_stmt *stmt = NULL;
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
  }
}

static void
test_reopen_keeps_data (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  CiroProductRecord *p = make_product (10, "A-1", 1000, 1000, 0);
  g_autoptr(CiroOrderRecord) o = make_order (1, ciro_day_from_ymd (2025, 3, 1), "TRENDYOL", 5, 0);

  {
    g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
    g_assert_no_error (error);
    put_products (store, &p, 1, ciro_day_from_ymd (2025, 1, 1));
    g_ptr_array_add (o->lines, make_line ("A-1", 1, 5000));
    put_order (store, o);
  }
  {
    g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (ciro_store_count_orders (store, NULL), ==, 1);
    g_assert_cmpint (ciro_store_count_products (store, NULL), ==, 1);
  }
  ciro_product_record_free (p);
}

/* A store written by every older schema version is brought up to date and
 * keeps its data. Version 0 is the empty file every store starts as; each
 * older version is made by applying that many migrations by hand. */
static void
test_migrate_from_every_version (Fixture *f, gconstpointer data)
{
  guint n_migrations;
  const char * const *migrations = ciro_schema_migrations (&n_migrations);

  g_assert_cmpuint (n_migrations, ==, CIRO_STORE_SCHEMA_VERSION);
  for (guint version = 0; version < n_migrations; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = g_strdup_printf ("%s/v%u.db", f->dir, version);
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      for (guint v = 0; v < version; v++)
        {
          g_autofree char *set = g_strdup_printf ("PRAGMA user_version = %u", v + 1);
          g_assert_cmpint (sqlite3_exec (db, migrations[v], NULL, NULL, NULL), ==, SQLITE_OK);
          g_assert_cmpint (sqlite3_exec (db, set, NULL, NULL, NULL), ==, SQLITE_OK);
        }
      /* Every version since 1 has had products with an id, SKU and name. */
      if (version >= 1)
        g_assert_cmpint (sqlite3_exec (db, "INSERT INTO products (id, sku, name, first_seen, last_seen)"
                                           " VALUES (42, 'OLD-42', 'Eski Ürün', 0, 0)", NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      {
        g_autoptr(CiroStore) store = ciro_store_open (path, &error);
        g_assert_no_error (error);
        g_assert_cmpint (query_int (ciro_store_get_db (store), "PRAGMA user_version"), ==,
                         CIRO_STORE_SCHEMA_VERSION);
        g_assert_cmpint (query_int (ciro_store_get_db (store),
                                    "SELECT count(*) FROM sqlite_master WHERE name = 'roll_month_product'"), ==, 1);
        if (version >= 1)
          g_assert_cmpint (query_int (ciro_store_get_db (store),
                                      "SELECT count(*) FROM products WHERE id = 42 AND sku = 'OLD-42'"), ==, 1);
      }
    }
}

static void
test_refuses_foreign_and_newer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *garbage = g_build_filename (f->dir, "garbage.db", NULL);
  g_autofree char *foreign = g_build_filename (f->dir, "foreign.db", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.db", NULL);
  g_autoptr(CiroStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (garbage, "this is not a database, just some text that is long enough "
                                      "to look like a header and then some more text", -1, NULL));
  store = ciro_store_open (garbage, &error);
  g_assert_null (store);
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = ciro_store_open (foreign, &error);
  g_assert_null (store);
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  /* and the foreign file was not touched */
  g_assert_cmpint (sqlite3_open (foreign, &db), ==, SQLITE_OK);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master"), ==, 1);
  sqlite3_close (db);

  g_assert_cmpint (sqlite3_open (newer, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = ciro_store_open (newer, &error);
  g_assert_null (store);
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_TOO_NEW);
}

static void
test_unwritable_path (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open ("/proc/ciro-cannot-exist/x/ciro.db", &error);

  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == CIRO_STORE_ERROR);
  g_assert_true (error->code == CIRO_STORE_ERROR_OPEN || error->code == CIRO_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "/proc/ciro-cannot-exist"));
}

static void
test_locked (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(CiroStore) other = NULL;
  sqlite3 *db = NULL;

  g_setenv ("CIRO_BUSY_TIMEOUT_MS", "50", TRUE);
  store = ciro_store_open (f->path, &error);
  g_assert_no_error (error);

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN EXCLUSIVE", NULL, NULL, NULL), ==, SQLITE_OK);

  /* Reading still works beside a writer (WAL)... */
  other = ciro_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ciro_store_count_orders (other, &error), ==, 0);

  /* ...and writing reports the lock clearly, leaving nothing half done. */
  g_assert_false (ciro_store_begin (store, &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_LOCKED);
  g_assert_nonnull (strstr (error->message, "locked"));
  g_clear_error (&error);
  g_assert_false (ciro_store_set_setting (store, "low_stock_threshold", "12", &error));
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (db);
  g_assert_true (ciro_store_set_setting (store, "low_stock_threshold", "12", &error));
  g_assert_no_error (error);
  g_assert_cmpint (ciro_store_get_setting_int (store, "low_stock_threshold", 0), ==, 12);
  g_unsetenv ("CIRO_BUSY_TIMEOUT_MS");
}

static gpointer
open_store_thread (gpointer path)
{
  GError *error = NULL;
  CiroStore *store = ciro_store_open (path, &error);

  if (store == NULL)
    return error;
  g_object_unref (store);
  return NULL;
}

/* Several report workers open a store that does not exist yet: while one
 * makes it (writing in a rollback journal until its switch to WAL), SQLite
 * refuses the others' switch to WAL at once, without waiting. They wait
 * for it, as for any lock, up to the busy timeout; then a clear "locked"
 * error. */
static void
test_open_beside_new_store_writer (Fixture *f, gconstpointer data)
{
  g_autofree char *sub = g_path_get_dirname (f->path);
  g_autofree char *other = g_build_filename (sub, "other.db", NULL);
  sqlite3 *db = NULL;
  GThread *thread;
  GError *error;
  gint64 t0;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_setenv ("CIRO_BUSY_TIMEOUT_MS", "5000", TRUE);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  t0 = g_get_monotonic_time ();
  thread = g_thread_new ("open", open_store_thread, f->path);
  g_usleep (300 * G_TIME_SPAN_MILLISECOND);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  error = g_thread_join (thread);
  g_assert_no_error (error);
  /* it waited for the writer rather than failing or racing past it */
  g_assert_cmpint (g_get_monotonic_time () - t0, >=, 250 * G_TIME_SPAN_MILLISECOND);

  sqlite3_close (db);

  /* a writer that keeps the lock past the timeout: a clear error, and
   * the store opens once it is gone */
  g_assert_cmpint (sqlite3_open (other, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL), ==, SQLITE_OK);
  g_setenv ("CIRO_BUSY_TIMEOUT_MS", "100", TRUE);
  error = open_store_thread (other);
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_null (open_store_thread (other));
  g_unsetenv ("CIRO_BUSY_TIMEOUT_MS");
}

static void
test_read_only (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) ro = NULL;
  g_autoptr(CiroOrderRecord) o = make_order (1, ciro_day_from_ymd (2025, 3, 1), "N11", 5, 0);

  {
    g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
    g_assert_no_error (error);
  }
  ro = ciro_store_open_readonly (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ciro_store_count_orders (ro, &error), ==, 0);

  /* BEGIN IMMEDIATE on a read-only connection fails. */
  if (ciro_store_begin (ro, &error))
    {
      g_assert_false (ciro_store_put_order (ro, o, &error));
      ciro_store_rollback (ro);
    }
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  {
    g_autofree char *missing = g_build_filename (f->dir, "missing.db", NULL);
    g_assert_null (ciro_store_open_readonly (missing, &error));
  }
  g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_OPEN);
}

/* Re-reading an order replaces it as a whole: new status, new lines, no
 * stale rows, rollups moved from the old version to the new one. */
static void
test_replace_on_rewrite (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
  CiroProductRecord *products[2] = {
    make_product (1, "GOMLEK-1", 10000, 1000, 2),  /* unit cost with VAT 110,00 */
    make_product (2, "KUPA-2", 2000, 2000, 0),     /* 24,00 */
  };
  CiroDay d1 = ciro_day_from_ymd (2025, 10, 17);
  CiroDay d2 = ciro_day_from_ymd (2025, 10, 18);
  sqlite3 *db;

  g_assert_no_error (error);
  db = ciro_store_get_db (store);
  put_products (store, products, 2, ciro_day_from_ymd (2025, 1, 1));

  {
    g_autoptr(CiroOrderRecord) o = make_order (7712093, d1, "HEPSIBURADA", 5, 3990);
    g_ptr_array_add (o->lines, make_line ("GOMLEK-1-V0", 1, 124990));
    g_ptr_array_add (o->lines, make_line ("KUPA-2", 2, 10000));
    g_ptr_array_add (o->lines, make_line ("NOPE", 1, 500));
    put_order (store, o);
  }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM order_lines"), ==, 3);
  g_assert_cmpint (query_int (db, "SELECT gross_orders FROM roll_day_mp"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT gross_amount FROM roll_day_mp"), ==, 124990 + 10000 + 500);
  /* cost: 1 × 110,00 + 2 × 24,00 */
  g_assert_cmpint (query_int (db, "SELECT net_cost FROM roll_day_mp"), ==, 11000 + 4800);
  /* Hepsiburada 15 %: 18748,5 → 18749; 1500; 75 */
  g_assert_cmpint (query_int (db, "SELECT net_commission FROM roll_day_mp"), ==, 18749 + 1500 + 75);
  g_assert_cmpint (query_int (db, "SELECT unmatched_lines FROM roll_day_mp"), ==, 1);

  /* Weeks later: the same order, now returned, one line fewer, another day. */
  {
    g_autoptr(CiroOrderRecord) o = make_order (7712093, d2, "HB", 6, 3990);
    g_ptr_array_add (o->lines, make_line ("GOMLEK-1-V1", 1, 124990));
    put_order (store, o);
  }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM orders"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM order_lines"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT status FROM orders"), ==, 6);
  g_assert_cmpint (query_int (db, "SELECT variant_id FROM order_lines"), ==, 101);
  /* The old day's rollup is gone, the new one counts a cancelled order. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM roll_day_mp"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT day FROM roll_day_mp"), ==, d2);
  g_assert_cmpint (query_int (db, "SELECT cr_orders FROM roll_day_mp"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT cr_amount FROM roll_day_mp"), ==, 124990);
  g_assert_cmpint (query_int (db, "SELECT net_cost FROM roll_day_mp"), ==, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM roll_day_product WHERE day = %d", d1);
    g_assert_cmpint (query_int (db, sql), ==, 0);
  }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM roll_day_product"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT return_units FROM roll_day_product"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT revenue FROM roll_day_product"), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (products); i++)
    ciro_product_record_free (products[i]);
}

/* A failed batch leaves the store as it was before the batch. */
static void
test_rollback_keeps_previous (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
  CiroDay day = ciro_day_from_ymd (2025, 5, 5);
  sqlite3 *db = ciro_store_get_db (store);

  {
    g_autoptr(CiroOrderRecord) o = make_order (1, day, "TRENDYOL", 5, 0);
    g_ptr_array_add (o->lines, make_line ("X", 1, 1000));
    put_order (store, o);
  }
  g_assert_true (ciro_store_begin (store, &error));
  {
    g_autoptr(CiroOrderRecord) o = make_order (2, day, "Yeni Pazar", 5, 0);
    g_ptr_array_add (o->lines, make_line ("Y", 1, 2000));
    g_assert_true (ciro_store_put_order (store, o, &error));
  }
  {
    g_autoptr(CiroOrderRecord) bad = make_order (3, CIRO_DAY_INVALID, "TRENDYOL", 5, 0);
    g_assert_false (ciro_store_put_order (store, bad, &error));
    g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  ciro_store_rollback (store);

  g_assert_cmpint (query_int (db, "SELECT count(*) FROM orders"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM marketplaces WHERE name = 'Yeni Pazar'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT gross_amount FROM roll_day_mp"), ==, 1000);
  /* what the sync asks before it counts a new marketplace: the table, not
   * what the connection saw in the rolled-back transaction */
  g_assert_cmpint (ciro_store_has_marketplace (store, "Yeni Pazar", &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (ciro_store_has_marketplace (store, "Trendyol", &error), ==, 1);
  g_assert_no_error (error);

  /* The store goes on working after a rollback, and re-adds the marketplace. */
  {
    g_autoptr(CiroOrderRecord) o = make_order (2, day, "Yeni Pazar", 5, 0);
    g_ptr_array_add (o->lines, make_line ("Y", 1, 2000));
    put_order (store, o);
  }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM marketplaces WHERE name = 'Yeni Pazar'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT sum (gross_amount) FROM roll_day_mp"), ==, 3000);
  g_assert_cmpint (ciro_store_has_marketplace (store, "Yeni Pazar", &error), ==, 1);
  g_assert_no_error (error);

  /* the sync's connection: a checkpoint every 16384 pages, the WAL cut to 16 MB */
  g_assert_cmpint (query_int (db, "PRAGMA wal_autocheckpoint"), ==, 1000);
  g_assert_true (ciro_store_use_large_wal (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "PRAGMA wal_autocheckpoint"), ==, 16384);
  g_assert_cmpint (query_int (db, "PRAGMA journal_size_limit"), ==, 16777216);
}

/* ---- rollups against a direct computation on a random store ---- */

static guint64 rng_state;

static guint32
rnd (guint32 n)
{
  /* xorshift64*: the test's own generator, independent of the demo's. */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (guint32) (((rng_state * 0x2545F4914F6CDD1Dull) >> 32) % n);
}

static const char *sources[] = { "TRENDYOL", "HB", "n11", "AMAZON", "", "Morhipo" };

static CiroOrderRecord *
random_order (gint64 id, CiroDay first_day, guint n_products)
{
  CiroOrderRecord *o = make_order (id, first_day + (CiroDay) rnd (60), sources[rnd (G_N_ELEMENTS (sources))],
                                   rnd (10) == 0 ? 6 : (gint32) (1 + rnd (5)), rnd (3) == 0 ? 2990 : 0);
  guint n_lines = rnd (5);

  for (guint i = 0; i < n_lines; i++)
    {
      guint p = rnd (n_products + 2);
      g_autofree char *sku = p < n_products ? g_strdup_printf ("P%u-V%u", p + 1, rnd (2))
                                            : g_strdup_printf ("UNKNOWN-%u", rnd (3));
      g_ptr_array_add (o->lines, make_line (sku, 1 + rnd (3), 100 + rnd (100000)));
    }
  return o;
}

/* Compares a rollup table with the same sums computed here from the raw
 * tables, written independently of the store's own rebuild query. */
static void
assert_same_rows (sqlite3 *db, const char *a, const char *b)
{
  g_autofree char *sql = g_strdup_printf ("SELECT (SELECT count(*) FROM (%s EXCEPT %s)) +"
                                          " (SELECT count(*) FROM (%s EXCEPT %s))", a, b, b, a);
  g_autofree char *count = g_strdup_printf ("SELECT count(*) FROM (%s)", a);

  g_assert_cmpint (query_int (db, sql), ==, 0);
  g_assert_cmpint (query_int (db, count), >, 0);
}

static void
check_rollups_against_raw (sqlite3 *db)
{
  assert_same_rows (db,
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

  assert_same_rows (db,
    "SELECT day, marketplace_id, product_key, revenue, units, orders, cost, commission, return_units"
    " FROM roll_day_product",
    "SELECT o.day, o.marketplace_id, l.product_key,"
    " total (iif (o.status <> 6, l.amount, 0)), total (iif (o.status <> 6, l.quantity, 0)),"
    " (SELECT count(*) FROM orders o2 WHERE o2.day = o.day AND o2.marketplace_id = o.marketplace_id"
    "   AND o2.status <> 6 AND EXISTS (SELECT 1 FROM order_lines l2 WHERE l2.order_id = o2.id"
    "   AND l2.product_key = l.product_key)),"
    " total (iif (o.status <> 6, l.cost, 0)), total (iif (o.status <> 6, l.commission, 0)),"
    " total (iif (o.status = 6, l.quantity, 0))"
    " FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " GROUP BY o.day, o.marketplace_id, l.product_key");

  assert_same_rows (db,
    "SELECT month, marketplace_id, product_key, revenue, units, orders, cost, commission, return_units"
    " FROM roll_month_product",
    "SELECT CAST (strftime ('%Y', day * 86400, 'unixepoch') AS INTEGER) * 12"
    "  + CAST (strftime ('%m', day * 86400, 'unixepoch') AS INTEGER) - 1 AS m,"
    " marketplace_id, product_key, sum (revenue), sum (units), sum (orders), sum (cost),"
    " sum (commission), sum (return_units)"
    " FROM roll_day_product GROUP BY m, marketplace_id, product_key");

  /* the months each product sold in, from the lines: per marketplace and
   * (marketplace 0) counting the marketplaces, ten bits a month */
  assert_same_rows (db,
    "SELECT year, marketplace_id, product_key, lo, hi FROM roll_year_product",
#define SOLD_MONTHS \
    "(SELECT DISTINCT CAST (strftime ('%Y', o.day * 86400, 'unixepoch') AS INTEGER) AS y," \
    "   CAST (strftime ('%m', o.day * 86400, 'unixepoch') AS INTEGER) - 1 AS s," \
    "   o.marketplace_id AS mp, l.product_key AS k" \
    "  FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.status <> 6)"
    "SELECT * FROM (SELECT y, mp, k, sum (iif (s < 6, 1 << (10 * s), 0)), sum (iif (s >= 6, 1 << (10 * (s - 6)), 0))"
    "  FROM " SOLD_MONTHS " GROUP BY y, mp, k"
    " UNION ALL SELECT y, 0, k, sum (iif (s < 6, 1 << (10 * s), 0)), sum (iif (s >= 6, 1 << (10 * (s - 6)), 0))"
    "  FROM " SOLD_MONTHS " GROUP BY y, k)");
#undef SOLD_MONTHS

  /* the running totals: per product and part of month (days 1-4, 5-8, ...,
   * 25-28, 29 to the end), from the product's first part to the last part
   * with lines, the sums of all parts up to it over all marketplaces (rows
   * whose sums are all zero aside: the writer may keep them where an order
   * moved away) */
#define LINE_MONTHS \
  "(SELECT (CAST (strftime ('%Y', o.day * 86400, 'unixepoch') AS INTEGER) * 12" \
  "   + CAST (strftime ('%m', o.day * 86400, 'unixepoch') AS INTEGER) - 1) * 8" \
  "   + min ((CAST (strftime ('%d', o.day * 86400, 'unixepoch') AS INTEGER) - 1) / 4, 7) AS m," \
  "   l.product_key AS k, o.id AS oid, o.status AS st, l.amount, l.quantity, l.cost, l.commission," \
  "   l.output_vat, l.cost_ex_vat FROM order_lines l JOIN orders o ON o.id = l.order_id)"
#define NONZERO " (revenue <> 0 OR units <> 0 OR orders <> 0 OR cost <> 0 OR commission <> 0" \
  " OR return_units <> 0 OR output_vat <> 0 OR cost_ex_vat <> 0)"
  if (query_int (db, "SELECT count(*) FROM order_lines") > 0)
    assert_same_rows (db,
      "SELECT part, product_key, revenue, units, orders, cost, commission, return_units, output_vat,"
      " cost_ex_vat FROM roll_cum_part WHERE" NONZERO
      " AND part <= (SELECT max (m) FROM " LINE_MONTHS ")",
      "SELECT * FROM (WITH RECURSIVE pm AS (SELECT m, k, sum (iif (st <> 6, amount, 0)) AS r,"
      "   sum (iif (st <> 6, quantity, 0)) AS u, count (DISTINCT iif (st <> 6, oid, NULL)) AS n,"
      "   sum (iif (st <> 6, cost, 0)) AS c, sum (iif (st <> 6, commission, 0)) AS cm,"
      "   sum (iif (st = 6, quantity, 0)) AS ru, sum (iif (st <> 6, output_vat, 0)) AS ov,"
      "   sum (iif (st <> 6, cost_ex_vat, 0)) AS cx FROM " LINE_MONTHS " GROUP BY m, k),"
      "  ms (m) AS (SELECT min (m) FROM pm UNION ALL SELECT m + 1 FROM ms WHERE m < (SELECT max (m) FROM pm))"
      " SELECT ms.m AS part, f.k AS product_key,"
      "  (SELECT sum (r) FROM pm WHERE pm.k = f.k AND pm.m <= ms.m) AS revenue,"
      "  (SELECT sum (u) FROM pm WHERE pm.k = f.k AND pm.m <= ms.m) AS units,"
      "  (SELECT sum (n) FROM pm WHERE pm.k = f.k AND pm.m <= ms.m) AS orders,"
      "  (SELECT sum (c) FROM pm WHERE pm.k = f.k AND pm.m <= ms.m) AS cost,"
      "  (SELECT sum (cm) FROM pm WHERE pm.k = f.k AND pm.m <= ms.m) AS commission,"
      "  (SELECT sum (ru) FROM pm WHERE pm.k = f.k AND pm.m <= ms.m) AS return_units,"
      "  (SELECT sum (ov) FROM pm WHERE pm.k = f.k AND pm.m <= ms.m) AS output_vat,"
      "  (SELECT sum (cx) FROM pm WHERE pm.k = f.k AND pm.m <= ms.m) AS cost_ex_vat"
      " FROM (SELECT k, min (m) AS first FROM pm GROUP BY k) f JOIN ms ON ms.m >= f.first) WHERE" NONZERO);
#undef NONZERO
#undef LINE_MONTHS
}

static void
test_rollups_random (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
  const guint n_products = 25;
  CiroDay first_day = ciro_day_from_ymd (2024, 12, 10);
  sqlite3 *db = ciro_store_get_db (store);

  g_assert_no_error (error);
  rng_state = 0x9E3779B97F4A7C15ull ^ (guint64) g_test_rand_int ();

  g_assert_true (ciro_store_begin (store, &error));
  for (guint i = 0; i < n_products; i++)
    {
      g_autofree char *sku = g_strdup_printf ("P%u", i + 1);
      g_autoptr(CiroProductRecord) p = make_product (i + 1, sku, 500 + 137 * i, i % 2 ? 2000 : 1000, 2);
      g_assert_true (ciro_store_put_product (store, p, first_day, &error));
    }
  g_assert_true (ciro_store_commit (store, &error));

  /* Batches of new orders mixed with rewrites of earlier ones. */
  for (guint batch = 0; batch < 12; batch++)
    {
      g_assert_true (ciro_store_begin (store, &error));
      for (guint i = 0; i < 40; i++)
        {
          gint64 id = batch > 0 && rnd (3) == 0 ? 1 + rnd (batch * 40) : 1 + batch * 40 + i;
          g_autoptr(CiroOrderRecord) o = random_order (id, first_day, n_products);
          g_assert_true (ciro_store_put_order (store, o, &error));
        }
      g_assert_true (ciro_store_commit (store, &error));
      g_assert_no_error (error);
    }
  check_rollups_against_raw (db);
  ciro_test_assert_ranking (store, "orders written and read again");

  /* A rebuild from scratch gives the same tables as the incremental path. */
  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_rebuild_rollups (store, &error));
  g_assert_true (ciro_store_commit (store, &error));
  check_rollups_against_raw (db);
  ciro_test_assert_ranking (store, "a rebuild");

  /* After a commission change and a mapping the rollups follow. */
  g_assert_true (ciro_store_set_setting (store, "commission.Trendyol", "18,5", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                                  " JOIN marketplaces m ON m.id = o.marketplace_id"
                                  " WHERE m.name = 'Trendyol' AND l.commission <> ciro_apply_rate (l.amount, 1850)"), ==, 0);
  check_rollups_against_raw (db);
  ciro_test_assert_ranking (store, "a commission change");
  g_assert_true (ciro_store_map_sku (store, "UNKNOWN-1", "P3", &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM order_lines WHERE sku = 'UNKNOWN-1' AND (product_id <> 3 OR match_rule <> 4)"), ==, 0);
  check_rollups_against_raw (db);
  ciro_test_assert_ranking (store, "a mapping");
}

/* The ranking test catches a writer that leaves the running totals by part
 * (roll_cum_part) behind: with their upkeep switched off after a first
 * batch, new orders and re-read ones make the ranking differ from the
 * lines, in a subprocess that is expected to fail. */
static void
test_rollups_cum_switched_off (Fixture *f, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
      CiroDay first_day = ciro_day_from_ymd (2024, 12, 10);

      g_assert_no_error (error);
      rng_state = 0x2545F4914F6CDD1Dull;
      g_assert_true (ciro_store_begin (store, &error));
      for (guint i = 0; i < 10; i++)
        {
          g_autofree char *sku = g_strdup_printf ("P%u", i + 1);
          g_autoptr(CiroProductRecord) p = make_product (i + 1, sku, 500 + 137 * i, 1000, 2);
          g_assert_true (ciro_store_put_product (store, p, first_day, &error));
        }
      g_assert_true (ciro_store_commit (store, &error));
      for (guint batch = 0; batch < 4; batch++)
        {
          ciro_rollup_keep_cum_parts = batch == 0;
          g_assert_true (ciro_store_begin (store, &error));
          for (guint i = 0; i < 30; i++)
            {
              gint64 id = batch > 0 && i % 3 == 0 ? 1 + rnd (30) : 1 + batch * 30 + i;
              g_autoptr(CiroOrderRecord) o = random_order (id, first_day, 10);
              g_assert_true (ciro_store_put_order (store, o, &error));
            }
          g_assert_true (ciro_store_commit (store, &error));
          g_assert_no_error (error);
        }
      ciro_test_assert_ranking (store, "running totals left behind");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*running totals left behind*");
}

static char *
index_sql (sqlite3 *db, const char *name)
{
  sqlite3_stmt *stmt = NULL;
  char *sql = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return sql;
}

/* A bulk import: the three randomly-updated indexes are gone while it
 * lasts, every figure stays right, and they come back as the schema made
 * them. A rolled-back start keeps them. */
static void
test_bulk_import (Fixture *f, gconstpointer data)
{
  static const char *names[] = { "order_lines_product", "orders_customer", "roll_day_product_key" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (f->path, &error);
  sqlite3 *db = ciro_store_get_db (store);
  CiroDay first_day = ciro_day_from_ymd (2025, 3, 1);
  char *schema_sql[G_N_ELEMENTS (names)] = { NULL };
  gint64 n_lines, amount;

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      schema_sql[i] = index_sql (db, names[i]);
      g_assert_nonnull (schema_sql[i]);
    }
  g_assert_false (ciro_store_in_bulk (store));
  rng_state = 0xD1B54A32D192ED03ull ^ (guint64) g_test_rand_int ();

  /* a start that is rolled back drops nothing */
  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_begin_bulk (store, &error));
  ciro_store_rollback (store);
  g_assert_false (ciro_store_in_bulk (store));

  g_assert_true (ciro_store_begin (store, &error));
  g_assert_true (ciro_store_begin_bulk (store, &error));
  for (guint i = 0; i < 20; i++)
    {
      g_autofree char *sku = g_strdup_printf ("P%u", i + 1);
      g_autoptr(CiroProductRecord) p = make_product (i + 1, sku, 700 + 91 * i, 1000, 2);
      g_assert_true (ciro_store_put_product (store, p, first_day, &error));
    }
  g_assert_true (ciro_store_commit (store, &error));
  g_assert_true (ciro_store_in_bulk (store));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_null (index_sql (db, names[i]));

  for (guint batch = 0; batch < 8; batch++)
    {
      g_assert_true (ciro_store_begin (store, &error));
      for (guint i = 0; i < 50; i++)
        {
          gint64 id = batch > 0 && rnd (4) == 0 ? 1 + rnd (batch * 50) : 1 + batch * 50 + i;
          g_autoptr(CiroOrderRecord) o = random_order (id, first_day, 20);
          o->customer_id = 1 + rnd (30);
          g_assert_true (ciro_store_put_order (store, o, &error));
        }
      g_assert_true (ciro_store_commit (store, &error));
    }
  g_assert_no_error (error);
  check_rollups_against_raw (db);
  n_lines = query_int (db, "SELECT count(*) FROM order_lines WHERE product_key = 3");
  amount = query_int (db, "SELECT coalesce (sum (amount), 0) FROM order_lines WHERE product_key = 3");
  g_assert_cmpint (n_lines, >, 0);

  g_assert_true (ciro_store_end_bulk (store, &error));
  g_assert_no_error (error);
  g_assert_false (ciro_store_in_bulk (store));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sql = index_sql (db, names[i]);
      g_assert_cmpstr (sql, ==, schema_sql[i]);
    }
  /* the same answers, now through the index */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM order_lines WHERE product_key = 3"), ==, n_lines);
  g_assert_cmpint (query_int (db, "SELECT coalesce (sum (amount), 0) FROM order_lines WHERE product_key = 3"), ==, amount);
  {
    sqlite3_stmt *plan = NULL;
    gboolean uses_index = FALSE;
    g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN SELECT * FROM order_lines WHERE product_key = 3",
                                         -1, &plan, NULL), ==, SQLITE_OK);
    while (sqlite3_step (plan) == SQLITE_ROW)
      uses_index |= strstr ((const char *) sqlite3_column_text (plan, 3), "order_lines_product") != NULL;
    sqlite3_finalize (plan);
    g_assert_true (uses_index);
  }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), ==, 1);
  check_rollups_against_raw (db);
  /* nothing to end twice */
  g_assert_true (ciro_store_end_bulk (store, &error));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_free (schema_sql[i]);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/store/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("open-creates", test_open_creates);
  ADD ("reopen-keeps-data", test_reopen_keeps_data);
  ADD ("migrate-from-every-version", test_migrate_from_every_version);
  ADD ("refuses-foreign-and-newer", test_refuses_foreign_and_newer);
  ADD ("unwritable-path", test_unwritable_path);
  ADD ("locked", test_locked);
  ADD ("open-beside-new-store-writer", test_open_beside_new_store_writer);
  ADD ("read-only", test_read_only);
  ADD ("replace-on-rewrite", test_replace_on_rewrite);
  ADD ("rollback-keeps-previous", test_rollback_keeps_previous);
  ADD ("rollups-random", test_rollups_random);
  ADD ("rollups-cum-switched-off", test_rollups_cum_switched_off);
  ADD ("bulk-import", test_bulk_import);
#undef ADD

  return g_test_run ();
}
