/* ciro-baskets-page.c: products bought together (insights.md §5)
 *
 * Its own page, next to Products in the sidebar: the pairs, triples and
 * bundle suggestions are lists of product sets with figures no product
 * row has, so they do not fit the Products list and its columns. The
 * window of days and the order of the lists are the page's; the minimum
 * count is the "basket-min-count" setting (Preferences). The engine runs
 * on the report service's threads; the page only shows its result.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "analytics/ciro-baskets.h"
#include "analytics/ciro-report-service.h"
#include "core/ciro-money.h"
#include "ui/ciro-lazy-load.h"
#include "widgets/ciro-vat-view.h"
#include "ciro-baskets-page.h"

#define MAX_ROWS 100

static const guint range_days[CIRO_BASKETS_N_RANGES] = { 30, 90, 365, 0 };
static const char *range_names[CIRO_BASKETS_N_RANGES + 1] = {
  N_("Last 30 days"), N_("Last 90 days"), N_("Last 365 days"), N_("All time"), NULL,
};
static const char *view_ids[CIRO_BASKETS_N_VIEWS] = { "pairs", "triples", "bundles" };

struct _CiroBasketsPage
{
  AdwBin        parent_instance;

  CiroContext  *context;
  GSettings    *settings;
  CiroBaskets  *baskets;
  CiroDay       from, to;
  guint         range;
  gboolean      by_lift;

  GtkStack     *stack;
  AdwStatusPage *error_page;
  GtkLabel     *summary;
  GtkDropDown  *range_drop;
  GtkDropDown  *sort_drop;
  GtkStack     *views;
  GtkListBox   *lists[CIRO_BASKETS_N_VIEWS];
  GtkWidget    *bundles_note;
  GtkToggleButton *view_buttons[CIRO_BASKETS_N_VIEWS];
};

G_DEFINE_FINAL_TYPE (CiroBasketsPage, ciro_baskets_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------- the worker */

typedef struct {
  CiroReportFilter filter;
  guint            min_count;
} Job;

static void
job_free (gpointer data)
{
  Job *j = data;
  ciro_report_filter_clear (&j->filter);
  g_free (j);
}

static gpointer
baskets_run (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Job *j = data;
  CiroBasketOptions o = { j->min_count, 3, 0 };

  return ciro_report_baskets (store, &j->filter, &o, error);
}

/* ---------------------------------------------------------- the lists */

static char *
ratio_text (double d, CiroNumberStyle style)
{
  return ciro_percent_format (d * 100.0, 1, style);
}

static void
add_row (GtkListBox *list, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *tip = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  /* A bounded number of lines: a label that may wrap without limit has
   * GTK search for its narrowest width at every measure, and a hundred
   * such rows held the window's layout for seconds when narrow. What is
   * cut off is in the tooltip. */
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  tip = g_strdup_printf ("%s\n%s", title, subtitle);
  gtk_widget_set_tooltip_text (row, tip);
  gtk_list_box_append (list, row);
}

