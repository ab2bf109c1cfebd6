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
#include "ui/ciro-list-when-shown.h"
#include "ciro-product-item.h"
#include "widgets/ciro-marketplace-name.h"
#include "widgets/ciro-thumbnail-cache.h"
#include "widgets/ciro-vat-view.h"
#include "ciro-unmatched-dialog.h"
#include "ciro-product-dialog.h"
#include "ciro-products-page.h"

static const guint limits[] = { 10, 25, 50, 100, 0 };

G_DEFINE_ENUM_TYPE (CiroProductsView, ciro_products_view,
                    G_DEFINE_ENUM_VALUE (CIRO_PRODUCTS_BEST, "best"),
                    G_DEFINE_ENUM_VALUE (CIRO_PRODUCTS_WORST, "worst"),
                    G_DEFINE_ENUM_VALUE (CIRO_PRODUCTS_ALL, "all"))

/* ---------------------------------------------------------- a product's name and picture */

#define CIRO_TYPE_PRODUCT_NAME_CELL (ciro_product_name_cell_get_type ())
G_DECLARE_FINAL_TYPE (CiroProductNameCell, ciro_product_name_cell, CIRO, PRODUCT_NAME_CELL, GtkBox)

struct _CiroProductNameCell
{
  GtkBox        parent_instance;

  GtkImage     *image;
  GtkLabel     *label;
  char         *url;              /* the picture wanted, or NULL */
  GCancellable *cancellable;      /* its load */
};

G_DEFINE_FINAL_TYPE (CiroProductNameCell, ciro_product_name_cell, GTK_TYPE_BOX)

static void
ciro_product_name_cell_dispose (GObject *object)
{
  CiroProductNameCell *self = CIRO_PRODUCT_NAME_CELL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (ciro_product_name_cell_parent_class)->dispose (object);
}

static void
ciro_product_name_cell_finalize (GObject *object)
{
  g_free (CIRO_PRODUCT_NAME_CELL (object)->url);
  G_OBJECT_CLASS (ciro_product_name_cell_parent_class)->finalize (object);
}

static void
ciro_product_name_cell_class_init (CiroProductNameCellClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ciro_product_name_cell_dispose;
  G_OBJECT_CLASS (klass)->finalize = ciro_product_name_cell_finalize;
}

static void
ciro_product_name_cell_init (CiroProductNameCell *self)
{
  gtk_box_set_spacing (GTK_BOX (self), 8);
  self->image = GTK_IMAGE (gtk_image_new_from_icon_name ("package-x-generic-symbolic"));
  gtk_image_set_pixel_size (self->image, 24);
  gtk_widget_add_css_class (GTK_WIDGET (self->image), "thumbnail");
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (self->label, 0);
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->image));
  gtk_box_append (GTK_BOX (self), GTK_WIDGET (self->label));
}

/* A picture on its way to a cell. The cell is held weakly: a fetch that
 * is slow to end (offline, its cancel not yet seen by the network) must
 * not keep a cell the list already dropped alive with its widgets; every
 * range switch drops a screenful of them. */
typedef struct
{
  GWeakRef  cell;
  char     *url;
} ThumbnailLoad;

static void
thumbnail_load_free (ThumbnailLoad *load)
{
  g_weak_ref_clear (&load->cell);
  g_free (load->url);
  g_free (load);
}

static void
thumbnail_loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  ThumbnailLoad *load = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = ciro_thumbnail_cache_load_finish (CIRO_THUMBNAIL_CACHE (source), result, &error);
  g_autoptr(CiroProductNameCell) cell = g_weak_ref_get (&load->cell);

  /* the cell may be gone, or show another product by now */
  if (texture != NULL && cell != NULL && g_strcmp0 (cell->url, load->url) == 0)
    gtk_image_set_from_paintable (cell->image, GDK_PAINTABLE (texture));
  thumbnail_load_free (load);
}

/* The product's name and picture, from the cache or the network, without
 * holding up the scrolling; the placeholder stays when it cannot be had
 * (offline). */
static void
ciro_product_name_cell_show (CiroProductNameCell *self, CiroThumbnailCache *cache, const char *name,
                             const char *url)
{
  ThumbnailLoad *load;

  gtk_label_set_text (self->label, name ? name : "");
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_image_set_from_icon_name (self->image, "package-x-generic-symbolic");
  g_free (self->url);
  self->url = g_strdup (url);
  if (url == NULL)
    return;
  self->cancellable = g_cancellable_new ();
  load = g_new0 (ThumbnailLoad, 1);
  g_weak_ref_init (&load->cell, self);
  load->url = g_strdup (url);
  ciro_thumbnail_cache_load_async (cache, url, self->cancellable, thumbnail_loaded, load);
}

/* ---------------------------------------------------------- the page */

struct _CiroProductsPage
{
  AdwBin             parent_instance;

  CiroContext       *context;
  CiroRangePreset    preset;
  CiroDay            from, to;
  char              *marketplace;
  CiroProductsView   view;
  guint              limit;
  char              *search;          /* folded */
  char              *search_text;     /* as typed */
  char              *category;        /* a category's products only (its name), or NULL */
  GHashTable        *category_keys;   /* gint64 product keys of that category */
  GtkWidget         *category_button;
  AdwButtonContent  *category_content;
  gboolean           updating;
  gboolean           narrow;          /* a list of rows instead of the columns */
  gboolean           binding;         /* the saved filters being read: no load yet */
  gint64             unmatched_lines;
  gboolean           after_vat;       /* profit and margin after VAT settlement (profit.md) */
  GtkColumnViewColumn *profit_column;
  GtkColumnViewColumn *margin_column;
  GtkColumnViewColumn *columns[CIRO_PRODUCT_N_COLUMNS];       /* not owned: the view holds them */
  int                  default_width[CIRO_PRODUCT_N_COLUMNS];  /* as made; 0: none */
  int                  money_width[CIRO_PRODUCT_N_COLUMNS];    /* the widest figure loaded; 0: none */

