/* ciro-number.c: Sentos numbers (JSON numbers or Turkish/English strings)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ciro-error.h"
#include "ciro-number.h"

/* These messages end up in sync logs and counters, not in front of people,
 * so they are not marked for translation. */

#define LIRA_SIGN "\xe2\x82\xba"     /* ₺ U+20BA */
#define MINUS_SIGN "\xe2\x88\x92"    /* − U+2212, as ciro_money_format writes it */

static const guint64 pow10_table[] = {
  1, 10, 100, 1000, 10000, 100000, 1000000,
};

/* Length of the white-space character at p, 0 when there is none. Besides
 * ASCII, the no-break spaces that spreadsheets and Turkish formatting put
 * around amounts. */
static gsize
space_at (const char *p, const char *end)
{
  if (p >= end)
    return 0;
  if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\v' || *p == '\f')
    return 1;
  if (end - p >= 2 && memcmp (p, "\xc2\xa0", 2) == 0)             /* U+00A0 */
    return 2;
  if (end - p >= 3 && (memcmp (p, "\xe2\x80\xaf", 3) == 0 ||        /* U+202F */
                       memcmp (p, "\xe2\x80\x89", 3) == 0))         /* U+2009 */
    return 3;
  return 0;
}

static gsize
space_before (const char *start, const char *end)
{
  if (end - start >= 1 && space_at (end - 1, end) == 1)
    return 1;
  if (end - start >= 2 && space_at (end - 2, end) == 2)
    return 2;
  if (end - start >= 3 && space_at (end - 3, end) == 3)
    return 3;
  return 0;
}

static const char *
skip_spaces (const char *p, const char *end)
{
  gsize n;
  while ((n = space_at (p, end)) > 0)
    p += n;
  return p;
}

static const char *
trim_spaces_end (const char *start, const char *end)
{
  gsize n;
  while ((n = space_before (start, end)) > 0)
    end -= n;
  return end;
}

/* Length of a currency mark ("₺", "TL" in any case) at p, or 0. */
static gsize
currency_at (const char *p, const char *end)
{
  if (end - p >= 3 && memcmp (p, LIRA_SIGN, 3) == 0)
    return 3;
  if (end - p >= 2 && g_ascii_toupper (p[0]) == 'T' && g_ascii_toupper (p[1]) == 'L')
    return 2;
  return 0;
}

static gsize
currency_before (const char *start, const char *end)
{
  if (end - start >= 3 && memcmp (end - 3, LIRA_SIGN, 3) == 0)
    return 3;
  if (end - start >= 2 && currency_at (end - 2, end) == 2)
    return 2;
  return 0;
}

static gboolean
fail (GError **error, int code, const char *text, const char *why)
{
  g_set_error (error, CIRO_PARSE_ERROR, code, "“%s” %s", text, why);
  return FALSE;
}

/* magnitude × 10^shift + digit-driven rounding, all checked against
 * G_MAXINT64 so that the caller can negate the result safely. */
static gboolean
scale_checked (guint64 value, guint shift, guint64 *out)
{
  guint64 v = value;

  for (guint i = 0; i < shift; i++)
    if (!g_uint64_checked_mul (&v, v, 10))
      return FALSE;
  if (v > (guint64) G_MAXINT64)
    return FALSE;
  *out = v;
  return TRUE;
}

