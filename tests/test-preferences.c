/* test-preferences.c: the Preferences window and the "Connect to Sentos" dialog
 *
 * Under a real (virtual) display, through keyring-session.sh for a private
 * keyring. Skipped, with a message, only when no display can be opened; the
 * keyring parts only when no Secret Service could be started.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "demo/ciro-demo.h"
#include "demo/ciro-mock.h"
#include "store/ciro-settings.h"
#include "store/ciro-store-sql.h"
#include "sync/ciro-credentials.h"
#include "sync/ciro-sync.h"
#include "ui/ciro-connect-dialog.h"
#include "ui/ciro-connection-group.h"
#include "ui/ciro-export-dialog.h"
#include "ui/ciro-preferences-window.h"
#include "ui/pages/ciro-product-dialog.h"
#include "ui/pages/ciro-sku-map-row.h"
#include "ui/pages/ciro-unmatched-dialog.h"

static gboolean have_display;
static char *dir;
static CiroDemo *demo;
static char *demo_db;   /* the demo seller written straight into a store */

static gboolean
keyring_available (void)
{
  return g_strcmp0 (g_getenv ("CIRO_TEST_KEYRING"), "private") == 0;
}

static void
spin_until (gboolean (*done) (gpointer), gpointer data)
{
  gint64 end = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!done (data))
    {
      if (g_get_monotonic_time () > end)
        g_error ("timed out waiting");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gboolean
settled (gpointer w)
{
  return !ciro_preferences_window_is_loading (w) && ciro_preferences_window_get_pending_writes (w) == 0;
}

static GtkWidget *
find_named (GtkWidget *widget, const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *hit = find_named (c, name);
      if (hit)
        return hit;
    }
  return NULL;
}

static guint
count_named (GtkWidget *widget, const char *name)
{
  guint n = g_strcmp0 (gtk_widget_get_name (widget), name) == 0;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += count_named (c, name);
  return n;
}

static GtkWidget *
must_find (GtkWidget *root, const char *name)
{
  GtkWidget *w = find_named (root, name);
  if (w == NULL)
    g_error ("no widget named %s", name);
  return w;
}

static GHashTable *contexts;  /* store path → CiroContext */

/* The context of the store at `db`, one a store as in the application. */
static CiroContext *
context_for (const char *db)
{
  CiroContext *context;

  if (contexts == NULL)
    contexts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  context = g_hash_table_lookup (contexts, db);
  if (context == NULL)
    {
      context = ciro_context_new (db);
      g_hash_table_insert (contexts, g_strdup (db), context);
    }
  return context;
}

static CiroPreferencesWindow *
open_window (const char *db)
{
  CiroPreferencesWindow *w = CIRO_PREFERENCES_WINDOW (ciro_preferences_window_new (NULL, context_for (db)));
  GtkWidget *spin = must_find (GTK_WIDGET (w), CIRO_SETTING_LOW_STOCK_THRESHOLD);

  /* nothing the store holds can be edited before the store's value shows */
  g_assert_false (gtk_widget_get_sensitive (spin));
  gtk_window_present (GTK_WINDOW (w));
  spin_until (settled, w);
  g_assert_true (gtk_widget_get_sensitive (spin));
  return w;
}

static char *
copy_of_demo (const char *name)
{
  g_autofree char *data = NULL;
  gsize len;
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_get_contents (demo_db, &data, &len, NULL));
  g_assert_true (g_file_set_contents (path, data, (gssize) len, NULL));
  return path;
}

/* Σ over net lines of the line amount × its marketplace's rate, each rounded
 * half away from zero: from the raw tables, not through the engine. */
