/* fuzz-targets.c: the table of fuzz targets, and a quiet log for fuzzing
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <stdlib.h>

#include "ciro-fuzz.h"

static const CiroFuzzTarget targets[] = {
  { "json-reader", ciro_fuzz_json_reader },
  { "products-page", ciro_fuzz_products_page },
  { "orders-page", ciro_fuzz_orders_page },
  { "numbers", ciro_fuzz_numbers },
  { "dates", ciro_fuzz_dates },
  { "text", ciro_fuzz_text },
  { "page-store", ciro_fuzz_page_store },
  { NULL, NULL },
};

const CiroFuzzTarget *
ciro_fuzz_targets (void)
{
  return targets;
}

const CiroFuzzTarget *
ciro_fuzz_target_find (const char *name)
{
  for (const CiroFuzzTarget *t = targets; t->name != NULL; t++)
    if (g_str_equal (t->name, name))
      return t;
  return NULL;
}

static GLogWriterOutput
quiet_writer (GLogLevelFlags   level,
              const GLogField *fields,
              gsize            n_fields,
              gpointer         user_data)
{
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

void
ciro_fuzz_quiet_log (void)
{
  g_log_set_writer_func (quiet_writer, NULL, NULL);
}
