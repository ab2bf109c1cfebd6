/* ciro-products-page.c: every product's performance
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "analytics/ciro-range.h"
#include "analytics/ciro-report-live.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "core/ciro-text.h"
#include "ciro-product-item.h"
#include "widgets/ciro-thumbnail-cache.h"
#include "ciro-unmatched-dialog.h"
#include "ciro-product-dialog.h"
#include "ciro-products-page.h"

static const guint limits[] = { 10, 25, 50, 100, 0 };

struct _CiroProductsPage
{
  AdwBin             parent_instance;

  CiroContext       *context;
  GSettings         *settings;       /* the context's */
  CiroRangePreset    preset;
  CiroDay            from, to;
  char              *marketplace;
  CiroProductsView   view;
  guint              limit;
  char              *search;          /* folded */
  gboolean           updating;
  gint64             unmatched_lines;

  GtkStack          *stack;
  AdwStatusPage     *error_page;
  GtkDropDown       *range_drop;
  GtkDropDown       *mp_drop;
  GtkStringList     *mp_names;
  GtkToggleButton   *view_buttons[3];
  GtkDropDown       *limit_drop;
  GtkSearchEntry    *search_entry;
  GtkWidget         *unmatched_button;
  GtkLabel          *summary;
  GtkColumnView     *column_view;
  GListStore        *items;
  GtkCustomFilter   *filter;
  GtkCustomSorter   *view_sorter;
  GtkFilterListModel *filtered;
  GtkSortListModel  *sorted;
  GtkSliceListModel *sliced;
};

G_DEFINE_FINAL_TYPE (CiroProductsPage, ciro_products_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------- model */

static gboolean
filter_func (gpointer item, gpointer data)
{
  CiroProductsPage *self = data;
  CiroProductItem *it = item;

  /* the worst list leaves out what did not sell at all */
  if (self->view == CIRO_PRODUCTS_WORST && ciro_product_item_get_row (it)->units <= 0)
    return FALSE;
  return ciro_product_item_matches (it, self->search);
}

/* Best: score, highest first; worst: lowest first; all: revenue. */
static int
view_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  CiroProductsPage *self = data;

  switch (self->view)
    {
    case CIRO_PRODUCTS_BEST:
      return -ciro_product_item_compare ((CiroProductItem *) a, (CiroProductItem *) b, CIRO_PRODUCT_COL_SCORE);
    case CIRO_PRODUCTS_WORST:
      return ciro_product_item_compare ((CiroProductItem *) a, (CiroProductItem *) b, CIRO_PRODUCT_COL_SCORE);
    case CIRO_PRODUCTS_ALL:
    default:
      return -ciro_product_item_compare ((CiroProductItem *) a, (CiroProductItem *) b, CIRO_PRODUCT_COL_REVENUE);
    }
}

static void
update_summary (CiroProductsPage *self)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->sliced));
  guint matching = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  g_autofree char *a = ciro_count_format (shown, style);
  g_autofree char *b = ciro_count_format (matching, style);
  /* TRANSLATORS: "25 of 812 products" */
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s product", "%s of %s products",
                                                        matching), a, b);
  gtk_label_set_text (self->summary, text);
}

static void
refilter (CiroProductsPage *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  gtk_sorter_changed (GTK_SORTER (self->view_sorter), GTK_SORTER_CHANGE_DIFFERENT);
  gtk_slice_list_model_set_size (self->sliced,
                                 self->view == CIRO_PRODUCTS_ALL || self->limit == 0 ? G_MAXUINT : self->limit);
  update_summary (self);
}

/* ---------------------------------------------------------- cells */

