/* test-mappings.c: a mapping moves only its SKU's lines, exactly as the
 * whole recompute would, says what moved, and its undo restores the store
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "store/ciro-store-sql.h"
#include "ciro-test-util.h"

static char *dir;
static char *path;

/* Every figure a mapping can touch, one text line per row, sorted. */
static char *
snapshot (CiroStore *store)
{
  static const char *const queries[] = {
    "SELECT order_id, pos, product_id, variant_id, match_rule, product_key, unit_cost, cost, commission,"
    " output_vat, cost_ex_vat FROM order_lines ORDER BY order_id, pos",
    "SELECT * FROM roll_day_mp ORDER BY day, marketplace_id",
    "SELECT * FROM roll_day_product ORDER BY day, marketplace_id, product_key",
    "SELECT * FROM roll_month_product ORDER BY month, marketplace_id, product_key",
    "SELECT sku, product_id, created_at FROM sku_mappings ORDER BY sku",
    "SELECT id, sku FROM unmatched_skus ORDER BY id",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;
      g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      g_string_append_printf (out, "-- %u\n", q);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", sqlite3_column_text (stmt, c) ? (const char *) sqlite3_column_text (stmt, c) : "∅");
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  return g_string_free (out, FALSE);
}

static gint64
query_int (CiroStore *store, const char *sql, const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static void
assert_same (const char *a, const char *b)
{
  if (g_strcmp0 (a, b) != 0)
    {
      g_auto(GStrv) x = g_strsplit (a, "\n", -1);
      g_auto(GStrv) y = g_strsplit (b, "\n", -1);
      for (guint i = 0; x[i] != NULL && y[i] != NULL; i++)
        if (g_strcmp0 (x[i], y[i]) != 0)
          {
            g_test_message ("first difference, row %u:\n  %s\n  %s", i, x[i], y[i]);
            break;
          }
      g_assert_cmpstr (a, ==, b);
    }
}

/* The ids of the products in the store, by id. */
static GArray *
product_ids (CiroStore *store)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), "SELECT id FROM products ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

/* Maps every unknown SKU, remaps a SKU that matched by its normalised
 * form, and maps a SKU of the catalogue itself (which moves nothing): the
 * store must then hold exactly what a whole recompute makes of it; the
 * undo puts back every row as it was. */
static void
test_fast_equals_recompute (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);
  g_autoptr(GArray) unmatched = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GArray) sets = g_array_new (FALSE, TRUE, sizeof (CiroMappingSet));
  g_autoptr(GPtrArray) expected_lines = g_ptr_array_new ();
  g_autofree char *before = NULL, *fast = NULL, *full = NULL, *undone = NULL;
  g_autofree char *normalised_sku = NULL, *catalogue_sku = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM settings WHERE key = 'needs_recompute'", NULL), ==, 0);
  before = snapshot (store);
  unmatched = ciro_report_unmatched (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (unmatched->len, >, 5);
  ids = product_ids (store);

  for (guint i = 0; i < unmatched->len; i++)
    {
      CiroUnmatchedRow *u = &g_array_index (unmatched, CiroUnmatchedRow, i);
      CiroMappingSet s = { u->sku, g_array_index (ids, gint64, i % ids->len), 0 };
      g_array_append_val (sets, s);
    }

  /* a line SKU that matches by its normalised form (rule 5), remapped */
  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store),
                     "SELECT sku, product_id FROM order_lines WHERE match_rule = 5 ORDER BY order_id LIMIT 1",
                     -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  normalised_sku = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  {
    gint64 other = g_array_index (ids, gint64, 0) == sqlite3_column_int64 (stmt, 1)
                     ? g_array_index (ids, gint64, 1) : g_array_index (ids, gint64, 0);
    CiroMappingSet s = { normalised_sku, other, 0 };
    g_array_append_val (sets, s);
  }
  sqlite3_finalize (stmt);

  /* a variant's own SKU: rule 1 comes first, nothing moves */
  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store),
                     "SELECT sku FROM variants ORDER BY id LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  catalogue_sku = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  {
    CiroMappingSet s = { catalogue_sku, g_array_index (ids, gint64, 2), 0 };
    g_array_append_val (sets, s);
  }

  g_assert_true (ciro_store_set_mappings (store, (CiroMappingSet *) sets->data, sets->len, &changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, sets->len);

  /* what moved: the unknown SKU's row of the Unmatched list, line for line */
  for (guint i = 0; i < unmatched->len; i++)
    {
      CiroUnmatchedRow *u = &g_array_index (unmatched, CiroUnmatchedRow, i);
      CiroMappingChange *c = g_ptr_array_index (changes, i);

      g_assert_cmpstr (c->sku, ==, u->sku);
      g_assert_cmpint (c->previous_product_id, ==, 0);
      g_assert_cmpint (c->lines, ==, u->lines);
      g_assert_cmpint (c->units, ==, u->units);
      g_assert_cmpint (c->revenue, ==, u->revenue);
      g_assert_cmpint (c->costed_lines, ==, u->lines);
      g_assert_cmpint (c->costed_revenue, ==, u->revenue);
    }
  {
    CiroMappingChange *c = g_ptr_array_index (changes, unmatched->len);
    CiroMappingChange *none = g_ptr_array_index (changes, unmatched->len + 1);
    g_assert_cmpint (c->lines, ==,
                     query_int (store, "SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                                       " WHERE l.sku = ?1 AND o.status <> 6", normalised_sku));
    g_assert_cmpint (c->lines, >, 0);
    g_assert_cmpint (c->costed_lines, ==, 0);
    g_assert_cmpint (query_int (store, "SELECT count(*) FROM order_lines WHERE sku = ?1 AND match_rule <> 4",
                                normalised_sku), ==, 0);
    g_assert_cmpint (none->lines, ==, 0);
  }
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                                     " WHERE l.match_rule = 0 AND o.status <> 6", NULL), ==, 0);

  fast = snapshot (store);
  g_assert_cmpstr (fast, !=, before);
  g_assert_true (ciro_store_recompute (store, NULL, &error));
  g_assert_no_error (error);
  full = snapshot (store);
  assert_same (fast, full);

  g_assert_true (ciro_store_undo_mappings (store, changes, &error));
  g_assert_no_error (error);
  undone = snapshot (store);
  assert_same (undone, before);
}

