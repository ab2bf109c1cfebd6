/* ciro-report-service.c: reports on a bounded pool of worker threads
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-analytics"

#include "config.h"

#include <sqlite3.h>

#include "analytics/ciro-range.h"
#include "core/ciro-date.h"
#include "store/ciro-settings.h"
#include "ciro-report-service.h"
#include "store/ciro-store-sql.h"

struct _CiroReportService
{
  GObject      parent_instance;

  char        *path;
  guint        max_threads;
  GThreadPool *pool;
  /* connections not in use; a worker takes one (or opens one while fewer
   * than max_threads exist) and gives it back, so no two threads ever
   * share one and there are never more than there are threads. While
   * held (ciro_report_service_hold), none is kept or opened: the workers
   * wait. Under `lock`. */
  GMutex       lock;
  GCond        cond;
  GQueue       idle;
  guint        opened;
  guint        in_use;
  guint        holds;
  gint         running;             /* atomic */
  guint        peak;                /* atomic */

  /* main thread only: owner → the owner's latest Request */
  GHashTable  *latest;
};

G_DEFINE_FINAL_TYPE (CiroReportService, ciro_report_service, G_TYPE_OBJECT)

/* the service whose request the current thread is running, while it runs
 * it: the last reference may go on that worker, which cannot wait for
 * itself. Cleared after, as GLib hands idle threads to other pools. */
static GPrivate in_worker;

/* the page cache of each report connection, in KiB */
#define CIRO_REPORT_CACHE_KIB 2048

typedef struct {
  CiroReportFunc  func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
  gpointer        owner;
  GCancellable   *cancellable;      /* the request's own, cancelled by the caller's */
  GCancellable   *outer;
  gulong          outer_id;
} Request;

static void
request_free (gpointer p)
{
  Request *r = p;

  if (r->outer != NULL)
    g_cancellable_disconnect (r->outer, r->outer_id);
  g_clear_object (&r->outer);
  g_clear_object (&r->cancellable);
  if (r->data_free != NULL && r->data != NULL)
    r->data_free (r->data);
  g_free (r);
}

static void
interrupt (GCancellable *cancellable, gpointer store)
{
  sqlite3_interrupt (ciro_store_get_db (store));
}

/* sqlite3_interrupt() is lost when it comes between two statements; the
 * progress handler sees a cancel at any point of any later statement */
static int
stop_if_cancelled (void *cancellable)
{
  return g_cancellable_is_cancelled (cancellable);
}

static CiroStore *
take_connection (CiroReportService *self, GError **error)
{
  CiroStore *store;

  g_mutex_lock (&self->lock);
  /* a thread without a connection opens one: at most one per thread */
  while (self->holds > 0 || (self->idle.length == 0 && self->opened >= self->max_threads))
    g_cond_wait (&self->cond, &self->lock);
  store = g_queue_pop_head (&self->idle);
  if (store == NULL)
    self->opened++;
  self->in_use++;
  g_mutex_unlock (&self->lock);
  if (store != NULL)
    return store;

  store = ciro_store_open (self->path, error);
  if (store == NULL)
    {
      g_mutex_lock (&self->lock);
      self->opened--;
      self->in_use--;
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
    }
  /* Reports read the rollups, not the whole store: a smaller page cache a
   * connection (the system's file cache still holds the pages) keeps the
   * window's memory bounded with several workers. */
  else
    {
      ciro_store_exec (store, "PRAGMA cache_size = -" G_STRINGIFY (CIRO_REPORT_CACHE_KIB), NULL);
      /* a write that would recompute every line only marks the store: the
       * window's recompute bar runs it with progress and a cancel */
      ciro_store_set_defer_recompute (store, TRUE);
    }
  return store;
}

/* Back to the idle ones; closed while the service is held. */
static void
give_back (CiroReportService *self, CiroStore *store)
{
  gboolean close;

  g_mutex_lock (&self->lock);
  self->in_use--;
  close = self->holds > 0;
  if (close)
    self->opened--;
  else
    g_queue_push_head (&self->idle, store);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  if (close)
    g_object_unref (store);
}

