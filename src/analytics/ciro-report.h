/* ciro-report.h: every figure of metrics.md, computed from the store
 *
 * The window, ciro-cli and the exports call these and nothing else, so they
 * can never disagree. All functions block: call them off the main thread,
 * each thread with its own CiroStore connection.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/ciro-store.h"

G_BEGIN_DECLS

typedef struct {
  CiroDay from;            /* inclusive */
  CiroDay to;              /* inclusive */
  char   *marketplace;     /* normalised name, NULL = all */
} CiroReportFilter;

/* The KPI set of metrics.md "Summary"; JSON keys are the field names. */
typedef struct {
  gint64    gross_orders;
  gint64    gross_units;
  CiroKurus gross_revenue;
  gint64    cancel_return_orders;
  gint64    cancel_return_units;
  CiroKurus cancel_return_revenue;
  gint64    net_orders;
  gint64    net_units;
  CiroKurus net_revenue;
  CiroKurus shipping_income;
  CiroKurus product_cost;
  CiroKurus commission;
  CiroKurus shipping_expense;
  CiroKurus profit;
  double    margin_pct;
  CiroKurus aov;               /* rounded half away from zero to kuruş */
  double    return_rate_pct;
  gint64    unmatched_lines;
  CiroKurus unmatched_revenue;

  /* profit.md: after KDV settlement (ciro_profit_keys ()) */
  CiroKurus output_vat;
  CiroKurus net_revenue_ex_vat;
  CiroKurus product_cost_ex_vat;
  CiroKurus service_fees;
  CiroKurus fees_vat;
  CiroKurus input_vat;
  CiroKurus vat_payable;
  CiroKurus profit_ex_vat;
  double    margin_ex_vat_pct;
  gboolean  has_roi;           /* FALSE when product_cost_ex_vat is 0 (null in JSON) */
  double    roi_pct;
  CiroKurus ad_spend;
  CiroKurus expenses;
  CiroKurus operating_profit;

  /* The part of `commission` the marketplace reported (imported actual
   * fees); the rest is estimated from the rates. Not a key of its own. */
  CiroKurus commission_actual;
} CiroSummary;

typedef struct {
  CiroDay     date;
  CiroSummary s;
} CiroDailyRow;

typedef struct {
  char       *marketplace;
  double      share_pct;       /* of the window's net revenue */
  CiroSummary s;
} CiroMarketplaceRow;

typedef enum {
  CIRO_SORT_REVENUE,
  CIRO_SORT_PROFIT,
  CIRO_SORT_UNITS,
  CIRO_SORT_MARGIN,
  CIRO_SORT_SCORE,
  /* profit.md's view: profit_ex_vat, margin_ex_vat_pct (no names in
   * ciro_product_sort_from_string: the CLI ranks as metrics.md says) */
  CIRO_SORT_PROFIT_EX_VAT,
  CIRO_SORT_MARGIN_EX_VAT,
} CiroProductSort;

typedef struct {
  gint64    product_key;       /* Sentos id of the parent, or < 0 for an unmatched SKU */
  gboolean  matched;           /* FALSE: product_id is null in JSON */
  char     *sku;
  char     *name;
  char     *brand;
  char     *category;
  /* NULL when sku, name, brand and category are each allocated, else the
   * one block they all point into (a ranking's rows: one allocation a row
   * instead of four). Free the strings with ciro_product_row_clear_strings (). */
  gpointer  strings;
  CiroKurus revenue;
  gint64    units;
  gint64    orders;
  CiroKurus cost;
  CiroKurus commission;
  CiroKurus profit;
  double    margin_pct;
  CiroKurus output_vat;        /* KDV inside revenue */
  CiroKurus cost_ex_vat;
  CiroKurus profit_ex_vat;     /* revenue − output_vat − cost_ex_vat − commission */
  double    margin_ex_vat_pct; /* of revenue − output_vat; 0 when that is ≤ 0 */
  gboolean  has_roi;           /* FALSE when cost_ex_vat is 0 */
  double    roi_pct;           /* profit_ex_vat / cost_ex_vat × 100 */
  gint64    return_units;
  double    return_rate_pct;
  gint64    stock;
  double    daily_sales;
  gboolean  has_days_of_stock; /* FALSE = ∞ (no sales) */
  double    days_of_stock;
  double    score;
  /* metrics.md "Product performance": an unknown cost must never look like
   * a margin, and a product that did not sell has no margin or return rate.
   * An absent figure is 0 here, null in JSON and "—" for people. */
  gboolean  cost_known;        /* FALSE: an unmatched SKU, or sold without a purchase price */
  gboolean  has_margin;        /* cost_known and net units > 0 */
  gboolean  has_return_rate;   /* net units > 0 */
  gboolean  has_score;         /* as has_margin */
  gboolean  unranked;          /* no value for the ranking's key: sorted after the others */
} CiroProductRow;