static gint64
commission_by_hand (const char *db, GHashTable *rates, CiroDay from, CiroDay to)
{
  sqlite3 *s = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 sum = 0;

  g_assert_cmpint (sqlite3_open_v2 (db, &s, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (s,
    "SELECT m.name, l.amount FROM order_lines l JOIN orders o ON o.id = l.order_id"
    " JOIN marketplaces m ON m.id = o.marketplace_id WHERE o.status != 6 AND o.day BETWEEN ?1 AND ?2",
    -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 rate = GPOINTER_TO_SIZE (g_hash_table_lookup (rates, sqlite3_column_text (stmt, 0)));
      gint64 p = sqlite3_column_int64 (stmt, 1) * rate;
      sum += p >= 0 ? (p + 5000) / 10000 : -((-p + 5000) / 10000);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (s);
  return sum;
}

static void
test_commission_through_widgets (void)
{
  g_autofree char *db = NULL;
  g_autoptr(GHashTable) rates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  CiroReportFilter f = { ciro_demo_first_day (demo), ciro_demo_last_day (demo), NULL };
  CiroSummary before, after;
  CiroPreferencesWindow *w;
  GtkWidget *spin;
  gint64 expected;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  db = copy_of_demo ("commission.db");
  {
    g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
    g_autoptr(GPtrArray) list = ciro_store_list_marketplaces (store, NULL);
    g_assert_true (ciro_report_summary (store, &f, &before, NULL));
    for (guint i = 0; i < list->len; i++)
      {
        CiroMarketplaceSettings *m = list->pdata[i];
        g_hash_table_insert (rates, g_strdup (m->name), GSIZE_TO_POINTER ((gsize) m->commission));
      }
  }
  g_assert_cmpint (GPOINTER_TO_SIZE (g_hash_table_lookup (rates, "Trendyol")), ==, 2150);

  w = open_window (db);
  spin = must_find (GTK_WIDGET (w), "commission:Trendyol");
  /* the store's value is shown */
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), 21.5, 1e-9);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 30.25);
  g_assert_cmpuint (ciro_preferences_window_get_pending_writes (w), >=, 1);
  spin_until (settled, w);

  g_hash_table_insert (rates, g_strdup ("Trendyol"), GSIZE_TO_POINTER (3025));
  expected = commission_by_hand (db, rates, f.from, f.to);
  {
    g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
    g_autoptr(GPtrArray) list = ciro_store_list_marketplaces (store, NULL);
    g_autofree char *setting = NULL;
    gboolean seen = FALSE;
    for (guint i = 0; i < list->len; i++)
      {
        CiroMarketplaceSettings *m = list->pdata[i];
        if (g_str_equal (m->name, "Trendyol"))
          {
            g_assert_cmpint (m->commission, ==, 3025);
            g_assert_cmpint (m->shipping_cost, ==, 7500);
            seen = TRUE;
          }
      }
    g_assert_true (seen);
    g_assert_true (ciro_report_summary (store, &f, &after, NULL));
  }
  g_assert_cmpint (after.commission, !=, before.commission);
  g_assert_cmpint (after.commission, ==, expected);
  g_assert_cmpint (after.profit, ==, before.profit - (after.commission - before.commission));
  /* the rows' own figures were independently right before, too */
  g_hash_table_insert (rates, g_strdup ("Trendyol"), GSIZE_TO_POINTER (2150));
  g_assert_cmpint (before.commission, ==, commission_by_hand (db, rates, f.from, f.to));

  /* shipping cost of another marketplace, through its own spin button */
  spin = must_find (GTK_WIDGET (w), "shipping:Hepsiburada");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 59.90);
  spin_until (settled, w);
  {
    g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
    g_autoptr(GPtrArray) list = ciro_store_list_marketplaces (store, NULL);
    for (guint i = 0; i < list->len; i++)
      {
        CiroMarketplaceSettings *m = list->pdata[i];
        if (g_str_equal (m->name, "Hepsiburada"))
          g_assert_cmpint (m->shipping_cost, ==, 5990);
      }
  }
  gtk_window_destroy (GTK_WINDOW (w));
}

static void
test_add_marketplace (void)
{
  g_autofree char *db = NULL;
  CiroPreferencesWindow *w;
  GtkWidget *row;
  guint before;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  db = copy_of_demo ("add.db");
  w = open_window (db);
  before = count_named (GTK_WIDGET (w), "new-marketplace");
  g_assert_cmpuint (before, ==, 1);
  row = must_find (GTK_WIDGET (w), "new-marketplace");
  /* an existing one, in another spelling, is refused */
  gtk_editable_set_text (GTK_EDITABLE (row), "TRENDYOL");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (row), "Epttavm");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_signal_emit_by_name (row, "apply");
  spin_until (settled, w);
  g_assert_nonnull (find_named (GTK_WIDGET (w), "commission:Epttavm"));
  {
    g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
    g_autoptr(GPtrArray) list = ciro_store_list_marketplaces (store, NULL);
    gboolean seen = FALSE;
    for (guint i = 0; i < list->len; i++)
      if (g_str_equal (((CiroMarketplaceSettings *) list->pdata[i])->name, "Epttavm"))
        {
          g_assert_cmpint (((CiroMarketplaceSettings *) list->pdata[i])->commission, ==, 0);
          g_assert_cmpint (((CiroMarketplaceSettings *) list->pdata[i])->shipping_cost, ==, 7500);
          seen = TRUE;
        }
    g_assert_true (seen);
  }
  gtk_window_destroy (GTK_WINDOW (w));
}

/* Both writes the closed window still had to make are in the store. */
static gboolean
closed_window_wrote (gpointer db)
{
  g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
  g_autoptr(GPtrArray) list = ciro_store_list_marketplaces (store, NULL);
  gboolean n11 = FALSE;

  for (guint i = 0; list && i < list->len; i++)
    if (g_str_equal (((CiroMarketplaceSettings *) list->pdata[i])->name, "N11"))
      n11 = ((CiroMarketplaceSettings *) list->pdata[i])->commission == 1300;
  return n11 && ciro_store_get_setting_int (store, CIRO_SETTING_LOW_STOCK_THRESHOLD, 0) == 40;
}

