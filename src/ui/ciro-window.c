/* ciro-window.c: the main window
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "analytics/ciro-report.h"
#include "analytics/ciro-report-live.h"
#include "charts/ciro-chart-view.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-money.h"
#include "demo/ciro-demo.h"
#include "demo/ciro-mock.h"
#include "store/ciro-store.h"
#include "sync/ciro-sync.h"
#include "sync/ciro-sync-manager.h"
#include "pages/ciro-analytics-page.h"
#include "pages/ciro-stock-page.h"
#include "pages/ciro-products-page.h"
#include "pages/ciro-unmatched-dialog.h"
#include "widgets/ciro-kpi-card.h"
#include "ciro-export-dialog.h"
#include "ciro-connect-dialog.h"
#include "sync/ciro-credentials.h"
#include "ciro-context.h"
#include "ciro-window.h"

struct _CiroWindow
{
  AdwApplicationWindow parent_instance;

  CiroContext    *context;
  GSettings      *settings;        /* the context's */
  GCancellable   *cancellable;

  AdwLeaflet     *leaflet;
  GtkStack       *pages;
  GtkStack       *today_stack;     /* loading / welcome / error / damaged / data */
  GtkWidget      *today_box;
  AdwStatusPage  *error_page;
  AdwStatusPage  *damaged_page;    /* the store failed its check: restore or quit */
  GtkWidget      *restore_button;
  GtkProgressBar *demo_progress;
  GtkWidget      *demo_button;
  GtkWidget      *demo_cancel;
  GtkButton      *back_button;
  gboolean        demo_if_empty;
  AdwToastOverlay *toasts;
  GtkWidget      *analytics;
  GtkWidget      *stock;
  GtkWidget      *products;

  CiroSyncManager *sync;
  GtkStack       *sync_stack;      /* idle / running */
  GtkWidget      *sync_button;
  GtkLabel       *sync_label;
  CiroSync       *watched;         /* the run whose progress is shown */
};

G_DEFINE_FINAL_TYPE (CiroWindow, ciro_window, ADW_TYPE_APPLICATION_WINDOW)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

/* ---------------------------------------------------------- loading Today */

static GtkWidget *
kpi_card (const char *title, const char *value, const char *detail, double change)
{
  GtkWidget *card = ciro_kpi_card_new (title);
  ciro_kpi_card_set (CIRO_KPI_CARD (card), value, detail, change, FALSE, _("Change against all of yesterday"));
  return card;
}

static GtkWidget *
section_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "title-4");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  return label;
}

/* Today's running total hour by hour against yesterday's: whether today is
 * ahead is what a seller glances at. Hours still to come are not drawn. */
static void
fill_hours (CiroWindow *self, CiroTodayData *d, GtkWidget *box)
{
  CiroChart *chart = ciro_chart_new (CIRO_CHART_LINE);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *view = ciro_chart_view_new ();
  const char *labels[24];
  char names[24][6];
  double today[24], yesterday[24], t = 0, y = 0;
  int now_hour = d->now_seconds / 3600;

  for (int h = 0; h < 24; h++)
    {
      g_snprintf (names[h], sizeof names[h], "%02d:00", h);
      labels[h] = names[h];
      t += (double) d->today_hours[h].net_revenue;
      y += (double) d->yesterday_hours[h].net_revenue;
      today[h] = h <= now_hour ? t : NAN;
      yesterday[h] = y;
    }
  ciro_chart_set_title (chart, _("Net revenue through the day"));
  ciro_chart_set_labels (chart, labels, 24);
  ciro_chart_add_series (chart, _("Today"), today, 24, TRUE);
  ciro_chart_add_series (chart, _("Yesterday"), yesterday, 24, TRUE);
  ciro_chart_view_set_chart (CIRO_CHART_VIEW (view), chart);
  gtk_widget_set_name (view, "hourly-chart");
  gtk_widget_set_size_request (view, -1, 220);
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "chart-card");
  gtk_box_append (GTK_BOX (card), view);
  gtk_box_append (GTK_BOX (box), section_label (_("Through the Day")));
  gtk_box_append (GTK_BOX (box), card);
  (void) self;
}

