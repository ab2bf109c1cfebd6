/* ciro-fuzz.h: the fuzz targets, as plain functions
 *
 * Each target takes one input of any bytes, runs it through Ciro's code and
 * checks what must hold whatever the input (g_assert: a failed check aborts).
 * libFuzzer drives them from fuzz-main.c (meson -Dfuzzing=true, clang); the
 * normal test suite replays the seed corpora and every regression input
 * through the same functions (test-fuzz-regressions.c).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*CiroFuzzFunc) (const guint8 *data, gsize size);

typedef struct {
  const char  *name;   /* the directory under corpus/ and regressions/ */
  CiroFuzzFunc func;
} CiroFuzzTarget;

/* the JSON pull reader, held against json-glib */
void ciro_fuzz_json_reader   (const guint8 *data, gsize size);
/* a Sentos page read as products / as orders */
void ciro_fuzz_products_page (const guint8 *data, gsize size);
void ciro_fuzz_orders_page   (const guint8 *data, gsize size);
/* number strings and JSON number literals */
void ciro_fuzz_numbers       (const guint8 *data, gsize size);
/* days and date-times */
void ciro_fuzz_dates         (const guint8 *data, gsize size);
/* Turkish casing, stripping and SKUs */
void ciro_fuzz_text          (const guint8 *data, gsize size);
/* a products page and an orders page (split at the first form feed)
 * written into a new store (a temporary file), rollups checked against raw rows */
void ciro_fuzz_page_store    (const guint8 *data, gsize size);

/* All targets, NULL-terminated. */
const CiroFuzzTarget *ciro_fuzz_targets     (void);
const CiroFuzzTarget *ciro_fuzz_target_find (const char *name);

/* Silences the log (sync and store log what they skip) but aborts on
 * warnings and criticals, which a hostile input must never cause. */
void ciro_fuzz_quiet_log (void);

G_END_DECLS
