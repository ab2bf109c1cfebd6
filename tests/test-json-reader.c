/* test-json-reader.c: the strict JSON pull reader
 *
 * The reader's view of a text is held against json-glib's: a walker
 * rebuilds a JsonNode tree from the pull calls, and it must match the tree
 * json_from_string () makes of the same text. Where json-glib is lenient
 * (it takes "1.", "01", 'a', "\x" and raw control characters), RFC 8259
 * and hand-worked expectations decide instead.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "core/ciro-error.h"
#include "sync/ciro-json-reader.h"

#define REPLACEMENT "\xef\xbf\xbd"   /* U+FFFD in UTF-8 */

/* An RFC 8259 number, alone but for white space */
#define STRICT_NUMBER "^[ \t\n\r]*-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?[ \t\n\r]*$"

/* ------------------------------------------------------------------ */
/* helpers */

/* The text, escaped for a message. */
static char *
printable (const char *text, gsize len)
{
  g_autofree char *nul = g_strndup (text, len);

  return g_strescape (nul, NULL);
}

/* Exactly `len` bytes on the heap, with no NUL after them, so that
 * AddressSanitizer catches a read past the end. */
static char *
exact_copy (const char *text, gsize len)
{
  char *copy = g_malloc (MAX (len, 1));

  memcpy (copy, text, len);
  return copy;
}

static JsonNode *walk_value (CiroJsonReader *r);

static JsonNode *
number_node (const CiroJsonScalar *s)
{
  g_autofree char *literal = g_strndup (s->text, s->len);
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  char *end = NULL;

  g_assert_cmpuint (s->len, >, 0);
  if (strpbrk (literal, ".eE") == NULL)
    {
      errno = 0;
      json_node_set_int (node, g_ascii_strtoll (literal, &end, 10));
      if (errno != 0)
        g_error ("the integer “%s” is out of range", literal);
    }
  else
    {
      /* (errno is ERANGE for subnormal numbers too: not checked) */
      json_node_set_double (node, g_ascii_strtod (literal, &end));
      if (!isfinite (json_node_get_double (node)))
        g_error ("the number “%s” is out of range", literal);
    }
  if (end == NULL || *end != '\0')
    g_error ("the number literal “%s” is not a number, all of it", literal);
  return node;
}

/* One value, any kind, as a new node; NULL when the reader fails. */
static JsonNode *
walk_value (CiroJsonReader *r)
{
  CiroJsonType type = ciro_json_reader_peek (r);
  CiroJsonScalar s;
  JsonNode *node;

  /* peeking consumes nothing */
  g_assert_cmpint (ciro_json_reader_peek (r), ==, type);
  switch (type)
    {
    case CIRO_JSON_OBJECT:
      {
        g_autoptr(JsonObject) object = NULL;
        const char *name = NULL;
        gsize len = 0;

        if (!ciro_json_reader_begin_object (r))
          return NULL;
        object = json_object_new ();
        while (ciro_json_reader_next_member (r, &name, &len))
          {
            g_autofree char *key = g_strndup (name, len);
            JsonNode *child;

            /* a member name holds no NUL */
            g_assert_cmpuint (strlen (key), ==, len);
            child = walk_value (r);
            if (child == NULL)
              return NULL;
            json_object_set_member (object, key, child);
          }
        if (ciro_json_reader_failed (r))
          return NULL;
        node = json_node_new (JSON_NODE_OBJECT);
        json_node_set_object (node, object);
        return node;
      }

    case CIRO_JSON_ARRAY:
      {
        g_autoptr(JsonArray) array = NULL;

        if (!ciro_json_reader_begin_array (r))
          return NULL;
        array = json_array_new ();
        while (ciro_json_reader_next_element (r))
          {
            JsonNode *child = walk_value (r);

            if (child == NULL)
              return NULL;
            json_array_add_element (array, child);
          }
        if (ciro_json_reader_failed (r))
          return NULL;
        node = json_node_new (JSON_NODE_ARRAY);
        json_node_set_array (node, array);
        return node;
      }

    case CIRO_JSON_STRING:
    case CIRO_JSON_NUMBER:
    case CIRO_JSON_BOOLEAN:
    case CIRO_JSON_NULL:
      if (!ciro_json_reader_read_scalar (r, &s))
        {
          g_assert_true (ciro_json_reader_failed (r));
          return NULL;
        }
      g_assert_cmpint (s.type, ==, type);
      switch (s.type)
        {
        case CIRO_JSON_STRING:
          {
            g_autofree char *str = ciro_json_scalar_dup_string (&s);

            g_assert_nonnull (str);
            g_assert_true (g_utf8_validate (str, -1, NULL));
            node = json_node_new (JSON_NODE_VALUE);
            json_node_set_string (node, str);
            return node;
          }
        case CIRO_JSON_NUMBER:
          return number_node (&s);
        case CIRO_JSON_BOOLEAN:
          node = json_node_new (JSON_NODE_VALUE);
          json_node_set_boolean (node, s.boolean);
          return node;
        case CIRO_JSON_NULL:
          return json_node_new (JSON_NODE_NULL);
        case CIRO_JSON_INVALID:
        case CIRO_JSON_OBJECT:
        case CIRO_JSON_ARRAY:
        default:
          g_assert_not_reached ();
        }
      break;

    case CIRO_JSON_INVALID:
    default:
      /* INVALID means an error, never a quiet end */
      g_assert_true (ciro_json_reader_failed (r));
      return NULL;
    }
  g_assert_not_reached ();
}

/* The whole text read with the pull reader into a tree; NULL with `error`
 * set when the reader refuses it. */
static JsonNode *
read_tree (const char *text, gsize len, GError **error)
{
  g_autofree char *copy = exact_copy (text, len);
  g_autoptr(JsonNode) root = NULL;
  CiroJsonReader r;
  gboolean ok;

  ciro_json_reader_init (&r, copy, len);
  root = walk_value (&r);
  /* a walk fails exactly when the reader has an error */
  g_assert_cmpint (root == NULL, ==, ciro_json_reader_failed (&r));
  ok = ciro_json_reader_finish (&r, error);
  ciro_json_reader_clear (&r);
  if (!ok)
    return NULL;
  g_assert_nonnull (root);
  return g_steal_pointer (&root);
}

/* The whole text passed over with ciro_json_reader_skip (). */
static gboolean
skip_all (const char *text, gsize len, gsize *value_end, GError **error)
{
  g_autofree char *copy = exact_copy (text, len);
  CiroJsonReader r;
  gboolean skipped, ok;

  ciro_json_reader_init (&r, copy, len);
  skipped = ciro_json_reader_skip (&r);
  g_assert_cmpint (skipped, !=, ciro_json_reader_failed (&r));
  if (value_end != NULL)
    *value_end = (gsize) (r.pos - copy);
  ok = ciro_json_reader_finish (&r, error);
  ciro_json_reader_clear (&r);
  /* a failed skip always ends in an error */
  if (!skipped)
    g_assert_false (ok);
  return ok;
}

