/* ciro-sku.c: SKU normalisation and base SKUs (metrics.md "Product matching")
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ciro-sku.h"
#include "ciro-text.h"

static gboolean
all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

char *
ciro_sku_normalize (const char *sku)
{
  g_autofree char *trimmed = ciro_strip (sku);
  char *upper = ciro_tr_upper (trimmed);
  char *p = upper;

  if (p[0] == 'S' && all_digits (p + 1))
    p++;
  if (all_digits (p))
    {
      while (p[0] == '0' && p[1] != '\0')
        p++;
    }
  if (p != upper)
    memmove (upper, p, strlen (p) + 1);
  return upper;
}

static const char *colours[] = {
  "Siyah", "Beyaz", "Kırmızı", "Mavi", "Yeşil", "Sarı", "Turuncu", "Mor", "Pembe",
  "Kahverengi", "Gri", "Lacivert", "Krem", "Antrasit", "Bordo", "Haki",
};

/* Drops a trailing colour word separated by '-', '_', ' ' or '/'. */
static char *
strip_colour (const char *sku)
{
  const char *end = sku + strlen (sku);
  const char *p = end;

  while (p > sku && !strchr ("-_ /", p[-1]))
    p--;
  if (p > sku)
    {
      for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
        if (ciro_tr_equal_fold (p, colours[i]))
          {
            const char *q = p;
            while (q > sku && strchr ("-_ /", q[-1]))
              q--;
            if (q > sku)
              return g_strndup (sku, q - sku);
          }
    }
  return g_strdup (sku);
}

char *
ciro_sku_base (const char *sku)
{
  g_autofree char *trimmed = ciro_strip (sku);
  g_autofree char *s = strip_colour (trimmed);
  g_auto(GStrv) parts = g_strsplit (s, "-", -1);
  guint n = g_strv_length (parts);

  if (n >= 3 && ciro_tr_equal_fold (parts[0], "BYK"))
    {
      if (n >= 5)
        {
          for (guint i = 3; i + 1 < n; i++)
            {
              if ((parts[i][0] == 'M' || parts[i][0] == 'm') &&
                  (parts[i + 1][0] == 'R' || parts[i + 1][0] == 'r'))
                {
                  GString *b = g_string_new (parts[2]);
                  for (guint j = 3; j < i; j++)
                    g_string_append_printf (b, "-%s", parts[j]);
                  return g_string_free (b, FALSE);
                }
            }
        }
      return g_strdup (parts[2]);
    }
  if (n >= 3 && strlen (parts[0]) >= 5 && all_digits (parts[0]))
    return g_strdup (parts[0]);
  return g_steal_pointer (&s);
}

char *
ciro_sku_base_key (const char *sku)
{
  g_autofree char *base = ciro_sku_base (sku);
  return ciro_tr_upper (base);
}
