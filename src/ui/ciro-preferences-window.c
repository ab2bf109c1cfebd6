/* ciro-preferences-window.c: Sentos connection, sync, marketplaces, alerts, appearance
 *
 * The pages are resources/ui/ciro-preferences-window.ui; this file reads
 * the store's and the keyring's values into them and saves what is edited.
 * GSettings keys are bound to their rows; the store's settings and the
 * marketplaces' fees are written through the report service, one at a time.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "core/ciro-number.h"
#include "store/ciro-settings.h"
#include "store/ciro-store.h"
#include "sync/ciro-credentials.h"
#include "sync/ciro-sync-history.h"
#include "widgets/ciro-spin-row.h"
#include "widgets/ciro-time-row.h"
#include "ciro-connection-group.h"
#include "ciro-marketplace-fee-row.h"
#include "ciro-profit-page.h"
#include "ciro-sync-run-row.h"
#include "ciro-tariff-group.h"
#include "ciro-preferences-window.h"

#define HISTORY_LIMIT 50

struct _CiroPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  CiroContext  *context;
  GSettings    *settings;     /* the context's */
  GCancellable *cancellable;
  guint         loading;          /* reads under way */
  guint         filling;          /* values being shown, not typed: nothing to save */

  /* store writes, one at a time, in order */
  GQueue        writes;
  gboolean      writing;
  gpointer      current;          /* the Write under way */

  /* Sentos connection */
  char         *saved_url;        /* the address the keyring item is stored under */
  guint         save_timeout;
  gboolean      cred_saving;
  gboolean      cred_dirty;
  CiroCredentials *pending;       /* values waiting for the save under way */
  CiroCredentials *storing;       /* values the save under way is writing */
  gboolean      disposed;         /* rows are gone; saves and writes go on */
  char         *removed_key;      /* for Undo after "Remove" */
  char         *removed_secret;

  GPtrArray    *history_rows;
  int           history_count;
  GPtrArray    *mp_rows;          /* CiroMarketplaceFeeRow */

  /* template */
  CiroConnectionGroup *connection;
  CiroTimeRow  *full_sync_row;
  CiroSpinRow  *live_interval_row;
  CiroTimeRow  *live_from_row;
  CiroTimeRow  *live_until_row;
  GtkWidget    *background_switch;
  CiroSpinRow  *history_days_row;
  AdwPreferencesGroup *history_group;
  AdwPreferencesGroup *mp_group;
  GtkWidget    *mp_spinner;
  GtkWidget    *mp_add_row;       /* also kept by the window: it moves to the end of each refill */
  CiroSpinRow  *low_stock_row;
  CiroSpinRow  *slow_moving_row;
  CiroSpinRow  *dead_stock_row;
  CiroSpinRow  *margin_row;
  CiroSpinRow  *basket_min_row;
  GtkWidget    *notify_low_stock_switch;
  GtkWidget    *notify_sync_failure_switch;
  GtkWidget    *notify_margin_switch;
  GtkWidget    *notify_late_switch;
  AdwExpanderRow *daily_summary_row;
  CiroTimeRow  *daily_summary_time_row;
};

G_DEFINE_FINAL_TYPE (CiroPreferencesWindow, ciro_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];


static void load_marketplaces (CiroPreferencesWindow *self);

static void
toast (CiroPreferencesWindow *self, const char *text)
{
  AdwToast *t;

  if (self->disposed)
    return;
  t = adw_toast_new (text);
  adw_toast_set_timeout (t, 4);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), t);
}