  /* template */
  GtkStack          *stack;
  AdwStatusPage     *error_page;
  GtkDropDown       *range_drop;
  GtkStringList     *range_names;
  GtkDropDown       *mp_drop;
  GtkStringList     *mp_names;
  GtkToggleButton   *best_button;
  GtkToggleButton   *worst_button;
  GtkToggleButton   *all_button;
  GtkDropDown       *limit_drop;
  GtkStringList     *limit_names;
  GtkSearchEntry    *search_entry;
  GtkStack          *results_stack;
  AdwStatusPage     *none_page;
  GtkWidget         *unmatched_button;
  GtkLabel          *summary;
  GtkColumnView     *column_view;
  GtkListView       *row_view;        /* the narrow window's list: ciro_products_page_set_narrow () */

  GListStore        *items;
  GtkCustomFilter   *filter;
  GtkCustomSorter   *view_sorter;
  GtkFilterListModel *filtered;
  GtkSortListModel  *sorted;
  GtkSliceListModel *sliced;
  GtkSelectionModel *selection;       /* the shown list's model: ciro_products_page_set_narrow () */
  GCancellable      *items_cancellable; /* the last load's items being made */
};

G_DEFINE_FINAL_TYPE (CiroProductsPage, ciro_products_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_CONTEXT, PROP_RANGE, PROP_MARKETPLACE, PROP_VIEW, PROP_LIMIT, N_PROPS };
static GParamSpec *properties[N_PROPS];
enum { SIGNAL_LOADED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---------------------------------------------------------- model */

static gboolean
filter_func (gpointer item, gpointer data)
{
  CiroProductsPage *self = data;
  CiroProductItem *it = item;

  /* best and worst count the same products: those that sold
   * (ciro_report_products_best (), _worst ()) */
  if (self->view != CIRO_PRODUCTS_ALL && ciro_product_item_get_row (it)->units <= 0)
    return FALSE;
  if (self->category_keys != NULL &&
      !g_hash_table_contains (self->category_keys, &ciro_product_item_get_row (it)->product_key))
    return FALSE;
  return ciro_product_item_matches (it, self->search);
}

/* Best: the engine's default ranking, by profit (after VAT settlement
 * when that is the view); worst: read from the bottom, the products whose
 * cost is unknown still last; all: revenue. */
static int
view_compare (gconstpointer a, gconstpointer b, gpointer data)
{
  CiroProductsPage *self = data;
  const CiroProductRow *x = ciro_product_item_get_row ((CiroProductItem *) a);
  const CiroProductRow *y = ciro_product_item_get_row ((CiroProductItem *) b);
  CiroProductSort key = self->after_vat ? CIRO_SORT_PROFIT_EX_VAT : CIRO_SORT_PROFIT;
  int c = ciro_product_row_rank_compare (x, y, key);

  switch (self->view)
    {
    case CIRO_PRODUCTS_BEST:
      return c;
    case CIRO_PRODUCTS_WORST:
      return ciro_product_row_has_key (x, key) && ciro_product_row_has_key (y, key) ? -c : c;
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

  /* nothing to list: say why, not an empty table */
  if (matching == 0)
    {
      g_autofree char *why = NULL;
      const char *typed = self->search_text;
      if (typed != NULL && *typed != '\0')
        /* TRANSLATORS: %s is what the user typed in the search */
        why = g_strdup_printf (_("Nothing matches “%s”. Try a name, SKU or barcode."), typed);
      else
        why = g_strdup (_("No product sold in these days."));
      adw_status_page_set_description (self->none_page, why);
    }
  gtk_stack_set_visible_child_name (self->results_stack, matching == 0 ? "none" : self->narrow ? "rows" : "list");
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

/* ---------------------------------------------------------- score cell */

/* A product's score as a bar and its figure, drawn by one widget: the
 * column view keeps some 200 rows of cells alive, and a box, a level bar
 * (a trough and two blocks) and a label were six widgets a row to make
 * and style each time the list is built. */
#define CIRO_TYPE_SCORE_CELL (ciro_score_cell_get_type ())
G_DECLARE_FINAL_TYPE (CiroScoreCell, ciro_score_cell, CIRO, SCORE_CELL, GtkWidget)

#define SCORE_BAR_WIDTH  60
#define SCORE_BAR_HEIGHT 8
#define SCORE_SPACING    6

struct _CiroScoreCell
{
  GtkWidget    parent_instance;

  double       value;             /* 0–100, or < 0: no bar */
  PangoLayout *layout;            /* the figure, or NULL until set */
};

G_DEFINE_FINAL_TYPE (CiroScoreCell, ciro_score_cell, GTK_TYPE_WIDGET)

static void
ciro_score_cell_set (CiroScoreCell *self, double value, const char *text)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  self->value = value;
  g_clear_object (&self->layout);
  self->layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  /* the figures' width the same whatever the digits, as .numeric */
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (self->layout, attrs);
  pango_attr_list_unref (attrs);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_NOW, MAX (value, 0.0),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
ciro_score_cell_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum, int *natural,
                         int *minimum_baseline, int *natural_baseline)
{
  CiroScoreCell *self = CIRO_SCORE_CELL (widget);
  int w = 0, h = 0;

  if (self->layout != NULL)
    pango_layout_get_pixel_size (self->layout, &w, &h);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = SCORE_BAR_WIDTH + SCORE_SPACING + w;
  else
    *minimum = *natural = MAX (h, SCORE_BAR_HEIGHT);
}

/* A named colour of the theme, or `fallback`. */
static GdkRGBA
theme_color (GtkWidget *widget, const char *name, const GdkRGBA *fallback)
{
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA c;

  if (!gtk_style_context_lookup_color (context, name, &c))
    c = *fallback;
  G_GNUC_END_IGNORE_DEPRECATIONS
  return c;
}

static void
append_pill (GtkSnapshot *snapshot, float x, float y, float w, float h, const GdkRGBA *color)
{
  GskRoundedRect rr;

  gsk_rounded_rect_init_from_rect (&rr, &GRAPHENE_RECT_INIT (x, y, w, h), h / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rr);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, h));
  gtk_snapshot_pop (snapshot);
}

