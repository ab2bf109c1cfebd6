/* ciro-product-item.h: one product's figures in a list model, with the
 * orders and the search the Products page uses
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "analytics/ciro-report.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_PRODUCT_COL_NAME,
  CIRO_PRODUCT_COL_SKU,
  CIRO_PRODUCT_COL_BRAND,
  CIRO_PRODUCT_COL_CATEGORY,
  CIRO_PRODUCT_COL_REVENUE,
  CIRO_PRODUCT_COL_UNITS,
  CIRO_PRODUCT_COL_ORDERS,
  CIRO_PRODUCT_COL_COST,
  CIRO_PRODUCT_COL_COMMISSION,
  CIRO_PRODUCT_COL_PROFIT,
  CIRO_PRODUCT_COL_MARGIN,
  CIRO_PRODUCT_COL_RETURN_RATE,
  CIRO_PRODUCT_COL_STOCK,
  CIRO_PRODUCT_COL_DAILY_SALES,
  CIRO_PRODUCT_COL_DAYS_OF_STOCK,
  CIRO_PRODUCT_COL_SCORE,
  CIRO_PRODUCT_N_COLUMNS,
} CiroProductColumn;

#define CIRO_TYPE_PRODUCT_ITEM (ciro_product_item_get_type ())
G_DECLARE_FINAL_TYPE (CiroProductItem, ciro_product_item, CIRO, PRODUCT_ITEM, GObject)

/* Copies the row; `codes` are its barcodes and variant SKUs (may be NULL). */
CiroProductItem      *ciro_product_item_new     (const CiroProductRow *row,
                                                 const char           *codes);
const CiroProductRow *ciro_product_item_get_row (CiroProductItem *self);
/* The product's picture, or NULL. */
void                  ciro_product_item_set_image_url (CiroProductItem *self, const char *url);
const char           *ciro_product_item_get_image_url (CiroProductItem *self);
/* `needle` folded with ciro_tr_fold: found in the name, SKU or a code. */
gboolean              ciro_product_item_matches (CiroProductItem *self,
                                                 const char      *needle);
/* Ascending by the column: numbers as numbers (∞ days after every number),
 * text by collation; ties by product. */
int                   ciro_product_item_compare (CiroProductItem  *a,
                                                 CiroProductItem  *b,
                                                 CiroProductColumn column);
/* A sorter on the column, for a GtkColumnView. */
GtkSorter            *ciro_product_sorter_new   (CiroProductColumn column);

/* profit.md: whether the item's profit and margin (shown, sorted, ranked)
 * are those after VAT settlement (profit_ex_vat, margin_ex_vat_pct) or
 * metrics.md's; FALSE until set. */
void                  ciro_product_item_set_after_vat (CiroProductItem *self, gboolean after_vat);
gboolean              ciro_product_item_get_after_vat (CiroProductItem *self);
CiroKurus             ciro_product_item_get_profit    (CiroProductItem *self);
double                ciro_product_item_get_margin    (CiroProductItem *self);

G_END_DECLS
