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
#include "store/ciro-store.h"
#include "ciro-sentos-parse.h"
#include "ciro-sync.h"

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
  char             *error;
  gboolean          running;
};

G_DEFINE_FINAL_TYPE (CiroSync, ciro_sync, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PHASE,
  PROP_PAGES_DONE,
  PROP_PAGES_TOTAL,
  PROP_RECORDS,
  PROP_RETRIES,
  PROP_ERROR,
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

typedef struct {
  CiroSync       *self;
  char           *kind;
  CiroSyncRequest req;
  gint64          run_id;
  gboolean        in_products;
  gint64          page;
  CiroDay         chunk_from;
  gboolean        full_walk;
  gint64          walk_started;
  gint64          started;       /* monotonic µs */
  CiroSyncStats   stats;
  guint           retries_before;
  /* the page being written */
  CiroSentosPage *page_data;
  guint           page_items;
  gint64          page_total_pages;
  gboolean        page_last;     /* the last page of its walk or chunk */
  gboolean        writing;
  /* the next page, asked for while this one is written: one request in
   * flight as before, but the network and the disk work at once */
  gboolean        fetching;
  gint64          fetch_page;
  CiroDay         fetch_chunk;
  CiroSentosPage *next_data;
  gboolean        next_last;
  GError         *next_error;
  GError         *write_error;   /* a failed write waiting for the fetch */
} Run;

static void
run_free (Run *run)
{
  g_clear_pointer (&run->page_data, ciro_sentos_page_free);
  g_clear_pointer (&run->next_data, ciro_sentos_page_free);
  g_clear_error (&run->next_error);
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
  properties[PROP_ERROR] = g_param_spec_string ("error", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ciro_sync_init (CiroSync *self)
{
  self->phase = g_strdup ("idle");
}

CiroSync *
ciro_sync_new (const char *db_path, CiroSentosClient *client)
{
  CiroSync *self = g_object_new (CIRO_TYPE_SYNC, NULL);
  self->db_path = g_strdup (db_path);
  self->client = g_object_ref (client);
  return self;
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
  return g_strdup_printf ("w:%s:%s:%d%d|", ciro_day_format (run->req.from, a), ciro_day_format (run->req.to, b),
                          run->req.products, run->req.orders);
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
  sqlite3_stmt *stmt = ciro_store_prepare (run->self->store,
    "UPDATE sync_runs SET status = ?2, pages = ?3, products = ?4, orders = ?5, lines = ?6, skipped = ?7,"
    " retries = ?8, error = ?9, resume = ?10,"
    " finished_at = CASE WHEN ?2 = 'running' THEN NULL ELSE ?11 END WHERE id = ?1", error);
  g_autofree char *resume = keep_resume ? resume_text (run) : NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, run->run_id);
  sqlite3_bind_text (stmt, 2, status, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, (int) run->stats.pages);
  sqlite3_bind_int (stmt, 4, (int) run->stats.products);
  sqlite3_bind_int (stmt, 5, (int) run->stats.orders);
  sqlite3_bind_int (stmt, 6, (int) run->stats.lines);
  sqlite3_bind_int (stmt, 7, (int) run->stats.skipped);
  sqlite3_bind_int (stmt, 8, (int) run->stats.retries);
  if (error_text)
    sqlite3_bind_text (stmt, 9, error_text, -1, SQLITE_STATIC);
  if (resume)
    sqlite3_bind_text (stmt, 10, resume, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 11, g_get_real_time () / G_USEC_PER_SEC);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      ciro_store_set_error (run->self->store, error, "saving the sync run");
      return FALSE;
    }
  return TRUE;
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
  sqlite3_stmt *stmt;
  g_autofree char *prefix = NULL;
  g_autofree char *like = NULL;
  gboolean resumed = FALSE;

  if (self->store == NULL && (self->store = ciro_store_open (self->db_path, error)) == NULL)
    return FALSE;

  run->in_products = run->req.products;
  run->page = 1;
  run->chunk_from = run->req.from;
  run->full_walk = run->req.products;

  /* A run of the same kind and window that did not finish goes on where it
   * stopped: killed ("running"), failed or cancelled. */
  prefix = resume_prefix (run);
  like = g_strconcat (prefix, "%", NULL);
  stmt = ciro_store_prepare (self->store,
    "SELECT id, resume, pages, products, orders, lines, skipped, retries FROM sync_runs"
    " WHERE kind = ?1 AND status IN ('running', 'failed', 'cancelled') AND resume LIKE ?2"
    " ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, run->kind, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, like, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && parse_resume (run, (const char *) sqlite3_column_text (stmt, 1)))
    {
      run->run_id = sqlite3_column_int64 (stmt, 0);
      run->stats.pages = (guint) sqlite3_column_int (stmt, 2);
      run->stats.products = (guint) sqlite3_column_int (stmt, 3);
      run->stats.orders = (guint) sqlite3_column_int (stmt, 4);
      run->stats.lines = (guint) sqlite3_column_int (stmt, 5);
      run->stats.skipped = (guint) sqlite3_column_int (stmt, 6);
      run->retries_before = (guint) sqlite3_column_int (stmt, 7);
      run->stats.resumed = resumed = TRUE;
      run->full_walk = FALSE;
    }
  sqlite3_reset (stmt);

  if (!ciro_store_begin (self->store, error))
    return FALSE;
  if (!resumed)
    {
      stmt = ciro_store_prepare (self->store, "INSERT INTO sync_runs (kind, started_at, status) VALUES (?1, ?2, 'running')", error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_text (stmt, 1, run->kind, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          ciro_store_set_error (self->store, error, "starting a sync run");
          goto fail;
        }
      sqlite3_reset (stmt);
      run->run_id = sqlite3_last_insert_rowid (ciro_store_get_db (self->store));
    }
  if (!save_progress (run, "running", NULL, TRUE, error))
    goto fail;
  return ciro_store_commit (self->store, error);

fail:
  ciro_store_rollback (self->store);
  return FALSE;
}

static gboolean
worker_write_page (Run *run, GError **error)
{
  CiroStore *store = run->self->store;
  CiroSentosPage *page = run->page_data;

  if (!page->has_list)
    {
      /* not a list at all: counted as a skipped page's worth, the walk ends */
      g_message ("page %" G_GINT64_FORMAT " skipped: it holds no list of records", run->page);
      run->stats.skipped++;
      run->page_items = 0;
      run->page_total_pages = -1;
      return TRUE;
    }
  run->page_items = page->n_elements;
  run->page_total_pages = page->total_pages;

  if (!ciro_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < page->records->len; i++)
    {
      if (run->in_products)
        {
          if (!ciro_store_put_product (store, page->records->pdata[i], ciro_today (), error))
            goto fail;
          run->stats.products++;
        }
      else
        {
          CiroOrderRecord *o = page->records->pdata[i];
          if (!ciro_store_put_order (store, o, error))
            goto fail;
          run->stats.orders++;
          run->stats.lines += o->lines->len;
        }
    }
  for (guint i = 0; i < page->skipped->len; i++)
    g_message ("%s %s", run->in_products ? "product" : "order", (const char *) page->skipped->pdata[i]);
  run->stats.skipped += page->skipped->len;
  run->stats.field_errors += page->field_errors;
  run->stats.pages++;
  /* progress is committed with the page it describes */
  {
    gint64 page_no = run->page;
    run->page++;
    if (!save_progress (run, "running", NULL, TRUE, error))
      {
        run->page = page_no;
        goto fail;
      }
    run->page = page_no;
  }
  return ciro_store_commit (store, error);

fail:
  ciro_store_rollback (store);
  return FALSE;
}

static gboolean
worker_products_done (Run *run, GError **error)
{
  CiroStore *store = run->self->store;
  g_autofree char *flag = NULL;

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

static gboolean
worker_finish_ok (Run *run, GError **error)
{
  return save_progress (run, "ok", NULL, FALSE, error);
}

static gboolean
worker_finish_failed (Run *run, GError **error)
{
  const char *status = g_strcmp0 (run->self->phase, "cancelled") == 0 ? "cancelled" : "failed";
  return save_progress (run, status, run->self->error, TRUE, error);
}

/* ---------------------------------------------------------- the walk */

static void fetch_next (GTask *task);

static void
finished_failed (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  GError *error = g_object_steal_data (G_OBJECT (task), "error");

  g_task_propagate_boolean (G_TASK (result), NULL);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
fail_run (GTask *task, GError *error)
{
  Run *run = g_task_get_task_data (task);
  CiroSync *self = run->self;

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

static void
products_done (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      fail_run (task, error);
      return;
    }
  run->in_products = FALSE;
  run->page = 1;
  run->chunk_from = run->req.from;
  if (run->req.orders)
    {
      set_phase (run->self, "orders");
      fetch_next (task);
    }
  else
    {
      set_phase (run->self, "finishing");
      in_worker (run, worker_finish_ok, finished_ok, task);
    }
}

/* Whether the page is the last of its walk (products) or date chunk:
 * the announced last page, or an empty or short one. Read from the
 * envelope alone, the same way the writer reads it. */
static gboolean
page_is_last (Run *run, gint64 page_no, CiroSentosPage *page)
{
  if (!page->has_list)
    return TRUE;
  if (page->total_pages > 0)
    return page_no >= page->total_pages || page->n_elements == 0;
  return page->n_elements < run->req.page_size;
}

/* The page after the one at run->page: the next of the walk or chunk, the
 * first of the next chunk, or none when the phase ends. */
static gboolean
next_position (Run *run, gboolean last, gint64 *page, CiroDay *chunk)
{
  if (!last)
    {
      *page = run->page + 1;
      *chunk = run->chunk_from;
      return TRUE;
    }
  if (run->in_products)
    return FALSE;
  *page = 1;
  *chunk = run->chunk_from + (CiroDay) run->req.chunk_days;
  return *chunk <= run->req.to;
}

static void fetch_at (GTask *task, gint64 page, CiroDay chunk);
static void page_written (GObject *source, GAsyncResult *result, gpointer data);

static void
begin_write (GTask *task, CiroSentosPage *data, gboolean last)
{
  Run *run = g_task_get_task_data (task);
  gint64 page;
  CiroDay chunk;

  run->page_data = data;
  run->page_last = last;
  run->writing = TRUE;
  if (next_position (run, last, &page, &chunk))
    fetch_at (task, page, chunk);
  in_worker (run, worker_write_page, page_written, task);
}

static void
page_written (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Run *run = g_task_get_task_data (task);
  CiroSync *self = run->self;
  GError *error = NULL;
  gint64 page;
  CiroDay chunk;

  run->writing = FALSE;
  g_clear_pointer (&run->page_data, ciro_sentos_page_free);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* the run ends once the page asked for meanwhile has come back */
      if (run->fetching)
        run->write_error = error;
      else
        fail_run (task, error);
      return;
    }
  set_uint (self, &self->pages_done, run->stats.pages, PROP_PAGES_DONE);
  set_uint (self, &self->records, run->stats.products + run->stats.orders, PROP_RECORDS);
  if (run->in_products && run->page_total_pages > 0)
    set_uint (self, &self->pages_total, (guint) run->page_total_pages, PROP_PAGES_TOTAL);

  if (next_position (run, run->page_last, &page, &chunk))
    {
      run->page = page;
      run->chunk_from = chunk;
      if (run->next_error != NULL)
        fail_run (task, g_steal_pointer (&run->next_error));
      else if (run->next_data != NULL)
        begin_write (task, g_steal_pointer (&run->next_data), run->next_last);
      /* else the page is on its way and page_fetched writes it */
      return;
    }
  if (run->in_products)
    {
      set_phase (self, "finishing products");
      in_worker (run, worker_products_done, products_done, task);
      return;
    }
  set_phase (self, "finishing");
  in_worker (run, worker_finish_ok, finished_ok, task);
}

static void
page_fetched (GObject *source, GAsyncResult *result, gpointer data)
{
  GTask *task = data;
  Run *run = g_task_get_task_data (task);
  GError *error = NULL;
  CiroSentosPage *root = ciro_sentos_client_get_finish (CIRO_SENTOS_CLIENT (source), result, &error);

  run->fetching = FALSE;
  run->stats.retries = run->retries_before + ciro_sentos_client_get_retries (run->self->client);
  set_uint (run->self, &run->self->retries, run->stats.retries, PROP_RETRIES);
  if (run->write_error != NULL)
    {
      g_clear_pointer (&root, ciro_sentos_page_free);
      g_clear_error (&error);
      fail_run (task, g_steal_pointer (&run->write_error));
      return;
    }
  if (run->writing)
    {
      /* the page before is still being written: this one waits its turn */
      if (root == NULL)
        run->next_error = error;
      else
        {
          /* run->page belongs to the writer until it is done */
          run->next_last = page_is_last (run, run->fetch_page, root);
          run->next_data = root;
        }
      return;
    }
  if (root == NULL)
    {
      fail_run (task, error);
      return;
    }
  run->page = run->fetch_page;
  run->chunk_from = run->fetch_chunk;
  begin_write (task, root, page_is_last (run, run->page, root));
}

static void
fetch_at (GTask *task, gint64 page, CiroDay chunk)
{
  Run *run = g_task_get_task_data (task);
  g_autofree char *query = NULL;

  if (run->in_products)
    query = g_strdup_printf ("page=%" G_GINT64_FORMAT "&size=%u", page, run->req.page_size);
  else
    {
      char a[11], b[11];
      CiroDay end = MIN (run->req.to, chunk + (CiroDay) run->req.chunk_days - 1);
      query = g_strdup_printf ("start_date=%s&end_date=%s&page=%" G_GINT64_FORMAT "&size=%u",
                               ciro_day_format (chunk, a), ciro_day_format (end, b),
                               page, run->req.page_size);
    }
  run->fetching = TRUE;
  run->fetch_page = page;
  run->fetch_chunk = chunk;
  ciro_sentos_client_get_async (run->self->client, run->in_products ? "/products" : "/orders", query,
                                run->in_products ? CIRO_SENTOS_PRODUCTS : CIRO_SENTOS_ORDERS,
                                g_task_get_cancellable (task), page_fetched, task);
}

static void
fetch_next (GTask *task)
{
  Run *run = g_task_get_task_data (task);
  fetch_at (task, run->page, run->chunk_from);
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
  if (!run->req.products && !run->req.orders)
    {
      in_worker (run, worker_finish_ok, finished_ok, task);
      return;
    }
  set_phase (run->self, run->in_products ? "products" : "orders");
  fetch_next (task);
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
  run->started = g_get_monotonic_time ();
  run->walk_started = g_get_real_time () / G_USEC_PER_SEC;
  g_task_set_task_data (task, run, (GDestroyNotify) run_free);

  self->running = TRUE;
  g_clear_pointer (&self->error, g_free);
  self->pages_done = self->pages_total = self->records = 0;
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
