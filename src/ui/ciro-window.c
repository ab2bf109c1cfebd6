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
#include "core/ciro-money.h"
#include "demo/ciro-demo.h"
#include "demo/ciro-mock.h"
#include "sync/ciro-sync.h"
#include "sync/ciro-sync-manager.h"
#include "pages/ciro-analytics-page.h"
#include "pages/ciro-today-page.h"
#include "pages/ciro-stock-page.h"
#include "pages/ciro-baskets-page.h"
#include "pages/ciro-customers-page.h"
#include "pages/ciro-forecast-page.h"
#include "pages/ciro-categories-page.h"
#include "pages/ciro-products-page.h"
#include "pages/ciro-shipping-page.h"
#include "pages/ciro-unmatched-dialog.h"
#include "widgets/ciro-kpi-card.h"
#include "ciro-export-dialog.h"
#include "ciro-costs-dialog.h"
#include "ciro-fees-dialog.h"
#include "ciro-connect-dialog.h"
#include "sync/ciro-credentials.h"
#include "ciro-context.h"
#include "ciro-recompute-bar.h"
#include "ciro-window.h"
#include "ciro-ask-dialog.h"

struct _CiroWindow
{
  AdwApplicationWindow parent_instance;

  CiroContext    *context;
  GSettings      *settings;        /* the context's */