static void
ciro_score_cell_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  CiroScoreCell *self = CIRO_SCORE_CELL (widget);
  int height = gtk_widget_get_height (widget), w = 0, h = 0;
  float y = (height - SCORE_BAR_HEIGHT) / 2.0f;
  GdkRGBA fg;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  if (self->value >= 0)
    {
      /* as the theme draws a level bar: a faint trough, the level filled
       * in the accent colour */
      static const GdkRGBA blue = { 0.21f, 0.52f, 0.89f, 1 };
      GdkRGBA trough = fg, fill = theme_color (widget, "accent_bg_color", &blue);

      trough.alpha *= 0.1f;
      append_pill (snapshot, 0, y, SCORE_BAR_WIDTH, SCORE_BAR_HEIGHT, &trough);
      if (self->value > 0)
        append_pill (snapshot, 0, y, MAX (SCORE_BAR_HEIGHT, SCORE_BAR_WIDTH * MIN (self->value, 100) / 100),
                     SCORE_BAR_HEIGHT, &fill);
    }
  if (self->layout == NULL)
    return;
  pango_layout_get_pixel_size (self->layout, &w, &h);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (SCORE_BAR_WIDTH + SCORE_SPACING, (height - h) / 2.0f));
  gtk_snapshot_append_layout (snapshot, self->layout, &fg);
  gtk_snapshot_restore (snapshot);
}

/* The theme's font changed: the figure laid out again. */
static void
ciro_score_cell_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  CiroScoreCell *self = CIRO_SCORE_CELL (widget);

  GTK_WIDGET_CLASS (ciro_score_cell_parent_class)->css_changed (widget, change);
  if (self->layout != NULL)
    {
      g_autofree char *text = g_strdup (pango_layout_get_text (self->layout));
      ciro_score_cell_set (self, self->value, text);
    }
}

static void
ciro_score_cell_finalize (GObject *object)
{
  g_clear_object (&CIRO_SCORE_CELL (object)->layout);
  G_OBJECT_CLASS (ciro_score_cell_parent_class)->finalize (object);
}

static void
ciro_score_cell_class_init (CiroScoreCellClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = ciro_score_cell_finalize;
  widget_class->measure = ciro_score_cell_measure;
  widget_class->snapshot = ciro_score_cell_snapshot;
  widget_class->css_changed = ciro_score_cell_css_changed;
  gtk_widget_class_set_css_name (widget_class, "score");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
ciro_score_cell_init (CiroScoreCell *self)
{
  self->value = -1;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_VALUE_MIN, 0.0,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, 100.0, -1);
}

/* ---------------------------------------------------------- cells */