static void
fill_feed (CiroTodayData *d, GtkWidget *box, CiroNumberStyle style)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_name (list, "order-feed");
  for (guint i = 0; i < d->feed->len; i++)
    {
      CiroFeedRow *r = &g_array_index (d->feed, CiroFeedRow, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *amount;
      g_autofree char *value = ciro_money_format (r->amount, style);
      g_autofree char *when = NULL;
      g_autofree char *title = NULL;

      if (r->day == d->today.today)
        when = g_strdup_printf ("%02d:%02d", r->seconds / 3600, r->seconds / 60 % 60);
      else
        {
          g_autofree char *day = ciro_day_to_string (r->day);
          when = g_strdup_printf ("%s %02d:%02d", day, r->seconds / 3600, r->seconds / 60 % 60);
        }
      /* TRANSLATORS: an order in the feed: time · marketplace */
      title = g_strdup_printf (_("%s · %s"), when, r->marketplace);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (r->order_code != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->order_code);
      if (r->cancelled)
        {
          GtkWidget *tag = gtk_label_new (_("Cancelled"));
          gtk_widget_add_css_class (tag, "error");
          gtk_widget_add_css_class (tag, "caption");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), tag);
        }
      amount = gtk_label_new (value);
      gtk_widget_add_css_class (amount, "numeric");
      if (r->cancelled)
        gtk_widget_add_css_class (amount, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), amount);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), section_label (_("Latest Orders")));
  gtk_box_append (GTK_BOX (box), list);
}

static void
fill_today (CiroWindow *self, CiroTodayData *d)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  const CiroSummary *t = &d->today.today_s;
  GtkWidget *box = self->today_box;
  GtkWidget *child, *flow, *bar, *label, *list;
  g_autofree char *orders = ciro_count_format (t->net_orders, style);
  g_autofree char *aov_v = ciro_money_format (t->aov, style);
  g_autofree char *aov = g_strdup_printf (_("average %s"), aov_v);
  g_autofree char *gross = ciro_money_format (t->gross_revenue, style);
  g_autofree char *net = ciro_money_format (t->net_revenue, style);
  g_autofree char *profit = ciro_money_format (t->profit, style);
  g_autofree char *margin_v = ciro_percent_format (t->margin_pct, 1, style);
  g_autofree char *margin = g_strdup_printf (_("margin %s"), margin_v);
  g_autofree char *progress = NULL;
  g_autofree char *progress_v = ciro_percent_format (d->today.progress_pct, 0, style);

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);

  label = gtk_label_new (_("Today so far"));
  gtk_widget_add_css_class (label, "title-2");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);

  flow = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_append (GTK_FLOW_BOX (flow), kpi_card (_("Net orders"), orders, aov, d->today.change_pct[6]));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), kpi_card (_("Gross revenue"), gross, NULL, d->today.change_pct[2]));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), kpi_card (_("Net revenue"), net, NULL, d->today.change_pct[8]));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), kpi_card (_("Profit"), profit, margin, d->today.change_pct[13]));
  gtk_box_append (GTK_BOX (box), flow);

  progress = g_strdup_printf (_("Today is %s of yesterday’s net revenue"), progress_v);
  label = gtk_label_new (progress);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  bar = gtk_progress_bar_new ();
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (bar), d->today.progress_pct / 100.0);
  gtk_box_append (GTK_BOX (box), bar);

  label = gtk_label_new (_("Marketplaces today"));
  gtk_widget_add_css_class (label, "title-4");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 12);
  gtk_box_append (GTK_BOX (box), label);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < d->marketplaces->len; i++)
    {
      CiroMarketplaceRow *m = &g_array_index (d->marketplaces, CiroMarketplaceRow, i);
      g_autofree char *value = ciro_money_format (m->s.net_revenue, style);
      g_autofree char *count = ciro_count_format (m->s.net_orders, style);
      g_autofree char *sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders",
                                                           (gulong) m->s.net_orders), count);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *v = gtk_label_new (value);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), m->marketplace);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      gtk_widget_add_css_class (v, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), v);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  if (d->marketplaces->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No orders yet today"));
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);

  fill_hours (self, d, box);
  fill_feed (d, box, style);
}

/* ---------------------------------------------------------- a damaged store */

/* The store failed SQLite's check: nothing is written to it (every open
 * refuses it) until the person puts the last backup back, or quits. */
static void
show_damaged (CiroWindow *self, const GError *error)
{
  const char *path = ciro_context_get_db_path (self->context);
  g_autoptr(GPtrArray) backups = ciro_store_list_backups (path);
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  char day[11];

  if (backups->len > 0)
    {
      ciro_day_format (ciro_store_backup_day (backups->pdata[0]), day);
      text = g_strdup_printf (_("%s.\n\nCiro writes nothing to it until you decide. Restoring puts back the backup "
                                "of %s; the damaged file is kept beside it."), error->message, day);
      label = g_strdup_printf (_("_Restore the Backup of %s"), day);
      gtk_button_set_label (GTK_BUTTON (self->restore_button), label);
    }
  else
    text = g_strdup_printf (_("%s.\n\nCiro writes nothing to it, and there is no backup to restore."),
                            error->message);
  adw_status_page_set_description (self->damaged_page, text);
  gtk_widget_set_visible (self->restore_button, backups->len > 0);
  gtk_widget_set_sensitive (self->restore_button, TRUE);
  gtk_stack_set_visible_child_name (self->today_stack, "damaged");
  gtk_stack_set_visible_child_name (self->pages, "today");
}