static void
set_error_state (GtkWidget *widget, gboolean error)
{
  if (error)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/* The rows editing the store's numeric settings, each named by its key. */
#define N_STORE_ROWS 5

static void
store_rows (CiroPreferencesWindow *self, CiroSpinRow *rows[N_STORE_ROWS])
{
  rows[0] = self->history_days_row;
  rows[1] = self->low_stock_row;
  rows[2] = self->slow_moving_row;
  rows[3] = self->dead_stock_row;
  rows[4] = self->margin_row;
}

/* ------------------------------------------------------------ store writes */

typedef struct {
  char           *key;          /* a setting, or NULL for a marketplace */
  char           *value;
  char           *marketplace;  /* a marketplace's name */
  CiroBasisPoints commission;
  CiroKurus       shipping;
  gboolean        is_new;       /* an added marketplace: reload the list */
} Write;

static void
write_free (Write *w)
{
  g_free (w->key);
  g_free (w->value);
  g_free (w->marketplace);
  g_free (w);
}

static void start_next_write (CiroPreferencesWindow *self);

static void
write_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroPreferencesWindow) self = data;
  Write *w = g_steal_pointer (&self->current);
  g_autoptr(GError) error = NULL;

  self->writing = FALSE;
  if (!ciro_report_service_write_finish (CIRO_REPORT_SERVICE (source), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not save: %s"), error->message);
      toast (self, text);
    }
  else
    {
      if (w->is_new && !self->disposed)
        load_marketplaces (self);
      /* figures may have changed: every page reads them again */
      ciro_context_store_changed (self->context);
    }
  write_free (w);
  start_next_write (self);
}

/* A spinner by the marketplaces while figures are being recomputed. */
static void
show_writing (CiroPreferencesWindow *self, gboolean writing)
{
  if (self->mp_spinner == NULL)
    return;
  gtk_widget_set_visible (self->mp_spinner, writing);
  if (writing)
    gtk_spinner_start (GTK_SPINNER (self->mp_spinner));
  else
    gtk_spinner_stop (GTK_SPINNER (self->mp_spinner));
}

static void
start_next_write (CiroPreferencesWindow *self)
{
  Write *w;

  if (self->writing)
    return;
  if ((w = g_queue_pop_head (&self->writes)) == NULL)
    {
      show_writing (self, FALSE);
      return;
    }
  show_writing (self, TRUE);
  self->writing = TRUE;
  /* the window stays alive until its writes are done: closing it never
   * loses a change */
  self->current = w;
  ciro_report_service_write_async (ciro_context_get_reports (self->context), w->key, w->value, w->marketplace,
                                   w->commission, w->shipping, NULL, write_done, g_object_ref (self));
}

/* Queues a write; a queued, not yet started write to the same setting or
 * marketplace is replaced, so a burst of clicks costs one recompute. */
static void
queue_write (CiroPreferencesWindow *self, Write *w)
{
  for (GList *l = self->writes.head; l != NULL; l = l->next)
    {
      Write *q = l->data;
      if ((w->key != NULL && g_strcmp0 (q->key, w->key) == 0) ||
          (w->marketplace != NULL && g_strcmp0 (q->marketplace, w->marketplace) == 0))
        {
          w->is_new |= q->is_new;
          write_free (q);
          l->data = w;
          return;
        }
    }
  g_queue_push_tail (&self->writes, w);
  start_next_write (self);
}

static void
queue_setting (CiroPreferencesWindow *self, const char *key, const char *value)
{
  Write *w = g_new0 (Write, 1);
  w->key = g_strdup (key);
  w->value = g_strdup (value);
  queue_write (self, w);
}

/* ------------------------------------------------------------ store settings */

/* A store setting's row was edited: the value is written as the store keeps it. */
static void
store_setting_changed (CiroPreferencesWindow *self, GParamSpec *pspec, CiroSpinRow *row)
{
  const char *key = ciro_spin_row_get_key (row);
  const CiroSettingInfo *info = ciro_settings_lookup (key);
  double v = ciro_spin_row_get_value (row);
  g_autofree char *text = NULL;

  if (self->filling || info == NULL)
    return;
  if (info->kind == CIRO_SETTING_KIND_PERCENT)
    {
      gint64 bp = (gint64) llround (v * 100.0);
      text = g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", bp / 100, (int) (bp % 100));
    }
  else
    text = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) llround (v));
  queue_setting (self, key, text);
}

/* ------------------------------------------------------------ loading */

static void fill_marketplaces (CiroPreferencesWindow *self, GPtrArray *list);

/* Remove has something to remove only while a key is stored */
static void
set_stored (CiroPreferencesWindow *self, gboolean stored)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.remove-credentials", stored);
}