gboolean
ciro_report_service_hold (CiroReportService *self, gint64 timeout_us)
{
  GQueue closing = G_QUEUE_INIT;
  gint64 end = g_get_monotonic_time () + MAX (timeout_us, 0);
  gboolean none;

  g_return_val_if_fail (CIRO_IS_REPORT_SERVICE (self), FALSE);

  g_mutex_lock (&self->lock);
  self->holds++;
  self->opened -= self->idle.length;
  closing = self->idle;
  g_queue_init (&self->idle);
  g_mutex_unlock (&self->lock);
  /* closed outside the lock: a worker giving one back does not wait */
  g_queue_clear_full (&closing, g_object_unref);

  g_mutex_lock (&self->lock);
  /* the requests running finish and close theirs */
  while (self->opened > 0 && g_cond_wait_until (&self->cond, &self->lock, end))
    ;
  none = self->opened == 0;
  g_mutex_unlock (&self->lock);
  return none;
}

void
ciro_report_service_release (CiroReportService *self)
{
  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));

  g_mutex_lock (&self->lock);
  if (self->holds > 0)
    self->holds--;
  else
    g_critical ("%s: the report service is not held", G_STRFUNC);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
worker (gpointer data, gpointer user_data)
{
  GTask *task = data;
  CiroReportService *self = user_data;
  Request *r = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CiroStore *store = NULL;
  gpointer result = NULL;
  int now;

  g_private_set (&in_worker, self);
  now = g_atomic_int_add (&self->running, 1) + 1;
  for (guint peak = g_atomic_int_get (&self->peak); (guint) now > peak; peak = g_atomic_int_get (&self->peak))
    if (g_atomic_int_compare_and_exchange (&self->peak, peak, now))
      break;

  if (!g_cancellable_set_error_if_cancelled (r->cancellable, &error) &&
      (store = take_connection (self, &error)) != NULL)
    {
      gulong id = g_cancellable_connect (r->cancellable, G_CALLBACK (interrupt), store, NULL);

      sqlite3_progress_handler (ciro_store_get_db (store), 1000, stop_if_cancelled, r->cancellable);
      if (!g_cancellable_set_error_if_cancelled (r->cancellable, &error))
        result = r->func (store, r->data, r->cancellable, &error);
      sqlite3_progress_handler (ciro_store_get_db (store), 0, NULL, NULL);
      g_cancellable_disconnect (r->cancellable, id);
      give_back (self, store);
    }
  g_atomic_int_add (&self->running, -1);

  if (result != NULL)
    g_task_return_pointer (task, result, r->result_free);
  else if (g_cancellable_is_cancelled (r->cancellable))
    /* an interrupted statement says "interrupted": say cancelled */
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", "Operation was cancelled");
  else if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", "The report returned nothing");
  g_object_unref (task);      /* perhaps the service's last reference */
  g_private_set (&in_worker, NULL);
}

/* The owner's latest request is over: forget it (main thread). */
static void
request_completed (GTask *task, GParamSpec *pspec, CiroReportService *self)
{
  Request *r = g_task_get_task_data (task);

  if (r->owner != NULL && g_hash_table_lookup (self->latest, r->owner) == task)
    g_hash_table_remove (self->latest, r->owner);
  g_signal_handlers_disconnect_by_func (task, request_completed, self);
  g_object_unref (self);
}

static void
outer_cancelled (GCancellable *outer, gpointer inner)
{
  g_cancellable_cancel (inner);
}

