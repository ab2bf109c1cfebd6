/* ciro-context.c: what the window, its pages and dialogs share
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "core/ciro-date.h"
#include "store/ciro-settings.h"
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "sync/ciro-credentials.h"
#include "ciro-background.h"
#include "ciro-notifier.h"
#include "ciro-context.h"

/* the alerts are checked this long after the window opens */
#define STARTUP_CHECK_SECONDS 10

struct _CiroContext
{
  GObject             parent_instance;

  char               *db_path;
  GSettings          *settings;
  CiroReportService  *reports;
  CiroSyncManager    *sync;
  CiroThumbnailCache *thumbnails;
  GApplication       *app;          /* weak */

  /* attached to the application (ciro_context_attach) */
  gboolean            attached;
  gboolean            held;         /* kept running without a window */
  guint               alerts_tick;
  guint               startup_check;
  GCancellable       *cancellable;  /* the application-side reads */

  gboolean            trim_pending; /* ciro_context_release_memory */
};

G_DEFINE_FINAL_TYPE (CiroContext, ciro_context, G_TYPE_OBJECT)

enum { PROP_0, PROP_DB_PATH, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_STORE_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* A run that ended, well or not, wrote what it read before it ended. */
static void
sync_finished (CiroContext *self)
{
  ciro_context_store_changed (self);
}

/* ---------------------------------------------------------- the application side */

static gint32
parse_hhmm (const char *text, gint32 fallback)
{
  unsigned h, m;
  if (text != NULL && sscanf (text, "%u:%u", &h, &m) == 2 && h < 24 && m < 60)
    return (gint32) (h * 3600 + m * 60);
  return fallback;
}

static void
apply_schedule (CiroContext *self)
{
  CiroSchedule s;
  g_autofree char *full = g_settings_get_string (self->settings, "full-sync-time");
  g_autofree char *from = g_settings_get_string (self->settings, "live-sync-start");
  g_autofree char *until = g_settings_get_string (self->settings, "live-sync-end");

  ciro_schedule_init (&s);
  s.full_at = parse_hhmm (full, s.full_at);
  s.live_from = parse_hhmm (from, s.live_from);
  s.live_until = parse_hhmm (until, s.live_until);
  s.live_every = (gint32) MAX (1u, g_settings_get_uint (self->settings, "live-sync-interval")) * 60;
  ciro_sync_manager_set_schedule (self->sync, &s, 30);
}

static void
credentials_found (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroContext) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroCredentials) c = ciro_credentials_lookup_finish (result, &error);

  if (c != NULL && self->sync != NULL)
    ciro_sync_manager_set_connection (self->sync, c->api_url, c->key, c->secret);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Sentos credentials could not be read: %s", error->message);
  if (self->app != NULL)
    g_application_release (self->app);
}

static gpointer
read_url (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  char *url = ciro_store_get_setting (store, CIRO_SETTING_API_URL);
  return url != NULL ? url : g_strdup ("");
}

static void
url_read (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroContext) self = data;
  g_autofree char *url = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, NULL);

  if (url != NULL && *url != '\0' && self->app != NULL)
    {
      ciro_credentials_lookup_async (url, self->cancellable, credentials_found, g_object_ref (self));
      return;
    }
  if (self->app != NULL)
    g_application_release (self->app);
}

void
ciro_context_load_connection (CiroContext *self)
{
  const char *key = g_getenv ("SENTOS_API_KEY");
  const char *secret = g_getenv ("SENTOS_API_SECRET");
  const char *url = g_getenv ("SENTOS_API_URL");

  g_return_if_fail (CIRO_IS_CONTEXT (self));

  if (key != NULL && secret != NULL && url != NULL)
    {
      ciro_sync_manager_set_connection (self->sync, url, key, secret);
      return;
    }
  /* released when the lookup is over */
  if (self->app != NULL)
    g_application_hold (self->app);
  ciro_report_service_run_async (self->reports, NULL, read_url, NULL, NULL, g_free, self->cancellable, url_read,
                                 g_object_ref (self));
}

static void
background_changed (CiroContext *self)
{
  /* no window and no more reason to stay */
  if (!g_settings_get_boolean (self->settings, "background-sync") && self->held && self->app != NULL)
    {
      self->held = FALSE;
      g_application_release (self->app);
    }
}

static void
window_removed (GtkApplication *app, GtkWindow *window, CiroContext *self)
{
  if (gtk_application_get_windows (app) == NULL && !self->held &&
      g_settings_get_boolean (self->settings, "background-sync"))
    {
      self->held = TRUE;
      g_application_hold (G_APPLICATION (app));
      if (ciro_background_needs_portal () && g_application_get_dbus_connection (G_APPLICATION (app)) != NULL)
        ciro_background_request (g_application_get_dbus_connection (G_APPLICATION (app)), "",
                                 _("Ciro keeps your store’s figures up to date while its window is closed."));
    }
}

