/* ciro-text.c: Turkish-aware casing, independent of the process locale
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ciro-text.h"

#define CAPITAL_I_WITH_DOT 0x0130   /* İ */
#define SMALL_DOTLESS_I 0x0131      /* ı */
#define COMBINING_DOT_ABOVE 0x0307

/* Text from the network or a database may be broken UTF-8; every function
 * here walks characters, so it first gets a valid copy (U+FFFD for bad bytes). */
static char *
valid_copy (const char *text)
{
  if (text == NULL)
    return g_strdup ("");
  if (g_utf8_validate (text, -1, NULL))
    return g_strdup (text);
  return g_utf8_make_valid (text, -1);
}

/* g_utf8_strup/strdown follow the process locale for exactly the four
 * Turkish i's (and add dots in Lithuanian), so those are mapped here first;
 * what is left has the same case mapping in every locale. */
static char *
map_turkish_i (const char *text, gboolean upper)
{
  GString *s = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      /* "I" + U+0307 is a decomposed İ; "ı" + U+0307, a dotless i given
       * its dot back, is an i (left as "I" + U+0307, a second upper-casing
       * would make it İ). */
      if ((c == 'I' || c == SMALL_DOTLESS_I) && g_utf8_get_char (next) == COMBINING_DOT_ABOVE)
        {
          g_string_append_unichar (s, upper ? CAPITAL_I_WITH_DOT : 'i');
          p = next;
          continue;
        }
      if (upper && c == 'i')
        c = CAPITAL_I_WITH_DOT;
      else if (upper && c == SMALL_DOTLESS_I)
        c = 'I';
      else if (!upper && c == 'I')
        c = SMALL_DOTLESS_I;
      else if (!upper && c == CAPITAL_I_WITH_DOT)
        c = 'i';
      g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

char *
ciro_tr_upper (const char *text)
{
  g_autofree char *valid = valid_copy (text);
  g_autofree char *mapped = map_turkish_i (valid, TRUE);
  return g_utf8_strup (mapped, -1);
}

char *
ciro_tr_lower (const char *text)
{
  g_autofree char *valid = valid_copy (text);
  g_autofree char *mapped = map_turkish_i (valid, FALSE);
  return g_utf8_strdown (mapped, -1);
}

char *
ciro_tr_fold (const char *text)
{
  g_autofree char *valid = valid_copy (text);
  /* NFKC first so that compatibility forms (full-width "Ｉ", "I" + U+0307)
   * become the letters the Turkish mapping knows, and again after it since
   * lower-casing may leave a sequence that is not normalised. */
  g_autofree char *compat = g_utf8_normalize (valid, -1, G_NORMALIZE_NFKC);
  g_autofree char *lower = ciro_tr_lower (compat);
  return g_utf8_normalize (lower, -1, G_NORMALIZE_NFKC);
}

gboolean
ciro_tr_equal_fold (const char *a, const char *b)
{
  g_autofree char *fa = ciro_tr_fold (a);
  g_autofree char *fb = ciro_tr_fold (b);
  return g_strcmp0 (fa, fb) == 0;
}

gboolean
ciro_tr_contains (const char *haystack, const char *needle)
{
  g_autofree char *h = ciro_tr_fold (haystack);
  g_autofree char *n = ciro_tr_fold (needle);
  return strstr (h, n) != NULL;
}

char *
ciro_search_key (const char *text)
{
  g_autofree char *folded = ciro_tr_fold (text);
  /* decomposed, so that a letter and its marks are apart */
  g_autofree char *nfd = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  GString *out = g_string_sized_new (strlen (nfd));

  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType t = g_unichar_type (c);

      if (t == G_UNICODE_NON_SPACING_MARK || t == G_UNICODE_SPACING_MARK || t == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (c == 0x0131)          /* dotless ı has no decomposition */
        c = 'i';
      g_string_append_unichar (out, c);
    }
  /* a page keeps one for each of its 20,000 rows: the string's own size,
   * not the GString's power of two (64 bytes at least) */
  {
    char *key = g_strndup (out->str, out->len);
    g_string_free (out, TRUE);
    return key;
  }
}

char *
ciro_strip (const char *text)
{
  g_autofree char *valid = valid_copy (text);
  const char *start = valid;
  const char *end;

  while (*start && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_prev_char (end);
      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, end - start);
}
