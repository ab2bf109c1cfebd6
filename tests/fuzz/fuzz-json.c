/* fuzz-json.c: the JSON pull reader and the Sentos page parser under fuzzing
 *
 * The reader's verdict on a text is checked three ways: a full walk and a
 * single skip must agree on it, and a text it accepts must be one json-glib
 * accepts too, with the same tree. The page parser must refuse exactly the
 * texts the reader refuses, and every record it gives must keep the
 * invariants the store relies on.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-types.h"
#include "sync/ciro-json-reader.h"
#include "sync/ciro-sentos-parse.h"
#include "ciro-fuzz.h"

#define REPLACEMENT "\xef\xbf\xbd"   /* U+FFFD */

/* Exactly `size` bytes on the heap, nothing after them: AddressSanitizer
 * sees any read past the end. */
static char *
exact_copy (const guint8 *data, gsize size)
{
  char *copy = g_malloc (MAX (size, 1));

  if (size > 0)
    memcpy (copy, data, size);
  return copy;
}

/* RFC 8259: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static gboolean
is_json_number (const char *p, gsize len)
{
  const char *end = p + len;

  if (p < end && *p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return FALSE;
  if (*p == '0')
    p++;
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;
  if (p < end && *p == '.')
    {
      p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return FALSE;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  return p == end;
}

static gboolean
has_high_byte (const char *p, gsize len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) p[i] >= 0x80)
      return TRUE;
  return FALSE;
}

/* One value as a new node, NULL when the reader fails on it. */
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

            /* a member name never holds a NUL */
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

    case CIRO_JSON_NULL:
    case CIRO_JSON_BOOLEAN:
    case CIRO_JSON_NUMBER:
    case CIRO_JSON_STRING:
      if (!ciro_json_reader_read_scalar (r, &s))
        {
          g_assert_true (ciro_json_reader_failed (r));
          return NULL;
        }
      g_assert_cmpint (s.type, ==, type);
      node = json_node_new (type == CIRO_JSON_NULL ? JSON_NODE_NULL : JSON_NODE_VALUE);
      if (type == CIRO_JSON_BOOLEAN)
        json_node_set_boolean (node, s.boolean);
      else if (type == CIRO_JSON_NUMBER)
        {
          g_autofree char *literal = g_strndup (s.text, s.len);

          g_assert_true (is_json_number (s.text, s.len));
          /* as json-glib reads numbers: integers when they have no
           * fraction or exponent, doubles otherwise */
          if (strpbrk (literal, ".eE") == NULL)
            {
              gint64 v;
              if (g_ascii_string_to_signed (literal, 10, G_MININT64, G_MAXINT64, &v, NULL))
                json_node_set_int (node, v);
              else
                json_node_set_double (node, g_ascii_strtod (literal, NULL));
            }
          else
            json_node_set_double (node, g_ascii_strtod (literal, NULL));
        }
      else if (type == CIRO_JSON_STRING)
        {
          g_autofree char *str = ciro_json_scalar_dup_string (&s);

          /* the flags say what the raw text holds */
          g_assert_cmpint (!!s.escaped, ==, memchr (s.text, '\\', s.len) != NULL);
          g_assert_cmpint (!!s.high, ==, has_high_byte (s.text, s.len));
          g_assert_nonnull (str);
          g_assert_true (g_utf8_validate (str, -1, NULL));
          /* nothing to undo: the bytes as they stand, when valid */
          if (!s.escaped && g_utf8_validate (s.text, s.len, NULL))
            {
              g_assert_cmpuint (strlen (str), ==, s.len);
              g_assert_true (memcmp (str, s.text, s.len) == 0);
            }
          json_node_set_string (node, str);
        }
      return node;

    case CIRO_JSON_INVALID:
    default:
      /* INVALID is an error, never a quiet end */
      g_assert_true (ciro_json_reader_failed (r));
      return NULL;
    }
}

static double
number_of (JsonNode *node)
{
  return json_node_get_value_type (node) == G_TYPE_INT64 ? (double) json_node_get_int (node)
                                                         : json_node_get_double (node);
}

static gboolean
is_number (JsonNode *node)
{
  GType t = json_node_get_value_type (node);
  return t == G_TYPE_INT64 || t == G_TYPE_DOUBLE;
}

/* The reader's tree against json-glib's. Where the reader replaced bytes
 * that are not UTF-8 (or an escaped U+0000) with U+FFFD, json-glib may have
 * done otherwise: such strings and the objects keyed by them are not
 * compared. */
