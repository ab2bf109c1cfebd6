/* ciro-preferences-window.c: Sentos connection, sync, marketplaces, alerts, appearance
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
#include "ciro-connection-group.h"
#include "ciro-sync-run-row.h"
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
  CiroConnectionGroup *connection;
  char         *saved_url;        /* the address the keyring item is stored under */
  guint         save_timeout;
  gboolean      cred_saving;
  gboolean      cred_dirty;
  CiroCredentials *pending;       /* values waiting for the save under way */
  gboolean      disposed;         /* rows are gone; saves and writes go on */
  char         *removed_key;      /* for Undo after "Remove" */
  char         *removed_secret;

  /* store settings: key → GtkSpinButton */
  GHashTable   *spins;

  /* sync */
  AdwPreferencesGroup *history_group;
  GPtrArray    *history_rows;
  int           history_count;
  GtkWidget    *live_from;
  GtkWidget    *live_until;

  /* marketplaces */
  AdwPreferencesGroup *mp_group;
  GPtrArray    *mp_rows;
  GtkWidget    *mp_add_row;
  GtkWidget    *mp_add_button;
  GtkWidget    *mp_spinner;

  /* appearance */
  GtkWidget    *style_checks[3];
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

/* ------------------------------------------------------------ number rows */

/* The spin button's text as a number with `digits` decimals, or FALSE when
 * it is not one within the bounds. Both "21,5" and "21.5" are read. */
static gboolean
spin_text_value (GtkSpinButton *spin, double *out)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));
  g_autofree char *clean = g_strstrip (g_strdup (text));
  GtkAdjustment *adj = gtk_spin_button_get_adjustment (spin);
  gint64 v;

  if (!ciro_parse_decimal (clean, 2, &v, NULL))
    return FALSE;
  if (gtk_spin_button_get_digits (spin) == 0 && v % 100 != 0)
    return FALSE;
  *out = (double) v / 100.0;
  return *out >= gtk_adjustment_get_lower (adj) - 1e-9 && *out <= gtk_adjustment_get_upper (adj) + 1e-9;
}

/* Shows the error style while the typed text is not a valid value. */
static void
spin_text_changed (GtkSpinButton *spin, gpointer row)
{
  double v;
  gboolean bad = !spin_text_value (spin, &v);

  set_error_state (GTK_WIDGET (spin), bad);
  set_error_state (GTK_WIDGET (row), bad);
}

static GtkWidget *
spin_new (double lower, double upper, double step, guint digits)
{
  GtkWidget *spin = gtk_spin_button_new_with_range (lower, upper, step);

  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), digits);
  /* one width for every number, so the rows line up */
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
  gtk_spin_button_set_update_policy (GTK_SPIN_BUTTON (spin), GTK_UPDATE_IF_VALID);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (spin, "numeric");
  return spin;
}

static GtkWidget *
number_row (AdwPreferencesGroup *group,
            const char          *title,
            const char          *subtitle,
            const char          *unit,
            GtkWidget           *spin)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
  if (unit)
    {
      GtkWidget *label = gtk_label_new (unit);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_label_set_width_chars (GTK_LABEL (label), 5);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), spin);
  g_signal_connect (spin, "changed", G_CALLBACK (spin_text_changed), row);
  adw_preferences_group_add (group, row);
  return row;
}

static void
store_spin_changed (GtkSpinButton *spin, CiroPreferencesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (spin), "setting");
  const CiroSettingInfo *info = ciro_settings_lookup (key);
  double v = gtk_spin_button_get_value (spin);
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

/* A row editing one of the store's numeric settings. */
static GtkWidget *
store_setting_row (CiroPreferencesWindow *self,
                   AdwPreferencesGroup   *group,
                   const char            *key,
                   const char            *title,
                   const char            *subtitle,
                   const char            *unit,
                   double                 lower,
                   double                 upper,
                   double                 step)
{
  const CiroSettingInfo *info = ciro_settings_lookup (key);
  guint digits = info && info->kind == CIRO_SETTING_KIND_PERCENT ? 1 : 0;
  GtkWidget *spin = spin_new (lower, upper, step, digits);
  GtkWidget *row;

  gtk_widget_set_name (spin, key);
  g_object_set_data_full (G_OBJECT (spin), "setting", g_strdup (key), g_free);
  if (info != NULL)
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), g_ascii_strtod (info->default_value, NULL));
  g_hash_table_insert (self->spins, g_strdup (key), spin);
  row = number_row (group, title, subtitle, unit, spin);
  g_signal_connect (spin, "value-changed", G_CALLBACK (store_spin_changed), self);
  return row;
}