static void
cell_setup (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  CiroProductColumn col = GPOINTER_TO_INT (data);
  GtkWidget *child;

  if (col == CIRO_PRODUCT_COL_SCORE)
    child = g_object_new (CIRO_TYPE_SCORE_CELL, NULL);
  else if (col == CIRO_PRODUCT_COL_NAME)
    child = g_object_new (CIRO_TYPE_PRODUCT_NAME_CELL, NULL);
  else if (col == CIRO_PRODUCT_COL_RETURN_RATE || col == CIRO_PRODUCT_COL_DAYS_OF_STOCK)
    {
      /* the warning icon is made by the first value that needs it
       * (cell_bind ()): most rows never do */
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
      GtkWidget *label = gtk_label_new (NULL);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 1);
      gtk_widget_add_css_class (label, "numeric");
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
name_bind (GtkSignalListItemFactory *f, GtkListItem *item, CiroProductsPage *self)
{
  CiroProductItem *it = gtk_list_item_get_item (item);

  ciro_product_name_cell_show (CIRO_PRODUCT_NAME_CELL (gtk_list_item_get_child (item)),
                               ciro_context_get_thumbnails (self->context),
                               ciro_product_item_get_row (it)->name, ciro_product_item_get_image_url (it));
}

static const char *
score_tooltip (void)
{
  /* xgettext:no-c-format */
  return _("Score out of 100: revenue against the best seller (40 points), margin up to 50 % (30), "
           "few returns (20, on a rate smoothed for products with few sales) and daily sales up to 10 (10)");
}

/* The Profit and Margin columns' text, in the VAT view of the item */
static char *
profit_text (CiroProductItem *it, CiroNumberStyle style)
{
  return ciro_money_format (ciro_product_item_get_profit (it), style);
}

static char *
margin_text (CiroProductItem *it, CiroNumberStyle style)
{
  return ciro_product_item_get_row (it)->has_margin ? ciro_percent_format (ciro_product_item_get_margin (it), 1, style)
                                                    : g_strdup ("—");
}

static char *row_profit_text (CiroProductItem *it);

static void
cell_bind (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  CiroProductColumn col = GPOINTER_TO_INT (data);
  CiroProductItem *it = gtk_list_item_get_item (item);
  const CiroProductRow *r = ciro_product_item_get_row (it);
  GtkWidget *child = gtk_list_item_get_child (item);
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *text = NULL;
  const char *css = NULL;

  switch (col)
    {
    case CIRO_PRODUCT_COL_NAME:
      return;                         /* name_bind () */
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
      text = profit_text (it, style);
      css = ciro_product_item_get_profit (it) < 0 ? "error" : NULL;
      break;
    case CIRO_PRODUCT_COL_MARGIN:
      /* no margin for an unknown cost or without sales: never an 80 % */
      if (!r->has_margin)
        {
          text = g_strdup ("—");
          gtk_widget_set_tooltip_text (child, !r->cost_known ? _("Cost unknown: map its SKU or enter a cost")
                                                             : _("No sales in these days"));
          break;
        }
      {
        double margin = ciro_product_item_get_margin (it);
        text = margin_text (it, style);
        /* as sellers read margins: green above 30 %, amber above 15 %, red below */
        css = margin > 30 ? "success" : margin > 15 ? "warning" : "error";
      }
      gtk_widget_set_tooltip_text (child, NULL);
      break;
    case CIRO_PRODUCT_COL_RETURN_RATE:
    case CIRO_PRODUCT_COL_DAYS_OF_STOCK:
      {
        GtkWidget *label = gtk_widget_get_last_child (child);
        GtkWidget *icon = gtk_widget_get_first_child (child) != label ? gtk_widget_get_first_child (child) : NULL;
        gboolean warn;

        if (col == CIRO_PRODUCT_COL_RETURN_RATE)
          {
            text = r->has_return_rate ? ciro_percent_format (r->return_rate_pct, 1, style) : g_strdup ("—");
            warn = r->has_return_rate && r->return_rate_pct > 15;
          }
        else
          {
            text = r->has_days_of_stock ? ciro_number_format (r->days_of_stock, 0, style) : g_strdup ("∞");
            warn = r->has_days_of_stock && r->days_of_stock < 7;
          }
        if (warn && icon == NULL)
          {
            icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
            gtk_widget_add_css_class (icon, "warning");
            gtk_box_prepend (GTK_BOX (child), icon);
          }
        if (icon != NULL)
          {
            /* xgettext:no-c-format */
            const char *why = col == CIRO_PRODUCT_COL_RETURN_RATE ? _("More than 15 % of units come back")
                                                                  : _("Stock lasts less than a week");
            gtk_widget_set_tooltip_text (icon, warn ? why : NULL);
            gtk_widget_set_opacity (icon, warn ? 1 : 0);
          }
        gtk_label_set_text (GTK_LABEL (label), text);
        return;
      }
    case CIRO_PRODUCT_COL_STOCK: text = ciro_count_format (r->stock, style); break;
    case CIRO_PRODUCT_COL_DAILY_SALES: text = ciro_number_format (r->daily_sales, r->daily_sales > 0 && r->daily_sales < 0.1 ? 2 : 1, style); break;
    case CIRO_PRODUCT_COL_SCORE:
    case CIRO_PRODUCT_N_COLUMNS:
    default:
      {
        text = r->has_score ? ciro_number_format (r->score, 0, style) : g_strdup ("—");
        ciro_score_cell_set (CIRO_SCORE_CELL (child), r->has_score ? CLAMP (r->score, 0, 100) : -1, text);
        gtk_widget_set_tooltip_text (child, r->has_score ? score_tooltip ()
                                     : !r->cost_known ? _("No score: the cost is unknown")
                                     : _("No score: no sales in these days"));
        return;
      }
    }
  gtk_label_set_text (GTK_LABEL (child), text);
  set_class (child, css);
}

/* A product as a row, for a window too narrow for the columns: its name,
 * SKU, units and margin; net revenue and profit on the right. */
static GtkWidget *
row_label (GtkWidget *box, float xalign, const char *css)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

/* The narrow row's profit, as shown */
static char *
row_profit_text (CiroProductItem *it)
{
  g_autofree char *profit = ciro_money_format (ciro_product_item_get_profit (it), ciro_number_style_from_locale ());

  /* TRANSLATORS: a product's profit, in the narrow product list */
  return ciro_product_item_get_row (it)->cost_known ? g_strdup_printf (_("profit %s"), profit)
                                                    : g_strdup (_("Cost unknown"));
}

static void
row_setup (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *left = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *right = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label;

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_hexpand (left, TRUE);
  gtk_widget_set_valign (right, GTK_ALIGN_CENTER);
  gtk_widget_set_name (row_label (left, 0, NULL), "name");
  label = row_label (left, 0, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_name (label, "sku");
  label = row_label (left, 0, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_name (label, "details");
  /* the money in full: the name gives way */
  label = row_label (right, 1, "numeric");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_widget_set_name (label, "revenue");
  label = row_label (right, 1, "caption");
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_NONE);
  gtk_widget_set_name (label, "profit");
  gtk_box_append (GTK_BOX (box), left);
  gtk_box_append (GTK_BOX (box), right);
  gtk_list_item_set_child (item, box);
}

static void
row_bind (GtkSignalListItemFactory *f, GtkListItem *item, gpointer data)
{
  CiroProductItem *it = gtk_list_item_get_item (item);
  const CiroProductRow *r = ciro_product_item_get_row (it);
  CiroKurus profit_v = ciro_product_item_get_profit (it);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *left = gtk_widget_get_first_child (box), *right = gtk_widget_get_last_child (box);
  GtkWidget *profit_label = gtk_widget_get_last_child (right);
  CiroNumberStyle style = ciro_number_style_from_locale ();
  g_autofree char *units = ciro_count_format (r->units, style);
  g_autofree char *units_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s unit", "%s units",
                                                              (gulong) ABS (r->units)), units);
  g_autofree char *margin = r->has_margin ? ciro_percent_format (ciro_product_item_get_margin (it), 1, style)
                                          : g_strdup ("—");
  /* TRANSLATORS: units sold and margin, in the narrow product list */
  g_autofree char *details = g_strdup_printf (_("%s · margin %s"), units_text, margin);
  g_autofree char *revenue = ciro_money_format (r->revenue, style);
  g_autofree char *profit_text = row_profit_text (it);

  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (left)), r->name ? r->name : r->sku);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_next_sibling (gtk_widget_get_first_child (left))), r->sku ? r->sku : "");
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_last_child (left)), details);
  gtk_label_set_text (GTK_LABEL (gtk_widget_get_first_child (right)), revenue);
  gtk_label_set_text (GTK_LABEL (profit_label), profit_text);
  set_class (profit_label, !r->cost_known ? "warning" : profit_v < 0 ? "error" : NULL);
}

