/* ciro-demo-json.c: demo records written the way Sentos writes them
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-demo"

#include "config.h"

#include <string.h>

#include "core/ciro-date.h"
#include "ciro-demo-json.h"

/* Money the way different Sentos tenants send it: Turkish strings, English
 * strings, plain JSON numbers. */
static void
add_money (JsonBuilder *b, const char *name, CiroKurus v, guint64 style)
{
  guint64 a = v < 0 ? (guint64) -v : (guint64) v;
  const char *sign = v < 0 ? "-" : "";

  json_builder_set_member_name (b, name);
  switch (style % 4)
    {
    case 0:
    case 1:
      {
        /* "1.249,90" */
        GString *s = g_string_new (sign);
        char digits[32];
        int n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, a / 100);
        for (int i = 0; i < n; i++)
          {
            if (i > 0 && (n - i) % 3 == 0)
              g_string_append_c (s, '.');
            g_string_append_c (s, digits[i]);
          }
        g_string_append_printf (s, ",%02u", (guint) (a % 100));
        json_builder_add_string_value (b, s->str);
        g_string_free (s, TRUE);
      }
      break;
    case 2:
      {
        /* "1,249.90" or "39.90" */
        g_autofree char *t = g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%02u", sign, a / 100, (guint) (a % 100));
        if (a >= 100000)
          {
            g_autofree char *head = g_strndup (t, strlen (t) - 6);
            g_autofree char *tail = g_strdup (t + strlen (t) - 6);
            g_autofree char *both = g_strdup_printf ("%s,%s", head, tail);
            json_builder_add_string_value (b, both);
          }
        else
          json_builder_add_string_value (b, t);
      }
      break;
    default:
      if (v % 100 == 0)
        json_builder_add_int_value (b, v / 100);
      else
        json_builder_add_double_value (b, (double) v / 100.0);
      break;
    }
}

static void
add_text (JsonBuilder *b, const char *name, const char *v)
{
  json_builder_set_member_name (b, name);
  if (v == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, v);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 v, gboolean as_string)
{
  json_builder_set_member_name (b, name);
  if (as_string)
    {
      g_autofree char *t = g_strdup_printf ("%" G_GINT64_FORMAT, v);
      json_builder_add_string_value (b, t);
    }
  else
    json_builder_add_int_value (b, v);
}