static GTask *
request_start (CiroReportService   *self,
               gpointer             source_tag,
               gpointer             owner,
               CiroReportFunc       func,
               gpointer             data,
               GDestroyNotify       data_free,
               GDestroyNotify       result_free,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  Request *r = g_new0 (Request, 1);
  GTask *task;
  GTask *before;
  g_autoptr(GError) error = NULL;

  r->func = func;
  r->data = data;
  r->data_free = data_free;
  r->result_free = result_free;
  r->owner = owner;
  r->cancellable = g_cancellable_new ();
  /* the task checks its cancellable when the result is taken: a request
   * cancelled (or replaced) after its worker returned is dropped too */
  task = g_task_new (self, r->cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, r, request_free);
  if (cancellable != NULL)
    {
      r->outer = g_object_ref (cancellable);
      r->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled), r->cancellable, NULL);
    }

  if (owner != NULL)
    {
      before = g_hash_table_lookup (self->latest, owner);
      if (before != NULL)
        g_cancellable_cancel (g_task_get_cancellable (before));
      g_hash_table_insert (self->latest, owner, task);
    }
  g_signal_connect (task, "notify::completed", G_CALLBACK (request_completed), g_object_ref (self));

  if (!g_thread_pool_push (self->pool, g_object_ref (task), &error))
    {
      g_object_unref (task);
      g_task_return_error (task, g_steal_pointer (&error));
    }
  return task;
}

void
ciro_report_service_run_async (CiroReportService   *self,
                               gpointer             owner,
                               CiroReportFunc       func,
                               gpointer             data,
                               GDestroyNotify       data_free,
                               GDestroyNotify       result_free,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  g_return_if_fail (func != NULL);

  g_object_unref (request_start (self, ciro_report_service_run_async, owner, func, data, data_free, result_free,
                                 cancellable, callback, user_data));
}

static gpointer
finish (CiroReportService *self, GAsyncResult *result, gpointer tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

gpointer
ciro_report_service_run_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_run_async, error);
}

void
ciro_report_service_cancel (CiroReportService *self, gpointer owner)
{
  GTask *task;

  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  if (owner != NULL && (task = g_hash_table_lookup (self->latest, owner)) != NULL)
    g_cancellable_cancel (g_task_get_cancellable (task));
}

static void
start (CiroReportService   *self,
       gpointer             tag,
       gpointer             owner,
       CiroReportFunc       func,
       gpointer             data,
       GDestroyNotify       data_free,
       GDestroyNotify       result_free,
       GCancellable        *cancellable,
       GAsyncReadyCallback  callback,
       gpointer             user_data)
{
  g_object_unref (request_start (self, tag, owner, func, data, data_free, result_free, cancellable,
                                 callback, user_data));
}

/* ---------------------------------------------------------- the reports */

static GPtrArray *
marketplace_names (CiroStore *store, GError **error)
{
  g_autoptr(GPtrArray) settings = ciro_store_list_marketplaces (store, error);
  GPtrArray *names;

  if (settings == NULL)
    return NULL;
  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < settings->len; i++)
    g_ptr_array_add (names, g_strdup (((CiroMarketplaceSettings *) settings->pdata[i])->name));
  return names;
}

static CiroReportFilter *
filter_copy (const CiroReportFilter *f)
{
  CiroReportFilter *copy = g_new0 (CiroReportFilter, 1);

  copy->from = f->from;
  copy->to = f->to;
  copy->marketplace = f->marketplace && *f->marketplace ? g_strdup (f->marketplace) : NULL;
  return copy;
}

static void
filter_free (gpointer p)
{
  ciro_report_filter_clear (p);
  g_free (p);
}

void
ciro_analytics_report_free (CiroAnalyticsReport *report)
{
  if (report == NULL)
    return;
  g_free (report->marketplace);
  g_clear_pointer (&report->daily, g_array_unref);
  g_clear_pointer (&report->marketplaces, g_array_unref);
  g_clear_pointer (&report->names, g_ptr_array_unref);
  g_free (report);
}

typedef struct {
  CiroReportFilter filter;       /* first: freed by filter_free */
  CiroRangePreset  preset;       /* CIRO_RANGE_N_PRESETS: read back from the days */
  CiroCompareBasis basis;
} AnalyticsRequest;

