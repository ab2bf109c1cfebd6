/* ciro-carrier-rollup.h: the distributions kept in roll_day_carrier
 *
 * A distribution of durations (days to ship, days to deliver) is kept as
 * buckets of a tenth of a day: per bucket the number of durations and the
 * sum of their seconds past the bucket's start. A bucket's durations are
 * then known to their mean, which is exact whenever they are equal, and a
 * median or a 90th percentile read from the buckets is off by less than a
 * tenth of a day. Stored as a blob of little-endian (int32 bucket, int32
 * count, int64 seconds) triples sorted by bucket, empty buckets left out.
 *
 * store/ and analytics/ only.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CIRO_DURATION_BUCKET_SECONDS 8640
/* Durations past a year are counted in the last bucket. */
#define CIRO_DURATION_MAX_BUCKET 3650

typedef struct {
  gint32 bucket;
  gint32 count;
  gint64 seconds;   /* Σ seconds past bucket × CIRO_DURATION_BUCKET_SECONDS */
} CiroDurationCell;

/* A distribution being added up: bucket → CiroDurationCell. */
GHashTable *ciro_duration_hist_new    (void);
/* Adds (sign +1) or removes (−1) one duration in seconds (negative ones
 * count as 0). */
void        ciro_duration_hist_add    (GHashTable *hist, gint64 seconds, int sign);
/* Adds (sign +1) or removes (−1) a stored blob; FALSE when it is damaged. */
gboolean    ciro_duration_hist_merge  (GHashTable *hist, const void *blob, int size, int sign);
/* The blob of `hist` (NULL when it holds nothing). */
GBytes     *ciro_duration_hist_encode (GHashTable *hist);

/* Summary of a distribution (from the cells sorted by bucket). */
typedef struct {
  gint64 n;
  double mean_days;
  double median_days;
  double p90_days;
} CiroDurationStats;

/* Median: the middle duration, or the mean of the two middle ones;
 * 90th percentile: the ⌈0.9 n⌉-th smallest (nearest rank). All zero
 * when empty. */
void        ciro_duration_hist_stats  (GHashTable *hist, CiroDurationStats *out);

/* The same distribution as a flat array, for adding up many stored blobs
 * fast: no allocation per bucket, and the statistics equal those of
 * ciro_duration_hist_stats() over the same durations. */
typedef struct {
  gint64 count[CIRO_DURATION_MAX_BUCKET + 1];
  gint64 seconds[CIRO_DURATION_MAX_BUCKET + 1];
  gint32 lo, hi;    /* the buckets in use: lo … hi, none when lo > hi */
} CiroDurationArray;

CiroDurationArray *ciro_duration_array_new   (void);
void               ciro_duration_array_free  (CiroDurationArray *array);
/* Adds a stored blob; FALSE when it is damaged. */
gboolean           ciro_duration_array_merge (CiroDurationArray *array, const void *blob, int size);
void               ciro_duration_array_add   (CiroDurationArray *into, const CiroDurationArray *from);
void               ciro_duration_array_stats (const CiroDurationArray *array, CiroDurationStats *out);

G_END_DECLS