static void
restore_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (ciro_store_restore (task_data, NULL, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
restore_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CiroWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (self->restore_button, TRUE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("The backup was put back")));
  gtk_stack_set_visible_child_name (self->today_stack, "loading");
  ciro_context_store_changed (self->context);
}

static void
restore_clicked (CiroWindow *self)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, restore_done, g_object_ref (self));

  gtk_widget_set_sensitive (self->restore_button, FALSE);
  g_task_set_task_data (task, g_strdup (ciro_context_get_db_path (self->context)), g_free);
  g_task_run_in_thread (task, restore_thread);
}

static void
today_loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CiroWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroTodayData) d = ciro_report_service_today_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                           /* a newer load replaced it, or the window is gone */
  if (g_error_matches (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_DAMAGED))
    show_damaged (self, error);
  else if (d == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->today_stack, "error");
    }
  else if (!d->has_orders)
    {
      gtk_stack_set_visible_child_name (self->today_stack, "welcome");
      if (self->demo_if_empty)
        {
          self->demo_if_empty = FALSE;
          ciro_window_build_demo (self);
        }
    }
  else
    {
      fill_today (self, d);
      gtk_stack_set_visible_child_name (self->today_stack, "data");
    }
}

static void
reload_today (CiroWindow *self)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->today_stack), "data") != 0)
    gtk_stack_set_visible_child_name (self->today_stack, "loading");
  ciro_report_service_today_async (ciro_context_get_reports (self->context), self, NULL, today_loaded,
                                   g_object_ref (self));
}

void
ciro_window_refresh (CiroWindow *self)
{
  g_return_if_fail (CIRO_IS_WINDOW (self));
  ciro_context_store_changed (self->context);
}

/* ---------------------------------------------------------- demo store */

/* The demo store is filled the way a real one is: the real sync client
 * reads a demo seller from a mock of the Sentos API on 127.0.0.1. */
static void
demo_sync_progress (GObject *sync, GParamSpec *pspec, gpointer data)
{
  CiroWindow *self = data;
  guint records;
  CiroDemo *demo = g_object_get_data (sync, "demo");
  const CiroDemoOptions *opts = ciro_demo_get_options (demo);

  g_object_get (sync, "records", &records, NULL);
  gtk_progress_bar_set_fraction (self->demo_progress,
                                 MIN (1.0, (double) records / (double) (opts->n_orders + opts->n_products)));
}

static void
demo_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  CiroWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), FALSE);
  gtk_widget_set_visible (self->demo_cancel, FALSE);
  gtk_widget_set_sensitive (self->demo_button, TRUE);
  if (!ciro_sync_run_finish (CIRO_SYNC (source), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("Demo store stopped; what was made is kept")));
      else
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
    }
  else
    adw_toast_overlay_add_toast (self->toasts, adw_toast_new (_("The demo store is ready")));
  ciro_window_refresh (self);
  g_object_unref (self);
}

void
ciro_window_build_demo (CiroWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroSentosClient) client = NULL;
  g_autoptr(CiroSync) sync = NULL;
  CiroDemoOptions opts;
  CiroDemo *demo;
  CiroMock *mock;
  CiroSentosTiming timing;
  CiroSyncRequest req = { "demo", TRUE, TRUE, 0, 0, 31, 100 };

  g_return_if_fail (CIRO_IS_WINDOW (self));

  ciro_demo_options_init (&opts);
  opts.n_orders = 60000;
  opts.n_products = 800;
  demo = ciro_demo_new (&opts);
  mock = ciro_mock_new (demo, "demo", "demo", &error);
  if (mock == NULL)
    {
      ciro_demo_free (demo);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      return;
    }
  ciro_sentos_timing_init (&timing);
  timing.pause_ms = 0;
  timing.retry_base_ms = 100;
  timing.same_url_window_ms = 0;
  client = ciro_sentos_client_new (ciro_mock_get_url (mock), "demo", "demo", &timing);
  sync = ciro_sync_new (ciro_context_get_db_path (self->context), client);
  /* the mock and the generator live as long as the sync */
  g_object_set_data_full (G_OBJECT (sync), "mock", mock, (GDestroyNotify) ciro_mock_free);
  g_object_set_data_full (G_OBJECT (sync), "demo", demo, (GDestroyNotify) ciro_demo_free);
  g_signal_connect_object (sync, "notify::records", G_CALLBACK (demo_sync_progress), self, 0);
  req.from = ciro_demo_first_day (demo);
  req.to = ciro_demo_last_day (demo);

  gtk_widget_set_sensitive (self->demo_button, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), TRUE);
  gtk_widget_set_visible (self->demo_cancel, TRUE);
  gtk_progress_bar_set_fraction (self->demo_progress, 0);
  gtk_progress_bar_set_text (self->demo_progress, _("Syncing the demo store…"));
  gtk_progress_bar_set_show_text (self->demo_progress, TRUE);
  gtk_stack_set_visible_child_name (self->today_stack, "welcome");
  ciro_sync_run_async (sync, &req, self->cancellable, demo_done, g_object_ref (self));
}