static gboolean mismatch (GString *where, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
mismatch (GString *where, const char *format, ...)
{
  va_list args;

  g_string_append (where, ": ");
  va_start (args, format);
  g_string_append_vprintf (where, format, args);
  va_end (args);
  return FALSE;
}

/* Stricter than json_node_equal (): an integer is never a double, member
 * order counts and -0.0 is not 0.0. `where` gets the path of a difference. */
static gboolean
same_tree (JsonNode *want, JsonNode *got, GString *where)
{
  GType type;

  if (JSON_NODE_TYPE (want) != JSON_NODE_TYPE (got))
    return mismatch (where, "a %s where a %s was expected",
                     json_node_type_name (got), json_node_type_name (want));
  switch (JSON_NODE_TYPE (want))
    {
    case JSON_NODE_NULL:
      return TRUE;

    case JSON_NODE_OBJECT:
      {
        JsonObject *wo = json_node_get_object (want);
        JsonObject *go = json_node_get_object (got);
        g_autoptr(GList) wm = json_object_get_members (wo);
        g_autoptr(GList) gm = json_object_get_members (go);

        if (g_list_length (wm) != g_list_length (gm))
          return mismatch (where, "%u members where %u were expected",
                           g_list_length (gm), g_list_length (wm));
        for (GList *a = wm, *b = gm; a != NULL; a = a->next, b = b->next)
          {
            gsize mark = where->len;

            if (strcmp (a->data, b->data) != 0)
              return mismatch (where, "member “%s” where “%s” was expected",
                               (const char *) b->data, (const char *) a->data);
            g_string_append_printf (where, ".“%s”", (const char *) a->data);
            if (!same_tree (json_object_get_member (wo, a->data),
                            json_object_get_member (go, b->data), where))
              return FALSE;
            g_string_truncate (where, mark);
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *wa = json_node_get_array (want);
        JsonArray *ga = json_node_get_array (got);
        guint n = json_array_get_length (wa);

        if (json_array_get_length (ga) != n)
          return mismatch (where, "%u elements where %u were expected",
                           json_array_get_length (ga), n);
        for (guint i = 0; i < n; i++)
          {
            gsize mark = where->len;

            g_string_append_printf (where, "[%u]", i);
            if (!same_tree (json_array_get_element (wa, i), json_array_get_element (ga, i), where))
              return FALSE;
            g_string_truncate (where, mark);
          }
        return TRUE;
      }

    case JSON_NODE_VALUE:
    default:
      break;
    }

  type = json_node_get_value_type (want);
  if (json_node_get_value_type (got) != type)
    return mismatch (where, "a %s where a %s was expected",
                     g_type_name (json_node_get_value_type (got)), g_type_name (type));
  if (type == G_TYPE_INT64)
    {
      if (json_node_get_int (want) != json_node_get_int (got))
        return mismatch (where, "%" G_GINT64_FORMAT " where %" G_GINT64_FORMAT " was expected",
                         json_node_get_int (got), json_node_get_int (want));
    }
  else if (type == G_TYPE_DOUBLE)
    {
      double w = json_node_get_double (want), g = json_node_get_double (got);

      if (!(w == g && !signbit (w) == !signbit (g)))
        return mismatch (where, "%.17g where %.17g was expected", g, w);
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      if (!json_node_get_boolean (want) != !json_node_get_boolean (got))
        return mismatch (where, "a different boolean");
    }
  else if (type == G_TYPE_STRING)
    {
      if (g_strcmp0 (json_node_get_string (want), json_node_get_string (got)) != 0)
        {
          g_autofree char *w = g_strescape (json_node_get_string (want), NULL);
          g_autofree char *g = g_strescape (json_node_get_string (got), NULL);

          return mismatch (where, "“%s” where “%s” was expected", g, w);
        }
    }
  else
    return mismatch (where, "an unexpected value type %s", g_type_name (type));
  return TRUE;
}

static void
assert_same_tree (JsonNode *want, JsonNode *got, const char *text, gsize len)
{
  g_autoptr(GString) where = g_string_new ("$");

  if (!same_tree (want, got, where) || !json_node_equal (want, got))
    {
      g_autofree char *shown = printable (text, len);
      g_autofree char *w = json_to_string (want, FALSE);
      g_autofree char *g = json_to_string (got, FALSE);

      g_error ("“%s”\n  differs at %s\n  json-glib: %s\n  reader:    %s", shown, where->str, w, g);
    }
}

/* A valid document: the reader's tree is json-glib's, and skipping it ends
 * right after the value, with only white space left. */
static void
check_same_as_json_glib (const char *text, gsize len)
{
  g_autofree char *nul = g_strndup (text, len);
  g_autoptr(GError) reference_error = NULL;
  g_autoptr(JsonNode) want = json_from_string (nul, &reference_error);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) got = NULL;
  gsize value_end = 0;

  if (want == NULL)
    {
      g_autofree char *shown = printable (text, len);
      g_error ("json-glib refuses the test document “%s”: %s", shown,
               reference_error ? reference_error->message : "empty");
    }
  got = read_tree (text, len, &error);
  if (got == NULL)
    {
      g_autofree char *shown = printable (text, len);
      g_error ("the reader refuses “%s”: %s", shown, error->message);
    }
  g_assert_no_error (error);
  assert_same_tree (want, got, text, len);

  g_assert_true (skip_all (text, len, &value_end, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (value_end, <=, len);
  /* the skip stopped at the end of the value: no white space before it,
   * only white space after it */
  g_assert_cmpuint (value_end, >, 0);
  g_assert_null (strchr (" \t\n\r", text[value_end - 1]));
  for (gsize i = value_end; i < len; i++)
    g_assert_nonnull (memchr (" \t\n\r", text[i], 4));
}

/* Whether an error message points at a byte offset in [lo, hi]. */
static gboolean
mentions_offset (const char *message, gsize lo, gsize hi)
{
  const char *p = message;

  if (strstr (message, "byte") == NULL)
    return FALSE;
  while (*p != '\0')
    {
      if (g_ascii_isdigit (*p))
        {
          char *end = NULL;
          guint64 v = g_ascii_strtoull (p, &end, 10);

          if (v >= lo && v <= hi)
            return TRUE;
          p = end;
        }
      else
        p++;
    }
  return FALSE;
}

/* A text the reader must refuse, whether walked or skipped. */
static void
check_refused (const char *text, gsize len)
{
  g_autofree char *shown = printable (text, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) skip_error = NULL;
  g_autoptr(JsonNode) got = read_tree (text, len, &error);

  if (got != NULL)
    {
      g_autofree char *s = json_to_string (got, FALSE);
      g_error ("“%s” was read as %s, expected an error", shown, s);
    }
  g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);
  if (!mentions_offset (error->message, 0, len))
    g_error ("“%s”: the error “%s” names no byte offset", shown, error->message);

  g_assert_false (skip_all (text, len, NULL, &skip_error));
  g_assert_error (skip_error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);
  /* walking and skipping stop at the same place */
  g_assert_cmpstr (skip_error->message, ==, error->message);
}

/* ------------------------------------------------------------------ */
/* 1. the reader's tree is json-glib's */

static const char *const documents[] = {
  "{}",
  "[]",
  "[{}]",
  "[[]]",
  "{\"a\":{}}",
  "{\"a\":[]}",
  "[[], {}, [[]], [{}], {\"a\": []}]",
  "{\"a\" : [1, {\"b\": null}], \"c\": \"d\"}",
  "{\"a\":[{\"b\":[{\"c\":[]}]}],\"d\":{\"e\":{\"f\":{}}}}",
  "[[[[[[[[[[[[[[[[[[[[\"deep\"]]]]]]]]]]]]]]]]]]]]",
  "[1,-1,0,1.0,true,false,null,\"x\",[],{}]",
  "0",
  "-0",
  "1e3",
  "1E3",
  "1e+3",
  "-1.5E-2",
  "12345678901234",
  "-12345678901234",
  "9223372036854775807",
  "-9223372036854775808",
  "0.5",
  "-0.0",
  "3.141592653589793",
  "1e-7",
  "2.5E+300",
  "10",
  "true",
  "false",
  "null",
  "\"\"",
  "\"plain\"",
  "\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"",
  "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
  "\"\\u00e7\\u00C7\\u011f\\u0130\"",
  "\"\\u0041\\u20AC\\u005c\\u0022\"",
  "\"\\u001f\\u0001\\u007f\"",
  "\"\\ud83d\\ude00\"",
  "\"a\\uD83D\\uDE00b\\ud83d\\ude00\"",
  "\"Çağrı, Iğdır’da şişe; ÖLÇÜ, ığ İİ ıı 😀\"",
  "{\"şehir\":\"İzmir\",\"ürün\":[\"çay\",\"ğ\"],\"fiyat\":12.5}",
  "{\"\":\"boş anahtar\"}",
  "{\"k\\\"e\\\\y\\n\":1,\"\\u00e7\":2,\"\\ud83d\\ude00\":3}",
  " { \"a\" \n:\t[ 1 ,2\r\n] , \"b\" : { } ,\"c\":[ ] } ",
  "\t\r\n [\r\n\t1\t,\n\"x\" ,\r{ \"y\" :\ttrue\n}\n,null ]\t\r\n ",
  "  0  ",
  "\n\"s\"\n",
  "{\"orders\":[{\"id\":1,\"sku\":\"ABC-1\",\"qty\":2,\"price\":\"1.249,90\",\"paid\":true,"
  "\"note\":null},{\"id\":2,\"sku\":\"Ç-2\",\"qty\":-1,\"price\":0.5e1,\"paid\":false,"
  "\"note\":\"\\u0130ade\"}],\"page\":1,\"total\":12345678901234}",
};

static void
test_differential_hand_written (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (documents); i++)
    check_same_as_json_glib (documents[i], strlen (documents[i]));
}

/* Pieces of random strings: specials, control characters and non-ASCII.
 * Not U+001F: json-glib 1.6's generator writes it raw, which is not JSON. */
static const char *const string_pieces[] = {
  "a", "Z", "0", " ", "\"", "\\", "/", "\b", "\f", "\n", "\r", "\t",
  "\x01", "\x02", "\x10", "\x1e", "\x7f", "\\u", "u", "{", "}", "[", "]", ":", ",",
  "ç", "Ç", "ğ", "Ğ", "ı", "İ", "ö", "ş", "ü", "€", "😀", "\xe2\x80\xa8", "\xef\xbf\xbf",
};

static char *
random_string (GRand *rand, int max)
{
  GString *s = g_string_new (NULL);
  int n = g_rand_int_range (rand, 0, max + 1);

  for (int i = 0; i < n; i++)
    g_string_append (s, string_pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (string_pieces))]);
  return g_string_free (s, FALSE);
}

