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
#include "ui/ciro-list-when-shown.h"
#include "ui/widgets/ciro-marketplace-name.h"
#include "ui/widgets/ciro-vat-view.h"
#include "ciro-categories-page.h"

#define DRILL_LIMIT 10
#define TREND_MONTHS 12     /* the trend chart's calendar months, to the window's last */
#define TREND_DEFAULT 5     /* categories in it until the user chooses */

/* ---------------------------------------------------------- the items */

#define CIRO_TYPE_CATEGORY_ITEM (ciro_category_item_get_type ())
G_DECLARE_FINAL_TYPE (CiroCategoryItem, ciro_category_item, CIRO, CATEGORY_ITEM, GObject)

struct _CiroCategoryItem
{
  GObject         parent_instance;
  CiroCategoryRow row;         /* row.category owned */
  gboolean        after_vat;   /* profit and margin shown after VAT settlement */
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
  char             *marketplace;   /* NULL: every marketplace */
  gboolean          updating;      /* filling the marketplace list is no choice */
  GListStore       *items;     /* CiroCategoryItem */
  GtkSortListModel *sorted;
  GPtrArray        *shown_products;   /* SKUs of the drill-down */
  GArray           *drill_keys;       /* gint64: every product of the drilled category */
  char             *drill_name;       /* its name as shown */
  GArray           *months;    /* CiroCategoryRow of the trend's months, strings owned */
  GHashTable       *chosen;    /* category keys in the trend chart */
  gboolean          user_chose; /* else the largest ones, again at each load */

  GtkDropDown      *range_dropdown;
  GtkDropDown      *mp_drop;
  GtkStringList    *mp_names;
  GtkLabel         *range_label;
  GtkStack         *stack;
  AdwStatusPage    *error_page;
  GtkWidget        *chart;
  GtkWidget        *trend;
  GtkColumnView    *view;
  GtkLabel         *drill_title;
  GtkWidget        *open_products;
  GtkListBox       *products_list;
};

G_DEFINE_FINAL_TYPE (CiroCategoriesPage, ciro_categories_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_LOADED, SIGNAL_OPEN_PRODUCTS, N_SIGNALS };
static guint signals[N_SIGNALS];

/* The presets the page offers, in the drop-down's order. */
static const CiroRangePreset presets[] = {
  CIRO_RANGE_LAST_30_DAYS, CIRO_RANGE_LAST_90_DAYS, CIRO_RANGE_THIS_MONTH,
  CIRO_RANGE_LAST_MONTH, CIRO_RANGE_THIS_YEAR,
};

/* ---------------------------------------------------------- sorting */

typedef enum {
  COL_TREND, COL_NAME, COL_REVENUE, COL_COST, COL_COMMISSION, COL_PROFIT, COL_MARGIN, COL_SHARE,
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
    case COL_TREND:
    case N_COLS:
    default: return 0;
    }
}

/* The row as shown: in the VAT view of the item, the profit and margin
 * after VAT settlement in place of metrics.md's (profit.md). */
static const CiroCategoryRow *
shown_row (const CiroCategoryItem *it, CiroCategoryRow *buf)
{
  if (!it->after_vat)
    return &it->row;
  *buf = it->row;
  buf->profit = it->row.profit_ex_vat;
  buf->margin_pct = it->row.margin_ex_vat_pct;
  buf->has_profit_change = it->row.has_profit_ex_vat_change;
  buf->profit_change_pct = it->row.profit_ex_vat_change_pct;
  return buf;
}

static int
compare_items (gconstpointer a, gconstpointer b, gpointer data)
{
  CiroCategoryRow bx, by;
  const CiroCategoryRow *x = shown_row (a, &bx), *y = shown_row (b, &by);
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
    case COL_TREND:
    case N_COLS:
    default: return g_strdup ("");
    }
}

/* The key a category is known by in the trend's choice: its kind and name. */
static char *
category_key (const CiroCategoryRow *r)
{
  return g_strdup_printf ("%d:%s", (int) r->kind, r->category);
}

static void trend_toggled (GtkCheckButton *check, GParamSpec *pspec, CiroCategoriesPage *self);
static void ensure_chosen (CiroCategoriesPage *self);
static void sync_checks (CiroCategoriesPage *self, GtkWidget *w);