static void
test_thresholds_and_errors (void)
{
  g_autofree char *db = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ciroapp.Ciro");
  CiroPreferencesWindow *w;
  GtkWidget *spin, *entry;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  db = copy_of_demo ("thresholds.db");
  w = open_window (db);
  spin = must_find (GTK_WIDGET (w), CIRO_SETTING_LOW_STOCK_THRESHOLD);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 10);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 25);
  spin = must_find (GTK_WIDGET (w), CIRO_SETTING_MARGIN_WARNING_PCT);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 12.5);
  spin = must_find (GTK_WIDGET (w), CIRO_SETTING_DEAD_STOCK_DAYS);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 120);
  spin_until (settled, w);
  {
    g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
    g_autofree char *low = ciro_store_get_setting (store, CIRO_SETTING_LOW_STOCK_THRESHOLD);
    g_autofree char *margin = ciro_store_get_setting (store, CIRO_SETTING_MARGIN_WARNING_PCT);
    g_assert_cmpstr (low, ==, "25");
    g_assert_cmpstr (margin, ==, "12.50");
    g_assert_cmpint (ciro_store_get_setting_int (store, CIRO_SETTING_DEAD_STOCK_DAYS, 0), ==, 120);
  }

  /* typed text that is no number shows the error style and saves nothing */
  spin = must_find (GTK_WIDGET (w), CIRO_SETTING_LOW_STOCK_THRESHOLD);
  gtk_editable_set_text (GTK_EDITABLE (spin), "12a");
  g_assert_true (gtk_widget_has_css_class (spin, "error"));
  gtk_editable_set_text (GTK_EDITABLE (spin), "30");
  g_assert_false (gtk_widget_has_css_class (spin, "error"));

  /* a time that is not one, and an empty live window */
  entry = must_find (GTK_WIDGET (w), "full-sync-time");
  gtk_editable_set_text (GTK_EDITABLE (entry), "25:00");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  {
    g_autofree char *v = g_settings_get_string (settings, "full-sync-time");
    g_assert_cmpstr (v, ==, "02:00");
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "3:30");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  {
    g_autofree char *v = g_settings_get_string (settings, "full-sync-time");
    g_assert_cmpstr (v, ==, "03:30");
  }
  entry = must_find (GTK_WIDGET (w), "live-sync-end");
  gtk_editable_set_text (GTK_EDITABLE (entry), "07:00");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  {
    g_autofree char *v = g_settings_get_string (settings, "live-sync-end");
    g_assert_cmpstr (v, ==, "23:00");
  }
  gtk_editable_set_text (GTK_EDITABLE (entry), "22:00");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (must_find (GTK_WIDGET (w), "live-sync-interval")), 15);
  g_assert_cmpuint (g_settings_get_uint (settings, "live-sync-interval"), ==, 15);
  gtk_switch_set_active (GTK_SWITCH (must_find (GTK_WIDGET (w), "background-sync")), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "background-sync"));
  /* the late-orders notification: on by default, switched off here */
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (must_find (GTK_WIDGET (w), "notify-late-orders"))));
  gtk_switch_set_active (GTK_SWITCH (must_find (GTK_WIDGET (w), "notify-late-orders")), FALSE);
  g_assert_false (g_settings_get_boolean (settings, "notify-late-orders"));
  spin_until (settled, w);
  gtk_window_destroy (GTK_WINDOW (w));

  /* read back by a new window */
  w = open_window (db);
  spin = must_find (GTK_WIDGET (w), CIRO_SETTING_LOW_STOCK_THRESHOLD);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 25);
  spin = must_find (GTK_WIDGET (w), CIRO_SETTING_MARGIN_WARNING_PCT);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), 12.5, 1e-9);
  entry = must_find (GTK_WIDGET (w), "live-sync-end");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "22:00");

  /* closing the window at once does not lose the change */
  spin = must_find (GTK_WIDGET (w), CIRO_SETTING_LOW_STOCK_THRESHOLD);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 40);
  spin = must_find (GTK_WIDGET (w), "commission:N11");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 13);
  gtk_window_destroy (GTK_WINDOW (w));
  spin_until (closed_window_wrote, db);
}

static void
test_appearance (void)
{
  g_autofree char *db = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ciroapp.Ciro");
  CiroPreferencesWindow *w;
  AdwStyleManager *sm = adw_style_manager_get_default ();
  g_autofree char *v = NULL;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  db = g_build_filename (dir, "appearance.db", NULL);
  w = open_window (db);
  gtk_widget_activate (must_find (GTK_WIDGET (w), "dark"));
  v = g_settings_get_string (settings, "color-scheme");
  g_assert_cmpstr (v, ==, "dark");
  g_assert_cmpint (adw_style_manager_get_color_scheme (sm), ==, ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (adw_style_manager_get_dark (sm));
  /* a change from elsewhere moves the radio */
  g_settings_set_string (settings, "color-scheme", "light");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (must_find (GTK_WIDGET (w), "light"))));
  g_assert_cmpint (adw_style_manager_get_color_scheme (sm), ==, ADW_COLOR_SCHEME_FORCE_LIGHT);
  g_settings_set_string (settings, "color-scheme", "default");
  gtk_window_destroy (GTK_WINDOW (w));
}

/* ------------------------------------------------------ against the mock */

typedef struct {
  gboolean      done;
  gboolean      ok;
  GError       *error;
} Wait;

static void
sync_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *w = data;
  w->ok = ciro_sync_run_finish (CIRO_SYNC (source), result, NULL, &w->error);
  w->done = TRUE;
}

static void
run_sync (const char *db, CiroMock *mock, const char *secret, const char *kind, CiroDay from, CiroDay to)
{
  CiroSentosTiming t;
  g_autoptr(CiroSentosClient) client = NULL;
  g_autoptr(CiroSync) sync = NULL;
  CiroSyncRequest req = { kind, g_str_equal (kind, "full"), TRUE, from, to, 31, 100 };
  Wait w = { 0 };

  ciro_sentos_timing_init (&t);
  t.pause_ms = 0;
  t.retry_base_ms = 10;
  t.same_url_window_ms = 0;
  client = ciro_sentos_client_new (ciro_mock_get_url (mock), "key", secret, &t);
  sync = ciro_sync_new (db, client);
  ciro_sync_run_async (sync, &req, NULL, sync_done, &w);
  while (!w.done)
    g_main_context_iteration (NULL, TRUE);
  g_clear_error (&w.error);
}