static gpointer
analytics_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  const AnalyticsRequest *req = data;
  const CiroReportFilter *filter = &req->filter;
  g_autoptr(CiroAnalyticsReport) r = g_new0 (CiroAnalyticsReport, 1);
  CiroReportFilter f, p, all;
  int has;

  r->from = filter->from;
  r->to = filter->to;
  r->marketplace = g_strdup (filter->marketplace);
  r->basis = req->basis;
  r->preset = req->preset < CIRO_RANGE_N_PRESETS ? req->preset : ciro_range_preset_of (r->from, r->to, ciro_today ());
  ciro_range_compare (r->preset, r->basis, r->from, r->to, &r->prev_from, &r->prev_to);
  f = (CiroReportFilter) { r->from, r->to, r->marketplace };
  p = (CiroReportFilter) { r->prev_from, r->prev_to, r->marketplace };
  /* the comparison of marketplaces shows them all, the filter only highlights */
  all = (CiroReportFilter) { r->from, r->to, NULL };
  if ((has = ciro_store_has_orders (store, error)) < 0 ||
      !ciro_report_summary (store, &f, &r->cur, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !ciro_report_summary (store, &p, &r->prev, error) ||
      (r->daily = ciro_report_daily (store, &f, error)) == NULL ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (r->marketplaces = ciro_report_marketplaces (store, &all, error)) == NULL ||
      (r->names = marketplace_names (store, error)) == NULL)
    return NULL;
  r->has_orders = has > 0;
  return g_steal_pointer (&r);
}

void
ciro_report_service_analytics_async (CiroReportService      *self,
                                     gpointer                owner,
                                     const CiroReportFilter *filter,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  ciro_report_service_analytics_compare_async (self, owner, filter, CIRO_RANGE_N_PRESETS, CIRO_COMPARE_PREVIOUS,
                                               cancellable, callback, user_data);
}

void
ciro_report_service_analytics_compare_async (CiroReportService      *self,
                                             gpointer                owner,
                                             const CiroReportFilter *filter,
                                             CiroRangePreset         preset,
                                             CiroCompareBasis        basis,
                                             GCancellable           *cancellable,
                                             GAsyncReadyCallback     callback,
                                             gpointer                user_data)
{
  AnalyticsRequest *req;
  g_autofree CiroReportFilter *copy = NULL;

  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  g_return_if_fail (filter != NULL);
  g_return_if_fail (basis < CIRO_COMPARE_N_BASES);
  req = g_new0 (AnalyticsRequest, 1);
  copy = filter_copy (filter);
  req->filter = *copy;
  req->preset = preset;
  req->basis = basis;
  start (self, ciro_report_service_analytics_async, owner, analytics_run, req, filter_free,
         (GDestroyNotify) ciro_analytics_report_free, cancellable, callback, user_data);
}

CiroAnalyticsReport *
ciro_report_service_analytics_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_analytics_async, error);
}

void
ciro_today_data_free (CiroTodayData *d)
{
  if (d == NULL)
    return;
  g_clear_pointer (&d->marketplaces, g_array_unref);
  g_clear_pointer (&d->feed, g_array_unref);
  g_free (d);
}

static gpointer
today_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr(CiroTodayData) d = g_new0 (CiroTodayData, 1);
  CiroReportFilter f = { 0, 0, NULL };
  CiroDay today;
  gint32 now;
  int has;

  ciro_now (&today, &now);
  f.from = f.to = today;
  d->now_seconds = now;
  if ((has = ciro_store_has_orders (store, error)) < 0 ||
      !ciro_report_today_at (store, today, now, NULL, &d->today, error) ||
      (d->marketplaces = ciro_report_marketplaces (store, &f, error)) == NULL ||
      !ciro_report_hourly (store, today, NULL, d->today_hours, error) ||
      !ciro_report_hourly (store, today - 1, NULL, d->yesterday_hours, error) ||
      (d->feed = ciro_report_latest_orders (store, 12, error)) == NULL)
    return NULL;
  d->has_orders = has > 0;
  return g_steal_pointer (&d);
}

void
ciro_report_service_today_async (CiroReportService   *self,
                                 gpointer             owner,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  start (self, ciro_report_service_today_async, owner, today_run, NULL, NULL,
         (GDestroyNotify) ciro_today_data_free, cancellable, callback, user_data);
}

CiroTodayData *
ciro_report_service_today_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_today_async, error);
}