static void
credentials_found (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroPreferencesWindow *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroCredentials) c = ciro_credentials_lookup_finish (result, &error);

  if (c != NULL && !self->disposed)
    {
      ciro_connection_group_set_values (self->connection, NULL, c->key, c->secret);
      set_stored (self, TRUE);
    }
  if (!self->disposed)
    gtk_widget_set_sensitive (GTK_WIDGET (self->connection), TRUE);
  else if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  self->loading--;
  g_object_unref (self);
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroPreferencesWindow *self = data;
  g_autoptr(GError) error = NULL;
  CiroStoreSettings *l = ciro_report_service_settings_finish (CIRO_REPORT_SERVICE (source), result, &error);
  CiroSpinRow *rows[N_STORE_ROWS];
  const char *url;

  if (l == NULL || self->disposed)
    {
      if (l == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      g_clear_pointer (&l, ciro_store_settings_free);
      self->loading--;
      g_object_unref (self);
      return;
    }
  self->filling++;
  store_rows (self, rows);
  for (guint i = 0; i < N_STORE_ROWS; i++)
    {
      const char *v = g_hash_table_lookup (l->values, ciro_spin_row_get_key (rows[i]));
      if (v != NULL)
        ciro_spin_row_set_value (rows[i], g_ascii_strtod (v, NULL));
      /* editable once it shows the store's value, not before */
      gtk_widget_set_sensitive (GTK_WIDGET (ciro_spin_row_get_spin (rows[i])), TRUE);
    }
  url = g_hash_table_lookup (l->values, CIRO_SETTING_API_URL);
  g_free (self->saved_url);
  self->saved_url = url && *url ? g_strdup (url) : NULL;
  ciro_connection_group_set_values (self->connection, url ? url : "", "", "");
  if (self->saved_url != NULL)
    {
      self->loading++;
      ciro_credentials_lookup_async (self->saved_url, self->cancellable, credentials_found, g_object_ref (self));
    }
  else
    gtk_widget_set_sensitive (GTK_WIDGET (self->connection), TRUE);
  fill_marketplaces (self, l->marketplaces);
  self->filling--;
  ciro_store_settings_free (l);
  ciro_preferences_window_reload_history (self);
  self->loading--;
  g_object_unref (self);
}

static void
load_all (CiroPreferencesWindow *self)
{
  self->loading++;
  ciro_report_service_settings_async (ciro_context_get_reports (self->context), NULL, self->cancellable, loaded,
                                      g_object_ref (self));
}

/* ------------------------------------------------------------ Sentos page */

static void save_credentials (CiroPreferencesWindow *self);

static void
credentials_cleared (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroPreferencesWindow *self = data;
  g_autoptr(GError) error = NULL;

  if (!ciro_credentials_clear_finish (result, &error))
    toast (self, error->message);
  self->loading--;
  g_object_unref (self);
}

static void
clear_credentials (CiroPreferencesWindow *self, const char *url)
{
  self->loading++;
  ciro_credentials_clear_async (url, NULL, credentials_cleared, g_object_ref (self));
}

static void
credentials_stored (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroPreferencesWindow *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroCredentials) stored_values = g_steal_pointer (&self->storing);
  const char *url = stored_values->api_url;

  self->cred_saving = FALSE;
  if (!ciro_credentials_store_finish (result, &error))
    toast (self, error->message);
  else
    {
      /* the item follows the address: none is left behind under an old one */
      if (self->saved_url != NULL && g_strcmp0 (self->saved_url, url) != 0)
        clear_credentials (self, self->saved_url);
      g_free (self->saved_url);
      self->saved_url = g_strdup (url);
      queue_setting (self, CIRO_SETTING_API_URL, url);
      if (!self->disposed)
        set_stored (self, TRUE);
    }
  if (self->cred_dirty)
    {
      self->cred_dirty = FALSE;
      save_credentials (self);
    }
  g_object_unref (self);
}

static void
save_credentials (CiroPreferencesWindow *self)
{
  g_autofree char *url = NULL;
  CiroCredentials *storing;

  if (self->save_timeout)
    {
      g_source_remove (self->save_timeout);
      self->save_timeout = 0;
    }
  /* the values are taken now: the rows may be gone (window closed) by the
   * time a save already under way ends and this one can start */
  if (!self->disposed)
    {
      if (!ciro_connection_group_validate (self->connection, &url))
        return;
      ciro_credentials_free (self->pending);
      self->pending = g_new0 (CiroCredentials, 1);
      self->pending->api_url = g_steal_pointer (&url);
      self->pending->key = g_strdup (ciro_connection_group_get_key (self->connection));
      self->pending->secret = g_strdup (ciro_connection_group_get_secret (self->connection));
    }
  if (self->cred_saving)
    {
      self->cred_dirty = TRUE;
      return;
    }
  if (self->pending == NULL)
    return;
  /* the callback (always later, from the main loop) needs the address */
  storing = self->storing = g_steal_pointer (&self->pending);
  self->cred_saving = TRUE;
  ciro_credentials_store_async (storing->api_url, storing->key, storing->secret, NULL,
                                credentials_stored, g_object_ref (self));
}

