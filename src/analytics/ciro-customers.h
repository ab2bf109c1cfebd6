/* ciro-customers.h: the customer figures of insights.md §4: keys, RFM
 * scores and segments, loyalty, VIP, churn risk, historical and predicted
 * lifetime value, cohorts
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "analytics/ciro-clv.h"
#include "analytics/ciro-report.h"
#include "core/ciro-records.h"
#include "core/ciro-types.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_SEGMENT_NONE = 0,      /* no net order in the window */
  CIRO_SEGMENT_CHAMPION,
  CIRO_SEGMENT_LOYAL,
  CIRO_SEGMENT_POTENTIAL_LOYALIST,
  CIRO_SEGMENT_NEW,
  CIRO_SEGMENT_PROMISING,
  CIRO_SEGMENT_NEEDS_ATTENTION,
  CIRO_SEGMENT_ABOUT_TO_SLEEP,
  CIRO_SEGMENT_AT_RISK,
  CIRO_SEGMENT_CANT_LOSE,
  CIRO_SEGMENT_HIBERNATING,
  CIRO_SEGMENT_LOST,
  CIRO_N_SEGMENTS
} CiroSegment;

/* The segment of the grid for scores r, f in 1..5. */
CiroSegment  ciro_segment_for    (guint r, guint f);
/* The English name of the grid ("Champion", "Can't lose"); "" for NONE. */
const char  *ciro_segment_name   (CiroSegment segment);
/* The same, translated. */
const char  *ciro_segment_label  (CiroSegment segment);

#define CIRO_NO_CUSTOMER G_MAXUINT32

/* One net order as the engine sees it. */
typedef struct {
  guint32     customer;   /* index into the report's customers; CIRO_NO_CUSTOMER */
  CiroDay     day;
  CiroKurus   revenue;    /* lines + shipping */
  CiroKurus   profit;     /* revenue − lines' cost − lines' commission − shipping expense */
  const char *city;       /* NULL when unknown; not owned */
  /* profit.md's profit_ex_vat of the order: revenue − output VAT (lines'
   * and shipping's) − lines' cost without VAT − lines' commission −
   * shipping expense − the order's service fee */
  CiroKurus   profit_ex_vat;
} CiroCustomerOrder;

typedef struct {
  char       *key;          /* "id:3310", "mail:…", "tel:…" */
  char       *name;         /* NULL when unknown */
  char       *email;
  char       *phone;
  const char *city;         /* of the last net order; not owned */

  /* every net order up to `to` */
  CiroDay     first_day;
  CiroDay     last_day;
  gint64      orders;
  CiroKurus   spend;           /* Σ net revenue */
  CiroKurus   clv_historical;  /* Σ profit */
  CiroKurus   clv_historical_ex_vat;  /* Σ profit_ex_vat: after VAT settlement (profit.md) */
  double      median_gap;      /* days between consecutive orders; < 0 with one order */

  /* RFM over [from, to] */
  gboolean    in_window;
  gint64      recency_days;
  gint64      frequency;
  CiroKurus   monetary;
  guint8      r, f, m;         /* 0 outside the window */
  CiroSegment segment;
  int         loyalty;         /* 0..100; -1 outside the window */
  gboolean    vip;
  gboolean    churn_risk;

  /* the model: orders and spend expected in the next 12 months */
  double      expected_orders_12m;
  CiroKurus   expected_spend_12m;
  CiroKurus   clv_12m;         /* expected spend × the customer's own margin */
  /* the same after VAT settlement: expected spend × clv_historical_ex_vat /
   * spend, which is the spend without VAT times the margin after VAT of
   * profit.md (profit_ex_vat / net revenue excl. VAT) */
  CiroKurus   clv_12m_ex_vat;
} CiroCustomer;

void ciro_customer_clear (CiroCustomer *c);

typedef struct {
  gint64    customers;
  CiroKurus revenue;
} CiroRfmCell;

/* The calibration/holdout check: the model fitted on the orders up to
 * calibration_end predicts each customer's spend in the 365 days after it;
 * the baseline repeats the customer's spend of the 365 days before it. */