void
ciro_products_report_free (CiroProductsReport *r)
{
  if (r == NULL)
    return;
  ciro_report_filter_clear (&r->filter);
  g_clear_pointer (&r->rows, g_array_unref);
  g_clear_pointer (&r->codes, g_hash_table_unref);
  g_clear_pointer (&r->images, g_hash_table_unref);
  g_clear_pointer (&r->names, g_ptr_array_unref);
  g_free (r);
}

static gpointer
products_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  const CiroReportFilter *filter = data;
  g_autoptr(CiroProductsReport) r = g_new0 (CiroProductsReport, 1);
  CiroSummary s;
  int has;

  r->filter.from = filter->from;
  r->filter.to = filter->to;
  r->filter.marketplace = g_strdup (filter->marketplace);
  if ((has = ciro_store_has_orders (store, error)) < 0 ||
      (r->rows = ciro_report_products (store, &r->filter, CIRO_SORT_REVENUE, TRUE, error)) == NULL ||
      g_cancellable_set_error_if_cancelled (cancellable, error) ||
      (r->codes = ciro_report_product_codes (store, error)) == NULL ||
      (r->images = ciro_report_product_images (store, error)) == NULL ||
      !ciro_report_summary (store, &r->filter, &s, error) ||
      (r->names = marketplace_names (store, error)) == NULL)
    return NULL;
  r->has_orders = has > 0;
  r->unmatched_lines = s.unmatched_lines;
  return g_steal_pointer (&r);
}

void
ciro_report_service_products_async (CiroReportService      *self,
                                    gpointer                owner,
                                    const CiroReportFilter *filter,
                                    GCancellable           *cancellable,
                                    GAsyncReadyCallback     callback,
                                    gpointer                user_data)
{
  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  g_return_if_fail (filter != NULL);
  start (self, ciro_report_service_products_async, owner, products_run, filter_copy (filter), filter_free,
         (GDestroyNotify) ciro_products_report_free, cancellable, callback, user_data);
}

CiroProductsReport *
ciro_report_service_products_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_products_async, error);
}

void
ciro_stock_report_free (CiroStockReport *r)
{
  if (r == NULL)
    return;
  g_clear_pointer (&r->rows, g_array_unref);
  g_free (r->values);
  g_free (r);
}

typedef struct {
  CiroDay today;
  char  **keys;
} StockAsk;

static void
stock_ask_free (gpointer p)
{
  StockAsk *a = p;
  g_strfreev (a->keys);
  g_free (a);
}

static gpointer
stock_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  StockAsk *a = data;
  g_autoptr(CiroStockReport) r = g_new0 (CiroStockReport, 1);
  int has;

  r->today = a->today;
  if ((has = ciro_store_has_orders (store, error)) < 0 ||
      (r->rows = ciro_report_stock (store, a->today, error)) == NULL)
    return NULL;
  r->has_orders = has > 0;
  r->values = g_new0 (gint64, a->keys ? g_strv_length (a->keys) + 1 : 1);
  for (guint i = 0; a->keys != NULL && a->keys[i] != NULL; i++)
    r->values[i] = ciro_store_get_setting_int (store, a->keys[i], 0);
  return g_steal_pointer (&r);
}

void
ciro_report_service_stock_async (CiroReportService   *self,
                                 gpointer             owner,
                                 CiroDay              today,
                                 const char * const  *keys,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  StockAsk *a;

  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  a = g_new0 (StockAsk, 1);
  a->today = today;
  a->keys = g_strdupv ((char **) keys);
  start (self, ciro_report_service_stock_async, owner, stock_run, a, stock_ask_free,
         (GDestroyNotify) ciro_stock_report_free, cancellable, callback, user_data);
}

CiroStockReport *
ciro_report_service_stock_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_stock_async, error);
}

typedef struct {
  gint64           key;
  CiroReportFilter filter;
} DetailAsk;

static void
detail_ask_free (gpointer p)
{
  DetailAsk *a = p;
  ciro_report_filter_clear (&a->filter);
  g_free (a);
}

static void
detail_free (gpointer p)
{
  ciro_product_detail_clear (p);
  g_free (p);
}

