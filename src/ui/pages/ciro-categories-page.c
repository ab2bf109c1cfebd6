/* ciro-categories-page.c: the categories of insights.md §1
 *
 * A bar chart of revenue and profit by category above a sortable table of
 * every category's figures (with the change against the period before);
 * choosing a category lists its best-selling products below. The figures
 * come from the engine (ciro_report_categories) through the report
 * service, off the main thread.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "analytics/ciro-categories.h"
#include "analytics/ciro-report-service.h"
#include "charts/ciro-chart.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "ui/charts/ciro-chart-view.h"
#include "ui/ciro-lazy-load.h"
#include "ciro-categories-page.h"

#define DRILL_LIMIT 10

/* ---------------------------------------------------------- the items */

#define CIRO_TYPE_CATEGORY_ITEM (ciro_category_item_get_type ())
G_DECLARE_FINAL_TYPE (CiroCategoryItem, ciro_category_item, CIRO, CATEGORY_ITEM, GObject)

struct _CiroCategoryItem
{
  GObject         parent_instance;
  CiroCategoryRow row;         /* row.category owned */
};

G_DEFINE_FINAL_TYPE (CiroCategoryItem, ciro_category_item, G_TYPE_OBJECT)

static void
ciro_category_item_finalize (GObject *object)
{
  g_free (CIRO_CATEGORY_ITEM (object)->row.category);
  G_OBJECT_CLASS (ciro_category_item_parent_class)->finalize (object);
}

static void
ciro_category_item_class_init (CiroCategoryItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ciro_category_item_finalize;
}

static void
ciro_category_item_init (CiroCategoryItem *self)
{
}

/* ---------------------------------------------------------- the page */

struct _CiroCategoriesPage
{
  AdwBin            parent_instance;

  CiroContext      *context;
  CiroRangePreset   preset;
  CiroDay           from, to;
  GListStore       *items;     /* CiroCategoryItem */
  GtkSortListModel *sorted;
  GPtrArray        *shown_products;   /* SKUs of the drill-down */

  GtkDropDown      *range_dropdown;
  GtkLabel         *range_label;
  GtkStack         *stack;
  AdwStatusPage    *error_page;
  GtkWidget        *chart;
  GtkColumnView    *view;
  GtkLabel         *drill_title;
  GtkListBox       *products_list;
};

G_DEFINE_FINAL_TYPE (CiroCategoriesPage, ciro_categories_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The presets the page offers, in the drop-down's order. */
static const CiroRangePreset presets[] = {
  CIRO_RANGE_LAST_30_DAYS, CIRO_RANGE_LAST_90_DAYS, CIRO_RANGE_THIS_MONTH,
  CIRO_RANGE_LAST_MONTH, CIRO_RANGE_THIS_YEAR,
};

/* ---------------------------------------------------------- sorting */

typedef enum {
  COL_NAME, COL_REVENUE, COL_COST, COL_COMMISSION, COL_PROFIT, COL_MARGIN, COL_SHARE,
  COL_ORDERS, COL_UNITS, COL_CHANGE, N_COLS,
} Column;

static double
sort_key (const CiroCategoryRow *r, Column col)
{
  switch (col)
    {
    case COL_REVENUE: return (double) r->revenue;
    case COL_COST: return (double) r->cost;
    case COL_COMMISSION: return (double) r->commission;
    case COL_PROFIT: return (double) r->profit;
    case COL_MARGIN: return r->has_margin ? r->margin_pct : -G_MAXDOUBLE;
    case COL_SHARE: return r->share_pct;
    case COL_ORDERS: return (double) r->orders;
    case COL_UNITS: return (double) r->units;
    case COL_CHANGE: return r->has_revenue_change ? r->revenue_change_pct : -G_MAXDOUBLE;
    case COL_NAME:
    case N_COLS:
    default: return 0;
    }
}

static int
compare_items (gconstpointer a, gconstpointer b, gpointer data)
{
  const CiroCategoryRow *x = &((CiroCategoryItem *) a)->row, *y = &((CiroCategoryItem *) b)->row;
  Column col = GPOINTER_TO_INT (data);
  double kx, ky;

  if (col == COL_NAME)
    return g_utf8_collate (ciro_category_display_name (x), ciro_category_display_name (y));
  kx = sort_key (x, col);
  ky = sort_key (y, col);
  return kx < ky ? -1 : kx > ky ? 1 : 0;
}

/* ---------------------------------------------------------- cells */

static char *
pct_text (gboolean has, double value, gboolean sign, CiroNumberStyle style)
{
  g_autofree char *text = NULL;

  if (!has)
    return g_strdup ("—");
  text = ciro_percent_format (value, 1, style);
  return sign && value > 0 ? g_strconcat ("+", text, NULL) : g_steal_pointer (&text);
}

static char *
cell_text (const CiroCategoryRow *r, Column col)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();

  switch (col)
    {
    case COL_NAME: return g_strdup (ciro_category_display_name (r));
    case COL_REVENUE: return ciro_money_format (r->revenue, style);
    case COL_COST: return ciro_money_format (r->cost, style);
    case COL_COMMISSION: return ciro_money_format (r->commission, style);
    case COL_PROFIT: return ciro_money_format (r->profit, style);
    case COL_MARGIN: return pct_text (r->has_margin, r->margin_pct, FALSE, style);
    case COL_SHARE: return pct_text (TRUE, r->share_pct, FALSE, style);
    case COL_ORDERS: return ciro_count_format (r->orders, style);
    case COL_UNITS: return ciro_count_format (r->units, style);
    case COL_CHANGE: return pct_text (r->has_revenue_change, r->revenue_change_pct, TRUE, style);
    case N_COLS:
    default: return g_strdup ("");
    }
}

