/* ciro-stock-page.c: low stock, running out, slow-moving and dead stock
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "analytics/ciro-report.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "core/ciro-text.h"
#include "store/ciro-settings.h"
#include "ui/ciro-list-when-shown.h"
#include "ciro-stock-page.h"

/* ---------------------------------------------------------- one product */

#define CIRO_TYPE_STOCK_ITEM (ciro_stock_item_get_type ())
G_DECLARE_FINAL_TYPE (CiroStockItem, ciro_stock_item, CIRO, STOCK_ITEM, GObject)

struct _CiroStockItem
{
  GObject      parent_instance;
  CiroStockRow row;
  char        *folded;          /* name and SKU, folded for search */
};

G_DEFINE_FINAL_TYPE (CiroStockItem, ciro_stock_item, G_TYPE_OBJECT)

static void
ciro_stock_item_finalize (GObject *object)
{
  CiroStockItem *self = CIRO_STOCK_ITEM (object);
  g_free (self->row.sku);
  g_free (self->row.name);
  g_free (self->folded);
  G_OBJECT_CLASS (ciro_stock_item_parent_class)->finalize (object);
}

static void
ciro_stock_item_class_init (CiroStockItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = ciro_stock_item_finalize;
}

static void
ciro_stock_item_init (CiroStockItem *self)
{
}

/* ---------------------------------------------------------- the page */

static const struct {
  const char *title;
  const char *setting;
  const char *threshold_label;   /* before the spin button */
  const char *unit;              /* after it */
  const char *empty;
} sections[CIRO_STOCK_N_SECTIONS] = {
  { N_("Low Stock"), CIRO_SETTING_LOW_STOCK_THRESHOLD, N_("Selling, with fewer than"), N_("units"),
    N_("No product that sells is low on stock") },
  { N_("Running Out"), CIRO_SETTING_RUNOUT_DAYS, N_("At the recent pace, runs out within"), N_("days"),
    N_("No product runs out soon") },
  { N_("Slow Moving"), CIRO_SETTING_SLOW_MOVING_DAYS, N_("Stock lasts longer than"), N_("days"),
    N_("No stock sits for long") },
  { N_("Dead Stock"), CIRO_SETTING_DEAD_STOCK_DAYS, N_("In stock, no sale for"), N_("days"),
    N_("Every product in stock has sold lately") },
};

G_DEFINE_ENUM_TYPE (CiroStockSection, ciro_stock_section,
                    G_DEFINE_ENUM_VALUE (CIRO_STOCK_LOW, "low"),
                    G_DEFINE_ENUM_VALUE (CIRO_STOCK_RUNNING_OUT, "running-out"),
                    G_DEFINE_ENUM_VALUE (CIRO_STOCK_SLOW, "slow"),
                    G_DEFINE_ENUM_VALUE (CIRO_STOCK_DEAD, "dead"))

struct _CiroStockPage
{
  AdwBin            parent_instance;

  CiroContext      *context;
  CiroDay           today;
  CiroStockSection  section;
  guint             thresholds[CIRO_STOCK_N_SECTIONS];
  guint             counts[CIRO_STOCK_N_SECTIONS];
  char             *search;          /* folded */
  CiroKurus         list_value;      /* of the rows shown */
  CiroKurus         total_value;     /* of every product */
  gboolean          updating;
  gboolean          narrow;          /* a list of rows instead of the columns */

  /* template */
  GtkStack         *stack;           /* loading / empty / error / data */
  AdwStatusPage    *error_page;
  GtkToggleButton  *low_button;
  GtkToggleButton  *running_out_button;
  GtkToggleButton  *slow_button;
  GtkToggleButton  *dead_button;
  GtkLabel         *threshold_label;
  GtkSpinButton    *threshold_spin;
  GtkLabel         *unit_label;
  GtkSearchEntry   *search_entry;
  GtkLabel         *value_label;
  GtkStack         *list_stack;      /* list / none */
  AdwStatusPage    *none_page;
  GtkColumnView    *view;
  GtkListView      *row_view;        /* the narrow window's: ciro_stock_page_set_narrow () */

