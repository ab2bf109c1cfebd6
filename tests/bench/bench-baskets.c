/* bench-baskets.c: products bought together on the million-order store
 *
 * insights.md §5 over the store's whole history (pairs and triples,
 * min_count 5) on the 1,000,000-order store (CIRO_BENCH_DB, else the one
 * bench-reports builds; it may be migrated on opening, so point
 * CIRO_BENCH_DB at a copy of a store others read). Beside it, in the same
 * run: the pair counts in plain SQL (a self-join of the order lines,
 * grouped), and a brute force in C that lists every pair and every triple
 * of every basket without pruning and counts them by sorting; both must
 * agree with the engine on every itemset. Prints the times and the peak
 * RSS; asserts no timings.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "analytics/ciro-baskets.h"
#include "core/ciro-date.h"
#include "bench-common.h"

#define RUNS 3
#define MIN_COUNT 5

#define PAIRS_SQL \
  "SELECT a.product_id, b.product_id, count (DISTINCT o.id) FROM orders o" \
  " JOIN order_lines a ON a.order_id = o.id JOIN order_lines b ON b.order_id = o.id" \
  " WHERE o.day BETWEEN ?1 AND ?2 AND o.status <> 6" \
  " AND a.product_id IS NOT NULL AND b.product_id > a.product_id" \
  " GROUP BY a.product_id, b.product_id HAVING count (DISTINCT o.id) >= ?3"

#define BASKETS_SQL \
  "SELECT o.id, l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id" \
  " WHERE o.day BETWEEN ?1 AND ?2 AND o.status <> 6 AND l.product_id IS NOT NULL ORDER BY o.id"

static double
cpu_ms (void)
{
  struct rusage r;
  getrusage (RUSAGE_SELF, &r);
  return (r.ru_utime.tv_sec + r.ru_stime.tv_sec) * 1000.0 + (r.ru_utime.tv_usec + r.ru_stime.tv_usec) / 1000.0;
}

static int
cmp_u64 (const void *a, const void *b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;
  return x < y ? -1 : x > y;
}

static int
cmp_i64 (const void *a, const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

/* Looks an itemset up in the engine's (a, b, c) → count table. */
static gint64
lookup (GHashTable *sets, gint64 a, gint64 b, gint64 c)
{
  g_autofree char *key = g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT, a, b, c);
  return GPOINTER_TO_SIZE (g_hash_table_lookup (sets, key));
}

/* Every pair and triple of every basket, counted by sorting packed keys
 * (product ids packed as 21-bit dense indices); checks each at or over
 * MIN_COUNT is the engine's and that the engine lists no other. */
