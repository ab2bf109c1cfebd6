/* ciro-sku-map-row.h: an unknown SKU with a button to say which product it is
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CIRO_TYPE_SKU_MAP_ROW (ciro_sku_map_row_get_type ())
G_DECLARE_FINAL_TYPE (CiroSkuMapRow, ciro_sku_map_row, CIRO, SKU_MAP_ROW, AdwActionRow)

/* products: CiroProductRef, the choices; folded: each product's "name sku",
 * folded with ciro_tr_fold, in the same order. Both are kept (a reference),
 * not copied. "chosen" (const char *product_sku) is emitted when one is chosen. */
GtkWidget  *ciro_sku_map_row_new     (const char *sku,
                                      const char *subtitle,
                                      GArray     *products,
                                      GPtrArray  *folded);
const char *ciro_sku_map_row_get_sku (CiroSkuMapRow *self);
/* Shows the best suggestion under the subtitle (`text`, for people) with
 * an Accept button that emits "chosen" with `product_sku`. */
void        ciro_sku_map_row_set_suggestion (CiroSkuMapRow *self,
                                             const char    *text,
                                             const char    *product_sku);
/* The suggestion's product SKU, or NULL. */
const char *ciro_sku_map_row_get_suggested (CiroSkuMapRow *self);

G_END_DECLS
