/* ciro-customer.c: customer keys and masking
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "ciro-customer.h"
#include "ciro-text.h"

char *
ciro_customer_alt_key (const char *email, const char *phone)
{
  if (email != NULL && strchr (email, '@') != NULL)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (email));
      g_autofree char *lower = ciro_tr_lower (trimmed);
      /* e-mail addresses are ASCII in practice; lower-case with Turkish
       * rules only for the dotted/dotless i's that g_ascii would miss */
      return g_strconcat ("mail:", lower, NULL);
    }
  if (phone != NULL)
    {
      char digits[11];
      guint n = 0;
      /* the last 10 digits: walk backwards */
      for (const char *p = phone + strlen (phone); p > phone && n < 10;)
        {
          p--;
          if (g_ascii_isdigit (*p))
            digits[9 - n++] = *p;
        }
      if (n == 10)
        {
          digits[10] = '\0';
          return g_strconcat ("tel:", digits, NULL);
        }
    }
  return NULL;
}

char *
ciro_customer_key (gint64 id, const char *email, const char *phone)
{
  if (id != 0)
    return g_strdup_printf ("id:%" G_GINT64_FORMAT, id);
  return ciro_customer_alt_key (email, phone);
}

/* the first n characters of a valid UTF-8 copy of s, then "***" */
static void
append_masked_word (GString *out, const char *word, guint keep)
{
  const char *p = word;
  for (guint i = 0; i < keep && *p != '\0'; i++)
    p = g_utf8_next_char (p);
  g_string_append_len (out, word, p - word);
  g_string_append (out, "***");
}

char *
ciro_mask_name (const char *name)
{
  g_autofree char *valid = NULL;
  g_auto(GStrv) words = NULL;
  GString *out;

  if (name == NULL)
    return NULL;
  valid = g_utf8_make_valid (name, -1);
  words = g_strsplit_set (g_strstrip (valid), " \t\n", -1);
  out = g_string_new (NULL);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      append_masked_word (out, words[i], 2);
    }
  return g_string_free (out, FALSE);
}

char *
ciro_mask_email (const char *email)
{
  g_autofree char *valid = NULL;
  const char *at;
  GString *out;

  if (email == NULL)
    return NULL;
  valid = g_utf8_make_valid (email, -1);
  g_strstrip (valid);
  at = strrchr (valid, '@');
  out = g_string_new (NULL);
  if (at == NULL)
    {
      append_masked_word (out, valid, 1);
      return g_string_free (out, FALSE);
    }
  *(char *) at = '\0';
  append_masked_word (out, valid, 1);
  g_string_append_c (out, '@');
  g_string_append (out, at + 1);
  return g_string_free (out, FALSE);
}

char *
ciro_mask_phone (const char *phone)
{
  GString *digits;
  GString *out;

  if (phone == NULL)
    return NULL;
  digits = g_string_new (NULL);
  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  out = g_string_new (NULL);
  if (digits->len >= 10)
    {
      /* the national form: 0 and the last ten digits */
      const char *last10 = digits->str + digits->len - 10;
      g_string_append_c (out, '0');
      g_string_append_len (out, last10, 3);
      g_string_append (out, " *** ** ");
      g_string_append_len (out, last10 + 8, 2);
    }
  else if (digits->len >= 2)
    {
      g_string_append (out, "*** ");
      g_string_append_len (out, digits->str + digits->len - 2, 2);
    }
  else
    g_string_append (out, "***");
  g_string_free (digits, TRUE);
  return g_string_free (out, FALSE);
}

char *
ciro_mask_customer_key (const char *key)
{
  g_autofree char *masked = NULL;

  if (key == NULL)
    return NULL;
  if (g_str_has_prefix (key, "mail:"))
    {
      masked = ciro_mask_email (key + 5);
      return g_strconcat ("mail:", masked, NULL);
    }
  if (g_str_has_prefix (key, "tel:"))
    {
      masked = ciro_mask_phone (key + 4);
      return g_strconcat ("tel:", masked, NULL);
    }
  return g_strdup (key);
}