static void
fill_list (CiroBasketsPage *self, CiroBasketsView view)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GtkListBox *list = self->lists[view];
  GArray *sets = view == CIRO_BASKETS_VIEW_PAIRS ? self->baskets->pairs
               : view == CIRO_BASKETS_VIEW_TRIPLES ? self->baskets->triples : self->baskets->bundles;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
  if (view != CIRO_BASKETS_VIEW_BUNDLES)
    ciro_baskets_sort (sets, self->by_lift ? CIRO_BASKET_SORT_LIFT : CIRO_BASKET_SORT_COUNT);

  for (guint i = 0; i < sets->len && i < MAX_ROWS; i++)
    {
      const CiroBasketSet *s = &g_array_index (sets, CiroBasketSet, i);
      g_autofree char *names = ciro_basket_set_names (self->baskets, s);
      g_autofree char *skus = ciro_basket_set_skus (self->baskets, s);
      g_autofree char *count = ciro_count_format (s->count, style);
      g_autofree char *support = ratio_text (s->support, style);
      g_autofree char *lift = ciro_number_format (s->lift, 2, style);
      g_autofree char *orders = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s order", "%s orders",
                                                              (gulong) s->count), count);
      g_autofree char *sub = NULL;

      if (view == CIRO_BASKETS_VIEW_BUNDLES)
        {
          CiroBundleValue v;
          g_autofree char *price = NULL, *cost = NULL, *margin = NULL;
          gboolean after = ciro_vat_view_get (self->settings);

          /* the window's VAT view: price and cost without KDV, the margin
           * after VAT settlement, or both with KDV (profit.md) */
          ciro_basket_set_value (self->baskets, s, &v);
          price = ciro_money_format (after ? v.price_ex_vat : v.price, style);
          cost = v.has_margin ? ciro_money_format (after ? v.cost_ex_vat : v.cost, style) : g_strdup ("—");
          if (v.has_margin)
            {
              g_autofree char *m = ciro_money_format (after ? v.margin_ex_vat : v.margin, style);
              g_autofree char *pct = ciro_percent_format (after ? v.margin_ex_vat_pct : v.margin_pct, 1, style);
              margin = after
                /* TRANSLATORS: a bundle's margin after VAT settlement: money, then its share of the price without VAT */
                ? g_strdup_printf (_("margin after VAT %s (%s)"), m, pct)
                /* TRANSLATORS: a bundle's margin: money, then its share of the price */
                : g_strdup_printf (_("margin %s (%s)"), m, pct);
            }
          else
            margin = g_strdup (_("margin unknown"));
          sub = after
            /* TRANSLATORS: SKUs, orders, lift, the bundle's summed price and cost without VAT, its margin */
            ? g_strdup_printf (_("%s\n%s · lift %s · price excl. VAT %s · cost excl. VAT %s · %s"), skus, orders, lift,
                               price, cost, margin)
            /* TRANSLATORS: SKUs, orders, lift, the bundle's summed price and cost, its margin */
            : g_strdup_printf (_("%s\n%s · lift %s · price %s · cost %s · %s"), skus, orders, lift, price, cost, margin);
        }
      else if (s->size == 2)
        {
          g_autofree char *ab = ratio_text (s->confidence[1], style);
          g_autofree char *ba = ratio_text (s->confidence[0], style);
          /* TRANSLATORS: SKUs, orders, support, lift, then the share of the
           * first product's orders holding the second and the other way round */
          sub = g_strdup_printf (_("%s\n%s · support %s · lift %s · confidence %s / %s"),
                                 skus, orders, support, lift, ab, ba);
        }
      else
        /* TRANSLATORS: SKUs, orders, support, lift */
        sub = g_strdup_printf (_("%s\n%s · support %s · lift %s"), skus, orders, support, lift);
      add_row (list, names, sub);
    }
  if (sets->len == 0)
    {
      g_autofree char *m = ciro_count_format (self->baskets->min_count, style);
      g_autofree char *sub = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "No set of products is in %s order or more of these days.",
                                                           "No set of products is in %s orders or more of these days.",
                                                           (gulong) self->baskets->min_count), m);
      add_row (list, view == CIRO_BASKETS_VIEW_BUNDLES ? _("No bundle suggestions") : _("Nothing bought together"),
               view == CIRO_BASKETS_VIEW_BUNDLES ? _("No set bought together reaches a lift of 1.5.") : sub);
    }
}