static gint64
random_int (GRand *rand)
{
  switch (g_rand_int_range (rand, 0, 5))
    {
    case 0:
      return g_rand_int_range (rand, -10, 11);
    case 1:
      return g_rand_int_range (rand, G_MININT32, G_MAXINT32);
    case 2:
      return (gint64) (((guint64) g_rand_int (rand) << 32) | g_rand_int (rand));
    case 3:
      return g_rand_boolean (rand) ? G_MININT64 : G_MAXINT64;
    default:
      return g_rand_int_range (rand, -100000, 100000);
    }
}

static double
random_double (GRand *rand)
{
  for (;;)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];
      double d;

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          d = g_rand_double_range (rand, -1000, 1000);
          break;
        case 1:
          d = ldexp (g_rand_double_range (rand, -1, 1), g_rand_int_range (rand, -1074, 1024));
          break;
        case 2:
          {
            guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
            memcpy (&d, &bits, sizeof d);
          }
          break;
        default:
          {
            static const double exact[] = { 0.0, -0.0, 1.0, -1.0, 0.5, 100.0, 1e-300 };
            d = exact[g_rand_int_range (rand, 0, G_N_ELEMENTS (exact))];
          }
          break;
        }
      if (!isfinite (d))
        continue;
      /* json-glib 1.6 writes 1e+20 as "1e+20.0": keep to what it writes right */
      g_ascii_dtostr (buf, sizeof buf, d);
      if (strchr (buf, 'e') != NULL && strchr (buf, '.') == NULL)
        continue;
      return d;
    }
}

static void
random_value (JsonBuilder *builder, GRand *rand, int depth)
{
  int kind = g_rand_int_range (rand, 0, depth >= 6 ? 5 : 8);
  int n;

  switch (kind)
    {
    case 0:
      json_builder_add_null_value (builder);
      break;
    case 1:
      json_builder_add_boolean_value (builder, g_rand_boolean (rand));
      break;
    case 2:
      json_builder_add_int_value (builder, random_int (rand));
      break;
    case 3:
      json_builder_add_double_value (builder, random_double (rand));
      break;
    case 4:
      {
        g_autofree char *s = random_string (rand, 12);
        json_builder_add_string_value (builder, s);
      }
      break;
    case 5:
    case 6:
      json_builder_begin_object (builder);
      n = g_rand_int_range (rand, 0, 8);
      for (int i = 0; i < n; i++)
        {
          g_autofree char *key = random_string (rand, 6);

          json_builder_set_member_name (builder, key);
          random_value (builder, rand, depth + 1);
        }
      json_builder_end_object (builder);
      break;
    default:
      json_builder_begin_array (builder);
      n = g_rand_int_range (rand, 0, 8);
      for (int i = 0; i < n; i++)
        random_value (builder, rand, depth + 1);
      json_builder_end_array (builder);
      break;
    }
}

/* A random document, compact or pretty-printed with spaces or tabs. */
static char *
random_document (GRand *rand, gsize *len)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  /* a JsonBuilder holds no scalar at the top: the value is built in an
   * array and taken out of it */
  json_builder_begin_array (builder);
  random_value (builder, rand, 0);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, json_array_get_element (json_node_get_array (root), 0));
  if (g_rand_boolean (rand))
    {
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, g_rand_int_range (rand, 0, 4));
      json_generator_set_indent_char (generator, g_rand_boolean (rand) ? ' ' : '\t');
    }
  return json_generator_to_data (generator, len);
}

#define RANDOM_SEED 20260117
#define N_RANDOM 400

static void
test_differential_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED);
  gsize total = 0;

  for (int i = 0; i < N_RANDOM; i++)
    {
      gsize len = 0;
      g_autofree char *text = random_document (rand, &len);

      g_assert_cmpuint (len, ==, strlen (text));
      check_same_as_json_glib (text, len);
      total += len;
    }
  g_test_message ("%d random documents, %" G_GSIZE_FORMAT " bytes", N_RANDOM, total);
  /* the documents are not all trivial */
  g_assert_cmpuint (total, >, 20 * N_RANDOM);
}

/* ------------------------------------------------------------------ */
/* 2. every cut is an error, unless what is left is a value itself */

/* Whether a text is one JSON value: json-glib's verdict, less the numbers
 * it takes that RFC 8259 does not ("1.", "01"). */
static gboolean
is_json_value (const char *text)
{
  g_autoptr(JsonNode) node = NULL;

  /* A text that ends in a \u escape ends inside a string, so it is not
   * complete. json-glib is not asked: 1.6 leaks memory on such a cut
   * right after a high surrogate's escape ("\ud83d\u). */
  if (g_regex_match_simple ("\\\\u[0-9a-fA-F]{0,3}$", text, 0, 0))
    return FALSE;
  node = json_from_string (text, NULL);
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node)
      && (json_node_get_value_type (node) == G_TYPE_INT64
          || json_node_get_value_type (node) == G_TYPE_DOUBLE))
    return g_regex_match_simple (STRICT_NUMBER, text, 0, 0);
  return TRUE;
}

static guint
check_every_cut (const char *text, gsize len)
{
  guint complete = 0;

  /* the whole text is good */
  check_same_as_json_glib (text, len);
  for (gsize cut = 0; cut < len; cut++)
    {
      g_autofree char *prefix = g_strndup (text, cut);

      if (is_json_value (prefix))
        {
          check_same_as_json_glib (text, cut);
          complete++;
        }
      else
        check_refused (text, cut);
    }
  return complete;
}