gboolean
ciro_parse_decimal (const char *text,
                    guint       scale,
                    gint64     *out,
                    GError    **error)
{
  const char *p, *end;
  const char *last_dot = NULL, *last_comma = NULL, *decimal = NULL;
  guint n_dots = 0, n_commas = 0;
  gboolean negative = FALSE, have_sign = FALSE, have_currency = FALSE, any_digit = FALSE;
  guint64 int_part = 0, frac = 0, magnitude;
  guint frac_digits = 0;
  int round_digit = -1;

  g_return_val_if_fail (out != NULL, FALSE);
  *out = 0;
  g_return_val_if_fail (scale <= 6, FALSE);

  if (text == NULL)
    {
      g_set_error_literal (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_EMPTY, "empty number");
      return FALSE;
    }

  /* Affixes: a sign and a currency mark, each at most once and in either
   * order ("-₺12", "₺-12", "TL 12,5"); the mark may also trail ("12,5 TL"). */
  p = text;
  end = text + strlen (text);
  for (;;)
    {
      gsize n;

      p = skip_spaces (p, end);
      if (!have_sign && p < end && (*p == '-' || *p == '+'))
        {
          have_sign = TRUE;
          negative = *p == '-';
          p++;
        }
      else if (!have_sign && end - p >= 3 && memcmp (p, MINUS_SIGN, 3) == 0)
        {
          have_sign = TRUE;
          negative = TRUE;
          p += 3;
        }
      else if (!have_currency && (n = currency_at (p, end)) > 0)
        {
          have_currency = TRUE;
          p += n;
        }
      else
        break;
    }
  end = trim_spaces_end (p, end);
  if (!have_currency)
    {
      gsize n = currency_before (p, end);
      if (n > 0)
        end = trim_spaces_end (p, end - n);
    }
  if (p == end)
    {
      if (have_sign)
        return fail (error, CIRO_PARSE_ERROR_INVALID, text, "is not a number");
      g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_EMPTY, "empty number “%s”", text);
      return FALSE;
    }

  for (const char *q = p; q < end; q++)
    {
      if (*q == '.')
        {
          n_dots++;
          last_dot = q;
        }
      else if (*q == ',')
        {
          n_commas++;
          last_comma = q;
        }
      else if (g_ascii_isdigit (*q))
        any_digit = TRUE;
      else
        return fail (error, CIRO_PARSE_ERROR_INVALID, text, "is not a number");
    }
  if (!any_digit)
    return fail (error, CIRO_PARSE_ERROR_INVALID, text, "is not a number");

  /* sentos-api.md "Numbers": with both marks, the last one is the decimal
   * mark and the other groups thousands; a lone comma or a lone dot is
   * decimal; several dots group thousands. Several commas and no dot are
   * read the same way as several dots ("1,234,567" is 1234567). */
  if (n_dots > 0 && n_commas > 0)
    {
      decimal = last_dot > last_comma ? last_dot : last_comma;
      if ((decimal == last_dot && n_dots > 1) || (decimal == last_comma && n_commas > 1))
        return fail (error, CIRO_PARSE_ERROR_INVALID, text, "has more than one decimal mark");
    }
  else if (n_commas == 1)
    decimal = last_comma;
  else if (n_dots == 1)
    decimal = last_dot;

  for (const char *q = p; q < end; q++)
    {
      if (q == decimal)
        continue;
      if (*q == '.' || *q == ',')
        {
          /* A thousands mark sits between two digits: "1..2" and ",5,0" are
           * typing mistakes, not numbers. */
          if (q == p || q + 1 == end || !g_ascii_isdigit (q[-1]) || !g_ascii_isdigit (q[1]))
            return fail (error, CIRO_PARSE_ERROR_INVALID, text, "is not a number");
          continue;
        }
      if (decimal == NULL || q < decimal)
        {
          if (!g_uint64_checked_mul (&int_part, int_part, 10) ||
              !g_uint64_checked_add (&int_part, int_part, (guint64) (*q - '0')))
            return fail (error, CIRO_PARSE_ERROR_RANGE, text, "is too large");
        }
      else if (frac_digits < scale)
        {
          frac = frac * 10 + (guint64) (*q - '0');
          frac_digits++;
        }
      else if (round_digit < 0)
        round_digit = *q - '0';
    }

  frac *= pow10_table[scale - frac_digits];
  /* Only the first dropped digit matters: ≥ 5 means at least half a unit,
   * and rounding the magnitude up is "half away from zero" for both signs. */
  if (!scale_checked (int_part, scale, &magnitude) ||
      !g_uint64_checked_add (&magnitude, magnitude, frac + (round_digit >= 5 ? 1 : 0)) ||
      magnitude > (guint64) G_MAXINT64)
    return fail (error, CIRO_PARSE_ERROR_RANGE, text, "is too large");

  *out = negative ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;
}

gboolean
ciro_parse_money (const char *text, CiroKurus *out, GError **error)
{
  return ciro_parse_decimal (text, 2, out, error);
}