typedef struct {
  gint64    product_id;
  char     *sku;
  char     *name;
  gint64    stock;
  double    daily_sales;
  gboolean  has_days_of_stock;
  double    days_of_stock;
  CiroDay   stock_out_date;    /* CIRO_DAY_INVALID when days_of_stock is ∞ */
  CiroDay   last_sale;         /* the last day with a net sale; CIRO_DAY_INVALID: never */
  gboolean  low_stock;
  gboolean  slow_moving;
  gboolean  dead_stock;
  gboolean  running_out;       /* in stock, runs out within the run-out setting's days */
  /* Σ over its variants (or itself) of the units in stock × today's unit
   * cost with VAT (metrics.md's cost rule: the user's cost, else the
   * variant's, else the product's). FALSE when a unit in stock has no known
   * cost: Ciro never invents one, so the value is absent, not too low. */
  gboolean  has_stock_value;
  CiroKurus stock_value;
} CiroStockRow;

/* The Stock page's lists and the Stock export's sections, in this order. */
typedef enum {
  CIRO_STOCK_LIST_LOW,
  CIRO_STOCK_LIST_RUNNING_OUT,
  CIRO_STOCK_LIST_SLOW,
  CIRO_STOCK_LIST_DEAD,
  CIRO_STOCK_N_LISTS,
} CiroStockList;

gboolean       ciro_stock_row_in_list     (const CiroStockRow *row,
                                           CiroStockList       list);
/* The order a list starts in, the most urgent first: low by stock, running
 * out by days of stock, slow by days of stock from the most (∞ first),
 * dead by stock from the most; then by product id. */
int            ciro_stock_row_list_compare (const CiroStockRow *x,
                                            const CiroStockRow *y,
                                            CiroStockList       list);

typedef struct {
  CiroDay     today;
  CiroDay     yesterday;
  gint32      until_seconds;   /* the time of day compared up to (86399: the whole day) */
  CiroSummary today_s;
  CiroSummary yesterday_s;     /* all of yesterday */
  CiroSummary yesterday_until_s; /* yesterday's orders up to until_seconds, inclusive */
  /* change_pct per summary key, in the order of CIRO_SUMMARY_KEYS, against
   * yesterday_until_s; NAN when that value is 0 (null in JSON) */
  double      change_pct[19];
  double      progress_pct;    /* today.net_revenue / yesterday.net_revenue, ≤ 100 */
} CiroTodayReport;

typedef struct {
  char     *sku;
  gint64    lines;
  gint64    units;
  CiroKurus revenue;
  CiroDay   last_day;
} CiroUnmatchedRow;

/* One order line with its order's day, code, marketplace and status. */
typedef struct {
  CiroDay   day;
  gint32    seconds;
  char     *order_code;
  char     *marketplace;
  char     *shop;
  gboolean  cancelled;         /* the order is cancelled or returned (status 6) */
  char     *sku;
  char     *name;              /* the matched product's name, else the line's */
  gint64    quantity;
  CiroKurus price;
  CiroKurus amount;
  CiroKurus cost;
  CiroKurus commission;
} CiroSalesLine;

/* Summary keys in a fixed order: JSON, CSV and the change table use it. */
#define CIRO_SUMMARY_N_KEYS 19
typedef enum {
  CIRO_VALUE_COUNT,
  CIRO_VALUE_MONEY,
  CIRO_VALUE_PERCENT,
} CiroValueKind;
typedef struct {
  const char   *key;           /* metrics.md key */
  const char   *label;         /* English label, translatable with _() */
  CiroValueKind kind;
} CiroSummaryKey;
const CiroSummaryKey *ciro_summary_keys (void);

