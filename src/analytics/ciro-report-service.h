/* ciro-report-service.h: the reports, asked for from the main thread and
 * built on a bounded pool of worker threads
 *
 * The window and its pages never open the store: they ask the service for a
 * report and draw what comes back. Each worker thread uses one connection to
 * the store at a time (at most one connection a thread), a request can be
 * cancelled (a running SQLite statement is interrupted), and a request made
 * for an `owner` (any pointer: a page, a dialog) replaces the owner's
 * request before it, whose result is dropped: it finishes with
 * G_IO_ERROR_CANCELLED, never with figures older than those asked for last.
 *
 * No GTK here: ciro-cli and the tests use it without a display.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "analytics/ciro-mapping-csv.h"
#include "analytics/ciro-product-detail.h"
#include "analytics/ciro-range.h"
#include "analytics/ciro-report-live.h"
#include "analytics/ciro-report.h"
#include "analytics/ciro-sku-suggest.h"
#include "store/ciro-store-sync-runs.h"
#include "store/ciro-store.h"

G_BEGIN_DECLS

#define CIRO_TYPE_REPORT_SERVICE (ciro_report_service_get_type ())
G_DECLARE_FINAL_TYPE (CiroReportService, ciro_report_service, CIRO, REPORT_SERVICE, GObject)

/* Runs on a worker thread with that thread's connection; returns the result
 * (freed with the request's result_free when nobody takes it) or NULL with
 * `error` set. */