  GtkToggleButton  *tabs[CIRO_STOCK_N_SECTIONS];
  GListStore       *items;
  GtkCustomFilter  *filter;
  GtkCustomSorter  *section_sorter;
  GtkFilterListModel *filtered;
  GtkSortListModel *sorted;
  GtkSelectionModel *selection;      /* the shown list's model: ciro_stock_page_set_narrow () */
};

G_DEFINE_FINAL_TYPE (CiroStockPage, ciro_stock_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_CONTEXT, PROP_SECTION, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* the engine's lists, in the same order */
G_STATIC_ASSERT ((int) CIRO_STOCK_N_SECTIONS == (int) CIRO_STOCK_N_LISTS);
G_STATIC_ASSERT ((int) CIRO_STOCK_DEAD == (int) CIRO_STOCK_LIST_DEAD);

static gboolean
in_section (CiroStockItem *it, CiroStockSection section)
{
  return ciro_stock_row_in_list (&it->row, (CiroStockList) section);
}

static gboolean
filter_func (gpointer item, gpointer data)
{
  CiroStockPage *self = data;
  CiroStockItem *it = item;

  if (!in_section (it, self->section))
    return FALSE;
  return self->search == NULL || strstr (it->folded, self->search) != NULL;
}

static int
cmp_int (gint64 a, gint64 b)
{
  return (a > b) - (a < b);
}

static int
cmp_double (double a, double b)
{
  return (a > b) - (a < b);
}

/* ∞ days of stock sort after every number */
static double
days_key (const CiroStockItem *it)
{
  return it->row.has_days_of_stock ? it->row.days_of_stock : INFINITY;
}

/* The order each list starts in: the most urgent first (the engine's,
 * as the Stock export writes it). */
static int
section_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  CiroStockPage *self = data;
  const CiroStockItem *x = a, *y = b;

  return ciro_stock_row_list_compare (&x->row, &y->row, (CiroStockList) self->section);
}

/* an unknown value after every known one */
static int
cmp_value (const CiroStockItem *x, const CiroStockItem *y)
{
  if (x->row.has_stock_value != y->row.has_stock_value)
    return x->row.has_stock_value ? 1 : -1;
  return cmp_int (x->row.stock_value, y->row.stock_value);
}

#define COLUMN_SORTER(name, expr)                                              \
  static int name (gconstpointer a, gconstpointer b, gpointer data)           \
  {                                                                            \
    const CiroStockItem *x = a, *y = b;                                        \
    return expr;                                                               \
  }
COLUMN_SORTER (by_name, g_utf8_collate (x->row.name ? x->row.name : "", y->row.name ? y->row.name : ""))
COLUMN_SORTER (by_sku, g_strcmp0 (x->row.sku, y->row.sku))
COLUMN_SORTER (by_stock, cmp_int (x->row.stock, y->row.stock))
COLUMN_SORTER (by_daily, cmp_double (x->row.daily_sales, y->row.daily_sales))
COLUMN_SORTER (by_days, cmp_double (days_key (x), days_key (y)))
COLUMN_SORTER (by_last_sale, cmp_int (x->row.last_sale, y->row.last_sale))
COLUMN_SORTER (by_value, cmp_value (x, y))

/* ---------------------------------------------------------- cells */

typedef enum { COL_NAME, COL_SKU, COL_STOCK, COL_DAILY, COL_DAYS, COL_DATE, COL_LAST_SALE, COL_VALUE } Column;

static char *
day_text (CiroDay day)
{
  int y, m, d;
  g_autoptr(GDateTime) dt = NULL;

  ciro_day_to_ymd (day, &y, &m, &d);
  dt = g_date_time_new_utc (y, m, d, 12, 0, 0);
  /* TRANSLATORS: strftime format of a day in the stock table */
  return g_date_time_format (dt, _("%-d %b %Y"));
}

