/* ciro-shipping-page.c: carriers, their speed and cost, late parcels
 *
 * The carrier table, the days to deliver of each carrier as percentile bars
 * drawn by the chart renderer (median and 90th percentile), the cost
 * per order by carrier and marketplace, the late orders with their cargo
 * numbers to copy, and the recommendations as sentences. The report is
 * built by the engine on a worker (ciro-report-service).
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "core/ciro-carrier.h"
#include "core/ciro-date.h"
#include "core/ciro-marketplace.h"
#include "core/ciro-money.h"
#include "store/ciro-settings.h"
#include "charts/ciro-chart-view.h"
#include "ui/ciro-lazy-load.h"
#include "ciro-shipping-page.h"

#define WINDOW_DAYS 30

struct _CiroShippingPage
{
  AdwBin             parent_instance;
  CiroContext       *context;
  CiroCarrierReport *report;
  GtkStack          *stack;
  GtkLabel          *subtitle;
  GtkListBox        *table;
  GtkWidget         *chart;
  GtkLabel          *more_late;
  GtkBox            *costs;
  GtkBox            *late;
  GtkBox            *advice;
  GtkScrolledWindow *scroll;
  gboolean           want_late;       /* scroll to the late orders once shown */
  guint              late_timeout;
};

G_DEFINE_FINAL_TYPE (CiroShippingPage, ciro_shipping_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------- the work */

typedef struct {
  CiroReportFilter filter;
  gint64           now;
} Request;

static void
request_free (gpointer data)
{
  Request *r = data;

  g_free (r->filter.marketplace);
  g_free (r);
}

static gpointer
build_report (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Request *r = data;
  gint64 late_days = ciro_store_get_setting_int (store, CIRO_SETTING_LATE_DAYS, CIRO_CARRIER_LATE_DAYS_DEFAULT);

  return ciro_carrier_report_build_full (store, &r->filter, (int) CLAMP (late_days, 1, 365), r->now,
                                         CIRO_SHIPPING_PAGE_MAX_LATE, error);
}

/* ---------------------------------------------------------- drawing */

static char *
days_text (gint64 n, double days)
{
  if (n == 0)
    return g_strdup ("—");
  return ciro_number_format (days, 1, ciro_number_style_from_locale ());
}

static GtkWidget *
cell (const char *text, gboolean numeric, gboolean heading)
{
  GtkWidget *l = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (l), numeric ? 1.0 : 0.0);
  gtk_label_set_selectable (GTK_LABEL (l), !heading);
  if (heading)
    gtk_widget_add_css_class (l, "caption-heading");
  if (numeric)
    gtk_widget_add_css_class (l, "numeric");
  return l;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    {
      if (GTK_IS_BOX (box))
        gtk_box_remove (GTK_BOX (box), child);
      else
        gtk_list_box_remove (GTK_LIST_BOX (box), child);
    }
}

/* The days to deliver of each carrier as a percentile bar drawn by the
 * chart renderer: a column per carrier stacked from 0 to the median and
 * from the median to the 90th percentile. */
static CiroChart *
delivery_chart (const CiroCarrierReport *r)
{
  CiroChart *chart = ciro_chart_new (CIRO_CHART_STACKED);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autofree double *median = g_new0 (double, r->carriers->len + 1);
  g_autofree double *upper = g_new0 (double, r->carriers->len + 1);
  guint n = 0;

  for (guint i = 0; i < r->carriers->len; i++)
    {
      const CiroCarrierRow *row = r->carriers->pdata[i];

      if (row->days_to_deliver_n == 0)
        continue;
      g_ptr_array_add (labels, (gpointer) ciro_carrier_display (row->carrier));
      median[n] = row->days_to_deliver_median;
      upper[n] = row->days_to_deliver_p90 - row->days_to_deliver_median;
      n++;
    }
  ciro_chart_set_title (chart, _("Days to deliver: median, then up to the 90th percentile"));
  ciro_chart_set_labels (chart, (const char * const *) labels->pdata, n);
  ciro_chart_add_series (chart, _("Median"), median, n, FALSE);
  ciro_chart_add_series (chart, _("Up to the 90th percentile"), upper, n, FALSE);
  return chart;
}