static void
cell_setup (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  Column col = GPOINTER_TO_INT (data);
  GtkWidget *label;

  if (col == COL_TREND)
    {
      GtkWidget *check = gtk_check_button_new ();
      gtk_widget_set_tooltip_text (check, _("Show in the monthly trend"));
      gtk_list_item_set_child (item, check);
      return;
    }
  label = gtk_label_new (NULL);

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
  g_autofree char *text = NULL;

  if (col == COL_TREND)
    {
      CiroCategoriesPage *self = g_object_get_data (G_OBJECT (f), "ciro-page");
      g_autofree char *key = category_key (&it->row);

      g_object_set_data_full (G_OBJECT (label), "ciro-key", g_steal_pointer (&key), g_free);
      g_signal_handlers_disconnect_matched (label, G_SIGNAL_MATCH_FUNC, 0, 0, NULL, trend_toggled, NULL);
      if (self != NULL)
        {
          g_autofree char *k = category_key (&it->row);
          gtk_check_button_set_active (GTK_CHECK_BUTTON (label),
                                       self->chosen != NULL && g_hash_table_contains (self->chosen, k));
          g_signal_connect (label, "notify::active", G_CALLBACK (trend_toggled), self);
        }
      return;
    }
  CiroCategoryRow buf;
  const CiroCategoryRow *shown = shown_row (it, &buf);
  text = cell_text (shown, col);
  gboolean bad = (col == COL_PROFIT && shown->profit < 0) ||
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

  if (col == COL_TREND)
    g_object_set_data (G_OBJECT (factory), "ciro-page", self);
  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GINT_TO_POINTER (col));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GINT_TO_POINTER (col));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, col == COL_NAME);
  gtk_column_view_column_set_resizable (column, col != COL_TREND);
  if (col != COL_TREND)
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

typedef struct {
  GArray    *rows;       /* the window's categories */
  GArray    *months;     /* the trend's months */
  GPtrArray *names;      /* the marketplaces to choose from */
} Loaded;

static void
loaded_free (gpointer data)
{
  Loaded *l = data;
  g_clear_pointer (&l->rows, g_array_unref);
  g_clear_pointer (&l->months, g_array_unref);
  g_clear_pointer (&l->names, g_ptr_array_unref);
  g_free (l);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Loaded, loaded_free)

/* The trend's days: the TREND_MONTHS calendar months to the window's last day. */
static void
trend_days (CiroDay to, CiroDay *a, CiroDay *b)
{
  *a = ciro_month_first_day (ciro_day_month (to) - (TREND_MONTHS - 1));
  *b = to;
}

static gpointer
read_categories (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Request *r = data;
  CiroReportFilter months = r->filter;
  Loaded *l = g_new0 (Loaded, 1);

  trend_days (r->filter.to, &months.from, &months.to);
  if ((l->rows = ciro_report_categories (store, &r->filter, error)) == NULL ||
      (l->months = ciro_report_category_months (store, &months, error)) == NULL ||
      (l->names = ciro_store_list_marketplaces (store, error)) == NULL)
    {
      loaded_free (l);
      return NULL;
    }
  return l;
}

static gpointer
read_products (CiroStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  Request *r = data;
  /* all of them, for the Products page; the first ones are listed here */
  return ciro_report_category_products (store, &r->filter, r->kind, r->category, CIRO_SORT_REVENUE, 0, error);
}

static void
show_chart (CiroCategoriesPage *self, GArray *rows)
{
  guint n = MIN (rows->len, 12);
  g_autofree const char **names = g_new0 (const char *, MAX (n, 1));
  g_autofree double *revenue = g_new0 (double, MAX (n, 1));
  g_autofree double *profit = g_new0 (double, MAX (n, 1));
  CiroChart *chart = ciro_chart_new (CIRO_CHART_BARS);
  gboolean after_vat = ciro_vat_view_get (ciro_context_get_settings (self->context));

  /* the engine's order: by revenue, the largest first */
  for (guint i = 0; i < n; i++)
    {
      const CiroCategoryRow *r = &g_array_index (rows, CiroCategoryRow, i);
      names[i] = ciro_category_display_name (r);
      revenue[i] = (double) r->revenue;
      profit[i] = (double) (after_vat ? r->profit_ex_vat : r->profit);
    }
  ciro_chart_set_title (chart, n < rows->len ? _("Revenue and profit of the 12 largest categories")
                                             : _("Revenue and profit by category"));
  ciro_chart_set_labels (chart, names, n);
  ciro_chart_add_series (chart, _("Revenue"), revenue, n, TRUE);
  ciro_chart_add_series (chart, after_vat ? _("Profit after VAT") : _("Profit"), profit, n, TRUE);
  ciro_chart_view_set_chart (CIRO_CHART_VIEW (self->chart), chart);
  /* 40 px a bar, under the chart's title and legend */
  gtk_widget_set_size_request (self->chart, -1, (int) MAX (1, n) * 40 + 64);
}

