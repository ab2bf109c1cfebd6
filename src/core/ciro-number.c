/* ciro-number.c: Sentos numbers (JSON numbers or Turkish/English strings)
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "ciro-error.h"
#include "ciro-number.h"

static const char *
skip_space (const char *p)
{
  while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
    p++;
  return p;
}

/* Removes the currency marks Sentos strings carry: "TL", "₺". */
static char *
strip_currency (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p;)
    {
      if (g_str_has_prefix (p, "₺"))
        p += strlen ("₺");
      else if ((p[0] == 'T' || p[0] == 't') && (p[1] == 'L' || p[1] == 'l'))
        p += 2;
      else
        g_string_append_c (s, *p++);
    }
  return g_string_free (s, FALSE);
}

gboolean
ciro_parse_decimal (const char *text,
                    guint       scale,
                    gint64     *out,
                    GError    **error)
{
  g_autofree char *clean = NULL;
  const char *p, *end;
  const char *last_dot, *last_comma, *decimal = NULL;
  guint n_dots = 0, n_commas = 0;
  gboolean negative = FALSE, any_digit = FALSE;
  gint64 int_part = 0, frac = 0;
  guint frac_digits = 0;
  int round_digit = -1;
  gint64 pow10 = 1;

  g_return_val_if_fail (scale <= 6, FALSE);
  *out = 0;

  if (text == NULL)
    {
      g_set_error_literal (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_EMPTY, "empty number");
      return FALSE;
    }
  clean = strip_currency (text);
  p = skip_space (clean);
  end = p + strlen (p);
  while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
    end--;
  if (p == end)
    {
      g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_EMPTY, "empty number “%s”", text);
      return FALSE;
    }
  if (*p == '-' || *p == '+')
    {
      negative = *p == '-';
      p = skip_space (p + 1);
    }

  last_dot = last_comma = NULL;
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
      else if (!g_ascii_isdigit (*q))
        {
          g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID, "“%s” is not a number", text);
          return FALSE;
        }
    }

  /* sentos-api.md "Numbers": with both, the last one is the decimal mark;
   * a lone comma is decimal; one dot is decimal, several are thousands. Several
   * commas and no dot are taken as thousands separators, like several dots. */
  if (n_dots > 0 && n_commas > 0)
    decimal = last_dot > last_comma ? last_dot : last_comma;
  else if (n_commas == 1)
    decimal = last_comma;
  else if (n_dots == 1)
    decimal = last_dot;
  if (decimal != NULL && ((decimal == last_dot && n_dots > 1) || (decimal == last_comma && n_commas > 1)))
    {
      g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID, "“%s” is not a number", text);
      return FALSE;
    }

  for (guint i = 0; i < scale; i++)
    pow10 *= 10;

  for (const char *q = p; q < end; q++)
    {
      if (q == decimal)
        continue;
      if (*q == '.' || *q == ',')
        {
          if (decimal != NULL && q > decimal)
            {
              g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID, "“%s” is not a number", text);
              return FALSE;
            }
          continue;
        }
      any_digit = TRUE;
      if (decimal == NULL || q < decimal)
        {
          if (int_part > (G_MAXINT64 / 10 - 9) / pow10)
            {
              g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_RANGE, "“%s” is too large", text);
              return FALSE;
            }
          int_part = int_part * 10 + (*q - '0');
        }
      else if (frac_digits < scale)
        {
          frac = frac * 10 + (*q - '0');
          frac_digits++;
        }
      else if (round_digit < 0)
        round_digit = *q - '0';
    }
  if (!any_digit)
    {
      g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID, "“%s” is not a number", text);
      return FALSE;
    }
  while (frac_digits < scale)
    {
      frac *= 10;
      frac_digits++;
    }
  *out = int_part * pow10 + frac + (round_digit >= 5 ? 1 : 0);
  if (negative)
    *out = -*out;
  return TRUE;
}

gboolean
ciro_parse_money (const char *text, CiroKurus *out, GError **error)
{
  return ciro_parse_decimal (text, 2, out, error);
}

gboolean
ciro_json_node_get_decimal (JsonNode *node,
                            guint     scale,
                            gboolean  allow_missing,
                            gint64   *out,
                            GError  **error)
{
  *out = 0;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (allow_missing)
        return TRUE;
      g_set_error_literal (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_EMPTY, "missing number");
      return FALSE;
    }
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType t = json_node_get_value_type (node);
      double pow10 = pow (10.0, scale);

      if (t == G_TYPE_INT64)
        {
          gint64 v = json_node_get_int (node);
          if (v > G_MAXINT64 / (gint64) pow10 || v < G_MININT64 / (gint64) pow10)
            {
              g_set_error_literal (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_RANGE, "number too large");
              return FALSE;
            }
          *out = v * (gint64) pow10;
          return TRUE;
        }
      if (t == G_TYPE_DOUBLE)
        {
          double v = json_node_get_double (node) * pow10;
          if (!isfinite (v) || fabs (v) > 9.0e18)
            {
              g_set_error_literal (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_RANGE, "number out of range");
              return FALSE;
            }
          /* 1249.9 × 100 is 124989.99999…: round to the nearest first, so binary
           * noise never decides a kuruş, then half away from zero. */
          *out = (gint64) llround (round (v * 1e6) / 1e6);
          return TRUE;
        }
      if (t == G_TYPE_STRING)
        return ciro_parse_decimal (json_node_get_string (node), scale, out, error);
    }
  g_set_error_literal (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID, "not a number");
  return FALSE;
}
