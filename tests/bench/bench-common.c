/* bench-common.c: what the benchmarks share
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "core/ciro-date.h"
#include "demo/ciro-demo.h"
#include "bench-common.h"


static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

double
median (double *v, guint n)
{
  qsort (v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static void
progress_cb (guint64 done, guint64 total, gpointer user_data)
{
  double *start = user_data;
  double s = (now_ms () - *start) / 1000.0;
  fprintf (stderr, "\r  generating: %" G_GUINT64_FORMAT " / %" G_GUINT64_FORMAT " orders (%.0f orders/s)   ",
           done, total, s > 0 ? done / s : 0.0);
}

/* The store file and SQLite's companions of it (a WAL left by a program
 * that did not close it, its shared memory). */
static void
unlink_store (const char *path)
{
  static const char *const suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *f = g_strconcat (path, suffixes[i], NULL);
      g_unlink (f);
    }
}

/* Builds the store under a temporary name and renames it to `path` only
 * once it is complete and closed: a build cut short (killed, out of disk)
 * leaves `path` absent rather than a file a later run might take for a
 * whole store (the orders are committed in batches, and the indexes come
 * last). */
static void
build_bench_store (const char *path, guint64 n_orders, guint n_products)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *part = g_strconcat (path, ".part", NULL);
  g_autoptr(CiroStore) store = NULL;
  g_autoptr(CiroDemo) demo = NULL;
  CiroDemoOptions opts;
  double start, s, cpu, cpu0;
  struct rusage u;

  unlink_store (part);
  store = ciro_store_open (part, &error);
  if (store == NULL)
    g_error ("cannot open %s: %s", part, error->message);

  ciro_demo_options_init (&opts);
  opts.n_orders = n_orders;
  opts.n_products = n_products;
  opts.seed = 2026;
  opts.end_day = ciro_day_from_ymd (BENCH_END_YEAR, BENCH_END_MONTH, BENCH_END_DAY);
  opts.n_days = 730;
  demo = ciro_demo_new (&opts);

  getrusage (RUSAGE_SELF, &u);
  cpu0 = u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
  start = now_ms ();
  if (!ciro_demo_populate (demo, store, progress_cb, &start, NULL, &error))
    g_error ("cannot build the store: %s", error->message);
  fprintf (stderr, "\n");
  /* closed before the rename: the last close folds the WAL into the file */
  g_clear_object (&store);
  s = (now_ms () - start) / 1000.0;
  getrusage (RUSAGE_SELF, &u);
  cpu = u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6 - cpu0;
  if (g_rename (part, path) != 0)
    g_error ("cannot rename %s to %s: %s", part, path, g_strerror (errno));
  unlink_store (part);
  printf ("store build    %" G_GUINT64_FORMAT " orders, %u products in %.1f s (%.1f s of CPU): %.0f orders/s,"
          " %.0f per CPU second (generator + store)\n", n_orders, n_products, s, cpu, n_orders / s, n_orders / cpu);
}

/* Whether `path` is the bench cache's own file for this size. */
static gboolean
is_cache_store (const char *path, guint64 n_orders, guint n_products)
{
  g_autofree char *own = bench_store_path (NULL, n_orders, n_products);

  return g_strcmp0 (path, own) == 0;
}

CiroStore *
open_bench_store (const char *path, guint64 n_orders, guint n_products)
{
  g_autoptr(GError) error = NULL;
  CiroStore *store;
  double start;
  gint64 have;
  gboolean built = FALSE;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      build_bench_store (path, n_orders, n_products);
      built = TRUE;
    }
  start = now_ms ();
  store = ciro_store_open (path, &error);
  if (store == NULL)
    g_error ("cannot open %s: %s", path, error->message);
  /* a store of an older schema is migrated here: its time said */
  if (now_ms () - start > 1000)
    printf ("store          %s opened in %.1f s (migrations included)\n", path, (now_ms () - start) / 1000.0);
  have = ciro_store_count_orders (store, NULL);
  if (have != (gint64) n_orders && !is_cache_store (path, n_orders, n_products))
    /* a store the user named (CIRO_BENCH_DB): never removed; measured as
     * it is */
    printf ("store          %s holds %" G_GINT64_FORMAT " orders (not %" G_GUINT64_FORMAT "): used as it is\n",
            path, have, n_orders);
  else if (have != (gint64) n_orders)
    {
      /* one a build before builds went through a temporary name left
       * behind under the cache's own name */
      printf ("store          %s holds %" G_GINT64_FORMAT " orders, not %" G_GUINT64_FORMAT ": built anew\n",
              path, have, n_orders);
      g_object_unref (store);
      unlink_store (path);
      return open_bench_store (path, n_orders, n_products);
    }
  printf ("store          %s (%s, %" G_GINT64_FORMAT " orders)\n", path, built ? "built" : "reused", have);
  /* a store an older Ciro built has figures due (a migration asked
   * for them): brought up to date once here, or the window would
   * recompute it in the background while it is being measured */
  if (ciro_store_needs_recompute (store))
    {
      start = now_ms ();
      if (!ciro_store_recompute (store, NULL, &error))
        g_error ("cannot recompute %s: %s", path, error->message);
      printf ("store          recomputed first (a migration asked for it): %.1f s\n",
              (now_ms () - start) / 1000.0);
    }
  return store;
}

char *
bench_store_path (const char *env_path, guint64 n_orders, guint n_products)
{
  g_autofree char *name = NULL;

  if (env_path != NULL)
    return g_strdup (env_path);
  name = g_strdup_printf ("bench-%" G_GUINT64_FORMAT "-%u.db", n_orders, n_products);
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "ciro-bench", NULL);
  g_mkdir_with_parents (dir, 0755);
  return g_build_filename (g_get_user_cache_dir (), "ciro-bench", name, NULL);
}
