/* ciro-carriers.h: shipping and carriers (insights.md §3)
 *
 * Per carrier in a window: orders, shares, shipping income and expense,
 * how long parcels take to ship and to arrive, returns after shipping and
 * late parcels; the late orders to follow up; and the recommendations.
 * Blocks: call it off the main thread with a connection of its own.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "analytics/ciro-report.h"

G_BEGIN_DECLS

/* Late: shipped, not delivered, not cancelled, more than this many days
 * after shipping (the "late_days" setting). */
#define CIRO_CARRIER_LATE_DAYS_DEFAULT 5

typedef struct {
  char      *carrier;                 /* normalised name (ciro-carrier.h) */
  char      *marketplace;             /* NULL: all marketplaces of the filter */
  gint64     orders;                  /* all orders */
  gint64     net_orders;
  double     share_pct;               /* of all orders of the window (and filter) */
  CiroKurus  shipping_income;         /* Σ shipping_total over net orders */
  CiroKurus  shipping_expense;        /* Σ over net orders: actual cargo, else tariff, else per-order cost */
  CiroKurus  expense_per_order;       /* expense / net orders, half away from zero; 0 without */
  /* in days; each figure rests on the *_n orders where both moments are known */
  gint64     days_to_ship_n;
  double     days_to_ship_mean, days_to_ship_median, days_to_ship_p90;
  gint64     days_to_deliver_n;
  double     days_to_deliver_mean, days_to_deliver_median, days_to_deliver_p90;
  gint64     shipped;                 /* orders seen shipped or delivered */
  gint64     returned_after_shipping; /* of those, cancelled/returned now */
  double     returned_after_shipping_pct; /* over shipped; 0 without */
  gint64     late;
  double     late_pct;                /* over shipped; 0 without */
} CiroCarrierRow;

typedef struct {
  gint64  order_id;
  char   *order_code;
  char   *carrier;
  char   *cargo_number;
  char   *marketplace;
  gint64  shipped_at;                 /* unix time */
  double  days_since_shipping;
} CiroLateOrder;

typedef enum {
  /* moving `carrier`'s net orders on `marketplace` to `better` would have
   * saved `saving` */
  CIRO_CARRIER_ADVICE_SWITCH,
  /* `carrier` is late more than twice as often as the others there */
  CIRO_CARRIER_ADVICE_LATE,
} CiroCarrierAdviceKind;

typedef struct {
  CiroCarrierAdviceKind kind;
  char      *marketplace;
  char      *carrier;
  char      *better;                  /* SWITCH only */
  gint64     net_orders;              /* carrier's net orders there */
  CiroKurus  saving;                  /* SWITCH only */
  double     late_pct;                /* LATE: the carrier's late rate */
  double     others_late_pct;         /* LATE: the other carriers' together */
} CiroCarrierAdvice;

typedef struct {
  CiroReportFilter filter;
  int        late_days;
  gint64     now;                     /* unix time lateness is measured at */
  GPtrArray *carriers;                /* CiroCarrierRow, most orders first */
  GPtrArray *by_marketplace;          /* CiroCarrierRow per marketplace and carrier */
  GPtrArray *late_orders;             /* CiroLateOrder, longest on the way first */
  gint64     late_total;              /* all late orders, also those not listed */
  GPtrArray *advice;                  /* CiroCarrierAdvice */
} CiroCarrierReport;

void ciro_carrier_row_free     (CiroCarrierRow *self);
void ciro_late_order_free      (CiroLateOrder *self);
void ciro_carrier_advice_free  (CiroCarrierAdvice *self);
void ciro_carrier_report_free  (CiroCarrierReport *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroCarrierReport, ciro_carrier_report_free)

/* Minimum of net orders for a carrier to be compared on a marketplace. */
#define CIRO_CARRIER_ADVICE_MIN_ORDERS 30

CiroCarrierReport *ciro_carrier_report_build (CiroStore              *store,
                                              const CiroReportFilter *filter,
                                              int                     late_days,
                                              gint64                  now,
                                              GError                **error);

/* The same, listing at most `max_late` late orders (the longest on the
 * way; all when negative); the counts of late orders are all the same. */
CiroCarrierReport *ciro_carrier_report_build_full (CiroStore              *store,
                                                   const CiroReportFilter *filter,
                                                   int                     late_days,
                                                   gint64                  now,
                                                   gint64                  max_late,
                                                   GError                **error);

/* The recommendations of insights.md §3 from per-marketplace rows (the
 * report's by_marketplace): per marketplace with two or more carriers of at
 * least CIRO_CARRIER_ADVICE_MIN_ORDERS net orders, carrier A gets the
 * cheaper B with the largest saving among those whose median days to
 * deliver is at most A's + 0.5 and whose returned-after-shipping rate is at
 * most 1.2 × A's; a carrier whose late rate is more than twice the others'
 * together is flagged. Elements: CiroCarrierAdvice. */
GPtrArray *ciro_carrier_advise       (GPtrArray *by_marketplace);
/* The advice as a sentence for a person, in the current locale. */
char      *ciro_carrier_advice_text  (const CiroCarrierAdvice *advice);

G_END_DECLS
