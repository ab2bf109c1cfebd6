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

/* A member's name with the comma before it; `first` tracks the object. */
static void
key (GString *out, gboolean *first, const char *name)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  g_string_append_c (out, '"');
  g_string_append (out, name);
  g_string_append (out, "\":");
}

void
ciro_demo_json_string (GString *out, const char *text)
{
  const char *p, *run;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (p = run = text; *p; p++)
    {
      guchar c = (guchar) *p;
      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\r': g_string_append (out, "\\r"); break;
        default: g_string_append_printf (out, "\\u%04x", c); break;
        }
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

static void
add_text (GString *out, gboolean *first, const char *name, const char *v)
{
  key (out, first, name);
  ciro_demo_json_string (out, v);
}

static void
add_int (GString *out, gboolean *first, const char *name, gint64 v, gboolean as_string)
{
  key (out, first, name);
  g_string_append_printf (out, as_string ? "\"%" G_GINT64_FORMAT "\"" : "%" G_GINT64_FORMAT, v);
}

/* Money the way different Sentos tenants send it: Turkish strings, English
 * strings, plain JSON numbers. */
static void
add_money (GString *out, gboolean *first, const char *name, CiroKurus v, guint64 style)
{
  guint64 a = v < 0 ? (guint64) -v : (guint64) v;
  const char *sign = v < 0 ? "-" : "";
  char digits[32];
  int n;

  key (out, first, name);
  switch (style % 4)
    {
    case 0:
    case 1:
      /* "1.249,90" */
      n = g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, a / 100);
      g_string_append_c (out, '"');
      g_string_append (out, sign);
      for (int i = 0; i < n; i++)
        {
          if (i > 0 && (n - i) % 3 == 0)
            g_string_append_c (out, '.');
          g_string_append_c (out, digits[i]);
        }
      g_string_append_printf (out, ",%02u\"", (guint) (a % 100));
      break;
    case 2:
      /* "1,249.90" or "39.90" */
      if (a >= 100000)
        g_string_append_printf (out, "\"%s%" G_GUINT64_FORMAT ",%03u.%02u\"", sign, a / 100000,
                                (guint) (a / 100 % 1000), (guint) (a % 100));
      else
        g_string_append_printf (out, "\"%s%" G_GUINT64_FORMAT ".%02u\"", sign, a / 100, (guint) (a % 100));
      break;
    default:
      /* a JSON number: 39 or 1249.9 */
      if (a % 100 == 0)
        g_string_append_printf (out, "%s%" G_GUINT64_FORMAT, sign, a / 100);
      else if (a % 10 == 0)
        g_string_append_printf (out, "%s%" G_GUINT64_FORMAT ".%u", sign, a / 100, (guint) (a % 100 / 10));
      else
        g_string_append_printf (out, "%s%" G_GUINT64_FORMAT ".%02u", sign, a / 100, (guint) (a % 100));
      break;
    }
}

