/* ciro-carrier.c: carrier names as sellers and integrations write them
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "ciro-carrier.h"
#include "ciro-text.h"

/* Every spelling, the carrier's own name included, compared by key(). */
static const struct {
  const char *name;
  const char *spellings[5];
} carriers[] = {
  { "Yurtiçi Kargo", { "Yurtici", "YK", NULL } },
  { "Aras Kargo", { "Aras", NULL } },
  { "DHL eCommerce (MNG)", { "MNG", "MNG Kargo", "DHL eCommerce", "DHL E-Commerce", NULL } },
  { "PTT Kargo", { "PTT", NULL } },
  { "Sürat Kargo", { "Surat", NULL } },
  { "Trendyol Express", { "TEX", "TrendyolExpress", NULL } },
  { "HepsiJET", { "Hepsi Jet", NULL } },
  { "Kolay Gelsin", { "KolayGelsin", NULL } },
  { "UPS Kargo", { "UPS", NULL } },
  { "Sendeo", { NULL } },
};

/* Turkish lower case with every letter reduced to its base (so that
 * "YURTICI", whose Turkish lower case is "yurtıcı", is Yurtiçi too), without
 * white space and dots, and without the word "kargo" wherever it stands
 * ("YurticiKargo") unless it is all there is. */
static char *
key (const char *text)
{
  g_autofree char *folded = ciro_search_key (text);
  GString *out = g_string_sized_new (strlen (folded));
  char *hit;

  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == '.')
        continue;
      g_string_append_unichar (out, c);
    }
  while (out->len > strlen ("kargo") && (hit = strstr (out->str, "kargo")) != NULL)
    g_string_erase (out, hit - out->str, strlen ("kargo"));
  return g_string_free (out, FALSE);
}

static GHashTable *
spellings (void)
{
  static GHashTable *table;

  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (carriers); i++)
        {
          g_hash_table_insert (t, key (carriers[i].name), (gpointer) carriers[i].name);
          for (guint j = 0; carriers[i].spellings[j] != NULL; j++)
            g_hash_table_insert (t, key (carriers[i].spellings[j]), (gpointer) carriers[i].name);
        }
      g_once_init_leave (&table, t);
    }
  return table;
}

char *
ciro_carrier_normalize (const char *cargo_provider)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *k = NULL;
  const char *name;

  if (cargo_provider == NULL)
    return g_strdup (CIRO_CARRIER_UNKNOWN);
  trimmed = ciro_strip (cargo_provider);
  if (*trimmed == '\0')
    return g_strdup (CIRO_CARRIER_UNKNOWN);
  k = key (trimmed);
  name = g_hash_table_lookup (spellings (), k);
  return name != NULL ? g_strdup (name) : g_steal_pointer (&trimmed);
}

const char *
ciro_carrier_display (const char *name)
{
  if (name == NULL || g_strcmp0 (name, CIRO_CARRIER_UNKNOWN) == 0)
    /* TRANSLATORS: the carrier of orders whose carrier Sentos did not give */
    return C_("carrier", "Unknown");
  return name;
}
