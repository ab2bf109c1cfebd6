/* ciro-marketplace.c: marketplace names and their default settings
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ciro-marketplace.h"
#include "ciro-text.h"

static const CiroMarketplaceDefault defaults[] = {
  { "Trendyol", 2150, 7500 },
  { "Hepsiburada", 1500, 7500 },
  { "N11", 1200, 7500 },
  { "Pazarama", 1800, 7500 },
  { "Amazon", 1500, 7500 },
  { "ÇiçekSepeti", 1000, 7500 },
  { NULL, 0, 0 },
};

const char *
ciro_marketplace_display (const char *name)
{
  if (g_strcmp0 (name, CIRO_MARKETPLACE_UNKNOWN) == 0)
    /* TRANSLATORS: a marketplace whose name Sentos did not give */
    return C_("marketplace", "Unknown");
  if (g_strcmp0 (name, CIRO_MARKETPLACE_OTHER) == 0)
    /* TRANSLATORS: where orders of marketplaces past Ciro's limit are counted */
    return C_("marketplace", "Other");
  return name;
}

const CiroMarketplaceDefault *
ciro_marketplace_defaults (void)
{
  return defaults;
}

/* Keys are compared after Turkish upper-casing, dropping spaces and '-', '_',
 * '.', and reducing Turkish letters to their ASCII base: sellers and
 * integrations type "ciceksepeti", "ÇİÇEK SEPETİ", "Lc-Waikiki" alike. */
static const struct {
  const char *key;
  const char *name;
} names[] = {
  { "TRENDYOL", "Trendyol" },
  { "HEPSIBURADA", "Hepsiburada" },
  { "HB", "Hepsiburada" },
  { "N11", "N11" },
  { "AMAZON", "Amazon" },
  { "PAZARAMA", "Pazarama" },
  { "CICEKSEPETI", "ÇiçekSepeti" },
  { "LCWAIKIKI", "LC Waikiki" },
  { "LCW", "LC Waikiki" },
  { "SHOPIFY", "Shopify" },
  { "RETAIL", "Mağaza" },
};

static char *
match_key (const char *trimmed)
{
  g_autofree char *upper = ciro_tr_upper (trimmed);
  GString *key = g_string_sized_new (strlen (upper));

  for (const char *p = upper; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '-' || c == '_' || c == '.')
        continue;
      switch (c)
        {
        case 0x0130: c = 'I'; break;   /* İ */
        case 0x00C7: c = 'C'; break;   /* Ç */
        case 0x011E: c = 'G'; break;   /* Ğ */
        case 0x015E: c = 'S'; break;   /* Ş */
        case 0x00D6: c = 'O'; break;   /* Ö */
        case 0x00DC: c = 'U'; break;   /* Ü */
        default: break;
        }
      g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

char *
ciro_marketplace_normalize (const char *source)
{
  g_autofree char *trimmed = ciro_strip (source);
  g_autofree char *key = NULL;

  if (*trimmed == '\0')
    return g_strdup (CIRO_MARKETPLACE_UNKNOWN);

  key = match_key (trimmed);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (key, names[i].key))
      return g_strdup (names[i].name);
  return g_steal_pointer (&trimmed);
}

const char *const *
ciro_marketplace_builtin_names (void)
{
  static const char *const builtin[] = {
    "Trendyol", "Hepsiburada", "N11", "Amazon", "Pazarama", "ÇiçekSepeti", "LC Waikiki", "Shopify", "Mağaza",
    CIRO_MARKETPLACE_UNKNOWN, CIRO_MARKETPLACE_OTHER, NULL,
  };
  return builtin;
}

gboolean
ciro_marketplace_is_builtin (const char *name)
{
  if (name == NULL)
    return FALSE;
  for (const char *const *b = ciro_marketplace_builtin_names (); *b != NULL; b++)
    if (g_str_equal (*b, name))
      return TRUE;
  return FALSE;
}

static gunichar *
folded (const char *name, glong *len)
{
  g_autofree char *trimmed = ciro_strip (name);
  g_autofree char *key = match_key (trimmed);

  return g_utf8_to_ucs4_fast (key, -1, len);
}

/* Levenshtein distance of two letter strings, with one row of memory. */
static guint
distance (const gunichar *a, glong la, const gunichar *b, glong lb)
{
  g_autofree guint *row = g_new (guint, lb + 1);

  for (glong j = 0; j <= lb; j++)
    row[j] = (guint) j;
  for (glong i = 1; i <= la; i++)
    {
      guint diagonal = row[0];
      row[0] = (guint) i;
      for (glong j = 1; j <= lb; j++)
        {
          guint above = row[j];
          guint best = MIN (above + 1, row[j - 1] + 1);
          row[j] = MIN (best, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
          diagonal = above;
        }
    }
  return row[lb];
}

guint
ciro_marketplace_distance (const char *a, const char *b)
{
  glong la, lb;
  g_autofree gunichar *fa = folded (a ? a : "", &la);
  g_autofree gunichar *fb = folded (b ? b : "", &lb);

  return distance (fa, la, fb, lb);
}

typedef struct {
  const char *name;
  guint       distance;
} Close;

static int
compare_close (gconstpointer x, gconstpointer y)
{
  const Close *a = x, *b = y;

  if (a->distance != b->distance)
    return a->distance < b->distance ? -1 : 1;
  return g_utf8_collate (a->name, b->name);
}

GPtrArray *
ciro_marketplace_close_names (const char *name, const char *const *candidates, guint n_candidates)
{
  glong ln;
  g_autofree gunichar *fn = folded (name ? name : "", &ln);
  g_autoptr(GArray) close = g_array_new (FALSE, FALSE, sizeof (Close));
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  guint most = ln <= 4 ? 1 : 2;

  for (guint i = 0; i < n_candidates; i++)
    {
      glong lc;
      g_autofree gunichar *fc = folded (candidates[i], &lc);
      guint d = distance (fn, ln, fc, lc);
      gboolean beginning = ln >= 3 && ln < lc && memcmp (fn, fc, (gsize) ln * sizeof (gunichar)) == 0;
      gboolean seen = FALSE;

      for (guint k = 0; k < close->len && !seen; k++)
        seen = g_str_equal (g_array_index (close, Close, k).name, candidates[i]);
      if (!seen && (d <= most || beginning))
        {
          Close c = { candidates[i], beginning ? MIN (d, most) : d };
          g_array_append_val (close, c);
        }
    }
  g_array_sort (close, compare_close);
  for (guint k = 0; k < close->len; k++)
    g_ptr_array_add (out, g_strdup (g_array_index (close, Close, k).name));
  return out;
}
