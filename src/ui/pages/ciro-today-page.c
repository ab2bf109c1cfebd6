/* ciro-today-page.c: today so far against yesterday up to the same time of
 * day (the progress bar against all of yesterday), the welcome of
 * an empty store and the demo store
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "analytics/ciro-range.h"
#include "analytics/ciro-report-service.h"
#include "charts/ciro-chart-view.h"
#include "core/ciro-date.h"
#include "core/ciro-error.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "demo/ciro-demo.h"
#include "demo/ciro-mock.h"
#include "store/ciro-store.h"
#include "sync/ciro-sync.h"
#include "widgets/ciro-kpi-card.h"
#include "widgets/ciro-kpi-grid.h"
#include "widgets/ciro-vat-view.h"
#include "ciro-today-page.h"

struct _CiroTodayPage
{
  AdwBin          parent_instance;

  CiroContext    *context;
  GCancellable   *demo_cancellable;
  gboolean        demo_if_empty;
  CiroTodayData  *data;            /* what is on screen, shown again when the VAT view changes */

  /* template */
  GtkStack       *stack;           /* loading / welcome / error / damaged / data */
  AdwStatusPage  *welcome_page;
  AdwStatusPage  *error_page;
  AdwStatusPage  *damaged_page;    /* the store failed its check: restore or quit */
  GtkWidget      *restore_button;
  GtkWidget      *today_box;
  GtkProgressBar *demo_progress;
  GtkWidget      *demo_button;
  GtkWidget      *demo_cancel;
};

G_DEFINE_FINAL_TYPE (CiroTodayPage, ciro_today_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_LOADED, SIGNAL_ADD_TOAST, N_SIGNALS };
static guint signals[N_SIGNALS];

/* Takes the toast; the window's handler adds it to its overlay. */
static void
toast (CiroTodayPage *self, AdwToast *t)
{
  g_signal_emit (self, signals[SIGNAL_ADD_TOAST], 0, t);
  g_object_unref (t);
}

/* ---------------------------------------------------------- showing */