static const char *const cut_documents[] = {
  "123",
  "-1.5e+10",
  "-0.25E-3",
  " 12 ",
  "true",
  "false",
  "null",
  "\"ab\\u00e7\\ud83d\\ude00\\n\\\"\"",
  "\"Iğdır ÇAY\"",
  "[[], {}, null, [1, [2, [3]]], -12.5e3]",
  "{\"a\":{\"b\":{\"c\":[true,false,null]}},\"\\u00e7\":\"ş\"}",
  " {\r\n \"k\" : [ 10 , \"v\\/w\" ] ,\t\"n\":-0 }\n",
};

static void
test_truncation (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED + 1);
  guint complete = 0;
  int n_random = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (cut_documents); i++)
    complete += check_every_cut (cut_documents[i], strlen (cut_documents[i]));
  /* "1", "12"; "-1", "-1.5", "-1.5e+1"; "-0", "-0.2", "-0.25"; " 1", " 12";
   * the last one less its newline */
  g_assert_cmpuint (complete, ==, 11);

  /* and a few random documents, small enough to cut everywhere */
  while (n_random < 12)
    {
      gsize len = 0;
      g_autofree char *text = random_document (rand, &len);

      if (len < 8 || len > 600)
        continue;
      check_every_cut (text, len);
      n_random++;
    }
}

/* ------------------------------------------------------------------ */
/* 3. malformed texts */

typedef struct {
  const char *text;
  gssize      len;   /* -1: up to the NUL */
} Malformed;

static const Malformed malformed[] = {
  /* nothing */
  { "", -1 }, { " ", -1 }, { "\n\t\r ", -1 },
  /* trailing, missing and stray commas */
  { "[1,]", -1 }, { "[1, ]", -1 }, { "[[],]", -1 }, { "{\"a\":1,}", -1 }, { "{\"a\":1 , }", -1 },
  { "[,]", -1 }, { "[,1]", -1 }, { "[1,,2]", -1 }, { "{,}", -1 }, { "{,\"a\":1}", -1 },
  { "[1 2]", -1 }, { "[\"a\" \"b\"]", -1 }, { "{\"a\":1 \"b\":2}", -1 }, { "[{} {}]", -1 },
  /* colons */
  { "{\"a\" 1}", -1 }, { "{\"a\"}", -1 }, { "{\"a\":}", -1 }, { "{\"a\"::1}", -1 }, { "{\"a\",1}", -1 },
  { "[1:2]", -1 },
  /* quotes and names */
  { "'a'", -1 }, { "['a']", -1 }, { "{'a':1}", -1 }, { "{a:1}", -1 }, { "{1:1}", -1 },
  { "{null:1}", -1 }, { "{[]:1}", -1 }, { "{'a\":1}", -1 }, { "[\"a']", -1 },
  /* numbers */
  { "01", -1 }, { "-01", -1 }, { "00", -1 }, { "[01]", -1 }, { "{\"a\":007}", -1 },
  { "1.", -1 }, { "[1.]", -1 }, { "1.e5", -1 }, { ".5", -1 }, { "[.5]", -1 }, { "+1", -1 },
  { "[+1]", -1 }, { "-", -1 }, { "[-]", -1 }, { "-a", -1 }, { "--1", -1 }, { "- 1", -1 },
  { "1e", -1 }, { "1e+", -1 }, { "1E-", -1 }, { "[1e]", -1 }, { "0x10", -1 }, { "1_000", -1 },
  { "1.5.5", -1 }, { "1e5e5", -1 },
  /* escapes */
  { "\"\\x\"", -1 }, { "\"\\u12G4\"", -1 }, { "\"\\u12\"", -1 }, { "[\"\\u12\"]", -1 },
  { "\"\\u\"", -1 }, { "\"\\U0041\"", -1 }, { "\"\\a\"", -1 }, { "\"\\'\"", -1 }, { "\"\\0\"", -1 },
  { "\"\\ \"", -1 }, { "{\"\\x\":1}", -1 }, { "{\"a\\u00G0\":1}", -1 },
  /* raw control characters in strings */
  { "\"a\tb\"", -1 }, { "\"a\nb\"", -1 }, { "\"\r\"", -1 }, { "\"\x01\"", -1 }, { "\"\x1f\"", -1 },
  { "\"a\0b\"", 5 }, { "{\"a\tb\":1}", -1 }, { "[\"\b\"]", -1 },
  /* unclosed */
  { "\"abc", -1 }, { "\"abc\\\"", -1 }, { "\"", -1 }, { "[\"a]", -1 }, { "{\"a", -1 },
  { "{\"a\":\"b}", -1 }, { "[", -1 }, { "{", -1 }, { "[[[]]", -1 }, { "{\"a\":[}", -1 },
  /* text after the value */
  { "{} x", -1 }, { "[] []", -1 }, { "1 2", -1 }, { "{}}", -1 }, { "[]]", -1 }, { "\"a\" \"b\"", -1 },
  { "true false", -1 }, { "nullx", -1 }, { "truex", -1 }, { "0 0", -1 }, { "{},", -1 }, { "1\0", 2 },
  /* words */
  { "tru", -1 }, { "nul", -1 }, { "fals", -1 }, { "t", -1 }, { "True", -1 }, { "NULL", -1 },
  { "nil", -1 }, { "undefined", -1 }, { "[tru]", -1 }, { "{\"a\":nul}", -1 },
  { "NaN", -1 }, { "Infinity", -1 }, { "-Infinity", -1 }, { "[NaN]", -1 }, { "{\"a\":-Infinity}", -1 },
  /* mismatched brackets */
  { "[1}", -1 }, { "{\"a\":1]", -1 }, { "[}", -1 }, { "{]", -1 }, { "]", -1 }, { "}", -1 },
  { ":", -1 }, { ",", -1 }, { "[{]}", -1 },
  /* what is not JSON white space, and comments */
  { "\xef\xbb\xbf{}", -1 }, { "\f1", -1 }, { "[\v1]", -1 }, { "\xc2\xa0" "1", -1 }, { "\0" "1", 2 },
  { "/* c */ 1", -1 }, { "1 // c", -1 }, { "# c\n1", -1 },
};

static void
test_malformed (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      const Malformed *m = &malformed[i];

      check_refused (m->text, m->len < 0 ? strlen (m->text) : (gsize) m->len);
    }
}

static char *
nested (guint depth, const char *open, const char *inner, const char *close)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (s, open);
  g_string_append (s, inner);
  for (guint i = 0; i < depth; i++)
    g_string_append (s, close);
  return g_string_free (s, FALSE);
}

static void
check_too_deep (const char *text, gsize offset)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) got = read_tree (text, strlen (text), &error);

  g_assert_null (got);
  g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);
  /* at the first bracket too many */
  if (!mentions_offset (error->message, offset, offset))
    g_error ("“%.20s…”: the error “%s” does not point at byte %" G_GSIZE_FORMAT,
             text, error->message, offset);
  check_refused (text, strlen (text));
}