static void
add_stocks (JsonBuilder *b, GArray *stocks, guint64 quirk)
{
  json_builder_set_member_name (b, "stocks");
  json_builder_begin_array (b);
  for (guint i = 0; i < stocks->len; i++)
    {
      const CiroStockRecord *s = &g_array_index (stocks, CiroStockRecord, i);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "warehouse");
      /* a number, or an object with the name */
      if ((quirk + i) % 2 && s->warehouse_name != NULL)
        {
          json_builder_begin_object (b);
          add_int (b, "id", s->warehouse_id, FALSE);
          add_text (b, "name", s->warehouse_name);
          json_builder_end_object (b);
        }
      else
        json_builder_add_int_value (b, s->warehouse_id);
      add_int (b, "stock", s->stock, (quirk + i) % 3 == 0);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_images (JsonBuilder *b, const char *url, guint64 quirk)
{
  json_builder_set_member_name (b, "images");
  json_builder_begin_array (b);
  if (url != NULL)
    {
      /* a size chart first in the list, which the image rules must skip */
      if (quirk % 5 == 0)
        {
          json_builder_begin_object (b);
          add_text (b, "url", "https://cdn.ciro.invalid/p/beden-tablosu.jpg");
          add_int (b, "order", 0, FALSE);
          json_builder_end_object (b);
        }
      json_builder_begin_object (b);
      add_text (b, "url", url);
      if (quirk % 3)
        add_int (b, "order", 1, FALSE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

JsonNode *
ciro_demo_product_to_json (const CiroProductRecord *p)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint64 q = (guint64) p->id;

  json_builder_begin_object (b);
  add_int (b, "id", p->id, FALSE);
  add_int (b, "category_id", p->category_id, FALSE);
  if (q % 7 != 0)   /* the category name is sometimes absent */
    add_text (b, "category", p->category);
  add_text (b, "sku", p->sku);
  add_text (b, "name", p->name);
  add_text (b, "brand", p->brand);
  add_text (b, "barcode", p->barcode);
  add_money (b, "purchase_price", p->purchase_price, q);
  add_money (b, "sale_price", p->sale_price, q + 1);
  if (p->vat_rate != 1000 || q % 2)   /* 10 when absent */
    add_int (b, "vat_rate", p->vat_rate / 100, FALSE);
  add_text (b, "currency", p->currency);
  add_stocks (b, p->stocks, q);
  add_images (b, p->image_url, q);
  json_builder_set_member_name (b, "variants");
  json_builder_begin_array (b);
  for (guint i = 0; i < p->variants->len; i++)
    {
      const CiroVariantRecord *v = p->variants->pdata[i];
      json_builder_begin_object (b);
      add_int (b, "id", v->id, FALSE);
      add_text (b, "sku", v->sku);
      add_text (b, "barcode", v->barcode);
      add_text (b, "color", v->color);
      json_builder_set_member_name (b, "model");
      json_builder_begin_object (b);
      add_text (b, "name", v->model_name);
      add_text (b, "value", v->model_value);
      json_builder_end_object (b);
      if (v->has_purchase_price)
        {
          add_money (b, "purchase_price", v->purchase_price, q + i);
          add_int (b, "vat_rate", v->vat_rate / 100, FALSE);
        }
      add_stocks (b, v->stocks, q + i);
      add_images (b, v->image_url, q + i + 1);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

JsonNode *
ciro_demo_order_to_json (const CiroOrderRecord *o)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  guint64 q = (guint64) o->id;
  g_autofree char *date = ciro_datetime_format (o->day, o->seconds);

  if (q % 4 == 1)
    date[10] = 'T';   /* "2025-10-17T14:32:05" */
  json_builder_begin_object (b);
  add_int (b, "id", o->id, FALSE);
  add_text (b, "order_code", o->order_code);
  add_text (b, "order_date", date);
  add_text (b, "created_at", o->created_at);
  add_text (b, "updated_at", o->updated_at);
  add_text (b, "source", o->source);
  add_text (b, "shop", o->shop);
  add_int (b, "status", o->status, q % 9 == 0);
  add_money (b, "total", o->total, q);
  add_money (b, "shipping_total", o->shipping_total, q + 1);
  add_money (b, "carrying_charge", o->carrying_charge, q + 2);
  add_money (b, "service_fee", o->service_fee, q + 3);
  add_text (b, "cargo_provider", o->cargo_provider);
  add_text (b, "cargo_number", o->cargo_number);
  add_text (b, "has_invoice", o->has_invoice);
  add_text (b, "invoice_type", o->invoice_type);
  add_text (b, "invoice_number", o->invoice_number);
  if (o->customer_id != 0)
    {
      json_builder_set_member_name (b, "customer");
      json_builder_begin_object (b);
      add_int (b, "id", o->customer_id, FALSE);
      add_text (b, "name", o->customer_name);
      add_text (b, "mail_address", o->customer_email);
      add_text (b, "phone", o->customer_phone);
      json_builder_end_object (b);
    }
  json_builder_set_member_name (b, "shipment_address");
  json_builder_begin_object (b);
  add_text (b, "city", o->city);
  add_text (b, "district", o->district);
  add_text (b, "country", o->country);
  json_builder_end_object (b);
  /* older payloads call the lines "items" */
  json_builder_set_member_name (b, q % 10 == 3 ? "items" : "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < o->lines->len; i++)
    {
      const CiroOrderLineRecord *l = o->lines->pdata[i];
      json_builder_begin_object (b);
      add_int (b, "id", l->line_id, FALSE);
      add_text (b, "sku", l->sku);
      add_text (b, "name", l->name);
      add_text (b, "barcode", l->barcode);
      add_text (b, "color", l->color);
      add_text (b, "status", l->status);
      add_int (b, "quantity", l->quantity, (q + i) % 4 == 0);
      add_money (b, "price", l->price, q + i);
      add_money (b, "discount", l->discount, q + i + 1);
      add_money (b, "amount", l->amount, q + i + 2);
      add_int (b, "vat_rate", l->vat_rate / 100, FALSE);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}