static void
cell_setup (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  CiroProductColumn col = GPOINTER_TO_INT (data);
  GtkWidget *child;

  if (col == CIRO_PRODUCT_COL_SCORE)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *bar = gtk_level_bar_new_for_interval (0, 100);
      GtkWidget *label = gtk_label_new (NULL);
      gtk_widget_set_size_request (bar, 60, -1);
      gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), bar);
      gtk_box_append (GTK_BOX (box), label);
      child = box;
    }
  else if (col == CIRO_PRODUCT_COL_NAME)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *image = gtk_image_new_from_icon_name ("package-x-generic-symbolic");
      GtkWidget *label = gtk_label_new (NULL);
      gtk_image_set_pixel_size (GTK_IMAGE (image), 24);
      gtk_widget_add_css_class (image, "thumbnail");
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (box), image);
      gtk_box_append (GTK_BOX (box), label);
      child = box;
    }
  else if (col == CIRO_PRODUCT_COL_RETURN_RATE || col == CIRO_PRODUCT_COL_DAYS_OF_STOCK)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label = gtk_label_new (NULL);
      gtk_widget_add_css_class (icon, "warning");
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      child = box;
    }
  else
    {
      child = gtk_label_new (NULL);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (child), col <= CIRO_PRODUCT_COL_CATEGORY ? 0 : 1);
      if (col > CIRO_PRODUCT_COL_CATEGORY)
        gtk_widget_add_css_class (child, "numeric");
      if (col == CIRO_PRODUCT_COL_SKU || col == CIRO_PRODUCT_COL_BRAND || col == CIRO_PRODUCT_COL_CATEGORY)
        gtk_widget_add_css_class (child, "dim-label");
    }
  gtk_list_item_set_child (item, child);
}

static void
set_class (GtkWidget *w, const char *on)
{
  static const char *classes[] = { "success", "warning", "error" };
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (on, classes[i]) != 0)
      gtk_widget_remove_css_class (w, classes[i]);
  if (on != NULL)
    gtk_widget_add_css_class (w, on);
}

static void
thumbnail_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(GtkWidget) image = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = ciro_thumbnail_cache_load_finish (CIRO_THUMBNAIL_CACHE (source), result, &error);
  const char *wanted = g_object_get_data (G_OBJECT (image), "url");
  const char *loaded = g_object_get_data (G_OBJECT (image), "loading");

  /* the cell may show another product by now */
  if (texture != NULL && g_strcmp0 (wanted, loaded) == 0)
    gtk_image_set_from_paintable (GTK_IMAGE (image), GDK_PAINTABLE (texture));
}

/* The product's picture, from the cache or the network, without holding up
 * the scrolling; the placeholder stays when it cannot be had (offline). */
static void
bind_thumbnail (CiroProductsPage *self, GtkWidget *image, const char *url)
{
  GCancellable *old = g_object_get_data (G_OBJECT (image), "cancellable");
  GCancellable *cancellable;

  if (old != NULL)
    g_cancellable_cancel (old);
  gtk_image_set_from_icon_name (GTK_IMAGE (image), "package-x-generic-symbolic");
  g_object_set_data_full (G_OBJECT (image), "url", g_strdup (url), g_free);
  if (url == NULL)
    {
      g_object_set_data (G_OBJECT (image), "cancellable", NULL);
      return;
    }
  cancellable = g_cancellable_new ();
  g_object_set_data_full (G_OBJECT (image), "cancellable", cancellable, g_object_unref);
  g_object_set_data_full (G_OBJECT (image), "loading", g_strdup (url), g_free);
  ciro_thumbnail_cache_load_async (ciro_context_get_thumbnails (self->context), url, cancellable,
                                   thumbnail_loaded, g_object_ref (image));
}

static void
name_bind (GtkSignalListItemFactory *f, GtkListItem *item, CiroProductsPage *self)
{
  bind_thumbnail (self, gtk_widget_get_first_child (gtk_list_item_get_child (item)),
                  ciro_product_item_get_image_url (gtk_list_item_get_item (item)));
}

