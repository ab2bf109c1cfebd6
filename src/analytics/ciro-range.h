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

/* What a window is compared with (metrics.md "Comparison periods"). */
typedef enum {
  CIRO_COMPARE_PREVIOUS,   /* the period before it, as the preset names it */
  CIRO_COMPARE_LAST_YEAR,  /* the same days a year earlier */
  CIRO_COMPARE_N_BASES,
} CiroCompareBasis;

/* "previous", "last-year": the names of GSettings and of ciro-cli --compare. */
const char *ciro_compare_basis_id      (CiroCompareBasis basis);
gboolean    ciro_compare_basis_from_id (const char *id, CiroCompareBasis *out);

/* The same calendar day a year earlier; 29 February becomes the 28th. */
CiroDay     ciro_day_year_earlier   (CiroDay day);

/* The preset whose days on `today` are exactly [from, to], else custom;
 * this month, last month and this year before "last N days" when both fit. */
CiroRangePreset ciro_range_preset_of (CiroDay from, CiroDay to, CiroDay today);

/* The period [from, to], picked as `preset`, is compared with:
 * - last N days: the N days before;
 * - this month (1st..d): the 1st..d of the month before, d capped at its end;
 * - last month: the whole month before it;
 * - this year (1 Jan..d): the same dates a year earlier;
 * - custom: the period of the same length before it;
 * and with basis LAST_YEAR, any window: the same days a year earlier (a
 * whole month: the whole same month). */
void        ciro_range_compare      (CiroRangePreset   preset,
                                     CiroCompareBasis  basis,
                                     CiroDay           from,
                                     CiroDay           to,
                                     CiroDay          *cmp_from,
                                     CiroDay          *cmp_to);

/* The days for people, in the user's language: "5 Dec", "1–5 Dec",
 * "28 Nov – 5 Dec", with the year when it is not that of `today` or the
 * range spans two: "1–5 Dec 2025", "28 Dec 2025 – 3 Jan 2026". */
char       *ciro_range_text         (CiroDay from, CiroDay to, CiroDay today);
/* "1–5 Dec · compared with 1–5 Nov" */
char       *ciro_range_compare_text (CiroDay from,
                                     CiroDay to,
                                     CiroDay cmp_from,
                                     CiroDay cmp_to,
                                     CiroDay today);

/* "custom:2026-01-01:2026-01-31" ⇄ days; for remembering a custom range. */
char       *ciro_range_custom_to_id   (CiroDay from, CiroDay to);
gboolean    ciro_range_custom_from_id (const char *id, CiroDay *from, CiroDay *to);

/* (current − previous) / |previous| × 100, NAN when previous is 0. */
double      ciro_change_pct         (double current, double previous);

G_END_DECLS
