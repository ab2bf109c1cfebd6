/* ciro-json-reader.c: a pull reader over JSON text
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-sync"

#include "config.h"

#include "core/ciro-error.h"
#include "ciro-json-reader.h"

void
ciro_json_reader_init (CiroJsonReader *r, const char *data, gsize len)
{
  memset (r, 0, sizeof *r);
  r->data = r->pos = data ? data : "";
  r->end = r->data + (data ? len : 0);
}

void
ciro_json_reader_clear (CiroJsonReader *r)
{
  g_clear_error (&r->error);
  if (r->key != NULL)
    g_string_free (r->key, TRUE);
  r->key = NULL;
}

gboolean
ciro_json_reader_failed (CiroJsonReader *r)
{
  return r->error != NULL;
}

static gboolean
fail (CiroJsonReader *r, const char *what)
{
  if (r->error == NULL)
    {
      if (r->pos >= r->end)
        g_set_error (&r->error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX,
                     "JSON ends too early (after %" G_GSIZE_FORMAT " bytes): %s",
                     (gsize) (r->end - r->data), what);
      else
        g_set_error (&r->error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX,
                     "JSON syntax error at byte %" G_GSIZE_FORMAT ": %s",
                     (gsize) (r->pos - r->data), what);
    }
  /* nothing after an error is read */
  r->pos = r->end;
  return FALSE;
}