static void
demo_clicked (CiroWindow *self)
{
  ciro_window_build_demo (self);
}

static void
demo_cancel_clicked (CiroWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

/* ---------------------------------------------------------- syncing */

static void
update_sync_tooltip (CiroWindow *self)
{
  gint64 last = ciro_sync_manager_get_last_ok (self->sync);
  g_autofree char *text = NULL;

  if (last > 0)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (last);
      /* TRANSLATORS: strftime format of the last sync time in a tooltip */
      g_autofree char *when = g_date_time_format (dt, _("%-d %b %Y, %H:%M"));
      text = g_strdup_printf (_("Sync with Sentos now (last synced %s)"), when);
    }
  else
    text = g_strdup (_("Sync with Sentos now"));
  gtk_widget_set_tooltip_text (self->sync_button, text);
}

static void
sync_progress (CiroWindow *self)
{
  guint pages = 0, records = 0, retries = 0;
  double fraction = -1;
  g_autofree char *phase = NULL;
  g_autofree char *text = NULL;
  g_autofree char *count = NULL;
  const char *what;

  if (self->watched == NULL)
    return;
  g_object_get (self->watched, "pages-done", &pages, "records", &records, "retries", &retries, "phase", &phase,
                "fraction", &fraction, NULL);
  what = g_strcmp0 (phase, "products") == 0 ? _("Products") : _("Orders");
  count = ciro_count_format (records, ciro_number_style_from_locale ());
  if (fraction >= 0 && g_strcmp0 (phase, "orders") == 0)
    /* TRANSLATORS: sync progress in the header bar: phase, records read
     * (a number like 1,204), how far the orders are in percent */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s record, %d%%", "%s: %s records, %d%%", records),
                            what, count, (int) (fraction * 100));
  else
    /* TRANSLATORS: sync progress in the header bar: phase, records read
     * (a number like 1,204) */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s record", "%s: %s records", records), what, count);
  gtk_label_set_text (self->sync_label, text);
  /* a first sync: the welcome page says what is happening too */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->today_stack), "welcome") == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), TRUE);
      gtk_progress_bar_set_show_text (self->demo_progress, TRUE);
      gtk_progress_bar_set_text (self->demo_progress, text);
      /* orders by the days of the history behind them; pulses while
       * nothing tells how far */
      if (fraction >= 0 && g_strcmp0 (phase, "orders") == 0)
        gtk_progress_bar_set_fraction (self->demo_progress, fraction);
      else
        gtk_progress_bar_pulse (self->demo_progress);
    }
  if (retries > 0)
    {
      g_autofree char *tip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u request retried", "%u requests retried", retries), retries);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_label), tip);
    }
}

static void
sync_changed (CiroWindow *self)
{
  CiroSync *sync = ciro_sync_manager_get_sync (self->sync);
  gboolean running = ciro_sync_manager_is_running (self->sync);

  if (self->watched != sync)
    {
      if (self->watched != NULL)
        g_signal_handlers_disconnect_by_data (self->watched, self);
      g_set_object (&self->watched, sync);
      if (sync != NULL)
        {
          g_signal_connect_swapped (sync, "notify::records", G_CALLBACK (sync_progress), self);
          g_signal_connect_swapped (sync, "notify::phase", G_CALLBACK (sync_progress), self);
        }
    }
  if (running && sync == NULL)
    gtk_label_set_text (self->sync_label, _("Starting…"));
  sync_progress (self);
  gtk_stack_set_visible_child_name (self->sync_stack, running ? "running" : "idle");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-cancel", running);
}

static void
sync_finished (CiroWindow *self, const char *kind, CiroSyncStats *stats, GError *error)
{
  g_autofree char *text = NULL;

  if (error == NULL)
    {
      CiroNumberStyle style = ciro_number_style_from_locale ();
      g_autofree char *orders = ciro_count_format (stats->orders, style);
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Synced: %s order read", "Synced: %s orders read",
                                           stats->orders), orders);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    text = g_strdup (_("Sync cancelled; what was read is kept"));
  else
    text = g_strdup_printf (_("Sync failed: %s"), error->message);
  adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), FALSE);
  /* the context says "store-changed" itself */
  update_sync_tooltip (self);
}

