/* ciro-sentos-parse.c: Sentos JSON → records
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-sync"

#include "config.h"

#include <string.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-number.h"
#include "core/ciro-text.h"
#include "ciro-sentos-parse.h"

static JsonNode *
member (JsonObject *o, const char *name)
{
  return o != NULL && json_object_has_member (o, name) ? json_object_get_member (o, name) : NULL;
}

/* A text field: strings as they are, numbers printed (cargo numbers and
 * barcodes arrive both ways), anything else absent. */
static char *
text_of (JsonObject *o, const char *name)
{
  JsonNode *n = member (o, name);

  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return NULL;
  switch (json_node_get_value_type (n))
    {
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (n));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (n));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (n)));
      }
    default:
      return NULL;
    }
}

/* A number field scaled by 10^scale; a missing one is `fallback`, an
 * unreadable one 0 and counted. */
static gint64
number_of (JsonObject *o, const char *name, guint scale, gint64 fallback, CiroParseStats *stats)
{
  JsonNode *n = member (o, name);
  gint64 v;

  if (n == NULL || JSON_NODE_HOLDS_NULL (n))
    return fallback;
  if (!ciro_json_node_get_decimal (n, scale, FALSE, &v, NULL))
    {
      if (stats)
        stats->field_errors++;
      return 0;
    }
  return v;
}

/* Ids: integers (64-bit) or digit strings. */
static gboolean
id_of (JsonNode *n, gint64 *out)
{
  *out = 0;
  if (n == NULL || !JSON_NODE_HOLDS_VALUE (n))
    return FALSE;
  if (json_node_get_value_type (n) == G_TYPE_INT64)
    {
      *out = json_node_get_int (n);
      return TRUE;
    }
  if (json_node_get_value_type (n) == G_TYPE_STRING)
    {
      g_autofree char *s = ciro_strip (json_node_get_string (n));
      return g_ascii_string_to_signed (s, 10, G_MININT64, G_MAXINT64, out, NULL);
    }
  if (json_node_get_value_type (n) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (n);
      if (d == (double) (gint64) d)
        {
          *out = (gint64) d;
          return TRUE;
        }
    }
  return FALSE;
}

gint64
ciro_sentos_peek_id (JsonNode *node)
{
  gint64 id = 0;

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    id_of (member (json_node_get_object (node), "id"), &id);
  return id;
}

static void
parse_stocks (JsonObject *o, GArray *stocks, CiroParseStats *stats)
{
  JsonNode *n = member (o, "stocks");
  JsonArray *a;

  if (n == NULL || !JSON_NODE_HOLDS_ARRAY (n))
    return;
  a = json_node_get_array (n);
  for (guint i = 0; i < json_array_get_length (a); i++)
    {
      JsonNode *e = json_array_get_element (a, i);
      JsonObject *s;
      JsonNode *w;
      gint64 wid = 0;
      g_autofree char *wname = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (e))
        {
          if (stats)
            stats->field_errors++;
          continue;
        }
      s = json_node_get_object (e);
      w = member (s, "warehouse");
      /* a warehouse is a number or an object {id, name} */
      if (w != NULL && JSON_NODE_HOLDS_OBJECT (w))
        {
          id_of (member (json_node_get_object (w), "id"), &wid);
          wname = text_of (json_node_get_object (w), "name");
        }
      else if (!id_of (w, &wid) && stats)
        stats->field_errors++;
      ciro_stock_record_append (stocks, wid, wname, number_of (s, "stock", 0, 0, stats));
    }
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

typedef struct {
  const char *url;
  gint64      order;
  guint       index;
} Image;

static int
compare_images (gconstpointer a, gconstpointer b)
{
  const Image *x = a, *y = b;
  if (x->order != y->order)
    return x->order < y->order ? -1 : 1;
  return (int) x->index - (int) y->index;
}

char *
ciro_sentos_choose_image (JsonArray *images)
{
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (Image));

  if (images == NULL)
    return NULL;
  for (guint i = 0; i < json_array_get_length (images); i++)
    {
      JsonNode *e = json_array_get_element (images, i);
      JsonObject *o;
      JsonNode *url;
      Image img = { NULL, G_MAXINT64, i };

      if (!JSON_NODE_HOLDS_OBJECT (e))
        continue;
      o = json_node_get_object (e);
      url = member (o, "url");
      if (url == NULL || !JSON_NODE_HOLDS_VALUE (url) || json_node_get_value_type (url) != G_TYPE_STRING)
        continue;
      img.url = json_node_get_string (url);
      if (img.url == NULL || *img.url == '\0')
        continue;
      if (member (o, "order") != NULL && !JSON_NODE_HOLDS_NULL (member (o, "order")))
        {
          gint64 v;
          if (ciro_json_node_get_decimal (member (o, "order"), 0, TRUE, &v, NULL))
            img.order = v;
        }
      g_array_append_val (list, img);
    }
  if (list->len == 0)
    return NULL;
  g_array_sort (list, compare_images);
  for (guint i = 0; i < list->len; i++)
    if (!is_size_chart (g_array_index (list, Image, i).url))
      return g_strdup (g_array_index (list, Image, i).url);
  return g_strdup (g_array_index (list, Image, 0).url);
}