static void
fill (CiroBasketsPage *self)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *n = ciro_count_format (self->baskets->transactions, style);
  g_autofree char *m = ciro_count_format (self->baskets->min_count, style);
  g_autofree char *text = NULL;

  /* TRANSLATORS: the orders with a matched product, then the minimum count */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s order with a matched product · sets in at least %s orders",
                                       "%s orders with a matched product · sets in at least %s orders",
                                       (gulong) MIN (self->baskets->transactions, G_MAXLONG)), n, m);
  gtk_label_set_text (self->summary, text);
  for (guint v = 0; v < CIRO_BASKETS_N_VIEWS; v++)
    fill_list (self, v);
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CiroBasketsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CiroBaskets *b = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (b == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else
    {
      g_clear_pointer (&self->baskets, ciro_baskets_free);
      self->baskets = b;
      fill (self);
      gtk_stack_set_visible_child_name (self->stack, b->transactions == 0 ? "empty" : "data");
    }
  /* what the worker held while it computed goes back to the system */
  ciro_context_release_memory (self->context);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
ciro_baskets_page_reload (CiroBasketsPage *self)
{
  Job *j;

  g_return_if_fail (CIRO_IS_BASKETS_PAGE (self));
  j = g_new0 (Job, 1);
  self->to = ciro_today ();
  self->from = range_days[self->range] == 0 ? ciro_day_from_ymd (2000, 1, 1)
                                            : self->to - (CiroDay) range_days[self->range] + 1;
  j->filter.from = self->from;
  j->filter.to = self->to;
  j->min_count = g_settings_get_uint (self->settings, "basket-min-count");
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "data") != 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, baskets_run, j, job_free,
                                 (GDestroyNotify) ciro_baskets_free, NULL, loaded, g_object_ref (self));
}

/* ---------------------------------------------------------- accessors */

const char *
ciro_baskets_page_get_state (CiroBasketsPage *self)
{
  g_return_val_if_fail (CIRO_IS_BASKETS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
ciro_baskets_page_set_range (CiroBasketsPage *self, guint range)
{
  g_return_if_fail (CIRO_IS_BASKETS_PAGE (self) && range < CIRO_BASKETS_N_RANGES);
  gtk_drop_down_set_selected (self->range_drop, range);
}

void
ciro_baskets_page_set_view (CiroBasketsPage *self, CiroBasketsView view)
{
  g_return_if_fail (CIRO_IS_BASKETS_PAGE (self) && view < CIRO_BASKETS_N_VIEWS);
  gtk_toggle_button_set_active (self->view_buttons[view], TRUE);
}

void
ciro_baskets_page_set_sort_by_lift (CiroBasketsPage *self, gboolean by_lift)
{
  g_return_if_fail (CIRO_IS_BASKETS_PAGE (self));
  gtk_drop_down_set_selected (self->sort_drop, by_lift ? 1 : 0);
}

GPtrArray *
ciro_baskets_page_get_rows (CiroBasketsPage *self, CiroBasketsView view)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (CIRO_IS_BASKETS_PAGE (self) && view < CIRO_BASKETS_N_VIEWS, out);
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (self->lists[view])); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_ACTION_ROW (w))
      g_ptr_array_add (out, g_strdup_printf ("%s\n%s", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)),
                                             adw_action_row_get_subtitle (ADW_ACTION_ROW (w))));
  return out;
}

const char *
ciro_baskets_page_get_summary (CiroBasketsPage *self)
{
  g_return_val_if_fail (CIRO_IS_BASKETS_PAGE (self), NULL);
  return gtk_label_get_text (self->summary);
}

void
ciro_baskets_page_get_window (CiroBasketsPage *self, CiroDay *from, CiroDay *to)
{
  g_return_if_fail (CIRO_IS_BASKETS_PAGE (self));
  *from = self->from;
  *to = self->to;
}

/* ---------------------------------------------------------- building */

static void
range_changed (CiroBasketsPage *self)
{
  guint r = gtk_drop_down_get_selected (self->range_drop);

  if (r < CIRO_BASKETS_N_RANGES && r != self->range)
    {
      self->range = r;
      ciro_baskets_page_reload (self);
    }
}