static gint64
count_runs (const char *db)
{
  g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (ciro_store_get_db (store), "SELECT count(*) FROM sync_runs", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gboolean
history_listed (gpointer w)
{
  return ciro_preferences_window_get_history_count (w) >= 0 && !ciro_preferences_window_is_loading (w);
}

static void
test_sync_history (void)
{
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", NULL);
  g_autofree char *db = g_build_filename (dir, "synced.db", NULL);
  CiroPreferencesWindow *w;
  gint64 runs;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  run_sync (db, mock, "secret", "full", ciro_demo_first_day (demo), ciro_demo_last_day (demo));
  run_sync (db, mock, "secret", "live", ciro_demo_last_day (demo) - 1, ciro_demo_last_day (demo));
  run_sync (db, mock, "wrong", "live", ciro_demo_last_day (demo) - 1, ciro_demo_last_day (demo));
  runs = count_runs (db);
  g_assert_cmpint (runs, >=, 2);

  w = CIRO_PREFERENCES_WINDOW (ciro_preferences_window_new (NULL, context_for (db)));
  gtk_window_present (GTK_WINDOW (w));
  spin_until (history_listed, w);
  g_assert_cmpint (ciro_preferences_window_get_history_count (w), ==, runs);
  g_assert_cmpuint (count_named (GTK_WIDGET (w), "sync-run"), ==, runs);
  gtk_window_destroy (GTK_WINDOW (w));
}

static gboolean
tested (gpointer group)
{
  return ciro_connection_group_get_outcome (group) >= 0;
}

static void
assert_nowhere_but_keyring (const char *db, const char *secret)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ciroapp.Ciro");
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;
  const char *suffixes[] = { "", "-wal", "-shm", NULL };

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    {
      g_autoptr(GVariant) v = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (v, FALSE);
      g_assert_null (strstr (text, secret));
    }
  for (guint i = 0; suffixes[i]; i++)
    {
      g_autofree char *path = g_strconcat (db, suffixes[i], NULL);
      g_autofree char *data = NULL;
      gsize len = 0;
      if (!g_file_get_contents (path, &data, &len, NULL))
        continue;
      g_assert_null (memmem (data, len, secret, strlen (secret)));
    }
}

static void
test_connection_page (void)
{
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key-1", "the-secret-42", NULL);
  g_autofree char *db = g_build_filename (dir, "connection.db", NULL);
  g_autoptr(CiroCredentials) saved = NULL;
  CiroPreferencesWindow *w;
  GtkWidget *group;
  gint64 orders = 0;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  w = open_window (db);
  group = must_find (GTK_WIDGET (w), "api-url");
  while (!CIRO_IS_CONNECTION_GROUP (group))
    group = gtk_widget_get_parent (group);

  /* a wrong address shows the error style */
  gtk_editable_set_text (GTK_EDITABLE (must_find (GTK_WIDGET (w), "api-url")), "firma.sentos");
  gtk_editable_set_text (GTK_EDITABLE (must_find (GTK_WIDGET (w), "api-key")), "key-1");
  gtk_editable_set_text (GTK_EDITABLE (must_find (GTK_WIDGET (w), "api-secret")), "the-secret-42");
  g_assert_false (ciro_connection_group_validate (CIRO_CONNECTION_GROUP (group), NULL));
  g_assert_true (gtk_widget_has_css_class (must_find (GTK_WIDGET (w), "api-url"), "error"));
  /* the rule of --api-url: plain http:// to another computer, a password in
   * the address, ftp:// are refused, and the tooltip says why without the
   * password */
  {
    static const char *const refused[] = {
      "http://firma.sentos.com.tr/api", "https://ali:s3cr3t@firma.sentos.com.tr/api", "ftp://firma.sentos.com.tr/api",
    };
    GtkWidget *row = must_find (GTK_WIDGET (w), "api-url");
    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        const char *tip;
        gtk_editable_set_text (GTK_EDITABLE (row), refused[i]);
        g_assert_false (ciro_connection_group_validate (CIRO_CONNECTION_GROUP (group), NULL));
        g_assert_true (gtk_widget_has_css_class (row, "error"));
        tip = gtk_widget_get_tooltip_text (row);
        g_assert_nonnull (strstr (tip, "firma.sentos.com.tr"));
        g_assert_null (strstr (tip, "s3cr3t"));
      }
  }

  gtk_editable_set_text (GTK_EDITABLE (must_find (GTK_WIDGET (w), "api-url")), ciro_mock_get_url (mock));
  g_assert_false (gtk_widget_has_css_class (must_find (GTK_WIDGET (w), "api-url"), "error"));
  g_signal_emit_by_name (must_find (GTK_WIDGET (w), "test-connection"), "clicked");
  spin_until (tested, group);
  for (CiroDay d = ciro_demo_first_day (demo); d <= ciro_demo_last_day (demo); d++)
    orders += ciro_demo_n_orders_on (demo, d);
  g_assert_cmpint (ciro_connection_group_get_outcome (CIRO_CONNECTION_GROUP (group)), ==, CIRO_CONNECTION_OK);
  {
    g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, orders);
    const char *shown = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (must_find (GTK_WIDGET (w), "test-result")));
    g_assert_true (gtk_widget_get_visible (must_find (GTK_WIDGET (w), "test-result")));
    g_assert_cmpstr (shown, ==, ciro_connection_group_get_message (CIRO_CONNECTION_GROUP (group)));
    /* "1,500"-style grouping: compare the digits only */
    {
      g_autoptr(GString) digits = g_string_new (NULL);
      for (const char *p = shown; *p; p++)
        if (g_ascii_isdigit (*p))
          g_string_append_c (digits, *p);
      g_assert_nonnull (strstr (digits->str, n));
    }
  }

  if (!keyring_available ())
    {
      g_test_message ("keyring parts skipped: %s", g_getenv ("CIRO_TEST_KEYRING") ? g_getenv ("CIRO_TEST_KEYRING")
                                                                                  : "not on a private keyring session");
      gtk_window_destroy (GTK_WINDOW (w));
      return;
    }
  spin_until (settled, w);
  saved = ciro_credentials_lookup_sync (ciro_mock_get_url (mock), NULL, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpstr (saved->key, ==, "key-1");
  g_assert_cmpstr (saved->secret, ==, "the-secret-42");
  {
    g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
    g_autofree char *url = ciro_store_get_setting (store, CIRO_SETTING_API_URL);
    g_assert_cmpstr (url, ==, ciro_mock_get_url (mock));
  }
  assert_nowhere_but_keyring (db, "the-secret-42");
  gtk_window_destroy (GTK_WINDOW (w));

  /* a new window finds them again */
  w = open_window (db);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (must_find (GTK_WIDGET (w), "api-secret"))), ==, "the-secret-42");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (must_find (GTK_WIDGET (w), "api-key"))), ==, "key-1");

  /* a new address takes the keyring item with it */
  gtk_editable_set_text (GTK_EDITABLE (must_find (GTK_WIDGET (w), "api-url")), "https://yeni.sentos.com.tr/api/");
  spin_until (settled, w);
  {
    g_autoptr(CiroCredentials) moved = ciro_credentials_lookup_sync ("https://yeni.sentos.com.tr/api", NULL, NULL);
    g_autoptr(CiroCredentials) old = ciro_credentials_lookup_sync (ciro_mock_get_url (mock), NULL, NULL);
    g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
    g_autofree char *url = ciro_store_get_setting (store, CIRO_SETTING_API_URL);
    g_assert_nonnull (moved);
    g_assert_cmpstr (moved->secret, ==, "the-secret-42");
    g_assert_null (old);
    g_assert_cmpstr (url, ==, "https://yeni.sentos.com.tr/api");
  }

  /* Remove, then Undo; Remove has nothing to do once they are gone */
  g_assert_true (gtk_widget_get_sensitive (must_find (GTK_WIDGET (w), "remove-credentials")));
  g_signal_emit_by_name (must_find (GTK_WIDGET (w), "remove-credentials"), "clicked");
  spin_until (settled, w);
  g_assert_false (gtk_widget_get_sensitive (must_find (GTK_WIDGET (w), "remove-credentials")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (must_find (GTK_WIDGET (w), "api-secret"))), ==, "");
  g_assert_null (ciro_credentials_lookup_sync ("https://yeni.sentos.com.tr/api", NULL, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (w), "prefs.undo-remove", NULL));
  spin_until (settled, w);
  {
    g_autoptr(CiroCredentials) back = ciro_credentials_lookup_sync ("https://yeni.sentos.com.tr/api", NULL, NULL);
    g_assert_nonnull (back);
    g_assert_cmpstr (back->key, ==, "key-1");
    g_assert_cmpstr (back->secret, ==, "the-secret-42");
  }
  g_assert_true (gtk_widget_get_sensitive (must_find (GTK_WIDGET (w), "remove-credentials")));
  gtk_window_destroy (GTK_WINDOW (w));
  g_assert_true (ciro_credentials_clear_sync ("https://yeni.sentos.com.tr/api", NULL, NULL));
  /* a store with nothing in the keyring: Remove is off */
  w = open_window (db);
  spin_until (settled, w);
  g_assert_false (gtk_widget_get_sensitive (must_find (GTK_WIDGET (w), "remove-credentials")));
  gtk_window_destroy (GTK_WINDOW (w));
}

