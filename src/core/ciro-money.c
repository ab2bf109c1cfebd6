/* ciro-money.c: showing money and percentages to people
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "ciro-money.h"

#define MINUS "\xe2\x88\x92"   /* U+2212 */
#define LIRA "\xe2\x82\xba"    /* U+20BA */

/* More places than this are noise for money and percentages, and keep the
 * integer paths below far from overflow. */
#define MAX_DECIMALS 9

static gboolean
names_turkish (const char *loc)
{
  return loc != NULL &&
         (g_str_equal (loc, "tr") || g_str_has_prefix (loc, "tr_") ||
          g_str_has_prefix (loc, "tr.") || g_str_has_prefix (loc, "tr@") ||
          g_str_has_prefix (loc, "Turkish"));
}

/* "C", "POSIX", "C.UTF-8": the locale nobody chose, which says nothing. */
static gboolean
names_no_locale (const char *loc)
{
  return loc == NULL || *loc == '\0' || g_str_equal (loc, "C") || g_str_equal (loc, "POSIX") ||
         g_str_has_prefix (loc, "C.");
}

CiroNumberStyle
ciro_number_style_from_locale (void)
{
  static const char *const vars[] = { "LC_ALL", "LC_NUMERIC", "LANG" };
  const char *loc = setlocale (LC_NUMERIC, NULL);

  if (!names_no_locale (loc))
    return names_turkish (loc) ? CIRO_NUMBER_STYLE_TURKISH : CIRO_NUMBER_STYLE_ENGLISH;
  /* The process may not have called setlocale () (ciro-cli in a script, a
   * test): then the environment says what the person asked for. */
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    {
      const char *env = g_getenv (vars[i]);
      if (env != NULL && *env != '\0')
        return names_turkish (env) ? CIRO_NUMBER_STYLE_TURKISH : CIRO_NUMBER_STYLE_ENGLISH;
    }
  return CIRO_NUMBER_STYLE_ENGLISH;
}

static char
group_sep (CiroNumberStyle style)
{
  return style == CIRO_NUMBER_STYLE_TURKISH ? '.' : ',';
}

static char
decimal_sep (CiroNumberStyle style)
{
  return style == CIRO_NUMBER_STYLE_TURKISH ? ',' : '.';
}

/* Appends a string of digits with a separator every three from the right. */
static void
append_grouped_digits (GString *s, const char *digits, gsize n, char sep)
{
  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (s, sep);
      g_string_append_c (s, digits[i]);
    }
}

static void
append_grouped (GString *s, guint64 v, char sep)
{
  char digits[32];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, v);
  append_grouped_digits (s, digits, (gsize) n, sep);
}

static guint64
magnitude_of (gint64 v)
{
  return v < 0 ? (guint64) (-(v + 1)) + 1 : (guint64) v;
}

static guint64
div_round_u64 (guint64 num, guint64 den)
{
  return num / den + (num % den >= den - num % den ? 1 : 0);
}

static guint64
pow10_u64 (guint n)
{
  guint64 p = 1;
  while (n-- > 0)
    p *= 10;
  return p;
}

char *
ciro_money_format (CiroKurus amount, CiroNumberStyle style)
{
  GString *s = g_string_new (NULL);
  guint64 a = magnitude_of (amount);

  if (amount < 0)
    g_string_append (s, MINUS);
  g_string_append (s, LIRA);
  append_grouped (s, a / 100, group_sep (style));
  g_string_append_printf (s, "%c%02u", decimal_sep (style), (guint) (a % 100));
  return g_string_free (s, FALSE);
}

/* The digits of |value| rounded half away from zero to `decimals` places,
 * as whole and fractional parts; FALSE when the value is 0 at that precision. */