/* Reads what "%.15g" printed: [-]digits[.digits][e±digits]. */
static gboolean
parse_printed_double (const char *s, guint scale, gint64 *out)
{
  guint64 digits = 0, magnitude;
  int exponent = 0, n_frac = 0, shift;
  gboolean negative = FALSE, seen_dot = FALSE;
  int round_digit = -1;
  char kept[32];
  int n_kept = 0;

  if (*s == '-')
    {
      negative = TRUE;
      s++;
    }
  for (; g_ascii_isdigit (*s) || *s == '.'; s++)
    {
      if (*s == '.')
        {
          seen_dot = TRUE;
          continue;
        }
      if (n_kept < (int) sizeof kept)
        kept[n_kept++] = *s;
      if (seen_dot)
        n_frac++;
    }
  if (*s == 'e' || *s == 'E')
    {
      gint64 e;
      char *endp;

      e = g_ascii_strtoll (s + 1, &endp, 10);
      if (*endp != '\0')
        return FALSE;
      /* Beyond ±400 (at most 32 digits) a value rounds to 0 or is far out
       * of range, as it is at ±400: "0e999" and "1e-999" are 0. */
      exponent = (int) CLAMP (e, -400, 400);
    }
  else if (*s != '\0')
    return FALSE;

  /* value = kept × 10^(exponent − n_frac); we want value × 10^scale. */
  shift = exponent - n_frac + (int) scale;
  if (shift >= 0)
    {
      for (int i = 0; i < n_kept; i++)
        if (!g_uint64_checked_mul (&digits, digits, 10) ||
            !g_uint64_checked_add (&digits, digits, (guint64) (kept[i] - '0')))
          return FALSE;
      if (digits != 0 && !scale_checked (digits, (guint) MIN (shift, 40), &magnitude))
        return FALSE;
      if (digits == 0)
        magnitude = 0;
    }
  else
    {
      int n_whole = n_kept + shift;   /* digits left of the scaled point */

      for (int i = 0; i < n_whole; i++)
        if (!g_uint64_checked_mul (&digits, digits, 10) ||
            !g_uint64_checked_add (&digits, digits, (guint64) (kept[i] - '0')))
          return FALSE;
      if (n_whole >= 0 && n_whole < n_kept)
        round_digit = kept[n_whole] - '0';
      magnitude = digits + (round_digit >= 5 ? 1 : 0);
      if (magnitude > (guint64) G_MAXINT64)
        return FALSE;
    }
  *out = negative ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;
}

static gboolean
decimal_from_int (gint64 v, guint scale, gint64 *out, GError **error)
{
  guint64 magnitude = v < 0 ? (guint64) (-(v + 1)) + 1 : (guint64) v;

  if (!scale_checked (magnitude, scale, &magnitude))
    {
      g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_RANGE,
                   "%" G_GINT64_FORMAT " is too large", v);
      return FALSE;
    }
  *out = v < 0 ? -(gint64) magnitude : (gint64) magnitude;
  return TRUE;
}

gboolean
ciro_parse_json_number (const char *literal,
                        gsize       len,
                        guint       scale,
                        gint64     *out,
                        GError    **error)
{
  char buf[33];   /* the digit buffer of parse_printed_double holds 32 */
  gint64 v;

  g_return_val_if_fail (out != NULL, FALSE);
  *out = 0;
  g_return_val_if_fail (scale <= 6, FALSE);

  if (len == 0 || len >= sizeof buf)
    {
      g_set_error_literal (error, CIRO_PARSE_ERROR, len == 0 ? CIRO_PARSE_ERROR_EMPTY : CIRO_PARSE_ERROR_RANGE,
                           len == 0 ? "missing number" : "number out of range");
      return FALSE;
    }
  memcpy (buf, literal, len);
  buf[len] = '\0';
  if (strpbrk (buf, ".eE") == NULL && g_ascii_string_to_signed (buf, 10, G_MININT64, G_MAXINT64, &v, NULL))
    return decimal_from_int (v, scale, out, error);
  /* the digits as written, scaled and rounded exactly: no binary double in
   * between to lose a kuruş */
  if (!parse_printed_double (buf, scale, out))
    {
      *out = 0;
      g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_RANGE, "%s is out of range", buf);
      return FALSE;
    }
  return TRUE;
}
