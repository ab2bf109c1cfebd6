/* ciro-sync.c: one sync run — products and orders from Sentos into the store
 *
 * The network side runs on the main context (libsoup async); parsing and
 * writing a page run in a worker thread, one at a time, on the run's own
 * store connection.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "store/ciro-store-sync-runs.h"
#include "store/ciro-store.h"
#include "ciro-sentos-parse.h"
#include "ciro-sync.h"
#include "ciro-task-source.h"

struct _CiroSync
{
  GObject           parent_instance;

  char             *db_path;
  CiroSentosClient *client;
  CiroStore        *store;        /* used from worker threads only, one at a time */
  char             *phase;
  guint             pages_done;
  guint             pages_total;
  guint             records;
  guint             retries;
  double            fraction;
  char             *error;
  gboolean          running;
  /* the process's other connections, closed around leaving WAL */
  CiroSyncHoldFunc    hold;
  CiroSyncReleaseFunc release;
  GObject            *hold_target;
};

G_DEFINE_FINAL_TYPE (CiroSync, ciro_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PHASE,
  PROP_PAGES_DONE,
  PROP_PAGES_TOTAL,
  PROP_RECORDS,
  PROP_RETRIES,
  PROP_FRACTION,
  PROP_ERROR,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

/* Pages fetched and not yet written wait in a queue; the writer writes them
 * one step at a time (MAX_PAGES_PER_STEP pages: progress is shown after
 * each, and a cancel comes between two pages however fast they came) into
 * a transaction that stays open across steps. It is committed
 * once it holds an eighth of the walk (at most MAX_PAGES_PER_COMMIT
 * pages); after MAX_TX_IDLE_US when pages come slowly (the real API's
 * pause between requests), so that the write lock is not held while the
 * sync waits for the network; after MAX_TX_US in any case; at once when
 * another writer of the process waits for the lock (it goes first); and
 * before the run finishes or fails.
 *
 * Every commit writes each page it touched again into the WAL: the
 * customers and the month and year rollups all over. Committing what had
 * come, a few pages at a time, wrote a first sync's store 3.4 times over
 * into the WAL alone; waiting before writing until an eighth of a date
 * chunk had come still took 88 commits for 100,000 orders. A million
 * orders on a loaded machine wrote 3.9× the store so, 3.2× with a commit
 * every 2 s, 2.6× with 250 pages a commit, 2.4× with 500 and 2.3× with
 * 1,000 (past SQLite's 32 MB cache a transaction spills pages it writes
 * again, and the writer's rollup sums grow: peak RSS 154, 178 and 187 MB).
 *
 * A page is never split across two transactions and the run's progress
 * (the resume text) is committed with the pages it describes, so a killed
 * run goes on after the last page committed: the pages of the open
 * transaction are read again. */
#define MAX_PAGES_AHEAD      64
#define MAX_PAGES_PER_STEP   1
#define MAX_PAGES_PER_COMMIT 500
#define MAX_TX_US            (30 * G_USEC_PER_SEC)
#define MAX_TX_IDLE_US       (2 * G_USEC_PER_SEC)
#define IDLE_US              (200 * G_TIME_SPAN_MILLISECOND)
#define IDLE_POLL_MS         50
#define GIVE_WAY_US          (250 * G_TIME_SPAN_MILLISECOND)

typedef struct {
  CiroSentosPage *data;          /* NULL: the end of the products walk */
  gboolean        in_products;
  gint64          page;
  CiroDay         chunk;
} Job;

typedef struct {
  CiroSync       *self;
  char           *kind;
  CiroSyncRequest req;
  gint64          run_id;
  /* the page after the last one committed: what the resume text says */
  gboolean        in_products;
  gint64          page;
  CiroDay         chunk_from;
  gboolean        full_walk;
  gint64          walk_started;
  gint64          started;       /* monotonic µs */
  CiroSyncStats   stats;
  guint           retries_before;
  /* the fetcher: one request in flight, the next position to ask for */
  gboolean        fetching;
  gboolean        fetch_done;
  gboolean        fetch_in_products;
  gint64          fetch_page;
  CiroDay         fetch_chunk;
  GError         *fetch_error;   /* reported once what came before is written */
  /* the writer */
  GQueue          queue;         /* Job, in walk order */
  GPtrArray      *batch;         /* Job, being written */
  gboolean        writing;
  GSource        *wait_source;   /* an open transaction waits for more pages */
  /* the transaction open across steps, and the run as it was committed */
  gboolean        tx_open;
  gint64          tx_started;    /* monotonic µs */
  guint           tx_pages;
  gboolean        tx_deciding;   /* begin_bulk ran in it */
  gboolean        commit_now;    /* the step under way ends with a commit */
  gint64          last_page_at;  /* monotonic µs: when the last page came */
  CiroSyncStats   committed_stats;
  gboolean        committed_in_products;
  gint64          committed_page;
  CiroDay         committed_chunk;
  gboolean        finishing;
  gint64          last_total_pages;  /* of the walk or chunk being written */
  GError         *write_error;   /* a failed write waiting for the fetch */
  /* a store's first orders are a bulk import (ciro_store_begin_bulk) */
  int             had_orders;
  gboolean        bulk_decided;
  gboolean        rollback_journal;  /* back to WAL when the run ends well */
  /* the bounds against a server whose walk never ends */
  guint           fetched;       /* pages read by this run */
  GArray         *last_ids;      /* gint64: the records of the page read last in this walk or chunk */
  /* marketplaces the writer has met; how many were new to the store */
  GHashTable     *marketplaces;
  guint           new_marketplaces;
  guint           other_orders;  /* orders counted under CIRO_MARKETPLACE_OTHER past the bound */
} Run;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->data, ciro_sentos_page_free);
  g_free (job);
}

