/* ciro-ask.h: questions in plain Turkish or English, turned into engine
 * queries and answered from the store
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "analytics/ciro-report.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_ASK_METRIC,    /* one figure over a period */
  CIRO_ASK_COMPARE,   /* a figure in two periods */
  CIRO_ASK_RANKING,   /* products or marketplaces, best first */
  CIRO_ASK_STOCK,     /* a stock list */
  CIRO_ASK_FORECAST,  /* the next days' forecast of net revenue or profit */
  CIRO_ASK_UNKNOWN,   /* not understood: suggestions instead */
} CiroAskIntent;

typedef enum {
  CIRO_ASK_RANK_NONE,
  CIRO_ASK_RANK_PRODUCTS,
  CIRO_ASK_RANK_MARKETPLACES,
  CIRO_ASK_RANK_CATEGORIES,
} CiroAskRankOf;

/* What a question was understood to ask. Strings are static except
 * `marketplace` and `suggestions`. */
typedef struct {
  CiroAskIntent intent;
  /* a summary key of ciro_summary_keys () / ciro_profit_keys (); for
   * stock: "low", "running_out", "slow" or "dead"; NULL for products */
  const char   *metric;
  gboolean      metric_implied;  /* no metric word: net revenue, with profit and orders */
  /* the metric is the headline profit ("kâr", "profit", "the most
   * profitable marketplace"), not one named with its view ("KDV öncesi
   * kâr"): ciro_ask_full answers it in the view asked for */
  gboolean      metric_headline;
  CiroDay       from;
  CiroDay       to;
  /* how the period was named, for the interpretation: "today", "yesterday",
   * "day-before-yesterday", "this-week", "last-week", "this-month",
   * "last-month", "this-year", "last-year", "last-n-days", "month",
   * "year", "since", "between", "day", "default" */
  const char   *period;
  char         *marketplace;     /* ciro_marketplace_normalize ()'s name, NULL = all */
  CiroDay       compare_from;    /* CIRO_DAY_INVALID without a comparison */
  CiroDay       compare_to;
  CiroAskRankOf rank_of;
  /* products: "units", "revenue", "profit", "worst"; marketplaces and
   * categories: the metric */
  const char   *sort;
  guint         limit;           /* rankings and stock lists; 0 otherwise */
  GPtrArray    *suggestions;     /* unknown: close questions, in the user's language */
} CiroAskQuery;

CiroAskQuery *ciro_ask_parse       (const char *question, CiroDay today);
void          ciro_ask_query_free  (CiroAskQuery *q);

/* "Net revenue · this week (30 Nov – 5 Dec) · all marketplaces", in the
 * user's language. */
char         *ciro_ask_interpretation (const CiroAskQuery *q, CiroDay today);

/* Good questions in the user's language, for suggestions as one types. */
const char *const *ciro_ask_examples (void);
/* Up to `max` of the examples and `recent` (may be NULL) closest to what is
 * typed, best first; the recent ones first on a tie. */
GPtrArray    *ciro_ask_complete    (const char        *typed,
                                    const char *const *recent,
                                    guint              max);

typedef struct {
  char     *label;               /* product name or marketplace, for people */
  char     *key;                 /* SKU, or the marketplace's name */
  double    value;               /* in lira for money */
  CiroValueKind kind;
  gint64    stock;               /* stock rows */
  double    days_of_stock;       /* stock rows; < 0: ∞ */
} CiroAskRow;

typedef struct {
  CiroAskQuery *query;
  CiroValueKind kind;            /* of value / compare_value */
  gboolean      has_value;
  double        value;           /* lira for money, a count, or a percentage */
  gboolean      has_compare_value;
  double        compare_value;
  double        change_pct;      /* NAN when undefined */
  CiroSummary   summary;         /* metric/compare: the period's whole summary */
  gboolean      has_interval;    /* forecast: its 80 % interval, in lira */
  double        low, high;
  GArray       *forecast;        /* CiroForecastDay over the horizon; else NULL */
  GArray       *rows;            /* CiroAskRow, ranking and stock; else NULL */
  GArray       *daily;           /* CiroDailyRow over the period, metric/compare; else NULL */
  char         *interpretation;
  char         *answer;          /* the figure for people, or what was not understood */
} CiroAskAnswer;

/* Parses and answers from the engine (the same reports the window and
 * ciro-cli show). Unknown questions are answered too, with suggestions. */
CiroAskAnswer *ciro_ask (CiroStore  *store,
                         const char *question,
                         CiroDay     today,
                         GError    **error);
/* The same with the profit the window's VAT view shows: `after_vat` TRUE
 * (ciro_ask's answer) is profit.md's profit after KDV settlement; FALSE is
 * metrics.md's. A question that names its view ("KDV öncesi kâr") keeps it;
 * the headline profit, rankings by profit and the profit forecast follow. */
CiroAskAnswer *ciro_ask_full (CiroStore  *store,
                              const char *question,
                              CiroDay     today,
                              gboolean    after_vat,
                              GError    **error);
void           ciro_ask_answer_free (CiroAskAnswer *a);

/* The value of a summary or profit key, for people's units (lira for
 * money); FALSE for an unknown key or an undefined value (ROI without cost). */
gboolean       ciro_ask_metric_value (const CiroSummary *s,
                                      const char        *key,
                                      double            *value,
                                      CiroValueKind     *kind,
                                      const char       **label);

/* A figure for people in the user's locale: "₺1,234.50", "12.5 %",
 * "1,234"; "—" when it is not a number. `value` in lira for money. */
char          *ciro_ask_format_value (double value, CiroValueKind kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroAskQuery, ciro_ask_query_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroAskAnswer, ciro_ask_answer_free)

G_END_DECLS