static void
cell_setup (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  Column col = GPOINTER_TO_INT (data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), col <= COL_SKU ? 0 : 1);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (col > COL_SKU)
    gtk_widget_add_css_class (label, "numeric");
  if (col == COL_SKU)
    gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  Column col = GPOINTER_TO_INT (data);
  CiroStockItem *it = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *text = NULL;
  gboolean warn = FALSE;

  switch (col)
    {
    case COL_NAME:
      text = g_strdup (it->row.name ? it->row.name : "");
      break;
    case COL_SKU:
      text = g_strdup (it->row.sku ? it->row.sku : "");
      break;
    case COL_STOCK:
      text = ciro_count_format (it->row.stock, style);
      warn = it->row.low_stock;
      break;
    case COL_DAILY:
      text = ciro_number_format (it->row.daily_sales, it->row.daily_sales > 0 && it->row.daily_sales < 0.1 ? 2 : 1, style);
      break;
    case COL_DAYS:
      text = it->row.has_days_of_stock ? ciro_number_format (it->row.days_of_stock, 0, style) : g_strdup ("∞");
      warn = it->row.has_days_of_stock && it->row.days_of_stock < 7;
      break;
    case COL_LAST_SALE:
      text = it->row.last_sale != CIRO_DAY_INVALID ? day_text (it->row.last_sale) : g_strdup (_("No sale yet"));
      break;
    case COL_VALUE:
      /* no cost known for what is in stock: no value, never ₺0 */
      text = it->row.has_stock_value ? ciro_money_format (it->row.stock_value, style) : g_strdup ("—");
      break;
    case COL_DATE:
    default:
      if (it->row.stock <= 0)
        {
          text = g_strdup (_("Out of stock"));
          warn = TRUE;
        }
      else if (it->row.stock_out_date != CIRO_DAY_INVALID)
        text = day_text (it->row.stock_out_date);
      else
        text = g_strdup ("—");
      break;
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  if (warn)
    gtk_widget_add_css_class (label, "warning");
  else
    gtk_widget_remove_css_class (label, "warning");
}

/* A product as a row, for a window too narrow for the columns: name and
 * SKU; stock, and when it runs out (or its last sale), on the right. */
static GtkWidget *
row_label (GtkWidget *box, float xalign, const char *css, const char *name)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  gtk_widget_set_name (label, name);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

static void
row_setup (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_hexpand (left, TRUE);
  gtk_widget_set_valign (right, GTK_ALIGN_CENTER);
  row_label (left, 0, NULL, "name");
  gtk_widget_add_css_class (row_label (left, 0, "caption", "details"), "dim-label");
  row_label (right, 1, "numeric", "stock");
  row_label (right, 1, "caption", "when");
  gtk_box_append (GTK_BOX (box), left);
  gtk_box_append (GTK_BOX (box), right);
  gtk_list_item_set_child (item, box);
}