typedef gpointer (*CiroReportFunc) (CiroStore     *store,
                                    gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* The Analytics page: a range and a marketplace against the period it is
 * compared with (ciro_range_compare ()). */
typedef struct {
  CiroDay     from, to, prev_from, prev_to;
  CiroRangePreset  preset;           /* the rule the comparison followed */
  CiroCompareBasis basis;
  char       *marketplace;           /* NULL = all */
  gboolean    has_orders;            /* the store holds an order at all */
  CiroSummary cur;
  CiroSummary prev;
  GArray     *daily;                 /* CiroDailyRow */
  GArray     *marketplaces;          /* CiroMarketplaceRow: every marketplace, unfiltered */
  GPtrArray  *names;                 /* every marketplace of the store */
} CiroAnalyticsReport;

/* The Today page. */
typedef struct {
  gboolean        has_orders;
  CiroTodayReport today;
  GArray         *marketplaces;      /* CiroMarketplaceRow, today */
  CiroHourRow     today_hours[24];
  CiroHourRow     yesterday_hours[24];
  gint32          now_seconds;
  GArray         *feed;              /* CiroFeedRow */
} CiroTodayData;

/* The Products page. */
typedef struct {
  CiroReportFilter filter;
  gboolean    has_orders;
  GArray     *rows;                  /* CiroProductRow, by revenue, idle products too */
  GHashTable *codes;                 /* product key → barcodes/codes text */
  GHashTable *images;                /* product key → picture URL */
  GPtrArray  *names;                 /* every marketplace of the store */
  gint64      unmatched_lines;
} CiroProductsReport;

/* The Stock page. */
typedef struct {
  CiroDay     today;
  gboolean    has_orders;
  GArray     *rows;                  /* CiroStockRow */
  gint64     *values;                /* the asked-for settings in their order, 0 when unset */
} CiroStockReport;

/* The Unknown Costs dialog. */
typedef struct {
  GArray     *rows;                  /* CiroUnmatchedRow */
  GArray     *products;              /* CiroProductRef */
} CiroUnmatchedReport;

/* The store's side of Preferences. */
typedef struct {
  GHashTable *values;                /* every known setting, its default when unset */
  GPtrArray  *marketplaces;          /* CiroMarketplaceSettings */
} CiroStoreSettings;

void ciro_analytics_report_free (CiroAnalyticsReport *report);
void ciro_today_data_free       (CiroTodayData       *data);
void ciro_products_report_free  (CiroProductsReport  *report);
void ciro_stock_report_free     (CiroStockReport     *report);
void ciro_unmatched_report_free (CiroUnmatchedReport *report);
void ciro_store_settings_free   (CiroStoreSettings   *settings);

/* Up to `max_threads` workers (0: one a processor, between 4 and 8). */
CiroReportService *ciro_report_service_new      (const char *path,
                                                 guint       max_threads);
const char        *ciro_report_service_get_path (CiroReportService *self);

/* The frame every report below is made with, and the way to add one: runs
 * `func (store, data)` on a worker. `data` is freed with data_free on the
 * main thread's side once the request is over. */
void     ciro_report_service_run_async   (CiroReportService   *self,
                                          gpointer             owner,
                                          CiroReportFunc       func,
                                          gpointer             data,
                                          GDestroyNotify       data_free,
                                          GDestroyNotify       result_free,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gpointer ciro_report_service_run_finish  (CiroReportService   *self,
                                          GAsyncResult        *result,
                                          GError             **error);

/* Cancels the owner's request, if any (its callback still comes, cancelled). */
void     ciro_report_service_cancel      (CiroReportService *self,
                                          gpointer           owner);

void                 ciro_report_service_analytics_async  (CiroReportService      *self,
                                                           gpointer                owner,
                                                           const CiroReportFilter *filter,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
/* As above, the days picked as `preset` (CIRO_RANGE_N_PRESETS: the preset
 * whose days they are today, as analytics_async does) compared with `basis`
 * (analytics_async: CIRO_COMPARE_PREVIOUS); finished with
 * ciro_report_service_analytics_finish (). */
void                 ciro_report_service_analytics_compare_async (CiroReportService      *self,
                                                                  gpointer                owner,
                                                                  const CiroReportFilter *filter,
                                                                  CiroRangePreset         preset,
                                                                  CiroCompareBasis        basis,
                                                                  GCancellable           *cancellable,
                                                                  GAsyncReadyCallback     callback,
                                                                  gpointer                user_data);
CiroAnalyticsReport *ciro_report_service_analytics_finish (CiroReportService      *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

/* Today as of ciro_now (). */
void                 ciro_report_service_today_async      (CiroReportService      *self,
                                                           gpointer                owner,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
CiroTodayData       *ciro_report_service_today_finish     (CiroReportService      *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

void                 ciro_report_service_products_async   (CiroReportService      *self,
                                                           gpointer                owner,
                                                           const CiroReportFilter *filter,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
CiroProductsReport  *ciro_report_service_products_finish  (CiroReportService      *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

/* `keys`: settings to read back (NULL-terminated, may be NULL). */
void                 ciro_report_service_stock_async      (CiroReportService      *self,
                                                           gpointer                owner,
                                                           CiroDay                 today,
                                                           const char * const     *keys,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
CiroStockReport     *ciro_report_service_stock_finish     (CiroReportService      *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

void                 ciro_report_service_product_detail_async  (CiroReportService      *self,
                                                                gpointer                owner,
                                                                gint64                  product_key,
                                                                const CiroReportFilter *filter,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
/* Free with ciro_product_detail_clear () and g_free (). */
CiroProductDetail   *ciro_report_service_product_detail_finish (CiroReportService      *self,
                                                                GAsyncResult           *result,
                                                                GError                **error);

void                 ciro_report_service_unmatched_async  (CiroReportService      *self,
                                                           gpointer                owner,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
CiroUnmatchedReport *ciro_report_service_unmatched_finish (CiroReportService      *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

void                 ciro_report_service_settings_async   (CiroReportService      *self,
                                                           gpointer                owner,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
CiroStoreSettings   *ciro_report_service_settings_finish  (CiroReportService      *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

/* The last `limit` sync runs, newest first. Elements: CiroSyncRunInfo. */
void                 ciro_report_service_sync_runs_async  (CiroReportService      *self,
                                                           gpointer                owner,
                                                           guint                   limit,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
GPtrArray           *ciro_report_service_sync_runs_finish (CiroReportService      *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);

/* Writes: never replaced by a later request, never dropped once asked for
 * (a cancellable can still stop one that has not begun). Each recomputes
 * the figures it changes. */

/* A store setting, or (`marketplace` not NULL, `key` NULL) a marketplace's
 * commission and shipping cost. */
void                 ciro_report_service_write_async      (CiroReportService      *self,
                                                           const char             *key,
                                                           const char             *value,
                                                           const char             *marketplace,
                                                           CiroBasisPoints         commission,
                                                           CiroKurus               shipping,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean             ciro_report_service_write_finish     (CiroReportService      *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);
/* Maps a line SKU to the product whose SKU is `product_sku`. */
void                 ciro_report_service_map_sku_async    (CiroReportService      *self,
                                                           const char             *sku,
                                                           const char             *product_sku,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
gboolean             ciro_report_service_map_sku_finish   (CiroReportService      *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);
/* The suggestions for the rows of an unmatched report (seconds on a
 * million-order store: asked for after the list is shown). The result is
 * the GPtrArray of CiroSkuSuggestions, in the rows' order. A newer request
 * of the same owner cancels this one. */
void                 ciro_report_service_suggest_async    (CiroReportService      *self,
                                                           gpointer                owner,
                                                           GArray                 *rows,
                                                           GCancellable           *cancellable,
                                                           GAsyncReadyCallback     callback,
                                                           gpointer                user_data);
GPtrArray           *ciro_report_service_suggest_finish   (CiroReportService      *self,
                                                           GAsyncResult           *result,
                                                           GError                **error);
/* Sets mappings in one transaction (ciro_store_set_mappings); the result
 * is the GPtrArray of CiroMappingChange. */
void                 ciro_report_service_set_mappings_async  (CiroReportService    *self,
                                                              const CiroMappingSet *sets,
                                                              guint                 n_sets,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
GPtrArray           *ciro_report_service_set_mappings_finish (CiroReportService    *self,
                                                              GAsyncResult         *result,
                                                              GError              **error);
/* Undoes what a set (or an import) changed; finished with
 * ciro_report_service_set_mappings_finish (the changes of the undo). */
void                 ciro_report_service_undo_mappings_async (CiroReportService    *self,
                                                              GPtrArray            *changes,
                                                              GAsyncReadyCallback   callback,
                                                              gpointer              user_data);
/* Imports a CSV file of mappings (ciro-mapping-csv.h). */
void                 ciro_report_service_import_mappings_async  (CiroReportService   *self,
                                                                 const char          *path,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
CiroMappingImport   *ciro_report_service_import_mappings_finish (CiroReportService   *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error);
/* Writes every mapping to a CSV file; the result is how many (≥ 0). */
void                 ciro_report_service_export_mappings_async  (CiroReportService   *self,
                                                                 const char          *path,
                                                                 GAsyncReadyCallback  callback,
                                                                 gpointer             user_data);
gint64               ciro_report_service_export_mappings_finish (CiroReportService   *self,
                                                                 GAsyncResult        *result,
                                                                 GError             **error);

/* A store's first sync leaves WAL for a rollback journal, which SQLite
 * allows only to a connection alone on the store. hold () closes the idle
 * connections and waits, at most `timeout_us`, for the requests running to
 * end (theirs are closed as they do); TRUE when none is left open. Until
 * release () no connection is opened: requests wait, on their workers.
 * Any thread; the main thread must not wait in hold (). Holds nest. */
gboolean ciro_report_service_hold    (CiroReportService *self,
                                      gint64             timeout_us);
void     ciro_report_service_release (CiroReportService *self);

/* For tests: connections open now; the most requests ever running at once. */
guint    ciro_report_service_get_connections (CiroReportService *self);
guint    ciro_report_service_get_peak        (CiroReportService *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroAnalyticsReport, ciro_analytics_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroTodayData, ciro_today_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroProductsReport, ciro_products_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroStockReport, ciro_stock_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroUnmatchedReport, ciro_unmatched_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CiroStoreSettings, ciro_store_settings_free)

G_END_DECLS