/* The monthly revenue of the chosen categories (the largest ones until the
 * user chooses), a line each, from the months read with the categories:
 * choosing does not read the store again. */
static void
show_trend (CiroCategoriesPage *self)
{
  GListModel *model = G_LIST_MODEL (self->items);
  guint n_items = g_list_model_get_n_items (model);
  gint32 m0, m1;
  guint n_months;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  CiroChart *chart = ciro_chart_new (CIRO_CHART_LINE);
  CiroDay a, b;

  trend_days (self->to, &a, &b);
  m0 = ciro_day_month (a), m1 = ciro_day_month (b);
  n_months = (guint) (m1 - m0 + 1);
  for (gint32 m = m0; m <= m1; m++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_utc (m / 12, m % 12 + 1, 1, 0, 0, 0);
      /* TRANSLATORS: strftime format of a month under the categories' trend chart */
      g_ptr_array_add (labels, g_date_time_format (dt, C_("trend month", "%b %Y")));
    }
  ciro_chart_set_title (chart, _("Monthly revenue of the chosen categories"));
  ciro_chart_set_labels (chart, (const char * const *) labels->pdata, n_months);
  /* the items are in the engine's order: by revenue, the largest first */
  for (guint i = 0, shown = 0; i < n_items; i++)
    {
      g_autoptr(CiroCategoryItem) it = g_list_model_get_item (model, i);
      g_autofree char *key = category_key (&it->row);
      g_autofree double *v = NULL;

      if (self->chosen != NULL ? !g_hash_table_contains (self->chosen, key) : shown >= TREND_DEFAULT)
        continue;
      v = g_new0 (double, n_months);
      for (guint k = 0; self->months != NULL && k < self->months->len; k++)
        {
          const CiroCategoryRow *r = &g_array_index (self->months, CiroCategoryRow, k);
          if (r->kind == it->row.kind && g_strcmp0 (r->category, it->row.category) == 0 &&
              r->month >= m0 && r->month <= m1)
            v[r->month - m0] = (double) r->revenue;
        }
      ciro_chart_add_series (chart, ciro_category_display_name (&it->row), v, n_months, TRUE);
      shown++;
    }
  ciro_chart_view_set_chart (CIRO_CHART_VIEW (self->trend), chart);
}

static void
trend_toggled (GtkCheckButton *check, GParamSpec *pspec, CiroCategoriesPage *self)
{
  const char *key = g_object_get_data (G_OBJECT (check), "ciro-key");

  if (key == NULL)
    return;
  ciro_categories_page_choose (self, key, gtk_check_button_get_active (check));
}

/* The default choice made explicit: the largest ones, so that a toggle
 * adds to or takes from what the chart shows. */
static void
ensure_chosen (CiroCategoriesPage *self)
{
  GListModel *model = G_LIST_MODEL (self->items);

  if (self->chosen != NULL)
    return;
  self->chosen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < MIN (g_list_model_get_n_items (model), TREND_DEFAULT); i++)
    {
      g_autoptr(CiroCategoryItem) it = g_list_model_get_item (model, i);
      g_hash_table_add (self->chosen, category_key (&it->row));
    }
}

/* The rows' check buttons shown follow the choice. */
static void
sync_checks (CiroCategoriesPage *self, GtkWidget *w)
{
  const char *key = g_object_get_data (G_OBJECT (w), "ciro-key");

  if (GTK_IS_CHECK_BUTTON (w) && key != NULL)
    {
      g_signal_handlers_block_by_func (w, trend_toggled, self);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (w), g_hash_table_contains (self->chosen, key));
      g_signal_handlers_unblock_by_func (w, trend_toggled, self);
    }
  for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
    sync_checks (self, c);
}

