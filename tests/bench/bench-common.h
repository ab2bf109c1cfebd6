/* bench-common.h: what the benchmarks share: the large demo store, timing
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/ciro-store.h"

/* The store's history ends on a fixed day so that reruns reuse it. */
#define BENCH_END_YEAR 2026
#define BENCH_END_MONTH 11
#define BENCH_END_DAY 20

double     median           (double *v, guint n);
double     now_ms           (void);
/* CIRO_BENCH_DB when given, else a file in the user's cache dir. */
char      *bench_store_path (const char *env_path, guint64 n_orders, guint n_products);
/* The store at `path`, built from the demo generator when it does not
 * hold `n_orders` orders yet. */
CiroStore *open_bench_store (const char *path, guint64 n_orders, guint n_products);
