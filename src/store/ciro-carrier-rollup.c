/* ciro-carrier-rollup.c: the distributions kept in roll_day_carrier
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-store"

#include "config.h"

#include <math.h>
#include <string.h>

#include "ciro-carrier-rollup.h"

GHashTable *
ciro_duration_hist_new (void)
{
  return g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
}

static void
add_cell (GHashTable *hist, gint32 bucket, gint64 count, gint64 seconds)
{
  CiroDurationCell *cell = g_hash_table_lookup (hist, GINT_TO_POINTER (bucket));

  if (cell == NULL)
    {
      cell = g_new0 (CiroDurationCell, 1);
      cell->bucket = bucket;
      g_hash_table_insert (hist, GINT_TO_POINTER (bucket), cell);
    }
  cell->count += (gint32) count;
  cell->seconds += seconds;
}

void
ciro_duration_hist_add (GHashTable *hist, gint64 seconds, int sign)
{
  gint64 bucket;

  if (seconds < 0)
    seconds = 0;
  bucket = seconds / CIRO_DURATION_BUCKET_SECONDS;
  if (bucket > CIRO_DURATION_MAX_BUCKET)
    {
      bucket = CIRO_DURATION_MAX_BUCKET;
      seconds = bucket * CIRO_DURATION_BUCKET_SECONDS + CIRO_DURATION_BUCKET_SECONDS - 1;
    }
  add_cell (hist, (gint32) bucket, sign, sign * (seconds - bucket * CIRO_DURATION_BUCKET_SECONDS));
}

gboolean
ciro_duration_hist_merge (GHashTable *hist, const void *blob, int size, int sign)
{
  const guint8 *p = blob;

  if (size < 0 || size % 16 != 0)
    return FALSE;
  for (int i = 0; i < size; i += 16)
    {
      gint32 bucket, count;
      gint64 seconds;

      memcpy (&bucket, p + i, 4);
      memcpy (&count, p + i + 4, 4);
      memcpy (&seconds, p + i + 8, 8);
      bucket = GINT32_FROM_LE (bucket);
      count = GINT32_FROM_LE (count);
      seconds = GINT64_FROM_LE (seconds);
      if (bucket < 0 || bucket > CIRO_DURATION_MAX_BUCKET || count <= 0)
        return FALSE;
      add_cell (hist, bucket, (gint64) sign * count, sign * seconds);
    }
  return TRUE;
}

static int
by_bucket (gconstpointer a, gconstpointer b)
{
  const CiroDurationCell *x = *(CiroDurationCell * const *) a;
  const CiroDurationCell *y = *(CiroDurationCell * const *) b;

  return (x->bucket > y->bucket) - (x->bucket < y->bucket);
}

/* The cells holding durations, sorted by bucket. */
static GPtrArray *
sorted_cells (GHashTable *hist)
{
  GPtrArray *cells = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, hist);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((CiroDurationCell *) value)->count > 0)
      g_ptr_array_add (cells, value);
  g_ptr_array_sort (cells, by_bucket);
  return cells;
}

GBytes *
ciro_duration_hist_encode (GHashTable *hist)
{
  g_autoptr(GPtrArray) cells = sorted_cells (hist);
  guint8 *data;

  if (cells->len == 0)
    return NULL;
  data = g_malloc (cells->len * 16);
  for (guint i = 0; i < cells->len; i++)
    {
      const CiroDurationCell *c = cells->pdata[i];
      gint32 bucket = GINT32_TO_LE (c->bucket);
      gint32 count = GINT32_TO_LE (c->count);
      gint64 seconds = GINT64_TO_LE (c->seconds);

      memcpy (data + i * 16, &bucket, 4);
      memcpy (data + i * 16 + 4, &count, 4);
      memcpy (data + i * 16 + 8, &seconds, 8);
    }
  return g_bytes_new_take (data, cells->len * 16);
}

/* The k-th smallest duration (1-based), in seconds. */
static double
nth (GPtrArray *cells, gint64 k)
{
  gint64 seen = 0;

  for (guint i = 0; i < cells->len; i++)
    {
      const CiroDurationCell *c = cells->pdata[i];

      seen += c->count;
      if (seen >= k)
        return (double) c->bucket * CIRO_DURATION_BUCKET_SECONDS + (double) c->seconds / c->count;
    }
  return 0;
}

