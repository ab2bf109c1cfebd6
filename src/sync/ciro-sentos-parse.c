/* ciro-sentos-parse.c: Sentos JSON → records
 *
 * Members come in any order, so whatever depends on two of them (a
 * variant's VAT on its parent's, the image rules, the order date) is settled
 * once the object is closed. A member given twice counts as its last.
 * The readers of a record (read_product, read_variant, read_order,
 * read_line) are called once its object has been entered.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-sync"

#include "config.h"

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-number.h"
#include "core/ciro-text.h"
#include "ciro-json-reader.h"
#include "ciro-sentos-parse.h"

/* a variant's VAT not given: its parent's applies */
#define VAT_ABSENT G_MININT32

typedef struct {
  CiroJsonReader r;
  guint         *field_errors;   /* of the list being read */
  guint          ignored;        /* errors of fields nobody counts */
  GPtrArray     *bad_fields;     /* of the list being read, or NULL */
  guint          element;        /* the list element being read, from 1 */
  /* the last source seen and its marketplace: a page has few of them */
  char          *source;
  char          *marketplace;
  /* elements a list may have; past them the reading stops */
  guint          max_elements;
  gboolean       too_many;
} Ctx;

#define NAME_IS(lit) CIRO_JSON_NAME_IS (name, len, lit)

/* At most this many bad fields per page are described for the log. */
#define MAX_BAD_FIELDS_LOGGED 20

/* sentos-api.md's bad field: the record keeps the field at 0 (or empty);
 * the problem is counted, and described for the log. */
static void
bad_field (Ctx *c, const char *field, const char *fmt, ...) G_GNUC_PRINTF (3, 4);

static void
bad_field (Ctx *c, const char *field, const char *fmt, ...)
{
  va_list ap;
  g_autofree char *why = NULL;

  (*c->field_errors)++;
  if (c->bad_fields == NULL || c->bad_fields->len > MAX_BAD_FIELDS_LOGGED)
    return;
  if (c->bad_fields->len == MAX_BAD_FIELDS_LOGGED)
    {
      g_ptr_array_add (c->bad_fields, g_strdup ("more bad fields not described"));
      return;
    }
  va_start (ap, fmt);
  why = g_strdup_vprintf (fmt, ap);
  va_end (ap);
  g_ptr_array_add (c->bad_fields, g_strdup_printf ("element %u: %s %s, kept as 0", c->element, field, why));
}

static void
count_error (Ctx *c, const char *field)
{
  bad_field (c, field, "cannot be read");
}

/* Consumes a value that is an object or an array after read_scalar said so. */
static void
skip_rest (Ctx *c, const CiroJsonScalar *s)
{
  if (s->type == CIRO_JSON_OBJECT || s->type == CIRO_JSON_ARRAY)
    ciro_json_reader_skip (&c->r);
}

/* A string's bytes as a C string: on the stack when short and plain. */
static char *
scalar_cstring (const CiroJsonScalar *s, char *buf, gsize size)
{
  if (!s->escaped && s->len < size)
    {
      memcpy (buf, s->text, s->len);
      buf[s->len] = '\0';
      return buf;
    }
  return ciro_json_scalar_dup_string (s);
}

/* A number literal printed back the way JSON numbers read: integers as
 * they are, others as the shortest double. */
static char *
number_text (const CiroJsonScalar *s)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *lit = g_strndup (s->text, s->len);
  gint64 v;

  if (strpbrk (lit, ".eE") == NULL && g_ascii_string_to_signed (lit, 10, G_MININT64, G_MAXINT64, &v, NULL))
    return g_strdup_printf ("%" G_GINT64_FORMAT, v);
  return g_strdup (g_ascii_dtostr (buf, sizeof buf, g_ascii_strtod (lit, NULL)));
}

/* A text field: strings as they are, numbers printed (cargo numbers and
 * barcodes arrive both ways), anything else absent. */