static void
start_sync (CiroWindow *self, CiroRunKind kind)
{
  g_autoptr(GError) error = NULL;

  if (!ciro_sync_manager_start (self->sync, kind, &error))
    {
      AdwToast *toast = adw_toast_new (error->message);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED))
        {
          adw_toast_set_button_label (toast, _("_Preferences"));
          adw_toast_set_action_name (toast, "app.preferences");
        }
      adw_toast_set_timeout (toast, 6);
      adw_toast_overlay_add_toast (self->toasts, toast);
    }
}

/* Mapping SKUs changes costs and so every figure. */
static void
map_skus (CiroWindow *self)
{
  GtkWidget *dialog = ciro_unmatched_dialog_new (GTK_WINDOW (self), self->context);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The account is saved: read the store's history from Sentos now. */
static void
connected (CiroWindow *self, const CiroCredentials *c)
{
  ciro_sync_manager_set_connection (self->sync, c->api_url, c->key, c->secret);
  start_sync (self, CIRO_RUN_FULL);
}

static void
connect_action (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroWindow *self = CIRO_WINDOW (widget);
  GtkWidget *dialog = ciro_connect_dialog_new (GTK_WINDOW (self), self->context);

  g_signal_connect_object (dialog, "connected", G_CALLBACK (connected), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
sync_live_action (GtkWidget *widget, const char *action, GVariant *param)
{
  start_sync (CIRO_WINDOW (widget), CIRO_RUN_LIVE);
}

static void
sync_full_action (GtkWidget *widget, const char *action, GVariant *param)
{
  start_sync (CIRO_WINDOW (widget), CIRO_RUN_FULL);
}

static void
sync_cancel_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ciro_sync_manager_cancel (CIRO_WINDOW (widget)->sync);
}

static GtkWidget *
build_sync_header (CiroWindow *self)
{
  GtkWidget *running = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *cancel = gtk_button_new_from_icon_name ("process-stop-symbolic");
  g_autoptr(GMenu) menu = g_menu_new ();

  self->sync_stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->sync_stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_set_hhomogeneous (self->sync_stack, FALSE);

  g_menu_append (menu, _("_Quick Sync (Today and Yesterday)"), "win.sync-live");
  g_menu_append (menu, _("_Full Sync (Products and Recent Orders)"), "win.sync-full");
  self->sync_button = adw_split_button_new ();
  adw_split_button_set_icon_name (ADW_SPLIT_BUTTON (self->sync_button), "emblem-synchronizing-symbolic");
  adw_split_button_set_menu_model (ADW_SPLIT_BUTTON (self->sync_button), G_MENU_MODEL (menu));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->sync_button), "win.sync-live");
  gtk_stack_add_named (self->sync_stack, self->sync_button, "idle");

  gtk_spinner_start (GTK_SPINNER (spinner));
  self->sync_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->sync_label), "numeric");
  gtk_widget_add_css_class (GTK_WIDGET (self->sync_label), "dim-label");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (cancel), "win.sync-cancel");
  gtk_widget_set_tooltip_text (cancel, _("Cancel the sync"));
  gtk_widget_add_css_class (cancel, "flat");
  gtk_box_append (GTK_BOX (running), spinner);
  gtk_box_append (GTK_BOX (running), GTK_WIDGET (self->sync_label));
  gtk_box_append (GTK_BOX (running), cancel);
  gtk_stack_add_named (self->sync_stack, running, "running");

  g_signal_connect_object (self->sync, "notify::running", G_CALLBACK (sync_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::sync", G_CALLBACK (sync_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::last-ok", G_CALLBACK (update_sync_tooltip), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "finished", G_CALLBACK (sync_finished), self, G_CONNECT_SWAPPED);
  update_sync_tooltip (self);
  sync_changed (self);
  return GTK_WIDGET (self->sync_stack);
}

/* ---------------------------------------------------------- building */

static GtkWidget *
placeholder_page (const char *icon, const char *title, const char *text)
{
  GtkWidget *page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (page), text);
  return page;
}