static void
copy_clicked (GtkButton *button, CiroShippingPage *self)
{
  ciro_shipping_page_copy_cargo (self, GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index")));
}

static void
show_report (CiroShippingPage *self)
{
  const CiroCarrierReport *r = self->report;
  CiroNumberStyle style = ciro_number_style_from_locale ();
  const char *heads[] = {
    N_("Carrier"), N_("Orders"), N_("Share"), N_("Expense per order"), N_("Days to ship (median)"),
    N_("Days to deliver (median)"), N_("Days to deliver (p90)"), N_("Returned after shipping rate"), N_("Late"),
  };
  char a[11], b[11];
  g_autofree char *sub = NULL;

  sub = g_strdup_printf (_("%s … %s; a parcel is late after %d days on its way"),
                         ciro_day_format (r->filter.from, a), ciro_day_format (r->filter.to, b), r->late_days);
  gtk_label_set_text (self->subtitle, sub);

  /* a row per carrier, its figures named, wrapping on a narrow window */
  clear_box (GTK_WIDGET (self->table));
  for (guint i = 0; i < r->carriers->len; i++)
    {
      const CiroCarrierRow *row = r->carriers->pdata[i];
      g_autofree char *orders = ciro_count_format (row->orders, style);
      g_autofree char *share = ciro_percent_format (row->share_pct, 1, style);
      g_autofree char *epo = ciro_money_format (row->expense_per_order, style);
      g_autofree char *ship = days_text (row->days_to_ship_n, row->days_to_ship_median);
      g_autofree char *del = days_text (row->days_to_deliver_n, row->days_to_deliver_median);
      g_autofree char *p90 = days_text (row->days_to_deliver_n, row->days_to_deliver_p90);
      g_autofree char *ret = ciro_percent_format (row->returned_after_shipping_pct, 1, style);
      g_autofree char *late = ciro_count_format (row->late, style);
      const char *values[] = { orders, share, epo, ship, del, p90, ret, late };
      g_autoptr(GString) text = g_string_new (NULL);
      GtkWidget *line = adw_action_row_new ();

      for (guint c = 0; c < G_N_ELEMENTS (values); c++)
        g_string_append_printf (text, "%s%s: %s", c == 0 ? "" : " · ", _(heads[c + 1]), values[c]);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (line), ciro_carrier_display (row->carrier));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (line), text->str);
      gtk_list_box_append (self->table, line);
    }
  ciro_chart_view_set_chart (CIRO_CHART_VIEW (self->chart), delivery_chart (r));

  clear_box (GTK_WIDGET (self->costs));
  for (guint i = 0; i < r->by_marketplace->len; i++)
    {
      const CiroCarrierRow *row = r->by_marketplace->pdata[i];
      g_autofree char *epo = ciro_money_format (row->expense_per_order, style);
      g_autofree char *n = ciro_count_format (row->net_orders, style);
      /* TRANSLATORS: "Trendyol · Aras Kargo: ₺75,00 per order over 1.234 net orders" */
      g_autofree char *text = g_strdup_printf (_("%s · %s: %s per order over %s net orders"),
                                               ciro_marketplace_display (row->marketplace),
                                               ciro_carrier_display (row->carrier), epo, n);
      GtkWidget *label = cell (text, FALSE, FALSE);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (self->costs, label);
    }

  clear_box (GTK_WIDGET (self->late));
  if (r->late_orders->len == 0)
    gtk_box_append (self->late, cell (_("No parcel is late."), FALSE, FALSE));
  /* the order code, the carrier and the cargo number are long words: they
   * may break anywhere on a narrow window */
  for (guint i = 0; i < r->late_orders->len; i++)
    {
      const CiroLateOrder *l = r->late_orders->pdata[i];
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      g_autofree char *days = ciro_number_format (l->days_since_shipping, 1, style);
      /* TRANSLATORS: "TY-4410002797 · Aras Kargo · 7270001710754362 · 20,4 days since shipping" */
      g_autofree char *text = g_strdup_printf (_("%s · %s · %s · %s days since shipping"), l->order_code,
                                               ciro_carrier_display (l->carrier),
                                               l->cargo_number ? l->cargo_number : "—", days);
      GtkWidget *label = cell (text, FALSE, FALSE);

      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_tooltip_text (copy, _("Copy the cargo number"));
      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_sensitive (copy, l->cargo_number != NULL && *l->cargo_number);
      g_object_set_data (G_OBJECT (copy), "index", GUINT_TO_POINTER (i));
      g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked), self);
      gtk_box_append (GTK_BOX (line), label);
      gtk_box_append (GTK_BOX (line), copy);
      gtk_box_append (self->late, line);
    }

  if (r->late_total > (gint64) r->late_orders->len)
    {
      g_autofree char *n = ciro_count_format (r->late_total - (gint64) r->late_orders->len, style);
      /* TRANSLATORS: below the late orders listed; %s is a count */
      g_autofree char *text = g_strdup_printf (_("and %s more late orders (ciro-cli report late-orders lists them all)"), n);

      gtk_label_set_text (self->more_late, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->more_late), r->late_total > (gint64) r->late_orders->len);

  clear_box (GTK_WIDGET (self->advice));
  if (r->advice->len == 0)
    gtk_box_append (self->advice, cell (_("Nothing to recommend in this period."), FALSE, FALSE));
  for (guint i = 0; i < r->advice->len; i++)
    {
      g_autofree char *text = ciro_carrier_advice_text (r->advice->pdata[i]);
      GtkWidget *label = cell (text, FALSE, FALSE);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (self->advice, label);
    }
  gtk_stack_set_visible_child_name (self->stack, r->carriers->len > 0 ? "data" : "empty");
}

