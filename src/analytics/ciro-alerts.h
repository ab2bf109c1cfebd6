/* ciro-alerts.h: what is worth a desktop notification after a sync
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "store/ciro-store.h"

G_BEGIN_DECLS

typedef enum {
  CIRO_ALERT_LOW_STOCK,        /* one product crossed below its threshold */
  CIRO_ALERT_LOW_STOCK_GROUP,  /* several at once: one notification */
  CIRO_ALERT_MARGIN,           /* yesterday's margin under the warning level */
  CIRO_ALERT_SYNC_FAILED,
  CIRO_ALERT_DAILY_SUMMARY,
  CIRO_ALERT_LATE_ORDERS,      /* orders that went late since the last check: one notification */
} CiroAlertKind;

typedef struct {
  CiroAlertKind kind;
  char         *id;            /* the notification id: a repeat replaces */
  char         *title;
  char         *body;
  char         *product_sku;   /* to open on: a product, or NULL */
  char         *page;          /* … or a page ("stock", "analytics") */
} CiroAlert;

void       ciro_alert_free (CiroAlert *alert);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroAlert, ciro_alert_free)

typedef struct {
  gboolean low_stock;
  gboolean margin;
  gboolean daily_summary;
  gint32   summary_at;        /* Istanbul seconds after midnight */
  gboolean late_orders;
} CiroAlertSwitches;

/* Late orders are looked for among the orders of the last this many days,
 * as the Shipping page lists them. */
#define CIRO_ALERT_LATE_WINDOW_DAYS 30
/* A late-orders notification names at most this many orders. */
#define CIRO_ALERT_LATE_NAMED 5

/* More than this many products crossing at once make one notification. */
#define CIRO_ALERT_GROUP_OVER 3

/* After a sync, on `today` at `now` seconds: low-stock crossings (a product
 * once when it goes under its threshold, again only after it was back above
 * it), the margin warning for yesterday (once a day), the daily summary
 * (once a day, from its time on) and the orders that went late (insights.md
 * §3; each order once, ever, all in one notification; the orders already
 * late the first time the store is checked are its backlog, learnt without
 * a notification). What was reported is remembered in the store, also when
 * a kind is switched off, so switching it on does not bring back old news.
 * Elements: CiroAlert. */
GPtrArray *ciro_alerts_check       (CiroStore               *store,
                                    CiroDay                  today,
                                    gint32                   now,
                                    const CiroAlertSwitches *switches,
                                    GError                 **error);
CiroAlert *ciro_alert_sync_failed  (const char *reason);

G_END_DECLS