static GtkWidget *
kpi_card (const char *title, const char *value, const char *detail, double change, const char *tip)
{
  GtkWidget *card = ciro_kpi_card_new (title);
  ciro_kpi_card_set (CIRO_KPI_CARD (card), value, detail, change, FALSE, tip);
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
fill_hours (CiroTodayPage *self, CiroTodayData *d, GtkWidget *box)
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
      title = g_strdup_printf (_("%s · %s"), when, ciro_marketplace_display (r->marketplace));
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
fill_today (CiroTodayPage *self, CiroTodayData *d)
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
  /* profit.md: the view the user chose, after VAT settlement or before it */
  gboolean after_vat = ciro_vat_view_get (ciro_context_get_settings (self->context));
  g_autofree char *profit = ciro_money_format (after_vat ? t->profit_ex_vat : t->profit, style);
  g_autofree char *margin_v = ciro_percent_format (after_vat ? t->margin_ex_vat_pct : t->margin_pct, 1, style);
  double profit_change = after_vat ? ciro_change_pct ((double) t->profit_ex_vat,
                                                      (double) d->today.yesterday_until_s.profit_ex_vat)
                                   : d->today.change_pct[13];
  GtkWidget *profit_card;
  g_autofree char *margin = g_strdup_printf (_("margin %s"), margin_v);
  g_autofree char *progress = NULL;
  /* the bar stops at all of yesterday (metrics.md); the sentence says how
   * far past it today already is */
  double past = d->today.yesterday_s.net_revenue > 0
    ? MAX (0.0, (double) d->today.today_s.net_revenue / (double) d->today.yesterday_s.net_revenue * 100.0)
    : d->today.progress_pct;
  g_autofree char *progress_v = ciro_percent_format (past, 0, style);
  /* metrics.md: against yesterday up to the same time of day (Istanbul) */
  g_autofree char *until = g_strdup_printf ("%02d:%02d", d->today.until_seconds / 3600,
                                            d->today.until_seconds / 60 % 60);
  /* TRANSLATORS: tooltip of a Today card's change; %s is a time, "14:05" */
  g_autofree char *tip = g_strdup_printf (_("Change against yesterday up to %s"), until);
  g_autofree char *y_net = ciro_money_format (d->today.yesterday_s.net_revenue, style);
  g_autofree char *y_orders = ciro_count_format (d->today.yesterday_s.net_orders, style);
  /* TRANSLATORS: under "Today so far": the time compared up to, then all of
   * yesterday's net revenue and net orders */
  g_autofree char *compared = g_strdup_printf (_("Compared with yesterday up to %s · all of yesterday: %s, %s orders"),
                                               until, y_net, y_orders);

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);

  label = gtk_label_new (_("Today so far"));
  gtk_widget_add_css_class (label, "title-2");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  label = gtk_label_new (compared);
  gtk_widget_set_name (label, "today-compared");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), ciro_vat_view_label_new (ciro_context_get_settings (self->context)));

  flow = ciro_kpi_grid_new ();
  ciro_kpi_grid_append (CIRO_KPI_GRID (flow), kpi_card (_("Net orders"), orders, aov, d->today.change_pct[6], tip));
  ciro_kpi_grid_append (CIRO_KPI_GRID (flow), kpi_card (_("Gross revenue"), gross, NULL, d->today.change_pct[2], tip));
  ciro_kpi_grid_append (CIRO_KPI_GRID (flow), kpi_card (_("Net revenue"), net, NULL, d->today.change_pct[8], tip));
  profit_card = kpi_card (after_vat ? _("Profit after VAT") : _("Profit"), profit, margin, profit_change, tip);
  gtk_widget_set_name (profit_card, "today-profit");
  ciro_kpi_grid_append (CIRO_KPI_GRID (flow), profit_card);
  gtk_box_append (GTK_BOX (box), flow);

  progress = g_strdup_printf (_("Today is %s of yesterday’s net revenue"), progress_v);
  label = gtk_label_new (progress);
  gtk_widget_set_name (label, "today-progress");
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
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

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), ciro_marketplace_display (m->marketplace));
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
show_damaged (CiroTodayPage *self, const GError *error)
{
  const char *path = ciro_context_get_db_path (self->context);
  g_autoptr(GPtrArray) backups = ciro_store_list_backups (path);
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  GtkWidget *pages = gtk_widget_get_parent (GTK_WIDGET (self));
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
  gtk_stack_set_visible_child_name (self->stack, "damaged");
  /* whatever page the window was on, this is what it shows now */
  if (GTK_IS_STACK (pages))
    gtk_stack_set_visible_child (GTK_STACK (pages), GTK_WIDGET (self));
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
  CiroTodayPage *self = CIRO_TODAY_PAGE (source);
  g_autoptr(GError) error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self->context == NULL)
    return;                           /* the page is gone */
  gtk_widget_set_sensitive (self->restore_button, TRUE);
  if (!ok)
    {
      toast (self, adw_toast_new (error->message));
      return;
    }
  toast (self, adw_toast_new (_("The backup was put back")));
  gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_context_store_changed (self->context);
}

/* Not a report: the file itself is put back, with no connection open on it
 * (a damaged store refuses every open). */
static void
restore_clicked (CiroTodayPage *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, restore_done, NULL);

  gtk_widget_set_sensitive (self->restore_button, FALSE);
  g_task_set_source_tag (task, restore_clicked);
  g_task_set_task_data (task, g_strdup (ciro_context_get_db_path (self->context)), g_free);
  g_task_run_in_thread (task, restore_thread);
}

/* ---------------------------------------------------------- loading */