/* Where the late orders' heading stands in the scrolled content, or -1
 * before it has a place. */
static double
late_heading_y (CiroShippingPage *self)
{
  GtkWidget *heading = gtk_widget_get_prev_sibling (GTK_WIDGET (self->late));
  GtkWidget *content = gtk_scrolled_window_get_child (self->scroll);
  graphene_point_t p;

  if (heading == NULL || content == NULL || gtk_widget_get_height (heading) == 0 ||
      !gtk_widget_compute_point (heading, content, &GRAPHENE_POINT_INIT (0, 0), &p))
    return -1;
  return p.y;
}

static gboolean
scroll_to_late (gpointer data)
{
  CiroShippingPage *self = data;
  double y = late_heading_y (self);

  if (y < 0)
    return G_SOURCE_CONTINUE;         /* not laid out yet */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroll), y);
  self->want_late = FALSE;
  self->late_timeout = 0;
  return G_SOURCE_REMOVE;
}

static void
start_scroll (CiroShippingPage *self)
{
  if (self->late_timeout == 0)
    self->late_timeout = g_timeout_add (50, scroll_to_late, self);
}

void
ciro_shipping_page_show_late (CiroShippingPage *self)
{
  g_return_if_fail (CIRO_IS_SHIPPING_PAGE (self));
  self->want_late = TRUE;
  if (self->report != NULL)
    start_scroll (self);
}

gboolean
ciro_shipping_page_late_shown (CiroShippingPage *self)
{
  double y;

  g_return_val_if_fail (CIRO_IS_SHIPPING_PAGE (self), FALSE);
  y = late_heading_y (self);
  /* at the top, or as far down as the view goes */
  return y >= 0 && !self->want_late &&
         (gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroll)) == y ||
          gtk_adjustment_get_value (gtk_scrolled_window_get_vadjustment (self->scroll)) ==
            gtk_adjustment_get_upper (gtk_scrolled_window_get_vadjustment (self->scroll)) -
            gtk_adjustment_get_page_size (gtk_scrolled_window_get_vadjustment (self->scroll)));
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroShippingPage) self = data;
  g_autoptr(GError) error = NULL;
  CiroCarrierReport *report = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (report == NULL)
    {
      gtk_label_set_text (self->subtitle, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  g_clear_pointer (&self->report, ciro_carrier_report_free);
  self->report = report;
  show_report (self);
  if (self->want_late)
    start_scroll (self);
  /* what the worker held while it computed goes back to the system */
  ciro_context_release_memory (self->context);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
ciro_shipping_page_reload (CiroShippingPage *self)
{
  Request *r;
  CiroDay today;
  gint32 seconds;

  g_return_if_fail (CIRO_IS_SHIPPING_PAGE (self));

  ciro_now (&today, &seconds);
  r = g_new0 (Request, 1);
  r->filter.from = today - (WINDOW_DAYS - 1);
  r->filter.to = today;
  r->now = ciro_to_unix (today, seconds);
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, build_report, r, request_free,
                                 (GDestroyNotify) ciro_carrier_report_free, NULL, loaded, g_object_ref (self));
}

const CiroCarrierReport *
ciro_shipping_page_get_report (CiroShippingPage *self)
{
  g_return_val_if_fail (CIRO_IS_SHIPPING_PAGE (self), NULL);
  return self->report;
}

void
ciro_shipping_page_copy_cargo (CiroShippingPage *self, guint index)
{
  const CiroLateOrder *l;

  g_return_if_fail (CIRO_IS_SHIPPING_PAGE (self));
  g_return_if_fail (self->report != NULL && index < self->report->late_orders->len);

  l = self->report->late_orders->pdata[index];
  if (l->cargo_number != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), l->cargo_number);
}