static inline void
skip_space (CiroJsonReader *r)
{
  const char *p = r->pos;

  while (p < r->end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  r->pos = p;
}

CiroJsonType
ciro_json_reader_peek (CiroJsonReader *r)
{
  if (r->error != NULL)
    return CIRO_JSON_INVALID;
  skip_space (r);
  if (r->pos >= r->end)
    {
      fail (r, "a value is missing");
      return CIRO_JSON_INVALID;
    }
  switch (*r->pos)
    {
    case '{': return CIRO_JSON_OBJECT;
    case '[': return CIRO_JSON_ARRAY;
    case '"': return CIRO_JSON_STRING;
    case 't': case 'f': return CIRO_JSON_BOOLEAN;
    case 'n': return CIRO_JSON_NULL;
    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return CIRO_JSON_NUMBER;
    default:
      fail (r, "not a JSON value");
      return CIRO_JSON_INVALID;
    }
}

static gboolean
enter (CiroJsonReader *r, char open)
{
  if (ciro_json_reader_peek (r) == CIRO_JSON_INVALID)
    return FALSE;
  if (*r->pos != open)
    return fail (r, open == '{' ? "an object was expected" : "an array was expected");
  if (r->depth >= CIRO_JSON_MAX_DEPTH)
    return fail (r, "nested too deeply");
  r->pos++;
  r->depth++;
  r->first[r->depth] = TRUE;
  return TRUE;
}

gboolean
ciro_json_reader_begin_object (CiroJsonReader *r)
{
  return enter (r, '{');
}

gboolean
ciro_json_reader_begin_array (CiroJsonReader *r)
{
  return enter (r, '[');
}

/* After an element or member: the separator, or the closing character
 * (then the container is left and FALSE returned). */
static gboolean
next_item (CiroJsonReader *r, char close)
{
  if (r->error != NULL || r->depth == 0)
    return FALSE;
  skip_space (r);
  if (r->pos >= r->end)
    return fail (r, close == '}' ? "an object is not closed" : "an array is not closed");
  if (*r->pos == close)
    {
      r->pos++;
      r->depth--;
      return FALSE;
    }
  if (!r->first[r->depth])
    {
      if (*r->pos != ',')
        return fail (r, close == '}' ? "a comma or } was expected" : "a comma or ] was expected");
      r->pos++;
      skip_space (r);
      if (r->pos < r->end && *r->pos == close)
        return fail (r, "a comma before the end");
    }
  r->first[r->depth] = FALSE;
  return TRUE;
}

/* Scans a string whose opening quote is at r->pos; on success r->pos is past
 * the closing quote. */
static gboolean
scan_string (CiroJsonReader *r, CiroJsonScalar *out)
{
  const char *p = r->pos + 1;
  const char *end = r->end;

  out->type = CIRO_JSON_STRING;
  out->escaped = FALSE;
  out->high = FALSE;
  out->text = p;
  while (p < end)
    {
      guchar c = (guchar) *p;

      if (c == '"')
        {
          out->len = (gsize) (p - out->text);
          r->pos = p + 1;
          return TRUE;
        }
      if (c == '\\')
        {
          out->escaped = TRUE;
          if (p + 1 >= end)
            break;
          switch (p[1])
            {
            case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
              p += 2;
              continue;
            case 'u':
              for (int i = 2; i < 6; i++)
                {
                  if (p + i >= end)
                    {
                      r->pos = end;
                      return fail (r, "a string is not closed");
                    }
                  if (!g_ascii_isxdigit (p[i]))
                    {
                      r->pos = p;
                      return fail (r, "a bad \\u escape");
                    }
                }
              p += 6;
              continue;
            default:
              r->pos = p;
              return fail (r, "an unknown escape in a string");
            }
        }
      if (c < 0x20)
        {
          r->pos = p;
          return fail (r, "a control character in a string");
        }
      if (c >= 0x80)
        out->high = TRUE;
      p++;
    }
  r->pos = end;
  return fail (r, "a string is not closed");
}

static gboolean
scan_number (CiroJsonReader *r, CiroJsonScalar *out)
{
  const char *p = r->pos;
  const char *end = r->end;

  out->type = CIRO_JSON_NUMBER;
  out->text = p;
  if (p < end && *p == '-')
    p++;
  if (p < end && *p == '0')
    p++;
  else if (p < end && *p >= '1' && *p <= '9')
    while (p < end && g_ascii_isdigit (*p))
      p++;
  else
    {
      r->pos = p;
      return fail (r, "a number without digits");
    }
  if (p < end && *p == '.')
    {
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        {
          r->pos = p;
          return fail (r, "a number without digits after its point");
        }
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        {
          r->pos = p;
          return fail (r, "a number without digits in its exponent");
        }
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  out->len = (gsize) (p - out->text);
  r->pos = p;
  return TRUE;
}

static gboolean
scan_word (CiroJsonReader *r, const char *word, gsize len)
{
  if ((gsize) (r->end - r->pos) < len || memcmp (r->pos, word, len) != 0)
    return fail (r, "not a JSON value");
  r->pos += len;
  return TRUE;
}

gboolean
ciro_json_reader_read_scalar (CiroJsonReader *r, CiroJsonScalar *out)
{
  CiroJsonType type = ciro_json_reader_peek (r);

  memset (out, 0, sizeof *out);
  switch (type)
    {
    case CIRO_JSON_STRING:
      return scan_string (r, out);
    case CIRO_JSON_NUMBER:
      return scan_number (r, out);
    case CIRO_JSON_NULL:
      out->type = CIRO_JSON_NULL;
      return scan_word (r, "null", 4);
    case CIRO_JSON_BOOLEAN:
      out->type = CIRO_JSON_BOOLEAN;
      out->boolean = *r->pos == 't';
      return out->boolean ? scan_word (r, "true", 4) : scan_word (r, "false", 5);
    case CIRO_JSON_OBJECT:
    case CIRO_JSON_ARRAY:
      out->type = type;
      return FALSE;
    case CIRO_JSON_INVALID:
    default:
      return FALSE;
    }
}

static gunichar
hex4 (const char *p)
{
  gunichar c = 0;

  for (int i = 0; i < 4; i++)
    c = c * 16 + (gunichar) g_ascii_xdigit_value (p[i]);
  return c;
}

static void
append_unichar (GString *s, gunichar c)
{
  if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
    c = 0xFFFD;
  g_string_append_unichar (s, c);
}

/* Undoes the escapes of a scanned (so well-formed) string into `out`. */
static void
unescape (const char *p, gsize len, GString *out)
{
  const char *end = p + len;

  while (p < end)
    {
      const char *bs = memchr (p, '\\', (gsize) (end - p));
      gunichar c;

      if (bs == NULL)
        {
          g_string_append_len (out, p, end - p);
          return;
        }
      g_string_append_len (out, p, bs - p);
      p = bs + 1;
      switch (*p++)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          c = hex4 (p);
          p += 4;
          /* a surrogate pair is one character */
          if (c >= 0xD800 && c <= 0xDBFF && end - p >= 6 && p[0] == '\\' && p[1] == 'u')
            {
              gunichar low = hex4 (p + 2);
              if (low >= 0xDC00 && low <= 0xDFFF)
                {
                  c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                  p += 6;
                }
            }
          append_unichar (out, c);
          break;
        default:   /* " \ / */
          g_string_append_c (out, p[-1]);
          break;
        }
    }
}

char *
ciro_json_scalar_dup_string (const CiroJsonScalar *s)
{
  GString *out;

  g_return_val_if_fail (s->type == CIRO_JSON_STRING, NULL);
  if (!s->escaped && !s->high)
    return g_strndup (s->text, s->len);
  if (!s->escaped)
    {
      if (g_utf8_validate_len (s->text, s->len, NULL))
        return g_strndup (s->text, s->len);
      return g_utf8_make_valid (s->text, (gssize) s->len);
    }
  out = g_string_sized_new (s->len);
  unescape (s->text, s->len, out);
  if (!g_utf8_validate_len (out->str, out->len, NULL))
    {
      char *valid = g_utf8_make_valid (out->str, (gssize) out->len);
      g_string_free (out, TRUE);
      return valid;
    }
  return g_string_free (out, FALSE);
}

gboolean
ciro_json_reader_next_member (CiroJsonReader *r, const char **name, gsize *name_len)
{
  CiroJsonScalar key;

  if (!next_item (r, '}'))
    return FALSE;
  if (r->pos >= r->end || *r->pos != '"')
    return fail (r, "a member name was expected");
  if (!scan_string (r, &key))
    return FALSE;
  skip_space (r);
  if (r->pos >= r->end || *r->pos != ':')
    return fail (r, "a colon was expected after a member name");
  r->pos++;
  if (key.escaped)
    {
      if (r->key == NULL)
        r->key = g_string_new (NULL);
      g_string_truncate (r->key, 0);
      unescape (key.text, key.len, r->key);
      *name = r->key->str;
      *name_len = r->key->len;
    }
  else
    {
      *name = key.text;
      *name_len = key.len;
    }
  return TRUE;
}

gboolean
ciro_json_reader_next_element (CiroJsonReader *r)
{
  return next_item (r, ']');
}

gboolean
ciro_json_reader_skip (CiroJsonReader *r)
{
  CiroJsonScalar s;
  const char *name;
  gsize len;

  switch (ciro_json_reader_peek (r))
    {
    case CIRO_JSON_OBJECT:
      if (!ciro_json_reader_begin_object (r))
        return FALSE;
      while (ciro_json_reader_next_member (r, &name, &len))
        if (!ciro_json_reader_skip (r))
          return FALSE;
      return r->error == NULL;
    case CIRO_JSON_ARRAY:
      if (!ciro_json_reader_begin_array (r))
        return FALSE;
      while (ciro_json_reader_next_element (r))
        if (!ciro_json_reader_skip (r))
          return FALSE;
      return r->error == NULL;
    case CIRO_JSON_INVALID:
      return FALSE;
    default:
      return ciro_json_reader_read_scalar (r, &s);
    }
}

gboolean
ciro_json_reader_finish (CiroJsonReader *r, GError **error)
{
  if (r->error == NULL)
    {
      skip_space (r);
      if (r->depth > 0)
        fail (r, "the text ends inside an object or array");
      else if (r->pos < r->end)
        fail (r, "text after the end of the JSON value");
    }
  if (r->error != NULL)
    {
      /* the error sticks: the reader keeps its own copy */
      if (error != NULL)
        g_propagate_error (error, g_error_copy (r->error));
      return FALSE;
    }
  return TRUE;
}
