/* ciro-sync.h: one sync run — products and orders from Sentos into the store
 *
 * Each page is written in its own transaction together with the run's
 * progress, so a run killed at any moment leaves a consistent store and the
 * next run of the same kind and window goes on from the next page.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "core/ciro-types.h"
#include "sync/ciro-sentos-client.h"

G_BEGIN_DECLS

#define CIRO_TYPE_SYNC (ciro_sync_get_type ())
G_DECLARE_FINAL_TYPE (CiroSync, ciro_sync, CIRO, SYNC, GObject)

typedef struct {
  const char *kind;        /* "full", "live", "products", "orders", "demo" */
  gboolean    products;
  gboolean    orders;
  CiroDay     from;        /* orders window, inclusive */
  CiroDay     to;
  guint       chunk_days;  /* orders are walked this many days at a time; default 7 */
  guint       page_size;   /* default 100 */
  guint       max_pages;   /* pages one run reads at most; 0: CIRO_SYNC_MAX_PAGES */
  guint       max_seconds; /* how long one run may take; 0: CIRO_SYNC_MAX_SECONDS */
} CiroSyncRequest;

/* Bounds of one run against a server that never ends its walk. Far above
 * any real store (a store with a million orders is 10,000 pages of 100):
 * a run that reaches one fails with the reason, and the next run goes on
 * where it stopped. */
#define CIRO_SYNC_MAX_PAGES   20000
#define CIRO_SYNC_MAX_SECONDS (12 * 3600)
/* New marketplaces (a `source` the store has never seen, not one of the
 * known names) one run may add; the orders of any more are counted under
 * CIRO_MARKETPLACE_OTHER, their `source` kept as it came. */
#define CIRO_SYNC_MAX_NEW_MARKETPLACES 50

typedef struct {
  guint  pages;
  guint  products;
  guint  orders;
  guint  lines;
  guint  skipped;
  guint  field_errors;
  guint  retries;
  double seconds;
  gboolean resumed;
} CiroSyncStats;

/* Properties, for the window and ciro-cli to observe: "phase" (string:
 * starting, products, orders, finishing, done, failed), "pages-done",
 * "pages-total" (0 when unknown), "records", "retries", "fraction" (how
 * far the phase is, 0 to 1; -1 when unknown), "error" (string). */
CiroSync *ciro_sync_new        (const char       *db_path,
                                CiroSentosClient *client);
void      ciro_sync_run_async  (CiroSync              *self,
                                const CiroSyncRequest *request,
                                GCancellable          *cancellable,
                                GAsyncReadyCallback    callback,
                                gpointer               user_data);
gboolean  ciro_sync_run_finish (CiroSync       *self,
                                GAsyncResult   *result,
                                CiroSyncStats  *stats,
                                GError        **error);

const char *ciro_sync_get_phase (CiroSync *self);

/* The process's other connections to the store (the window's reports):
 * `hold (target)` closes them and lets none open until `release (target)`,
 * TRUE when none is left open. A store's first sync writes in a rollback
 * journal, which SQLite lets a connection switch to only when it is alone
 * on the store: the run calls them around the switch, on its worker
 * thread. `target` is kept (a reference) while the sync lives. */
typedef gboolean (*CiroSyncHoldFunc)    (GObject *target);
typedef void     (*CiroSyncReleaseFunc) (GObject *target);
void        ciro_sync_set_store_hold (CiroSync            *self,
                                      CiroSyncHoldFunc     hold,
                                      CiroSyncReleaseFunc  release,
                                      GObject             *target);

G_END_DECLS
