/* ciro-report-live.h: the Today page's hour-by-hour figures and order feed
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "analytics/ciro-report.h"

G_BEGIN_DECLS

typedef struct {
  gint64    net_orders;
  CiroKurus net_revenue;      /* lines + shipping of net orders, as in the summary */
} CiroHourRow;

/* The 24 hours (Istanbul) of `day`; `marketplace` NULL for all. */
gboolean ciro_report_hourly (CiroStore   *store,
                             CiroDay      day,
                             const char  *marketplace,
                             CiroHourRow  out[24],
                             GError     **error);

typedef struct {
  gint64    id;
  char     *order_code;
  CiroDay   day;
  gint32    seconds;
  char     *marketplace;
  CiroKurus amount;           /* lines + shipping */
  gboolean  cancelled;        /* status 6 */
} CiroFeedRow;

/* The newest orders by order time, newest first. Elements: CiroFeedRow,
 * cleared with the array. */
GArray  *ciro_report_latest_orders (CiroStore *store,
                                    guint      limit,
                                    GError   **error);

G_END_DECLS

G_BEGIN_DECLS

/* For finding a product by any of its codes: product id → its barcode and
 * its variants' SKUs and barcodes, space-separated. */
GHashTable *ciro_report_product_codes (CiroStore *store, GError **error);

G_END_DECLS

G_BEGIN_DECLS

typedef struct {
  gint64  id;
  char   *sku;
  char   *name;
} CiroProductRef;

/* Every product (parents), by name: what an unmatched SKU can be mapped
 * to. Elements: CiroProductRef, cleared with the array. */
GArray     *ciro_report_product_list  (CiroStore *store, GError **error);

G_END_DECLS

G_BEGIN_DECLS

/* Product id → the picture Sentos gave it (the first variant's when the
 * product has none), for products that have one. */
GHashTable *ciro_report_product_images (CiroStore *store, GError **error);

G_END_DECLS