static void
add_stocks (GString *out, gboolean *first, GArray *stocks, guint64 quirk)
{
  key (out, first, "stocks");
  g_string_append_c (out, '[');
  for (guint i = 0; i < stocks->len; i++)
    {
      const CiroStockRecord *s = &g_array_index (stocks, CiroStockRecord, i);
      gboolean f = TRUE;

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      key (out, &f, "warehouse");
      /* a number, or an object with the name */
      if ((quirk + i) % 2 && s->warehouse_name != NULL)
        {
          gboolean g = TRUE;
          g_string_append_c (out, '{');
          add_int (out, &g, "id", s->warehouse_id, FALSE);
          add_text (out, &g, "name", s->warehouse_name);
          g_string_append_c (out, '}');
        }
      else
        g_string_append_printf (out, "%" G_GINT64_FORMAT, s->warehouse_id);
      add_int (out, &f, "stock", s->stock, (quirk + i) % 3 == 0);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

static void
add_images (GString *out, gboolean *first, const char *url, guint64 quirk)
{
  key (out, first, "images");
  g_string_append_c (out, '[');
  if (url != NULL)
    {
      gboolean f = TRUE;
      /* a size chart first in the list, which the image rules must skip */
      if (quirk % 5 == 0)
        g_string_append (out, "{\"url\":\"https://cdn.ciro.invalid/p/beden-tablosu.jpg\",\"order\":0},");
      g_string_append_c (out, '{');
      add_text (out, &f, "url", url);
      if (quirk % 3)
        add_int (out, &f, "order", 1, FALSE);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

void
ciro_demo_product_write_json (GString *out, const CiroProductRecord *p)
{
  guint64 q = (guint64) p->id;
  gboolean f = TRUE;

  g_string_append_c (out, '{');
  add_int (out, &f, "id", p->id, FALSE);
  add_int (out, &f, "category_id", p->category_id, FALSE);
  if (q % 7 != 0)   /* the category name is sometimes absent */
    add_text (out, &f, "category", p->category);
  add_text (out, &f, "sku", p->sku);
  add_text (out, &f, "name", p->name);
  add_text (out, &f, "brand", p->brand);
  add_text (out, &f, "barcode", p->barcode);
  add_money (out, &f, "purchase_price", p->purchase_price, q);
  add_money (out, &f, "sale_price", p->sale_price, q + 1);
  if (p->vat_rate != 1000 || q % 2)   /* 10 when absent */
    add_int (out, &f, "vat_rate", p->vat_rate / 100, FALSE);
  add_text (out, &f, "currency", p->currency);
  add_stocks (out, &f, p->stocks, q);
  add_images (out, &f, p->image_url, q);
  key (out, &f, "variants");
  g_string_append_c (out, '[');
  for (guint i = 0; i < p->variants->len; i++)
    {
      const CiroVariantRecord *v = p->variants->pdata[i];
      gboolean g = TRUE, m = TRUE;

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      add_int (out, &g, "id", v->id, FALSE);
      add_text (out, &g, "sku", v->sku);
      add_text (out, &g, "barcode", v->barcode);
      add_text (out, &g, "color", v->color);
      key (out, &g, "model");
      g_string_append_c (out, '{');
      add_text (out, &m, "name", v->model_name);
      add_text (out, &m, "value", v->model_value);
      g_string_append_c (out, '}');
      if (v->has_purchase_price)
        {
          add_money (out, &g, "purchase_price", v->purchase_price, q + i);
          add_int (out, &g, "vat_rate", v->vat_rate / 100, FALSE);
        }
      add_stocks (out, &g, v->stocks, q + i);
      add_images (out, &g, v->image_url, q + i + 1);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
}

void
ciro_demo_order_write_json (GString *out, const CiroOrderRecord *o)
{
  guint64 q = (guint64) o->id;
  g_autofree char *date = ciro_datetime_format (o->day, o->seconds);
  gboolean f = TRUE;

  if (q % 4 == 1)
    date[10] = 'T';   /* "2025-10-17T14:32:05" */
  g_string_append_c (out, '{');
  add_int (out, &f, "id", o->id, FALSE);
  add_text (out, &f, "order_code", o->order_code);
  add_text (out, &f, "order_date", date);
  add_text (out, &f, "created_at", o->created_at);
  add_text (out, &f, "updated_at", o->updated_at);
  add_text (out, &f, "source", o->source);
  add_text (out, &f, "shop", o->shop);
  add_int (out, &f, "status", o->status, q % 9 == 0);
  add_money (out, &f, "total", o->total, q);
  add_money (out, &f, "shipping_total", o->shipping_total, q + 1);
  add_money (out, &f, "carrying_charge", o->carrying_charge, q + 2);
  add_money (out, &f, "service_fee", o->service_fee, q + 3);
  add_text (out, &f, "cargo_provider", o->cargo_provider);
  add_text (out, &f, "cargo_number", o->cargo_number);
  add_text (out, &f, "has_invoice", o->has_invoice);
  add_text (out, &f, "invoice_type", o->invoice_type);
  add_text (out, &f, "invoice_number", o->invoice_number);
  if (o->customer_id != 0)
    {
      gboolean c = TRUE;
      key (out, &f, "customer");
      g_string_append_c (out, '{');
      add_int (out, &c, "id", o->customer_id, FALSE);
      add_text (out, &c, "name", o->customer_name);
      add_text (out, &c, "mail_address", o->customer_email);
      add_text (out, &c, "phone", o->customer_phone);
      g_string_append_c (out, '}');
    }
  {
    gboolean a = TRUE;
    key (out, &f, "shipment_address");
    g_string_append_c (out, '{');
    add_text (out, &a, "city", o->city);
    add_text (out, &a, "district", o->district);
    add_text (out, &a, "country", o->country);
    g_string_append_c (out, '}');
  }
  /* older payloads call the lines "items" */
  key (out, &f, q % 10 == 3 ? "items" : "lines");
  g_string_append_c (out, '[');
  for (guint i = 0; i < o->lines->len; i++)
    {
      const CiroOrderLineRecord *l = o->lines->pdata[i];
      gboolean g = TRUE;

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append_c (out, '{');
      add_int (out, &g, "id", l->line_id, FALSE);
      add_text (out, &g, "sku", l->sku);
      add_text (out, &g, "name", l->name);
      add_text (out, &g, "barcode", l->barcode);
      add_text (out, &g, "color", l->color);
      add_text (out, &g, "status", l->status);
      add_int (out, &g, "quantity", l->quantity, (q + i) % 4 == 0);
      add_money (out, &g, "price", l->price, q + i);
      add_money (out, &g, "discount", l->discount, q + i + 1);
      add_money (out, &g, "amount", l->amount, q + i + 2);
      if (l->vat_rate != CIRO_VAT_RATE_ABSENT)
        add_int (out, &g, "vat_rate", l->vat_rate / 100, FALSE);
      g_string_append_c (out, '}');
    }
  g_string_append (out, "]}");
}