static GtkColumnViewColumn *
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
  return column;
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

/* The money columns as wide as the widest figure loaded: fixed widths
 * cut "₺1,447,716…" on a store whose products sell millions. The widest
 * text of a column is that of its largest or its most negative value
 * (one format for all); the profit column shows either view's. */
static void
size_money_columns (CiroProductsPage *self, const GArray *rows)
{
  static const CiroProductColumn money[] = { CIRO_PRODUCT_COL_REVENUE, CIRO_PRODUCT_COL_COST,
                                             CIRO_PRODUCT_COL_COMMISSION, CIRO_PRODUCT_COL_PROFIT };
  CiroNumberStyle style = ciro_number_style_from_locale ();

  for (guint m = 0; m < G_N_ELEMENTS (money); m++)
    {
      CiroKurus hi = 0, lo = 0;
      int width = 0;

      for (guint i = 0; i < rows->len; i++)
        {
          const CiroProductRow *r = &g_array_index (rows, CiroProductRow, i);
          CiroKurus v[2] = { 0, 0 };

          switch (money[m])
            {
            case CIRO_PRODUCT_COL_REVENUE: v[0] = v[1] = r->revenue; break;
            case CIRO_PRODUCT_COL_COST: v[0] = v[1] = r->cost; break;
            case CIRO_PRODUCT_COL_COMMISSION: v[0] = v[1] = r->commission; break;
            default: v[0] = r->profit; v[1] = r->profit_ex_vat; break;
            }
          for (guint k = 0; k < 2; k++)
            {
              hi = MAX (hi, v[k]);
              lo = MIN (lo, v[k]);
            }
        }
      for (guint k = 0; k < 2; k++)
        {
          g_autofree char *text = ciro_money_format (k == 0 ? hi : lo, style);
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->column_view), text);
          int w = 0;

          pango_layout_get_pixel_size (layout, &w, NULL);
          width = MAX (width, w);
        }
      /* the cell's padding and the column's separator, with room for the
       * numeric style's figures */
      self->money_width[money[m]] = width + width / 20 + 24;
      {
        int fixed = MAX (self->default_width[money[m]], self->money_width[money[m]]);

        if (money[m] == CIRO_PRODUCT_COL_PROFIT)
          fixed = MAX (fixed, self->after_vat ? 135 : 100);
        gtk_column_view_column_set_fixed_width (self->columns[money[m]], fixed);
      }
    }
}

/* A load's list items, made on a worker thread: a product's item folds
 * its name and codes for the search and makes its collation key, about
 * 10 µs each, and a large store ranks tens of thousands of products
 * (86,730 at ten million orders: most of a second the window could not
 * draw). Only the splice into the list runs on the main thread. */
typedef struct {
  CiroProductsReport *report;
  gboolean            after_vat;
  GPtrArray          *items;
} ItemsJob;

static void
items_job_free (gpointer data)
{
  ItemsJob *job = data;

  g_clear_pointer (&job->report, ciro_products_report_free);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_free (job);
}

static void
make_items (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  ItemsJob *job = data;
  CiroProductsReport *r = job->report;

  job->items = g_ptr_array_new_full (r->rows->len, g_object_unref);
  for (guint i = 0; i < r->rows->len; i++)
    {
      CiroProductRow *row = &g_array_index (r->rows, CiroProductRow, i);
      CiroProductItem *it;

      if (i % 1024 == 0 && g_task_return_error_if_cancelled (task))
        return;
      it = ciro_product_item_new (row, g_hash_table_lookup (r->codes, &row->product_key));
      ciro_product_item_set_after_vat (it, job->after_vat);
      ciro_product_item_set_image_url (it, g_hash_table_lookup (r->images, &row->product_key));
      g_ptr_array_add (job->items, it);
    }
  g_task_return_boolean (task, TRUE);
}

static void
items_made (GObject *source, GAsyncResult *result, gpointer data)
{
  CiroProductsPage *self = CIRO_PRODUCTS_PAGE (source);
  ItemsJob *job = g_task_get_task_data (G_TASK (result));
  CiroProductsReport *r = job->report;

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    return;                           /* a newer load replaced it, or the page is gone */
  /* the VAT view may have changed meanwhile */
  if (job->after_vat != self->after_vat)
    for (guint i = 0; i < job->items->len; i++)
      ciro_product_item_set_after_vat (g_ptr_array_index (job->items, i), self->after_vat);
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       job->items->pdata, job->items->len);
  update_marketplaces (self, r->names);
  size_money_columns (self, r->rows);
  self->unmatched_lines = r->unmatched_lines;
  gtk_widget_set_visible (self->unmatched_button, r->unmatched_lines > 0);
  refilter (self);
  gtk_stack_set_visible_child_name (self->stack, r->has_orders ? "data" : "empty");
  /* the previous load's items are gone: their memory back to the system */
  ciro_context_release_memory (self->context);
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroProductsPage) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroProductsReport) r = ciro_report_service_products_finish (CIRO_REPORT_SERVICE (source), result,
                                                                        &error);
  g_autoptr(GTask) task = NULL;
  ItemsJob *job;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                           /* a newer load replaced it, or the page is gone */
  /* the items of a load before this one are not wanted any more */
  g_cancellable_cancel (self->items_cancellable);
  g_clear_object (&self->items_cancellable);
  if (r == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  self->items_cancellable = g_cancellable_new ();
  job = g_new0 (ItemsJob, 1);
  job->report = g_steal_pointer (&r);
  job->after_vat = self->after_vat;
  task = g_task_new (self, self->items_cancellable, items_made, NULL);
  g_task_set_source_tag (task, loaded);
  g_task_set_task_data (task, job, items_job_free);
  g_task_run_in_thread (task, make_items);
}