static void
cell_bind (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  CiroProductColumn col = GPOINTER_TO_INT (data);
  const CiroProductRow *r = ciro_product_item_get_row (gtk_list_item_get_item (item));
  GtkWidget *child = gtk_list_item_get_child (item);
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *text = NULL;
  const char *css = NULL;

  switch (col)
    {
    case CIRO_PRODUCT_COL_NAME:
      /* the picture: name_bind () */
      gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (child)), r->name ? r->name : "");
      return;
    case CIRO_PRODUCT_COL_SKU: text = g_strdup (r->sku ? r->sku : ""); break;
    case CIRO_PRODUCT_COL_BRAND: text = g_strdup (r->brand ? r->brand : ""); break;
    case CIRO_PRODUCT_COL_CATEGORY: text = g_strdup (r->category ? r->category : ""); break;
    case CIRO_PRODUCT_COL_REVENUE: text = ciro_money_format (r->revenue, style); break;
    case CIRO_PRODUCT_COL_UNITS: text = ciro_count_format (r->units, style); break;
    case CIRO_PRODUCT_COL_ORDERS: text = ciro_count_format (r->orders, style); break;
    case CIRO_PRODUCT_COL_COST:
      text = r->matched ? ciro_money_format (r->cost, style) : g_strdup ("—");
      break;
    case CIRO_PRODUCT_COL_COMMISSION: text = ciro_money_format (r->commission, style); break;
    case CIRO_PRODUCT_COL_PROFIT:
      text = ciro_money_format (r->profit, style);
      css = r->profit < 0 ? "error" : NULL;
      break;
    case CIRO_PRODUCT_COL_MARGIN:
      text = ciro_percent_format (r->margin_pct, 1, style);
      /* as sellers read margins: green above 30 %, amber above 15 %, red below */
      css = r->margin_pct > 30 ? "success" : r->margin_pct > 15 ? "warning" : "error";
      break;
    case CIRO_PRODUCT_COL_RETURN_RATE:
    case CIRO_PRODUCT_COL_DAYS_OF_STOCK:
      {
        GtkWidget *icon = gtk_widget_get_first_child (child);
        GtkWidget *label = gtk_widget_get_last_child (child);
        gboolean warn;

        if (col == CIRO_PRODUCT_COL_RETURN_RATE)
          {
            text = ciro_percent_format (r->return_rate_pct, 1, style);
            warn = r->return_rate_pct > 15;
            /* xgettext:no-c-format */
            gtk_widget_set_tooltip_text (icon, warn ? _("More than 15 % of units come back") : NULL);
          }
        else
          {
            text = r->has_days_of_stock ? ciro_number_format (r->days_of_stock, 0, style) : g_strdup ("∞");
            warn = r->has_days_of_stock && r->days_of_stock < 7;
            gtk_widget_set_tooltip_text (icon, warn ? _("Stock lasts less than a week") : NULL);
          }
        gtk_widget_set_opacity (icon, warn ? 1 : 0);
        gtk_label_set_text (GTK_LABEL (label), text);
        return;
      }
    case CIRO_PRODUCT_COL_STOCK: text = ciro_count_format (r->stock, style); break;
    case CIRO_PRODUCT_COL_DAILY_SALES: text = ciro_number_format (r->daily_sales, r->daily_sales > 0 && r->daily_sales < 0.1 ? 2 : 1, style); break;
    case CIRO_PRODUCT_COL_SCORE:
    case CIRO_PRODUCT_N_COLUMNS:
    default:
      {
        GtkWidget *bar = gtk_widget_get_first_child (child);
        GtkWidget *label = gtk_widget_get_last_child (child);
        text = ciro_number_format (r->score, 0, style);
        gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), CLAMP (r->score, 0, 100));
        gtk_label_set_text (GTK_LABEL (label), text);
        return;
      }
    }
  gtk_label_set_text (GTK_LABEL (child), text);
  set_class (child, css);
}

static void
add_column (CiroProductsPage *self, const char *title, CiroProductColumn col, gboolean expand, int width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;
  GtkSorter *sorter = ciro_product_sorter_new (col);

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup), GINT_TO_POINTER (col));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), GINT_TO_POINTER (col));
  if (col == CIRO_PRODUCT_COL_NAME)
    g_signal_connect_object (factory, "bind", G_CALLBACK (name_bind), self, 0);
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (column, width);
  gtk_column_view_column_set_sorter (column, sorter);
  g_object_unref (sorter);
  gtk_column_view_append_column (self->column_view, column);
  g_object_unref (column);
}

/* ---------------------------------------------------------- loading */