static void
run_free (Run *run)
{
  ciro_task_source_clear (&run->wait_source);
  g_queue_clear_full (&run->queue, (GDestroyNotify) job_free);
  g_clear_pointer (&run->batch, g_ptr_array_unref);
  g_clear_pointer (&run->last_ids, g_array_unref);
  g_clear_pointer (&run->marketplaces, g_hash_table_unref);
  g_clear_error (&run->fetch_error);
  g_clear_error (&run->write_error);
  g_object_unref (run->self);
  g_free (run->kind);
  g_free (run);
}

/* ---------------------------------------------------------- properties */

static void
set_phase (CiroSync *self, const char *phase)
{
  if (g_strcmp0 (self->phase, phase) == 0)
    return;
  g_free (self->phase);
  self->phase = g_strdup (phase);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

static void
set_uint (CiroSync *self, guint *field, guint value, guint prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

const char *
ciro_sync_get_phase (CiroSync *self)
{
  return self->phase;
}

static void
ciro_sync_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroSync *self = CIRO_SYNC (object);

  switch (prop_id)
    {
    case PROP_PHASE: g_value_set_string (value, self->phase); break;
    case PROP_PAGES_DONE: g_value_set_uint (value, self->pages_done); break;
    case PROP_PAGES_TOTAL: g_value_set_uint (value, self->pages_total); break;
    case PROP_RECORDS: g_value_set_uint (value, self->records); break;
    case PROP_RETRIES: g_value_set_uint (value, self->retries); break;
    case PROP_FRACTION: g_value_set_double (value, self->fraction); break;
    case PROP_ERROR: g_value_set_string (value, self->error); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_sync_finalize (GObject *object)
{
  CiroSync *self = CIRO_SYNC (object);

  g_clear_object (&self->client);
  g_clear_object (&self->store);
  g_clear_object (&self->hold_target);
  g_free (self->db_path);
  g_free (self->phase);
  g_free (self->error);
  G_OBJECT_CLASS (ciro_sync_parent_class)->finalize (object);
}

static void
ciro_sync_class_init (CiroSyncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ciro_sync_finalize;
  object_class->get_property = ciro_sync_get_property;
  properties[PROP_PHASE] = g_param_spec_string ("phase", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGES_DONE] = g_param_spec_uint ("pages-done", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGES_TOTAL] = g_param_spec_uint ("pages-total", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RECORDS] = g_param_spec_uint ("records", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_RETRIES] = g_param_spec_uint ("retries", NULL, NULL, 0, G_MAXUINT, 0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] = g_param_spec_double ("fraction", NULL, NULL, -1.0, 1.0, -1.0, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ciro_sync_init (CiroSync *self)
{
  self->phase = g_strdup ("idle");
  self->fraction = -1.0;
}

CiroSync *
ciro_sync_new (const char *db_path, CiroSentosClient *client)
{
  CiroSync *self = g_object_new (CIRO_TYPE_SYNC, NULL);
  self->db_path = g_strdup (db_path);
  self->client = g_object_ref (client);
  return self;
}

void
ciro_sync_set_store_hold (CiroSync *self, CiroSyncHoldFunc hold, CiroSyncReleaseFunc release, GObject *target)
{
  g_return_if_fail (CIRO_IS_SYNC (self));
  g_return_if_fail (!self->running);
  g_return_if_fail ((hold == NULL) == (release == NULL));

  self->hold = hold;
  self->release = release;
  g_set_object (&self->hold_target, target);
}

/* ---------------------------------------------------------- worker steps */

typedef gboolean (*WorkerFunc) (Run *run, GError **error);

static void
worker_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  WorkerFunc func = task_data;
  Run *run = g_object_get_data (G_OBJECT (task), "run");
  GError *error = NULL;

  if (func (run, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
in_worker (Run *run, WorkerFunc func, GAsyncReadyCallback done, GTask *outer)
{
  GTask *task = g_task_new (NULL, NULL, done, outer);

  g_object_set_data (G_OBJECT (task), "run", run);
  g_task_set_task_data (task, func, NULL);
  g_task_run_in_thread (task, worker_thread);
  g_object_unref (task);
}

static char *
resume_prefix (Run *run)
{
  char a[11], b[11];
  /* the page numbers of the resume text only mean something with the same
   * window, walk and chunks */
  return g_strdup_printf ("w:%s:%s:%d%d:c%u|", ciro_day_format (run->req.from, a), ciro_day_format (run->req.to, b),
                          run->req.products, run->req.orders, run->req.chunk_days);
}

/* Where the next run goes on after what is committed now. */
static char *
resume_text (Run *run)
{
  g_autofree char *prefix = resume_prefix (run);
  char c[11];

  if (run->in_products)
    return g_strdup_printf ("%sproducts:%" G_GINT64_FORMAT, prefix, run->page);
  return g_strdup_printf ("%sorders:%s:%" G_GINT64_FORMAT, prefix, ciro_day_format (run->chunk_from, c), run->page);
}

static gboolean
save_progress (Run *run, const char *status, const char *error_text, gboolean keep_resume, GError **error)
{
  g_autofree char *resume = keep_resume ? resume_text (run) : NULL;
  CiroSyncRunInfo info = { 0 };

  info.id = run->run_id;
  info.status = (char *) status;
  info.pages = run->stats.pages;
  info.products = run->stats.products;
  info.orders = run->stats.orders;
  info.lines = run->stats.lines;
  info.skipped = run->stats.skipped;
  info.retries = run->stats.retries;
  info.error = (char *) error_text;
  return ciro_store_save_sync_run (run->self->store, &info, resume, g_get_real_time () / G_USEC_PER_SEC, error);
}

static gboolean
parse_resume (Run *run, const char *resume)
{
  g_autofree char *prefix = resume_prefix (run);
  const char *rest;
  g_auto(GStrv) parts = NULL;
  gint64 page;

  if (resume == NULL || !g_str_has_prefix (resume, prefix))
    return FALSE;
  rest = resume + strlen (prefix);
  parts = g_strsplit (rest, ":", -1);
  if (g_strv_length (parts) == 2 && g_str_equal (parts[0], "products") &&
      g_ascii_string_to_signed (parts[1], 10, 1, G_MAXINT32, &page, NULL))
    {
      run->in_products = TRUE;
      run->page = page;
      return TRUE;
    }
  if (g_strv_length (parts) == 3 && g_str_equal (parts[0], "orders") &&
      ciro_day_parse (parts[1], &run->chunk_from, NULL) &&
      g_ascii_string_to_signed (parts[2], 10, 1, G_MAXINT32, &page, NULL))
    {
      run->in_products = FALSE;
      run->page = page;
      return TRUE;
    }
  return FALSE;
}

static gboolean
worker_start (Run *run, GError **error)
{
  CiroSync *self = run->self;
  g_autofree char *prefix = NULL;
  gboolean resumed = FALSE;

  if (self->store == NULL)
    {
      if ((self->store = ciro_store_open (self->db_path, error)) == NULL)
        return FALSE;
      if (!ciro_store_use_large_wal (self->store, error))
        return FALSE;
    }

  run->had_orders = ciro_store_has_orders (self->store, NULL);
  /* a store's first sync: a rollback journal, unless another connection
   * has the store open. The process's others (the window's reports) are
   * closed for the switch; those opened after it leave the journal alone. */
  if (run->req.orders && (run->had_orders == 0 || ciro_store_in_bulk (self->store)))
    {
      if (self->hold == NULL || self->hold (self->hold_target))
        run->rollback_journal = ciro_store_use_first_sync_journal (self->store);
      else
        g_debug ("%s stays in WAL for its first sync: other connections stayed open", self->db_path);
      if (self->hold != NULL)
        self->release (self->hold_target);
    }
  run->in_products = run->req.products;
  run->page = 1;
  run->chunk_from = run->req.from;
  run->full_walk = run->req.products;

  /* A run of the same kind and window that did not finish goes on where it
   * stopped: killed ("running"), failed or cancelled. */
  prefix = resume_prefix (run);
  {
    g_autofree char *resume = NULL;
    g_autoptr(GError) local = NULL;
    g_autoptr(CiroSyncRunInfo) before = ciro_store_find_unfinished_sync_run (self->store, run->kind, prefix,
                                                                             &resume, &local);

    if (local != NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local));
        return FALSE;
      }
    if (before != NULL && parse_resume (run, resume))
      {
        run->run_id = before->id;
        run->stats.pages = before->pages;
        run->stats.products = before->products;
        run->stats.orders = before->orders;
        run->stats.lines = before->lines;
        run->stats.skipped = before->skipped;
        run->retries_before = before->retries;
        run->stats.resumed = resumed = TRUE;
        run->full_walk = FALSE;
      }
  }

  if (!ciro_store_begin (self->store, error))
    return FALSE;
  if (!resumed &&
      (run->run_id = ciro_store_begin_sync_run (self->store, run->kind, g_get_real_time () / G_USEC_PER_SEC,
                                                error)) == 0)
    goto fail;
  if (!save_progress (run, "running", NULL, TRUE, error))
    goto fail;
  run->committed_stats = run->stats;
  run->committed_in_products = run->in_products;
  run->committed_page = run->page;
  run->committed_chunk = run->chunk_from;
  return ciro_store_commit (self->store, error);

fail:
  ciro_store_rollback (self->store);
  return FALSE;
}

/* A `source` creates a marketplace the first time it is seen: no more than
 * CIRO_SYNC_MAX_NEW_MARKETPLACES in one run, so that a server sending a
 * new source with every order cannot fill the marketplace list. The orders
 * past the bound count under CIRO_MARKETPLACE_OTHER. */
static gboolean
bound_marketplace (Run *run, CiroOrderRecord *o, GError **error)
{
  gboolean known;

  if (o->marketplace == NULL)
    o->marketplace = ciro_marketplace_normalize (o->source);
  if (g_hash_table_contains (run->marketplaces, o->marketplace))
    return TRUE;
  known = ciro_marketplace_is_builtin (o->marketplace);
  if (!known)
    {
      int has = ciro_store_has_marketplace (run->self->store, o->marketplace, error);
      if (has < 0)
        return FALSE;
      known = has == 1;
    }
  if (!known)
    {
      if (run->new_marketplaces >= CIRO_SYNC_MAX_NEW_MARKETPLACES)
        {
          if (run->other_orders++ == 0)
            g_message ("more than %u new marketplaces in one sync: orders of “%s” and any further new ones "
                       "are counted under %s", CIRO_SYNC_MAX_NEW_MARKETPLACES, o->marketplace,
                       CIRO_MARKETPLACE_OTHER);
          g_free (o->marketplace);
          o->marketplace = g_strdup (CIRO_MARKETPLACE_OTHER);
          return TRUE;
        }
      run->new_marketplaces++;
    }
  g_hash_table_add (run->marketplaces, g_strdup (o->marketplace));
  return TRUE;
}

static gboolean
write_records (Run *run, Job *job, GError **error)
{
  CiroStore *store = run->self->store;
  CiroSentosPage *page = job->data;

  for (guint i = 0; i < page->records->len; i++)
    {
      if (job->in_products)
        {
          if (!ciro_store_put_product (store, page->records->pdata[i], ciro_today (), error))
            return FALSE;
          run->stats.products++;
        }
      else
        {
          CiroOrderRecord *o = page->records->pdata[i];
          if (!bound_marketplace (run, o, error) || !ciro_store_put_order (store, o, error))
            return FALSE;
          run->stats.orders++;
          run->stats.lines += o->lines->len;
        }
    }
  for (guint i = 0; i < page->skipped->len; i++)
    g_message ("%s %s", job->in_products ? "product" : "order", (const char *) page->skipped->pdata[i]);
  for (guint i = 0; i < page->bad_fields->len; i++)
    g_message ("%s page %" G_GINT64_FORMAT ", bad field: %s", job->in_products ? "products" : "orders",
               page->page, (const char *) page->bad_fields->pdata[i]);
  run->stats.skipped += page->skipped->len;
  run->stats.field_errors += page->field_errors;
  run->stats.pages++;
  return TRUE;
}

/* Commits the open transaction with the run's progress: the next run goes
 * on after the last page written in it. */
static gboolean
commit_open (Run *run, GError **error)
{
  CiroStore *store = run->self->store;

  if (!run->tx_open)
    return TRUE;
  run->tx_open = FALSE;
  if (!save_progress (run, "running", NULL, TRUE, error))
    {
      ciro_store_rollback (store);
      return FALSE;
    }
  if (!ciro_store_commit (store, error))
    return FALSE;
  run->bulk_decided |= run->tx_deciding;
  run->tx_deciding = FALSE;
  run->committed_stats = run->stats;
  run->committed_in_products = run->in_products;
  run->committed_page = run->page;
  run->committed_chunk = run->chunk_from;
  return TRUE;
}

/* Undoes the open transaction: the run is back where it was committed. */
static void
rollback_open (Run *run)
{
  if (ciro_store_in_transaction (run->self->store))
    ciro_store_rollback (run->self->store);
  run->tx_open = FALSE;
  run->tx_deciding = FALSE;
  run->stats = run->committed_stats;
  run->in_products = run->committed_in_products;
  run->page = run->committed_page;
  run->chunk_from = run->committed_chunk;
}

/* The pages of run->batch and their records into the open transaction
 * (begun if none is), committed with the run's progress when the step asks
 * for it or another writer waits. */
static gboolean
worker_write_batch (Run *run, GError **error)
{
  CiroStore *store = run->self->store;

  if (!run->tx_open)
    {
      /* a writer of the process that made the last transaction end goes
       * first */
      for (gint64 until = g_get_monotonic_time () + GIVE_WAY_US;
           ciro_store_writer_waiting (store) && g_get_monotonic_time () < until;)
        g_usleep (5 * G_TIME_SPAN_MILLISECOND);
      if (!ciro_store_begin (store, error))
        return FALSE;
      run->tx_open = TRUE;
      run->tx_started = g_get_monotonic_time ();
      run->tx_pages = 0;
    }
  for (guint i = 0; i < run->batch->len; i++)
    {
      Job *job = run->batch->pdata[i];

      /* the first orders of a store, or a bulk import a killed run left
       * unfinished: without the indexes until the run ends */
      if (!job->in_products && !run->bulk_decided && !run->tx_deciding)
        {
          run->tx_deciding = TRUE;
          if ((run->had_orders == 0 || ciro_store_in_bulk (store)) && !ciro_store_begin_bulk (store, error))
            goto fail;
        }

      if (!job->data->has_list)
        {
          /* not a list at all: counted as a skipped page's worth, the walk
           * or chunk ends there */
          g_message ("page %" G_GINT64_FORMAT " skipped: it holds no list of records", job->page);
          run->stats.skipped++;
          continue;
        }
      if (!write_records (run, job, error))
        goto fail;
      run->in_products = job->in_products;
      run->page = job->page + 1;
      run->chunk_from = job->chunk;
      run->tx_pages++;
    }
  if (run->tx_pages == 0)
    {
      /* nothing but pages without a list since the last commit: nothing
       * to commit; they are counted and stay counted */
      ciro_store_rollback (store);
      run->tx_open = FALSE;
      run->tx_deciding = FALSE;
      run->committed_stats = run->stats;
      return TRUE;
    }
  if ((run->commit_now || ciro_store_writer_waiting (store)) && !commit_open (run, error))
    goto fail;
  return TRUE;

fail:
  rollback_open (run);
  return FALSE;
}

/* The open transaction's time is up, or a writer waits for the lock. */
static gboolean
worker_commit (Run *run, GError **error)
{
  if (commit_open (run, error))
    return TRUE;
  rollback_open (run);
  return FALSE;
}

static gboolean
worker_products_done (Run *run, GError **error)
{
  CiroStore *store = run->self->store;
  g_autofree char *flag = NULL;

  if (!worker_commit (run, error))
    return FALSE;
  if (run->full_walk)
    {
      if (!ciro_store_begin (store, error))
        return FALSE;
      if (!ciro_store_mark_unseen_inactive (store, run->walk_started, error) ||
          !ciro_store_commit (store, error))
        {
          ciro_store_rollback (store);
          return FALSE;
        }
    }
  flag = ciro_store_get_setting (store, "needs_recompute");
  if (flag != NULL)
    return ciro_store_recompute (store, NULL, error);
  return TRUE;
}

/* A run that ends well ends a bulk import too, its own or one that a run
 * before it left; one that fails leaves it for the run that goes on. */
static gboolean
worker_finish_ok (Run *run, GError **error)
{
  g_autoptr(GError) local = NULL;

  if (!worker_commit (run, error) ||
      !ciro_store_end_bulk (run->self->store, error) ||
      !save_progress (run, "ok", NULL, FALSE, error))
    return FALSE;
  /* the first sync is over: back to WAL, where readers never wait for the
   * writer; if another connection holds a lock now, the store goes back
   * when next opened */
  if (run->rollback_journal && !ciro_store_use_wal (run->self->store, &local))
    g_message ("the store stays in a rollback journal until it is opened again: %s", local->message);
  run->rollback_journal = FALSE;
  return TRUE;
}

static gboolean
worker_finish_failed (Run *run, GError **error)
{
  const char *status = g_strcmp0 (run->self->phase, "cancelled") == 0 ? "cancelled" : "failed";

  /* the whole pages written so far are kept; a failed write has been
   * undone already */
  if (run->tx_open && !commit_open (run, error))
    {
      rollback_open (run);
      return FALSE;
    }
  return save_progress (run, status, run->self->error, TRUE, error);
}

/* ---------------------------------------------------------- the walk */

static void pump (GTask *task);
static void set_fraction (Run *run);

static void
finished_failed (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  GError *error = g_object_steal_data (G_OBJECT (task), "error");

  g_task_propagate_boolean (G_TASK (result), NULL);
  g_task_return_error (task, error);
  g_object_unref (task);
}

/* Ends the run with `error`; only once neither a request nor a write is
 * under way. */
static void
fail_run (GTask *task, GError *error)
{
  Run *run = g_task_get_task_data (task);
  CiroSync *self = run->self;

  run->finishing = TRUE;
  ciro_task_source_clear (&run->wait_source);
  g_free (self->error);
  self->error = g_strdup (error->message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR]);
  set_phase (self, g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ? "cancelled" : "failed");
  self->running = FALSE;
  if (self->store == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_object_set_data (G_OBJECT (task), "error", error);
  in_worker (run, worker_finish_failed, finished_failed, task);
}

static void
finished_ok (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fail_run (task, error);
      return;
    }
  run->self->running = FALSE;
  set_phase (run->self, "done");
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* Whether the page is the last of its walk (products) or date chunk:
 * the announced last page, or an empty or short one. */
static gboolean
page_is_last (Run *run, gint64 page_no, CiroSentosPage *page)
{
  if (!page->has_list)
    return TRUE;
  if (page->total_pages > 0)
    return page_no >= page->total_pages || page->n_elements == 0;
  return page->n_elements < run->req.page_size;
}

static void
queue_job (Run *run, CiroSentosPage *data, gboolean in_products, gint64 page, CiroDay chunk)
{
  Job *job = g_new0 (Job, 1);

  job->data = data;
  job->in_products = in_products;
  job->page = page;
  job->chunk = chunk;
  g_queue_push_tail (&run->queue, job);
  run->last_page_at = g_get_monotonic_time ();
}

/* Moves the fetcher past the page it just read. */
static void
advance_fetch (Run *run, gboolean last)
{
  if (!last)
    {
      run->fetch_page++;
      return;
    }
  run->fetch_page = 1;
  if (run->fetch_in_products)
    {
      /* the writer finishes the products walk before any order is written */
      queue_job (run, NULL, TRUE, 0, 0);
      run->fetch_in_products = FALSE;
      run->fetch_chunk = run->req.from;
      run->fetch_done = !run->req.orders;
      return;
    }
  run->fetch_chunk += (CiroDay) run->req.chunk_days;
  run->fetch_done = run->fetch_chunk > run->req.to;
}

/* Whether the page holds the very records of the one before it in this
 * walk or date chunk: a server that ignores `page` sends page 1 forever.
 * Remembers the page's records for the next one. */
static gboolean
is_repeat (Run *run, CiroSentosPage *page)
{
  gboolean same;
  guint n = page->records->len;

  if (run->last_ids == NULL)
    run->last_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (run->fetch_page <= 1)
    g_array_set_size (run->last_ids, 0);
  same = n > 0 && run->last_ids->len == n;
  for (guint i = 0; i < n && same; i++)
    {
      gint64 id = run->fetch_in_products ? ((CiroProductRecord *) page->records->pdata[i])->id
                                         : ((CiroOrderRecord *) page->records->pdata[i])->id;
      same = g_array_index (run->last_ids, gint64, i) == id;
    }
  if (same)
    return TRUE;
  g_array_set_size (run->last_ids, n);
  for (guint i = 0; i < n; i++)
    g_array_index (run->last_ids, gint64, i) = run->fetch_in_products
      ? ((CiroProductRecord *) page->records->pdata[i])->id
      : ((CiroOrderRecord *) page->records->pdata[i])->id;
  return FALSE;
}

static void
page_fetched (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  CiroSentosPage *page = ciro_sentos_client_get_finish (CIRO_SENTOS_CLIENT (source), result, &error);

  run->fetching = FALSE;
  run->stats.retries = run->retries_before + ciro_sentos_client_get_retries (run->self->client);
  set_uint (run->self, &run->self->retries, run->stats.retries, PROP_RETRIES);
  if (page != NULL)
    run->fetched++;
  if (page != NULL && is_repeat (run, page))
    {
      g_autofree char *before = g_strdup_printf ("%" G_GINT64_FORMAT, run->fetch_page - 1);
      g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, run->fetch_page);
      /* TRANSLATORS: %s are page numbers */
      g_set_error (&error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BAD_PAGE,
                   _("Sentos sent the same records as page %s again for page %s: "
                     "its pages do not move on, so the sync stopped"), before, now);
      ciro_sentos_page_free (page);
      page = NULL;
    }
  if (page == NULL)
    {
      run->fetch_error = error;
      run->fetch_done = TRUE;
    }
  else
    {
      gboolean last = page_is_last (run, run->fetch_page, page);
      queue_job (run, page, run->fetch_in_products, run->fetch_page, run->fetch_chunk);
      advance_fetch (run, last);
    }
  pump (task);
}

static void
fetch_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  g_autofree char *query = NULL;

  if (run->fetch_in_products)
    query = g_strdup_printf ("page=%" G_GINT64_FORMAT "&size=%u", run->fetch_page, run->req.page_size);
  else
    {
      char a[11], b[11];
      CiroDay end = MIN (run->req.to, run->fetch_chunk + (CiroDay) run->req.chunk_days - 1);
      query = g_strdup_printf ("start_date=%s&end_date=%s&page=%" G_GINT64_FORMAT "&size=%u",
                               ciro_day_format (run->fetch_chunk, a), ciro_day_format (end, b),
                               run->fetch_page, run->req.page_size);
    }
  run->fetching = TRUE;
  ciro_sentos_client_get_async (run->self->client, run->fetch_in_products ? "/products" : "/orders", query,
                                run->fetch_in_products ? CIRO_SENTOS_PRODUCTS : CIRO_SENTOS_ORDERS,
                                g_task_get_cancellable (task), page_fetched, task);
}

static void
written (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Run *run = g_task_get_task_data (task);
  CiroSync *self = run->self;
  GError *error = NULL;
  gboolean products_end = run->batch->len == 1 && ((Job *) run->batch->pdata[0])->data == NULL;

  run->writing = FALSE;
  for (guint i = 0; i < run->batch->len; i++)
    {
      Job *job = run->batch->pdata[i];
      if (job->data != NULL && job->page == 1)
        run->last_total_pages = -1;
      if (job->data != NULL && job->data->total_pages > 0)
        run->last_total_pages = job->data->total_pages;
    }
  g_ptr_array_set_size (run->batch, 0);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* the run ends once the request under way has come back */
      run->write_error = error;
      pump (task);
      return;
    }
  if (products_end)
    {
      run->in_products = FALSE;
      run->page = 1;
      run->chunk_from = run->req.from;
      run->last_total_pages = -1;
      if (run->req.orders)
        set_phase (self, "orders");
    }
  else
    {
      if (run->in_products && run->last_total_pages > 0)
        set_uint (self, &self->pages_total, (guint) MIN (run->last_total_pages, G_MAXUINT), PROP_PAGES_TOTAL);
      set_fraction (run);
    }
  set_uint (self, &self->pages_done, run->stats.pages, PROP_PAGES_DONE);
  set_uint (self, &self->records, run->stats.products + run->stats.orders, PROP_RECORDS);
  pump (task);
}

/* How far the phase is: product pages of their total; orders by the days
 * of the window behind them, the chunk being read counted by its pages.
 * -1 when nothing tells (products without a total). */
static void
set_fraction (Run *run)
{
  CiroSync *self = run->self;
  double f = -1.0;
  gint64 done = run->page - 1;   /* run->page is the next page to write */

  if (run->in_products)
    {
      if (run->last_total_pages > 0)
        f = MIN (1.0, (double) done / (double) run->last_total_pages);
    }
  else if (run->req.to >= run->req.from)
    {
      double days = (double) (run->req.to - run->req.from + 1);
      double chunk = (double) MIN ((CiroDay) run->req.chunk_days, run->req.to - run->chunk_from + 1);
      double within = run->last_total_pages > 0 ? MIN (1.0, (double) done / (double) run->last_total_pages) : 0.5;
      f = CLAMP (((double) (run->chunk_from - run->req.from) + within * chunk) / days, 0.0, 1.0);
    }
  if (f != self->fraction)
    {
      self->fraction = f;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
}

/* The pages a transaction is to hold before it is committed: an eighth of
 * the walk (the orders' chunks counted alike), at most
 * MAX_PAGES_PER_COMMIT; a walk of unknown length is committed by time. */
static guint
commit_pages (Run *run, const Job *head)
{
  gint64 total = head->data->total_pages > 0 ? head->data->total_pages : run->last_total_pages;

  if (total <= 0)
    return MAX_PAGES_PER_COMMIT;
  if (!head->in_products && run->req.to >= run->req.from)
    total *= ((gint64) (run->req.to - run->req.from) + run->req.chunk_days) / run->req.chunk_days;
  return (guint) CLAMP (total / 8, 1, MAX_PAGES_PER_COMMIT);
}

/* Whether the open transaction is to be committed now that nothing is left
 * to write: its time is up (the shorter time when no page has come for a
 * while), or another writer of the process waits. */
static gboolean
tx_due (Run *run)
{
  gint64 now = g_get_monotonic_time ();
  gint64 age = now - run->tx_started;

  return run->tx_open &&
         (age >= MAX_TX_US || (age >= MAX_TX_IDLE_US && now - run->last_page_at >= IDLE_US) ||
          ciro_store_writer_waiting (run->self->store));
}

/* Hands the writer what has come: the end of the products walk alone, or
 * consecutive pages of one kind. */
static void
write_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  Job *head = g_queue_peek_head (&run->queue);

  if (head->data == NULL)
    {
      g_ptr_array_add (run->batch, g_queue_pop_head (&run->queue));
      set_phase (run->self, "finishing products");
      run->writing = TRUE;
      in_worker (run, worker_products_done, written, task);
      return;
    }
  while (!g_queue_is_empty (&run->queue) && run->batch->len < MAX_PAGES_PER_STEP)
    {
      Job *job = g_queue_peek_head (&run->queue);
      if (job->data == NULL || job->in_products != head->in_products)
        break;
      g_ptr_array_add (run->batch, g_queue_pop_head (&run->queue));
    }
  run->commit_now = (run->tx_open ? run->tx_pages : 0) + run->batch->len >= commit_pages (run, head) ||
                    (run->tx_open && g_get_monotonic_time () - run->tx_started >= MAX_TX_US);
  run->writing = TRUE;
  in_worker (run, worker_write_batch, written, task);
}

static gboolean
wait_over (gpointer data)
{
  GTask *task = data;
  Run *run = g_task_get_task_data (task);

  ciro_task_source_forget (&run->wait_source);
  pump (task);
  return G_SOURCE_REMOVE;
}

/* Whether the run may ask for another page: not past its pages or its
 * time. Otherwise the run is to end failed, with the reason, once what
 * came is written; the next run goes on from there. */
static gboolean
within_bounds (Run *run)
{
  gint64 seconds = (g_get_monotonic_time () - run->started) / G_USEC_PER_SEC;

  if (run->fetched >= run->req.max_pages)
    {
      g_set_error (&run->fetch_error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BAD_PAGE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Sentos kept sending pages: the sync stopped after %u page, the most one sync reads",
                                "Sentos kept sending pages: the sync stopped after %u pages, the most one sync reads",
                                run->req.max_pages),
                   run->req.max_pages);
      return FALSE;
    }
  if (seconds >= (gint64) run->req.max_seconds)
    {
      if (run->req.max_seconds % 3600 == 0)
        g_set_error (&run->fetch_error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BAD_PAGE,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The sync stopped after %u hour, the longest one sync may take; the next one goes on from there",
                                  "The sync stopped after %u hours, the longest one sync may take; the next one goes on from there",
                                  run->req.max_seconds / 3600),
                     run->req.max_seconds / 3600);
      else
        g_set_error (&run->fetch_error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BAD_PAGE,
                     g_dngettext (GETTEXT_PACKAGE,
                                  "The sync stopped after %u second, the longest one sync may take; the next one goes on from there",
                                  "The sync stopped after %u seconds, the longest one sync may take; the next one goes on from there",
                                  run->req.max_seconds),
                     run->req.max_seconds);
      return FALSE;
    }
  return TRUE;
}