static gboolean
save_timeout_cb (gpointer data)
{
  CiroPreferencesWindow *self = data;

  self->save_timeout = 0;
  save_credentials (self);
  return G_SOURCE_REMOVE;
}

static void
connection_changed (CiroPreferencesWindow *self)
{
  if (self->save_timeout)
    g_source_remove (self->save_timeout);
  self->save_timeout = g_timeout_add (700, save_timeout_cb, self);
}

static void
connection_tested (CiroPreferencesWindow *self, CiroConnectionResult *r)
{
  toast (self, r->message);
  /* a working connection is worth keeping at once */
  if (r->outcome == CIRO_CONNECTION_OK)
    save_credentials (self);
}

static void
remove_credentials (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroPreferencesWindow *self = CIRO_PREFERENCES_WINDOW (widget);

  if (self->save_timeout)
    {
      g_source_remove (self->save_timeout);
      self->save_timeout = 0;
    }
  if (self->saved_url != NULL)
    clear_credentials (self, self->saved_url);
  /* kept in memory for Undo until the window closes */
  g_free (self->removed_key);
  g_free (self->removed_secret);
  self->removed_key = g_strdup (ciro_connection_group_get_key (self->connection));
  self->removed_secret = g_strdup (ciro_connection_group_get_secret (self->connection));
  ciro_connection_group_set_values (self->connection, NULL, "", "");
  set_stored (self, FALSE);
  {
    AdwToast *t = adw_toast_new (_("The API key and secret were removed from this computer"));
    adw_toast_set_button_label (t, _("_Undo"));
    adw_toast_set_action_name (t, "prefs.undo-remove");
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), t);
  }
}

static void
undo_remove (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroPreferencesWindow *self = CIRO_PREFERENCES_WINDOW (widget);

  if (self->removed_key == NULL)
    return;
  ciro_connection_group_set_values (self->connection, NULL, self->removed_key, self->removed_secret);
  g_clear_pointer (&self->removed_key, g_free);
  g_clear_pointer (&self->removed_secret, g_free);
  save_credentials (self);
}

/* ------------------------------------------------------------ Sync page */

static void
history_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroPreferencesWindow *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) runs = ciro_report_service_sync_runs_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (self->disposed)
    {
      self->loading--;
      g_object_unref (self);
      return;
    }
  for (guint i = 0; i < self->history_rows->len; i++)
    adw_preferences_group_remove (self->history_group, self->history_rows->pdata[i]);
  g_ptr_array_set_size (self->history_rows, 0);
  if (runs == NULL)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error->message);
      adw_preferences_group_add (self->history_group, row);
      g_ptr_array_add (self->history_rows, row);
      self->history_count = -1;
    }
  else
    {
      for (guint i = 0; i < runs->len; i++)
        {
          GtkWidget *row = ciro_sync_run_row_new (runs->pdata[i]);
          adw_preferences_group_add (self->history_group, row);
          g_ptr_array_add (self->history_rows, row);
        }
      if (runs->len == 0)
        {
          GtkWidget *row = adw_action_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No syncs yet"));
          gtk_widget_add_css_class (row, "dim-label");
          adw_preferences_group_add (self->history_group, row);
          g_ptr_array_add (self->history_rows, row);
        }
      self->history_count = (int) runs->len;
    }
  self->loading--;
  g_object_unref (self);
}

void
ciro_preferences_window_reload_history (CiroPreferencesWindow *self)
{
  g_return_if_fail (CIRO_IS_PREFERENCES_WINDOW (self));

  self->loading++;
  ciro_report_service_sync_runs_async (ciro_context_get_reports (self->context), NULL, HISTORY_LIMIT,
                                       self->cancellable, history_loaded, g_object_ref (self));
}