static void
row_bind (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  CiroStockItem *it = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *left = gtk_widget_get_first_child (box), *right = gtk_widget_get_last_child (box);
  GtkWidget *stock_label = gtk_widget_get_first_child (right), *when_label = gtk_widget_get_last_child (right);
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *stock = ciro_count_format (it->row.stock, style);
  g_autofree char *daily = ciro_number_format (it->row.daily_sales,
                                               it->row.daily_sales > 0 && it->row.daily_sales < 0.1 ? 2 : 1, style);
  /* TRANSLATORS: a product's SKU and its daily sales, in the narrow stock list */
  g_autofree char *details = g_strdup_printf (_("%s · %s a day"), it->row.sku ? it->row.sku : "", daily);
  /* TRANSLATORS: units in stock, in the narrow stock list */
  g_autofree char *stock_text = g_strdup_printf (_("%s in stock"), stock);
  g_autofree char *when = NULL;
  gboolean warn = FALSE;

  if (it->row.stock <= 0)
    when = g_strdup (_("Out of stock")), warn = TRUE;
  else if (it->row.stock_out_date != CIRO_DAY_INVALID)
    {
      g_autofree char *day = day_text (it->row.stock_out_date);
      /* TRANSLATORS: the day a product runs out, in the narrow stock list */
      when = g_strdup_printf (_("runs out %s"), day);
      warn = it->row.has_days_of_stock && it->row.days_of_stock < 7;
    }
  else if (it->row.last_sale != CIRO_DAY_INVALID)
    {
      g_autofree char *day = day_text (it->row.last_sale);
      /* TRANSLATORS: a product's last sale, in the narrow stock list */
      when = g_strdup_printf (_("last sale %s"), day);
    }
  else
    when = g_strdup (_("No sale yet"));
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (left)), it->row.name ? it->row.name : "");
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (left)), details);
  gtk_label_set_text (GTK_LABEL (stock_label), stock_text);
  gtk_label_set_text (GTK_LABEL (when_label), when);
  if (it->row.low_stock)
    gtk_widget_add_css_class (stock_label, "warning");
  else
    gtk_widget_remove_css_class (stock_label, "warning");
  if (warn)
    gtk_widget_add_css_class (when_label, "warning");
  else
    gtk_widget_remove_css_class (when_label, "warning");
}

static void
add_column (CiroStockPage *self, const char *title, Column col, GCompareDataFunc cmp, gboolean expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GINT_TO_POINTER (col));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GINT_TO_POINTER (col));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (cmp != NULL)
    {
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (cmp, NULL, NULL));
      gtk_column_view_column_set_sorter (column, sorter);
      g_object_unref (sorter);
    }
  gtk_column_view_append_column (self->view, column);
  g_object_unref (column);
}

/* ---------------------------------------------------------- loading */

static void
update_tabs (CiroStockPage *self)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();

  for (guint i = 0; i < CIRO_STOCK_N_SECTIONS; i++)
    {
      g_autofree char *n = ciro_count_format (self->counts[i], style);
      /* TRANSLATORS: a stock section and how many products it holds */
      g_autofree char *label = g_strdup_printf (_("%s (%s)"), _(sections[i].title), n);
      gtk_button_set_label (GTK_BUTTON (self->tabs[i]), label);
    }
}

/* The list's stock value at cost (the rows shown) and every product's. */
static void
update_value (CiroStockPage *self)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GListModel *all = G_LIST_MODEL (self->items), *shown = G_LIST_MODEL (self->sorted);
  CiroKurus list = 0, total = 0;
  guint unknown = 0;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(CiroStockItem) it = g_list_model_get_item (all, i);
      total += it->row.has_stock_value ? it->row.stock_value : 0;
    }
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(CiroStockItem) it = g_list_model_get_item (shown, i);
      list += it->row.has_stock_value ? it->row.stock_value : 0;
      unknown += it->row.stock > 0 && !it->row.has_stock_value;
    }
  self->list_value = list;
  self->total_value = total;
  a = ciro_money_format (list, style);
  b = ciro_money_format (total, style);
  /* TRANSLATORS: under the stock tabs: the value at cost of the list
   * shown, then of every product in stock */
  text = g_strdup_printf (_("Stock value at cost: %s in this list · %s in all"), a, b);
  if (unknown > 0)
    {
      g_autofree char *n = ciro_count_format (unknown, style);
      /* TRANSLATORS: added after the stock value when some products have no purchase price */
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, " (%s product without a cost left out)",
                                                            " (%s products without a cost left out)", unknown), n);
      g_autofree char *joined = g_strconcat (text, more, NULL);
      g_free (text);
      text = g_steal_pointer (&joined);
    }
  gtk_label_set_text (self->value_label, text);
}