void
ciro_categories_page_choose (CiroCategoriesPage *self, const char *key, gboolean shown)
{
  g_return_if_fail (CIRO_IS_CATEGORIES_PAGE (self));

  ensure_chosen (self);
  self->user_chose = TRUE;
  if (shown == g_hash_table_contains (self->chosen, key))
    return;
  if (shown)
    g_hash_table_add (self->chosen, g_strdup (key));
  else
    g_hash_table_remove (self->chosen, key);
  show_trend (self);
}

void
ciro_categories_page_toggle_trend (CiroCategoriesPage *self, guint index)
{
  g_autoptr(CiroCategoryItem) it = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (CIRO_IS_CATEGORIES_PAGE (self));
  it = g_list_model_get_item (G_LIST_MODEL (self->sorted), index);
  g_return_if_fail (it != NULL);
  key = category_key (&it->row);
  ensure_chosen (self);
  ciro_categories_page_choose (self, key, !g_hash_table_contains (self->chosen, key));
  sync_checks (self, GTK_WIDGET (self->view));
}

const CiroChart *
ciro_categories_page_get_trend (CiroCategoriesPage *self)
{
  g_return_val_if_fail (CIRO_IS_CATEGORIES_PAGE (self), NULL);
  return ciro_chart_view_get_chart (CIRO_CHART_VIEW (self->trend));
}

static void
clear_products (CiroCategoriesPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->products_list))) != NULL)
    gtk_list_box_remove (self->products_list, child);
  g_ptr_array_set_size (self->shown_products, 0);
  g_array_set_size (self->drill_keys, 0);
  g_clear_pointer (&self->drill_name, g_free);
  gtk_widget_set_visible (self->open_products, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->products_list), FALSE);
  gtk_label_set_text (self->drill_title, _("Choose a category to see its products."));
}

/* The drop-down's names: every marketplace first, then the store's, the
 * chosen one selected. */
static void
update_marketplaces (CiroCategoriesPage *self, GPtrArray *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->mp_names)), selected = 0;
  g_autoptr(GPtrArray) strv = g_ptr_array_new ();

  g_ptr_array_add (strv, (gpointer) _("All Marketplaces"));
  for (guint i = 0; i < list->len; i++)
    {
      const char *name = ((CiroMarketplaceSettings *) list->pdata[i])->name;
      g_ptr_array_add (strv, (gpointer) name);
      if (g_strcmp0 (name, self->marketplace) == 0)
        selected = i + 1;
    }
  g_ptr_array_add (strv, NULL);
  self->updating = TRUE;
  gtk_string_list_splice (self->mp_names, 0, n, (const char * const *) strv->pdata);
  gtk_drop_down_set_selected (self->mp_drop, selected);
  self->updating = FALSE;
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroCategoriesPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(Loaded) l = ciro_report_service_run_finish (CIRO_REPORT_SERVICE (source), result, &error);
  GArray *rows = l != NULL ? l->rows : NULL;
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
      it->after_vat = ciro_vat_view_get (ciro_context_get_settings (self->context));
      g_ptr_array_add (items, it);
    }
  update_marketplaces (self, l->names);
  /* the trend's months (their rows own their names) */
  g_clear_pointer (&self->months, g_array_unref);
  self->months = g_steal_pointer (&l->months);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  clear_products (self);
  if (!self->user_chose)
    g_clear_pointer (&self->chosen, g_hash_table_unref);
  ensure_chosen (self);
  sync_checks (self, GTK_WIDGET (self->view));
  if (rows->len > 0)
    {
      show_chart (self, rows);
      show_trend (self);
    }
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
  r->filter.marketplace = g_strdup (self->marketplace);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_report_service_run_async (ciro_context_get_reports (self->context), self, read_categories, r,
                                 request_free, loaded_free, NULL, loaded, g_object_ref (self));
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