static void
brute_force (sqlite3 *db, const CiroReportFilter *f, const CiroBaskets *b, GHashTable *sets,
             gint64 *n_out, guint *pairs_out, guint *triples_out)
{
  g_autoptr(GHashTable) dense = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) keys2 = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) keys3 = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) basket = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  gint64 current = G_MININT64, n = 0;
  guint found[2] = { 0, 0 };
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, BASKETS_SQL, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, f->from);
  sqlite3_bind_int (stmt, 2, f->to);
  for (;;)
    {
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW || sqlite3_column_int64 (stmt, 0) != current)
        {
          /* close the basket: distinct products, every pair and triple */
          if (basket->len > 0)
            {
              guint m = 0;
              gint64 *p = (gint64 *) basket->data;

              n++;
              qsort (p, basket->len, sizeof (gint64), cmp_i64);
              for (guint i = 0; i < basket->len; i++)
                if (m == 0 || p[m - 1] != p[i])
                  p[m++] = p[i];
              for (guint i = 0; i < m; i++)
                for (guint j = i + 1; j < m; j++)
                  {
                    guint64 k2 = ((guint64) p[i] << 32) | (guint64) p[j];
                    g_assert_true (p[i] >= 0 && p[j] < G_MAXUINT32);
                    g_array_append_val (keys2, k2);
                    for (guint l = j + 1; l < m; l++)
                      {
                        guint64 di[3];
                        gint64 q[3] = { p[i], p[j], p[l] };
                        for (guint x = 0; x < 3; x++)
                          {
                            gpointer d = g_hash_table_lookup (dense, &q[x]);
                            if (d == NULL)
                              {
                                gint64 *key = g_new (gint64, 1);
                                *key = q[x];
                                g_array_append_val (ids, q[x]);
                                d = GSIZE_TO_POINTER (ids->len);
                                g_hash_table_insert (dense, key, d);
                              }
                            di[x] = GPOINTER_TO_SIZE (d) - 1;
                          }
                        g_assert_cmpuint (ids->len, <, 1u << 21);
                        guint64 k3 = di[0] << 42 | di[1] << 21 | di[2];
                        g_array_append_val (keys3, k3);
                      }
                  }
              g_array_set_size (basket, 0);
            }
          if (rc != SQLITE_ROW)
            break;
          current = sqlite3_column_int64 (stmt, 0);
        }
      {
        gint64 p = sqlite3_column_int64 (stmt, 1);
        g_array_append_val (basket, p);
      }
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_array_sort (keys2, cmp_u64);
  g_array_sort (keys3, cmp_u64);
  for (guint size = 2; size <= 3; size++)
    {
      GArray *keys = size == 2 ? keys2 : keys3;
      const guint64 *k = (const guint64 *) keys->data;

      for (guint i = 0, j; i < keys->len; i = j)
        {
          gint64 a, bb, c = 0;
          for (j = i; j < keys->len && k[j] == k[i]; j++)
            ;
          if (j - i < MIN_COUNT)
            continue;
          if (size == 2)
            {
              a = (gint64) (k[i] >> 32);
              bb = (gint64) (k[i] & 0xffffffffu);
            }
          else
            {
              a = g_array_index (ids, gint64, k[i] >> 42);
              bb = g_array_index (ids, gint64, (k[i] >> 21) & 0x1fffff);
              c = g_array_index (ids, gint64, k[i] & 0x1fffff);
            }
          g_assert_cmpint (lookup (sets, a, bb, c), ==, (gint64) (j - i));
          found[size - 2]++;
        }
    }
  g_assert_cmpuint (found[0], ==, b->pairs->len);
  g_assert_cmpuint (found[1], ==, b->triples->len);
  g_assert_cmpint (n, ==, b->transactions);
  *n_out = n;
  *pairs_out = keys2->len;
  *triples_out = keys3->len;
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = bench_store_path (g_getenv ("CIRO_BENCH_DB"), 1000000, 20000);
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(CiroBaskets) b = NULL;
  g_autoptr(GHashTable) sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CiroDay end = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  CiroReportFilter f = { ciro_day_from_ymd (2000, 1, 1), end, NULL };
  CiroBasketOptions o = { MIN_COUNT, 3, 0 };
  double ms[RUNS], cpu[RUNS], pairs_ms[RUNS], pairs_cpu[RUNS], eng_ms, eng_cpu, pair_eng_ms, pair_cpu, sql_ms, sql_cpu, brute_ms, brute_cpu, t0, c0;
  struct rusage ru;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_sql = 0, pair_inst = 0, triple_inst = 0;
  gint64 n = 0;

  store = open_bench_store (path, 1000000, 20000);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(GError) error = NULL;
      CiroBaskets *r;

      t0 = now_ms ();
      c0 = cpu_ms ();
      r = ciro_report_baskets (store, &f, &o, &error);
      ms[i] = now_ms () - t0;
      cpu[i] = cpu_ms () - c0;
      if (r == NULL)
        g_error ("baskets failed: %s", error->message);
      if (i == 0)
        b = r;
      else
        ciro_baskets_free (r);
    }
  eng_ms = median (ms, RUNS);
  eng_cpu = median (cpu, RUNS);
  getrusage (RUSAGE_SELF, &ru);
  for (guint i = 0; i < RUNS; i++)
    {
      CiroBasketOptions po = { MIN_COUNT, 2, 0 };
      t0 = now_ms ();
      c0 = cpu_ms ();
      ciro_baskets_free (ciro_report_baskets (store, &f, &po, NULL));
      pairs_ms[i] = now_ms () - t0;
      pairs_cpu[i] = cpu_ms () - c0;
    }
  pair_eng_ms = median (pairs_ms, RUNS);
  pair_cpu = median (pairs_cpu, RUNS);

  for (guint a = 0; a < 2; a++)
    {
      GArray *arr = a == 0 ? b->pairs : b->triples;
      for (guint i = 0; i < arr->len; i++)
        {
          const CiroBasketSet *s = &g_array_index (arr, CiroBasketSet, i);
          g_hash_table_insert (sets, g_strdup_printf ("%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT,
                                                      s->items[0], s->items[1], s->items[2]),
                               GSIZE_TO_POINTER ((gsize) s->count));
        }
    }

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, PAIRS_SQL, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, f.from);
  sqlite3_bind_int (stmt, 2, f.to);
  sqlite3_bind_int (stmt, 3, MIN_COUNT);
  t0 = now_ms ();
  c0 = cpu_ms ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpint (lookup (sets, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), 0), ==,
                       sqlite3_column_int64 (stmt, 2));
      n_sql++;
    }
  sql_ms = now_ms () - t0;
  sql_cpu = cpu_ms () - c0;
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_sql, ==, b->pairs->len);

  t0 = now_ms ();
  c0 = cpu_ms ();
  brute_force (db, &f, b, sets, &n, &pair_inst, &triple_inst);
  brute_ms = now_ms () - t0;
  brute_cpu = cpu_ms () - c0;
  sqlite3_close (db);

  printf ("Ciro baskets benchmark: %s, whole history, min_count %d\n", path, MIN_COUNT);
  printf ("%" G_GINT64_FORMAT " baskets, %u pairs and %u triples listed; %u pair and %u triple occurrences;\n"
          "plain SQL agrees on every pair, the brute force on every pair and triple\n\n",
          n, b->pairs->len, b->triples->len, pair_inst, triple_inst);
  printf ("%-42s %12s %12s\n", "", "wall", "CPU");
  printf ("%-42s %9.1f ms %9.1f ms  median of 3 (target 2000 ms wall: %s)\n", "engine: pairs and triples",
          eng_ms, eng_cpu, eng_ms <= 2000 ? "met" : "MISSED");
  printf ("%-42s %9.1f ms %9.1f ms  median of 3\n", "engine: pairs only", pair_eng_ms, pair_cpu);
  printf ("%-42s %9.1f ms %9.1f ms  once\n", "baseline: plain SQL pair counts", sql_ms, sql_cpu);
  printf ("%-42s %9.1f ms %9.1f ms  once\n", "baseline: brute force pairs and triples", brute_ms, brute_cpu);
  printf ("peak RSS after the engine: %.1f MB (target 300 MB: %s)\n", ru.ru_maxrss / 1024.0,
          ru.ru_maxrss / 1024.0 <= 300 ? "met" : "MISSED");
  return 0;
}