static void
test_depth_limit (void)
{
  const gsize member = strlen ("{\"a\":");
  g_autofree char *arrays_max = nested (CIRO_JSON_MAX_DEPTH, "[", "1", "]");
  g_autofree char *arrays_over = nested (CIRO_JSON_MAX_DEPTH + 1, "[", "1", "]");
  g_autofree char *arrays_100 = nested (100, "[", "", "]");
  g_autofree char *objects_max = nested (CIRO_JSON_MAX_DEPTH, "{\"a\":", "null", "}");
  g_autofree char *objects_over = nested (CIRO_JSON_MAX_DEPTH + 1, "{\"a\":", "null", "}");

  /* as deep as allowed is fine */
  check_same_as_json_glib (arrays_max, strlen (arrays_max));
  check_same_as_json_glib (objects_max, strlen (objects_max));
  /* one more is not */
  check_too_deep (arrays_over, CIRO_JSON_MAX_DEPTH);
  check_too_deep (arrays_100, CIRO_JSON_MAX_DEPTH);
  check_too_deep (objects_over, CIRO_JSON_MAX_DEPTH * member);

  /* depth comes back down: siblings each as deep as allowed */
  {
    g_autofree char *a = nested (CIRO_JSON_MAX_DEPTH - 1, "[", "2", "]");
    g_autofree char *o = nested (CIRO_JSON_MAX_DEPTH - 2, "{\"b\":", "[]", "}");
    g_autofree char *a_over = nested (CIRO_JSON_MAX_DEPTH, "[", "3", "]");
    g_autofree char *before = g_strdup_printf ("[%s,%s,%s,", a, o, a);
    g_autofree char *siblings = g_strdup_printf ("%s%s]", before, o);
    g_autofree char *siblings_over = g_strdup_printf ("%s%s]", before, a_over);

    check_same_as_json_glib (siblings, strlen (siblings));
    check_too_deep (siblings_over, strlen (before) + CIRO_JSON_MAX_DEPTH - 1);
  }
}

/* Error messages point at the offending place: the byte that cannot
 * continue a JSON text, or the start of its token; a cut text says so at
 * its end. */
typedef struct {
  const char *text;
  gsize       lo, hi;
} Offset;

static const Offset offsets[] = {
  { "[1, 2, x]", 7, 7 },
  { "[1,]", 3, 3 },
  { "{\"a\":1,}", 7, 7 },
  { "{\"a\":1 , }", 9, 9 },
  { "01", 1, 1 },
  { "[1 2]", 3, 3 },
  { "{\"a\" 1}", 5, 5 },
  { "{\"a\":1 \"b\":2}", 7, 7 },
  { "{a:1}", 1, 1 },
  { "\"a\tb\"", 2, 2 },
  { "[\"ok\", \"a\nb\"]", 9, 9 },
  { "{} x", 3, 3 },
  { "  {}  ]", 6, 6 },
  { "\"\\x\"", 1, 2 },
  { "[\"\\u12G4\"]", 2, 6 },
  { "[1.e5]", 2, 3 },
  { "[1e+]", 2, 4 },
  { "[-a]", 1, 2 },
  { "+1", 0, 0 },
  { "[1}", 2, 2 },
  { "{\"a\":1]", 6, 6 },
  { "[nul]", 1, 4 },
  { "tru", 0, 3 },
  { "[1, 2", 5, 5 },
  { "\"abc", 4, 4 },
  { "{\"a\":", 5, 5 },
  { "{\"a\"", 4, 4 },
  { "[1,", 3, 3 },
  { "-", 1, 1 },
  { "1.", 2, 2 },
  { "", 0, 0 },
};

static void
test_error_offsets (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      const Offset *o = &offsets[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) got = read_tree (o->text, strlen (o->text), &error);

      g_assert_null (got);
      g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);
      if (!mentions_offset (error->message, o->lo, o->hi))
        {
          g_autofree char *shown = printable (o->text, strlen (o->text));
          g_error ("“%s”: the error “%s” does not point at bytes %" G_GSIZE_FORMAT "–%" G_GSIZE_FORMAT,
                   shown, error->message, o->lo, o->hi);
        }
    }
}

/* A broken \u escape near the end of the text is a broken escape, not a
 * cut: the string and the text around it are closed. */
static void
test_error_offsets_short_escape (void)
{
  static const Offset cases[] = {
    { "\"\\u12\"", 1, 5 },
    { "[\"\\u1\"]", 2, 5 },
    { "{\"a\":\"\\u\"}", 6, 8 },
    { "[\"\\u12\", 1]", 2, 6 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Offset *o = &cases[i];
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) got = read_tree (o->text, strlen (o->text), &error);

      g_assert_null (got);
      g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);
      if (!mentions_offset (error->message, o->lo, o->hi))
        {
          g_error ("“%s”: “%s”, expected a bad escape at bytes %" G_GSIZE_FORMAT "–%" G_GSIZE_FORMAT,
                   o->text, error->message, o->lo, o->hi);
        }
    }
}

/* ------------------------------------------------------------------ */
/* 4. the first error sticks */

/* Every call on a failed reader fails at once. */
static void
assert_all_calls_fail (CiroJsonReader *r)
{
  CiroJsonScalar s;
  const char *name = NULL;
  gsize len = 0;

  for (int round = 0; round < 2; round++)
    {
      g_assert_true (ciro_json_reader_failed (r));
      g_assert_cmpint (ciro_json_reader_peek (r), ==, CIRO_JSON_INVALID);
      g_assert_false (ciro_json_reader_begin_object (r));
      g_assert_false (ciro_json_reader_begin_array (r));
      g_assert_false (ciro_json_reader_next_member (r, &name, &len));
      g_assert_false (ciro_json_reader_next_element (r));
      g_assert_false (ciro_json_reader_read_scalar (r, &s));
      g_assert_false (ciro_json_reader_skip (r));
      g_assert_true (ciro_json_reader_failed (r));
    }
}

typedef struct {
  const char *text;
  gsize       offset;   /* where the first error is */
} Sticky;

/* Reads `text` as an array of scalars or an object of them, stopping at the
 * first failure; then, when `pile_on`, goes on calling. */
static char *
sticky_message (const Sticky *t, gboolean pile_on)
{
  g_autofree char *copy = exact_copy (t->text, strlen (t->text));
  g_autoptr(GError) error = NULL;
  CiroJsonReader r;
  CiroJsonScalar s;
  const char *name;
  gsize len;
  gboolean object;

  ciro_json_reader_init (&r, copy, strlen (t->text));
  object = ciro_json_reader_peek (&r) == CIRO_JSON_OBJECT;
  if (object ? ciro_json_reader_begin_object (&r) : ciro_json_reader_begin_array (&r))
    while (object ? ciro_json_reader_next_member (&r, &name, &len) : ciro_json_reader_next_element (&r))
      {
        if (ciro_json_reader_read_scalar (&r, &s))
          continue;
        /* a nested value */
        if (ciro_json_reader_failed (&r) || !ciro_json_reader_skip (&r))
          break;
      }
  /* the cases all break before the end */
  g_assert_true (ciro_json_reader_failed (&r));
  if (pile_on)
    assert_all_calls_fail (&r);
  g_assert_false (ciro_json_reader_finish (&r, &error));
  ciro_json_reader_clear (&r);
  g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);
  if (!mentions_offset (error->message, t->offset, t->offset))
    g_error ("“%s”: the error “%s” does not point at byte %" G_GSIZE_FORMAT,
             t->text, error->message, t->offset);
  return g_strdup (error->message);
}

static void
test_sticky_error (void)
{
  static const Sticky cases[] = {
    { "[1, x, 2]", 4 },
    { "[1, 2,, 3]", 6 },
    { "{\"a\": 1, \"b\" 2, \"c\": 3}", 13 },
    { "{\"a\": [1, 2,, 3], \"b\": 1}", 12 },
    { "{\"a\": \"x\ty\", \"b\": 1}", 8 },
    { "[\"ok\", 1 2]", 9 },
    { "[[1], [2, 3}, 4]", 11 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *first = sticky_message (&cases[i], FALSE);
      g_autofree char *piled = sticky_message (&cases[i], TRUE);

      /* the calls after the error change nothing: finish has the first one */
      g_assert_cmpstr (piled, ==, first);
    }
}

/* The error from finish () itself ("text after the value") sticks too, and
 * a cleared reader can be cleared again. */
static void
test_sticky_error_finish (void)
{
  const char *text = "{\"a\": 1} 2";
  g_autofree char *copy = exact_copy (text, strlen (text));
  g_autoptr(GError) error = NULL;
  CiroJsonReader r;

  ciro_json_reader_init (&r, copy, strlen (text));
  g_assert_true (ciro_json_reader_skip (&r));
  g_assert_false (ciro_json_reader_failed (&r));
  g_assert_false (ciro_json_reader_finish (&r, &error));
  g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);
  g_assert_true (mentions_offset (error->message, 9, 9));
  ciro_json_reader_clear (&r);
  ciro_json_reader_clear (&r);

  /* a reader that failed can be cleared without finish () */
  ciro_json_reader_init (&r, copy, 3);
  g_assert_false (ciro_json_reader_skip (&r));
  g_assert_true (ciro_json_reader_failed (&r));
  ciro_json_reader_clear (&r);
}

