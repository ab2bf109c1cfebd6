/* ciro-records.h: products and orders as Sentos describes them, parsed
 *
 * These plain structs are what the JSON parser (sync/), the demo generator
 * (demo/) and the store's writers share. Strings are owned (g_free), NULL when
 * absent. Money in kuruş, rates in basis points.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "ciro-types.h"

G_BEGIN_DECLS

typedef struct {
  gint64 warehouse_id;
  char  *warehouse_name;   /* NULL when the API gave only a number */
  gint64 stock;
} CiroStockRecord;

typedef struct {
  gint64          id;
  char           *sku;
  char           *barcode;
  char           *color;
  char           *model_name;
  char           *model_value;
  gboolean        has_purchase_price; /* variants often carry none: the parent's applies */
  CiroKurus       purchase_price;     /* excluding VAT */
  CiroBasisPoints vat_rate;
  GArray         *stocks;             /* CiroStockRecord */
  char           *image_url;          /* already chosen by the image rules, or NULL */
} CiroVariantRecord;

typedef struct {
  gint64          id;
  gint64          category_id;
  char           *category;
  char           *sku;
  char           *name;
  char           *brand;
  char           *barcode;
  CiroKurus       purchase_price;     /* excluding VAT */
  CiroKurus       sale_price;
  CiroBasisPoints vat_rate;           /* 1000 when absent */
  char           *currency;
  GArray         *stocks;             /* CiroStockRecord, the product's own */
  char           *image_url;
  GPtrArray      *variants;           /* CiroVariantRecord */
} CiroProductRecord;

typedef struct {
  gint64          line_id;            /* may be 0 or repeat: the key is the position */
  char           *sku;
  char           *name;
  char           *barcode;
  char           *color;
  char           *model_name;
  char           *model_value;
  char           *status;             /* "accepted" / "rejected" / other */
  gint64          quantity;
  CiroKurus       price;
  CiroKurus       discount;
  CiroKurus       amount;             /* line total after discount */
  CiroBasisPoints vat_rate;           /* CIRO_VAT_RATE_ABSENT when Sentos gave none */
} CiroOrderLineRecord;

/* A line without a VAT rate of its own: profit.md takes the matched
 * product's, else 20 % (ciro_store_put_order decides, knowing the match). */
#define CIRO_VAT_RATE_ABSENT (-1)
#define CIRO_VAT_RATE_FALLBACK 2000

typedef struct {
  gint64     id;
  char      *order_code;
  CiroDay    day;                     /* local date of order_date */
  gint32     seconds;                 /* local time of day of order_date */
  char      *created_at;
  char      *updated_at;
  char      *source;                  /* as Sentos sent it */
  char      *marketplace;             /* normalised; NULL → computed from source */
  char      *shop;
  gint32     status;
  CiroKurus  total;
  CiroKurus  shipping_total;
  CiroKurus  carrying_charge;
  CiroKurus  service_fee;
  char      *cargo_provider;
  char      *cargo_number;
  char      *has_invoice;
  char      *invoice_type;
  char      *invoice_number;
  gint64     customer_id;             /* 0 when none */
  char      *customer_name;
  char      *customer_email;
  char      *customer_phone;
  char      *city;
  char      *district;
  char      *country;
  GPtrArray *lines;                   /* CiroOrderLineRecord, in the order's list order */
} CiroOrderRecord;

#define CIRO_ORDER_STATUS_CANCELLED 6
/* the same in SQL text: "… WHERE o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL */
#define CIRO_ORDER_STATUS_CANCELLED_SQL G_STRINGIFY (CIRO_ORDER_STATUS_CANCELLED)

CiroStockRecord     *ciro_stock_record_append   (GArray *stocks, gint64 warehouse_id, const char *name, gint64 stock);

CiroVariantRecord   *ciro_variant_record_new    (void);
void                 ciro_variant_record_free   (CiroVariantRecord *self);
CiroProductRecord   *ciro_product_record_new    (void);
void                 ciro_product_record_free   (CiroProductRecord *self);
/* Stock of a product: Σ over its variants' stocks when it has variants, else its own. */
gint64               ciro_product_record_total_stock (const CiroProductRecord *self);

CiroOrderLineRecord *ciro_order_line_record_new  (void);
void                 ciro_order_line_record_free (CiroOrderLineRecord *self);
CiroOrderRecord     *ciro_order_record_new       (void);
void                 ciro_order_record_free      (CiroOrderRecord *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroProductRecord, ciro_product_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroVariantRecord, ciro_variant_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroOrderRecord, ciro_order_record_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroOrderLineRecord, ciro_order_line_record_free)

G_END_DECLS
