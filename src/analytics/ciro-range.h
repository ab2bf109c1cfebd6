/* ciro-range.h: the date ranges a seller picks, and the period they are
 * compared with
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "core/ciro-types.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_RANGE_LAST_7_DAYS,
  CIRO_RANGE_LAST_30_DAYS,
  CIRO_RANGE_LAST_90_DAYS,
  CIRO_RANGE_THIS_MONTH,
  CIRO_RANGE_LAST_MONTH,
  CIRO_RANGE_THIS_YEAR,
  CIRO_RANGE_CUSTOM,
  CIRO_RANGE_N_PRESETS,
} CiroRangePreset;

/* "last-7-days", … "this-year", "custom": the names kept in GSettings. */
const char *ciro_range_preset_id    (CiroRangePreset preset);
gboolean    ciro_range_preset_from_id (const char *id, CiroRangePreset *out);
/* The English label, to be passed through gettext. */
const char *ciro_range_preset_label (CiroRangePreset preset);

/* The days of a preset as seen on `today`, both inclusive; "last N days"
 * end today. Custom has no days of its own: returns FALSE. */
gboolean    ciro_range_resolve      (CiroRangePreset preset,
                                     CiroDay         today,
                                     CiroDay        *from,
                                     CiroDay        *to);

/* The period of the same length that ends the day before `from`. */
void        ciro_range_previous     (CiroDay  from,
                                     CiroDay  to,
                                     CiroDay *prev_from,
                                     CiroDay *prev_to);

/* "custom:2026-01-01:2026-01-31" ⇄ days; for remembering a custom range. */
char       *ciro_range_custom_to_id   (CiroDay from, CiroDay to);
gboolean    ciro_range_custom_from_id (const char *id, CiroDay *from, CiroDay *to);

/* (current − previous) / |previous| × 100, NAN when previous is 0. */
double      ciro_change_pct         (double current, double previous);

G_END_DECLS