static GtkWidget *
build_today (CiroWindow *self)
{
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *welcome = adw_status_page_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *connect = gtk_button_new_with_mnemonic (_("_Connect to Sentos…"));
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  self->today_stack = GTK_STACK (stack);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->today_stack, spinner, "loading");

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (welcome), APP_ID);
  adw_status_page_set_title (ADW_STATUS_PAGE (welcome), _("Welcome to Ciro"));
  adw_status_page_set_description (ADW_STATUS_PAGE (welcome),
    _("Ciro shows what your marketplace store really earns. Connect your Sentos account, "
      "or look around a demo store first."));
  self->demo_button = gtk_button_new_with_label (_("Explore the Demo Store"));
  gtk_widget_add_css_class (self->demo_button, "suggested-action");
  gtk_widget_add_css_class (self->demo_button, "pill");
  g_signal_connect_swapped (self->demo_button, "clicked", G_CALLBACK (demo_clicked), self);
  gtk_widget_add_css_class (connect, "pill");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (connect), "win.connect");
  self->demo_progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), FALSE);
  self->demo_cancel = gtk_button_new_with_label (_("Cancel"));
  gtk_widget_set_visible (self->demo_cancel, FALSE);
  g_signal_connect_swapped (self->demo_cancel, "clicked", G_CALLBACK (demo_cancel_clicked), self);
  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  gtk_widget_set_size_request (buttons, 260, -1);
  gtk_box_append (GTK_BOX (buttons), self->demo_button);
  gtk_box_append (GTK_BOX (buttons), connect);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->demo_progress));
  gtk_box_append (GTK_BOX (buttons), self->demo_cancel);
  adw_status_page_set_child (ADW_STATUS_PAGE (welcome), buttons);
  gtk_stack_add_named (self->today_stack, welcome, "welcome");

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _("The store cannot be opened"));
  gtk_stack_add_named (self->today_stack, GTK_WIDGET (self->error_page), "error");

  {
    GtkWidget *choices = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
    GtkWidget *quit = gtk_button_new_with_mnemonic (_("_Quit"));

    self->damaged_page = ADW_STATUS_PAGE (adw_status_page_new ());
    adw_status_page_set_icon_name (self->damaged_page, "dialog-warning-symbolic");
    adw_status_page_set_title (self->damaged_page, _("The Store Is Damaged"));
    self->restore_button = gtk_button_new_with_mnemonic ("");
    gtk_widget_set_name (self->restore_button, "restore-backup");
    gtk_widget_add_css_class (self->restore_button, "suggested-action");
    gtk_widget_add_css_class (self->restore_button, "pill");
    g_signal_connect_swapped (self->restore_button, "clicked", G_CALLBACK (restore_clicked), self);
    gtk_widget_add_css_class (quit, "pill");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (quit), "app.quit");
    gtk_widget_set_halign (choices, GTK_ALIGN_CENTER);
    gtk_widget_set_size_request (choices, 260, -1);
    gtk_box_append (GTK_BOX (choices), self->restore_button);
    gtk_box_append (GTK_BOX (choices), quit);
    adw_status_page_set_child (self->damaged_page, choices);
    gtk_stack_add_named (self->today_stack, GTK_WIDGET (self->damaged_page), "damaged");
  }

  self->today_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (self->today_box, 24);
  gtk_widget_set_margin_bottom (self->today_box, 24);
  gtk_widget_set_margin_start (self->today_box, 12);
  gtk_widget_set_margin_end (self->today_box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->today_box);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), clamp);
  gtk_stack_add_named (self->today_stack, scroll, "data");
  return stack;
}

static void
show_content (CiroWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked (CiroWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
folded_changed (CiroWindow *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), adw_leaflet_get_folded (self->leaflet));
  if (self->analytics != NULL)
    ciro_analytics_page_set_narrow (CIRO_ANALYTICS_PAGE (self->analytics), adw_leaflet_get_folded (self->leaflet));
}

static void
page_changed (CiroWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->pages);
  if (name != NULL)
    g_settings_set_string (self->settings, "last-page", name);
  if (adw_leaflet_get_folded (self->leaflet))
    show_content (self);
}

static void
go_page_action (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroWindow *self = CIRO_WINDOW (widget);
  gtk_stack_set_visible_child_name (self->pages, g_variant_get_string (param, NULL));
}

static void
refresh_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ciro_window_refresh (CIRO_WINDOW (widget));
}

static void
export_done (CiroWindow *self, GError *error, const char *path, CiroExportDialog *dialog)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *text = NULL;
  AdwToast *toast;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  text = error ? g_strdup_printf (_("Export failed: %s"), error->message)
               : g_strdup_printf (_("Exported to %s"), base);
  toast = adw_toast_new (text);
  if (error == NULL)
    {
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      if (uri != NULL)
        {
          adw_toast_set_button_label (toast, _("_Open"));
          adw_toast_set_action_name (toast, "win.open-uri");
          adw_toast_set_action_target_value (toast, g_variant_new_string (uri));
        }
    }
  else
    adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toasts, toast);
}

