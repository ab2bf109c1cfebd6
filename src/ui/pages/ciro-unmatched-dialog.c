/* ciro-unmatched-dialog.c: SKUs whose cost is unknown, mapped to products
 *
 * Copyright 2026 The Ciro authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ciro-ui"

#include "config.h"

#include <glib/gi18n.h>

#include "analytics/ciro-report-service.h"
#include "core/ciro-date.h"
#include "core/ciro-money.h"
#include "core/ciro-text.h"
#include "ciro-unmatched-dialog.h"

#define MAX_CHOICES 40

struct _CiroUnmatchedDialog
{
  AdwWindow      parent_instance;

  CiroContext   *context;
  GCancellable  *cancellable;
  char          *mapped_sku;    /* mapped, the list being read again */
  char          *mapped_to;
  GArray        *rows;          /* CiroUnmatchedRow */
  GArray        *products;      /* CiroProductRef */
  GPtrArray     *folded;        /* products' "name sku", folded */

  GtkStack      *stack;         /* loading / none / list / error */
  AdwStatusPage *error_page;
  GtkListBox    *list;
  AdwToastOverlay *toasts;
};

G_DEFINE_FINAL_TYPE (CiroUnmatchedDialog, ciro_unmatched_dialog, ADW_TYPE_WINDOW)


enum { PROP_0, PROP_CONTEXT, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
ciro_unmatched_dialog_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    CIRO_UNMATCHED_DIALOG (object)->context = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
ciro_unmatched_dialog_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  if (prop_id == PROP_CONTEXT)
    g_value_set_object (value, CIRO_UNMATCHED_DIALOG (object)->context);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

enum { SIGNAL_LOADED, SIGNAL_MAPPED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void start (CiroUnmatchedDialog *self, const char *sku, const char *product_sku);

/* ---------------------------------------------------------- choosing */

static void
choice_activated (GtkListBox *box, GtkListBoxRow *row, gpointer data)
{
  CiroUnmatchedDialog *self = data;
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (box), GTK_TYPE_POPOVER);
  const char *sku = g_object_get_data (G_OBJECT (popover), "sku");
  const char *product_sku = g_object_get_data (G_OBJECT (row), "product-sku");

  gtk_popover_popdown (GTK_POPOVER (popover));
  start (self, sku, product_sku);
}

static void
fill_choices (CiroUnmatchedDialog *self, GtkListBox *box, const char *query)
{
  g_autofree char *needle = query && *query ? ciro_tr_fold (query) : NULL;
  GtkWidget *child;
  guint n = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
  for (guint i = 0; i < self->products->len && n < MAX_CHOICES; i++)
    {
      CiroProductRef *p = &g_array_index (self->products, CiroProductRef, i);
      GtkWidget *row;

      if (needle != NULL && strstr (self->folded->pdata[i], needle) == NULL)
        continue;
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), p->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), p->sku);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "product-sku", g_strdup (p->sku), g_free);
      gtk_list_box_append (box, row);
      n++;
    }
}

static void
choice_search (GtkSearchEntry *entry, CiroUnmatchedDialog *self)
{
  GtkListBox *box = g_object_get_data (G_OBJECT (entry), "choices");
  fill_choices (self, box, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
popover_shown (GtkPopover *popover, CiroUnmatchedDialog *self)
{
  GtkWidget *entry = g_object_get_data (G_OBJECT (popover), "entry");
  choice_search (GTK_SEARCH_ENTRY (entry), self);
  gtk_widget_grab_focus (entry);
}

/* A popover to find the product a SKU is: typing narrows the list. */
static GtkWidget *
map_button (CiroUnmatchedDialog *self, const char *sku)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *entry = gtk_search_entry_new ();
  GtkWidget *scroll = gtk_scrolled_window_new ();
  GtkWidget *choices = gtk_list_box_new ();

  gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Map…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Choose the product this SKU is"));
  g_object_set (entry, "placeholder-text", _("Product name or SKU"), NULL);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (choices), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (choices, "boxed-list");
  g_signal_connect (choices, "row-activated", G_CALLBACK (choice_activated), self);
  g_object_set_data (G_OBJECT (entry), "choices", choices);
  g_signal_connect (entry, "search-changed", G_CALLBACK (choice_search), self);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroll), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroll), 280);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroll), 340);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroll), choices);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), scroll);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  g_object_set_data_full (G_OBJECT (popover), "sku", g_strdup (sku), g_free);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  /* the list is made when it is first needed, not for every SKU at once */
  g_object_set_data (G_OBJECT (popover), "entry", entry);
  g_signal_connect (popover, "show", G_CALLBACK (popover_shown), self);
  return button;
}

