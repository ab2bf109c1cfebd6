/* ciro-types.h: the few scalar types every layer shares
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Money is always an integer number of kuruş (1/100 TRY). */
typedef gint64 CiroKurus;

/* A calendar day in Europe/Istanbul: days since 1970-01-01. */
typedef gint32 CiroDay;

/* Rates (VAT, commission) are integer basis points: 21.5 % = 2150. */
typedef gint32 CiroBasisPoints;

#define CIRO_DAY_INVALID G_MININT32

/* Divides rounding half away from zero; den must be > 0. */
static inline gint64
ciro_div_round (gint64 num, gint64 den)
{
  if (num >= 0)
    return (num + den / 2) / den;
  return -((-num + den / 2) / den);
}

/* amount × rate, rounded half away from zero to whole kuruş. */
static inline CiroKurus
ciro_apply_rate (CiroKurus amount, CiroBasisPoints rate)
{
  return ciro_div_round (amount * (gint64) rate, 10000);
}

G_END_DECLS