void
ciro_products_page_reload (CiroProductsPage *self)
{
  CiroReportFilter f;

  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));

  if (self->binding)
    return;                           /* one load once every saved filter is read */
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
  if (id == NULL || !ciro_range_preset_from_id (id, &preset) || preset == CIRO_RANGE_CUSTOM)
    return FALSE;
  self->preset = preset;
  self->updating = TRUE;
  gtk_drop_down_set_selected (self->range_drop, preset);
  self->updating = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RANGE]);
  ciro_products_page_reload (self);
  return TRUE;
}

void
ciro_products_page_set_marketplace (CiroProductsPage *self, const char *marketplace)
{
  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  g_free (self->marketplace);
  self->marketplace = marketplace && *marketplace ? g_strdup (marketplace) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MARKETPLACE]);
  ciro_products_page_reload (self);
}

void
ciro_products_page_set_category (CiroProductsPage *self, const char *category, const gint64 *keys, guint n)
{
  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  g_clear_pointer (&self->category, g_free);
  g_clear_pointer (&self->category_keys, g_hash_table_unref);
  if (category != NULL)
    {
      g_autofree char *label = NULL;

      self->category = g_strdup (category);
      self->category_keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      for (guint i = 0; i < n; i++)
        g_hash_table_add (self->category_keys, g_memdup2 (&keys[i], sizeof keys[i]));
      /* TRANSLATORS: the Products page's filter by a category, %s; clicking it shows every category */
      label = g_strdup_printf (_("Category: %s"), category);
      adw_button_content_set_label (self->category_content, label);
    }
  gtk_widget_set_visible (self->category_button, category != NULL);
  refilter (self);
}

const char *
ciro_products_page_get_category (CiroProductsPage *self)
{
  g_return_val_if_fail (CIRO_IS_PRODUCTS_PAGE (self), NULL);
  return self->category;
}

static void
category_cleared (CiroProductsPage *self)
{
  ciro_products_page_set_category (self, NULL, NULL, 0);
}

void
ciro_products_page_set_view (CiroProductsPage *self, CiroProductsView view)
{
  GtkToggleButton *buttons[] = { self->best_button, self->worst_button, self->all_button };

  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  g_return_if_fail (view <= CIRO_PRODUCTS_ALL);
  self->view = view;
  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_toggle_button_set_active (buttons[i], i == view);
  gtk_widget_set_sensitive (GTK_WIDGET (self->limit_drop), view != CIRO_PRODUCTS_ALL);
  self->updating = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
  refilter (self);
}

void
ciro_products_page_set_limit (CiroProductsPage *self, guint limit)
{
  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  self->limit = limit;
  self->updating = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    if (limits[i] == limit)
      gtk_drop_down_set_selected (self->limit_drop, i);
  self->updating = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
  refilter (self);
}