static gpointer
detail_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  DetailAsk *a = data;
  CiroProductDetail *d = g_new0 (CiroProductDetail, 1);

  if (!ciro_report_product_detail (store, a->key, &a->filter, d, error))
    {
      detail_free (d);
      return NULL;
    }
  return d;
}

void
ciro_report_service_product_detail_async (CiroReportService      *self,
                                          gpointer                owner,
                                          gint64                  product_key,
                                          const CiroReportFilter *filter,
                                          GCancellable           *cancellable,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data)
{
  DetailAsk *a;

  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  g_return_if_fail (filter != NULL);
  a = g_new0 (DetailAsk, 1);
  a->key = product_key;
  a->filter.from = filter->from;
  a->filter.to = filter->to;
  a->filter.marketplace = g_strdup (filter->marketplace);
  start (self, ciro_report_service_product_detail_async, owner, detail_run, a, detail_ask_free, detail_free,
         cancellable, callback, user_data);
}

CiroProductDetail *
ciro_report_service_product_detail_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_product_detail_async, error);
}

void
ciro_unmatched_report_free (CiroUnmatchedReport *r)
{
  if (r == NULL)
    return;
  g_clear_pointer (&r->rows, g_array_unref);
  g_clear_pointer (&r->products, g_array_unref);
  g_free (r);
}

static gpointer
unmatched_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr(CiroUnmatchedReport) r = g_new0 (CiroUnmatchedReport, 1);

  if ((r->rows = ciro_report_unmatched (store, error)) == NULL ||
      (r->products = ciro_report_product_list (store, error)) == NULL)
    return NULL;
  return g_steal_pointer (&r);
}

void
ciro_report_service_unmatched_async (CiroReportService   *self,
                                     gpointer             owner,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  start (self, ciro_report_service_unmatched_async, owner, unmatched_run, NULL, NULL,
         (GDestroyNotify) ciro_unmatched_report_free, cancellable, callback, user_data);
}

CiroUnmatchedReport *
ciro_report_service_unmatched_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_unmatched_async, error);
}

void
ciro_store_settings_free (CiroStoreSettings *s)
{
  if (s == NULL)
    return;
  g_clear_pointer (&s->values, g_hash_table_unref);
  g_clear_pointer (&s->marketplaces, g_ptr_array_unref);
  g_free (s);
}

static gpointer
settings_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  g_autoptr(CiroStoreSettings) s = g_new0 (CiroStoreSettings, 1);

  s->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (const CiroSettingInfo *i = ciro_settings_known (); i->key != NULL; i++)
    {
      char *v = ciro_store_get_setting (store, i->key);
      g_hash_table_insert (s->values, g_strdup (i->key), v ? v : g_strdup (i->default_value));
    }
  if ((s->marketplaces = ciro_store_list_marketplaces (store, error)) == NULL)
    return NULL;
  return g_steal_pointer (&s);
}

void
ciro_report_service_settings_async (CiroReportService   *self,
                                    gpointer             owner,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  start (self, ciro_report_service_settings_async, owner, settings_run, NULL, NULL,
         (GDestroyNotify) ciro_store_settings_free, cancellable, callback, user_data);
}

CiroStoreSettings *
ciro_report_service_settings_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_settings_async, error);
}

static gpointer
sync_runs_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return ciro_store_list_sync_runs (store, GPOINTER_TO_UINT (data), error);
}

void
ciro_report_service_sync_runs_async (CiroReportService   *self,
                                     gpointer             owner,
                                     guint                limit,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  start (self, ciro_report_service_sync_runs_async, owner, sync_runs_run, GUINT_TO_POINTER (limit), NULL,
         (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
ciro_report_service_sync_runs_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_sync_runs_async, error);
}

typedef struct {
  char           *key;
  char           *value;
  char           *marketplace;
  CiroBasisPoints commission;
  CiroKurus       shipping;
} Write;

static void
write_free (gpointer p)
{
  Write *w = p;
  g_free (w->key);
  g_free (w->value);
  g_free (w->marketplace);
  g_free (w);
}

static gpointer
write_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Write *w = data;
  gboolean ok;

  if (w->key != NULL)
    ok = ciro_store_set_setting (store, w->key, w->value, error);
  else
    ok = ciro_store_set_marketplace (store, w->marketplace, w->commission, w->shipping, error);
  return ok ? GINT_TO_POINTER (1) : NULL;
}