static void
update_marketplaces (CiroProductsPage *self, GPtrArray *names)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->mp_names)), selected = 0;
  g_autoptr(GPtrArray) strv = g_ptr_array_new ();

  g_ptr_array_add (strv, (gpointer) _("All Marketplaces"));
  for (guint i = 0; i < names->len; i++)
    {
      g_ptr_array_add (strv, names->pdata[i]);
      if (g_strcmp0 (names->pdata[i], self->marketplace) == 0)
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
  g_autoptr(CiroProductsPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroProductsReport) r = ciro_report_service_products_finish (CIRO_REPORT_SERVICE (source), result,
                                                                        &error);
  g_autoptr(GPtrArray) items = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                           /* a newer load replaced it, or the page is gone */
  if (r == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < r->rows->len; i++)
    {
      CiroProductRow *row = &g_array_index (r->rows, CiroProductRow, i);
      CiroProductItem *it = ciro_product_item_new (row, g_hash_table_lookup (r->codes, &row->product_key));
      ciro_product_item_set_image_url (it, g_hash_table_lookup (r->images, &row->product_key));
      g_ptr_array_add (items, it);
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);
  update_marketplaces (self, r->names);
  self->unmatched_lines = r->unmatched_lines;
  gtk_widget_set_visible (self->unmatched_button, r->unmatched_lines > 0);
  refilter (self);
  gtk_stack_set_visible_child_name (self->stack, r->has_orders ? "data" : "empty");
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

void
ciro_products_page_reload (CiroProductsPage *self)
{
  CiroReportFilter f;

  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));

  ciro_range_resolve (self->preset, ciro_today (), &self->from, &self->to);
  f = (CiroReportFilter) { self->from, self->to, self->marketplace };
  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_report_service_products_async (ciro_context_get_reports (self->context), self, &f, NULL, loaded,
                                      g_object_ref (self));
}

/* ---------------------------------------------------------- filters */

gboolean
ciro_products_page_set_range_id (CiroProductsPage *self, const char *id)
{
  CiroRangePreset preset;

  g_return_val_if_fail (CIRO_IS_PRODUCTS_PAGE (self), FALSE);
  if (!ciro_range_preset_from_id (id, &preset) || preset == CIRO_RANGE_CUSTOM)
    return FALSE;
  self->preset = preset;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->range_drop, preset);
  self->updating = FALSE;
  g_settings_set_string (self->settings, "products-range", id);
  ciro_products_page_reload (self);
  return TRUE;
}

void
ciro_products_page_set_marketplace (CiroProductsPage *self, const char *marketplace)
{
  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  g_free (self->marketplace);
  self->marketplace = marketplace && *marketplace ? g_strdup (marketplace) : NULL;
  g_settings_set_string (self->settings, "products-marketplace", self->marketplace ? self->marketplace : "");
  ciro_products_page_reload (self);
}

void
ciro_products_page_set_view (CiroProductsPage *self, CiroProductsView view)
{
  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  self->view = view;
  self->updating = TRUE;
  for (guint i = 0; i < 3; i++)
    gtk_toggle_button_set_active (self->view_buttons[i], i == view);
  gtk_widget_set_sensitive (GTK_WIDGET (self->limit_drop), view != CIRO_PRODUCTS_ALL);
  self->updating = FALSE;
  g_settings_set_string (self->settings, "products-view",
                         view == CIRO_PRODUCTS_BEST ? "best" : view == CIRO_PRODUCTS_WORST ? "worst" : "all");
  refilter (self);
}

void
ciro_products_page_set_limit (CiroProductsPage *self, guint limit)
{
  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  self->limit = limit;
  g_settings_set_uint (self->settings, "products-limit", limit);
  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    if (limits[i] == limit)
      gtk_drop_down_set_selected (self->limit_drop, i);
  self->updating = FALSE;
  refilter (self);
}

void
ciro_products_page_set_search (CiroProductsPage *self, const char *text)
{
  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  g_clear_pointer (&self->search, g_free);
  if (text != NULL && *text != '\0')
    self->search = ciro_tr_fold (text);
  refilter (self);
}

static void
range_selected (CiroProductsPage *self)
{
  if (!self->updating)
    ciro_products_page_set_range_id (self, ciro_range_preset_id (gtk_drop_down_get_selected (self->range_drop)));
}

static void
mp_selected (CiroProductsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->mp_drop);
  if (!self->updating)
    ciro_products_page_set_marketplace (self, i == 0 || i == GTK_INVALID_LIST_POSITION
                                                ? NULL : gtk_string_list_get_string (self->mp_names, i));
}

static void
view_toggled (GtkToggleButton *button, CiroProductsPage *self)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  for (guint i = 0; i < 3; i++)
    if (self->view_buttons[i] == button)
      ciro_products_page_set_view (self, i);
}

