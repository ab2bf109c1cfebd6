/* main.c: the ciro window binary
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "store/ciro-settings.h"
#include "store/ciro-store.h"
#include "sync/ciro-credentials.h"
#include "ciro-background.h"
#include "ciro-preferences-window.h"
#include "ciro-notifier.h"
#include "core/ciro-date.h"
#include "pages/ciro-products-page.h"
#include "ciro-window.h"

static char *db_option;
static gboolean demo_option;
static char *page_option;

/* What lives as long as the application: the store's sync manager and its
 * schedule, which go on while the window is closed when the user asks. */
typedef struct {
  GApplication    *app;
  char            *db_path;
  GSettings       *settings;
  CiroSyncManager *sync;
  gboolean         held;
  GtkWidget       *preferences;   /* weak: the open Preferences window */
} Ciro;

static gint32
parse_hhmm (const char *text, gint32 fallback)
{
  unsigned h, m;
  if (text != NULL && sscanf (text, "%u:%u", &h, &m) == 2 && h < 24 && m < 60)
    return (gint32) (h * 3600 + m * 60);
  return fallback;
}

static void
apply_schedule (Ciro *ciro)
{
  CiroSchedule s;
  g_autofree char *full = g_settings_get_string (ciro->settings, "full-sync-time");
  g_autofree char *from = g_settings_get_string (ciro->settings, "live-sync-start");
  g_autofree char *until = g_settings_get_string (ciro->settings, "live-sync-end");

  ciro_schedule_init (&s);
  s.full_at = parse_hhmm (full, s.full_at);
  s.live_from = parse_hhmm (from, s.live_from);
  s.live_until = parse_hhmm (until, s.live_until);
  s.live_every = (gint32) MAX (1u, g_settings_get_uint (ciro->settings, "live-sync-interval")) * 60;
  ciro_sync_manager_set_schedule (ciro->sync, &s, 30);
}

static void
credentials_found (GObject *source, GAsyncResult *result, gpointer data)
{
  Ciro *ciro = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroCredentials) c = ciro_credentials_lookup_finish (result, &error);

  if (c != NULL)
    ciro_sync_manager_set_connection (ciro->sync, c->api_url, c->key, c->secret);
  else if (error != NULL)
    g_warning ("Sentos credentials could not be read: %s", error->message);
  g_application_release (ciro->app);
}

static void
read_url_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr(CiroStore) store = ciro_store_open (task_data, NULL);
  g_task_return_pointer (task, store ? ciro_store_get_setting (store, CIRO_SETTING_API_URL) : NULL, g_free);
}

static void
url_read (GObject *source, GAsyncResult *result, gpointer data)
{
  Ciro *ciro = data;
  g_autofree char *url = g_task_propagate_pointer (G_TASK (result), NULL);

  if (url != NULL && *url != '\0')
    ciro_credentials_lookup_async (url, NULL, credentials_found, ciro);
  else
    g_application_release (ciro->app);
}

/* The account comes from the environment (as for ciro-cli), else from the
 * store's API address and the keyring entry saved for it. */
static void
load_connection (Ciro *ciro)
{
  const char *key = g_getenv ("SENTOS_API_KEY");
  const char *secret = g_getenv ("SENTOS_API_SECRET");
  const char *url = g_getenv ("SENTOS_API_URL");
  g_autoptr(GTask) task = NULL;

  if (key != NULL && secret != NULL && url != NULL)
    {
      ciro_sync_manager_set_connection (ciro->sync, url, key, secret);
      return;
    }
  /* released when the lookup is over */
  g_application_hold (ciro->app);
  task = g_task_new (NULL, NULL, url_read, ciro);
  g_task_set_task_data (task, g_strdup (ciro->db_path), g_free);
  g_task_run_in_thread (task, read_url_thread);
}

static void
background_changed (Ciro *ciro)
{
  gboolean keep = g_settings_get_boolean (ciro->settings, "background-sync");

  /* no window and no more reason to stay */
  if (!keep && ciro->held)
    {
      ciro->held = FALSE;
      g_application_release (ciro->app);
    }
}

static void
window_removed (GtkApplication *app, GtkWindow *window, Ciro *ciro)
{
  if (gtk_application_get_windows (app) == NULL && !ciro->held &&
      g_settings_get_boolean (ciro->settings, "background-sync"))
    {
      ciro->held = TRUE;
      g_application_hold (G_APPLICATION (app));
      if (ciro_background_needs_portal () && g_application_get_dbus_connection (G_APPLICATION (app)) != NULL)
        ciro_background_request (g_application_get_dbus_connection (G_APPLICATION (app)), "",
                                 _("Ciro keeps your store’s figures up to date while its window is closed."));
    }
}