/* What the run does next, each time a request or a write has ended. */
static void
pump (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (task));

  if (run->finishing)
    return;
  if (run->write_error != NULL || cancelled)
    {
      if (!run->fetching && !run->writing)
        {
          GError *error = g_steal_pointer (&run->write_error);
          if (error == NULL)
            g_cancellable_set_error_if_cancelled (g_task_get_cancellable (task), &error);
          fail_run (task, error);
        }
      return;
    }
  if (!run->fetching && !run->fetch_done && g_queue_get_length (&run->queue) < MAX_PAGES_AHEAD)
    {
      if (!within_bounds (run))
        run->fetch_done = TRUE;
      else
        fetch_next (task);
    }
  if (!run->writing && !g_queue_is_empty (&run->queue))
    {
      ciro_task_source_clear (&run->wait_source);
      write_next (task);
      return;
    }
  if (run->writing)
    return;
  if (run->tx_open && !run->fetch_done && run->fetch_error == NULL)
    {
      /* an open transaction waits for more pages, no longer than its time
       * and not while another writer waits */
      if (tx_due (run))
        {
          ciro_task_source_clear (&run->wait_source);
          run->writing = TRUE;
          in_worker (run, worker_commit, written, task);
        }
      else if (run->wait_source == NULL)
        run->wait_source = ciro_task_timeout (task, IDLE_POLL_MS, wait_over, g_object_ref (task), g_object_unref);
      return;
    }
  /* everything that came is written */
  if (run->fetch_error != NULL)
    {
      if (!run->fetching)
        fail_run (task, g_steal_pointer (&run->fetch_error));
      return;
    }
  if (run->fetch_done && !run->fetching)
    {
      run->finishing = TRUE;
  ciro_task_source_clear (&run->wait_source);
      set_phase (run->self, "finishing");
      in_worker (run, worker_finish_ok, finished_ok, task);
    }
}