static void
connected (CiroConnectDialog *dialog, const CiroCredentials *c, gpointer data)
{
  char **url = data;
  *url = g_strdup (c->api_url);
}

static gboolean
is_set (gpointer data)
{
  return *(char **) data != NULL;
}

/* Whether a shown row under `w` has `title`. */
static gboolean
has_row_titled (GtkWidget *w, const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (w) && gtk_widget_get_visible (w) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), title) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
    if (has_row_titled (c, title))
      return TRUE;
  return FALSE;
}

static void
test_connect_dialog (void)
{
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "dlg-key", "dlg-secret", NULL);
  g_autofree char *db = g_build_filename (dir, "first-run.db", NULL);
  g_autofree char *url = NULL;
  g_autoptr(CiroCredentials) saved = NULL;
  CiroConnectDialog *d;
  guint requests;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  if (!keyring_available ())
    {
      g_test_skip ("no private keyring session");
      return;
    }
  d = CIRO_CONNECT_DIALOG (ciro_connect_dialog_new (NULL, context_for (db)));
  g_object_ref (d);
  g_signal_connect (d, "connected", G_CALLBACK (connected), &url);
  gtk_window_present (GTK_WINDOW (d));
  g_assert_false (gtk_widget_get_sensitive (must_find (GTK_WIDGET (d), "connect")));

  {
    GtkWidget *connect = must_find (GTK_WIDGET (d), "connect");
    GtkWidget *group = must_find (GTK_WIDGET (d), "api-url");
    while (!CIRO_IS_CONNECTION_GROUP (group))
      group = gtk_widget_get_parent (group);

    /* an address without https:// is an address problem, not empty fields */
    ciro_connect_dialog_set_values (d, "firma.sentos.com.tr/api", "dlg-key", "dlg-secret");
    ciro_connection_group_test (CIRO_CONNECTION_GROUP (group));
    g_assert_false (gtk_widget_get_sensitive (connect));
    g_assert_true (has_row_titled (group, "The API address is not usable"));

    /* wrong secret: Connect stays off; the test refuses; nothing saved */
    ciro_connect_dialog_set_values (d, ciro_mock_get_url (mock), "dlg-key", "nope");
    g_assert_false (gtk_widget_get_sensitive (connect));
    ciro_connection_group_test (CIRO_CONNECTION_GROUP (group));
    spin_until (tested, group);
    g_assert_cmpint (ciro_connection_group_get_outcome (CIRO_CONNECTION_GROUP (group)), ==,
                     CIRO_CONNECTION_BAD_CREDENTIALS);
    g_assert_false (gtk_widget_get_sensitive (connect));
    g_assert_null (url);
    g_assert_null (ciro_credentials_lookup_sync (ciro_mock_get_url (mock), NULL, NULL));

    /* right values: Connect and Sync once the test has passed */
    ciro_connect_dialog_set_values (d, ciro_mock_get_url (mock), "dlg-key", "dlg-secret");
    g_assert_false (gtk_widget_get_sensitive (connect));
    ciro_connection_group_test (CIRO_CONNECTION_GROUP (group));
    spin_until (tested, group);
    g_assert_cmpint (ciro_connection_group_get_outcome (CIRO_CONNECTION_GROUP (group)), ==, CIRO_CONNECTION_OK);
    g_assert_true (gtk_widget_get_sensitive (connect));
    /* a changed field takes the proof away */
    gtk_editable_set_text (GTK_EDITABLE (must_find (GTK_WIDGET (d), "api-url")), "https://other.invalid/api");
    g_assert_false (gtk_widget_get_sensitive (connect));
    gtk_editable_set_text (GTK_EDITABLE (must_find (GTK_WIDGET (d), "api-url")), ciro_mock_get_url (mock));
    ciro_connection_group_test (CIRO_CONNECTION_GROUP (group));
    spin_until (tested, group);
    g_assert_true (gtk_widget_get_sensitive (connect));
    requests = ciro_mock_get_requests (mock);
    ciro_connect_dialog_connect (d);
    spin_until (is_set, &url);
  }
  g_assert_cmpstr (url, ==, ciro_mock_get_url (mock));
  /* proven by the test: saved without asking the server again */
  g_assert_cmpuint (ciro_mock_get_requests (mock), ==, requests);
  saved = ciro_credentials_lookup_sync (url, NULL, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpstr (saved->secret, ==, "dlg-secret");
  {
    g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
    g_autofree char *stored = ciro_store_get_setting (store, CIRO_SETTING_API_URL);
    g_assert_cmpstr (stored, ==, url);
  }
  assert_nowhere_but_keyring (db, "dlg-secret");
  /* it closed itself */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (d)));
  g_object_unref (d);
  g_assert_true (ciro_credentials_clear_sync (url, NULL, NULL));
}