static void
assert_same_tree (JsonNode *mine, JsonNode *theirs)
{
  g_assert_cmpint (JSON_NODE_TYPE (mine), ==, JSON_NODE_TYPE (theirs));
  switch (JSON_NODE_TYPE (mine))
    {
    case JSON_NODE_NULL:
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (mine) == G_TYPE_STRING)
        {
          const char *a = json_node_get_string (mine);
          g_assert_cmpint (json_node_get_value_type (theirs), ==, G_TYPE_STRING);
          if (strstr (a, REPLACEMENT) == NULL)
            g_assert_cmpstr (a, ==, json_node_get_string (theirs));
        }
      else if (json_node_get_value_type (mine) == G_TYPE_BOOLEAN)
        {
          g_assert_cmpint (json_node_get_value_type (theirs), ==, G_TYPE_BOOLEAN);
          g_assert_cmpint (json_node_get_boolean (mine), ==, json_node_get_boolean (theirs));
        }
      else
        {
          double a, b;

          g_assert_true (is_number (mine));
          g_assert_true (is_number (theirs));
          a = number_of (mine);
          b = number_of (theirs);
          /* json-glib reads an integer beyond 64 bits as some other integer
           * (-1, 0): nothing to hold the reader's literal against */
          if (json_node_get_value_type (theirs) == G_TYPE_INT64 && fabs (a) >= 9.2e18)
            break;
          if (isfinite (a) || isfinite (b))
            g_assert_cmpfloat_with_epsilon (a, b, 1e-9 * MAX (1.0, MAX (fabs (a), fabs (b))));
        }
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (mine), *y = json_node_get_array (theirs);

        g_assert_cmpuint (json_array_get_length (x), ==, json_array_get_length (y));
        for (guint i = 0; i < json_array_get_length (x); i++)
          assert_same_tree (json_array_get_element (x, i), json_array_get_element (y, i));
      }
      break;
    case JSON_NODE_OBJECT:
      {
        JsonObject *x = json_node_get_object (mine), *y = json_node_get_object (theirs);
        g_autoptr(GList) names = json_object_get_members (x);

        for (GList *l = names; l != NULL; l = l->next)
          if (strstr (l->data, REPLACEMENT) != NULL)
            return;
        g_assert_cmpuint (json_object_get_size (x), ==, json_object_get_size (y));
        for (GList *l = names; l != NULL; l = l->next)
          {
            JsonNode *other = json_object_get_member (y, l->data);
            g_assert_nonnull (other);
            assert_same_tree (json_object_get_member (x, l->data), other);
          }
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static int
hex4 (const char *p, const char *end)
{
  int v = 0;

  if (end - p < 4)
    return -1;
  for (int k = 0; k < 4; k++)
    {
      int d = g_ascii_xdigit_value (p[k]);
      if (d < 0)
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* An escaped surrogate that makes no pair ("\uD800" alone, "\uDC00"
 * first), anywhere in the text. */
static gboolean
has_lone_surrogate (const char *text, gsize len)
{
  const char *end = text + len;

  for (const char *p = text; p < end; p++)
    {
      int v;

      if (*p != '\\' || p + 1 >= end)
        continue;
      if (p[1] != 'u')
        {
          p++;   /* an escaped character, backslash included */
          continue;
        }
      v = hex4 (p + 2, end);
      if (v >= 0xDC00 && v <= 0xDFFF)
        return TRUE;
      if (v >= 0xD800 && v <= 0xDBFF)
        {
          int low = end - p >= 8 && p[6] == '\\' && p[7] == 'u' ? hex4 (p + 8, end) : -1;
          if (low < 0xDC00 || low > 0xDFFF)
            return TRUE;
          p += 11;
        }
    }
  return FALSE;
}

/* The reader's verdict on the whole text, by skipping it in one call. */
static gboolean
reader_accepts (const char *text, gsize len, GError **error)
{
  CiroJsonReader r;
  gboolean ok;

  ciro_json_reader_init (&r, text, len);
  ciro_json_reader_skip (&r);
  ok = ciro_json_reader_finish (&r, error);
  ciro_json_reader_clear (&r);
  return ok;
}

void
ciro_fuzz_json_reader (const guint8 *data, gsize size)
{
  g_autofree char *text = exact_copy (data, size);
  g_autoptr(GError) walk_error = NULL;
  g_autoptr(GError) skip_error = NULL;
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) glib_error = NULL;
  CiroJsonReader r;
  gboolean walked, skipped;

  ciro_json_reader_init (&r, text, size);
  tree = walk_value (&r);
  walked = ciro_json_reader_finish (&r, &walk_error);
  /* a walk stops short only on an error */
  if (tree == NULL)
    g_assert_false (walked);
  ciro_json_reader_clear (&r);
  if (!walked)
    g_assert_error (walk_error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);

  skipped = reader_accepts (text, size, &skip_error);
  g_assert_cmpint (walked, ==, skipped);
  if (!walked)
    return;

  /* json-glib is more lenient than RFC 8259, never stricter: what the
   * reader takes, it takes, and sees the same tree in it. Except for bytes
   * that are not UTF-8 and escaped surrogates that make no pair, which
   * json-glib refuses and the reader takes by design, replaced by U+FFFD
   * (a page with one bad name is not lost; RFC 8259 allows the escapes). */
  if (!g_utf8_validate (text, (gssize) size, NULL) || has_lone_surrogate (text, size))
    return;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, (gssize) size, &glib_error))
    g_error ("json-glib refuses a text the reader accepts: %s", glib_error->message);
  assert_same_tree (tree, json_parser_get_root (parser));
}

