/* ciro-sku-map-row.c: an unknown SKU with a button to say which product it is
 *
 * The button opens a popover listing the products; typing narrows the
 * list (Turkish-folded, so "cicek" finds "Çiçek"). The list is made when
 * the popover is first shown, not for every SKU at once.
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "analytics/ciro-report-live.h"
#include "core/ciro-text.h"
#include "ciro-sku-map-row.h"

#define MAX_CHOICES 40

struct _CiroSkuMapRow
{
  AdwActionRow  parent_instance;

  char         *sku;
  GArray       *products;     /* CiroProductRef */
  GPtrArray    *folded;
  GArray       *shown;        /* guint: the product of each choice row, in order */

  GtkPopover   *popover;
  GtkEditable  *entry;
  GtkListBox   *choices;
  char         *suggested;    /* the suggestion's product SKU */
};

G_DEFINE_FINAL_TYPE (CiroSkuMapRow, ciro_sku_map_row, ADW_TYPE_ACTION_ROW)

enum { PROP_0, PROP_SKU, N_PROPS };
static GParamSpec *properties[N_PROPS];

enum { SIGNAL_CHOSEN, N_SIGNALS };
static guint signals[N_SIGNALS];

const char *
ciro_sku_map_row_get_sku (CiroSkuMapRow *self)
{
  g_return_val_if_fail (CIRO_IS_SKU_MAP_ROW (self), NULL);
  return self->sku;
}

static void
fill_choices (CiroSkuMapRow *self)
{
  const char *query = gtk_editable_get_text (self->entry);
  g_autofree char *needle = query && *query ? ciro_tr_fold (query) : NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->choices))) != NULL)
    gtk_list_box_remove (self->choices, child);
  g_array_set_size (self->shown, 0);
  for (guint i = 0; self->products != NULL && i < self->products->len && self->shown->len < MAX_CHOICES; i++)
    {
      CiroProductRef *p = &g_array_index (self->products, CiroProductRef, i);
      GtkWidget *row;

      if (needle != NULL && strstr (self->folded->pdata[i], needle) == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), p->sku);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (self->choices, row);
      g_array_append_val (self->shown, i);
    }
}

static void
choice_activated (CiroSkuMapRow *self, GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);
  g_autofree char *product_sku = NULL;

  if (index < 0 || (guint) index >= self->shown->len)
    return;
  product_sku = g_strdup (g_array_index (self->products, CiroProductRef,
                                         g_array_index (self->shown, guint, index)).sku);
  gtk_popover_popdown (self->popover);
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, product_sku);
}

static void
popover_shown (CiroSkuMapRow *self)
{
  fill_choices (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
accept_clicked (CiroSkuMapRow *self)
{
  g_autofree char *product_sku = g_strdup (self->suggested);
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, product_sku);
}

void
ciro_sku_map_row_set_suggestion (CiroSkuMapRow *self, const char *text, const char *product_sku)
{
  g_autofree char *subtitle = NULL;
  GtkWidget *accept;

  g_return_if_fail (CIRO_IS_SKU_MAP_ROW (self));
  g_return_if_fail (self->suggested == NULL && product_sku != NULL);

  self->suggested = g_strdup (product_sku);
  subtitle = g_strdup_printf ("%s\n%s", adw_action_row_get_subtitle (ADW_ACTION_ROW (self)), text);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self), 4);
  accept = gtk_button_new_with_label (_("Accept"));
  gtk_widget_set_valign (accept, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (accept, _("Map this SKU to the suggested product"));
  g_signal_connect_swapped (accept, "clicked", G_CALLBACK (accept_clicked), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), accept);
}

const char *
ciro_sku_map_row_get_suggested (CiroSkuMapRow *self)
{
  g_return_val_if_fail (CIRO_IS_SKU_MAP_ROW (self), NULL);
  return self->suggested;
}

static void
ciro_sku_map_row_constructed (GObject *object)
{
  CiroSkuMapRow *self = CIRO_SKU_MAP_ROW (object);

  G_OBJECT_CLASS (ciro_sku_map_row_parent_class)->constructed (object);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), self->sku);
}

static void
ciro_sku_map_row_finalize (GObject *object)
{
  CiroSkuMapRow *self = CIRO_SKU_MAP_ROW (object);

  g_free (self->sku);
  g_free (self->suggested);
  g_clear_pointer (&self->products, g_array_unref);
  g_clear_pointer (&self->folded, g_ptr_array_unref);
  g_clear_pointer (&self->shown, g_array_unref);
  G_OBJECT_CLASS (ciro_sku_map_row_parent_class)->finalize (object);
}

static void
ciro_sku_map_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_SKU)
    CIRO_SKU_MAP_ROW (object)->sku = g_value_dup_string (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_sku_map_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_SKU)
    g_value_set_string (value, CIRO_SKU_MAP_ROW (object)->sku);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_sku_map_row_class_init (CiroSkuMapRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = ciro_sku_map_row_constructed;
  object_class->finalize = ciro_sku_map_row_finalize;
  object_class->set_property = ciro_sku_map_row_set_property;
  object_class->get_property = ciro_sku_map_row_get_property;
  properties[PROP_SKU] = g_param_spec_string ("sku", NULL, NULL, NULL,
                                              G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  signals[SIGNAL_CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
ciro_sku_map_row_init (CiroSkuMapRow *self)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scroll = gtk_scrolled_window_new ();

  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->popover = GTK_POPOVER (gtk_popover_new ());
  self->entry = GTK_EDITABLE (gtk_search_entry_new ());
  self->choices = GTK_LIST_BOX (gtk_list_box_new ());

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Map…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Choose the product this SKU is"));
  g_object_set (self->entry, "placeholder-text", _("Product name or SKU"), NULL);
  gtk_list_box_set_selection_mode (self->choices, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->choices), "boxed-list");
  g_signal_connect_swapped (self->choices, "row-activated", G_CALLBACK (choice_activated), self);
  g_signal_connect_swapped (self->entry, "search-changed", G_CALLBACK (fill_choices), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroll), 280);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroll), 340);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), GTK_WIDGET (self->choices));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->entry));
  gtk_box_append (GTK_BOX (box), scroll);
  gtk_popover_set_child (self->popover, box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), GTK_WIDGET (self->popover));
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (popover_shown), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), button);
}

GtkWidget *
ciro_sku_map_row_new (const char *sku, const char *subtitle, GArray *products, GPtrArray *folded)
{
  CiroSkuMapRow *self = g_object_new (CIRO_TYPE_SKU_MAP_ROW, "sku", sku, "subtitle", subtitle, NULL);

  self->products = products ? g_array_ref (products) : NULL;
  self->folded = folded ? g_ptr_array_ref (folded) : NULL;
  return GTK_WIDGET (self);
}