static GtkWidget *
find_type (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *hit = find_type (c, type);
      if (hit)
        return hit;
    }
  return NULL;
}

static void
count_signal (GtkWidget *widget, gpointer data)
{
  ++*(guint *) data;
}

static gboolean
counted (gpointer data)
{
  return *(guint *) data > 0;
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c; c = gtk_widget_get_next_sibling (c))
    n++;
  return n;
}

typedef struct {
  GtkListBox *list;
  guint       n;
} RowCount;

static gboolean
rows_are (gpointer data)
{
  RowCount *rc = data;
  return n_rows (rc->list) == rc->n;
}

/* Unknown Costs, as a person uses it: the first SKU's Map… button, a
 * product found by typing its SKU, chosen; the SKU leaves the dialog's
 * list and the engine's unmatched SKUs alike. */
static void
test_unmatched_popover (void)
{
  g_autofree char *db = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GArray) left = NULL;
  g_autofree char *sku = NULL;
  g_autofree char *product_sku = NULL;
  GtkWidget *dialog, *row, *button, *popover, *choice;
  GtkListBox *choices;
  guint loaded = 0, mapped = 0, all;
  RowCount rc;

  if (!have_display)
    {
      g_test_skip ("no display");
      return;
    }
  db = copy_of_demo ("unmatched.db");
  dialog = ciro_unmatched_dialog_new (NULL, context_for (db));
  g_signal_connect (dialog, "loaded", G_CALLBACK (count_signal), &loaded);
  g_signal_connect (dialog, "mapped", G_CALLBACK (count_signal), &mapped);
  gtk_window_present (GTK_WINDOW (dialog));
  spin_until (counted, &loaded);
  before = ciro_unmatched_dialog_get_skus (CIRO_UNMATCHED_DIALOG (dialog));
  g_assert_cmpuint (before->len, >, 0);

  /* the first row is the first SKU, its button opens the choices */
  row = find_type (dialog, CIRO_TYPE_SKU_MAP_ROW);
  g_assert_nonnull (row);
  sku = g_strdup (ciro_sku_map_row_get_sku (CIRO_SKU_MAP_ROW (row)));
  g_assert_cmpstr (sku, ==, before->pdata[0]);
  button = find_type (row, GTK_TYPE_MENU_BUTTON);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  choices = GTK_LIST_BOX (find_type (popover, GTK_TYPE_LIST_BOX));
  all = n_rows (choices);
  g_assert_cmpuint (all, >, 1);

  /* the last choice's SKU, typed, leaves it alone in the list */
  choice = gtk_widget_get_last_child (GTK_WIDGET (choices));
  product_sku = g_strdup (adw_action_row_get_subtitle (ADW_ACTION_ROW (choice)));
  gtk_editable_set_text (GTK_EDITABLE (find_type (popover, GTK_TYPE_SEARCH_ENTRY)), product_sku);
  rc.list = choices;
  rc.n = 1;
  spin_until (rows_are, &rc);
  choice = gtk_widget_get_first_child (GTK_WIDGET (choices));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (choice)), ==, product_sku);
  g_signal_emit_by_name (choices, "row-activated", choice);
  g_assert_false (gtk_widget_get_visible (popover));
  spin_until (counted, &mapped);

  after = ciro_unmatched_dialog_get_skus (CIRO_UNMATCHED_DIALOG (dialog));
  g_assert_cmpuint (after->len, ==, before->len - 1);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpstr (after->pdata[i], !=, sku);
  {
    g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
    left = ciro_report_unmatched (store, NULL);
  }
  g_assert_nonnull (left);
  g_assert_cmpuint (left->len, ==, after->len);
  for (guint i = 0; i < left->len; i++)
    g_assert_cmpstr (g_array_index (left, CiroUnmatchedRow, i).sku, !=, sku);
  /* mapped to the product chosen, read from the raw table */
  {
    sqlite3 *s = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (db, &s, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (s, "SELECT p.sku FROM sku_mappings m JOIN products p ON p.id = m.product_id"
                                            " WHERE m.sku = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, sku, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, product_sku);
    sqlite3_finalize (stmt);
    sqlite3_close (s);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* CIRO_SCREENSHOTS=DIR: every page and dialog in light and dark, as PNG files. */
static void
save_shot (GtkWidget *widget, const char *path)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GdkPaintable *paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w = gtk_widget_get_width (widget), h = gtk_widget_get_height (widget);
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  gdk_texture_save_to_png (texture, path);
  g_object_unref (paintable);
}

static gboolean
idle_frames (gpointer data)
{
  guint *n = data;
  return ++(*n) > 200;
}

static void
count_loaded (GtkWidget *dialog, gpointer data)
{
  ++*(guint *) data;
}

static gboolean
loaded_once (gpointer data)
{
  return *(guint *) data > 0;
}

/* A dialog, shown until its figures are in and drawn, saved as DIR/NAME-SCHEME.png. */
static void
shoot_dialog (GtkWidget *dialog, gboolean wait_loaded, const char *out, const char *name, const char *scheme)
{
  g_autofree char *path = g_strdup_printf ("%s/%s-%s.png", out, name, scheme);
  guint loaded = 0, n = 0;

  if (wait_loaded)
    g_signal_connect (dialog, "loaded", G_CALLBACK (count_loaded), &loaded);
  gtk_window_present (GTK_WINDOW (dialog));
  if (wait_loaded)
    spin_until (loaded_once, &loaded);
  spin_until (idle_frames, &n);
  save_shot (dialog, path);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* The other dialogs, on the synced store: export, a product, unknown costs. */
static void
shoot_dialogs (const char *db, const char *out, const char *scheme)
{
  CiroContext *context = context_for (db);
  CiroReportFilter f = { ciro_demo_first_day (demo), ciro_demo_last_day (demo), NULL };
  g_autoptr(CiroStore) store = ciro_store_open (db, NULL);
  g_autoptr(GArray) products = ciro_report_products (store, &f, CIRO_SORT_REVENUE, FALSE, NULL);
  const CiroProductRow *top = NULL;

  for (guint i = 0; products != NULL && i < products->len && top == NULL; i++)
    if (g_array_index (products, CiroProductRow, i).matched)
      top = &g_array_index (products, CiroProductRow, i);
  g_assert_nonnull (top);
  shoot_dialog (GTK_WIDGET (ciro_export_dialog_new (NULL, context, CIRO_EXPORT_PRODUCTS, f.from, f.to, "Trendyol")),
                FALSE, out, "export", scheme);
  shoot_dialog (ciro_product_dialog_new (NULL, context, top, &f), TRUE, out, "product", scheme);
  shoot_dialog (ciro_unmatched_dialog_new (NULL, context), TRUE, out, "unmatched", scheme);
}

static void
take_screenshots (const char *out)
{
  g_autoptr(CiroMock) mock = ciro_mock_new (demo, "key", "secret", NULL);
  g_autofree char *db = copy_of_demo ("shots.db");
  g_autoptr(GSettings) settings = g_settings_new ("io.github.ciroapp.Ciro");
  const char *pages[] = { "sentos", "sync", "marketplaces", "alerts", "appearance" };
  const char *schemes[] = { "light", "dark" };
  CiroPreferencesWindow *w;
  CiroConnectDialog *d;

  gtk_icon_theme_add_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()),
                                    "/io/github/ciroapp/Ciro/icons");
  run_sync (db, mock, "secret", "full", ciro_demo_first_day (demo), ciro_demo_last_day (demo));
  run_sync (db, mock, "secret", "live", ciro_demo_last_day (demo) - 1, ciro_demo_last_day (demo));
  run_sync (db, mock, "wrong", "live", ciro_demo_last_day (demo) - 1, ciro_demo_last_day (demo));
  w = CIRO_PREFERENCES_WINDOW (ciro_preferences_window_new (NULL, context_for (db)));
  gtk_window_set_default_size (GTK_WINDOW (w), 860, 860);
  gtk_window_present (GTK_WINDOW (w));
  spin_until (settled, w);
  spin_until (history_listed, w);
  gtk_editable_set_text (GTK_EDITABLE (must_find (GTK_WIDGET (w), "api-url")), ciro_mock_get_url (mock));
  gtk_editable_set_text (GTK_EDITABLE (must_find (GTK_WIDGET (w), "api-key")), "key");
  gtk_editable_set_text (GTK_EDITABLE (must_find (GTK_WIDGET (w), "api-secret")), "secret");
  {
    GtkWidget *group = must_find (GTK_WIDGET (w), "api-url");
    while (!CIRO_IS_CONNECTION_GROUP (group))
      group = gtk_widget_get_parent (group);
    ciro_connection_group_test (CIRO_CONNECTION_GROUP (group));
    spin_until (tested, group);
  }
  spin_until (settled, w);
  {
    /* the toast goes before the pictures are taken */
    gint64 end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
    while (g_get_monotonic_time () < end)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (2000);
      }
  }
  for (guint s = 0; s < G_N_ELEMENTS (schemes); s++)
    {
      g_settings_set_string (settings, "color-scheme", schemes[s]);
      for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
        {
          g_autofree char *path = g_strdup_printf ("%s/prefs-%s-%s.png", out, pages[p], schemes[s]);
          guint n = 0;
          adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (w), pages[p]);
          if (g_str_equal (pages[p], "marketplaces"))
            adw_expander_row_set_expanded (ADW_EXPANDER_ROW (must_find (GTK_WIDGET (w), "Amazon")), TRUE);
          spin_until (idle_frames, &n);
          save_shot (GTK_WIDGET (w), path);
        }
      {
        g_autofree char *path = g_strdup_printf ("%s/connect-%s.png", out, schemes[s]);
        guint n = 0;
        d = CIRO_CONNECT_DIALOG (ciro_connect_dialog_new (NULL, context_for (db)));
        ciro_connect_dialog_set_values (d, "https://firma.sentos.com.tr/api", "", "");
        gtk_window_present (GTK_WINDOW (d));
        spin_until (idle_frames, &n);
        save_shot (GTK_WIDGET (d), path);
        gtk_window_destroy (GTK_WINDOW (d));
      }
      shoot_dialogs (db, out, schemes[s]);
    }
  g_settings_set_string (settings, "color-scheme", "default");
  gtk_window_destroy (GTK_WINDOW (w));
}