/* ------------------------------------------------------------ time rows */

/* "H:MM" or "HH:MM" → seconds after midnight; -1 when not a time. */
static int
parse_time (const char *text)
{
  unsigned h, m;
  char end;

  if (text == NULL || sscanf (text, "%2u:%2u%c", &h, &m, &end) != 2 || h > 23 || m > 59)
    return -1;
  if (strlen (text) < 4 || text[strlen (text) - 3] != ':')
    return -1;
  return (int) (h * 3600 + m * 60);
}

static void
time_changed (GtkEditable *entry, CiroPreferencesWindow *self)
{
  const char *key = g_object_get_data (G_OBJECT (entry), "gsettings-key");
  GtkWidget *row = g_object_get_data (G_OBJECT (entry), "row");
  int t = parse_time (gtk_editable_get_text (entry));
  gboolean bad = t < 0;
  g_autofree char *text = NULL;

  /* live syncs need a window that is not empty */
  if (!bad && (GTK_WIDGET (entry) == self->live_from || GTK_WIDGET (entry) == self->live_until))
    {
      int from = parse_time (gtk_editable_get_text (GTK_EDITABLE (self->live_from)));
      int until = parse_time (gtk_editable_get_text (GTK_EDITABLE (self->live_until)));
      GtkWidget *other = GTK_WIDGET (entry) == self->live_from ? self->live_until : self->live_from;
      gboolean empty = from >= 0 && until >= 0 && from >= until;

      bad = empty;
      if (!empty && until >= 0 && from >= 0)
        {
          /* the other end may have been waiting for this one */
          const char *okey = g_object_get_data (G_OBJECT (other), "gsettings-key");
          g_autofree char *otext = g_strdup_printf ("%02d:%02d", (GTK_WIDGET (entry) == self->live_from ? until : from) / 3600,
                                                    ((GTK_WIDGET (entry) == self->live_from ? until : from) % 3600) / 60);
          set_error_state (other, FALSE);
          set_error_state (g_object_get_data (G_OBJECT (other), "row"), FALSE);
          if (!self->filling)
            g_settings_set_string (self->settings, okey, otext);
        }
    }
  set_error_state (GTK_WIDGET (entry), bad);
  set_error_state (row, bad);
  if (bad || self->filling)
    return;
  text = g_strdup_printf ("%02d:%02d", t / 3600, (t % 3600) / 60);
  g_settings_set_string (self->settings, key, text);
}

static GtkWidget *
time_entry (CiroPreferencesWindow *self, GtkWidget *row, const char *key)
{
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *value = g_settings_get_string (self->settings, key);

  gtk_widget_set_name (entry, key);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 5);
  gtk_editable_set_max_width_chars (GTK_EDITABLE (entry), 5);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 5);
  gtk_entry_set_alignment (GTK_ENTRY (entry), 0.5);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (entry, "numeric");
  gtk_widget_set_tooltip_text (entry, _("Istanbul time, hours and minutes, like 02:00"));
  gtk_editable_set_text (GTK_EDITABLE (entry), value);
  g_object_set_data_full (G_OBJECT (entry), "gsettings-key", g_strdup (key), g_free);
  g_object_set_data (G_OBJECT (entry), "row", row);
  g_signal_connect (entry, "changed", G_CALLBACK (time_changed), self);
  return entry;
}

static GtkWidget *
time_row (CiroPreferencesWindow *self, AdwPreferencesGroup *group, const char *key,
          const char *title, const char *subtitle, GtkWidget **entry_out)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *entry = time_entry (self, row, key);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  adw_preferences_group_add (group, row);
  if (entry_out)
    *entry_out = entry;
  return row;
}