static void
update_section (CiroStockPage *self)
{
  self->updating = TRUE;
  for (guint i = 0; i < CIRO_STOCK_N_SECTIONS; i++)
    gtk_toggle_button_set_active (self->tabs[i], i == self->section);
  gtk_label_set_text (self->threshold_label, _(sections[self->section].threshold_label));
  gtk_label_set_text (self->unit_label, _(sections[self->section].unit));
  gtk_spin_button_set_value (self->threshold_spin, self->thresholds[self->section]);
  self->updating = FALSE;
  adw_status_page_set_title (self->none_page, _(sections[self->section].empty));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->section_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->sorted)) == 0 ? "none"
                                    : self->narrow ? "rows" : "list");
  update_value (self);
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroStockPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroStockReport) report = ciro_report_service_stock_finish (CIRO_REPORT_SERVICE (source), result, &error);
  g_autoptr(GPtrArray) items = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                           /* a newer load replaced it, or the page is gone */
  if (report == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }

  for (guint i = 0; i < CIRO_STOCK_N_SECTIONS; i++)
    self->thresholds[i] = (guint) CLAMP (report->values[i], 0, 100000);
  memset (self->counts, 0, sizeof self->counts);
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < report->rows->len; i++)
    {
      CiroStockRow *r = &g_array_index (report->rows, CiroStockRow, i);
      CiroStockItem *it = g_object_new (CIRO_TYPE_STOCK_ITEM, NULL);
      g_autofree char *both = g_strconcat (r->name ? r->name : "", "\n", r->sku ? r->sku : "", NULL);

      it->row = *r;
      it->row.sku = g_strdup (r->sku);
      it->row.name = g_strdup (r->name);
      it->folded = ciro_search_key (both);
      for (guint s = 0; s < CIRO_STOCK_N_SECTIONS; s++)
        self->counts[s] += in_section (it, s);
      g_ptr_array_add (items, it);
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  update_tabs (self);
  update_section (self);
  gtk_stack_set_visible_child_name (self->stack, report->has_orders || report->rows->len ? "data" : "empty");
  /* the previous load's items are gone: their memory back to the system */
  ciro_context_release_memory (self->context);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
ciro_stock_page_reload (CiroStockPage *self)
{
  const char *keys[CIRO_STOCK_N_SECTIONS + 1] = { NULL };

  g_return_if_fail (CIRO_IS_STOCK_PAGE (self));

  for (guint i = 0; i < CIRO_STOCK_N_SECTIONS; i++)
    keys[i] = sections[i].setting;
  self->today = ciro_today ();
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_report_service_stock_async (ciro_context_get_reports (self->context), self, self->today, keys, NULL,
                                   loaded, g_object_ref (self));
}

static void
threshold_saved (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroStockPage) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ciro_report_service_write_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (self->context == NULL)
    return;                           /* the page is gone */
  if (!ok)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  ciro_stock_page_reload (self);
}

void
ciro_stock_page_set_threshold (CiroStockPage *self, CiroStockSection section, guint value)
{
  g_autofree char *text = NULL;

  g_return_if_fail (CIRO_IS_STOCK_PAGE (self));
  g_return_if_fail (section < CIRO_STOCK_N_SECTIONS);
  /* a write is never dropped by the next one; the figures follow it */
  text = g_strdup_printf ("%u", value);
  ciro_report_service_write_async (ciro_context_get_reports (self->context), sections[section].setting, text,
                                   NULL, 0, 0, NULL, threshold_saved, g_object_ref (self));
}

void
ciro_stock_page_set_section (CiroStockPage *self, CiroStockSection section)
{
  gboolean changed;

  g_return_if_fail (CIRO_IS_STOCK_PAGE (self));
  g_return_if_fail (section < CIRO_STOCK_N_SECTIONS);
  changed = self->section != section;
  self->section = section;
  update_section (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SECTION]);
}