/* A remap remembers the mapping it replaced, date included, and its undo
 * brings that one back; a set with a product that does not exist changes
 * nothing at all. */
static void
test_remap_and_failure (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (path, &error);
  g_autoptr(GArray) unmatched = ciro_report_unmatched (store, &error);
  g_autoptr(GArray) ids = product_ids (store);
  g_autoptr(GPtrArray) first = NULL, second = NULL;
  g_autofree char *before = NULL, *mapped = NULL, *after_fail = NULL, *undone = NULL;
  const char *sku;
  gint64 a = g_array_index (ids, gint64, 3), b = g_array_index (ids, gint64, 4);
  CiroMappingSet set = { NULL, a, 1700000000 };

  g_assert_no_error (error);
  before = snapshot (store);
  sku = g_array_index (unmatched, CiroUnmatchedRow, 0).sku;
  set.sku = sku;
  g_assert_true (ciro_store_set_mappings (store, &set, 1, &first, &error));
  g_assert_no_error (error);
  mapped = snapshot (store);
  g_assert_cmpint (query_int (store, "SELECT created_at FROM sku_mappings WHERE sku = ?1", sku), ==, 1700000000);

  set.product_id = b;
  set.created_at = 0;
  g_assert_true (ciro_store_set_mappings (store, &set, 1, &second, &error));
  g_assert_no_error (error);
  {
    CiroMappingChange *c = g_ptr_array_index (second, 0);
    g_assert_cmpint (c->previous_product_id, ==, a);
    g_assert_cmpint (c->previous_created_at, ==, 1700000000);
    g_assert_cmpint (c->product_id, ==, b);
    g_assert_cmpint (c->lines, ==, g_array_index (unmatched, CiroUnmatchedRow, 0).lines);
    g_assert_cmpint (c->costed_lines, ==, 0);
  }
  g_assert_true (ciro_store_undo_mappings (store, second, &error));
  g_assert_no_error (error);
  undone = snapshot (store);
  assert_same (undone, mapped);

  /* all or nothing */
  {
    CiroMappingSet sets[] = {
      { g_array_index (unmatched, CiroUnmatchedRow, 1).sku, b, 0 },
      { g_array_index (unmatched, CiroUnmatchedRow, 2).sku, 999999999, 0 },
    };
    g_assert_false (ciro_store_set_mappings (store, sets, 2, NULL, &error));
    g_assert_error (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_NOT_FOUND);
    g_clear_error (&error);
    after_fail = snapshot (store);
    assert_same (after_fail, mapped);
  }
  /* the store's mapping of the first SKU is usable afterwards: undo it */
  g_assert_true (ciro_store_undo_mappings (store, first, &error));
  g_assert_no_error (error);
  g_clear_pointer (&undone, g_free);
  undone = snapshot (store);
  assert_same (undone, before);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sku_mappings", NULL), ==, 0);
}