static GtkWidget *
switch_row (CiroPreferencesWindow *self, AdwPreferencesGroup *group, const char *key,
            const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *sw = gtk_switch_new ();

  gtk_widget_set_name (sw, key);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (sw, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), sw);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), sw);
  g_settings_bind (self->settings, key, sw, "active", G_SETTINGS_BIND_DEFAULT);
  adw_preferences_group_add (group, row);
  return row;
}

static GtkWidget *
page_new (CiroPreferencesWindow *self, const char *name, const char *title, const char *icon)
{
  GtkWidget *page = adw_preferences_page_new ();

  gtk_widget_set_name (page, name);
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (page), name);
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (page), title);
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (page), icon);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (page));
  return page;
}

static AdwPreferencesGroup *
group_new (GtkWidget *page, const char *title, const char *description)
{
  GtkWidget *group = adw_preferences_group_new ();

  if (title)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (description)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));
  return ADW_PREFERENCES_GROUP (group);
}

/* ------------------------------------------------------------ loading */

static void fill_marketplaces (CiroPreferencesWindow *self, GPtrArray *list);

static void
credentials_found (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroPreferencesWindow *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroCredentials) c = ciro_credentials_lookup_finish (result, &error);

  if (c != NULL && !self->disposed)
    ciro_connection_group_set_values (self->connection, NULL, c->key, c->secret);
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
  GHashTableIter iter;
  gpointer key, spin;
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
  g_hash_table_iter_init (&iter, self->spins);
  while (g_hash_table_iter_next (&iter, &key, &spin))
    {
      const char *v = g_hash_table_lookup (l->values, key);
      if (v != NULL)
        gtk_spin_button_set_value (spin, g_ascii_strtod (v, NULL));
      /* editable once it shows the store's value, not before */
      gtk_widget_set_sensitive (spin, TRUE);
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
  g_autoptr(CiroCredentials) stored_values = g_object_steal_data (G_OBJECT (self), "storing");
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
  storing = g_steal_pointer (&self->pending);
  self->cred_saving = TRUE;
  ciro_credentials_store_async (storing->api_url, storing->key, storing->secret, NULL,
                                credentials_stored, g_object_ref (self));
  /* the callback (always later, from the main loop) needs the address */
  g_object_set_data_full (G_OBJECT (self), "storing", storing, (GDestroyNotify) ciro_credentials_free);
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
forget_clicked (CiroPreferencesWindow *self)
{
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

static void
build_sentos_page (CiroPreferencesWindow *self)
{
  GtkWidget *page = page_new (self, "sentos", _("Sentos"), "network-server-symbolic");
  AdwPreferencesGroup *group;
  GtkWidget *row, *button;

  self->connection = CIRO_CONNECTION_GROUP (ciro_connection_group_new ());
  g_signal_connect_swapped (self->connection, "changed", G_CALLBACK (connection_changed), self);
  g_signal_connect_swapped (self->connection, "tested", G_CALLBACK (connection_tested), self);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (self->connection));

  group = group_new (page, NULL,
                     _("The key and secret are kept in your keyring, never in Ciro’s files. "
                       "ciro-cli finds them there too."));
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Remove Credentials"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Ciro stops syncing until you enter them again"));
  button = gtk_button_new_with_mnemonic (_("_Remove"));
  gtk_widget_set_name (button, "remove-credentials");
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (forget_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (group, row);
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

static void
build_sync_page (CiroPreferencesWindow *self)
{
  GtkWidget *page = page_new (self, "sync", _("Sync"), "view-refresh-symbolic");
  AdwPreferencesGroup *group;
  GtkWidget *spin, *row;

  group = group_new (page, _("Schedule"),
                     _("A full sync reads your catalogue and recent orders again once a day; live syncs "
                       "fetch new orders during the day. Times are Istanbul time."));
  time_row (self, group, "full-sync-time", _("Daily Full Sync"), NULL, NULL);
  spin = spin_new (1, 240, 1, 0);
  gtk_widget_set_name (spin, "live-sync-interval");
  number_row (group, _("Live Sync Every"), NULL, _("min"), spin);
  g_settings_bind (self->settings, "live-sync-interval", spin, "value", G_SETTINGS_BIND_DEFAULT);
  time_row (self, group, "live-sync-start", _("Live Syncs From"), NULL, &self->live_from);
  time_row (self, group, "live-sync-end", _("Live Syncs Until"), NULL, &self->live_until);
  row = switch_row (self, group, "background-sync", _("Keep Syncing in the Background"),
                    _("Sync on schedule while the window is closed"));
  (void) row;

  group = group_new (page, _("First Sync"), NULL);
  store_setting_row (self, group, CIRO_SETTING_HISTORY_DAYS, _("History Length"),
                     _("Days of orders the first sync fetches"), _("days"), 1, 3650, 30);

  self->history_group = group_new (page, _("Sync History"), _("The latest syncs, newest first"));
}

/* ------------------------------------------------------------ Marketplaces page */

static void
marketplace_subtitle (GtkWidget *row)
{
  GtkSpinButton *c = g_object_get_data (G_OBJECT (row), "commission");
  GtkSpinButton *s = g_object_get_data (G_OBJECT (row), "shipping");
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *pct = ciro_percent_format (gtk_spin_button_get_value (c), 1, style);
  g_autofree char *money = ciro_money_format ((CiroKurus) llround (gtk_spin_button_get_value (s) * 100.0), style);
  /* TRANSLATORS: "21.5% commission · ₺75.00 shipping per order" */
  g_autofree char *text = g_strdup_printf (_("%s commission · %s shipping per order"), pct, money);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), text);
}