void
ciro_stock_page_focus_search (CiroStockPage *self)
{
  g_return_if_fail (CIRO_IS_STOCK_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
ciro_stock_page_set_search (CiroStockPage *self, const char *text)
{
  g_return_if_fail (CIRO_IS_STOCK_PAGE (self));
  g_clear_pointer (&self->search, g_free);
  if (text != NULL && *text != '\0')
    self->search = ciro_search_key (text);
  update_section (self);
}

/* ---------------------------------------------------------- signals */

static void
tab_toggled (CiroStockPage *self, GtkToggleButton *button)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < CIRO_STOCK_N_SECTIONS; i++)
    if (self->tabs[i] == button)
      ciro_stock_page_set_section (self, i);
}

static void
search_changed (CiroStockPage *self)
{
  ciro_stock_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

/* saved when the user stops changing it, not at every click */
static void
threshold_changed (CiroStockPage *self)
{
  guint v = (guint) gtk_spin_button_get_value_as_int (self->threshold_spin);

  if (self->updating || v == self->thresholds[self->section])
    return;
  self->thresholds[self->section] = v;
  ciro_stock_page_set_threshold (self, self->section, v);
}

/* ---------------------------------------------------------- the object */

static void
ciro_stock_page_constructed (GObject *object)
{
  CiroStockPage *self = CIRO_STOCK_PAGE (object);

  G_OBJECT_CLASS (ciro_stock_page_parent_class)->constructed (object);

  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (ciro_stock_page_reload), self,
                           G_CONNECT_SWAPPED);
  ciro_stock_page_reload (self);
}

static void
ciro_stock_page_dispose (GObject *object)
{
  CiroStockPage *self = CIRO_STOCK_PAGE (object);

  if (self->context != NULL)
    ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->section_sorter);
  g_clear_object (&self->items);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_stock_page_parent_class)->dispose (object);
}

static void
ciro_stock_page_finalize (GObject *object)
{
  CiroStockPage *self = CIRO_STOCK_PAGE (object);

  g_free (self->search);
  G_OBJECT_CLASS (ciro_stock_page_parent_class)->finalize (object);
}

static void
ciro_stock_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroStockPage *self = CIRO_STOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_SECTION:
      ciro_stock_page_set_section (self, g_value_get_enum (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_stock_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroStockPage *self = CIRO_STOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_SECTION:
      g_value_set_enum (value, self->section);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_stock_page_class_init (CiroStockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ciro_stock_page_constructed;
  object_class->dispose = ciro_stock_page_dispose;
  object_class->finalize = ciro_stock_page_finalize;
  object_class->set_property = ciro_stock_page_set_property;
  object_class->get_property = ciro_stock_page_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* the list shown: low, running-out, slow or dead */
  properties[PROP_SECTION] = g_param_spec_enum ("section", NULL, NULL, CIRO_TYPE_STOCK_SECTION, CIRO_STOCK_LOW,
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-stock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, low_button);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, running_out_button);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, slow_button);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, dead_button);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, threshold_label);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, threshold_spin);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, unit_label);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, value_label);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, none_page);
  gtk_widget_class_bind_template_child (widget_class, CiroStockPage, view);
  gtk_widget_class_bind_template_callback (widget_class, tab_toggled);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, threshold_changed);
}