static JsonArray *
array_member (JsonObject *o, const char *name)
{
  JsonNode *n = member (o, name);
  return n != NULL && JSON_NODE_HOLDS_ARRAY (n) ? json_node_get_array (n) : NULL;
}

static void
parse_model (JsonObject *o, char **name, char **value)
{
  JsonNode *n = member (o, "model");
  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    {
      *name = text_of (json_node_get_object (n), "name");
      *value = text_of (json_node_get_object (n), "value");
    }
}

static gpointer
refuse (GError **error, const char *what, JsonNode *node)
{
  g_set_error (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID,
               "%s %" G_GINT64_FORMAT " skipped: %s", node && JSON_NODE_HOLDS_OBJECT (node) ? "record" : "element",
               ciro_sentos_peek_id (node), what);
  return NULL;
}

CiroProductRecord *
ciro_sentos_parse_product (JsonNode *node, CiroParseStats *stats, GError **error)
{
  g_autoptr(CiroProductRecord) p = NULL;
  JsonObject *o;
  JsonArray *variants;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return refuse (error, "not an object", node);
  o = json_node_get_object (node);
  p = ciro_product_record_new ();
  if (!id_of (member (o, "id"), &p->id) || p->id == 0)
    return refuse (error, "no id", node);

  id_of (member (o, "category_id"), &p->category_id);
  p->category = text_of (o, "category");
  p->sku = text_of (o, "sku");
  p->name = text_of (o, "name");
  p->brand = text_of (o, "brand");
  p->barcode = text_of (o, "barcode");
  p->purchase_price = number_of (o, "purchase_price", 2, 0, stats);
  p->sale_price = number_of (o, "sale_price", 2, 0, stats);
  p->vat_rate = (CiroBasisPoints) number_of (o, "vat_rate", 2, 1000, stats);
  p->currency = text_of (o, "currency");
  parse_stocks (o, p->stocks, stats);
  p->image_url = ciro_sentos_choose_image (array_member (o, "images"));

  variants = array_member (o, "variants");
  for (guint i = 0; variants != NULL && i < json_array_get_length (variants); i++)
    {
      JsonNode *vn = json_array_get_element (variants, i);
      JsonObject *vo;
      CiroVariantRecord *v;

      if (!JSON_NODE_HOLDS_OBJECT (vn))
        {
          if (stats)
            stats->field_errors++;
          continue;
        }
      vo = json_node_get_object (vn);
      v = ciro_variant_record_new ();
      if (!id_of (member (vo, "id"), &v->id))
        {
          if (stats)
            stats->field_errors++;
          ciro_variant_record_free (v);
          continue;
        }
      v->sku = text_of (vo, "sku");
      v->barcode = text_of (vo, "barcode");
      v->color = text_of (vo, "color");
      parse_model (vo, &v->model_name, &v->model_value);
      if (member (vo, "purchase_price") != NULL && !JSON_NODE_HOLDS_NULL (member (vo, "purchase_price")))
        {
          v->has_purchase_price = TRUE;
          v->purchase_price = number_of (vo, "purchase_price", 2, 0, stats);
          v->vat_rate = (CiroBasisPoints) number_of (vo, "vat_rate", 2, p->vat_rate, stats);
        }
      parse_stocks (vo, v->stocks, stats);
      v->image_url = ciro_sentos_choose_image (array_member (vo, "images"));
      g_ptr_array_add (p->variants, v);
    }
  /* a product with no images uses its first variant's */
  if (p->image_url == NULL && p->variants->len > 0)
    p->image_url = g_strdup (((CiroVariantRecord *) p->variants->pdata[0])->image_url);
  return g_steal_pointer (&p);
}