void
ciro_report_service_write_async (CiroReportService   *self,
                                 const char          *key,
                                 const char          *value,
                                 const char          *marketplace,
                                 CiroBasisPoints      commission,
                                 CiroKurus            shipping,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Write *w;

  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  g_return_if_fail ((key != NULL) != (marketplace != NULL));
  w = g_new0 (Write, 1);
  w->key = g_strdup (key);
  w->value = g_strdup (value);
  w->marketplace = g_strdup (marketplace);
  w->commission = commission;
  w->shipping = shipping;
  /* writes are never replaced by later ones: no owner */
  start (self, ciro_report_service_write_async, NULL, write_run, w, write_free, NULL, cancellable,
         callback, user_data);
}

gboolean
ciro_report_service_write_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_write_async, error) != NULL;
}

static gpointer
map_sku_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  char **map = data;        /* sku, product sku */
  return ciro_store_map_sku (store, map[0], map[1], error) ? GINT_TO_POINTER (1) : NULL;
}

void
ciro_report_service_map_sku_async (CiroReportService   *self,
                                   const char          *sku,
                                   const char          *product_sku,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  char **map;

  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  g_return_if_fail (sku != NULL && product_sku != NULL);
  map = g_new0 (char *, 3);
  map[0] = g_strdup (sku);
  map[1] = g_strdup (product_sku);
  start (self, ciro_report_service_map_sku_async, NULL, map_sku_run, map, (GDestroyNotify) g_strfreev, NULL,
         cancellable, callback, user_data);
}

gboolean
ciro_report_service_map_sku_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_map_sku_async, error) != NULL;
}

static gpointer
suggest_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return ciro_suggest_for_rows (store, data, cancellable, error);
}

void
ciro_report_service_suggest_async (CiroReportService   *self,
                                   gpointer             owner,
                                   GArray              *rows,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  g_return_if_fail (rows != NULL);
  start (self, ciro_report_service_suggest_async, owner, suggest_run, g_array_ref (rows),
         (GDestroyNotify) g_array_unref, (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
ciro_report_service_suggest_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_suggest_async, error);
}

typedef struct {
  CiroMappingSet *sets;
  guint           n_sets;
  GPtrArray      *skus;      /* the sets' SKUs, owned */
} SetsData;

static void
sets_data_free (SetsData *d)
{
  g_free (d->sets);
  g_ptr_array_unref (d->skus);
  g_free (d);
}

static gpointer
set_mappings_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  SetsData *d = data;
  GPtrArray *changes = NULL;

  if (!ciro_store_set_mappings (store, d->sets, d->n_sets, &changes, error))
    return NULL;
  return changes;
}

static void
start_sets (CiroReportService *self, SetsData *d, GAsyncReadyCallback callback, gpointer user_data)
{
  /* a write: never dropped by a newer request */
  start (self, ciro_report_service_set_mappings_async, NULL, set_mappings_run, d, (GDestroyNotify) sets_data_free,
         (GDestroyNotify) g_ptr_array_unref, NULL, callback, user_data);
}

void
ciro_report_service_set_mappings_async (CiroReportService    *self,
                                        const CiroMappingSet *sets,
                                        guint                 n_sets,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data)
{
  SetsData *d;

  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  g_return_if_fail (sets != NULL || n_sets == 0);
  d = g_new0 (SetsData, 1);
  d->sets = g_new0 (CiroMappingSet, n_sets + 1);
  d->n_sets = n_sets;
  d->skus = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_sets; i++)
    {
      char *sku = g_strdup (sets[i].sku);
      g_ptr_array_add (d->skus, sku);
      d->sets[i] = (CiroMappingSet) { sku, sets[i].product_id, sets[i].created_at };
    }
  start_sets (self, d, callback, user_data);
}

GPtrArray *
ciro_report_service_set_mappings_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_set_mappings_async, error);
}