static void
sort_changed (CiroBasketsPage *self)
{
  gboolean by_lift = gtk_drop_down_get_selected (self->sort_drop) == 1;

  if (by_lift == self->by_lift)
    return;
  self->by_lift = by_lift;
  if (self->baskets != NULL)
    {
      fill_list (self, CIRO_BASKETS_VIEW_PAIRS);
      fill_list (self, CIRO_BASKETS_VIEW_TRIPLES);
    }
}

static void
view_toggled (CiroBasketsPage *self, GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    gtk_stack_set_visible_child_name (self->views,
                                      view_ids[GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "view"))]);
}

static GtkWidget *
status_page (const char *icon, const char *title, const char *description)
{
  GtkWidget *p = adw_status_page_new ();

  adw_status_page_set_icon_name (ADW_STATUS_PAGE (p), icon);
  adw_status_page_set_title (ADW_STATUS_PAGE (p), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (p), description);
  return p;
}

static void
build (CiroBasketsPage *self)
{
  static const char *sort_names[] = { N_("By orders"), N_("By lift"), NULL };
  const char *view_titles[CIRO_BASKETS_N_VIEWS] = { _("Pairs"), _("Triples"), _("Bundles") };
  const char *ranges[CIRO_BASKETS_N_RANGES + 1], *sorts[3];
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *scroller, *clamp, *box, *title, *controls, *switcher;
  GtkToggleButton *first = NULL;

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), TRUE);
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");
  gtk_stack_add_named (self->stack,
                       status_page ("view-list-symbolic", _("No Orders in These Days"),
                                    _("Products bought together appear here once orders hold products Ciro knows.")),
                       "empty");
  self->error_page = ADW_STATUS_PAGE (status_page ("dialog-error-symbolic", _("The Figures Cannot Be Read"), NULL));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  title = gtk_label_new (_("Products Bought Together"));
  gtk_widget_add_css_class (title, "title-2");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_box_append (GTK_BOX (box), title);
  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->summary, TRUE);
  gtk_label_set_xalign (self->summary, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->summary));

  for (guint i = 0; i < CIRO_BASKETS_N_RANGES; i++)
    ranges[i] = _(range_names[i]);
  ranges[CIRO_BASKETS_N_RANGES] = NULL;
  for (guint i = 0; i < 3; i++)
    sorts[i] = sort_names[i] ? _(sort_names[i]) : NULL;
  controls = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (controls), GTK_SELECTION_NONE);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (controls), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (controls), 6);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (controls), 3);
  self->range_drop = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (ranges));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->range_drop), _("Date range"));
  gtk_drop_down_set_selected (self->range_drop, self->range);
  g_signal_connect_swapped (self->range_drop, "notify::selected", G_CALLBACK (range_changed), self);
  self->sort_drop = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (sorts));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sort_drop), _("Order of the pairs and triples"));
  g_signal_connect_swapped (self->sort_drop, "notify::selected", G_CALLBACK (sort_changed), self);
  /* toggle buttons rather than a GtkStackSwitcher, whose buttons are too
   * wide for a phone-sized window */
  switcher = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (switcher, "linked");
  for (guint v = 0; v < CIRO_BASKETS_N_VIEWS; v++)
    {
      GtkWidget *b = gtk_toggle_button_new_with_label (view_titles[v]);

      gtk_widget_set_hexpand (b, TRUE);
      if (first == NULL)
        first = GTK_TOGGLE_BUTTON (b);
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (b), first);
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (b), v == 0);
      g_object_set_data (G_OBJECT (b), "view", GUINT_TO_POINTER (v));
      g_signal_connect_swapped (b, "toggled", G_CALLBACK (view_toggled), self);
      self->view_buttons[v] = GTK_TOGGLE_BUTTON (b);
      gtk_box_append (GTK_BOX (switcher), b);
    }
  gtk_flow_box_append (GTK_FLOW_BOX (controls), switcher);
  gtk_flow_box_append (GTK_FLOW_BOX (controls), GTK_WIDGET (self->range_drop));
  gtk_flow_box_append (GTK_FLOW_BOX (controls), GTK_WIDGET (self->sort_drop));
  for (GtkWidget *c = gtk_widget_get_first_child (controls); c != NULL; c = gtk_widget_get_next_sibling (c))
    gtk_widget_set_focusable (c, FALSE);
  gtk_box_append (GTK_BOX (box), controls);

  self->views = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_vhomogeneous (self->views, FALSE);
  gtk_stack_set_hhomogeneous (self->views, FALSE);
  for (guint v = 0; v < CIRO_BASKETS_N_VIEWS; v++)
    {
      GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      self->lists[v] = GTK_LIST_BOX (gtk_list_box_new ());
      gtk_list_box_set_selection_mode (self->lists[v], GTK_SELECTION_NONE);
      gtk_widget_add_css_class (GTK_WIDGET (self->lists[v]), "boxed-list");
      if (v == CIRO_BASKETS_VIEW_BUNDLES)
        {
          GtkWidget *note = gtk_label_new (_("Sets bought together at least one and a half times as often as by chance "
                                             "(lift ≥ 1.5), the most worth offering together first: their "
                                             "catalogue prices, costs and margin summed."));
          gtk_label_set_wrap (GTK_LABEL (note), TRUE);
          gtk_label_set_xalign (GTK_LABEL (note), 0);
          gtk_widget_add_css_class (note, "dim-label");
          gtk_box_append (GTK_BOX (inner), note);
          self->bundles_note = note;
        }
      gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->lists[v]));
      gtk_stack_add_titled (self->views, inner, view_ids[v], view_titles[v]);
    }
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->views));

  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 1000);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), clamp);
  gtk_stack_add_named (self->stack, scroller, "data");
  gtk_stack_set_visible_child_name (self->stack, "loading");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));
}

