/* ciro-product-item.c: one product's figures in a list model
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <math.h>
#include <string.h>

#include "core/ciro-text.h"
#include "ciro-product-item.h"

struct _CiroProductItem
{
  GObject        parent_instance;
  CiroProductRow row;
  char          *folded;         /* name, SKU and codes, folded for search */
  char          *collate_name;
  char          *image_url;
  gboolean       after_vat;
};

G_DEFINE_FINAL_TYPE (CiroProductItem, ciro_product_item, G_TYPE_OBJECT)

static void
ciro_product_item_finalize (GObject *object)
{
  CiroProductItem *self = CIRO_PRODUCT_ITEM (object);

  g_free (self->row.sku);
  g_free (self->row.name);
  g_free (self->row.brand);
  g_free (self->row.category);
  g_free (self->folded);
  g_free (self->collate_name);
  g_free (self->image_url);
  G_OBJECT_CLASS (ciro_product_item_parent_class)->finalize (object);
}

static void
ciro_product_item_class_init (CiroProductItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ciro_product_item_finalize;
}

static void
ciro_product_item_init (CiroProductItem *self)
{
}

CiroProductItem *
ciro_product_item_new (const CiroProductRow *row, const char *codes)
{
  CiroProductItem *self = g_object_new (CIRO_TYPE_PRODUCT_ITEM, NULL);
  g_autofree char *all = NULL;

  self->row = *row;
  self->row.strings = NULL;
  self->row.sku = g_strdup (row->sku);
  self->row.name = g_strdup (row->name);
  self->row.brand = g_strdup (row->brand);
  self->row.category = g_strdup (row->category);
  all = g_strjoin ("\n", row->name ? row->name : "", row->sku ? row->sku : "", codes ? codes : "", NULL);
  self->folded = ciro_search_key (all);
  self->collate_name = g_utf8_collate_key (row->name ? row->name : "", -1);
  return self;
}

const CiroProductRow *
ciro_product_item_get_row (CiroProductItem *self)
{
  g_return_val_if_fail (CIRO_IS_PRODUCT_ITEM (self), NULL);
  return &self->row;
}

void
ciro_product_item_set_image_url (CiroProductItem *self, const char *url)
{
  g_return_if_fail (CIRO_IS_PRODUCT_ITEM (self));
  g_free (self->image_url);
  self->image_url = g_strdup (url);
}

const char *
ciro_product_item_get_image_url (CiroProductItem *self)
{
  g_return_val_if_fail (CIRO_IS_PRODUCT_ITEM (self), NULL);
  return self->image_url;
}

gboolean
ciro_product_item_matches (CiroProductItem *self, const char *needle)
{
  g_return_val_if_fail (CIRO_IS_PRODUCT_ITEM (self), FALSE);
  return needle == NULL || *needle == '\0' || strstr (self->folded, needle) != NULL;
}

static int
cmp_i (gint64 a, gint64 b)
{
  return (a > b) - (a < b);
}

static int
cmp_d (double a, double b)
{
  return (a > b) - (a < b);
}

int
ciro_product_item_compare (CiroProductItem *a, CiroProductItem *b, CiroProductColumn column)
{
  const CiroProductRow *x = &a->row, *y = &b->row;
  int c;

  switch (column)
    {
    case CIRO_PRODUCT_COL_NAME: c = strcmp (a->collate_name, b->collate_name); break;
    case CIRO_PRODUCT_COL_SKU: c = g_strcmp0 (x->sku, y->sku); break;
    case CIRO_PRODUCT_COL_BRAND: c = g_utf8_collate (x->brand ? x->brand : "", y->brand ? y->brand : ""); break;
    case CIRO_PRODUCT_COL_CATEGORY:
      c = g_utf8_collate (x->category ? x->category : "", y->category ? y->category : "");
      break;
    case CIRO_PRODUCT_COL_REVENUE: c = cmp_i (x->revenue, y->revenue); break;
    case CIRO_PRODUCT_COL_UNITS: c = cmp_i (x->units, y->units); break;
    case CIRO_PRODUCT_COL_ORDERS: c = cmp_i (x->orders, y->orders); break;
    case CIRO_PRODUCT_COL_COST: c = cmp_i (x->cost, y->cost); break;
    case CIRO_PRODUCT_COL_COMMISSION: c = cmp_i (x->commission, y->commission); break;
    case CIRO_PRODUCT_COL_PROFIT: c = cmp_i (ciro_product_item_get_profit (a), ciro_product_item_get_profit (b)); break;
    case CIRO_PRODUCT_COL_MARGIN: c = cmp_d (ciro_product_item_get_margin (a), ciro_product_item_get_margin (b)); break;
    case CIRO_PRODUCT_COL_RETURN_RATE: c = cmp_d (x->return_rate_pct, y->return_rate_pct); break;
    case CIRO_PRODUCT_COL_STOCK: c = cmp_i (x->stock, y->stock); break;
    case CIRO_PRODUCT_COL_DAILY_SALES: c = cmp_d (x->daily_sales, y->daily_sales); break;
    case CIRO_PRODUCT_COL_DAYS_OF_STOCK:
      c = cmp_d (x->has_days_of_stock ? x->days_of_stock : INFINITY, y->has_days_of_stock ? y->days_of_stock : INFINITY);
      break;
    case CIRO_PRODUCT_COL_SCORE:
    case CIRO_PRODUCT_N_COLUMNS:
    default: c = cmp_d (x->score, y->score); break;
    }
  if (c == 0)
    c = cmp_i (x->product_key, y->product_key);
  return c;
}

static int
sorter_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  return ciro_product_item_compare ((CiroProductItem *) a, (CiroProductItem *) b,
                                    (CiroProductColumn) GPOINTER_TO_INT (data));
}

GtkSorter *
ciro_product_sorter_new (CiroProductColumn column)
{
  return GTK_SORTER (gtk_custom_sorter_new (sorter_compare, GINT_TO_POINTER (column), NULL));
}

void
ciro_product_item_set_after_vat (CiroProductItem *self, gboolean after_vat)
{
  g_return_if_fail (CIRO_IS_PRODUCT_ITEM (self));
  self->after_vat = !!after_vat;
}

gboolean
ciro_product_item_get_after_vat (CiroProductItem *self)
{
  g_return_val_if_fail (CIRO_IS_PRODUCT_ITEM (self), FALSE);
  return self->after_vat;
}

CiroKurus
ciro_product_item_get_profit (CiroProductItem *self)
{
  g_return_val_if_fail (CIRO_IS_PRODUCT_ITEM (self), 0);
  return self->after_vat ? self->row.profit_ex_vat : self->row.profit;
}

double
ciro_product_item_get_margin (CiroProductItem *self)
{
  g_return_val_if_fail (CIRO_IS_PRODUCT_ITEM (self), 0);
  return self->after_vat ? self->row.margin_ex_vat_pct : self->row.margin_pct;
}