static void
marketplace_changed (GtkSpinButton *spin, CiroPreferencesWindow *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (spin), "row");
  GtkSpinButton *c = g_object_get_data (G_OBJECT (row), "commission");
  GtkSpinButton *s = g_object_get_data (G_OBJECT (row), "shipping");
  Write *w;

  marketplace_subtitle (row);
  if (self->filling)
    return;
  w = g_new0 (Write, 1);
  w->marketplace = g_strdup (g_object_get_data (G_OBJECT (row), "name"));
  w->commission = (CiroBasisPoints) llround (gtk_spin_button_get_value (c) * 100.0);
  w->shipping = (CiroKurus) llround (gtk_spin_button_get_value (s) * 100.0);
  queue_write (self, w);
}

static GtkWidget *
marketplace_row (CiroPreferencesWindow *self, const CiroMarketplaceSettings *m)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *c = spin_new (0, 100, 0.5, 2);
  GtkWidget *s = spin_new (0, 100000, 1, 2);
  GtkWidget *crow = adw_action_row_new ();
  GtkWidget *srow = adw_action_row_new ();
  g_autofree char *cname = g_strconcat ("commission:", m->name, NULL);
  g_autofree char *sname = g_strconcat ("shipping:", m->name, NULL);
  GtkWidget *unit;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), m->name);
  gtk_widget_set_name (row, m->name);
  g_object_set_data_full (G_OBJECT (row), "name", g_strdup (m->name), g_free);
  g_object_set_data (G_OBJECT (row), "commission", c);
  g_object_set_data (G_OBJECT (row), "shipping", s);
  g_object_set_data (G_OBJECT (c), "row", row);
  g_object_set_data (G_OBJECT (s), "row", row);
  gtk_widget_set_name (c, cname);
  gtk_widget_set_name (s, sname);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (c), m->commission / 100.0);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (s), m->shipping_cost / 100.0);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (crow), _("Commission"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (crow), _("Share of each sold line’s amount"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (crow), c);
  unit = gtk_label_new ("%");
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (unit), 2);
  adw_action_row_add_suffix (ADW_ACTION_ROW (crow), unit);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (crow), c);
  g_signal_connect (c, "changed", G_CALLBACK (spin_text_changed), crow);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), crow);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (srow), _("Shipping Cost"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (srow), _("What you pay per order"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (srow), s);
  unit = gtk_label_new ("₺");
  gtk_widget_add_css_class (unit, "dim-label");
  gtk_label_set_width_chars (GTK_LABEL (unit), 2);
  adw_action_row_add_suffix (ADW_ACTION_ROW (srow), unit);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (srow), s);
  g_signal_connect (s, "changed", G_CALLBACK (spin_text_changed), srow);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), srow);

  marketplace_subtitle (row);
  g_signal_connect (c, "value-changed", G_CALLBACK (marketplace_changed), self);
  g_signal_connect (s, "value-changed", G_CALLBACK (marketplace_changed), self);
  return row;
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
      GtkWidget *row = marketplace_row (self, list->pdata[i]);
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
    if (g_strcmp0 (g_object_get_data (self->mp_rows->pdata[i], "name"), name) == 0)
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
show_add_row (CiroPreferencesWindow *self)
{
  gtk_widget_set_visible (self->mp_add_row, TRUE);
  gtk_widget_grab_focus (self->mp_add_row);
}