/* ---------------------------------------------------------- alerts */

typedef struct {
  char             *db_path;
  CiroAlertSwitches switches;
} AlertJob;

static void
alert_job_free (gpointer p)
{
  AlertJob *j = p;
  g_free (j->db_path);
  g_free (j);
}

static void
alerts_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  AlertJob *job = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStore) store = ciro_store_open (job->db_path, &error);
  GPtrArray *alerts = NULL;
  CiroDay today;
  gint32 now;

  ciro_now (&today, &now);
  if (store == NULL || (alerts = ciro_alerts_check (store, today, now, &job->switches, &error)) == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, alerts, (GDestroyNotify) g_ptr_array_unref);
}

static void
alerts_checked (GObject *source, GAsyncResult *result, gpointer data)
{
  Ciro *ciro = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alerts = g_task_propagate_pointer (G_TASK (result), &error);

  if (alerts == NULL)
    g_debug ("alerts not checked: %s", error->message);
  for (guint i = 0; alerts != NULL && i < alerts->len; i++)
    ciro_notifier_send (ciro->app, alerts->pdata[i]);
  g_application_release (ciro->app);
}

/* Low stock, margin and the daily summary, after every sync and now and then. */
static void
check_alerts (Ciro *ciro)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *at = g_settings_get_string (ciro->settings, "daily-summary-time");
  AlertJob *job = g_new0 (AlertJob, 1);

  job->db_path = g_strdup (ciro->db_path);
  job->switches.low_stock = g_settings_get_boolean (ciro->settings, "notify-low-stock");
  job->switches.margin = g_settings_get_boolean (ciro->settings, "notify-margin");
  job->switches.daily_summary = g_settings_get_boolean (ciro->settings, "notify-daily-summary");
  job->switches.summary_at = parse_hhmm (at, 9 * 3600);
  g_application_hold (ciro->app);
  task = g_task_new (NULL, NULL, alerts_checked, ciro);
  g_task_set_task_data (task, job, alert_job_free);
  g_task_run_in_thread (task, alerts_thread);
}

static gboolean
alerts_tick (gpointer data)
{
  check_alerts (data);
  return G_SOURCE_CONTINUE;
}

static void
sync_finished (Ciro *ciro, const char *kind, CiroSyncStats *stats, GError *error)
{
  if (ciro->preferences != NULL)
    ciro_preferences_window_reload_history (CIRO_PREFERENCES_WINDOW (ciro->preferences));
  if (error == NULL)
    check_alerts (ciro);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
           g_settings_get_boolean (ciro->settings, "notify-sync-failure"))
    {
      g_autoptr(CiroAlert) alert = ciro_alert_sync_failed (error->message);
      ciro_notifier_send (ciro->app, alert);
    }
}

static void
ciro_free (gpointer p)
{
  Ciro *ciro = p;
  g_clear_object (&ciro->sync);
  g_clear_object (&ciro->settings);
  g_free (ciro->db_path);
  g_free (ciro);
}

static Ciro *
ciro_for (GApplication *app, const char *path)
{
  Ciro *ciro = g_object_get_data (G_OBJECT (app), "ciro");

  if (ciro != NULL)
    return ciro;
  ciro = g_new0 (Ciro, 1);
  ciro->app = app;
  ciro->db_path = g_strdup (path);
  ciro->settings = g_settings_new (APP_ID);
  ciro->sync = ciro_sync_manager_new (path);
  g_object_set_data_full (G_OBJECT (app), "ciro", ciro, ciro_free);
  load_connection (ciro);
  apply_schedule (ciro);
  g_signal_connect_swapped (ciro->settings, "changed::full-sync-time", G_CALLBACK (apply_schedule), ciro);
  g_signal_connect_swapped (ciro->settings, "changed::live-sync-start", G_CALLBACK (apply_schedule), ciro);
  g_signal_connect_swapped (ciro->settings, "changed::live-sync-end", G_CALLBACK (apply_schedule), ciro);
  g_signal_connect_swapped (ciro->settings, "changed::live-sync-interval", G_CALLBACK (apply_schedule), ciro);
  g_signal_connect_swapped (ciro->settings, "changed::background-sync", G_CALLBACK (background_changed), ciro);
  g_signal_connect (app, "window-removed", G_CALLBACK (window_removed), ciro);
  g_signal_connect_swapped (ciro->sync, "finished", G_CALLBACK (sync_finished), ciro);
  /* the daily summary comes at its time even without a sync */
  g_timeout_add_seconds (15 * 60, alerts_tick, ciro);
  return ciro;
}