/* ---------------------------------------------------------- showing */

static void
show_rows (CiroUnmatchedDialog *self)
{
  CiroNumberStyle style = ciro_number_style_from_locale ();
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < self->rows->len; i++)
    {
      CiroUnmatchedRow *r = &g_array_index (self->rows, CiroUnmatchedRow, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *lines = ciro_count_format (r->lines, style);
      g_autofree char *revenue = ciro_money_format (r->revenue, style);
      g_autofree char *last = ciro_day_to_string (r->last_day);
      g_autofree char *lines_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s line", "%s lines",
                                                                  (gulong) r->lines), lines);
      /* TRANSLATORS: lines · revenue · the day of the last one */
      g_autofree char *sub = g_strdup_printf (_("%s · %s · last sold %s"), lines_text, revenue, last);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), r->sku);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), sub);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), map_button (self, r->sku));
      gtk_list_box_append (self->list, row);
    }
  gtk_stack_set_visible_child_name (self->stack, self->rows->len ? "list" : "none");
}

static void
loaded (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroUnmatchedDialog) self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CiroUnmatchedReport) r = ciro_report_service_unmatched_finish (CIRO_REPORT_SERVICE (source), result,
                                                                          &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;                           /* a newer load replaced it, or the dialog is gone */
  if (r == NULL)
    {
      if (self->rows != NULL && self->mapped_sku != NULL)
        adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      else
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      g_clear_pointer (&self->mapped_sku, g_free);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->products, g_array_unref);
  g_clear_pointer (&self->folded, g_ptr_array_unref);
  self->rows = g_steal_pointer (&r->rows);
  self->products = g_steal_pointer (&r->products);
  self->folded = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < self->products->len; i++)
    {
      CiroProductRef *p = &g_array_index (self->products, CiroProductRef, i);
      g_autofree char *both = g_strconcat (p->name ? p->name : "", " ", p->sku, NULL);
      g_ptr_array_add (self->folded, ciro_tr_fold (both));
    }
  show_rows (self);
  if (self->mapped_sku != NULL)
    {
      /* TRANSLATORS: a SKU was mapped to a product's SKU */
      g_autofree char *text = g_strdup_printf (_("%s is now counted as %s"), self->mapped_sku, self->mapped_to);
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (text));
      g_clear_pointer (&self->mapped_sku, g_free);
      g_clear_pointer (&self->mapped_to, g_free);
      g_signal_emit (self, signals[SIGNAL_MAPPED], 0);
      /* costs changed, and every figure with them */
      ciro_context_store_changed (self->context);
    }
  g_signal_emit (self, signals[SIGNAL_LOADED], 0);
}