static void
read_text (Ctx *c, char **field)
{
  CiroJsonScalar s;
  char *text = NULL;

  if (ciro_json_reader_read_scalar (&c->r, &s))
    {
      if (s.type == CIRO_JSON_STRING)
        text = ciro_json_scalar_dup_string (&s);
      else if (s.type == CIRO_JSON_NUMBER)
        text = number_text (&s);
    }
  else
    skip_rest (c, &s);
  g_free (*field);
  *field = text;
}

/* A number field scaled by 10^scale: null is `fallback`, an unreadable one
 * (a price "abc", true, an object) or one beyond ±limit (what a store can
 * hold, ciro-types.h) 0 and a bad field. FALSE when it was null. */
static gboolean
read_number (Ctx *c, const char *name, gint64 limit, guint scale, gint64 fallback, gint64 *field)
{
  CiroJsonScalar s;
  gboolean ok = FALSE;

  *field = 0;
  if (!ciro_json_reader_read_scalar (&c->r, &s))
    {
      skip_rest (c, &s);
      if (s.type != CIRO_JSON_INVALID)
        count_error (c, name);
      return TRUE;
    }
  switch (s.type)
    {
    case CIRO_JSON_NULL:
      *field = fallback;
      return FALSE;
    case CIRO_JSON_NUMBER:
      ok = ciro_parse_json_number (s.text, s.len, scale, field, NULL);
      break;
    case CIRO_JSON_STRING:
      {
        char buf[64];
        char *text = scalar_cstring (&s, buf, sizeof buf);
        ok = ciro_parse_decimal (text, scale, field, NULL);
        if (text != buf)
          g_free (text);
      }
      break;
    default:
      break;
    }
  if (!ok || *field < -limit || *field > limit)
    {
      /* the text as it came, cut short: a log line, not a page */
      g_autofree char *shown = s.type == CIRO_JSON_NUMBER || s.type == CIRO_JSON_STRING
                                 ? g_utf8_make_valid (s.text, (gssize) MIN (s.len, 40)) : NULL;
      if (ok)
        bad_field (c, name, "%s is beyond what a store can hold", shown);
      else if (shown != NULL)
        bad_field (c, name, "“%s” cannot be read", shown);
      else
        bad_field (c, name, "is not a number");
      *field = 0;
    }
  return TRUE;
}

/* Money in kuruş, counts, stocks: the bounds of ciro-types.h. */
#define read_money(c, name, fallback, field) read_number ((c), (name), CIRO_MAX_MONEY, 2, (fallback), (field))

/* A rate 0–100 % in basis points: null is `fallback`, anything else
 * outside a bad field kept as 0. */
static void
read_rate (Ctx *c, const char *name, CiroBasisPoints fallback, CiroBasisPoints *field)
{
  gint64 v;
  guint before = *c->field_errors;

  if (!read_number (c, name, G_MAXINT64, 2, 0, &v))
    *field = fallback;
  else if (v < 0 || v > CIRO_MAX_RATE)
    {
      if (*c->field_errors == before)
        bad_field (c, name, "%" G_GINT64_FORMAT ".%02d %% is not a rate from 0 to 100 %%",
                   v / 100, (int) ABS (v % 100));
      *field = 0;
    }
  else
    *field = (CiroBasisPoints) v;
}

/* Ids: integers (64-bit) or digit strings; 0 and FALSE otherwise. */
static gboolean
read_id (Ctx *c, gint64 *out)
{
  CiroJsonScalar s;

  *out = 0;
  if (!ciro_json_reader_read_scalar (&c->r, &s))
    {
      skip_rest (c, &s);
      return FALSE;
    }
  if (s.type == CIRO_JSON_NUMBER)
    {
      g_autofree char *lit = g_strndup (s.text, s.len);
      double d;

      if (strpbrk (lit, ".eE") == NULL)
        return g_ascii_string_to_signed (lit, 10, G_MININT64, G_MAXINT64, out, NULL);
      d = g_ascii_strtod (lit, NULL);
      if (d >= -9.2e18 && d <= 9.2e18 && d == (double) (gint64) d)
        {
          *out = (gint64) d;
          return TRUE;
        }
      return FALSE;
    }
  if (s.type == CIRO_JSON_STRING)
    {
      g_autofree char *text = ciro_json_scalar_dup_string (&s);
      g_autofree char *stripped = ciro_strip (text);
      return g_ascii_string_to_signed (stripped, 10, G_MININT64, G_MAXINT64, out, NULL);
    }
  return FALSE;
}

