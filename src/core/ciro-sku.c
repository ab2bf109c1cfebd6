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

/* Rule 6's colour words, in their Turkish spelling: "KIRMIZI" and "kırmızı"
 * are the colour, "Kirmizi" is not (ciro_tr_fold tells them apart). */
static const char *const colours[] = {
  "Siyah", "Beyaz", "Kırmızı", "Mavi", "Yeşil", "Sarı", "Turuncu", "Mor", "Pembe",
  "Kahverengi", "Gri", "Lacivert", "Krem", "Antrasit", "Bordo", "Haki",
};

#define SEPARATORS "-_ /"

/* The colour words folded once: the matcher asks for thousands of bases. */
static char *const *
folded_colours (void)
{
  static char **folded;

  if (g_once_init_enter (&folded))
    {
      char **f = g_new0 (char *, G_N_ELEMENTS (colours) + 1);
      for (guint i = 0; i < G_N_ELEMENTS (colours); i++)
        f[i] = ciro_tr_fold (colours[i]);
      g_once_init_leave (&folded, f);
    }
  return folded;
}

/* Where a trailing colour word starts in `sku`, separated or glued on
 * ("144236Siyah"), the longest one when several fit; NULL when none. */
static const char *
colour_suffix (const char *sku)
{
  char *const *folded = folded_colours ();
  glong n_chars = g_utf8_strlen (sku, -1);
  const char *best = NULL;

  for (guint i = 0; folded[i] != NULL; i++)
    {
      glong n = g_utf8_strlen (colours[i], -1);
      const char *start;
      g_autofree char *tail = NULL;

      if (n > n_chars)
        continue;
      start = g_utf8_offset_to_pointer (sku, n_chars - n);
      if (best != NULL && start >= best)
        continue;
      tail = ciro_tr_fold (start);
      if (g_str_equal (tail, folded[i]))
        best = start;
    }
  return best;
}

/* Drops a trailing colour word, glued on or after '-', '_', ' ' or '/',
 * with the separators before it; a SKU that is only a colour stays. */
static char *
strip_colour (const char *sku)
{
  const char *word = colour_suffix (sku);
  const char *rest;

  if (word == NULL)
    return g_strdup (sku);
  rest = word;
  while (rest > sku && strchr (SEPARATORS, rest[-1]))
    rest--;
  if (rest == sku)
    return g_strdup (sku);
  return g_strndup (sku, rest - sku);
}

static gboolean
starts_with_letter (const char *part, char upper)
{
  return part[0] == upper || part[0] == g_ascii_tolower (upper);
}

static char *
base_of (const char *s)
{
  g_auto(GStrv) parts = g_strsplit (s, "-", -1);
  guint n = g_strv_length (parts);

  /* "BYK" has no i, so ASCII case-insensitivity is the Turkish one. */
  if (n >= 3 && g_ascii_strcasecmp (parts[0], "BYK") == 0)
    {
      if (n >= 5)
        {
          /* From the fourth part on (index 3), an M… part followed by an R… part
           * ends the base, which runs from the third part up to it. */
          for (guint i = 3; i + 1 < n; i++)
            {
              if (starts_with_letter (parts[i], 'M') && starts_with_letter (parts[i + 1], 'R'))
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
  return NULL;
}

char *
ciro_sku_base (const char *sku)
{
  g_autofree char *trimmed = ciro_strip (sku);
  g_autofree char *s = strip_colour (trimmed);
  char *base = base_of (s);

  /* "BYK-24Y-" would give an empty base that every blank SKU matches. */
  if (base != NULL && *base != '\0')
    return base;
  g_free (base);
  return g_steal_pointer (&s);
}

char *
ciro_sku_base_key (const char *sku)
{
  g_autofree char *base = ciro_sku_base (sku);
  return ciro_tr_upper (base);
}