static gpointer
alerts_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  CiroDay today;
  gint32 now;

  ciro_now (&today, &now);
  return ciro_alerts_check (store, today, now, data, error);
}

static void
alerts_checked (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroContext) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (alerts == NULL)
    g_debug ("alerts not checked: %s", error->message);
  for (guint i = 0; alerts != NULL && i < alerts->len; i++)
    ciro_context_notify (self, alerts->pdata[i]);
  if (self->app != NULL)
    g_application_release (self->app);
}

/* Low stock, margin and the daily summary, after every sync and now and then. */
static void
check_alerts (CiroContext *self)
{
  g_autofree char *at = g_settings_get_string (self->settings, "daily-summary-time");
  CiroAlertSwitches *switches = g_new0 (CiroAlertSwitches, 1);

  switches->low_stock = g_settings_get_boolean (self->settings, "notify-low-stock");
  switches->margin = g_settings_get_boolean (self->settings, "notify-margin");
  switches->daily_summary = g_settings_get_boolean (self->settings, "notify-daily-summary");
  switches->summary_at = parse_hhmm (at, 9 * 3600);
  switches->late_orders = g_settings_get_boolean (self->settings, "notify-late-orders");
  if (self->app != NULL)
    g_application_hold (self->app);
  ciro_report_service_run_async (self->reports, NULL, alerts_run, switches, g_free,
                                 (GDestroyNotify) g_ptr_array_unref, self->cancellable, alerts_checked,
                                 g_object_ref (self));
}

static gboolean
alerts_tick (gpointer data)
{
  check_alerts (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
startup_check (gpointer data)
{
  CiroContext *self = data;

  self->startup_check = 0;
  check_alerts (self);
  return G_SOURCE_REMOVE;
}

static void
attached_sync_finished (CiroContext *self, const char *kind, CiroSyncStats *stats, GError *error)
{
  if (error == NULL)
    check_alerts (self);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           g_settings_get_boolean (self->settings, "notify-sync-failure"))
    {
      g_autoptr(CiroAlert) alert = ciro_alert_sync_failed (error->message);
      ciro_context_notify (self, alert);
    }
}

void
ciro_context_attach (CiroContext *self, GtkApplication *app)
{
  g_return_if_fail (CIRO_IS_CONTEXT (self));
  g_return_if_fail (GTK_IS_APPLICATION (app));
  g_return_if_fail (!self->attached);

  self->attached = TRUE;
  ciro_context_set_application (self, G_APPLICATION (app));
  ciro_context_load_connection (self);
  apply_schedule (self);
  g_signal_connect_object (self->settings, "changed::full-sync-time", G_CALLBACK (apply_schedule), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::live-sync-start", G_CALLBACK (apply_schedule), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::live-sync-end", G_CALLBACK (apply_schedule), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::live-sync-interval", G_CALLBACK (apply_schedule), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::background-sync", G_CALLBACK (background_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (app, "window-removed", G_CALLBACK (window_removed), self, 0);
  g_signal_connect_object (self->sync, "finished", G_CALLBACK (attached_sync_finished), self, G_CONNECT_SWAPPED);
  /* the daily summary comes at its time even without a sync */
  self->alerts_tick = g_timeout_add_seconds (15 * 60, alerts_tick, self);
  /* and what happened while Ciro was closed (orders gone late) once it
   * opens, after the window's first figures */
  self->startup_check = g_timeout_add_seconds (STARTUP_CHECK_SECONDS, startup_check, self);
}

/* ---------------------------------------------------------- the object */

/* A store's first sync leaves WAL only alone on the store: the reports'
 * connections are closed for the switch (on the sync's worker thread;
 * requests asked for meanwhile wait on the report workers, never on the
 * main thread). A report running longer than this keeps the sync in WAL. */
#define HOLD_TIMEOUT_US (10 * G_USEC_PER_SEC)

static gboolean
hold_reports (GObject *reports)
{
  return ciro_report_service_hold (CIRO_REPORT_SERVICE (reports), HOLD_TIMEOUT_US);
}

static void
release_reports (GObject *reports)
{
  ciro_report_service_release (CIRO_REPORT_SERVICE (reports));
}

void
ciro_context_hold_reports_for (CiroContext *self, CiroSync *sync)
{
  g_return_if_fail (CIRO_IS_CONTEXT (self));
  g_return_if_fail (CIRO_IS_SYNC (sync));

  ciro_sync_set_store_hold (sync, hold_reports, release_reports, G_OBJECT (self->reports));
}

static void
ciro_context_constructed (GObject *object)
{
  CiroContext *self = CIRO_CONTEXT (object);

  G_OBJECT_CLASS (ciro_context_parent_class)->constructed (object);
  g_assert (self->db_path != NULL);
  self->settings = g_settings_new (SCHEMA_ID);
  self->reports = ciro_report_service_new (self->db_path, 0);
  self->sync = ciro_sync_manager_new (self->db_path);
  ciro_sync_manager_set_store_hold (self->sync, hold_reports, release_reports, G_OBJECT (self->reports));
  g_signal_connect_object (self->sync, "finished", G_CALLBACK (sync_finished), self, G_CONNECT_SWAPPED);
}

static void
ciro_context_dispose (GObject *object)
{
  CiroContext *self = CIRO_CONTEXT (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->alerts_tick, g_source_remove);
  g_clear_handle_id (&self->startup_check, g_source_remove);
  g_clear_object (&self->sync);
  g_clear_object (&self->reports);
  g_clear_object (&self->thumbnails);
  g_clear_object (&self->settings);
  g_clear_weak_pointer (&self->app);
  G_OBJECT_CLASS (ciro_context_parent_class)->dispose (object);
}

static void
ciro_context_finalize (GObject *object)
{
  g_clear_object (&CIRO_CONTEXT (object)->cancellable);
  g_free (CIRO_CONTEXT (object)->db_path);
  G_OBJECT_CLASS (ciro_context_parent_class)->finalize (object);
}

static void
ciro_context_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroContext *self = CIRO_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      self->db_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_context_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroContext *self = CIRO_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_DB_PATH:
      g_value_set_string (value, self->db_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_context_class_init (CiroContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ciro_context_constructed;
  object_class->dispose = ciro_context_dispose;
  object_class->finalize = ciro_context_finalize;
  object_class->set_property = ciro_context_set_property;
  object_class->get_property = ciro_context_get_property;

  properties[PROP_DB_PATH] = g_param_spec_string ("db-path", NULL, NULL, NULL,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* the figures in the store changed: whoever shows some reads them again */
  signals[SIGNAL_STORE_CHANGED] = g_signal_new ("store-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ciro_context_init (CiroContext *self)
{
  self->cancellable = g_cancellable_new ();
}

CiroContext *
ciro_context_new (const char *db_path)
{
  g_return_val_if_fail (db_path != NULL, NULL);
  return g_object_new (CIRO_TYPE_CONTEXT, "db-path", db_path, NULL);
}

const char *
ciro_context_get_db_path (CiroContext *self)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (self), NULL);
  return self->db_path;
}

GSettings *
ciro_context_get_settings (CiroContext *self)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (self), NULL);
  return self->settings;
}

CiroReportService *
ciro_context_get_reports (CiroContext *self)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (self), NULL);
  return self->reports;
}

CiroSyncManager *
ciro_context_get_sync_manager (CiroContext *self)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (self), NULL);
  return self->sync;
}

