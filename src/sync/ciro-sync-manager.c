/* ciro-sync-manager.c: one sync at a time per store, by hand or by schedule
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-sync"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>
#include <string.h>

#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "store/ciro-settings.h"
#include "ciro-sync-manager.h"
#include "store/ciro-store-sync-runs.h"

/* ---------------------------------------------------------- planning */

gboolean
ciro_sync_plan_request (CiroStore *store, CiroRunKind kind, CiroDay today, CiroSyncRequest *out, GError **error)
{
  gint64 orders, last_full = 0, last_live = 0, last_end = 0;
  gboolean first;

  g_return_val_if_fail (kind == CIRO_RUN_FULL || kind == CIRO_RUN_LIVE, FALSE);

  memset (out, 0, sizeof *out);
  out->chunk_days = 7;
  out->page_size = 100;
  out->to = today;
  out->orders = TRUE;
  if (kind == CIRO_RUN_LIVE)
    {
      out->kind = "live";
      out->from = today - (CiroDay) MAX (1, ciro_store_get_setting_int (store, CIRO_SETTING_LIVE_SYNC_DAYS, 2)) + 1;
      return TRUE;
    }
  if ((orders = ciro_store_has_orders (store, error)) < 0 ||
      !ciro_sync_last_runs (store, &last_full, &last_live, &last_end, error))
    return FALSE;
  /* The history is read until a full sync has ended well: a first sync
   * that was killed or failed half-way leaves orders behind, and the next
   * run must go on with the same plan (and so resume), not fall back to the
   * last 30 days and leave the rest of the history out. */
  first = orders == 0 || last_full == 0;
  out->kind = "full";
  out->products = TRUE;
  out->from = today - (CiroDay) MAX (1, ciro_store_get_setting_int (store, first ? CIRO_SETTING_HISTORY_DAYS
                                                                                 : CIRO_SETTING_FULL_SYNC_DAYS,
                                                                    first ? 365 : 30)) + 1;
  /* a long first history is read a month at a time */
  if (first)
    out->chunk_days = 31;
  return TRUE;
}

gboolean
ciro_sync_last_runs (CiroStore *store, gint64 *last_full, gint64 *last_live, gint64 *last_ok_end, GError **error)
{
  return ciro_store_last_sync_runs (store, last_full, last_live, last_ok_end, error);
}

/* ---------------------------------------------------------- the manager */

struct _CiroSyncManager
{
  GObject           parent_instance;

  char             *db_path;
  char             *url;
  char             *key;
  char             *secret;
  CiroSentosTiming  timing;
  CiroSyncHoldFunc    hold;
  CiroSyncReleaseFunc release;
  GObject            *hold_target;

  CiroSync         *sync;           /* the run going on */
  CiroRunKind       running_kind;
  gboolean          starting;       /* planning in a thread */
  GCancellable     *cancellable;

  CiroSchedule      schedule;
  guint             tick_id;
  gint64            last_full;
  gint64            last_live;
  gint64            last_ok;
  gboolean          history_read;
  gboolean          backing_up;     /* the daily backup, on a worker thread */
};

G_DEFINE_FINAL_TYPE (CiroSyncManager, ciro_sync_manager, G_TYPE_OBJECT)

enum { PROP_0, PROP_RUNNING, PROP_SYNC, PROP_LAST_OK, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_FINISHED, SIGNAL_BACKUP_FINISHED, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct {
  char            *db_path;
  CiroRunKind      kind;
  CiroSyncRequest  req;
  gint64           last_full, last_live, last_ok;
} Plan;

static void
plan_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Plan *plan = task_data;
  g_autoptr(GError) error = NULL;
  CiroStore *store = ciro_store_open (plan->db_path, &error);
  gboolean ok = store != NULL &&
                ciro_sync_last_runs (store, &plan->last_full, &plan->last_live, &plan->last_ok, &error) &&
                (plan->kind == CIRO_RUN_NONE ||
                 ciro_sync_plan_request (store, plan->kind, ciro_today (), &plan->req, &error));