typedef struct {
  gboolean  available;
  CiroDay   calibration_end;
  gint64    customers;          /* with a first order up to calibration_end */
  CiroKurus actual;
  CiroKurus model_total;
  CiroKurus baseline_total;
  double    model_wape_pct;     /* Σ |predicted − actual| / Σ actual × 100 */
  double    baseline_wape_pct;
} CiroClvHoldout;

/* The model is fitted on at most this many customers: on a bigger store,
 * a deterministic pseudo-random sample of them (by customer key), so that a
 * fit takes seconds on a million orders; predictions cover everyone. */
#define CIRO_CLV_FIT_SAMPLE 20000

typedef enum {
  CIRO_CUSTOMERS_RFM = 0,
  CIRO_CUSTOMERS_VALUE = 1 << 0,    /* cost and commission per order: historical CLV */
  CIRO_CUSTOMERS_MODEL = 1 << 1,    /* predicted 12-month CLV (implies VALUE) */
  CIRO_CUSTOMERS_HOLDOUT = 1 << 2,  /* and its holdout check (implies MODEL) */
  /* every customer's name, e-mail and phone. Without it only the customers
   * with no Sentos id have theirs (they come with the orders, and the
   * e-mail or phone is their key); read the others' for the customers
   * shown with ciro_customers_read_contacts (). */
  CIRO_CUSTOMERS_CONTACTS = 1 << 3,
} CiroCustomersFlags;

typedef struct {
  CiroDay         from;
  CiroDay         to;
  GArray         *customers;     /* CiroCustomer: everyone with a net order up to `to` */
  gint64          n_window;      /* of them, with a net order in [from, to] */
  gint64          anonymous_orders;   /* net orders in the window with no customer */
  CiroKurus       anonymous_revenue;
  CiroKurus       m_cuts[4];
  gint64          r_cuts[4];
  CiroRfmCell     grid[5][5];    /* [r − 1][f − 1] */
  gint64          segment_customers[CIRO_N_SEGMENTS];
  CiroKurus       segment_revenue[CIRO_N_SEGMENTS];
  gint64          n_vip;
  CiroKurus       vip_cut;
  CiroKurus       vip_revenue;
  gint64          n_churn;
  CiroKurus       churn_spend;   /* what the churn-risk customers spent up to `to` */
  gboolean        model_fitted;
  gint64          model_customers;  /* customers the model was fitted on (≤ CIRO_CLV_FIT_SAMPLE) */
  gint64          model_eligible;   /* customers it could have been fitted on */
  CiroBgnbdParams bgnbd;         /* time in weeks */
  CiroGgParams    gg;            /* money in TRY */
  CiroClvHoldout  holdout;
  GStringChunk   *strings;       /* cities */
} CiroCustomerReport;

CiroCustomerReport *ciro_customer_report_new  (void);
void                ciro_customer_report_free (CiroCustomerReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroCustomerReport, ciro_customer_report_free)

/* Fills `report` (its customers already holding keys and names) from
 * `orders` (any order; those after `to` are ignored). */
void ciro_customers_analyse (CiroCustomerReport *report,
                             const CiroCustomerOrder *orders,
                             guint                n_orders,
                             CiroDay              from,
                             CiroDay              to,
                             CiroCustomersFlags   flags);

/* The scan of the net orders up to ?1 (of marketplace id ?2, NULL: any)
 * the store's customer figures are made from, in id order: every column it
 * reads is in the covering index orders_net, so SQLite reads that narrow
 * B-tree instead of the orders table (here for the test of its plan). */
#define CIRO_CUSTOMERS_ORDERS_SQL \
  "SELECT o.id, o.day, o.customer_id, o.customer_key, o.customer_name, o.city," \
  " o.lines_amount + o.shipping_total, coalesce (o.actual_cargo, o.tariff)," \
  " o.shipping_vat, o.actual_service_fee, o.marketplace_id" \
  CIRO_CUSTOMERS_ORDERS_FROM