void
ciro_products_page_focus_search (CiroProductsPage *self)
{
  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
ciro_products_page_set_search (CiroProductsPage *self, const char *text)
{
  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->search_text, g_free);
  if (text != NULL && *text != '\0')
    {
      self->search = ciro_search_key (text);
      self->search_text = g_strdup (text);
    }
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
view_toggled (CiroProductsPage *self, GtkToggleButton *button)
{
  if (self->updating || !gtk_toggle_button_get_active (button))
    return;
  ciro_products_page_set_view (self, button == self->best_button ? CIRO_PRODUCTS_BEST
                                     : button == self->worst_button ? CIRO_PRODUCTS_WORST : CIRO_PRODUCTS_ALL);
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

/* products.unknown-costs: the SKUs whose cost is unknown, to map them */
static void
unknown_costs_activated (GtkWidget *widget, const char *action, GVariant *param)
{
  CiroProductsPage *self = CIRO_PRODUCTS_PAGE (widget);
  GtkWidget *dialog = ciro_unmatched_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->context);

  /* mapping a SKU changes the figures */
  gtk_window_present (GTK_WINDOW (dialog));
}

void
ciro_products_page_set_narrow (CiroProductsPage *self, gboolean narrow)
{
  g_return_if_fail (CIRO_IS_PRODUCTS_PAGE (self));
  if (self->narrow == !!narrow)
    return;
  self->narrow = !!narrow;
  /* only the shown list has the model: GTK 4.8 makes widgets for up to
   * 200 rows of a list's model, shown or not (about 30 MB for the columns
   * of every product), so the hidden one makes none; and neither holds
   * it while the page is hidden (ciro-list-when-shown.h) */
  ciro_list_when_shown_set_model (GTK_WIDGET (self->row_view), self->narrow ? self->selection : NULL);
  ciro_list_when_shown_set_model (GTK_WIDGET (self->column_view), self->narrow ? NULL : self->selection);
  if (!g_str_equal (gtk_stack_get_visible_child_name (self->results_stack), "none"))
    gtk_stack_set_visible_child_name (self->results_stack, self->narrow ? "rows" : "list");
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
      gtk_widget_activate_action (GTK_WIDGET (self), "products.unknown-costs", NULL);
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
row_activated (CiroProductsPage *self, guint position)
{
  ciro_products_page_open_product (self, position);
}

/* ---------------------------------------------------------- the VAT view */

static void
update_vat_titles (CiroProductsPage *self)
{
  gtk_column_view_column_set_title (self->profit_column, self->after_vat ? _("Profit after VAT") : _("Profit"));
  gtk_column_view_column_set_title (self->margin_column, self->after_vat ? _("Margin after VAT") : _("Margin"));
  /* the longer titles whole */
  gtk_column_view_column_set_fixed_width (self->profit_column,
                                          MAX (self->after_vat ? 135 : 100, self->money_width[CIRO_PRODUCT_COL_PROFIT]));
  gtk_column_view_column_set_fixed_width (self->margin_column, self->after_vat ? 115 : 70);
}

/* The setting changed (on the Analytics page): the rows hold both views,
 * so only what is shown and the order change, without a new query. */
static void
vat_view_changed (CiroProductsPage *self)
{
  GListModel *model = G_LIST_MODEL (self->items);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) items = g_ptr_array_new_full (n, g_object_unref);

  self->after_vat = ciro_vat_view_get (ciro_context_get_settings (self->context));
  update_vat_titles (self);
  for (guint i = 0; i < n; i++)
    {
      CiroProductItem *it = g_list_model_get_item (model, i);
      ciro_product_item_set_after_vat (it, self->after_vat);
      g_ptr_array_add (items, it);
    }
  /* the same items again: every cell is bound anew, the order sorted anew */
  g_list_store_splice (self->items, 0, n, items->pdata, n);
  refilter (self);
}

gboolean
ciro_products_page_get_after_vat (CiroProductsPage *self)
{
  g_return_val_if_fail (CIRO_IS_PRODUCTS_PAGE (self), TRUE);
  return self->after_vat;
}

/* ---------------------------------------------------------- the object */

static void
ciro_products_page_constructed (GObject *object)
{
  CiroProductsPage *self = CIRO_PRODUCTS_PAGE (object);
  GSettings *settings;

  G_OBJECT_CLASS (ciro_products_page_parent_class)->constructed (object);

  settings = ciro_context_get_settings (self->context);
  g_signal_connect_object (self->context, "store-changed", G_CALLBACK (ciro_products_page_reload), self,
                           G_CONNECT_SWAPPED);
  self->after_vat = ciro_vat_view_get (settings);
  update_vat_titles (self);
  ciro_vat_view_connect (settings, G_CALLBACK (vat_view_changed), self);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->summary))),
                              ciro_vat_view_label_new (settings), GTK_WIDGET (self->summary));

  /* the filters of last time, saved as they change; read once: a page does
   * not follow the choices made in another window */
  self->binding = TRUE;
  g_settings_bind (settings, "products-marketplace", self, "marketplace",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (settings, "products-view", self, "view",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (settings, "products-limit", self, "limit",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  g_settings_bind (settings, "products-range", self, "range",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  self->binding = FALSE;
  ciro_products_page_reload (self);
}

static void
ciro_products_page_dispose (GObject *object)
{
  CiroProductsPage *self = CIRO_PRODUCTS_PAGE (object);

  g_cancellable_cancel (self->items_cancellable);
  g_clear_object (&self->items_cancellable);
  if (self->context != NULL)
    {
      ciro_report_service_cancel (ciro_context_get_reports (self->context), self);
      g_settings_unbind (self, "marketplace");
      g_settings_unbind (self, "view");
      g_settings_unbind (self, "limit");
      g_settings_unbind (self, "range");
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->sliced);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->view_sorter);
  g_clear_object (&self->items);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_products_page_parent_class)->dispose (object);
}

static void
ciro_products_page_finalize (GObject *object)
{
  CiroProductsPage *self = CIRO_PRODUCTS_PAGE (object);

  g_free (self->marketplace);
  g_free (self->search);
  g_free (self->search_text);
  g_free (self->category);
  g_clear_pointer (&self->category_keys, g_hash_table_unref);
  G_OBJECT_CLASS (ciro_products_page_parent_class)->finalize (object);
}

static void
ciro_products_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CiroProductsPage *self = CIRO_PRODUCTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;
    case PROP_RANGE:
      /* a range that cannot be read leaves the one shown */
      ciro_products_page_set_range_id (self, g_value_get_string (value));
      break;
    case PROP_MARKETPLACE:
      ciro_products_page_set_marketplace (self, g_value_get_string (value));
      break;
    case PROP_VIEW:
      ciro_products_page_set_view (self, g_value_get_enum (value));
      break;
    case PROP_LIMIT:
      ciro_products_page_set_limit (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_products_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CiroProductsPage *self = CIRO_PRODUCTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    case PROP_RANGE:
      g_value_set_string (value, ciro_range_preset_id (self->preset));
      break;
    case PROP_MARKETPLACE:
      g_value_set_string (value, self->marketplace ? self->marketplace : "");
      break;
    case PROP_VIEW:
      g_value_set_enum (value, self->view);
      break;
    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ciro_products_page_class_init (CiroProductsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = ciro_products_page_constructed;
  object_class->dispose = ciro_products_page_dispose;
  object_class->finalize = ciro_products_page_finalize;
  object_class->set_property = ciro_products_page_set_property;
  object_class->get_property = ciro_products_page_get_property;

  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* a preset's id, "last-7-days" … "this-year"; kept in products-range */
  properties[PROP_RANGE] = g_param_spec_string ("range", NULL, NULL, "last-30-days",
                                                G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* "" for every marketplace; kept in products-marketplace */
  properties[PROP_MARKETPLACE] = g_param_spec_string ("marketplace", NULL, NULL, "",
                                                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                      G_PARAM_STATIC_STRINGS);
  /* best, worst or all; kept in products-view */
  properties[PROP_VIEW] = g_param_spec_enum ("view", NULL, NULL, CIRO_TYPE_PRODUCTS_VIEW, CIRO_PRODUCTS_BEST,
                                             G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* how many the best and worst lists show, 0 for all; kept in products-limit */
  properties[PROP_LIMIT] = g_param_spec_uint ("limit", NULL, NULL, 0, G_MAXUINT, 25,
                                              G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "products.unknown-costs", NULL, unknown_costs_activated);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/ciroapp/Ciro/ui/ciro-products-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, range_drop);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, range_names);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, mp_drop);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, mp_names);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, best_button);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, worst_button);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, all_button);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, limit_drop);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, limit_names);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, results_stack);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, none_page);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, unmatched_button);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, category_button);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, category_content);
  gtk_widget_class_bind_template_callback (widget_class, category_cleared);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, summary);
  gtk_widget_class_bind_template_child (widget_class, CiroProductsPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, range_selected);
  gtk_widget_class_bind_template_callback (widget_class, mp_selected);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled);
  gtk_widget_class_bind_template_callback (widget_class, limit_selected);
  gtk_widget_class_bind_template_callback (widget_class, search_changed);
  gtk_widget_class_bind_template_callback (widget_class, row_activated);
}