static void
limit_selected (CiroProductsPage *self)
{
  guint i = gtk_drop_down_get_selected (self->limit_drop);
  if (!self->updating && i < G_N_ELEMENTS (limits))
    ciro_products_page_set_limit (self, limits[i]);
}

static void
search_changed (CiroProductsPage *self)
{
  ciro_products_page_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
unmatched_clicked (CiroProductsPage *self)
{
  GtkWidget *dialog = ciro_unmatched_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context);

  /* mapping a SKU changes the figures */
  gtk_window_present (GTK_WINDOW (dialog));
}

GtkWidget *
ciro_products_page_open_product (CiroProductsPage *self, guint position)
{
  g_autoptr(CiroProductItem) it = NULL;
  const CiroProductRow *r;
  CiroReportFilter f;
  GtkWidget *dialog;

  g_return_val_if_fail (CIRO_IS_PRODUCTS_PAGE (self), NULL);
  it = g_list_model_get_item (G_LIST_MODEL (self->sliced), position);
  if (it == NULL)
    return NULL;
  r = ciro_product_item_get_row (it);
  if (!r->matched)
    {
      /* an SKU without a product: what it needs is a mapping */
      unmatched_clicked (self);
      return NULL;
    }
  f.from = self->from;
  f.to = self->to;
  f.marketplace = self->marketplace;
  dialog = ciro_product_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), self->context, r, &f);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
row_activated (GtkColumnView *view, guint position, CiroProductsPage *self)
{
  ciro_products_page_open_product (self, position);
}

/* ---------------------------------------------------------- building */

static GtkWidget *
build_toolbar (CiroProductsPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *views = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *export = gtk_button_new_from_icon_name ("document-save-symbolic");
  g_autoptr(GtkStringList) ranges = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) limit_names = gtk_string_list_new (NULL);
  const char *view_names[] = { N_("Best"), N_("Worst"), N_("All") };
  GtkWidget *clip = gtk_scrolled_window_new ();

  for (guint i = 0; i < CIRO_RANGE_CUSTOM; i++)
    gtk_string_list_append (ranges, _(ciro_range_preset_label (i)));
  self->range_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (ranges)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->range_drop), _("Date range"));
  g_signal_connect_swapped (self->range_drop, "notify::selected", G_CALLBACK (range_selected), self);

  self->mp_names = gtk_string_list_new ((const char *[]) { _("All Marketplaces"), NULL });
  self->mp_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (self->mp_names)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->mp_drop), _("Marketplace"));
  g_signal_connect_swapped (self->mp_drop, "notify::selected", G_CALLBACK (mp_selected), self);

  gtk_widget_add_css_class (views, "linked");
  for (guint i = 0; i < 3; i++)
    {
      self->view_buttons[i] = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_label (_(view_names[i])));
      if (i > 0)
        gtk_toggle_button_set_group (self->view_buttons[i], self->view_buttons[0]);
      g_signal_connect (self->view_buttons[i], "toggled", G_CALLBACK (view_toggled), self);
      gtk_box_append (GTK_BOX (views), GTK_WIDGET (self->view_buttons[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      g_autofree char *text = limits[i] ? g_strdup_printf (_("Top %u"), limits[i]) : g_strdup (_("Every product"));
      gtk_string_list_append (limit_names, text);
    }
  self->limit_drop = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (limit_names)), NULL));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->limit_drop), _("How many products to list"));
  g_signal_connect_swapped (self->limit_drop, "notify::selected", G_CALLBACK (limit_selected), self);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Name, SKU or barcode"), NULL);
  g_signal_connect_swapped (self->search_entry, "search-changed", G_CALLBACK (search_changed), self);
  gtk_widget_set_hexpand (GTK_WIDGET (self->search_entry), TRUE);

  self->unmatched_button = gtk_button_new_with_mnemonic (_("_Unknown Costs…"));
  gtk_widget_set_tooltip_text (self->unmatched_button, _("SKUs whose cost Ciro does not know: map them to products"));
  gtk_widget_add_css_class (self->unmatched_button, "warning");
  g_signal_connect_swapped (self->unmatched_button, "clicked", G_CALLBACK (unmatched_clicked), self);
  gtk_widget_set_visible (self->unmatched_button, FALSE);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "win.export-kind");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (export), "s", "products");
  gtk_widget_set_tooltip_text (export, _("Export…"));

  {
    GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->range_drop));
    gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->mp_drop));
    gtk_box_append (GTK_BOX (inner), views);
    gtk_box_append (GTK_BOX (inner), GTK_WIDGET (self->limit_drop));
    gtk_box_append (GTK_BOX (inner), self->unmatched_button);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (clip), GTK_POLICY_EXTERNAL, GTK_POLICY_NEVER);
    gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (clip), TRUE);
    gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (clip), TRUE);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (clip), inner);
  }
  gtk_box_append (GTK_BOX (bar), clip);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (bar), export);
  return bar;
}