/* Enters the value when it is an object (an array); skips it otherwise. */
static gboolean
enter (Ctx *c, CiroJsonType type)
{
  if (ciro_json_reader_peek (&c->r) != type)
    {
      ciro_json_reader_skip (&c->r);
      return FALSE;
    }
  return type == CIRO_JSON_OBJECT ? ciro_json_reader_begin_object (&c->r) : ciro_json_reader_begin_array (&c->r);
}

/* An element of a list that should be an object: entered, or skipped and
 * counted. */
static gboolean
enter_element (Ctx *c)
{
  if (ciro_json_reader_peek (&c->r) != CIRO_JSON_OBJECT)
    {
      if (ciro_json_reader_skip (&c->r))
        count_error (c, "element of a list");
      return FALSE;
    }
  return ciro_json_reader_begin_object (&c->r);
}

/* ---------------------------------------------------------- products */

static void
read_stocks (Ctx *c, GArray *stocks)
{
  const char *name;
  gsize len;

  if (!enter (c, CIRO_JSON_ARRAY))
    return;
  g_array_set_size (stocks, 0);
  while (ciro_json_reader_next_element (&c->r))
    {
      gint64 wid = 0, stock = 0;
      g_autofree char *wname = NULL;
      gboolean wid_ok = FALSE;

      if (!enter_element (c))
        continue;
      while (ciro_json_reader_next_member (&c->r, &name, &len))
        {
          if (NAME_IS ("warehouse"))
            {
              /* a warehouse is a number or an object {id, name} */
              if (ciro_json_reader_peek (&c->r) == CIRO_JSON_OBJECT)
                {
                  ciro_json_reader_begin_object (&c->r);
                  wid = 0;
                  wid_ok = TRUE;
                  while (ciro_json_reader_next_member (&c->r, &name, &len))
                    {
                      if (NAME_IS ("id"))
                        read_id (c, &wid);
                      else if (NAME_IS ("name"))
                        read_text (c, &wname);
                      else
                        ciro_json_reader_skip (&c->r);
                    }
                }
              else
                wid_ok = read_id (c, &wid);
            }
          else if (NAME_IS ("stock"))
            read_number (c, "stock", CIRO_MAX_STOCK, 0, 0, &stock);
          else
            ciro_json_reader_skip (&c->r);
        }
      if (!wid_ok)
        count_error (c, "warehouse");
      ciro_stock_record_append (stocks, wid, wname, stock);
    }
}

typedef struct {
  char  *url;
  gint64 order;
  guint  index;
} Image;

static void
image_clear (gpointer data)
{
  g_free (((Image *) data)->url);
}

static int
compare_images (gconstpointer a, gconstpointer b)
{
  const Image *x = a, *y = b;
  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return (int) x->index - (int) y->index;
}