/* The dialog starts on what the Analytics page shows; win.export-kind
 * names the report ("products" from the Stock page). */
static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroWindow *self = CIRO_WINDOW (widget);
  CiroAnalyticsPage *page = CIRO_ANALYTICS_PAGE (self->analytics);
  CiroExportDialog *dialog;
  CiroExportKind kind = CIRO_EXPORT_SALES;
  CiroDay from, to;

  if (param != NULL && !ciro_export_kind_from_string (g_variant_get_string (param, NULL), &kind))
    kind = CIRO_EXPORT_SALES;
  ciro_analytics_page_get_range (page, &from, &to);
  dialog = ciro_export_dialog_new (GTK_WINDOW (self), ciro_context_get_db_path (self->context), kind, from, to,
                                   ciro_analytics_page_get_marketplace (page));
  g_signal_connect_object (dialog, "done", G_CALLBACK (export_done), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_uri_action (GtkWidget *widget, const char *action, GVariant *param)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

static void
cancel_demo_action (GtkWidget *widget, const char *action, GVariant *param)
{
  demo_cancel_clicked (CIRO_WINDOW (widget));
}

static void
ciro_window_constructed (GObject *object)
{
  CiroWindow *self = CIRO_WINDOW (object);
  GtkWidget *toolbar_side = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *toolbar_main = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *side_header = adw_header_bar_new ();
  GtkWidget *main_header = adw_header_bar_new ();
  GtkWidget *sidebar = gtk_stack_sidebar_new ();
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *title = adw_window_title_new (_("Ciro"), NULL);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autofree char *last = NULL;
  AdwLeafletPage *lp;

  G_OBJECT_CLASS (ciro_window_parent_class)->constructed (object);

  self->settings = ciro_context_get_settings (self->context);
  self->sync = g_object_ref (ciro_context_get_sync_manager (self->context));
  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (reload_today), self, G_CONNECT_SWAPPED);

  gtk_window_set_title (GTK_WINDOW (self), _("Ciro"));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  self->pages = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->pages, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_add_titled (self->pages, build_today (self), "today", _("Today"));
  self->analytics = ciro_analytics_page_new (self->context);
  g_signal_connect_object (self->analytics, "map-skus", G_CALLBACK (map_skus), self, G_CONNECT_SWAPPED);
  gtk_stack_add_titled (self->pages, self->analytics, "analytics", _("Analytics"));
  self->products = ciro_products_page_new (self->context);
  gtk_stack_add_titled (self->pages, self->products, "products", _("Products"));
  self->stock = ciro_stock_page_new (self->context);
  gtk_stack_add_titled (self->pages, self->stock, "stock", _("Stock"));
  gtk_stack_add_titled (self->pages,
                        placeholder_page ("system-users-symbolic", _("Customers"),
                                          _("Your customers and what they buy are coming to this page.")),
                        "customers", _("Customers"));
  gtk_stack_sidebar_set_stack (GTK_STACK_SIDEBAR (sidebar), self->pages);
  gtk_widget_set_vexpand (sidebar, TRUE);

  adw_header_bar_set_show_end_title_buttons (ADW_HEADER_BAR (side_header), FALSE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (side_header), title);
  {
    g_autoptr(GMenu) section = g_menu_new ();
    g_menu_append (section, _("_Refresh"), "win.refresh");
    g_menu_append (section, _("_Export…"), "win.export");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  }
  {
    g_autoptr(GMenu) section = g_menu_new ();
    g_menu_append (section, _("_Preferences"), "app.preferences");
    g_menu_append (section, _("_Keyboard Shortcuts"), "win.show-help-overlay");
    g_menu_append (section, _("_About Ciro"), "app.about");
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  }
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "open-menu-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (menu_button, _("Main Menu"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (side_header), menu_button);
  gtk_box_append (GTK_BOX (toolbar_side), side_header);
  gtk_box_append (GTK_BOX (toolbar_side), sidebar);
  gtk_widget_set_size_request (toolbar_side, 200, -1);

  self->back_button = GTK_BUTTON (gtk_button_new_from_icon_name ("go-previous-symbolic"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->back_button), _("Back"));
  g_signal_connect_swapped (self->back_button, "clicked", G_CALLBACK (back_clicked), self);
  adw_header_bar_pack_start (ADW_HEADER_BAR (main_header), GTK_WIDGET (self->back_button));
  adw_header_bar_pack_end (ADW_HEADER_BAR (main_header), build_sync_header (self));
  gtk_box_append (GTK_BOX (toolbar_main), main_header);
  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->pages));
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (toolbar_main), GTK_WIDGET (self->toasts));

  self->leaflet = ADW_LEAFLET (adw_leaflet_new ());
  adw_leaflet_set_can_navigate_back (self->leaflet, TRUE);
  adw_leaflet_append (self->leaflet, toolbar_side);
  lp = adw_leaflet_append (self->leaflet, gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_leaflet_page_set_navigatable (lp, FALSE);
  adw_leaflet_append (self->leaflet, toolbar_main);
  adw_leaflet_set_visible_child (self->leaflet, toolbar_main);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_changed), self);
  folded_changed (self);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (self), GTK_WIDGET (self->leaflet));
  /* the development build: libadwaita's striped header bars */
  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  last = g_settings_get_string (self->settings, "last-page");
  if (gtk_stack_get_child_by_name (self->pages, last) != NULL)
    gtk_stack_set_visible_child_name (self->pages, last);
  g_signal_connect_swapped (self->pages, "notify::visible-child", G_CALLBACK (page_changed), self);

  reload_today (self);
}

