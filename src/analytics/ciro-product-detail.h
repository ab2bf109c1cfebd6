/* ciro-product-detail.h: one product up close: its days, variants and
 * stock per warehouse, how its lines found their cost, its returns
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "analytics/ciro-report.h"

G_BEGIN_DECLS

typedef struct {
  CiroDay   date;
  gint64    units;
  CiroKurus revenue;
} CiroProductDay;

typedef struct {
  char   *sku;              /* the variant's, or the product's own */
  char   *label;            /* colour and size, or NULL */
  char   *warehouse;
  gint64  stock;
} CiroProductStock;

typedef struct {
  CiroDay   date;
  char     *order_code;
  char     *marketplace;
  gint64    units;
  CiroKurus amount;
} CiroProductReturn;

typedef struct {
  GArray *days;             /* CiroProductDay, every day of the window */
  GArray *stocks;           /* CiroProductStock, by SKU then warehouse */
  gint64  rules[CIRO_MATCH_N_RULES];   /* the window's lines by match rule */
  GArray *returns;          /* CiroProductReturn, newest first, at most 50 */
} CiroProductDetail;

/* `product_key` as in CiroProductRow (the parent's Sentos id). */
gboolean ciro_report_product_detail (CiroStore              *store,
                                     gint64                  product_key,
                                     const CiroReportFilter *filter,
                                     CiroProductDetail      *out,
                                     GError                **error);
void     ciro_product_detail_clear  (CiroProductDetail *detail);

G_END_DECLS