/* ------------------------------------------------------------ Marketplaces page */

static void
marketplace_changed (CiroPreferencesWindow *self, CiroMarketplaceFeeRow *row)
{
  Write *w;

  if (self->filling)
    return;
  w = g_new0 (Write, 1);
  w->marketplace = g_strdup (ciro_marketplace_fee_row_get_marketplace (row));
  w->commission = ciro_marketplace_fee_row_get_commission (row);
  w->shipping = ciro_marketplace_fee_row_get_shipping (row);
  queue_write (self, w);
}

static int
compare_marketplaces (gconstpointer a, gconstpointer b)
{
  const CiroMarketplaceSettings *x = *(CiroMarketplaceSettings * const *) a;
  const CiroMarketplaceSettings *y = *(CiroMarketplaceSettings * const *) b;
  return g_utf8_collate (x->name, y->name);
}

static void
fill_marketplaces (CiroPreferencesWindow *self, GPtrArray *list)
{
  /* in the person's alphabet: ÇiçekSepeti comes after Amazon, not after Trendyol */
  g_ptr_array_sort (list, compare_marketplaces);
  for (guint i = 0; i < self->mp_rows->len; i++)
    adw_preferences_group_remove (self->mp_group, self->mp_rows->pdata[i]);
  g_ptr_array_set_size (self->mp_rows, 0);
  adw_preferences_group_remove (self->mp_group, self->mp_add_row);
  for (guint i = 0; i < list->len; i++)
    {
      const CiroMarketplaceSettings *m = list->pdata[i];
      GtkWidget *row = ciro_marketplace_fee_row_new (m->name, m->commission, m->shipping_cost);
      g_signal_connect_object (row, "changed", G_CALLBACK (marketplace_changed), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->mp_group, row);
      g_ptr_array_add (self->mp_rows, row);
    }
  adw_preferences_group_add (self->mp_group, self->mp_add_row);
}

static void
marketplaces_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroPreferencesWindow *self = data;
  g_autoptr(GError) error = NULL;
  CiroStoreSettings *l = ciro_report_service_settings_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (l != NULL && self->disposed)
    ciro_store_settings_free (l);
  else if (l != NULL)
    {
      self->filling++;
      fill_marketplaces (self, l->marketplaces);
      self->filling--;
      ciro_store_settings_free (l);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    toast (self, error->message);
  self->loading--;
  g_object_unref (self);
}

static void
load_marketplaces (CiroPreferencesWindow *self)
{
  self->loading++;
  ciro_report_service_settings_async (ciro_context_get_reports (self->context), NULL, self->cancellable,
                                      marketplaces_loaded, g_object_ref (self));
}

/* The name as the store will keep it, or NULL (with the row in the error
 * style) when it is empty or already listed. */
static char *
new_marketplace_name (CiroPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->mp_add_row));
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_autofree char *name = NULL;

  if (*trimmed == '\0')
    return NULL;
  name = ciro_marketplace_normalize (trimmed);
  for (guint i = 0; i < self->mp_rows->len; i++)
    if (g_strcmp0 (ciro_marketplace_fee_row_get_marketplace (self->mp_rows->pdata[i]), name) == 0)
      return NULL;
  return g_steal_pointer (&name);
}

static void
add_row_changed (CiroPreferencesWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->mp_add_row));
  g_autofree char *name = new_marketplace_name (self);

  set_error_state (self->mp_add_row, name == NULL && *text != '\0');
}

static void
add_marketplace (CiroPreferencesWindow *self)
{
  g_autofree char *name = new_marketplace_name (self);
  const CiroMarketplaceDefault *d;
  Write *w;

  if (name == NULL)
    {
      set_error_state (self->mp_add_row, TRUE);
      return;
    }
  w = g_new0 (Write, 1);
  w->marketplace = g_strdup (name);
  w->commission = CIRO_DEFAULT_COMMISSION;
  w->shipping = CIRO_DEFAULT_SHIPPING_COST;
  for (d = ciro_marketplace_defaults (); d->name != NULL; d++)
    if (g_str_equal (d->name, name))
      {
        w->commission = d->commission;
        w->shipping = d->shipping_cost;
      }
  w->is_new = TRUE;
  queue_write (self, w);
  gtk_editable_set_text (GTK_EDITABLE (self->mp_add_row), "");
  gtk_widget_set_visible (self->mp_add_row, FALSE);
}