static void
ciro_products_page_init (CiroProductsPage *self)
{
  g_autoptr(GtkMultiSorter) sorter = gtk_multi_sorter_new ();
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

  self->preset = CIRO_RANGE_LAST_30_DAYS;
  self->view = CIRO_PRODUCTS_BEST;
  self->limit = 25;
  self->after_vat = TRUE;

  self->updating = TRUE;              /* filling the lists is no choice of the user's */
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < CIRO_RANGE_CUSTOM; i++)
    gtk_string_list_append (self->range_names, _(ciro_range_preset_label (i)));
  gtk_string_list_append (self->mp_names, _("All Marketplaces"));
  gtk_drop_down_set_expression (self->mp_drop, ciro_marketplace_name_expression ());
  for (guint i = 0; i < G_N_ELEMENTS (limits); i++)
    {
      g_autofree char *text = limits[i] ? g_strdup_printf (_("Top %u"), limits[i]) : g_strdup (_("Every product"));
      gtk_string_list_append (self->limit_names, text);
    }
  self->updating = FALSE;

  /* every product, filtered by the view and the search, in the order of
   * a clicked column first, then the view's own (score or revenue), cut
   * to the top N */
  self->items = g_list_store_new (CIRO_TYPE_PRODUCT_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->items)),
                                              GTK_FILTER (g_object_ref (self->filter)));
  for (guint i = 0; i < G_N_ELEMENTS (cols); i++)
    {
      GtkColumnViewColumn *c = add_column (self, _(cols[i].title), cols[i].col, cols[i].expand, cols[i].width);
      self->default_width[cols[i].col] = cols[i].width;
      self->columns[cols[i].col] = c;
      if (cols[i].col == CIRO_PRODUCT_COL_PROFIT)
        self->profit_column = c;
      else if (cols[i].col == CIRO_PRODUCT_COL_MARGIN)
        self->margin_column = c;
    }
  self->view_sorter = gtk_custom_sorter_new (view_compare, self, NULL);
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  gtk_multi_sorter_append (sorter, GTK_SORTER (g_object_ref (self->view_sorter)));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->filtered)),
                                          GTK_SORTER (g_object_ref (sorter)));
  self->sliced = gtk_slice_list_model_new (G_LIST_MODEL (g_object_ref (self->sorted)), 0, 25);
  self->selection = GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->sliced))));
  ciro_list_when_shown_set_model (GTK_WIDGET (self->column_view), self->selection);

  /* the same products as rows, for a narrow window (no AdwBreakpoint in
   * libadwaita 1.2: the window switches, ciro_products_page_set_narrow ()) */
  {
    GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
    GtkWidget *scrolled = gtk_scrolled_window_new ();

    g_signal_connect (factory, "setup", G_CALLBACK (row_setup), NULL);
    g_signal_connect (factory, "bind", G_CALLBACK (row_bind), NULL);
    /* no model until the window is narrow */
    self->row_view = GTK_LIST_VIEW (gtk_list_view_new (NULL, factory));
    gtk_list_view_set_show_separators (self->row_view, TRUE);
    gtk_list_view_set_single_click_activate (self->row_view, TRUE);
    gtk_widget_add_css_class (GTK_WIDGET (self->row_view), "data-table");
    g_signal_connect_swapped (self->row_view, "activate", G_CALLBACK (row_activated), self);
    gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
    gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->row_view));
    gtk_widget_set_vexpand (scrolled, TRUE);
    gtk_widget_add_css_class (scrolled, "card");
    gtk_stack_add_named (self->results_stack, scrolled, "rows");
  }
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

const char *
ciro_products_page_get_marketplace (CiroProductsPage *self)
{
  g_return_val_if_fail (CIRO_IS_PRODUCTS_PAGE (self), NULL);
  return self->marketplace;
}

char *
ciro_products_page_get_text (CiroProductsPage *self, guint position, const char *what)
{
  g_autoptr(CiroProductItem) it = NULL;
  CiroNumberStyle style = ciro_number_style_from_locale ();

  g_return_val_if_fail (CIRO_IS_PRODUCTS_PAGE (self), NULL);
  it = g_list_model_get_item (G_LIST_MODEL (self->sliced), position);
  if (it == NULL)
    return NULL;
  if (g_str_equal (what, "profit"))
    return profit_text (it, style);
  if (g_str_equal (what, "margin"))
    return margin_text (it, style);
  if (g_str_equal (what, "row-profit"))
    return row_profit_text (it);
  if (g_str_equal (what, "profit-title"))
    return g_strdup (gtk_column_view_column_get_title (self->profit_column));
  if (g_str_equal (what, "margin-title"))
    return g_strdup (gtk_column_view_column_get_title (self->margin_column));
  return NULL;
}