  AdwLeaflet     *leaflet;
  GtkStack       *pages;
  GtkWidget      *main_box;
  GtkWidget      *recompute;       /* CiroRecomputeBar */
  GtkButton      *back_button;
  AdwWindowTitle *page_title;
  AdwToastOverlay *toasts;
  GtkWidget      *today;
  GtkWidget      *analytics;
  GtkWidget      *stock;
  GtkWidget      *categories;
  GtkWidget      *shipping;
  GtkWidget      *customers;
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

static void
add_toast (CiroWindow *self, AdwToast *toast)
{
  adw_toast_overlay_add_toast (self->toasts, g_object_ref (toast));
}

void
ciro_window_refresh (CiroWindow *self)
{
  g_return_if_fail (CIRO_IS_WINDOW (self));
  ciro_context_store_changed (self->context);
}

/* ---------------------------------------------------------- syncing */

static void
update_sync_tooltip (CiroWindow *self)
{
  gint64 last = ciro_sync_manager_get_last_ok (self->sync);
  g_autofree char *text = NULL;

  if (last > 0)
    {
      g_autoptr(GDateTime) dt = ciro_datetime_from_unix (last);
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
  /* a first sync: the welcome page says what is happening too, orders by
   * the days of the history behind them */
  ciro_today_page_show_progress (CIRO_TODAY_PAGE (self->today), text,
                                 g_strcmp0 (phase, "orders") == 0 ? fraction : -1);
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
  ciro_today_page_hide_progress (CIRO_TODAY_PAGE (self->today));
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

/* The header's sync button and progress follow the context's manager. */
static void
follow_sync (CiroWindow *self)
{
  g_signal_connect_object (self->sync, "notify::running", G_CALLBACK (sync_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::sync", G_CALLBACK (sync_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "notify::last-ok", G_CALLBACK (update_sync_tooltip), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync, "finished", G_CALLBACK (sync_finished), self, G_CONNECT_SWAPPED);
  update_sync_tooltip (self);
  sync_changed (self);
}

/* ---------------------------------------------------------- building */

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
  /* tables turn into lists of rows where their columns cannot fit */
  if (self->products != NULL)
    ciro_products_page_set_narrow (CIRO_PRODUCTS_PAGE (self->products), adw_leaflet_get_folded (self->leaflet));
  if (self->stock != NULL)
    ciro_stock_page_set_narrow (CIRO_STOCK_PAGE (self->stock), adw_leaflet_get_folded (self->leaflet));
  if (self->customers != NULL)
    ciro_customers_page_set_narrow (CIRO_CUSTOMERS_PAGE (self->customers), adw_leaflet_get_folded (self->leaflet));
}

static void
page_changed (CiroWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->pages);
  GtkWidget *child = gtk_stack_get_visible_child (self->pages);
  const char *title = child ? gtk_stack_page_get_title (gtk_stack_get_page (self->pages, child)) : NULL;

  /* the header names the page shown, as the sidebar does */
  adw_window_title_set_title (self->page_title, title ? title : _("Ciro"));
  if (name != NULL)
    g_settings_set_string (self->settings, "last-page", name);
  if (adw_leaflet_get_folded (self->leaflet))
    show_content (self);
}

/* Ctrl+F: the search of the page shown, or the Products page's (the pages
 * without a search have nothing to find in). */
static void
find_action (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroWindow *self = CIRO_WINDOW (widget);

  if (gtk_stack_get_visible_child (self->pages) == self->stock)
    {
      ciro_stock_page_focus_search (CIRO_STOCK_PAGE (self->stock));
      return;
    }
  gtk_stack_set_visible_child (self->pages, self->products);
  ciro_products_page_focus_search (CIRO_PRODUCTS_PAGE (self->products));
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

/* The dialog starts on the days and marketplace of the page it is opened
 * from (Products its own range, Stock today, the others Analytics');
 * win.export-kind names the report ("stock" from the Stock page). */
static void
export_action (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroWindow *self = CIRO_WINDOW (widget);
  CiroAnalyticsPage *page = CIRO_ANALYTICS_PAGE (self->analytics);
  GtkWidget *shown = gtk_stack_get_visible_child (self->pages);
  CiroExportDialog *dialog;
  CiroExportKind kind = CIRO_EXPORT_SALES;
  const char *marketplace;
  CiroDay from, to;

  if (param != NULL && !ciro_export_kind_from_string (g_variant_get_string (param, NULL), &kind))
    kind = CIRO_EXPORT_SALES;
  ciro_analytics_page_get_range (page, &from, &to);
  marketplace = ciro_analytics_page_get_marketplace (page);
  if (shown == self->products)
    {
      ciro_products_page_get_range (CIRO_PRODUCTS_PAGE (self->products), &from, &to);
      marketplace = ciro_products_page_get_marketplace (CIRO_PRODUCTS_PAGE (self->products));
      if (param == NULL)
        kind = CIRO_EXPORT_PRODUCTS;
    }
  else if (shown == self->stock)
    {
      /* the stock lists are as of today, over every marketplace */
      from = to = ciro_today ();
      marketplace = NULL;
      if (param == NULL)
        kind = CIRO_EXPORT_STOCK;
    }
  else if (shown == self->categories)
    {
      CiroDay a = 0, b = 0;

      /* the page's days once it has resolved them */
      ciro_categories_page_get_window (CIRO_CATEGORIES_PAGE (self->categories), &a, &b);
      if (b != 0)
        from = a, to = b;
      marketplace = ciro_categories_page_get_marketplace (CIRO_CATEGORIES_PAGE (self->categories));
      if (param == NULL)
        kind = CIRO_EXPORT_CATEGORIES;
    }
  else if (shown == self->customers)
    {
      const CiroCustomerReport *r = ciro_customers_page_get_report (CIRO_CUSTOMERS_PAGE (self->customers));

      /* the page's year of customers (insights.md §4), every marketplace */
      from = r != NULL ? r->from : ciro_today () - 364;
      to = r != NULL ? r->to : ciro_today ();
      marketplace = NULL;
      if (param == NULL)
        kind = CIRO_EXPORT_RFM;
    }
  else if (shown == self->shipping)
    {
      const CiroCarrierReport *r = ciro_shipping_page_get_report (CIRO_SHIPPING_PAGE (self->shipping));

      /* the page's 30 days to today, every marketplace */
      from = r != NULL ? r->filter.from : ciro_today () - 29;
      to = r != NULL ? r->filter.to : ciro_today ();
      marketplace = NULL;
      if (param == NULL)
        kind = CIRO_EXPORT_CARRIERS;
    }
  dialog = ciro_export_dialog_new (GTK_WINDOW (self), self->context, kind, from, to, marketplace);
  g_signal_connect_object (dialog, "done", G_CALLBACK (export_done), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_uri_action (GtkWidget *widget, const char *action, GVariant *param)
{
  gtk_show_uri (GTK_WINDOW (widget), g_variant_get_string (param, NULL), GDK_CURRENT_TIME);
}

/* A category's products, from the Categories page: the Products page on
 * the same days and marketplace, showing that category only. */
static void
category_products (CiroWindow *self)
{
  CiroCategoriesPage *cats = CIRO_CATEGORIES_PAGE (self->categories);
  CiroProductsPage *p = CIRO_PRODUCTS_PAGE (self->products);
  GArray *keys = NULL;
  CiroRangePreset preset = CIRO_RANGE_LAST_30_DAYS;
  const char *name = ciro_categories_page_get_drill (cats, &keys, &preset);

  if (name == NULL)
    return;
  ciro_products_page_set_range_id (p, ciro_range_preset_id (preset));
  ciro_products_page_set_marketplace (p, ciro_categories_page_get_marketplace (cats));
  ciro_products_page_set_view (p, CIRO_PRODUCTS_ALL);
  ciro_products_page_set_category (p, name, (const gint64 *) keys->data, keys->len);
  gtk_stack_set_visible_child_name (self->pages, "products");
}

/* "Open in …" of an Ask Ciro answer: the page with the answer's days,
 * marketplace and list */
static void
ask_open (CiroWindow *self, const char *page, const char *range, const char *marketplace,
          const char *list, guint limit)
{
  if (g_str_equal (page, "analytics"))
    {
      ciro_analytics_page_set_range_id (CIRO_ANALYTICS_PAGE (self->analytics), range);
      ciro_analytics_page_set_marketplace (CIRO_ANALYTICS_PAGE (self->analytics), marketplace);
    }
  else if (g_str_equal (page, "products"))
    {
      CiroProductsPage *p = CIRO_PRODUCTS_PAGE (self->products);
      ciro_products_page_set_range_id (p, range);
      ciro_products_page_set_marketplace (p, marketplace);
      ciro_products_page_set_view (p, g_str_equal (list, "worst") ? CIRO_PRODUCTS_WORST : CIRO_PRODUCTS_BEST);
      if (limit > 0)
        ciro_products_page_set_limit (p, limit);
    }
  else if (g_str_equal (page, "stock"))
    {
      CiroStockSection section = g_str_equal (list, "running_out") ? CIRO_STOCK_RUNNING_OUT
                               : g_str_equal (list, "slow") ? CIRO_STOCK_SLOW
                               : g_str_equal (list, "dead") ? CIRO_STOCK_DEAD : CIRO_STOCK_LOW;
      ciro_stock_page_set_section (CIRO_STOCK_PAGE (self->stock), section);
    }
  gtk_stack_set_visible_child_name (self->pages, page);
}

/* Ctrl+K: Ask Ciro */
static void
ask_action (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroWindow *self = CIRO_WINDOW (widget);
  CiroAskDialog *dialog = ciro_ask_dialog_new (GTK_WINDOW (self), self->context);

  g_signal_connect_object (dialog, "open", G_CALLBACK (ask_open), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cancel_demo_action (GtkWidget *widget, const char *action, GVariant *param)
{
  ciro_today_page_cancel_demo (CIRO_TODAY_PAGE (CIRO_WINDOW (widget)->today));
}

static void
ciro_window_constructed (GObject *object)
{
  CiroWindow *self = CIRO_WINDOW (object);
  g_autofree char *last = NULL;

  G_OBJECT_CLASS (ciro_window_parent_class)->constructed (object);

  self->settings = ciro_context_get_settings (self->context);
  self->sync = g_object_ref (ciro_context_get_sync_manager (self->context));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* the pages take the context: made here, not by the template */
  self->today = ciro_today_page_new (self->context);
  g_signal_connect_object (self->today, "add-toast", G_CALLBACK (add_toast), self, G_CONNECT_SWAPPED);
  gtk_stack_add_titled (self->pages, self->today, "today", _("Today"));
  self->analytics = ciro_analytics_page_new (self->context);
  g_signal_connect_object (self->analytics, "map-skus", G_CALLBACK (map_skus), self, G_CONNECT_SWAPPED);
  gtk_stack_add_titled (self->pages, self->analytics, "analytics", _("Analytics"));
  self->products = ciro_products_page_new (self->context);
  gtk_stack_add_titled (self->pages, self->products, "products", _("Products"));
  gtk_stack_add_titled (self->pages, ciro_baskets_page_new (self->context), "baskets", _("Bought Together"));
  self->stock = ciro_stock_page_new (self->context);
  gtk_stack_add_titled (self->pages, self->stock, "stock", _("Stock"));
  self->customers = ciro_customers_page_new (self->context);
  gtk_stack_add_titled (self->pages, self->customers, "customers", _("Customers"));
  gtk_stack_add_titled (self->pages, ciro_forecast_page_new (self->context), "forecast", _("Forecast"));
  self->shipping = ciro_shipping_page_new (self->context);
  gtk_stack_add_titled (self->pages, self->shipping, "shipping", _("Shipping"));
  self->categories = ciro_categories_page_new (self->context);
  gtk_stack_add_titled (self->pages, self->categories, "categories", _("Categories"));
  g_signal_connect_object (self->categories, "open-products", G_CALLBACK (category_products), self,
                           G_CONNECT_SWAPPED);

  /* figures a setting or an older store left to recompute: in the
   * background, over the pages */
  self->recompute = ciro_recompute_bar_new (self->context);
  gtk_box_insert_child_after (GTK_BOX (self->main_box), self->recompute,
                              gtk_widget_get_prev_sibling (GTK_WIDGET (self->toasts)));
  ciro_recompute_bar_check (CIRO_RECOMPUTE_BAR (self->recompute));

  follow_sync (self);
  adw_leaflet_set_visible_child (self->leaflet, self->main_box);
  g_signal_connect_swapped (self->leaflet, "notify::folded", G_CALLBACK (folded_changed), self);
  folded_changed (self);
  /* the development build: libadwaita's striped header bars */
  if (DEVELOPMENT)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  last = g_settings_get_string (self->settings, "last-page");
  if (gtk_stack_get_child_by_name (self->pages, last) != NULL)
    gtk_stack_set_visible_child_name (self->pages, last);
  g_signal_connect_swapped (self->pages, "notify::visible-child", G_CALLBACK (page_changed), self);
  page_changed (self);
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
  /* a demo store being made stops with the window */
  if (self->today != NULL)
    ciro_today_page_cancel_demo (CIRO_TODAY_PAGE (self->today));
  return GTK_WINDOW_CLASS (ciro_window_parent_class)->close_request (window);
}

static void
ciro_window_dispose (GObject *object)
{
  CiroWindow *self = CIRO_WINDOW (object);

  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_clear_object (&self->watched);
  g_clear_object (&self->sync);
  self->settings = NULL;
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

/* Ad spend and other expenses (profit.md), entered by hand. */
static void
costs_action (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroWindow *self = CIRO_WINDOW (widget);
  CiroCostsDialog *dialog = ciro_costs_dialog_new (GTK_WINDOW (self), self->context, CIRO_COST_EXPENSE);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* The fees a marketplace actually charged, from its statement. */
static void
import_fees_action (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroWindow *self = CIRO_WINDOW (widget);

  gtk_window_present (GTK_WINDOW (ciro_fees_dialog_new (GTK_WINDOW (self), self->context)));
}

static void
ciro_window_class_init (CiroWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *pages[] = { "today", "analytics", "products", "stock", "customers", "forecast",
                                 "categories" };

  object_class->constructed = ciro_window_constructed;
  object_class->dispose = ciro_window_dispose;
  object_class->set_property = ciro_window_set_property;
  object_class->get_property = ciro_window_get_property;
  GTK_WINDOW_CLASS (klass)->close_request = ciro_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CiroWindow, main_box);
  gtk_widget_class_bind_template_child (widget_class, CiroWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, CiroWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, CiroWindow, pages);
  gtk_widget_class_bind_template_child (widget_class, CiroWindow, toasts);
  gtk_widget_class_bind_template_child (widget_class, CiroWindow, sync_stack);
  gtk_widget_class_bind_template_child (widget_class, CiroWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, CiroWindow, sync_label);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked);

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.costs", NULL, costs_action);
  gtk_widget_class_install_action (widget_class, "win.import-fees", NULL, import_fees_action);
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
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.ask", NULL, ask_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.ask", NULL);
  gtk_widget_class_install_action (widget_class, "win.cancel-demo", NULL, cancel_demo_action);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK, "win.page", "s", pages[i]);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.refresh", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.refresh", NULL);
}

static void
ciro_window_init (CiroWindow *self)
{
  ciro_ensure_icons ();
  gtk_widget_init_template (GTK_WIDGET (self));
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
ciro_window_get_page_widget (CiroWindow *self, const char *name)
{
  g_return_val_if_fail (CIRO_IS_WINDOW (self), NULL);
  return gtk_stack_get_child_by_name (self->pages, name);
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
  return ciro_today_page_get_state (CIRO_TODAY_PAGE (self->today));
}

void
ciro_window_build_demo (CiroWindow *self)
{
  g_return_if_fail (CIRO_IS_WINDOW (self));
  ciro_today_page_build_demo (CIRO_TODAY_PAGE (self->today));
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
  ciro_today_page_set_demo_if_empty (CIRO_TODAY_PAGE (self->today), demo);
}

GtkWidget *
ciro_window_get_recompute_bar (CiroWindow *self)
{
  g_return_val_if_fail (CIRO_IS_WINDOW (self), NULL);
  return self->recompute;
}
