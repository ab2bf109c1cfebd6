/* ciro-profit.h: the settings and entries behind profit after KDV
 *
 * Settings that apply "from a date on" (fee KDV rate, shipping KDV rate,
 * service fee per marketplace, commission by marketplace × category), and
 * the ad spend and other expenses the user enters. The figures themselves
 * are computed by analytics/ciro-report.c.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ciro-store.h"

G_BEGIN_DECLS

#define CIRO_RATE_FEE_VAT             "fee_vat"              /* basis points, 2000 */
#define CIRO_RATE_SHIPPING_VAT        "shipping_vat"         /* basis points, 2000 */
#define CIRO_RATE_SERVICE_FEE         "service_fee"          /* kuruş per net order, per marketplace, 0 */
#define CIRO_RATE_CATEGORY_COMMISSION "category_commission"  /* basis points, per marketplace × category */

#define CIRO_DEFAULT_FEE_VAT      2000
#define CIRO_DEFAULT_SHIPPING_VAT 2000

/* The KDV inside an amount that includes it at `rate` basis points:
 * amount × r / (100 + r), rounded half away from zero (profit.md). */
static inline CiroKurus
ciro_vat_part (CiroKurus amount, CiroBasisPoints rate)
{
  gint64 product;

  if (rate <= 0)
    return 0;
  if (!ciro_mul_checked (amount, rate, &product))
    return product;
  return ciro_div_round (product, 10000 + (gint64) rate);
}

typedef struct {
  char     *key;
  char     *marketplace;   /* "" for fee_vat and shipping_vat */
  char     *category;      /* folded; "" unless category_commission */
  CiroDay   from_day;
  gint64    value;         /* basis points or kuruş; −1: a category rule removed from then on */
} CiroRateEntry;

void       ciro_rate_entry_free (CiroRateEntry *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroRateEntry, ciro_rate_entry_free)

/* Every entry, by key, marketplace, category, date. */
GPtrArray *ciro_store_list_rates (CiroStore *self, GError **error);
/* Enters `value` for `key` from `from_day` on and recomputes what it
 * touches (lines' commission and the rollups for a category rule, orders'
 * shipping KDV for the shipping rate). Refuses absurd values: rates above
 * 100 %, fees below 0 or above ₺100,000. value −1 for a category rule
 * removes it from that day on. */
gboolean   ciro_store_set_rate   (CiroStore  *self,
                                  const char *key,
                                  const char *marketplace,
                                  const char *category,
                                  CiroDay     from_day,
                                  gint64      value,
                                  GError    **error);

/* Removes the value `key` took from `from_day` on (the marketplace and
 * category as given to ciro_store_set_rate) and recomputes what it
 * touches; CIRO_STORE_ERROR_NOT_FOUND when there is none. */
gboolean   ciro_store_remove_rate (CiroStore  *self,
                                   const char *key,
                                   const char *marketplace,
                                   const char *category,
                                   CiroDay     from_day,
                                   GError    **error);

/* One row of a commission-by-category CSV file as read, before import. */
typedef struct {
  guint    line;          /* 1-based */
  char    *text;          /* the line as in the file */
  char    *marketplace;   /* normalised; NULL when bad */
  char    *category;      /* folded; NULL when bad */
  gint64   rate;          /* basis points */
  char    *reason;        /* why the row cannot be imported, NULL when good */
} CiroRuleRow;

void       ciro_rule_row_free (CiroRuleRow *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroRuleRow, ciro_rule_row_free)

/* Every row of a CSV file "marketplace; category; rate" (percent, Turkish
 * or English decimals; a first line without a number is the column names),
 * each good or with its reason (missing field, not a number, out of range,
 * a repeat of an earlier line). NULL when the file cannot be read. */
GPtrArray *ciro_read_category_commissions (const char *path, GError **error);
/* The good rows of `rows` (CiroRuleRow) from `from_day` on, in one
 * transaction and one recompute; the number entered, −1 on error (also
 * when no row is good). */
gint64     ciro_store_set_category_commissions (CiroStore *self,
                                                GPtrArray *rows,
                                                CiroDay    from_day,
                                                GError   **error);

/* Commission by category from a CSV file "marketplace; category; rate"
 * (percent, Turkish or English decimals; a header line is skipped), every
 * row from `from_day` on, all or nothing, with one recompute. Returns the
 * number of rules, −1 on error (naming the line). */
gint64     ciro_store_import_category_commissions (CiroStore  *self,
                                                   const char *path,
                                                   CiroDay     from_day,
                                                   GError    **error);

/* The rate history, loaded once for a computation. */
typedef struct _CiroRates CiroRates;
CiroRates *ciro_rates_load               (CiroStore *self, GError **error);
void       ciro_rates_free               (CiroRates *self);
CiroBasisPoints ciro_rates_fee_vat       (CiroRates *self, CiroDay day);
CiroBasisPoints ciro_rates_shipping_vat  (CiroRates *self, CiroDay day);
CiroKurus  ciro_rates_service_fee        (CiroRates *self, const char *marketplace, CiroDay day);
/* TRUE and *rate when a rule for the marketplace and the folded category
 * applies on `day`. */
gboolean   ciro_rates_category_commission (CiroRates       *self,
                                           const char      *marketplace,
                                           const char      *folded_category,
                                           CiroDay          day,
                                           CiroBasisPoints *rate);
gboolean   ciro_rates_has_category_rules (CiroRates *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroRates, ciro_rates_free)

/* ---- ad spend and other expenses ---- */
typedef enum {
  CIRO_COST_AD_SPEND = 0,
  CIRO_COST_EXPENSE = 1,
} CiroCostKind;

typedef struct {
  gint64       id;
  CiroCostKind kind;
  CiroDay      day;          /* the day, or a day of the first month */
  gboolean     monthly;      /* spread evenly over each month's days */
  CiroDay      until_day;    /* monthly: a day of the last month; CIRO_DAY_INVALID = until stopped */
  char        *marketplace;  /* normalised, NULL = not one marketplace's */
  CiroKurus    amount;       /* before KDV; per month when monthly */
  char        *name;
  char        *category;
  char        *note;
} CiroCostEntry;

void       ciro_cost_entry_free (CiroCostEntry *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroCostEntry, ciro_cost_entry_free)

/* Returns the new entry's id, 0 on error (bounds: amount 0..₺100,000,000). */
gint64     ciro_store_add_cost_entry    (CiroStore *self, const CiroCostEntry *entry, GError **error);
/* By date, then id. */
GPtrArray *ciro_store_list_cost_entries (CiroStore *self, CiroCostKind kind, GError **error);
gboolean   ciro_store_remove_cost_entry (CiroStore *self, CiroCostKind kind, gint64 id, GError **error);

/* Part of a monthly `amount` that falls on the day with index `i` (0-based)
 * of a month of `n_days` days: ⌊(i+1)·A/n⌋ − ⌊i·A/n⌋, so the month's days
 * add up to the amount exactly. */
CiroKurus  ciro_cost_day_share (CiroKurus amount, int i, int n_days);

/* The day (YYYY-MM-DD or DD.MM.YYYY) and amount (Turkish or English
 * number format) of a CSV file "date; marketplace; amount; note" (a
 * header line is recognised and skipped, "," also separates fields when
 * the line holds no ";"); adds every row as one entry of `kind`, all or
 * nothing. Returns the number added, −1 on error (naming the line). */
gint64     ciro_store_import_cost_csv   (CiroStore   *self,
                                         CiroCostKind kind,
                                         const char  *path,
                                         GError     **error);

G_END_DECLS