static void
show_add_row (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroPreferencesWindow *self = CIRO_PREFERENCES_WINDOW (widget);

  gtk_widget_set_visible (self->mp_add_row, TRUE);
  gtk_widget_grab_focus (self->mp_add_row);
}

/* ------------------------------------------------------------ Appearance page */

void
ciro_preferences_apply_color_scheme (GSettings *settings)
{
  g_autofree char *s = g_settings_get_string (settings, "color-scheme");
  AdwColorScheme scheme = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (s, "light"))
    scheme = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (s, "dark"))
    scheme = ADW_COLOR_SCHEME_FORCE_DARK;
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), scheme);
}

static void
scheme_setting_changed (CiroPreferencesWindow *self)
{
  ciro_preferences_apply_color_scheme (self->settings);
}

/* ------------------------------------------------------------ the window */

gboolean
ciro_preferences_window_is_loading (CiroPreferencesWindow *self)
{
  return self->loading > 0 || self->cred_saving || self->save_timeout != 0;
}

guint
ciro_preferences_window_get_pending_writes (CiroPreferencesWindow *self)
{
  return g_queue_get_length (&self->writes) + (self->writing ? 1 : 0);
}

int
ciro_preferences_window_get_history_count (CiroPreferencesWindow *self)
{
  return self->history_count;
}

static gboolean
close_request (GtkWindow *window)
{
  CiroPreferencesWindow *self = CIRO_PREFERENCES_WINDOW (window);

  /* a change typed less than a moment ago is still saved */
  if (self->save_timeout)
    save_credentials (self);
  return GTK_WINDOW_CLASS (ciro_preferences_window_parent_class)->close_request (window);
}

static void
ciro_preferences_window_constructed (GObject *object)
{
  CiroPreferencesWindow *self = CIRO_PREFERENCES_WINDOW (object);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GAction) scheme = NULL;
  CiroSpinRow *rows[N_STORE_ROWS];

  G_OBJECT_CLASS (ciro_preferences_window_parent_class)->constructed (object);

  self->settings = ciro_context_get_settings (self->context);

  /* the store's settings show their defaults until the store's values are
   * read, and what comes from the store is editable once shown */
  self->filling++;
  store_rows (self, rows);
  for (guint i = 0; i < N_STORE_ROWS; i++)
    {
      const CiroSettingInfo *info = ciro_settings_lookup (ciro_spin_row_get_key (rows[i]));
      if (info != NULL)
        ciro_spin_row_set_value (rows[i], g_ascii_strtod (info->default_value, NULL));
      gtk_widget_set_sensitive (GTK_WIDGET (ciro_spin_row_get_spin (rows[i])), FALSE);
    }
  self->filling--;

  /* the window's own behaviour: GSettings, bound both ways (the start of the
   * live window before its end, so that the end is checked against it) */
  g_settings_bind (self->settings, "full-sync-time", self->full_sync_row, "time", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "live-sync-interval", self->live_interval_row, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "basket-min-count", self->basket_min_row, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "live-sync-start", self->live_from_row, "time", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "live-sync-end", self->live_until_row, "time", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "background-sync", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-low-stock", self->notify_low_stock_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-sync-failure", self->notify_sync_failure_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-margin", self->notify_margin_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-late-orders", self->notify_late_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "notify-daily-summary", self->daily_summary_row, "enable-expansion",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "daily-summary-time", self->daily_summary_time_row, "time",
                   G_SETTINGS_BIND_DEFAULT);

  /* the style's radio buttons are the key's action: settings.color-scheme */
  scheme = g_settings_create_action (self->settings, "color-scheme");
  g_action_map_add_action (G_ACTION_MAP (group), scheme);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "settings", G_ACTION_GROUP (group));
  ciro_preferences_apply_color_scheme (self->settings);
  g_signal_connect_object (self->settings, "changed::color-scheme", G_CALLBACK (scheme_setting_changed),
                           self, G_CONNECT_SWAPPED);

  /* the history is read once the first read is done: two first openings
   * of a new store at once would both try to create it */
  load_all (self);
  /* carrier tariffs under the marketplaces' shipping (ciro-tariff-group.c) */
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (self->mp_group),
                                                                           ADW_TYPE_PREFERENCES_PAGE)),
                            ADW_PREFERENCES_GROUP (ciro_tariff_group_new (self->context)));
  /* profit after KDV: the settings with history (ciro-profit-page.c) */
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (ciro_profit_page_new (self->context)));
}