/* The matcher a connection keeps between mappings must not outlive what
 * another connection commits: a cost entered there is the cost the next
 * mapping here uses. */
static void
test_other_connection (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) a = ciro_store_open (path, &error);
  g_autoptr(CiroStore) b = ciro_store_open (path, &error);
  g_autoptr(GArray) unmatched = ciro_report_unmatched (a, &error);
  g_autoptr(GArray) ids = product_ids (a);
  g_autoptr(GPtrArray) first = NULL, second = NULL;
  g_autofree char *fast = NULL, *full = NULL;
  gint64 p = g_array_index (ids, gint64, 5);
  CiroMappingSet set = { g_array_index (unmatched, CiroUnmatchedRow, 0).sku, p, 0 };

  g_assert_no_error (error);
  g_assert_true (ciro_store_set_mappings (a, &set, 1, &first, &error));
  g_assert_no_error (error);
  g_assert_true (ciro_store_set_user_cost (b, p, ciro_day_from_ymd (2020, 1, 1), 123456, 2000, &error));
  g_assert_no_error (error);
  set.sku = g_array_index (unmatched, CiroUnmatchedRow, 1).sku;
  g_assert_true (ciro_store_set_mappings (a, &set, 1, &second, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (a, "SELECT min (unit_cost) FROM order_lines WHERE sku = ?1", set.sku), ==,
                   123456 * 12 / 10);
  fast = snapshot (a);
  g_assert_true (ciro_store_recompute (a, NULL, &error));
  g_assert_no_error (error);
  full = snapshot (a);
  assert_same (fast, full);
  g_assert_true (ciro_store_undo_mappings (a, second, &error));
  g_assert_true (ciro_store_undo_mappings (a, first, &error));
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_autoptr(CiroStore) store = NULL;
  int rc;

  g_test_init (&argc, &argv, NULL);
  dir = ciro_test_tmpdir ("mappings");
  path = g_build_filename (dir, "ciro.db", NULL);
  store = ciro_test_reference_store (path, 3000, 60, 21, ciro_day_from_ymd (2026, 11, 20), 120);
  {
    /* some orders with unknown SKUs carry the commission the marketplace
     * actually charged, split over their lines: a mapping keeps it */
    g_autoptr(GError) error = NULL;
    g_assert_true (ciro_store_exec (store,
      "UPDATE orders SET actual_commission = 1000 WHERE id IN"
      " (SELECT order_id FROM order_lines WHERE match_rule = 0 ORDER BY order_id LIMIT 40);"
      "UPDATE order_lines SET commission = 777 WHERE order_id IN"
      " (SELECT id FROM orders WHERE actual_commission IS NOT NULL)", &error));
    g_assert_no_error (error);
    g_assert_true (ciro_store_recompute (store, NULL, &error));
    g_assert_no_error (error);
  }
  g_clear_object (&store);

  g_test_add_func ("/mappings/fast-equals-recompute", test_fast_equals_recompute);
  g_test_add_func ("/mappings/remap-and-failure", test_remap_and_failure);
  g_test_add_func ("/mappings/other-connection", test_other_connection);
  rc = g_test_run ();
  ciro_test_remove_store (path);
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
  return rc;
}
