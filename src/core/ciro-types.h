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

/* What a real store can hold (README "Limits"). A value read from Sentos
 * beyond them is a bad field (kept as 0, counted, logged), and the user's
 * settings refuse them. Within them a line's cost (quantity × unit cost
 * with VAT) fits 64 bits with room to spare; sums are still checked. */
#define CIRO_MAX_MONEY    G_GINT64_CONSTANT (10000000000)  /* ₺100,000,000.00 either way, in kuruş */
#define CIRO_MAX_QUANTITY G_GINT64_CONSTANT (1000000)      /* units in one order line, either way */
#define CIRO_MAX_STOCK    G_GINT64_CONSTANT (1000000000)   /* units of one product in one warehouse */
#define CIRO_MAX_RATE     10000                            /* basis points: VAT, commission 0–100 % */

/* a + b, b − a and a × b into *out; FALSE with *out saturated when the
 * result does not fit: callers fail loudly or show the saturated value,
 * never a wrapped one. */
static inline gboolean
ciro_add_checked (gint64 a, gint64 b, gint64 *out)
{
  if (__builtin_add_overflow (a, b, out))
    {
      *out = b > 0 ? G_MAXINT64 : G_MININT64;
      return FALSE;
    }
  return TRUE;
}

static inline gboolean
ciro_sub_checked (gint64 a, gint64 b, gint64 *out)
{
  if (__builtin_sub_overflow (a, b, out))
    {
      *out = b < 0 ? G_MAXINT64 : G_MININT64;
      return FALSE;
    }
  return TRUE;
}

static inline gboolean
ciro_mul_checked (gint64 a, gint64 b, gint64 *out)
{
  if (__builtin_mul_overflow (a, b, out))
    {
      *out = (a < 0) != (b < 0) ? G_MININT64 : G_MAXINT64;
      return FALSE;
    }
  return TRUE;
}

/* Divides rounding half away from zero; den must be > 0. Never overflows. */
static inline gint64
ciro_div_round (gint64 num, gint64 den)
{
  gint64 q = num / den, r = num % den;

  /* |r| ≥ den − |r| ⇔ 2|r| ≥ den, without doubling */
  if (r >= 0 ? r >= den - r : -r >= den + r)
    q += num >= 0 ? 1 : -1;
  return q;
}

/* amount × rate, rounded half away from zero to whole kuruş; saturated
 * when it does not fit (never within the bounds above). */
static inline CiroKurus
ciro_apply_rate (CiroKurus amount, CiroBasisPoints rate)
{
  gint64 product;

  if (!ciro_mul_checked (amount, rate, &product))
    return product;
  return ciro_div_round (product, 10000);
}

G_END_DECLS