static void
started (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fail_run (task, error);
      return;
    }
  run->fetch_in_products = run->in_products;
  run->fetch_page = run->page;
  run->fetch_chunk = run->chunk_from;
  run->fetch_done = !run->req.products && !run->req.orders;
  if (!run->in_products && run->chunk_from > run->req.to)
    run->fetch_done = TRUE;
  if (!run->fetch_done)
    set_phase (run->self, run->in_products ? "products" : "orders");
  pump (task);
}

void
ciro_sync_run_async (CiroSync              *self,
                     const CiroSyncRequest *request,
                     GCancellable          *cancellable,
                     GAsyncReadyCallback    callback,
                     gpointer               user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  Run *run;

  g_return_if_fail (CIRO_IS_SYNC (self));

  if (self->running)
    {
      g_task_return_new_error (task, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BUSY,
                               _("A sync is already running; wait for it to finish"));
      g_object_unref (task);
      return;
    }
  run = g_new0 (Run, 1);
  run->self = g_object_ref (self);
  run->req = *request;
  run->kind = g_strdup (request->kind ? request->kind : "full");
  run->req.kind = run->kind;
  if (run->req.chunk_days == 0)
    run->req.chunk_days = 7;
  if (run->req.page_size == 0)
    run->req.page_size = 100;
  if (run->req.max_pages == 0)
    run->req.max_pages = CIRO_SYNC_MAX_PAGES;
  if (run->req.max_seconds == 0)
    run->req.max_seconds = CIRO_SYNC_MAX_SECONDS;
  run->marketplaces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  run->batch = g_ptr_array_new_with_free_func ((GDestroyNotify) job_free);
  g_queue_init (&run->queue);
  run->started = g_get_monotonic_time ();
  run->walk_started = g_get_real_time () / G_USEC_PER_SEC;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  self->running = TRUE;
  g_clear_pointer (&self->error, g_free);
  self->pages_done = self->pages_total = self->records = 0;
  self->fraction = -1.0;
  set_phase (self, "starting");
  in_worker (run, worker_start, started, task);
}

gboolean
ciro_sync_run_finish (CiroSync       *self,
                      GAsyncResult   *result,
                      CiroSyncStats  *stats,
                      GError        **error)
{
  Run *run = g_task_get_task_data (G_TASK (result));

  if (stats != NULL && run != NULL)
    {
      *stats = run->stats;
      stats->seconds = (g_get_monotonic_time () - run->started) / 1e6;
    }
  return g_task_propagate_boolean (G_TASK (result), error);
}