static void
build_marketplaces_page (CiroPreferencesWindow *self)
{
  GtkWidget *page = page_new (self, "marketplaces", _("Marketplaces"), "system-users-symbolic");
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->mp_group = group_new (page, _("Commission and Shipping"),
                              _("Commission is taken from each sold line, shipping is paid per order. "
                                "Changing them recalculates every figure."));
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add Marketplace"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (show_add_row), self);
  self->mp_spinner = gtk_spinner_new ();
  gtk_widget_set_tooltip_text (self->mp_spinner, _("Recalculating the figures…"));
  gtk_widget_set_visible (self->mp_spinner, FALSE);
  gtk_widget_set_valign (self->mp_spinner, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (suffix), self->mp_spinner);
  gtk_box_append (GTK_BOX (suffix), button);
  adw_preferences_group_set_header_suffix (self->mp_group, suffix);
  self->mp_add_button = button;

  /* kept by the window too: it moves to the end each time the list is refilled */
  self->mp_add_row = g_object_ref_sink (adw_entry_row_new ());
  gtk_widget_set_name (self->mp_add_row, "new-marketplace");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->mp_add_row), _("New Marketplace Name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->mp_add_row), TRUE);
  gtk_widget_set_visible (self->mp_add_row, FALSE);
  g_signal_connect_swapped (self->mp_add_row, "changed", G_CALLBACK (add_row_changed), self);
  g_signal_connect_swapped (self->mp_add_row, "apply", G_CALLBACK (add_marketplace), self);
  g_signal_connect_swapped (self->mp_add_row, "entry-activated", G_CALLBACK (add_marketplace), self);
  adw_preferences_group_add (self->mp_group, self->mp_add_row);
}

/* ------------------------------------------------------------ Alerts page */

static void
build_alerts_page (CiroPreferencesWindow *self)
{
  GtkWidget *page = page_new (self, "alerts", _("Alerts"), "dialog-warning-symbolic");
  AdwPreferencesGroup *group;
  GtkWidget *expander, *row, *entry;

  group = group_new (page, _("Stock"), NULL);
  store_setting_row (self, group, CIRO_SETTING_LOW_STOCK_THRESHOLD, _("Low Stock Below"),
                     _("Products that sold lately and have fewer units left"), _("units"), 0, 100000, 1);
  store_setting_row (self, group, CIRO_SETTING_SLOW_MOVING_DAYS, _("Slow-Moving Stock"),
                     _("Stock that lasts longer than this at the current pace"), _("days"), 1, 3650, 1);
  store_setting_row (self, group, CIRO_SETTING_DEAD_STOCK_DAYS, _("Dead Stock"),
                     _("Stock with no sale for this long"), _("days"), 1, 3650, 1);

  group = group_new (page, _("Profit"), NULL);
  store_setting_row (self, group, CIRO_SETTING_MARGIN_WARNING_PCT, _("Margin Warning Below"),
                     _("Warn when a day’s profit margin falls under this"), "%", 0, 100, 0.5);

  group = group_new (page, _("Notifications"), NULL);
  switch_row (self, group, "notify-low-stock", _("Low Stock"), _("When a product falls below the threshold"));
  switch_row (self, group, "notify-sync-failure", _("Sync Failures"), _("When a sync fails after its retries"));
  switch_row (self, group, "notify-margin", _("Margin Warnings"), _("When yesterday’s margin was below the warning"));

  expander = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("Daily Summary"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Yesterday’s figures every morning"));
  adw_expander_row_set_show_enable_switch (ADW_EXPANDER_ROW (expander), TRUE);
  g_settings_bind (self->settings, "notify-daily-summary", expander, "enable-expansion", G_SETTINGS_BIND_DEFAULT);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Time"));
  entry = time_entry (self, row, "daily-summary-time");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  adw_preferences_group_add (group, expander);
}

/* ------------------------------------------------------------ Appearance page */

static const char * const schemes[] = { "default", "light", "dark" };

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
scheme_toggled (GtkCheckButton *check, CiroPreferencesWindow *self)
{
  const char *scheme = g_object_get_data (G_OBJECT (check), "scheme");

  if (!gtk_check_button_get_active (check))
    return;
  g_settings_set_string (self->settings, "color-scheme", scheme);
}

static void
scheme_setting_changed (CiroPreferencesWindow *self)
{
  g_autofree char *s = g_settings_get_string (self->settings, "color-scheme");

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_str_equal (s, schemes[i]) && !gtk_check_button_get_active (GTK_CHECK_BUTTON (self->style_checks[i])))
      gtk_check_button_set_active (GTK_CHECK_BUTTON (self->style_checks[i]), TRUE);
  ciro_preferences_apply_color_scheme (self->settings);
}

