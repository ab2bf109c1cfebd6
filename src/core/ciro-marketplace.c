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

/* Keys are Turkish upper case with spaces removed. */
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
  { "ÇİÇEKSEPETİ", "ÇiçekSepeti" },
  { "ÇIÇEKSEPETI", "ÇiçekSepeti" },
  { "LCWAIKIKI", "LC Waikiki" },
  { "LCW", "LC Waikiki" },
  { "SHOPIFY", "Shopify" },
  { "RETAIL", "Mağaza" },
};

char *
ciro_marketplace_normalize (const char *source)
{
  g_autofree char *trimmed = ciro_strip (source);
  g_autofree char *upper = NULL;
  GString *key;

  if (*trimmed == '\0')
    return g_strdup (CIRO_MARKETPLACE_UNKNOWN);

  upper = ciro_tr_upper (trimmed);
  key = g_string_new (NULL);
  for (const char *p = upper; *p; p++)
    if (*p != ' ')
      g_string_append_c (key, *p);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (key->str, names[i].key))
      {
        g_string_free (key, TRUE);
        return g_strdup (names[i].name);
      }
  /* Also accept spellings typed with the ASCII i ("CICEKSEPETI" in Turkish
   * casing becomes "CİCEKSEPETİ"): compare with dots dropped. */
  {
    g_autofree char *plain = g_string_free (key, FALSE);
    GString *ascii = g_string_new (NULL);
    for (const char *p = plain; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);
        g_string_append_unichar (ascii, c == 0x0130 ? 'I' : c == 0x00C7 ? 'C' : c);
      }
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      if (g_str_equal (ascii->str, names[i].key))
        {
          g_string_free (ascii, TRUE);
          return g_strdup (names[i].name);
        }
    g_string_free (ascii, TRUE);
  }
  return g_steal_pointer (&trimmed);
}