void
ciro_report_service_undo_mappings_async (CiroReportService   *self,
                                         GPtrArray           *changes,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_autofree CiroMappingSet *sets = NULL;
  guint n = 0;

  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  g_return_if_fail (changes != NULL);
  sets = g_new0 (CiroMappingSet, changes->len + 1);
  for (guint i = changes->len; i-- > 0;)
    {
      const CiroMappingChange *c = g_ptr_array_index (changes, i);
      sets[n++] = (CiroMappingSet) { c->sku, c->previous_product_id, c->previous_created_at };
    }
  ciro_report_service_set_mappings_async (self, sets, n, callback, user_data);
}

static gpointer
import_mappings_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return ciro_mappings_import_csv (store, data, error);
}

void
ciro_report_service_import_mappings_async (CiroReportService   *self,
                                           const char          *path,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  g_return_if_fail (path != NULL);
  start (self, ciro_report_service_import_mappings_async, NULL, import_mappings_run, g_strdup (path), g_free,
         (GDestroyNotify) ciro_mapping_import_free, NULL, callback, user_data);
}

CiroMappingImport *
ciro_report_service_import_mappings_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  return finish (self, result, ciro_report_service_import_mappings_async, error);
}

static gpointer
export_mappings_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  gint64 n = ciro_mappings_export_csv (store, data, error);
  gint64 *out;

  if (n < 0)
    return NULL;
  out = g_new (gint64, 1);
  *out = n;
  return out;
}

void
ciro_report_service_export_mappings_async (CiroReportService   *self,
                                           const char          *path,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  g_return_if_fail (CIRO_IS_REPORT_SERVICE (self));
  g_return_if_fail (path != NULL);
  start (self, ciro_report_service_export_mappings_async, NULL, export_mappings_run, g_strdup (path), g_free,
         g_free, NULL, callback, user_data);
}

gint64
ciro_report_service_export_mappings_finish (CiroReportService *self, GAsyncResult *result, GError **error)
{
  g_autofree gint64 *n = finish (self, result, ciro_report_service_export_mappings_async, error);
  return n != NULL ? *n : -1;
}

/* ---------------------------------------------------------- the object */

guint
ciro_report_service_get_connections (CiroReportService *self)
{
  guint n;

  g_return_val_if_fail (CIRO_IS_REPORT_SERVICE (self), 0);
  g_mutex_lock (&self->lock);
  n = self->opened;
  g_mutex_unlock (&self->lock);
  return n;
}

guint
ciro_report_service_get_peak (CiroReportService *self)
{
  g_return_val_if_fail (CIRO_IS_REPORT_SERVICE (self), 0);
  return g_atomic_int_get (&self->peak);
}

const char *
ciro_report_service_get_path (CiroReportService *self)
{
  g_return_val_if_fail (CIRO_IS_REPORT_SERVICE (self), NULL);
  return self->path;
}

static void
ciro_report_service_finalize (GObject *object)
{
  CiroReportService *self = CIRO_REPORT_SERVICE (object);

  /* every request holds a reference: no request is left, though a worker
   * may still be returning, the one this runs on perhaps */
  g_thread_pool_free (self->pool, FALSE, g_private_get (&in_worker) != (gpointer) self);
  g_queue_clear_full (&self->idle, g_object_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_hash_table_unref (self->latest);
  g_free (self->path);
  G_OBJECT_CLASS (ciro_report_service_parent_class)->finalize (object);
}

static void
ciro_report_service_class_init (CiroReportServiceClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ciro_report_service_finalize;
}

static void
ciro_report_service_init (CiroReportService *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->idle);
  self->latest = g_hash_table_new (NULL, NULL);
}

CiroReportService *
ciro_report_service_new (const char *path, guint max_threads)
{
  CiroReportService *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (CIRO_TYPE_REPORT_SERVICE, NULL);
  self->path = g_strdup (path);
  /* four at least: a window's pages load side by side, and the page
   * in view must not queue behind the others' reports */
  self->max_threads = max_threads > 0 ? max_threads : CLAMP (g_get_num_processors (), 4, 8);
  self->pool = g_thread_pool_new (worker, self, (int) self->max_threads, FALSE, NULL);
  return self;
}