static void
ciro_products_page_constructed (GObject *object)
{
  CiroProductsPage *self = CIRO_PRODUCTS_PAGE (object);
  GtkWidget *data = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *empty = adw_status_page_new ();
  g_autoptr(GtkMultiSorter) sorter = gtk_multi_sorter_new ();
  GtkNoSelection *selection;
  struct { const char *title; CiroProductColumn col; gboolean expand; int width; } cols[] = {
    { N_("Product"), CIRO_PRODUCT_COL_NAME, TRUE, 200 },
    { N_("SKU"), CIRO_PRODUCT_COL_SKU, FALSE, 110 },
    { N_("Brand"), CIRO_PRODUCT_COL_BRAND, FALSE, 90 },
    { N_("Category"), CIRO_PRODUCT_COL_CATEGORY, FALSE, 90 },
    { N_("Revenue"), CIRO_PRODUCT_COL_REVENUE, FALSE, 110 },
    { N_("Units"), CIRO_PRODUCT_COL_UNITS, FALSE, 60 },
    { N_("Orders"), CIRO_PRODUCT_COL_ORDERS, FALSE, 60 },
    { N_("Cost"), CIRO_PRODUCT_COL_COST, FALSE, 100 },
    { N_("Commission"), CIRO_PRODUCT_COL_COMMISSION, FALSE, 100 },
    { N_("Profit"), CIRO_PRODUCT_COL_PROFIT, FALSE, 100 },
    { N_("Margin"), CIRO_PRODUCT_COL_MARGIN, FALSE, 70 },
    { N_("Returns"), CIRO_PRODUCT_COL_RETURN_RATE, FALSE, 80 },
    { N_("Stock"), CIRO_PRODUCT_COL_STOCK, FALSE, 60 },
    { N_("Daily sales"), CIRO_PRODUCT_COL_DAILY_SALES, FALSE, 80 },
    { N_("Days of stock"), CIRO_PRODUCT_COL_DAYS_OF_STOCK, FALSE, 90 },
    { N_("Score"), CIRO_PRODUCT_COL_SCORE, FALSE, 110 },
  };

  G_OBJECT_CLASS (ciro_products_page_parent_class)->constructed (object);

  self->settings = ciro_context_get_settings (self->context);
  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (ciro_products_page_reload), self,
                           G_CONNECT_SWAPPED);

  self->items = g_list_store_new (CIRO_TYPE_PRODUCT_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  self->column_view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  gtk_column_view_set_show_row_separators (self->column_view, TRUE);
  /* a product's row opens its details */
  g_signal_connect (self->column_view, "activate", G_CALLBACK (row_activated), self);
  gtk_widget_add_css_class (GTK_WIDGET (self->column_view), "data-table");
  for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
    add_column (self, _(cols[i].title), cols[i].col, cols[i].expand, cols[i].width);
  /* a clicked column first, then the view's own order (score or revenue) */
  self->view_sorter = gtk_custom_sorter_new (view_compare, self, NULL);
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_multi_sorter_append (sorter, GTK_SORTER (g_object_ref (self->view_sorter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          GTK_SORTER (g_object_ref (sorter)));
  self->sliced = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->sorted)), 0, 25);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sliced)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (self->column_view));
  gtk_widget_set_vexpand (scroll, TRUE);
  gtk_widget_add_css_class (scroll, "card");

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->summary), "dim-label");

  gtk_box_append (GTK_BOX (data), build_toolbar (self));
  gtk_box_append (GTK_BOX (data), GTK_WIDGET (self->summary));
  gtk_box_append (GTK_BOX (data), scroll);
  gtk_widget_set_margin_top (data, 12);
  gtk_widget_set_margin_bottom (data, 12);
  gtk_widget_set_margin_start (data, 12);
  gtk_widget_set_margin_end (data, 12);

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (empty), "view-list-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (empty), _("No Orders Yet"));
  adw_status_page_set_description (ADW_STATUS_PAGE (empty),
                                   _("Each product’s figures appear here after the first sync with Sentos."));
  gtk_stack_add_named (self->stack, empty, "empty");
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _("The Figures Cannot Be Read"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_stack_add_named (self->stack, data, "data");
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->stack));

  /* the filters of last time */
  {
    g_autofree char *view = g_settings_get_string (self->settings, "products-view");
    g_autofree char *range = g_settings_get_string (self->settings, "products-range");
    g_autofree char *mp = g_settings_get_string (self->settings, "products-marketplace");

    self->marketplace = *mp ? g_steal_pointer (&mp) : NULL;
    ciro_products_page_set_view (self, g_str_equal (view, "worst") ? CIRO_PRODUCTS_WORST
                                       : g_str_equal (view, "all") ? CIRO_PRODUCTS_ALL : CIRO_PRODUCTS_BEST);
    ciro_products_page_set_limit (self, g_settings_get_uint (self->settings, "products-limit"));
    if (!ciro_products_page_set_range_id (self, range))
      ciro_products_page_set_range_id (self, "last-30-days");
  }
}