static gboolean
append_number (GString *s, double value, guint decimals, CiroNumberStyle style)
{
  double scaled = fabs (value) * (double) pow10_u64 (decimals);
  gboolean nonzero;

  if (scaled < 9.0e15)
    {
      /* Exact integers in a double: round () is half away from zero. */
      guint64 r = (guint64) round (scaled);
      guint64 p = pow10_u64 (decimals);

      nonzero = r != 0;
      append_grouped (s, r / p, group_sep (style));
      if (decimals > 0)
        g_string_append_printf (s, "%c%0*" G_GUINT64_FORMAT, decimal_sep (style),
                                (int) decimals, r % p);
    }
  else
    {
      /* Beyond 2^53 there is nothing to round: print the digits as they are. */
      char buf[400];
      char format[8];
      char *dot;

      /* g_ascii_formatd: the process may run in a locale with a decimal comma. */
      g_snprintf (format, sizeof format, "%%.%uf", decimals);
      g_ascii_formatd (buf, sizeof buf, format, fabs (value));
      dot = strchr (buf, '.');
      nonzero = TRUE;
      append_grouped_digits (s, buf, dot ? (gsize) (dot - buf) : strlen (buf), group_sep (style));
      if (dot != NULL)
        {
          g_string_append_c (s, decimal_sep (style));
          g_string_append (s, dot + 1);
        }
    }
  return nonzero;
}

char *
ciro_number_format (double value, guint decimals, CiroNumberStyle style)
{
  GString *num;

  if (isnan (value))
    return g_strdup ("—");
  if (isinf (value))
    return g_strdup (value < 0 ? MINUS "∞" : "∞");

  decimals = MIN (decimals, MAX_DECIMALS);
  num = g_string_new (NULL);
  /* −0,0 is not shown: the sign only goes on what is visibly negative. */
  if (append_number (num, value, decimals, style) && value < 0)
    g_string_prepend (num, MINUS);
  return g_string_free (num, FALSE);
}

char *
ciro_count_format (gint64 value, CiroNumberStyle style)
{
  GString *s = g_string_new (NULL);

  if (value < 0)
    g_string_append (s, MINUS);
  append_grouped (s, magnitude_of (value), group_sep (style));
  return g_string_free (s, FALSE);
}

/* Compact amounts for chart axes: one decimal below ten units ("₺1,2 Mn"),
 * none from ten on ("₺850 B"), and a value that rounds up to a thousand of
 * one unit is shown in the next ("₺999.960" is "₺1 Mn", not "₺1.000 B"). */
char *
ciro_money_format_compact (CiroKurus amount, CiroNumberStyle style)
{
  /* Units in kuruş: 1, bin (10³ TL), milyon (10⁶), milyar (10⁹). */
  static const guint64 units[] = { 100, G_GUINT64_CONSTANT (100000),
                                   G_GUINT64_CONSTANT (100000000),
                                   G_GUINT64_CONSTANT (100000000000) };
  static const char *const tr_suffix[] = { "", " B", " Mn", " Mr" };
  static const char *const en_suffix[] = { "", "K", "M", "B" };
  guint64 a = magnitude_of (amount);
  guint u = 0;
  guint64 tenths;
  GString *s;

  while (u + 1 < G_N_ELEMENTS (units) && a >= units[u + 1])
    u++;
  for (;;)
    {
      guint64 unit = units[u];

      if (a < 10 * unit)
        tenths = div_round_u64 (a, unit / 10);
      else
        tenths = div_round_u64 (a, unit) * 10;
      if (tenths >= 10000 && u + 1 < G_N_ELEMENTS (units))
        {
          u++;
          continue;
        }
      break;
    }

  s = g_string_new (NULL);
  if (amount < 0 && tenths > 0)
    g_string_append (s, MINUS);
  g_string_append (s, LIRA);
  append_grouped (s, tenths / 10, group_sep (style));
  if (tenths < 100 && tenths % 10 != 0)
    g_string_append_printf (s, "%c%u", decimal_sep (style), (guint) (tenths % 10));
  g_string_append (s, style == CIRO_NUMBER_STYLE_TURKISH ? tr_suffix[u] : en_suffix[u]);
  return g_string_free (s, FALSE);
}

char *
ciro_percent_format (double value, guint decimals, CiroNumberStyle style)
{
  g_autofree char *num = ciro_number_format (value, decimals, style);

  /* Turkish writes the percent sign before the number, after any minus. */
  if (style == CIRO_NUMBER_STYLE_TURKISH)
    {
      if (g_str_has_prefix (num, MINUS))
        return g_strdup_printf (MINUS "%%%s", num + strlen (MINUS));
      return g_strdup_printf ("%%%s", num);
    }
  return g_strdup_printf ("%s%%", num);
}

char *
ciro_money_to_decimal (CiroKurus amount)
{
  guint64 a = magnitude_of (amount);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", amount < 0 ? "-" : "", a / 100,
                          (guint) (a % 100));
}