/* ---------------------------------------------------------------- pages */

static void
assert_text (const char *s)
{
  if (s != NULL)
    g_assert_true (g_utf8_validate (s, -1, NULL));
}

/* Values beyond what a store can hold (ciro-types.h) never leave the
 * parser: they are bad fields, kept as 0. */
static void
assert_within (gint64 v, gint64 limit)
{
  g_assert_cmpint (v, >=, -limit);
  g_assert_cmpint (v, <=, limit);
}

static void
assert_rate (CiroBasisPoints rate)
{
  /* a line's rate may be absent (the store then takes its product's) */
  if (rate == CIRO_VAT_RATE_ABSENT)
    return;
  g_assert_cmpint (rate, >=, 0);
  g_assert_cmpint (rate, <=, CIRO_MAX_RATE);
}

static void
assert_stocks (GArray *stocks)
{
  g_assert_nonnull (stocks);
  for (guint i = 0; i < stocks->len; i++)
    {
      assert_text (g_array_index (stocks, CiroStockRecord, i).warehouse_name);
      assert_within (g_array_index (stocks, CiroStockRecord, i).stock, CIRO_MAX_STOCK);
    }
}

static void
assert_product (const CiroProductRecord *p)
{
  g_assert_cmpint (p->id, !=, 0);
  assert_text (p->category);
  assert_text (p->sku);
  assert_text (p->name);
  assert_text (p->brand);
  assert_text (p->barcode);
  assert_text (p->currency);
  assert_text (p->image_url);
  if (p->image_url != NULL)
    g_assert_cmpstr (p->image_url, !=, "");
  /* a rate is always settled: given, the default or the parent's */
  assert_rate (p->vat_rate);
  assert_within (p->purchase_price, CIRO_MAX_MONEY);
  assert_within (p->sale_price, CIRO_MAX_MONEY);
  assert_stocks (p->stocks);
  g_assert_nonnull (p->variants);
  for (guint i = 0; i < p->variants->len; i++)
    {
      const CiroVariantRecord *v = p->variants->pdata[i];

      assert_rate (v->vat_rate);
      assert_within (v->purchase_price, CIRO_MAX_MONEY);
      if (!v->has_purchase_price)
        g_assert_cmpint (v->vat_rate, ==, 1000);
      assert_text (v->sku);
      assert_text (v->barcode);
      assert_text (v->color);
      assert_text (v->model_name);
      assert_text (v->model_value);
      assert_text (v->image_url);
      assert_stocks (v->stocks);
    }
}