/* After finish () has handed the error out, the reader still counts as
 * failed, and finishing again does not turn it into a success. */
static void
test_sticky_error_after_finish (void)
{
  static const char *const texts[] = { "x", "{} x", "[1,]" };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gsize len = strlen (texts[i]);
      g_autofree char *copy = exact_copy (texts[i], len);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) again = NULL;
      CiroJsonReader r;
      gboolean failed_after, second;

      ciro_json_reader_init (&r, copy, len);
      ciro_json_reader_skip (&r);
      g_assert_false (ciro_json_reader_finish (&r, &error));
      g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);
      failed_after = ciro_json_reader_failed (&r);
      second = ciro_json_reader_finish (&r, &again);
      ciro_json_reader_clear (&r);
      if (!failed_after || second)
        {
          g_error ("“%s”: after finish () failed, failed () is %s and a second finish () is %s",
                   texts[i], failed_after ? "TRUE" : "FALSE", second ? "TRUE" : "FALSE");
        }
      g_assert_error (again, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);
    }
}

/* ------------------------------------------------------------------ */
/* 5. strings are always valid UTF-8 */

/* The one string in `text` (a JSON string, maybe with invalid UTF-8 in it)
 * as ciro_json_scalar_dup_string () has it. */
static char *
dup_string_of (const char *text, gsize len)
{
  g_autofree char *copy = exact_copy (text, len);
  g_autoptr(GError) error = NULL;
  CiroJsonReader r;
  CiroJsonScalar s;
  char *str;

  ciro_json_reader_init (&r, copy, len);
  if (!ciro_json_reader_read_scalar (&r, &s) || !ciro_json_reader_finish (&r, &error))
    {
      g_autofree char *shown = printable (text, len);
      g_error ("“%s” is not read as a string: %s", shown,
               error ? error->message : "read_scalar failed");
    }
  g_assert_cmpint (s.type, ==, CIRO_JSON_STRING);
  /* the raw text is the bytes between the quotes */
  g_assert_true (s.text == copy + 1);
  g_assert_cmpuint (s.len, ==, len - 2);
  str = ciro_json_scalar_dup_string (&s);
  ciro_json_reader_clear (&r);
  g_assert_nonnull (str);
  if (!g_utf8_validate (str, -1, NULL))
    {
      g_autofree char *shown = printable (text, len);
      g_autofree char *got = g_strescape (str, NULL);
      g_error ("“%s” gave invalid UTF-8 “%s”", shown, got);
    }
  return str;
}

static void
check_dup (const char *text, const char *expected)
{
  g_autofree char *got = dup_string_of (text, strlen (text));

  if (strcmp (got, expected) != 0)
    {
      g_autofree char *t = g_strescape (text, NULL);
      g_autofree char *g = g_strescape (got, NULL);
      g_autofree char *e = g_strescape (expected, NULL);
      g_error ("“%s” gave “%s”, expected “%s”", t, g, e);
    }
}

/* `before`, then one or more U+FFFD and nothing else, then `after`. */
static void
check_dup_replaced (const char *text, const char *before, const char *after)
{
  g_autofree char *got = dup_string_of (text, strlen (text));
  gsize n = strlen (got), b = strlen (before), a = strlen (after);
  const char *p;
  guint replacements = 0;

  g_assert_cmpuint (n, >=, b + a);
  g_assert_true (strncmp (got, before, b) == 0);
  g_assert_cmpstr (got + n - a, ==, after);
  for (p = got + b; p < got + n - a; p = g_utf8_next_char (p))
    {
      g_assert_cmpuint (g_utf8_get_char (p), ==, 0xFFFD);
      replacements++;
    }
  g_assert_cmpuint (replacements, >=, 1);
}

static void
test_dup_string_replacement (void)
{
  /* as they are */
  check_dup ("\"\"", "");
  check_dup ("\"çay 😀\"", "çay 😀");
  check_dup ("\"\\u00e7\\u00C7\"", "çÇ");
  check_dup ("\"\\ud83d\\ude00\"", "😀");
  check_dup ("\"\\uDBFF\\uDFFF\"", "\xf4\x8f\xbf\xbf");
  check_dup ("\"\\uD800\\uDC00\"", "\xf0\x90\x80\x80");
  check_dup ("\"\\uFFFD\\uFFFF\"", REPLACEMENT "\xef\xbf\xbf");
  check_dup ("\"\\u001f\\u0001\"", "\x1f\x01");

  /* U+0000 */
  check_dup ("\"\\u0000\"", REPLACEMENT);
  check_dup ("\"a\\u0000b\"", "a" REPLACEMENT "b");
  check_dup ("\"\\u0000\\u0000\"", REPLACEMENT REPLACEMENT);

  /* lone surrogates */
  check_dup ("\"\\ud83d\"", REPLACEMENT);
  check_dup ("\"\\ude00\"", REPLACEMENT);
  check_dup ("\"\\uDFFF\"", REPLACEMENT);
  check_dup ("\"\\ud83dx\"", REPLACEMENT "x");
  check_dup ("\"\\ud83d\\u0041\"", REPLACEMENT "A");
  check_dup ("\"\\ud83d\\n\"", REPLACEMENT "\n");
  check_dup ("\"\\ude00\\ud83d\"", REPLACEMENT REPLACEMENT);
  check_dup ("\"\\ud83d\\ud83d\\ude00\"", REPLACEMENT "😀");
  check_dup ("\"\\ud83d\\ude00\\ude00\"", "😀" REPLACEMENT);
  check_dup ("\"a\\ud83d\"", "a" REPLACEMENT);
  check_dup ("\"\\ud83d\\u00e7\"", REPLACEMENT "ç");

  /* invalid UTF-8, with and without escapes about */
  check_dup ("\"a\xff" "b\"", "a" REPLACEMENT "b");
  check_dup ("\"\x80\"", REPLACEMENT);
  check_dup ("\"ç\xfe\"", "ç" REPLACEMENT);
  check_dup ("\"\\n\xff\"", "\n" REPLACEMENT);
  check_dup ("\"\xff\\n\"", REPLACEMENT "\n");
  check_dup ("\"\xc0\\u0041\"", REPLACEMENT "A");
  check_dup ("\"\\u00e7\xbf\"", "ç" REPLACEMENT);
  check_dup_replaced ("\"ab\xe2\x82\"", "ab", "");
  check_dup_replaced ("\"ab\xe2\x82\\t\"", "ab", "\t");
  check_dup_replaced ("\"\xc0\x80\"", "", "");
  check_dup_replaced ("\"x\xed\xa0\x80y\"", "x", "y");             /* a surrogate in UTF-8 */
  check_dup_replaced ("\"\xed\xa0\xbd\xed\xb8\x80\"", "", "");     /* CESU-8 😀 */
  check_dup_replaced ("\"\xf4\x90\x80\x80\\/\"", "", "/");         /* past U+10FFFF */
  check_dup_replaced ("\"\xf8\x88\x80\x80\x80\"", "", "");         /* five bytes */
  check_dup_replaced ("\"ş\xe0\x80\xaf\"", "ş", "");                /* overlong / */
}