CiroThumbnailCache *
ciro_context_get_thumbnails (CiroContext *self)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (self), NULL);

  if (self->thumbnails == NULL)
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "ciro", "thumbnails", NULL);
      self->thumbnails = ciro_thumbnail_cache_new (dir, 50 * 1024 * 1024);
    }
  return self->thumbnails;
}

void
ciro_context_set_application (CiroContext *self, GApplication *app)
{
  g_return_if_fail (CIRO_IS_CONTEXT (self));
  g_set_weak_pointer (&self->app, app);
}

GApplication *
ciro_context_get_application (CiroContext *self)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (self), NULL);
  return self->app;
}

void
ciro_context_notify (CiroContext *self, const CiroAlert *alert)
{
  g_return_if_fail (CIRO_IS_CONTEXT (self));
  if (self->app != NULL)
    ciro_notifier_send (self->app, alert);
}

static void
trim_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  g_task_return_boolean (task, TRUE);
}

static void
trim_done (GObject *source, GAsyncResult *result, gpointer data)
{
  CIRO_CONTEXT (source)->trim_pending = FALSE;
}

static gboolean
trim_idle (gpointer data)
{
  g_autoptr(GTask) task = g_task_new (data, NULL, trim_done, NULL);

  g_task_run_in_thread (task, trim_thread);
  return G_SOURCE_REMOVE;
}

void
ciro_context_release_memory (CiroContext *self)
{
  g_return_if_fail (CIRO_IS_CONTEXT (self));

  if (self->trim_pending)
    return;
  self->trim_pending = TRUE;
  g_idle_add_full (G_PRIORITY_LOW, trim_idle, g_object_ref (self), g_object_unref);
}

void
ciro_context_store_changed (CiroContext *self)
{
  g_return_if_fail (CIRO_IS_CONTEXT (self));
  g_signal_emit (self, signals[SIGNAL_STORE_CHANGED], 0);
}

void
ciro_ensure_icons (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  GtkIconTheme *theme;

  if (display == NULL)
    return;
  theme = gtk_icon_theme_get_for_display (display);
  /* the same path for the .Devel build: the resources keep one prefix */
  if (!gtk_icon_theme_has_icon (theme, "ciro-chart-symbolic"))
    gtk_icon_theme_add_resource_path (theme, "/io/github/ciroapp/Ciro/icons");
}
