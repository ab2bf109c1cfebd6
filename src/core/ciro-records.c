/* ciro-records.c
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "ciro-records.h"

static void
stock_record_clear (gpointer data)
{
  CiroStockRecord *s = data;
  g_clear_pointer (&s->warehouse_name, g_free);
}

static GArray *
stock_array_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (CiroStockRecord));
  g_array_set_clear_func (a, stock_record_clear);
  return a;
}

CiroStockRecord *
ciro_stock_record_append (GArray *stocks, gint64 warehouse_id, const char *name, gint64 stock)
{
  CiroStockRecord rec = { warehouse_id, g_strdup (name), stock };
  g_array_append_val (stocks, rec);
  return &g_array_index (stocks, CiroStockRecord, stocks->len - 1);
}

CiroVariantRecord *
ciro_variant_record_new (void)
{
  CiroVariantRecord *self = g_new0 (CiroVariantRecord, 1);
  self->vat_rate = 1000;
  self->stocks = stock_array_new ();
  return self;
}

void
ciro_variant_record_free (CiroVariantRecord *self)
{
  if (self == NULL)
    return;
  g_free (self->sku);
  g_free (self->barcode);
  g_free (self->color);
  g_free (self->model_name);
  g_free (self->model_value);
  g_free (self->image_url);
  g_array_unref (self->stocks);
  g_free (self);
}

CiroProductRecord *
ciro_product_record_new (void)
{
  CiroProductRecord *self = g_new0 (CiroProductRecord, 1);
  self->vat_rate = 1000;
  self->stocks = stock_array_new ();
  self->variants = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_variant_record_free);
  return self;
}

void
ciro_product_record_free (CiroProductRecord *self)
{
  if (self == NULL)
    return;
  g_free (self->category);
  g_free (self->sku);
  g_free (self->name);
  g_free (self->brand);
  g_free (self->barcode);
  g_free (self->currency);
  g_free (self->image_url);
  g_array_unref (self->stocks);
  g_ptr_array_unref (self->variants);
  g_free (self);
}

static gint64
sum_stocks (GArray *stocks)
{
  gint64 total = 0;
  for (guint i = 0; i < stocks->len; i++)
    total += g_array_index (stocks, CiroStockRecord, i).stock;
  return total;
}

gint64
ciro_product_record_total_stock (const CiroProductRecord *self)
{
  gint64 total = 0;

  if (self->variants->len == 0)
    return sum_stocks (self->stocks);
  for (guint i = 0; i < self->variants->len; i++)
    total += sum_stocks (((CiroVariantRecord *) self->variants->pdata[i])->stocks);
  return total;
}

CiroOrderLineRecord *
ciro_order_line_record_new (void)
{
  CiroOrderLineRecord *self = g_new0 (CiroOrderLineRecord, 1);
  self->vat_rate = CIRO_VAT_RATE_ABSENT;
  return self;
}

void
ciro_order_line_record_free (CiroOrderLineRecord *self)
{
  if (self == NULL)
    return;
  g_free (self->sku);
  g_free (self->name);
  g_free (self->barcode);
  g_free (self->color);
  g_free (self->model_name);
  g_free (self->model_value);
  g_free (self->status);
  g_free (self);
}

CiroOrderRecord *
ciro_order_record_new (void)
{
  CiroOrderRecord *self = g_new0 (CiroOrderRecord, 1);
  self->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ciro_order_line_record_free);
  return self;
}

void
ciro_order_record_free (CiroOrderRecord *self)
{
  if (self == NULL)
    return;
  g_free (self->order_code);
  g_free (self->created_at);
  g_free (self->updated_at);
  g_free (self->source);
  g_free (self->marketplace);
  g_free (self->shop);
  g_free (self->cargo_provider);
  g_free (self->cargo_number);
  g_free (self->has_invoice);
  g_free (self->invoice_type);
  g_free (self->invoice_number);
  g_free (self->customer_name);
  g_free (self->customer_email);
  g_free (self->customer_phone);
  g_free (self->city);
  g_free (self->district);
  g_free (self->country);
  g_ptr_array_unref (self->lines);
  g_free (self);
}