void
ciro_duration_hist_stats (GHashTable *hist, CiroDurationStats *out)
{
  g_autoptr(GPtrArray) cells = sorted_cells (hist);
  double total = 0;
  gint64 n = 0;

  memset (out, 0, sizeof *out);
  for (guint i = 0; i < cells->len; i++)
    {
      const CiroDurationCell *c = cells->pdata[i];

      n += c->count;
      total += (double) c->bucket * CIRO_DURATION_BUCKET_SECONDS * c->count + (double) c->seconds;
    }
  if (n == 0)
    return;
  out->n = n;
  out->mean_days = total / n / 86400.0;
  if (n % 2 == 1)
    out->median_days = nth (cells, (n + 1) / 2) / 86400.0;
  else
    out->median_days = (nth (cells, n / 2) + nth (cells, n / 2 + 1)) / 2 / 86400.0;
  out->p90_days = nth (cells, (9 * n + 9) / 10) / 86400.0;   /* ⌈0.9 n⌉ */
}

/* ------------------------------------------------------- flat arrays */

CiroDurationArray *
ciro_duration_array_new (void)
{
  CiroDurationArray *a = g_new0 (CiroDurationArray, 1);

  a->lo = CIRO_DURATION_MAX_BUCKET + 1;
  a->hi = -1;
  return a;
}

void
ciro_duration_array_free (CiroDurationArray *array)
{
  g_free (array);
}

gboolean
ciro_duration_array_merge (CiroDurationArray *array, const void *blob, int size)
{
  const guint8 *p = blob;

  if (size < 0 || size % 16 != 0)
    return FALSE;
  for (int i = 0; i < size; i += 16)
    {
      gint32 bucket, count;
      gint64 seconds;

      memcpy (&bucket, p + i, 4);
      memcpy (&count, p + i + 4, 4);
      memcpy (&seconds, p + i + 8, 8);
      bucket = GINT32_FROM_LE (bucket);
      count = GINT32_FROM_LE (count);
      seconds = GINT64_FROM_LE (seconds);
      if (bucket < 0 || bucket > CIRO_DURATION_MAX_BUCKET || count <= 0)
        return FALSE;
      array->count[bucket] += count;
      array->seconds[bucket] += seconds;
      array->lo = MIN (array->lo, bucket);
      array->hi = MAX (array->hi, bucket);
    }
  return TRUE;
}

void
ciro_duration_array_add (CiroDurationArray *into, const CiroDurationArray *from)
{
  for (gint32 b = from->lo; b <= from->hi; b++)
    {
      into->count[b] += from->count[b];
      into->seconds[b] += from->seconds[b];
    }
  if (from->lo <= from->hi)
    {
      into->lo = MIN (into->lo, from->lo);
      into->hi = MAX (into->hi, from->hi);
    }
}

/* The k-th smallest duration (1-based), in seconds. */
static double
array_nth (const CiroDurationArray *a, gint64 k)
{
  gint64 seen = 0;

  for (gint32 b = a->lo; b <= a->hi; b++)
    {
      if (a->count[b] <= 0)
        continue;
      seen += a->count[b];
      if (seen >= k)
        return (double) b * CIRO_DURATION_BUCKET_SECONDS + (double) a->seconds[b] / a->count[b];
    }
  return 0;
}

void
ciro_duration_array_stats (const CiroDurationArray *a, CiroDurationStats *out)
{
  double total = 0;
  gint64 n = 0;

  memset (out, 0, sizeof *out);
  for (gint32 b = a->lo; b <= a->hi; b++)
    if (a->count[b] > 0)
      {
        n += a->count[b];
        total += (double) b * CIRO_DURATION_BUCKET_SECONDS * a->count[b] + (double) a->seconds[b];
      }
  if (n == 0)
    return;
  out->n = n;
  out->mean_days = total / n / 86400.0;
  if (n % 2 == 1)
    out->median_days = array_nth (a, (n + 1) / 2) / 86400.0;
  else
    out->median_days = (array_nth (a, n / 2) + array_nth (a, n / 2 + 1)) / 2 / 86400.0;
  out->p90_days = array_nth (a, (9 * n + 9) / 10) / 86400.0;   /* ⌈0.9 n⌉ */
}