static void
cell_setup (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  Column col = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), col == COL_NAME ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (col != COL_NAME)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  Column col = GPOINTER_TO_INT (data);
  CiroCategoryItem *it = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *text = cell_text (&it->row, col);
  gboolean bad = (col == COL_PROFIT && it->row.profit < 0) ||
                 (col == COL_CHANGE && it->row.has_revenue_change && it->row.revenue_change_pct < 0);

  gtk_label_set_text (GTK_LABEL (label), text);
  if (bad)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
}

static void
add_column (CiroCategoriesPage *self, const char *title, Column col)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_items, GINT_TO_POINTER (col), NULL));
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GINT_TO_POINTER (col));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GINT_TO_POINTER (col));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, col == COL_NAME);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_column_set_sorter (column, sorter);
  gtk_column_view_append_column (self->view, column);
  if (col == COL_REVENUE)
    gtk_column_view_sort_by_column (self->view, column, GTK_SORT_DESCENDING);
  g_object_unref (sorter);
  g_object_unref (column);
}

/* ---------------------------------------------------------- loading */

typedef struct {
  CiroReportFilter filter;
  CiroCategoryKind kind;     /* for a drill-down */
  char            *category;
} Request;

static void
request_free (gpointer data)
{
  Request *r = data;
  g_free (r->filter.marketplace);
  g_free (r->category);
  g_free (r);
}

static gpointer
read_categories (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  return ciro_report_categories (store, &((Request *) data)->filter, error);
}

static gpointer
read_products (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Request *r = data;
  return ciro_report_category_products (store, &r->filter, r->kind, r->category, CIRO_SORT_REVENUE,
                                        DRILL_LIMIT, error);
}

static void
show_chart (CiroCategoriesPage *self, GArray *rows)
{
  guint n = MIN (rows->len, 12);
  g_autofree const char **names = g_new0 (const char *, MAX (n, 1));
  g_autofree double *revenue = g_new0 (double, MAX (n, 1));
  g_autofree double *profit = g_new0 (double, MAX (n, 1));
  CiroChart *chart = ciro_chart_new (CIRO_CHART_BARS);

  /* the engine's order: by revenue, the largest first */
  for (guint i = 0; i < n; i++)
    {
      const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
      names[i] = ciro_category_display_name (r);
      revenue[i] = (double) r->revenue;
      profit[i] = (double) r->profit;
    }
  ciro_chart_set_title (chart, n < rows->len ? _("Revenue and profit of the 12 largest categories")
                                             : _("Revenue and profit by category"));
  ciro_chart_set_labels (chart, names, n);
  ciro_chart_add_series (chart, _("Revenue"), revenue, n, TRUE);
  ciro_chart_add_series (chart, _("Profit"), profit, n, TRUE);
  ciro_chart_view_set_chart (CIRO_CHART_VIEW (self->chart), chart);
  /* 40 px a bar, under the chart's title and legend */
  gtk_widget_set_size_request (self->chart, -1, (int) MAX (1, n) * 40 + 64);
}

