/* ciro-categories.h: category figures (insights.md §1) from the store
 *
 * A net line's category is its matched parent product's category
 * (trimmed), else "#<category_id>", else the Uncategorised group; unmatched
 * lines form the Unmatched group, so the categories add up to the whole:
 * Σ revenue = net_revenue − shipping_income, Σ cost = product_cost and
 * Σ commission = commission of the summary of the same filter.
 *
 * Like ciro-report.h: blocking, no GTK, one CiroStore per thread.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-report.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_CATEGORY_NAMED,         /* the product's category text */
  CIRO_CATEGORY_ID,            /* only a category id: "#<id>" */
  CIRO_CATEGORY_NONE,          /* the product has neither: Kategorisiz */
  CIRO_CATEGORY_UNMATCHED,     /* lines without a matched product: Eşleşmeyen */
} CiroCategoryKind;

/* The stable names of the two groups in JSON and CSV (insights.md). */
#define CIRO_CATEGORY_NONE_NAME      "Kategorisiz"
#define CIRO_CATEGORY_UNMATCHED_NAME "Eşleşmeyen"

typedef struct {
  char            *category;   /* the name, "#<id>", or one of the names above */
  CiroCategoryKind kind;
  gint32           month;      /* ciro_day_month (); 0 in the window's rows */
  CiroKurus        revenue;    /* Σ net line amount */
  gint64           units;
  gint64           orders;     /* distinct net orders with a line in it */
  CiroKurus        cost;
  CiroKurus        commission;
  CiroKurus        profit;     /* revenue − cost − commission */
  gboolean         has_margin; /* net units > 0 and not the Unmatched group */
  double           margin_pct;
  gint64           return_units;
  gboolean         has_return_rate; /* net units > 0, as for products */
  double           return_rate_pct; /* return_units / (units + return_units) */
  gint64           products;   /* distinct products with a net line */
  double           share_pct;  /* of Σ net line amount of the window (or month) */
  gboolean         has_revenue_change;  /* FALSE when the previous revenue is 0 */
  double           revenue_change_pct;
  gboolean         has_profit_change;
  double           profit_change_pct;
  /* profit.md after VAT settlement, from the category rollups:
   * the KDV inside revenue, the cost without KDV, revenue − output_vat −
   * cost_ex_vat − commission, its margin of revenue − output_vat (0 when
   * that is ≤ 0 or has_margin is FALSE) and its change */
  CiroKurus        output_vat;
  CiroKurus        cost_ex_vat;
  CiroKurus        profit_ex_vat;
  double           margin_ex_vat_pct;
  gboolean         has_profit_ex_vat_change;
  double           profit_ex_vat_change_pct;
} CiroCategoryRow;

/* The window's categories with changes against the previous window of equal
 * length, by revenue descending (then name). Categories with only returned
 * lines are listed too. Elements: CiroCategoryRow. */
GArray     *ciro_report_categories       (CiroStore              *store,
                                          const CiroReportFilter *filter,
                                          GError                **error);
/* The same figures per calendar month of the window (edge months clipped to
 * it), by month, then revenue descending; share_pct of the month, no
 * changes. Elements: CiroCategoryRow. */
GArray     *ciro_report_category_months  (CiroStore              *store,
                                          const CiroReportFilter *filter,
                                          GError                **error);
/* The products of one category (its `category` as in a row above) in the
 * window, ranked like ciro_report_products (), at most `limit` (0: all).
 * Elements: CiroProductRow. */
GArray     *ciro_report_category_products (CiroStore              *store,
                                           const CiroReportFilter *filter,
                                           CiroCategoryKind        kind,
                                           const char             *category,
                                           CiroProductSort         sort,
                                           guint                   limit,
                                           GError                **error);
/* Tests only: above this many products sold only in a window's clipped
 * edge months, their edge days are read rather than looked up one by one
 * (both give the same products count). */
extern guint ciro_categories_max_edge_lookups;

/* The name for people: the two groups translated, others as stored. */
const char *ciro_category_display_name   (const CiroCategoryRow *row);

G_END_DECLS
