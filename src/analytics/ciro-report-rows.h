/* ciro-report-rows.h: the store's orders row by row, for exports
 *
 * A sales report of a million orders is never held in memory: an iterator
 * hands out one row at a time, straight from the store. Strings in a row
 * stay valid until the next call to _next().
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-report.h"

G_BEGIN_DECLS

/* One line of an order, or the order itself when it has no lines. The
 * order's own amounts (its shipping income, and for a net order its
 * shipping expense) are on its first row and 0 on the others, so that a
 * column adds up to the KPI of metrics.md. */
typedef struct {
  gint64      order_id;
  CiroDay     day;
  gint32      seconds;
  const char *order_code;
  const char *marketplace;
  const char *shop;
  gboolean    cancelled;         /* status 6: cancelled or returned */
  gboolean    has_line;          /* FALSE: an order without lines */
  gboolean    first_of_order;    /* the order's own amounts are on this row */
  const char *sku;
  const char *product;           /* the matched product's name, else the line's */
  gint64      quantity;
  CiroKurus   unit_price;
  CiroKurus   amount;
  CiroKurus   cost;              /* quantity × unit cost with VAT; 0 when unmatched */
  CiroKurus   commission;
  CiroKurus   shipping_income;   /* the order's shipping_total, first row only */
  CiroKurus   shipping_expense;  /* per-order cost of a net order, first row only */
} CiroSalesRow;

typedef struct _CiroSalesIter CiroSalesIter;

/* Rows of the window's orders by order time, then order, then line. */
CiroSalesIter *ciro_sales_iter_new  (CiroStore              *store,
                                     const CiroReportFilter *filter,
                                     GError                **error);
/* The next row, or NULL at the end or on an error (then `error` is set). */
const CiroSalesRow *ciro_sales_iter_next (CiroSalesIter *self,
                                          GError       **error);
void           ciro_sales_iter_free (CiroSalesIter *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroSalesIter, ciro_sales_iter_free)

/* One customer's orders in the window. */
typedef struct {
  const char *name;
  const char *email;
  const char *phone;
  const char *city;              /* of the customer's latest order */
  gint64      net_orders;
  gint64      cancel_return_orders;
  CiroKurus   net_spend;         /* line amounts + shipping of net orders */
  CiroDay     last_order;
} CiroCustomerRow;

typedef struct _CiroCustomerIter CiroCustomerIter;

/* Customers by net spend descending, then name. */
CiroCustomerIter *ciro_customer_iter_new  (CiroStore              *store,
                                           const CiroReportFilter *filter,
                                           GError                **error);
const CiroCustomerRow *ciro_customer_iter_next (CiroCustomerIter *self,
                                                GError          **error);
void              ciro_customer_iter_free (CiroCustomerIter *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroCustomerIter, ciro_customer_iter_free)

G_END_DECLS
