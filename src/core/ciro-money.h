/* ciro-money.h: showing money and percentages to people
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-types.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_NUMBER_STYLE_TURKISH,  /* 1.234,56 */
  CIRO_NUMBER_STYLE_ENGLISH,  /* 1,234.56 */
} CiroNumberStyle;

/* Turkish when LC_NUMERIC (or LC_ALL/LANG) names a tr locale, else English. */
CiroNumberStyle ciro_number_style_from_locale (void);

/* "₺1.234,56" / "₺1,234.56"; negative as "−₺1.234,56" (U+2212). */
char *ciro_money_format          (CiroKurus amount, CiroNumberStyle style);
/* Compact for chart axes: "₺1,2 Mn", "₺850 B" (Turkish); "₺1.2M", "₺850K" (English). */
char *ciro_money_format_compact  (CiroKurus amount, CiroNumberStyle style);
/* Plain number with grouping and `decimals` places: "1.234,5" */
char *ciro_number_format         (double value, guint decimals, CiroNumberStyle style);
/* Integer with grouping: "12.345" */
char *ciro_count_format          (gint64 value, CiroNumberStyle style);
/* "%12,5" Turkish puts the sign first; English "12.5%". */
char *ciro_percent_format        (double value, guint decimals, CiroNumberStyle style);
/* Machine form for JSON/CSV: kuruş → "1234.56" (always '.', no grouping, "-" sign). */
char *ciro_money_to_decimal      (CiroKurus amount);

G_END_DECLS