void
ciro_categories_page_set_marketplace (CiroCategoriesPage *self, const char *marketplace)
{
  g_return_if_fail (CIRO_IS_CATEGORIES_PAGE (self));
  g_free (self->marketplace);
  self->marketplace = marketplace != NULL && *marketplace != '\0' ? g_strdup (marketplace) : NULL;
  ciro_categories_page_reload (self);
}

const char *
ciro_categories_page_get_marketplace (CiroCategoriesPage *self)
{
  g_return_val_if_fail (CIRO_IS_CATEGORIES_PAGE (self), NULL);
  return self->marketplace;
}

static void
mp_selected (CiroCategoriesPage *self)
{
  guint i = gtk_drop_down_get_selected (self->mp_drop);

  if (self->updating || self->context == NULL)
    return;
  ciro_categories_page_set_marketplace (self, i == 0 || i == GTK_INVALID_LIST_POSITION
                                                ? NULL : gtk_string_list_get_string (self->mp_names, i));
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
    g_array_append_val (self->drill_keys, g_array_index (rows, CiroProductRow, i).product_key);
  gtk_widget_set_visible (self->open_products, rows->len > 0);
  for (guint i = 0; i < MIN (rows->len, DRILL_LIMIT); i++)
    {
      const CiroProductRow *p = &g_array_index (rows, CiroProductRow, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *revenue = ciro_money_format (p->revenue, style);
      g_autofree char *profit = ciro_money_format (ciro_vat_view_get (ciro_context_get_settings (self->context))
                                                   ? p->profit_ex_vat : p->profit, style);
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
  self->drill_name = g_strdup (ciro_category_display_name (&it->row));
  r = g_new0 (Request, 1);
  r->filter.from = self->from;
  r->filter.to = self->to;
  r->filter.marketplace = g_strdup (self->marketplace);
  r->kind = it->row.kind;
  r->category = g_strdup (it->row.category);
  /* an owner of its own: the drill-down does not cancel a reload */
  ciro_report_service_run_async (ciro_context_get_reports (self->context), &self->shown_products,
                                 read_products, r, request_free, (GDestroyNotify) g_array_unref, NULL,
                                 products_loaded, g_object_ref (self));
}

void
ciro_categories_page_open_products (CiroCategoriesPage *self)
{
  g_return_if_fail (CIRO_IS_CATEGORIES_PAGE (self));
  if (self->drill_name != NULL)
    g_signal_emit (self, signals[SIGNAL_OPEN_PRODUCTS], 0);
}

const char *
ciro_categories_page_get_drill (CiroCategoriesPage *self, GArray **keys, CiroRangePreset *preset)
{
  g_return_val_if_fail (CIRO_IS_CATEGORIES_PAGE (self), NULL);
  if (keys != NULL)
    *keys = self->drill_keys;
  if (preset != NULL)
    *preset = self->preset;
  return self->drill_name;
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

/* ---------------------------------------------------------- the VAT view */

static void
update_vat_titles (CiroCategoriesPage *self)
{
  gboolean after = ciro_vat_view_get (ciro_context_get_settings (self->context));
  GListModel *columns = gtk_column_view_get_columns (self->view);
  g_autoptr(GtkColumnViewColumn) profit = g_list_model_get_item (columns, COL_PROFIT);
  g_autoptr(GtkColumnViewColumn) margin = g_list_model_get_item (columns, COL_MARGIN);

  gtk_column_view_column_set_title (profit, after ? _("Profit after VAT") : _("Profit"));
  gtk_column_view_column_set_title (margin, after ? _("Margin after VAT") : _("Margin"));
}

/* The setting changed: the rows hold both views; the table, its order and
 * the chart change without a new query. */
static void
vat_view_changed (CiroCategoriesPage *self)
{
  GListModel *model = G_LIST_MODEL (self->items);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (CiroCategoryRow));
  gboolean after = ciro_vat_view_get (ciro_context_get_settings (self->context));

  update_vat_titles (self);
  for (guint i = 0; i < n; i++)
    {
      CiroCategoryItem *it = g_list_model_get_item (model, i);
      it->after_vat = after;
      g_ptr_array_add (items, it);
      g_array_append_val (rows, it->row);     /* borrowed names, in the engine's order */
    }
  /* the same items again: every cell bound anew, sorted anew */
  g_list_store_splice (self->items, 0, n, items->pdata, n);
  sync_checks (self, GTK_WIDGET (self->view));
  if (rows->len > 0)
    show_chart (self, rows);
}

/* For tests: the text of the cell of `column` (the Column order) in the
 * sorted table's row `position`, or a column's title for position -1. */
char *
ciro_categories_page_get_cell (CiroCategoriesPage *self, int position, guint column)
{
  g_autoptr(CiroCategoryItem) it = NULL;
  CiroCategoryRow buf;

  g_return_val_if_fail (CIRO_IS_CATEGORIES_PAGE (self), NULL);
  if (position < 0)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (gtk_column_view_get_columns (self->view), column);
      return c != NULL ? g_strdup (gtk_column_view_column_get_title (c)) : NULL;
    }
  it = g_list_model_get_item (G_LIST_MODEL (self->sorted), (guint) position);
  return it != NULL && column < N_COLS ? cell_text (shown_row (it, &buf), column) : NULL;
}

static void
ciro_categories_page_constructed (GObject *object)
{
  CiroCategoriesPage *self = CIRO_CATEGORIES_PAGE (object);

  G_OBJECT_CLASS (ciro_categories_page_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (ciro_lazy_load_request), self,
                           G_CONNECT_SWAPPED);
  update_vat_titles (self);
  ciro_vat_view_connect (ciro_context_get_settings (self->context), G_CALLBACK (vat_view_changed), self);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->chart)),
                              ciro_vat_view_label_new (ciro_context_get_settings (self->context)), NULL);
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
  g_array_unref (self->drill_keys);
  g_free (self->drill_name);
  g_clear_pointer (&self->months, g_array_unref);
  g_clear_pointer (&self->chosen, g_hash_table_unref);
  g_free (self->marketplace);
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
  /* the drilled-down category's products asked for on the Products page */
  signals[SIGNAL_OPEN_PRODUCTS] = g_signal_new ("open-products", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (CIRO_TYPE_CHART_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-categories-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, range_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, range_label);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, mp_drop);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, mp_names);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, chart);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, trend);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, view);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, drill_title);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, open_products);
  gtk_widget_class_bind_template_child (widget_class, CiroCategoriesPage, products_list);
  gtk_widget_class_bind_template_callback (widget_class, range_changed);
  gtk_widget_class_bind_template_callback (widget_class, mp_selected);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);
  gtk_widget_class_bind_template_callback (widget_class, ciro_categories_page_open_products);
}

