/* ciro-store-private.h: what store/ files share among themselves
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-store.h"

G_BEGIN_DECLS

/* ---- matcher: line → product, and cost at a date ---- */
typedef struct _CiroMatcher CiroMatcher;

typedef struct {
  CiroMatchRule rule;
  gint64        product_id;   /* parent; 0 when unmatched */
  gint64        variant_id;   /* 0 when the match is a product */
} CiroMatch;

CiroMatcher *ciro_matcher_load      (sqlite3 *db, GError **error);
void         ciro_matcher_free      (CiroMatcher *self);
void         ciro_matcher_match     (CiroMatcher *self,
                                     const char  *sku,
                                     const char  *barcode,
                                     CiroMatch   *out);
/* Unit cost with VAT in kuruş of a matched line on `day` (metrics.md). */
CiroKurus    ciro_matcher_unit_cost (CiroMatcher     *self,
                                     const CiroMatch *match,
                                     CiroDay          day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroMatcher, ciro_matcher_free)

/* ---- rollup deltas accumulated during a write transaction ---- */
typedef struct _CiroRollupDelta CiroRollupDelta;

typedef struct {
  gint64    product_key;
  gint64    quantity;
  CiroKurus amount;
  CiroKurus cost;
  CiroKurus commission;
  gboolean  unmatched;
} CiroRollupLine;

CiroRollupDelta *ciro_rollup_delta_new   (void);
void             ciro_rollup_delta_free  (CiroRollupDelta *self);
void             ciro_rollup_delta_clear (CiroRollupDelta *self);
/* Adds (sign = +1) or removes (sign = −1) one order's contribution. */
void             ciro_rollup_delta_add_order (CiroRollupDelta      *self,
                                              CiroDay               day,
                                              gint64                marketplace_id,
                                              gint32                status,
                                              CiroKurus             shipping_total,
                                              const CiroRollupLine *lines,
                                              guint                 n_lines,
                                              int                   sign);
gboolean         ciro_rollup_delta_flush (CiroRollupDelta *self,
                                          CiroStore       *store,
                                          GError         **error);

/* SQL functions the connection registers: ciro_month(day), ciro_apply_rate(amount, bp). */
void ciro_store_register_functions (sqlite3 *db);

G_END_DECLS
