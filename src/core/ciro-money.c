/* ciro-money.c: showing money and percentages to people
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include "ciro-money.h"

#define MINUS "\xe2\x88\x92"   /* U+2212 */

static gboolean
names_turkish (const char *loc)
{
  return loc != NULL && (g_str_has_prefix (loc, "tr_") || g_str_equal (loc, "tr"));
}

CiroNumberStyle
ciro_number_style_from_locale (void)
{
  const char *loc = setlocale (LC_NUMERIC, NULL);

  if (names_turkish (loc))
    return CIRO_NUMBER_STYLE_TURKISH;
  if (loc != NULL && !g_str_equal (loc, "C") && !g_str_equal (loc, "POSIX"))
    return CIRO_NUMBER_STYLE_ENGLISH;
  for (const char *const *v = (const char *const[]) { "LC_ALL", "LC_NUMERIC", "LANG", NULL }; *v; v++)
    {
      const char *env = g_getenv (*v);
      if (env != NULL && *env != '\0')
        return names_turkish (env) ? CIRO_NUMBER_STYLE_TURKISH : CIRO_NUMBER_STYLE_ENGLISH;
    }
  return CIRO_NUMBER_STYLE_ENGLISH;
}

static void
append_grouped (GString *s, guint64 v, char sep)
{
  char digits[32];
  int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, v);

  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (s, sep);
      g_string_append_c (s, digits[i]);
    }
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

char *
ciro_money_format (CiroKurus amount, CiroNumberStyle style)
{
  GString *s = g_string_new (NULL);
  guint64 a = amount < 0 ? (guint64) (-(amount + 1)) + 1 : (guint64) amount;

  if (amount < 0)
    g_string_append (s, MINUS);
  g_string_append (s, "₺");
  append_grouped (s, a / 100, group_sep (style));
  g_string_append_printf (s, "%c%02d", decimal_sep (style), (int) (a % 100));
  return g_string_free (s, FALSE);
}

char *
ciro_number_format (double value, guint decimals, CiroNumberStyle style)
{
  GString *s = g_string_new (NULL);
  double scale = pow (10.0, decimals);
  double r = round (fabs (value) * scale);
  guint64 whole = (guint64) (r / scale);
  guint64 frac = (guint64) (r - (double) whole * scale + 0.5);

  if (value < 0 && r > 0)
    g_string_append (s, MINUS);
  append_grouped (s, whole, group_sep (style));
  if (decimals > 0)
    g_string_append_printf (s, "%c%0*" G_GUINT64_FORMAT, decimal_sep (style), (int) decimals, frac);
  return g_string_free (s, FALSE);
}

char *
ciro_count_format (gint64 value, CiroNumberStyle style)
{
  return ciro_number_format ((double) value, 0, style);
}

char *
ciro_money_format_compact (CiroKurus amount, CiroNumberStyle style)
{
  double tl = fabs ((double) amount / 100.0);
  gboolean tr = style == CIRO_NUMBER_STYLE_TURKISH;
  const char *suffix;
  double v;
  guint decimals;
  g_autofree char *num = NULL;

  if (tl >= 1e9)
    v = tl / 1e9, suffix = tr ? " Mr" : "B";
  else if (tl >= 1e6)
    v = tl / 1e6, suffix = tr ? " Mn" : "M";
  else if (tl >= 1e3)
    v = tl / 1e3, suffix = tr ? " B" : "K";
  else
    v = tl, suffix = "";
  decimals = v < 10 && *suffix != '\0' && fabs (v - round (v)) >= 0.05 ? 1 : 0;
  num = ciro_number_format (v, decimals, style);
  return g_strdup_printf ("%s₺%s%s", amount < 0 && tl >= 0.5 ? MINUS : "", num, suffix);
}

char *
ciro_percent_format (double value, guint decimals, CiroNumberStyle style)
{
  g_autofree char *num = ciro_number_format (value, decimals, style);

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
  guint64 a = amount < 0 ? (guint64) (-(amount + 1)) + 1 : (guint64) amount;
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02d", amount < 0 ? "-" : "", a / 100, (int) (a % 100));
}