static void
ciro_products_page_dispose (GObject *object)
{
  CiroProductsPage *self = CIRO_PRODUCTS_PAGE (object);

  if (self->context != NULL)
    ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
  g_clear_object (&self->sliced);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->view_sorter);
  g_clear_object (&self->items);
  g_clear_object (&self->mp_names);
  self->settings = NULL;
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_products_page_parent_class)->dispose (object);
}

static void
ciro_products_page_finalize (GObject *object)
{
  CiroProductsPage *self = CIRO_PRODUCTS_PAGE (object);

  g_free (self->marketplace);
  g_free (self->search);
  G_OBJECT_CLASS (ciro_products_page_parent_class)->finalize (object);
}

static void
ciro_products_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    CIRO_PRODUCTS_PAGE (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_products_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, CIRO_PRODUCTS_PAGE (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_products_page_class_init (CiroProductsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ciro_products_page_constructed;
  object_class->dispose = ciro_products_page_dispose;
  object_class->finalize = ciro_products_page_finalize;
  object_class->set_property = ciro_products_page_set_property;
  object_class->get_property = ciro_products_page_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ciro_products_page_init (CiroProductsPage *self)
{
  self->preset = CIRO_RANGE_LAST_30_DAYS;
  self->limit = 25;
}

GtkWidget *
ciro_products_page_new (CiroContext *context)
{
  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  return g_object_new (CIRO_TYPE_PRODUCTS_PAGE, "context", context, NULL);
}

void
ciro_products_page_get_range (CiroProductsPage *self, CiroDay *from, CiroDay *to)
{
  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  *from = self->from;
  *to = self->to;
}

const char *
ciro_products_page_get_state (CiroProductsPage *self)
{
  g_return_val_if_fail (CIRO_IS_PRODUCTS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
ciro_products_page_sort_by (CiroProductsPage *self, int column, GtkSortType order)
{
  g_autoptr(GListModel) columns = NULL;
  g_autoptr(GtkColumnViewColumn) c = NULL;

  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  columns = G_LIST_MODEL (g_object_ref (gtk_column_view_get_columns (self->column_view)));
  c = g_list_model_get_item (columns, (guint) column);
  gtk_column_view_sort_by_column (self->column_view, c, order);
  update_summary (self);
}

GListModel *
ciro_products_page_get_model (CiroProductsPage *self)
{
  g_return_val_if_fail (CIRO_IS_PRODUCTS_PAGE (self), NULL);
  return G_LIST_MODEL (self->sliced);
}

GArray *
ciro_products_page_get_shown (CiroProductsPage *self)
{
  GArray *keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *model = G_LIST_MODEL (self->sliced);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CiroProductItem) it = g_list_model_get_item (model, i);
      g_array_append_val (keys, ciro_product_item_get_row (it)->product_key);
    }
  return keys;
}