/* Its FROM, WHERE and ORDER BY, which the scans for the RFM figures and
 * the cohorts share: they read fewer of the columns. */
#define CIRO_CUSTOMERS_ORDERS_FROM \
  " FROM orders o" \
  " WHERE o.status <> " CIRO_ORDER_STATUS_CANCELLED_SQL " AND o.day <= ?1 AND (?2 IS NULL OR o.marketplace_id = ?2)" \
  " ORDER BY o.id"

/* The same from the store; f->marketplace limits to that marketplace's orders. */
CiroCustomerReport *ciro_report_customers (CiroStore              *store,
                                           const CiroReportFilter *f,
                                           CiroCustomersFlags      flags,
                                           GError                **error);

/* Fills in the name, e-mail and phone (from the store's customers table)
 * of the report's customers at the n indices `which` (NULL: every
 * customer) that have a Sentos id and no contact read yet: those a page
 * shows or an export writes, after a report made without
 * CIRO_CUSTOMERS_CONTACTS. The same texts that flag reads. */
gboolean ciro_customers_read_contacts (CiroStore          *store,
                                       CiroCustomerReport *report,
                                       const guint        *which,
                                       guint               n,
                                       GError            **error);

#define CIRO_COHORT_MONTHS 24

typedef struct {
  gint32  month;                    /* y * 12 + (m − 1) */
  gint64  customers;
  guint   n_months;                 /* months 0..n_months − 1 have ended or begun by `to` */
  double  active_pct[CIRO_COHORT_MONTHS];
  double  revenue_per_customer[CIRO_COHORT_MONTHS];   /* cumulative, TRY */
} CiroCohort;

/* Cohorts of customers whose first net order falls in a month from that
 * of `from` to that of `to`, oldest first. */
GArray *ciro_customers_cohorts (const CiroCustomerReport *report,
                                const CiroCustomerOrder  *orders,
                                guint                     n_orders);
GArray *ciro_report_cohorts    (CiroStore              *store,
                                const CiroReportFilter *f,
                                GError                **error);

/* The Customers page's figures from one reading of the store: the report
 * of ciro_report_customers () and, in *cohorts, the cohorts whose first
 * month falls from that of `cohorts_from` to that of f->to. */
CiroCustomerReport *ciro_report_customers_and_cohorts (CiroStore              *store,
                                                       const CiroReportFilter *f,
                                                       CiroCustomersFlags      flags,
                                                       CiroDay                 cohorts_from,
                                                       GArray                **cohorts,
                                                       GError                **error);

/* One customer's net orders up to a day, the products in them, the gaps. */
typedef struct {
  gint64     id;
  char      *code;        /* the marketplace's order code; NULL when unknown */
  CiroDay    day;
  char      *marketplace;
  gint64     units;
  CiroKurus  revenue;     /* lines + shipping */
} CiroCustomerOrderRow;

typedef struct {
  char      *name;
  char      *sku;
  gint64     units;
  gint64     orders;
  CiroKurus  revenue;
} CiroCustomerProductRow;

typedef struct {
  char      *key;
  GArray    *orders;      /* CiroCustomerOrderRow, newest first */
  GArray    *products;    /* CiroCustomerProductRow, by revenue */
  GArray    *gaps;        /* gint: days between consecutive order days, oldest first */
  double     median_gap;  /* < 0 with fewer than two order days */
  /* the customer's name, e-mail and phone, as a report with
   * CIRO_CUSTOMERS_CONTACTS has them; NULL when unknown */
  char      *name;
  char      *email;
  char      *phone;
} CiroCustomerDetail;

void                ciro_customer_detail_free   (CiroCustomerDetail *detail);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroCustomerDetail, ciro_customer_detail_free)
/* The customer of `key` ("id:…", "mail:…", "tel:…"), orders up to `to`;
 * f->marketplace limits to that marketplace's orders. */
CiroCustomerDetail *ciro_report_customer_detail (CiroStore              *store,
                                                 const char             *key,
                                                 const CiroReportFilter *f,
                                                 GError                **error);

G_END_DECLS