static void
ciro_preferences_window_dispose (GObject *object)
{
  CiroPreferencesWindow *self = CIRO_PREFERENCES_WINDOW (object);

  if (self->save_timeout)
    {
      g_source_remove (self->save_timeout);
      self->save_timeout = 0;
    }
  self->disposed = TRUE;
  self->mp_spinner = NULL;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->mp_add_row);
  G_OBJECT_CLASS (ciro_preferences_window_parent_class)->dispose (object);
}

static void
ciro_preferences_window_finalize (GObject *object)
{
  CiroPreferencesWindow *self = CIRO_PREFERENCES_WINDOW (object);

  g_queue_clear_full (&self->writes, (GDestroyNotify) write_free);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_pointer (&self->mp_rows, g_ptr_array_unref);
  g_free (self->saved_url);
  ciro_credentials_free (self->pending);
  ciro_credentials_free (self->storing);
  g_free (self->removed_key);
  if (self->removed_secret != NULL)
    memset (self->removed_secret, 0, strlen (self->removed_secret));
  g_free (self->removed_secret);
  G_OBJECT_CLASS (ciro_preferences_window_parent_class)->finalize (object);
}

static void
ciro_preferences_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroPreferencesWindow *self = CIRO_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_preferences_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroPreferencesWindow *self = CIRO_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_preferences_window_class_init (CiroPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ciro_preferences_window_constructed;
  object_class->dispose = ciro_preferences_window_dispose;
  object_class->finalize = ciro_preferences_window_finalize;
  object_class->set_property = ciro_preferences_window_set_property;
  object_class->get_property = ciro_preferences_window_get_property;
  window_class->close_request = close_request;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CIRO_TYPE_CONNECTION_GROUP);
  g_type_ensure (CIRO_TYPE_SPIN_ROW);
  g_type_ensure (CIRO_TYPE_TIME_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, connection);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, full_sync_row);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, live_interval_row);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, live_from_row);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, live_until_row);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, history_days_row);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, history_group);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, mp_group);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, mp_spinner);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, mp_add_row);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, low_stock_row);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, slow_moving_row);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, dead_stock_row);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, margin_row);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, basket_min_row);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, notify_low_stock_switch);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, notify_sync_failure_switch);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, notify_margin_switch);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, notify_late_switch);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, daily_summary_row);
  gtk_widget_class_bind_template_child (widget_class, CiroPreferencesWindow, daily_summary_time_row);
  gtk_widget_class_bind_template_callback (widget_class, connection_changed);
  gtk_widget_class_bind_template_callback (widget_class, connection_tested);
  gtk_widget_class_bind_template_callback (widget_class, store_setting_changed);
  gtk_widget_class_bind_template_callback (widget_class, add_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, add_marketplace);

  gtk_widget_class_install_action (widget_class, "prefs.remove-credentials", NULL, remove_credentials);
  gtk_widget_class_install_action (widget_class, "prefs.undo-remove", NULL, undo_remove);
  gtk_widget_class_install_action (widget_class, "prefs.add-marketplace", NULL, show_add_row);
}

static void
ciro_preferences_window_init (CiroPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->history_rows = g_ptr_array_new ();
  self->mp_rows = g_ptr_array_new ();
  g_queue_init (&self->writes);
  ciro_ensure_icons ();
  gtk_widget_init_template (GTK_WIDGET (self));
  set_stored (self, FALSE);           /* until the keyring says otherwise */
  /* it moves to the end of the group each time the list is refilled */
  g_object_ref (self->mp_add_row);
}

GtkWidget *
ciro_preferences_window_new (GtkWindow *parent, CiroContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);

  return g_object_new (CIRO_TYPE_PREFERENCES_WINDOW,
                       "context", context,
                       "transient-for", parent,
                       "modal", parent != NULL,
                       NULL);
}