static void
loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CiroTodayPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroTodayData) d = ciro_report_service_today_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                           /* a newer load replaced it, or the page is gone */
  if (g_error_matches (error, CIRO_STORE_ERROR, CIRO_STORE_ERROR_DAMAGED))
    show_damaged (self, error);
  else if (d == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (!d->has_orders)
    {
      gtk_stack_set_visible_child_name (self->stack, "welcome");
      if (self->demo_if_empty)
        {
          self->demo_if_empty = FALSE;
          ciro_today_page_build_demo (self);
        }
    }
  else
    {
      fill_today (self, d);
      gtk_stack_set_visible_child_name (self->stack, "data");
      g_clear_pointer (&self->data, ciro_today_data_free);
      self->data = g_steal_pointer (&d);
    }
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
ciro_today_page_reload (CiroTodayPage *self)
{
  g_return_if_fail (CIRO_IS_TODAY_PAGE (self));

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "data") != 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_report_service_today_async (ciro_context_get_reports (self->context), self, NULL, loaded,
                                   g_object_ref (self));
}

static void
demo_sync_progress (GObject *sync, GParamSpec *pspec, gpointer data)
{
  CiroTodayPage *self = data;
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
  g_autoptr(CiroTodayPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ciro_sync_run_finish (CIRO_SYNC (source), result, NULL, &error);

  if (self->context == NULL)
    return;                           /* the page is gone */
  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), FALSE);
  gtk_widget_set_visible (self->demo_cancel, FALSE);
  gtk_widget_set_sensitive (self->demo_button, TRUE);
  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, adw_toast_new (_("Demo store stopped; what was made is kept")));
      else
        toast (self, adw_toast_new (error->message));
    }
  else
    toast (self, adw_toast_new (_("The demo store is ready")));
  ciro_context_store_changed (self->context);
}

void
ciro_today_page_build_demo (CiroTodayPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroSentosClient) client = NULL;
  g_autoptr(CiroSync) sync = NULL;
  CiroDemoOptions opts;
  CiroDemo *demo;
  CiroMock *mock;
  CiroSentosTiming timing;
  CiroSyncRequest req = { "demo", TRUE, TRUE, 0, 0, 31, 100 };

  g_return_if_fail (CIRO_IS_TODAY_PAGE (self));

  ciro_demo_options_init (&opts);
  opts.n_orders = 60000;
  opts.n_products = 800;
  demo = ciro_demo_new (&opts);
  mock = ciro_mock_new (demo, "demo", "demo", &error);
  if (mock == NULL)
    {
      ciro_demo_free (demo);
      toast (self, adw_toast_new (error->message));
      return;
    }
  ciro_sentos_timing_init (&timing);
  timing.pause_ms = 0;
  timing.retry_base_ms = 100;
  timing.same_url_window_ms = 0;
  client = ciro_sentos_client_new (ciro_mock_get_url (mock), "demo", "demo", &timing);
  sync = ciro_sync_new (ciro_context_get_db_path (self->context), client);
  ciro_context_hold_reports_for (self->context, sync);
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
  gtk_stack_set_visible_child_name (self->stack, "welcome");
  ciro_sync_run_async (sync, &req, self->demo_cancellable, demo_done, g_object_ref (self));
}

static void
demo_clicked (CiroTodayPage *self)
{
  ciro_today_page_build_demo (self);
}

void
ciro_today_page_cancel_demo (CiroTodayPage *self)
{
  g_return_if_fail (CIRO_IS_TODAY_PAGE (self));
  g_cancellable_cancel (self->demo_cancellable);
  g_clear_object (&self->demo_cancellable);
  self->demo_cancellable = g_cancellable_new ();
}

/* ---------------------------------------------------------- syncing */

/* ---------------------------------------------------------- the welcome's progress */

void
ciro_today_page_show_progress (CiroTodayPage *self, const char *text, double fraction)
{
  g_return_if_fail (CIRO_IS_TODAY_PAGE (self));

  /* only a first sync, on the welcome, says what is happening here */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "welcome") != 0)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), TRUE);
  gtk_progress_bar_set_show_text (self->demo_progress, TRUE);
  gtk_progress_bar_set_text (self->demo_progress, text);
  /* pulses while nothing tells how far */
  if (fraction >= 0)
    gtk_progress_bar_set_fraction (self->demo_progress, fraction);
  else
    gtk_progress_bar_pulse (self->demo_progress);
}