static void
activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autofree char *path = NULL;

  if (window == NULL)
    {
      Ciro *ciro;

      if (db_option)
        path = g_strdup (db_option);
      else if (demo_option)
        path = g_build_filename (g_get_user_data_dir (), "ciro", "demo.db", NULL);
      else
        path = ciro_store_default_path ();
      ciro = ciro_for (app, path);
      window = GTK_WINDOW (ciro_window_new_with_sync (ADW_APPLICATION (app), ciro->db_path, ciro->sync));
      ciro_window_set_demo_if_empty (CIRO_WINDOW (window), demo_option);
      if (page_option != NULL)
        gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", page_option);
    }
  gtk_window_present (window);
}

static void
quit_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_application_quit (app);
}

/* The account may have changed: read it again when the window closes. */
static void
preferences_closed (Ciro *ciro)
{
  load_connection (ciro);
}

static void
preferences_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  Ciro *ciro = g_object_get_data (G_OBJECT (app), "ciro");
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (ciro == NULL || window == NULL)
    return;
  if (ciro->preferences != NULL)
    {
      gtk_window_present (GTK_WINDOW (ciro->preferences));
      return;
    }
  ciro->preferences = ciro_preferences_window_new (window, ciro->db_path);
  g_object_add_weak_pointer (G_OBJECT (ciro->preferences), (gpointer *) &ciro->preferences);
  if (CIRO_IS_WINDOW (window))
    g_signal_connect_object (ciro->preferences, "store-changed", G_CALLBACK (ciro_window_refresh), window,
                             G_CONNECT_SWAPPED);
  g_signal_connect_swapped (ciro->preferences, "destroy", G_CALLBACK (preferences_closed), ciro);
  gtk_window_present (GTK_WINDOW (ciro->preferences));
}

static GtkWindow *
present_window (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    g_application_activate (app);
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    gtk_window_present (window);
  return window;
}

static void
show_page_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  GtkWindow *window = present_window (app);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", g_variant_get_string (param, NULL));
}

/* From a low-stock notification: the product, found by its SKU. */
static void
show_product_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  GtkWindow *window = present_window (app);
  CiroProductsPage *page;

  if (window == NULL || !CIRO_IS_WINDOW (window))
    return;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "products");
  page = CIRO_PRODUCTS_PAGE (ciro_window_get_products (CIRO_WINDOW (window)));
  ciro_products_page_set_view (page, CIRO_PRODUCTS_ALL);
  ciro_products_page_set_search (page, g_variant_get_string (param, NULL));
}

static void
about_action (GSimpleAction *action, GVariant *param, gpointer app)
{
  static const char *developers[] = { "The Ciro authors", NULL };
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), _("Ciro"));
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_developer_name (ADW_ABOUT_WINDOW (about), "The Ciro authors");
  adw_about_window_set_developers (ADW_ABOUT_WINDOW (about), developers);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("See what your marketplace store really earns"));
  adw_about_window_set_website (ADW_ABOUT_WINDOW (about), "https://github.com/ciroapp/ciro");
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (about));
}

static void
startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "quit", quit_action, NULL, NULL, NULL, { 0 } },
    { "about", about_action, NULL, NULL, NULL, { 0 } },
    { "preferences", preferences_action, NULL, NULL, NULL, { 0 } },
    { "show-page", show_page_action, "s", NULL, NULL, { 0 } },
    { "show-product", show_product_action, "s", NULL, NULL, { 0 } },
  };
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *close_accels[] = { "<Control>w", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "window.close", close_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences", prefs_accels);
  ciro_preferences_apply_color_scheme (settings);
}

int
main (int argc, char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_option, N_("The store to open"), N_("PATH") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, &demo_option, N_("Open the demo store, building it first if needed"), NULL },
    { "page", 0, 0, G_OPTION_ARG_STRING, &page_option, N_("Open on a page: today, analytics, products, stock or customers"), N_("PAGE") },
    { NULL }
  };

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIRO_LOCALEDIR") ? g_getenv ("CIRO_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_application_add_main_option_entries (G_APPLICATION (app), options);
  g_signal_connect (app, "startup", G_CALLBACK (startup), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (activate), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