static void
assert_order (const CiroOrderRecord *o)
{
  g_autofree char *marketplace = NULL;
  int y, m, d;

  g_assert_cmpint (o->id, !=, 0);
  /* a real calendar day and a time within it */
  g_assert_cmpint (o->day, !=, CIRO_DAY_INVALID);
  ciro_day_to_ymd (o->day, &y, &m, &d);
  g_assert_cmpint (y, >=, 1);
  g_assert_cmpint (y, <=, 9999);
  g_assert_cmpint (ciro_day_from_ymd (y, m, d), ==, o->day);
  g_assert_cmpint (o->seconds, >=, 0);
  g_assert_cmpint (o->seconds, <, 86400);
  /* the marketplace is the one its source names (cached per page: the
   * cache must never hand one order another's) */
  marketplace = ciro_marketplace_normalize (o->source);
  g_assert_cmpstr (o->marketplace, ==, marketplace);
  assert_within (o->total, CIRO_MAX_MONEY);
  assert_within (o->shipping_total, CIRO_MAX_MONEY);
  assert_within (o->carrying_charge, CIRO_MAX_MONEY);
  assert_within (o->service_fee, CIRO_MAX_MONEY);
  assert_text (o->order_code);
  assert_text (o->created_at);
  assert_text (o->updated_at);
  assert_text (o->source);
  assert_text (o->shop);
  assert_text (o->cargo_provider);
  assert_text (o->cargo_number);
  assert_text (o->has_invoice);
  assert_text (o->invoice_type);
  assert_text (o->invoice_number);
  assert_text (o->customer_name);
  assert_text (o->customer_email);
  assert_text (o->customer_phone);
  assert_text (o->city);
  assert_text (o->district);
  assert_text (o->country);
  g_assert_nonnull (o->lines);
  for (guint i = 0; i < o->lines->len; i++)
    {
      const CiroOrderLineRecord *l = o->lines->pdata[i];

      assert_text (l->sku);
      assert_text (l->name);
      assert_text (l->barcode);
      assert_text (l->color);
      assert_text (l->model_name);
      assert_text (l->model_value);
      assert_text (l->status);
      assert_within (l->quantity, CIRO_MAX_QUANTITY);
      assert_within (l->price, CIRO_MAX_MONEY);
      assert_within (l->discount, CIRO_MAX_MONEY);
      assert_within (l->amount, CIRO_MAX_MONEY);
      assert_rate (l->vat_rate);
    }
}

static void
fuzz_page (const guint8 *data, gsize size, CiroSentosResource resource)
{
  g_autofree char *text = exact_copy (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reader_error = NULL;
  g_autoptr(CiroSentosPage) page = ciro_sentos_page_parse (text, size, resource, &error);

  /* a page is refused exactly when it is not JSON, and then as a whole */
  g_assert_cmpint (page != NULL, ==, reader_accepts (text, size, &reader_error));
  if (page == NULL)
    {
      g_assert_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_SYNTAX);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpint (page->resource, ==, resource);
  g_assert_nonnull (page->records);
  g_assert_nonnull (page->skipped);
  /* every element is either a record or a line saying why not */
  g_assert_cmpuint (page->records->len + page->skipped->len, ==, page->n_elements);
  if (!page->has_list)
    g_assert_cmpuint (page->n_elements, ==, 0);
  for (guint i = 0; i < page->skipped->len; i++)
    assert_text (page->skipped->pdata[i]);
  /* the bad fields described for the log: some of those counted, a few */
  g_assert_nonnull (page->bad_fields);
  g_assert_cmpuint (page->bad_fields->len, <=, page->field_errors);
  g_assert_cmpuint (page->bad_fields->len, <=, 21);
  for (guint i = 0; i < page->bad_fields->len; i++)
    assert_text (page->bad_fields->pdata[i]);
  for (guint i = 0; i < page->records->len; i++)
    {
      if (resource == CIRO_SENTOS_PRODUCTS)
        assert_product (page->records->pdata[i]);
      else
        assert_order (page->records->pdata[i]);
    }

  /* A bound on the list's length that it keeps changes nothing (unless
   * another, discarded list of the page is longer); one that it exceeds
   * refuses the page. */
  {
    g_autoptr(CiroSentosPage) same = NULL;
    g_autoptr(GError) bounded_error = NULL;

    same = ciro_sentos_page_parse_bounded (text, size, resource, page->n_elements, &bounded_error);
    if (same == NULL)
      g_assert_error (bounded_error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_TOO_MANY);
    else
      {
        g_assert_cmpuint (same->records->len, ==, page->records->len);
        g_assert_cmpuint (same->n_elements, ==, page->n_elements);
        g_assert_cmpuint (same->field_errors, ==, page->field_errors);
      }
    g_clear_error (&bounded_error);
    if (page->n_elements > 0)
      {
        g_autoptr(CiroSentosPage) refused = NULL;

        refused = ciro_sentos_page_parse_bounded (text, size, resource, page->n_elements - 1, &bounded_error);
        g_assert_null (refused);
        g_assert_error (bounded_error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_TOO_MANY);
      }
  }
}

void
ciro_fuzz_products_page (const guint8 *data, gsize size)
{
  fuzz_page (data, size, CIRO_SENTOS_PRODUCTS);
}

void
ciro_fuzz_orders_page (const guint8 *data, gsize size)
{
  fuzz_page (data, size, CIRO_SENTOS_ORDERS);
}