/* A piece of a random string: its JSON text and what it stands for. */
typedef struct {
  const char *text;
  const char *value;
} Piece;

static const Piece pieces[] = {
  { "a", "a" }, { " ", " " }, { "ç", "ç" }, { "İ", "İ" }, { "€", "€" }, { "😀", "😀" },
  { "\x7f", "\x7f" },
  /* bytes that are never UTF-8 wherever they stand */
  { "\x80", REPLACEMENT }, { "\xbf", REPLACEMENT }, { "\xc0", REPLACEMENT }, { "\xc1", REPLACEMENT },
  { "\xf5", REPLACEMENT }, { "\xfe", REPLACEMENT }, { "\xff", REPLACEMENT },
  /* escapes */
  { "\\\"", "\"" }, { "\\\\", "\\" }, { "\\/", "/" }, { "\\b", "\b" }, { "\\f", "\f" },
  { "\\n", "\n" }, { "\\r", "\r" }, { "\\t", "\t" },
  { "\\u0000", REPLACEMENT }, { "\\u0041", "A" }, { "\\u00E7", "ç" }, { "\\u001f", "\x1f" },
  { "\\ud83d\\ude00", "😀" }, { "\\uDBFF\\uDFFF", "\xf4\x8f\xbf\xbf" },
  { "\\uD800", REPLACEMENT },   /* a lone high surrogate: index LONE_HIGH */
  { "\\udfff", REPLACEMENT },   /* a lone low surrogate: index LONE_LOW */
};
#define LONE_HIGH (G_N_ELEMENTS (pieces) - 2)
#define LONE_LOW (G_N_ELEMENTS (pieces) - 1)

static void
test_dup_string_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED + 2);

  for (int i = 0; i < 2000; i++)
    {
      g_autoptr(GString) text = g_string_new ("\"");
      g_autoptr(GString) expected = g_string_new (NULL);
      int n = g_rand_int_range (rand, 0, 16);
      gsize last = G_N_ELEMENTS (pieces);

      for (int k = 0; k < n; k++)
        {
          gsize which;

          if (g_rand_int_range (rand, 0, 4) == 0)
            {
              /* any \uXXXX that is one character by itself */
              gunichar c;
              char utf8[6];

              do
                c = (gunichar) g_rand_int_range (rand, 1, 0x10000);
              while (c >= 0xD800 && c <= 0xDFFF);
              g_string_append_printf (text, g_rand_boolean (rand) ? "\\u%04x" : "\\u%04X", c);
              g_string_append_len (expected, utf8, g_unichar_to_utf8 (c, utf8));
              last = G_N_ELEMENTS (pieces);
              continue;
            }
          /* a lone low surrogate right after a lone high one makes a pair */
          do
            which = (gsize) g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces));
          while (last == LONE_HIGH && which == LONE_LOW);
          g_string_append (text, pieces[which].text);
          g_string_append (expected, pieces[which].value);
          last = which;
        }
      g_string_append_c (text, '"');
      {
        g_autofree char *got = dup_string_of (text->str, text->len);

        if (strcmp (got, expected->str) != 0)
          {
            g_autofree char *t = g_strescape (text->str, NULL);
            g_autofree char *g = g_strescape (got, NULL);
            g_autofree char *e = g_strescape (expected->str, NULL);
            g_error ("“%s” gave “%s”, expected “%s”", t, g, e);
          }
      }
    }
}

/* ------------------------------------------------------------------ */
/* 6. skip */

/* A random document of at least `min` bytes with an object or array at
 * its top. */
static char *
big_container (GRand *rand, gsize min)
{
  for (;;)
    {
      gsize len = 0;
      char *text = random_document (rand, &len);

      g_strstrip (text);
      if (strlen (text) >= min && (text[0] == '{' || text[0] == '['))
        return text;
      g_free (text);
    }
}

static void
test_skip (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (RANDOM_SEED + 3);

  for (int i = 0; i < 20; i++)
    {
      g_autofree char *big = big_container (rand, 1500);
      g_autofree char *text = g_strdup_printf ("{\"before\": 1, \"skip\": %s \n, \"after\": [\"tail\", 7]}", big);
      gsize len = strlen (text);
      gsize big_end = strlen ("{\"before\": 1, \"skip\": ") + strlen (big);
      g_autofree char *copy = exact_copy (text, len);
      g_autoptr(GError) error = NULL;
      g_autofree char *tail = NULL;
      CiroJsonReader r;
      CiroJsonScalar s;
      const char *name;
      gsize name_len;

      ciro_json_reader_init (&r, copy, len);
      g_assert_true (ciro_json_reader_begin_object (&r));
      g_assert_true (ciro_json_reader_next_member (&r, &name, &name_len));
      g_assert_true (CIRO_JSON_NAME_IS (name, name_len, "before"));
      g_assert_true (ciro_json_reader_read_scalar (&r, &s));
      g_assert_cmpint (s.type, ==, CIRO_JSON_NUMBER);
      g_assert_true (ciro_json_reader_next_member (&r, &name, &name_len));
      g_assert_true (CIRO_JSON_NAME_IS (name, name_len, "skip"));

      g_assert_true (ciro_json_reader_skip (&r));
      g_assert_false (ciro_json_reader_failed (&r));
      /* right after the value */
      g_assert_cmpuint ((gsize) (r.pos - copy), ==, big_end);

      g_assert_true (ciro_json_reader_next_member (&r, &name, &name_len));
      g_assert_true (CIRO_JSON_NAME_IS (name, name_len, "after"));
      g_assert_cmpint (ciro_json_reader_peek (&r), ==, CIRO_JSON_ARRAY);
      g_assert_true (ciro_json_reader_begin_array (&r));
      g_assert_true (ciro_json_reader_next_element (&r));
      g_assert_true (ciro_json_reader_read_scalar (&r, &s));
      g_assert_cmpint (s.type, ==, CIRO_JSON_STRING);
      tail = ciro_json_scalar_dup_string (&s);
      g_assert_cmpstr (tail, ==, "tail");
      g_assert_true (ciro_json_reader_next_element (&r));
      g_assert_true (ciro_json_reader_skip (&r));
      g_assert_false (ciro_json_reader_next_element (&r));
      g_assert_false (ciro_json_reader_next_member (&r, &name, &name_len));
      g_assert_false (ciro_json_reader_failed (&r));
      g_assert_true (ciro_json_reader_finish (&r, &error));
      g_assert_no_error (error);
      ciro_json_reader_clear (&r);
    }
}

/* Skipping in an array, over values of every kind. */
static void
test_skip_elements (void)
{
  const char *text = "[{\"a\": [1, {\"b\": \"]}\"}]}, \"q\\\"]\", -1.5e3, true, false, null, {}, [], [[[]]], 42]";
  gsize len = strlen (text);
  g_autofree char *copy = exact_copy (text, len);
  CiroJsonReader r;
  CiroJsonScalar s;
  guint n = 0;

  ciro_json_reader_init (&r, copy, len);
  g_assert_true (ciro_json_reader_begin_array (&r));
  while (ciro_json_reader_next_element (&r))
    {
      if (n == 9)
        {
          g_assert_true (ciro_json_reader_read_scalar (&r, &s));
          g_assert_cmpint (s.type, ==, CIRO_JSON_NUMBER);
          g_assert_cmpmem (s.text, s.len, "42", 2);
        }
      else
        g_assert_true (ciro_json_reader_skip (&r));
      n++;
    }
  g_assert_cmpuint (n, ==, 10);
  g_assert_true (ciro_json_reader_finish (&r, NULL));
  ciro_json_reader_clear (&r);
}