static gboolean
ciro_window_close_request (GtkWindow *window)
{
  CiroWindow *self = CIRO_WINDOW (window);
  int w, h;

  gtk_window_get_default_size (window, &w, &h);
  g_settings_set_int (self->settings, "window-width", w);
  g_settings_set_int (self->settings, "window-height", h);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (ciro_window_parent_class)->close_request (window);
}

static void
ciro_window_dispose (GObject *object)
{
  CiroWindow *self = CIRO_WINDOW (object);

  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_clear_object (&self->watched);
  g_clear_object (&self->sync);
  self->settings = NULL;
  if (self->context != NULL)
    ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_window_parent_class)->dispose (object);
}

static void
ciro_window_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroWindow *self = CIRO_WINDOW (object);

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
ciro_window_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroWindow *self = CIRO_WINDOW (object);

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
ciro_window_class_init (CiroWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *pages[] = { "today", "analytics", "products", "stock", "customers" };

  object_class->constructed = ciro_window_constructed;
  object_class->dispose = ciro_window_dispose;
  object_class->set_property = ciro_window_set_property;
  object_class->get_property = ciro_window_get_property;
  GTK_WINDOW_CLASS (klass)->close_request = ciro_window_close_request;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.export-kind", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "win.open-uri", "s", open_uri_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_install_action (widget_class, "win.sync-live", NULL, sync_live_action);
  gtk_widget_class_install_action (widget_class, "win.sync-full", NULL, sync_full_action);
  gtk_widget_class_install_action (widget_class, "win.sync-cancel", NULL, sync_cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.sync-live", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.sync-full", NULL);
  gtk_widget_class_install_action (widget_class, "win.page", "s", go_page_action);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-demo", NULL, cancel_demo_action);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK, "win.page", "s", pages[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
}

static void
ciro_window_init (CiroWindow *self)
{
  self->cancellable = g_cancellable_new ();
}

CiroWindow *
ciro_window_new (AdwApplication *app, CiroContext *context)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  return g_object_new (CIRO_TYPE_WINDOW, "application", app, "context", context, NULL);
}

CiroContext *
ciro_window_get_context (CiroWindow *self)
{
  g_return_val_if_fail (CIRO_IS_WINDOW (self), NULL);
  return self->context;
}

CiroSyncManager *
ciro_window_get_sync_manager (CiroWindow *self)
{
  g_return_val_if_fail (CIRO_IS_WINDOW (self), NULL);
  return self->sync;
}

GtkWidget *
ciro_window_get_products (CiroWindow *self)
{
  g_return_val_if_fail (CIRO_IS_WINDOW (self), NULL);
  return self->products;
}

GtkWidget *
ciro_window_get_stock (CiroWindow *self)
{
  g_return_val_if_fail (CIRO_IS_WINDOW (self), NULL);
  return self->stock;
}

GtkWidget *
ciro_window_get_analytics (CiroWindow *self)
{
  g_return_val_if_fail (CIRO_IS_WINDOW (self), NULL);
  return self->analytics;
}

const char *
ciro_window_get_sync_state (CiroWindow *self)
{
  g_return_val_if_fail (CIRO_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->sync_stack);
}

void
ciro_window_add_toast (CiroWindow *self, AdwToast *toast)
{
  g_return_if_fail (CIRO_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toasts, toast);
}

const char *
ciro_window_get_today_state (CiroWindow *self)
{
  g_return_val_if_fail (CIRO_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->today_stack);
}

const char *
ciro_window_get_page (CiroWindow *self)
{
  g_return_val_if_fail (CIRO_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->pages);
}

void
ciro_window_set_demo_if_empty (CiroWindow *self, gboolean demo)
{
  g_return_if_fail (CIRO_IS_WINDOW (self));
  self->demo_if_empty = demo;
}
