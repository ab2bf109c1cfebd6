/* bench-mapping.c: mapping unknown SKUs, against the whole recompute a
 * mapping used to run
 *
 * On a copy of the demo-sized store (120,000 orders, 1,000 products) and of
 * the million-order store (CIRO_BENCH_DB, else the cached one), never on
 * the stores themselves: the suggestions for every unknown SKU, one mapping
 * and its undo (median of up to 20), "accept all above 80 %", and then the
 * whole recompute, which is what every mapping cost before (the baseline)
 * and which must find the figures the fast path wrote, to the kuruş.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "analytics/ciro-sku-suggest.h"
#include "store/ciro-store-sql.h"
#include "bench-common.h"

#define SINGLE_RUNS 20

/* Every rollup figure folded into sums, and the lines' costs: what the
 * recompute must agree with. */
static char *
figures (CiroStore *store)
{
  static const char *const queries[] = {
    "SELECT count(*), sum (gross_orders), sum (gross_amount), sum (net_cost), sum (net_commission),"
    " sum (unmatched_lines), sum (unmatched_amount), sum (net_output_vat), sum (net_cost_ex_vat) FROM roll_day_mp",
    "SELECT count(*), sum (revenue), sum (cost), sum (commission), sum (orders), sum (units),"
    " sum (product_key * revenue % 1000003), sum (cost_ex_vat) FROM roll_day_product",
    "SELECT count(*), sum (revenue), sum (cost), sum (commission), sum (orders),"
    " sum (product_key * cost % 1000003) FROM roll_month_product",
    "SELECT count(*), sum (cost), sum (commission), sum (match_rule), sum (product_key % 1000003),"
    " sum (cost_ex_vat) FROM order_lines",
  };
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;
      if (sqlite3_prepare_v2 (ciro_store_get_db (store), queries[q], -1, &stmt, NULL) != SQLITE_OK)
        g_error ("%s", sqlite3_errmsg (ciro_store_get_db (store)));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          g_string_append_printf (out, "%s ", sqlite3_column_text (stmt, c) ? (const char *) sqlite3_column_text (stmt, c) : "-");
      g_string_append_c (out, '\n');
      sqlite3_finalize (stmt);
    }
  return g_string_free (out, FALSE);
}

/* The store and its WAL, if one is left: the original is never opened. */
static void
copy_store (const char *from, const char *to)
{
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *a = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *b = g_strconcat (to, suffixes[i], NULL);
      g_autoptr(GFile) src = g_file_new_for_path (a);
      g_autoptr(GFile) dst = g_file_new_for_path (b);
      g_autoptr(GError) error = NULL;

      if (i > 0 && !g_file_test (a, G_FILE_TEST_EXISTS))
        continue;
      if (!g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        g_error ("copying %s: %s", a, error->message);
    }
}

static void
bench_store (const char *label, const char *original)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ciro-bench-mapping-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "copy.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *fast = NULL, *full = NULL;
  double single[SINGLE_RUNS], undo[SINGLE_RUNS];
  double t, suggest_ms, accept_ms, recompute_ms;
  guint n_single = 0, n_picks = 0, n_suggested = 0;
  gint64 moved = 0;

  printf ("\n%s: copying %s\n", label, original);
  copy_store (original, path);
  store = ciro_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);

  t = now_ms ();
  all = ciro_suggest_mappings (store, NULL, &error);
  suggest_ms = now_ms () - t;
  if (all == NULL)
    g_error ("%s", error->message);
  for (guint i = 0; i < all->len; i++)
    {
      CiroSkuSuggestions *s = all->pdata[i];
      n_suggested += s->suggestions->len > 0;
      n_picks += ciro_sku_suggestions_pick (s, CIRO_SUGGEST_DEFAULT_PERCENT) != NULL;
    }

  /* one mapping at a time, as the dialog does, and its undo */
  for (guint i = 0; i < all->len && n_single < SINGLE_RUNS; i++)
    {
      CiroSkuSuggestions *s = all->pdata[i];
      const CiroSuggestion *pick = ciro_sku_suggestions_pick (s, CIRO_SUGGEST_DEFAULT_PERCENT);
      CiroMappingSet set;
      g_autoptr(GPtrArray) one = NULL;

      if (pick == NULL)
        continue;
      set = (CiroMappingSet) { s->sku, pick->product_id, 0 };
      t = now_ms ();
      if (!ciro_store_set_mappings (store, &set, 1, &one, &error))
        g_error ("%s", error->message);
      single[n_single] = now_ms () - t;
      moved += ((CiroMappingChange *) one->pdata[0])->lines;
      t = now_ms ();
      if (!ciro_store_undo_mappings (store, one, &error))
        g_error ("%s", error->message);
      undo[n_single++] = now_ms () - t;
    }

  t = now_ms ();
  if (!ciro_suggest_accept_above (store, all, CIRO_SUGGEST_DEFAULT_PERCENT, &changes, &error))
    g_error ("%s", error->message);
  accept_ms = now_ms () - t;
  fast = figures (store);

  /* the baseline: what every single mapping ran before */
  t = now_ms ();
  if (!ciro_store_recompute (store, NULL, &error))
    g_error ("%s", error->message);
  recompute_ms = now_ms () - t;
  full = figures (store);

  printf ("unknown SKUs   %u, %u with a suggestion, %u at %u %% or more\n", all->len, n_suggested, n_picks,
          CIRO_SUGGEST_DEFAULT_PERCENT);
  printf ("suggestions    %.0f ms for all of them\n", suggest_ms);
  if (n_single > 0)
    {
      double m = median (single, n_single);
      printf ("map one SKU    median %.1f ms (%u runs, %" G_GINT64_FORMAT " lines moved in all); undo median %.1f ms\n",
              m, n_single, moved, median (undo, n_single));
      printf ("baseline       %.0f ms: the whole recompute each mapping ran before (%.0f× slower)\n",
              recompute_ms, recompute_ms / m);
    }
  printf ("accept all     %u SKUs in one transaction: %.0f ms (one at a time before: ~%.0f s)\n",
          changes->len, accept_ms, changes->len * recompute_ms / 1000.0);
  if (g_strcmp0 (fast, full) != 0)
    {
      printf ("FIGURES DIFFER\nfast:\n%sfull:\n%s", fast, full);
      exit (1);
    }
  printf ("figures        the recompute finds the same figures, to the kuruş\n");

  g_clear_object (&store);
  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  g_autofree char *demo = bench_store_path (g_getenv ("CIRO_BENCH_DEMO_DB"), 120000, 1000);
  g_autofree char *large = bench_store_path (g_getenv ("CIRO_BENCH_DB"), 1000000, 20000);

  g_object_unref (open_bench_store (demo, 120000, 1000));
  bench_store ("demo-sized store (120,000 orders, 1,000 products)", demo);
  if (!g_file_test (large, G_FILE_TEST_EXISTS) && g_getenv ("CIRO_BENCH_BUILD") != NULL)
    g_object_unref (open_bench_store (large, 1000000, 20000));
  if (g_file_test (large, G_FILE_TEST_EXISTS))
    bench_store ("million-order store (20,000 products)", large);
  else
    printf ("\n(no million-order store at %s: set CIRO_BENCH_BUILD=1 to build it)\n", large);
  return 0;
}