  /* closed before the run can start: a first sync leaves WAL only when
   * its connection is alone on the store */
  g_clear_object (&store);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
plan_free (gpointer p)
{
  Plan *plan = p;
  g_free (plan->db_path);
  g_free (plan);
}

static void
set_history (CiroSyncManager *self, gint64 last_full, gint64 last_live, gint64 last_ok)
{
  self->last_full = MAX (self->last_full, last_full);
  self->last_live = MAX (self->last_live, last_live);
  self->history_read = TRUE;
  if (last_ok > self->last_ok)
    {
      self->last_ok = last_ok;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_OK]);
    }
}

/* ---------------------------------------------------------- the daily backup */

static void
backup_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (task_data, &error);
  char *made = NULL;

  if (store == NULL || !ciro_store_backup_if_due (store, &made, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, made, g_free);
}

static void
backup_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CiroSyncManager *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *made = g_task_propagate_pointer (G_TASK (result), &error);

  if (error != NULL)
    g_warning ("The daily backup of %s failed: %s", self->db_path, error->message);
  else if (made != NULL)
    g_message ("Daily backup of %s: %s", self->db_path, made);
  self->backing_up = FALSE;
  g_signal_emit (self, signals[SIGNAL_BACKUP_FINISHED], 0, made, error);
  g_object_unref (self);
}

/* After a sync that ended well, once a day: a copy of the store, made on a
 * worker thread while the store stays in use. */
static void
start_backup (CiroSyncManager *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->backing_up)
    return;   /* the one going on is today's */
  self->backing_up = TRUE;
  task = g_task_new (NULL, NULL, backup_done, g_object_ref (self));
  g_task_set_task_data (task, g_strdup (self->db_path), g_free);
  g_task_run_in_thread (task, backup_thread);
}

static void
run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CiroSyncManager *self = user_data;
  g_autoptr(GError) error = NULL;
  CiroSyncStats stats = { 0 };
  gboolean ok = ciro_sync_run_finish (CIRO_SYNC (source), result, &stats, &error);
  const char *kind = self->running_kind == CIRO_RUN_FULL ? "full" : "live";
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  if (ok)
    set_history (self, 0, 0, now);
  g_clear_object (&self->sync);
  g_clear_object (&self->cancellable);
  self->running_kind = CIRO_RUN_NONE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
  g_signal_emit (self, signals[SIGNAL_FINISHED], 0, kind, &stats, error);
  if (ok)
    start_backup (self);
  g_object_unref (self);
}

static void
planned (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CiroSyncManager *self = user_data;
  GTask *task = G_TASK (result);
  Plan *plan = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroSentosClient) client = NULL;

  self->starting = FALSE;
  if (!g_task_propagate_boolean (task, &error))
    {
      CiroSyncStats stats = { 0 };
      const char *kind = plan->kind == CIRO_RUN_FULL ? "full" : "live";

      g_clear_object (&self->cancellable);
      self->running_kind = CIRO_RUN_NONE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
      g_signal_emit (self, signals[SIGNAL_FINISHED], 0, kind, &stats, error);
      g_object_unref (self);
      return;
    }
  set_history (self, plan->last_full, plan->last_live, plan->last_ok);
  /* the schedule counts a run from when it starts */
  if (plan->kind == CIRO_RUN_FULL)
    self->last_full = g_get_real_time () / G_USEC_PER_SEC;
  else
    self->last_live = g_get_real_time () / G_USEC_PER_SEC;

  client = ciro_sentos_client_new (self->url, self->key, self->secret, &self->timing);
  self->sync = ciro_sync_new (self->db_path, client);
  if (self->hold != NULL)
    ciro_sync_set_store_hold (self->sync, self->hold, self->release, self->hold_target);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC]);
  ciro_sync_run_async (self->sync, &plan->req, self->cancellable, run_done, self);
}