static gboolean
is_size_chart (const char *url)
{
  static const char *marks[] = {
    "olcu", "ölçü", "size-chart", "sizechart", "beden-tablosu", "bedentablosu", "size-guide",
  };
  g_autofree char *folded = ciro_tr_fold (url);
  const char *file = strrchr (folded, '/');

  file = file ? file + 1 : folded;
  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    if (strstr (file, marks[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The image rules: sorted by order (missing last), size charts skipped
 * unless nothing else is left. NULL when there is none. */
static char *
choose_image (GArray *images)
{
  if (images == NULL || images->len == 0)
    return NULL;
  g_array_sort (images, compare_images);
  for (guint i = 0; i < images->len; i++)
    if (!is_size_chart (g_array_index (images, Image, i).url))
      return g_strdup (g_array_index (images, Image, i).url);
  return g_strdup (g_array_index (images, Image, 0).url);
}

/* The images member into a fresh list (a second "images" replaces the first). */
static void
read_images (Ctx *c, GArray **out)
{
  const char *name;
  gsize len;
  guint index = 0;

  g_clear_pointer (out, g_array_unref);
  if (!enter (c, CIRO_JSON_ARRAY))
    return;
  *out = g_array_new (FALSE, FALSE, sizeof (Image));
  g_array_set_clear_func (*out, image_clear);
  while (ciro_json_reader_next_element (&c->r))
    {
      Image img = { NULL, G_MAXINT64, index++ };

      if (!enter (c, CIRO_JSON_OBJECT))
        continue;
      while (ciro_json_reader_next_member (&c->r, &name, &len))
        {
          if (NAME_IS ("url"))
            {
              CiroJsonScalar s;
              g_clear_pointer (&img.url, g_free);
              if (!ciro_json_reader_read_scalar (&c->r, &s))
                skip_rest (c, &s);
              else if (s.type == CIRO_JSON_STRING && s.len > 0)
                img.url = ciro_json_scalar_dup_string (&s);
            }
          else if (NAME_IS ("order"))
            {
              gint64 v;
              guint before = *c->field_errors;
              guint described = c->bad_fields != NULL ? c->bad_fields->len : 0;
              /* an order that cannot be read sorts last: no bad field,
               * neither counted nor described */
              img.order = read_number (c, "order", G_MAXINT64, 0, G_MAXINT64, &v) && *c->field_errors == before ? v : G_MAXINT64;
              *c->field_errors = before;
              if (c->bad_fields != NULL)
                g_ptr_array_set_size (c->bad_fields, described);
            }
          else
            ciro_json_reader_skip (&c->r);
        }
      if (img.url != NULL && *img.url != '\0')
        g_array_append_val (*out, img);
      else
        g_free (img.url);
    }
}

/* An object of text members (a model, an address) and perhaps an id, each
 * into its field; the fields are cleared first, as a member given again
 * replaces what came before. `names` ends with NULL. */
static void
read_text_object (Ctx *c, gint64 *id, const char *const *names, char **const *fields)
{
  const char *name;
  gsize len;

  if (id != NULL)
    *id = 0;
  for (guint i = 0; names[i] != NULL; i++)
    g_clear_pointer (fields[i], g_free);
  if (!enter (c, CIRO_JSON_OBJECT))
    return;
  while (ciro_json_reader_next_member (&c->r, &name, &len))
    {
      guint i;

      if (id != NULL && NAME_IS ("id"))
        {
          read_id (c, id);
          continue;
        }
      for (i = 0; names[i] != NULL; i++)
        if (strlen (names[i]) == len && memcmp (names[i], name, len) == 0)
          break;
      if (names[i] != NULL)
        read_text (c, fields[i]);
      else
        ciro_json_reader_skip (&c->r);
    }
}

static void
read_model (Ctx *c, char **model_name, char **model_value)
{
  static const char *const names[] = { "name", "value", NULL };
  char **const fields[] = { model_name, model_value };

  read_text_object (c, NULL, names, fields);
}

static CiroVariantRecord *
read_variant (Ctx *c)
{
  g_autoptr(CiroVariantRecord) v = ciro_variant_record_new ();
  g_autoptr(GArray) images = NULL;
  gboolean id_ok = FALSE;
  const char *name;
  gsize len;

  v->vat_rate = VAT_ABSENT;
  while (ciro_json_reader_next_member (&c->r, &name, &len))
    {
      if (NAME_IS ("id"))
        id_ok = read_id (c, &v->id);
      else if (NAME_IS ("sku"))
        read_text (c, &v->sku);
      else if (NAME_IS ("barcode"))
        read_text (c, &v->barcode);
      else if (NAME_IS ("color"))
        read_text (c, &v->color);
      else if (NAME_IS ("model"))
        read_model (c, &v->model_name, &v->model_value);
      else if (NAME_IS ("purchase_price"))
        v->has_purchase_price = read_money (c, "purchase_price", 0, &v->purchase_price);
      else if (NAME_IS ("vat_rate"))
        read_rate (c, "vat_rate", VAT_ABSENT, &v->vat_rate);
      else if (NAME_IS ("stocks"))
        read_stocks (c, v->stocks);
      else if (NAME_IS ("images"))
        read_images (c, &images);
      else
        ciro_json_reader_skip (&c->r);
    }
  if (!id_ok)
    {
      count_error (c, "variant id");
      return NULL;
    }
  v->image_url = choose_image (images);
  return g_steal_pointer (&v);
}

static void
read_variants (Ctx *c, GPtrArray *variants)
{
  if (!enter (c, CIRO_JSON_ARRAY))
    return;
  g_ptr_array_set_size (variants, 0);
  while (ciro_json_reader_next_element (&c->r))
    {
      CiroVariantRecord *v;

      if (!enter_element (c))
        continue;
      v = read_variant (c);
      if (v != NULL)
        g_ptr_array_add (variants, v);
    }
}

static gpointer
refuse (GPtrArray *skipped, const char *kind, gint64 id, const char *why)
{
  g_ptr_array_add (skipped, g_strdup_printf ("%s %" G_GINT64_FORMAT " skipped: %s", kind, id, why));
  return NULL;
}

static CiroProductRecord *
read_product (Ctx *c, GPtrArray *skipped)
{
  g_autoptr(CiroProductRecord) p = ciro_product_record_new ();
  g_autoptr(GArray) images = NULL;
  gboolean id_ok = FALSE;
  const char *name;
  gsize len;

  while (ciro_json_reader_next_member (&c->r, &name, &len))
    {
      if (NAME_IS ("id"))
        id_ok = read_id (c, &p->id);
      else if (NAME_IS ("category_id"))
        read_id (c, &p->category_id);
      else if (NAME_IS ("category"))
        read_text (c, &p->category);
      else if (NAME_IS ("sku"))
        read_text (c, &p->sku);
      else if (NAME_IS ("name"))
        read_text (c, &p->name);
      else if (NAME_IS ("brand"))
        read_text (c, &p->brand);
      else if (NAME_IS ("barcode"))
        read_text (c, &p->barcode);
      else if (NAME_IS ("purchase_price"))
        read_money (c, "purchase_price", 0, &p->purchase_price);
      else if (NAME_IS ("sale_price"))
        read_money (c, "sale_price", 0, &p->sale_price);
      else if (NAME_IS ("vat_rate"))
        read_rate (c, "vat_rate", 1000, &p->vat_rate);
      else if (NAME_IS ("currency"))
        read_text (c, &p->currency);
      else if (NAME_IS ("stocks"))
        read_stocks (c, p->stocks);
      else if (NAME_IS ("images"))
        read_images (c, &images);
      else if (NAME_IS ("variants"))
        read_variants (c, p->variants);
      else
        ciro_json_reader_skip (&c->r);
    }
  if (ciro_json_reader_failed (&c->r))
    return NULL;
  if (!id_ok || p->id == 0)
    return refuse (skipped, "record", p->id, "no id");

  for (guint i = 0; i < p->variants->len; i++)
    {
      CiroVariantRecord *v = p->variants->pdata[i];
      if (!v->has_purchase_price)
        v->vat_rate = 1000;
      else if (v->vat_rate == VAT_ABSENT)
        v->vat_rate = p->vat_rate;
    }
  p->image_url = choose_image (images);
  /* a product with no images uses its first variant's */
  if (p->image_url == NULL && p->variants->len > 0)
    p->image_url = g_strdup (((CiroVariantRecord *) p->variants->pdata[0])->image_url);
  return g_steal_pointer (&p);
}

/* ---------------------------------------------------------- orders */

static CiroOrderLineRecord *
read_line (Ctx *c)
{
  CiroOrderLineRecord *l = ciro_order_line_record_new ();
  const char *name;
  gsize len;

  while (ciro_json_reader_next_member (&c->r, &name, &len))
    {
      if (NAME_IS ("id"))
        read_id (c, &l->line_id);
      else if (NAME_IS ("sku"))
        read_text (c, &l->sku);
      else if (NAME_IS ("name"))
        read_text (c, &l->name);
      else if (NAME_IS ("barcode"))
        read_text (c, &l->barcode);
      else if (NAME_IS ("color"))
        read_text (c, &l->color);
      else if (NAME_IS ("model"))
        read_model (c, &l->model_name, &l->model_value);
      else if (NAME_IS ("status"))
        read_text (c, &l->status);
      else if (NAME_IS ("quantity"))
        read_number (c, "quantity", CIRO_MAX_QUANTITY, 0, 0, &l->quantity);
      else if (NAME_IS ("price"))
        read_money (c, "price", 0, &l->price);
      else if (NAME_IS ("discount"))
        read_money (c, "discount", 0, &l->discount);
      else if (NAME_IS ("amount"))
        read_money (c, "amount", 0, &l->amount);
      else if (NAME_IS ("vat_rate"))
        read_rate (c, "vat_rate", CIRO_VAT_RATE_ABSENT, &l->vat_rate);
      else
        ciro_json_reader_skip (&c->r);
    }
  return l;
}

/* Lines into a fresh list; FALSE when the member is not a list. */
static gboolean
read_lines (Ctx *c, GPtrArray **out)
{
  if (!enter (c, CIRO_JSON_ARRAY))
    return FALSE;
  g_clear_pointer (out, g_ptr_array_unref);
  *out = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_order_line_record_free);
  while (ciro_json_reader_next_element (&c->r))
    if (enter_element (c))
      g_ptr_array_add (*out, read_line (c));
  return TRUE;
}

static void
read_customer (Ctx *c, CiroOrderRecord *o)
{
  static const char *const names[] = { "name", "mail_address", "phone", NULL };
  char **const fields[] = { &o->customer_name, &o->customer_email, &o->customer_phone };

  read_text_object (c, &o->customer_id, names, fields);
}

static void
read_address (Ctx *c, CiroOrderRecord *o)
{
  static const char *const names[] = { "city", "district", "country", NULL };
  char **const fields[] = { &o->city, &o->district, &o->country };

  read_text_object (c, NULL, names, fields);
}

static char *
marketplace_of (Ctx *c, const char *source)
{
  if (c->marketplace == NULL || g_strcmp0 (c->source, source) != 0)
    {
      g_free (c->source);
      g_free (c->marketplace);
      c->source = g_strdup (source);
      c->marketplace = ciro_marketplace_normalize (source);
    }
  return g_strdup (c->marketplace);
}

static CiroOrderRecord *
read_order (Ctx *c, GPtrArray *skipped)
{
  g_autoptr(CiroOrderRecord) o = ciro_order_record_new ();
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *date = NULL;
  gboolean id_ok = FALSE;
  gint64 status = 0;
  const char *name;
  gsize len;

  while (ciro_json_reader_next_member (&c->r, &name, &len))
    {
      if (NAME_IS ("id"))
        id_ok = read_id (c, &o->id);
      else if (NAME_IS ("order_code"))
        read_text (c, &o->order_code);
      else if (NAME_IS ("order_date"))
        read_text (c, &date);
      else if (NAME_IS ("created_at"))
        read_text (c, &o->created_at);
      else if (NAME_IS ("updated_at"))
        read_text (c, &o->updated_at);
      else if (NAME_IS ("source"))
        read_text (c, &o->source);
      else if (NAME_IS ("shop"))
        read_text (c, &o->shop);
      else if (NAME_IS ("status"))
        read_number (c, "status", G_MAXINT32, 0, 0, &status);
      else if (NAME_IS ("total"))
        read_money (c, "total", 0, &o->total);
      else if (NAME_IS ("shipping_total"))
        read_money (c, "shipping_total", 0, &o->shipping_total);
      else if (NAME_IS ("carrying_charge"))
        read_money (c, "carrying_charge", 0, &o->carrying_charge);
      else if (NAME_IS ("service_fee"))
        read_money (c, "service_fee", 0, &o->service_fee);
      else if (NAME_IS ("cargo_provider"))
        read_text (c, &o->cargo_provider);
      else if (NAME_IS ("cargo_number"))
        read_text (c, &o->cargo_number);
      else if (NAME_IS ("has_invoice"))
        read_text (c, &o->has_invoice);
      else if (NAME_IS ("invoice_type"))
        read_text (c, &o->invoice_type);
      else if (NAME_IS ("invoice_number"))
        read_text (c, &o->invoice_number);
      else if (NAME_IS ("customer"))
        read_customer (c, o);
      else if (NAME_IS ("shipment_address"))
        read_address (c, o);
      else if (NAME_IS ("lines"))
        read_lines (c, &lines);
      else if (NAME_IS ("items"))
        read_lines (c, &items);
      else
        ciro_json_reader_skip (&c->r);
    }
  if (ciro_json_reader_failed (&c->r))
    return NULL;
  if (!id_ok || o->id == 0)
    return refuse (skipped, "record", o->id, "no id");
  if (date == NULL || !ciro_datetime_parse (date, &o->day, &o->seconds, NULL))
    return refuse (skipped, "record", o->id, "order_date cannot be read");

  /* unknown status codes are kept as they come */
  o->status = (gint32) status;   /* within ±G_MAXINT32 */
  o->marketplace = marketplace_of (c, o->source);
  /* lines under "lines", older payloads "items" */
  if (lines != NULL || items != NULL)
    {
      g_ptr_array_unref (o->lines);
      o->lines = lines != NULL ? g_steal_pointer (&lines) : g_steal_pointer (&items);
    }
  return g_steal_pointer (&o);
}

/* ---------------------------------------------------------- pages */

typedef struct {
  GPtrArray *records;
  GPtrArray *skipped;
  GPtrArray *bad_fields;
  guint      n_elements;
  guint      field_errors;
} List;

static void
list_clear (List *l)
{
  g_clear_pointer (&l->records, g_ptr_array_unref);
  g_clear_pointer (&l->skipped, g_ptr_array_unref);
  g_clear_pointer (&l->bad_fields, g_ptr_array_unref);
}

static void
read_list (Ctx *c, CiroSentosResource resource, List *out)
{
  out->records = g_ptr_array_new_with_free_func (resource == CIRO_SENTOS_PRODUCTS
                                                 ? (GDestroyNotify) ciro_product_record_free
                                                 : (GDestroyNotify) ciro_order_record_free);
  out->skipped = g_ptr_array_new_with_free_func (g_free);
  out->bad_fields = g_ptr_array_new_with_free_func (g_free);
  c->field_errors = &out->field_errors;
  c->bad_fields = out->bad_fields;
  ciro_json_reader_begin_array (&c->r);
  while (ciro_json_reader_next_element (&c->r))
    {
      gpointer record;

      if (out->n_elements >= c->max_elements)
        {
          /* nothing more of this text is read (or held in memory) */
          c->too_many = TRUE;
          c->r.pos = c->r.end;
          break;
        }
      out->n_elements++;
      c->element = out->n_elements;
      if (ciro_json_reader_peek (&c->r) != CIRO_JSON_OBJECT)
        {
          if (ciro_json_reader_skip (&c->r))
            refuse (out->skipped, "element", 0, "not an object");
          continue;
        }
      ciro_json_reader_begin_object (&c->r);
      record = resource == CIRO_SENTOS_PRODUCTS ? (gpointer) read_product (c, out->skipped)
                                                : (gpointer) read_order (c, out->skipped);
      if (record != NULL)
        g_ptr_array_add (out->records, record);
    }
  c->field_errors = &c->ignored;
  c->bad_fields = NULL;
}

/* Where the list may be, best first. */
static int
list_rank (const char *name, gsize len)
{
  if (NAME_IS ("data"))
    return 0;
  if (NAME_IS ("orders"))
    return 1;
  if (NAME_IS ("products"))
    return 2;
  if (NAME_IS ("items"))
    return 3;
  return -1;
}

CiroSentosPage *
ciro_sentos_page_parse (const char         *json,
                        gsize               len,
                        CiroSentosResource  resource,
                        GError            **error)
{
  return ciro_sentos_page_parse_bounded (json, len, resource, G_MAXUINT, error);
}

CiroSentosPage *
ciro_sentos_page_parse_bounded (const char         *json,
                                gsize               len_,
                                CiroSentosResource  resource,
                                guint               max_elements,
                                GError            **error)
{
  g_autoptr(CiroSentosPage) page = g_new0 (CiroSentosPage, 1);
  Ctx c = { 0 };
  List best = { 0 };
  int best_rank = G_MAXINT;
  CiroJsonType root;

  page->resource = resource;
  page->page = page->size = page->total_pages = page->total_elements = -1;
  ciro_json_reader_init (&c.r, json, len_);
  c.field_errors = &c.ignored;
  c.max_elements = max_elements;

  root = ciro_json_reader_peek (&c.r);
  if (root == CIRO_JSON_ARRAY)
    {
      read_list (&c, resource, &best);
      best_rank = -1;
    }
  else if (root == CIRO_JSON_OBJECT)
    {
      const char *name;
      gsize len;

      ciro_json_reader_begin_object (&c.r);
      while (ciro_json_reader_next_member (&c.r, &name, &len))
        {
          int rank = list_rank (name, len);

          if (rank >= 0 && rank <= best_rank && ciro_json_reader_peek (&c.r) == CIRO_JSON_ARRAY)
            {
              list_clear (&best);
              best = (List) { 0 };
              read_list (&c, resource, &best);
              best_rank = rank;
            }
          else if (NAME_IS ("page"))
            read_number (&c, "page", G_MAXINT64, 0, -1, &page->page);
          else if (NAME_IS ("size"))
            read_number (&c, "size", G_MAXINT64, 0, -1, &page->size);
          else if (NAME_IS ("total_pages"))
            read_number (&c, "total_pages", G_MAXINT64, 0, -1, &page->total_pages);
          else if (NAME_IS ("total_elements"))
            read_number (&c, "total_elements", G_MAXINT64, 0, -1, &page->total_elements);
          else
            ciro_json_reader_skip (&c.r);
        }
    }
  else
    ciro_json_reader_skip (&c.r);

  g_free (c.source);
  g_free (c.marketplace);
  if (c.too_many)
    {
      g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_TOO_MANY,
                   "a list of more than %u elements", max_elements);
      list_clear (&best);
      ciro_json_reader_clear (&c.r);
      return NULL;
    }
  if (!ciro_json_reader_finish (&c.r, error))
    {
      list_clear (&best);
      ciro_json_reader_clear (&c.r);
      return NULL;
    }
  ciro_json_reader_clear (&c.r);
  page->has_list = best.records != NULL;
  page->records = best.records ? best.records : g_ptr_array_new ();
  page->skipped = best.skipped ? best.skipped : g_ptr_array_new_with_free_func (g_free);
  page->bad_fields = best.bad_fields ? best.bad_fields : g_ptr_array_new_with_free_func (g_free);
  page->n_elements = best.n_elements;
  page->field_errors = best.field_errors;
  return g_steal_pointer (&page);
}

void
ciro_sentos_page_free (CiroSentosPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->records, g_ptr_array_unref);
  g_clear_pointer (&page->skipped, g_ptr_array_unref);
  g_clear_pointer (&page->bad_fields, g_ptr_array_unref);
  g_free (page);
}