int
main (int argc, char *argv[])
{
  CiroDemoOptions o;
  int rc;

  g_test_init (&argc, &argv, NULL);
  /* screenshots in the person's language: CIRO_LOCALEDIR=_build/po LANGUAGE=tr */
  if (g_getenv ("CIRO_LOCALEDIR") != NULL)
    {
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("CIRO_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }
  have_display = gtk_init_check ();
  if (have_display)
    adw_init ();
  else
    g_test_message ("no display could be opened: UI tests are skipped");
  dir = g_dir_make_tmp ("ciro-prefs-XXXXXX", NULL);

  ciro_demo_options_init (&o);
  o.n_orders = 2500;
  o.n_products = 40;
  o.n_days = 90;
  demo = ciro_demo_new (&o);
  demo_db = g_build_filename (dir, "demo.db", NULL);
  {
    g_autoptr(CiroStore) store = ciro_store_open (demo_db, NULL);
    g_assert_true (ciro_demo_populate (demo, store, NULL, NULL, NULL, NULL));
  }

  if (have_display && g_getenv ("CIRO_SCREENSHOTS") != NULL)
    take_screenshots (g_getenv ("CIRO_SCREENSHOTS"));

  g_test_add_func ("/preferences/commission-through-widgets", test_commission_through_widgets);
  g_test_add_func ("/preferences/add-marketplace", test_add_marketplace);
  g_test_add_func ("/preferences/thresholds-and-errors", test_thresholds_and_errors);
  g_test_add_func ("/preferences/appearance", test_appearance);
  g_test_add_func ("/preferences/sync-history", test_sync_history);
  g_test_add_func ("/preferences/connection-page", test_connection_page);
  g_test_add_func ("/preferences/connect-dialog", test_connect_dialog);
  g_test_add_func ("/dialogs/unmatched-popover", test_unmatched_popover);
  rc = g_test_run ();
  g_clear_pointer (&contexts, g_hash_table_unref);
  ciro_demo_free (demo);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    while (d && (name = g_dir_read_name (d)))
      {
        g_autofree char *p = g_build_filename (dir, name, NULL);
        g_unlink (p);
      }
    g_rmdir (dir);
  }
  g_free (dir);
  g_free (demo_db);
  return rc;
}
