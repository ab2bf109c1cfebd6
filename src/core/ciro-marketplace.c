/* ciro-marketplace.c: marketplace names and their default settings
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

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