void
ciro_today_page_hide_progress (CiroTodayPage *self)
{
  g_return_if_fail (CIRO_IS_TODAY_PAGE (self));
  gtk_widget_set_visible (GTK_WIDGET (self->demo_progress), FALSE);
}

/* The VAT view changed on another page: the figures are all here. */
static void
vat_view_changed (CiroTodayPage *self)
{
  if (self->data != NULL && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "data") == 0)
    fill_today (self, self->data);
}

/* ---------------------------------------------------------- the object */

static void
ciro_today_page_constructed (GObject *object)
{
  CiroTodayPage *self = CIRO_TODAY_PAGE (object);

  G_OBJECT_CLASS (ciro_today_page_parent_class)->constructed (object);
  /* the flavour's icon (the development build has its own) */
  adw_status_page_set_icon_name (self->welcome_page, APP_ID);
  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (ciro_today_page_reload), self,
                           G_CONNECT_SWAPPED);
  ciro_vat_view_connect (ciro_context_get_settings (self->context), G_CALLBACK (vat_view_changed), self);
  ciro_today_page_reload (self);
}

static void
ciro_today_page_dispose (GObject *object)
{
  CiroTodayPage *self = CIRO_TODAY_PAGE (object);

  g_cancellable_cancel (self->demo_cancellable);
  if (self->context != NULL)
    ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
  g_clear_object (&self->context);
  g_clear_pointer (&self->data, ciro_today_data_free);
  G_OBJECT_CLASS (ciro_today_page_parent_class)->dispose (object);
}

static void
ciro_today_page_finalize (GObject *object)
{
  g_clear_object (&CIRO_TODAY_PAGE (object)->demo_cancellable);
  G_OBJECT_CLASS (ciro_today_page_parent_class)->finalize (object);
}

static void
ciro_today_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    CIRO_TODAY_PAGE (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_today_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, CIRO_TODAY_PAGE (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_today_page_class_init (CiroTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ciro_today_page_constructed;
  object_class->dispose = ciro_today_page_dispose;
  object_class->finalize = ciro_today_page_finalize;
  object_class->set_property = ciro_today_page_set_property;
  object_class->get_property = ciro_today_page_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  /* today's figures (or the welcome, or the error) are on screen */
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /* a toast for the window's overlay */
  signals[SIGNAL_ADD_TOAST] = g_signal_new ("add-toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                            0, NULL, NULL, NULL, G_TYPE_NONE, 1, ADW_TYPE_TOAST);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroTodayPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CiroTodayPage, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, CiroTodayPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CiroTodayPage, damaged_page);
  gtk_widget_class_bind_template_child (widget_class, CiroTodayPage, restore_button);
  gtk_widget_class_bind_template_child (widget_class, CiroTodayPage, today_box);
  gtk_widget_class_bind_template_child (widget_class, CiroTodayPage, demo_progress);
  gtk_widget_class_bind_template_child (widget_class, CiroTodayPage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, CiroTodayPage, demo_cancel);
  gtk_widget_class_bind_template_callback (widget_class, demo_clicked);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked);
  gtk_widget_class_bind_template_callback (widget_class, ciro_today_page_cancel_demo);
}

static void
ciro_today_page_init (CiroTodayPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->demo_cancellable = g_cancellable_new ();
}

GtkWidget *
ciro_today_page_new (CiroContext *context)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  return g_object_new (CIRO_TYPE_TODAY_PAGE, "context", context, NULL);
}

void
ciro_today_page_set_demo_if_empty (CiroTodayPage *self, gboolean demo)
{
  g_return_if_fail (CIRO_IS_TODAY_PAGE (self));
  self->demo_if_empty = demo;
}

const char *
ciro_today_page_get_state (CiroTodayPage *self)
{
  g_return_val_if_fail (CIRO_IS_TODAY_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}