/* ---------------------------------------------------------- the object */

static void
vat_view_changed (CiroBasketsPage *self)
{
  if (self->baskets != NULL)
    fill_list (self, CIRO_BASKETS_VIEW_BUNDLES);
}

static void
ciro_baskets_page_constructed (GObject *object)
{
  CiroBasketsPage *self = CIRO_BASKETS_PAGE (object);

  G_OBJECT_CLASS (ciro_baskets_page_parent_class)->constructed (object);
  self->settings = g_object_ref (ciro_context_get_settings (self->context));
  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (ciro_lazy_load_request), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::basket-min-count", G_CALLBACK (ciro_lazy_load_request),
                           self, G_CONNECT_SWAPPED);
  /* the bundles' margin follows the window's VAT view, from the sets held */
  ciro_vat_view_connect (self->settings, G_CALLBACK (vat_view_changed), self);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->bundles_note)),
                              ciro_vat_view_label_new (self->settings), self->bundles_note);
  /* loaded when first shown, and again when shown after a change */
  ciro_lazy_load_setup (GTK_WIDGET (self), (CiroLoadFunc) ciro_baskets_page_reload);
}

static void
ciro_baskets_page_dispose (GObject *object)
{
  CiroBasketsPage *self = CIRO_BASKETS_PAGE (object);

  if (self->context != NULL)
    ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->baskets, ciro_baskets_free);
  G_OBJECT_CLASS (ciro_baskets_page_parent_class)->dispose (object);
}

static void
ciro_baskets_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    CIRO_BASKETS_PAGE (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_baskets_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, CIRO_BASKETS_PAGE (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_baskets_page_class_init (CiroBasketsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ciro_baskets_page_constructed;
  object_class->dispose = ciro_baskets_page_dispose;
  object_class->set_property = ciro_baskets_page_set_property;
  object_class->get_property = ciro_baskets_page_get_property;
  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ciro_baskets_page_init (CiroBasketsPage *self)
{
  self->range = 2;            /* the last 365 days */
  build (self);
}

GtkWidget *
ciro_baskets_page_new (CiroContext *context)
{
  return g_object_new (CIRO_TYPE_BASKETS_PAGE, "context", context, NULL);
}