gboolean
ciro_sync_manager_start (CiroSyncManager *self, CiroRunKind kind, GError **error)
{
  g_autoptr(GTask) task = NULL;
  Plan *plan;

  g_return_val_if_fail (CIRO_IS_SYNC_MANAGER (self), FALSE);
  g_return_val_if_fail (kind == CIRO_RUN_FULL || kind == CIRO_RUN_LIVE, FALSE);

  if (ciro_sync_manager_is_running (self))
    {
      g_set_error_literal (error, CIRO_SYNC_ERROR, CIRO_SYNC_ERROR_BUSY,
                           _("A sync is already running; wait for it to finish or cancel it"));
      return FALSE;
    }
  if (!ciro_sync_manager_has_connection (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("Ciro is not connected to Sentos yet: add your API address, key and secret in Preferences"));
      return FALSE;
    }
  self->starting = TRUE;
  self->running_kind = kind;
  self->cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  plan = g_new0 (Plan, 1);
  plan->db_path = g_strdup (self->db_path);
  plan->kind = kind;
  task = g_task_new (NULL, self->cancellable, planned, g_object_ref (self));
  g_task_set_task_data (task, plan, plan_free);
  g_task_run_in_thread (task, plan_thread);
  return TRUE;
}

void
ciro_sync_manager_cancel (CiroSyncManager *self)
{
  g_return_if_fail (CIRO_IS_SYNC_MANAGER (self));
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

gboolean
ciro_sync_manager_is_running (CiroSyncManager *self)
{
  g_return_val_if_fail (CIRO_IS_SYNC_MANAGER (self), FALSE);
  return self->starting || self->sync != NULL;
}

CiroSync *
ciro_sync_manager_get_sync (CiroSyncManager *self)
{
  g_return_val_if_fail (CIRO_IS_SYNC_MANAGER (self), NULL);
  return self->sync;
}

gint64
ciro_sync_manager_get_last_ok (CiroSyncManager *self)
{
  g_return_val_if_fail (CIRO_IS_SYNC_MANAGER (self), 0);
  return self->last_ok;
}

void
ciro_sync_manager_set_connection (CiroSyncManager *self, const char *url, const char *key, const char *secret)
{
  g_return_if_fail (CIRO_IS_SYNC_MANAGER (self));

  g_free (self->url);
  g_free (self->key);
  if (self->secret != NULL)
    memset (self->secret, 0, strlen (self->secret));
  g_free (self->secret);
  self->url = g_strdup (url);
  self->key = g_strdup (key);
  self->secret = g_strdup (secret);
}

gboolean
ciro_sync_manager_has_connection (CiroSyncManager *self)
{
  g_return_val_if_fail (CIRO_IS_SYNC_MANAGER (self), FALSE);
  return self->url && *self->url && self->key && *self->key && self->secret != NULL;
}

void
ciro_sync_manager_set_store_hold (CiroSyncManager *self, CiroSyncHoldFunc hold, CiroSyncReleaseFunc release,
                                  GObject *target)
{
  g_return_if_fail (CIRO_IS_SYNC_MANAGER (self));
  g_return_if_fail ((hold == NULL) == (release == NULL));

  self->hold = hold;
  self->release = release;
  g_set_object (&self->hold_target, target);
}

void
ciro_sync_manager_set_timing (CiroSyncManager *self, const CiroSentosTiming *timing)
{
  g_return_if_fail (CIRO_IS_SYNC_MANAGER (self));
  self->timing = *timing;
}

/* ---------------------------------------------------------- schedule */

static void
history_read (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CiroSyncManager *self = user_data;
  Plan *plan = g_task_get_task_data (G_TASK (result));

  if (g_task_propagate_boolean (G_TASK (result), NULL))
    set_history (self, plan->last_full, plan->last_live, plan->last_ok);
  g_object_unref (self);
}

static void
read_history (CiroSyncManager *self)
{
  g_autoptr(GTask) task = NULL;
  Plan *plan = g_new0 (Plan, 1);

  plan->db_path = g_strdup (self->db_path);
  plan->kind = CIRO_RUN_NONE;
  task = g_task_new (NULL, NULL, history_read, g_object_ref (self));
  g_task_set_task_data (task, plan, plan_free);
  g_task_run_in_thread (task, plan_thread);
}

static gboolean
tick (gpointer data)
{
  CiroSyncManager *self = data;
  gint64 next = 0;
  CiroRunKind due;

  if (!self->history_read || ciro_sync_manager_is_running (self) || !ciro_sync_manager_has_connection (self))
    return G_SOURCE_CONTINUE;
  due = ciro_schedule_due (&self->schedule, g_get_real_time () / G_USEC_PER_SEC,
                           self->last_full, self->last_live, &next);
  if (due != CIRO_RUN_NONE)
    {
      g_autoptr(GError) error = NULL;
      g_debug ("scheduled %s sync", due == CIRO_RUN_FULL ? "full" : "live");
      if (!ciro_sync_manager_start (self, due, &error))
        g_debug ("scheduled sync not started: %s", error->message);
    }
  return G_SOURCE_CONTINUE;
}

void
ciro_sync_manager_set_schedule (CiroSyncManager *self, const CiroSchedule *schedule, guint tick_seconds)
{
  g_return_if_fail (CIRO_IS_SYNC_MANAGER (self));

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (schedule == NULL)
    return;
  self->schedule = *schedule;
  if (!self->history_read)
    read_history (self);
  self->tick_id = g_timeout_add_seconds (MAX (1, tick_seconds), tick, self);
}

/* ---------------------------------------------------------- object */

static void
ciro_sync_manager_dispose (GObject *object)
{
  CiroSyncManager *self = CIRO_SYNC_MANAGER (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->hold_target);
  self->hold = NULL;
  self->release = NULL;
  G_OBJECT_CLASS (ciro_sync_manager_parent_class)->dispose (object);
}

static void
ciro_sync_manager_finalize (GObject *object)
{
  CiroSyncManager *self = CIRO_SYNC_MANAGER (object);

  ciro_sync_manager_set_connection (self, NULL, NULL, NULL);
  g_clear_object (&self->sync);
  g_clear_object (&self->cancellable);
  g_free (self->db_path);
  G_OBJECT_CLASS (ciro_sync_manager_parent_class)->finalize (object);
}

static void
ciro_sync_manager_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroSyncManager *self = CIRO_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_RUNNING: g_value_set_boolean (value, ciro_sync_manager_is_running (self)); break;
    case PROP_SYNC: g_value_set_object (value, self->sync); break;
    case PROP_LAST_OK: g_value_set_int64 (value, self->last_ok); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_sync_manager_class_init (CiroSyncManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = ciro_sync_manager_dispose;
  object_class->finalize = ciro_sync_manager_finalize;
  object_class->get_property = ciro_sync_manager_get_property;

  properties[PROP_RUNNING] = g_param_spec_boolean ("running", NULL, NULL, FALSE,
                                                   G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SYNC] = g_param_spec_object ("sync", NULL, NULL, CIRO_TYPE_SYNC,
                                               G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_OK] = g_param_spec_int64 ("last-ok", NULL, NULL, 0, G_MAXINT64, 0,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (kind, CiroSyncStats *, GError * or NULL) */
  signals[SIGNAL_FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                                           G_TYPE_STRING, G_TYPE_POINTER, G_TYPE_ERROR);
  /* (path of the backup made, or NULL when today's was there; error) */
  signals[SIGNAL_BACKUP_FINISHED] = g_signal_new ("backup-finished", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                                  G_TYPE_STRING, G_TYPE_ERROR);
}

static void
ciro_sync_manager_init (CiroSyncManager *self)
{
  ciro_sentos_timing_init (&self->timing);
  ciro_schedule_init (&self->schedule);
}

CiroSyncManager *
ciro_sync_manager_new (const char *db_path)
{
  CiroSyncManager *self = g_object_new (CIRO_TYPE_SYNC_MANAGER, NULL);
  self->db_path = g_strdup (db_path);
  return self;
}