/* ---------------------------------------------------------- the object */

static GtkWidget *
section (GtkBox *page, const char *title, GtkWidget *content)
{
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_box_append (page, heading);
  gtk_box_append (page, content);
  return content;
}

static void
ciro_shipping_page_constructed (GObject *object)
{
  CiroShippingPage *self = CIRO_SHIPPING_PAGE (object);

  G_OBJECT_CLASS (ciro_shipping_page_parent_class)->constructed (object);
  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (ciro_lazy_load_request), self,
                           G_CONNECT_SWAPPED);
  /* loaded when first shown, and again when shown after a change */
  ciro_lazy_load_setup (GTK_WIDGET (self), (CiroLoadFunc) ciro_shipping_page_reload);
}

static void
ciro_shipping_page_dispose (GObject *object)
{
  CiroShippingPage *self = CIRO_SHIPPING_PAGE (object);

  g_clear_handle_id (&self->late_timeout, g_source_remove);
  if (self->context != NULL)
    ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
  g_clear_pointer (&self->report, ciro_carrier_report_free);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_shipping_page_parent_class)->dispose (object);
}

static void
ciro_shipping_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroShippingPage *self = CIRO_SHIPPING_PAGE (object);

  if (prop_id == PROP_CONTEXT)
    self->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_shipping_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroShippingPage *self = CIRO_SHIPPING_PAGE (object);

  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, self->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_shipping_page_class_init (CiroShippingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ciro_shipping_page_constructed;
  object_class->dispose = ciro_shipping_page_dispose;
  object_class->set_property = ciro_shipping_page_set_property;
  object_class->get_property = ciro_shipping_page_get_property;
  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ciro_shipping_page_init (CiroShippingPage *self)
{
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_("Shipping and carriers"));
  GtkWidget *empty = adw_status_page_new ();

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_margin_start (page, 12);
  gtk_widget_set_margin_end (page, 12);
  gtk_widget_set_margin_top (page, 12);
  gtk_widget_set_margin_bottom (page, 24);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1100);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "title-2");
  gtk_box_append (GTK_BOX (page), title);
  self->subtitle = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle, 0);
  gtk_label_set_wrap (self->subtitle, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle), "dim-label");
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->subtitle));

  self->table = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->table, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->table), "boxed-list");
  section (GTK_BOX (page), _("Carriers"), GTK_WIDGET (self->table));

  self->chart = ciro_chart_view_new ();
  gtk_widget_set_size_request (self->chart, -1, 260);
  section (GTK_BOX (page), _("Delivery times"), self->chart);

  self->costs = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  section (GTK_BOX (page), _("Cost per order by carrier and marketplace"), GTK_WIDGET (self->costs));
  self->late = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 4));
  section (GTK_BOX (page), _("Late orders to follow up"), GTK_WIDGET (self->late));
  self->more_late = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->more_late, 0);
  gtk_label_set_wrap (self->more_late, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->more_late), "dim-label");
  gtk_box_append (GTK_BOX (page), GTK_WIDGET (self->more_late));
  self->advice = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 6));
  section (GTK_BOX (page), _("Recommendations"), GTK_WIDGET (self->advice));

  adw_clamp_set_child (ADW_CLAMP (clamp), page);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), clamp);
  self->scroll = GTK_SCROLLED_WINDOW (scroll);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "mail-send-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No orders in the last 30 days"));
  gtk_stack_add_named (self->stack, gtk_spinner_new (), "loading");
  gtk_stack_add_named (self->stack, scroll, "data");
  gtk_stack_add_named (self->stack, empty, "empty");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
}

GtkWidget *
ciro_shipping_page_new (CiroContext *context)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  return g_object_new (CIRO_TYPE_SHIPPING_PAGE, "context", context, NULL);
}