static void
build_appearance_page (CiroPreferencesWindow *self)
{
  GtkWidget *page = page_new (self, "appearance", _("Appearance"), "applications-graphics-symbolic");
  AdwPreferencesGroup *group = group_new (page, _("Style"), NULL);
  const char *titles[] = { _("Follow System Style"), _("Light"), _("Dark") };
  const char *subtitles[] = { _("Light or dark, as the desktop is set"), NULL, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_name (check, schemes[i]);
      g_object_set_data (G_OBJECT (check), "scheme", (gpointer) schemes[i]);
      if (i > 0)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (self->style_checks[0]));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), titles[i]);
      if (subtitles[i])
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitles[i]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      adw_preferences_group_add (group, row);
      self->style_checks[i] = check;
    }
  scheme_setting_changed (self);
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    g_signal_connect (self->style_checks[i], "toggled", G_CALLBACK (scheme_toggled), self);
  g_signal_connect_object (self->settings, "changed::color-scheme", G_CALLBACK (scheme_setting_changed),
                           self, G_CONNECT_SWAPPED);
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

  G_OBJECT_CLASS (ciro_preferences_window_parent_class)->constructed (object);

  self->settings = ciro_context_get_settings (self->context);
  self->filling++;
  build_sentos_page (self);
  build_sync_page (self);
  build_marketplaces_page (self);
  build_alerts_page (self);
  build_appearance_page (self);
  self->filling--;
  /* what comes from the store or the keyring is editable once shown */
  gtk_widget_set_sensitive (GTK_WIDGET (self->connection), FALSE);
  {
    GHashTableIter iter;
    gpointer spin;
    g_hash_table_iter_init (&iter, self->spins);
    while (g_hash_table_iter_next (&iter, NULL, &spin))
      gtk_widget_set_sensitive (spin, FALSE);
  }
  /* the history is read once the first read is done: two first openings
   * of a new store at once would both try to create it */
  load_all (self);
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
  g_clear_pointer (&self->spins, g_hash_table_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);
  g_clear_pointer (&self->mp_rows, g_ptr_array_unref);
  g_free (self->saved_url);
  ciro_credentials_free (self->pending);
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
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = ciro_preferences_window_constructed;
  object_class->dispose = ciro_preferences_window_dispose;
  object_class->finalize = ciro_preferences_window_finalize;
  object_class->set_property = ciro_preferences_window_set_property;
  object_class->get_property = ciro_preferences_window_get_property;
  window_class->close_request = close_request;
  gtk_widget_class_install_action (GTK_WIDGET_CLASS (klass), "prefs.undo-remove", NULL, undo_remove);

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ciro_preferences_window_init (CiroPreferencesWindow *self)
{
  self->cancellable = g_cancellable_new ();
  self->spins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->history_rows = g_ptr_array_new ();
  self->mp_rows = g_ptr_array_new ();
  g_queue_init (&self->writes);
  gtk_window_set_default_size (GTK_WINDOW (self), 800, 760);
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