static void
clear_products (CiroCategoriesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->products_list))) != NULL)
    gtk_list_box_remove (self->products_list, child);
  g_ptr_array_set_size (self->shown_products, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->products_list), FALSE);
  gtk_label_set_text (self->drill_title, _("Choose a category to see its products."));
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroCategoriesPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);
  g_autoptr(GPtrArray) items = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    return;                           /* a newer load replaced it, or the page is gone */
  if (rows == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      CiroCategoryItem *it = g_object_new (CIRO_TYPE_CATEGORY_ITEM, NULL);

      it->row = g_array_index (rows, CiroCategoryRow, i);
      it->row.category = g_strdup (it->row.category);
      g_ptr_array_add (items, it);
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  clear_products (self);
  if (rows->len > 0)
    show_chart (self, rows);
  gtk_stack_set_visible_child_name (self->stack, rows->len > 0 ? "data" : "empty");
  /* what the worker held while it computed goes back to the system */
  ciro_context_release_memory (self->context);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
ciro_categories_page_reload (CiroCategoriesPage *self)
{
  Request *r;
  g_autofree char *text = NULL;
  CiroDay today = ciro_today ();

  g_return_if_fail (CIRO_IS_CATEGORIES_PAGE (self));

  ciro_range_resolve (self->preset, today, &self->from, &self->to);
  text = ciro_range_text (self->from, self->to, today);
  gtk_label_set_text (self->range_label, text);
  r = g_new0 (Request, 1);
  r->filter.from = self->from;
  r->filter.to = self->to;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, read_categories, r,
                                 request_free, (GDestroyNotify) g_array_unref, NULL, loaded,
                                 g_object_ref (self));
}

void
ciro_categories_page_set_range (CiroCategoriesPage *self, CiroRangePreset preset)
{
  g_return_if_fail (CIRO_IS_CATEGORIES_PAGE (self));

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (presets[i] == preset)
      {
        self->preset = preset;
        if (gtk_drop_down_get_selected (self->range_dropdown) != i)
          gtk_drop_down_set_selected (self->range_dropdown, i);   /* reloads */
        else
          ciro_categories_page_reload (self);
        return;
      }
  g_return_if_reached ();
}

static void
range_changed (CiroCategoriesPage *self)
{
  guint i = gtk_drop_down_get_selected (self->range_dropdown);

  if (i >= G_N_ELEMENTS (presets) || self->context == NULL)
    return;
  self->preset = presets[i];
  ciro_categories_page_reload (self);
}

static void
products_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroCategoriesPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);
  CiroNumberStyle style = ciro_number_style_from_locale ();

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->context == NULL)
    return;
  if (rows == NULL)
    {
      gtk_label_set_text (self->drill_title, error->message);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const CiroProductRow *p = &g_array_index (rows, CiroProductRow, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *revenue = ciro_money_format (p->revenue, style);
      g_autofree char *profit = ciro_money_format (p->profit, style);
      g_autofree char *units = ciro_count_format (p->units, style);
      /* TRANSLATORS: a product's revenue, profit and units sold in the categories' drill-down */
      g_autofree char *figures = g_strdup_printf (_("%s revenue · %s profit · %s units"), revenue, profit, units);
      GtkWidget *label = gtk_label_new (figures);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name && *p->name ? p->name : p->sku);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), p->sku ? p->sku : "");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      gtk_list_box_append (self->products_list, row);
      g_ptr_array_add (self->shown_products, g_strdup (p->sku));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->products_list), rows->len > 0);
  /* what the worker held while it computed goes back to the system */
  ciro_context_release_memory (self->context);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
ciro_categories_page_drill (CiroCategoriesPage *self, guint index)
{
  g_autoptr(CiroCategoryItem) it = NULL;
  g_autofree char *title = NULL;
  Request *r;

  g_return_if_fail (CIRO_IS_CATEGORIES_PAGE (self));
  it = g_list_model_get_item (G_LIST_MODEL (self->sorted), index);
  g_return_if_fail (it != NULL);

  clear_products (self);
  /* TRANSLATORS: the heading of a category's best-selling products */
  title = g_strdup_printf (_("Best-selling products of %s"), ciro_category_display_name (&it->row));
  gtk_label_set_text (self->drill_title, title);
  r = g_new0 (Request, 1);
  r->filter.from = self->from;
  r->filter.to = self->to;
  r->kind = it->row.kind;
  r->category = g_strdup (it->row.category);
  /* an owner of its own: the drill-down does not cancel a reload */
  ciro_report_service_run_async (ciro_context_get_reports (self->context), &self->shown_products,
                                 read_products, r, request_free, (GDestroyNotify) g_array_unref, NULL,
                                 products_loaded, g_object_ref (self));
}