/* Skipping checks what it skips. */
static void
test_skip_refuses (void)
{
  static const char *const texts[] = {
    "{\"skip\": [1, {\"a\": [2,]}], \"after\": 1}",
    "{\"skip\": {\"a\" 1}, \"after\": 1}",
    "{\"skip\": [\"a\tb\"], \"after\": 1}",
    "{\"skip\": [01], \"after\": 1}",
    "{\"skip\": [tru], \"after\": 1}",
    "{\"skip\": [1, 2, \"after\": 1}",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      gsize len = strlen (texts[i]);
      g_autofree char *copy = exact_copy (texts[i], len);
      g_autoptr(GError) error = NULL;
      CiroJsonReader r;
      const char *name;
      gsize name_len;

      ciro_json_reader_init (&r, copy, len);
      g_assert_true (ciro_json_reader_begin_object (&r));
      g_assert_true (ciro_json_reader_next_member (&r, &name, &name_len));
      g_assert_true (CIRO_JSON_NAME_IS (name, name_len, "skip"));
      g_assert_false (ciro_json_reader_skip (&r));
      g_assert_true (ciro_json_reader_failed (&r));
      g_assert_false (ciro_json_reader_next_member (&r, &name, &name_len));
      g_assert_false (ciro_json_reader_finish (&r, &error));
      g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);
      ciro_json_reader_clear (&r);
    }
}

/* ------------------------------------------------------------------ */
/* 7. member names */

static void
test_member_names (void)
{
  static const struct {
    const char *name;   /* unescaped */
    gsize       len;
  } want[] = {
    { "name", 4 },
    { "name", 4 },
    { "n\"x\\/", 5 },
    { "çay", 4 },
    { "😀", 4 },
    { "", 0 },
    { "a" REPLACEMENT "b", 5 },
    { "tab\there", 8 },
    { "plain", 5 },
  };
  const char *text = "{\"na\\u006de\": 0, \"name\" : 1, \"n\\\"x\\\\\\/\": 2, \"\\u00e7ay\": 3,"
                     " \"\\ud83d\\ude00\": 4, \"\": 5, \"a\\u0000b\": 6, \"tab\\there\": 7, \"plain\": 8}";
  gsize len = strlen (text);
  g_autofree char *copy = exact_copy (text, len);
  CiroJsonReader r;
  CiroJsonScalar s;
  const char *name;
  gsize name_len;
  guint n = 0;

  ciro_json_reader_init (&r, copy, len);
  g_assert_true (ciro_json_reader_begin_object (&r));
  while (ciro_json_reader_next_member (&r, &name, &name_len))
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (want));
      g_assert_cmpmem (name, name_len, want[n].name, want[n].len);
      if (n < 2)
        {
          g_assert_true (CIRO_JSON_NAME_IS (name, name_len, "name"));
          g_assert_false (CIRO_JSON_NAME_IS (name, name_len, "nam"));
          g_assert_false (CIRO_JSON_NAME_IS (name, name_len, "names"));
          g_assert_false (CIRO_JSON_NAME_IS (name, name_len, "Name"));
        }
      else
        g_assert_false (CIRO_JSON_NAME_IS (name, name_len, "name"));
      g_assert_true (ciro_json_reader_read_scalar (&r, &s));
      g_assert_cmpint (s.type, ==, CIRO_JSON_NUMBER);
      /* each value is the one after its name */
      g_assert_cmpuint (s.len, ==, 1);
      g_assert_cmpint (s.text[0] - '0', ==, n);
      n++;
    }
  g_assert_cmpuint (n, ==, G_N_ELEMENTS (want));
  g_assert_true (ciro_json_reader_finish (&r, NULL));
  ciro_json_reader_clear (&r);
}

/* finish () refuses a text left inside an object or array, even when all
 * of it was read. */
static void
test_finish_inside (void)
{
  static const struct {
    const char *text;
    guint       values;   /* scalars read before finish () */
  } cases[] = {
    { "[", 0 }, { "{", 0 }, { "[[", 0 }, { "[1", 1 }, { "[1, 2]", 1 }, { "[\"a\"]", 0 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gsize len = strlen (cases[i].text);
      g_autofree char *copy = exact_copy (cases[i].text, len);
      g_autoptr(GError) error = NULL;
      CiroJsonReader r;
      CiroJsonScalar s;

      ciro_json_reader_init (&r, copy, len);
      if (ciro_json_reader_peek (&r) == CIRO_JSON_OBJECT)
        g_assert_true (ciro_json_reader_begin_object (&r));
      else
        g_assert_true (ciro_json_reader_begin_array (&r));
      if (len > 1 && copy[1] == '[')
        g_assert_true (ciro_json_reader_begin_array (&r));
      for (guint k = 0; k < cases[i].values; k++)
        {
          g_assert_true (ciro_json_reader_next_element (&r));
          g_assert_true (ciro_json_reader_read_scalar (&r, &s));
        }
      g_assert_false (ciro_json_reader_failed (&r));
      g_assert_false (ciro_json_reader_finish (&r, &error));
      g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);
      ciro_json_reader_clear (&r);
    }
}

/* read_scalar () leaves an object or array alone, without an error. */
static void
test_read_scalar_container (void)
{
  const char *text = " [ {\"a\": []} ] ";
  gsize len = strlen (text);
  g_autofree char *copy = exact_copy (text, len);
  CiroJsonReader r;
  CiroJsonScalar s;
  const char *name;
  gsize name_len;

  ciro_json_reader_init (&r, copy, len);
  g_assert_false (ciro_json_reader_read_scalar (&r, &s));
  g_assert_cmpint (s.type, ==, CIRO_JSON_ARRAY);
  g_assert_false (ciro_json_reader_failed (&r));
  g_assert_true (ciro_json_reader_begin_array (&r));
  g_assert_true (ciro_json_reader_next_element (&r));
  g_assert_false (ciro_json_reader_read_scalar (&r, &s));
  g_assert_cmpint (s.type, ==, CIRO_JSON_OBJECT);
  g_assert_false (ciro_json_reader_failed (&r));
  /* and begin_array () where an object is is an error */
  g_assert_false (ciro_json_reader_begin_array (&r));
  g_assert_true (ciro_json_reader_failed (&r));
  g_assert_false (ciro_json_reader_next_member (&r, &name, &name_len));
  g_assert_false (ciro_json_reader_finish (&r, NULL));
  ciro_json_reader_clear (&r);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-reader/differential/hand-written", test_differential_hand_written);
  g_test_add_func ("/json-reader/differential/random", test_differential_random);
  g_test_add_func ("/json-reader/truncation", test_truncation);
  g_test_add_func ("/json-reader/malformed", test_malformed);
  g_test_add_func ("/json-reader/depth-limit", test_depth_limit);
  g_test_add_func ("/json-reader/error-offsets", test_error_offsets);
  g_test_add_func ("/json-reader/error-offsets/short-escape", test_error_offsets_short_escape);
  g_test_add_func ("/json-reader/sticky-error", test_sticky_error);
  g_test_add_func ("/json-reader/sticky-error/finish", test_sticky_error_finish);
  g_test_add_func ("/json-reader/sticky-error/after-finish", test_sticky_error_after_finish);
  g_test_add_func ("/json-reader/dup-string/replacement", test_dup_string_replacement);
  g_test_add_func ("/json-reader/dup-string/random", test_dup_string_random);
  g_test_add_func ("/json-reader/skip", test_skip);
  g_test_add_func ("/json-reader/skip/elements", test_skip_elements);
  g_test_add_func ("/json-reader/skip/refuses", test_skip_refuses);
  g_test_add_func ("/json-reader/member-names", test_member_names);
  g_test_add_func ("/json-reader/read-scalar-container", test_read_scalar_container);
  g_test_add_func ("/json-reader/finish-inside", test_finish_inside);

  return g_test_run ();
}
