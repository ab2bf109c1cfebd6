/* ciro-demo.h: a deterministic, realistic Turkish seller for demos, tests and benchmarks
 *
 * Everything is a pure function of the options: the same seed gives the
 * same catalogue and the same orders, and any day's orders can be made on
 * their own (the loopback mock of the Sentos API serves date windows).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "core/ciro-records.h"
#include "store/ciro-store.h"

G_BEGIN_DECLS

typedef struct {
  guint64 n_orders;     /* total over the history, e.g. 1000000 */
  guint   n_products;   /* parent products, e.g. 20000 */
  guint64 seed;
  CiroDay end_day;      /* last day with orders (inclusive); CIRO_DAY_INVALID = today */
  guint   n_days;       /* history length, default 730 */
  gint32  end_seconds;  /* the last day's orders are those placed before this second
                         * of it (1..86400); 0 = the whole day, or the time of
                         * day now (CIRO_NOW) when the history ends today */
} CiroDemoOptions;

/* Sensible defaults: 20,000 orders, 400 products, seed 1, ending today, 730 days. */
void ciro_demo_options_init (CiroDemoOptions *opts);

typedef struct _CiroDemo CiroDemo;

CiroDemo          *ciro_demo_new             (const CiroDemoOptions *opts);
void               ciro_demo_free            (CiroDemo *self);
const CiroDemoOptions *ciro_demo_get_options (CiroDemo *self);

CiroDay            ciro_demo_first_day       (CiroDemo *self);
CiroDay            ciro_demo_last_day        (CiroDemo *self);

guint              ciro_demo_n_products      (CiroDemo *self);
/* Product `index` (0 ≤ index < n_products), new each call. */
CiroProductRecord *ciro_demo_product         (CiroDemo *self, guint index);

/* How many orders fall on `day` (0 outside the history). */
guint              ciro_demo_n_orders_on     (CiroDemo *self, CiroDay day);
/* The orders of one day, in time order; elements CiroOrderRecord. */
GPtrArray         *ciro_demo_orders_on       (CiroDemo *self, CiroDay day);

/* The unix time the demo shows its orders at: the end of its last day
 * (even when that is today). */
gint64             ciro_demo_end_moment      (CiroDemo *self);
/* The orders of one day as Sentos would show them at `as_of` (unix time):
 * those placed by then, each in the status it had reached, updated_at the
 * moment it reached it. Orders move through their statuses over time. */
GPtrArray         *ciro_demo_orders_at       (CiroDemo *self, CiroDay day, gint64 as_of);
guint              ciro_demo_n_orders_at     (CiroDemo *self, CiroDay day, gint64 as_of);

/* One step of an order's life: the status and the unix time it began. */
typedef struct {
  gint32 status;
  gint64 at;
} CiroDemoStage;
#define CIRO_DEMO_MAX_STAGES 6
/* The whole life of an order of this demo (from its id, carrier and
 * moment), in time order; 0 for an order whose status the demo keeps. */
guint              ciro_demo_order_stages    (CiroDemo              *self,
                                              const CiroOrderRecord *o,
                                              CiroDemoStage          stages[CIRO_DEMO_MAX_STAGES]);

typedef void (*CiroDemoProgressFunc) (guint64  done,
                                      guint64  total,
                                      gpointer user_data);

/* Writes the catalogue and every order straight into the store, in batched
 * transactions, then recomputes. Cancelling leaves the store as of the last
 * committed batch. */
/* Notes in the store's status timeline the statuses each demo order went
 * through before its present one, at their moments (a store synced once
 * from the mock sees only the present ones), and rebuilds the figures
 * that read it, so that the delivery times are those of a seller synced
 * all along. */
gboolean           ciro_demo_note_timeline   (CiroDemo   *self,
                                              CiroStore  *store,
                                              GError    **error);
gboolean           ciro_demo_populate        (CiroDemo             *self,
                                              CiroStore            *store,
                                              CiroDemoProgressFunc  progress,
                                              gpointer              user_data,
                                              GCancellable         *cancellable,
                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroDemo, ciro_demo_free)

G_END_DECLS