static void
ciro_stock_page_init (CiroStockPage *self)
{
  g_autoptr(GtkMultiSorter) sorter = gtk_multi_sorter_new ();

  self->section = CIRO_STOCK_LOW;
  self->updating = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->updating = FALSE;
  self->tabs[CIRO_STOCK_LOW] = self->low_button;
  self->tabs[CIRO_STOCK_RUNNING_OUT] = self->running_out_button;
  self->tabs[CIRO_STOCK_SLOW] = self->slow_button;
  self->tabs[CIRO_STOCK_DEAD] = self->dead_button;

  self->items = g_list_store_new (CIRO_TYPE_STOCK_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  add_column (self, _("Product"), COL_NAME, by_name, TRUE);
  add_column (self, _("SKU"), COL_SKU, by_sku, FALSE);
  add_column (self, _("Stock"), COL_STOCK, by_stock, FALSE);
  add_column (self, _("Daily sales"), COL_DAILY, by_daily, FALSE);
  add_column (self, _("Days of stock"), COL_DAYS, by_days, FALSE);
  add_column (self, _("Runs out on"), COL_DATE, by_days, FALSE);
  add_column (self, _("Last sale"), COL_LAST_SALE, by_last_sale, FALSE);
  add_column (self, _("Stock value at cost"), COL_VALUE, by_value, FALSE);
  /* the column the user clicks first, then the section's own order */
  self->section_sorter = gtk_custom_sorter_new (section_compare, self, NULL);
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->view)));
  gtk_multi_sorter_append (sorter, GTK_SORTER (g_object_ref (self->section_sorter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          GTK_SORTER (g_object_ref (sorter)));
  self->selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sorted))));
  ciro_list_when_shown_set_model (GTK_WIDGET (self->view), self->selection);

  /* the same rows for a narrow window (no AdwBreakpoint in libadwaita
   * 1.2: the window switches, ciro_stock_page_set_narrow ()) */
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
    GtkWidget *scrolled = gtk_scrolled_window_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (row_setup), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (row_bind), NULL);
    /* no model until the window is narrow */
    self->row_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, factory));
    gtk_list_view_set_show_separators (self->row_view, TRUE);
    gtk_widget_add_css_class (GTK_WIDGET (self->row_view), "data-table");
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->row_view));
    gtk_widget_set_vexpand (scrolled, TRUE);
    gtk_widget_add_css_class (scrolled, "card");
    gtk_stack_add_named (self->list_stack, scrolled, "rows");
  }
  update_section (self);
}

void
ciro_stock_page_set_narrow (CiroStockPage *self, gboolean narrow)
{
  g_return_if_fail (CIRO_IS_STOCK_PAGE (self));
  if (self->narrow == !!narrow)
    return;
  self->narrow = !!narrow;
  /* only the shown list has the model: GTK 4.8 makes widgets for up to
   * 200 rows of a list's model, shown or not; and neither holds it while
   * the page is hidden (ciro-list-when-shown.h) */
  ciro_list_when_shown_set_model (GTK_WIDGET (self->row_view), self->narrow ? self->selection : NULL);
  ciro_list_when_shown_set_model (GTK_WIDGET (self->view), self->narrow ? NULL : self->selection);
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->list_stack), "none"))
    gtk_stack_set_visible_child_name (self->list_stack, self->narrow ? "rows" : "list");
}

GtkWidget *
ciro_stock_page_new (CiroContext *context)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  return g_object_new (CIRO_TYPE_STOCK_PAGE, "context", context, NULL);
}

const char *
ciro_stock_page_get_state (CiroStockPage *self)
{
  g_return_val_if_fail (CIRO_IS_STOCK_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

guint
ciro_stock_page_get_count (CiroStockPage *self, CiroStockSection section)
{
  g_return_val_if_fail (CIRO_IS_STOCK_PAGE (self), 0);
  g_return_val_if_fail (section < CIRO_STOCK_N_SECTIONS, 0);
  return self->counts[section];
}

GArray *
ciro_stock_page_get_shown_ids (CiroStockPage *self)
{
  GListModel *model;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CIRO_IS_STOCK_PAGE (self), ids);
  model = G_LIST_MODEL (self->sorted);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CiroStockItem) it = g_list_model_get_item (model, i);
      g_array_append_val (ids, it->row.product_id);
    }
  return ids;
}

void
ciro_stock_page_get_value (CiroStockPage *self, CiroKurus *list, CiroKurus *total)
{
  g_return_if_fail (CIRO_IS_STOCK_PAGE (self));
  *list = self->list_value;
  *total = self->total_value;
}

const char *
ciro_stock_page_get_value_text (CiroStockPage *self)
{
  g_return_val_if_fail (CIRO_IS_STOCK_PAGE (self), NULL);
  return gtk_label_get_text (self->value_label);
}