static void
row_activated (CiroCategoriesPage *self, guint position)
{
  ciro_categories_page_drill (self, position);
}

const char *
ciro_categories_page_get_state (CiroCategoriesPage *self)
{
  g_return_val_if_fail (CIRO_IS_CATEGORIES_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
ciro_categories_page_get_window (CiroCategoriesPage *self, CiroDay *from, CiroDay *to)
{
  g_return_if_fail (CIRO_IS_CATEGORIES_PAGE (self));
  *from = self->from;
  *to = self->to;
}

GArray *
ciro_categories_page_get_rows (CiroCategoriesPage *self)
{
  GListModel *model;
  GArray *out;

  g_return_val_if_fail (CIRO_IS_CATEGORIES_PAGE (self), NULL);
  model = G_LIST_MODEL (self->sorted);
  out = g_array_new (FALSE, TRUE, sizeof (CiroCategoryRow));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CiroCategoryItem) it = g_list_model_get_item (model, i);
      g_array_append_val (out, it->row);
    }
  return out;
}

GPtrArray *
ciro_categories_page_get_products (CiroCategoriesPage *self)
{
  g_return_val_if_fail (CIRO_IS_CATEGORIES_PAGE (self), NULL);
  return self->shown_products;
}

/* ---------------------------------------------------------- the object */

static void
ciro_categories_page_constructed (GObject *object)
{
  CiroCategoriesPage *self = CIRO_CATEGORIES_PAGE (object);

  G_OBJECT_CLASS (ciro_categories_page_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (ciro_lazy_load_request), self,
                           G_CONNECT_SWAPPED);
  /* loaded when first shown, and again when shown after a change */
  ciro_lazy_load_setup (GTK_WIDGET (self), (CiroLoadFunc) ciro_categories_page_reload);
}

static void
ciro_categories_page_dispose (GObject *object)
{
  CiroCategoriesPage *self = CIRO_CATEGORIES_PAGE (object);

  if (self->context != NULL)
    {
      ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
      ciro_report_service_cancel (ciro_context_get_reports (self->context), &self->shown_products);
    }
  g_clear_object (&self->sorted);
  g_clear_object (&self->items);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_categories_page_parent_class)->dispose (object);
}

static void
ciro_categories_page_finalize (GObject *object)
{
  CiroCategoriesPage *self = CIRO_CATEGORIES_PAGE (object);

  g_ptr_array_unref (self->shown_products);
  G_OBJECT_CLASS (ciro_categories_page_parent_class)->finalize (object);
}

static void
ciro_categories_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroCategoriesPage *self = CIRO_CATEGORIES_PAGE (object);

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
ciro_categories_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroCategoriesPage *self = CIRO_CATEGORIES_PAGE (object);

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
ciro_categories_page_class_init (CiroCategoriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ciro_categories_page_constructed;
  object_class->dispose = ciro_categories_page_dispose;
  object_class->finalize = ciro_categories_page_finalize;
  object_class->set_property = ciro_categories_page_set_property;
  object_class->get_property = ciro_categories_page_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CIRO_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-categories-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, chart);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, view);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, drill_title);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, products_list);
  gtk_widget_class_bind_template_callback (widget_class, range_changed);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);
}

static void
ciro_categories_page_init (CiroCategoriesPage *self)
{
  static const char *titles[N_COLS] = {
    N_("Category"), N_("Revenue"), N_("Cost"), N_("Commission"), N_("Profit"), N_("Margin"), N_("Share"),
    N_("Orders"), N_("Units"), N_("Change"),
  };
  g_autoptr(GtkStringList) ranges = gtk_string_list_new (NULL);
  GtkSelectionModel *selection;

  self->preset = CIRO_RANGE_LAST_30_DAYS;
  self->shown_products = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    gtk_string_list_append (ranges, _(ciro_range_preset_label (presets[i])));
  gtk_drop_down_set_model (self->range_dropdown, G_LIST_MODEL (ranges));

  self->items = g_list_store_new (CIRO_TYPE_CATEGORY_ITEM);
  for (guint c = 0; c < N_COLS; c++)
    add_column (self, _(titles[c]), c);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                          g_object_ref (gtk_column_view_get_sorter (self->view)));
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted))));
  gtk_column_view_set_model (self->view, selection);
  g_object_unref (selection);
}

GtkWidget *
ciro_categories_page_new (CiroContext *context)
{
  return g_object_new (CIRO_TYPE_CATEGORIES_PAGE, "context", context, NULL);
}