/* The keys of profit.md, printed after the summary keys. */
#define CIRO_PROFIT_N_KEYS 13
const CiroSummaryKey *ciro_profit_keys (void);
/* The value of profit key i; FALSE when it is absent (roi_pct without cost). */
gboolean       ciro_profit_value      (const CiroSummary *s, guint i, double *value);
/* The value of key i as a double (money in kuruş). */
double         ciro_summary_value     (const CiroSummary *s, guint i);

void           ciro_report_filter_clear (CiroReportFilter *f);

gboolean       ciro_report_summary      (CiroStore              *store,
                                         const CiroReportFilter *filter,
                                         CiroSummary            *out,
                                         GError                **error);
/* Every day of the window, days without orders as zeros. */
GArray        *ciro_report_daily        (CiroStore              *store,
                                         const CiroReportFilter *filter,
                                         GError                **error);
/* Sorted by net_revenue descending (then name). Elements: CiroMarketplaceRow. */
GArray        *ciro_report_marketplaces (CiroStore              *store,
                                         const CiroReportFilter *filter,
                                         GError                **error);
/* All products with net or returned lines in the window, plus matched active
 * products without sales when include_idle, sorted by `sort` descending;
 * rows without a value for the key (no margin or score; profit of an
 * unknown cost) come after the others, by revenue. Elements: CiroProductRow. */
GArray        *ciro_report_products     (CiroStore              *store,
                                         const CiroReportFilter *filter,
                                         CiroProductSort         sort,
                                         gboolean                include_idle,
                                         GError                **error);
/* The "best" and "worst" lists of a ranking count the same products: those
 * with net units in the window (limit 0: all). Best keeps the ranking's
 * order; worst reads the ranked rows from the bottom, and the unranked ones
 * (no value for the key) still come last. */
GArray        *ciro_report_products_best  (GArray *ranking, guint limit);
GArray        *ciro_report_products_worst (GArray *ranking, guint limit);
/* Frees a row's sku, name, brand and category (however they were made)
 * and sets them to NULL. */
void           ciro_product_row_clear_strings (CiroProductRow *row);
/* TRUE when `row` has a value for `sort` (revenue and units always do). */
gboolean       ciro_product_row_has_key   (const CiroProductRow *row, CiroProductSort sort);
/* The ranking's order (< 0: x first): rows with a value for the key by it,
 * highest first, then revenue, then product_key; rows without one after
 * them, by revenue. */
int            ciro_product_row_rank_compare (const CiroProductRow *x,
                                              const CiroProductRow *y,
                                              CiroProductSort       sort);
/* Stock over the trailing window ending `today` (settings give the lengths
 * and threshold). Elements: CiroStockRow. */
GArray        *ciro_report_stock        (CiroStore   *store,
                                         CiroDay      today,
                                         GError     **error);
/* Today so far against yesterday up to the same time of day (Istanbul),
 * as of `now_seconds` after midnight; the progress bar against all of
 * yesterday. */
gboolean       ciro_report_today_at     (CiroStore       *store,
                                         CiroDay          today,
                                         gint32           now_seconds,
                                         const char      *marketplace,
                                         CiroTodayReport *out,
                                         GError         **error);
/* As of ciro_now () when `today` is its day, else at the end of `today`. */
gboolean       ciro_report_today        (CiroStore       *store,
                                         CiroDay          today,
                                         const char      *marketplace,
                                         CiroTodayReport *out,
                                         GError         **error);
/* The summary of the orders placed on the window's days up to a time of
 * day (seconds after midnight, inclusive; 86399 or more: whole days). */
gboolean       ciro_report_summary_until (CiroStore              *store,
                                          const CiroReportFilter *filter,
                                          gint32                  until_seconds,
                                          CiroSummary            *out,
                                          GError                **error);
/* SKUs of net lines with no matched product, by revenue descending.
 * Elements: CiroUnmatchedRow. */
GArray        *ciro_report_unmatched    (CiroStore *store, GError **error);

/* The `limit` lines of the window with the largest amount (then the
 * earliest), cancelled and returned ones included, and in *n_lines how many
 * lines the window holds in all. Elements: CiroSalesLine. */
GArray        *ciro_report_largest_lines (CiroStore              *store,
                                          const CiroReportFilter *filter,
                                          guint                   limit,
                                          gint64                 *n_lines,
                                          GError                **error);

gboolean       ciro_product_sort_from_string (const char *text, CiroProductSort *out);

G_END_DECLS