static void
ciro_categories_page_init (CiroCategoriesPage *self)
{
  static const char *titles[N_COLS] = {
    /* TRANSLATORS: the column of check buttons that put a category in the trend chart */
    N_("Trend"), N_("Category"), N_("Revenue"), N_("Cost"), N_("Commission"), N_("Profit"), N_("Margin"), N_("Share"),
    N_("Orders"), N_("Units"), N_("Change"),
  };
  g_autoptr(GtkStringList) ranges = gtk_string_list_new (NULL);
  GtkSelectionModel *selection;

  self->preset = CIRO_RANGE_LAST_30_DAYS;
  self->shown_products = g_ptr_array_new_with_free_func (g_free);
  self->drill_keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    gtk_string_list_append (ranges, _(ciro_range_preset_label (presets[i])));
  gtk_drop_down_set_model (self->range_dropdown, G_LIST_MODEL (ranges));
  self->updating = TRUE;
  gtk_string_list_append (self->mp_names, _("All Marketplaces"));
  gtk_drop_down_set_expression (self->mp_drop, ciro_marketplace_name_expression ());
  self->updating = FALSE;

  self->items = g_list_store_new (CIRO_TYPE_CATEGORY_ITEM);
  for (guint c = 0; c < N_COLS; c++)
    add_column (self, _(titles[c]), c);
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                          g_object_ref (gtk_column_view_get_sorter (self->view)));
  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted))));
  /* its rows only while shown (ciro-list-when-shown.h) */
  ciro_list_when_shown_set_model (GTK_WIDGET (self->view), selection);
  g_object_unref (selection);
}

GtkWidget *
ciro_categories_page_new (CiroContext *context)
{
  return g_object_new (CIRO_TYPE_CATEGORIES_PAGE, "context", context, NULL);
}