CiroOrderRecord *
ciro_sentos_parse_order (JsonNode *node, CiroParseStats *stats, GError **error)
{
  g_autoptr(CiroOrderRecord) ord = NULL;
  g_autofree char *date = NULL;
  JsonObject *o, *customer = NULL, *address = NULL;
  JsonArray *lines;
  JsonNode *n;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return refuse (error, "not an object", node);
  o = json_node_get_object (node);
  ord = ciro_order_record_new ();
  if (!id_of (member (o, "id"), &ord->id) || ord->id == 0)
    return refuse (error, "no id", node);
  date = text_of (o, "order_date");
  if (date == NULL || !ciro_datetime_parse (date, &ord->day, &ord->seconds, NULL))
    return refuse (error, "order_date cannot be read", node);

  ord->order_code = text_of (o, "order_code");
  ord->created_at = text_of (o, "created_at");
  ord->updated_at = text_of (o, "updated_at");
  ord->source = text_of (o, "source");
  ord->marketplace = ciro_marketplace_normalize (ord->source);
  ord->shop = text_of (o, "shop");
  /* unknown status codes are kept as they come */
  ord->status = (gint32) number_of (o, "status", 0, 0, stats);
  ord->total = number_of (o, "total", 2, 0, stats);
  ord->shipping_total = number_of (o, "shipping_total", 2, 0, stats);
  ord->carrying_charge = number_of (o, "carrying_charge", 2, 0, stats);
  ord->service_fee = number_of (o, "service_fee", 2, 0, stats);
  ord->cargo_provider = text_of (o, "cargo_provider");
  ord->cargo_number = text_of (o, "cargo_number");
  ord->has_invoice = text_of (o, "has_invoice");
  ord->invoice_type = text_of (o, "invoice_type");
  ord->invoice_number = text_of (o, "invoice_number");

  n = member (o, "customer");
  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    customer = json_node_get_object (n);
  if (customer != NULL)
    {
      id_of (member (customer, "id"), &ord->customer_id);
      ord->customer_name = text_of (customer, "name");
      ord->customer_email = text_of (customer, "mail_address");
      ord->customer_phone = text_of (customer, "phone");
    }
  n = member (o, "shipment_address");
  if (n != NULL && JSON_NODE_HOLDS_OBJECT (n))
    address = json_node_get_object (n);
  if (address != NULL)
    {
      ord->city = text_of (address, "city");
      ord->district = text_of (address, "district");
      ord->country = text_of (address, "country");
    }

  /* lines under "lines", older payloads "items" */
  lines = array_member (o, "lines");
  if (lines == NULL)
    lines = array_member (o, "items");
  for (guint i = 0; lines != NULL && i < json_array_get_length (lines); i++)
    {
      JsonNode *ln = json_array_get_element (lines, i);
      JsonObject *lo;
      CiroOrderLineRecord *l;

      if (!JSON_NODE_HOLDS_OBJECT (ln))
        {
          if (stats)
            stats->field_errors++;
          continue;
        }
      lo = json_node_get_object (ln);
      l = ciro_order_line_record_new ();
      id_of (member (lo, "id"), &l->line_id);
      l->sku = text_of (lo, "sku");
      l->name = text_of (lo, "name");
      l->barcode = text_of (lo, "barcode");
      l->color = text_of (lo, "color");
      parse_model (lo, &l->model_name, &l->model_value);
      l->status = text_of (lo, "status");
      l->quantity = number_of (lo, "quantity", 0, 0, stats);
      l->price = number_of (lo, "price", 2, 0, stats);
      l->discount = number_of (lo, "discount", 2, 0, stats);
      l->amount = number_of (lo, "amount", 2, 0, stats);
      l->vat_rate = (CiroBasisPoints) number_of (lo, "vat_rate", 2, 1000, stats);
      g_ptr_array_add (ord->lines, l);
    }
  return g_steal_pointer (&ord);
}

gboolean
ciro_sentos_parse_page (JsonNode *root, CiroSentosPage *out, GError **error)
{
  static const char *list_keys[] = { "data", "orders", "products", "items" };
  JsonObject *o;

  out->items = NULL;
  out->page = out->size = out->total_pages = out->total_elements = -1;
  if (root == NULL)
    goto bad;
  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      out->items = json_node_get_array (root);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    goto bad;
  o = json_node_get_object (root);
  for (guint i = 0; i < G_N_ELEMENTS (list_keys) && out->items == NULL; i++)
    out->items = array_member (o, list_keys[i]);
  if (out->items == NULL)
    goto bad;
  out->page = number_of (o, "page", 0, -1, NULL);
  out->size = number_of (o, "size", 0, -1, NULL);
  out->total_pages = number_of (o, "total_pages", 0, -1, NULL);
  out->total_elements = number_of (o, "total_elements", 0, -1, NULL);
  return TRUE;

bad:
  g_set_error_literal (error, CIRO_PARSE_ERROR, CIRO_PARSE_ERROR_INVALID,
                       "The page has no list of records (data, orders, products or items)");
  return FALSE;
}
