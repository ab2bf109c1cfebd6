/* ciro-text.c: Turkish-aware casing, independent of the process locale
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ciro-text.h"

#define DOTTED_CAPITAL_I 0x0130   /* İ */
#define DOTLESS_SMALL_I 0x0131    /* ı */
#define COMBINING_DOT_ABOVE 0x0307

static char *
map_case (const char *text, gboolean upper)
{
  GString *s;

  if (text == NULL)
    return g_strdup ("");
  s = g_string_sized_new (strlen (text) + 4);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar r;

      if (upper)
        r = c == 'i' ? DOTTED_CAPITAL_I : c == DOTLESS_SMALL_I ? 'I' : g_unichar_toupper (c);
      else
        {
          /* "I" followed by a combining dot is the decomposed İ. */
          if (c == 'I' && g_utf8_get_char (g_utf8_next_char (p)) == COMBINING_DOT_ABOVE)
            {
              g_string_append_c (s, 'i');
              p = g_utf8_next_char (p);
              continue;
            }
          r = c == 'I' ? DOTLESS_SMALL_I : c == DOTTED_CAPITAL_I ? 'i' : g_unichar_tolower (c);
        }
      g_string_append_unichar (s, r);
    }
  return g_string_free (s, FALSE);
}

char *
ciro_tr_upper (const char *text)
{
  return map_case (text, TRUE);
}

char *
ciro_tr_lower (const char *text)
{
  return map_case (text, FALSE);
}

char *
ciro_tr_fold (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text ? text : "", -1, G_NORMALIZE_NFC);
  g_autofree char *lower = ciro_tr_lower (nfc ? nfc : "");
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
ciro_strip (const char *text)
{
  const char *start = text ? text : "";
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
