/* ciro-baskets.h: products bought together (insights.md §5)
 *
 * Transactions are the net orders of the window with at least one matched
 * line; a transaction's items are the distinct parent products of its
 * matched lines. N is the number of such orders, count(X) the number of
 * them holding every product of X. Itemsets of 2 and 3 products with
 * count(X) ≥ min_count are listed with
 *   support    = count(X) / N,
 *   confidence = count(A ∪ B) / count(A) for a rule A → B,
 *   lift       = count(A ∪ B) × N / (count(A) × count(B)).
 * A pair has one lift; a triple's lift here is the lowest over its three
 * splits {two} → {one}, so that each of its products adds to the others.
 * Bundles are the itemsets with lift ≥ 1.5, ranked by count × (lift − 1).
 *
 * Every count is exact: items below min_count cannot be in a listed pair,
 * pairs below it cannot be in a listed triple (a subset is in at least as
 * many orders), so the engine counts, in one pass over the transactions,
 * every pair of frequent products and then every triple whose three pairs
 * are frequent — the same sets FP-growth would find.
 *
 * Like ciro-report.h: blocking, no GTK, one CiroStore per thread.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-report.h"

G_BEGIN_DECLS

#define CIRO_BASKETS_DEFAULT_MIN_COUNT 5
#define CIRO_BASKETS_BUNDLE_MIN_LIFT   1.5

typedef struct {
  guint   size;             /* 2 or 3 */
  gint64  items[3];         /* parent product ids, ascending; items[2] = 0 in a pair */
  gint64  count;            /* count(X) */
  gint64  item_count[3];    /* count({items[i]}) */
  double  support;          /* count / N */
  /* confidence[i] of the rule (X ∖ {items[i]}) → {items[i]}: in a pair,
   * confidence[1] is items[0] → items[1] */
  double  confidence[3];
  double  lift;             /* of the pair; a triple's lowest over its splits */
  double  score;            /* count × (lift − 1) */
} CiroBasketSet;

typedef struct {
  gint64     id;
  char      *sku;
  char      *name;
  CiroKurus  price;          /* the catalogue's sale price */
  gboolean   cost_known;
  CiroKurus  cost;           /* unit cost with VAT at the window's end (metrics.md) */
  /* profit.md's view: the price less the KDV in it at the product's rate,
   * and the purchase price without VAT of the same cost entry */
  CiroKurus  price_ex_vat;
  CiroKurus  cost_ex_vat;
} CiroBasketProduct;

typedef struct {
  CiroKurus  price;          /* Σ price */
  gboolean   has_margin;     /* every cost known and price > 0 */
  CiroKurus  cost;           /* Σ cost, when has_margin */
  CiroKurus  margin;         /* price − cost */
  double     margin_pct;     /* margin / price × 100 */
  /* after VAT settlement (profit.md), from the same products: */
  CiroKurus  price_ex_vat;   /* Σ price − the KDV in it */
  CiroKurus  cost_ex_vat;    /* Σ purchase price without VAT, when has_margin */
  CiroKurus  margin_ex_vat;  /* price_ex_vat − cost_ex_vat */
  double     margin_ex_vat_pct; /* margin_ex_vat / price_ex_vat × 100 (0 when that is ≤ 0) */
} CiroBundleValue;

typedef struct {
  guint   min_count;        /* 0: the default */
  guint   max_size;         /* 2: pairs only; 3 (or 0): pairs and triples */
  gint64  product;          /* > 0: only the itemsets holding this product */
} CiroBasketOptions;

typedef struct {
  gint64      transactions;  /* N */
  gint64      min_count;
  GArray     *pairs;         /* CiroBasketSet, by count, then lift, then items */
  GArray     *triples;       /* likewise */
  GArray     *bundles;       /* CiroBasketSet of both sizes, by score, then count */
  GHashTable *products;      /* gint64 id → CiroBasketProduct of every listed product */
} CiroBaskets;

typedef enum {
  CIRO_BASKET_SORT_COUNT,
  CIRO_BASKET_SORT_LIFT,
} CiroBasketSort;

CiroBaskets *ciro_report_baskets (CiroStore               *store,
                                  const CiroReportFilter  *filter,
                                  const CiroBasketOptions *options,
                                  GError                 **error);
void         ciro_baskets_free   (CiroBaskets *baskets);

/* Re-sorts an array of CiroBasketSet: by count (then lift) or by lift (then
 * count), then by the items. */
void         ciro_baskets_sort   (GArray        *sets,
                                  CiroBasketSort sort);
/* A product's partners: the pairs holding it, by count then confidence,
 * at most `limit` (0: all). Elements: CiroBasketSet (copies). */
GArray      *ciro_baskets_together (const CiroBaskets *baskets,
                                    gint64             product,
                                    guint              limit);
/* The confidence of "bought `product` → also bought the other" in a pair. */
double       ciro_basket_set_confidence_from (const CiroBasketSet *set,
                                              gint64               product);
const CiroBasketProduct *ciro_baskets_product (const CiroBaskets *baskets,
                                               gint64             id);
/* "SKU-1 + SKU-2 (+ SKU-3)" */
char        *ciro_basket_set_skus   (const CiroBaskets   *baskets,
                                     const CiroBasketSet *set);
/* "Name 1 + Name 2 (+ Name 3)" */
char        *ciro_basket_set_names  (const CiroBaskets   *baskets,
                                     const CiroBasketSet *set);
void         ciro_basket_set_value  (const CiroBaskets   *baskets,
                                     const CiroBasketSet *set,
                                     CiroBundleValue     *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroBaskets, ciro_baskets_free)

G_END_DECLS