static void
load (CiroUnmatchedDialog *self)
{
  if (self->rows == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  ciro_report_service_unmatched_async (ciro_context_get_reports (self->context), self, self->cancellable, loaded,
                                       g_object_ref (self));
}

static void
sku_mapped (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(CiroUnmatchedDialog) self = data;
  g_autoptr(GError) error = NULL;
  gboolean ok = ciro_report_service_map_sku_finish (CIRO_REPORT_SERVICE (source), result, &error);

  if (self->context == NULL)
    return;                           /* the dialog is gone */
  if (!ok)
    {
      adw_toast_overlay_add_toast (self->toasts, adw_toast_new (error->message));
      g_clear_pointer (&self->mapped_sku, g_free);
      g_clear_pointer (&self->mapped_to, g_free);
      g_signal_emit (self, signals[SIGNAL_LOADED], 0);
      return;
    }
  load (self);
}

static void
start (CiroUnmatchedDialog *self, const char *sku, const char *product_sku)
{
  if (sku == NULL)
    {
      load (self);
      return;
    }
  g_free (self->mapped_sku);
  g_free (self->mapped_to);
  self->mapped_sku = g_strdup (sku);
  self->mapped_to = g_strdup (product_sku);
  /* the mapping is a write: never dropped by the next one */
  ciro_report_service_map_sku_async (ciro_context_get_reports (self->context), sku, product_sku, NULL, sku_mapped,
                                     g_object_ref (self));
}

void
ciro_unmatched_dialog_map (CiroUnmatchedDialog *self, const char *sku, const char *product_sku)
{
  g_return_if_fail (CIRO_IS_UNMATCHED_DIALOG (self));
  start (self, sku, product_sku);
}

GPtrArray *
ciro_unmatched_dialog_get_skus (CiroUnmatchedDialog *self)
{
  GPtrArray *skus = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    g_ptr_array_add (skus, g_strdup (g_array_index (self->rows, CiroUnmatchedRow, i).sku));
  return skus;
}

/* ---------------------------------------------------------- building */

static void
ciro_unmatched_dialog_dispose (GObject *object)
{
  CiroUnmatchedDialog *self = CIRO_UNMATCHED_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->products, g_array_unref);
  g_clear_pointer (&self->folded, g_ptr_array_unref);
  g_clear_pointer (&self->mapped_sku, g_free);
  g_clear_pointer (&self->mapped_to, g_free);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (ciro_unmatched_dialog_parent_class)->dispose (object);
}

static void
ciro_unmatched_dialog_class_init (CiroUnmatchedDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = ciro_unmatched_dialog_dispose;
  G_OBJECT_CLASS (klass)->set_property = ciro_unmatched_dialog_set_property;
  G_OBJECT_CLASS (klass)->get_property = ciro_unmatched_dialog_get_property;
  properties[PROP_CONTEXT] = g_param_spec_object ("context", NULL, NULL, CIRO_TYPE_CONTEXT,
                                                  G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (G_OBJECT_CLASS (klass), N_PROPS, properties);
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0, "window.close", NULL);
  signals[SIGNAL_LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_MAPPED] = g_signal_new ("mapped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                         0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ciro_unmatched_dialog_init (CiroUnmatchedDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *none = adw_status_page_new ();

  self->cancellable = g_cancellable_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Unknown Costs"));
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 600);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("SKUs Without a Product"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
    _("Ciro could not match these SKUs to a product, so their cost counts as zero and profit looks "
      "higher than it is. Tell Ciro which product each one is."));
  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->list));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (group));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_widget_set_halign (spinner, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
  gtk_stack_add_named (self->stack, spinner, "loading");
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (none), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (none), _("Every Cost Is Known"));
  adw_status_page_set_description (ADW_STATUS_PAGE (none), _("Each sold SKU is matched to a product."));
  gtk_stack_add_named (self->stack, none, "none");
  gtk_stack_add_named (self->stack, page, "list");
  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-error-symbolic");
  adw_status_page_set_title (self->error_page, _("The SKUs Cannot Be Read"));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "error");
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);

  self->toasts = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (self->toasts, GTK_WIDGET (self->stack));
  gtk_widget_set_vexpand (GTK_WIDGET (self->toasts), TRUE);
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->toasts));
  adw_window_set_content (ADW_WINDOW (self), box);
}

GtkWidget *
ciro_unmatched_dialog_new (GtkWindow *parent, CiroContext *context)
{
  CiroUnmatchedDialog *self;

  g_return_val_if_fail (CIRO_IS_CONTEXT (context), NULL);
  self = g_object_new (CIRO_TYPE_UNMATCHED_DIALOG, "transient-for", parent, "context", context, NULL);
  start (self, NULL, NULL);
  return GTK_WIDGET (self);
}
